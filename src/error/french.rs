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
            format!(
                "dépassement de capacité du calcul en {} : un chiffre de la demande est trop grand pour être calculé exactement (au-delà d'environ 7,9 × 10^28)",
                phrase(operation)
            )
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
        Error::InvalidMonths {
            what,
            months,
            min,
            max,
        } => format!(
            "{}, {months} mois, est en dehors de la plage acceptée, de {min} à {max} mois",
            phrase(what)
        ),
        Error::WrongCurrency {
            what,
            expected,
            found,
        } => format!(
            "{} est en {found}, mais la demande est en {expected}",
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
        Error::BalloonTooLarge { balloon, financed } => format!(
            "le paiement ballon {} doit être inférieur au montant financé {}",
            m(balloon),
            m(financed)
        ),
        Error::InstalmentRange {
            first,
            last,
            lowest,
            highest,
        } => format!(
            "les échéances {first} à {last} ne forment pas une plage de ce plan, dont les échéances \
             sont numérotées de {lowest} à {highest}"
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
            "{} par période ne couvrent pas les intérêts d'une période ({}) ; la dette ne serait jamais remboursée",
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
        Error::InvalidRateChange {
            number,
            date,
            rate,
            rule,
            limit,
        } => format!(
            "le changement de taux {number} ({date}, {}) doit tomber {} ({limit})",
            pct(&rate.percent()),
            phrase(rule)
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
        Error::RateTableGap { ends, starts } => format!(
            "les taux manquent entre le {ends} et le {starts} : la table s'arrête le {ends} et le taux suivant prend effet le {starts}"
        ),
        Error::RateNotCovered {
            date,
            first,
            valid_until,
        } => format!(
            "aucun taux connu pour le {date} : la table couvre du {first} au {valid_until} ; ajoutez-lui les taux publiés depuis (RateTable::with_rate, puis with_valid_until), ou lisez le fichier de l'éditeur (RateTable::from_ecb_csv, RateTable::from_fr_legal_rate_publication) et complétez la table avec lui (RateTable::extended_with)"
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
        ["the", "maximum", "of", n, "instalments"] => format!("le maximum de {n} échéances"),
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

/// Phrases with figures in them: the English pattern, `{}` standing for a figure or a date, and
/// its French translation with the same figures in the same order.
const PATTERNS: &[(&str, &str)] = &[
    (
        "the maximum of {} instalments",
        "le maximum de {} échéances",
    ),
    (
        "the end of a {}-month duration",
        "la fin d'une durée de {} mois",
    ),
    ("one period before {}", "une période avant le {}"),
    (
        "the date of rate change {}",
        "la date du changement de taux {}",
    ),
    (
        "the business day nearest to {}",
        "le jour ouvré le plus proche du {}",
    ),
    (
        "the day after the due date {}",
        "le lendemain de l'échéance du {}",
    ),
    ("the day after {}", "le lendemain du {}"),
    ("the day before {}", "la veille du {}"),
    ("the days from {} to {}", "les jours du {} au {}"),
    ("the due date {} from {}", "l'échéance {} à partir du {}"),
    ("the half-year after {}", "le semestre suivant le {}"),
    ("{} plus {} grace days", "le {} plus {} jours de grâce"),
    ("{} plus {} business days", "le {} plus {} jours ouvrés"),
    ("{} plus {} days", "le {} plus {} jours"),
    ("{} periods after {}", "{} périodes après le {}"),
    ("{} instalments", "{} échéances"),
    ("{} months", "{} mois"),
    // Payment terms and early-payment discounts.
    (
        "without a balance line the percentages must add up to 100%, not {}%",
        "sans ligne de solde, les pourcentages doivent totaliser 100 %, et non {} %",
    ),
    (
        "the percentages add up to {}%, more than 100%",
        "les pourcentages totalisent {} %, plus de 100 %",
    ),
    (
        "there can be only one balance line, not {}",
        "il ne peut y avoir qu'une ligne de solde, et non {}",
    ),
    ("{} lines is more than {}", "{} lignes, c'est plus que {}"),
    (
        "the invoice {} has no line {} (it has {})",
        "la facture {} n'a pas de ligne {} (elle en a {})",
    ),
    ("the date of invoice {}", "la date de la facture {}"),
    (
        "the due date of line {} of invoice {}",
        "la date d'échéance de la ligne {} de la facture {}",
    ),
    (
        "a tiered discount has 1 to {} tiers, not {}",
        "un escompte par paliers a de 1 à {} paliers, et non {}",
    ),
    (
        "the rates of a tiered discount must decrease from one tier to the next, not {} then {}",
        "les taux d'un escompte par paliers doivent décroître d'un palier au suivant, et non {} puis {}",
    ),
    (
        "the windows of a tiered discount must end later from one tier to the next, not {} then {}",
        "les délais d'un escompte par paliers doivent finir plus tard d'un palier au suivant, et non le {} puis le {}",
    ),
];

/// `text` read with the English `pattern` and written with the French one, or `None`.
fn fill(pattern: &str, french: &str, text: &str) -> Option<String> {
    let parts: Vec<&str> = pattern.split("{}").collect();
    let mut rest = text.strip_prefix(parts.first()?)?;
    let mut figures = Vec::new();
    let count = parts.len();
    for (i, part) in parts.iter().enumerate().skip(1) {
        let last = i.checked_add(1) == Some(count);
        let end = if last {
            rest.strip_suffix(part).map(str::len)?
        } else {
            rest.find(part)?
        };
        let figure = rest.get(..end)?;
        if figure.is_empty() || figure.contains(' ') {
            return None;
        }
        figures.push(figure);
        rest = rest.get(end.checked_add(part.len())?..)?;
    }
    let mut out = String::new();
    for (i, part) in french.split("{}").enumerate() {
        if let Some(before) = i.checked_sub(1) {
            out.push_str(figures.get(before)?);
        }
        out.push_str(part);
    }
    Some(out)
}

/// A short phrase a variant carries, in French; a phrase not listed here yet is kept as it is.
pub(super) fn phrase(text: &str) -> Cow<'_, str> {
    for (english, french) in PATTERNS {
        if let Some(out) = fill(english, french, text) {
            return Cow::Owned(out);
        }
    }
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
        "a use of the credit the charge would take" => "un emploi du crédit que la charge prendrait",
        "the day the charge is added" => "le jour où la charge est ajoutée",
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
        "the capacity" => "la capacité",
        "the maximum duration of a plan" => "la durée maximale d'un plan",
        "the maximum duration of a plan under the French judicial grace period" => {
            "la durée maximale d'un plan au titre des délais de grâce judiciaires"
        }
        "the maximum duration of a plan under the French over-indebtedness rules" => {
            "la durée maximale d'un plan au titre du surendettement"
        }
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
        "first day of a semi-monthly frequency" => "le premier jour d'une fréquence bimensuelle",
        "second day of a semi-monthly frequency" => "le second jour d'une fréquence bimensuelle",
        "from 1 to 16" => "de 1 à 16",
        "day of the first due date of a semi-monthly plan" => {
            "le jour de la première échéance d'un plan bimensuel"
        }
        "one of the frequency's two days of the month" => "l'un des deux jours du mois de la fréquence",
        "one of the frequency's two days of the month, the second being the last day of a shorter month" => {
            "l'un des deux jours du mois de la fréquence, le second étant le dernier jour d'un mois \
             plus court"
        }
        "13 to 16 days after the first day, and at most 31" => {
            "de 13 à 16 jours après le premier jour, et au plus 31"
        }
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
        "an amount (\"12.30 EUR\")" => "un montant (« 12.30 EUR »)",
        "a currency (\"EUR\" or \"XTS:2\")" => "une devise (« EUR » ou « XTS:2 »)",
        "a frequency (\"monthly\", \"every_10_days\"…)" => {
            "une périodicité (« monthly », « every_10_days »…)"
        }
        "a language (\"en\" or \"fr\")" => "une langue (« en » ou « fr »)",
        "a rate in percent (\"5.25%\")" => "un taux en pourcentage (« 5.25% »)",
        "a year fraction (\"30/365\", \"30/360\", \"30/366\" or \"2/365 + 3/366\")" => {
            "une fraction d'année (« 30/365 », « 30/360 », « 30/366 » ou « 2/365 + 3/366 »)"
        }
        "not a known ISO 4217 code; declare it with its minor units, e.g. \"XTS:2\"" => {
            "ce n'est pas un code ISO 4217 connu ; déclarez-le avec ses décimales, par exemple « XTS:2 »"
        }
        "waivers to reinstate need the principal and penalties they were computed on" => {
            "les abandons à rétablir demandent le capital et les pénalités sur lesquels ils ont été calculés"
        }
        "capacity rounded down to the step" => "la capacité arrondie au pas inférieur",
        "down payment rounded to the step" => "l'acompte arrondi au pas",
        "cash-rounding step" => "le pas d'arrondi de caisse",
        "fixed amount of a terms line" => "le montant fixe d'une ligne de conditions",
        "the amount entered" => "le montant saisi",
        "available" => "le disponible",
        "base" => "la base",
        "charge" => "la charge",
        "interest" => "les intérêts",
        "owed" => "le dû",
        "total_due" => "le total dû",
        "late_amount" => "le montant en retard",
        "down_payment_amount" => "le montant de l'acompte",
        "annual income" => "le revenu annuel",
        "amount a reduction applies to" => "le montant auquel s'applique une réduction",
        "share of a taxed amount" => "la part d'un montant taxé",
        "share of a terms line" => "la part d'une ligne de conditions",
        "account" => "compte",
        "statement" => "relevé",
        "adjustment record" => "compte rendu d'aménagement",
        "penalties" => "les pénalités",
        "principal" => "le capital",
        "a rate table line" => "une ligne de table de taux",
        "the header of an ECB series export" => "l'en-tête d'un export de série de la BCE",
        "interest on actual days, an interest start and rate changes do not combine with an interest-free or deferred-interest grace or with stages" => {
            "des intérêts sur les jours réels, un début des intérêts et des changements de taux ne se combinent pas avec une franchise ou un différé d'intérêts, ni avec des paliers"
        }
        "a policy at a fixed rate follows no rate table; give it a reference rate (PenaltyRate::reference) to follow one" => {
            "une politique à taux fixe ne suit aucune table de taux ; donnez-lui un taux de référence (PenaltyRate::reference) pour en suivre une"
        }
        "a publication of the French legal interest rate (each half-year followed by its two rates)" => {
            "une publication du taux de l'intérêt légal (chaque semestre suivi de ses deux taux)"
        }
        "a wage-seizure scale line" => "une ligne de barème de saisie",
        // Reasons.
        "an equal-principal plan has declining instalments and cannot be sized by one instalment amount; size it by count, capacity or end date" => {
            "un plan à parts de capital égales a des échéances décroissantes et ne peut pas être calculé sur un montant d'échéance ; calculez-le sur un nombre d'échéances, une capacité ou une date de fin"
        }
        "flat interest gives level instalments: state its rate as an annuity, not as equal principal parts" => {
            "des intérêts simples donnent des échéances constantes : donnez le taux en annuité, pas en parts de capital égales"
        }
        "a principal grace needs interest on the declining balance, paid at the end of each period: its instalments pay that interest" => {
            "un différé d'amortissement demande des intérêts sur le capital restant dû, payés en fin \
             de période : ses échéances paient ces intérêts"
        }
        "an interest-free or deferred-interest grace needs interest on the declining balance, paid at the end of each period" => {
            "une franchise ou un différé d'intérêts demande des intérêts sur le capital restant dû, \
             payés en fin de période"
        }
        "a principal grace does not combine with an interest-free or deferred-interest grace: its periods would pay nothing, and a plan has no empty instalment" => {
            "un différé d'amortissement ne se combine pas avec une franchise ou un différé \
             d'intérêts : ses périodes ne paieraient rien, et un plan n'a pas d'échéance vide"
        }
        "these instalments repay the principal within the deferred-interest grace, before the interest it defers: ask for fewer deferred periods or smaller instalments" => {
            "ces échéances remboursent le capital pendant le différé d'intérêts, avant les intérêts \
             qu'il diffère : demandez moins de périodes différées ou des échéances plus petites"
        }
        "a stepped plan charges interest on the declining balance, not flat" => {
            "un plan à paliers porte des intérêts sur le capital restant dû, pas des intérêts fixes"
        }
        "a stepped plan's instalments are paid at the end of each period" => {
            "les échéances d'un plan à paliers sont payées en fin de période"
        }
        "a stepped plan does not combine with a grace: its first instalments are the stages" => {
            "un plan à paliers ne se combine pas avec un différé : ses premières échéances sont les \
             paliers"
        }
        "a stepped plan leaves the remainder to its last instalment" => {
            "un plan à paliers laisse le reste à sa dernière échéance"
        }
        "a stage of a plan sized by capacity asks no more than the capacity" => {
            "un palier d'un plan calculé sur une capacité ne demande pas plus que la capacité"
        }
        "the stages repay the whole debt: leave at least one instalment to the plan's sizing" => {
            "les paliers remboursent toute la dette : laissez au moins une échéance au calcul du plan"
        }
        "the stages leave at least one instalment to the plan's sizing" => {
            "les paliers laissent au moins une échéance au calcul du plan"
        }
        "stage amount" => "le montant d'un palier",
        "an interest-free or deferred-interest grace leaves at least one instalment after it" => {
            "une franchise ou un différé d'intérêts laisse au moins une échéance après lui"
        }
        "a principal grace leaves at least one instalment that repays the principal" => {
            "un différé d'amortissement laisse au moins une échéance qui rembourse le capital"
        }
        "after the previous rate change" => "après le changement de taux précédent",
        "after the start of the first period" => "après le début de la première période",
        "on or before the start of the last period" => "au plus tard au début de la dernière période",
        "in a later period than the previous rate change, on or after the start of that period" => {
            "dans une période postérieure à celle du changement de taux précédent, au plus tôt au \
             début de cette période"
        }
        "a fixed year of 360, 364 or 365 days applies to frequencies counted in days (weekly, every n days)" => {
            "une année fixe de 360, 364 ou 365 jours s'applique aux fréquences comptées en jours \
             (hebdomadaire, tous les n jours)"
        }
        "interest on actual days is charged on the declining balance, at the end of each period" => {
            "les intérêts sur les jours réels portent sur le capital restant dû, en fin de période"
        }
        "an interest start date applies to interest on actual days" => {
            "une date de début des intérêts s'applique aux intérêts sur les jours réels"
        }
        "the broken-period interest on the first instalment needs interest on actual days and a plan sized by count or end date" => {
            "les intérêts de la période irrégulière sur la première échéance demandent des intérêts \
             sur les jours réels et un plan calculé par nombre d'échéances ou date de fin"
        }
        "rate changes need a plan with interest above zero on the declining balance, paid at the end of each period, sized by count or end date, without balloon, principal grace or closest last instalment" => {
            "des changements de taux demandent un plan avec intérêts au-dessus de zéro sur le capital \
             restant dû, payés en fin de période, calculé par nombre d'échéances ou date de fin, sans \
             paiement ballon, différé d'amortissement ni dernière échéance la plus proche"
        }
        "the interest start" => "le début des intérêts",
        "the exact schedule is computed for a fixed fraction of one rate per period, not for interest on actual days or rates that change" => {
            "l'échéancier exact se calcule pour une fraction fixe d'un seul taux par période, pas \
             pour des intérêts sur les jours réels ni des taux qui changent"
        }
        "a plan with a balloon is sized by count or end date, with the remainder on the last instalment" => {
            "un plan avec paiement ballon se calcule par nombre d'échéances ou date de fin, le reste \
             sur la dernière échéance"
        }
        "the remainder can go on the first instalment only in plans without interest" => {
            "le reste ne peut aller sur la première échéance que dans un plan sans intérêts"
        }
        "a waiver has a decision date exactly when it is granted or reinstated" => {
            "un abandon a une date de décision exactement quand il est accordé ou rétabli"
        }
        "adding a year fraction over 360 days to one over 365 or 366 days" => {
            "ajout d'une fraction d'année sur 360 jours à une autre sur 365 ou 366 jours"
        }
        "an implied annual cost is counted on a year of 365 or 360 days" => {
            "un coût annuel implicite se compte sur une année de 365 ou 360 jours"
        }
        "an implied annual cost needs a percentage, a window in days and a net term" => {
            "un coût annuel implicite demande un pourcentage, une fenêtre en jours et un délai net"
        }
        "the French end-of-month limit is 45 days end of month, in one of its two readings" => {
            "la limite française en fin de mois est de 45 jours fin de mois, selon l'une de ses deux lectures"
        }
        "a lapse rule's overdue condition needs both an amount and days" => {
            "la condition d'impayé d'une règle de déchéance demande un montant et un nombre de jours"
        }
        "longer than a discount window counted in days" => {
            "plus long qu'une fenêtre d'escompte comptée en jours"
        }
        "serialising" => "sérialisation",
        "deserialising" => "désérialisation",
        // Operations, continued.
        "adding late-payment interest" => "additionnant des intérêts de retard",
        "adding points to a reference rate" | "adding the points of a reference rate" => {
            "ajoutant des points à un taux de référence"
        }
        "adding the percentages of payment terms" => {
            "additionnant les pourcentages des conditions de paiement"
        }
        "adding year fractions" => "additionnant des fractions d'année",
        "applying the wage-seizure scale" => "appliquant le barème de saisie",
        "computing an interest cap" => "calculant un plafond d'intérêts",
        "computing flat interest" => "calculant des intérêts simples",
        "computing the arrears tolerance" => "calculant la tolérance d'impayé",
        "computing the implied cost of a discount" => "calculant le coût implicite d'un escompte",
        "computing what a discounted payment settles" => {
            "calculant ce que règle un paiement escompté"
        }
        "converting a rate from percent" => "convertissant un taux en pourcentage",
        "rounding a terms line to the cash step" => {
            "arrondissant une ligne de conditions au pas de caisse"
        }
        "splitting an amount between base and VAT" => "répartissant un montant entre base et TVA",
        "spreading flat interest" => "répartissant des intérêts simples",
        "tripling the legal interest rate" => "triplant le taux d'intérêt légal",
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
        "computing the exact schedule" => "calculant l'échéancier exact",
        "computing the balloon" => "calculant le paiement ballon",
        "balloon" => "le paiement ballon",
        "computing accrued interest" => "calculant les intérêts courus",
        "building an amount from minor units" => "formant un montant à partir de centimes",
        // Payment terms and early-payment discounts.
        "there must be at least one line" => "il faut au moins une ligne",
        "a line of a fixed amount needs a balance line to take the rest" => {
            "une ligne de montant fixe demande une ligne de solde qui prenne le reste"
        }
        "a tiered discount has no tier" => "un escompte par paliers n'a aucun palier",
        "days of a due rule" => "nombre de jours d'une règle d'échéance",
        "months of a due rule" => "nombre de mois d'une règle d'échéance",
        "months of a day-of-month due rule" => "nombre de mois d'une échéance à jour fixe",
        "day of the month of a due rule" => "jour du mois d'une règle d'échéance",
        "at most 3660" => "au plus 3660",
        "at most 120" => "au plus 120",
        "between 1 and 120" => "entre 1 et 120",
        "between 1 and 31" => "entre 1 et 31",
        "computing what a discounted payment must be" => {
            "calculant le montant d'un paiement escompté"
        }
        _ => return Cow::Borrowed(text),
    };
    Cow::Borrowed(french)
}

#[cfg(test)]
mod tests {
    use super::phrase;

    /// The string literals given as `what:` or `reason:` of an error in `text`, unescaped.
    fn literals(text: &str) -> Vec<String> {
        let mut found = Vec::new();
        for key in ["what:", "reason:"] {
            let mut rest = text;
            while let Some(at) = rest.find(key) {
                rest = &rest[at + key.len()..];
                let after = rest.trim_start();
                let Some(body) = after.strip_prefix('"') else {
                    continue;
                };
                let mut literal = String::new();
                let mut chars = body.chars();
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => match chars.next() {
                            // A line continuation: the line break and the indentation go.
                            Some('\n') => {
                                let tail: String = chars.clone().collect();
                                let trimmed = tail.trim_start();
                                chars = body[body.len() - trimmed.len()..].chars();
                            }
                            Some('n') => literal.push('\n'),
                            Some(other) => literal.push(other),
                            None => break,
                        },
                        c => literal.push(c),
                    }
                }
                found.push(literal);
            }
        }
        found
    }

    fn sources(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                // The command-line tool says its own words in both languages.
                if !path.ends_with("bin") {
                    sources(&path, out);
                }
            } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("french.rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                out.push((path.display().to_string(), text));
            }
        }
    }

    /// Every fixed text an error of the crate carries (what could not be read, why a request is
    /// refused) has its French words: none is left in English in a French message.
    #[test]
    fn every_fixed_text_of_an_error_is_said_in_french() {
        let mut files = Vec::new();
        sources(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut files,
        );
        let mut untranslated = Vec::new();
        let mut checked = 0;
        for (path, text) in &files {
            for literal in literals(text) {
                // Texts made at run time (`format!`) are not fixed, nor empty ones.
                if literal.is_empty() || literal.contains('{') {
                    continue;
                }
                checked += 1;
                if phrase(&literal) == literal.as_str() {
                    untranslated.push(format!("{path}: {literal:?}"));
                }
            }
        }
        assert!(
            checked > 80,
            "only {checked} texts found: the scan is broken"
        );
        assert!(
            untranslated.is_empty(),
            "{} texts without French words:\n{}",
            untranslated.len(),
            untranslated.join("\n")
        );
    }
}
