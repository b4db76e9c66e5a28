//! TODO: cpp
