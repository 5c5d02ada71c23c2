//! One documented row ([`Entry`]) and the pieces it is made of.

use super::{Category, ErrorCode};
use crate::facts::Related;

/// One version of one Microsoft page that the catalog cites.
#[derive(Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Document {
    pub(crate) id: &'static str,
    pub(crate) title: &'static str,
    pub(crate) date: &'static str,
    pub(crate) locale: &'static str,
    pub(crate) url: &'static str,
    pub(crate) machine_translated: bool,
}

impl Document {
    /// Stable identifier, such as `errors-2024-01`.
    #[must_use]
    pub const fn id(&self) -> &'static str {
        self.id
    }

    /// The page title, in English.
    #[must_use]
    pub const fn title(&self) -> &'static str {
        self.title
    }

    /// The version's date (`ms.date`), as `YYYY-MM-DD`.
    #[must_use]
    pub const fn date(&self) -> &'static str {
        self.date
    }

    /// The page's locale, such as `en-US` or `ko-KR`.
    #[must_use]
    pub const fn locale(&self) -> &'static str {
        self.locale
    }

    /// Where the current version of the page lives.
    #[must_use]
    pub const fn url(&self) -> &'static str {
        self.url
    }

    /// True for a machine translation; its English text is what the catalog records.
    #[must_use]
    pub const fn is_machine_translated(&self) -> bool {
        self.machine_translated
    }
}

/// Where a document lists a row: the document and its section heading.
#[derive(Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Source {
    /// Serialized inline: the document's id, title, date, locale and url, so a dashboard
    /// needs no second table.
    #[cfg_attr(
        feature = "serde",
        serde(flatten, serialize_with = "crate::serde_impls::document_inline")
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "crate::export::schema::DocumentInline")
    )]
    pub(crate) document: &'static Document,
    pub(crate) section: &'static str,
    pub(crate) note: Option<&'static str>,
}

impl Source {
    /// The document version.
    #[must_use]
    pub const fn document(&self) -> &'static Document {
        self.document
    }

    /// The section heading in that document, in English.
    #[must_use]
    pub const fn section(&self) -> &'static str {
        self.section
    }

    /// What a reader should know about this listing, if anything.
    #[must_use]
    pub const fn note(&self) -> Option<&'static str> {
        self.note
    }
}

/// One documented wording of a message, exactly as the product logs it.
///
/// `{0}` and `{1}` are placeholders the product fills in.
#[derive(Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Wording {
    pub(crate) text: &'static str,
    #[cfg_attr(
        feature = "serde",
        serde(serialize_with = "crate::serde_impls::document_ids")
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<String>"))]
    pub(crate) documents: &'static [&'static Document],
}

impl Wording {
    /// The exact text.
    #[must_use]
    pub const fn text(&self) -> &'static str {
        self.text
    }

    /// The document versions that show this wording.
    #[must_use]
    pub const fn documents(&self) -> &'static [&'static Document] {
        self.documents
    }
}

/// A page the remediation refers to, with an absolute URL.
#[derive(Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Link {
    pub(crate) title: &'static str,
    pub(crate) url: &'static str,
}

impl Link {
    /// What the page is about.
    #[must_use]
    pub const fn title(&self) -> &'static str {
        self.title
    }

    /// The absolute `https://` URL.
    #[must_use]
    pub const fn url(&self) -> &'static str {
        self.url
    }
}

/// One documented row: a message (or none) of a code in one section, with what to do about it.
///
/// ```
/// use nps_mfa_errors::{Category, ErrorCode};
///
/// let entry = &ErrorCode::AccessDenied.entries()[0];
/// assert_eq!(entry.category(), Category::UserError);
/// assert_eq!(
///     entry.message(),
///     Some("Caller tenant doesn't have access permissions to do authentication for the user")
/// );
/// assert!(entry.wordings().len() >= 2, "the older pages wrote \"does not\"");
/// assert!(!entry.steps().is_empty());
/// ```
#[derive(Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Entry {
    /// The newest wording's text (the first of `wordings`).
    pub(crate) message: Option<&'static str>,
    pub(crate) wordings: &'static [Wording],
    pub(crate) codes: &'static [ErrorCode],
    pub(crate) category: Category,
    pub(crate) summary: &'static str,
    pub(crate) steps: &'static [&'static str],
    pub(crate) links: &'static [Link],
    pub(crate) sources: &'static [Source],
    pub(crate) related: Related,
}

impl Entry {
    /// The codes documented on this row: one, or two where a row names two codes
    /// (`InvalidFormat` or `StrongAuthenticationServiceInvalidParameter`).
    #[must_use]
    pub const fn codes(&self) -> &'static [ErrorCode] {
        self.codes
    }

    /// The section the row sits in.
    #[must_use]
    pub const fn category(&self) -> Category {
        self.category
    }

    /// One line: what the row means.
    #[must_use]
    pub const fn summary(&self) -> &'static str {
        self.summary
    }

    /// The newest documented wording of the message, or `None` for a row without one.
    #[must_use]
    pub const fn message(&self) -> Option<&'static str> {
        self.message
    }

    /// Every documented wording of the message, newest first.
    #[must_use]
    pub const fn wordings(&self) -> &'static [Wording] {
        self.wordings
    }

    /// What to do, as short steps in order.
    #[must_use]
    pub const fn steps(&self) -> &'static [&'static str] {
        self.steps
    }

    /// The steps numbered from 1, as exports write them (`1. Restart the NPS server ...`).
    ///
    /// ```
    /// use nps_mfa_errors::ErrorCode;
    ///
    /// let entry = &ErrorCode::EstsTokenError.entries()[0];
    /// let numbered: Vec<String> = entry.numbered_steps().collect();
    /// assert_eq!(numbered.len(), entry.steps().len());
    /// assert_eq!(numbered[0], format!("1. {}", entry.steps()[0]));
    /// ```
    pub fn numbered_steps(&self) -> impl ExactSizeIterator<Item = String> {
        self.steps
            .iter()
            .enumerate()
            .map(|(i, step)| format!("{}. {step}", i + 1))
    }

    /// Pages the steps refer to.
    #[must_use]
    pub const fn links(&self) -> &'static [Link] {
        self.links
    }

    /// The document versions that list the row, newest first, with their section headings.
    #[must_use]
    pub const fn sources(&self) -> &'static [Source] {
        self.sources
    }

    /// The settings, endpoints, protocols, certificate facts and event logs the steps depend on.
    ///
    /// ```
    /// use nps_mfa_errors::{ErrorCode, Setting};
    /// let entry = &ErrorCode::ChallengeRequested.entries()[0];
    /// assert_eq!(entry.related().settings(), &[Setting::OverrideNumberMatchingWithOtp]);
    /// ```
    #[must_use]
    pub const fn related(&self) -> &Related {
        &self.related
    }
}
