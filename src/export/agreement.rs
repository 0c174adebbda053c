//! A printable payment plan agreement, in French or English, as Markdown or HTML.
//!
//! What the practice asks a written plan to contain: who the parties are, the total due and what
//! it is made of, each instalment's amount and date, how to pay, the late-payment penalties and
//! compensation, what happens if the plan is broken, whom to contact with questions, and the
//! signatures of both parties. [`PlanAgreement`] gathers those parts, refuses to render without
//! the ones a plan cannot do without, and writes every figure the way the crate's explanations do.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::adjust::LapseRule;
use crate::debt::Debt;
use crate::error::{Error, Result};
use crate::export::document::{Block, Document};
use crate::input::{check_text, Text};
use crate::language::{self, Language};
use crate::money::Money;
use crate::penalty::{CompensationBasis, PenaltyPolicy};
use crate::schedule::{InstalmentKind, Schedule};

/// A party to an agreement: a name, a postal address and how to reach them.
///
/// ```
/// use echeancier::Party;
///
/// let creditor = Party::new("Atelier Durand SARL")
///     .with_address_line("12 rue des Lilas")
///     .with_address_line("69003 Lyon")
///     .with_contact("compta@durand.example, 04 72 00 00 00");
/// assert_eq!(creditor.name(), "Atelier Durand SARL");
/// assert_eq!(creditor.address().len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Party {
    name: String,
    #[cfg_attr(feature = "serde", serde(default))]
    address: Vec<String>,
    #[cfg_attr(feature = "serde", serde(default))]
    contact: Option<String>,
}

impl Party {
    /// A party called `name` (a person or a company).
    ///
    /// See [`Party`] for an example.
    pub fn new(name: impl Into<String>) -> Party {
        Party {
            name: name.into(),
            address: Vec::new(),
            contact: None,
        }
    }

    /// Adds a line of the postal address.
    ///
    /// See [`Party`] for an example.
    pub fn with_address_line(mut self, line: impl Into<String>) -> Party {
        self.address.push(line.into());
        self
    }

    /// How to reach the party (e-mail, telephone).
    ///
    /// See [`Party`] for an example.
    pub fn with_contact(mut self, contact: impl Into<String>) -> Party {
        self.contact = Some(contact.into());
        self
    }

    /// The name.
    ///
    /// See [`Party`] for an example.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The lines of the postal address.
    ///
    /// See [`Party`] for an example.
    pub fn address(&self) -> &[String] {
        &self.address
    }

    /// How to reach the party, if given.
    ///
    /// ```
    /// assert_eq!(echeancier::Party::new("A").with_contact("a@example.com").contact(), Some("a@example.com"));
    /// ```
    pub fn contact(&self) -> Option<&str> {
        self.contact.as_deref()
    }
}

/// One way the debtor may pay the instalments.
///
/// ```
/// use echeancier::{Language, PaymentMethod};
///
/// let transfer = PaymentMethod::bank_transfer("FR76 3000 6000 0112 3456 7890 189", "PLAN-2027-014")
///     .with_bic("AGRIFRPP");
/// assert_eq!(
///     transfer.describe(Language::English),
///     "Bank transfer to IBAN FR76 3000 6000 0112 3456 7890 189 (BIC AGRIFRPP), quoting the reference PLAN-2027-014"
/// );
/// assert_eq!(PaymentMethod::cheque("Atelier Durand SARL").describe(Language::French), "Chèque à l’ordre de Atelier Durand SARL");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct PaymentMethod {
    kind: MethodKind,
}

/// In JSON: `{"bank_transfer": {"iban": …, "bic": …, "reference": …}}`, `{"direct_debit":
/// {"mandate": …}}`, `{"cheque": {"payee": …}}` or `{"other": "…"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "snake_case", deny_unknown_fields)
)]
enum MethodKind {
    BankTransfer {
        iban: String,
        #[cfg_attr(feature = "serde", serde(default))]
        bic: Option<String>,
        reference: String,
    },
    DirectDebit {
        mandate: String,
    },
    Cheque {
        payee: String,
    },
    Other(String),
}

impl PaymentMethod {
    /// A bank transfer to `iban`, the transfer quoting `reference`.
    ///
    /// See [`PaymentMethod`] for an example.
    pub fn bank_transfer(iban: impl Into<String>, reference: impl Into<String>) -> PaymentMethod {
        PaymentMethod {
            kind: MethodKind::BankTransfer {
                iban: iban.into(),
                bic: None,
                reference: reference.into(),
            },
        }
    }

    /// The BIC of a bank transfer's account; no effect on other methods.
    ///
    /// See [`PaymentMethod`] for an example.
    pub fn with_bic(mut self, bic: impl Into<String>) -> PaymentMethod {
        if let MethodKind::BankTransfer { bic: slot, .. } = &mut self.kind {
            *slot = Some(bic.into());
        }
        self
    }

    /// A direct debit under the mandate `mandate`, collected on each due date.
    ///
    /// ```
    /// use echeancier::{Language, PaymentMethod};
    ///
    /// assert_eq!(
    ///     PaymentMethod::direct_debit("RUM-0042").describe(Language::English),
    ///     "SEPA direct debit on each due date, mandate RUM-0042"
    /// );
    /// ```
    pub fn direct_debit(mandate: impl Into<String>) -> PaymentMethod {
        PaymentMethod {
            kind: MethodKind::DirectDebit {
                mandate: mandate.into(),
            },
        }
    }

    /// A cheque made out to `payee`.
    ///
    /// See [`PaymentMethod`] for an example.
    pub fn cheque(payee: impl Into<String>) -> PaymentMethod {
        PaymentMethod {
            kind: MethodKind::Cheque {
                payee: payee.into(),
            },
        }
    }

    /// Any other method, in the caller's words (written as given in every language).
    ///
    /// ```
    /// use echeancier::{Language, PaymentMethod};
    ///
    /// assert_eq!(PaymentMethod::other("Cash at the shop").describe(Language::French), "Cash at the shop");
    /// ```
    pub fn other(text: impl Into<String>) -> PaymentMethod {
        PaymentMethod {
            kind: MethodKind::Other(text.into()),
        }
    }

    /// The method in words.
    ///
    /// See [`PaymentMethod`] for an example.
    pub fn describe(&self, language: Language) -> String {
        match (&self.kind, language) {
            (
                MethodKind::BankTransfer {
                    iban,
                    bic,
                    reference,
                },
                Language::English,
            ) => {
                let bic = bic
                    .as_ref()
                    .map(|b| format!(" (BIC {b})"))
                    .unwrap_or_default();
                format!("Bank transfer to IBAN {iban}{bic}, quoting the reference {reference}")
            }
            (
                MethodKind::BankTransfer {
                    iban,
                    bic,
                    reference,
                },
                Language::French,
            ) => {
                let bic = bic
                    .as_ref()
                    .map(|b| format!(" (BIC {b})"))
                    .unwrap_or_default();
                format!("Virement sur l’IBAN {iban}{bic}, avec la référence {reference}")
            }
            (MethodKind::DirectDebit { mandate }, Language::English) => {
                format!("SEPA direct debit on each due date, mandate {mandate}")
            }
            (MethodKind::DirectDebit { mandate }, Language::French) => {
                format!("Prélèvement SEPA à chaque échéance, mandat {mandate}")
            }
            (MethodKind::Cheque { payee }, Language::English) => {
                format!("Cheque payable to {payee}")
            }
            (MethodKind::Cheque { payee }, Language::French) => {
                format!("Chèque à l’ordre de {payee}")
            }
            (MethodKind::Other(text), _) => text.clone(),
        }
    }
}

/// What the agreement says about late payment: the crate's penalty policy, or none at all.
#[derive(Debug, Clone, PartialEq, Eq)]
enum LateTerms {
    Unset,
    Policy(PenaltyPolicy),
    NoPenalties,
}

/// A written payment plan agreement, ready to print and sign, in Markdown or HTML.
///
/// Built by value from the plan, the two parties and its reference; then the payment methods,
/// the late-payment terms, the rule under which a broken plan lapses and the contact for
/// questions, all required; optionally the debt (to list the claims and fees it is made of), a
/// note on late payment, and the place and date of signature (blank lines to fill in by hand
/// otherwise). The output is deterministic and every piece of caller text is escaped.
///
/// ```
/// use chrono::NaiveDate;
/// use echeancier::*;
///
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
/// let debt = Debt::new(Currency::EUR)
///     .with_claim(Claim::new("F-2026-0418", "1850.00 EUR".parse()?)?)?
///     .with_fee(Fee::new("recovery compensation", "40.00 EUR".parse()?)?)?;
/// let plan = PlanRequest::new(debt.clone(), d(2027, 1, 5)?, Frequency::MONTHLY, Sizing::Count(6)).generate()?;
/// let agreement = PlanAgreement::new(
///     "PLAN-2027-014",
///     &plan,
///     Party::new("Atelier Durand SARL").with_address_line("12 rue des Lilas, 69003 Lyon"),
///     Party::new("Marc Petit").with_address_line("4 allée des Pins, 69100 Villeurbanne"),
/// )
/// .with_debt(&debt)
/// .with_payment_method(PaymentMethod::bank_transfer("FR76 3000 6000 0112 3456 7890 189", "PLAN-2027-014"))
/// .with_penalties(PenaltyPolicy::new(PenaltyRate::fixed("6%".parse()?)).with_compensation(Compensation::fixed("40.00 EUR".parse()?)?))
/// .with_lapse(LapseRule::missed(2)?)
/// .with_questions_contact("Claire Durand, 04 72 00 00 00, compta@durand.example")
/// .with_signing("Lyon", d(2026, 12, 20)?);
/// let markdown = agreement.to_markdown(Language::French)?;
/// assert!(markdown.starts_with("# Accord d’échéancier de paiement\n"));
/// assert!(markdown.contains("| 1 | 5 janvier 2027 | 315,00\u{a0}EUR |"));
/// let html = agreement.to_html(Language::English)?;
/// assert!(html.contains("<h2>8. Signatures</h2>"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanAgreement<'a> {
    reference: String,
    schedule: &'a Schedule,
    creditor: Party,
    debtor: Party,
    debt: Option<&'a Debt>,
    methods: Vec<PaymentMethod>,
    late: LateTerms,
    late_note: Option<String>,
    lapse: Option<LapseRule>,
    contact: Option<String>,
    signing: Option<(String, NaiveDate)>,
}

impl<'a> PlanAgreement<'a> {
    /// The agreement `reference` between `creditor` and `debtor` on `schedule`.
    ///
    /// See [`PlanAgreement`] for an example.
    pub fn new(
        reference: impl Into<String>,
        schedule: &'a Schedule,
        creditor: Party,
        debtor: Party,
    ) -> PlanAgreement<'a> {
        PlanAgreement {
            reference: reference.into(),
            schedule,
            creditor,
            debtor,
            debt: None,
            methods: Vec::new(),
            late: LateTerms::Unset,
            late_note: None,
            lapse: None,
            contact: None,
            signing: None,
        }
    }

    /// The debt the schedule repays, to list its claims and fees one by one. Without it the
    /// agreement gives the principal and fees as two totals.
    ///
    /// See [`PlanAgreement`] for an example.
    pub fn with_debt(mut self, debt: &'a Debt) -> PlanAgreement<'a> {
        self.debt = Some(debt);
        self
    }

    /// Adds a way to pay; at least one is required.
    ///
    /// See [`PlanAgreement`] for an example.
    pub fn with_payment_method(mut self, method: PaymentMethod) -> PlanAgreement<'a> {
        self.methods.push(method);
        self
    }

    /// The late-payment interest and compensation, described from the policy.
    ///
    /// See [`PlanAgreement`] for an example.
    pub fn with_penalties(mut self, policy: PenaltyPolicy) -> PlanAgreement<'a> {
        self.late = LateTerms::Policy(policy);
        self
    }

    /// States that late payment adds no interest and no compensation.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let plan = PlanRequest::new(Debt::single(Claim::new("F-1", "100.00 EUR".parse()?)?), NaiveDate::from_ymd_opt(2027, 1, 5).ok_or("date")?, Frequency::MONTHLY, Sizing::Count(2)).generate()?;
    /// let text = PlanAgreement::new("P-1", &plan, Party::new("A"), Party::new("B"))
    ///     .with_payment_method(PaymentMethod::other("Cash"))
    ///     .without_penalties()
    ///     .with_lapse(LapseRule::missed(1)?)
    ///     .with_questions_contact("A, 01 02 03 04 05")
    ///     .to_markdown(Language::English)?;
    /// assert!(text.contains("Late payment adds no interest and no compensation."));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn without_penalties(mut self) -> PlanAgreement<'a> {
        self.late = LateTerms::NoPenalties;
        self
    }

    /// A sentence added to the late-payment terms, in the caller's words.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let plan = PlanRequest::new(Debt::single(Claim::new("F-1", "100.00 EUR".parse()?)?), NaiveDate::from_ymd_opt(2027, 1, 5).ok_or("date")?, Frequency::MONTHLY, Sizing::Count(2)).generate()?;
    /// let text = PlanAgreement::new("P-1", &plan, Party::new("A"), Party::new("B"))
    ///     .with_payment_method(PaymentMethod::other("Cash"))
    ///     .without_penalties()
    ///     .with_late_payment_note("A reminder is sent 3 days before each due date.")
    ///     .with_lapse(LapseRule::missed(1)?)
    ///     .with_questions_contact("A")
    ///     .to_markdown(Language::English)?;
    /// assert!(text.contains("A reminder is sent 3 days before each due date."));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_late_payment_note(mut self, note: impl Into<String>) -> PlanAgreement<'a> {
        self.late_note = Some(note.into());
        self
    }

    /// When the plan lapses if it is not honoured (*déchéance du terme*): the whole remaining
    /// balance then falls due at once.
    ///
    /// See [`PlanAgreement`] for an example.
    pub fn with_lapse(mut self, rule: LapseRule) -> PlanAgreement<'a> {
        self.lapse = Some(rule);
        self
    }

    /// Whom the debtor contacts with questions or when a payment cannot be made.
    ///
    /// See [`PlanAgreement`] for an example.
    pub fn with_questions_contact(mut self, contact: impl Into<String>) -> PlanAgreement<'a> {
        self.contact = Some(contact.into());
        self
    }

    /// The place and date of signature, printed above the signature blocks.
    ///
    /// See [`PlanAgreement`] for an example.
    pub fn with_signing(mut self, place: impl Into<String>, date: NaiveDate) -> PlanAgreement<'a> {
        self.signing = Some((place.into(), date));
        self
    }

    /// The agreement in Markdown (pipe tables), lines ended by LF.
    ///
    /// # Errors
    ///
    /// As [`PlanAgreement::to_html`].
    ///
    /// See [`PlanAgreement`] for an example.
    pub fn to_markdown(&self, language: Language) -> Result<String> {
        Ok(self.document(language)?.to_markdown())
    }

    /// The agreement as one self-contained HTML page (inline CSS, A4 print layout).
    ///
    /// # Errors
    ///
    /// [`Error::EmptyReference`] for a blank agreement reference; [`Error::MissingAgreementPart`]
    /// naming the first missing part: a party's name, a payment method, the late-payment terms
    /// (neither [`with_penalties`](PlanAgreement::with_penalties) nor
    /// [`without_penalties`](PlanAgreement::without_penalties)), the lapse rule, or the contact
    /// for questions; [`Error::CurrencyMismatch`] and [`Error::AgreementDebtMismatch`] when the
    /// debt given is not the one the schedule repays; [`Error::Overflow`] past `Decimal`'s range.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// # let plan = PlanRequest::new(Debt::single(Claim::new("F-1", "100.00 EUR".parse()?)?), NaiveDate::from_ymd_opt(2027, 1, 5).ok_or("date")?, Frequency::MONTHLY, Sizing::Count(2)).generate()?;
    /// let agreement = PlanAgreement::new("P-1", &plan, Party::new("A"), Party::new("B"))
    ///     .with_payment_method(PaymentMethod::other("Cash"));
    /// let err = agreement.to_html(Language::English).unwrap_err();
    /// assert_eq!(err.to_string(), "the agreement has no late-payment terms");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_html(&self, language: Language) -> Result<String> {
        Ok(self.document(language)?.to_html())
    }

    fn validate(&self) -> Result<()> {
        let missing = |part| Err(Error::MissingAgreementPart { part });
        check_text(Text::Reference, "an agreement", &self.reference)?;
        for (what, text) in [
            ("the creditor", &self.creditor.name),
            ("the debtor", &self.debtor.name),
        ] {
            if !text.trim().is_empty() {
                check_text(Text::Label, what, text)?;
            }
        }
        if self.creditor.name.trim().is_empty() {
            return missing("creditor name");
        }
        if self.debtor.name.trim().is_empty() {
            return missing("debtor name");
        }
        if self.methods.is_empty() {
            return missing("payment method");
        }
        if self.late == LateTerms::Unset {
            return missing("late-payment terms");
        }
        if self.lapse.is_none() {
            return missing("lapse rule");
        }
        if self.contact.as_ref().map_or(true, |c| c.trim().is_empty()) {
            return missing("contact for questions");
        }
        if let Some(debt) = self.debt {
            let currency = self.schedule.currency();
            if debt.currency() != currency {
                return Err(Error::CurrencyMismatch {
                    expected: currency,
                    found: debt.currency(),
                });
            }
            let totals = self.schedule.totals();
            let scheduled = totals.principal().checked_add(totals.fees())?;
            let owed = debt.total()?;
            if owed != scheduled {
                return Err(Error::AgreementDebtMismatch {
                    debt: owed,
                    scheduled,
                });
            }
        }
        Ok(())
    }

    fn document(&self, lang: Language) -> Result<Document> {
        self.validate()?;
        let t = |en: &str, fr: &str| match lang {
            Language::English => en.to_owned(),
            Language::French => fr.to_owned(),
        };
        // French groups thousands with a space: unbreakable here, so that no amount is split
        // across two lines of a printed page.
        let m = |money: Money| money_text(money, lang);
        let date = |d: NaiveDate| language::date(d, lang);
        let totals = self.schedule.totals();
        let mut blocks = Vec::new();

        // 1. The parties.
        blocks.push(Block::Heading(t("1. The parties", "1. Les parties")));
        blocks.push(Block::Paragraph(t(
            "This agreement is made between:",
            "Le présent accord est conclu entre :",
        )));
        let party = |p: &Party, role: String| {
            let mut text = format!("{role} {}", p.name);
            for line in &p.address {
                text.push_str(", ");
                text.push_str(line);
            }
            if let Some(contact) = &p.contact {
                text.push_str(&format!(" ({contact})"));
            }
            text
        };
        blocks.push(Block::List(vec![
            party(&self.creditor, t("the creditor:", "le créancier :")),
            party(&self.debtor, t("the debtor:", "le débiteur :")),
        ]));

        // 2. What is owed.
        blocks.push(Block::Heading(t("2. The amount due", "2. Le montant dû")));
        let instalments = self.schedule.instalments();
        let regular = instalments
            .iter()
            .filter(|i| i.kind() == InstalmentKind::Regular)
            .count();
        let down = instalments
            .iter()
            .find(|i| i.kind() == InstalmentKind::DownPayment)
            .map(|i| i.amount());
        let how = match (lang, down, regular) {
            (Language::English, None, 1) => "in one instalment".to_owned(),
            (Language::English, None, n) => format!("in {n} instalments"),
            (Language::English, Some(d), 1) => {
                format!("with a down payment of {} and one instalment", m(d))
            }
            (Language::English, Some(d), n) => {
                format!("with a down payment of {} and {n} instalments", m(d))
            }
            (Language::French, None, 1) => "en une échéance".to_owned(),
            (Language::French, None, n) => format!("en {n} échéances"),
            (Language::French, Some(d), 1) => {
                format!("par un acompte de {} et une échéance", m(d))
            }
            (Language::French, Some(d), n) => {
                format!("par un acompte de {} et {n} échéances", m(d))
            }
        };
        blocks.push(Block::Paragraph(match lang {
            Language::English => format!(
                "The debtor acknowledges owing the creditor {}, made up as follows, and undertakes to pay it {how} as set out below.",
                m(totals.amount()),
            ),
            Language::French => format!(
                "Le débiteur reconnaît devoir au créancier la somme de {}, détaillée ci-dessous, et s’engage à la régler {how} selon le calendrier suivant.",
                m(totals.amount()),
            ),
        }));
        let mut rows = Vec::new();
        match self.debt {
            Some(debt) => {
                for claim in debt.claims() {
                    let mut label = format!("{} {}", t("Invoice", "Facture"), claim.reference());
                    if let Some(due) = claim.due_date() {
                        label.push_str(&format!(" ({} {})", t("due on", "échue le"), date(due)));
                    }
                    rows.push(vec![label, m(claim.amount())]);
                }
                for fee in debt.fee_lines() {
                    rows.push(vec![fee.label().to_owned(), m(fee.amount())]);
                }
            }
            None => {
                rows.push(vec![t("Principal", "Principal"), m(totals.principal())]);
                if !totals.fees().is_zero() {
                    rows.push(vec![t("Fees", "Frais"), m(totals.fees())]);
                }
            }
        }
        if !totals.interest().is_zero() {
            rows.push(vec![
                t("Interest over the plan", "Intérêts sur la durée du plan"),
                m(totals.interest()),
            ]);
        }
        blocks.push(Block::Table {
            header: vec![t("Item", "Élément"), t("Amount", "Montant")],
            numeric: vec![false, true],
            rows,
            total: Some(vec![t("Total due", "Total dû"), m(totals.amount())]),
        });

        // 3. The instalments.
        blocks.push(Block::Heading(t("3. The instalments", "3. Les échéances")));
        // What is still to pay after each instalment: the total due less the instalments paid so
        // far (principal, interest and fees), not the principal balance alone.
        let mut left = totals.amount();
        let mut rows = Vec::with_capacity(self.schedule.instalments().len());
        for i in self.schedule.instalments() {
            let number = match i.kind() {
                InstalmentKind::DownPayment => t("Down payment", "Acompte"),
                InstalmentKind::Regular => i.number().to_string(),
            };
            left = left.checked_sub(i.amount())?;
            rows.push(vec![number, date(i.due_date()), m(i.amount()), m(left)]);
        }
        blocks.push(Block::Table {
            header: vec![
                t("No.", "N°"),
                t("Due date", "Date d’échéance"),
                t("Amount", "Montant"),
                t("Left to pay after it", "Reste à payer après"),
            ],
            numeric: vec![false, false, true, true],
            rows,
            total: Some(vec![
                t("Total", "Total"),
                String::new(),
                m(totals.amount()),
                String::new(),
            ]),
        });
        blocks.push(Block::Paragraph(t(
            "Each instalment is to be received by the creditor on its due date at the latest.",
            "Chaque échéance doit être reçue par le créancier au plus tard à sa date.",
        )));

        // 4. How to pay.
        blocks.push(Block::Heading(t(
            "4. How to pay",
            "4. Modalités de paiement",
        )));
        blocks.push(Block::Paragraph(t(
            "The instalments are paid by one of the following means:",
            "Les échéances sont réglées par l’un des moyens suivants :",
        )));
        blocks.push(Block::List(
            self.methods.iter().map(|p| p.describe(lang)).collect(),
        ));

        // 5. Late payment.
        blocks.push(Block::Heading(t(
            "5. Late payment",
            "5. Retard de paiement",
        )));
        if let Some(text) = self.penalty_text(lang) {
            blocks.push(Block::Paragraph(text));
        }
        if let Some(note) = &self.late_note {
            blocks.push(Block::Paragraph(note.clone()));
        }

        // 6. Default.
        blocks.push(Block::Heading(t(
            "6. If the plan is not honoured",
            "6. Non-respect de l’échéancier",
        )));
        if let Some(rule) = &self.lapse {
            let penalties = matches!(self.late, LateTerms::Policy(_));
            blocks.push(Block::Paragraph(lapse_text(rule, penalties, lang)));
        }

        // 7. Questions.
        blocks.push(Block::Heading(t(
            "7. Questions and difficulties",
            "7. Questions et difficultés",
        )));
        if let Some(contact) = &self.contact {
            blocks.push(Block::Paragraph(match lang {
                Language::English => format!(
                    "For any question about this plan, or as soon as a payment cannot be made on time, the debtor contacts {contact}. A change to the plan is agreed in writing."
                ),
                Language::French => format!(
                    "Pour toute question sur cet échéancier, ou dès qu’un paiement ne peut être fait à temps, le débiteur contacte {contact}. Toute modification du plan fait l’objet d’un accord écrit."
                ),
            }));
        }

        // 8. Signatures.
        blocks.push(Block::Heading(t("8. Signatures", "8. Signatures")));
        blocks.push(Block::Paragraph(match (&self.signing, lang) {
            (Some((place, on)), Language::English) => {
                format!("Made at {place} on {}, in two copies.", date(*on))
            }
            (Some((place, on)), Language::French) => {
                format!("Fait à {place}, le {}, en deux exemplaires.", date(*on))
            }
            (None, Language::English) => {
                "Made at ____________________ on ____________________, in two copies.".to_owned()
            }
            (None, Language::French) => {
                "Fait à ____________________, le ____________________, en deux exemplaires."
                    .to_owned()
            }
        }));
        let approved = t(
            "Signature, preceded by “Read and approved”:",
            "Signature, précédée de la mention « Lu et approuvé » :",
        );
        blocks.push(Block::Signatures(vec![
            (
                t("The creditor", "Le créancier"),
                vec![self.creditor.name.clone(), approved.clone()],
            ),
            (
                t("The debtor", "Le débiteur"),
                vec![self.debtor.name.clone(), approved],
            ),
        ]));

        Ok(Document {
            language: lang.code(),
            title: t("Payment plan agreement", "Accord d’échéancier de paiement"),
            subtitle: format!("{} {}", t("Reference", "Référence"), self.reference),
            blocks,
        })
    }

    /// The late-payment terms in words, from the policy; `None` when unset (refused earlier).
    fn penalty_text(&self, lang: Language) -> Option<String> {
        let policy = match &self.late {
            LateTerms::Unset => return None,
            LateTerms::NoPenalties => {
                return Some(match lang {
                    Language::English => {
                        "Late payment adds no interest and no compensation.".to_owned()
                    }
                    Language::French => {
                        "Un retard de paiement n’entraîne ni intérêts ni indemnité.".to_owned()
                    }
                })
            }
            LateTerms::Policy(policy) => policy,
        };
        let rate = policy.rate();
        let grace = policy.grace_days();
        let mut text = match (rate.fixed_rate(), lang) {
            (Some(r), Language::English) => format!(
                "Any amount not paid on its due date bears late-payment interest at {} a year",
                percent(r.percent(), lang)
            ),
            (Some(r), Language::French) => format!(
                "Toute somme non payée à son échéance porte intérêts de retard au taux annuel de {}",
                percent(r.percent(), lang)
            ),
            (None, Language::English) => format!(
                "Any amount not paid on its due date bears late-payment interest at {}",
                reference_rate_text(rate, lang)
            ),
            (None, Language::French) => format!(
                "Toute somme non payée à son échéance porte intérêts de retard {}",
                reference_rate_text(rate, lang)
            ),
        };
        text.push_str(&match (grace, lang) {
            (0, Language::English) => ", from the day after the due date until the day it is paid.".to_owned(),
            (0, Language::French) => ", du lendemain de l’échéance au jour du paiement.".to_owned(),
            (g, Language::English) => format!(
                ", from the end of a grace period of {g} days after the due date until the day it is paid."
            ),
            (g, Language::French) => format!(
                ", à compter de l’expiration d’un délai de grâce de {g} jours suivant l’échéance et jusqu’au jour du paiement."
            ),
        });
        let compensation = policy.compensation();
        if !compensation.is_none() {
            let per = match (compensation.basis(), lang) {
                (CompensationBasis::PerItem, Language::English) => "late instalment",
                (CompensationBasis::PerItem, Language::French) => "échéance payée en retard",
                (_, Language::English) => "late invoice",
                (_, Language::French) => "facture payée en retard",
            };
            let bands: Vec<(Money, Money)> = compensation.bands().collect();
            text.push(' ');
            text.push_str(&match (bands.as_slice(), lang) {
                ([(_, amount)], Language::English) => format!(
                    "A fixed recovery compensation of {} is also due for each {per}.",
                    money_text(*amount, lang)
                ),
                ([(_, amount)], Language::French) => format!(
                    "Une indemnité forfaitaire pour frais de recouvrement de {} est en outre due pour chaque {per}.",
                    money_text(*amount, lang)
                ),
                (_, Language::English) => format!(
                    "A fixed recovery compensation, set by the amount that is late, is also due for each {per}."
                ),
                (_, Language::French) => format!(
                    "Une indemnité forfaitaire pour frais de recouvrement, fixée selon le montant en retard, est en outre due pour chaque {per}."
                ),
            });
        }
        Some(text)
    }
}

/// The rate of a policy read from a table, in words: the table named when it is one of the
/// built-in ones (with its legal basis), the points added (none when there are none: "plus 0
/// points" names no rate), and the rule that picks the rate of each day.
fn reference_rate_text(rate: &crate::penalty::PenaltyRate, lang: Language) -> String {
    use crate::penalty::{LegalRateCreditor, RateRevision, RateTable};
    let fr = lang == Language::French;
    let table = rate.table();
    let is = |built_in: crate::Result<RateTable>| built_in.ok().as_ref() == table;
    let basis = rate.legal_basis();
    let name = if let Some(basis) = basis {
        basis.reference_rate(lang)
    } else if is(RateTable::fr_legal_rate(
        LegalRateCreditor::PersonalCreditor,
    )) {
        if fr {
            "au taux de l’intérêt légal (articles L313-2 du Code monétaire et financier et 1231-7 du Code civil) applicable aux créances des personnes physiques n’agissant pas pour des besoins professionnels"
        } else {
            "the French legal interest rate (taux de l’intérêt légal, Code monétaire et financier L313-2 and Code civil 1231-7) for a creditor who is a private person"
        }
    } else if is(RateTable::fr_legal_rate(LegalRateCreditor::OtherCases)) {
        if fr {
            "au taux de l’intérêt légal (articles L313-2 du Code monétaire et financier et 1231-7 du Code civil) applicable aux autres cas"
        } else {
            "the French legal interest rate (taux de l’intérêt légal, Code monétaire et financier L313-2 and Code civil 1231-7) for all other cases"
        }
    } else if is(RateTable::ecb_main_refinancing()) {
        if fr {
            "au taux de refinancement principal de la Banque centrale européenne"
        } else {
            "the main refinancing rate of the European Central Bank"
        }
    } else if fr {
        "au taux de référence convenu"
    } else {
        "the agreed reference rate"
    };
    let mut text = name.to_owned();
    let points_added = rate.points().percent();
    if !points_added.is_zero() {
        let unit = match (lang, points_added.abs() <= rust_decimal::Decimal::ONE) {
            (Language::French, true) => "point",
            (Language::French, false) => "points",
            (Language::English, true) if points_added == rust_decimal::Decimal::ONE => "point",
            (Language::English, _) => "points",
        };
        let number = points(points_added, lang);
        text.push_str(&if fr {
            format!(" majoré de {number}\u{a0}{unit}")
        } else {
            format!(" plus {number} {unit}")
        });
    }
    if let Some(basis) = basis {
        text.push_str(&format!(" ({})", basis.statute(lang)));
    }
    let rule = match (rate.revision(), lang) {
        (Some(RateRevision::HalfYearly), Language::English) => {
            ", the rate in force on 1 January applying to the days of the first half-year and the rate in force on 1 July to those of the second"
        }
        (Some(RateRevision::HalfYearly), Language::French) => {
            ", le taux en vigueur au 1er janvier s’appliquant aux jours du premier semestre et celui en vigueur au 1er juillet aux jours du second"
        }
        (Some(RateRevision::FixedAtHalfYearStart), Language::English) => {
            ", at the rate in force on the first day of the half-year in which the delay starts, for the whole delay"
        }
        (Some(RateRevision::FixedAtHalfYearStart), Language::French) => {
            ", au taux en vigueur le premier jour du semestre au cours duquel le retard commence, pour toute la durée du retard"
        }
        (Some(RateRevision::FixedAtPrecedingHalfYearEnd), Language::English) => {
            ", at the rate in force on the last day of the half-year before the delay starts, for the whole delay"
        }
        (Some(RateRevision::FixedAtPrecedingHalfYearEnd), Language::French) => {
            ", au taux en vigueur le dernier jour du semestre précédant le retard, pour toute la durée du retard"
        }
        (Some(RateRevision::FixedAtFirstDay), Language::English) => {
            ", at the rate in force on the first day of the delay, for the whole delay"
        }
        (Some(RateRevision::FixedAtFirstDay), Language::French) => {
            ", au taux en vigueur le premier jour du retard, pour toute la durée du retard"
        }
        (Some(RateRevision::EachChange), Language::English) => {
            ", each rate applying from the date it takes effect"
        }
        (Some(RateRevision::EachChange), Language::French) => {
            ", chaque taux s’appliquant à compter de sa date d’effet"
        }
        _ => "",
    };
    text.push_str(rule);
    text
}

/// A lapse rule as the clause of the agreement.
/// `penalties`: whether the agreement charges late-payment penalties (the clause mentions them
/// only then).
fn lapse_text(rule: &LapseRule, penalties: bool, lang: Language) -> String {
    let mut conditions = Vec::new();
    if let Some(n) = rule.missed_instalments() {
        conditions.push(match (lang, n) {
            (Language::English, 1) => "an instalment is not paid".to_owned(),
            (Language::English, n) => format!("{n} instalments are not paid"),
            (Language::French, 1) => "une échéance reste impayée".to_owned(),
            (Language::French, n) => format!("{n} échéances restent impayées"),
        });
    }
    if let Some((amount, days)) = rule.overdue_amount_for_days() {
        conditions.push(match lang {
            Language::English => format!(
                "{} or more remains overdue for more than {days} days",
                money_text(amount, lang)
            ),
            Language::French => format!(
                "{} ou plus restent impayés depuis plus de {days} jours",
                money_text(amount, lang)
            ),
        });
    }
    let with_penalties = match (penalties, lang) {
        (true, Language::English) => ", with the late-payment interest and compensation accrued,",
        (true, Language::French) => ", majorée des intérêts de retard et indemnités échus,",
        (false, _) => "",
    };
    match lang {
        Language::English => format!(
            "If {}, the plan lapses: the whole remaining balance{with_penalties} falls due at once, and the creditor may resume collection by any lawful means.",
            conditions.join(", or if ")
        ),
        Language::French => format!(
            "Si {}, la déchéance du terme est encourue : la totalité du solde restant dû{with_penalties} devient immédiatement exigible et le créancier peut reprendre le recouvrement par toute voie de droit.",
            conditions.join(", ou si ")
        ),
    }
}

/// An amount as the explanations write it, its spaces unbreakable.
fn money_text(money: Money, lang: Language) -> String {
    language::money(money, lang).replace(' ', "\u{a0}")
}

/// `6%` in English, `6 %` (an unbreakable space) in French, without trailing zeros.
fn percent(value: Decimal, lang: Language) -> String {
    let number = value.normalize().to_string();
    match lang {
        Language::English => format!("{number}%"),
        Language::French => format!("{}\u{a0}%", number.replace('.', ",")),
    }
}

/// Percentage points: `3.5` in English, `3,5` in French.
fn points(value: Decimal, lang: Language) -> String {
    let number = value.normalize().to_string();
    match lang {
        Language::English => number,
        Language::French => number.replace('.', ","),
    }
}
