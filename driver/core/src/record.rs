//! Record layout: where each action of an enabled probe puts its data in a
//! principal-buffer record, fixed when the program is enabled and shared by
//! the engine that writes records and the consumer that decodes them
//! (dtrace(1)'s EPDESC record descriptions).
//!
//! A record is a 12-byte header — the EPID and the 64-bit timestamp as two
//! 32-bit halves — then each recording action's data at its aligned offset.
//! Aggregating actions record into aggregation buffers instead; their key
//! and increment values are not part of the record.

use crate::difo::DifType;
use crate::isa::{act, diftype};
use alloc::vec::Vec;

/// Size of the record header (EPID, timestamp high, timestamp low).
pub const HEADER_SIZE: u32 = 12;

/// What the layout needs to know about one action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ActionInfo {
    pub kind: u16,
    /// The value's type, when the action has a DIFO.
    pub rtype: Option<DifType>,
    /// The action's argument (frames for stack(), size for tracemem(), ...).
    pub arg: u64,
    /// Aggregations: how many key actions precede this one.
    pub ntuple: u32,
}

/// Where one action's data sits in a record (a `dtrace_recdesc_t`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RecDesc {
    /// Index of the action in the ECB's action list.
    pub action: u32,
    pub kind: u16,
    pub size: u32,
    pub offset: u32,
    pub alignment: u16,
    pub arg: u64,
}

/// The layout of an ECB's records (a `dtrace_eprobedesc_t`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EpDesc {
    /// Total record size, header included, before the buffer's 8-byte
    /// rounding.
    pub size: u32,
    pub recs: Vec<RecDesc>,
}

pub use crate::isa::act::is_aggregation;

/// The `arg` of the DIFEXPR action that carries a quantizing aggregation's
/// increment (`quantize(v, incr)`); it follows that aggregation's action,
/// and no other DIFEXPR has a non-zero `arg`.
pub const INCREMENT_ARG: u64 = 1;

/// Whether an action (`next_kind`, `next_arg`) just after aggregating
/// action `agg_kind` is that aggregation's increment.
pub fn is_increment(agg_kind: u16, next_kind: u16, next_arg: u64) -> bool {
    matches!(agg_kind, act::AGG_QUANTIZE | act::AGG_LQUANTIZE | act::AGG_LLQUANTIZE)
        && next_kind == act::DIFEXPR
        && next_arg == INCREMENT_ARG
}

/// The frames a stack(), ustack() or jstack() action records: its
/// argument's low word, or when that is 0 DTrace's kernel defaults
/// (`stackframes` and `ustackframes` 20, `jstackframes` 50).
pub fn stack_frames(kind: u16, arg: u64) -> u32 {
    match ((arg & 0xffff_ffff) as u32, kind) {
        (0, act::JSTACK) => 50,
        (0, _) => 20,
        (n, _) => n,
    }
}

/// How many bytes and what alignment an action records, given `strsize`
/// (in a record, or as a key part). `None` for actions that record nothing
/// in the principal buffer.
pub fn data_size(a: &ActionInfo, strsize: u32) -> Option<(u32, u16)> {
    let frames = stack_frames(a.kind, a.arg);
    match a.kind {
        act::STACK => Some((frames.saturating_mul(8), 8)),
        // The pid, the frames, then room for their strings, in whole words
        // (dtrace_ecb_action_add rounds the size up to a pointer's).
        act::USTACK | act::JSTACK => {
            let strs = (a.arg >> 32) as u32;
            let size = frames.saturating_add(1).saturating_mul(8).saturating_add(strs);
            Some((size.checked_next_multiple_of(8).unwrap_or(size & !7), 8))
        }
        act::SYM | act::MOD => Some((8, 8)),
        act::USYM | act::UMOD | act::UADDR => Some((16, 8)),
        act::TRACEMEM => Some((u32::try_from(a.arg).unwrap_or(u32::MAX), 1)),
        act::EXIT => Some((4, 4)),
        k if is_aggregation(k) => None,
        _ => match a.rtype {
            None => Some((0, 1)),
            Some(t) if t.size == 0 => None,
            Some(t) if t.kind == diftype::STRING => Some((strsize, 1)),
            Some(t) if t.flags & diftype::F_BYREF != 0 => Some((t.size, 8)),
            Some(t) => Some((t.size, (t.size.clamp(1, 8)).next_power_of_two() as u16)),
        },
    }
}

/// Lays out the records of an ECB with these actions.
pub fn layout(actions: &[ActionInfo], strsize: u32) -> EpDesc {
    // Key and increment values of aggregations are not recorded here.
    let mut skip = alloc::vec![false; actions.len()];
    for (i, a) in actions.iter().enumerate() {
        if is_aggregation(a.kind) {
            let keys = a.ntuple as usize;
            for s in skip.iter_mut().take(i).skip(i.saturating_sub(keys)) {
                *s = true;
            }
            if let Some(next) = actions.get(i + 1) {
                if is_increment(a.kind, next.kind, next.arg) {
                    if let Some(s) = skip.get_mut(i + 1) {
                        *s = true;
                    }
                }
            }
        }
    }
    let mut offset = HEADER_SIZE;
    let mut recs = Vec::new();
    for (i, a) in actions.iter().enumerate() {
        if skip.get(i).copied().unwrap_or(true) {
            continue;
        }
        let Some((size, align)) = data_size(a, strsize) else { continue };
        let align32 = u32::from(align.max(1));
        offset = offset.saturating_add(align32 - 1) / align32 * align32;
        recs.push(RecDesc { action: i as u32, kind: a.kind, size, offset, alignment: align, arg: a.arg });
        offset = offset.saturating_add(size);
    }
    EpDesc { size: offset, recs }
}

/// Whether an ECB with these actions writes no record: DTrace gives an ECB
/// whose actions all store no data (aggregations, assignments, commit(),
/// discard(), chill(), ...) a record size of 0 (dtrace_ecb_resize), so its
/// firings take no buffer space and print nothing, not even the probe line.
/// An ECB without actions, and one whose only action is speculate(), still
/// write the record that prints the probe line.
pub fn records_nothing(actions: &[crate::dof::Action], ep: &EpDesc) -> bool {
    let dataless = |i: usize, a: &crate::dof::Action| {
        matches!(
            a.kind,
            act::SPECULATE
                | act::COMMIT
                | act::DISCARD
                | act::CHILL
                | act::RAISE
                | act::STOP
                | act::BREAKPOINT
                | act::PANIC
        ) || !ep.recs.iter().any(|r| r.action == i as u32)
    };
    let lone_speculate = actions.len() == 1 && actions[0].kind == act::SPECULATE;
    !actions.is_empty() && !lone_speculate && actions.iter().enumerate().all(|(i, a)| dataless(i, a))
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    fn val(size: u32) -> Option<DifType> {
        Some(DifType { kind: diftype::CTF, ckind: 0, flags: 0, size })
    }

    #[test]
    fn values_are_aligned_after_the_header() {
        let acts = [
            ActionInfo { kind: act::DIFEXPR, rtype: val(4), arg: 0, ntuple: 0 },
            ActionInfo { kind: act::DIFEXPR, rtype: val(8), arg: 0, ntuple: 0 },
            ActionInfo {
                kind: act::PRINTF,
                rtype: Some(DifType { kind: diftype::STRING, ckind: 0, flags: diftype::F_BYREF, size: 256 }),
                arg: 1,
                ntuple: 0,
            },
            ActionInfo { kind: act::DIFEXPR, rtype: val(1), arg: 0, ntuple: 0 },
        ];
        let d = layout(&acts, 256);
        let offsets: Vec<(u32, u32)> = d.recs.iter().map(|r| (r.offset, r.size)).collect();
        assert_eq!(offsets, vec![(12, 4), (16, 8), (24, 256), (280, 1)]);
        assert_eq!(d.size, 281);
    }

    #[test]
    fn aggregation_keys_and_assignments_record_nothing() {
        let acts = [
            ActionInfo { kind: act::DIFEXPR, rtype: val(0), arg: 0, ntuple: 0 },
            ActionInfo { kind: act::DIFEXPR, rtype: val(8), arg: 0, ntuple: 0 },
            ActionInfo { kind: act::DIFEXPR, rtype: val(4), arg: 0, ntuple: 0 },
            ActionInfo { kind: act::AGG_COUNT, rtype: None, arg: 0, ntuple: 2 },
            ActionInfo { kind: act::EXIT, rtype: val(4), arg: 0, ntuple: 0 },
            ActionInfo { kind: act::STACK, rtype: None, arg: 5, ntuple: 0 },
        ];
        let d = layout(&acts, 256);
        let kinds: Vec<(u16, u32, u32)> = d.recs.iter().map(|r| (r.kind, r.offset, r.size)).collect();
        assert_eq!(kinds, vec![(act::EXIT, 12, 4), (act::STACK, 16, 40)]);
    }

    #[test]
    fn printf_without_arguments_has_an_empty_record() {
        let acts = [ActionInfo { kind: act::PRINTF, rtype: None, arg: 1, ntuple: 0 }];
        let d = layout(&acts, 256);
        assert_eq!(d.recs, vec![RecDesc { action: 0, kind: act::PRINTF, size: 0, offset: 12, alignment: 1, arg: 1 }]);
    }
}
