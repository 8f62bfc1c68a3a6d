//! What one truth about validity costs (issue 12): the re-check of every channel when the
//! store opens, and an import that re-checks what it brought and the names it touched.
//! 1,000 and 10,000 channels of all 16 kinds in a file-backed store; prints one timed
//! pass of each (no criterion: the figures are for the README, nothing is asserted).

use serde_json::{json, Value};
use std::time::Instant;
use switchboard_catalogue::{example_document, Kind};
use switchboard_channels::{ChannelService, ImportOutcome};
use switchboard_store::{Store, EXPORT_FORMAT};
use switchboard_vault::{MemoryKeySource, Vault};

fn main() {
    for n in [1_000usize, 10_000] {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("switchboard.sqlite3")).unwrap();
        let mut s = ChannelService::new(store, Vault::new(MemoryKeySource::random()));
        let channels: Vec<Value> = (0..n)
            .map(|i| {
                let (mut doc, _) = example_document(Kind::ALL[i % Kind::ALL.len()]);
                doc["general"]["name"] = json!(format!("Channel {i}"));
                doc
            })
            .collect();
        let file = dir.path().join("channels.json");
        std::fs::write(
            &file,
            json!({"format": EXPORT_FORMAT, "version": 1, "channels": channels}).to_string(),
        )
        .unwrap();
        let start = Instant::now();
        let ImportOutcome::Imported { report } = s.import_from(&file).unwrap() else {
            panic!("refused")
        };
        let import = start.elapsed();
        // Twice: the first pass at a start after an older version may mend columns; the
        // second is the common start, where nothing changes.
        let start = Instant::now();
        let mended = s.recheck_all().unwrap();
        let first = start.elapsed();
        let start = Instant::now();
        let again = s.recheck_all().unwrap();
        let second = start.elapsed();
        println!(
            "recheck: {n} channels — import with re-check {:.0} ms ({} channels); re-check \
             at start {:.0} ms ({mended} changed), again {:.0} ms ({again} changed)",
            import.as_secs_f64() * 1000.0,
            report.channels.len(),
            first.as_secs_f64() * 1000.0,
            second.as_secs_f64() * 1000.0,
        );
    }
}
