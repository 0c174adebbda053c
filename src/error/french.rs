//! Every [`Error`] in French, for a clerk or a debtor who reads French.
//!
//! The English message is the `Display` of the variant (in `error.rs`); the French one is written
//! here, variant by variant, with the crate's French typography (a space before `:`, `;` and `%`,
//! a decimal comma, amounts as `1 234,56 EUR`). The short phrases the variants carry (what an amount
//! is, why a value was refused) are translated by [`phrase`]; a phrase it does not know yet is
//! kept as it is rather than lost.

use std::borrow::Cow;

use rust_decimal::Decimal;

use super::Error;
use crate::language::{self, Language};
use crate::money::Money;

/// The French message of `error`.
pub(super) fn message(error: &Error) -> String {
    let m = |amount: &Money| language::money(*amount, Language::French);
    let pct = |value: &Decimal| format!("{} %", value.normalize().to_string().replace('.', ","));
    match error {
        Error::InvalidCurrency { code, reason } => {
            format!("code de devise {code:?} invalide : {}", phrase(reason))
        }
        Error::UnsupportedMinorUnits {
            code,
            minor_units,
            max,
        } => format!(
            "la devise {code} ne peut pas avoir {minor_units} décimales ; {max} au plus sont acceptées"
        ),
        Error::NotWholeMinorUnits { amount, currency } => format!(
            "le montant {} a plus de décimales que {currency} n'en admet ({})",
            amount.to_string().replace('.', ","),
            currency.minor_units()
        ),
        Error::CurrencyMismatch { expected, found } => {
            format!("devise inattendue : {expected} attendu, {found} reçu")
        }
        Error::NotPositive { what, amount } => format!(
            "{} doit être supérieur à zéro, reçu {}",
            phrase(what),
            m(amount)
        ),
        Error::Negative { what, amount } => format!(
            "{} ne doit pas être négatif, reçu {}",
            phrase(what),
            m(amount)
        ),
        Error::Overflow { operation } => {
            format!("dépassement de capacité du calcul en {}", phrase(operation))
        }
        Error::InvalidRate { percent, reason } => {
            format!("taux {} invalide : {}", pct(percent), phrase(reason))
        }
        Error::InvalidFrequency { count, unit, max } => format!(
            "fréquence invalide tous les {count} {} : le nombre doit être compris entre 1 et {max}",
            phrase(unit)
        ),
        Error::Parse { what, input } => {
            format!("impossible de lire {input:?} comme {}", phrase(what))
        }
        Error::DateOutOfRange { what } => {
            format!("{} sort du calendrier pris en charge", phrase(what))
        }
        Error::UnsupportedDate {
            what,
            date,
            first,
            last,
        } => format!(
            "{} ({date}) est en dehors des dates prises en charge, du {first} au {last}",
            phrase(what)
        ),
        Error::ControlCharacter { what, text } => format!(
            "le texte {text:?} de {} contient un caractère de contrôle (un saut de ligne, une tabulation…)",
            phrase(what)
        ),
        Error::EmptyReference { what } => {
            format!("la référence de {} ne doit pas être vide", phrase(what))
        }
        Error::DuplicateReference { reference } => {
            format!("référence de créance en double : {reference:?}")
        }
        Error::DueBeforeIssue {
            reference,
            issue_date,
            due_date,
        } => format!(
            "la créance {reference:?} est exigible le {due_date}, avant son émission le {issue_date}"
        ),
        Error::EmptyDebt => "la dette est vide : il n'y a rien à rembourser".to_owned(),
        Error::NoBusinessDay { date, days } => {
            format!("aucun jour ouvré à moins de {days} jours du {date}")
        }
        Error::DatesNotIncreasing { number, date } => format!(
            "le report au jour ouvré place l'échéance {number} le {date}, pas après la précédente"
        ),
        Error::InvalidCount { count, max } => format!(
            "le nombre d'échéances {count} est en dehors de la plage acceptée, de 1 à {max}"
        ),
        Error::CapacityTooLow {
            amount,
            total,
            limit,
            needed,
        } => format!(
            "{} par période ne permettent pas de rembourser {} en {} ; il faut au moins {} par période",
            m(amount),
            m(total),
            limit_fr(limit),
            m(needed)
        ),
        Error::BelowPeriodicInterest { amount, interest } => format!(
            "{} par période ne couvrent pas les intérêts de la première période ({}) ; la dette ne serait jamais remboursée",
            m(amount),
            m(interest)
        ),
        Error::BelowMinimumInstalment { amount, minimum } => format!(
            "l'échéance de {} est inférieure à l'échéance minimale de {}",
            m(amount),
            m(minimum)
        ),
        Error::Unsplittable { total, count, step } => format!(
            "{} ne peut pas être réparti en {count} échéances non nulles par pas de {}",
            m(total),
            m(step)
        ),
        Error::DownPaymentTooLarge {
            down_payment,
            total,
        } => format!(
            "l'acompte de {} doit être inférieur au total dû de {}",
            m(down_payment),
            m(total)
        ),
        Error::DateOrder {
            earlier,
            earlier_date,
            later,
            later_date,
        } => format!(
            "{} ({later_date}) doit venir après {} ({earlier_date})",
            phrase(later),
            phrase(earlier)
        ),
        Error::InvalidPercent {
            what,
            percent,
            range,
        } => format!(
            "{} invalide : {} ; attendu {}",
            phrase(what),
            pct(percent),
            phrase(range)
        ),
        Error::Unsupported { reason } => format!("demande non prise en charge : {}", phrase(reason)),
        Error::NoDueDateWithin { limit } => {
            format!("aucune échéance ne peut tomber en {}", limit_fr(limit))
        }
        Error::EndDateBeyondLimit { end_date, limit } => {
            format!("la date de fin {end_date} dépasse {}", limit_fr(limit))
        }
        Error::InvalidSchedule { reason } => format!("échéancier invalide : {}", phrase(reason)),
        Error::EmptyRateTable => "une table de taux doit avoir au moins une ligne".to_owned(),
        Error::DuplicateRateDate { date } => {
            format!("la table de taux a deux taux prenant effet le {date}")
        }
        Error::RateNotCovered {
            date,
            first,
            valid_until,
        } => format!(
            "aucun taux connu pour le {date} : la table couvre du {first} au {valid_until} ; chargez une table à jour (RateTable::from_csv) ou prolongez-la"
        ),
        Error::MissingDueDate { reference } => format!(
            "la créance {reference:?} n'a pas de date d'échéance : aucun intérêt de retard ne peut courir"
        ),
        Error::Overpaid {
            reference,
            paid,
            amount,
        } => format!(
            "les paiements de {} sur {reference:?} dépassent son montant de {}",
            m(paid),
            m(amount)
        ),
        Error::UnknownClaim { reference } => {
            format!("un paiement désigne une créance inconnue : {reference:?}")
        }
        Error::InvalidCompensationBands { reason } => {
            format!("tranches d'indemnité invalides : {}", phrase(reason))
        }
        Error::DiscountTooLarge { discount, total } => format!(
            "une réduction de {} n'est pas inférieure aux {} auxquels elle s'applique",
            m(discount),
            m(total)
        ),
        Error::PeriodMismatch {
            capacity,
            instalments,
        } => format!(
            "la capacité est calculée {} mais les échéances tombent {}",
            language::per_period(*capacity, Language::French),
            language::per_period(*instalments, Language::French)
        ),
        Error::InvalidProfileRules { reason } => {
            format!("règles de profil invalides : {}", phrase(reason))
        }
        Error::InvalidAgreement { reference, reason } => {
            format!("accord {reference:?} invalide : {}", phrase(reason))
        }
        Error::EmptyLabel { what } => format!("{} doit avoir un libellé", phrase(what)),
        Error::InvalidHousehold {
            adults,
            children,
            reason,
        } => format!(
            "foyer invalide de {adults} adultes et {children} enfants : {}",
            phrase(reason)
        ),
        Error::NoSeizureScale { year, first, last } => format!(
            "aucun barème de saisie des rémunérations intégré pour {year} : la bibliothèque connaît {first} à {last}"
        ),
        Error::InvalidSeizureScale { reason } => {
            format!("barème de saisie invalide : {}", phrase(reason))
        }
        Error::InvalidCapacity { reason } => {
            format!("capacité invalide : {}", phrase(reason))
        }
        Error::InvalidDays { what, days, range } => format!(
            "{} invalide : {days} ; attendu {}",
            phrase(what),
            phrase(range)
        ),
        Error::DiscountExceedsBase { discount, base } => format!(
            "la remise de {} dépasse les {} auxquels elle s'applique",
            m(discount),
            m(base)
        ),
        Error::MissingIssueDate { reference } => format!(
            "la créance {reference:?} n'a pas de date d'émission : aucune fenêtre d'escompte ne peut en partir"
        ),
        Error::WaiverDecided { status, event } => format!(
            "un abandon déjà {} ne peut pas être {}",
            phrase(status),
            phrase(event)
        ),
        Error::PlanClosed { status } => format!(
            "le plan est {} : il ne peut plus être modifié",
            phrase(status)
        ),
        Error::LapseNotTriggered { as_of, rule } => format!(
            "la règle de déchéance n'est pas remplie le {as_of} : {}",
            phrase(rule)
        ),
        Error::InvalidAdjustment { reason } => {
            format!("aménagement invalide : {}", phrase(reason))
        }
        Error::DuplicatePayment { reference } => {
            format!("référence de paiement en double : {reference:?}")
        }
        Error::PaymentAfterStatement {
            reference,
            date,
            as_of,
        } => format!(
            "le paiement {reference:?} du {date} est postérieur à la date du relevé, le {as_of}"
        ),
        Error::PaymentBeforePlan {
            reference,
            date,
            agreed_on,
        } => format!(
            "le paiement {reference:?} du {date} est antérieur au plan, conclu le {agreed_on}"
        ),
        Error::InsufficientCredit {
            reference,
            amount,
            held,
        } => format!(
            "{reference:?} utilise {} d'avoir, mais seuls {} sont détenus pour le débiteur",
            m(amount),
            m(held)
        ),
        Error::InvalidAllocationPolicy { reason } => {
            format!("règle d'imputation invalide : {}", phrase(reason))
        }
        Error::MissingAgreementPart { part } => {
            format!("l'accord ne comporte pas : {}", phrase(part))
        }
        Error::AgreementDebtMismatch { debt, scheduled } => format!(
            "la dette s'élève à {} mais l'échéancier rembourse {} de capital et de frais",
            m(debt),
            m(scheduled)
        ),
        Error::InvalidTerms { reason } => {
            format!("conditions de paiement invalides : {}", phrase(reason))
        }
        Error::Inconsistent { what, reason } => {
            format!("{} incohérent : {}", phrase(what), phrase(reason))
        }
    }
}

/// A limit in words ("24 instalments", "24 months", "the 2028-06-30 end date") in French.
fn limit_fr(limit: &str) -> String {
    let words: Vec<&str> = limit.split(' ').collect();
    match words.as_slice() {
        [n, "instalment"] | [n, "instalments"] => format!("{n} échéance{}", plural(n)),
        [n, "month"] | [n, "months"] => format!("{n} mois"),
        [n, "day"] | [n, "days"] => format!("{n} jour{}", plural(n)),
        ["the", date, "end", "date"] => format!("la date de fin du {date}"),
        _ => phrase(limit).into_owned(),
    }
}

fn plural(n: &str) -> &'static str {
    if matches!(n, "0" | "1") {
        ""
    } else {
        "s"
    }
}

/// A short phrase a variant carries, in French; a phrase not listed here yet is kept as it is.
pub(super) fn phrase(text: &str) -> Cow<'_, str> {
    if let Some(rest) = text.strip_prefix("the date of payment ") {
        return Cow::Owned(format!("la date du paiement {rest}"));
    }
    if let Some(rest) = text.strip_prefix("the due date of claim ") {
        return Cow::Owned(format!("la date d'échéance de la créance {rest}"));
    }
    if let Some(rest) = text.strip_prefix("the issue date of claim ") {
        return Cow::Owned(format!("la date d'émission de la créance {rest}"));
    }
    if let Some(rest) = text.strip_prefix("the due date of instalment ") {
        return Cow::Owned(format!("la date de l'échéance {rest}"));
    }
    if let Some(rest) = text.strip_prefix("the due date of ") {
        return Cow::Owned(format!("la date d'échéance de {rest}"));
    }
    let french = match text {
        // Whose reference or label.
        "a claim" => "une créance",
        "a payment" => "un paiement",
        "an overdue item" => "un montant en retard",
        "an agreement" => "un accord",
        "a plan" => "un plan",
        "a calendar domain" => "un domaine de calendrier",
        "a budget line" => "une ligne de budget",
        "a commitment" => "un engagement",
        "a fee" => "des frais",
        "a charge" => "une charge",
        "the label of a charge" => "le libellé d'une charge",
        "a use of the credit" => "une utilisation de l'avoir",
        "an invoice" => "une facture",
        "the creditor" => "le créancier",
        "the debtor" => "le débiteur",
        // Dates.
        "the statement date" => "la date du relevé",
        "the date of the penalty computation" => "la date du calcul des pénalités",
        "the statement's date" => "la date du relevé",
        "the settlement's pay-by date" => "la date limite de la transaction",
        "the last recorded payment" => "le dernier paiement enregistré",
        "the first due date" => "la première échéance",
        "the end date" => "la date de fin",
        "the down payment date" => "la date de l'acompte",
        "the agreement date" => "la date de l'accord",
        "agreement signing date" => "la date de signature de l'accord",
        "agreement end date" => "la date de fin de l'accord",
        "the day the plan was signed" => "le jour de la signature du plan",
        "the adjustment's effective date" => "la date d'effet de l'aménagement",
        "the date the plan in force took effect" => "la date d'effet du plan en vigueur",
        "the last event recorded" => "le dernier événement enregistré",
        "the new event" => "le nouvel événement",
        "the settlement date" => "la date de la transaction",
        "the offer's last day" => "le dernier jour de l'offre",
        "the table's end of validity" => "la fin de validité de la table",
        "the last rate's date of effect" => "la date d'effet du dernier taux",
        "the day the charge was added" => "le jour où la charge a été ajoutée",
        "its due date" => "sa date d'échéance",
        "period start" => "le début de la période",
        "period end" => "la fin de la période",
        "the start of the first period" => "le début de la première période",
        "the ECB table's end of validity" => "la fin de validité de la table de la BCE",
        // Amounts.
        "amount" => "le montant",
        "claim amount" => "le montant de la créance",
        "payment amount" => "le montant du paiement",
        "overdue amount" => "le montant en retard",
        "fee amount" => "le montant des frais",
        "instalment amount" => "le montant de l'échéance",
        "minimum instalment" => "l'échéance minimale",
        "down payment" => "l'acompte",
        "capacity" => "la capacité",
        "budget line amount" => "le montant de la ligne de budget",
        "commitment amount" => "le montant de l'engagement",
        "compensation amount" => "le montant de l'indemnité",
        "credit applied or refunded" => "l'avoir imputé ou remboursé",
        "prepayment" => "le remboursement anticipé",
        "rounding step" => "le pas d'arrondi",
        "settlement reduction" => "la réduction de la transaction",
        "waived amount" => "le montant abandonné",
        "invoice amount" => "le montant de la facture",
        "interest cap" => "le plafond des intérêts",
        "arrears tolerance" => "la tolérance d'impayé",
        "percentage" | "a percentage" => "le pourcentage",
        "reduction" => "la réduction",
        "early-payment discount" => "l'escompte",
        "days before a due date" => "le nombre de jours avant une échéance",
        "days paid early" => "le nombre de jours d'avance",
        "dunning delay" => "le délai de relance",
        "net term in days" => "le délai de paiement en jours",
        "day of the month" => "le jour du mois",
        // Ranges.
        "0 to 3660" => "de 0 à 3660",
        "1 to 3660" => "de 1 à 3660",
        "above 0 and below 100" => "plus de 0 et moins de 100",
        "above 0" => "plus de 0",
        "at least 1" => "au moins 1",
        "below 100" => "moins de 100",
        "between 0 and 100" => "entre 0 et 100",
        "between 0 and 1000" => "entre 0 et 1000",
        "greater than 0% and less than 100%" => "plus de 0 % et moins de 100 %",
        // Units, statuses, events.
        "days" => "jours",
        "months" => "mois",
        "completed" => "terminé",
        "settled" => "soldé",
        "lapsed" => "déchu",
        "granted" => "accordé",
        "reinstated" => "rétabli",
        "granted on completion" => "accordé à la fin du plan",
        "reinstated on lapse" => "rétabli à la déchéance",
        "agreed on a running plan" => "consenti sur un plan en cours",
        // Parsing.
        "an amount (\"1234.56 EUR\")" => "un montant (« 1234.56 EUR »)",
        // Reasons.
        "expected three uppercase ASCII letters" => "trois lettres majuscules ASCII attendues",
        "a rate must not be negative" => "un taux ne doit pas être négatif",
        "a rate must not exceed 1000%" => "un taux ne doit pas dépasser 1000 %",
        "a reference rate must lie between -1000% and 1000%" => {
            "un taux de référence doit être compris entre -1000 % et 1000 %"
        }
        "a lapse rule needs at least one condition" => {
            "une règle de déchéance demande au moins une condition"
        }
        "a lapse rule counts at least 1 missed instalment" => {
            "une règle de déchéance compte au moins 1 échéance impayée"
        }
        "a policy needs at least one step" => "une règle d'imputation demande au moins une étape",
        "a schedule has at least one instalment" => "un échéancier a au moins une échéance",
        "an agreement in progress has no end date" => "un accord en cours n'a pas de date de fin",
        "an honoured or broken agreement needs the date it ended" => {
            "un accord honoré ou rompu demande sa date de fin"
        }
        "at most 60 dependants are accepted" => "60 personnes à charge au plus sont acceptées",
        "no version is in force" => "aucune version n'est en vigueur",
        "an arrears tolerance needs an amount, a share or both" => {
            "une tolérance d'impayé demande un montant, une part ou les deux"
        }
        "a settlement reduction of the penalties needs the penalty policy" => {
            "une réduction des pénalités demande la règle de pénalités"
        }
        "waiving penalties as a regularity bonus needs the penalty policy"
        | "a regularity bonus that waives the penalties needs a penalty policy" => {
            "une prime de régularité qui abandonne les pénalités demande une règle de pénalités"
        }
        // Operations (after "en").
        "adding amounts" => "additionnant des montants",
        "subtracting amounts" => "soustrayant des montants",
        "multiplying an amount" => "multipliant un montant",
        "allocating payments" => "imputant les paiements",
        "computing late-payment interest" => "calculant les intérêts de retard",
        "rounding late-payment interest" => "arrondissant les intérêts de retard",
        "computing periodic interest" => "calculant les intérêts de la période",
        "computing the annuity payment" => "calculant l'échéance constante",
        "rounding an instalment to the step" => "arrondissant une échéance au pas",
        "dividing the balance by the count" => "divisant le solde par le nombre d'échéances",
        "taking a percentage of an amount" => "prenant un pourcentage d'un montant",
        "converting an amount to another period" => "convertissant un montant à une autre période",
        "counting instalments" => "comptant les échéances",
        "computing the down payment" => "calculant l'acompte",
        "computing accrued interest" => "calculant les intérêts courus",
        "building an amount from minor units" => "formant un montant à partir de centimes",
        _ => return Cow::Borrowed(text),
    };
    Cow::Borrowed(french)
}
