//! Per-CPU principal buffers: where enabled probes write their records.
//!
//! Each CPU has two buffers of `bufsize` bytes, allocated when tracing is
//! set up; probe context only copies into them. The consumer asks for a
//! switch at every `switchrate` tick, which swaps the active and inactive
//! buffers and hands the filled one over, as dtrace(1)'s BUFSNAP does.
//!
//! Policies (`-x bufpolicy`):
//! - `switch`: a record that does not fit is dropped and counted;
//! - `fill`: the first record that does not fit stops tracing on that CPU
//!   (the buffer stays full until the end of the session);
//! - `ring`: the oldest whole records are overwritten; the consumer reads
//!   the buffer once, at the end.
//!
//! Every record starts with its 4-byte EPID, and each EPID's record size is
//! fixed at enable time, so a ring buffer can always find whole records.

use alloc::vec::Vec;

/// What to do when a record does not fit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Policy {
    Switch,
    Fill,
    Ring,
}

impl Policy {
    /// From `DTRACEOPT_BUFPOLICY`'s values (ring 0, fill 1, switch 2).
    pub fn from_option(v: u64) -> Option<Policy> {
        match v {
            0 => Some(Policy::Ring),
            1 => Some(Policy::Fill),
            2 => Some(Policy::Switch),
            _ => None,
        }
    }
}

/// One buffer's bytes and fill level.
#[derive(Clone, Debug)]
struct Half {
    data: Vec<u8>,
    /// Bytes used (switch, fill); next write position (ring).
    offset: usize,
    /// Ring only: where the oldest whole record starts once wrapped.
    tail: usize,
    wrapped: bool,
}

impl Half {
    fn new(size: usize) -> Option<Half> {
        Some(Half { data: crate::mem::zeroed(size)?, offset: 0, tail: 0, wrapped: false })
    }

    fn reset(&mut self) {
        self.offset = 0;
        self.tail = 0;
        self.wrapped = false;
    }
}

/// A CPU's pair of buffers.
#[derive(Clone, Debug)]
pub struct CpuBuffer {
    active: Half,
    inactive: Half,
    policy: Policy,
    /// Records dropped since the last switch.
    drops: u64,
    /// Fill policy: the buffer filled up and tracing stopped on this CPU.
    full: bool,
    /// Fill policy: bytes kept for END's records, so that a full buffer
    /// still has them (DTrace's `dts_reserve`).
    end_reserve: usize,
}

/// A buffer's contents as handed to the consumer.
#[derive(Debug, PartialEq, Eq)]
pub struct Snapshot<'a> {
    /// Records in the order they were written.
    pub parts: [&'a [u8]; 2],
    /// Records dropped in the interval.
    pub drops: u64,
}

impl CpuBuffer {
    /// A pair of `size`-byte buffers (allocated here, never in probe
    /// context), or `None` if the memory cannot be had.
    pub fn new(size: usize, policy: Policy) -> Option<CpuBuffer> {
        let (active, inactive) = (Half::new(size)?, Half::new(size)?);
        Some(CpuBuffer { active, inactive, policy, drops: 0, full: false, end_reserve: 0 })
    }

    /// Fill policy: keeps `bytes` (at most the buffer) for END's records.
    pub fn keep_for_end(&mut self, bytes: usize) {
        self.end_reserve = bytes.min(self.active.data.len());
    }

    /// END is firing: its records may use the space kept for them, even
    /// in a buffer that has filled.
    pub fn release_end_reserve(&mut self) {
        if self.end_reserve > 0 {
            self.end_reserve = 0;
            self.full = false;
        }
    }

    /// Whether tracing has stopped on this CPU (fill policy, full buffer).
    pub fn is_full(&self) -> bool {
        self.full
    }

    /// Bytes written to the active buffer, and its size: how full it is,
    /// for a consumer that switches early rather than drop.
    pub fn fill(&self) -> (usize, usize) {
        (self.active.offset, self.active.data.len())
    }

    /// Records dropped since the last switch.
    pub fn drops(&self) -> u64 {
        self.drops
    }

    /// Space for a record of `size` bytes (8-byte aligned), or `None` when
    /// it is dropped. `record_size(epid)` gives the size of an existing
    /// record, which ring buffers need to skip whole records.
    #[inline]
    pub fn reserve(&mut self, size: usize, record_size: &dyn Fn(u32) -> Option<usize>) -> Option<&mut [u8]> {
        let size = size.checked_add(7)? & !7;
        let cap = self.active.data.len();
        if size == 0 || size > cap || self.full {
            self.drops = self.drops.saturating_add(1);
            return None;
        }
        match self.policy {
            Policy::Switch | Policy::Fill => {
                let end = self.active.offset.checked_add(size)?;
                if end > cap - self.end_reserve {
                    if self.policy == Policy::Fill {
                        self.full = true;
                    }
                    self.drops = self.drops.saturating_add(1);
                    return None;
                }
                let start = self.active.offset;
                self.active.offset = end;
                self.active.data.get_mut(start..end)
            }
            Policy::Ring => self.reserve_ring(size, record_size),
        }
    }

    fn reserve_ring(&mut self, size: usize, record_size: &dyn Fn(u32) -> Option<usize>) -> Option<&mut [u8]> {
        let cap = self.active.data.len();
        let h = &mut self.active;
        let mut start = h.offset;
        if start.saturating_add(size) > cap {
            // Wrap: the old records from here to the end are lost too.
            h.wrapped = true;
            h.tail = 0;
            start = 0;
        }
        let end = start + size;
        if h.wrapped {
            // Advance the tail past every whole record the new one covers.
            // Bounded: each step moves forward by at least 8 bytes.
            let mut steps = cap / 8 + 1;
            while h.tail < end && steps > 0 {
                steps -= 1;
                let epid = read_u32(&h.data, h.tail).filter(|e| *e != 0);
                let next = epid
                    .and_then(record_size)
                    .filter(|n| *n > 0)
                    .and_then(|n| n.checked_add(7))
                    .and_then(|n| h.tail.checked_add(n & !7))
                    .filter(|next| *next <= cap);
                match next {
                    Some(next) => h.tail = next,
                    // Padding or the end of the written area: the rest of
                    // the buffer holds no whole record.
                    _ => {
                        h.tail = cap;
                        break;
                    }
                }
            }
            if h.tail >= cap {
                h.tail = end;
            }
        }
        // Zero what follows at the wrap point so a reader sees padding.
        if end < cap && h.wrapped && h.tail > end {
            for b in h.data.get_mut(end..h.tail).into_iter().flatten() {
                *b = 0;
            }
        }
        h.offset = end;
        h.data.get_mut(start..end)
    }

    /// Swaps the buffers (switch and fill policies) and returns what the
    /// active one held, with the drops counted since the last switch.
    pub fn switch(&mut self) -> Snapshot<'_> {
        core::mem::swap(&mut self.active, &mut self.inactive);
        self.active.reset();
        let drops = core::mem::take(&mut self.drops);
        let h = &self.inactive;
        Snapshot { parts: [h.data.get(..h.offset).unwrap_or(&[]), &[]], drops }
    }

    /// The records of a ring buffer, oldest first (read once, at the end).
    pub fn ring_contents(&mut self) -> Snapshot<'_> {
        let drops = core::mem::take(&mut self.drops);
        let h = &self.active;
        if !h.wrapped {
            return Snapshot { parts: [h.data.get(..h.offset).unwrap_or(&[]), &[]], drops };
        }
        let older = h.data.get(h.tail.max(h.offset)..).unwrap_or(&[]);
        let newer = h.data.get(..h.offset).unwrap_or(&[]);
        Snapshot { parts: [older, newer], drops }
    }
}

fn read_u32(data: &[u8], at: usize) -> Option<u32> {
    let b = data.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    fn write(buf: &mut CpuBuffer, epid: u32, size: usize) -> bool {
        match buf.reserve(size, &|e| if e == 0 { None } else { Some(16) }) {
            Some(slot) => {
                slot[..4].copy_from_slice(&epid.to_le_bytes());
                true
            }
            None => false,
        }
    }

    fn epids(s: &Snapshot) -> Vec<u32> {
        let mut out = Vec::new();
        for part in s.parts {
            let mut at = 0;
            while at + 16 <= part.len() {
                match read_u32(part, at) {
                    Some(0) | None => break,
                    Some(e) => out.push(e),
                }
                at += 16;
            }
        }
        out
    }

    #[test]
    fn switch_drops_what_does_not_fit_and_hands_over() {
        let mut b = CpuBuffer::new(64, Policy::Switch).unwrap();
        for e in 1..=5 {
            write(&mut b, e, 16);
        }
        assert_eq!(b.drops(), 1);
        let s = b.switch();
        assert_eq!(s.drops, 1);
        assert_eq!(epids(&s), vec![1, 2, 3, 4]);
        // The other buffer is active and empty now.
        assert!(write(&mut b, 9, 16));
        assert_eq!(epids(&b.switch()), vec![9]);
    }

    #[test]
    fn fill_stops_tracing_when_full() {
        let mut b = CpuBuffer::new(32, Policy::Fill).unwrap();
        assert!(write(&mut b, 1, 16));
        assert!(write(&mut b, 2, 16));
        assert!(!write(&mut b, 3, 16));
        assert!(b.is_full());
        assert!(!write(&mut b, 4, 8));
        assert_eq!(b.drops(), 2);
    }

    #[test]
    fn fill_keeps_room_for_end() {
        let mut b = CpuBuffer::new(64, Policy::Fill).unwrap();
        b.keep_for_end(16);
        assert!(write(&mut b, 1, 16));
        assert!(write(&mut b, 2, 16));
        assert!(write(&mut b, 3, 16));
        assert!(!write(&mut b, 4, 16), "the last 16 bytes are END's");
        assert!(b.is_full());
        b.release_end_reserve();
        assert!(write(&mut b, 5, 16));
        assert_eq!(epids(&b.switch()), vec![1, 2, 3, 5]);
    }

    #[test]
    fn ring_keeps_the_newest_whole_records() {
        let mut b = CpuBuffer::new(64, Policy::Ring).unwrap();
        for e in 1..=7 {
            assert!(write(&mut b, e, 16));
        }
        let s = b.ring_contents();
        assert_eq!(epids(&s), vec![4, 5, 6, 7]);
    }

    #[test]
    fn oversized_and_zero_records_are_dropped() {
        let mut b = CpuBuffer::new(32, Policy::Switch).unwrap();
        assert!(!write(&mut b, 1, 40));
        assert_eq!(b.drops(), 1);
        assert!(b.reserve(0, &|_| None).is_none());
        assert!(b.reserve(usize::MAX, &|_| None).is_none());
    }

    #[test]
    fn ring_survives_huge_sizes() {
        let mut b = CpuBuffer::new(64, Policy::Ring).unwrap();
        for i in 0..50u32 {
            if let Some(slot) = b.reserve(16, &|_| Some(usize::MAX)) {
                slot[..4].copy_from_slice(&(i + 1).to_le_bytes());
            }
        }
        let _ = b.ring_contents();
    }

    #[test]
    fn ring_survives_garbage_sizes() {
        // A record-size oracle that lies must not hang or panic.
        let mut b = CpuBuffer::new(64, Policy::Ring).unwrap();
        for i in 0..100u32 {
            if let Some(slot) = b.reserve(8 + (i as usize % 5) * 8, &|e| Some(e as usize * 1000)) {
                slot[..4].copy_from_slice(&(i + 1).to_le_bytes());
            }
        }
        let s = b.ring_contents();
        assert!(s.parts[0].len() + s.parts[1].len() <= 64);
    }
}
