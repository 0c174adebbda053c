//! Plain-text tables: a heading line, a rule, the rows, and a totals line under a second rule;
//! text left-aligned, amounts and counts right-aligned.

/// Which side of its column a cell sits on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Right,
}

/// A table being built.
#[derive(Debug)]
pub(crate) struct Table {
    columns: Vec<(String, Align)>,
    rows: Vec<Vec<String>>,
    totals: Option<Vec<String>>,
}

impl Table {
    /// A table with these column headings.
    pub(crate) fn new<S: Into<String>>(columns: impl IntoIterator<Item = (S, Align)>) -> Table {
        Table {
            columns: columns.into_iter().map(|(h, a)| (h.into(), a)).collect(),
            rows: Vec::new(),
            totals: None,
        }
    }

    /// Adds a row; cells beyond the columns are dropped, missing ones left blank.
    pub(crate) fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// Sets the totals line, shown under a rule after the rows.
    pub(crate) fn totals(&mut self, cells: Vec<String>) {
        self.totals = Some(cells);
    }

    /// The table as lines of text, each ending with a newline.
    pub(crate) fn render(&self) -> String {
        let width = |s: &str| s.chars().count();
        let mut widths: Vec<usize> = self.columns.iter().map(|(h, _)| width(h)).collect();
        for cells in self.rows.iter().chain(self.totals.iter()) {
            for (w, cell) in widths.iter_mut().zip(cells) {
                *w = (*w).max(width(cell));
            }
        }
        let line = |cells: &mut dyn Iterator<Item = &str>| -> String {
            let mut out = String::new();
            for ((w, (_, align)), cell) in widths.iter().zip(&self.columns).zip(cells) {
                if !out.is_empty() {
                    out.push_str("  ");
                }
                let pad = " ".repeat(w.saturating_sub(width(cell)));
                match align {
                    Align::Left => {
                        out.push_str(cell);
                        out.push_str(&pad);
                    }
                    Align::Right => {
                        out.push_str(&pad);
                        out.push_str(cell);
                    }
                }
            }
            let mut out = out.trim_end().to_owned();
            out.push('\n');
            out
        };
        let blank = std::iter::repeat("");
        let rule: String = {
            let total = widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1);
            let mut r = "-".repeat(total);
            r.push('\n');
            r
        };
        let mut out = line(&mut self.columns.iter().map(|(h, _)| h.as_str()));
        out.push_str(&rule);
        for cells in &self.rows {
            out.push_str(&line(
                &mut cells.iter().map(String::as_str).chain(blank.clone()),
            ));
        }
        if let Some(totals) = &self.totals {
            out.push_str(&rule);
            out.push_str(&line(&mut totals.iter().map(String::as_str).chain(blank)));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_aligned_with_amounts_on_the_right() {
        let mut t = Table::new([
            ("#", Align::Right),
            ("what", Align::Left),
            ("amount", Align::Right),
        ]);
        t.row(vec!["1".into(), "rent".into(), "750.00".into()]);
        t.row(vec!["10".into(), "food".into(), "80.00".into()]);
        t.totals(vec![String::new(), "total".into(), "830.00".into()]);
        let expected = concat!(
            " #  what   amount\n",
            "-----------------\n",
            " 1  rent   750.00\n",
            "10  food    80.00\n",
            "-----------------\n",
            "    total  830.00\n",
        );
        assert_eq!(t.render(), expected);
    }
}
