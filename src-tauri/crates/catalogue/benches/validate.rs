//! Validating 10,000 mixed channels (all 16 kinds, one in four with problems); target:
//! under 100 ms for the whole set. Prints one timed pass, then lets criterion measure.

use criterion::{criterion_group, criterion_main, Criterion};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::hint::black_box;
use std::time::Instant;
use switchboard_catalogue::{example_document, validate, validate_set, Kind};

fn channels(n: usize) -> Vec<(Value, BTreeSet<String>)> {
    (0..n)
        .map(|i| {
            let kind = Kind::ALL[i % Kind::ALL.len()];
            let (mut doc, secrets) = example_document(kind);
            doc["general"]["name"] = json!(format!("Channel {i}"));
            doc["signatures"] = json!([{"language": "fr", "body": "Cordialement"}, {"language": "en", "body": "Regards"}]);
            if i % 4 == 0 {
                doc["routing"]["case_boost"] = json!(42);
                doc["general"]["icon_colour"] = json!("blue");
            }
            (doc, secrets)
        })
        .collect()
}

fn validate_all(set: &[(Value, BTreeSet<String>)]) -> usize {
    set.iter().map(|(d, s)| validate(d, s).len()).sum()
}

fn bench(c: &mut Criterion) {
    let set = channels(10_000);
    let docs: Vec<Value> = set.iter().map(|(d, _)| d.clone()).collect();
    // One warm-up pass (first-touch page faults, schema initialisation), then one timed
    // pass of each, printed for the record; criterion's figures follow.
    black_box(validate_all(&set));
    let start = Instant::now();
    let problems = validate_all(&set);
    let one = start.elapsed();
    let start = Instant::now();
    let cross = validate_set(&docs).len();
    let across = start.elapsed();
    println!(
        "validate: 10,000 mixed channels in {:.1} ms ({problems} problems; target < 100 ms); \
         validate_set: {:.1} ms ({cross} problems across channels)",
        one.as_secs_f64() * 1000.0,
        across.as_secs_f64() * 1000.0
    );
    let mut g = c.benchmark_group("catalogue");
    g.sample_size(10);
    g.bench_function("validate 10,000 mixed channels", |b| {
        b.iter(|| validate_all(black_box(&set)))
    });
    g.bench_function("validate_set 10,000 channels", |b| {
        b.iter(|| validate_set(black_box(&docs)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
