//! Statements as readable English tables.

use core::fmt;

use crate::statement::{InstalmentStatus, ReminderKind, Statement};

impl fmt::Display for InstalmentStatus {
    /// The status in words: "paid", "paid 3 days late", "overdue by 12 days", …
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = |n: u32| if n == 1 { "" } else { "s" };
        match self {
            InstalmentStatus::Paid => f.write_str("paid"),
            InstalmentStatus::PaidLate { days_late } => {
                write!(f, "paid {days_late} day{} late", plural(*days_late))
            }
            InstalmentStatus::PartiallyPaid => f.write_str("partially paid in advance"),
            InstalmentStatus::Overdue { days_overdue } => {
                write!(f, "overdue by {days_overdue} day{}", plural(*days_overdue))
            }
            InstalmentStatus::DueToday => f.write_str("due today"),
            InstalmentStatus::Upcoming => f.write_str("upcoming"),
        }
    }
}

impl fmt::Display for Statement {
    /// A table of the instalments (number, due date, amount, paid, penalties, status), then the
    /// totals, the next due date and the reminders.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let code = self.currency().code().to_owned();
        let amount = |m: crate::money::Money| m.amount().to_string();
        writeln!(f, "Statement as of {} (amounts in {code})", self.as_of())?;
        writeln!(
            f,
            "{:>4}  {:<10}  {:>12}  {:>12}  {:>10}  status",
            "#", "due", "amount", "paid", "penalties"
        )?;
        for line in self.instalments() {
            let penalties = line
                .late_interest()
                .checked_add(line.compensation())
                .map_err(|_| fmt::Error)?;
            writeln!(
                f,
                "{:>4}  {}  {:>12}  {:>12}  {:>10}  {}",
                line.number(),
                line.due_date(),
                amount(line.amount()),
                amount(line.paid()),
                amount(penalties),
                line.status()
            )?;
        }
        writeln!(f, "Paid:                 {}", self.paid())?;
        writeln!(f, "Arrears:              {}", self.arrears())?;
        writeln!(
            f,
            "Penalties:            {} accrued, {} paid, {} outstanding",
            self.penalties_accrued(),
            self.penalties_paid(),
            self.penalties_outstanding()
        )?;
        if !self.discounts_earned().is_zero() {
            writeln!(f, "Discounts earned:     {}", self.discounts_earned())?;
        }
        for line in self.charges() {
            let charge = line.charge();
            writeln!(
                f,
                "Charge {} ({}, {}) due {}: {}, {} paid",
                charge.reference(),
                charge.label(),
                charge.kind(),
                charge.due_date(),
                charge.amount(),
                line.paid()
            )?;
        }
        if !self.charges().is_empty() {
            writeln!(f, "Charges outstanding:  {}", self.charges_outstanding())?;
        }
        writeln!(f, "Credit:               {}", self.credit())?;
        writeln!(f, "Remaining balance:    {}", self.remaining_balance())?;
        match self.next_due() {
            Some(next) => writeln!(
                f,
                "Next due:             instalment {} on {}, {}",
                next.instalment(),
                next.date(),
                next.amount()
            )?,
            None => writeln!(f, "Next due:             nothing")?,
        }
        for reminder in self.reminders() {
            let why = match reminder.kind() {
                ReminderKind::BeforeDue { days_before } => {
                    format!("reminder, {days_before} days before the due date")
                }
                ReminderKind::Dunning { level, days_after } => {
                    format!("dunning letter {level}, {days_after} days after the due date")
                }
            };
            writeln!(
                f,
                "Write on {}: instalment {}, {} owed ({why})",
                reminder.date(),
                reminder.instalment(),
                reminder.amount()
            )?;
        }
        Ok(())
    }
}
