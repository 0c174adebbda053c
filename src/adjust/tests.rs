//! Unit tests of the adjustments.
