//! The dtrace(1) command line: flags, operands and the mode they select.
//!
//! Every flag is defined and documented once, in [`Flags`]; the usage text
//! dtrace(1) prints is built from those same definitions. dtrace(1) parses
//! its arguments with getopt, so the parser here behaves the same way:
//! flags cluster (`-qs script.d`), values attach or follow (`-xquiet`,
//! `-x quiet`), a flag's value may begin with `-`, flags and operands mix in
//! any order, and the operands become the macro arguments `$1`, `$2`, ...
//! `-n`, `-s`, `-P`, `-m`, `-f` and `-i` may be repeated and combined; their
//! programs are compiled in the order given.
//!
//! Two things getopt never sees are fixed up first:
//! * `-32` and `-64` are not single-letter flags clap can express; they are
//!   rewritten to `--32` and `--64` ([`rewrite_data_model_flags`]).
//! * A `#!` line's arguments reach us as one argument: Linux passes
//!   everything after the interpreter path as a single string, so
//!   `#!/usr/sbin/dtrace -q -s` gives `"-q -s"`. [`split_interpreter_args`]
//!   splits it when it is followed by the script that holds the `#!` line.
//!
//! Flags that work: `-n -s -P -m -f -i -l -e -V -Z -x -q -w -b -F -o -64`,
//! our own `--json` and `--engines` (the same as `-x json`, `-x engines`;
//! not in dtrace(1)'s usage text), and `-C` with `-D -U -I -H`, which (as in dtrace(1)) are accepted
//! without `-C` and then do nothing. The flags whose features are not
//! built yet are parsed and refused with
//! `dtrace: option -S is not yet supported` and exit status 2, the status
//! dtrace(1) gives an option it does not accept.

use std::ffi::{OsStr, OsString};
use std::fmt;
use std::io::Read;

use clap::{CommandFactory, FromArgMatches, Parser};

use crate::consumer::probes::ProbeCatalog;
use crate::dif::options::{self, OptionValue, SetContext};
use crate::parser::pdesc::{self, SpecKind};
use crate::parser::{CompileError, ErrTag};

/// The D language version this compiler implements, as `-V` reports it
/// (illumos libdtrace's `DT_VERS_STRING`).
pub const D_VERSION: &str = "Sun D 1.12.1";

/// The name dtrace(1) prefixes its messages with.
pub const PNAME: &str = "dtrace";

/// Exit status for success.
pub const EXIT_SUCCESS: u8 = 0;
/// Exit status for a failed compilation or a runtime failure.
pub const EXIT_ERROR: u8 = 1;
/// Exit status for a usage error.
pub const EXIT_USAGE: u8 = 2;

/// The dtrace(1) flags. Each doc comment is the line dtrace(1)'s usage
/// message prints for the flag, in its order.
#[derive(Parser, Debug, Default)]
#[command(
    name = "dtrace",
    about = "DTrace for Linux: compile D programs and trace with them",
    disable_help_flag = true,
    disable_version_flag = true,
    // getopt lets any flag be repeated; the last one wins.
    args_override_self = true
)]
pub struct Flags {
    /// generate 32-bit D programs and ELF files
    #[arg(long = "32")]
    pub ilp32: bool,
    /// generate 64-bit D programs and ELF files
    #[arg(long = "64")]
    pub lp64: bool,
    /// claim anonymous tracing state
    #[arg(short = 'a')]
    pub claim_anon: bool,
    /// generate driver.conf(5) directives for anonymous tracing
    #[arg(short = 'A')]
    pub anon: bool,
    /// set trace buffer size
    #[arg(short = 'b', value_name = "bufsz", allow_hyphen_values = true)]
    pub bufsize: Vec<String>,
    /// run specified command and exit upon its completion
    #[arg(short = 'c', value_name = "cmd", allow_hyphen_values = true)]
    pub command: Vec<String>,
    /// run cpp(1) preprocessor on script files
    #[arg(short = 'C')]
    pub cpp: bool,
    /// define symbol when invoking preprocessor
    #[arg(short = 'D', value_name = "name[=def]", allow_hyphen_values = true)]
    pub define: Vec<String>,
    /// exit after compiling request but prior to enabling probes
    #[arg(short = 'e')]
    pub compile_only: bool,
    /// enable or list probes matching the specified function name
    #[arg(short = 'f', value_name = "[[provider:]module:]func", allow_hyphen_values = true)]
    pub function: Vec<String>,
    /// coalesce trace output by function
    #[arg(short = 'F')]
    pub flowindent: bool,
    /// generate an ELF file containing embedded dtrace program
    #[arg(short = 'G')]
    pub link: bool,
    /// generate a header file with definitions for static probes
    #[arg(short = 'h')]
    pub header: bool,
    /// print included files when invoking preprocessor
    #[arg(short = 'H')]
    pub cpphdrs: bool,
    /// enable or list probes matching the specified probe id
    #[arg(short = 'i', value_name = "probe-id", allow_hyphen_values = true)]
    pub id: Vec<String>,
    /// add include directory to preprocessor search path
    #[arg(short = 'I', value_name = "path", allow_hyphen_values = true)]
    pub incdir: Vec<String>,
    /// list probes matching specified criteria
    #[arg(short = 'l')]
    pub list: bool,
    /// add library directory to library search path
    #[arg(short = 'L', value_name = "path", allow_hyphen_values = true)]
    pub libdir: Vec<String>,
    /// enable or list probes matching the specified module name
    #[arg(short = 'm', value_name = "[provider:]module", allow_hyphen_values = true)]
    pub module: Vec<String>,
    /// enable or list probes matching the specified probe name
    #[arg(short = 'n', value_name = "[[[provider:]module:]func:]name", allow_hyphen_values = true)]
    pub name: Vec<String>,
    /// set output file
    #[arg(short = 'o', value_name = "output", allow_hyphen_values = true)]
    pub output: Option<String>,
    /// grab specified process-ID and cache its symbol tables
    #[arg(short = 'p', value_name = "pid", allow_hyphen_values = true)]
    pub pid: Vec<String>,
    /// enable or list probes matching the specified provider name
    #[arg(short = 'P', value_name = "provider", allow_hyphen_values = true)]
    pub provider: Vec<String>,
    /// set quiet mode (only output explicitly traced data)
    #[arg(short = 'q')]
    pub quiet: bool,
    /// enable or list probes according to the specified D script
    #[arg(short = 's', value_name = "script", allow_hyphen_values = true)]
    pub script: Vec<String>,
    /// print D compiler intermediate code
    #[arg(short = 'S')]
    pub show_dif: bool,
    /// undefine symbol when invoking preprocessor
    #[arg(short = 'U', value_name = "name", allow_hyphen_values = true)]
    pub undef: Vec<String>,
    /// set verbose mode (report stability attributes, arguments)
    #[arg(short = 'v', action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// report DTrace API version
    #[arg(short = 'V')]
    pub version: bool,
    /// permit destructive actions
    #[arg(short = 'w')]
    pub destructive: bool,
    /// enable or modify compiler and tracing options
    #[arg(short = 'x', value_name = "opt[=val]", allow_hyphen_values = true)]
    pub option: Vec<String>,
    /// specify ISO C conformance settings for preprocessor
    #[arg(short = 'X', value_name = "a|c|s|t", allow_hyphen_values = true)]
    pub stdc: Vec<String>,
    /// permit probe descriptions that match zero probes
    #[arg(short = 'Z')]
    pub zdefs: bool,
    // dtrace-rs extensions: long flags that stand for options of ours, left
    // out of dtrace(1)'s usage text (hidden) and described in README.md.
    /// print records and aggregations as JSON lines (`-x json`)
    #[arg(long = "json", hide = true)]
    pub json: bool,
    /// list the engines, whether each is usable here, and their providers (`-x engines`)
    #[arg(long = "engines", hide = true)]
    pub engines: bool,
    /// macro arguments: $1, $2, ... in the program
    #[arg(value_name = "args")]
    pub operands: Vec<String>,
}

/// What dtrace(1) was asked to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// `-V`: print the D version and exit.
    Version,
    /// `-x engines` (`--engines`): print the engine table and exit.
    Engines,
    /// `-l`: list probes (all, or those the programs' descriptions match).
    List,
    /// `-e`: compile the programs and exit.
    CompileOnly,
    /// Compile, enable and trace.
    Trace,
}

/// How a `-n`/`-P`/`-m`/`-f`/`-i` argument's probe description is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpecFlag {
    /// `-P provider`
    Provider,
    /// `-m [provider:]module`
    Module,
    /// `-f [[provider:]module:]function`
    Function,
    /// `-n [[[provider:]module:]function:]name`
    Name,
    /// `-i probe-id`
    Id,
}

/// One program to compile, in command-line order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Program {
    /// `-s FILE`.
    Script(String),
    /// A probe description, optionally followed by a predicate and actions.
    Spec { flag: SpecFlag, text: String },
}

/// One option setting, from `-x` or from a flag that stands for an option
/// (`-b`, `-q`, `-w`, `-F`, `-D`, `-U`, `-I`, `-H`, `-X`), in command-line
/// order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionSetting {
    /// The option's name in the options table.
    pub name: String,
    pub value: Option<String>,
    /// The flag as dtrace(1) echoes it when setting it fails: `-x bufsize`,
    /// `-b 4m`, `-q`.
    pub flag: String,
}

/// A process to trace (`$target`), in command-line order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TargetArg {
    /// `-c CMD`: run CMD (split at white space, no shell).
    Command(String),
    /// `-p PID`: attach to a running process, as given (checked later).
    Pid(String),
}

/// A parsed command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invocation {
    pub mode: Mode,
    pub programs: Vec<Program>,
    /// `-c` and `-p`, in command-line order: the first is `$target`.
    pub targets: Vec<TargetArg>,
    pub options: Vec<OptionSetting>,
    /// The operands: macro arguments `$1`, `$2`, ...
    pub operands: Vec<String>,
    /// `argv[0]` as invoked: `$0` for `-n` and the like.
    pub argv0: String,
    /// `-Z`.
    pub zdefs_flag: bool,
    /// `-o FILE`.
    pub output: Option<String>,
    /// `-S`: print each compiled DIFO's disassembly on stderr.
    pub show_dif: bool,
    /// `-v`: with `-l`, each probe's stability attributes and argument
    /// types.
    pub verbose: bool,
}

impl Invocation {
    /// The value of option `name` after every setting (the last one wins),
    /// or `None` if it was never set or a setting failed to parse.
    pub fn option(&self, name: &str) -> Option<OptionValue> {
        let s = self.options.iter().rev().find(|s| s.name == name)?;
        let def = options::lookup(name)?;
        options::parse_value(def, s.value.as_deref()).ok()
    }

    /// Whether option `name` is on.
    pub fn option_set(&self, name: &str) -> bool {
        self.option(name).is_some_and(|v| v.is_set())
    }

    /// Whether descriptions that match no probe are allowed: `-Z`,
    /// `-x zdefs`, or `-l` (which implies `-Z` in dtrace(1)).
    pub fn zdefs(&self) -> bool {
        self.zdefs_flag || self.mode == Mode::List || self.option_set("zdefs")
    }

    /// `-x errtags`: prefix compile errors with their tag.
    pub fn errtags(&self) -> bool {
        self.option_set("errtags")
    }

    /// `-x defaultargs`: unset macro arguments are 0 or "".
    pub fn defaultargs(&self) -> bool {
        self.option_set("defaultargs")
    }

    /// `-q` or `-x quiet`.
    pub fn quiet(&self) -> bool {
        self.option_set("quiet")
    }

    /// `-x btf=PATH|none`: where kernel types come from.
    pub fn btf_source(&self) -> crate::parser::BtfSource {
        use crate::parser::BtfSource;
        match self.option("btf") {
            Some(OptionValue::Str(v)) if v == "none" => BtfSource::None,
            Some(OptionValue::Str(v)) => BtfSource::Path(v.into()),
            _ => BtfSource::Auto,
        }
    }

    /// `-x argref`: macro arguments need not all be referenced.
    pub fn argref(&self) -> bool {
        self.option_set("argref")
    }

    /// With `-C` (or `-x cpp`), the preprocessor arguments that `-D`, `-U`,
    /// `-I` and `-H` (or their `-x` forms) asked for, in command-line order;
    /// `None` without `-C`, when those flags do nothing.
    pub fn cpp_args(&self) -> Option<Vec<String>> {
        if !self.option_set("cpp") {
            return None;
        }
        let args = self
            .options
            .iter()
            .filter_map(|s| {
                let v = s.value.as_deref().unwrap_or("");
                match s.name.as_str() {
                    "define" => Some(format!("-D{v}")),
                    "undef" => Some(format!("-U{v}")),
                    "incdir" => Some(format!("-I{v}")),
                    "cpphdrs" => Some("-H".to_string()),
                    _ => None,
                }
            })
            .collect();
        Some(args)
    }
}

/// Why a command line was refused. `Display` gives the stderr text, each
/// line ending in a newline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CliError {
    /// No arguments at all, or getopt refused an argument: the message (if
    /// any), then the usage.
    Usage(Option<String>),
    /// A usage error with its own one-line message and no usage text.
    Invalid(String),
    /// A flag or option whose feature dtrace-rs does not have yet.
    NotYetSupported(String),
    /// Setting an option failed (dtrace(1) exits 1 for these).
    OptionFailed(String),
}

impl CliError {
    /// dtrace(1)'s exit status for this error.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::OptionFailed(_) => EXIT_ERROR,
            _ => EXIT_USAGE,
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Usage(msg) => {
                if let Some(m) = msg {
                    writeln!(f, "{PNAME}: {m}")?;
                }
                f.write_str(&usage())
            }
            CliError::Invalid(m) => writeln!(f, "{PNAME}: {m}"),
            CliError::NotYetSupported(flag) => {
                writeln!(f, "{PNAME}: option {flag} is not yet supported")
            }
            // Already the full line, worded by the options table.
            CliError::OptionFailed(line) => writeln!(f, "{line}"),
        }
    }
}

impl std::error::Error for CliError {}

/// dtrace(1)'s usage message. The synopsis is dtrace(1)'s; the flag lines
/// come from [`Flags`]' documentation.
pub fn usage() -> String {
    let predact = "[[ predicate ] action ]";
    let mut u = format!(
        "Usage: {PNAME} [-32|-64] [-aACeFGhHlqSvVwZ] [-b bufsz] [-c cmd] [-D name[=def]]\n\
         \t[-I path] [-L path] [-o output] [-p pid] [-s script] [-U name]\n\
         \t[-x opt[=val]] [-X a|c|s|t]\n\n\
         \t[-P provider {predact}]\n\
         \t[-m [ provider: ] module {predact}]\n\
         \t[-f [[ provider: ] module: ] func {predact}]\n\
         \t[-n [[[ provider: ] module: ] func: ] name {predact}]\n\
         \t[-i probe-id {predact}] [ args ... ]\n\n\
         \tpredicate -> '/' D-expression '/'\n\
         \t   action -> '{{' D-statements '}}'\n\n"
    );
    let cmd = Flags::command();
    for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
        let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
        if let Some(long) = arg.get_long() {
            // -32 and -64, then a blank line before the letters.
            u.push_str(&format!("\t-{long} {help}\n"));
            if long == "64" {
                u.push('\n');
            }
        } else if let Some(short) = arg.get_short() {
            u.push_str(&format!("\t-{short}  {help}\n"));
        }
    }
    u
}

/// `-V`'s output line.
pub fn version_line() -> String {
    format!("{PNAME}: {D_VERSION}\n")
}

/// Splits the single argument Linux makes of a `#!` line's options.
///
/// For a script starting `#!/usr/sbin/dtrace -q -s`, the kernel runs
/// `/usr/sbin/dtrace "-q -s" SCRIPT ARGS...`. When `argv[1]` starts with
/// `-`, holds white space, and `argv[2]` is a file starting with `#!`
/// (asked through `is_interpreter_script`), `argv[1]` is split on white
/// space. Anything else is left alone, so `'-nBEGIN { exit(0); }'` typed
/// by hand stays one argument.
pub fn split_interpreter_args(argv: Vec<OsString>, is_interpreter_script: impl Fn(&OsStr) -> bool) -> Vec<OsString> {
    let candidate = match (argv.get(1).and_then(|a| a.to_str()), argv.get(2)) {
        (Some(a), Some(script)) => {
            a.starts_with('-') && a.contains(char::is_whitespace) && is_interpreter_script(script)
        }
        _ => false,
    };
    if !candidate {
        return argv;
    }
    let mut out = Vec::with_capacity(argv.len() + 2);
    let mut it = argv.into_iter();
    out.extend(it.next());
    if let Some(joined) = it.next() {
        let joined = joined.to_string_lossy().into_owned();
        out.extend(joined.split_whitespace().map(OsString::from));
    }
    out.extend(it);
    out
}

/// Whether the file at `path` begins with `#!` (for
/// [`split_interpreter_args`]). Unreadable files do not.
pub fn is_interpreter_script(path: &OsStr) -> bool {
    let mut head = [0u8; 2];
    std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut head)).map(|()| &head == b"#!").unwrap_or(false)
}

/// Rewrites `-32` and `-64` to the long flags [`Flags`] defines, so that
/// clap sees them as flags and not as `-3`/`-6` clusters. A `-32` that is
/// the value of the flag before it (`-n -32`), and anything after `--`,
/// stay as they are.
pub fn rewrite_data_model_flags(argv: Vec<OsString>) -> Vec<OsString> {
    let valued: Vec<char> = Flags::command()
        .get_arguments()
        .filter(|a| a.get_action().takes_values())
        .filter_map(|a| a.get_short())
        .collect();
    // Whether a flag cluster such as `-qs` leaves its last flag's value to
    // the next argument.
    let wants_value = |arg: &str| {
        let Some(cluster) = arg.strip_prefix('-') else {
            return false;
        };
        if cluster.starts_with('-') {
            return false;
        }
        for (i, c) in cluster.char_indices() {
            if valued.contains(&c) {
                return i + c.len_utf8() == cluster.len();
            }
        }
        false
    };
    let mut out = Vec::with_capacity(argv.len());
    let mut operands = false;
    let mut is_value = false;
    for (i, a) in argv.into_iter().enumerate() {
        let text = a.to_str().unwrap_or("");
        let rewritten = if i == 0 || operands || is_value {
            is_value = false;
            a
        } else {
            is_value = wants_value(text);
            match text {
                "--" => {
                    operands = true;
                    a
                }
                "-32" => OsString::from("--32"),
                "-64" => OsString::from("--64"),
                _ => a,
            }
        };
        out.push(rewritten);
    }
    out
}

/// Parses a command line (`argv[0]` first), as dtrace(1) would.
pub fn parse_args(argv: Vec<OsString>) -> Result<Invocation, CliError> {
    if argv.len() <= 1 {
        return Err(CliError::Usage(None));
    }
    let argv0 = argv[0].to_string_lossy().into_owned();
    let argv = rewrite_data_model_flags(argv);
    let matches = Flags::command().try_get_matches_from(argv).map_err(getopt_error)?;
    let flags = Flags::from_arg_matches(&matches).map_err(getopt_error)?;

    // dtrace(1)'s first pass: the flags that pick a mode.
    let modes = [flags.anon, flags.link, flags.header, flags.list, flags.version];
    if modes.iter().filter(|m| **m).count() > 1 {
        return Err(CliError::Invalid("only one of the [-AGhlV] options can be specified at a time".into()));
    }
    let programs = programs_in_order(&matches);
    let options = options_in_order(&matches);
    let engines = options.iter().rev().find(|s| s.name == "engines").is_some_and(|s| s.value.is_none());
    let mode = if flags.version {
        // -V prints the version whatever else is on the line.
        Mode::Version
    } else if engines {
        Mode::Engines
    } else if flags.list {
        Mode::List
    } else if flags.compile_only {
        Mode::CompileOnly
    } else {
        Mode::Trace
    };

    let targets = targets_in_order(&matches);
    if mode != Mode::Version {
        not_yet_supported(&flags, mode)?;
        for s in &options {
            check_option(s)?;
        }
    }
    Ok(Invocation {
        mode,
        programs,
        targets,
        options,
        operands: flags.operands,
        argv0,
        zdefs_flag: flags.zdefs,
        output: flags.output,
        show_dif: flags.show_dif,
        verbose: flags.verbose > 0,
    })
}

/// Refuses the flags whose features are not built yet.
fn not_yet_supported(flags: &Flags, mode: Mode) -> Result<(), CliError> {
    let refused = [
        (flags.ilp32, "-32"),
        (flags.claim_anon, "-a"),
        (flags.anon, "-A"),
        (flags.link, "-G"),
        (flags.header, "-h"),
        (!flags.libdir.is_empty(), "-L"),
        // `-v` with `-l` lists attributes and argument types; elsewhere it
        // asks for the program's stability report, which needs attributes
        // computed for every D expression.
        (flags.verbose > 0 && mode != Mode::List, "-v"),
    ];
    match refused.iter().find(|(set, _)| *set) {
        Some((_, flag)) => Err(CliError::NotYetSupported((*flag).to_string())),
        None => Ok(()),
    }
}

/// The options whose features do not exist yet, by name: the same features
/// as the refused flags, reached through `-x`.
const UNSUPPORTED_OPTIONS: &[&str] = &["grabanon", "libdir", "verbose"];

/// Validates one option setting against the options table, as dtrace(1)'s
/// second pass does with `dtrace_setopt()`.
fn check_option(s: &OptionSetting) -> Result<(), CliError> {
    let failed = |e| CliError::OptionFailed(options::cli_error(&s.flag, e));
    options::set(&s.name, s.value.as_deref(), SetContext::CommandLine).map_err(failed)?;
    if UNSUPPORTED_OPTIONS.contains(&s.name.as_str()) {
        return Err(CliError::NotYetSupported(s.flag.clone()));
    }
    Ok(())
}

/// The programs of `-n -s -P -m -f -i`, in command-line order.
fn programs_in_order(m: &clap::ArgMatches) -> Vec<Program> {
    let mut progs: Vec<(usize, Program)> = Vec::new();
    let mut take = |id: &str, make: &dyn Fn(String) -> Program| {
        let (Some(idx), Some(vals)) = (m.indices_of(id), m.get_many::<String>(id)) else {
            return;
        };
        progs.extend(idx.zip(vals.cloned().map(make)));
    };
    take("script", &Program::Script);
    let spec = |flag| move |text| Program::Spec { flag, text };
    take("provider", &spec(SpecFlag::Provider));
    take("module", &spec(SpecFlag::Module));
    take("function", &spec(SpecFlag::Function));
    take("name", &spec(SpecFlag::Name));
    take("id", &spec(SpecFlag::Id));
    progs.sort_by_key(|(i, _)| *i);
    progs.into_iter().map(|(_, p)| p).collect()
}

/// The processes of `-c` and `-p`, in command-line order.
fn targets_in_order(m: &clap::ArgMatches) -> Vec<TargetArg> {
    let mut out: Vec<(usize, TargetArg)> = Vec::new();
    for (id, make) in [("command", TargetArg::Command as fn(String) -> TargetArg), ("pid", TargetArg::Pid)] {
        if let (Some(idx), Some(vals)) = (m.indices_of(id), m.get_many::<String>(id)) {
            out.extend(idx.zip(vals.cloned().map(make)));
        }
    }
    out.sort_by_key(|(i, _)| *i);
    out.into_iter().map(|(_, t)| t).collect()
}

/// The option settings of `-x` and of the flags that stand for options, in
/// command-line order.
fn options_in_order(m: &clap::ArgMatches) -> Vec<OptionSetting> {
    let mut out: Vec<(usize, OptionSetting)> = Vec::new();
    // Flags with a value: (clap id, letter, option name).
    for (id, letter, name) in [
        ("bufsize", 'b', "bufsize"),
        ("define", 'D', "define"),
        ("incdir", 'I', "incdir"),
        ("undef", 'U', "undef"),
        ("stdc", 'X', "stdc"),
    ] {
        if let (Some(idx), Some(vals)) = (m.indices_of(id), m.get_many::<String>(id)) {
            for (i, v) in idx.zip(vals) {
                let s = OptionSetting { name: name.into(), value: Some(v.clone()), flag: format!("-{letter} {v}") };
                out.push((i, s));
            }
        }
    }
    // Flags without a value: (clap id, flag, option name).
    for (id, flag, name) in [
        ("cpp", "-C", "cpp"),
        ("quiet", "-q", "quiet"),
        ("destructive", "-w", "destructive"),
        ("flowindent", "-F", "flowindent"),
        ("cpphdrs", "-H", "cpphdrs"),
        ("json", "--json", "json"),
        ("engines", "--engines", "engines"),
    ] {
        if m.get_flag(id) {
            let i = m.index_of(id).unwrap_or(0);
            let s = OptionSetting { name: name.into(), value: None, flag: flag.into() };
            out.push((i, s));
        }
    }
    if let (Some(idx), Some(vals)) = (m.indices_of("option"), m.get_many::<String>("option")) {
        for (i, v) in idx.zip(vals) {
            let (name, value) = options::split_assignment(v);
            let s = OptionSetting { name: name.into(), value: value.map(str::to_string), flag: format!("-x {name}") };
            out.push((i, s));
        }
    }
    out.sort_by_key(|(i, _)| *i);
    out.into_iter().map(|(_, s)| s).collect()
}

/// The D program text for a `-n`/`-P`/`-m`/`-f`/`-i` argument.
///
/// dtrace(1) reads the argument's leading probe descriptions starting at
/// the flag's field; the compiler reads descriptions as `-n` does, so each
/// leading description is rewritten to its four-field form here: `-P
/// syscall` becomes `syscall:::`, `-m fbt:vmlinux` becomes `fbt:vmlinux::`,
/// `-f read` becomes `::read:`, and `-i 1` becomes `dtrace:::BEGIN` (the
/// probe with that id). What follows the descriptions (predicate, actions)
/// and the text between them is kept byte for byte, so line numbers hold.
/// `-n` text is returned unchanged.
pub fn program_text(flag: SpecFlag, text: &str, catalog: &dyn ProbeCatalog) -> Result<String, CompileError> {
    let kind = match flag {
        SpecFlag::Name => return Ok(text.to_string()),
        SpecFlag::Provider => SpecKind::Provider,
        SpecFlag::Module => SpecKind::Module,
        SpecFlag::Function => SpecKind::Function,
        SpecFlag::Id => SpecKind::Name,
    };
    let invalid = |msg: String| CompileError::new(ErrTag::D_PDESC_INVAL, None, msg);
    let rewrite = |desc: &str| -> Result<String, CompileError> {
        if flag == SpecFlag::Id && desc.bytes().all(|b| b.is_ascii_digit()) {
            // A probe id. Anything else -i is given is a probe name, as in
            // dtrace(1).
            let id = desc.parse::<u64>().ok().and_then(|n| u32::try_from(n).ok());
            let Some(id) = id else {
                return Err(invalid(format!("identifier {desc} exceeds maximum probe id")));
            };
            return match catalog.by_id(id) {
                Some(p) => Ok(format!("{}:{}:{}:{}", p.provider, p.module, p.function, p.name)),
                None => Err(invalid(format!("invalid probe identifier {id}: Unknown probe identifier"))),
            };
        }
        pdesc::parse_as(desc, kind)
            .map(|d| d.to_string())
            .map_err(|e| invalid(format!("invalid probe description \"{desc}\": {e}")))
    };
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    loop {
        let ws = rest.len() - rest.trim_start().len();
        out.push_str(&rest[..ws]);
        rest = &rest[ws..];
        let len = rest.bytes().take_while(|&b| is_pspec_char(b)).count();
        if len == 0 {
            break;
        }
        out.push_str(&rewrite(&rest[..len])?);
        rest = &rest[len..];
        // Another description follows a comma.
        let ws = rest.len() - rest.trim_start().len();
        if !rest[ws..].starts_with(',') {
            break;
        }
        out.push_str(&rest[..=ws]);
        rest = &rest[ws + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The characters of a probe description, as the D lexer reads one at the
/// outer scope.
fn is_pspec_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-$:_.?*\\[]!`".contains(&b)
}

/// An I/O error as C's `strerror` words it (dtrace(1)'s messages end with
/// it): Rust's text without the ` (os error N)` suffix.
pub fn strerror(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.rfind(" (os error ") {
        Some(i) if text.ends_with(')') => text[..i].to_string(),
        _ => text,
    }
}

/// Turns clap's refusal into getopt's: `illegal option -- k` or `option
/// requires an argument -- n`, followed by the usage.
fn getopt_error(e: clap::Error) -> CliError {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let arg = match e.get(ContextKind::InvalidArg) {
        Some(ContextValue::String(s)) => s.clone(),
        _ => String::new(),
    };
    // clap names a flag `-k`, `--long`, or `-n <value>`: keep the letter.
    let letter: String = match arg.strip_prefix("--") {
        Some(_) => "-".into(),
        None => arg.trim_start_matches('-').chars().take(1).collect(),
    };
    let msg = match e.kind() {
        ErrorKind::UnknownArgument if !letter.is_empty() => format!("illegal option -- {letter}"),
        ErrorKind::InvalidValue | ErrorKind::NoEquals if !letter.is_empty() => {
            format!("option requires an argument -- {letter}")
        }
        ErrorKind::InvalidUtf8 => "arguments must be valid UTF-8".to_string(),
        _ => {
            // Anything else clap refuses: its own first line, without the
            // `error: ` prefix.
            let text = e.to_string();
            let first = text.lines().next().unwrap_or("invalid arguments");
            first.trim_start_matches("error: ").to_string()
        }
    };
    CliError::Usage(Some(msg))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(args: &[&str]) -> Vec<OsString> {
        std::iter::once("dtrace").chain(args.iter().copied()).map(OsString::from).collect()
    }

    fn parse(args: &[&str]) -> Result<Invocation, CliError> {
        parse_args(argv(args))
    }

    fn spec(flag: SpecFlag, text: &str) -> Program {
        Program::Spec { flag, text: text.into() }
    }

    #[test]
    fn no_arguments_is_usage() {
        let e = parse_args(vec![OsString::from("dtrace")]).unwrap_err();
        assert_eq!(e, CliError::Usage(None));
        assert_eq!(e.exit_code(), 2);
        assert!(e.to_string().starts_with("Usage: dtrace [-32|-64] [-aACeFGhHlqSvVwZ]"));
    }

    #[test]
    fn usage_text_matches_dtrace() {
        let u = usage();
        assert!(u.contains("\t[-n [[[ provider: ] module: ] func: ] name [[ predicate ] action ]]\n"));
        assert!(u.contains("\t[-i probe-id [[ predicate ] action ]] [ args ... ]\n\n"));
        assert!(u.contains("\t   action -> '{' D-statements '}'\n\n\t-32 generate 32-bit"));
        assert!(u.contains("\t-64 generate 64-bit D programs and ELF files\n\n\t-a  claim anonymous tracing state\n"));
        assert!(u.contains("\t-A  generate driver.conf(5) directives for anonymous tracing\n"));
        assert!(u.ends_with("\t-Z  permit probe descriptions that match zero probes\n"));
        // Every flag once, in dtrace(1)'s order.
        let letters: String = u
            .lines()
            .filter_map(|l| l.strip_prefix("\t-"))
            .filter_map(|l| l.split(' ').next())
            .collect::<Vec<_>>()
            .join(",");
        assert_eq!(letters, "32,64,a,A,b,c,C,D,e,f,F,G,h,H,i,I,l,L,m,n,o,p,P,q,s,S,U,v,V,w,x,X,Z");
        // The operands' help line is not a flag line.
        assert!(!u.contains("macro arguments"));
    }

    #[test]
    fn programs_keep_their_order() {
        let inv = parse(&[
            "-n", "BEGIN", "-s", "a.d", "-P", "syscall", "-m", "vmlinux", "-f", "read", "-i", "3", "-n", "END",
        ])
        .unwrap();
        assert_eq!(
            inv.programs,
            vec![
                spec(SpecFlag::Name, "BEGIN"),
                Program::Script("a.d".into()),
                spec(SpecFlag::Provider, "syscall"),
                spec(SpecFlag::Module, "vmlinux"),
                spec(SpecFlag::Function, "read"),
                spec(SpecFlag::Id, "3"),
                spec(SpecFlag::Name, "END"),
            ]
        );
        assert_eq!(inv.mode, Mode::Trace);
    }

    #[test]
    fn getopt_style_clusters_and_attached_values() {
        let inv = parse(&["-qs", "x.d", "-xerrtags", "-nBEGIN"]).unwrap();
        assert_eq!(inv.programs, vec![Program::Script("x.d".into()), spec(SpecFlag::Name, "BEGIN")]);
        assert!(inv.quiet());
        assert!(inv.errtags());
        let inv = parse(&["-qsx.d"]).unwrap();
        assert_eq!(inv.programs, vec![Program::Script("x.d".into())]);
        // A value may start with `-`, as getopt allows.
        let inv = parse(&["-n", "-weird"]).unwrap();
        assert_eq!(inv.programs, vec![spec(SpecFlag::Name, "-weird")]);
    }

    #[test]
    fn operands_are_macro_arguments_wherever_they_are() {
        let inv = parse(&["-s", "x.d", "one", "-q", "two"]).unwrap();
        assert_eq!(inv.operands, ["one", "two"]);
        assert!(inv.quiet());
        let inv = parse(&["-n", "BEGIN", "--", "-3"]).unwrap();
        assert_eq!(inv.operands, ["-3"]);
    }

    #[test]
    fn modes() {
        assert_eq!(parse(&["-V"]).unwrap().mode, Mode::Version);
        assert_eq!(parse(&["-l"]).unwrap().mode, Mode::List);
        assert_eq!(parse(&["-e", "-n", "BEGIN"]).unwrap().mode, Mode::CompileOnly);
        assert_eq!(parse(&["-l", "-e", "-n", "BEGIN"]).unwrap().mode, Mode::List);
        // -v is built only for listings.
        assert!(parse(&["-lv", "-n", "BEGIN"]).unwrap().verbose);
        assert!(parse(&["-v", "-l"]).unwrap().verbose);
        assert!(!parse(&["-l"]).unwrap().verbose);
        let e = parse(&["-l", "-V"]).unwrap_err();
        assert_eq!(e.to_string(), "dtrace: only one of the [-AGhlV] options can be specified at a time\n");
        assert_eq!(e.exit_code(), 2);
        // -V wins over everything else, even flags not supported yet.
        assert_eq!(parse(&["-V", "-S", "-x", "nosuch"]).unwrap().mode, Mode::Version);
        assert_eq!(version_line(), "dtrace: Sun D 1.12.1\n");
    }

    #[test]
    fn zdefs_sources() {
        assert!(!parse(&["-n", "BEGIN"]).unwrap().zdefs());
        assert!(parse(&["-Z", "-n", "BEGIN"]).unwrap().zdefs());
        assert!(parse(&["-x", "zdefs", "-n", "BEGIN"]).unwrap().zdefs());
        assert!(parse(&["-l", "-n", "BEGIN"]).unwrap().zdefs());
    }

    #[test]
    fn unknown_flags_are_getopt_errors() {
        let e = parse(&["-k"]).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        let text = e.to_string();
        assert!(text.starts_with("dtrace: illegal option -- k\nUsage: dtrace "), "{text}");
        let e = parse(&["-qk"]).unwrap_err();
        assert!(e.to_string().starts_with("dtrace: illegal option -- k\n"), "{e}");
        let e = parse(&["--help"]).unwrap_err();
        assert!(e.to_string().starts_with("dtrace: illegal option -- -\n"), "{e}");
        let e = parse(&["-n"]).unwrap_err();
        assert!(e.to_string().starts_with("dtrace: option requires an argument -- n\n"), "{e}");
        let e = parse(&["-e", "-x"]).unwrap_err();
        assert!(e.to_string().starts_with("dtrace: option requires an argument -- x\n"), "{e}");
    }

    #[test]
    fn data_model_flags() {
        assert_eq!(
            rewrite_data_model_flags(argv(&["-64", "-q", "-32", "--", "-32"])),
            argv(&["--64", "-q", "--32", "--", "-32"])
        );
        // The value of a flag is not a flag, as with getopt.
        assert_eq!(
            rewrite_data_model_flags(argv(&["-n", "-32", "-qx", "-64", "-xq", "-32"])),
            argv(&["-n", "-32", "-qx", "-64", "-xq", "--32"])
        );
        assert_eq!(parse(&["-n", "-32"]).unwrap().programs, vec![spec(SpecFlag::Name, "-32")]);
        assert!(parse(&["-64", "-n", "BEGIN"]).is_ok());
        assert_eq!(parse(&["-32", "-n", "BEGIN"]).unwrap_err(), CliError::NotYetSupported("-32".into()));
    }

    #[test]
    fn unsupported_flags_are_refused_clearly() {
        for (args, flag) in [
            (&["-G", "-s", "x.d"][..], "-G"),
            (&["-A"], "-A"),
            (&["-a"], "-a"),
            (&["-h", "-s", "x.d"], "-h"),
            (&["-L", "/lib", "-n", "BEGIN"], "-L"),
            (&["-v", "-n", "BEGIN"], "-v"),
            (&["-v", "-e", "-n", "BEGIN"], "-v"),
            (&["-x", "verbose", "-s", "x.d"], "-x verbose"),
        ] {
            let e = parse(args).unwrap_err();
            assert_eq!(e, CliError::NotYetSupported(flag.into()), "{args:?}");
            assert_eq!(e.exit_code(), 2);
            assert_eq!(e.to_string(), format!("dtrace: option {flag} is not yet supported\n"));
        }
    }

    #[test]
    fn preprocessor_arguments_in_order() {
        let inv = parse(&["-D", "A=1", "-C", "-I", "/inc", "-x", "undef=B", "-H", "-s", "x.d"]).unwrap();
        assert_eq!(inv.cpp_args(), Some(vec!["-DA=1".into(), "-I/inc".into(), "-UB".into(), "-H".into()]));
        let inv = parse(&["-x", "cpp", "-x", "define=X", "-s", "x.d"]).unwrap();
        assert_eq!(inv.cpp_args(), Some(vec!["-DX".into()]));
        let inv = parse(&["-D", "A=1", "-s", "x.d"]).unwrap();
        assert_eq!(inv.cpp_args(), None);
        assert!(parse(&["-x", "argref", "-n", "BEGIN"]).unwrap().argref());
    }

    #[test]
    fn preprocessor_flags_are_accepted_without_cpp() {
        let inv = parse(&["-D", "X=1", "-U", "Y", "-I", "/inc", "-H", "-X", "c", "-n", "BEGIN"]).unwrap();
        let names: Vec<&str> = inv.options.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["define", "undef", "incdir", "cpphdrs", "stdc"]);
        assert_eq!(inv.options[0].value.as_deref(), Some("X=1"));
    }

    #[test]
    fn options_are_validated_and_ordered() {
        let inv = parse(&["-b", "1m", "-x", "bufsize=2m", "-q", "-x", "quiet=no", "-n", "BEGIN"]).unwrap();
        let flags: Vec<&str> = inv.options.iter().map(|s| s.flag.as_str()).collect();
        assert_eq!(flags, ["-b 1m", "-x bufsize", "-q", "-x quiet"]);
        assert_eq!(inv.option("bufsize"), Some(OptionValue::Int(2 << 20)));
        assert!(!inv.quiet());
        assert!(parse(&["-x", "defaultargs", "-n", "BEGIN"]).unwrap().defaultargs());

        let e = parse(&["-x", "nosuch", "-n", "BEGIN"]).unwrap_err();
        assert_eq!(e.to_string(), "dtrace: failed to set -x nosuch: Invalid option name\n");
        assert_eq!(e.exit_code(), 1);
        let e = parse(&["-x", "bufsize=4q", "-n", "BEGIN"]).unwrap_err();
        assert_eq!(e.to_string(), "dtrace: failed to set -x bufsize: Invalid value for specified option\n");
        let e = parse(&["-b", "4q", "-n", "BEGIN"]).unwrap_err();
        assert_eq!(e.to_string(), "dtrace: failed to set -b 4q: Invalid value for specified option\n");
        let e = parse(&["-X", "q", "-n", "BEGIN"]).unwrap_err();
        assert_eq!(e.to_string(), "dtrace: failed to set -X q: Invalid value for specified option\n");
    }

    #[test]
    fn long_flags_stand_for_our_options() {
        let inv = parse(&["--json", "-n", "BEGIN"]).unwrap();
        assert!(inv.option_set("json"));
        assert_eq!(inv.options[0].flag, "--json");
        assert_eq!(inv.mode, Mode::Trace);
        assert_eq!(parse(&["--engines"]).unwrap().mode, Mode::Engines);
        assert_eq!(parse(&["-x", "engines", "-n", "BEGIN"]).unwrap().mode, Mode::Engines);
        assert_eq!(parse(&["-V", "--engines"]).unwrap().mode, Mode::Version);
        // The option's own checks still apply: it takes no value.
        let err = parse(&["-x", "engines=1"]).unwrap_err();
        assert_eq!(err.to_string(), "dtrace: failed to set -x engines: Invalid value for specified option\n");
        // dtrace(1)'s usage text does not list them.
        assert!(!usage().contains("json") && !usage().contains("engines"));
    }

    #[test]
    fn processes_keep_their_order() {
        // dtrace(1) creates and grabs in command-line order; the first is
        // $target. A command is one argument, split later.
        let inv = parse(&["-p", "12", "-c", "sleep 1", "-n", "BEGIN", "-c", "true"]).unwrap();
        assert_eq!(
            inv.targets,
            [TargetArg::Pid("12".into()), TargetArg::Command("sleep 1".into()), TargetArg::Command("true".into())]
        );
        assert!(parse(&["-n", "BEGIN"]).unwrap().targets.is_empty());
    }

    #[test]
    fn output_file_last_wins() {
        let inv = parse(&["-o", "a", "-o", "b", "-l"]).unwrap();
        assert_eq!(inv.output.as_deref(), Some("b"));
        assert_eq!(inv.argv0, "dtrace");
    }

    #[test]
    fn interpreter_arguments_are_split_before_a_script() {
        let yes = |_: &OsStr| true;
        let no = |_: &OsStr| false;
        assert_eq!(split_interpreter_args(argv(&["-q -s", "s.d", "a1"]), yes), argv(&["-q", "-s", "s.d", "a1"]));
        assert_eq!(
            split_interpreter_args(argv(&["-x bufsize=4m  -qs", "s.d"]), yes),
            argv(&["-x", "bufsize=4m", "-qs", "s.d"])
        );
        // One word: nothing to split.
        assert_eq!(split_interpreter_args(argv(&["-qs", "s.d"]), yes), argv(&["-qs", "s.d"]));
        // Not followed by a #! script: a program typed by hand.
        let typed = argv(&["-nBEGIN { exit(0); }", "x"]);
        assert_eq!(split_interpreter_args(typed.clone(), no), typed);
        // Not a flag.
        let op = argv(&["a b", "s.d"]);
        assert_eq!(split_interpreter_args(op.clone(), yes), op);
        assert_eq!(split_interpreter_args(argv(&["-q -s"]), yes), argv(&["-q -s"]));
    }

    #[test]
    fn spec_programs_are_rewritten_to_four_fields() {
        use crate::consumer::probes::KnownProviders;
        let c = KnownProviders::new();
        let t = |flag, text: &str| program_text(flag, text, &c).map_err(|e| e.message);
        assert_eq!(t(SpecFlag::Name, " a:b:c:d:e {x}"), Ok(" a:b:c:d:e {x}".into()));
        assert_eq!(t(SpecFlag::Provider, "syscall"), Ok("syscall:::".into()));
        assert_eq!(t(SpecFlag::Provider, "syscall{ trace(1); }"), Ok("syscall:::{ trace(1); }".into()));
        assert_eq!(t(SpecFlag::Module, "fbt:vmlinux /x/ {}"), Ok("fbt:vmlinux:: /x/ {}".into()));
        assert_eq!(t(SpecFlag::Function, "read"), Ok("::read:".into()));
        assert_eq!(t(SpecFlag::Function, "m:read"), Ok(":m:read:".into()));
        assert_eq!(t(SpecFlag::Provider, " dtrace ,\n profile\n{}"), Ok(" dtrace::: ,\n profile:::\n{}".into()));
        assert_eq!(t(SpecFlag::Provider, "{}"), Ok("{}".into()));
        assert_eq!(
            t(SpecFlag::Provider, "a:b"),
            Err("invalid probe description \"a:b\": Overspecified probe description".into())
        );
        assert_eq!(
            t(SpecFlag::Function, "a:b:c:d"),
            Err("invalid probe description \"a:b:c:d\": Overspecified probe description".into())
        );
        assert_eq!(t(SpecFlag::Id, "1"), Ok("dtrace:::BEGIN".into()));
        assert_eq!(t(SpecFlag::Id, "2,3 { x }"), Ok("dtrace:::END,dtrace:::ERROR { x }".into()));
        assert_eq!(t(SpecFlag::Id, "4"), Ok("profile:::profile-97".into()));
        assert_eq!(t(SpecFlag::Id, "BEGIN"), Ok(":::BEGIN".into()));
        assert_eq!(t(SpecFlag::Id, "999"), Err("invalid probe identifier 999: Unknown probe identifier".into()));
        assert_eq!(t(SpecFlag::Id, "99999999999"), Err("identifier 99999999999 exceeds maximum probe id".into()));
        let e = program_text(SpecFlag::Provider, "a:b", &c).unwrap_err();
        assert_eq!(e.tag, ErrTag::D_PDESC_INVAL);
    }

    #[test]
    fn strerror_drops_the_os_error_suffix() {
        let e = std::io::Error::from_raw_os_error(2);
        assert_eq!(strerror(&e), "No such file or directory");
        let e = std::io::Error::other("plain");
        assert_eq!(strerror(&e), "plain");
    }

    #[test]
    fn interpreter_script_detection() {
        let dir = std::env::temp_dir().join(format!("dtrace-cli-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let script = dir.join("s.d");
        std::fs::write(&script, "#!/usr/sbin/dtrace -q -s\nBEGIN { exit(0); }\n").unwrap();
        let plain = dir.join("p.d");
        std::fs::write(&plain, "BEGIN { exit(0); }\n").unwrap();
        assert!(is_interpreter_script(script.as_os_str()));
        assert!(!is_interpreter_script(plain.as_os_str()));
        assert!(!is_interpreter_script(dir.join("missing").as_os_str()));
        assert!(!is_interpreter_script(dir.as_os_str()));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
