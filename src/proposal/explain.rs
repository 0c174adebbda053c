//! The proposals in plain words, in French or in English, written from their figures.
//!
//! Every sentence is built from the structured [`Proposals`]: the options, their schedules and the
//! reasons options were left out. Nothing is written per case, so the text always says what the
//! figures say.

use core::fmt::Write as _;

use crate::language::{self, Language};
use crate::money::Money;
use crate::proposal::propose::{Omission, Proposal, ProposalKind, Proposals};
use crate::schedule::{InstalmentKind, Interest, Schedule};

impl Proposals {
    /// How the options were determined, in plain words, for the debtor and the creditor.
    ///
    /// ```
    /// # use echeancier::*; use chrono::NaiveDate;
    /// let debt = Debt::single(Claim::new("F-1", "1200.00 EUR".parse()?)?);
    /// let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).ok_or("bad date");
    /// let policy = CreditorPolicy::new(MaxDuration::FRANCE_JUDICIAL_GRACE_PERIOD);
    /// let proposals = ProposalRequest::new(debt, "300.00 EUR".parse()?, d(1, 5)?, d(2, 5)?, policy).propose()?;
    ///
    /// let english = proposals.explain(Language::English);
    /// assert!(english.contains("Shortest plan: 4 instalments of 300.00 EUR"));
    /// let french = proposals.explain(Language::French);
    /// assert!(french.contains("Plan le plus court : 4 échéances de 300,00 EUR"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn explain(&self, language: Language) -> String {
        let mut text = String::new();
        // Writing to a String cannot fail.
        let _ = self.write_explanation(&mut text, language);
        text
    }

    fn write_explanation(&self, out: &mut String, lang: Language) -> core::fmt::Result {
        let fr = lang == Language::French;
        let money = |m: Money| language::money(m, lang);
        let per = language::per_period(self.frequency(), lang);
        let sep = if fr { " :" } else { ":" };

        if let Some(capacity) = self.capacity_breakdown() {
            // The capacity's own explanation first: how the figure below was reached.
            writeln!(out, "{}", capacity.explain(lang).trim_end())?;
            writeln!(out)?;
        }

        if fr {
            writeln!(out, "Montant total dû : {}.", money(self.total_due()))?;
            if self.capacity_breakdown().is_none() {
                writeln!(
                    out,
                    "Capacité de remboursement : {} {per}.",
                    money(self.capacity())
                )?;
            }
        } else {
            writeln!(out, "Total due: {}.", money(self.total_due()))?;
            if self.capacity_breakdown().is_none() {
                writeln!(out, "Capacity to pay: {} {per}.", money(self.capacity()))?;
            }
        }
        let months = self.max_duration().months();
        match (self.max_duration().basis(), fr) {
            (Some(basis), true) => {
                writeln!(out, "Durée maximale d'un plan : {months} mois ({basis}).")?
            }
            (None, true) => writeln!(out, "Durée maximale d'un plan : {months} mois.")?,
            (Some(basis), false) => {
                writeln!(out, "A plan lasts at most {months} months ({basis}).")?
            }
            (None, false) => writeln!(out, "A plan lasts at most {months} months.")?,
        }
        let tier = self.risk_tier();
        if let Some(reason) = self.tier_reason() {
            if fr {
                writeln!(
                    out,
                    "Historique de paiement : risque {} ({}).",
                    tier_fr(tier),
                    tier_reason_fr(reason)
                )?;
            } else {
                writeln!(out, "Payment history: {tier} risk ({reason}).")?;
            }
        }
        if let (Some(percent), Some(amount)) = (self.down_payment(), self.down_payment_amount()) {
            let percent = language::percent(percent, lang);
            let amount = money(amount);
            if fr {
                writeln!(
                    out,
                    "Un acompte de {percent} du montant dû ({amount}) est demandé à la signature, comme le créancier l'exige pour un risque {}.",
                    tier_fr(tier)
                )?;
            } else {
                writeln!(
                    out,
                    "A down payment of {percent} of the total due ({amount}) is asked on signature, as the creditor requires for {tier} risk."
                )?;
            }
        }

        if self.options().is_empty() {
            writeln!(
                out,
                "{}",
                if fr {
                    "Aucune option ne peut être proposée aujourd'hui."
                } else {
                    "No option can be offered today."
                }
            )?;
        } else {
            writeln!(
                out,
                "{}",
                if fr {
                    "Options proposées, de la plus rapide à la plus souple :"
                } else {
                    "Options offered, from the quickest to the gentlest:"
                }
            )?;
            for (i, option) in self.options().iter().enumerate() {
                write!(
                    out,
                    "{}. {}{sep} ",
                    i.saturating_add(1),
                    kind_name(option.kind(), lang)
                )?;
                self.write_option(out, option, lang)?;
                writeln!(out)?;
            }
        }

        if !self.omitted().is_empty() {
            writeln!(
                out,
                "{}",
                if fr {
                    "Options écartées :"
                } else {
                    "Options left out:"
                }
            )?;
            for omitted in self.omitted() {
                writeln!(
                    out,
                    "- {}{sep} {}.",
                    kind_name(omitted.kind(), lang),
                    omission(omitted.reason(), lang, &per)
                )?;
            }
        }
        Ok(())
    }

    fn write_option(
        &self,
        out: &mut String,
        option: &Proposal,
        lang: Language,
    ) -> core::fmt::Result {
        let fr = lang == Language::French;
        let money = |m: Money| language::money(m, lang);
        let date = |d| language::date(d, lang);
        let Some(schedule) = option.schedule() else {
            return if fr {
                write!(
                    out,
                    "payer {} au plus tard le {} au lieu de {}, soit une remise de {}.",
                    money(option.total_paid()),
                    date(option.end_date()),
                    money(self.total_due()),
                    money(option.discount())
                )
            } else {
                write!(
                    out,
                    "pay {} by {} instead of {}, a reduction of {}.",
                    money(option.total_paid()),
                    date(option.end_date()),
                    money(self.total_due()),
                    money(option.discount())
                )
            };
        };
        let regular: Vec<_> = schedule
            .instalments()
            .iter()
            .filter(|i| i.kind() == InstalmentKind::Regular)
            .collect();
        let first = regular
            .first()
            .map(|i| i.due_date())
            .unwrap_or(option.end_date());
        if let Some(down) = option.down_payment() {
            if fr {
                write!(out, "acompte de {} à la signature, puis ", money(down))?;
            } else {
                write!(out, "a down payment of {} on signature, then ", money(down))?;
            }
        }
        write!(out, "{}", runs(schedule, lang))?;
        let share = option
            .capacity_share()
            .map(|p| language::percent(p, lang))
            .unwrap_or_default();
        if fr {
            write!(
                out,
                ", du {} au {} ; {share} de la capacité",
                date(first),
                date(option.end_date())
            )?;
        } else {
            write!(
                out,
                ", from {} to {}; {share} of the capacity",
                date(first),
                date(option.end_date())
            )?;
        }
        if option.kind() == ProposalKind::Comfortable {
            if let Some(available) = option.available() {
                if fr {
                    write!(out, " (plafond retenu : {})", money(available))?;
                } else {
                    write!(out, " (sized to stay within {})", money(available))?;
                }
            }
        }
        let interest = match schedule.derivation().interest() {
            Interest::None => None,
            Interest::Annuity(rate) | Interest::EqualPrincipal(rate) => Some(rate),
        };
        match (interest, fr) {
            (Some(rate), true) => write!(
                out,
                " ; total payé {} dont {} d'intérêts au taux annuel de {}.",
                money(option.total_paid()),
                money(option.interest()),
                rate.to_string().replace('.', ",").replace('%', " %")
            ),
            (Some(rate), false) => write!(
                out,
                "; total paid {}, of which {} interest at {rate} a year.",
                money(option.total_paid()),
                money(option.interest())
            ),
            (None, true) => write!(
                out,
                " ; total payé {}, sans intérêts.",
                money(option.total_paid())
            ),
            (None, false) => write!(
                out,
                "; total paid {}, no interest.",
                money(option.total_paid())
            ),
        }
    }
}

/// The regular instalments as runs of equal amounts: "12 instalments of 400.00 EUR, then one of
/// 50.00 EUR".
fn runs(schedule: &Schedule, lang: Language) -> String {
    let fr = lang == Language::French;
    let mut runs: Vec<(usize, Money)> = Vec::new();
    for row in schedule
        .instalments()
        .iter()
        .filter(|i| i.kind() == InstalmentKind::Regular)
    {
        match runs.last_mut() {
            Some((count, amount)) if *amount == row.amount() => *count = count.saturating_add(1),
            _ => runs.push((1, row.amount())),
        }
    }
    let parts: Vec<String> = runs
        .iter()
        .enumerate()
        .map(|(i, (count, amount))| {
            let amount = language::money(*amount, lang);
            match (fr, i, count) {
                (true, 0, 1) => format!("1 échéance de {amount}"),
                (true, 0, n) => format!("{n} échéances de {amount}"),
                (true, _, 1) => format!("une de {amount}"),
                (true, _, n) => format!("{n} de {amount}"),
                (false, 0, 1) => format!("1 instalment of {amount}"),
                (false, 0, n) => format!("{n} instalments of {amount}"),
                (false, _, 1) => format!("one of {amount}"),
                (false, _, n) => format!("{n} of {amount}"),
            }
        })
        .collect();
    parts.join(if fr { ", puis " } else { ", then " })
}

pub(crate) fn kind_name(kind: ProposalKind, lang: Language) -> &'static str {
    match (kind, lang) {
        (ProposalKind::Settlement, Language::French) => "Règlement immédiat",
        (ProposalKind::Shortest, Language::French) => "Plan le plus court",
        (ProposalKind::Comfortable, Language::French) => "Plan confortable",
        (ProposalKind::Longest, Language::French) => "Plan le plus long",
        (ProposalKind::Settlement, _) => "Settlement",
        (ProposalKind::Shortest, _) => "Shortest plan",
        (ProposalKind::Comfortable, _) => "Comfortable plan",
        (ProposalKind::Longest, _) => "Longest plan",
    }
}

pub(crate) fn tier_fr(tier: crate::profile::RiskTier) -> &'static str {
    match tier {
        crate::profile::RiskTier::Low => "faible",
        crate::profile::RiskTier::Medium => "moyen",
        crate::profile::RiskTier::High => "élevé",
    }
}

pub(crate) fn tier_reason_fr(reason: crate::profile::TierReason) -> String {
    use crate::profile::TierReason;
    let plural = |n: u64| if n > 1 { "s" } else { "" };
    match reason {
        TierReason::NoHistory => "aucun historique de paiement".to_owned(),
        TierReason::WithinThresholds => "dans tous les seuils".to_owned(),
        TierReason::BrokenAgreements { count, threshold } => format!(
            "{count} accord{s} non respecté{s}, seuil {threshold}",
            s = plural(count.into())
        ),
        TierReason::MissedPayments { count, threshold } => format!(
            "{count} paiement{s} manqué{s}, seuil {threshold}",
            s = plural(count.into())
        ),
        TierReason::OnTimeRatioBelow { ratio, threshold } => format!(
            "{} des paiements à l'heure, sous le seuil de {}",
            language::percent(ratio, Language::French),
            language::percent(threshold, Language::French)
        ),
        TierReason::DaysLateAbove { days, threshold } => format!(
            "{days} jour{} de retard, au-delà de {threshold}",
            plural(days)
        ),
    }
}

fn omission(reason: Omission, lang: Language, per: &str) -> String {
    let money = |m: Money| language::money(m, lang);
    match (reason, lang) {
        (Omission::NotOffered, Language::French) => {
            "le créancier ne propose pas de remise pour paiement immédiat".to_owned()
        }
        (Omission::NoCapacity, Language::French) => {
            "aucune capacité de remboursement disponible".to_owned()
        }
        (Omission::Unaffordable { needed, available }, Language::French) => format!(
            "il faudrait {} {per} pour rembourser dans la durée maximale, au-delà des {} disponibles",
            money(needed),
            money(available)
        ),
        (Omission::NeverRepaid { interest }, Language::French) => format!(
            "la somme disponible ne couvre pas les intérêts d'une période ({})",
            money(interest)
        ),
        (Omission::BelowMinimum { amount, minimum }, Language::French) => format!(
            "l'échéance de {} serait inférieure au minimum de {}",
            money(amount),
            money(minimum)
        ),
        (Omission::SameAs(kind), Language::French) => format!(
            "identique à l'option « {} »",
            kind_name(kind, lang).to_lowercase()
        ),
        (Omission::NotOffered, _) => "the creditor offers no reduction for immediate payment".to_owned(),
        (Omission::NoCapacity, _) => "there is no capacity to pay".to_owned(),
        (Omission::Unaffordable { needed, available }, _) => format!(
            "it would need {} {per} to repay within the maximum duration, more than the {} available",
            money(needed),
            money(available)
        ),
        (Omission::NeverRepaid { interest }, _) => format!(
            "the amount available does not cover one period's interest ({})",
            money(interest)
        ),
        (Omission::BelowMinimum { amount, minimum }, _) => format!(
            "its instalment of {} would be below the minimum of {}",
            money(amount),
            money(minimum)
        ),
        (Omission::SameAs(kind), _) => format!(
            "the same plan as the {} option",
            kind_name(kind, lang).to_lowercase()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::debt::{Claim, Debt};
    use crate::proposal::{CreditorPolicy, MaxDuration, ProposalRequest, SettlementDiscount};

    fn proposals() -> Proposals {
        let d = |m, day| chrono::NaiveDate::from_ymd_opt(2027, m, day).unwrap_or_default();
        let debt = Claim::new(
            "F-1",
            "4850.00 EUR"
                .parse()
                .unwrap_or_else(|_| Money::zero(crate::Currency::EUR)),
        )
        .map(Debt::single);
        let policy =
            CreditorPolicy::new(MaxDuration::FRANCE_JUDICIAL_GRACE_PERIOD).with_settlement(
                SettlementDiscount::percent("5%".parse().unwrap_or_default(), 15),
            );
        match debt.and_then(|debt| {
            ProposalRequest::new(debt, "400.00 EUR".parse()?, d(1, 5), d(2, 5), policy).propose()
        }) {
            Ok(p) => p,
            Err(e) => unreachable!("{e}"),
        }
    }

    #[test]
    fn english_explanation_states_every_figure() {
        let text = proposals().explain(Language::English);
        let expected = "\
Total due: 4,850.00 EUR.
Capacity to pay: 400.00 EUR per month.
A plan lasts at most 24 months (Code civil, art. 1343-5).
Options offered, from the quickest to the gentlest:
1. Settlement: pay 4,607.50 EUR by 20 January 2027 instead of 4,850.00 EUR, a reduction of 242.50 EUR.
2. Shortest plan: 12 instalments of 400.00 EUR, then one of 50.00 EUR, from 5 February 2027 to 5 February 2028; 100% of the capacity; total paid 4,850.00 EUR, no interest.
3. Comfortable plan: 16 instalments of 285.30 EUR, then one of 285.20 EUR, from 5 February 2027 to 5 June 2028; 71.33% of the capacity (sized to stay within 300.00 EUR); total paid 4,850.00 EUR, no interest.
4. Longest plan: 23 instalments of 202.08 EUR, then one of 202.16 EUR, from 5 February 2027 to 5 January 2029; 50.54% of the capacity; total paid 4,850.00 EUR, no interest.
";
        assert_eq!(text, expected);
    }

    #[test]
    fn french_explanation_states_every_figure() {
        let text = proposals().explain(Language::French);
        assert!(text.contains("Montant total dû : 4 850,00 EUR."), "{text}");
        assert!(
            text.contains("Durée maximale d'un plan : 24 mois (Code civil, art. 1343-5)."),
            "{text}"
        );
        assert!(text.contains("1. Règlement immédiat : payer 4 607,50 EUR au plus tard le 20 janvier 2027 au lieu de 4 850,00 EUR, soit une remise de 242,50 EUR."), "{text}");
        assert!(text.contains("3. Plan confortable : 16 échéances de 285,30 EUR, puis une de 285,20 EUR, du 5 février 2027 au 5 juin 2028 ; 71,33 % de la capacité (plafond retenu : 300,00 EUR) ; total payé 4 850,00 EUR, sans intérêts."), "{text}");
    }
}
