//! Errors for input the catalog does not know. Each carries the rejected input and, where one
//! is close, a suggestion.

use core::fmt::Display;

use crate::{suggest, Category, ErrorCode};

/// The input is neither a documented code nor (for [`lookup`](crate::lookup)) text that
/// contains a documented message.
///
/// ```
/// use nps_mfa_errors::ErrorCode;
///
/// let error = "HTTP_CONECT_ERROR".parse::<ErrorCode>().unwrap_err();
/// assert_eq!(error.input(), "HTTP_CONECT_ERROR");
/// assert_eq!(error.suggestion(), Some(ErrorCode::HttpConnectError));
/// assert!(error.to_string().contains("did you mean `HTTP_CONNECT_ERROR`?"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[error("`{input}` is not a documented NPS extension error code or message; {}", Hint(*suggestion))]
pub struct UnknownCode {
    input: String,
    suggestion: Option<ErrorCode>,
}

impl UnknownCode {
    pub(crate) fn new(input: &str) -> Self {
        UnknownCode {
            input: input.to_owned(),
            suggestion: suggest::closest_code(input),
        }
    }

    /// The rejected input, as given.
    #[must_use]
    pub fn input(&self) -> &str {
        &self.input
    }

    /// The documented code closest to the input, if one is close.
    #[must_use]
    pub fn suggestion(&self) -> Option<ErrorCode> {
        self.suggestion
    }
}

struct Hint(Option<ErrorCode>);

impl Display for Hint {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self.0 {
            Some(code) => write!(f, "did you mean `{code}`?"),
            None => f.write_str(
                "check the spelling, or pass the whole log message so it can be matched",
            ),
        }
    }
}

/// The input is not a category identifier.
///
/// ```
/// use nps_mfa_errors::Category;
///
/// let error = "user_errors".parse::<Category>().unwrap_err();
/// assert_eq!(error.suggestion(), Some(Category::UserError));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[error("`{input}` is not a category; {}", CategoryHint(*suggestion))]
pub struct UnknownCategory {
    input: String,
    suggestion: Option<Category>,
}

impl UnknownCategory {
    pub(crate) fn new(input: &str) -> Self {
        UnknownCategory {
            input: input.to_owned(),
            suggestion: suggest::closest_category(input),
        }
    }

    /// The rejected input, as given.
    #[must_use]
    pub fn input(&self) -> &str {
        &self.input
    }

    /// The category identifier closest to the input, if one is close.
    #[must_use]
    pub fn suggestion(&self) -> Option<Category> {
        self.suggestion
    }
}

struct CategoryHint(Option<Category>);

impl Display for CategoryHint {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        if let Some(category) = self.0 {
            write!(f, "did you mean `{category}`? ")?;
        }
        f.write_str("the categories are ")?;
        for (i, category) in Category::all().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "`{category}`")?;
        }
        Ok(())
    }
}
