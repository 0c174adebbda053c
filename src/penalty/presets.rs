//! Penalty policies as the law of a few jurisdictions sets them, each with its legal reference.
//!
//! A preset gives the statutory default; a contract may set other terms within the law, which the
//! builder methods of [`PenaltyPolicy`] express.

use rust_decimal::Decimal;

use crate::error::Result;
use crate::money::{Currency, Money};
use crate::penalty::policy::{Compensation, LegalBasis, PenaltyPolicy, PenaltyRate, RateRevision};
use crate::penalty::rate_table::{LegalRateCreditor, RateTable};
use crate::rate::AnnualRate;

fn points(percent: i64) -> Result<AnnualRate> {
    AnnualRate::from_percent(Decimal::from(percent))
}

fn whole(units: i64, currency: Currency) -> Result<Money> {
    Money::new(Decimal::from(units), currency)
}

impl PenaltyPolicy {
    /// France, between businesses (Code de commerce L441-10 II): unless the contract says otherwise,
    /// the ECB main refinancing rate in force on 1 January (for the first half-year) or 1 July (for the
    /// second) plus 10 points, re-read for each half-year the delay crosses, actual/365, plus a fixed
    /// compensation for recovery costs of 40 EUR per late invoice (D441-5).
    ///
    /// The 40 EUR are owed between professionals only: for a consumer debtor, remove them with
    /// [`PenaltyPolicy::with_compensation`]`(Compensation::none())`. For the instalments of a plan, use
    /// [`CompensationBasis::PerItem`](crate::CompensationBasis::PerItem) to count each late instalment.
    /// The reference table is the built-in [`RateTable::ecb_main_refinancing`].
    ///
    /// # Errors
    ///
    /// None in practice (the built-in table is checked by the crate's tests).
    ///
    /// ```
    /// use echeancier::{OverdueItem, PenaltyPolicy};
    /// use chrono::NaiveDate;
    ///
    /// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
    /// let item = OverdueItem::new("F-1", d(6, 30), "10000.00 EUR".parse()?)?.paid_on(d(7, 31))?;
    /// let s = PenaltyPolicy::france_b2b()?.compute_one(&item, d(12, 31))?;
    /// // 31 days at 2.15 % + 10 = 12.15 %: 10000 × 0.1215 × 31 / 365 = 103.19
    /// assert_eq!(s.items()[0].segments()[0].rate().to_string(), "12.15%");
    /// assert_eq!(s.interest().to_string(), "103.19 EUR");
    /// assert_eq!(s.total().to_string(), "143.19 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn france_b2b() -> Result<PenaltyPolicy> {
        let rate = PenaltyRate::reference(
            RateTable::ecb_main_refinancing()?,
            points(10)?,
            RateRevision::HalfYearly,
        )
        .set_by(LegalBasis::FranceB2b);
        Ok(PenaltyPolicy::new(rate)
            .with_compensation(Compensation::fixed(whole(40, Currency::EUR)?)?))
    }

    /// France, the legal interest rate (*taux de l'intérêt légal*, Code monétaire et financier L313-2
    /// and Code civil 1231-7): the rate of each half-year for `creditor`, from the built-in
    /// [`RateTable::fr_legal_rate`], actual/365, no fixed compensation. It applies by default to debts
    /// between a business and a consumer and to court awards; L313-3 adds 5 points two months after a
    /// judgment becomes enforceable (add them with [`PenaltyPolicy::with_rate`]).
    ///
    /// # Errors
    ///
    /// None in practice (the built-in table is checked by the crate's tests).
    ///
    /// ```
    /// use echeancier::{LegalRateCreditor, OverdueItem, PenaltyPolicy};
    /// use chrono::NaiveDate;
    ///
    /// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
    /// let item = OverdueItem::new("loan", d(5, 31), "3650.00 EUR".parse()?)?.paid_on(d(7, 10))?;
    /// let s = PenaltyPolicy::france_legal_rate(LegalRateCreditor::PersonalCreditor)?.compute_one(&item, d(7, 10))?;
    /// let rates: Vec<String> = s.items()[0].segments().iter().map(|x| x.rate().to_string()).collect();
    /// assert_eq!(rates, ["7.21%", "6.65%"]);
    /// // 3650 × 7.21 % × 30/365 + 3650 × 6.65 % × 10/365 = 21.63 + 6.65
    /// assert_eq!(s.total().to_string(), "28.28 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn france_legal_rate(creditor: LegalRateCreditor) -> Result<PenaltyPolicy> {
        let rate = PenaltyRate::reference(
            RateTable::fr_legal_rate(creditor)?,
            AnnualRate::ZERO,
            RateRevision::EachChange,
        )
        .set_by(LegalBasis::FranceLegalRate(creditor));
        Ok(PenaltyPolicy::new(rate))
    }

    /// The EU Late Payment Directive 2011/7/EU for a euro-area creditor: the ECB main refinancing rate
    /// in force on the first day of each half-year plus 8 points (art. 2(6) and (7)), and 40 EUR per
    /// late invoice (art. 6), actual/365. Member states may set more; outside the euro area, replace the
    /// rate and the compensation with the national reference rate and the equivalent amount.
    ///
    /// # Errors
    ///
    /// None in practice (the built-in table is checked by the crate's tests).
    ///
    /// ```
    /// use echeancier::PenaltyPolicy;
    ///
    /// let eu = PenaltyPolicy::eu_late_payment_directive()?;
    /// assert_eq!(eu.rate().points().to_string(), "8%");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn eu_late_payment_directive() -> Result<PenaltyPolicy> {
        let rate = PenaltyRate::reference(
            RateTable::ecb_main_refinancing()?,
            points(8)?,
            RateRevision::HalfYearly,
        )
        .set_by(LegalBasis::EuLatePaymentDirective);
        Ok(PenaltyPolicy::new(rate)
            .with_compensation(Compensation::fixed(whole(40, Currency::EUR)?)?))
    }

    /// Germany, between businesses (BGB §288(2) and (5)): the base rate (*Basiszinssatz*, BGB §247,
    /// published by the Deutsche Bundesbank and changed on 1 January and 1 July) plus 9 points, and a
    /// flat 40 EUR (*Verzugspauschale*) per late claim, actual/365.
    ///
    /// The caller supplies the base-rate table, which may hold negative rates (2013 to 2022).
    ///
    /// # Errors
    ///
    /// None today; the `Result` matches the other presets.
    ///
    /// ```
    /// use echeancier::{OverdueItem, PenaltyPolicy, RateTable};
    /// use chrono::NaiveDate;
    /// use rust_decimal::Decimal;
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    /// let base = RateTable::new(
    ///     [(d(2022, 7, 1), Decimal::new(-88, 2)), (d(2023, 1, 1), Decimal::new(162, 2))],
    ///     d(2023, 6, 30),
    /// )?;
    /// let item = OverdueItem::new("R-1", d(2022, 12, 1), "1000.00 EUR".parse()?)?;
    /// let s = PenaltyPolicy::germany_b2b(base)?.compute_one(&item, d(2023, 1, 31))?;
    /// let rates: Vec<String> = s.items()[0].segments().iter().map(|x| x.rate().to_string()).collect();
    /// assert_eq!(rates, ["8.12%", "10.62%"]);
    /// assert_eq!(s.compensation().to_string(), "40.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn germany_b2b(base_rate: RateTable) -> Result<PenaltyPolicy> {
        let rate = PenaltyRate::reference(base_rate, points(9)?, RateRevision::HalfYearly)
            .set_by(LegalBasis::GermanyB2b);
        Ok(PenaltyPolicy::new(rate)
            .with_compensation(Compensation::fixed(whole(40, Currency::EUR)?)?))
    }

    /// Germany, when the debtor is a consumer (BGB §288(1)): the base rate plus 5 points, no flat
    /// compensation (§288(5) applies only to debtors who are not consumers), actual/365.
    ///
    /// # Errors
    ///
    /// None today; the `Result` matches the other presets.
    ///
    /// ```
    /// use echeancier::{PenaltyPolicy, RateTable};
    /// use chrono::NaiveDate;
    /// use rust_decimal::Decimal;
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    /// let base = RateTable::new([(d(2025, 7, 1), Decimal::new(127, 2))], d(2025, 12, 31))?;
    /// let p = PenaltyPolicy::germany_consumer(base)?;
    /// assert_eq!(p.rate().points().to_string(), "5%");
    /// assert!(p.compensation().is_none());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn germany_consumer(base_rate: RateTable) -> Result<PenaltyPolicy> {
        let rate = PenaltyRate::reference(base_rate, points(5)?, RateRevision::HalfYearly)
            .set_by(LegalBasis::GermanyConsumer);
        Ok(PenaltyPolicy::new(rate))
    }

    /// United Kingdom, the Late Payment of Commercial Debts (Interest) Act 1998: statutory interest at
    /// the Bank of England base rate in force on the 30 June or 31 December immediately before the day
    /// interest starts to run, plus 8 points, fixed for the whole delay (Rate of Interest (No. 3)
    /// Order 2002), actual/365; and a fixed sum per debt (section 5A): 40 GBP below 1,000 GBP, 70 GBP
    /// below 10,000 GBP, 100 GBP from 10,000 GBP.
    ///
    /// The caller supplies the Bank of England table.
    ///
    /// # Errors
    ///
    /// None today; the `Result` matches the other presets.
    ///
    /// ```
    /// use echeancier::{Currency, OverdueItem, PenaltyPolicy, RateTable};
    /// use chrono::NaiveDate;
    /// use rust_decimal::Decimal;
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    /// let boe = RateTable::new(
    ///     [(d(2024, 11, 7), Decimal::new(475, 2)), (d(2025, 2, 6), Decimal::new(450, 2))],
    ///     d(2025, 12, 31),
    /// )?;
    /// let item = OverdueItem::new("INV-7", d(2025, 3, 31), "2500.00 GBP".parse()?)?;
    /// let s = PenaltyPolicy::uk_late_payment(boe)?.compute_one(&item, d(2025, 9, 30))?;
    /// // 4.75 % on 31 December 2024 + 8 = 12.75 %, for all 183 days
    /// assert_eq!(s.items()[0].segments()[0].rate().to_string(), "12.75%");
    /// assert_eq!(s.compensation().to_string(), "70.00 GBP");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn uk_late_payment(bank_rate: RateTable) -> Result<PenaltyPolicy> {
        let rate = PenaltyRate::reference(
            bank_rate,
            points(8)?,
            RateRevision::FixedAtPrecedingHalfYearEnd,
        )
        .set_by(LegalBasis::UkLatePayment);
        let gbp = |units| whole(units, Currency::GBP);
        let compensation = Compensation::banded([
            (Money::zero(Currency::GBP), gbp(40)?),
            (gbp(1_000)?, gbp(70)?),
            (gbp(10_000)?, gbp(100)?),
        ])?;
        Ok(PenaltyPolicy::new(rate).with_compensation(compensation))
    }
}
