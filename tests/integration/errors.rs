//! The catalogue of bad input (requests, payments, statements and adjustments): each bad input gets
//! its own `Error` variant, and a message that names the offending value so that a tool can show it
//! as it is.

use chrono::{Days, NaiveDate};
use echeancier::{
    AnnualRate, Balloon, BusinessDayRule, Calendar, Claim, Currency, Debt, DownPayment, Error, Fee,
    Frequency, HolidayCalendar, Interest, InterestMethod, Language, Money, PlanRequest, Remainder,
    Rounding, Sizing, Stage, MAX_INSTALMENTS,
};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use crate::{d, debt, m};

/// Checks the variant with `matches` and that the message contains every one of `words`.
fn expect(
    result: Result<impl core::fmt::Debug, Error>,
    matches: fn(&Error) -> bool,
    words: &[&str],
) {
    let err = result.expect_err("a bad request must be refused");
    assert!(matches(&err), "unexpected variant {err:?}");
    let text = err.to_string();
    for word in words {
        assert!(text.contains(word), "{text:?} does not name {word:?}");
    }
    // Lowercase start, no trailing period: the message can be embedded in a sentence.
    assert!(!text.ends_with('.'), "{text:?}");
    assert!(!text.starts_with(char::is_uppercase), "{text:?}");
    french(&err);
}

/// The French message of `err`: another text than the English one, lowercase, no trailing
/// period, a space before every `:`, `;` and `%` (the crate's French typography), the same
/// quoted references and ISO dates as the English message.
fn french(err: &Error) {
    let english = err.to_string();
    let text = err.to_string_in(Language::French);
    assert_ne!(text, english, "{err:?} has no French message");
    assert!(!text.ends_with('.'), "{text:?}");
    assert!(!text.starts_with(char::is_uppercase), "{text:?}");
    let chars: Vec<char> = text.chars().collect();
    let mut quoted = false;
    for (i, c) in chars.iter().enumerate() {
        if *c == '"' {
            quoted = !quoted;
        }
        let glued = i > 0 && !chars[i - 1].is_whitespace();
        let between_digits = i > 0
            && chars[i - 1].is_ascii_digit()
            && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if !quoted && matches!(c, ':' | ';' | '%') && glued && !between_digits {
            panic!("{text:?}: no space before {c:?}");
        }
    }
    for quoted in english.split('"').skip(1).step_by(2) {
        assert!(text.contains(quoted), "{text:?} does not name {quoted:?}");
    }
    for word in
        english.split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | ';' | ':'))
    {
        let is_date = word.len() == 10 && word.chars().filter(|c| *c == '-').count() == 2;
        if is_date && word.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            assert!(
                text.contains(word),
                "{text:?} does not give the date {word}"
            );
        }
    }
    for english_word in [" must ", " the ", " is ", " cannot ", " of "] {
        assert!(
            !text.contains(english_word),
            "{text:?} holds {english_word:?}"
        );
    }
}

fn monthly(debt: Debt, sizing: Sizing) -> PlanRequest {
    PlanRequest::new(debt, d(2027, 1, 15), Frequency::MONTHLY, sizing)
}

#[test]
fn amounts_must_be_positive() {
    expect(
        Claim::new("F-1", m("-5.00 EUR")),
        |e| {
            matches!(
                e,
                Error::NotPositive {
                    what: "claim amount",
                    ..
                }
            )
        },
        &["claim amount", "-5.00 EUR"],
    );
    expect(
        Claim::new("F-1", m("0.00 EUR")),
        |e| matches!(e, Error::NotPositive { .. }),
        &["0.00 EUR"],
    );
    expect(
        Fee::new("frais", m("0.00 EUR")),
        |e| {
            matches!(
                e,
                Error::NotPositive {
                    what: "fee amount",
                    ..
                }
            )
        },
        &["fee amount", "0.00 EUR"],
    );
    expect(
        Claim::new("  ", m("5.00 EUR")),
        |e| matches!(e, Error::EmptyReference { .. }),
        &["reference"],
    );
    let cases = [
        (
            Sizing::Amount(m("0.00 EUR")),
            "instalment amount",
            "0.00 EUR",
        ),
        (
            Sizing::Amount(m("-1.00 EUR")),
            "instalment amount",
            "-1.00 EUR",
        ),
        (
            crate::full_capacity("-400.00 EUR"),
            "capacity",
            "-400.00 EUR",
        ),
        (crate::full_capacity("0.00 EUR"), "capacity", "0.00 EUR"),
    ];
    for (sizing, what, value) in cases {
        expect(
            monthly(debt("100.00 EUR"), sizing).generate(),
            |e| matches!(e, Error::NotPositive { .. }),
            &[what, value],
        );
    }
    expect(
        monthly(debt("100.00 EUR"), Sizing::Count(2))
            .step(m("0.00 EUR"))
            .generate(),
        |e| {
            matches!(
                e,
                Error::NotPositive {
                    what: "rounding step",
                    ..
                }
            )
        },
        &["rounding step", "0.00 EUR"],
    );
    expect(
        monthly(debt("100.00 EUR"), Sizing::Count(2))
            .minimum_instalment(m("-10.00 EUR"))
            .generate(),
        |e| matches!(e, Error::NotPositive { .. }),
        &["minimum instalment", "-10.00 EUR"],
    );
    expect(
        monthly(debt("100.00 EUR"), Sizing::Count(2))
            .down_payment(DownPayment::amount(m("0.00 EUR"), d(2027, 1, 1)))
            .generate(),
        |e| matches!(e, Error::NotPositive { .. }),
        &["down payment", "0.00 EUR"],
    );
    // A capacity below the step is nothing once rounded down to it.
    expect(
        monthly(debt("100.00 EUR"), crate::full_capacity("5.00 EUR"))
            .step(m("10.00 EUR"))
            .generate(),
        |e| matches!(e, Error::NotPositive { .. }),
        &["capacity rounded down to the step", "0.00 EUR"],
    );
    expect(
        monthly(Debt::new(Currency::EUR), Sizing::Count(2)).generate(),
        |e| matches!(e, Error::EmptyDebt),
        &["nothing to repay"],
    );
}

#[test]
fn amounts_must_be_whole_minor_units() {
    let cases = [
        (dec!(12.345), Currency::EUR, "12.345", "EUR allows (2)"),
        (dec!(0.5), Currency::JPY, "0.5", "JPY allows (0)"),
        (dec!(1.0005), Currency::TND, "1.0005", "TND allows (3)"),
    ];
    for (amount, currency, value, allows) in cases {
        expect(
            Money::new(amount, currency),
            |e| matches!(e, Error::NotWholeMinorUnits { .. }),
            &[value, allows],
        );
    }
    expect(
        "12.345 EUR".parse::<Money>(),
        |e| matches!(e, Error::NotWholeMinorUnits { .. }),
        &["12.345"],
    );
    // Trailing zeros are not extra precision.
    assert_eq!(Money::new(dec!(12.3000), Currency::EUR), Ok(m("12.30 EUR")));
}

#[test]
fn currencies_must_match() {
    let usd = "100.00 USD";
    expect(
        Debt::new(Currency::EUR).with_claim(Claim::new("F-1", m(usd)).unwrap()),
        |e| {
            matches!(e, Error::CurrencyMismatch { expected, found }
                if *expected == Currency::EUR && *found == Currency::USD)
        },
        &["expected EUR, found USD"],
    );
    expect(
        debt("100.00 EUR").with_fee(Fee::new("frais", m(usd)).unwrap()),
        |e| matches!(e, Error::CurrencyMismatch { .. }),
        &["EUR", "USD"],
    );
    let requests = [
        (
            "capacity",
            monthly(debt("100.00 EUR"), crate::full_capacity(usd)),
        ),
        (
            "amount",
            monthly(debt("100.00 EUR"), Sizing::Amount(m(usd))),
        ),
        (
            "step",
            monthly(debt("100.00 EUR"), Sizing::Count(2)).step(m("1.00 USD")),
        ),
        (
            "down payment",
            monthly(debt("100.00 EUR"), Sizing::Count(2))
                .down_payment(DownPayment::amount(m("10.00 USD"), d(2027, 1, 1))),
        ),
        (
            "minimum",
            monthly(debt("100.00 EUR"), Sizing::Count(2)).minimum_instalment(m("10.00 USD")),
        ),
        (
            // The same code with another exponent is another currency.
            "exponent",
            monthly(debt("100.00 EUR"), Sizing::Count(2)).step(m("1.000 EUR:3")),
        ),
    ];
    for (what, request) in requests {
        let err = request.generate().unwrap_err();
        assert!(
            matches!(err, Error::CurrencyMismatch { expected, .. } if expected == Currency::EUR),
            "{what}: {err:?}"
        );
    }
}

#[test]
fn claims_must_be_consistent() {
    let claim = |reference| Claim::new(reference, m("10.00 EUR")).unwrap();
    expect(
        Debt::single(claim("F-7")).with_claim(claim("F-7")),
        |e| matches!(e, Error::DuplicateReference { reference } if reference == "F-7"),
        &["duplicate claim reference \"F-7\""],
    );
    expect(
        claim("F-8")
            .issued_on(d(2026, 6, 1))
            .and_then(|c| c.due_on(d(2026, 5, 31))),
        |e| matches!(e, Error::DueBeforeIssue { .. }),
        &["F-8", "2026-05-31", "2026-06-01"],
    );
    expect(
        claim("F-9")
            .due_on(d(2026, 5, 31))
            .and_then(|c| c.issued_on(d(2026, 6, 1))),
        |e| matches!(e, Error::DueBeforeIssue { .. }),
        &["F-9", "2026-05-31", "2026-06-01"],
    );
}

#[test]
fn instalment_counts_must_be_in_range() {
    let count = |n| monthly(debt("100.00 EUR"), Sizing::Count(n)).generate();
    expect(
        count(0),
        |e| matches!(e, Error::InvalidCount { count: 0, .. }),
        &["instalment count 0", "1 to 1200"],
    );
    expect(
        count(MAX_INSTALMENTS + 1),
        |e| {
            matches!(
                e,
                Error::InvalidCount {
                    count: 1201,
                    max: 1200
                }
            )
        },
        &["1201"],
    );
    expect(
        count(u32::MAX),
        |e| matches!(e, Error::InvalidCount { .. }),
        &["4294967295"],
    );
    assert!(count(MAX_INSTALMENTS).is_ok());
    expect(
        monthly(debt("100.00 EUR"), Sizing::Count(2))
            .max_instalments(0)
            .generate(),
        |e| matches!(e, Error::InvalidCount { count: 0, .. }),
        &["instalment count 0"],
    );
    expect(
        monthly(debt("100.00 EUR"), Sizing::Count(13))
            .max_instalments(12)
            .generate(),
        |e| matches!(e, Error::InvalidCount { count: 13, max: 12 }),
        &["13", "1 to 12"],
    );
    // Two cents cannot make three non-zero instalments.
    expect(
        monthly(debt("0.02 EUR"), Sizing::Count(3)).generate(),
        |e| matches!(e, Error::Unsplittable { count: 3, .. }),
        &["0.02 EUR", "3 non-zero instalments", "0.01 EUR"],
    );
}

#[test]
fn capacity_must_cover_the_interest() {
    // 10,000 at 12 % a year: 100.00 of interest the first month.
    let loan = |sizing| {
        monthly(debt("10000.00 EUR"), sizing).interest(Interest::Annuity("12%".parse().unwrap()))
    };
    for sizing in [
        crate::full_capacity("100.00 EUR"),
        Sizing::Amount(m("99.99 EUR")),
    ] {
        expect(
            loan(sizing).generate(),
            |e| matches!(e, Error::BelowPeriodicInterest { interest, .. } if *interest == m("100.00 EUR")),
            &["does not cover the interest", "100.00 EUR"],
        );
    }
    expect(
        monthly(debt("10000.00 EUR"), crate::full_capacity("100.00 EUR"))
            .interest(Interest::EqualPrincipal("12%".parse().unwrap()))
            .generate(),
        |e| matches!(e, Error::BelowPeriodicInterest { .. }),
        &["100.00 EUR"],
    );
    // Just above: repaid, slowly, within the hard limit. NPER(1 %, −100.01, 10,000) = 925.6, but with
    // only a cent of principal a month at first, rounding each month's interest half-up matters:
    // 934 instalments (the same count by an independent simulation in Python's decimal module).
    let plan = loan(crate::full_capacity("100.01 EUR")).generate().unwrap();
    assert_eq!(plan.derivation().count(), 934);
    // Without a limit of its own, the request is bounded by MAX_INSTALMENTS.
    expect(
        loan(crate::full_capacity("100.00 EUR"))
            .interest(Interest::None)
            .max_instalments(99)
            .generate(),
        |e| matches!(e, Error::CapacityTooLow { .. }),
        &["within 99 instalments", "at least 101.02 EUR"],
    );
    expect(
        monthly(debt("1000000.00 EUR"), crate::full_capacity("100.00 EUR")).generate(),
        |e| matches!(e, Error::CapacityTooLow { .. }),
        &[
            "within the maximum of 1200 instalments",
            "at least 833.34 EUR",
        ],
    );
    expect(
        loan(crate::full_capacity("150.00 EUR"))
            .max_instalments(24)
            .generate(),
        |e| matches!(e, Error::CapacityTooLow { .. }),
        &[
            "150.00 EUR",
            "10000.00 EUR",
            "24 instalments",
            "at least 470.74 EUR",
        ],
    );
}

#[test]
fn down_payments_must_leave_something_to_plan() {
    let with = |down| {
        monthly(debt("1000.00 EUR"), Sizing::Count(4))
            .down_payment(down)
            .generate()
    };
    let signed = d(2027, 1, 1);
    for amount in ["1000.00 EUR", "1500.00 EUR"] {
        expect(
            with(DownPayment::amount(m(amount), signed)),
            |e| matches!(e, Error::DownPaymentTooLarge { .. }),
            &[amount, "1000.00 EUR"],
        );
    }
    for (percent, text) in [
        (dec!(100), "100%"),
        (dec!(0), "0%"),
        (dec!(-5), "-5%"),
        (dec!(250), "250%"),
    ] {
        expect(
            with(DownPayment::percent(percent, signed)),
            |e| matches!(e, Error::InvalidPercent { .. }),
            &["down payment", text],
        );
    }
    // 0.0001 % of 1,000.00 is less than a cent.
    expect(
        with(DownPayment::percent(dec!(0.0001), signed)),
        |e| matches!(e, Error::NotPositive { .. }),
        &["down payment", "0.00 EUR"],
    );
    for date in [d(2027, 1, 15), d(2027, 2, 1)] {
        expect(
            with(DownPayment::amount(m("100.00 EUR"), date)),
            |e| matches!(e, Error::DateOrder { .. }),
            &[&date.to_string(), "2027-01-15", "the down payment date"],
        );
    }
    // The first due date is compared once adjusted: Friday 15 January 2027 stays, but a plan due on
    // Saturday 16 January moves to Monday 18, after a down payment on the 16th.
    let plan = PlanRequest::new(
        debt("1000.00 EUR"),
        d(2027, 1, 16),
        Frequency::MONTHLY,
        Sizing::Count(4),
    )
    .business_days(BusinessDayRule::Following, HolidayCalendar::France)
    .down_payment(DownPayment::amount(m("100.00 EUR"), d(2027, 1, 16)))
    .generate();
    assert!(plan.is_ok(), "{plan:?}");
}

#[test]
fn unsupported_combinations() {
    expect(
        monthly(debt("1000.00 EUR"), Sizing::Count(3))
            .interest(Interest::Annuity("5%".parse().unwrap()))
            .remainder(Remainder::First)
            .generate(),
        |e| matches!(e, Error::Unsupported { .. }),
        &["first instalment", "without interest"],
    );
    // At 0 % there is no interest, so the first instalment may take the remainder.
    assert!(monthly(debt("1000.00 EUR"), Sizing::Count(3))
        .interest(Interest::Annuity(AnnualRate::ZERO))
        .remainder(Remainder::First)
        .generate()
        .is_ok());
    expect(
        monthly(debt("1000.00 EUR"), Sizing::Amount(m("100.00 EUR")))
            .interest(Interest::EqualPrincipal("5%".parse().unwrap()))
            .generate(),
        |e| matches!(e, Error::Unsupported { .. }),
        &["equal-principal", "instalment amount"],
    );
}

/// A plan sized by an amount or a capacity counts its instalments within the limit; a limit that
/// leaves none after the grace or the stages is refused as that count would be, not as a capacity
/// too low with a "needed" amount below the capacity itself (a limit of 1 instalment under a
/// grace of 1 was "100.00 EUR per period cannot repay 1000.00 EUR within 1 instalments; at least
/// 10.64 EUR per period is needed").
#[test]
fn a_limit_within_the_grace_or_the_stages_is_refused_as_a_count_would_be() {
    let unsupported = |e: &Error| matches!(e, Error::Unsupported { .. });
    for sizing in [
        Sizing::Amount(m("100.00 EUR")),
        crate::full_capacity("100.00 EUR"),
    ] {
        let loan = || {
            monthly(debt("1000.00 EUR"), sizing).interest(Interest::Annuity("12%".parse().unwrap()))
        };
        for (grace, limit) in [(1, 1), (2, 2), (2, 1)] {
            expect(
                loan()
                    .principal_grace(grace)
                    .max_instalments(limit)
                    .generate(),
                unsupported,
                &["principal grace leaves at least one instalment"],
            );
        }
        expect(
            loan()
                .deferred_interest_grace(2)
                .max_instalments(2)
                .generate(),
            unsupported,
            &["at least one instalment after it"],
        );
        expect(
            loan()
                .stages([Stage::new(3, m("50.00 EUR"))])
                .max_instalments(3)
                .generate(),
            unsupported,
            &["stages leave at least one instalment"],
        );
        // One instalment more than the grace: 1,000.00 and a month's interest, 1,010.00, in one
        // instalment after the grace's 10.00.
        expect(
            loan().principal_grace(1).max_instalments(2).generate(),
            |e| matches!(e, Error::CapacityTooLow { needed, .. } if *needed == m("1010.00 EUR")),
            &["within 2 instalments", "at least 1010.00 EUR"],
        );
    }
    // A limit of one, in the singular.
    expect(
        monthly(debt("1000.00 EUR"), crate::full_capacity("100.00 EUR"))
            .max_instalments(1)
            .generate(),
        |e| matches!(e, Error::CapacityTooLow { .. }),
        &["within 1 instalment;", "at least 1000.00 EUR"],
    );
    expect(
        monthly(debt("1000.00 EUR"), crate::full_capacity("100.00 EUR"))
            .max_duration_months(1)
            .generate(),
        |e| matches!(e, Error::CapacityTooLow { .. }),
        &["within 1 month;", "at least 1000.00 EUR"],
    );
}

/// A balloon is a plan sized by count or end date with the remainder on the last instalment, a
/// share strictly between 0 and 100 %, an amount above zero, in the debt's currency and below the
/// amount financed: each refusal names what is wrong.
#[test]
fn balloons_say_what_they_refuse() {
    let loan = |sizing| monthly(debt("1200.00 EUR"), sizing);
    let half = Balloon::Percent(dec!(50));
    let unsupported = |e: &Error| matches!(e, Error::Unsupported { .. });
    let sized = "a plan with a balloon is sized by count or end date";
    // Each of the two conditions alone.
    expect(
        loan(Sizing::Amount(m("100.00 EUR")))
            .balloon(half)
            .generate(),
        unsupported,
        &[sized],
    );
    expect(
        loan(Sizing::Count(4))
            .remainder(Remainder::First)
            .balloon(half)
            .generate(),
        unsupported,
        &[sized],
    );
    assert!(loan(Sizing::Count(4)).balloon(half).generate().is_ok());
    for percent in [dec!(0), dec!(100), dec!(-5), dec!(150)] {
        expect(
            loan(Sizing::Count(4))
                .balloon(Balloon::Percent(percent))
                .generate(),
            |e| {
                matches!(
                    e,
                    Error::InvalidPercent {
                        what: "balloon",
                        ..
                    }
                )
            },
            &[&format!("balloon {percent}%"), "above 0 and below 100"],
        );
    }
    expect(
        loan(Sizing::Count(4))
            .balloon(Balloon::Amount(m("1200.00 EUR")))
            .generate(),
        |e| matches!(e, Error::BalloonTooLarge { .. }),
        &["1200.00 EUR"],
    );
    assert!(loan(Sizing::Count(4))
        .balloon(Balloon::Amount(m("1196.00 EUR")))
        .generate()
        .is_ok());
}

/// The limit a refusal names is the tightest one; a limit of the hard maximum is the maximum, and
/// where a count and a duration allow as many instalments, the count is named.
#[test]
fn the_tightest_limit_is_the_one_named() {
    let short = |limit: fn(PlanRequest) -> PlanRequest, words: &[&str]| {
        expect(
            limit(monthly(
                debt("1000000.00 EUR"),
                crate::full_capacity("100.00 EUR"),
            ))
            .generate(),
            |e| matches!(e, Error::CapacityTooLow { .. }),
            words,
        );
    };
    short(
        |r| r.max_instalments(MAX_INSTALMENTS),
        &["within the maximum of 1200 instalments"],
    );
    // From 15 December 2026, 12 months reach the twelfth due date, 15 December 2027.
    short(
        |r| r.max_instalments(12).max_duration_months(12),
        &["within 12 instalments"],
    );
    short(
        |r| r.max_instalments(13).max_duration_months(12),
        &["within 12 months"],
    );
    short(
        |r| r.max_instalments(12).max_duration_months(13),
        &["within 12 instalments"],
    );
}

/// The refusals of the grace on interest, the stepped plans and the semi-monthly frequency, each
/// with its reason in both languages.
#[test]
fn loan_shapes_say_what_they_refuse() {
    let loan = |count| {
        monthly(debt("12000.00 EUR"), Sizing::Count(count))
            .interest(Interest::Annuity("6%".parse().unwrap()))
    };
    let unsupported = |e: &Error| matches!(e, Error::Unsupported { .. });
    expect(
        loan(12)
            .principal_grace(2)
            .deferred_interest_grace(2)
            .generate(),
        unsupported,
        &["principal grace", "would pay nothing"],
    );
    expect(
        monthly(debt("1000.00 EUR"), Sizing::Count(3))
            .interest_free_grace(1)
            .generate(),
        unsupported,
        &["declining balance"],
    );
    expect(
        loan(3).deferred_interest_grace(3).generate(),
        unsupported,
        &["at least one instalment after it"],
    );
    // 200.00 at 2 % a month in instalments of 100.00: the second repays the last 100.00 of
    // principal within the grace, but not the 6.00 of interest deferred.
    expect(
        monthly(debt("200.00 EUR"), Sizing::Amount(m("100.00 EUR")))
            .interest(Interest::Annuity("24%".parse().unwrap()))
            .deferred_interest_grace(3)
            .generate(),
        unsupported,
        &["deferred-interest grace", "fewer deferred periods"],
    );
    let stage = |count, amount: &str| Stage::new(count, m(amount));
    expect(
        loan(12)
            .stages([stage(3, "100.00 EUR")])
            .principal_grace(1)
            .generate(),
        unsupported,
        &["stepped plan", "grace"],
    );
    expect(
        loan(12)
            .stages([stage(3, "100.00 EUR")])
            .interest_method(InterestMethod::Flat)
            .generate(),
        unsupported,
        &["stepped plan", "flat"],
    );
    expect(
        loan(3).stages([stage(3, "100.00 EUR")]).generate(),
        unsupported,
        &["stages leave at least one instalment"],
    );
    expect(
        loan(12).stages([stage(2, "7000.00 EUR")]).generate(),
        unsupported,
        &["stages repay the whole debt"],
    );
    // 1,001.34 at 1 % a month, 2 stages of 508.19: the exact schedule leaves 0.005034 after
    // them, a last instalment of 0.01. The rows, each period's interest rounded (10.01, then
    // 5.03), leave 503.16 to the second stage, which repays it all.
    expect(
        monthly(debt("1001.34 EUR"), Sizing::Count(3))
            .interest(Interest::Annuity("12%".parse().unwrap()))
            .stages([stage(2, "508.19 EUR")])
            .generate(),
        unsupported,
        &["stages repay the whole debt"],
    );
    expect(
        loan(12).stages([stage(3, "50.00 EUR")]).generate(),
        |e| matches!(e, Error::BelowPeriodicInterest { .. }),
        &["50.00 EUR", "60.00 EUR"],
    );
    // A stage far below its period's interest: refused as such, not as an overflow of the level
    // amount after the stages (100.00 × 11^23 owed after 23 years at 1000 %). The first stage
    // of 1.00 does not cover the first period's interest (1,000.00), nor the second stage of 1.00,
    // after 1,050.00 leaves 50.00, its period's 500.00.
    let yearly = |count| {
        PlanRequest::new(
            debt("100.00 EUR"),
            d(2028, 1, 1),
            Frequency::YEARLY,
            Sizing::Count(count),
        )
        .interest(Interest::Annuity("1000%".parse().unwrap()))
    };
    for (count, stages, interest) in [
        (24, vec![stage(23, "1.00 EUR")], "1000.00 EUR"),
        (
            26,
            vec![stage(1, "1050.00 EUR"), stage(24, "1.00 EUR")],
            "500.00 EUR",
        ),
    ] {
        expect(
            yearly(count).stages(stages).generate(),
            |e| matches!(e, Error::BelowPeriodicInterest { .. }),
            &[
                "1.00 EUR per period",
                "the interest of one period",
                interest,
            ],
        );
    }
    // Where the level amount after stages below their interest rounds to nothing on the step,
    // the amount is refused as unsplittable first, as without the overflow.
    expect(
        PlanRequest::new(
            Debt::single(Claim::new("F-1", m("5.20 USD")).unwrap()),
            d(2026, 5, 7),
            Frequency::QUARTERLY,
            Sizing::Count(21),
        )
        .interest(Interest::Annuity("12%".parse().unwrap()))
        .rounding(Rounding::Down)
        .step(m("1.00 USD"))
        .stages([
            stage(2, "0.19 USD"),
            stage(8, "0.10 USD"),
            stage(1, "0.09 USD"),
        ])
        .generate(),
        |e| matches!(e, Error::Unsplittable { .. }),
        &["5.20 USD", "21"],
    );
    expect(
        loan(12).stages([stage(0, "50.00 EUR")]).generate(),
        |e| matches!(e, Error::InvalidCount { .. }),
        &["0"],
    );
    expect(
        loan(12).stages([stage(2, "-5.00 EUR")]).generate(),
        |e| matches!(e, Error::NotPositive { .. }),
        &["stage amount"],
    );
    expect(
        monthly(debt("12000.00 EUR"), crate::full_capacity("500.00 EUR"))
            .stages([stage(2, "600.00 EUR")])
            .generate(),
        unsupported,
        &["capacity"],
    );
    expect(
        Frequency::semi_monthly(1, 5),
        |e| matches!(e, Error::InvalidDays { days: 5, .. }),
        &["semi-monthly", "13 to 16 days"],
    );
    expect(
        PlanRequest::new(
            debt("100.00 EUR"),
            d(2027, 1, 10),
            Frequency::semi_monthly(1, 15).unwrap(),
            Sizing::Count(2),
        )
        .generate(),
        |e| matches!(e, Error::InvalidDays { days: 10, .. }),
        &["semi-monthly plan"],
    );
    // The 30th in February is its last day.
    let plan = PlanRequest::new(
        debt("100.00 EUR"),
        d(2027, 2, 28),
        Frequency::semi_monthly(15, 30).unwrap(),
        Sizing::Count(3),
    )
    .generate()
    .unwrap();
    let dates: Vec<_> = plan.instalments().iter().map(|i| i.due_date()).collect();
    assert_eq!(dates, [d(2027, 2, 28), d(2027, 3, 15), d(2027, 3, 30)]);
}

#[test]
fn dates_must_be_in_order_and_in_range() {
    expect(
        monthly(debt("100.00 EUR"), Sizing::EndDate(d(2027, 1, 14))).generate(),
        |e| matches!(e, Error::DateOrder { .. }),
        &[
            "the end date (2027-01-14)",
            "the first due date (2027-01-15)",
        ],
    );
    expect(
        monthly(debt("1000.00 EUR"), Sizing::EndDate(d(2028, 12, 31)))
            .max_instalments(12)
            .generate(),
        |e| matches!(e, Error::EndDateBeyondLimit { .. }),
        &["2028-12-31", "12 instalments"],
    );
    expect(
        monthly(debt("1000.00 EUR"), Sizing::Count(3))
            .max_duration_months(0)
            .generate(),
        |e| matches!(e, Error::NoDueDateWithin { .. }),
        &["0 months"],
    );
    // Near the end of the calendar.
    let near_max = NaiveDate::MAX.checked_sub_days(Days::new(40)).unwrap();
    expect(
        PlanRequest::new(
            debt("100.00 EUR"),
            near_max,
            Frequency::MONTHLY,
            Sizing::Count(12),
        )
        .generate(),
        |e| matches!(e, Error::DateOutOfRange { .. }),
        &["instalment 3"],
    );
    expect(
        PlanRequest::new(
            debt("100.00 EUR"),
            NaiveDate::MAX,
            Frequency::WEEKLY,
            Sizing::Count(2),
        )
        .generate(),
        |e| matches!(e, Error::DateOutOfRange { .. }),
        &["instalment 2"],
    );
    expect(
        PlanRequest::new(
            debt("100.00 EUR"),
            near_max,
            Frequency::YEARLY,
            Sizing::EndDate(NaiveDate::MAX),
        )
        .generate(),
        |e| matches!(e, Error::DateOutOfRange { .. }),
        &["out of the supported date range"],
    );
    expect(
        PlanRequest::new(
            debt("100.00 EUR"),
            NaiveDate::MIN,
            Frequency::MONTHLY,
            Sizing::Count(2),
        )
        .max_duration_months(12)
        .generate(),
        |e| matches!(e, Error::DateOutOfRange { .. }),
        &["the start of the first period"],
    );
    expect(
        PlanRequest::new(
            debt("100.00 EUR"),
            near_max,
            Frequency::MONTHLY,
            Sizing::Count(1),
        )
        .max_duration_months(u32::MAX)
        .generate(),
        |e| matches!(e, Error::DateOutOfRange { .. }),
        &["month duration"],
    );
    // Daily instalments over a weekend: Saturday and Sunday both move to Monday.
    expect(
        PlanRequest::new(
            debt("100.00 EUR"),
            d(2027, 1, 15),
            Frequency::every_days(1).unwrap(),
            Sizing::Count(5),
        )
        .business_days(BusinessDayRule::Following, HolidayCalendar::WeekendsOnly)
        .generate(),
        |e| matches!(e, Error::DatesNotIncreasing { number: 3, .. }),
        &["instalment 3", "2027-01-18"],
    );
}

#[test]
fn decimal_overflow_is_an_error() {
    let max = Money::new(Decimal::MAX, Currency::EUR).unwrap();
    let huge = Debt::single(Claim::new("F-1", max).unwrap());
    let with_fee = huge
        .clone()
        .with_fee(Fee::new("frais", m("1.00 EUR")).unwrap())
        .unwrap();
    expect(
        monthly(with_fee, Sizing::Count(2)).generate(),
        |e| matches!(e, Error::Overflow { .. }),
        &["arithmetic overflow"],
    );
    let two = huge
        .clone()
        .with_claim(Claim::new("F-2", max).unwrap())
        .unwrap();
    assert!(matches!(two.total(), Err(Error::Overflow { .. })));
    expect(
        monthly(huge.clone(), Sizing::Count(12))
            .interest(Interest::Annuity("5%".parse().unwrap()))
            .generate(),
        |e| matches!(e, Error::Overflow { .. }),
        &["arithmetic overflow"],
    );
    expect(
        monthly(huge, Sizing::Count(3))
            .down_payment(DownPayment::percent(dec!(10), d(2027, 1, 1)))
            .generate(),
        |e| matches!(e, Error::Overflow { .. }),
        &["down payment"],
    );
}

#[test]
fn a_calendar_without_business_days() {
    struct Closed;
    impl Calendar for Closed {
        fn is_business_day(&self, _: NaiveDate) -> bool {
            false
        }
    }
    for rule in [
        BusinessDayRule::Following,
        BusinessDayRule::ModifiedFollowing,
        BusinessDayRule::Preceding,
    ] {
        expect(
            monthly(debt("100.00 EUR"), Sizing::Count(2))
                .business_days(rule, HolidayCalendar::WeekendsOnly)
                .generate_with_calendar(&Closed),
            |e| matches!(e, Error::NoBusinessDay { .. }),
            &["no business day", "2027-01-15"],
        );
    }
    // Unadjusted dates never ask the calendar.
    assert!(monthly(debt("100.00 EUR"), Sizing::Count(2))
        .generate_with_calendar(&Closed)
        .is_ok());
}

#[test]
fn rates_currencies_and_frequencies_are_checked_when_built() {
    expect(
        AnnualRate::from_percent(dec!(-1)),
        |e| matches!(e, Error::InvalidRate { .. }),
        &["-1%"],
    );
    expect(
        "1000.5%".parse::<AnnualRate>(),
        |e| matches!(e, Error::InvalidRate { .. }),
        &["1000.5%", "1000%"],
    );
    expect(
        Frequency::every_days(0),
        |e| matches!(e, Error::InvalidFrequency { count: 0, .. }),
        &["every 0 days"],
    );
    expect(
        Frequency::every_months(5000),
        |e| matches!(e, Error::InvalidFrequency { .. }),
        &["every 5000 months", "3660"],
    );
    expect(
        "fortnightly".parse::<Frequency>(),
        |e| matches!(e, Error::Parse { .. }),
        &["\"fortnightly\""],
    );
    expect(
        Currency::new("eur", 2),
        |e| matches!(e, Error::InvalidCurrency { .. }),
        &["\"eur\""],
    );
    expect(
        Currency::new("XTS", 7),
        |e| matches!(e, Error::UnsupportedMinorUnits { minor_units: 7, .. }),
        &["XTS", "7"],
    );
}

/// A twelve-month plan of 1,200.00 EUR from 31 January 2027, without interest.
fn twelve_months() -> echeancier::Schedule {
    PlanRequest::new(
        debt("1200.00 EUR"),
        d(2027, 1, 31),
        Frequency::MONTHLY,
        Sizing::Count(12),
    )
    .generate()
    .unwrap()
}

#[test]
fn payments_must_fit_the_plan_and_the_statement() {
    use echeancier::{Payment, Statement, StatementOptions};
    let plan = twelve_months();
    let options = StatementOptions::default().agreed_on(d(2027, 1, 5));
    let pay = |reference: &str, date, amount: &str| Payment::new(reference, date, m(amount));
    let statement = |payments: &[Payment]| Statement::new(&plan, payments, &options, d(2027, 3, 1));

    expect(
        pay("P-0", d(2027, 2, 1), "0.00 EUR"),
        |e| matches!(e, Error::NotPositive { .. }),
        &["0.00 EUR"],
    );
    expect(
        pay("P-0", d(2027, 2, 1), "-10.00 EUR"),
        |e| matches!(e, Error::NotPositive { .. }),
        &["-10.00 EUR"],
    );
    expect(
        pay("  ", d(2027, 2, 1), "10.00 EUR"),
        |e| matches!(e, Error::EmptyReference { .. }),
        &["payment"],
    );
    expect(
        statement(&[pay("P-1", d(2027, 1, 4), "100.00 EUR").unwrap()]),
        |e| matches!(e, Error::PaymentBeforePlan { reference, .. } if reference == "P-1"),
        &["\"P-1\"", "2027-01-04", "2027-01-05"],
    );
    expect(
        statement(&[pay("P-2", d(2027, 3, 2), "100.00 EUR").unwrap()]),
        |e| matches!(e, Error::PaymentAfterStatement { reference, .. } if reference == "P-2"),
        &["\"P-2\"", "2027-03-02", "2027-03-01"],
    );
    expect(
        statement(&[
            pay("P-3", d(2027, 1, 31), "100.00 EUR").unwrap(),
            pay("P-3", d(2027, 2, 28), "100.00 EUR").unwrap(),
        ]),
        |e| matches!(e, Error::DuplicatePayment { reference } if reference == "P-3"),
        &["duplicate payment reference \"P-3\""],
    );
    expect(
        statement(&[pay("P-4", d(2027, 1, 31), "100.00 USD").unwrap()]),
        |e| matches!(e, Error::CurrencyMismatch { .. }),
        &["EUR", "USD"],
    );
}

#[test]
fn adjustments_need_an_open_plan_and_representable_dates() {
    use echeancier::{
        Account, Lapse, LapseRule, Payment, PlanHistory, PostponeMode, Postponement, Prepayment,
        PrepaymentMode, Reschedule, Statement, StatementOptions,
    };
    let plan = twelve_months();
    let history = PlanHistory::new(plan.clone(), d(2027, 1, 5));
    let options = StatementOptions::default();
    let at = |date| Statement::new(&plan, &[], &options, date).unwrap();

    // A payment recorded after the day of the adjustment cannot have been known on that day: the
    // statement of that day refuses it, and so does an account asked to adjust before it.
    let late = [Payment::new("VIR-1", d(2027, 3, 1), m("100.00 EUR")).unwrap()];
    expect(
        Statement::new(&plan, &late, &options, d(2027, 2, 1))
            .and_then(|on| history.reschedule(&on, Reschedule::new(Sizing::Count(6)))),
        |e| matches!(e, Error::PaymentAfterStatement { reference, .. } if reference == "VIR-1"),
        &["VIR-1", "2027-03-01", "2027-02-01"],
    );
    let mut account = Account::new(plan.clone(), d(2027, 1, 5), options.clone()).unwrap();
    account.pay(late[0].clone()).unwrap();
    expect(
        account.reschedule(d(2027, 2, 1), Reschedule::new(Sizing::Count(6))),
        |e| matches!(e, Error::DateOrder { .. }),
        &["2027-03-01", "2027-02-01"],
    );
    expect(
        Prepayment::new(m("-50.00 EUR"), PrepaymentMode::ShortenTerm),
        |e| matches!(e, Error::NotPositive { .. }),
        &["prepayment", "-50.00 EUR"],
    );
    expect(
        Postponement::new(3, 2, PostponeMode::ExtendTerm),
        |e| matches!(e, Error::InvalidAdjustment { .. }),
        &["3", "2", "reverse order"],
    );

    // Nothing can be adjusted once the plan has lapsed.
    let lapsed = history
        .lapse(
            &at(d(2027, 4, 1)),
            Lapse::new(LapseRule::missed(1).unwrap()),
        )
        .unwrap();
    expect(
        lapsed.postpone(
            &at(d(2027, 4, 2)),
            Postponement::new(4, 4, PostponeMode::ExtendTerm).unwrap(),
        ),
        |e| matches!(e, Error::PlanClosed { status: "lapsed" }),
        &["lapsed"],
    );

    // A plan in the last representable year is outside the supported dates: its statement (and
    // so any adjustment of it) is refused with the date and the supported range, not computed.
    let last_year = chrono::Datelike::year(&NaiveDate::MAX);
    let at_the_end = PlanRequest::new(
        debt("1200.00 EUR"),
        d(last_year, 1, 31),
        Frequency::MONTHLY,
        Sizing::Count(12),
    )
    .generate()
    .unwrap();
    expect(
        Statement::new(&at_the_end, &[], &options, d(last_year, 1, 6)),
        |e| matches!(e, Error::UnsupportedDate { .. }),
        &["statement date", "1900-01-01", "2999-12-31"],
    );
}

/// Rate changes out of order or outside the plan name the change, its date, its rate and the
/// limit; the options of interest on actual days refuse the plans they do not apply to.
#[test]
fn rate_changes_and_interest_bases_are_checked() {
    use echeancier::{BrokenPeriod, DayCount, InterestBasis, InterestMethod, RateChange, YearDays};
    let rate = |text: &str| text.parse::<AnnualRate>().unwrap();
    let loan = || {
        PlanRequest::new(
            debt("10000.00 EUR"),
            d(2027, 1, 31),
            Frequency::MONTHLY,
            Sizing::Count(12),
        )
        .interest(Interest::Annuity(rate("5%")))
    };
    let invalid = |e: &Error| matches!(e, Error::InvalidRateChange { .. });
    // Before the start of the first period (31 December 2026).
    expect(
        loan()
            .rate_change(RateChange::new(d(2026, 12, 31), rate("6%")))
            .generate(),
        invalid,
        &[
            "rate change 1",
            "2026-12-31",
            "6%",
            "after the start of the first period",
        ],
    );
    // After the start of the last period (30 November 2027).
    expect(
        loan()
            .rate_change(RateChange::new(d(2027, 12, 1), rate("6%")))
            .generate(),
        invalid,
        &[
            "2027-12-01",
            "on or before the start of the last period",
            "2027-11-30",
        ],
    );
    // Not in date order.
    expect(
        loan()
            .rate_change(RateChange::new(d(2027, 7, 1), rate("6%")))
            .rate_change(RateChange::new(d(2027, 5, 1), rate("7%")))
            .generate(),
        invalid,
        &[
            "rate change 2",
            "2027-05-01",
            "7%",
            "after the previous rate change",
            "2027-07-01",
        ],
    );
    // Two changes in the same period: the second must reach a later one.
    expect(
        loan()
            .rate_change(RateChange::new(d(2027, 7, 1), rate("6%")))
            .rate_change(RateChange::new(d(2027, 7, 20), rate("7%")))
            .generate(),
        invalid,
        &[
            "rate change 2",
            "2027-07-20",
            "in a later period",
            "2027-08-31",
        ],
    );
    let unsupported = |e: &Error| matches!(e, Error::Unsupported { .. });
    expect(
        loan()
            .interest_method(InterestMethod::Flat)
            .rate_change(RateChange::new(d(2027, 7, 1), rate("6%")))
            .generate(),
        unsupported,
        &["rate changes need"],
    );
    expect(
        loan()
            .interest_basis(InterestBasis::FixedYear(YearDays::Days360))
            .generate(),
        unsupported,
        &["frequencies counted in days"],
    );
    expect(
        loan().interest_from(d(2026, 12, 1)).generate(),
        unsupported,
        &["interest start date applies to interest on actual days"],
    );
    expect(
        loan()
            .interest_basis(InterestBasis::ActualDays(DayCount::Actual365))
            .broken_period(BrokenPeriod::FirstInstalment)
            .interest(Interest::Annuity(rate("5%")))
            .max_instalments(12)
            .interest_method(InterestMethod::Flat)
            .generate(),
        unsupported,
        &["actual days"],
    );
    expect(
        PlanRequest::new(
            debt("1000.00 EUR"),
            d(2027, 1, 31),
            Frequency::MONTHLY,
            crate::full_capacity("100.00 EUR"),
        )
        .interest(Interest::Annuity(rate("5%")))
        .interest_basis(InterestBasis::ActualDays(DayCount::Actual365))
        .broken_period(BrokenPeriod::FirstInstalment)
        .generate(),
        unsupported,
        &["sized by count or end date"],
    );
    // Dates outside the supported ones.
    expect(
        loan()
            .interest_basis(InterestBasis::ActualDays(DayCount::ActualActualIsda))
            .interest_from(d(1066, 10, 14))
            .generate(),
        |e| matches!(e, Error::UnsupportedDate { .. }),
        &["the interest start", "1066-10-14"],
    );
    expect(
        loan()
            .rate_change(RateChange::new(d(3000, 1, 1), rate("6%")))
            .generate(),
        |e| matches!(e, Error::UnsupportedDate { .. }),
        &["rate change 1", "3000-01-01"],
    );
    // A rate out of range is refused when the request is read, naming it.
    let json = serde_json::to_value(loan()).unwrap();
    for (bad, words) in [("-1%", "-1"), ("1500%", "1500")] {
        let mut request = json.clone();
        request["rate_changes"] = serde_json::json!([{"date": "2027-07-01", "rate": bad}]);
        let err = serde_json::from_value::<PlanRequest>(request)
            .unwrap_err()
            .to_string();
        assert!(err.contains(words), "{err}");
    }
    expect(
        loan()
            .interest_basis(InterestBasis::ActualDays(DayCount::Actual365))
            .interest_from(d(2027, 1, 31))
            .generate(),
        |e| matches!(e, Error::DateOrder { .. }),
        &["the interest start", "2027-01-31"],
    );
    // The same without interest, or at 0 %: the start is checked whatever the rate.
    let no_interest = || {
        PlanRequest::new(
            debt("100.00 EUR"),
            d(2027, 1, 31),
            Frequency::MONTHLY,
            Sizing::Count(1),
        )
        .interest_basis(InterestBasis::ActualDays(DayCount::Actual365))
    };
    for interest in [Interest::None, Interest::Annuity(rate("0%"))] {
        for start in [d(2027, 1, 31), d(2027, 2, 1)] {
            expect(
                no_interest()
                    .interest(interest)
                    .interest_from(start)
                    .generate(),
                |e| matches!(e, Error::DateOrder { .. }),
                &[
                    "the interest start",
                    &start.to_string(),
                    "the first due date",
                    "2027-01-31",
                ],
            );
        }
        let plan = no_interest()
            .interest(interest)
            .interest_from(d(2027, 1, 30))
            .generate()
            .unwrap();
        assert_eq!(plan.instalments()[0].amount(), m("100.00 EUR"));
    }
}
