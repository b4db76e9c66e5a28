//! Integration tests: the D corpus under `tests/d` and what a user sees from
//! the `dtrace` command line.
//!
//! `tests/d/pass/*.d` must compile (`dtrace -e`: exit 0, nothing on stderr);
//! `tests/d/fail/*.d` must fail with the tag, line and (when given) message in
//! their header comment; `tests/d/run/*.d` run on the local engine and must
//! print exactly `FILE.out` and `FILE.err` and exit with `@@status`. See
//! `util::Fixture` for the directives.

mod props;
mod runtime;
mod targets;
mod util;

use util::{compile_error_prefix, dtrace, Fixture};

#[test]
fn pass_corpus() {
    util::run_corpus("pass", 150);
}

#[test]
fn fail_corpus() {
    util::run_corpus("fail", 150);
}

#[test]
fn run_corpus() {
    util::run_corpus("run", 300);
}

#[test]
fn version_line() {
    // dtrace.c prints "%s: %s\n" with the program name and _dtrace_version,
    // DT_VERS_STRING in dt_open.c. "Sun D 1.12.1" is the latest illumos
    // release (FreeBSD has moved on to 1.13 with its jail variables).
    let run = dtrace(&["-V"]);
    assert_eq!(run.status, Some(0), "stderr: {}", run.stderr);
    assert_eq!(run.stdout, "dtrace: Sun D 1.12.1\n");
}

#[test]
fn usage_errors_exit_2() {
    let run = dtrace(&[]);
    assert_eq!(run.status, Some(2), "no arguments: stderr {:?}", run.stderr);
    assert!(run.stderr.starts_with("Usage: dtrace "), "usage text: {:?}", run.stderr);

    let run = dtrace(&["-e", "-Q", "-n", "BEGIN"]);
    assert_eq!(run.status, Some(2), "unknown flag: stderr {:?}", run.stderr);
}

#[test]
fn probe_specifier_compile_error() {
    // Without a file there is no line number; the region label set while
    // cooking the action list takes its place.
    let spec = "BEGIN { trace(nosuchvar); }";
    let run = dtrace(&["-e", "-n", spec]);
    assert_eq!(run.status, Some(1));
    assert_eq!(
        run.stderr,
        format!("dtrace: invalid probe specifier {spec}: in action list: failed to resolve nosuchvar: Unknown variable name\n")
    );
}

#[test]
fn probe_specifier_syntax_error() {
    let spec = "BEGIN { trace(1 }";
    let run = dtrace(&["-e", "-n", spec]);
    assert_eq!(run.status, Some(1));
    assert_eq!(run.stderr, format!("dtrace: invalid probe specifier {spec}: syntax error near \"}}\"\n"));
}

#[test]
fn probe_specifier_with_errtags() {
    // A parse-time error: no region label, the tag still comes first.
    let spec = "BEGIN { x = 1 / 0; }";
    let run = dtrace(&["-e", "-x", "errtags", "-n", spec]);
    assert_eq!(run.status, Some(1));
    assert_eq!(
        run.stderr,
        format!("dtrace: invalid probe specifier {spec}: [D_DIV_ZERO] expression contains division by zero\n")
    );
}

#[test]
fn probe_specifier_matching_nothing() {
    let run = dtrace(&["-e", "-n", "zz_nosuch:::probe"]);
    assert_eq!(run.status, Some(1));
    assert_eq!(
        run.stderr,
        "dtrace: invalid probe specifier zz_nosuch:::probe: probe description zz_nosuch:::probe does not match any probes\n"
    );
}

#[test]
fn probe_specifier_alone_is_a_clause() {
    // In a file a bare description is a syntax error; with -n it is the
    // usual way to enable probes with the default action.
    let run = dtrace(&["-e", "-n", "BEGIN", "-n", "dtrace:::END"]);
    assert_eq!((run.status, run.stderr.as_str()), (Some(0), ""));
}

#[test]
fn two_scripts_compile_together() {
    let run = dtrace(&["-e", "-s", "tests/d/pass/probe_begin_short.d", "-s", "tests/d/pass/agg_count_keyed.d"]);
    assert_eq!((run.status, run.stderr.as_str()), (Some(0), ""));
}

#[test]
fn second_script_error_names_that_script() {
    let bad = Fixture::read("tests/d/fail/div_zero_constant.d");
    let run = dtrace(&["-e", "-x", "errtags", "-s", "tests/d/pass/probe_begin_short.d", "-s", &bad.path]);
    assert_eq!(run.status, Some(1));
    let want = compile_error_prefix(&bad.path, bad.line.unwrap(), bad.tag.as_deref().unwrap());
    assert_eq!(run.stderr, format!("{want}{}\n", bad.message.as_deref().unwrap()));
}

#[test]
fn script_error_without_errtags() {
    // The same error as the fixture, without -x errtags: no tag at all.
    let bad = Fixture::read("tests/d/fail/syntax_missing_semicolon_ident.d");
    let run = dtrace(&["-e", "-s", &bad.path]);
    assert_eq!(run.status, Some(1));
    assert_eq!(
        run.stderr,
        format!(
            "dtrace: failed to compile script {}: line {}: {}\n",
            bad.path,
            bad.line.unwrap(),
            bad.message.unwrap()
        )
    );
}

#[test]
fn kernel_types_missing_is_a_clear_error() {
    // Without BTF, a kernel type reference fails and says why...
    let run = dtrace(&["-e", "-x", "btf=none", "-n", "BEGIN { trace(curthread->pid); }"]);
    assert_eq!(run.status, Some(1));
    assert_eq!(
        run.stderr,
        "dtrace: invalid probe specifier BEGIN { trace(curthread->pid); }: in action list: operator -> cannot be \
         applied to a forward declaration: no struct task_struct definition is available (no kernel type \
         information: /sys/kernel/btf/vmlinux is not available)\n"
    );
    // ...while everything else still compiles.
    let run = dtrace(&["-e", "-x", "btf=none", "-n", "tick-1s /pid != 0/ { @[execname] = count(); }"]);
    assert_eq!((run.status, run.stderr.as_str()), (Some(0), ""));
}

#[test]
fn list_matching_probes() {
    let run = dtrace(&["-l", "-n", "dtrace:::"]);
    assert_eq!(run.status, Some(0), "stderr: {}", run.stderr);
    assert_eq!(
        run.stdout,
        "   ID   PROVIDER            MODULE                          FUNCTION NAME\n\
         \x20   1     dtrace                                                     BEGIN\n\
         \x20   2     dtrace                                                     END\n\
         \x20   3     dtrace                                                     ERROR\n"
    );
    let run = dtrace(&["-l", "-n", "tick-1sec"]);
    assert_eq!(run.status, Some(0));
    assert!(run.stdout.ends_with(" tick-1sec\n"), "{}", run.stdout);
}

/// The blocks `dtrace -lv` prints after a probe's line: attributes of the
/// description and of the arguments (identifier names, data semantics,
/// dependency class), then the argument types.
fn verbose_blocks(desc: [&str; 3], args: [&str; 3], types: &[&str]) -> String {
    let attrs = |title: &str, a: [&str; 3]| {
        format!(
            "\n\t{title}\n\t\tIdentifier Names: {}\n\t\tData Semantics:   {}\n\t\tDependency Class: {}\n",
            a[0], a[1], a[2]
        )
    };
    let mut s = attrs("Probe Description Attributes", desc) + &attrs("Argument Attributes", args);
    s.push_str("\n\tArgument Types\n");
    for (i, t) in types.iter().enumerate() {
        s.push_str(&format!("\t\targs[{i}]: {t}\n"));
    }
    if types.is_empty() {
        s.push_str("\t\tNone\n");
    }
    s + "\n"
}

#[test]
fn list_verbose() {
    const HEADER: &str = "   ID   PROVIDER            MODULE                          FUNCTION NAME\n";
    let run = dtrace(&["-lv", "-n", "BEGIN"]);
    assert_eq!((run.status, run.stderr.as_str()), (Some(0), ""));
    assert_eq!(
        run.stdout,
        "   ID   PROVIDER            MODULE                          FUNCTION NAME\n\
         \x20   1     dtrace                                                     BEGIN\n\
         \n\
         \tProbe Description Attributes\n\
         \t\tIdentifier Names: Stable\n\
         \t\tData Semantics:   Stable\n\
         \t\tDependency Class: Common\n\
         \n\
         \tArgument Attributes\n\
         \t\tIdentifier Names: Stable\n\
         \t\tData Semantics:   Stable\n\
         \t\tDependency Class: Common\n\
         \n\
         \tArgument Types\n\
         \t\tNone\n\
         \n"
    );
    let evolving = ["Evolving", "Evolving", "Common"];
    let run = dtrace(&["-l", "-v", "-n", "profile-97", "-n", "tick-1sec"]);
    assert_eq!((run.status, run.stderr.as_str()), (Some(0), ""));
    assert_eq!(
        run.stdout,
        format!(
            "{HEADER}    4    profile                                                     profile-97\n{}\
             \x20  17    profile                                                     tick-1sec\n{}",
            verbose_blocks(evolving, evolving, &[]),
            verbose_blocks(evolving, evolving, &[])
        )
    );
    // -v anywhere but -l still asks for the program's stability report.
    let run = dtrace(&["-v", "-n", "BEGIN"]);
    assert_eq!((run.status, run.stderr.as_str()), (Some(2), "dtrace: option -v is not yet supported\n"));

    // Kernel probes exist only with BTF; their ids depend on the kernel.
    if !std::path::Path::new("/sys/kernel/btf/vmlinux").exists() {
        eprintln!("list_verbose: syscall and fbt cases skipped: /sys/kernel/btf/vmlinux is absent");
        return;
    }
    let run = dtrace(&["-lv", "-n", "syscall::read:return"]);
    assert_eq!((run.status, run.stderr.as_str()), (Some(0), ""));
    let (line, blocks) = run.stdout.strip_prefix(HEADER).and_then(|s| s.split_once('\n')).unwrap();
    assert!(line.ends_with("    syscall           vmlinux                              read return"), "{line}");
    // Every system call returns the entry point's `long`.
    let private = ["Private", "Private", "Unknown"];
    let isa = ["Private", "Private", "ISA"];
    assert_eq!(blocks, verbose_blocks(private, isa, &["long int"]));
    let run = dtrace(&["-lv", "-n", "fbt::vfs_read:return"]);
    assert_eq!((run.status, run.stderr.as_str()), (Some(0), ""));
    let (line, blocks) = run.stdout.strip_prefix(HEADER).and_then(|s| s.split_once('\n')).unwrap();
    assert!(line.ends_with("        fbt           vmlinux                          vfs_read return"), "{line}");
    assert_eq!(blocks, verbose_blocks(private, isa, &["int", "ssize_t"]));
}

#[test]
fn interpreter_line_options() {
    // `#!/usr/sbin/dtrace -qs` reaches dtrace as one argument "-qs"; with
    // -e as well the script only compiles.
    let dir = std::env::temp_dir().join(format!("dtrace-rs-interp-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let script = dir.join("hello.d");
    std::fs::write(&script, "#!/usr/sbin/dtrace -qs\nBEGIN { printf(\"%s\\n\", $$1); exit(0); }\n").unwrap();
    let path = script.to_str().unwrap();
    let run = dtrace(&["-e -qs", path, "world"]);
    assert_eq!((run.status, run.stderr.as_str()), (Some(0), ""));
    let run = dtrace(&["-e", "-qs", path]);
    assert_eq!(run.status, Some(1));
    assert_eq!(
        run.stderr,
        format!("dtrace: failed to compile script {path}: line 2: macro argument $$1 is not defined\n")
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn preprocessor_defines_with_and_without_c() {
    // The macros dtrace(1) on Linux predefines are there; __GNUC__ is not.
    let prog = "#define GREETING \"hi\"\n\
                #if defined(__Linux) && defined(__linux) && __SUNW_D == 1 && defined(__x86_64__) && !defined(__GNUC__)\n\
                BEGIN { printf(\"%s\\n\", GREETING); exit(0); }\n\
                #endif\n";
    let dir = std::env::temp_dir().join(format!("dtrace-rs-cpp-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let script = dir.join("cpp.d");
    std::fs::write(&script, prog).unwrap();
    let path = script.to_str().unwrap();
    // -C runs cpp, so #define works.
    let run = dtrace(&["-q", "-C", "-s", path]);
    assert_eq!((run.status, run.stdout.as_str(), run.stderr.as_str()), (Some(0), "hi\n\n", ""));
    // Without -C, #define is not a D control line; -D is accepted and ignored.
    let run = dtrace(&["-e", "-DFOO=1", "-x", "errtags", "-s", path]);
    assert_eq!(run.status, Some(1));
    assert_eq!(
        run.stderr,
        format!(
            "dtrace: failed to compile script {path}: [D_PRAGCTL_INVAL] line 1: invalid control directive: #define\n"
        )
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn dash_s_prints_each_difo_disassembly() {
    let run = dtrace(&["-S", "-e", "-n", "BEGIN { self->n = 1; trace(self->n + 2); }"]);
    assert_eq!((run.status, run.stdout.as_str()), (Some(0), ""));
    // dtrace(1) titles each DIFO with its address, which varies per run.
    let stderr: String = run
        .stderr
        .lines()
        .map(|l| match l.strip_prefix("DIFO 0x") {
            Some(rest) => format!("DIFO ADDR{}\n", &rest[rest.find(' ').unwrap_or(0)..]),
            None => format!("{l}\n"),
        })
        .collect();
    assert_eq!(
        stderr,
        "\n\
         DIFO ADDR returns D type (integer) (size 0)\n\
         OFF OPCODE      INSTRUCTION\n\
         00: 25000001    setx DT_INTEGER[0], %r1\t\t! 0x1\n\
         01: 2d050001    stts %r1, DT_VAR(1280)\t\t! DT_VAR(1280) = \"n\"\n\
         02: 23000001    ret  %r1\n\
         \n\
         NAME             ID   KND SCP FLAG TYPE\n\
         n                500  scl tls w    D type (integer) (size 4)\n\
         \n\
         DIFO ADDR returns D type (integer) (size 4)\n\
         OFF OPCODE      INSTRUCTION\n\
         00: 2c050001    ldts DT_VAR(1280), %r1\t\t! DT_VAR(1280) = \"n\"\n\
         01: 25000002    setx DT_INTEGER[0], %r2\t\t! 0x2\n\
         02: 07010201    add  %r1, %r2, %r1\n\
         03: 23000001    ret  %r1\n\
         \n\
         NAME             ID   KND SCP FLAG TYPE\n\
         n                500  scl tls r    D type (integer) (size 4)\n"
    );
}

#[test]
fn sigterm_stops_tracing_like_exit() {
    // dtrace(1) catches SIGTERM (and SIGINT): it prints a newline, stops
    // tracing so END fires, consumes what is left, prints the aggregations
    // and exits 0. Output written before the signal is not lost.
    let script = "BEGIN { printf(\"begin\\n\"); @n = sum(7); } END { printf(\"end\\n\"); }";
    let (status, out, err) = runtime::signal_after(&["-q", "-x", "switchrate=50ms", "-n", script], "-TERM");
    assert_eq!(status, Some(0), "stderr: {err}");
    assert_eq!(out, "begin\n\nend\n\n                7\n");
}

/// Every line of `stdout` parsed as JSON (a line that is not JSON fails).
fn json_lines(stdout: &str) -> Vec<serde_json::Value> {
    assert!(stdout.ends_with('\n') || stdout.is_empty(), "unterminated output: {stdout:?}");
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line ({e}): {l:?}\nstdout:\n{stdout}")))
        .collect()
}

/// `v` with its record timestamp (which varies per run) set to 0, after
/// checking it is a positive integer.
fn without_timestamp(mut v: serde_json::Value) -> serde_json::Value {
    if v["type"] == "record" {
        assert!(v["timestamp"].as_u64().is_some_and(|t| t > 0), "timestamp: {v}");
        v["timestamp"] = serde_json::json!(0);
    }
    v
}

#[test]
fn json_output_records_and_aggregations() {
    use serde_json::json;
    let prog =
        r#"BEGIN { trace(1); trace("a\"b"); printf("%d\n", 5); @c[probename] = count(); @q = quantize(3); exit(0); }"#;
    let run = dtrace(&["-x", "json", "-n", prog]);
    assert_eq!(run.status, Some(0), "stderr: {}", run.stderr);
    // Notices stay on stderr, as text.
    assert_eq!(run.stderr, "dtrace: description 'BEGIN ' matched 1 probe\n");
    // Keys come in the documented order.
    assert!(
        run.stdout.starts_with("{\"type\":\"record\",\"cpu\":0,\"id\":1,\"epid\":1,\"timestamp\":"),
        "{}",
        run.stdout
    );
    let lines: Vec<_> = json_lines(&run.stdout).into_iter().map(without_timestamp).collect();
    assert_eq!(
        lines,
        [
            json!({"type": "record", "cpu": 0, "id": 1, "epid": 1, "timestamp": 0,
                "probe": {"provider": "dtrace", "module": "", "function": "", "name": "BEGIN"},
                "data": [1, "a\"b", {"printf": "5\n"}]}),
            json!({"type": "aggregation", "name": "@c", "function": "count", "keys": ["BEGIN"], "value": 1}),
            json!({"type": "aggregation", "name": "@q", "function": "quantize", "keys": [],
                "buckets": [{"min": 2, "max": 3, "count": 1}]}),
        ]
    );
    assert!(lines[0]["data"][0].is_u64() && lines[0]["data"][1].is_string());

    // --json is the same option.
    let long = dtrace(&["--json", "-n", prog]);
    assert_eq!((long.status, long.stderr.as_str()), (Some(0), run.stderr.as_str()));
    let long: Vec<_> = json_lines(&long.stdout).into_iter().map(without_timestamp).collect();
    assert_eq!(long, lines);
}

#[test]
fn json_output_types_quiet_and_printa() {
    use serde_json::json;
    // The first clause only aggregates: with -q it has no line, as it has
    // no output in dtrace -q. Aggregations printed by printa() are not
    // printed again at exit; the others follow in id order.
    let prog = r#"
        BEGIN {
            @a["x", 2] = sum(-3);
            @s = avg(7); @s = avg(8);
            @d = stddev(2); @d = stddev(4);
            @l = lquantize(5, 0, 10, 2);
            @ll = llquantize(150, 10, 0, 3, 10);
            @ = count();
        }
        BEGIN {
            printa("%s %d %@d\n", @a);
            trace(-1);
            trace((uint64_t)-1);
            this->p = (uint8_t *)alloca(3);
            this->p[0] = 0; this->p[1] = 0xab; this->p[2] = 0x7f;
            tracemem(this->p, 3);
            stack();
            exit(3);
        }"#;
    let run = dtrace(&["-q", "-x", "json", "-n", prog]);
    assert_eq!((run.status, run.stderr.as_str()), (Some(3), ""));
    // 2^64 - 1 is written exactly, beyond what a double holds.
    assert!(run.stdout.contains(",-1,18446744073709551615,"), "{}", run.stdout);
    let lines: Vec<_> = json_lines(&run.stdout).into_iter().map(without_timestamp).collect();
    let agg = |name: &str, func: &str, keys: serde_json::Value, field: &str, v: serde_json::Value| {
        let mut o = json!({"type": "aggregation", "name": name, "function": func, "keys": keys});
        o[field] = v;
        o
    };
    assert_eq!(
        lines,
        [
            json!({"type": "record", "cpu": 0, "id": 1, "epid": 2, "timestamp": 0,
                "probe": {"provider": "dtrace", "module": "", "function": "", "name": "BEGIN"},
                "data": [{"printa": ["@a"]}, -1, u64::MAX, {"bytes": "00ab7f"}, {"stack": []}]}),
            agg("@a", "sum", json!(["x", 2]), "value", json!(-3)),
            agg("@s", "avg", json!([]), "value", json!(7)),
            agg("@d", "stddev", json!([]), "value", json!(1)),
            agg("@l", "lquantize", json!([]), "buckets", json!([{"min": 4, "max": 5, "count": 1}])),
            agg("@ll", "llquantize", json!([]), "buckets", json!([{"min": 100, "max": 199, "count": 1}])),
            agg("@_", "count", json!([]), "value", json!(1)),
        ]
    );
}

#[test]
fn json_output_probe_lines_and_sigterm() {
    // Without -q a record with no data (an empty clause) still has its
    // line, as dtrace prints its probe line; a clause that only aggregates
    // makes no record. A signal's newline is not written: every line is
    // JSON.
    let script = "BEGIN { @n = sum(7); } BEGIN { } END { printf(\"end\"); }";
    let (status, stdout, stderr) = runtime::signal_after(&["--json", "-x", "switchrate=50ms", "-n", script], "-TERM");
    assert_eq!(status, Some(0), "stderr: {stderr}");
    let lines = json_lines(&stdout);
    let probes: Vec<(&str, &serde_json::Value)> =
        lines.iter().map(|l| (l["type"].as_str().unwrap_or(""), &l["data"])).collect();
    assert_eq!(
        probes,
        [
            ("record", &serde_json::json!([])),
            ("record", &serde_json::json!([{"printf": "end"}])),
            ("aggregation", &serde_json::Value::Null),
        ]
    );
    assert_eq!(lines[1]["probe"]["name"], "END");
    assert_eq!(lines[2]["value"], 7);
}

#[test]
fn engines_table() {
    use dtrace::consumer::engines::{self, Engine, Host};
    let run = dtrace(&["--engines"]);
    assert_eq!((run.status, run.stderr.as_str()), (Some(0), ""));
    assert_eq!(dtrace(&["-x", "engines"]).stdout, run.stdout);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 7, "{}", run.stdout);
    let cells = |l: &str| -> Vec<String> {
        let inner = l.strip_prefix('|').and_then(|l| l.strip_suffix('|')).unwrap_or_else(|| panic!("row: {l:?}"));
        inner.split('|').map(|c| c.trim().to_string()).collect()
    };
    for border in [lines[0], lines[6]] {
        assert!(border.starts_with("+--------+--------+---") && border.ends_with("-+"), "{border:?}");
    }
    assert!(lines[2].starts_with("+========+========+===") && lines[2].ends_with("=+"), "{:?}", lines[2]);
    assert_eq!(cells(lines[1]), ["ENGINE", "USABLE", "PROVIDERS", "WHY NOT"]);
    // The local row, to the byte but for the width of the last column.
    assert!(lines[5].starts_with("| local  | yes    | dtrace, profile                    |  "), "{:?}", lines[5]);
    assert_eq!(cells(lines[5]), ["local", "yes", "dtrace, profile", ""]);
    // The other engines depend on the machine: their reasons come from
    // the same function as the errors.
    let host = Host::probe();
    let dev = engines::usable(Engine::Dev, &host).unwrap_err();
    let bpf = engines::usable(Engine::Bpf, &host).unwrap_err();
    assert_eq!(cells(lines[3]), ["dev", "no", "dtrace, profile, syscall, fbt", &dev]);
    assert_eq!(cells(lines[4]), ["bpf", "no", "dtrace, profile, syscall, sdt, pid", &bpf]);
    assert!(bpf.starts_with("the bpf engine is not built yet in dtrace-rs; this process could"), "{bpf}");
}

#[test]
fn provider_refusal_says_which_engine_would_serve_it() {
    use dtrace::consumer::engines::{self, Engine, Host};
    // The syscall provider's probes come from BTF: without it the
    // description matches nothing and there is nothing to refuse.
    if !std::path::Path::new("/sys/kernel/btf/vmlinux").exists() {
        eprintln!("skipped: no BTF");
        return;
    }
    let run = dtrace(&["-n", "syscall::read:entry"]);
    assert_eq!(run.status, Some(1));
    let why = engines::cannot_enable(Engine::Local, "syscall:vmlinux:read:entry", "syscall", &Host::probe());
    assert_eq!(run.stderr, format!("dtrace: {why}\n"));
    assert!(
        why.starts_with(
            "the local engine cannot enable syscall:vmlinux:read:entry: it serves only the dtrace and profile \
             providers; the syscall provider needs the dev engine ("
        ),
        "{why}"
    );
    // -x engine= names an engine that is not usable here: why, and no trace.
    let run = dtrace(&["-x", "engine=bpf", "-n", "BEGIN { exit(0); }"]);
    assert_eq!((run.status, run.stdout.as_str()), (Some(1), ""));
    let bpf = engines::usable(Engine::Bpf, &Host::probe()).unwrap_err();
    assert_eq!(run.stderr, format!("dtrace: could not enable tracing: the bpf engine is not usable here: {bpf}\n"));
    let run = dtrace(&["-q", "-x", "engine=local", "-n", "BEGIN { trace(1); exit(0); }"]);
    assert_eq!((run.status, run.stdout.as_str()), (Some(0), "1\n"));
}

#[test]
fn json_from_a_pragma_with_bytes_that_are_not_utf8() {
    use serde_json::json;
    let dir = std::env::temp_dir().join(format!("dtrace-rs-json-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let script = dir.join("j.d");
    std::fs::write(
        &script,
        "#pragma D option json\n#pragma D option quiet\nBEGIN { trace(\"\\377x\"); @[1, \"k\"] = max(4); exit(0); }\n",
    )
    .unwrap();
    let run = dtrace(&["-s", script.to_str().unwrap()]);
    assert_eq!((run.status, run.stderr.as_str()), (Some(0), ""));
    let lines = json_lines(&run.stdout);
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    // The byte 0xff is not UTF-8: U+FFFD in its place.
    assert_eq!(lines[0]["data"], json!(["\u{fffd}x"]));
    assert_eq!(lines[1], json!({"type": "aggregation", "name": "@_", "function": "max", "keys": [1, "k"], "value": 4}));
    std::fs::remove_dir_all(&dir).unwrap();
}
