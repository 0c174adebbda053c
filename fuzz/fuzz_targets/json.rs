//! Arbitrary bytes read as JSON into the public request types: reading never panics, what is read
//! writes back and reads again to an equal value, a plan request read this way generates a
//! schedule that keeps the invariants (or an error), and an account read this way (its events
//! replayed) keeps the account's invariants.
#![no_main]

use echeancier::{
    Account, AllocationPolicy, Budget, CapacityPolicy, CreditorPolicy, Debt, EarlyPaymentDiscount,
    Event, LapseRule, Payment, PaymentHistory, PenaltyPolicy, PlanRequest, ProposalRequest,
    Schedule, SettlementOffer, StatementOptions,
};
use echeancier_fuzz::{check_account, check_schedule};
use libfuzzer_sys::fuzz_target;
use serde::{de::DeserializeOwned, Serialize};

/// Reads `T`; if it reads, writes it back, reads it again and asserts both are equal.
fn round_trip<T>(data: &[u8]) -> Option<T>
where
    T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let value: T = serde_json::from_slice(data).ok()?;
    let json = serde_json::to_string(&value).expect("a value read from JSON writes back");
    let again: T =
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("{json} does not read back: {e}"));
    assert_eq!(value, again, "{json}");
    Some(value)
}

fuzz_target!(|data: &[u8]| {
    if let Some(request) = round_trip::<PlanRequest>(data) {
        if let Ok(schedule) = request.generate() {
            check_schedule(&schedule, Some(request.debt()));
            round_trip::<Schedule>(serde_json::to_string(&schedule).unwrap().as_bytes())
                .expect("a generated schedule reads back");
        }
    }
    if let Some(request) = round_trip::<ProposalRequest>(data) {
        if let Ok(proposals) = request.propose() {
            for option in proposals.options() {
                if let Some(schedule) = option.schedule() {
                    check_schedule(schedule, None);
                }
            }
        }
    }
    if let Some(schedule) = round_trip::<Schedule>(data) {
        check_schedule(&schedule, None);
    }
    round_trip::<Debt>(data);
    round_trip::<Payment>(data);
    round_trip::<AllocationPolicy>(data);
    round_trip::<StatementOptions>(data);
    round_trip::<CreditorPolicy>(data);
    round_trip::<Budget>(data);
    round_trip::<CapacityPolicy>(data);
    round_trip::<PaymentHistory>(data);
    round_trip::<EarlyPaymentDiscount>(data);
    round_trip::<SettlementOffer>(data);
    round_trip::<LapseRule>(data);
    round_trip::<PenaltyPolicy>(data);
    round_trip::<Event>(data);
    if let Some(account) = round_trip::<Account>(data) {
        let last = account
            .events()
            .last()
            .map_or(account.signed_on(), Event::date);
        check_account(&account, last);
    }
});
