//! A written payment plan agreement: a business owes two invoices and the recovery compensation,
//! pays a down payment and then ten monthly instalments. Prints the agreement in Markdown.
//!
//! Run with `cargo run --example agreement`; add `fr` for French, `html` for the HTML page
//! (`cargo run --example agreement -- fr html > agreement.html`) and `36` for 36 instalments
//! instead of ten (a contract of several printed pages), as `scripts/render-agreement` does to
//! take screenshots of it and print it to PDF.

use chrono::NaiveDate;
use echeancier::{
    Claim, Currency, Debt, DownPayment, Fee, Frequency, Language, LapseRule, Party, PaymentMethod,
    PenaltyPolicy, PlanAgreement, PlanRequest, Sizing,
};

fn date(y: i32, m: u32, d: u32) -> Result<NaiveDate, Box<dyn std::error::Error>> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| format!("invalid date {y}-{m}-{d}").into())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let language = if args.iter().any(|a| a == "fr") {
        Language::French
    } else {
        Language::English
    };
    let html = args.iter().any(|a| a == "html");
    let count = if args.iter().any(|a| a == "36") {
        36
    } else {
        10
    };
    let fee_label = match language {
        Language::French => "Indemnités forfaitaires de recouvrement, 2 factures",
        _ => "Fixed recovery compensation, 2 invoices",
    };

    // Two overdue invoices and the 40 EUR fixed recovery compensation of each (Code de commerce
    // L441-10): 3,470.00 EUR.
    let debt = Debt::new(Currency::EUR)
        .with_claim(
            Claim::new("F-2026-0418", "1850.00 EUR".parse()?)?
                .issued_on(date(2026, 5, 4)?)?
                .due_on(date(2026, 6, 3)?)?,
        )?
        .with_claim(
            Claim::new("F-2026-0502", "1540.00 EUR".parse()?)?
                .issued_on(date(2026, 6, 2)?)?
                .due_on(date(2026, 7, 2)?)?,
        )?
        .with_fee(Fee::new(fee_label, "80.00 EUR".parse()?)?)?;
    // 470.00 down on signing, then ten monthly instalments of 300.00 from 5 February 2027.
    let plan = PlanRequest::new(
        debt.clone(),
        date(2027, 2, 5)?,
        Frequency::MONTHLY,
        Sizing::Count(count),
    )
    .down_payment(DownPayment::amount(
        "470.00 EUR".parse()?,
        date(2027, 1, 15)?,
    ))
    .generate()?;

    let agreement = PlanAgreement::new(
        "PLAN-2027-014",
        &plan,
        Party::new("Atelier Durand SARL")
            .with_address_line("12 rue des Lilas")
            .with_address_line("69003 Lyon, France")
            .with_contact("compta@durand.example"),
        Party::new("Boulangerie Petit & Fils EURL")
            .with_address_line("4 allée des Pins")
            .with_address_line("69100 Villeurbanne, France"),
    )
    .with_debt(&debt)
    .with_payment_method(
        PaymentMethod::bank_transfer("FR76 3000 6000 0112 3456 7890 189", "PLAN-2027-014")
            .with_bic("AGRIFRPP"),
    )
    .with_payment_method(PaymentMethod::direct_debit("RUM-DURAND-0042"))
    .with_penalties(PenaltyPolicy::france_b2b()?)
    .with_late_payment_note(match language {
        Language::French => "Le taux de référence est celui de la Banque centrale européenne pour ses opérations principales de refinancement, en vigueur au premier jour du semestre.",
        _ => "The reference rate is the European Central Bank's main refinancing rate in force on the first day of each half-year.",
    })
    .with_lapse(LapseRule::missed(2)?.or_overdue("600.00 EUR".parse()?, 30)?)
    .with_questions_contact("Claire Durand, 04 72 00 00 00, compta@durand.example")
    .with_signing("Lyon", date(2027, 1, 12)?);

    if html {
        print!("{}", agreement.to_html(language)?);
    } else {
        print!("{}", agreement.to_markdown(language)?);
    }
    Ok(())
}
