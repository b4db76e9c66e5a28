//! The dtrace(1) command line.
