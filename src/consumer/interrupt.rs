//! SIGINT and SIGTERM end a run as they end dtrace(1)'s: the first one
//! stops tracing (END fires, pending data and aggregations print, the exit
//! status is unchanged); a second one makes the consumer impatient, so the
//! aggregations are not printed. A signal the parent left ignored (a
//! background job's SIGINT) stays ignored, as dtrace(1) leaves it.

use std::sync::atomic::{AtomicU32, Ordering};

/// Signals received since [`install`].
static RECEIVED: AtomicU32 = AtomicU32::new(0);

const SIGINT: i32 = 2;
const SIGTERM: i32 = 15;
/// `SIG_IGN` as the C library spells the handler value.
const SIG_IGN: usize = 1;

extern "C" {
    // The C library's signal(3); the handler travels as its address.
    fn signal(signum: i32, handler: usize) -> usize;
}

extern "C" fn on_signal(_signum: i32) {
    // Only an atomic add: nothing else is safe inside a signal handler.
    RECEIVED.fetch_add(1, Ordering::SeqCst);
}

/// Routes SIGINT and SIGTERM to the counter, except where ignored.
pub fn install() {
    for sig in [SIGINT, SIGTERM] {
        // SAFETY: signal(3) with a handler that only does an atomic add.
        let old = unsafe { signal(sig, on_signal as extern "C" fn(i32) as usize) };
        if old == SIG_IGN {
            // SAFETY: puts back the disposition we found.
            unsafe { signal(sig, SIG_IGN) };
        }
    }
}

/// How many of the signals have arrived.
pub fn received() -> u32 {
    RECEIVED.load(Ordering::SeqCst)
}
