//! dtrace-rs: DTrace for Linux.
//!
//! The pipeline (see DESIGN.md): [`parser`] turns D source into a checked
//! program; `dif` generates DIF and DOF; the engines run it; [`consumer`]
//! prints what comes back. [`cli`] holds the dtrace(1) command line.

pub mod cli;
pub mod consumer;
pub mod dif;
pub mod parser;
