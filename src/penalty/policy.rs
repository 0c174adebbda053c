//! What a late-payment penalty is made of: the rate, the fixed compensation, the cap, the rounding.

use chrono::{Datelike, Days, NaiveDate};
use rust_decimal::Decimal;

use crate::day_count::DayCount;
use crate::error::{Error, Result};
use crate::language::Language;
use crate::money::{Money, Rounding};
use crate::penalty::rate_table::LegalRateCreditor;
use crate::penalty::rate_table::RateTable;
use crate::rate::AnnualRate;

/// When a rate read from a reference table is read, and for which days it holds.
///
/// The late days of each item are split where the rate may change; each part takes the reference rate
/// in force on its *reading date*.
///
/// ```
/// use echeancier::RateRevision;
///
/// assert_eq!(RateRevision::default(), RateRevision::HalfYearly);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum RateRevision {
    /// Each half-year the delay crosses has its own rate: the reference rate in force on 1 January for
    /// the days from January to June, on 1 July for the days from July to December (French Code de
    /// commerce L441-10, German BGB §247, EU Directive 2011/7/EU art. 2(7)).
    #[default]
    HalfYearly,
    /// One rate for the whole delay: the reference rate in force on 1 January or 1 July of the
    /// half-year in which the delay starts (French public procurement, Code de la commande publique
    /// R2192-31).
    FixedAtHalfYearStart,
    /// One rate for the whole delay: the reference rate in force on the 31 December or 30 June
    /// immediately before the half-year in which the delay starts (UK Late Payment of Commercial Debts
    /// (Rate of Interest) (No. 3) Order 2002).
    FixedAtPrecedingHalfYearEnd,
    /// One rate for the whole delay: the reference rate in force on its first day.
    FixedAtFirstDay,
    /// Every change in the table takes effect on its date (for a table that already lists the rate to
    /// apply per period, such as the French legal interest rate).
    EachChange,
}

/// The annual rate of late-payment interest: fixed, or a reference table plus points.
///
/// ```
/// use echeancier::{PenaltyRate, RateRevision, RateTable};
///
/// let fixed = PenaltyRate::fixed("10%".parse()?);
/// assert_eq!(fixed.fixed_rate(), Some("10%".parse()?));
/// let ecb_plus_10 =
///     PenaltyRate::reference(RateTable::ecb_main_refinancing()?, "10%".parse()?, RateRevision::HalfYearly);
/// assert_eq!(ecb_plus_10.points().to_string(), "10%");
/// assert!(ecb_plus_10.table().is_some());
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct PenaltyRate {
    kind: RateKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "snake_case", deny_unknown_fields)
)]
enum RateKind {
    Fixed(AnnualRate),
    Reference {
        table: RateTable,
        points: AnnualRate,
        #[cfg_attr(feature = "serde", serde(default))]
        revision: RateRevision,
        #[cfg_attr(
            feature = "serde",
            serde(default, skip_serializing_if = "Option::is_none")
        )]
        basis: Option<LegalBasis>,
    },
}

/// The statute a preset's rate comes from: it names the reference rate and the law that sets the
/// points, in the agreement's penalty clause. Set by the presets of [`PenaltyPolicy`] and kept when
/// their table is brought up to date ([`PenaltyPolicy::with_rate_table`]).
///
/// ```
/// use echeancier::{LegalBasis, PenaltyPolicy, RateTable};
/// use chrono::NaiveDate;
/// use rust_decimal::Decimal;
///
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// let base_rate = RateTable::new([(d(2025, 7, 1), Decimal::new(127, 2))], d(2025, 12, 31))?;
/// let policy = PenaltyPolicy::germany_b2b(base_rate)?;
/// assert_eq!(policy.rate().legal_basis(), Some(LegalBasis::GermanyB2b));
/// assert_eq!(LegalBasis::GermanyB2b.statute(echeancier::Language::English), "§ 288 (2) BGB");
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum LegalBasis {
    /// France, between businesses: the ECB main refinancing rate plus 10 points (Code de commerce
    /// L441-10).
    FranceB2b,
    /// France: the legal interest rate of the given kind of creditor (Code monétaire et financier
    /// L313-2, Code civil 1231-7).
    FranceLegalRate(LegalRateCreditor),
    /// The EU Late Payment Directive: the ECB main refinancing rate plus 8 points (Directive
    /// 2011/7/EU, article 2).
    EuLatePaymentDirective,
    /// Germany, between businesses: the Bundesbank base rate plus 9 points (§ 288 (2) BGB).
    GermanyB2b,
    /// Germany, a consumer debtor: the Bundesbank base rate plus 5 points (§ 288 (1) BGB).
    GermanyConsumer,
    /// The United Kingdom, between businesses: the Bank of England base rate plus 8 points (Late
    /// Payment of Commercial Debts (Interest) Act 1998).
    UkLatePayment,
}

impl LegalBasis {
    /// The reference rate, in words, as the agreement's clause names it.
    ///
    /// ```
    /// use echeancier::{Language, LegalBasis};
    ///
    /// assert_eq!(
    ///     LegalBasis::UkLatePayment.reference_rate(Language::French),
    ///     "au taux de base de la Banque d’Angleterre (Bank Rate)"
    /// );
    /// ```
    pub fn reference_rate(self, lang: Language) -> &'static str {
        let fr = lang == Language::French;
        match self {
            LegalBasis::FranceB2b | LegalBasis::EuLatePaymentDirective if fr => {
                "au taux de refinancement principal de la Banque centrale européenne"
            }
            LegalBasis::FranceB2b | LegalBasis::EuLatePaymentDirective => {
                "the main refinancing rate of the European Central Bank"
            }
            LegalBasis::FranceLegalRate(LegalRateCreditor::PersonalCreditor) if fr => {
                "au taux de l’intérêt légal applicable aux créances des personnes physiques n’agissant pas pour des besoins professionnels"
            }
            LegalBasis::FranceLegalRate(LegalRateCreditor::PersonalCreditor) => {
                "the French legal interest rate (taux de l’intérêt légal) for a creditor who is a private person"
            }
            LegalBasis::FranceLegalRate(_) if fr => {
                "au taux de l’intérêt légal applicable aux autres cas"
            }
            LegalBasis::FranceLegalRate(_) => {
                "the French legal interest rate (taux de l’intérêt légal) for all other cases"
            }
            LegalBasis::GermanyB2b | LegalBasis::GermanyConsumer if fr => {
                "au taux de base de la Deutsche Bundesbank (Basiszinssatz, § 247 BGB)"
            }
            LegalBasis::GermanyB2b | LegalBasis::GermanyConsumer => {
                "the base rate of the Deutsche Bundesbank (Basiszinssatz, § 247 BGB)"
            }
            LegalBasis::UkLatePayment if fr => "au taux de base de la Banque d’Angleterre (Bank Rate)",
            LegalBasis::UkLatePayment => "the Bank of England base rate (Bank Rate)",
        }
    }

    /// The statute, as the agreement's clause cites it.
    ///
    /// ```
    /// use echeancier::{Language, LegalBasis};
    ///
    /// assert_eq!(LegalBasis::FranceB2b.statute(Language::French), "article L441-10 du Code de commerce");
    /// ```
    pub fn statute(self, lang: Language) -> &'static str {
        let fr = lang == Language::French;
        match self {
            LegalBasis::FranceB2b if fr => "article L441-10 du Code de commerce",
            LegalBasis::FranceB2b => "Code de commerce L441-10",
            LegalBasis::FranceLegalRate(_) if fr => {
                "articles L313-2 du Code monétaire et financier et 1231-7 du Code civil"
            }
            LegalBasis::FranceLegalRate(_) => {
                "Code monétaire et financier L313-2, Code civil 1231-7"
            }
            LegalBasis::EuLatePaymentDirective if fr => "directive 2011/7/UE, articles 2 et 3",
            LegalBasis::EuLatePaymentDirective => "Directive 2011/7/EU, articles 2 and 3",
            LegalBasis::GermanyB2b if fr => "§ 288, alinéa 2, BGB",
            LegalBasis::GermanyB2b => "§ 288 (2) BGB",
            LegalBasis::GermanyConsumer if fr => "§ 288, alinéa 1, BGB",
            LegalBasis::GermanyConsumer => "§ 288 (1) BGB",
            LegalBasis::UkLatePayment => "Late Payment of Commercial Debts (Interest) Act 1998",
        }
    }
}

/// One stretch of late days at one rate: the days after `after` through `through`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RatePeriod {
    pub(crate) after: NaiveDate,
    pub(crate) through: NaiveDate,
    pub(crate) rate: AnnualRate,
}

/// The stretches of [`PenaltyRate::periods`], in date order: one rate for the whole delay needs no
/// list.
#[derive(Debug)]
pub(crate) enum RatePeriods {
    One(Option<RatePeriod>),
    Many(std::vec::IntoIter<RatePeriod>),
}

impl Iterator for RatePeriods {
    type Item = RatePeriod;

    fn next(&mut self) -> Option<RatePeriod> {
        match self {
            RatePeriods::One(period) => period.take(),
            RatePeriods::Many(periods) => periods.next(),
        }
    }
}

impl PenaltyRate {
    /// The same rate for every day.
    ///
    /// ```
    /// use echeancier::PenaltyRate;
    ///
    /// assert!(PenaltyRate::fixed("8%".parse()?).table().is_none());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn fixed(rate: AnnualRate) -> PenaltyRate {
        PenaltyRate {
            kind: RateKind::Fixed(rate),
        }
    }

    /// The rate of `table` plus `points` percentage points, read as `revision` says.
    ///
    /// ```
    /// use echeancier::{PenaltyRate, RateRevision, RateTable};
    ///
    /// let r = PenaltyRate::reference(
    ///     RateTable::ecb_main_refinancing()?, "8%".parse()?, RateRevision::FixedAtHalfYearStart);
    /// assert_eq!(r.revision(), Some(RateRevision::FixedAtHalfYearStart));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn reference(table: RateTable, points: AnnualRate, revision: RateRevision) -> PenaltyRate {
        PenaltyRate {
            kind: RateKind::Reference {
                table,
                points,
                revision,
                basis: None,
            },
        }
    }

    /// This rate as the statute `basis` sets it (for the presets).
    pub(crate) fn set_by(mut self, legal: LegalBasis) -> PenaltyRate {
        if let RateKind::Reference { basis, .. } = &mut self.kind {
            *basis = Some(legal);
        }
        self
    }

    /// The statute the rate comes from, for a preset's rate: see [`LegalBasis`].
    ///
    /// ```
    /// use echeancier::{LegalBasis, PenaltyPolicy, PenaltyRate};
    ///
    /// assert_eq!(PenaltyPolicy::france_b2b()?.rate().legal_basis(), Some(LegalBasis::FranceB2b));
    /// assert_eq!(PenaltyRate::fixed("8%".parse()?).legal_basis(), None);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn legal_basis(&self) -> Option<LegalBasis> {
        match &self.kind {
            RateKind::Fixed(_) => None,
            RateKind::Reference { basis, .. } => *basis,
        }
    }

    /// The rate, if it is fixed.
    ///
    /// ```
    /// use echeancier::{PenaltyRate, RateRevision, RateTable};
    ///
    /// let r = PenaltyRate::reference(RateTable::ecb_main_refinancing()?, "8%".parse()?, RateRevision::HalfYearly);
    /// assert_eq!(r.fixed_rate(), None);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn fixed_rate(&self) -> Option<AnnualRate> {
        match &self.kind {
            RateKind::Fixed(rate) => Some(*rate),
            RateKind::Reference { .. } => None,
        }
    }

    /// The reference table, if the rate follows one.
    ///
    /// ```
    /// use echeancier::PenaltyRate;
    ///
    /// assert!(PenaltyRate::fixed("8%".parse()?).table().is_none());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn table(&self) -> Option<&RateTable> {
        match &self.kind {
            RateKind::Fixed(_) => None,
            RateKind::Reference { table, .. } => Some(table),
        }
    }

    /// The points added to the reference rate (zero for a fixed rate).
    ///
    /// ```
    /// use echeancier::{AnnualRate, PenaltyRate};
    ///
    /// assert_eq!(PenaltyRate::fixed("8%".parse()?).points(), AnnualRate::ZERO);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn points(&self) -> AnnualRate {
        match &self.kind {
            RateKind::Fixed(_) => AnnualRate::ZERO,
            RateKind::Reference { points, .. } => *points,
        }
    }

    /// How the reference rate is read, if the rate follows a table.
    ///
    /// ```
    /// use echeancier::PenaltyRate;
    ///
    /// assert_eq!(PenaltyRate::fixed("8%".parse()?).revision(), None);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn revision(&self) -> Option<RateRevision> {
        match &self.kind {
            RateKind::Fixed(_) => None,
            RateKind::Reference { revision, .. } => Some(*revision),
        }
    }

    /// Splits the late days after `start` through `end` (with `start < end`) into stretches of one
    /// rate, each at least `floor`.
    pub(crate) fn periods(
        &self,
        start: NaiveDate,
        end: NaiveDate,
        floor: Option<AnnualRate>,
    ) -> Result<RatePeriods> {
        let floored = |rate: AnnualRate| floor.map_or(rate, |f| rate.max(f));
        let (table, points, revision) = match &self.kind {
            RateKind::Fixed(rate) => {
                return Ok(RatePeriods::One(Some(RatePeriod {
                    after: start,
                    through: end,
                    rate: floored(*rate),
                })))
            }
            RateKind::Reference {
                table,
                points,
                revision,
                ..
            } => (table, *points, *revision),
        };
        let rate_read_on = |date: NaiveDate| -> Result<AnnualRate> {
            let Some(percent) = table.percent_on(date)?.checked_add(points.percent()) else {
                return Err(Error::Overflow {
                    operation: "adding points to a reference rate",
                });
            };
            AnnualRate::from_percent(percent).map(floored)
        };
        let first_day = next_day(start)?;
        let whole = |reading| -> Result<RatePeriods> {
            Ok(RatePeriods::One(Some(RatePeriod {
                after: start,
                through: end,
                rate: rate_read_on(reading)?,
            })))
        };
        match revision {
            RateRevision::FixedAtFirstDay => whole(first_day),
            RateRevision::FixedAtHalfYearStart => whole(half_year_start(first_day)),
            RateRevision::FixedAtPrecedingHalfYearEnd => {
                whole(previous_day(half_year_start(first_day))?)
            }
            RateRevision::HalfYearly => {
                let mut periods = Vec::new();
                let mut after = start;
                while after < end {
                    let half = half_year_start(next_day(after)?);
                    let through = previous_day(next_half_year_start(half)?)?.min(end);
                    periods.push(RatePeriod {
                        after,
                        through,
                        rate: rate_read_on(half)?,
                    });
                    after = through;
                }
                Ok(RatePeriods::Many(periods.into_iter()))
            }
            RateRevision::EachChange => {
                // Every day takes the rate in force that day, so the table must be known to hold
                // through the last one: a later change could not be seen.
                table.percent_on(end)?;
                let mut periods = Vec::new();
                let mut after = start;
                let changes = table.changes_within(first_day, end).map(previous_day);
                for through in changes.chain([Ok(end)]) {
                    let through = through?;
                    periods.push(RatePeriod {
                        after,
                        through,
                        rate: rate_read_on(next_day(after)?)?,
                    });
                    after = through;
                }
                Ok(RatePeriods::Many(periods.into_iter()))
            }
        }
    }
}

fn next_day(date: NaiveDate) -> Result<NaiveDate> {
    date.checked_add_days(Days::new(1))
        .ok_or_else(|| Error::DateOutOfRange {
            what: format!("the day after {date}"),
        })
}

fn previous_day(date: NaiveDate) -> Result<NaiveDate> {
    date.checked_sub_days(Days::new(1))
        .ok_or_else(|| Error::DateOutOfRange {
            what: format!("the day before {date}"),
        })
}

/// 1 January or 1 July of `date`'s half-year.
fn half_year_start(date: NaiveDate) -> NaiveDate {
    let month = if date.month() <= 6 { 1 } else { 7 };
    // The first of a month of a valid date's year always exists.
    date.with_day(1)
        .and_then(|d| d.with_month(month))
        .unwrap_or(date)
}

fn next_half_year_start(half: NaiveDate) -> Result<NaiveDate> {
    let next = if half.month() <= 6 {
        NaiveDate::from_ymd_opt(half.year(), 7, 1)
    } else {
        half.year()
            .checked_add(1)
            .and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1))
    };
    next.ok_or_else(|| Error::DateOutOfRange {
        what: format!("the half-year after {half}"),
    })
}

/// Whether the fixed compensation is due once per late claim or once per late item.
///
/// ```
/// use echeancier::CompensationBasis;
///
/// assert_eq!(CompensationBasis::default(), CompensationBasis::PerClaim);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum CompensationBasis {
    /// Once per late claim (invoice): late items that belong to one claim
    /// ([`OverdueItem::of_claim`](crate::OverdueItem::of_claim)) share one compensation, banded on
    /// their total.
    #[default]
    PerClaim,
    /// Once per late item (each late instalment of a plan).
    PerItem,
}

/// A fixed amount due for each late claim or instalment (*indemnité forfaitaire pour frais de
/// recouvrement*), possibly banded by the amount that is late.
///
/// ```
/// use echeancier::{Compensation, Money};
///
/// let uk = Compensation::banded([
///     ("0.00 GBP".parse()?, "40.00 GBP".parse()?),
///     ("1000.00 GBP".parse()?, "70.00 GBP".parse()?),
///     ("10000.00 GBP".parse()?, "100.00 GBP".parse()?),
/// ])?;
/// assert_eq!(uk.amount_for("999.99 GBP".parse()?)?.unwrap().to_string(), "40.00 GBP");
/// assert_eq!(uk.amount_for("1000.00 GBP".parse()?)?.unwrap().to_string(), "70.00 GBP");
/// assert_eq!(uk.amount_for("10000.00 GBP".parse()?)?.unwrap().to_string(), "100.00 GBP");
/// assert!(Compensation::none().amount_for("10.00 EUR".parse()?)?.is_none());
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "CompensationRepr", into = "CompensationRepr")
)]
pub struct Compensation {
    basis: CompensationBasis,
    /// `(from, amount)`: the first from is zero, the froms strictly increase, one currency throughout.
    /// Empty for no compensation.
    bands: Vec<(Money, Money)>,
}

impl Compensation {
    /// No fixed compensation (consumers in France, contractual penalties without one).
    ///
    /// ```
    /// use echeancier::Compensation;
    ///
    /// assert!(Compensation::none().is_none());
    /// ```
    pub fn none() -> Compensation {
        Compensation::default()
    }

    /// The same `amount` whatever the late amount (40 EUR in France, Germany and the EU Directive).
    ///
    /// # Errors
    ///
    /// [`Error::NotPositive`] for a zero or negative amount.
    ///
    /// ```
    /// use echeancier::Compensation;
    ///
    /// let c = Compensation::fixed("40.00 EUR".parse()?)?;
    /// assert_eq!(c.amount_for("1.00 EUR".parse()?)?.unwrap().to_string(), "40.00 EUR");
    /// assert!(Compensation::fixed("0.00 EUR".parse()?).is_err());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn fixed(amount: Money) -> Result<Compensation> {
        Compensation::banded([(Money::zero(amount.currency()), amount)])
    }

    /// An amount that depends on the late amount: `(from, amount)` bands, the first from zero, each
    /// applying from its `from` (included) up to the next one (excluded).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidCompensationBands`] if there is no band, the first does not start at zero, the
    /// starts do not strictly increase, or the currencies differ; [`Error::NotPositive`] for a zero or
    /// negative amount.
    ///
    /// ```
    /// use echeancier::Compensation;
    ///
    /// let bad = Compensation::banded([("100.00 EUR".parse()?, "40.00 EUR".parse()?)]);
    /// assert_eq!(
    ///     bad.unwrap_err().to_string(),
    ///     "invalid compensation bands: the first band must start at zero, not 100.00 EUR"
    /// );
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn banded(bands: impl IntoIterator<Item = (Money, Money)>) -> Result<Compensation> {
        let bands: Vec<(Money, Money)> = bands.into_iter().collect();
        let invalid = |reason: String| Err(Error::InvalidCompensationBands { reason });
        let Some((first, _)) = bands.first() else {
            return invalid("at least one band is needed".to_owned());
        };
        if !first.is_zero() {
            return invalid(format!("the first band must start at zero, not {first}"));
        }
        for (from, amount) in &bands {
            if from.currency() != first.currency() || amount.currency() != first.currency() {
                return invalid(format!(
                    "band from {from} paying {amount} is not in {}",
                    first.currency()
                ));
            }
            amount.require_positive("compensation amount")?;
        }
        for pair in bands.windows(2) {
            if let [(a, _), (b, _)] = pair {
                if b.amount() <= a.amount() {
                    return invalid(format!("band from {b} must start above {a}"));
                }
            }
        }
        Ok(Compensation {
            basis: CompensationBasis::default(),
            bands,
        })
    }

    /// Sets whether the compensation is due per claim or per item.
    ///
    /// ```
    /// use echeancier::{Compensation, CompensationBasis};
    ///
    /// let c = Compensation::fixed("40.00 EUR".parse()?)?.with_basis(CompensationBasis::PerItem);
    /// assert_eq!(c.basis(), CompensationBasis::PerItem);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn with_basis(mut self, basis: CompensationBasis) -> Compensation {
        self.basis = basis;
        self
    }

    /// Per claim or per item.
    ///
    /// ```
    /// use echeancier::{Compensation, CompensationBasis};
    ///
    /// assert_eq!(Compensation::none().basis(), CompensationBasis::PerClaim);
    /// ```
    pub fn basis(&self) -> CompensationBasis {
        self.basis
    }

    /// The `(from, amount)` bands; empty for no compensation.
    ///
    /// ```
    /// use echeancier::Compensation;
    ///
    /// let c = Compensation::fixed("40.00 EUR".parse()?)?;
    /// assert_eq!(c.bands().count(), 1);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn bands(&self) -> impl Iterator<Item = (Money, Money)> + '_ {
        self.bands.iter().copied()
    }

    /// True when no compensation is due.
    ///
    /// ```
    /// use echeancier::Compensation;
    ///
    /// assert!(!Compensation::fixed("40.00 EUR".parse()?)?.is_none());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn is_none(&self) -> bool {
        self.bands.is_empty()
    }

    /// The compensation due for a late amount of `late`, if any.
    ///
    /// # Errors
    ///
    /// [`Error::CurrencyMismatch`] if `late` is not in the bands' currency.
    ///
    /// ```
    /// use echeancier::Compensation;
    ///
    /// let c = Compensation::fixed("40.00 EUR".parse()?)?;
    /// assert!(c.amount_for("10.00 USD".parse()?).is_err());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn amount_for(&self, late: Money) -> Result<Option<Money>> {
        let mut due = None;
        for (from, amount) in &self.bands {
            from.same_currency(late)?;
            if late.amount() >= from.amount() {
                due = Some(*amount);
            }
        }
        Ok(due)
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct CompensationRepr {
    #[serde(default)]
    basis: CompensationBasis,
    #[serde(default)]
    bands: Vec<BandRepr>,
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct BandRepr {
    from: Money,
    amount: Money,
}

#[cfg(feature = "serde")]
impl TryFrom<CompensationRepr> for Compensation {
    type Error = Error;

    fn try_from(r: CompensationRepr) -> Result<Compensation> {
        if r.bands.is_empty() {
            return Ok(Compensation::none().with_basis(r.basis));
        }
        Ok(
            Compensation::banded(r.bands.into_iter().map(|b| (b.from, b.amount)))?
                .with_basis(r.basis),
        )
    }
}

#[cfg(feature = "serde")]
impl From<Compensation> for CompensationRepr {
    fn from(c: Compensation) -> CompensationRepr {
        CompensationRepr {
            basis: c.basis,
            bands: c
                .bands
                .into_iter()
                .map(|(from, amount)| BandRepr { from, amount })
                .collect(),
        }
    }
}

/// An upper limit on the interest of each item: an amount, or a percentage of the item's amount.
///
/// ```
/// use echeancier::Cap;
/// use rust_decimal::Decimal;
///
/// let cap = Cap::percent_of_base(Decimal::from(10))?;
/// assert_eq!(cap.limit_for("1234.56 EUR".parse()?)?.to_string(), "123.45 EUR");
/// let cap = Cap::amount("50.00 EUR".parse()?)?;
/// assert_eq!(cap.limit_for("1234.56 EUR".parse()?)?.to_string(), "50.00 EUR");
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "CapRepr", into = "CapRepr"))]
pub struct Cap {
    kind: CapKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum CapKind {
    Amount(Money),
    PercentOfBase(Decimal),
}

impl Cap {
    /// At most `amount` of interest per item.
    ///
    /// # Errors
    ///
    /// [`Error::Negative`] for a negative amount.
    ///
    /// ```
    /// use echeancier::Cap;
    ///
    /// assert!(Cap::amount("-1.00 EUR".parse()?).is_err());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn amount(amount: Money) -> Result<Cap> {
        if amount.is_negative() {
            return Err(Error::Negative {
                what: "interest cap",
                amount,
            });
        }
        Ok(Cap {
            kind: CapKind::Amount(amount),
        })
    }

    /// At most `percent` % of the item's amount, rounded down to the minor unit so the limit is never
    /// exceeded.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidPercent`] outside 0 to 1,000.
    ///
    /// ```
    /// use echeancier::Cap;
    /// use rust_decimal::Decimal;
    ///
    /// assert!(Cap::percent_of_base(Decimal::from(-5)).is_err());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn percent_of_base(percent: Decimal) -> Result<Cap> {
        if percent.is_sign_negative() || percent > Decimal::from(1000) {
            return Err(Error::InvalidPercent {
                what: "interest cap",
                percent,
                range: "between 0 and 1000",
            });
        }
        Ok(Cap {
            kind: CapKind::PercentOfBase(percent.normalize()),
        })
    }

    /// The most interest an item of amount `base` may carry.
    ///
    /// # Errors
    ///
    /// [`Error::CurrencyMismatch`] for an amount cap in another currency; [`Error::Overflow`].
    ///
    /// ```
    /// use echeancier::Cap;
    ///
    /// let cap = Cap::amount("50.00 EUR".parse()?)?;
    /// assert!(cap.limit_for("10.00 GBP".parse()?).is_err());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn limit_for(&self, base: Money) -> Result<Money> {
        match self.kind {
            CapKind::Amount(amount) => {
                amount.same_currency(base)?;
                Ok(amount)
            }
            CapKind::PercentOfBase(percent) => {
                let Some(limit) = base
                    .amount()
                    .checked_mul(percent)
                    .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
                else {
                    return Err(Error::Overflow {
                        operation: "computing an interest cap",
                    });
                };
                Money::round(limit, base.currency(), Rounding::Down)
            }
        }
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
enum CapRepr {
    Amount(Money),
    PercentOfBase(#[serde(with = "rust_decimal::serde::str")] Decimal),
}

#[cfg(feature = "serde")]
impl TryFrom<CapRepr> for Cap {
    type Error = Error;

    fn try_from(r: CapRepr) -> Result<Cap> {
        match r {
            CapRepr::Amount(amount) => Cap::amount(amount),
            CapRepr::PercentOfBase(percent) => Cap::percent_of_base(percent),
        }
    }
}

#[cfg(feature = "serde")]
impl From<Cap> for CapRepr {
    fn from(c: Cap) -> CapRepr {
        match c.kind {
            CapKind::Amount(amount) => CapRepr::Amount(amount),
            CapKind::PercentOfBase(percent) => CapRepr::PercentOfBase(percent),
        }
    }
}

/// How late-payment penalties are computed: rate, grace days, day count, fixed compensation, cap,
/// minimum rate and rounding. A by-value builder; the presets
/// ([`PenaltyPolicy::france_b2b`] and others) fill it in as the law says.
///
/// **Rounding.** Interest is computed exactly for each segment (a stretch of days with one base and one
/// rate) and each segment is rounded once to the minor unit with the policy's [`Rounding`] (half-up to
/// the cent by default). An item's interest is the sum of its rounded segments, so every line of a
/// breakdown adds up to the totals shown; a cap then applies to the item's sum.
///
/// ```
/// use echeancier::{Cap, Compensation, DayCount, PenaltyPolicy, PenaltyRate, Rounding};
/// use rust_decimal::Decimal;
///
/// let policy = PenaltyPolicy::new(PenaltyRate::fixed("12%".parse()?))
///     .with_grace_days(5)
///     .with_day_count(DayCount::Actual360)
///     .with_compensation(Compensation::fixed("40.00 EUR".parse()?)?)
///     .with_cap(Cap::percent_of_base(Decimal::from(10))?)
///     .with_rounding(Rounding::HalfEven);
/// assert_eq!(policy.grace_days(), 5);
/// assert_eq!(policy.day_count(), DayCount::Actual360);
/// assert!(policy.cap().is_some());
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct PenaltyPolicy {
    rate: PenaltyRate,
    #[cfg_attr(feature = "serde", serde(default))]
    grace_days: u32,
    #[cfg_attr(feature = "serde", serde(default))]
    day_count: DayCount,
    #[cfg_attr(feature = "serde", serde(default))]
    compensation: Compensation,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    cap: Option<Cap>,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    minimum_rate: Option<AnnualRate>,
    #[cfg_attr(feature = "serde", serde(default))]
    rounding: Rounding,
}

impl PenaltyPolicy {
    /// Interest at `rate`, actual/365, no grace days, no compensation, no cap, no minimum, half-up.
    ///
    /// ```
    /// use echeancier::{DayCount, PenaltyPolicy, PenaltyRate, Rounding};
    ///
    /// let p = PenaltyPolicy::new(PenaltyRate::fixed("10%".parse()?));
    /// assert_eq!((p.day_count(), p.rounding()), (DayCount::Actual365, Rounding::HalfUp));
    /// assert!(p.compensation().is_none() && p.cap().is_none() && p.minimum_rate().is_none());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn new(rate: PenaltyRate) -> PenaltyPolicy {
        PenaltyPolicy {
            rate,
            grace_days: 0,
            day_count: DayCount::default(),
            compensation: Compensation::none(),
            cap: None,
            minimum_rate: None,
            rounding: Rounding::default(),
        }
    }

    /// Replaces the rate.
    ///
    /// ```
    /// use echeancier::{PenaltyPolicy, PenaltyRate};
    ///
    /// let p = PenaltyPolicy::france_b2b()?.with_rate(PenaltyRate::fixed("15%".parse()?));
    /// assert_eq!(p.rate().fixed_rate(), Some("15%".parse()?));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn with_rate(mut self, rate: PenaltyRate) -> PenaltyPolicy {
        self.rate = rate;
        self
    }

    /// The same policy with its reference rates read from `table`: the way to bring a preset up to
    /// date with the rates published since its table was compiled (see
    /// [`RateTable::extended_with`]). The points, the revision rule and the legal basis stay.
    ///
    /// # Errors
    ///
    /// [`Error::Unsupported`] when the rate is fixed: it follows no table.
    ///
    /// ```
    /// use echeancier::{LegalBasis, LegalRateCreditor, PenaltyPolicy, RateTable};
    /// use chrono::NaiveDate;
    /// use rust_decimal::Decimal;
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    /// let creditor = LegalRateCreditor::OtherCases;
    /// // The half-year after the built-in rows, read as published (made-up figures).
    /// let newer = RateTable::from_fr_legal_rate_publication("2026S2;6,45;2,51", creditor)?;
    /// let table = RateTable::fr_legal_rate(creditor)?.extended_with(&newer)?;
    /// let policy = PenaltyPolicy::france_legal_rate(creditor)?.with_rate_table(table)?;
    /// assert_eq!(policy.rate().table().unwrap().percent_on(d(2026, 9, 1))?, Decimal::new(251, 2));
    /// assert_eq!(policy.rate().legal_basis(), Some(LegalBasis::FranceLegalRate(creditor)));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn with_rate_table(mut self, new_table: RateTable) -> Result<PenaltyPolicy> {
        match &mut self.rate.kind {
            RateKind::Reference { table, .. } => {
                *table = new_table;
                Ok(self)
            }
            RateKind::Fixed(_) => Err(Error::Unsupported {
                reason: "a policy at a fixed rate follows no rate table; give it a reference rate (PenaltyRate::reference) to follow one",
            }),
        }
    }

    /// Interest starts `days` days later than the day after the due date.
    ///
    /// ```
    /// use echeancier::{PenaltyPolicy, PenaltyRate};
    ///
    /// assert_eq!(PenaltyPolicy::new(PenaltyRate::fixed("5%".parse()?)).with_grace_days(10).grace_days(), 10);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn with_grace_days(mut self, days: u32) -> PenaltyPolicy {
        self.grace_days = days;
        self
    }

    /// Sets the day-count convention.
    ///
    /// ```
    /// use echeancier::{DayCount, PenaltyPolicy, PenaltyRate};
    ///
    /// let p = PenaltyPolicy::new(PenaltyRate::fixed("5%".parse()?)).with_day_count(DayCount::Thirty360);
    /// assert_eq!(p.day_count(), DayCount::Thirty360);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn with_day_count(mut self, day_count: DayCount) -> PenaltyPolicy {
        self.day_count = day_count;
        self
    }

    /// Sets the fixed compensation.
    ///
    /// ```
    /// use echeancier::{Compensation, PenaltyPolicy};
    ///
    /// let consumer = PenaltyPolicy::france_b2b()?.with_compensation(Compensation::none());
    /// assert!(consumer.compensation().is_none());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn with_compensation(mut self, compensation: Compensation) -> PenaltyPolicy {
        self.compensation = compensation;
        self
    }

    /// Caps the interest of each item.
    ///
    /// ```
    /// use echeancier::{Cap, PenaltyPolicy, PenaltyRate};
    ///
    /// let p = PenaltyPolicy::new(PenaltyRate::fixed("5%".parse()?)).with_cap(Cap::amount("100.00 EUR".parse()?)?);
    /// assert_eq!(p.cap(), Some(Cap::amount("100.00 EUR".parse()?)?));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn with_cap(mut self, cap: Cap) -> PenaltyPolicy {
        self.cap = Some(cap);
        self
    }

    /// Removes the cap.
    ///
    /// ```
    /// use echeancier::{Cap, PenaltyPolicy, PenaltyRate};
    ///
    /// let p = PenaltyPolicy::new(PenaltyRate::fixed("5%".parse()?))
    ///     .with_cap(Cap::amount("100.00 EUR".parse()?)?)
    ///     .without_cap();
    /// assert!(p.cap().is_none());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn without_cap(mut self) -> PenaltyPolicy {
        self.cap = None;
        self
    }

    /// No day is charged below `rate`, whatever the reference rate.
    ///
    /// ```
    /// use echeancier::{PenaltyPolicy, PenaltyRate};
    ///
    /// let p = PenaltyPolicy::new(PenaltyRate::fixed("2%".parse()?)).with_minimum_rate("3%".parse()?);
    /// assert_eq!(p.minimum_rate(), Some("3%".parse()?));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn with_minimum_rate(mut self, rate: AnnualRate) -> PenaltyPolicy {
        self.minimum_rate = Some(rate);
        self
    }

    /// Sets how each segment's interest is rounded to the minor unit.
    ///
    /// ```
    /// use echeancier::{PenaltyPolicy, PenaltyRate, Rounding};
    ///
    /// let p = PenaltyPolicy::new(PenaltyRate::fixed("2%".parse()?)).with_rounding(Rounding::Down);
    /// assert_eq!(p.rounding(), Rounding::Down);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn with_rounding(mut self, rounding: Rounding) -> PenaltyPolicy {
        self.rounding = rounding;
        self
    }

    /// The rate.
    ///
    /// ```
    /// use echeancier::PenaltyPolicy;
    ///
    /// assert_eq!(PenaltyPolicy::france_b2b()?.rate().points().to_string(), "10%");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn rate(&self) -> &PenaltyRate {
        &self.rate
    }

    /// The grace days.
    ///
    /// ```
    /// use echeancier::PenaltyPolicy;
    ///
    /// assert_eq!(PenaltyPolicy::france_b2b()?.grace_days(), 0);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn grace_days(&self) -> u32 {
        self.grace_days
    }

    /// The day-count convention.
    ///
    /// ```
    /// use echeancier::{DayCount, PenaltyPolicy};
    ///
    /// assert_eq!(PenaltyPolicy::france_b2b()?.day_count(), DayCount::Actual365);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn day_count(&self) -> DayCount {
        self.day_count
    }

    /// The fixed compensation.
    ///
    /// ```
    /// use echeancier::PenaltyPolicy;
    ///
    /// assert!(!PenaltyPolicy::france_b2b()?.compensation().is_none());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn compensation(&self) -> &Compensation {
        &self.compensation
    }

    /// The cap, if any.
    ///
    /// ```
    /// use echeancier::PenaltyPolicy;
    ///
    /// assert!(PenaltyPolicy::france_b2b()?.cap().is_none());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn cap(&self) -> Option<Cap> {
        self.cap
    }

    /// The minimum rate, if any.
    ///
    /// ```
    /// use echeancier::PenaltyPolicy;
    ///
    /// assert!(PenaltyPolicy::france_b2b()?.minimum_rate().is_none());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn minimum_rate(&self) -> Option<AnnualRate> {
        self.minimum_rate
    }

    /// The rounding of each segment's interest.
    ///
    /// ```
    /// use echeancier::{PenaltyPolicy, Rounding};
    ///
    /// assert_eq!(PenaltyPolicy::france_b2b()?.rounding(), Rounding::HalfUp);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn rounding(&self) -> Rounding {
        self.rounding
    }
}
