//! An export file of N valid channels (the 16 kinds in turn, each the catalogue's own
//! example with a distinct name), for the whole-app benchmarks to import:
//! `cargo run -p switchboard-catalogue --example channels_file -- 10000 > channels.json`

use serde_json::{json, Value};
use switchboard_catalogue::{example_document, Kind};

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1000);
    let examples: Vec<Value> = Kind::ALL.iter().map(|k| example_document(*k).0).collect();
    let channels: Vec<Value> = (0..n)
        .map(|i| {
            let mut doc = examples[i % examples.len()].clone();
            // Names a search can single out: "Channel 00042 email".
            let kind = doc["kind"].as_str().unwrap_or("channel").to_owned();
            doc["general"]["name"] = json!(format!("Channel {i:05} {kind}"));
            doc
        })
        .collect();
    let file = json!({"format": "switchboard.channels", "version": 1,
                      "exported_at": "2026-01-01T00:00:00Z", "channels": channels});
    println!("{file}");
}
