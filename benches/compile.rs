//! Compile speed: a generated 10,000-line D program (many clauses,
//! aggregations, associative arrays, thread-locals, printf formats) through
//! the whole front end — lexer, parser, semantic checks, with kernel types
//! from BTF when the machine has them. Target: < 50 ms.

use criterion::{criterion_group, criterion_main, Criterion};
use dtrace::consumer::probes::KnownProviders;
use dtrace::parser::{compile, CompileOptions, Origin};
use std::fmt::Write;

/// About `lines` lines of varied, valid D.
fn generate(lines: usize) -> String {
    let mut s =
        String::from("#pragma D option quiet\n\ninline int LIMIT = 100;\n\nstruct pair { int a; long b; };\n\n");
    let mut i = 0;
    while s.lines().count() < lines {
        let probe = match i % 4 {
            0 => "BEGIN".to_string(),
            1 => format!("tick-{}ms", 1 + i % 50),
            2 => format!("profile-{}", 97 + i % 7),
            _ => "END".to_string(),
        };
        write!(
            s,
            "{probe}\n/counter_{i} < LIMIT && execname != \"sshd\"/\n{{\n\
             \tcounter_{i}++;\n\
             \tself->ts_{i} = timestamp;\n\
             \tthis->delta = timestamp - self->ts_{i};\n\
             \tbytes_{i}[pid, execname] = this->delta * 2 + (this->delta >> 3);\n\
             \t@count_{i}[probefunc, cpu] = count();\n\
             \t@lat_{i} = quantize(this->delta);\n\
             \t@lin_{i}[execname] = lquantize(this->delta % 1000, 0, 1000, 10);\n\
             \tprintf(\"%s %d %x %5.2d\\n\", execname, pid, tid, counter_{i});\n\
             \ttrace(strlen(execname) + sizeof (struct pair));\n\
             }}\n\n"
        )
        .expect("writing to a String cannot fail");
        i += 1;
    }
    s
}

fn bench_compile(c: &mut Criterion) {
    let text = generate(10_000);
    let catalog = KnownProviders::new();
    let opts = CompileOptions { macro_args: vec!["bench.d".into()], ..Default::default() };
    let origin = Origin::Script("bench.d".into());
    // Fail loudly if the generated program stops compiling.
    if let Err(e) = compile(&text, &origin, &opts, &catalog) {
        panic!("generated program does not compile: {}", e.render(&origin, true));
    }
    let mut g = c.benchmark_group("compile");
    g.sample_size(20);
    g.bench_function("10k_lines", |b| b.iter(|| compile(&text, &origin, &opts, &catalog).map(|_| ())));
    g.finish();
}

criterion_group!(benches, bench_compile);
criterion_main!(benches);
