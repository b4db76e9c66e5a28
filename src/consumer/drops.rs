//! The drops and failures dtrace(1) reports on stderr while tracing, one
//! table in libdtrace's order and wording (dt_handle_cpudrop() for the
//! per-CPU kinds, dt_handle_status() for the others), with the tags
//! `-x droptags` puts in front.

/// A kind of drop (`DTRACEDROP_*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DropKind {
    /// Records that did not fit in a CPU's principal buffer.
    Principal,
    /// Aggregation updates that found no room in a CPU's aggregation buffer.
    Aggregation,
    /// Dynamic variables (associative arrays, `self->`) that found no room.
    Dynamic,
    DynRinse,
    DynDirty,
    /// Records that did not fit in a speculative buffer.
    Spec,
    SpecBusy,
    /// `speculation()` calls that found no free speculation.
    SpecUnavail,
    StackStrOverflow,
    /// Faults in ERROR probe enablings.
    DoubleError,
}

impl DropKind {
    /// The kinds counted for the whole session, in the order dtrace(1)
    /// reports them.
    pub const STATUS: [DropKind; 8] = [
        DropKind::Dynamic,
        DropKind::DynRinse,
        DropKind::DynDirty,
        DropKind::Spec,
        DropKind::SpecBusy,
        DropKind::SpecUnavail,
        DropKind::StackStrOverflow,
        DropKind::DoubleError,
    ];

    /// The tag `-x droptags` prints (dt_droptag()).
    pub fn tag(self) -> &'static str {
        match self {
            DropKind::Principal => "DTRACEDROP_PRINCIPAL",
            DropKind::Aggregation => "DTRACEDROP_AGGREGATION",
            DropKind::Dynamic => "DTRACEDROP_DYNAMIC",
            DropKind::DynRinse => "DTRACEDROP_DYNRINSE",
            DropKind::DynDirty => "DTRACEDROP_DYNDIRTY",
            DropKind::Spec => "DTRACEDROP_SPEC",
            DropKind::SpecBusy => "DTRACEDROP_SPECBUSY",
            DropKind::SpecUnavail => "DTRACEDROP_SPECUNAVAIL",
            DropKind::StackStrOverflow => "DTRACEDROP_STKSTROVERFLOW",
            DropKind::DoubleError => "DTRACEDROP_DBLERROR",
        }
    }

    /// What is counted (pluralised with "s") and what follows the count.
    fn words(self) -> (&'static str, &'static str) {
        match self {
            DropKind::Principal => ("drop", ""),
            DropKind::Aggregation => ("aggregation drop", ""),
            DropKind::Dynamic => ("dynamic variable drop", ""),
            DropKind::DynRinse => ("dynamic variable drop", " with non-empty rinsing list"),
            DropKind::DynDirty => ("dynamic variable drop", " with non-empty dirty list"),
            DropKind::Spec => ("speculative drop", ""),
            DropKind::SpecBusy => ("failed speculation", " (available buffer(s) still busy)"),
            DropKind::SpecUnavail => ("failed speculation", " (no speculative buffer available)"),
            DropKind::StackStrOverflow => ("jstack()/ustack() string table overflow", ""),
            DropKind::DoubleError => ("error", " in ERROR probe enabling"),
        }
    }

    /// The stderr line for `n` (> 0) new drops, on `cpu` for the per-CPU
    /// kinds: `dtrace: 3 drops on CPU 0`, `dtrace: 1 dynamic variable drop`.
    pub fn message(self, n: u64, cpu: Option<usize>, droptags: bool) -> String {
        let (what, tail) = self.words();
        let tag = if droptags { format!("[{}] ", self.tag()) } else { String::new() };
        let plural = if n > 1 { "s" } else { "" };
        let place = cpu.map_or(String::new(), |c| format!(" on CPU {c}"));
        format!("dtrace: {tag}{n} {what}{plural}{tail}{place}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wording() {
        assert_eq!(DropKind::Principal.message(1, Some(0), false), "dtrace: 1 drop on CPU 0");
        assert_eq!(DropKind::Principal.message(7, Some(1), true), "dtrace: [DTRACEDROP_PRINCIPAL] 7 drops on CPU 1");
        assert_eq!(DropKind::Aggregation.message(2, Some(0), false), "dtrace: 2 aggregation drops on CPU 0");
        assert_eq!(DropKind::Dynamic.message(1, None, false), "dtrace: 1 dynamic variable drop");
        assert_eq!(
            DropKind::SpecUnavail.message(3, None, true),
            "dtrace: [DTRACEDROP_SPECUNAVAIL] 3 failed speculations (no speculative buffer available)"
        );
        assert_eq!(DropKind::DoubleError.message(2, None, false), "dtrace: 2 errors in ERROR probe enabling");
    }
}
