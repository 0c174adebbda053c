//! The French wage-seizure scale (*barème des saisies et cessions des rémunérations*, Code du travail
//! R3252-2 and R3252-3): how much of a yearly remuneration may be taken, band by band.
//!
//! The seizable fraction of each annual band is fixed by R3252-2: 1/20, 1/10, 1/5, 1/4, 1/3, 2/3, and
//! everything above the sixth bound. The bounds change by décret each year and are raised by an uplift
//! per dependant (R3252-3). The figures are computed on annual amounts, and a monthly figure is the
//! annual one divided by 12 (published tables round it to the cent).

use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::money::{Currency, Money, Rounding};

/// `year,band1_upper,…,band6_upper,per_dependant_uplift`, in euros.
const FR_CSV: &str = include_str!("data/fr-bareme-saisie-remunerations.csv");

/// The seizable fraction of each band, in sixtieths (1/20 = 3/60 … 2/3 = 40/60, then everything),
/// so that a whole computation stays exact: a third has no finite decimal expansion, a sixtieth
/// multiplied by whole cents is divided only once, at the end.
const SIXTIETHS: [u32; 7] = [3, 6, 12, 15, 20, 40, 60];
/// The same fractions as written in the law.
const FRACTIONS: [(u32, u32); 7] = [(1, 20), (1, 10), (1, 5), (1, 4), (1, 3), (2, 3), (1, 1)];

/// A wage-seizure scale: six increasing annual bounds and the uplift per dependant added to each.
///
/// [`SeizureScale::france`] has the French scale for 2024, 2025 and 2026; [`SeizureScale::new`]
/// takes any other (a later décret, a test scale).
///
/// ```
/// use echeancier::SeizureScale;
///
/// let scale = SeizureScale::france(2024)?;
/// // At the top of the second band (8,520 EUR a year): 4370/20 + 4150/10 = 633.50 a year.
/// let seizable = scale.seizable_annual("8520.00 EUR".parse()?, 0)?;
/// assert_eq!(seizable.annual().to_string(), "633.50 EUR");
/// assert_eq!(seizable.monthly().to_string(), "52.79 EUR");
/// assert_eq!(scale.seizable_monthly("1500.00 EUR".parse()?, 1)?.to_string(), "204.75 EUR");
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "SeizureScaleRepr", into = "SeizureScaleRepr")
)]
pub struct SeizureScale {
    year: Option<i32>,
    bounds: [Money; 6],
    per_dependant_uplift: Money,
}

impl SeizureScale {
    /// A scale with these six annual upper bounds and uplift per dependant.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidSeizureScale`] unless the bounds are strictly positive and strictly
    /// increasing and the uplift is not negative, all in one currency.
    ///
    /// ```
    /// use echeancier::{Money, SeizureScale};
    ///
    /// let eur = |s: &str| s.parse::<Money>();
    /// let bounds = [eur("4500 EUR")?, eur("8800 EUR")?, eur("13100 EUR")?,
    ///               eur("17400 EUR")?, eur("21700 EUR")?, eur("26100 EUR")?];
    /// let scale = SeizureScale::new(bounds, eur("1760 EUR")?)?;
    /// assert_eq!(scale.year(), None);
    /// let mut wrong = bounds;
    /// wrong.swap(0, 1);
    /// assert!(SeizureScale::new(wrong, eur("1760 EUR")?).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(bounds: [Money; 6], per_dependant_uplift: Money) -> Result<SeizureScale> {
        let currency = per_dependant_uplift.currency();
        if let Some(other) = bounds.iter().find(|b| b.currency() != currency) {
            return Err(Error::InvalidSeizureScale {
                reason: format!("bound {other} is not in the uplift's currency {currency}"),
            });
        }
        if per_dependant_uplift.is_negative() {
            return Err(Error::InvalidSeizureScale {
                reason: format!("the uplift per dependant {per_dependant_uplift} is negative"),
            });
        }
        let mut previous = Money::zero(currency);
        for bound in bounds {
            if bound.amount() <= previous.amount() {
                return Err(Error::InvalidSeizureScale {
                    reason: format!("bound {bound} does not exceed {previous}"),
                });
            }
            previous = bound;
        }
        Ok(SeizureScale {
            year: None,
            bounds,
            per_dependant_uplift,
        })
    }

    /// The French scale in force in `year` (2024, 2025 or 2026), in euros, from the décrets
    /// published each December; built into the crate.
    ///
    /// | year | band upper bounds (EUR a year) | per dependant |
    /// |---|---|---|
    /// | 2024 | 4,370 · 8,520 · 12,690 · 16,820 · 20,970 · 25,200 | 1,690 |
    /// | 2025 | 4,440 · 8,660 · 12,890 · 17,090 · 21,300 · 25,600 | 1,720 |
    /// | 2026 | 4,480 · 8,730 · 13,000 · 17,230 · 21,470 · 25,810 | 1,740 |
    ///
    /// Re-check the figures against the décret before relying on them; pass a later year's scale to
    /// [`SeizureScale::new`].
    ///
    /// # Errors
    ///
    /// [`Error::NoSeizureScale`] for another year.
    ///
    /// ```
    /// use echeancier::SeizureScale;
    ///
    /// let scale = SeizureScale::france(2025)?;
    /// assert_eq!(scale.year(), Some(2025));
    /// assert_eq!(scale.bounds()[5].to_string(), "25600.00 EUR");
    /// assert_eq!(
    ///     SeizureScale::france(2023).unwrap_err().to_string(),
    ///     "no built-in wage-seizure scale for 2023: the crate knows 2024 to 2026"
    /// );
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn france(year: i32) -> Result<SeizureScale> {
        let mut known: Option<(i32, i32)> = None;
        for line in data_lines(FR_CSV) {
            let scale = parse_line(line)?;
            let line_year = scale.year.ok_or_else(|| bad_line(line))?;
            if line_year == year {
                return Ok(scale);
            }
            known = Some(match known {
                None => (line_year, line_year),
                Some((first, last)) => (first.min(line_year), last.max(line_year)),
            });
        }
        let (first, last) = known.ok_or_else(|| bad_line(FR_CSV))?;
        Err(Error::NoSeizureScale { year, first, last })
    }

    /// The year of a built-in scale; `None` for one made with [`SeizureScale::new`].
    ///
    /// ```
    /// assert_eq!(echeancier::SeizureScale::france(2026)?.year(), Some(2026));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn year(&self) -> Option<i32> {
        self.year
    }

    /// The six annual upper bounds, without dependants.
    ///
    /// ```
    /// let scale = echeancier::SeizureScale::france(2024)?;
    /// assert_eq!(scale.bounds()[0].to_string(), "4370.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn bounds(&self) -> [Money; 6] {
        self.bounds
    }

    /// The amount added to every bound for each dependant.
    ///
    /// ```
    /// let scale = echeancier::SeizureScale::france(2024)?;
    /// assert_eq!(scale.per_dependant_uplift().to_string(), "1690.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn per_dependant_uplift(&self) -> Money {
        self.per_dependant_uplift
    }

    /// The currency of the bounds.
    ///
    /// ```
    /// use echeancier::{Currency, SeizureScale};
    ///
    /// assert_eq!(SeizureScale::france(2024)?.currency(), Currency::EUR);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn currency(&self) -> Currency {
        self.per_dependant_uplift.currency()
    }

    /// What may be seized from `annual_income` with `dependants`, band by band.
    ///
    /// # Errors
    ///
    /// [`Error::CurrencyMismatch`] if the income is not in the scale's currency; [`Error::Negative`]
    /// for a negative income; [`Error::Overflow`] for absurd amounts.
    ///
    /// ```
    /// use echeancier::SeizureScale;
    ///
    /// let scale = SeizureScale::france(2024)?;
    /// let seizable = scale.seizable_annual("30000.00 EUR".parse()?, 0)?;
    /// let last = seizable.bands().last().unwrap();
    /// assert_eq!(last.fraction(), (1, 1));
    /// assert_eq!(last.income_in_band().to_string(), "4800.00 EUR"); // above 25,200
    /// // 6703.33… + 4800 = 11503.33 a year, 958.61 a month
    /// assert_eq!(seizable.annual().to_string(), "11503.33 EUR");
    /// assert_eq!(seizable.monthly().to_string(), "958.61 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn seizable_annual(&self, annual_income: Money, dependants: u32) -> Result<Seizable> {
        Money::zero(self.currency()).same_currency(annual_income)?;
        if annual_income.is_negative() {
            return Err(Error::Negative {
                what: "annual income",
                amount: annual_income,
            });
        }
        let (sixtieths, parts) = self.sixtieths(annual_income.amount(), dependants)?;
        let currency = self.currency();
        let bands = parts
            .into_iter()
            .map(|p| {
                Ok(SeizureBand {
                    lower: Money::new(p.lower, currency)?,
                    upper: p.upper.map(|u| Money::new(u, currency)).transpose()?,
                    fraction: p.fraction,
                    income_in_band: Money::new(p.income, currency)?,
                    seizable: Money::round(divide(p.sixtieths, 60)?, currency, Rounding::HalfUp)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Seizable {
            annual_income,
            dependants,
            bands,
            annual: Money::round(divide(sixtieths, 60)?, currency, Rounding::HalfUp)?,
            monthly: Money::round(divide(sixtieths, 720)?, currency, Rounding::HalfUp)?,
        })
    }

    /// What may be seized each month from `monthly_income`: the annual computation on 12 times the
    /// income, divided by 12 and rounded once, half up, as the published tables do.
    ///
    /// # Errors
    ///
    /// As [`SeizureScale::seizable_annual`].
    ///
    /// ```
    /// use echeancier::SeizureScale;
    ///
    /// // 2,000.00 EUR a month in 2025, two dependants: bounds raised by 3,440.
    /// let scale = SeizureScale::france(2025)?;
    /// assert_eq!(scale.seizable_monthly("2000.00 EUR".parse()?, 2)?.to_string(), "322.39 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn seizable_monthly(&self, monthly_income: Money, dependants: u32) -> Result<Money> {
        let annual = monthly_income.checked_mul_int(12)?;
        Ok(self.seizable_annual(annual, dependants)?.monthly())
    }

    /// Sixty times the seizable part of `annual_income` (exact), and the bands it went through.
    pub(crate) fn sixtieths(
        &self,
        annual_income: Decimal,
        dependants: u32,
    ) -> Result<(Decimal, Vec<BandPart>)> {
        let overflow = || Error::Overflow {
            operation: "applying the wage-seizure scale",
        };
        let uplift = self
            .per_dependant_uplift
            .amount()
            .checked_mul(Decimal::from(dependants))
            .ok_or_else(overflow)?;
        let mut parts = Vec::with_capacity(FRACTIONS.len());
        let mut total = Decimal::ZERO;
        let mut lower = Decimal::ZERO;
        let uppers = self.bounds.iter().map(|b| Some(b.amount())).chain([None]);
        for ((upper, k), fraction) in uppers.zip(SIXTIETHS).zip(FRACTIONS) {
            let upper = upper
                .map(|u| u.checked_add(uplift).ok_or_else(overflow))
                .transpose()?;
            let top = upper.map_or(annual_income, |u| annual_income.min(u));
            let income = top
                .checked_sub(lower)
                .ok_or_else(overflow)?
                .max(Decimal::ZERO);
            let sixtieths = income.checked_mul(Decimal::from(k)).ok_or_else(overflow)?;
            total = total.checked_add(sixtieths).ok_or_else(overflow)?;
            parts.push(BandPart {
                lower,
                upper,
                fraction,
                income,
                sixtieths,
            });
            if let Some(u) = upper {
                lower = u;
            }
        }
        Ok((total, parts))
    }
}

/// One band of the scale as applied to an income, in exact figures.
pub(crate) struct BandPart {
    lower: Decimal,
    upper: Option<Decimal>,
    fraction: (u32, u32),
    income: Decimal,
    sixtieths: Decimal,
}

fn divide(value: Decimal, by: u32) -> Result<Decimal> {
    value.checked_div(Decimal::from(by)).ok_or(Error::Overflow {
        operation: "applying the wage-seizure scale",
    })
}

/// What the scale allows to seize from one income, band by band.
///
/// ```
/// use echeancier::SeizureScale;
///
/// let seizable = SeizureScale::france(2024)?.seizable_annual("12000.00 EUR".parse()?, 0)?;
/// let parts: Vec<String> = seizable.bands().iter().map(|b| b.seizable().to_string()).collect();
/// assert_eq!(&parts[..3], ["218.50 EUR", "415.00 EUR", "696.00 EUR"]);
/// assert_eq!(seizable.annual().to_string(), "1329.50 EUR");
/// # Ok::<(), echeancier::Error>(())
/// ```
///
/// Deserialising recomputes the income in each band and the seizable figures from the bands and the
/// income, and rejects JSON that disagrees (the uplift for dependants is taken as the bands give
/// it).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "SeizableRepr"))]
pub struct Seizable {
    annual_income: Money,
    dependants: u32,
    bands: Vec<SeizureBand>,
    annual: Money,
    monthly: Money,
}

impl Seizable {
    /// The annual income the scale was applied to.
    ///
    /// ```
    /// let s = echeancier::SeizureScale::france(2024)?.seizable_annual("100.00 EUR".parse()?, 0)?;
    /// assert_eq!(s.annual_income().to_string(), "100.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn annual_income(&self) -> Money {
        self.annual_income
    }

    /// The number of dependants that raised the bounds.
    ///
    /// ```
    /// let s = echeancier::SeizureScale::france(2024)?.seizable_annual("100.00 EUR".parse()?, 2)?;
    /// assert_eq!(s.dependants(), 2);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn dependants(&self) -> u32 {
        self.dependants
    }

    /// The seven bands (the last one without an upper bound), with the part of the income in each.
    ///
    /// ```
    /// let s = echeancier::SeizureScale::france(2024)?.seizable_annual("100.00 EUR".parse()?, 1)?;
    /// assert_eq!(s.bands().len(), 7);
    /// assert_eq!(s.bands()[0].upper().map(|u| u.to_string()).as_deref(), Some("6060.00 EUR"));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn bands(&self) -> &[SeizureBand] {
        &self.bands
    }

    /// The seizable part per year, computed exactly and rounded once, half up.
    ///
    /// ```
    /// let s = echeancier::SeizureScale::france(2024)?.seizable_annual("4370.00 EUR".parse()?, 0)?;
    /// assert_eq!(s.annual().to_string(), "218.50 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn annual(&self) -> Money {
        self.annual
    }

    /// The seizable part per month: the exact annual figure divided by 12, rounded once, half up.
    ///
    /// ```
    /// let s = echeancier::SeizureScale::france(2024)?.seizable_annual("4370.00 EUR".parse()?, 0)?;
    /// assert_eq!(s.monthly().to_string(), "18.21 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn monthly(&self) -> Money {
        self.monthly
    }
}

/// One band of a [`Seizable`] computation.
///
/// Each band's seizable amount is rounded half up for display; the totals of [`Seizable`] are
/// computed from the exact figures and rounded once, so they may differ from the sum of the bands by
/// a cent.
///
/// ```
/// let s = echeancier::SeizureScale::france(2024)?.seizable_annual("20000.00 EUR".parse()?, 0)?;
/// let fifth = &s.bands()[4];
/// assert_eq!(fifth.fraction(), (1, 3));
/// assert_eq!(fifth.lower().to_string(), "16820.00 EUR");
/// assert_eq!(fifth.income_in_band().to_string(), "3180.00 EUR");
/// assert_eq!(fifth.seizable().to_string(), "1060.00 EUR");
/// # Ok::<(), echeancier::Error>(())
/// ```
///
/// Deserialising checks the fraction (one of the scale's), the bounds (in order), the income
/// (within them) and recomputes the seizable part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "SeizureBandRepr"))]
pub struct SeizureBand {
    lower: Money,
    upper: Option<Money>,
    fraction: (u32, u32),
    income_in_band: Money,
    seizable: Money,
}

impl SeizureBand {
    /// Where the band starts (the previous band's upper bound, dependants included).
    ///
    /// ```
    /// let s = echeancier::SeizureScale::france(2024)?.seizable_annual("1.00 EUR".parse()?, 0)?;
    /// assert!(s.bands()[0].lower().is_zero());
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn lower(&self) -> Money {
        self.lower
    }

    /// Where the band ends, dependants included; `None` for the last band.
    ///
    /// ```
    /// let s = echeancier::SeizureScale::france(2024)?.seizable_annual("1.00 EUR".parse()?, 0)?;
    /// assert_eq!(s.bands()[6].upper(), None);
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn upper(&self) -> Option<Money> {
        self.upper
    }

    /// The seizable fraction, `(numerator, denominator)`: (1, 20) … (2, 3), then (1, 1).
    ///
    /// ```
    /// let s = echeancier::SeizureScale::france(2024)?.seizable_annual("1.00 EUR".parse()?, 0)?;
    /// assert_eq!(s.bands()[5].fraction(), (2, 3));
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn fraction(&self) -> (u32, u32) {
        self.fraction
    }

    /// The part of the income that falls in the band.
    ///
    /// ```
    /// let s = echeancier::SeizureScale::france(2024)?.seizable_annual("5000.00 EUR".parse()?, 0)?;
    /// assert_eq!(s.bands()[1].income_in_band().to_string(), "630.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn income_in_band(&self) -> Money {
        self.income_in_band
    }

    /// The seizable part of the band's income, rounded half up.
    ///
    /// ```
    /// let s = echeancier::SeizureScale::france(2024)?.seizable_annual("5000.00 EUR".parse()?, 0)?;
    /// assert_eq!(s.bands()[1].seizable().to_string(), "63.00 EUR");
    /// # Ok::<(), echeancier::Error>(())
    /// ```
    pub fn seizable(&self) -> Money {
        self.seizable
    }
}

fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        // The header.
        .skip(1)
}

fn bad_line(line: &str) -> Error {
    Error::Parse {
        what: "a wage-seizure scale line",
        input: line.to_owned(),
    }
}

/// One line of the built-in table: the year, six bounds and the uplift, in euros.
fn parse_line(line: &str) -> Result<SeizureScale> {
    let fields: Vec<&str> = line.split(',').map(str::trim).collect();
    let [year, rest @ ..] = fields.as_slice() else {
        return Err(bad_line(line));
    };
    let year: i32 = year.parse().map_err(|_| bad_line(line))?;
    let amounts = rest
        .iter()
        .map(|text| {
            Decimal::from_str_exact(text)
                .map_err(|_| bad_line(line))
                .and_then(|d| Money::new(d, Currency::EUR))
        })
        .collect::<Result<Vec<Money>>>()?;
    let [b1, b2, b3, b4, b5, b6, uplift] = amounts.as_slice() else {
        return Err(bad_line(line));
    };
    let mut scale = SeizureScale::new([*b1, *b2, *b3, *b4, *b5, *b6], *uplift)?;
    scale.year = Some(year);
    Ok(scale)
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct SeizureScaleRepr {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    year: Option<i32>,
    bounds: [Money; 6],
    per_dependant_uplift: Money,
}

#[cfg(feature = "serde")]
impl TryFrom<SeizureScaleRepr> for SeizureScale {
    type Error = Error;

    fn try_from(r: SeizureScaleRepr) -> Result<SeizureScale> {
        let mut scale = SeizureScale::new(r.bounds, r.per_dependant_uplift)?;
        scale.year = r.year;
        Ok(scale)
    }
}

#[cfg(feature = "serde")]
impl From<SeizureScale> for SeizureScaleRepr {
    fn from(s: SeizureScale) -> SeizureScaleRepr {
        SeizureScaleRepr {
            year: s.year,
            bounds: s.bounds,
            per_dependant_uplift: s.per_dependant_uplift,
        }
    }
}

#[cfg(feature = "serde")]
crate::contract::checked_repr!(SeizureBand as SeizureBandRepr {
    lower: Money,
    upper: Option<Money>,
    fraction: (u32, u32),
    income_in_band: Money,
    seizable: Money,
});

#[cfg(feature = "serde")]
impl SeizureBand {
    /// The exact sixtieths of the income in the band the scale seizes.
    fn sixtieths(&self) -> Result<Decimal> {
        let k = FRACTIONS
            .iter()
            .zip(SIXTIETHS)
            .find(|(f, _)| **f == self.fraction)
            .map(|(_, k)| k)
            .ok_or_else(|| {
                crate::contract::fail(
                    "seizure band",
                    format!(
                        "{}/{} is not a fraction of the scale",
                        self.fraction.0, self.fraction.1
                    ),
                )
            })?;
        self.income_in_band
            .amount()
            .checked_mul(Decimal::from(k))
            .ok_or(Error::Overflow {
                operation: "applying the wage-seizure scale",
            })
    }

    /// A band of the scale: a fraction the law names, bounds in order, the income within them,
    /// and the seizable part that fraction of it, rounded half up.
    fn check(&self) -> Result<()> {
        let currency = self.lower.currency();
        let check = crate::contract::Check::new("seizure band", currency);
        check.non_negative("lower", self.lower)?;
        check.non_negative("income_in_band", self.income_in_band)?;
        if let Some(upper) = self.upper {
            check.currency("upper", upper)?;
            check.that(self.lower < upper, || {
                format!("lower {} is not below upper {upper}", self.lower)
            })?;
            check.that(
                self.income_in_band <= upper.checked_sub(self.lower)?,
                || {
                    format!(
                        "income_in_band {} exceeds the band from {} to {upper}",
                        self.income_in_band, self.lower
                    )
                },
            )?;
        }
        check.non_negative("seizable", self.seizable)?;
        let seizable = Money::round(divide(self.sixtieths()?, 60)?, currency, Rounding::HalfUp)?;
        check.equal("seizable", self.seizable, seizable)
    }
}

#[cfg(feature = "serde")]
crate::contract::checked_repr!(Seizable as SeizableRepr {
    annual_income: Money,
    dependants: u32,
    bands: Vec<SeizureBand>,
    annual: Money,
    monthly: Money,
});

#[cfg(feature = "serde")]
impl Seizable {
    /// The bands of the scale in order, each starting where the one before ends, holding the part
    /// of the income within it; the annual and monthly figures their exact sum rounded half up.
    fn check(&self) -> Result<()> {
        let currency = self.annual_income.currency();
        let check = crate::contract::Check::new("seizable", currency);
        check.non_negative("annual_income", self.annual_income)?;
        check.that(self.bands.iter().map(|b| b.fraction).eq(FRACTIONS), || {
            "the bands are not the seven bands of the scale in order".to_owned()
        })?;
        let mut lower = Money::zero(currency);
        let mut sixtieths = Decimal::ZERO;
        for band in &self.bands {
            check.equal("a band's lower bound", band.lower, lower)?;
            let top = band.upper.map_or(Ok(self.annual_income), |u| {
                self.annual_income.checked_min(u)
            })?;
            let income = top.checked_sub(lower)?;
            let income = if income.is_negative() {
                Money::zero(currency)
            } else {
                income
            };
            check.equal("a band's income_in_band", band.income_in_band, income)?;
            sixtieths = sixtieths
                .checked_add(band.sixtieths()?)
                .ok_or(Error::Overflow {
                    operation: "applying the wage-seizure scale",
                })?;
            lower = band.upper.unwrap_or(lower);
        }
        let rounded = |by| Money::round(divide(sixtieths, by)?, currency, Rounding::HalfUp);
        check.equal("annual", self.annual, rounded(60)?)?;
        check.equal("monthly", self.monthly, rounded(720)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eur(s: &str) -> Money {
        format!("{s} EUR").parse().unwrap()
    }

    /// Published cumulative monthly seizable amounts for 2024, at each band's upper bound, without
    /// dependants: 4370/20 = 218.50 → 18.21; + 4150/10 = 633.50 → 52.79; + 4170/5 = 1467.50 → 122.29;
    /// + 4130/4 = 2500 → 208.33; + 4150/3 = 3883.33… → 323.61; + 4230 × 2/3 = 6703.33… → 558.61.
    #[test]
    fn france_2024_matches_the_published_cumulative_figures() {
        let scale = SeizureScale::france(2024).unwrap();
        let expected = ["18.21", "52.79", "122.29", "208.33", "323.61", "558.61"];
        for (bound, monthly) in scale.bounds().iter().zip(expected) {
            let s = scale.seizable_annual(*bound, 0).unwrap();
            assert_eq!(s.monthly(), eur(monthly), "at {bound}");
        }
    }

    #[test]
    fn the_bands_state_their_bounds_and_fractions() {
        let scale = SeizureScale::france(2024).unwrap();
        // 5,000.00 a year with 2 dependants: every bound raised by 2 × 1,690.
        let s = scale.seizable_annual(eur("5000.00"), 2).unwrap();
        assert_eq!(s.dependants(), 2);
        let bands = s.bands();
        assert_eq!(bands[0].upper(), Some(eur("7750")));
        assert_eq!(bands[6].upper(), None);
        let fractions: Vec<(u32, u32)> = bands.iter().map(SeizureBand::fraction).collect();
        assert_eq!(
            fractions,
            [(1, 20), (1, 10), (1, 5), (1, 4), (1, 3), (2, 3), (1, 1)]
        );
    }

    #[cfg(feature = "serde")]
    #[test]
    fn a_band_read_from_json_ends_above_where_it_starts() {
        let scale = SeizureScale::france(2024).unwrap();
        let s = scale.seizable_annual(eur("0"), 0).unwrap();
        let band = serde_json::to_value(s.bands()[1]).unwrap();
        assert_eq!(
            serde_json::from_value::<SeizureBand>(band.clone()).unwrap(),
            s.bands()[1]
        );
        // Empty (its upper bound its lower one), with nothing in it and nothing seizable.
        let mut empty = band;
        empty["upper"] = empty["lower"].clone();
        assert!(serde_json::from_value::<SeizureBand>(empty).is_err());
    }

    #[test]
    fn the_data_skip_comments_blank_lines_and_the_header() {
        let text = "# a comment\n\nyear,upper\n  2024,1  \n# another\n2025,2\n";
        assert_eq!(data_lines(text).collect::<Vec<_>>(), ["2024,1", "2025,2"]);
    }

    #[test]
    fn every_built_in_year_parses_and_dependants_raise_the_bounds() {
        for year in 2024..=2026 {
            let scale = SeizureScale::france(year).unwrap();
            assert_eq!(scale.year(), Some(year));
        }
        assert_eq!(FR_CSV.lines().count(), 4);
        let scale = SeizureScale::france(2026).unwrap();
        // One dependant: the first bound is 4480 + 1740 = 6220; 6220 / 20 = 311 a year.
        let s = scale.seizable_annual(eur("6220"), 1).unwrap();
        assert_eq!(s.annual(), eur("311.00"));
        assert_eq!(s.bands()[1].income_in_band(), eur("0"));
        assert!(matches!(
            SeizureScale::france(2027),
            Err(Error::NoSeizureScale {
                year: 2027,
                first: 2024,
                last: 2026
            })
        ));
    }

    #[test]
    fn bad_input_is_refused() {
        let scale = SeizureScale::france(2025).unwrap();
        assert!(scale
            .seizable_annual("100.00 USD".parse().unwrap(), 0)
            .is_err());
        assert!(scale.seizable_annual(eur("-1"), 0).is_err());
        assert!(parse_line("2024,1,2,3").is_err());
        assert!(parse_line("x,1,2,3,4,5,6,7").is_err());
        assert!(parse_line("2024,1,2,3,4,5,6,x").is_err());
        assert!(parse_line("2024,1,2,3,4,5,5,1").is_err());
        assert!(parse_line("2024,1,2,3,4,5,6,-1").is_err());
    }

    #[test]
    fn the_band_parts_add_up_to_the_income() {
        let scale = SeizureScale::france(2025).unwrap();
        for income in ["0", "1", "4440", "12345.67", "25600", "99999.99"] {
            let s = scale.seizable_annual(eur(income), 2).unwrap();
            let sum = Money::sum(
                Currency::EUR,
                s.bands().iter().map(SeizureBand::income_in_band),
            )
            .unwrap();
            assert_eq!(sum, eur(income));
        }
    }
}
