//! Benchmarks of `echeancier` against other crates: see `benches/peers.rs`. No library code.
