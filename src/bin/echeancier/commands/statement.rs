//! `statement`: where a plan stands on a date after the payments made.

use echeancier::{InstalmentStatus, Language, Money, ReminderKind, Statement};

use crate::error::CliError;
use crate::render::{self, Align, Output, Table};
use crate::requests::{Source, StatementRequest};
use crate::Format;

/// `statement`: the input is a [`StatementRequest`].
pub(crate) fn statement(source: &Source, out: Output) -> Result<String, CliError> {
    let mut request: StatementRequest = source.parse()?;
    let schedule = request.take_plan(source)?;
    let statement = Statement::new(
        &schedule,
        &request.payments,
        &request.options,
        request.as_of,
    )?;
    render_statement(&statement, out)
}

/// A statement in the output's format.
pub(crate) fn render_statement(statement: &Statement, out: Output) -> Result<String, CliError> {
    match out.format {
        Format::Json => render::json(statement),
        Format::Csv => Ok(echeancier::statement_csv(statement)),
        Format::Table => table(statement, out),
    }
}

fn status(status: InstalmentStatus, out: Output) -> String {
    if out.language != Language::French {
        return status.to_string();
    }
    match status {
        InstalmentStatus::Paid => "payée".to_owned(),
        InstalmentStatus::PaidLate { days_late } => {
            format!("payée avec {days_late} jours de retard")
        }
        InstalmentStatus::PartiallyPaid => "payée en partie".to_owned(),
        InstalmentStatus::Overdue { days_overdue } => format!("en retard de {days_overdue} jours"),
        InstalmentStatus::DueToday => "due aujourd'hui".to_owned(),
        InstalmentStatus::Upcoming => "à venir".to_owned(),
        other => other.to_string(),
    }
}

/// The charges added after signature: reference, what for, due date, amount, paid, outstanding.
fn charges_table(statement: &Statement, out: Output) -> String {
    let currency = statement.currency();
    let mut table = Table::new([
        (out.text("charge", "frais").to_owned(), Align::Left),
        (out.text("for", "objet").to_owned(), Align::Left),
        (out.text("due date", "échéance").to_owned(), Align::Left),
        (
            format!("{} ({currency})", out.text("amount", "montant")),
            Align::Right,
        ),
        (out.text("paid", "payé").to_owned(), Align::Right),
        (out.text("unpaid", "impayé").to_owned(), Align::Right),
    ]);
    for line in statement.charges() {
        let charge = line.charge();
        table.row(vec![
            charge.reference().to_owned(),
            charge.label().to_owned(),
            charge.due_date().to_string(),
            out.amount(charge.amount()),
            out.amount(line.paid()),
            out.amount(line.outstanding()),
        ]);
    }
    table.render()
}

fn table(statement: &Statement, out: Output) -> Result<String, CliError> {
    let currency = statement.currency();
    let mut table = Table::new([
        ("#".to_owned(), Align::Right),
        (out.text("due date", "échéance").to_owned(), Align::Left),
        (
            format!("{} ({currency})", out.text("amount", "montant")),
            Align::Right,
        ),
        (out.text("paid", "payé").to_owned(), Align::Right),
        (out.text("unpaid", "impayé").to_owned(), Align::Right),
        (out.text("penalties", "pénalités").to_owned(), Align::Right),
        (out.text("status", "état").to_owned(), Align::Left),
    ]);
    let zero = Money::zero(currency);
    let (mut amount, mut paid, mut unpaid, mut penalties) = (zero, zero, zero, zero);
    for line in statement.instalments() {
        let line_penalties = line.late_interest().checked_add(line.compensation())?;
        amount = amount.checked_add(line.amount())?;
        paid = paid.checked_add(line.paid())?;
        unpaid = unpaid.checked_add(line.unpaid())?;
        penalties = penalties.checked_add(line_penalties)?;
        table.row(vec![
            line.number().to_string(),
            line.due_date().to_string(),
            out.amount(line.amount()),
            out.amount(line.paid()),
            out.amount(line.unpaid()),
            out.amount(line_penalties),
            status(line.status(), out),
        ]);
    }
    table.totals(vec![
        String::new(),
        out.text("total", "total").to_owned(),
        out.amount(amount),
        out.amount(paid),
        out.amount(unpaid),
        out.amount(penalties),
        String::new(),
    ]);
    let mut text = format!(
        "{} {}\n\n{}\n",
        out.text("Statement as of", "Relevé au"),
        statement.as_of(),
        table.render()
    );
    if !statement.charges().is_empty() {
        text.push_str(&charges_table(statement, out));
        text.push('\n');
    }
    let mut summary = Table::new([(String::new(), Align::Left), (String::new(), Align::Right)]);
    let lines = [
        (out.text("paid", "payé"), statement.paid()),
        (out.text("arrears", "arriérés"), statement.arrears()),
        (
            out.text("penalties accrued", "pénalités courues"),
            statement.penalties_accrued(),
        ),
        (
            out.text("penalties paid", "pénalités payées"),
            statement.penalties_paid(),
        ),
        (
            out.text("penalties outstanding", "pénalités dues"),
            statement.penalties_outstanding(),
        ),
        (
            out.text("discounts earned", "remises acquises"),
            statement.discounts_earned(),
        ),
    ];
    // The credit carried over from an earlier version of the plan and the refunds, when there
    // are some (an account's later versions).
    let credit_moves = [
        (
            out.text("credit carried over", "avoir reporté"),
            statement.opening_credit(),
        ),
        (out.text("refunded", "remboursé"), statement.refunded()),
    ];
    let balance = [
        (out.text("credit", "avoir"), statement.credit()),
        (
            out.text("remaining balance", "reste dû"),
            statement.remaining_balance(),
        ),
    ];
    let charges = (
        out.text("charges outstanding", "frais et pénalités imputés dus"),
        statement.charges_outstanding(),
    );
    let lines = lines
        .into_iter()
        .chain(credit_moves.into_iter().filter(|(_, m)| !m.is_zero()))
        .chain(Some(charges).filter(|_| !statement.charges().is_empty()))
        .chain(balance);
    for (label, money) in lines {
        summary.row(vec![
            label.to_owned(),
            format!("{} {currency}", out.amount(money)),
        ]);
    }
    // The summary has no headings: drop its heading line and rule.
    for line in summary.render().lines().skip(2) {
        text.push_str(line);
        text.push('\n');
    }
    match statement.next_due() {
        Some(next) => text.push_str(&format!(
            "{} {} {} {}, {} {currency}\n",
            out.text("next due: instalment", "prochaine échéance : n°"),
            next.instalment(),
            out.text("on", "le"),
            next.date(),
            out.amount(next.amount()),
        )),
        None => text.push_str(out.text("next due: nothing\n", "prochaine échéance : aucune\n")),
    }
    for reminder in statement.reminders() {
        let why = match reminder.kind() {
            ReminderKind::BeforeDue { days_before } => format!(
                "{} {days_before} {}",
                out.text("reminder,", "rappel,"),
                out.text("days before the due date", "jours avant l'échéance")
            ),
            ReminderKind::Dunning { level, days_after } => format!(
                "{} {level}, {days_after} {}",
                out.text("dunning letter", "relance"),
                out.text("days after the due date", "jours après l'échéance")
            ),
            _ => out.text("reminder", "rappel").to_owned(),
        };
        text.push_str(&format!(
            "{} {}{} {} {}, {} {currency} ({why})\n",
            out.text("write on", "écrire le"),
            reminder.date(),
            out.colon(),
            out.text("instalment", "échéance n°"),
            reminder.instalment(),
            out.amount(reminder.amount()),
        ));
    }
    Ok(text)
}
