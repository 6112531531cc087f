//! The persistent thread pool of a decode step's quantized products and attention is the
//! models crate's process-wide pool (`ingot_models::pool`), so the encoders' f32 products and
//! the chat kernels share one set of workers instead of two sets spinning against each other.

pub(crate) use ingot_models::pool::Pool;
