//! Dynamic variables: the fixed-size store behind thread-local variables
//! (`self->x`) and associative arrays (`a[k1, k2]`, `self->a[k]`), keyed by
//! a tuple of by-value integers and by-reference byte strings.
//!
//! DTrace (`dtrace_dynvar()` in illumos `dtrace.c`) carves `dynvarsize`
//! bytes into equal chunks sized for the largest key tuple and value of the
//! enabling. Our code generator does not tell us that size, so this store
//! carves the same budget into power-of-two blocks (64 bytes and up) on
//! demand: a block is taken from its size class's free list, else bumped
//! off the unused end of the arena, else borrowed whole from a larger
//! class's free list. When none of that works the store counts a *drop*
//! (reported by the consumer as `dtrace: N dynamic variable drops`) and the
//! store does not happen — exactly DTrace's behaviour when dynamic variable
//! space is exhausted. Deleting an entry (DTrace deletes on a store of 0)
//! returns its block to its class's free list at once.
//!
//! All memory (arena and hash buckets) is allocated by [`DynVarStore::new`];
//! nothing here allocates, panics or loops without a bound afterwards.
//!
//! Block layout, in the arena (native byte order, offsets from the block):
//!
//! ```text
//!  0  next   u32   hash chain / free list link (u32::MAX: none)
//!  4  class  u8    size class: block size is 64 << class
//!  5  nkeys  u8
//!  8  hash   u64
//! 16  doff   u32   offset of the value data (8-aligned)
//! 20  dlen   u32   length of the value data
//! 24  keys   nkeys × { value u64 (by-ref: offset of its bytes), size u32, pad u32 }
//!     key bytes (each rounded up to 8), then the value data
//! ```
//!
//! Every block starts at a multiple of 64 from the arena start, so value
//! data is 8-byte aligned: the VM hands out `DYNVARS + offset` addresses
//! to it and `stx`-class alignment checks hold.

use alloc::vec;
use alloc::vec::Vec;

/// One element of a key tuple.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyPart<'a> {
    /// A by-value key (integers, pointers, and the variable/thread keys).
    Val(u64),
    /// A by-reference key (strings, structs): compared byte for byte.
    /// An empty slice is the same key as `Val(0)` (DTrace keys a size of
    /// zero by value).
    Ref(&'a [u8]),
}

/// Most keys a tuple may have: the 8-entry tuple stack plus the variable
/// key and the thread key.
pub const MAX_KEYS: usize = 10;

const NONE: u32 = u32::MAX;
const HDR: usize = 24;
const KEYREC: usize = 16;
/// Size classes: 64 B .. 64 << 25 = 2 GiB.
const NCLASSES: usize = 26;
/// Largest arena: offsets are u32.
const MAX_ARENA: usize = (u32::MAX as usize) - 64;

/// A fixed-capacity hash table of dynamic variables. See the module docs.
#[derive(Clone, Debug)]
pub struct DynVarStore {
    arena: Vec<u8>,
    buckets: Vec<u32>,
    /// For each 64-byte granule of the arena, the block covering it (or
    /// NONE): how a store through a pointer is checked to stay inside one
    /// live variable's data.
    owner: Vec<u32>,
    free: [u32; NCLASSES],
    /// First never-used byte of the arena.
    top: usize,
    live: usize,
    drops: u64,
}

fn round8(n: usize) -> Option<usize> {
    n.checked_add(7).map(|v| v & !7)
}

impl DynVarStore {
    /// A store using at most `size` bytes for its hash buckets and
    /// variables (DTrace's `dynvarsize` option).
    pub fn new(size: usize) -> DynVarStore {
        // One bucket (4 bytes) per 256 bytes of budget, a power of two
        // between 16 and 2^20.
        let want = (size / 256).clamp(16, 1 << 20);
        let nbuckets = want.next_power_of_two().min(1 << 20);
        // The arena and its owner map (4 bytes per 64) share the rest.
        let arena_len = (size.saturating_sub(nbuckets * 4) / 68 * 64).min(MAX_ARENA);
        DynVarStore {
            arena: vec![0; arena_len],
            buckets: vec![NONE; nbuckets],
            owner: vec![NONE; arena_len / 64],
            free: [NONE; NCLASSES],
            top: 0,
            live: 0,
            drops: 0,
        }
    }

    /// Forgets every variable (keeps the drop count).
    pub fn clear(&mut self) {
        self.buckets.fill(NONE);
        self.owner.fill(NONE);
        self.free = [NONE; NCLASSES];
        self.top = 0;
        self.live = 0;
    }

    /// Number of live variables.
    pub fn len(&self) -> usize {
        self.live
    }

    /// Whether no variable is live.
    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// Stores refused for lack of space since creation (or the last
    /// [`DynVarStore::take_drops`]).
    pub fn drops(&self) -> u64 {
        self.drops
    }

    /// Returns the drop count and resets it to zero.
    pub fn take_drops(&mut self) -> u64 {
        core::mem::take(&mut self.drops)
    }

    /// The arena: value data lives at the offsets [`DynVarStore::lookup`]
    /// and [`DynVarStore::insert`] return.
    pub fn arena(&self) -> &[u8] {
        &self.arena
    }

    /// The arena, writable.
    pub fn arena_mut(&mut self) -> &mut [u8] {
        &mut self.arena
    }

    /// Whether `[off, off + len)` lies inside the value data of one live
    /// variable (where D code may store through a pointer).
    pub fn in_data(&self, off: usize, len: usize) -> bool {
        let Some(&b) = self.owner.get(off / 64) else {
            return false;
        };
        if b == NONE {
            return false;
        }
        match (self.data_of(b as usize), off.checked_add(len)) {
            (Some((start, dlen)), Some(end)) => off >= start && end <= start + dlen,
            _ => false,
        }
    }

    /// Finds the variable keyed by `keys`: `(offset, length)` of its value
    /// data in the arena.
    pub fn lookup(&self, keys: &[KeyPart<'_>]) -> Option<(usize, usize)> {
        let hash = hash(keys);
        let (_, b) = self.find(keys, hash)?;
        self.data_of(b)
    }

    /// Finds or creates the variable keyed by `keys` with `dsize` bytes of
    /// value data (new data is zeroed). `None` when there is no room: a
    /// drop has been counted.
    pub fn insert(&mut self, keys: &[KeyPart<'_>], dsize: usize) -> Option<(usize, usize)> {
        let hash = hash(keys);
        if let Some((_, b)) = self.find(keys, hash) {
            return self.data_of(b);
        }
        match self.create(keys, hash, dsize) {
            Some(r) => Some(r),
            None => {
                self.drops = self.drops.saturating_add(1);
                None
            }
        }
    }

    /// Deletes the variable keyed by `keys`; whether there was one.
    pub fn remove(&mut self, keys: &[KeyPart<'_>]) -> bool {
        let hash = hash(keys);
        let Some((prev, b)) = self.find(keys, hash) else {
            return false;
        };
        let next = self.rd32(b);
        match prev {
            Some(p) => self.wr32(p, next),
            None => {
                let bucket = self.bucket(hash);
                if let Some(slot) = self.buckets.get_mut(bucket) {
                    *slot = next;
                }
            }
        }
        let class = usize::from(self.rd8(b + 4));
        self.set_owner(b, 64usize << class, NONE);
        if let Some(head) = self.free.get(class).copied() {
            self.wr32(b, head);
            if let Some(h) = self.free.get_mut(class) {
                *h = b as u32;
            }
        }
        self.live = self.live.saturating_sub(1);
        true
    }

    fn bucket(&self, hash: u64) -> usize {
        (hash as usize) & (self.buckets.len().wrapping_sub(1))
    }

    /// Most blocks the arena can hold: bounds every chain walk.
    fn max_blocks(&self) -> usize {
        self.arena.len() / 64 + 1
    }

    fn data_of(&self, b: usize) -> Option<(usize, usize)> {
        let off = b.checked_add(self.rd32(b + 16) as usize)?;
        let len = self.rd32(b + 20) as usize;
        let end = off.checked_add(len)?;
        (end <= self.arena.len()).then_some((off, len))
    }

    /// The block matching `keys` and its predecessor on the chain.
    fn find(&self, keys: &[KeyPart<'_>], hash: u64) -> Option<(Option<usize>, usize)> {
        let mut cur = *self.buckets.get(self.bucket(hash))?;
        let mut prev = None;
        for _ in 0..self.max_blocks() {
            if cur == NONE {
                return None;
            }
            let b = cur as usize;
            if self.rd64(b + 8) == hash && self.matches(b, keys) {
                return Some((prev, b));
            }
            prev = Some(b);
            cur = self.rd32(b);
        }
        None
    }

    fn matches(&self, b: usize, keys: &[KeyPart<'_>]) -> bool {
        if usize::from(self.rd8(b + 5)) != keys.len() {
            return false;
        }
        for (i, k) in keys.iter().enumerate() {
            let rec = b + HDR + i * KEYREC;
            let value = self.rd64(rec);
            let size = self.rd32(rec + 8) as usize;
            match *k {
                KeyPart::Val(v) => {
                    if size != 0 || value != v {
                        return false;
                    }
                }
                KeyPart::Ref(bytes) => {
                    if size != bytes.len() {
                        return false;
                    }
                    if size == 0 {
                        if value != 0 {
                            return false;
                        }
                        continue;
                    }
                    let start = b.saturating_add(value as usize);
                    match self.arena.get(start..start.saturating_add(size)) {
                        Some(stored) if stored == bytes => {}
                        _ => return false,
                    }
                }
            }
        }
        true
    }

    fn create(&mut self, keys: &[KeyPart<'_>], hash: u64, dsize: usize) -> Option<(usize, usize)> {
        if keys.is_empty() || keys.len() > MAX_KEYS {
            return None;
        }
        let mut need = HDR + KEYREC * keys.len();
        for k in keys {
            if let KeyPart::Ref(bytes) = k {
                need = need.checked_add(round8(bytes.len())?)?;
            }
        }
        let doff = need;
        let dlen = round8(dsize.max(8))?;
        need = need.checked_add(dlen)?;
        if dlen > u32::MAX as usize {
            return None;
        }
        let mut class = 0usize;
        while (64usize << class) < need {
            class += 1;
            if class >= NCLASSES {
                return None;
            }
        }
        let b = self.alloc(class)?;
        // alloc() wrote the block's real class, which may be larger.
        let real = self.rd8(b + 4);
        let bsize = 64usize << real;
        self.arena.get_mut(b..b.checked_add(bsize)?)?.fill(0);
        self.wr8(b + 4, real);
        self.wr8(b + 5, keys.len() as u8);
        self.wr64(b + 8, hash);
        self.wr32(b + 16, doff as u32);
        self.wr32(b + 20, dlen as u32);
        let mut kdata = HDR + KEYREC * keys.len();
        for (i, k) in keys.iter().enumerate() {
            let rec = b + HDR + i * KEYREC;
            match *k {
                KeyPart::Val(v) => self.wr64(rec, v),
                KeyPart::Ref(bytes) => {
                    self.wr64(rec, if bytes.is_empty() { 0 } else { kdata as u64 });
                    self.wr32(rec + 8, bytes.len() as u32);
                    if let Some(dst) = self.arena.get_mut(b + kdata..b + kdata + bytes.len()) {
                        dst.copy_from_slice(bytes);
                    }
                    kdata += round8(bytes.len())?;
                }
            }
        }
        let bucket = self.bucket(hash);
        let head = *self.buckets.get(bucket)?;
        self.wr32(b, head);
        *self.buckets.get_mut(bucket)? = b as u32;
        self.set_owner(b, bsize, b as u32);
        self.live += 1;
        Some((b + doff, dlen))
    }

    /// A block of at least class `class`: its offset. The block's real
    /// class is written at offset 4.
    fn alloc(&mut self, class: usize) -> Option<usize> {
        if let Some(b) = self.pop_free(class) {
            return Some(b);
        }
        let size = 64usize << class;
        if let Some(end) = self.top.checked_add(size) {
            if end <= self.arena.len() {
                let b = self.top;
                self.top = end;
                self.wr8(b + 4, class as u8);
                return Some(b);
            }
        }
        (class + 1..NCLASSES).find_map(|c| self.pop_free(c))
    }

    fn set_owner(&mut self, b: usize, bsize: usize, to: u32) {
        if let Some(g) = self.owner.get_mut(b / 64..(b + bsize) / 64) {
            g.fill(to);
        }
    }

    fn pop_free(&mut self, class: usize) -> Option<usize> {
        let head = *self.free.get(class)?;
        if head == NONE {
            return None;
        }
        let b = head as usize;
        let next = self.rd32(b);
        *self.free.get_mut(class)? = next;
        self.wr8(b + 4, class as u8);
        Some(b)
    }

    fn rd8(&self, at: usize) -> u8 {
        self.arena.get(at).copied().unwrap_or(0)
    }
    fn wr8(&mut self, at: usize, v: u8) {
        if let Some(b) = self.arena.get_mut(at) {
            *b = v;
        }
    }
    fn rd32(&self, at: usize) -> u32 {
        match self.arena.get(at..at.wrapping_add(4)) {
            Some(s) => u32::from_ne_bytes([s[0], s[1], s[2], s[3]]),
            None => NONE,
        }
    }
    fn wr32(&mut self, at: usize, v: u32) {
        if let Some(s) = self.arena.get_mut(at..at.wrapping_add(4)) {
            s.copy_from_slice(&v.to_ne_bytes());
        }
    }
    fn rd64(&self, at: usize) -> u64 {
        match self.arena.get(at..at.wrapping_add(8)) {
            Some(s) => {
                let mut b = [0u8; 8];
                b.copy_from_slice(s);
                u64::from_ne_bytes(b)
            }
            None => 0,
        }
    }
    fn wr64(&mut self, at: usize, v: u64) {
        if let Some(s) = self.arena.get_mut(at..at.wrapping_add(8)) {
            s.copy_from_slice(&v.to_ne_bytes());
        }
    }
}

/// Hash of a tuple: a multiplicative word-at-a-time hash (by-value keys
/// one word each, by-reference keys eight bytes at a time plus their
/// length). DTrace uses Jenkins' one-at-a-time hash; which hash is used is
/// invisible to D programs, and this one is several times cheaper.
fn hash(keys: &[KeyPart<'_>]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let add = |h: u64, v: u64| (h.rotate_left(5) ^ v).wrapping_mul(K);
    let mut h: u64 = 0;
    for k in keys {
        match *k {
            KeyPart::Val(v) => h = add(h, v),
            // The same key as Val(0).
            KeyPart::Ref([]) => h = add(h, 0),
            KeyPart::Ref(bytes) => {
                for chunk in bytes.chunks(8) {
                    let mut w = [0u8; 8];
                    if let Some(d) = w.get_mut(..chunk.len()) {
                        d.copy_from_slice(chunk);
                    }
                    h = add(h, u64::from_le_bytes(w));
                }
                h = add(h, bytes.len() as u64 | 1 << 63);
            }
        }
    }
    h = (h ^ (h >> 32)).wrapping_mul(K);
    h ^ (h >> 29)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_lookup_remove() {
        let mut s = DynVarStore::new(64 * 1024);
        let k1 = [KeyPart::Val(1), KeyPart::Val(0x500)];
        let k2 = [KeyPart::Ref(b"abc\0"), KeyPart::Val(0x500)];
        assert_eq!(s.lookup(&k1), None);
        let (o1, l1) = s.insert(&k1, 8).unwrap();
        assert_eq!(l1, 8);
        assert_eq!(o1 % 8, 0);
        s.arena_mut()[o1] = 42;
        let (o2, _) = s.insert(&k2, 8).unwrap();
        assert_ne!(o1, o2);
        assert_eq!(s.lookup(&k1), Some((o1, 8)));
        assert_eq!(s.arena()[o1], 42);
        // Same key again: same variable.
        assert_eq!(s.insert(&k1, 8), Some((o1, 8)));
        assert_eq!(s.len(), 2);
        // Different bytes, same length: different key.
        assert_eq!(s.lookup(&[KeyPart::Ref(b"abd\0"), KeyPart::Val(0x500)]), None);
        // A by-value key never equals a by-reference one.
        assert_eq!(s.lookup(&[KeyPart::Val(0), KeyPart::Val(0x500)]), None);
        assert!(s.in_data(o1, 8));
        assert!(s.in_data(o1 + 4, 4));
        assert!(!s.in_data(o1 + 4, 8));
        assert!(!s.in_data(o1 - 8, 8), "the header is not data");
        assert!(!s.in_data(s.arena().len(), 1));
        assert!(s.remove(&k1));
        assert!(!s.in_data(o1, 8), "freed");
        assert!(!s.remove(&k1));
        assert_eq!(s.lookup(&k1), None);
        assert_eq!(s.lookup(&k2), Some((o2, 8)));
        assert_eq!(s.len(), 1);
        // The freed block is reused, zeroed.
        let (o3, _) = s.insert(&[KeyPart::Val(9)], 8).unwrap();
        assert_eq!(o3, o1 - (HDR + 2 * KEYREC) + (HDR + KEYREC));
        assert_eq!(&s.arena()[o3..o3 + 8], &[0; 8]);
    }

    #[test]
    fn exhaustion_counts_drops() {
        let mut s = DynVarStore::new(4096);
        let mut stored = 0u64;
        for i in 0..1000u64 {
            if s.insert(&[KeyPart::Val(i), KeyPart::Val(7)], 8).is_some() {
                stored += 1;
            }
        }
        assert!(stored > 10, "stored {stored}");
        assert_eq!(s.drops(), 1000 - stored);
        assert_eq!(s.len() as u64, stored);
        // Deleting makes room again.
        assert!(s.remove(&[KeyPart::Val(0), KeyPart::Val(7)]));
        assert!(s.insert(&[KeyPart::Val(5000), KeyPart::Val(7)], 8).is_some());
        assert_eq!(s.take_drops(), 1000 - stored);
        assert_eq!(s.drops(), 0);
    }

    #[test]
    fn large_values_borrow_free_blocks_of_larger_classes() {
        let mut s = DynVarStore::new(8192);
        // Fill with big blocks, free them, then small ones fit.
        let mut big = 0;
        while s.insert(&[KeyPart::Val(big)], 1000).is_some() {
            big += 1;
        }
        assert!(big >= 1);
        for i in 0..big {
            assert!(s.remove(&[KeyPart::Val(i)]));
        }
        assert!(s.insert(&[KeyPart::Val(1), KeyPart::Val(2)], 8).is_some());
        // Too big for the whole arena: a drop, never a panic.
        assert!(s.insert(&[KeyPart::Val(3)], 1 << 20).is_none());
        assert!(s.insert(&[KeyPart::Val(3)], usize::MAX).is_none());
    }

    #[test]
    fn zero_sized_store_drops_everything() {
        let mut s = DynVarStore::new(0);
        assert!(s.insert(&[KeyPart::Val(1)], 8).is_none());
        assert_eq!(s.drops(), 1);
        assert_eq!(s.lookup(&[KeyPart::Val(1)]), None);
        assert!(!s.remove(&[KeyPart::Val(1)]));
    }

    #[test]
    fn many_keys_and_collisions() {
        let mut s = DynVarStore::new(1 << 20);
        let strs: [&[u8]; 4] = [b"a\0", b"bb\0", b"ccc\0", b""];
        let mut offs = Vec::new();
        for (i, st) in strs.iter().enumerate() {
            let keys = [
                KeyPart::Val(i as u64),
                KeyPart::Ref(st),
                KeyPart::Val(1),
                KeyPart::Val(2),
                KeyPart::Val(3),
                KeyPart::Val(4),
                KeyPart::Val(5),
                KeyPart::Val(6),
                KeyPart::Val(0x501),
                KeyPart::Val(77),
            ];
            offs.push(s.insert(&keys, 300).unwrap());
            assert_eq!(s.lookup(&keys), offs.last().copied());
        }
        assert!(s.insert(&[KeyPart::Val(0); 11], 8).is_none());
        for i in 0..5000u64 {
            s.insert(&[KeyPart::Val(i)], 8).unwrap();
        }
        for i in 0..5000u64 {
            assert!(s.lookup(&[KeyPart::Val(i)]).is_some());
        }
        for i in (0..5000u64).step_by(2) {
            assert!(s.remove(&[KeyPart::Val(i)]));
        }
        for i in 0..5000u64 {
            assert_eq!(s.lookup(&[KeyPart::Val(i)]).is_some(), i % 2 == 1);
        }
        s.clear();
        assert!(s.is_empty());
        assert_eq!(s.lookup(&[KeyPart::Val(1)]), None);
    }
}
