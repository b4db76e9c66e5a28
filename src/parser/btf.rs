//! TODO: btf
