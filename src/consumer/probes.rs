//! The probe catalog: which probes exist, and their ids.
//!
//! The compiler asks a [`ProbeCatalog`] which probes a clause's description
//! matches (a description that matches none is an error unless `-Z`), and
//! `dtrace -l` lists what it returns. Until an engine can be asked,
//! [`KnownProviders`] describes the providers we know how to serve:
//!
//! * `dtrace` — `BEGIN`, `END`, `ERROR` (ids 1, 2, 3; module and function
//!   empty, as in DTrace);
//! * `profile` — the default `profile-N` and `tick-N` probes, plus any other
//!   `profile-N[unit]` / `tick-N[unit]` a description names exactly, created
//!   on demand as DTrace's profile provider does;
//! * `syscall` and `fbt` — from the kernel's BTF when there is one:
//!   `syscall:vmlinux:NAME:entry|return` for every `__x64_sys_NAME`
//!   function and `fbt:vmlinux:FUNC:entry|return` for every function.
//!
//! Ids are dense and stable for a given kernel: dtrace, profile defaults,
//! syscalls sorted by name, fbt sorted by function, then on-demand profile
//! probes in the order they were first named. Kernel probes are computed,
//! not stored, and BTF is read only when a description could match them.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use crate::parser::btf::{Btf, BtfTypes, VMLINUX_BTF};
use crate::parser::pdesc::{field_matches, glob_match, is_glob, ProbeDesc};
use crate::parser::types::TypeTable;
use crate::parser::BtfSource;

/// One probe: its id and four-part name.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Probe {
    pub id: u32,
    pub provider: String,
    pub module: String,
    pub function: String,
    pub name: String,
}

impl Probe {
    fn new(id: u32, provider: &str, module: &str, function: &str, name: &str) -> Probe {
        Probe {
            id,
            provider: provider.to_string(),
            module: module.to_string(),
            function: function.to_string(),
            name: name.to_string(),
        }
    }
}

/// What the compiler and `-l` need to know about the probes that exist.
pub trait ProbeCatalog {
    /// Every probe the description matches, in id order.
    fn matching(&self, desc: &ProbeDesc) -> Vec<Probe>;

    /// Every probe, in id order.
    fn all(&self) -> Vec<Probe>;

    /// The probe with this id (`-i`), if any.
    fn by_id(&self, id: u32) -> Option<Probe> {
        self.all().into_iter().find(|p| p.id == id)
    }
}

/// `dtrace -l`'s header line (dtrace(1)'s `"%5s %10s %17s %33s %s\n"`).
pub fn list_header() -> String {
    format!("{:>5} {:>10} {:>17} {:>33} {}\n", "ID", "PROVIDER", "MODULE", "FUNCTION", "NAME")
}

/// One `dtrace -l` row (`"%5d %10s %17s %33s %s\n"`).
pub fn list_line(p: &Probe) -> String {
    format!("{:>5} {:>10} {:>17} {:>33} {}\n", p.id, p.provider, p.module, p.function, p.name)
}

/// A DTrace stability level, lowest first (illumos `dtrace_stability_t`):
/// the derived `Ord` is the order `dt_attr_min` takes minimums in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stability {
    Internal,
    Private,
    Obsolete,
    External,
    Unstable,
    Evolving,
    Stable,
    Standard,
}

impl Stability {
    /// The name dtrace(1) prints (`dtrace_stability_name()`).
    pub fn name(self) -> &'static str {
        match self {
            Stability::Internal => "Internal",
            Stability::Private => "Private",
            Stability::Obsolete => "Obsolete",
            Stability::External => "External",
            Stability::Unstable => "Unstable",
            Stability::Evolving => "Evolving",
            Stability::Stable => "Stable",
            Stability::Standard => "Standard",
        }
    }
}

/// A DTrace dependency class, narrowest first (illumos `dtrace_class_t`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum DepClass {
    Unknown,
    Cpu,
    Platform,
    Group,
    Isa,
    Common,
}

impl DepClass {
    /// The name dtrace(1) prints (`dtrace_class_name()`).
    pub fn name(self) -> &'static str {
        match self {
            DepClass::Unknown => "Unknown",
            DepClass::Cpu => "CPU",
            DepClass::Platform => "Platform",
            DepClass::Group => "Group",
            DepClass::Isa => "ISA",
            DepClass::Common => "Common",
        }
    }
}

/// One stability attribute: identifier names, data semantics, dependency
/// class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attribute {
    pub name: Stability,
    pub data: Stability,
    pub class: DepClass,
}

impl Attribute {
    const fn new(name: Stability, data: Stability, class: DepClass) -> Attribute {
        Attribute { name, data, class }
    }

    /// Each part's minimum, as libdtrace's `dt_attr_min()`.
    pub fn min(self, other: Attribute) -> Attribute {
        Attribute {
            name: self.name.min(other.name),
            data: self.data.min(other.data),
            class: self.class.min(other.class),
        }
    }
}

/// A provider's attributes for each part of its probes' names and for their
/// arguments (illumos `dtrace_pattr_t`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProviderAttributes {
    pub provider: Attribute,
    pub module: Attribute,
    pub function: Attribute,
    pub name: Attribute,
    pub args: Attribute,
}

/// Shorthand for the table below.
const fn attr(name: Stability, data: Stability, class: DepClass) -> Attribute {
    Attribute::new(name, data, class)
}

/// Every provider's attributes, as its illumos driver registers them
/// (`dtrace_provider_attr` in dtrace.c, `profile_attr`, `systrace_attr`,
/// and the x86 `fbt_attr`; Oracle's Linux syscall provider uses the same
/// values).
const PROVIDER_ATTRIBUTES: [(&str, ProviderAttributes); 4] = {
    use DepClass::*;
    use Stability::*;
    [
        (
            "dtrace",
            ProviderAttributes {
                provider: attr(Stable, Stable, Common),
                module: attr(Private, Private, Unknown),
                function: attr(Private, Private, Unknown),
                name: attr(Stable, Stable, Common),
                args: attr(Stable, Stable, Common),
            },
        ),
        (
            "profile",
            ProviderAttributes {
                provider: attr(Evolving, Evolving, Common),
                module: attr(Unstable, Unstable, Unknown),
                function: attr(Private, Private, Unknown),
                name: attr(Evolving, Evolving, Common),
                args: attr(Evolving, Evolving, Common),
            },
        ),
        (
            "syscall",
            ProviderAttributes {
                provider: attr(Evolving, Evolving, Common),
                module: attr(Private, Private, Unknown),
                function: attr(Private, Private, Isa),
                name: attr(Evolving, Evolving, Common),
                args: attr(Private, Private, Isa),
            },
        ),
        (
            "fbt",
            ProviderAttributes {
                provider: attr(Evolving, Evolving, Isa),
                module: attr(Private, Private, Unknown),
                function: attr(Private, Private, Unknown),
                name: attr(Evolving, Evolving, Isa),
                args: attr(Private, Private, Isa),
            },
        ),
    ]
};

/// The attributes provider `name` registers, if we know the provider.
pub fn provider_attributes(name: &str) -> Option<&'static ProviderAttributes> {
    PROVIDER_ATTRIBUTES.iter().find(|(n, _)| *n == name).map(|(_, a)| a)
}

/// What `dtrace -lv` reports about one probe (libdtrace's
/// `dtrace_probeinfo_t`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProbeInfo {
    /// The probe description's attributes.
    pub attr: Attribute,
    /// The arguments' attributes.
    pub arg_attr: Attribute,
    /// Each argument's C type, `(unknown)` where the type cannot be named;
    /// empty when the provider describes no arguments.
    pub args: Vec<String>,
}

/// What dtrace(1) prints for a type it cannot name.
const UNKNOWN_TYPE: &str = "(unknown)";

/// The description attributes of `p` as `dtrace_probe_info()` computes
/// them: the provider's, lowered by those of each part of the name that
/// is given and not a pattern (an empty part counts as a pattern, so the
/// empty module and function of `dtrace:::BEGIN` do not count).
fn description_attributes(pa: &ProviderAttributes, p: &Probe) -> Attribute {
    let given = |s: &str| !s.is_empty() && !is_glob(s);
    let mut a = pa.provider;
    for (part, pattr) in [(&p.module, pa.module), (&p.function, pa.function), (&p.name, pa.name)] {
        if given(part) {
            a = a.min(pattr);
        }
    }
    a
}

/// The blocks `dtrace -lv` prints after a probe's line
/// (dtrace(1)'s `print_probe_info()`).
pub fn list_verbose(info: &ProbeInfo) -> String {
    let block = |title: &str, a: &Attribute| {
        format!(
            "\n\t{title}\n\t\tIdentifier Names: {}\n\t\tData Semantics:   {}\n\t\tDependency Class: {}\n",
            a.name.name(),
            a.data.name(),
            a.class.name()
        )
    };
    let mut s = block("Probe Description Attributes", &info.attr);
    s.push_str(&block("Argument Attributes", &info.arg_attr));
    s.push_str("\n\tArgument Types\n");
    for (i, t) in info.args.iter().enumerate() {
        s.push_str(&format!("\t\targs[{i}]: {t}\n"));
    }
    if info.args.is_empty() {
        s.push_str("\t\tNone\n");
    }
    s.push('\n');
    s
}

/// Computes [`ProbeInfo`] for the probes of a [`KnownProviders`], naming
/// kernel argument types from its BTF. One describer serves a whole
/// listing, so each kernel type is imported once.
pub struct ProbeDescriber<'a> {
    catalog: &'a KnownProviders,
    /// The importer and the table it fills, made on the first kernel probe;
    /// `None` inside when there is no BTF.
    kernel: Option<Option<(BtfTypes, TypeTable)>>,
}

impl std::fmt::Debug for ProbeDescriber<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProbeDescriber").finish_non_exhaustive()
    }
}

/// BTF names of the function whose parameters are a system call's
/// arguments: `SYSCALL_DEFINE` gives `__do_sys_NAME` the declared C types,
/// while `__x64_sys_NAME` only takes the saved registers. The compiler may
/// inline `__do_sys_NAME`, and then BTF does not have it.
const SYSCALL_BODY_PREFIX: &str = "__do_sys_";

impl ProbeDescriber<'_> {
    /// What dtrace(1) prints for `p` under `-v`; `None` for a provider we
    /// have no attributes for (dtrace(1) then prints the line alone).
    pub fn info(&mut self, p: &Probe) -> Option<ProbeInfo> {
        let pa = provider_attributes(&p.provider)?;
        // dtrace and profile describe no arguments: their drivers have no
        // getargdesc entry point, so dtrace(1) prints "None".
        let args = match p.provider.as_str() {
            "syscall" | "fbt" => self.kernel_args(p),
            _ => Vec::new(),
        };
        Some(ProbeInfo { attr: description_attributes(pa, p), arg_attr: pa.args, args })
    }

    fn kernel_types(&mut self) -> Option<&mut (BtfTypes, TypeTable)> {
        let catalog = self.catalog;
        self.kernel
            .get_or_insert_with(|| {
                let btf = catalog.kernel().btf.clone()?;
                Some((BtfTypes::new(btf), TypeTable::new().0))
            })
            .as_mut()
    }

    /// Argument types of a syscall or fbt probe, as the illumos fbt
    /// provider's `fbt_getargdesc()` lays them out: an entry probe has the
    /// function's parameters; a return probe has `int` (the return offset)
    /// then the return type. Syscall entry probes have the system call's
    /// parameters when BTF has its `__do_sys_` body, else none; syscall
    /// return probes have the entry point's return type, as Linux's
    /// `sys_exit` tracepoints give one `ret` argument.
    fn kernel_args(&mut self, p: &Probe) -> Vec<String> {
        let Some((types, table)) = self.kernel_types() else {
            return Vec::new();
        };
        let lookup = |name: &str| -> Option<(Vec<u32>, u32)> {
            let f = types.btf().function(name).ok()??;
            Some((f.params.iter().map(|q| q.ty).collect(), f.ret))
        };
        let entry = p.name == "entry";
        let sig = match (p.provider.as_str(), entry) {
            ("syscall", true) => lookup(&format!("{SYSCALL_BODY_PREFIX}{}", p.function)),
            ("syscall", false) => lookup(&format!("{SYSCALL_PREFIX}{}", p.function)),
            _ => lookup(&p.function),
        };
        let mut name = |id: u32| match types.import(table, id) {
            Ok(t) => table.name(t),
            Err(_) => UNKNOWN_TYPE.to_string(),
        };
        match (p.provider.as_str(), entry, sig) {
            (_, true, Some((params, _))) => params.into_iter().map(&mut name).collect(),
            (_, true, None) => Vec::new(),
            ("syscall", false, Some((_, ret))) => vec![name(ret)],
            ("syscall", false, None) => vec![UNKNOWN_TYPE.to_string()],
            (_, false, Some((_, ret))) => vec!["int".to_string(), name(ret)],
            (_, false, None) => vec!["int".to_string()],
        }
    }
}

/// The `dtrace` provider's probes, ids 1–3.
const DTRACE_PROBES: [&str; 3] = ["BEGIN", "END", "ERROR"];

/// The `profile` provider's probes that exist before anyone asks: illumos's
/// defaults plus `tick-1sec` and `tick-10sec`, as Linux DTrace lists them.
const PROFILE_DEFAULTS: [&str; 15] = [
    "profile-97",
    "profile-199",
    "profile-499",
    "profile-997",
    "profile-1999",
    "profile-4001",
    "profile-4999",
    "tick-1",
    "tick-10",
    "tick-100",
    "tick-500",
    "tick-1000",
    "tick-5000",
    "tick-1sec",
    "tick-10sec",
];

/// The module name DTrace on Linux gives syscall and fbt probes of the
/// kernel proper.
pub const KERNEL_MODULE: &str = "vmlinux";

/// BTF names of the x86-64 system call entry points: `__x64_sys_read` is
/// `read(2)`.
const SYSCALL_PREFIX: &str = "__x64_sys_";

/// The shortest interval the profile provider accepts: 200 µs (5000 Hz),
/// illumos's `profile_interval_min`. Shorter ones simply do not exist.
pub const PROFILE_INTERVAL_MIN_NS: u64 = 200_000;

/// Whether a profile-provider probe fires on every CPU or on one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProfileKind {
    /// `profile-N`: fires on every CPU.
    Profile,
    /// `tick-N`: fires on one CPU.
    Tick,
}

/// What a profile-provider probe name asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProfileSpec {
    pub kind: ProfileKind,
    /// The firing interval in nanoseconds.
    pub interval_ns: u64,
}

/// Reads a profile-provider probe name, `profile-N[unit]` or `tick-N[unit]`,
/// the way illumos's profile provider does: N is decimal and not zero; the
/// unit (case-insensitive) is one of `ns nsec us usec ms msec s sec m min h
/// hour d day hz`, and none means hz. `None` if the name is not of that form
/// or its interval is below [`PROFILE_INTERVAL_MIN_NS`].
pub fn profile_spec(name: &str) -> Option<ProfileSpec> {
    let (kind, rest) = if let Some(rest) = name.strip_prefix("profile-") {
        (ProfileKind::Profile, rest)
    } else if let Some(rest) = name.strip_prefix("tick-") {
        (ProfileKind::Tick, rest)
    } else {
        return None;
    };
    let digits_end = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
    let (digits, unit) = rest.split_at(digits_end);
    if digits.is_empty() {
        return None;
    }
    let n: u64 = digits.parse().ok()?;
    if n == 0 {
        return None;
    }
    const SEC: u64 = 1_000_000_000;
    // Nanoseconds per unit; `None` for a rate in hertz.
    let per_unit: Option<u64> = match unit.to_ascii_lowercase().as_str() {
        "ns" | "nsec" => Some(1),
        "us" | "usec" => Some(1_000),
        "ms" | "msec" => Some(1_000_000),
        "s" | "sec" => Some(SEC),
        "m" | "min" => Some(60 * SEC),
        "h" | "hour" => Some(60 * 60 * SEC),
        "d" | "day" => Some(24 * 60 * 60 * SEC),
        "hz" | "" => None,
        _ => return None,
    };
    let interval_ns = match per_unit {
        Some(mult) => n.checked_mul(mult)?,
        None => SEC / n,
    };
    // Intervals are signed 64-bit nanoseconds in DTrace.
    if interval_ns < PROFILE_INTERVAL_MIN_NS || interval_ns > i64::MAX as u64 {
        return None;
    }
    Some(ProfileSpec { kind, interval_ns })
}

/// The kernel's functions, as the syscall and fbt providers see them.
#[derive(Debug, Default)]
struct Kernel {
    /// System call names, sorted, each once.
    syscalls: Vec<String>,
    /// Function names, sorted, each once.
    functions: Vec<String>,
    /// The BTF they came from, for argument types (`-lv`).
    btf: Option<Arc<Btf>>,
}

impl Kernel {
    fn from_names<I, S>(names: I) -> Kernel
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut functions: Vec<String> =
            names.into_iter().map(|s| s.as_ref().to_string()).filter(|s| !s.is_empty()).collect();
        functions.sort_unstable();
        functions.dedup();
        // `ni_syscall` fills the unused slots of the system call table; it
        // is not a system call anyone can make.
        let syscalls = functions
            .iter()
            .filter_map(|f| f.strip_prefix(SYSCALL_PREFIX))
            .filter(|s| !s.is_empty() && *s != "ni_syscall")
            .map(str::to_string)
            .collect();
        Kernel { syscalls, functions, btf: None }
    }

    fn read_btf(path: &Path) -> Kernel {
        // No BTF, or unreadable BTF, means no kernel providers; the compiler
        // then reports their descriptions as matching nothing.
        let btf = if path == Path::new(VMLINUX_BTF) { Btf::vmlinux() } else { Btf::open(path).ok().map(Arc::new) };
        match btf {
            Some(btf) => Kernel { btf: Some(btf.clone()), ..Kernel::from_names(btf.function_names()) },
            None => Kernel::default(),
        }
    }
}

/// Where the kernel's function list comes from.
#[derive(Debug)]
enum KernelSource {
    /// No kernel providers.
    None,
    /// A BTF file, read the first time a kernel probe could match.
    Btf(PathBuf),
}

/// The providers dtrace-rs knows, as a [`ProbeCatalog`]. See the module
/// documentation for what it holds.
#[derive(Debug)]
pub struct KnownProviders {
    source: KernelSource,
    kernel: OnceLock<Kernel>,
    /// Profile probes created on demand, in creation order.
    created: Mutex<Vec<Probe>>,
}

/// Id of the first syscall probe: after dtrace's three and profile's
/// defaults.
const FIRST_KERNEL_ID: u32 = 1 + DTRACE_PROBES.len() as u32 + PROFILE_DEFAULTS.len() as u32;

impl Default for KnownProviders {
    fn default() -> Self {
        KnownProviders::new()
    }
}

impl KnownProviders {
    /// The `dtrace` and `profile` providers only.
    pub fn new() -> KnownProviders {
        KnownProviders { source: KernelSource::None, kernel: OnceLock::new(), created: Mutex::new(Vec::new()) }
    }

    /// `dtrace`, `profile`, and `syscall`/`fbt` for a kernel with these
    /// function names (as BTF lists them; order and duplicates do not
    /// matter).
    pub fn with_kernel_functions<I, S>(names: I) -> KnownProviders
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let catalog = KnownProviders::new();
        // A fresh OnceLock is empty, so this cannot fail.
        let _ = catalog.kernel.set(Kernel::from_names(names));
        catalog
    }

    /// `dtrace`, `profile`, and `syscall`/`fbt` from the BTF file at `path`,
    /// read when first needed.
    pub fn from_btf_file(path: impl Into<PathBuf>) -> KnownProviders {
        KnownProviders { source: KernelSource::Btf(path.into()), ..KnownProviders::new() }
    }

    /// The catalog for the kernel types `source` names, as the compiler's
    /// [`BtfSource`] reads them: `Auto` is the running kernel's BTF if it
    /// publishes one.
    pub fn from_btf_source(source: &BtfSource) -> KnownProviders {
        match source {
            BtfSource::None => KnownProviders::new(),
            BtfSource::Auto => {
                if Path::new(VMLINUX_BTF).exists() {
                    KnownProviders::from_btf_file(VMLINUX_BTF)
                } else {
                    KnownProviders::new()
                }
            }
            BtfSource::Path(p) => KnownProviders::from_btf_file(p.clone()),
        }
    }

    fn kernel(&self) -> &Kernel {
        self.kernel.get_or_init(|| match &self.source {
            KernelSource::None => Kernel::default(),
            KernelSource::Btf(path) => Kernel::read_btf(path),
        })
    }

    /// A describer for `dtrace -lv` over this catalog's probes.
    pub fn describer(&self) -> ProbeDescriber<'_> {
        ProbeDescriber { catalog: self, kernel: None }
    }

    fn created(&self) -> std::sync::MutexGuard<'_, Vec<Probe>> {
        // A poisoned lock only means another thread panicked while holding
        // it; the list itself is always consistent (we only push).
        self.created.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn static_probes() -> impl Iterator<Item = Probe> {
        let dtrace = DTRACE_PROBES.iter().enumerate().map(|(i, n)| Probe::new(1 + i as u32, "dtrace", "", "", n));
        let profile = PROFILE_DEFAULTS
            .iter()
            .enumerate()
            .map(|(i, n)| Probe::new(1 + (DTRACE_PROBES.len() + i) as u32, "profile", "", "", n));
        dtrace.chain(profile)
    }

    /// Syscall and fbt probes matching `desc`, in id order.
    fn kernel_matching(&self, desc: &ProbeDesc, out: &mut Vec<Probe>) {
        let wants_syscall = field_matches(&desc.provider, "syscall");
        let wants_fbt = field_matches(&desc.provider, "fbt");
        let wants_name = field_matches(&desc.name, "entry") || field_matches(&desc.name, "return");
        if !(wants_syscall || wants_fbt) || !wants_name || !field_matches(&desc.module, KERNEL_MODULE) {
            return;
        }
        let kernel = self.kernel();
        let syscall_base = FIRST_KERNEL_ID;
        let fbt_base = syscall_base + 2 * kernel.syscalls.len() as u32;
        if wants_syscall {
            push_pairs(&kernel.syscalls, syscall_base, "syscall", desc, out);
        }
        if wants_fbt {
            push_pairs(&kernel.functions, fbt_base, "fbt", desc, out);
        }
    }

    /// The first id after every kernel probe.
    fn first_created_id(&self) -> u32 {
        let kernel = self.kernel();
        FIRST_KERNEL_ID + 2 * (kernel.syscalls.len() + kernel.functions.len()) as u32
    }

    /// Creates the profile probe `desc` names exactly, if it is one the
    /// profile provider would create and does not exist yet.
    fn provide_profile(&self, desc: &ProbeDesc) {
        if !field_matches(&desc.provider, "profile")
            || !field_matches(&desc.module, "")
            || !field_matches(&desc.function, "")
            || desc.name.is_empty()
            || is_glob(&desc.name)
            || PROFILE_DEFAULTS.contains(&desc.name.as_str())
            || profile_spec(&desc.name).is_none()
        {
            return;
        }
        // Read the kernel list (if any) before taking the lock: ids follow it.
        let first = self.first_created_id();
        let mut created = self.created();
        if created.iter().any(|p| p.name == desc.name) {
            return;
        }
        let id = first + created.len() as u32;
        created.push(Probe::new(id, "profile", "", "", &desc.name));
    }
}

/// Appends the `entry` and `return` probes of each function in `names`
/// (sorted) that `desc` matches; the i-th function's are `base + 2i` and
/// `base + 2i + 1`.
fn push_pairs(names: &[String], base: u32, provider: &str, desc: &ProbeDesc, out: &mut Vec<Probe>) {
    let mut push = |i: usize, f: &str| {
        for (k, n) in ["entry", "return"].iter().enumerate() {
            if field_matches(&desc.name, n) {
                let id = base + 2 * i as u32 + k as u32;
                out.push(Probe::new(id, provider, KERNEL_MODULE, f, n));
            }
        }
    };
    if !desc.function.is_empty() && !is_glob(&desc.function) {
        // An exact name: one binary search instead of a scan.
        if let Ok(i) = names.binary_search(&desc.function) {
            push(i, &names[i]);
        }
        return;
    }
    for (i, f) in names.iter().enumerate() {
        if desc.function.is_empty() || glob_match(&desc.function, f) {
            push(i, f);
        }
    }
}

impl ProbeCatalog for KnownProviders {
    fn matching(&self, desc: &ProbeDesc) -> Vec<Probe> {
        self.provide_profile(desc);
        let mut out: Vec<Probe> = KnownProviders::static_probes()
            .filter(|p| desc.matches(&p.provider, &p.module, &p.function, &p.name))
            .collect();
        self.kernel_matching(desc, &mut out);
        out.extend(
            self.created().iter().filter(|p| desc.matches(&p.provider, &p.module, &p.function, &p.name)).cloned(),
        );
        out
    }

    fn all(&self) -> Vec<Probe> {
        let mut out: Vec<Probe> = KnownProviders::static_probes().collect();
        self.kernel_matching(&ProbeDesc::default(), &mut out);
        out.extend(self.created().iter().cloned());
        out
    }

    fn by_id(&self, id: u32) -> Option<Probe> {
        if id == 0 {
            return None;
        }
        if id < FIRST_KERNEL_ID {
            return KnownProviders::static_probes().nth(id as usize - 1);
        }
        let kernel = self.kernel();
        let mut k = (id - FIRST_KERNEL_ID) as usize;
        let name = match k % 2 {
            0 => "entry",
            _ => "return",
        };
        if let Some(s) = kernel.syscalls.get(k / 2) {
            return Some(Probe::new(id, "syscall", KERNEL_MODULE, s, name));
        }
        k -= 2 * kernel.syscalls.len();
        if let Some(f) = kernel.functions.get(k / 2) {
            return Some(Probe::new(id, "fbt", KERNEL_MODULE, f, name));
        }
        self.created().iter().find(|p| p.id == id).cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parser::pdesc::parse;

    fn names(probes: &[Probe]) -> Vec<String> {
        probes.iter().map(|p| format!("{}:{}:{}:{}", p.provider, p.module, p.function, p.name)).collect()
    }

    fn kernel_catalog() -> KnownProviders {
        KnownProviders::with_kernel_functions([
            "vfs_write",
            "__x64_sys_write",
            "__x64_sys_read",
            "vfs_read",
            "__x64_sys_ni_syscall",
            "vfs_read",
        ])
    }

    #[test]
    fn dtrace_provider_ids() {
        let c = KnownProviders::new();
        let begin = c.matching(&parse("BEGIN").unwrap());
        assert_eq!(begin, vec![Probe::new(1, "dtrace", "", "", "BEGIN")]);
        assert_eq!(c.matching(&parse("dtrace:::END").unwrap())[0].id, 2);
        assert_eq!(c.matching(&parse("ERROR").unwrap())[0].id, 3);
        assert_eq!(c.matching(&parse("dtrace:::").unwrap()).len(), 3);
        assert!(c.matching(&parse("dtrace:foo::BEGIN").unwrap()).is_empty());
        assert!(c.matching(&parse("nosuch:::").unwrap()).is_empty());
    }

    #[test]
    fn profile_defaults_follow_dtrace() {
        let c = KnownProviders::new();
        let all = c.all();
        assert_eq!(all.len(), 18);
        assert_eq!(all[3], Probe::new(4, "profile", "", "", "profile-97"));
        assert_eq!(all[17], Probe::new(18, "profile", "", "", "tick-10sec"));
        let ids: Vec<u32> = all.iter().map(|p| p.id).collect();
        assert_eq!(ids, (1..=18).collect::<Vec<_>>());
        assert_eq!(c.matching(&parse("profile:::tick-*").unwrap()).len(), 8);
    }

    #[test]
    fn profile_probes_are_created_on_demand() {
        let c = KnownProviders::new();
        let p = c.matching(&parse("profile:::tick-3s").unwrap());
        assert_eq!(p, vec![Probe::new(19, "profile", "", "", "tick-3s")]);
        // Named again, it is the same probe.
        assert_eq!(c.matching(&parse("tick-3s").unwrap())[0].id, 19);
        // A short form with an empty provider creates too.
        assert_eq!(c.matching(&parse("profile-1234").unwrap())[0].id, 20);
        // Created probes are listed and matched like the others.
        assert_eq!(c.all().len(), 20);
        assert_eq!(c.matching(&parse("profile:::tick-*").unwrap()).len(), 9);
        // Defaults are never created twice.
        assert_eq!(c.matching(&parse("tick-1sec").unwrap())[0].id, 17);
        assert_eq!(c.all().len(), 20);
    }

    #[test]
    fn profile_creation_needs_an_exact_profile_name() {
        let c = KnownProviders::new();
        for d in [
            "tick-*",
            "tick-1?",
            "syscall:::tick-1s",
            "profile:m::tick-1s",
            "profile::f:tick-1s",
            "tick-0",
            "tick-",
            "tick-1fortnight",
            "profile-10000",
            "tick-100us",
            "prof-1",
        ] {
            c.matching(&parse(d).unwrap());
            assert_eq!(c.all().len(), 18, "{d} created a probe");
        }
        assert!(c.matching(&parse("tick-100us").unwrap()).is_empty());
        // Globbed provider that matches `profile` still creates.
        assert_eq!(c.matching(&parse("prof*:::tick-7").unwrap()).len(), 1);
    }

    #[test]
    fn profile_specs() {
        let s = |n| profile_spec(n).map(|p| (p.kind, p.interval_ns));
        assert_eq!(s("profile-97"), Some((ProfileKind::Profile, 1_000_000_000 / 97)));
        assert_eq!(s("tick-1sec"), Some((ProfileKind::Tick, 1_000_000_000)));
        assert_eq!(s("tick-1SEC"), Some((ProfileKind::Tick, 1_000_000_000)));
        assert_eq!(s("tick-10ms"), Some((ProfileKind::Tick, 10_000_000)));
        assert_eq!(s("tick-5000"), Some((ProfileKind::Tick, 200_000)));
        assert_eq!(s("tick-5000hz"), Some((ProfileKind::Tick, 200_000)));
        assert_eq!(s("tick-5001"), None);
        assert_eq!(s("tick-200us"), Some((ProfileKind::Tick, 200_000)));
        assert_eq!(s("tick-199999ns"), None);
        assert_eq!(s("tick-2m"), Some((ProfileKind::Tick, 120_000_000_000)));
        assert_eq!(s("tick-1min"), Some((ProfileKind::Tick, 60_000_000_000)));
        assert_eq!(s("tick-1h"), Some((ProfileKind::Tick, 3_600_000_000_000)));
        assert_eq!(s("tick-1hour"), Some((ProfileKind::Tick, 3_600_000_000_000)));
        assert_eq!(s("tick-1d"), Some((ProfileKind::Tick, 86_400_000_000_000)));
        assert_eq!(s("tick-1day"), Some((ProfileKind::Tick, 86_400_000_000_000)));
        assert_eq!(s("tick-1usec"), None);
        assert_eq!(s("tick-0"), None);
        assert_eq!(s("tick-"), None);
        assert_eq!(s("tick-s"), None);
        assert_eq!(s("tick-1x"), None);
        assert_eq!(s("tick-1s1"), None);
        assert_eq!(s("tick-99999999999999999999999d"), None);
        assert_eq!(s("tick-999999999999d"), None);
        assert_eq!(s("BEGIN"), None);
    }

    #[test]
    fn kernel_providers_from_function_names() {
        let c = kernel_catalog();
        let all = c.all();
        // 18 static, syscalls read+write, functions: 5 distinct.
        assert_eq!(all.len(), 18 + 2 * 2 + 2 * 5);
        let sys = c.matching(&parse("syscall:::").unwrap());
        assert_eq!(
            names(&sys),
            [
                "syscall:vmlinux:read:entry",
                "syscall:vmlinux:read:return",
                "syscall:vmlinux:write:entry",
                "syscall:vmlinux:write:return",
            ]
        );
        assert_eq!(sys.iter().map(|p| p.id).collect::<Vec<_>>(), [19, 20, 21, 22]);
        let fbt = c.matching(&parse("fbt::vfs_*:return").unwrap());
        assert_eq!(names(&fbt), ["fbt:vmlinux:vfs_read:return", "fbt:vmlinux:vfs_write:return"]);
        // fbt functions sorted: __x64_sys_ni_syscall, __x64_sys_read,
        // __x64_sys_write, vfs_read, vfs_write from id 23.
        assert_eq!(fbt[0].id, 23 + 2 * 3 + 1);
        let exact = c.matching(&parse("vfs_read:entry").unwrap());
        assert_eq!(names(&exact), ["fbt:vmlinux:vfs_read:entry"]);
        let both = c.matching(&parse("read:entry").unwrap());
        assert_eq!(names(&both), ["syscall:vmlinux:read:entry"]);
        assert!(c.matching(&parse("syscall:kernel::").unwrap()).is_empty());
        assert!(c.matching(&parse("syscall::ni_syscall:").unwrap()).is_empty());
        // The ids in all() are dense and sorted.
        let ids: Vec<u32> = all.iter().map(|p| p.id).collect();
        assert_eq!(ids, (1..=all.len() as u32).collect::<Vec<_>>());
    }

    #[test]
    fn created_probes_come_after_kernel_probes() {
        let c = kernel_catalog();
        let t = c.matching(&parse("tick-2s").unwrap());
        assert_eq!(t[0].id, 18 + 4 + 10 + 1);
    }

    #[test]
    fn by_id_agrees_with_all() {
        let c = kernel_catalog();
        c.matching(&parse("tick-9s").unwrap());
        for p in c.all() {
            assert_eq!(c.by_id(p.id).as_ref(), Some(&p));
        }
        assert_eq!(c.by_id(0), None);
        assert_eq!(c.by_id(10_000), None);
        assert_eq!(KnownProviders::new().by_id(19), None);
    }

    #[test]
    fn missing_btf_file_means_no_kernel_probes() {
        let c = KnownProviders::from_btf_file("/nonexistent/btf");
        assert!(c.matching(&parse("syscall:::").unwrap()).is_empty());
        assert_eq!(c.all().len(), 18);
        // Descriptions that cannot name kernel probes never read BTF.
        let c = KnownProviders::from_btf_file("/nonexistent/btf");
        c.matching(&parse("dtrace:::BEGIN").unwrap());
        c.matching(&parse("BEGIN").unwrap());
        c.matching(&parse("fbt:foo::").unwrap());
        assert!(c.kernel.get().is_none());
    }

    /// dtrace(1)'s `-v` blocks for these attributes and argument types.
    fn verbose(attr: [&str; 3], args_attr: [&str; 3], args: &[&str]) -> String {
        let mut s = format!(
            "\n\tProbe Description Attributes\n\t\tIdentifier Names: {}\n\t\tData Semantics:   {}\n\t\tDependency Class: {}\n\
             \n\tArgument Attributes\n\t\tIdentifier Names: {}\n\t\tData Semantics:   {}\n\t\tDependency Class: {}\n\
             \n\tArgument Types\n",
            attr[0], attr[1], attr[2], args_attr[0], args_attr[1], args_attr[2]
        );
        for (i, a) in args.iter().enumerate() {
            s.push_str(&format!("\t\targs[{i}]: {a}\n"));
        }
        if args.is_empty() {
            s.push_str("\t\tNone\n");
        }
        s + "\n"
    }

    fn describe(c: &KnownProviders, desc: &str) -> Vec<String> {
        let mut d = c.describer();
        c.matching(&parse(desc).unwrap()).iter().map(|p| list_verbose(&d.info(p).unwrap())).collect()
    }

    #[test]
    fn attributes_combine_as_in_libdtrace() {
        use DepClass::*;
        use Stability::*;
        let a = Attribute::new(Stable, Evolving, Common).min(Attribute::new(Private, Standard, Isa));
        assert_eq!(a, Attribute::new(Private, Evolving, Isa));
        // Empty and globbed parts do not lower the provider's attributes.
        let pa = provider_attributes("syscall").unwrap();
        let p = |m: &str, f: &str, n: &str| Probe::new(1, "syscall", m, f, n);
        assert_eq!(description_attributes(pa, &p("", "", "entry")), Attribute::new(Evolving, Evolving, Common));
        assert_eq!(description_attributes(pa, &p("", "rea*", "entry")), Attribute::new(Evolving, Evolving, Common));
        assert_eq!(description_attributes(pa, &p("", "read", "entry")), Attribute::new(Private, Private, Isa));
        assert_eq!(
            description_attributes(pa, &p("vmlinux", "read", "entry")),
            Attribute::new(Private, Private, Unknown)
        );
        assert!(provider_attributes("nosuch").is_none());
        assert_eq!(KnownProviders::new().describer().info(&Probe::new(9, "nosuch", "", "", "x")), None);
    }

    #[test]
    fn dtrace_and_profile_probes_have_no_argument_types() {
        let c = KnownProviders::new();
        let stable = ["Stable", "Stable", "Common"];
        assert_eq!(describe(&c, "BEGIN"), [verbose(stable, stable, &[])]);
        let evolving = ["Evolving", "Evolving", "Common"];
        assert_eq!(describe(&c, "profile-97"), [verbose(evolving, evolving, &[])]);
        assert_eq!(describe(&c, "tick-3s"), [verbose(evolving, evolving, &[])]);
    }

    /// A kernel whose BTF has `read` with a `__do_sys_` body, `sync` without
    /// one, and `vfs_read` (`ssize_t vfs_read(struct file *, char *,
    /// size_t, const loff_t *)`); `schedule` returns void.
    fn synthetic_kernel() -> (std::path::PathBuf, KnownProviders) {
        use crate::parser::btf::tests::{Writer, CHAR, SIGNED};
        let mut w = Writer::new();
        let long = w.int("long int", 8, SIGNED, 64);
        let ulong = w.int("long unsigned int", 8, 0, 64);
        let uint = w.int("unsigned int", 4, 0, 32);
        let char_ = w.int("char", 1, SIGNED | CHAR, 8);
        let charp = w.ptr(char_);
        let size_t = w.typedef("size_t", ulong);
        let ssize_t = w.typedef("ssize_t", long);
        let loff_t = w.typedef("loff_t", long);
        let cloff = w.konst(loff_t);
        let cloffp = w.ptr(cloff);
        let file = w.sou(false, "file", 8, &[]);
        let filep = w.ptr(file);
        let regs = w.sou(false, "pt_regs", 8, &[]);
        let regsp = w.ptr(regs);
        let entry = w.proto(long, &[("regs", regsp)]);
        w.func("__x64_sys_read", entry);
        w.func("__x64_sys_sync", entry);
        let body = w.proto(long, &[("fd", uint), ("buf", charp), ("count", size_t)]);
        w.func("__do_sys_read", body);
        let vfs = w.proto(ssize_t, &[("file", filep), ("buf", charp), ("count", size_t), ("pos", cloffp)]);
        w.func("vfs_read", vfs);
        let void = w.proto(0, &[]);
        w.func("schedule", void);
        let path = std::env::temp_dir().join(format!("dtrace-rs-listv-{}.btf", std::process::id()));
        std::fs::write(&path, w.finish()).unwrap();
        let c = KnownProviders::from_btf_file(&path);
        (path, c)
    }

    #[test]
    fn kernel_argument_types_come_from_btf() {
        let (path, c) = synthetic_kernel();
        let sys_attr = ["Private", "Private", "Unknown"];
        let sys_args = ["Private", "Private", "ISA"];
        assert_eq!(
            describe(&c, "syscall::read:"),
            [
                verbose(sys_attr, sys_args, &["unsigned int", "char *", "size_t"]),
                verbose(sys_attr, sys_args, &["long int"]),
            ]
        );
        // No `__do_sys_sync` in BTF: the arguments are not known.
        assert_eq!(describe(&c, "syscall::sync:entry"), [verbose(sys_attr, sys_args, &[])]);
        let fbt_attr = ["Private", "Private", "Unknown"];
        let fbt_args = ["Private", "Private", "ISA"];
        assert_eq!(
            describe(&c, "fbt::vfs_read:"),
            [
                verbose(fbt_attr, fbt_args, &["struct file *", "char *", "size_t", "const loff_t *"]),
                verbose(fbt_attr, fbt_args, &["int", "ssize_t"]),
            ]
        );
        assert_eq!(describe(&c, "fbt::schedule:return"), [verbose(fbt_attr, fbt_args, &["int", "void"])]);
        // The wrapper's own register argument, under fbt.
        assert_eq!(describe(&c, "fbt::__x64_sys_read:entry"), [verbose(fbt_attr, fbt_args, &["struct pt_regs *"])]);
        std::fs::remove_file(&path).unwrap();
    }

    #[test]
    fn kernel_probes_without_btf_have_no_argument_types() {
        let c = kernel_catalog();
        let args = ["Private", "Private", "ISA"];
        let attr = ["Private", "Private", "Unknown"];
        assert_eq!(describe(&c, "syscall::read:entry"), [verbose(attr, args, &[])]);
    }

    #[test]
    fn list_format() {
        assert_eq!(list_header(), "   ID   PROVIDER            MODULE                          FUNCTION NAME\n");
        assert_eq!(
            list_line(&Probe::new(1, "dtrace", "", "", "BEGIN")),
            "    1     dtrace                                                     BEGIN\n"
        );
    }
}
