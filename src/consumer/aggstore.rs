//! The consumer's aggregation store: every aggregation's entries as the
//! consumer has accumulated them from the engine's snapshots.
//!
//! Why the consumer keeps its own copy (libdtrace's model, `dt_aggregate.c`):
//! an engine hands over only what its per-CPU buffers gathered since the
//! last snapshot, then empties them; adding those deltas up, and `clear()`,
//! `trunc()`, `normalize()` and printing, all happen here. Every engine
//! (local, kernel driver, BPF) then needs one aggregation operation,
//! "snapshot and empty", and `trunc()` — which ranks entries by their value
//! merged across CPUs, something only the consumer sees — needs no engine
//! support at all. An entry `trunc()` removed starts again from zero if a
//! later firing adds to its key, as in DTrace.
//!
//! Layout: one table per aggregation, keys in one flat byte buffer and data
//! in one flat word buffer (the function fixes the words per entry), found
//! through an open-addressed index of entry numbers, so a million keys cost
//! a few large allocations rather than a few million small ones.

use super::aggprint::{self, AggData, AggEntry, AggOpts, Aggregation};
use super::value::Value;
use dtrace_core::agg::AggFunc;
use dtrace_core::difo::DifType;
use dtrace_core::isa::act;
use dtrace_core::record::{data_size, ActionInfo};
use std::collections::BTreeMap;

/// How one part of an aggregation's key is recorded: by the action `kind`
/// with `arg` — DIFEXPR for a value of type `rtype` (`signed` or not), or
/// a stack or symbol action (`@[stack()]`, `@[usym(pc)]`, ...), whose part
/// is that action's record.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KeyType {
    pub kind: u16,
    pub arg: u64,
    pub rtype: DifType,
    pub signed: bool,
}

impl KeyType {
    /// A value key of type `rtype`.
    pub fn value(rtype: DifType, signed: bool) -> KeyType {
        KeyType { kind: act::DIFEXPR, arg: 0, rtype, signed }
    }

    /// The part's size in the key: its action's record size, as the engine
    /// packs it.
    pub fn size(&self, strsize: usize) -> usize {
        let info = ActionInfo { kind: self.kind, rtype: Some(self.rtype), arg: self.arg, ntuple: 0 };
        data_size(&info, u32::try_from(strsize).unwrap_or(u32::MAX)).map_or(0, |(n, _)| n as usize)
    }
}

/// Every aggregation the consumer holds, by aggregation id.
#[derive(Clone, Debug, Default)]
pub struct AggStore {
    tables: BTreeMap<u32, Table>,
}

/// One aggregation's entries.
#[derive(Clone, Debug)]
struct Table {
    func: AggFunc,
    /// Data words per entry.
    words: usize,
    keys: Vec<u8>,
    /// Entry `i`'s key is `keys[spans[i].0..spans[i].1]`.
    spans: Vec<(usize, usize)>,
    hashes: Vec<u64>,
    /// Entry `i`'s data is `data[i * words..(i + 1) * words]`.
    data: Vec<u64>,
    /// Open-addressed index: an entry number, or `EMPTY`; at most half full.
    slots: Vec<u32>,
}

const EMPTY: u32 = u32::MAX;

impl Table {
    fn new(func: AggFunc) -> Table {
        Table {
            func,
            words: func.words(),
            keys: Vec::new(),
            spans: Vec::new(),
            hashes: Vec::new(),
            data: Vec::new(),
            slots: Vec::new(),
        }
    }

    fn len(&self) -> usize {
        self.spans.len()
    }

    fn key(&self, i: usize) -> &[u8] {
        self.spans.get(i).and_then(|&(s, e)| self.keys.get(s..e)).unwrap_or(&[])
    }

    fn data(&self, i: usize) -> &[u64] {
        self.data.get(i * self.words..(i + 1) * self.words).unwrap_or(&[])
    }

    /// Rebuilds the index for `n` entries (and room to grow).
    fn reindex(&mut self, n: usize) {
        let size = (n.max(8) * 2).next_power_of_two();
        self.slots.clear();
        self.slots.resize(size, EMPTY);
        let mask = size - 1;
        for (e, &h) in self.hashes.iter().enumerate() {
            let mut i = h as usize & mask;
            // Half empty: a free slot is always found within `size` steps.
            for _ in 0..size {
                if self.slots[i] == EMPTY {
                    self.slots[i] = e as u32;
                    break;
                }
                i = (i + 1) & mask;
            }
        }
    }

    /// The entry with `key`, added (with `data`) if there is none; `None`
    /// when it was added.
    fn find_or_add(&mut self, key: &[u8], data: &[u64]) -> Option<usize> {
        if (self.len() + 1) * 2 > self.slots.len() {
            self.reindex(self.len() * 2);
        }
        let (h, _) = dtrace_core::agg::hash(0, key);
        let mask = self.slots.len() - 1;
        let mut i = h as usize & mask;
        for _ in 0..self.slots.len() {
            let e = self.slots[i];
            if e == EMPTY {
                self.slots[i] = self.len() as u32;
                let start = self.keys.len();
                self.keys.extend_from_slice(key);
                self.spans.push((start, self.keys.len()));
                self.hashes.push(h);
                self.data.extend_from_slice(data);
                return None;
            }
            if self.hashes[e as usize] == h && self.key(e as usize) == key {
                return Some(e as usize);
            }
            i = (i + 1) & mask;
        }
        None
    }

    /// Keeps only the entries `keep` says to, in their order.
    fn retain(&mut self, keep: &[bool]) {
        let mut t = Table::new(self.func);
        for i in (0..self.len()).filter(|&i| keep.get(i).copied().unwrap_or(false)) {
            let start = t.keys.len();
            t.keys.extend_from_slice(self.key(i));
            t.spans.push((start, t.keys.len()));
            t.hashes.push(self.hashes[i]);
            t.data.extend_from_slice(self.data(i));
        }
        t.reindex(t.len());
        *self = t;
    }
}

impl AggStore {
    /// Makes room for `additional` more entries of aggregation `id`, so a
    /// large snapshot does not grow the index step by step.
    pub fn reserve(&mut self, id: u32, func: AggFunc, additional: usize) {
        let t = self.tables.entry(id).or_insert_with(|| Table::new(func));
        let n = t.len().saturating_add(additional);
        if n.saturating_mul(2) > t.slots.len() {
            t.spans.reserve(additional);
            t.hashes.reserve(additional);
            t.data.reserve(additional.saturating_mul(t.words));
            t.reindex(n);
        }
    }

    /// Adds one entry of an engine's snapshot: a new key is taken as it
    /// is, an existing one folds the data in as the function does.
    /// Data that does not fit the aggregation's function is ignored.
    pub fn absorb(&mut self, id: u32, func: AggFunc, key: &[u8], data: &[u64]) {
        let t = self.tables.entry(id).or_insert_with(|| Table::new(func));
        if t.func != func || data.len() != t.words {
            return;
        }
        if let Some(e) = t.find_or_add(key, data) {
            let words = t.words;
            if let Some(acc) = t.data.get_mut(e * words..(e + 1) * words) {
                merge(func, acc, data);
            }
        }
    }

    /// `clear(@a)`: every value of aggregation `id` becomes zero, keys
    /// stay (libdtrace zeroes its copy of the data, so a cleared `min()` or
    /// `max()` reads 0 until a smaller or larger value comes).
    pub fn clear(&mut self, id: u32) {
        if let Some(t) = self.tables.get_mut(&id) {
            t.data.iter_mut().for_each(|w| *w = 0);
        }
    }

    /// `trunc(@a, n)`: keeps the `n` entries with the largest values (the
    /// `-n` smallest when negative; none when 0), ranked as `printa()`
    /// ranks them with ties broken by key (libdtrace's dt_trunc walks the
    /// value-sorted aggregation; `aggsortrev` reverses that walk too).
    /// `key_types` and `strsize` decode the keys for the ties.
    pub fn trunc(&mut self, id: u32, n: i64, opts: &AggOpts, key_types: &[KeyType], strsize: usize) {
        let Some(t) = self.tables.get_mut(&id) else { return };
        let keep_n = usize::try_from(n.unsigned_abs()).unwrap_or(usize::MAX);
        if keep_n >= t.len() {
            return;
        }
        let mut keep = vec![false; t.len()];
        if keep_n > 0 {
            let view = decode(t, id, key_types, strsize);
            let rev = (n >= 0) != opts.sortrev;
            let order = AggOpts { sortrev: rev, sortkeypos: opts.sortkeypos, ..AggOpts::default() };
            for i in aggprint::order(&view, &order).into_iter().take(keep_n) {
                if let Some(k) = keep.get_mut(i) {
                    *k = true;
                }
            }
        }
        t.retain(&keep);
    }

    /// Aggregation `id` as the printer takes it, keys decoded by
    /// `key_types` (each key's type and signedness); empty if nothing was
    /// ever aggregated.
    pub fn aggregation(&self, id: u32, key_types: &[KeyType], strsize: usize) -> Aggregation {
        match self.tables.get(&id) {
            Some(t) => decode(t, id, key_types, strsize),
            None => Aggregation { id, func: AggFunc::Count, normal: 1, entries: Vec::new() },
        }
    }
}

/// Folds another snapshot's data into the data merged so far (as
/// libdtrace's dt_aggregate_count/min/max do).
fn merge(f: AggFunc, acc: &mut [u64], d: &[u64]) {
    match f {
        AggFunc::Min => {
            if let (Some(a), Some(&v)) = (acc.first_mut(), d.first()) {
                if (v as i64) < (*a as i64) {
                    *a = v;
                }
            }
        }
        AggFunc::Max => {
            if let (Some(a), Some(&v)) = (acc.first_mut(), d.first()) {
                if (v as i64) > (*a as i64) {
                    *a = v;
                }
            }
        }
        AggFunc::Stddev if acc.len() >= 4 && d.len() >= 4 => {
            acc[0] = acc[0].wrapping_add(d[0]);
            acc[1] = acc[1].wrapping_add(d[1]);
            // The sum of squares is one 128-bit number in two words.
            let a = (acc[3] as u128) << 64 | acc[2] as u128;
            let b = (d[3] as u128) << 64 | d[2] as u128;
            let s = a.wrapping_add(b);
            acc[2] = s as u64;
            acc[3] = (s >> 64) as u64;
        }
        _ => {
            for (x, y) in acc.iter_mut().zip(d) {
                *x = x.wrapping_add(*y);
            }
        }
    }
}

/// The table as the printer's model.
fn decode(t: &Table, id: u32, key_types: &[KeyType], strsize: usize) -> Aggregation {
    let entries = (0..t.len())
        .map(|i| AggEntry { keys: decode_keys(t.key(i), key_types, strsize), data: print_data(t.func, t.data(i)) })
        .collect();
    Aggregation { id, func: t.func, normal: 1, entries }
}

fn print_data(f: AggFunc, d: &[u64]) -> AggData {
    let w = |i: usize| d.get(i).copied().unwrap_or(0);
    match f {
        AggFunc::Count | AggFunc::Sum | AggFunc::Min | AggFunc::Max => AggData::Scalar(w(0) as i64),
        AggFunc::Avg => AggData::Avg { count: w(0), total: w(1) as i64 },
        AggFunc::Stddev => {
            AggData::Stddev { count: w(0), total: w(1) as i64, sumsq: (w(3) as u128) << 64 | w(2) as u128 }
        }
        _ => AggData::Buckets(d.iter().map(|w| *w as i64).collect()),
    }
}

/// Splits a key's bytes into values by the key types.
fn decode_keys(k: &[u8], types: &[KeyType], strsize: usize) -> Vec<Value> {
    let mut at = 0;
    let mut out = Vec::with_capacity(types.len());
    for kt in types {
        let size = kt.size(strsize);
        let b = k.get(at..at + size).unwrap_or(&[]);
        at += size;
        let byref = kt.rtype.flags & dtrace_core::isa::diftype::F_BYREF != 0;
        out.push(Value::from_record(kt.kind, kt.arg, byref, kt.signed, b));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int_key() -> Vec<KeyType> {
        vec![KeyType::value(DifType { kind: dtrace_core::isa::diftype::CTF, ckind: 1, flags: 0, size: 8 }, true)]
    }

    fn values(s: &AggStore, id: u32) -> Vec<(i64, i64)> {
        let a = s.aggregation(id, &int_key(), 256);
        let mut v: Vec<(i64, i64)> = a
            .entries
            .iter()
            .map(|e| match (&e.keys[0], &e.data) {
                (k, AggData::Scalar(d)) => (k.sext().unwrap_or(0), *d),
                _ => (0, 0),
            })
            .collect();
        v.sort();
        v
    }

    fn sums(pairs: &[(i64, i64)]) -> AggStore {
        let mut s = AggStore::default();
        for &(k, v) in pairs {
            s.absorb(1, AggFunc::Sum, &k.to_le_bytes(), &[v as u64]);
        }
        s
    }

    #[test]
    fn snapshots_accumulate() {
        let mut s = sums(&[(1, 10), (2, 20), (1, 5)]);
        assert_eq!(values(&s, 1), [(1, 15), (2, 20)]);
        s.absorb(2, AggFunc::Min, b"k", &[7]);
        s.absorb(2, AggFunc::Min, b"k", &[(-3i64) as u64]);
        s.absorb(2, AggFunc::Min, b"k", &[4]);
        assert_eq!(s.aggregation(2, &[], 0).entries[0].data, AggData::Scalar(-3));
        // Data of another function, or of the wrong size, is ignored.
        s.absorb(2, AggFunc::Max, b"k", &[100]);
        s.absorb(2, AggFunc::Min, b"k", &[1, 2]);
        assert_eq!(s.aggregation(2, &[], 0).entries.len(), 1);
        // Many keys: the index grows.
        let mut s = AggStore::default();
        for k in 0..10_000i64 {
            s.absorb(1, AggFunc::Count, &k.to_le_bytes(), &[1]);
            s.absorb(1, AggFunc::Count, &k.to_le_bytes(), &[1]);
        }
        let a = s.aggregation(1, &int_key(), 0);
        assert_eq!(a.entries.len(), 10_000);
        assert!(a.entries.iter().all(|e| e.data == AggData::Scalar(2)));
    }

    #[test]
    fn trunc_keeps_the_largest_or_smallest() {
        let pairs = [(1, 4), (2, 1), (3, 3), (4, 2)];
        let mut s = sums(&pairs);
        s.trunc(1, 2, &AggOpts::default(), &int_key(), 0);
        assert_eq!(values(&s, 1), [(1, 4), (3, 3)]);
        let mut s = sums(&pairs);
        s.trunc(1, -2, &AggOpts::default(), &int_key(), 0);
        assert_eq!(values(&s, 1), [(2, 1), (4, 2)]);
        let mut s = sums(&pairs);
        s.trunc(1, 0, &AggOpts::default(), &int_key(), 0);
        assert_eq!(values(&s, 1), []);
        let mut s = sums(&pairs);
        s.trunc(1, 10, &AggOpts::default(), &int_key(), 0);
        assert_eq!(values(&s, 1).len(), 4);
        // aggsortrev reverses the walk: trunc(@, 1) keeps the smallest.
        let mut s = sums(&pairs);
        s.trunc(1, 1, &AggOpts { sortrev: true, ..AggOpts::default() }, &int_key(), 0);
        assert_eq!(values(&s, 1), [(2, 1)]);
        // Ties by key: the larger key ranks higher.
        let mut s = sums(&[(1, 5), (2, 5), (3, 5)]);
        s.trunc(1, 1, &AggOpts::default(), &int_key(), 0);
        assert_eq!(values(&s, 1), [(3, 5)]);
        // A removed key starts again from zero; kept ones go on adding.
        let mut s = sums(&pairs);
        s.trunc(1, 1, &AggOpts::default(), &int_key(), 0);
        s.absorb(1, AggFunc::Sum, &2i64.to_le_bytes(), &[7]);
        s.absorb(1, AggFunc::Sum, &1i64.to_le_bytes(), &[1]);
        assert_eq!(values(&s, 1), [(1, 5), (2, 7)]);
    }

    #[test]
    fn distributions_and_stddev_merge() {
        let mut s = AggStore::default();
        let mut b = vec![0u64; 127];
        b[64] = 2;
        s.absorb(1, AggFunc::Quantize, b"", &b);
        b[64] = 1;
        b[70] = 3;
        s.absorb(1, AggFunc::Quantize, b"", &b);
        let AggData::Buckets(got) = &s.aggregation(1, &[], 0).entries[0].data else { panic!("buckets") };
        assert_eq!((got[64], got[70]), (3, 3));
        // The 128-bit sum of squares carries into its high word.
        s.absorb(2, AggFunc::Stddev, b"", &[1, 1, u64::MAX, 0]);
        s.absorb(2, AggFunc::Stddev, b"", &[1, 1, 1, 0]);
        let want = AggData::Stddev { count: 2, total: 2, sumsq: 1u128 << 64 };
        assert_eq!(s.aggregation(2, &[], 0).entries[0].data, want);
    }

    #[test]
    fn stack_and_symbol_keys_decode_and_sort() {
        // @[stack(2), usym(a), n]: the stack's 2 pcs, the pid and address,
        // then an 8-byte integer, packed.
        let types = [
            KeyType { kind: act::STACK, arg: 2, ..KeyType::default() },
            KeyType { kind: act::USYM, arg: 0, rtype: DifType { size: 8, ..DifType::default() }, signed: false },
            int_key()[0],
        ];
        let key = |pcs: [u64; 2], addr: u64, n: i64| -> Vec<u8> {
            let words = [pcs[0], pcs[1], 7, addr, n as u64];
            words.iter().flat_map(|w| w.to_le_bytes()).collect()
        };
        let mut s = AggStore::default();
        s.absorb(1, AggFunc::Count, &key([0x20, 0], 5, 1), &[1]);
        s.absorb(1, AggFunc::Count, &key([0x10, 0x30], 5, 1), &[1]);
        s.absorb(1, AggFunc::Count, &key([0, 0], 6, 2), &[1]);
        s.absorb(1, AggFunc::Count, &key([0, 0], 5, 2), &[1]);
        assert_eq!(types.iter().map(|t| t.size(256)).collect::<Vec<_>>(), [16, 16, 8]);
        let a = s.aggregation(1, &types, 256);
        assert_eq!(a.entries[1].keys[0], Value::Stack(vec![0x10, 0x30]));
        assert_eq!(a.entries[1].keys[1], Value::USym { pid: 7, addr: 5 });
        assert_eq!(a.entries[1].keys[2], Value::i64(1));
        // Equal values sort by key, as dt_aggregate_keycmp compares: stacks
        // byte by byte (an empty stack first), then the user address by
        // pid and address.
        let order: Vec<Vec<Value>> =
            aggprint::order(&a, &AggOpts::default()).into_iter().map(|i| a.entries[i].keys.clone()).collect();
        let firsts: Vec<(Value, Value)> = order.into_iter().map(|k| (k[0].clone(), k[1].clone())).collect();
        let usym = |addr| Value::USym { pid: 7, addr };
        assert_eq!(
            firsts,
            [
                (Value::Stack(vec![0, 0]), usym(5)),
                (Value::Stack(vec![0, 0]), usym(6)),
                (Value::Stack(vec![0x10, 0x30]), usym(5)),
                (Value::Stack(vec![0x20, 0]), usym(5)),
            ]
        );
    }

    #[test]
    fn clear_zeroes_values() {
        let mut s = sums(&[(1, 4), (2, 1)]);
        s.clear(1);
        assert_eq!(values(&s, 1), [(1, 0), (2, 0)]);
        s.absorb(1, AggFunc::Sum, &2i64.to_le_bytes(), &[3]);
        assert_eq!(values(&s, 1), [(1, 0), (2, 3)]);
    }
}
