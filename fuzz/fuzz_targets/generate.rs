//! Arbitrary plan requests built through the public builders: generation never panics, and every
//! schedule it returns keeps the schedule invariants.
#![no_main]

use echeancier_fuzz::{check_schedule, FPlan};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|plan: FPlan| {
    let Some(request) = plan.get() else { return };
    if let Ok(schedule) = request.generate() {
        check_schedule(&schedule, Some(request.debt()));
    }
});
