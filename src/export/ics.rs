//! iCalendar (RFC 5545) of a schedule's due dates, with reminders before each one.
//!
//! The practice the crate models asks for a reminder before every due date; a calendar file the
//! debtor imports once puts those reminders on their phone. Each instalment is an all-day event on
//! its due date with one alarm per reminder delay, at a time of day the caller may choose. The file
//! is deterministic: the event UIDs come from the caller's plan reference and the instalment
//! numbers, and DTSTAMP from the moment the caller says the file was made, never from a clock.

use chrono::{NaiveDate, NaiveDateTime};

use crate::error::{Error, Result};
use crate::language::{self, Language};
use crate::schedule::{Instalment, InstalmentKind, Schedule};

/// The largest reminder delay, in days (ten years, as for statement reminders).
const MAX_ALARM_DAYS: u32 = 3660;

/// The longest content line RFC 5545 allows, in octets, line break excluded.
const MAX_LINE: usize = 75;

/// A schedule as an iCalendar file (RFC 5545): one all-day event per instalment, with alarms a
/// chosen number of days before each due date.
///
/// Built by value; [`CalendarExport::render`] checks the options and writes the file. Lines end
/// with CRLF and are folded at 75 octets; text is escaped; each event's UID is
/// `{reference}-{number}` (with `@{domain}` when [`with_uid_domain`](CalendarExport::with_uid_domain)
/// gives one), so importing the file again updates the events instead of duplicating them.
///
/// ```
/// use chrono::NaiveDate;
/// # let made_at = NaiveDate::from_ymd_opt(2027, 1, 5).and_then(|d| d.and_hms_opt(9, 0, 0)).ok_or("date")?;
/// use echeancier::{CalendarExport, Claim, Debt, Frequency, Language, PlanRequest, Sizing};
///
/// let debt = Debt::single(Claim::new("F-1", "900.00 EUR".parse()?)?);
/// let start = NaiveDate::from_ymd_opt(2027, 1, 15).ok_or("date")?;
/// let plan = PlanRequest::new(debt, start, Frequency::MONTHLY, Sizing::Count(3)).generate()?;
/// let ics = CalendarExport::new(&plan, "PLAN-2027-001", made_at)
///     .with_language(Language::French)
///     .with_alarm_days_before(3)
///     .with_summary_prefix("ACME")
///     .render()?;
/// assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
/// assert_eq!(ics.matches("BEGIN:VEVENT").count(), 3);
/// assert!(ics.contains("UID:PLAN-2027-001-2\r\n"));
/// assert!(ics.contains("DTSTART;VALUE=DATE:20270215\r\n"));
/// assert!(ics.contains("SUMMARY:ACME – Échéance 2/3 : 300\\,00 EUR\r\n"));
/// assert!(ics.contains("TRIGGER:-P3D\r\n"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarExport<'a> {
    schedule: &'a Schedule,
    reference: String,
    language: Language,
    alarm_days: Vec<u32>,
    summary_prefix: Option<String>,
    description: Option<String>,
    made_at: NaiveDateTime,
    alarm_time: chrono::NaiveTime,
    uid_domain: Option<String>,
}

impl<'a> CalendarExport<'a> {
    /// The calendar of `schedule`, whose events take their UIDs from `reference` (the plan's
    /// reference in the caller's records), made at `made_at` (UTC): the DTSTAMP of every event,
    /// which RFC 5545 defines as the moment the file was made. The library has no clock, so the
    /// caller gives it (usually "now", or the moment the plan was agreed, for a file that must be
    /// reproduced byte for byte). English, no alarm until one is added.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let made_at = NaiveDate::from_ymd_opt(2027, 1, 5).and_then(|d| d.and_hms_opt(9, 0, 0)).ok_or("date")?;
    /// let debt = Debt::single(Claim::new("F-1", "100.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 15).ok_or("date")?, Frequency::MONTHLY, Sizing::Count(2)).generate()?;
    /// let ics = CalendarExport::new(&plan, "P-1", made_at).render()?;
    /// assert!(ics.contains("SUMMARY:Instalment 1/2: 50.00 EUR\r\n"));
    /// assert!(!ics.contains("BEGIN:VALARM"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        schedule: &'a Schedule,
        reference: impl Into<String>,
        made_at: NaiveDateTime,
    ) -> CalendarExport<'a> {
        CalendarExport {
            schedule,
            reference: reference.into(),
            language: Language::default(),
            alarm_days: Vec::new(),
            summary_prefix: None,
            description: None,
            made_at,
            alarm_time: chrono::NaiveTime::MIN,
            uid_domain: None,
        }
    }

    /// The language of the summaries, descriptions and alarms.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let made_at = NaiveDate::from_ymd_opt(2027, 1, 5).and_then(|d| d.and_hms_opt(9, 0, 0)).ok_or("date")?;
    /// let debt = Debt::single(Claim::new("F-1", "1000.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 15).ok_or("date")?, Frequency::MONTHLY, Sizing::Count(1)).generate()?;
    /// let ics = CalendarExport::new(&plan, "P-1", made_at).with_language(Language::French).render()?;
    /// assert!(ics.contains("SUMMARY:Échéance 1/1 : 1 000\\,00 EUR\r\n"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_language(mut self, language: Language) -> CalendarExport<'a> {
        self.language = language;
        self
    }

    /// Adds an alarm `days` days before each due date (0: on the day), at the start of the
    /// all-day event. Call it again for several reminders; the same delay twice gives one alarm.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let made_at = NaiveDate::from_ymd_opt(2027, 1, 5).and_then(|d| d.and_hms_opt(9, 0, 0)).ok_or("date")?;
    /// let debt = Debt::single(Claim::new("F-1", "100.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 15).ok_or("date")?, Frequency::MONTHLY, Sizing::Count(2)).generate()?;
    /// let ics = CalendarExport::new(&plan, "P-1", made_at).with_alarm_days_before(7).with_alarm_days_before(1).render()?;
    /// assert_eq!(ics.matches("BEGIN:VALARM").count(), 4);
    /// assert!(ics.contains("TRIGGER:-P7D\r\n") && ics.contains("TRIGGER:-P1D\r\n"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_alarm_days_before(mut self, days: u32) -> CalendarExport<'a> {
        if !self.alarm_days.contains(&days) {
            self.alarm_days.push(days);
        }
        self
    }

    /// A prefix for every event's summary, such as the creditor's name: `ACME – Instalment 1/2:
    /// 50.00 EUR`.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let made_at = NaiveDate::from_ymd_opt(2027, 1, 5).and_then(|d| d.and_hms_opt(9, 0, 0)).ok_or("date")?;
    /// let debt = Debt::single(Claim::new("F-1", "100.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 15).ok_or("date")?, Frequency::MONTHLY, Sizing::Count(2)).generate()?;
    /// let ics = CalendarExport::new(&plan, "P-1", made_at).with_summary_prefix("ACME").render()?;
    /// assert!(ics.contains("SUMMARY:ACME – Instalment 1/2: 50.00 EUR\r\n"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_summary_prefix(mut self, prefix: impl Into<String>) -> CalendarExport<'a> {
        self.summary_prefix = Some(prefix.into());
        self
    }

    /// Text added to every event's description, such as how to pay (IBAN, payment reference).
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let made_at = NaiveDate::from_ymd_opt(2027, 1, 5).and_then(|d| d.and_hms_opt(9, 0, 0)).ok_or("date")?;
    /// let debt = Debt::single(Claim::new("F-1", "100.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 15).ok_or("date")?, Frequency::MONTHLY, Sizing::Count(2)).generate()?;
    /// let ics = CalendarExport::new(&plan, "P-1", made_at).with_description("Transfer to FR76 3000 6000 0112 3456 7890 189").render()?;
    /// // Long lines are folded: unfold them before looking for a phrase.
    /// let unfolded = ics.replace("\r\n ", "");
    /// assert!(unfolded.contains("\\nTransfer to FR76 3000 6000 0112 3456 7890 189\r\n"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_description(mut self, text: impl Into<String>) -> CalendarExport<'a> {
        self.description = Some(text.into());
        self
    }

    /// The time of day the alarms fire (local time of the calendar that imports the file), 09:00
    /// for instance; midnight, the start of the all-day event, by default. An alarm `days` before
    /// a due date fires on that day at this time.
    ///
    /// ```
    /// # use echeancier::*; use chrono::{NaiveDate, NaiveTime};
    /// # let made_at = NaiveDate::from_ymd_opt(2027, 1, 5).and_then(|d| d.and_hms_opt(9, 0, 0)).ok_or("date")?;
    /// let debt = Debt::single(Claim::new("F-1", "100.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 15).ok_or("date")?, Frequency::MONTHLY, Sizing::Count(2)).generate()?;
    /// let nine = NaiveTime::from_hms_opt(9, 0, 0).ok_or("time")?;
    /// let ics = CalendarExport::new(&plan, "P-1", made_at)
    ///     .with_alarm_days_before(3)
    ///     .with_alarm_days_before(0)
    ///     .with_alarm_time(nine)
    ///     .render()?;
    /// assert!(ics.contains("TRIGGER:-P2DT15H\r\n")); // 3 days before, at 09:00
    /// assert!(ics.contains("TRIGGER:PT9H\r\n")); // on the day, at 09:00
    /// assert!(ics.contains("DTSTAMP:20270105T090000Z\r\n"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_alarm_time(mut self, time: chrono::NaiveTime) -> CalendarExport<'a> {
        self.alarm_time = time;
        self
    }

    /// A domain for the UIDs (`PLAN-1-3@example.com`), so they are unique across creditors.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let made_at = NaiveDate::from_ymd_opt(2027, 1, 5).and_then(|d| d.and_hms_opt(9, 0, 0)).ok_or("date")?;
    /// let debt = Debt::single(Claim::new("F-1", "100.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 15).ok_or("date")?, Frequency::MONTHLY, Sizing::Count(2)).generate()?;
    /// let ics = CalendarExport::new(&plan, "PLAN-1", made_at).with_uid_domain("example.com").render()?;
    /// assert!(ics.contains("UID:PLAN-1-2@example.com\r\n"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_uid_domain(mut self, domain: impl Into<String>) -> CalendarExport<'a> {
        self.uid_domain = Some(domain.into());
        self
    }

    /// The iCalendar file.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyReference`] when the plan reference, or a domain given for the UIDs, is
    /// blank; [`Error::InvalidDays`] for an alarm more than 3,660 days before a due date;
    /// [`Error::DateOutOfRange`] when the day after a due date (the end of its all-day event) is
    /// beyond the calendar.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let made_at = NaiveDate::from_ymd_opt(2027, 1, 5).and_then(|d| d.and_hms_opt(9, 0, 0)).ok_or("date")?;
    /// let debt = Debt::single(Claim::new("F-1", "100.00 EUR".parse()?)?);
    /// let plan = PlanRequest::new(debt, NaiveDate::from_ymd_opt(2027, 1, 15).ok_or("date")?, Frequency::MONTHLY, Sizing::Count(2)).generate()?;
    /// let err = CalendarExport::new(&plan, " ", made_at).render().unwrap_err();
    /// assert_eq!(err.to_string(), "a plan reference must not be empty");
    /// let err = CalendarExport::new(&plan, "P-1", made_at).with_alarm_days_before(4000).render().unwrap_err();
    /// assert_eq!(err.to_string(), "invalid days before a due date 4000: must be 0 to 3660");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn render(&self) -> Result<String> {
        crate::input::check_text(crate::input::Text::Reference, "a plan", &self.reference)?;
        if self
            .uid_domain
            .as_ref()
            .is_some_and(|d| d.trim().is_empty())
        {
            return Err(Error::EmptyReference {
                what: "a calendar domain",
            });
        }
        if let Some(days) = self.alarm_days.iter().find(|d| **d > MAX_ALARM_DAYS) {
            return Err(Error::InvalidDays {
                what: "days before a due date",
                days: *days,
                range: "0 to 3660",
            });
        }
        let stamp = self.made_at;
        let mut out = String::new();
        let code = self.language.code().to_ascii_uppercase();
        line(&mut out, "BEGIN", "VCALENDAR");
        line(&mut out, "VERSION", "2.0");
        line(
            &mut out,
            "PRODID",
            &format!("-//echeancier//payment plan//{code}"),
        );
        line(&mut out, "CALSCALE", "GREGORIAN");
        line(&mut out, "METHOD", "PUBLISH");
        line(&mut out, "X-WR-CALNAME", &text(&self.calendar_name()));
        let regular = self
            .schedule
            .instalments()
            .iter()
            .filter(|i| i.kind() == InstalmentKind::Regular)
            .count();
        for instalment in self.schedule.instalments() {
            self.event(&mut out, instalment, regular, stamp)?;
        }
        line(&mut out, "END", "VCALENDAR");
        Ok(out)
    }

    fn calendar_name(&self) -> String {
        match self.language {
            Language::English => format!("Payment plan {}", self.reference),
            Language::French => format!("Échéancier {}", self.reference),
        }
    }

    fn event(
        &self,
        out: &mut String,
        instalment: &Instalment,
        regular: usize,
        stamp: NaiveDateTime,
    ) -> Result<()> {
        let due = instalment.due_date();
        let end = due.succ_opt().ok_or_else(|| Error::DateOutOfRange {
            what: format!("the day after the due date {due}"),
        })?;
        let lang = self.language;
        let amount = language::money(instalment.amount(), lang);
        let number = instalment.number();
        let (title, reminder) = match (instalment.kind(), lang) {
            (InstalmentKind::DownPayment, Language::English) => (
                format!("Down payment: {amount}"),
                format!(
                    "Reminder: the down payment of {amount} is due on {}",
                    language::date(due, lang)
                ),
            ),
            (InstalmentKind::DownPayment, Language::French) => (
                format!("Acompte : {amount}"),
                format!(
                    "Rappel : l’acompte de {amount} est dû le {}",
                    language::date(due, lang)
                ),
            ),
            (InstalmentKind::Regular, Language::English) => (
                format!("Instalment {number}/{regular}: {amount}"),
                format!(
                    "Reminder: instalment {number}/{regular} of {amount} is due on {}",
                    language::date(due, lang)
                ),
            ),
            (InstalmentKind::Regular, Language::French) => (
                format!("Échéance {number}/{regular} : {amount}"),
                format!(
                    "Rappel : l’échéance {number}/{regular} de {amount} est due le {}",
                    language::date(due, lang)
                ),
            ),
        };
        let summary = match &self.summary_prefix {
            Some(prefix) => format!("{prefix} – {title}"),
            None => title,
        };
        let mut description = self.event_description(instalment);
        if let Some(extra) = &self.description {
            description.push('\n');
            description.push_str(extra);
        }
        let uid = match &self.uid_domain {
            Some(domain) => format!("{}-{number}@{domain}", self.reference),
            None => format!("{}-{number}", self.reference),
        };
        line(out, "BEGIN", "VEVENT");
        line(out, "UID", &text(&uid));
        line(out, "DTSTAMP", &stamp.format("%Y%m%dT%H%M%SZ").to_string());
        line(out, "DTSTART;VALUE=DATE", &ics_date(due));
        line(out, "DTEND;VALUE=DATE", &ics_date(end));
        line(out, "SUMMARY", &text(&summary));
        line(out, "DESCRIPTION", &text(&description));
        line(out, "TRANSP", "TRANSPARENT");
        for days in &self.alarm_days {
            line(out, "BEGIN", "VALARM");
            line(out, "ACTION", "DISPLAY");
            line(out, "TRIGGER", &trigger(*days, self.alarm_time));
            line(out, "DESCRIPTION", &text(&reminder));
            line(out, "END", "VALARM");
        }
        line(out, "END", "VEVENT");
        Ok(())
    }

    /// What the instalment repays and what remains after it, in the export's language.
    fn event_description(&self, i: &Instalment) -> String {
        let lang = self.language;
        let m = |money| language::money(money, lang);
        let due = language::date(i.due_date(), lang);
        match lang {
            Language::English => format!(
                "Plan {}, due on {due}: {} (principal {}, interest {}, fees {}). Balance after it: {}.",
                self.reference,
                m(i.amount()),
                m(i.principal()),
                m(i.interest()),
                m(i.fees()),
                m(i.balance_after()),
            ),
            Language::French => format!(
                "Échéancier {}, échéance du {due} : {} (capital {}, intérêts {}, frais {}). Reste dû après paiement : {}.",
                self.reference,
                m(i.amount()),
                m(i.principal()),
                m(i.interest()),
                m(i.fees()),
                m(i.balance_after()),
            ),
        }
    }
}

/// `20270115`: a DATE value.
fn ics_date(date: NaiveDate) -> String {
    date.format("%Y%m%d").to_string()
}

/// A TEXT value escaped (RFC 5545, 3.3.11): backslash, semicolon and comma behind a backslash,
/// every line break (CRLF, CR or LF) as `\n`.
pub(crate) fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            // Other control characters are not allowed in TEXT.
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends the content line `name:value` (value already escaped), folded so that no line is
/// longer than 75 octets: a fold is CRLF and one space, and never splits a UTF-8 character.
///
/// Some parsers trim the whitespace at the end of each physical line, which RFC 5545 does not
/// allow but which would eat a space of the text; so a fold never leaves a physical line ending
/// in whitespace: a short run of it moves to the start of the next line, after the fold's space.
pub(crate) fn line(out: &mut String, name: &str, value: &str) {
    const MAX_CARRIED: usize = 16;
    let mut current = String::with_capacity(MAX_LINE);
    for c in name
        .chars()
        .chain(core::iter::once(':'))
        .chain(value.chars())
    {
        if current.len().saturating_add(c.len_utf8()) > MAX_LINE {
            let kept = current.trim_end_matches([' ', '\t']).len();
            let carried = if kept > 1 && current.len().saturating_sub(kept) <= MAX_CARRIED {
                current.split_off(kept)
            } else {
                String::new()
            };
            out.push_str(&current);
            out.push_str("\r\n");
            current.clear();
            current.push(' ');
            current.push_str(&carried);
        }
        current.push(c);
    }
    out.push_str(&current);
    out.push_str("\r\n");
}

/// The TRIGGER of an alarm `days` before the start of an all-day event, at `time` that day: a
/// duration from the start (midnight), negative when before it (`-P3D`, `-P2DT15H`, `PT9H`).
fn trigger(days: u32, time: chrono::NaiveTime) -> String {
    use chrono::Timelike;
    if time == chrono::NaiveTime::MIN {
        // At the start of the event: days before it (`-P0D` on the day itself).
        return format!("-P{days}D");
    }
    // Both factors are small (days ≤ 3,660 is checked before, a time of day < 86,400 s): the
    // arithmetic on them cannot overflow an i64.
    let before = i64::from(days).saturating_mul(86_400);
    let offset = i64::from(time.num_seconds_from_midnight()).saturating_sub(before);
    let sign = if offset < 0 { "-" } else { "" };
    let total = offset.unsigned_abs();
    let (d, rest) = (total / 86_400, total % 86_400);
    let (h, m, sec) = (rest / 3600, rest % 3600 / 60, rest % 60);
    let mut out = format!("{sign}P");
    if d > 0 || rest == 0 {
        out.push_str(&format!("{d}D"));
    }
    if rest > 0 {
        out.push('T');
        if h > 0 {
            out.push_str(&format!("{h}H"));
        }
        if m > 0 {
            out.push_str(&format!("{m}M"));
        }
        if sec > 0 {
            out.push_str(&format!("{sec}S"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alarm_triggers_count_from_the_start_of_the_all_day_event() {
        let at = |h, m| chrono::NaiveTime::from_hms_opt(h, m, 0).unwrap();
        assert_eq!(trigger(3, chrono::NaiveTime::MIN), "-P3D");
        assert_eq!(trigger(0, chrono::NaiveTime::MIN), "-P0D");
        assert_eq!(trigger(3, at(9, 0)), "-P2DT15H");
        assert_eq!(trigger(1, at(18, 30)), "-PT5H30M");
        assert_eq!(trigger(0, at(9, 0)), "PT9H");
        assert_eq!(trigger(7, at(8, 15)), "-P6DT15H45M");
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(text("a,b;c\\d\r\ne\nf\rg"), "a\\,b\\;c\\\\d\\ne\\nf\\ng");
        assert_eq!(text("bell\u{7}"), "bell");
    }

    #[test]
    fn long_lines_are_folded_at_75_octets_between_characters() {
        let mut out = String::new();
        let value = "é".repeat(100);
        line(&mut out, "SUMMARY", &value);
        for physical in out.split_terminator("\r\n") {
            assert!(physical.len() <= MAX_LINE, "{} octets", physical.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{value}\r\n"));
        let mut short = String::new();
        line(&mut short, "A", &"x".repeat(73));
        assert_eq!(short.len(), 77); // 75 octets and CRLF: no fold
        let mut longer = String::new();
        line(&mut longer, "A", &"x".repeat(74));
        assert_eq!(longer, format!("A:{}\r\n x\r\n", "x".repeat(73)));
    }

    #[test]
    fn no_folded_line_ends_in_whitespace() {
        let mut out = String::new();
        line(&mut out, "A", &format!("{}  b", "x".repeat(71)));
        assert_eq!(out, format!("A:{}\r\n   b\r\n", "x".repeat(71)));
        let mut spaces = String::new();
        line(&mut spaces, "A", &" ".repeat(80));
        assert!(spaces.split_terminator("\r\n").all(|l| l.len() <= MAX_LINE));
        assert_eq!(
            spaces.replace("\r\n ", ""),
            format!("A:{}\r\n", " ".repeat(80))
        );
    }
}
