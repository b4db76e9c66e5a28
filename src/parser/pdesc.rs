//! TODO: pdesc
