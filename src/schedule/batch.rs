//! Many schedules at once: a portfolio recomputed each night, one request per debtor.

use crate::error::Result;
use crate::schedule::request::PlanRequest;
use crate::schedule::Schedule;

/// Generates the schedule of every request, in order: the result at index `i` is
/// `requests[i].generate()`.
///
/// A failed request does not stop the others: each gets its own `Result`. With the `rayon` feature
/// the requests are shared among all cores (rayon's global thread pool); without it they are
/// generated one after the other on the calling thread. The results are the same either way.
///
/// Memory: a schedule holds its instalments in one allocation of 120 bytes per instalment (an
/// [`Instalment`](crate::Instalment) is five amounts of up to 20 bytes, a date, a number and a
/// kind), plus a fixed part of a few hundred bytes (totals and derivation); a 36-instalment schedule
/// takes about 4.7 KB. A batch of 100,000 such plans holds about 470 MB of results: split larger
/// portfolios into chunks and store or stream each chunk's results before the next.
///
/// ```
/// use chrono::NaiveDate;
/// use echeancier::{generate_batch, Claim, Debt, Frequency, Interest, PlanRequest, Sizing};
///
/// let first_due = NaiveDate::from_ymd_opt(2027, 1, 31).ok_or("bad date")?;
/// let requests: Vec<PlanRequest> = [("1000.00 EUR", 12), ("2500.00 EUR", 24), ("800.00 EUR", 0)]
///     .iter()
///     .map(|(amount, count)| -> Result<PlanRequest, Box<dyn std::error::Error>> {
///         let debt = Debt::single(Claim::new("L", amount.parse()?)?);
///         Ok(PlanRequest::new(debt, first_due, Frequency::MONTHLY, Sizing::Count(*count))
///             .interest(Interest::Annuity("5%".parse()?)))
///     })
///     .collect::<Result<_, _>>()?;
/// let schedules = generate_batch(&requests);
/// assert_eq!(schedules.len(), 3);
/// let first = schedules[0].as_ref().map_err(Clone::clone)?;
/// assert_eq!(first.instalments()[0].amount().to_string(), "85.61 EUR");
/// assert!(schedules[2].is_err()); // a count of 0 fails alone
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn generate_batch(requests: &[PlanRequest]) -> Vec<Result<Schedule>> {
    #[cfg(feature = "rayon")]
    {
        use rayon::prelude::*;
        requests.par_iter().map(PlanRequest::generate).collect()
    }
    #[cfg(not(feature = "rayon"))]
    {
        requests.iter().map(PlanRequest::generate).collect()
    }
}
