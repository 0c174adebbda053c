//! Output: the format and language asked for, and what every table and CSV shares (amounts,
//! headings in two languages, the table of a schedule).

pub(crate) mod csv;
pub(crate) mod table;

use echeancier::{Language, Money, Schedule};
use serde::Serialize;

use crate::error::CliError;
use crate::Format;
pub(crate) use csv::Csv;
pub(crate) use table::{Align, Table};

/// How to write a result.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Output {
    pub(crate) format: Format,
    pub(crate) language: Language,
}

impl Output {
    pub(crate) fn new(format: Format, language: Language) -> Output {
        Output { format, language }
    }

    /// The English or the French text, as the output's language says.
    pub(crate) fn text<'a>(&self, english: &'a str, french: &'a str) -> &'a str {
        match self.language {
            Language::French => french,
            _ => english,
        }
    }

    /// The colon after a label, as the output's language writes it: `:` in English, ` :` (a space
    /// before) in French, as every explanation of the library writes it (`crate::language`).
    pub(crate) fn colon(&self) -> &'static str {
        echeancier::Language::colon(self.language)
    }

    /// An amount for a table: grouped by thousands, in the output's language (`10,000.00`,
    /// `10 000,00`), without the currency (given in the heading).
    pub(crate) fn amount(&self, money: Money) -> String {
        let (group, decimal) = match self.language {
            Language::French => (' ', ','),
            _ => (',', '.'),
        };
        let text = money.amount().abs().to_string();
        let (whole, fraction) = match text.split_once('.') {
            Some((w, f)) => (w, Some(f)),
            None => (text.as_str(), None),
        };
        let digits = whole.chars().count();
        let mut out = String::new();
        if money.is_negative() {
            out.push('-');
        }
        for (i, digit) in whole.chars().enumerate() {
            if i > 0 && (digits - i) % 3 == 0 {
                out.push(group);
            }
            out.push(digit);
        }
        if let Some(fraction) = fraction {
            out.push(decimal);
            out.push_str(fraction);
        }
        out
    }
}

/// An amount for CSV and JSON-like text: the decimal at the currency's scale, `1234.50`.
pub(crate) fn plain(money: Money) -> String {
    money.amount().to_string()
}

/// The library's own serde output, pretty-printed, with a final newline.
pub(crate) fn json<T: Serialize>(value: &T) -> Result<String, CliError> {
    let mut text =
        serde_json::to_string_pretty(value).map_err(|source| CliError::Serialize { source })?;
    text.push('\n');
    Ok(text)
}

/// The table of a schedule's instalments with its totals line.
pub(crate) fn schedule_table(schedule: &Schedule, out: Output) -> String {
    let currency = schedule.currency();
    let mut table = Table::new([
        ("#".to_owned(), Align::Right),
        (out.text("due date", "échéance").to_owned(), Align::Left),
        (
            format!("{} ({currency})", out.text("amount", "montant")),
            Align::Right,
        ),
        (out.text("principal", "capital").to_owned(), Align::Right),
        (out.text("interest", "intérêts").to_owned(), Align::Right),
        (out.text("fees", "frais").to_owned(), Align::Right),
        (
            out.text("balance after", "solde après").to_owned(),
            Align::Right,
        ),
    ]);
    for i in schedule.instalments() {
        table.row(vec![
            i.number().to_string(),
            i.due_date().to_string(),
            out.amount(i.amount()),
            out.amount(i.principal()),
            out.amount(i.interest()),
            out.amount(i.fees()),
            out.amount(i.balance_after()),
        ]);
    }
    let t = schedule.totals();
    table.totals(vec![
        String::new(),
        out.text("total", "total").to_owned(),
        out.amount(t.amount()),
        out.amount(t.principal()),
        out.amount(t.interest()),
        out.amount(t.fees()),
        String::new(),
    ]);
    table.render()
}
