//! Behaviour of [`Category`]: parsing and iteration.

use core::str::FromStr;

use super::{Category, CATEGORIES};
use crate::error::UnknownCategory;

impl Category {
    /// Every category, in the order of the errors page.
    ///
    /// ```
    /// use nps_mfa_errors::Category;
    /// let ids: Vec<&str> = Category::all().map(Category::as_str).collect();
    /// assert_eq!(ids, ["nps_extension", "alternate_login_id", "user_error", "not_an_error", "requires_support"]);
    /// ```
    pub fn all() -> impl ExactSizeIterator<Item = Category> + DoubleEndedIterator + Clone {
        <Category as strum::IntoEnumIterator>::iter()
    }
}

impl FromStr for Category {
    type Err = UnknownCategory;

    /// Parses a category identifier such as `user_error`.
    ///
    /// ```
    /// use nps_mfa_errors::Category;
    /// assert_eq!("not_an_error".parse::<Category>()?, Category::NotAnError);
    /// assert!("user_errors".parse::<Category>().is_err());
    /// # Ok::<(), nps_mfa_errors::UnknownCategory>(())
    /// ```
    fn from_str(id: &str) -> Result<Self, Self::Err> {
        CATEGORIES
            .get(id)
            .copied()
            .ok_or_else(|| UnknownCategory::new(id))
    }
}

impl TryFrom<&str> for Category {
    type Error = UnknownCategory;

    fn try_from(id: &str) -> Result<Self, Self::Error> {
        id.parse()
    }
}

impl AsRef<str> for Category {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}
