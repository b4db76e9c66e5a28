//! DIF VM cost per probe firing, through the same path the local engine
//! uses: D compiled to DIF, enabled as a `driver/core` State, fired with a
//! minimal probe environment. Targets: `cnt++` and `@[execname] = count()`
//! at ≤ 30 ns per firing.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

mod common;
use common::{enable, env};

fn bench_vm(c: &mut Criterion) {
    let mut g = c.benchmark_group("vm");
    for (name, clause) in [("cnt++", "BEGIN { cnt++; }"), ("count_by_execname", "BEGIN { @[execname] = count(); }")] {
        let mut st = enable(clause);
        let mut env = env();
        g.bench_function(name, |b| b.iter(|| st.fire(black_box(1), 0, &mut env)));
    }
    g.finish();
}

criterion_group!(benches, bench_vm);
criterion_main!(benches);
