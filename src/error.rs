//! The one error for a name the catalog does not know: [`Unknown`], with the rejected input and
//! the closest documented name.

use core::fmt;

use crate::lookup::Name;

/// A name that is not in the catalog: a code, a category, a setting or another fact's id. It
/// carries the rejected input and, where one is close, the closest documented value.
///
/// ```
/// use nps_mfa_errors::{ErrorCode, Setting};
///
/// let error = "HTTP_CONECT_ERROR".parse::<ErrorCode>().unwrap_err();
/// assert_eq!(error.input(), "HTTP_CONECT_ERROR");
/// assert_eq!(error.suggestion(), Some(ErrorCode::HttpConnectError));
/// assert!(error.to_string().contains("did you mean `HTTP_CONNECT_ERROR`?"));
///
/// let error = "IP_WHITELST".parse::<Setting>().unwrap_err();
/// assert_eq!(error.suggestion(), Some(Setting::IpWhitelist));
/// assert_eq!(error.kind(), "registry setting");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unknown<T> {
    input: String,
    suggestion: Option<T>,
}

/// The input is neither a documented code nor (for [`lookup`](crate::lookup)) text that
/// contains a documented message.
pub type UnknownCode = Unknown<crate::ErrorCode>;

/// The input is not a category identifier.
pub type UnknownCategory = Unknown<crate::Category>;

/// An identifier that names no fact of this kind (a [`Setting`](crate::Setting) unless said).
pub type UnknownName<T = crate::Setting> = Unknown<T>;

impl<T: Name> Unknown<T> {
    pub(crate) fn new(input: &str) -> Self {
        Unknown {
            input: input.to_owned(),
            suggestion: crate::suggest::closest(input),
        }
    }

    /// The rejected input, as given.
    #[must_use]
    pub fn input(&self) -> &str {
        &self.input
    }

    /// The documented value closest to the input, if one is close.
    #[must_use]
    pub fn suggestion(&self) -> Option<T> {
        self.suggestion
    }

    /// What was looked for: `error code`, `category`, `registry setting`, `cloud`, ...
    #[must_use]
    pub fn kind(&self) -> &'static str {
        T::KIND
    }
}

/// What an [`Unknown`] advises besides its suggestion.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Advice {
    /// This sentence, when nothing is close.
    Otherwise(&'static str),
    /// Every valid name, always: "the {plural} are `a`, `b`".
    ListAll(&'static str),
}

impl<T: Name> fmt::Display for Unknown<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not {}; ", self.input, T::WHAT)?;
        if let Some(close) = self.suggestion {
            write!(f, "did you mean `{}`?", close.id())?;
        }
        match (T::ADVICE, self.suggestion) {
            (Advice::Otherwise(_), Some(_)) => Ok(()),
            (Advice::Otherwise(text), None) => f.write_str(text),
            (Advice::ListAll(plural), close) => {
                if close.is_some() {
                    f.write_str(" ")?;
                }
                write!(f, "the {plural} are ")?;
                for (i, value) in T::all_values().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "`{}`", value.id())?;
                }
                Ok(())
            }
        }
    }
}

impl<T: Name + fmt::Debug> std::error::Error for Unknown<T> {}
