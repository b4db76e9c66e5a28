//! The engine interface the session runs on: what every engine (the local
//! one now; the kernel driver and BPF later) gives the consumer once a
//! program is enabled. The session never knows which engine it drives.

use crate::consumer::drain::Source;
use crate::consumer::probes::Probe;
use dtrace_core::state::State;
use std::sync::{Arc, MutexGuard};

/// An engine with an enabled program.
pub trait Engine {
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
}
