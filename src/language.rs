//! The languages explanations are written in.
//!
//! Capacity breakdowns and proposed plans explain themselves in plain words for the debtor and the
//! creditor; the seeds of this practice are French, its users also write in English.

use core::fmt;
use core::str::FromStr;

use crate::error::{Error, Result};

/// A language for plain-language explanations.
///
/// Text and JSON use the ISO 639-1 code: `"en"`, `"fr"`.
///
/// ```
/// use echeancier::Language;
///
/// assert_eq!("fr".parse::<Language>()?, Language::French);
/// assert_eq!(Language::English.to_string(), "en");
/// assert_eq!(Language::default(), Language::English);
/// # Ok::<(), echeancier::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Language {
    /// English.
    #[default]
    #[cfg_attr(feature = "serde", serde(rename = "en"))]
    English,
    /// French.
    #[cfg_attr(feature = "serde", serde(rename = "fr"))]
    French,
}

impl Language {
    /// The ISO 639-1 code: `"en"` or `"fr"`.
    ///
    /// ```
    /// assert_eq!(echeancier::Language::French.code(), "fr");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::French => "fr",
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Language {
    type Err = Error;

    fn from_str(s: &str) -> Result<Language> {
        match s {
            "en" => Ok(Language::English),
            "fr" => Ok(Language::French),
            _ => Err(Error::Parse {
                what: "a language (\"en\" or \"fr\")",
                input: s.to_owned(),
            }),
        }
    }
}
