//! CSV (RFC 4180) of a schedule and of a statement, for spreadsheets and ledgers.
//!
//! One header row, then one row per instalment, fields separated by `,`, lines ended by CRLF.
//! Amounts are plain decimals at the currency's scale (`1234.56`, `1234` for yen, no thousands
//! separator, no currency code: the currency is the schedule's), dates ISO 8601 (`2027-01-15`).
//! There is no totals row, so that every row is an instalment and a program can sum any column;
//! the sums are the schedule's [`Totals`](crate::Totals). A statement's rows end with the currency
//! code, as the command-line tool's CSV files do.
//!
//! [`CsvWriter`] writes any other table the same way; with [`FormulaCells::Neutralise`] a text
//! cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) is written as text.

use crate::money::Money;
use crate::payment::ChargeKind;
use crate::schedule::{InstalmentKind, Schedule};
use crate::statement::{InstalmentStatus, Statement};

/// The columns of [`schedule_csv`], the same as the golden schedules of the crate's tests.
const SCHEDULE_HEADER: [&str; 8] = [
    "number",
    "kind",
    "due_date",
    "amount",
    "principal",
    "interest",
    "fees",
    "balance_after",
];

/// The columns of [`statement_csv`].
const STATEMENT_HEADER: [&str; 12] = [
    "number",
    "due_date",
    "amount",
    "paid",
    "unpaid",
    "status",
    "days_late",
    "paid_in_full_on",
    "late_interest",
    "compensation",
    "penalties_paid",
    "currency",
];

/// A schedule as CSV (RFC 4180): a header row, then one row per instalment, the down payment
/// (number 0) first.
///
/// Columns: `number,kind,due_date,amount,principal,interest,fees,balance_after`, where `kind` is
/// `down_payment` or `regular`. Amounts are plain decimals at the currency's scale and lines end
/// with CRLF. There is no totals row: each amount column sums to the matching figure of
/// [`Schedule::totals`].
///
/// ```
/// use chrono::NaiveDate;
/// use echeancier::{schedule_csv, Claim, Debt, Frequency, PlanRequest, Sizing};
///
/// let debt = Debt::single(Claim::new("F-1", "1000.00 EUR".parse()?)?);
/// let start = NaiveDate::from_ymd_opt(2027, 1, 15).ok_or("date")?;
/// let plan = PlanRequest::new(debt, start, Frequency::MONTHLY, Sizing::Count(3)).generate()?;
/// assert_eq!(
///     schedule_csv(&plan),
///     "number,kind,due_date,amount,principal,interest,fees,balance_after\r\n\
///      1,regular,2027-01-15,333.33,333.33,0.00,0.00,666.67\r\n\
///      2,regular,2027-02-15,333.33,333.33,0.00,0.00,333.34\r\n\
///      3,regular,2027-03-15,333.34,333.34,0.00,0.00,0.00\r\n"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn schedule_csv(schedule: &Schedule) -> String {
    let mut out = String::new();
    row(&mut out, SCHEDULE_HEADER);
    for i in schedule.instalments() {
        let kind = match i.kind() {
            InstalmentKind::DownPayment => "down_payment",
            InstalmentKind::Regular => "regular",
        };
        row(
            &mut out,
            [
                &i.number().to_string(),
                kind,
                &i.due_date().to_string(),
                &amount(i.amount()),
                &amount(i.principal()),
                &amount(i.interest()),
                &amount(i.fees()),
                &amount(i.balance_after()),
            ],
        );
    }
    out
}

/// A statement as CSV (RFC 4180): a header row, then one row per instalment in schedule order.
///
/// Columns: `number,due_date,amount,paid,unpaid,status,days_late,paid_in_full_on,late_interest,
/// compensation,penalties_paid,currency`. `status` is one of `paid`, `paid_late`, `partially_paid`,
/// `overdue`, `due_today`, `upcoming`; `days_late` is the days a late-paid instalment was paid
/// after its due date or an overdue one is past it, empty otherwise; `paid_in_full_on` is empty
/// while the instalment is not paid in full. Amounts are plain decimals at the currency's scale
/// and lines end with CRLF. There is no totals row: `paid` sums to what the payments settled of
/// the instalments, `unpaid` to [`Statement::remaining_balance`], `late_interest` plus
/// `compensation` to [`Statement::penalties_accrued`] and `penalties_paid` to
/// [`Statement::penalties_paid`]; `currency` is the ISO code of every amount of the row.
///
/// ```
/// use chrono::NaiveDate;
/// use echeancier::{statement_csv, Claim, Debt, Frequency, Payment, PlanRequest, Sizing, Statement, StatementOptions};
///
/// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).ok_or("date");
/// let debt = Debt::single(Claim::new("F-1", "300.00 EUR".parse()?)?);
/// let plan = PlanRequest::new(debt, d(1, 31)?, Frequency::MONTHLY, Sizing::Count(3)).generate()?;
/// let payments = [
///     Payment::new("P-1", d(1, 31)?, "100.00 EUR".parse()?)?,
///     Payment::new("P-2", d(3, 3)?, "40.00 EUR".parse()?)?,
/// ];
/// let statement = Statement::new(&plan, &payments, &StatementOptions::default(), d(3, 10)?)?;
/// assert_eq!(
///     statement_csv(&statement),
///     "number,due_date,amount,paid,unpaid,status,days_late,paid_in_full_on,late_interest,compensation,penalties_paid,currency\r\n\
///      1,2027-01-31,100.00,100.00,0.00,paid,,2027-01-31,0.00,0.00,0.00,EUR\r\n\
///      2,2027-02-28,100.00,40.00,60.00,overdue,10,,0.00,0.00,0.00,EUR\r\n\
///      3,2027-03-31,100.00,0.00,100.00,upcoming,,,0.00,0.00,0.00,EUR\r\n"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn statement_csv(statement: &Statement) -> String {
    let mut out = String::new();
    row(&mut out, STATEMENT_HEADER);
    let currency = statement.schedule().currency().to_string();
    for line in statement.instalments() {
        let (status, days) = match line.status() {
            InstalmentStatus::Paid => ("paid", None),
            InstalmentStatus::PaidLate { days_late } => ("paid_late", Some(days_late)),
            InstalmentStatus::PartiallyPaid => ("partially_paid", None),
            InstalmentStatus::Overdue { days_overdue } => ("overdue", Some(days_overdue)),
            InstalmentStatus::DueToday => ("due_today", None),
            InstalmentStatus::Upcoming => ("upcoming", None),
        };
        row(
            &mut out,
            [
                &line.number().to_string(),
                &line.due_date().to_string(),
                &amount(line.amount()),
                &amount(line.paid()),
                &amount(line.unpaid()),
                status,
                &days.map(|d| d.to_string()).unwrap_or_default(),
                &line
                    .paid_in_full_on()
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                &amount(line.late_interest()),
                &amount(line.compensation()),
                &amount(line.penalties_paid()),
                &currency,
            ],
        );
    }
    out
}

/// The columns of [`statement_charges_csv`].
const CHARGES_HEADER: [&str; 11] = [
    "number",
    "reference",
    "kind",
    "label",
    "added_on",
    "due_date",
    "amount",
    "paid",
    "outstanding",
    "paid_in_full_on",
    "currency",
];

/// The charges added after signature of a statement (a returned-payment fee, a contractual
/// penalty) as CSV (RFC 4180), beside [`statement_csv`]'s instalments: a header row, then one row
/// per charge in the statement's order. `kind` is `fee` or `penalty`; `outstanding` is what is
/// still owed of it, due or not; each amount column sums to the statement's figure
/// ([`Statement::charges_outstanding`] for `outstanding`). A statement without charges gives the
/// header alone. References and labels are written as [`FormulaCells::Keep`] does; write them with
/// a [`CsvWriter`] to neutralise formula-like cells.
///
/// ```
/// use chrono::NaiveDate;
/// use echeancier::{statement_charges_csv, Account, Charge, ChargeKind, Claim, Debt, Frequency, Payment, PlanRequest, Sizing, StatementOptions};
///
/// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).ok_or("date");
/// let debt = Debt::single(Claim::new("F-1", "300.00 EUR".parse()?)?);
/// let plan = PlanRequest::new(debt, d(1, 31)?, Frequency::MONTHLY, Sizing::Count(3)).generate()?;
/// let mut account = Account::new(plan, d(1, 5)?, StatementOptions::default())?;
/// account.charge(Charge::new("REJ-1", "returned direct debit", ChargeKind::Fee, d(2, 5)?, d(2, 5)?, "15.00 EUR".parse()?)?)?;
/// // The default policy pays costs first.
/// account.pay(Payment::new("P-1", d(2, 10)?, "10.00 EUR".parse()?)?)?;
/// assert_eq!(
///     statement_charges_csv(&account.statement(d(2, 10)?)?),
///     "number,reference,kind,label,added_on,due_date,amount,paid,outstanding,paid_in_full_on,currency\r\n\
///      1,REJ-1,fee,returned direct debit,2027-02-05,2027-02-05,15.00,10.00,5.00,,EUR\r\n"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn statement_charges_csv(statement: &Statement) -> String {
    let mut out = String::new();
    row(&mut out, CHARGES_HEADER);
    let currency = statement.schedule().currency().to_string();
    for line in statement.charges() {
        let charge = line.charge();
        row(
            &mut out,
            [
                &line.number().to_string(),
                charge.reference(),
                match charge.kind() {
                    ChargeKind::Fee => "fee",
                    ChargeKind::Penalty => "penalty",
                },
                charge.label(),
                &charge.added_on().to_string(),
                &charge.due_date().to_string(),
                &amount(charge.amount()),
                &amount(line.paid()),
                &amount(line.outstanding()),
                &line
                    .paid_in_full_on()
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                &currency,
            ],
        );
    }
    out
}

/// How a CSV file writes a text cell that a spreadsheet would run as a formula: one that starts
/// with `=`, `+`, `-` or `@` (or a tab or a carriage return, which some spreadsheets skip before
/// reading the rest), such as a reference `=HYPERLINK(…)` given by a debtor.
///
/// The two conventions are both in use: RFC 4180 keeps every cell as it is (the file is data, and a
/// program reading it gets back exactly what was written); the OWASP advice for files opened in a
/// spreadsheet puts an apostrophe before such a cell, which the spreadsheet shows as text and
/// does not run. Number cells (`-12.50`) are never changed.
///
/// | cell | [`FormulaCells::Keep`] | [`FormulaCells::Neutralise`] |
/// |---|---|---|
/// | `F-2027-001` | `F-2027-001` | `F-2027-001` |
/// | `=1+2` | `=1+2` | `'=1+2` |
/// | `@SUM(A1:A9)` | `@SUM(A1:A9)` | `'@SUM(A1:A9)` |
/// | `-12.50` (an amount) | `-12.50` | `-12.50` |
/// | `+33 6 12 34 56 78` | `+33 6 12 34 56 78` | `'+33 6 12 34 56 78` |
///
/// ```
/// use echeancier::{CsvWriter, FormulaCells};
///
/// let mut csv = CsvWriter::new(["reference", "amount"]).formula_cells(FormulaCells::Neutralise);
/// csv.record(["=HYPERLINK(\"http://x\")", "-12.50"]);
/// assert_eq!(csv.finish(), "reference,amount\r\n\"'=HYPERLINK(\"\"http://x\"\")\",-12.50\r\n");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum FormulaCells {
    /// Every cell as it is (RFC 4180): what a program reading the file expects.
    #[default]
    Keep,
    /// A text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets an apostrophe
    /// before it, so that a spreadsheet shows it and does not run it.
    Neutralise,
}

impl FormulaCells {
    /// `cell` as this policy writes it (before RFC 4180 quoting).
    fn apply(self, cell: &str) -> std::borrow::Cow<'_, str> {
        let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
        if self == FormulaCells::Neutralise
            && risky
            && cell.parse::<rust_decimal::Decimal>().is_err()
        {
            std::borrow::Cow::Owned(format!("'{cell}"))
        } else {
            std::borrow::Cow::Borrowed(cell)
        }
    }
}

/// A CSV (RFC 4180) table written the way the crate's exports are: a header row, fields
/// separated by `,`, a field quoted (its quotes doubled) when it holds a comma, a quote or a line
/// break, lines ended by CRLF; formula-like text cells as [`FormulaCells`] says.
///
/// ```
/// use echeancier::CsvWriter;
///
/// let mut csv = CsvWriter::new(["reference", "amount", "currency"]);
/// csv.record(["F-1, urgent", "10.00", "EUR"]);
/// assert_eq!(csv.finish(), "reference,amount,currency\r\n\"F-1, urgent\",10.00,EUR\r\n");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvWriter {
    out: String,
    formulas: FormulaCells,
}

impl CsvWriter {
    /// A table with this header row, cells kept as they are ([`FormulaCells::Keep`]).
    pub fn new<S: AsRef<str>>(header: impl IntoIterator<Item = S>) -> CsvWriter {
        let mut csv = CsvWriter {
            out: String::new(),
            formulas: FormulaCells::Keep,
        };
        csv.record(header);
        csv
    }

    /// How formula-like text cells of the records that follow are written.
    pub fn formula_cells(mut self, formulas: FormulaCells) -> CsvWriter {
        self.formulas = formulas;
        self
    }

    /// Appends one record.
    pub fn record<S: AsRef<str>>(&mut self, fields: impl IntoIterator<Item = S>) {
        for (i, value) in fields.into_iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            field(&mut self.out, &self.formulas.apply(value.as_ref()));
        }
        self.out.push_str("\r\n");
    }

    /// The table, every line ended by CRLF.
    pub fn finish(self) -> String {
        self.out
    }
}

/// The amount without its currency: a `Money` is always at its currency's scale, so this is
/// `1234.56` for euros and `1234` for yen.
fn amount(money: Money) -> String {
    money.amount().to_string()
}

/// Appends one record ended by CRLF, each field quoted when RFC 4180 requires it.
fn row<const N: usize>(out: &mut String, fields: [&str; N]) {
    for (i, value) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        field(out, value);
    }
    out.push_str("\r\n");
}

/// One field: as it is, or between double quotes with inner quotes doubled when it holds a
/// separator, a quote or a line break.
fn field(out: &mut String, value: &str) {
    if value.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&value.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_needed() {
        let mut out = String::new();
        row(&mut out, ["plain", "a,b", "say \"hi\"", "two\nlines", ""]);
        assert_eq!(out, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n");
    }

    #[test]
    fn formula_like_text_cells_are_neutralised_only_when_asked() {
        let cells = [
            "=1+2",
            "+33 6",
            "-cmd|' /C calc'!A0",
            "@SUM(A1)",
            "\t=1",
            "-12.50",
            "+7",
            "F-1",
            "",
        ];
        let mut kept = CsvWriter::new(["h"; 9]);
        kept.record(cells);
        assert_eq!(kept.finish().lines().nth(1), Some(cells.join(",").as_str()));
        let mut safe = CsvWriter::new(["h"; 9]).formula_cells(FormulaCells::Neutralise);
        safe.record(cells);
        assert_eq!(
            safe.finish().lines().nth(1),
            Some("'=1+2,'+33 6,'-cmd|' /C calc'!A0,'@SUM(A1),'\t=1,-12.50,+7,F-1,")
        );
    }
}
