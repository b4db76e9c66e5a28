//! `driver/core`: the `no_std` half of dtrace-rs that every engine shares
//! (DOF validation, the DIF virtual machine, ECBs, buffers, aggregations).
//!
//! The D front end (issue 2) does not need it yet; the DIF back end issue fills
//! it in. It is a workspace member now so the layout in DESIGN.md holds and the
//! `no_std` build is checked from the first commit.
#![no_std]
