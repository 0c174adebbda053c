//! CSV as RFC 4180 has it: comma-separated fields, CRLF line ends, a field quoted (its quotes
//! doubled) when it holds a comma, a quote or a line break.

/// A CSV document being built, starting with its header.
#[derive(Debug)]
pub(crate) struct Csv {
    out: String,
}

impl Csv {
    /// A document with this header line.
    pub(crate) fn new(header: &[&str]) -> Csv {
        let mut csv = Csv { out: String::new() };
        csv.record(header.iter().copied());
        csv
    }

    /// Adds one record.
    pub(crate) fn record<S: AsRef<str>>(&mut self, fields: impl IntoIterator<Item = S>) {
        for (i, field) in fields.into_iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            let field = field.as_ref();
            if field.contains([',', '"', '\r', '\n']) {
                self.out.push('"');
                self.out.push_str(&field.replace('"', "\"\""));
                self.out.push('"');
            } else {
                self.out.push_str(field);
            }
        }
        self.out.push_str("\r\n");
    }

    /// The document.
    pub(crate) fn finish(self) -> String {
        self.out
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
