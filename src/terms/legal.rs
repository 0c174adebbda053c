//! Legal maximums on payment terms and the French floor on late-payment rates, as data: each
//! check names its rule and its source, and flags; it never changes the terms.

use core::fmt;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::language::{self, Language};
use crate::penalty::{LegalRateCreditor, PenaltyPolicy, RateRevision, RateTable};
use crate::terms::due::DueRule;
use crate::terms::invoice::InvoicePlan;

/// A statutory maximum payment period, counted from the invoice date.
///
/// | limit | maximum | source |
/// |---|---|---|
/// | [`PaymentLimit::FranceL441_10`] | 60 days after the invoice date | Code de commerce, art. L441-10 I, first sentence |
/// | [`PaymentLimit::FranceL441_10EndOfMonth`] | 45 days end of month, if expressly agreed, in either reading of [`DueRule`] | Code de commerce, art. L441-10 I, second sentence |
/// | [`PaymentLimit::EuBusinesses`] | 60 days, unless expressly agreed and not grossly unfair | Directive 2011/7/EU, art. 3(5) |
/// | [`PaymentLimit::EuPublicAuthorities`] | 30 days (60 at most where expressly agreed and justified) | Directive 2011/7/EU, art. 4(3) and 4(6) |
///
/// The Directive counts from the receipt of the invoice; the invoice date is used here, which is
/// the earliest a receipt can be, so a flag is never missed.
///
/// ```
/// use echeancier::PaymentLimit;
/// use chrono::NaiveDate;
///
/// let issued = NaiveDate::from_ymd_opt(2027, 1, 15).ok_or("bad date")?;
/// assert_eq!(PaymentLimit::FranceL441_10.limit_date(issued)?.to_string(), "2027-03-16");
/// assert_eq!(PaymentLimit::EuPublicAuthorities.limit_date(issued)?.to_string(), "2027-02-14");
/// assert!(PaymentLimit::FranceL441_10.source().contains("L441-10"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum PaymentLimit {
    /// France, between businesses: 60 days from the invoice date.
    #[cfg_attr(feature = "serde", serde(rename = "france_l441_10"))]
    FranceL441_10,
    /// France, between businesses, where the contract expressly says so: 45 days end of month,
    /// read as the given rule ([`DueRule::EndOfMonthAfterDays`]`(45)` or
    /// [`DueRule::DaysAfterEndOfMonth`]`(45)`).
    #[cfg_attr(feature = "serde", serde(rename = "france_l441_10_end_of_month"))]
    FranceL441_10EndOfMonth(DueRule),
    /// The EU Late Payment Directive between businesses: 60 days.
    EuBusinesses,
    /// The EU Late Payment Directive where a public authority pays: 30 days.
    EuPublicAuthorities,
}

impl PaymentLimit {
    /// The limit as a due rule.
    ///
    /// # Errors
    ///
    /// [`Error::Unsupported`] for a French end-of-month limit given another rule than 45 days end of
    /// month in one of its two readings.
    pub fn rule(&self) -> Result<DueRule> {
        match *self {
            PaymentLimit::FranceL441_10 | PaymentLimit::EuBusinesses => {
                Ok(DueRule::DaysAfterInvoice(60))
            }
            PaymentLimit::EuPublicAuthorities => Ok(DueRule::DaysAfterInvoice(30)),
            PaymentLimit::FranceL441_10EndOfMonth(
                rule @ (DueRule::EndOfMonthAfterDays(45) | DueRule::DaysAfterEndOfMonth(45)),
            ) => Ok(rule),
            PaymentLimit::FranceL441_10EndOfMonth(_) => Err(Error::Unsupported {
                reason: "the French end-of-month limit is 45 days end of month, in one of its two readings",
            }),
        }
    }

    /// The last lawful due date for an invoice of `invoice_date`.
    ///
    /// # Errors
    ///
    /// The errors of [`PaymentLimit::rule`] and [`DueRule::due_date`].
    pub fn limit_date(&self, invoice_date: NaiveDate) -> Result<NaiveDate> {
        self.rule()?.due_date(invoice_date)
    }

    /// The rule's legal source.
    pub fn source(&self) -> &'static str {
        match self {
            PaymentLimit::FranceL441_10 => {
                "Code de commerce, art. L441-10 I (60 days from the invoice date)"
            }
            PaymentLimit::FranceL441_10EndOfMonth(_) => {
                "Code de commerce, art. L441-10 I (45 days end of month, if expressly agreed)"
            }
            PaymentLimit::EuBusinesses => {
                "Directive 2011/7/EU, art. 3(5) (60 days between businesses)"
            }
            PaymentLimit::EuPublicAuthorities => {
                "Directive 2011/7/EU, art. 4(3) (30 days where a public authority pays)"
            }
        }
    }

    /// The rule in words, in `language`.
    pub fn describe(&self, language: Language) -> String {
        let fr = language == Language::French;
        match (self, fr) {
            (PaymentLimit::FranceL441_10, false) => {
                "at most 60 days after the invoice date (French Code de commerce, L441-10)".to_owned()
            }
            (PaymentLimit::FranceL441_10, true) => {
                "au plus 60 jours après la date d'émission de la facture (Code de commerce, L441-10)"
                    .to_owned()
            }
            (PaymentLimit::FranceL441_10EndOfMonth(rule), false) => format!(
                "at most {} as expressly agreed (French Code de commerce, L441-10)",
                rule.describe(language)
            ),
            (PaymentLimit::FranceL441_10EndOfMonth(rule), true) => format!(
                "délai maximal {} si le contrat le stipule expressément (Code de commerce, L441-10)",
                rule.describe(language)
            ),
            (PaymentLimit::EuBusinesses, false) => {
                "at most 60 days between businesses unless expressly agreed and not grossly unfair (Directive 2011/7/EU, art. 3)".to_owned()
            }
            (PaymentLimit::EuBusinesses, true) => {
                "au plus 60 jours entre entreprises, sauf stipulation expresse non manifestement abusive (directive 2011/7/UE, art. 3)".to_owned()
            }
            (PaymentLimit::EuPublicAuthorities, false) => {
                "at most 30 days where a public authority pays (Directive 2011/7/EU, art. 4)".to_owned()
            }
            (PaymentLimit::EuPublicAuthorities, true) => {
                "au plus 30 jours pour un pouvoir adjudicateur (directive 2011/7/UE, art. 4)".to_owned()
            }
        }
    }
}

/// `france_l441_10`, `eu_businesses`, ….
impl fmt::Display for PaymentLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PaymentLimit::FranceL441_10 => "france_l441_10",
            PaymentLimit::FranceL441_10EndOfMonth(_) => "france_l441_10_end_of_month",
            PaymentLimit::EuBusinesses => "eu_businesses",
            PaymentLimit::EuPublicAuthorities => "eu_public_authorities",
        })
    }
}

/// One line of an invoice against a legal limit.
///
/// See [`LegalCheck`] for an example.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct LimitFinding {
    line: u32,
    due_date: NaiveDate,
    limit_date: NaiveDate,
    days_over: u32,
}

impl LimitFinding {
    /// The line's number.
    pub fn line(&self) -> u32 {
        self.line
    }

    /// Its due date.
    pub fn due_date(&self) -> NaiveDate {
        self.due_date
    }

    /// The last lawful due date.
    pub fn limit_date(&self) -> NaiveDate {
        self.limit_date
    }

    /// How many days the due date is past the limit (0 when within it).
    pub fn days_over(&self) -> u32 {
        self.days_over
    }

    /// True when the due date is past the limit.
    pub fn exceeds(&self) -> bool {
        self.days_over > 0
    }
}

/// The lines of an invoice plan checked against a [`PaymentLimit`]: a finding per line, flagged
/// when its due date is past the limit. The terms are not changed.
///
/// ```
/// use echeancier::{DueRule, Invoice, Language, PaymentLimit, PaymentTerms, TaxedAmount};
/// use chrono::NaiveDate;
///
/// let issued = NaiveDate::from_ymd_opt(2027, 1, 15).ok_or("bad date")?;
/// let invoice = Invoice::new("F-9", issued, TaxedAmount::untaxed("900.00 EUR".parse()?)?)?;
/// let plan = PaymentTerms::net(DueRule::DaysAfterInvoice(75))?.apply(&invoice)?;
/// let check = plan.check(PaymentLimit::FranceL441_10)?;
/// assert!(check.exceeds());
/// assert_eq!(check.findings()[0].days_over(), 15);
/// assert_eq!(check.explain(Language::English),
///     "line 1 falls due on 31 March 2027, 15 days past the limit of 16 March 2027: at most 60 days after the invoice date (French Code de commerce, L441-10)\n");
/// // Within the 45 days end of month a contract may agree on, read as 45 days then the end of the month.
/// let eom = plan.check(PaymentLimit::FranceL441_10EndOfMonth(DueRule::EndOfMonthAfterDays(45)))?;
/// assert!(!eom.exceeds());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct LegalCheck {
    limit: PaymentLimit,
    source: String,
    findings: Vec<LimitFinding>,
}

impl LegalCheck {
    /// The limit checked.
    pub fn limit(&self) -> PaymentLimit {
        self.limit
    }

    /// Its legal source.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// One finding per line, in the order of the terms.
    pub fn findings(&self) -> &[LimitFinding] {
        &self.findings
    }

    /// True when any line is past the limit.
    pub fn exceeds(&self) -> bool {
        self.findings.iter().any(LimitFinding::exceeds)
    }

    /// The flagged lines in words, in `language` (one sentence per line past the limit), or that
    /// every line is within it.
    pub fn explain(&self, language: Language) -> String {
        let rule = self.limit.describe(language);
        let fr = language == Language::French;
        let mut text = String::new();
        for f in self.findings.iter().filter(|f| f.exceeds()) {
            let due = language::date(f.due_date, language);
            let limit = language::date(f.limit_date, language);
            let days = f.days_over;
            text.push_str(&if fr {
                format!(
                    "l'échéance {} du {due} dépasse de {days}\u{a0}jour{} la limite du {limit}\u{a0}: {rule}\n",
                    f.line,
                    if days > 1 { "s" } else { "" }
                )
            } else {
                format!(
                    "line {} falls due on {due}, {days} day{} past the limit of {limit}: {rule}\n",
                    f.line,
                    if days > 1 { "s" } else { "" }
                )
            });
        }
        if text.is_empty() {
            text = if fr {
                format!("toutes les échéances respectent la limite\u{a0}: {rule}\n")
            } else {
                format!("every line is within the limit: {rule}\n")
            };
        }
        text
    }
}

impl InvoicePlan {
    /// Every line checked against `limit`.
    ///
    /// # Errors
    ///
    /// The errors of [`PaymentLimit::limit_date`].
    ///
    /// See [`LegalCheck`] for an example.
    pub fn check(&self, limit: PaymentLimit) -> Result<LegalCheck> {
        let limit_date = limit.limit_date(self.invoice().date())?;
        let findings = self
            .lines()
            .iter()
            .map(|l| {
                let over = l.due_date().signed_duration_since(limit_date).num_days();
                LimitFinding {
                    line: l.number(),
                    due_date: l.due_date(),
                    limit_date,
                    days_over: u32::try_from(over.max(0)).unwrap_or(u32::MAX),
                }
            })
            .collect();
        Ok(LegalCheck {
            limit,
            source: limit.source().to_owned(),
            findings,
        })
    }
}

/// A late-payment policy checked against the French floor: the contractual rate may not be below
/// three times the legal interest rate (Code de commerce, art. L441-10 II), read from the built-in
/// table of the French legal rate ([`RateTable::fr_legal_rate`], "other cases", which applies
/// between businesses).
///
/// The policy's rate is read for the date checked: a fixed rate as it is; a reference rate plus
/// its points at the date its [`RateRevision`] reads (1 January or 1 July for a half-yearly
/// revision); never below the policy's minimum rate.
///
/// ```
/// use echeancier::{PenaltyPolicy, PenaltyRate, RateFloorCheck};
/// use chrono::NaiveDate;
///
/// let on = NaiveDate::from_ymd_opt(2026, 3, 1).ok_or("bad date")?;
/// // The legal rate of 2026 S1 is 2.62 % (other cases): the floor is 7.86 %.
/// let low = PenaltyPolicy::new(PenaltyRate::fixed("5%".parse()?));
/// let check = RateFloorCheck::france(&low, on)?;
/// assert_eq!(check.floor().to_string(), "7.86");
/// assert!(check.below());
/// assert!(!RateFloorCheck::france(&PenaltyPolicy::france_b2b()?, on)?.below()); // 2.15 + 10 = 12.15
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct RateFloorCheck {
    date: NaiveDate,
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
    rate: Decimal,
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
    legal_rate: Decimal,
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
    floor: Decimal,
}

impl RateFloorCheck {
    /// The legal source of the floor.
    pub const SOURCE: &'static str =
        "Code de commerce, art. L441-10 II (at least three times the legal interest rate)";

    /// `policy` on `date` against three times the French legal rate.
    ///
    /// # Errors
    ///
    /// [`Error::RateNotCovered`] when the built-in legal-rate table or the policy's reference table
    /// has no rate for the date.
    pub fn france(policy: &PenaltyPolicy, date: NaiveDate) -> Result<RateFloorCheck> {
        RateFloorCheck::against(
            policy,
            date,
            &RateTable::fr_legal_rate(LegalRateCreditor::OtherCases)?,
        )
    }

    /// `policy` on `date` against three times the rate `legal` gives for that date (a caller's own,
    /// more recent table).
    ///
    /// # Errors
    ///
    /// [`Error::RateNotCovered`] when a table has no rate for the date; [`Error::Overflow`].
    pub fn against(
        policy: &PenaltyPolicy,
        date: NaiveDate,
        legal: &RateTable,
    ) -> Result<RateFloorCheck> {
        let legal_rate = legal.percent_on(date)?;
        let floor = legal_rate
            .checked_mul(Decimal::from(3))
            .ok_or(Error::Overflow {
                operation: "tripling the legal interest rate",
            })?;
        let rate = policy_rate(policy, date)?;
        Ok(RateFloorCheck {
            date,
            rate: rate.normalize(),
            legal_rate: legal_rate.normalize(),
            floor: floor.normalize(),
        })
    }

    /// The date checked.
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// The policy's rate on that date, in percent.
    pub fn rate(&self) -> Decimal {
        self.rate
    }

    /// The legal interest rate on that date, in percent.
    pub fn legal_rate(&self) -> Decimal {
        self.legal_rate
    }

    /// Three times the legal rate, in percent.
    pub fn floor(&self) -> Decimal {
        self.floor
    }

    /// True when the policy's rate is below the floor.
    pub fn below(&self) -> bool {
        self.rate < self.floor
    }

    /// The check in words, in `language`.
    pub fn explain(&self, language: Language) -> String {
        let fr = language == Language::French;
        let pct = |d: Decimal| {
            if fr {
                format!("{}\u{a0}%", d.to_string().replace('.', ","))
            } else {
                format!("{d}%")
            }
        };
        let date = language::date(self.date, language);
        match (self.below(), fr) {
            (true, false) => format!(
                "the late-payment rate of {} on {date} is below the floor of {} (3 × the legal rate of {}, French Code de commerce, L441-10 II)",
                pct(self.rate), pct(self.floor), pct(self.legal_rate)
            ),
            (false, false) => format!(
                "the late-payment rate of {} on {date} is at or above the floor of {} (3 × the legal rate of {}, French Code de commerce, L441-10 II)",
                pct(self.rate), pct(self.floor), pct(self.legal_rate)
            ),
            (true, true) => format!(
                "le taux des pénalités de retard de {} au {date} est inférieur au plancher de {} (3 fois le taux d'intérêt légal de {}, Code de commerce, L441-10 II)",
                pct(self.rate), pct(self.floor), pct(self.legal_rate)
            ),
            (false, true) => format!(
                "le taux des pénalités de retard de {} au {date} respecte le plancher de {} (3 fois le taux d'intérêt légal de {}, Code de commerce, L441-10 II)",
                pct(self.rate), pct(self.floor), pct(self.legal_rate)
            ),
        }
    }
}

/// The policy's annual rate in percent on `date`, as its revision reads it, never below its
/// minimum.
fn policy_rate(policy: &PenaltyPolicy, date: NaiveDate) -> Result<Decimal> {
    let rate = policy.rate();
    let percent = match (rate.fixed_rate(), rate.table()) {
        (Some(fixed), _) => fixed.percent(),
        (None, Some(table)) => {
            let read_on = match rate.revision() {
                Some(RateRevision::HalfYearly | RateRevision::FixedAtHalfYearStart) => {
                    half_year_start(date)
                }
                Some(RateRevision::FixedAtPrecedingHalfYearEnd) => {
                    half_year_start(date).pred_opt().unwrap_or(date)
                }
                _ => date,
            };
            table
                .percent_on(read_on)?
                .checked_add(rate.points().percent())
                .ok_or(Error::Overflow {
                    operation: "adding the points of a reference rate",
                })?
        }
        (None, None) => Decimal::ZERO,
    };
    Ok(match policy.minimum_rate() {
        Some(min) if min.percent() > percent => min.percent(),
        _ => percent,
    })
}

/// 1 January or 1 July of `date`'s half-year.
fn half_year_start(date: NaiveDate) -> NaiveDate {
    let month = if date.month() <= 6 { 1 } else { 7 };
    NaiveDate::from_ymd_opt(date.year(), month, 1).unwrap_or(date)
}
