//! Allocation at enabling time. Buffer sizes come from options a user
//! gives, so a size the machine cannot back must be an error the consumer
//! can act on (DTrace lowers the size and tries again), never an abort.

use alloc::vec;
use alloc::vec::Vec;

/// A vector of `len` zeros (`T::default()` is zero for the integer types
/// buffers use), or `None` if the memory cannot be had. Reserving first
/// turns a size the allocator cannot give into `None`; the zeroed
/// allocation that follows is backed lazily, page by page as it is
/// written, so a large buffer costs nothing until records fill it.
pub fn zeroed<T: Copy + Default>(len: usize) -> Option<Vec<T>> {
    Vec::<T>::new().try_reserve_exact(len).ok()?;
    Some(vec![T::default(); len])
}

/// A vector of `len` copies of `value`, or `None` if the memory cannot be
/// had.
pub fn filled<T: Clone>(len: usize, value: T) -> Option<Vec<T>> {
    let mut v = Vec::new();
    v.try_reserve_exact(len).ok()?;
    v.resize(len, value);
    Some(v)
}

/// An empty vector with room for `len` elements, or `None`.
pub fn with_room<T>(len: usize) -> Option<Vec<T>> {
    let mut v = Vec::new();
    v.try_reserve_exact(len).ok()?;
    Some(v)
}
