//! TODO: sema
