//! `driver/core`: the `no_std` half of dtrace-rs that every engine shares:
//! the DIF instruction set ([`isa`]), DIF objects ([`difo`]), and — as the
//! back end lands — DOF validation, the DIF virtual machine, enabling
//! control blocks, buffers and aggregations.
//!
//! It has no dependencies and must not panic on any input: engines run it
//! on data from user space, and the kernel module runs it in probe context.
#![no_std]

extern crate alloc;

pub mod agg;
pub mod buffer;
pub mod difo;
pub mod dof;
pub mod dynvar;
pub mod isa;
pub mod mem;
pub mod record;
pub mod state;
pub mod strings;
pub mod validate;
pub mod vm;
