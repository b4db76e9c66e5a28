//! The engines `dtrace` can trace with, in one table: what each one is,
//! which providers it serves, and whether it is usable on this machine
//! (and if not, why). `dtrace -x engines` prints the table; the local
//! engine's refusal of a provider it cannot serve, and `-x engine=NAME`
//! naming an engine that is not usable, give the same reasons.
//!
//! What is usable is decided from a [`Host`], a snapshot of the few facts
//! that matter (does `/dev/dtrace` open, may this process load BPF
//! programs), so the decisions are pure functions that tests can feed any
//! machine.
//!
//! [`Enabled`] is the interface every engine gives the session once a
//! program is enabled; the session never knows which engine it drives.

use crate::consumer::drain::Source;
use crate::consumer::probes::Probe;
use crate::consumer::teardown::{Registrar, TeardownError};
use comfy_table::{presets, LineStyle, Table};
use dtrace_core::state::State;
use std::sync::{Arc, MutexGuard};

/// An engine with an enabled program.
pub trait Enabled {
    /// The probe with id `id`, as enabled.
    fn probe(&self, id: u32) -> Option<&Probe>;
    /// The enabled state: record layouts, aggregations, drop counts.
    fn state(&self) -> MutexGuard<'_, State>;
    /// The principal buffers, for the snapshot thread.
    fn source(&self) -> Arc<dyn Source>;
    /// Starts tracing: BEGIN fires, then the probes.
    fn go(&mut self);
    /// Stops the probes, then END fires.
    fn stop(&mut self);
    /// Registers with the teardown helper whatever this engine created
    /// outside the process (driver state, BPF links, tracefs events), so
    /// that it is removed should `dtrace` die without tearing down.
    fn register_teardown(&self, reg: &mut dyn Registrar) -> Result<(), TeardownError>;
}

/// One engine (the words of `-x engine=NAME`, in the same order).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    /// The dtrace kernel driver behind `/dev/dtrace`.
    Dev,
    /// DIF lowered to eBPF and attached with bpf(2).
    Bpf,
    /// `driver/core` inside the consumer process.
    Local,
}

/// What the table says about one engine.
#[derive(Clone, Copy, Debug)]
pub struct EngineDef {
    pub engine: Engine,
    pub name: &'static str,
    /// The providers it serves once it is usable.
    pub providers: &'static [&'static str],
}

/// Every engine, in the order dtrace picks the first usable one (as
/// DESIGN.md lists them).
pub static ENGINES: &[EngineDef] = &[
    EngineDef { engine: Engine::Dev, name: "dev", providers: &["dtrace", "profile", "syscall", "fbt"] },
    EngineDef { engine: Engine::Bpf, name: "bpf", providers: &["dtrace", "profile", "syscall", "sdt", "pid"] },
    EngineDef { engine: Engine::Local, name: "local", providers: &["dtrace", "profile"] },
];

impl Engine {
    /// The engine's row of [`ENGINES`].
    pub fn def(self) -> &'static EngineDef {
        // Every variant has its row; the test below keeps it so.
        ENGINES.iter().find(|d| d.engine == self).unwrap_or(&ENGINES[ENGINES.len() - 1])
    }

    pub fn name(self) -> &'static str {
        self.def().name
    }

    /// The engine called `name`.
    pub fn by_name(name: &str) -> Option<Engine> {
        ENGINES.iter().find(|d| d.name == name).map(|d| d.engine)
    }

    /// Whether it serves `provider` (when usable).
    pub fn serves(self, provider: &str) -> bool {
        self.def().providers.contains(&provider)
    }
}

/// What `/dev/dtrace` looks like from this process.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DevNode {
    /// No such file: the driver is not loaded.
    Missing,
    /// It exists but opening it read-write failed (strerror text).
    Unopenable(String),
    /// It opens.
    Opens,
}

/// The facts about this machine that decide which engines are usable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Host {
    pub dev: DevNode,
    /// Whether this process may load tracing BPF programs: CAP_BPF with
    /// CAP_PERFMON, or CAP_SYS_ADMIN, in its effective set (root has them).
    pub may_load_bpf: bool,
}

/// Capability bits (linux/capability.h).
const CAP_SYS_ADMIN: u32 = 21;
const CAP_PERFMON: u32 = 38;
const CAP_BPF: u32 = 39;

impl Host {
    /// Looks at this machine: opens `/dev/dtrace` (and closes it) and
    /// reads the process's effective capabilities from /proc.
    pub fn probe() -> Host {
        let dev = match std::fs::OpenOptions::new().read(true).write(true).open("/dev/dtrace") {
            Ok(_) => DevNode::Opens,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => DevNode::Missing,
            Err(e) => DevNode::Unopenable(crate::cli::strerror(&e)),
        };
        let caps = std::fs::read_to_string("/proc/self/status").ok().and_then(|s| effective_caps(&s)).unwrap_or(0);
        Host { dev, may_load_bpf: may_load_bpf(caps) }
    }
}

/// The `CapEff:` mask of a /proc/PID/status text.
fn effective_caps(status: &str) -> Option<u64> {
    let hex = status.lines().find_map(|l| l.strip_prefix("CapEff:"))?;
    u64::from_str_radix(hex.trim(), 16).ok()
}

/// Whether effective capabilities `caps` allow loading and attaching
/// tracing BPF programs (since Linux 5.8 CAP_BPF with CAP_PERFMON will do;
/// before, CAP_SYS_ADMIN).
fn may_load_bpf(caps: u64) -> bool {
    let has = |bit: u32| caps & (1u64 << bit) != 0;
    has(CAP_SYS_ADMIN) || (has(CAP_BPF) && has(CAP_PERFMON))
}

/// Whether `engine` is usable on `host`: `Err` says why not.
///
/// Only the local engine is built in dtrace-rs so far; the other two say
/// so, together with what this machine would offer them, so the message
/// stays right once they land.
pub fn usable(engine: Engine, host: &Host) -> Result<(), String> {
    match engine {
        Engine::Local => Ok(()),
        Engine::Dev => Err(match &host.dev {
            DevNode::Missing => "/dev/dtrace does not exist: the dtrace kernel driver is not loaded".to_string(),
            DevNode::Unopenable(why) => format!("cannot open /dev/dtrace: {why}"),
            DevNode::Opens => "the dev engine is not built yet in dtrace-rs; /dev/dtrace opens".to_string(),
        }),
        Engine::Bpf => Err(match host.may_load_bpf {
            true => "the bpf engine is not built yet in dtrace-rs; this process could load BPF programs".to_string(),
            false => "the bpf engine is not built yet in dtrace-rs; this process could not load BPF programs \
                      either: it needs CAP_BPF and CAP_PERFMON, or CAP_SYS_ADMIN"
                .to_string(),
        }),
    }
}

/// Why `engine` cannot enable `probe` (of `provider`), as the error after
/// `dtrace: ` words it: what the engine serves, then which engines serve
/// the provider and why each is not usable here.
pub fn cannot_enable(engine: Engine, probe: &str, provider: &str, host: &Host) -> String {
    let serves = engine.def().providers.join(" and ");
    let mut msg = format!("the {} engine cannot enable {probe}: it serves only the {serves} providers", engine.name());
    let others: Vec<String> = ENGINES
        .iter()
        .filter(|d| d.engine != engine && d.engine.serves(provider))
        .map(|d| match usable(d.engine, host) {
            Ok(()) => format!("the {} engine", d.name),
            Err(why) => format!("the {} engine ({why})", d.name),
        })
        .collect();
    match others.is_empty() {
        true => msg.push_str(&format!("; no engine serves the {provider} provider")),
        false => msg.push_str(&format!("; the {provider} provider needs {}", others.join(" or "))),
    }
    msg
}

/// The engine to trace with: `requested` (`-x engine=NAME`) if it is
/// usable, else the first usable one. `Err` is the error line's text
/// (after `dtrace: `) for a requested engine that is not usable.
pub fn select(requested: Option<Engine>, host: &Host) -> Result<Engine, String> {
    match requested {
        Some(e) => {
            usable(e, host).map(|()| e).map_err(|why| format!("the {} engine is not usable here: {why}", e.name()))
        }
        None => Ok(ENGINES.iter().map(|d| d.engine).find(|e| usable(*e, host).is_ok()).unwrap_or(Engine::Local)),
    }
}

/// The `-x engines` table: one row per engine with whether it is usable
/// here, why not, and the providers it serves. Plain ASCII, and no
/// terminal-width wrapping, so the output is the same everywhere.
pub fn table(host: &Host) -> String {
    let mut t = Table::new();
    // ASCII only, so it reads the same on any terminal and in a test.
    t.load_style(presets::ASCII_FULL_CONDENSED.header_separator(LineStyle::new('+', '=', '+', '+')));
    t.set_header(["ENGINE", "USABLE", "PROVIDERS", "WHY NOT"]);
    for d in ENGINES {
        let (yes, why) = match usable(d.engine, host) {
            Ok(()) => ("yes", String::new()),
            Err(why) => ("no", why),
        };
        t.add_row([d.name.to_string(), yes.to_string(), d.providers.join(", "), why]);
    }
    format!("{t}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn host(dev: DevNode, bpf: bool) -> Host {
        Host { dev, may_load_bpf: bpf }
    }

    #[test]
    fn names_are_the_engine_option_words() {
        let def = crate::dif::options::lookup("engine").unwrap();
        let crate::dif::options::ValueType::Enum { words, .. } = def.ty else { panic!("engine is not an enum") };
        let names: Vec<&str> = ENGINES.iter().map(|d| d.name).collect();
        assert_eq!(names, words);
        for e in [Engine::Dev, Engine::Bpf, Engine::Local] {
            assert_eq!(Engine::by_name(e.name()), Some(e));
        }
    }

    #[test]
    fn capabilities_decide_bpf() {
        let status = "Name:\tdtrace\nCapInh:\t0000000000000000\nCapEff:\t000001ffffffffff\n";
        assert_eq!(effective_caps(status), Some(0x1ff_ffff_ffff));
        assert!(may_load_bpf(0x1ff_ffff_ffff));
        assert!(may_load_bpf(1 << CAP_SYS_ADMIN));
        assert!(may_load_bpf(1 << CAP_BPF | 1 << CAP_PERFMON));
        assert!(!may_load_bpf(1 << CAP_BPF));
        assert!(!may_load_bpf(0));
        assert_eq!(effective_caps("Name:\tx\n"), None);
    }

    #[test]
    fn reasons() {
        let h = host(DevNode::Missing, false);
        assert_eq!(usable(Engine::Local, &h), Ok(()));
        assert_eq!(
            usable(Engine::Dev, &h).unwrap_err(),
            "/dev/dtrace does not exist: the dtrace kernel driver is not loaded"
        );
        let h = host(DevNode::Unopenable("Permission denied".into()), true);
        assert_eq!(usable(Engine::Dev, &h).unwrap_err(), "cannot open /dev/dtrace: Permission denied");
        assert_eq!(
            usable(Engine::Bpf, &h).unwrap_err(),
            "the bpf engine is not built yet in dtrace-rs; this process could load BPF programs"
        );
        assert_eq!(
            usable(Engine::Dev, &host(DevNode::Opens, true)).unwrap_err(),
            "the dev engine is not built yet in dtrace-rs; /dev/dtrace opens"
        );
        assert_eq!(select(None, &h), Ok(Engine::Local));
        assert_eq!(
            select(Some(Engine::Dev), &h).unwrap_err(),
            "the dev engine is not usable here: cannot open /dev/dtrace: Permission denied"
        );
        assert_eq!(select(Some(Engine::Local), &h), Ok(Engine::Local));
    }

    #[test]
    fn refusal_names_the_engines_that_could_serve() {
        let h = host(DevNode::Missing, false);
        assert_eq!(
            cannot_enable(Engine::Local, "syscall::read:entry", "syscall", &h),
            "the local engine cannot enable syscall::read:entry: it serves only the dtrace and profile providers; \
             the syscall provider needs the dev engine (/dev/dtrace does not exist: the dtrace kernel driver is \
             not loaded) or the bpf engine (the bpf engine is not built yet in dtrace-rs; this process could not \
             load BPF programs either: it needs CAP_BPF and CAP_PERFMON, or CAP_SYS_ADMIN)"
        );
        assert_eq!(
            cannot_enable(Engine::Local, "fbt:vmlinux:f:entry", "fbt", &h),
            "the local engine cannot enable fbt:vmlinux:f:entry: it serves only the dtrace and profile providers; \
             the fbt provider needs the dev engine (/dev/dtrace does not exist: the dtrace kernel driver is not \
             loaded)"
        );
        assert_eq!(
            cannot_enable(Engine::Local, "zz:::x", "zz", &h),
            "the local engine cannot enable zz:::x: it serves only the dtrace and profile providers; no engine \
             serves the zz provider"
        );
    }

    #[test]
    fn table_rows() {
        let t = table(&host(DevNode::Missing, true));
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines.len(), 7, "{t}");
        assert!(lines[0].starts_with("+--------+--------+"), "{t}");
        assert!(lines[1].starts_with("| ENGINE | USABLE | PROVIDERS "), "{t}");
        assert!(lines[5].starts_with("| local  | yes    | dtrace, profile "), "{t}");
        assert!(lines[3].starts_with("| dev    | no     | dtrace, profile, syscall, fbt "), "{t}");
    }
}
