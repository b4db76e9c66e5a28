//! The consumer: the session lifecycle, the engines, buffer snapshots,
//! record decoding and all output formatting (see DESIGN.md). Those arrive
//! with later issues; for now it holds the probe catalog the compiler
//! matches descriptions against and `dtrace -l` lists.

pub mod aggprint;
pub mod aggstore;
pub mod drain;
pub mod drops;
pub mod engines;
pub mod format;
pub mod interrupt;
pub mod json;
pub mod local;
pub mod print;
pub mod probes;
pub mod proc;
pub mod session;
pub mod teardown;
pub mod tz;
pub mod value;
