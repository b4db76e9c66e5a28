//! dtrace(1): compile D programs and list, check or trace with them.
//!
//! `main` turns the outcome into dtrace(1)'s exit status (0 success, 1 a
//! compile or runtime failure, 2 a usage error); `run` branches on the mode
//! the command line picked. The command line itself lives in
//! [`dtrace::cli`], the compiler in [`dtrace::parser`], the probe catalog
//! in [`dtrace::consumer::probes`].

use std::ffi::OsString;
use std::fs::OpenOptions;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use dtrace::cli::{self, Invocation, Mode, Program, TargetArg, EXIT_ERROR, EXIT_SUCCESS, PNAME};
use dtrace::consumer::engines;
use dtrace::consumer::probes::{self, KnownProviders, ProbeCatalog};
use dtrace::consumer::proc::Targets;
use dtrace::dif::options::OptionValue;
use dtrace::parser::sema::Checked;
use dtrace::parser::{self, pdesc, CompileOptions, Origin};

fn main() -> ExitCode {
    let argv: Vec<OsString> = std::env::args_os().collect();
    let argv = cli::split_interpreter_args(argv, cli::is_interpreter_script);
    let status = match cli::parse_args(argv) {
        Ok(inv) => match run(&inv) {
            Ok(()) | Err(Failure::BrokenPipe) => EXIT_SUCCESS,
            // exit(N) in the program: dtrace(1) exits with N's low byte.
            Err(Failure::Exit(n)) => n as u8,
            Err(Failure::Error(line)) => {
                eprintln!("{line}");
                EXIT_ERROR
            }
        },
        Err(e) => {
            eprint!("{e}");
            e.exit_code()
        }
    };
    ExitCode::from(status)
}

/// Why a run stopped early.
enum Failure {
    /// A full stderr line (without its newline); exit status 1.
    Error(String),
    /// Whoever read our output went away: success, as for any filter.
    BrokenPipe,
    /// The traced program called `exit()` with this status.
    Exit(i32),
}

fn run(inv: &Invocation) -> Result<(), Failure> {
    match inv.mode {
        Mode::Version => {
            let mut out = io::stdout().lock();
            write_out(&mut out, &cli::version_line(), None)?;
            flush_out(&mut out, None)
        }
        Mode::Engines => {
            // Where the engines stand on this machine, one table (-o too).
            let (mut out, file) = open_output(inv)?;
            write_out(&mut out, &engines::table(&engines::Host::probe()), file.as_deref())?;
            flush_out(&mut out, file.as_deref())
        }
        Mode::List => list(inv, &targets(inv)?),
        Mode::CompileOnly => {
            compile_all(inv, &catalog(inv), &targets(inv)?)?;
            // dtrace(1) opens (creating) the output file before it would
            // enable anything, -e or not.
            open_output(inv).map(drop)
        }
        Mode::Trace => {
            if inv.programs.is_empty() {
                return Err(Failure::Error(format!("{PNAME}: no probes specified")));
            }
            let mut targets = targets(inv)?;
            let catalog = catalog(inv);
            let checked = compile_all(inv, &catalog, &targets)?;
            trace(inv, &catalog, &checked, &mut targets)
        }
    }
}

/// Creates the `-c` commands (stopped) and grabs the `-p` processes, in
/// command-line order, before anything compiles: the first is `$target`.
fn targets(inv: &Invocation) -> Result<Targets, Failure> {
    let mut targets = Targets::new();
    for t in &inv.targets {
        match t {
            TargetArg::Command(cmd) => targets.create(cmd),
            TargetArg::Pid(pid) => targets.grab(pid),
        }
        .map_err(|e| Failure::Error(format!("{PNAME}: {e}")))?;
    }
    Ok(targets)
}

/// Traces with the compiled programs on the local engine.
fn trace(
    inv: &Invocation,
    catalog: &KnownProviders,
    checked: &[Checked],
    targets: &mut Targets,
) -> Result<(), Failure> {
    use dtrace::consumer::session::{self, Input, Settings};
    let inputs: Vec<Input> = inv
        .programs
        .iter()
        .zip(checked)
        .map(|(p, c)| Input {
            checked: c,
            notice: match p {
                Program::Script(path) => format!("script '{path}'"),
                // dtrace(1) names a description by its text up to the first
                // of `{`, `/` or `;`, spaces kept: `'BEGIN '`.
                Program::Spec { text, .. } => {
                    let end = text.find(['{', '/', ';']).unwrap_or(text.len());
                    format!("description '{}'", &text[..end])
                }
            },
        })
        .collect();
    // Only the local engine is built: -x engine=dev or =bpf says why that
    // engine cannot be used here rather than tracing with another.
    if let Some(OptionValue::Choice { word, .. }) = inv.option("engine") {
        let requested = engines::Engine::by_name(word);
        engines::select(requested, &engines::Host::probe())
            .map_err(|why| Failure::Error(format!("{PNAME}: could not enable tracing: {why}")))?;
    }
    let mut settings = Settings::default();
    for o in &inv.options {
        settings.apply(&o.name, o.value.as_deref());
    }
    let (mut out, file) = open_output(inv)?;
    let mut err = io::stderr().lock();
    match session::run(&inputs, catalog, &settings, targets, &mut out, &mut err) {
        Ok(0) => flush_out(&mut out, file.as_deref()),
        Ok(n) => {
            flush_out(&mut out, file.as_deref())?;
            Err(Failure::Exit(n))
        }
        Err(session::SessionError::Output(e)) => Err(write_failure(e, file.as_deref())),
        Err(e) => Err(Failure::Error(format!("{PNAME}: {e}"))),
    }
}

/// The probes the compiler matches against: the providers we know, with
/// the kernel's from its BTF when it publishes any.
fn catalog(inv: &Invocation) -> KnownProviders {
    KnownProviders::from_btf_source(&inv.btf_source())
}

/// `-l`: every probe, or those each program's descriptions match.
fn list(inv: &Invocation, targets: &Targets) -> Result<(), Failure> {
    let catalog = catalog(inv);
    let compiled = compile_all(inv, &catalog, targets)?;
    let (mut out, file) = open_output(inv)?;
    let file = file.as_deref();
    write_out(&mut out, &probes::list_header(), file)?;
    let mut describer = inv.verbose.then(|| catalog.describer());
    if inv.programs.is_empty() {
        for p in catalog.all() {
            write_probe(&mut out, &p, describer.as_mut(), file)?;
        }
    }
    for checked in &compiled {
        for clause in &checked.clauses {
            for (spec, matched) in &clause.specs {
                if matched.is_empty() {
                    // Keep stdout and stderr in order on a terminal.
                    flush_out(&mut out, file)?;
                    let desc = pdesc::parse(spec).map_or_else(|_| spec.clone(), |d| d.to_string());
                    eprintln!("{PNAME}: failed to match {desc}: No probe matches description");
                    continue;
                }
                for p in matched {
                    write_probe(&mut out, p, describer.as_mut(), file)?;
                }
            }
        }
    }
    flush_out(&mut out, file)
}

/// One `-l` row, followed under `-v` by the probe's attributes and argument
/// types (dtrace(1)'s `list_probe()`).
fn write_probe(
    out: &mut dyn Write,
    p: &probes::Probe,
    describer: Option<&mut probes::ProbeDescriber<'_>>,
    file: Option<&str>,
) -> Result<(), Failure> {
    write_out(out, &probes::list_line(p), file)?;
    if let Some(info) = describer.and_then(|d| d.info(p)) {
        write_out(out, &probes::list_verbose(&info), file)?;
    }
    Ok(())
}

/// Compiles every program in command-line order; the first failure stops
/// everything, as in dtrace(1).
fn compile_all(inv: &Invocation, catalog: &KnownProviders, targets: &Targets) -> Result<Vec<Checked>, Failure> {
    let mut compiled = Vec::with_capacity(inv.programs.len());
    for program in &inv.programs {
        let (text, origin, arg0) = match program {
            Program::Script(path) => {
                let bytes = std::fs::read(path)
                    .map_err(|e| Failure::Error(format!("{PNAME}: failed to open {path}: {}", cli::strerror(&e))))?;
                let text = String::from_utf8_lossy(&bytes).into_owned();
                (text, Origin::Script(path.clone()), path.clone())
            }
            Program::Spec { flag, text } => {
                let origin = Origin::ProbeSpec(text.clone());
                let program = cli::program_text(*flag, text, catalog)
                    .map_err(|e| Failure::Error(e.render(&origin, inv.errtags())))?;
                (program, origin, inv.argv0.clone())
            }
        };
        let opts = CompileOptions {
            macro_args: std::iter::once(arg0).chain(inv.operands.iter().cloned()).collect(),
            defaultargs: inv.defaultargs(),
            zdefs: inv.zdefs(),
            argref: inv.argref(),
            cpp: inv.cpp_args(),
            btf: inv.btf_source(),
            target: targets.target(),
        };
        let checked = parser::compile(&text, &origin, &opts, catalog)
            .map_err(|e| Failure::Error(e.render(&origin, inv.errtags())))?;
        if inv.show_dif {
            let code = dtrace::dif::codegen::generate(&checked)
                .map_err(|e| Failure::Error(e.render(&origin, inv.errtags())))?;
            eprint!("{}", dtrace::dif::dis::disassemble_program(&code));
        }
        compiled.push(checked);
    }
    Ok(compiled)
}

/// Where listings go: stdout, or the `-o` file opened for appending. The
/// second value names the file for write errors.
fn open_output(inv: &Invocation) -> Result<(Box<dyn Write>, Option<String>), Failure> {
    match &inv.output {
        None => Ok((Box::new(BufWriter::new(io::stdout().lock())), None)),
        Some(path) => {
            let f = OpenOptions::new().append(true).create(true).open(path).map_err(|e| {
                Failure::Error(format!("{PNAME}: failed to open output file '{path}': {}", cli::strerror(&e)))
            })?;
            Ok((Box::new(BufWriter::new(f)), Some(path.clone())))
        }
    }
}

fn write_out(out: &mut dyn Write, s: &str, file: Option<&str>) -> Result<(), Failure> {
    out.write_all(s.as_bytes()).map_err(|e| write_failure(e, file))
}

fn flush_out(out: &mut dyn Write, file: Option<&str>) -> Result<(), Failure> {
    out.flush().map_err(|e| write_failure(e, file))
}

fn write_failure(e: io::Error, file: Option<&str>) -> Failure {
    if e.kind() == io::ErrorKind::BrokenPipe {
        return Failure::BrokenPipe;
    }
    Failure::Error(format!("{PNAME}: failed to write to {}: {}", file.unwrap_or("<stdout>"), cli::strerror(&e)))
}
