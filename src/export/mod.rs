//! Exports: a schedule or a statement as text other programs and people read — CSV for
//! spreadsheets and ledgers, an iCalendar file of the due dates with reminders, and a printable
//! agreement in Markdown or HTML.
//!
//! Every export is a pure function of its inputs returning a `String`: no file, no clock, no
//! randomness. The same plan gives the same bytes on every platform, so an export can be kept as
//! the record of what was sent or signed.

mod agreement;
mod csv;
mod document;
mod ics;

pub use agreement::{Party, PaymentMethod, PlanAgreement};
pub use csv::{schedule_csv, statement_charges_csv, statement_csv, CsvWriter, FormulaCells};
pub use ics::CalendarExport;
