//! End-of-run aggregation printing of 1,000,000 distinct keys. Target:
//! snapshot + print < 1 s. `snapshot_and_print` is the whole consumer path
//! (`@[arg0] = count()` fired a million times on a driver/core State, then
//! taken into a fresh consumer aggregation store, decoded, sorted and
//! printed); `1M_keys_sorted` is sorting and printing string keys alone.

use criterion::{criterion_group, criterion_main, Criterion};
use dtrace::consumer::aggprint::{print_all, AggData, AggEntry, AggFunc, AggOpts, Aggregation};
use dtrace::consumer::aggstore::KeyType;
use dtrace::consumer::format::FormatCtx;
use dtrace::consumer::session::snapshot;
use dtrace::consumer::value::Value;
use dtrace_core::difo::DifType;
use dtrace_core::isa::{act, diftype};

mod common;

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
    let mut st = common::enable("BEGIN { @[arg0] = count(); }");
    let mut env = common::env();
    for i in 0..KEYS as u64 {
        env.arg0 = i.wrapping_mul(0x9e37_79b9);
        st.fire(1, 0, &mut env);
    }
    let key = [KeyType::value(DifType { kind: diftype::CTF, ckind: 1, flags: 0, size: 8 }, true)];
    let id = st.actions(1).and_then(|a| a.iter().find(|a| act::is_aggregation(a.kind))).map_or(0, |a| a.uarg as u32);
    let n = snapshot(&st, id, &key, 256).entries.len();
    assert_eq!(n, KEYS, "every key fits in the aggregation buffer");
    g.bench_function("snapshot_and_print_1M", |b| {
        b.iter(|| {
            let agg = snapshot(&st, id, &key, 256);
            let mut out = Vec::with_capacity(KEYS * 80);
            print_all(&mut out, &[&agg], &AggOpts::default(), &FormatCtx::default()).expect("prints");
            out.len()
        })
    });
    g.finish();
}

criterion_group!(benches, bench_print);
criterion_main!(benches);
