//! CSV as RFC 4180 has it, written by the library's [`CsvWriter`]: comma-separated fields, CRLF
//! line ends, a field quoted (its quotes doubled) when it holds a comma, a quote or a line break;
//! formula-like text cells as `--csv-formulas` says (kept by default).

use std::sync::OnceLock;

use echeancier::{CsvWriter, FormulaCells};

/// The `--csv-formulas` choice, set once by `main` before any command runs.
static FORMULAS: OnceLock<FormulaCells> = OnceLock::new();

/// Sets how every CSV of this run writes formula-like text cells.
pub(crate) fn set_formula_cells(formulas: FormulaCells) {
    // Set once, before any output: a second call changes nothing.
    let _ = FORMULAS.set(formulas);
}

/// A CSV document being built, starting with its header.
#[derive(Debug)]
pub(crate) struct Csv {
    writer: CsvWriter,
}

impl Csv {
    /// A document with this header line.
    pub(crate) fn new(header: &[&str]) -> Csv {
        let formulas = FORMULAS.get().copied().unwrap_or_default();
        Csv {
            writer: CsvWriter::new(header.iter().copied()).formula_cells(formulas),
        }
    }

    /// Adds one record.
    pub(crate) fn record<S: AsRef<str>>(&mut self, fields: impl IntoIterator<Item = S>) {
        self.writer.record(fields);
    }

    /// The document.
    pub(crate) fn finish(self) -> String {
        self.writer.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_with_commas_or_quotes_are_quoted() {
        let mut csv = Csv::new(&["reference", "amount"]);
        csv.record(["F-1, \"urgent\"", "10.00"]);
        assert_eq!(
            csv.finish(),
            "reference,amount\r\n\"F-1, \"\"urgent\"\"\",10.00\r\n"
        );
    }
}
