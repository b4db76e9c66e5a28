//! The consumer: engines, buffers, decoding and output. Filled by later issues; the probe catalog lives here.
