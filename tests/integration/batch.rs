//! `generate_batch` gives, in order, what each request's `generate` gives (with or without the
//! `rayon` feature).

use echeancier::{generate_batch, Frequency, Interest, PlanRequest, Sizing};

use crate::{d, debt};

#[test]
fn batch_results_are_each_requests_own_in_order() {
    let requests: Vec<PlanRequest> = (1..=200u32)
        .map(|i| {
            let amount = format!("{}.{:02} EUR", 100 * i, i % 100);
            // Every 50th request asks for 0 instalments and must fail on its own.
            let count = if i % 50 == 0 { 0 } else { i % 48 + 1 };
            PlanRequest::new(
                debt(&amount),
                d(2027, 1, 31),
                Frequency::MONTHLY,
                Sizing::Count(count),
            )
            .interest(Interest::Annuity("7.5%".parse().unwrap()))
        })
        .collect();
    let batch = generate_batch(&requests);
    assert_eq!(batch.len(), requests.len());
    for (request, result) in requests.iter().zip(&batch) {
        assert_eq!(result, &request.generate());
    }
    assert_eq!(batch.iter().filter(|r| r.is_err()).count(), 4);
    assert!(generate_batch(&[]).is_empty());
}
