//! Aggregation buffers: per-CPU tables of (aggregation, key) → data,
//! updated in probe context without allocating, and the bucket arithmetic
//! of quantize, lquantize and llquantize that the consumer shares to label
//! histogram rows.
//!
//! Each entry's data is an array of 64-bit words, as in DTrace:
//! count `[n]`; sum, min, max `[v]`; avg `[n, total]`; stddev `[n, total,
//! sum of squares low, high]`; quantize 127 buckets; lquantize `levels + 2`
//! buckets (under, levels, over); llquantize as [`llquantize_buckets`] says.
//! Space (`aggsize` bytes of keys and data) is reserved up front; an entry
//! that does not fit is dropped and counted, as dtrace(1) reports
//! "aggregation drops". At each aggregation snapshot the consumer takes a
//! buffer's entries and empties it ([`AggBuffer::reset`]); the consumer adds
//! the snapshots up (and does `clear()` and `trunc()` on its own copy), so
//! `aggsize` bounds what one snapshot interval gathers, as in DTrace.

use crate::isa::act;
use alloc::vec::Vec;

/// Number of quantize() buckets: 63 negative, zero, 63 positive.
pub const QUANTIZE_BUCKETS: usize = 127;
/// Index of quantize()'s zero bucket.
pub const QUANTIZE_ZERO: usize = 63;

/// An aggregating function with its parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AggFunc {
    Count,
    Sum,
    Min,
    Max,
    Avg,
    Stddev,
    Quantize,
    Lquantize { base: i32, levels: u16, step: u16 },
    Llquantize { factor: u16, low: u16, high: u16, nsteps: u16 },
}

impl AggFunc {
    /// From an action kind and its packed argument (as the compiler packs
    /// lquantize's and llquantize's parameters).
    pub fn from_action(kind: u16, arg: u64) -> Option<AggFunc> {
        Some(match kind {
            act::AGG_COUNT => AggFunc::Count,
            act::AGG_SUM => AggFunc::Sum,
            act::AGG_MIN => AggFunc::Min,
            act::AGG_MAX => AggFunc::Max,
            act::AGG_AVG => AggFunc::Avg,
            act::AGG_STDDEV => AggFunc::Stddev,
            act::AGG_QUANTIZE => AggFunc::Quantize,
            act::AGG_LQUANTIZE => {
                AggFunc::Lquantize { base: arg as u32 as i32, levels: (arg >> 32) as u16, step: (arg >> 48) as u16 }
            }
            act::AGG_LLQUANTIZE => AggFunc::Llquantize {
                factor: (arg >> 48) as u16,
                low: (arg >> 32) as u16,
                high: (arg >> 16) as u16,
                nsteps: arg as u16,
            },
            _ => return None,
        })
    }

    /// How many 64-bit words an entry's data takes.
    pub fn words(&self) -> usize {
        match *self {
            AggFunc::Count | AggFunc::Sum | AggFunc::Min | AggFunc::Max => 1,
            AggFunc::Avg => 2,
            AggFunc::Stddev => 4,
            AggFunc::Quantize => QUANTIZE_BUCKETS,
            AggFunc::Lquantize { levels, .. } => levels as usize + 2,
            AggFunc::Llquantize { factor, low, high, nsteps } => llquantize_buckets(factor, low, high, nsteps),
        }
    }

    /// The data of a new entry (min and max start at the extremes).
    fn init(&self, data: &mut [u64]) {
        data.iter_mut().for_each(|w| *w = 0);
        match (self, data.first_mut()) {
            (AggFunc::Min, Some(d0)) => *d0 = i64::MAX as u64,
            (AggFunc::Max, Some(d0)) => *d0 = i64::MIN as u64,
            _ => {}
        }
    }

    /// Folds `value` (weighted by `incr` for the quantizers) into `data`.
    #[inline(always)]
    fn apply(&self, data: &mut [u64], value: i64, incr: u64) {
        let bucket = match (*self, data.first_mut()) {
            (AggFunc::Count, Some(d0)) => return *d0 = d0.wrapping_add(1),
            (AggFunc::Sum, Some(d0)) => return *d0 = d0.wrapping_add(value as u64),
            (AggFunc::Min, Some(d0)) => return *d0 = (*d0 as i64).min(value) as u64,
            (AggFunc::Max, Some(d0)) => return *d0 = (*d0 as i64).max(value) as u64,
            (AggFunc::Avg | AggFunc::Stddev, _) => return self.moments(data, value),
            (AggFunc::Quantize, _) => quantize_bucket(value),
            (AggFunc::Lquantize { base, levels, step }, _) => lquantize_bucket(value, base, levels, step),
            (AggFunc::Llquantize { factor, low, high, nsteps }, _) => {
                llquantize_bucket(value, factor, low, high, nsteps)
            }
            (_, None) => return,
        };
        if let Some(w) = data.get_mut(bucket) {
            *w = w.wrapping_add(incr);
        }
    }

    /// avg's `[n, total]` and stddev's `[n, total, squares low, high]`.
    fn moments(&self, data: &mut [u64], value: i64) {
        let [n, total, squares @ ..] = data else { return };
        *n = n.wrapping_add(1);
        *total = total.wrapping_add(value as u64);
        if let (AggFunc::Stddev, [lo, hi, ..]) = (self, squares) {
            let sq = (value as i128 * value as i128) as u128;
            let new = ((*hi as u128) << 64 | *lo as u128).wrapping_add(sq);
            *lo = new as u64;
            *hi = (new >> 64) as u64;
        }
    }
}

/// quantize()'s bucket for `v`: powers of two, negative ones mirrored.
pub fn quantize_bucket(v: i64) -> usize {
    if v == 0 {
        return QUANTIZE_ZERO;
    }
    let mag = v.unsigned_abs();
    // Bucket k (1-based) holds [2^(k-1), 2^k - 1].
    let k = 64 - mag.leading_zeros() as usize;
    if v > 0 {
        (QUANTIZE_ZERO + k).min(QUANTIZE_BUCKETS - 1)
    } else {
        QUANTIZE_ZERO.saturating_sub(k)
    }
}

/// The smallest value in quantize bucket `i` (the row label).
pub fn quantize_value(i: usize) -> i64 {
    if i == QUANTIZE_ZERO {
        0
    } else if i > QUANTIZE_ZERO {
        1i64 << (i - QUANTIZE_ZERO - 1).min(62)
    } else {
        -(1i64 << (QUANTIZE_ZERO - i - 1).min(62))
    }
}

/// lquantize()'s bucket: 0 below `base`, `levels + 1` at or above the limit.
pub fn lquantize_bucket(v: i64, base: i32, levels: u16, step: u16) -> usize {
    let step = i64::from(step.max(1));
    let base = i64::from(base);
    if v < base {
        return 0;
    }
    let level = (v - base) / step;
    if level >= i64::from(levels) {
        levels as usize + 1
    } else {
        level as usize + 1
    }
}

/// The smallest value of lquantize bucket `i` (below-base bucket: `base`).
pub fn lquantize_value(i: usize, base: i32, step: u16) -> i64 {
    i64::from(base) + (i.saturating_sub(1) as i64) * i64::from(step)
}

/// Number of llquantize() buckets: under `factor^low`, then `nsteps`
/// buckets per order of magnitude (fewer in the first ones, whose lower
/// steps would repeat values), then at or over `factor^(high+1)`.
pub fn llquantize_buckets(factor: u16, low: u16, high: u16, nsteps: u16) -> usize {
    let mut n = 0;
    llquantize_walk(factor, low, high, nsteps, |_| {
        n += 1;
        true
    });
    n + 1
}

/// Calls `visit` with the lower bound of every llquantize bucket after the
/// first, in ascending order, until it returns false: the steps of each
/// order of magnitude from `factor^low`, then last `factor^(high+1)`, the
/// bound of the overflow bucket. Allocation-free: it runs in probe context.
/// The consumer labels histogram rows with it too.
pub fn llquantize_walk(factor: u16, low: u16, high: u16, nsteps: u16, mut visit: impl FnMut(i64) -> bool) {
    let (f, nsteps) = (i64::from(factor.max(2)), i64::from(nsteps.max(1)));
    let mut this = 1i64;
    for _ in 0..low {
        this = this.saturating_mul(f);
    }
    for _ in low..=high {
        let next = this.saturating_mul(f);
        let width = (next / nsteps).max(1);
        // The first step of a magnitude is its power; the rest are
        // multiples of the step width above it.
        let mut v = this;
        let mut guard = 0;
        while v < next && guard <= i64::from(u16::MAX) {
            if !visit(v) {
                return;
            }
            v = (v / width + 1).saturating_mul(width);
            guard += 1;
        }
        this = next;
    }
    visit(this);
}

/// The lower bound of llquantize bucket `i` (`i >= 1`).
pub fn llquantize_value(i: usize, factor: u16, low: u16, high: u16, nsteps: u16) -> i64 {
    let mut k = 0;
    let mut out = 0;
    llquantize_walk(factor, low, high, nsteps, |b| {
        k += 1;
        out = b;
        k < i
    });
    out
}

/// llquantize()'s bucket for `v`.
pub fn llquantize_bucket(v: i64, factor: u16, low: u16, high: u16, nsteps: u16) -> usize {
    let mut i = 0;
    llquantize_walk(factor, low, high, nsteps, |b| {
        if v >= b {
            i += 1;
            true
        } else {
            false
        }
    });
    i
}

/// Why an update did not happen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AggDrop {
    /// The buffer had no room for a new key.
    Full,
}

/// One CPU's aggregation buffer.
#[derive(Clone, Debug)]
pub struct AggBuffer {
    /// Open-addressed slots: index into `entries` plus one, or 0 when free
    /// (so that a new table is untouched zeroed memory).
    slots: Vec<u32>,
    entries: Vec<Entry>,
    /// Keys and data live here, allocated at creation.
    keys: Vec<u8>,
    data: Vec<u64>,
    key_used: usize,
    data_used: usize,
    drops: u64,
}

#[derive(Clone, Copy, Debug)]
struct Entry {
    agg: u32,
    hash: u64,
    key: (usize, usize),
    data: (usize, usize),
    func: AggFunc,
}

/// One aggregation entry as the consumer reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AggEntry<'a> {
    pub agg: u32,
    pub func: AggFunc,
    pub key: &'a [u8],
    pub data: &'a [u64],
}

impl AggBuffer {
    /// A buffer of about `size` bytes for up to `max_entries` keys, or
    /// `None` if the memory cannot be had.
    pub fn new(size: usize, max_entries: usize) -> Option<AggBuffer> {
        let max_entries = max_entries.clamp(1, u32::MAX as usize / 2);
        let nslots = (max_entries * 2).next_power_of_two();
        Some(AggBuffer {
            slots: crate::mem::zeroed(nslots)?,
            entries: crate::mem::with_room(max_entries)?,
            keys: crate::mem::zeroed(size / 2)?,
            data: crate::mem::zeroed(size / 16)?,
            key_used: 0,
            data_used: 0,
            drops: 0,
        })
    }

    /// About how many bytes [`AggBuffer::new`] takes for these sizes.
    pub fn footprint(size: usize, max_entries: usize) -> usize {
        let max_entries = max_entries.clamp(1, u32::MAX as usize / 2);
        let slots = (max_entries * 2).next_power_of_two().saturating_mul(4);
        let entries = max_entries.saturating_mul(core::mem::size_of::<Entry>());
        slots.saturating_add(entries).saturating_add(size / 2).saturating_add(size / 16 * 8)
    }

    /// Entries dropped for lack of space.
    pub fn drops(&self) -> u64 {
        self.drops
    }

    /// Counts an update that could not be made (a key too long to store).
    pub fn count_drop(&mut self) {
        self.drops = self.drops.saturating_add(1);
    }

    /// Adds `value` to aggregation `agg` at `key`.
    pub fn update(&mut self, agg: u32, func: AggFunc, key: &[u8], value: i64, incr: u64) -> Result<(), AggDrop> {
        self.update_bounded(agg, func, key, key.len(), value, incr)
    }

    /// [`AggBuffer::update`] for a key whose bytes from `used` (rounded up
    /// to a word) on do not count: they read as zeros whatever they hold.
    /// The engine knows where each key part's data ends, so the padding of
    /// string keys is neither cleared nor scanned.
    pub fn update_bounded(
        &mut self,
        agg: u32,
        func: AggFunc,
        key: &[u8],
        used: usize,
        value: i64,
        incr: u64,
    ) -> Result<(), AggDrop> {
        let (hash, sig) = hash_bounded(agg, key, used);
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        // Bounded probe: at most every slot once.
        for _ in 0..self.slots.len() {
            let slot = self.slots[i];
            if slot == 0 {
                return self.insert(i, agg, hash, func, key, sig, value, incr);
            }
            if let Some(e) = self.entries.get(slot as usize - 1) {
                // Equal hashes mean equal significant lengths (see `hash`):
                // past it both keys are zeros.
                let same = e.agg == agg
                    && e.hash == hash
                    && e.key.1.wrapping_sub(e.key.0) == key.len()
                    && e.key
                        .0
                        .checked_add(sig)
                        .and_then(|end| self.keys.get(e.key.0..end))
                        .zip(key.get(..sig))
                        .is_some_and(|(a, b)| same_bytes(a, b));
                if same {
                    let (data, func) = (e.data, e.func);
                    if let Some(d) = self.data.get_mut(data.0..data.1) {
                        func.apply(d, value, incr);
                    }
                    return Ok(());
                }
            }
            i = (i + 1) & mask;
        }
        self.drops = self.drops.saturating_add(1);
        Err(AggDrop::Full)
    }

    #[allow(clippy::too_many_arguments)]
    fn insert(
        &mut self,
        slot: usize,
        agg: u32,
        hash: u64,
        func: AggFunc,
        key: &[u8],
        sig: usize,
        value: i64,
        incr: u64,
    ) -> Result<(), AggDrop> {
        let words = func.words();
        let kend = self.key_used.checked_add(key.len());
        let dend = self.data_used.checked_add(words);
        let fits = self.entries.len() < self.entries.capacity()
            && kend.is_some_and(|e| e <= self.keys.len())
            && dend.is_some_and(|e| e <= self.data.len());
        let (Some(kend), Some(dend), true) = (kend, dend, fits) else {
            self.drops = self.drops.saturating_add(1);
            return Err(AggDrop::Full);
        };
        let entry = Entry { agg, hash, key: (self.key_used, kend), data: (self.data_used, dend), func };
        // Past its significant bytes the caller's key may hold leftovers
        // (see `update_bounded`); the stored key is zeros there.
        if let Some(k) = self.keys.get_mut(self.key_used..kend) {
            let (head, tail) = k.split_at_mut(sig.min(key.len()));
            head.copy_from_slice(key.get(..head.len()).unwrap_or(&[]));
            tail.fill(0);
        }
        if let Some(d) = self.data.get_mut(self.data_used..dend) {
            func.init(d);
            func.apply(d, value, incr);
        }
        self.key_used = kend;
        self.data_used = dend;
        self.slots[slot] = self.entries.len() as u32 + 1;
        self.entries.push(entry);
        Ok(())
    }

    /// Every entry, in insertion order.
    pub fn entries(&self) -> impl Iterator<Item = AggEntry<'_>> {
        self.entries.iter().map(|e| AggEntry {
            agg: e.agg,
            func: e.func,
            key: self.keys.get(e.key.0..e.key.1).unwrap_or(&[]),
            data: self.data.get(e.data.0..e.data.1).unwrap_or(&[]),
        })
    }

    /// Empties the buffer (its drop count stays): the consumer has taken
    /// the entries into its own store, which accumulates them, so the
    /// buffer holds only what changed since the last snapshot, as DTrace's
    /// per-CPU aggregation buffers do after DTRACEIOC_AGGSNAP.
    pub fn reset(&mut self) {
        if self.entries.is_empty() {
            return;
        }
        self.slots.iter_mut().for_each(|s| *s = 0);
        self.entries.clear();
        self.key_used = 0;
        self.data_used = 0;
    }
}

/// A hash of the aggregation id and key bytes (the consumer's store uses
/// it too), words at a time in four
/// independent lanes, and how many bytes of the key count. Keys are mostly
/// `strsize`-padded strings, mostly padding: trailing zero words are left
/// out (the key's length is mixed in), so that "bash" in 256 bytes hashes
/// one word, not 32. The hash's high half is that significant length, so
/// that keys of equal hashes need comparing only that far.
pub fn hash(agg: u32, key: &[u8]) -> (u64, usize) {
    hash_bounded(agg, key, key.len())
}

/// [`hash`] of a key whose bytes from `used` on are zeros: the same value,
/// found without scanning them.
#[inline(always)]
fn hash_bounded(agg: u32, key: &[u8], used: usize) -> (u64, usize) {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mix = |h: u64, w: u64| {
        let h = (h ^ w).wrapping_mul(K);
        h ^ (h >> 29)
    };
    let word = |b: &[u8]| u64::from_le_bytes(b.try_into().unwrap_or([0; 8]));
    let key_len = key.len();
    // Whole words, so that the trimming below sees what a full scan would.
    let bound = used.saturating_add(7) & !7;
    let sig = significant(key.get(..bound.min(key_len)).unwrap_or(key));
    let key = key.get(..sig).unwrap_or(key);
    let mut h = 0xcbf2_9ce4_8422_2325 ^ u64::from(agg) ^ (key_len as u64).rotate_left(32);
    let mut rest = key;
    // Four lanes only for long keys: folding them costs four dependent
    // multiplies, more than a short key's words.
    if key.len() >= 64 {
        let mut lanes = [h, 1, 2, 3];
        let mut blocks = key.chunks_exact(32);
        for b in &mut blocks {
            for (i, lane) in lanes.iter_mut().enumerate() {
                *lane = mix(*lane, word(b.get(i * 8..i * 8 + 8).unwrap_or(&[])));
            }
        }
        h = lanes.iter().fold(0, |h, l| mix(h, *l));
        rest = blocks.remainder();
    }
    let mut words = rest.chunks_exact(8);
    for w in &mut words {
        h = mix(h, word(w));
    }
    // A partial last word, byte by byte: a copy of unknown length would be
    // a call to memcpy, and most keys (cut to whole words) have none.
    let rest = words.remainder();
    if !rest.is_empty() {
        let mut tail = [0u8; 8];
        tail.iter_mut().zip(rest).for_each(|(t, b)| *t = *b);
        h = mix(h, u64::from_le_bytes(tail));
    }
    match u32::try_from(sig).ok().filter(|&n| n != u32::MAX) {
        Some(n) => (u64::from(n) << 32 | (h & 0xffff_ffff), sig),
        // Too long to tell in the hash: compare it all.
        None => (0xffff_ffff << 32 | (h & 0xffff_ffff), key_len),
    }
}

/// Byte equality of two slices of one length, without a call to memcmp
/// (which costs more than comparing the word or two most keys have left
/// after their padding is cut).
#[inline]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let word = |c: &[u8]| u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
    a.len() == b.len()
        && a.chunks(8).zip(b.chunks(8)).all(|(x, y)| if x.len() == 8 { word(x) == word(y) } else { x == y })
}

/// `key`'s length without its trailing zero words (a partial last word
/// counts as one): blocks of four words, then words, each loop bounded by
/// the key's length.
fn significant(key: &[u8]) -> usize {
    let zero = |b: &[u8]| b.iter().fold(0, |a, &x| a | x) == 0;
    let mut end = key.len() - key.len() % 8;
    if !zero(key.get(end..).unwrap_or(&[])) {
        return key.len();
    }
    while end >= 32 && key.get(end - 32..end).is_some_and(zero) {
        end -= 32;
    }
    while end >= 8 && key.get(end - 8..end).is_some_and(zero) {
        end -= 8;
    }
    end
}

#[cfg(test)]
mod tests {
    #[test]
    fn bounded_hash_is_the_full_hash() {
        // Keys whose bytes from `used` on are zeros, of several lengths.
        for len in [1usize, 4, 7, 8, 12, 40, 64, 100, 256, 264] {
            for used in 0..=len.min(80) {
                let mut key = alloc::vec![0u8; len];
                for (i, b) in key.iter_mut().take(used).enumerate() {
                    *b = (i as u8).wrapping_mul(37) | 1;
                }
                assert_eq!(hash_bounded(9, &key, used), hash(9, &key), "len {len} used {used}");
                if used > 0 {
                    // A zero last byte before the bound changes nothing either.
                    key[used - 1] = 0;
                    assert_eq!(hash_bounded(9, &key, used), hash(9, &key), "len {len} used {used}");
                }
            }
        }
    }

    use super::*;
    use alloc::vec;

    #[test]
    fn hashes_skip_trailing_zero_words() {
        let mut bash = [0u8; 256];
        bash[..4].copy_from_slice(b"bash");
        assert_eq!(significant(&bash), 8);
        assert_eq!(significant(&[0; 256]), 0);
        assert_eq!(significant(&[0, 0, 0, 0, 0, 0, 0, 0, 1]), 9);
        assert_eq!(significant(&[0, 0, 0]), 0);
        assert_eq!(significant(&[1, 0, 0]), 3);
        let mut late = [0u8; 256];
        late[200] = 1;
        assert_eq!(significant(&late), 208);
        // The length still counts: padding differs, keys differ.
        assert_eq!(hash(1, &bash).1, 8);
        assert_ne!(hash(1, &bash).0, hash(1, &bash[..128]).0);
        assert_ne!(hash(1, &bash).0, hash(2, &bash).0);
        // Keys that differ only past one's significant length differ.
        let mut b = AggBuffer::new(4096, 16).unwrap();
        let (mut k1, mut k2) = ([0u8; 16], [0u8; 16]);
        k1[0] = 1;
        k2[0] = 1;
        k2[15] = 2;
        for k in [&k1, &k2, &k1, &k1[..8]] {
            b.update(0, AggFunc::Count, k, 0, 1).expect("room");
        }
        let counts: Vec<(usize, u64)> = b.entries().map(|e| (e.key.len(), e.data[0])).collect();
        assert_eq!(counts, vec![(16, 2), (16, 1), (8, 1)]);
    }

    #[test]
    fn quantize_buckets_are_powers_of_two() {
        assert_eq!(quantize_bucket(0), QUANTIZE_ZERO);
        assert_eq!(quantize_bucket(1), QUANTIZE_ZERO + 1);
        assert_eq!(quantize_bucket(2), QUANTIZE_ZERO + 2);
        assert_eq!(quantize_bucket(3), QUANTIZE_ZERO + 2);
        assert_eq!(quantize_bucket(4), QUANTIZE_ZERO + 3);
        assert_eq!(quantize_bucket(-1), QUANTIZE_ZERO - 1);
        assert_eq!(quantize_bucket(-3), QUANTIZE_ZERO - 2);
        assert_eq!(quantize_bucket(i64::MAX), QUANTIZE_BUCKETS - 1);
        assert_eq!(quantize_bucket(i64::MIN), 0);
        for v in [1i64, 2, 4, 1024, -1, -8] {
            assert_eq!(quantize_value(quantize_bucket(v)), v);
        }
    }

    #[test]
    fn lquantize_buckets() {
        // lquantize(x, 0, 100, 10): under, ten levels, over.
        assert_eq!(lquantize_bucket(-1, 0, 10, 10), 0);
        assert_eq!(lquantize_bucket(0, 0, 10, 10), 1);
        assert_eq!(lquantize_bucket(9, 0, 10, 10), 1);
        assert_eq!(lquantize_bucket(10, 0, 10, 10), 2);
        assert_eq!(lquantize_bucket(99, 0, 10, 10), 10);
        assert_eq!(lquantize_bucket(100, 0, 10, 10), 11);
        assert_eq!(lquantize_value(2, 0, 10), 10);
    }

    #[test]
    fn llquantize_buckets_cover_each_magnitude() {
        // llquantize(x, 10, 0, 2, 10): 1..9, 10..90 by 10, 100..900 by 100.
        let n = llquantize_buckets(10, 0, 2, 10);
        assert_eq!(llquantize_bucket(0, 10, 0, 2, 10), 0);
        assert_eq!(llquantize_bucket(1, 10, 0, 2, 10), 1);
        assert_eq!(llquantize_bucket(9, 10, 0, 2, 10), 9);
        assert_eq!(llquantize_bucket(10, 10, 0, 2, 10), 10);
        assert_eq!(llquantize_bucket(999, 10, 0, 2, 10), n - 2);
        assert_eq!(llquantize_bucket(1000, 10, 0, 2, 10), n - 1);
        assert_eq!(llquantize_value(10, 10, 0, 2, 10), 10);
        assert_eq!(llquantize_value(11, 10, 0, 2, 10), 20);
    }

    #[test]
    fn llquantize_walk_ends_at_the_overflow_bound() {
        // llquantize(x, 2, 1, 3, 2): buckets 2, 4, 8, then >= 16; and
        // llquantize(x, 4, 0, 2, 4): 1, 2, 3, 4, 8, 12, 16, 32, 48, then >= 64.
        let walk = |f, l, h, n| {
            let mut v = Vec::new();
            llquantize_walk(f, l, h, n, |b| {
                v.push(b);
                true
            });
            v
        };
        assert_eq!(walk(2, 1, 3, 2), [2, 4, 8, 16]);
        assert_eq!(walk(4, 0, 2, 4), [1, 2, 3, 4, 8, 12, 16, 32, 48, 64]);
        assert_eq!(llquantize_buckets(2, 1, 3, 2), 5);
        assert_eq!(llquantize_bucket(3, 2, 1, 3, 2), 1);
        assert_eq!(llquantize_bucket(16, 2, 1, 3, 2), 4);
    }

    #[test]
    fn functions_fold_values() {
        let mut b = AggBuffer::new(4096, 16).unwrap();
        for v in [5i64, -2, 9] {
            b.update(1, AggFunc::Count, b"k", v, 1).unwrap();
            b.update(2, AggFunc::Sum, b"k", v, 1).unwrap();
            b.update(3, AggFunc::Min, b"k", v, 1).unwrap();
            b.update(4, AggFunc::Max, b"k", v, 1).unwrap();
            b.update(5, AggFunc::Avg, b"k", v, 1).unwrap();
            b.update(6, AggFunc::Stddev, b"k", v, 1).unwrap();
        }
        let got: Vec<(u32, Vec<u64>)> = b.entries().map(|e| (e.agg, e.data.to_vec())).collect();
        assert_eq!(got[0], (1, vec![3]));
        assert_eq!(got[1], (2, vec![12]));
        assert_eq!(got[2], (3, vec![(-2i64) as u64]));
        assert_eq!(got[3], (4, vec![9]));
        assert_eq!(got[4], (5, vec![3, 12]));
        assert_eq!(got[5], (6, vec![3, 12, 25 + 4 + 81, 0]));
    }

    #[test]
    fn keys_are_distinct_and_space_is_bounded() {
        let mut b = AggBuffer::new(64, 4).unwrap();
        for k in 0u8..10 {
            let _ = b.update(1, AggFunc::Count, &[k; 4], 0, 1);
        }
        assert_eq!(b.entries().count(), 4);
        assert_eq!(b.drops(), 6);
        // Existing keys still update after the buffer is full.
        b.update(1, AggFunc::Count, &[0; 4], 0, 1).unwrap();
        assert!(b.entries().any(|e| e.key == [0; 4] && e.data == [2]));
        // After a reset the space is free again; drops are kept.
        b.reset();
        assert_eq!(b.entries().count(), 0);
        for k in 0u8..4 {
            b.update(1, AggFunc::Count, &[k + 10; 4], 0, 1).unwrap();
        }
        assert_eq!(b.entries().count(), 4);
        assert_eq!(b.drops(), 6);
    }

    #[test]
    fn packed_parameters_unpack() {
        let arg = 10u64 << 48 | 10 << 32 | (-5i32 as u32 as u64);
        assert_eq!(
            AggFunc::from_action(act::AGG_LQUANTIZE, arg),
            Some(AggFunc::Lquantize { base: -5, levels: 10, step: 10 })
        );
    }
}
