//! Finding catalog entries from what a user has in hand: a code in any case, or text that is or
//! contains a documented message.

use crate::catalog::{MessagePattern, MESSAGE_PATTERNS};
use crate::error::Advice;
use crate::{Entry, ErrorCode, Similarity, UnknownCode, Wording};

/// A name table of the catalog: every enum the generator writes ([`ErrorCode`],
/// [`Category`](crate::Category), [`Setting`](crate::Setting) and the other facts) implements
/// it, and [`Unknown`](crate::Unknown) reports a name that is in none of them.
pub trait Name: Copy + Sized + 'static + strum::IntoEnumIterator {
    /// What a name of this kind is, such as `registry setting`.
    const KIND: &'static str;
    #[doc(hidden)]
    const WHAT: &'static str;
    #[doc(hidden)]
    const ADVICE: Advice;
    /// The length of the longest identifier, in bytes.
    const LONGEST: usize;
    /// Identifier → value: the `phf` map the generator writes.
    const EXACT: &'static phf::Map<&'static str, Self>;

    /// The stable identifier (`as_str`).
    fn id(self) -> &'static str;

    /// Every value, in the order of the data.
    fn all_values() -> Self::Iterator {
        Self::iter()
    }
}

/// Parses an exact identifier: one `phf` lookup, and the [`Unknown`](crate::Unknown) error
/// with a suggestion when it misses.
pub(crate) fn parse<T: Name>(id: &str) -> Result<T, crate::Unknown<T>> {
    T::EXACT
        .get(id)
        .copied()
        .ok_or_else(|| crate::Unknown::new(id))
}

/// `text` without `prefix`, compared ignoring ASCII case (`errorcode:: X`, `BeforeRegAdd_...`).
#[cfg(feature = "scan")]
pub(crate) fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// Looks `name` up in a map keyed by lower-case identifiers, ignoring ASCII case and without
/// allocating: a name without upper-case letters is looked up as it is; any other is folded
/// into a stack buffer as long as the longest identifier.
pub(crate) fn ignore_case<T: Name>(folded: &phf::Map<&'static str, T>, name: &str) -> Option<T> {
    // The generator refuses codes and setting names longer than this.
    const ROOM: usize = 64;
    let bytes = name.as_bytes();
    if bytes.len() > T::LONGEST || bytes.len() > ROOM {
        return None;
    }
    let mut buffer = [0_u8; ROOM];
    let lower = &mut buffer[..bytes.len()];
    let mut upper = false;
    for (to, &from) in lower.iter_mut().zip(bytes) {
        *to = from.to_ascii_lowercase();
        upper |= from.is_ascii_uppercase();
    }
    if !upper {
        // Already folded: the name itself, without a UTF-8 check of the copy.
        return folded.get(name).copied();
    }
    // Lower-casing ASCII letters keeps UTF-8 valid.
    let lower = core::str::from_utf8(lower).ok()?;
    folded.get(lower).copied()
}

/// A documented message found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct MessageMatch {
    code: ErrorCode,
    entry: &'static Entry,
    wording: &'static Wording,
    similarity: Similarity,
}

impl MessageMatch {
    /// The code the message belongs to (the first code where a row names two).
    #[must_use]
    pub const fn code(&self) -> ErrorCode {
        self.code
    }

    /// The matching entry of that code.
    #[must_use]
    pub const fn entry(&self) -> &'static Entry {
        self.entry
    }

    /// The documented wording that matched.
    #[must_use]
    pub const fn wording(&self) -> &'static Wording {
        self.wording
    }

    /// How close the text was to that wording: exact, or drifted (see [`find_message`]).
    #[must_use]
    pub const fn similarity(&self) -> Similarity {
        self.similarity
    }
}

/// Finds the documented message that `text` is or contains.
///
/// Any documented wording matches; `{0}`/`{1}` placeholders and the variable parts of a
/// message (the user, the product name) match any text; case and white space are folded. A
/// wording that drifts the way logs and posts do also matches, with its
/// [`similarity`](MessageMatch::similarity) below exact: singular or plural (the verb
/// agreeing with it too), a contraction or its expansion, an article more or less, British or
/// American spelling, other spacing or punctuation. Only these: the whole fixed structure of
/// the wording, every rare word in it, has to be there, so ordinary NPS and RADIUS lines match
/// nothing. When
/// several messages match, the most specific one (the most literal text) wins, so
/// `Wrong code and pin entered. (OneWaySMS)` is `SMSAuthFailedWrongCodePinEntered`, not
/// `OathCodePinIncorrect`.
///
/// ```
/// use nps_mfa_errors::{find_message, ErrorCode};
///
/// let found = find_message(
///     "The length of CompanyName Contoso Ltd is longer than the maximum allowed length 64",
/// )
/// .unwrap();
/// assert_eq!(found.code(), ErrorCode::InvalidParameter);
///
/// let found = find_message("Msg:: caller tenant does not have access permissions to do authentication for the user").unwrap();
/// assert_eq!(found.code(), ErrorCode::AccessDenied);
///
/// assert!(find_message("The service started.").is_none());
/// ```
#[must_use]
pub fn find_message(text: &str) -> Option<MessageMatch> {
    let (index, similarity) = crate::tolerant::find(text)?;
    let pattern: &MessagePattern = &MESSAGE_PATTERNS[index];
    let entry = &pattern.code.entries()[pattern.entry];
    Some(MessageMatch {
        code: pattern.code,
        entry,
        wording: &entry.wordings()[pattern.wording],
        similarity,
    })
}

/// What [`lookup`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Lookup {
    /// The query is a code (in any case).
    Code(ErrorCode),
    /// The query is or contains a documented message.
    Message(MessageMatch),
}

impl Lookup {
    /// The code that was found.
    #[must_use]
    pub const fn code(&self) -> ErrorCode {
        match self {
            Lookup::Code(code) => *code,
            Lookup::Message(found) => found.code(),
        }
    }
}

/// Looks up whatever a user has: a code in any case, or a message as it appears in a log.
///
/// ```
/// use nps_mfa_errors::{lookup, ErrorCode, Lookup};
///
/// assert_eq!(lookup("ests_token_error")?, Lookup::Code(ErrorCode::EstsTokenError));
/// assert_eq!(lookup("Error: Alternate LoginId lookup failed")?.code(), ErrorCode::AlternateLoginIdError);
///
/// let error = lookup("ESTS_TOKEN_EROR").unwrap_err();
/// assert_eq!(error.suggestion(), Some(ErrorCode::EstsTokenError));
/// # Ok::<(), nps_mfa_errors::UnknownCode>(())
/// ```
pub fn lookup(query: &str) -> Result<Lookup, UnknownCode> {
    let trimmed = query.trim();
    if let Some(code) =
        ErrorCode::from_code(trimmed).or_else(|| ErrorCode::from_code_ignore_case(trimmed))
    {
        return Ok(Lookup::Code(code));
    }
    find_message(trimmed)
        .map(Lookup::Message)
        .ok_or_else(|| UnknownCode::new(trimmed))
}
