//! End-of-run aggregation printing: 1,000,000 distinct string keys sorted
//! by value and printed as dtrace(1) prints them. Target: < 1 s together
//! with the snapshot.

use criterion::{criterion_group, criterion_main, Criterion};
use dtrace::consumer::aggprint::{print_all, AggData, AggEntry, AggFunc, AggOpts, Aggregation};
use dtrace::consumer::format::FormatCtx;
use dtrace::consumer::value::Value;

const KEYS: usize = 1_000_000;

/// `@[name] = count()` over a million names, in the scrambled order a
/// hash-table walk would give.
fn aggregation() -> Aggregation {
    let entries = (0..KEYS)
        .map(|i| AggEntry {
            keys: vec![Value::string(format!("proc{:07}", (i * 7919) % KEYS).as_bytes(), 256)],
            data: AggData::Scalar((i % 1000) as i64),
        })
        .collect();
    Aggregation { id: 1, func: AggFunc::Count, normal: 1, entries }
}

fn bench_print(c: &mut Criterion) {
    let agg = aggregation();
    let mut g = c.benchmark_group("aggprint");
    g.sample_size(10);
    g.bench_function("1M_keys_sorted", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(KEYS * 80);
            print_all(&mut out, &[&agg], &AggOpts::default(), &FormatCtx::default()).expect("prints");
            out.len()
        })
    });
    g.finish();
}

criterion_group!(benches, bench_print);
criterion_main!(benches);
