//! A small document model (headings, paragraphs, lists, tables, signature blocks) and its two
//! renderings, Markdown and self-contained HTML, so the agreement is written once for both.
//!
//! Every piece of text in the model is plain text; each renderer escapes it for its format.

/// One block of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Block {
    /// A section heading.
    Heading(String),
    /// A paragraph.
    Paragraph(String),
    /// A bulleted list.
    List(Vec<String>),
    /// A table with its header, rows and an optional last row of totals; `numeric[i]` aligns
    /// column `i` right.
    Table {
        header: Vec<String>,
        numeric: Vec<bool>,
        rows: Vec<Vec<String>>,
        total: Option<Vec<String>>,
    },
    /// Side-by-side signature blocks: a role, the lines under it.
    Signatures(Vec<(String, Vec<String>)>),
}

/// A titled document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Document {
    pub(crate) language: &'static str,
    pub(crate) title: String,
    pub(crate) subtitle: String,
    pub(crate) blocks: Vec<Block>,
}

/// Text escaped for HTML element content and attribute values.
pub(crate) fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Text escaped for Markdown: the characters that would start emphasis, code, links, HTML,
/// headings or table cells are backslash-escaped, line breaks become spaces.
pub(crate) fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

impl Document {
    /// The document in Markdown (CommonMark with pipe tables), lines ended by LF.
    pub(crate) fn to_markdown(&self) -> String {
        let mut out = format!(
            "# {}\n\n**{}**\n",
            escape_markdown(&self.title),
            escape_markdown(&self.subtitle)
        );
        for block in &self.blocks {
            out.push('\n');
            match block {
                Block::Heading(text) => {
                    out.push_str(&format!("## {}\n", escape_markdown(text)));
                }
                Block::Paragraph(text) => {
                    out.push_str(&escape_markdown(text));
                    out.push('\n');
                }
                Block::List(items) => {
                    for item in items {
                        out.push_str(&format!("- {}\n", escape_markdown(item)));
                    }
                }
                Block::Table {
                    header,
                    numeric,
                    rows,
                    total,
                } => {
                    let row = |cells: &[String], bold: bool| {
                        let cells: Vec<String> = cells
                            .iter()
                            .map(|c| match (bold, c.is_empty()) {
                                (true, false) => format!("**{}**", escape_markdown(c)),
                                _ => escape_markdown(c),
                            })
                            .collect();
                        format!("| {} |\n", cells.join(" | "))
                    };
                    out.push_str(&row(header, false));
                    let rule: Vec<&str> = numeric
                        .iter()
                        .map(|n| if *n { "---:" } else { "---" })
                        .collect();
                    out.push_str(&format!("| {} |\n", rule.join(" | ")));
                    for cells in rows {
                        out.push_str(&row(cells, false));
                    }
                    if let Some(cells) = total {
                        out.push_str(&row(cells, true));
                    }
                }
                Block::Signatures(parties) => {
                    for (index, (role, lines)) in parties.iter().enumerate() {
                        if index > 0 {
                            out.push('\n');
                        }
                        out.push_str(&format!("**{}**\n\n", escape_markdown(role)));
                        for line in lines {
                            out.push_str(&format!("{}  \n", escape_markdown(line)));
                        }
                        out.push_str("\n\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\n");
                    }
                }
            }
        }
        out
    }

    /// The document as one self-contained HTML page with inline CSS for screen and A4 print.
    pub(crate) fn to_html(&self) -> String {
        let mut out = String::new();
        out.push_str("<!DOCTYPE html>\n");
        out.push_str(&format!("<html lang=\"{}\">\n<head>\n", self.language));
        out.push_str("<meta charset=\"utf-8\">\n");
        out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        out.push_str(&format!(
            "<title>{} – {}</title>\n",
            escape_html(&self.title),
            escape_html(&self.subtitle)
        ));
        out.push_str(STYLE);
        out.push_str(&page_style(self.language));
        out.push_str("</head>\n<body>\n<main>\n");
        out.push_str(&format!(
            "<header>\n<h1>{}</h1>\n<p class=\"reference\">{}</p>\n</header>\n",
            escape_html(&self.title),
            escape_html(&self.subtitle)
        ));
        let mut open_section = false;
        for block in &self.blocks {
            match block {
                Block::Heading(text) => {
                    if open_section {
                        out.push_str("</section>\n");
                    }
                    out.push_str(&format!("<section>\n<h2>{}</h2>\n", escape_html(text)));
                    open_section = true;
                }
                Block::Paragraph(text) => {
                    out.push_str(&format!("<p>{}</p>\n", escape_html(text)));
                }
                Block::List(items) => {
                    out.push_str("<ul>\n");
                    for item in items {
                        out.push_str(&format!("<li>{}</li>\n", escape_html(item)));
                    }
                    out.push_str("</ul>\n");
                }
                Block::Table {
                    header,
                    numeric,
                    rows,
                    total,
                } => {
                    let class = |i: usize| {
                        if numeric.get(i).copied().unwrap_or(false) {
                            " class=\"num\""
                        } else {
                            ""
                        }
                    };
                    out.push_str("<table>\n<thead>\n<tr>");
                    for (i, cell) in header.iter().enumerate() {
                        out.push_str(&format!("<th{}>{}</th>", class(i), escape_html(cell)));
                    }
                    out.push_str("</tr>\n</thead>\n<tbody>\n");
                    for cells in rows {
                        out.push_str("<tr>");
                        for (i, cell) in cells.iter().enumerate() {
                            out.push_str(&format!("<td{}>{}</td>", class(i), escape_html(cell)));
                        }
                        out.push_str("</tr>\n");
                    }
                    // The total is the last row of the body, not a <tfoot>: a browser prints a
                    // footer at the bottom of every page the table spans, and a long plan would
                    // show its grand total at each page break.
                    if let Some(cells) = total {
                        out.push_str("<tr class=\"total\">");
                        for (i, cell) in cells.iter().enumerate() {
                            out.push_str(&format!("<td{}>{}</td>", class(i), escape_html(cell)));
                        }
                        out.push_str("</tr>\n");
                    }
                    out.push_str("</tbody>\n</table>\n");
                }
                Block::Signatures(parties) => {
                    out.push_str("<div class=\"signatures\">\n");
                    for (role, lines) in parties {
                        out.push_str(&format!(
                            "<div class=\"signature\">\n<h3>{}</h3>\n",
                            escape_html(role)
                        ));
                        for line in lines {
                            out.push_str(&format!("<p>{}</p>\n", escape_html(line)));
                        }
                        out.push_str("<div class=\"sign-here\"></div>\n</div>\n");
                    }
                    out.push_str("</div>\n");
                }
            }
        }
        if open_section {
            out.push_str("</section>\n");
        }
        out.push_str("</main>\n</body>\n</html>\n");
        out
    }
}

/// The page furniture of a printed agreement: "page 2 / 4" at the bottom right of every page and
/// a place for both parties' initials at the bottom left, in the document's language.
fn page_style(language: &str) -> String {
    let (page, initials) = match language {
        "fr" => ("page ", "Paraphes : créancier ______  débiteur ______"),
        _ => ("page ", "Initials: creditor ______  debtor ______"),
    };
    format!(
        "<style>\n@page {{\n  @bottom-right {{ content: \"{page}\" counter(page) \" / \" counter(pages); font-size: 8.5pt; }}\n  @bottom-left {{ content: \"{initials}\"; font-size: 8.5pt; }}\n}}\n</style>\n"
    )
}

/// Print-first styles: A4 pages with 18 mm margins, a serif body, tables that do not split a
/// row across pages, signature blocks kept together.
const STYLE: &str = "<style>
@page { size: A4; margin: 18mm 18mm 20mm 18mm; }
* { box-sizing: border-box; }
html { background: #f2f2f2; }
body { margin: 0; font-family: \"DejaVu Serif\", Georgia, \"Times New Roman\", serif; font-size: 10.5pt; line-height: 1.45; color: #111; }
main { background: #fff; width: 210mm; min-height: 297mm; margin: 0 auto; padding: 18mm; }
header { border-bottom: 2px solid #222; margin-bottom: 6mm; }
h1 { font-size: 18pt; margin: 0 0 1mm 0; letter-spacing: 0.02em; }
.reference { margin: 0 0 3mm 0; color: #444; }
h2 { font-size: 12pt; margin: 6mm 0 2mm 0; padding-bottom: 1mm; border-bottom: 1px solid #bbb; break-after: avoid; }
h3 { font-size: 10.5pt; margin: 0 0 2mm 0; }
p { margin: 0 0 2mm 0; }
ul { margin: 0 0 2mm 0; padding-left: 6mm; }
table { width: 100%; border-collapse: collapse; margin: 2mm 0 3mm 0; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid #999; padding: 1.2mm 2mm; text-align: left; vertical-align: top; }
th { background: #eee; font-weight: bold; }
td.num, th.num { text-align: right; white-space: nowrap; }
tr.total td { font-weight: bold; background: #f6f6f6; }
tr { break-inside: avoid; }
.signatures { display: flex; gap: 10mm; margin-top: 4mm; break-inside: avoid; }
.signature { flex: 1; border: 1px solid #999; padding: 3mm; min-height: 45mm; display: flex; flex-direction: column; }
.signature p { margin: 0 0 1mm 0; }
.sign-here { flex: 1; min-height: 18mm; border-bottom: 1px dotted #666; }
@media print {
  html { background: none; }
  main { width: auto; min-height: 0; margin: 0; padding: 0; }
  section { break-inside: auto; }
}
</style>
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_every_special_character() {
        assert_eq!(
            escape_html("<script>alert('x & \"y\"')</script>"),
            "&lt;script&gt;alert(&#39;x &amp; &quot;y&quot;&#39;)&lt;/script&gt;"
        );
    }

    #[test]
    fn markdown_escapes_what_would_change_the_layout() {
        assert_eq!(
            escape_markdown("*a* _b_ [c](d) <e> |f| #g `h` \\\nline"),
            "\\*a\\* \\_b\\_ \\[c\\](d) \\<e\\> \\|f\\| \\#g \\`h\\` \\\\ line"
        );
    }
}
