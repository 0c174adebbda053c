//! The tool's messages in French where they do not come from the library: what the JSON reader
//! says of a request, what the system says of a file, and what the argument parser says of a
//! command line. The library's own errors are translated by the library (`Error::to_string_in`).

use serde_json::Value;

/// The JSON reader's message (its position already taken off), in French. Messages it does not
/// know stay as they are: they name a value and a field, which read the same in both languages.
pub(crate) fn json_message(message: &str) -> String {
    if let Some((_, french)) = FIXED.iter().find(|(english, _)| *english == message) {
        return (*french).to_owned();
    }
    if let Some(field) = message.strip_prefix("missing field ") {
        return format!("champ {field} manquant");
    }
    if let Some(field) = message.strip_prefix("duplicate field ") {
        return format!("champ {field} en double");
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (field, tail) = rest.split_once(", ").unwrap_or((rest, ""));
        return format!("champ {field} inconnu{}", expected_names(tail, "champ"));
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let (variant, tail) = rest.split_once(", ").unwrap_or((rest, ""));
        return format!(
            "valeur {variant} inconnue{}",
            expected_names(tail, "valeur")
        );
    }
    for (english, french) in [
        ("invalid type: ", "type invalide"),
        ("invalid value: ", "valeur invalide"),
    ] {
        if let Some(rest) = message.strip_prefix(english) {
            if let Some((found, expected)) = rest.split_once(", expected ") {
                return format!(
                    "{french} : {} ; attendu : {}",
                    unexpected(found),
                    expected_thing(expected)
                );
            }
        }
    }
    if let Some(rest) = message.strip_prefix("invalid length ") {
        if let Some((length, expected)) = rest.split_once(", expected ") {
            return format!(
                "longueur invalide ({length}) ; attendu : {}",
                expected_thing(expected)
            );
        }
    }
    message.to_owned()
}

/// Messages of the JSON reader and of the date reader that carry no value.
const FIXED: &[(&str, &str)] = &[
    (
        "EOF while parsing a list",
        "le texte s'arrête au milieu d'une liste",
    ),
    (
        "EOF while parsing an object",
        "le texte s'arrête au milieu d'un objet",
    ),
    (
        "EOF while parsing a string",
        "le texte s'arrête au milieu d'une chaîne",
    ),
    (
        "EOF while parsing a value",
        "le texte s'arrête avant une valeur",
    ),
    ("expected `:`", "« : » attendu"),
    ("expected `,` or `]`", "« , » ou « ] » attendu"),
    ("expected `,` or `}`", "« , » ou « } » attendu"),
    ("expected ident", "true, false ou null attendu"),
    ("expected value", "valeur attendue"),
    ("expected `\"`", "« \" » attendu"),
    ("invalid escape", "séquence d'échappement invalide"),
    ("invalid number", "nombre invalide"),
    ("number out of range", "nombre hors limites"),
    (
        "invalid unicode code point",
        "point de code Unicode invalide",
    ),
    (
        "control character (\\u0000-\\u001F) found while parsing a string",
        "caractère de contrôle (\\u0000-\\u001F) dans une chaîne",
    ),
    ("key must be a string", "une clé doit être une chaîne"),
    (
        "lone leading surrogate in hex escape",
        "demi-code isolé dans un échappement hexadécimal",
    ),
    ("trailing comma", "virgule en trop"),
    ("trailing characters", "caractères en trop après la requête"),
    (
        "unexpected end of hex escape",
        "échappement hexadécimal incomplet",
    ),
    ("recursion limit exceeded", "imbrication trop profonde"),
    (
        "expected a JSON object, found an empty list",
        "un objet JSON attendu, une liste vide trouvée",
    ),
    (
        "a date that does not exist in the calendar (or out of range)",
        "une date qui n'existe pas dans le calendrier (ou hors limites)",
    ),
    (
        "input contains invalid characters",
        "une date au format AAAA-MM-JJ attendue, des caractères invalides trouvés",
    ),
    (
        "premature end of input",
        "une date au format AAAA-MM-JJ attendue, le texte s'arrête trop tôt",
    ),
    (
        "trailing input",
        "une date au format AAAA-MM-JJ attendue, des caractères en trop trouvés",
    ),
];

/// `expected one of `a`, `b`` and the like, after an unknown field or value.
fn expected_names(tail: &str, what: &str) -> String {
    if let Some(names) = tail.strip_prefix("expected one of ") {
        return format!(", attendu l'un de : {names}");
    }
    if let Some(names) = tail.strip_prefix("expected ") {
        return format!(", attendu : {}", names.replace("` or `", "` ou `"));
    }
    match tail {
        "there are no fields" => format!(" : aucun {what} n'est attendu ici"),
        "there are no variants" => " : aucune valeur n'est attendue ici".to_owned(),
        _ => String::new(),
    }
}

/// What the reader found, as serde names it (`string "x"`, `integer `5``, `null`, …).
fn unexpected(found: &str) -> String {
    for (english, french) in [
        ("boolean ", "booléen "),
        ("integer ", "entier "),
        ("floating point ", "nombre à virgule "),
        ("string ", "chaîne "),
        ("character ", "caractère "),
    ] {
        if let Some(value) = found.strip_prefix(english) {
            return format!("{french}{value}");
        }
    }
    match found {
        "sequence" => "liste",
        "map" => "objet",
        "unit value" => "valeur vide",
        "null" => "null",
        other => other,
    }
    .to_owned()
}

/// What the reader expected, as the request's reader names it.
fn expected_thing(expected: &str) -> String {
    match expected {
        "a JSON object" => "un objet JSON",
        "a string" | "a borrowed string" => "une chaîne",
        "a sequence" => "une liste",
        "a boolean" => "un booléen",
        "a formatted date string" => "une date au format AAAA-MM-JJ",
        "a Decimal type representing a fixed-point number" => "un nombre décimal",
        "u8" | "u16" | "u32" | "u64" | "usize" => "un entier positif",
        "i8" | "i16" | "i32" | "i64" | "isize" => "un entier",
        other => other,
    }
    .to_owned()
}

/// A system error on a file or a stream, in French where its kind says enough.
pub(crate) fn io_error(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::NotFound => "fichier introuvable".to_owned(),
        ErrorKind::PermissionDenied => "accès refusé".to_owned(),
        ErrorKind::BrokenPipe => "la sortie a été fermée".to_owned(),
        ErrorKind::IsADirectory => "c'est un dossier, pas un fichier".to_owned(),
        _ => error.to_string(),
    }
}

/// The library's error behind a message the JSON reader gives for a value it refused while
/// reading it (a currency, an amount, a rate, a frequency), found by reading that value again
/// where the error is: its French words, or `None` when the value is not one of those.
pub(crate) fn library_message(
    text: &str,
    path: &serde_path_to_error::Path,
    message: &str,
) -> Option<String> {
    let root: Value = serde_json::from_str(text).ok()?;
    let mut value = &root;
    for segment in path {
        value = match segment {
            serde_path_to_error::Segment::Seq { index } => value.get(index)?,
            serde_path_to_error::Segment::Map { key } => value.get(key.as_str())?,
            serde_path_to_error::Segment::Enum { variant } => value.get(variant.as_str())?,
            serde_path_to_error::Segment::Unknown => return None,
        };
    }
    let french = echeancier::Language::French;
    let candidates: Vec<echeancier::Error> = match value {
        Value::String(s) => [
            s.parse::<echeancier::Currency>().err(),
            s.parse::<echeancier::Money>().err(),
            s.parse::<echeancier::AnnualRate>().err(),
            s.parse::<echeancier::Percent>().err(),
            s.parse::<echeancier::Frequency>().err(),
        ]
        .into_iter()
        .flatten()
        .collect(),
        Value::Object(fields) => {
            // An amount: `{"amount": "…", "currency": "…"}`.
            let (Some(Value::String(amount)), Some(Value::String(currency))) =
                (fields.get("amount"), fields.get("currency"))
            else {
                return None;
            };
            format!("{amount} {currency}")
                .parse::<echeancier::Money>()
                .err()
                .into_iter()
                .collect()
        }
        _ => return None,
    };
    candidates
        .into_iter()
        .find(|error| message.starts_with(&error.to_string()))
        .map(|error| {
            let english = error.to_string();
            let rest = message.get(english.len()..).unwrap_or_default();
            format!("{}{rest}", error.to_string_in(french))
        })
}

/// The argument parser's refusal of a command line, in French: what is wrong, with the argument
/// or value it names.
pub(crate) fn usage(error: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let context = |kind: ContextKind| match error.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(list)) => list.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let valid = context(ContextKind::ValidValue);
    let valid = if valid.is_empty() {
        String::new()
    } else {
        format!(" ; valeurs possibles : {valid}")
    };
    match error.kind() {
        ErrorKind::UnknownArgument => format!(
            "argument inattendu « {} »",
            context(ContextKind::InvalidArg)
        ),
        ErrorKind::InvalidSubcommand => format!(
            "commande inconnue « {} »",
            context(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::InvalidValue => format!(
            "valeur invalide « {} » pour {}{valid}",
            context(ContextKind::InvalidValue),
            context(ContextKind::InvalidArg)
        ),
        ErrorKind::MissingRequiredArgument => format!(
            "argument obligatoire manquant : {}",
            context(ContextKind::InvalidArg)
        ),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "une commande est nécessaire".to_owned()
        }
        ErrorKind::ArgumentConflict => format!(
            "{} ne peut pas être donné avec {}",
            context(ContextKind::InvalidArg),
            context(ContextKind::PriorArg)
        ),
        ErrorKind::TooManyValues => format!(
            "{} est donné trop de fois",
            context(ContextKind::InvalidArg)
        ),
        ErrorKind::InvalidUtf8 => "un argument n'est pas du texte UTF-8".to_owned(),
        _ => "ligne de commande invalide".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reader_s_messages_read_in_french() {
        for (english, french) in [
            ("missing field `currency`", "champ `currency` manquant"),
            (
                "unknown field `extra`, expected one of `debt`, `first_due`",
                "champ `extra` inconnu, attendu l'un de : `debt`, `first_due`",
            ),
            (
                "unknown variant `daily`, expected `monthly` or `weekly`",
                "valeur `daily` inconnue, attendu : `monthly` ou `weekly`",
            ),
            (
                "invalid type: null, expected a JSON object",
                "type invalide : null ; attendu : un objet JSON",
            ),
            (
                "invalid type: integer `12`, expected a string",
                "type invalide : entier `12` ; attendu : une chaîne",
            ),
            (
                "EOF while parsing a value",
                "le texte s'arrête avant une valeur",
            ),
            ("an unknown message", "an unknown message"),
        ] {
            assert_eq!(json_message(english), french);
        }
    }
}
