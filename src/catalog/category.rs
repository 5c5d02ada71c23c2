//! Behaviour of [`Category`]: what the errors page says about each section.

use super::{Category, ErrorCode};

impl Category {
    /// The section heading in the newest document.
    #[must_use]
    pub fn title(self) -> &'static str {
        self.info().title
    }

    /// What the rows of this section have in common, in a sentence or two.
    #[must_use]
    pub fn description(self) -> &'static str {
        self.info().description
    }

    /// Every code with at least one row in this section, in catalog order.
    ///
    /// ```
    /// use nps_mfa_errors::{Category, ErrorCode};
    /// assert!(Category::UserError.codes().contains(&ErrorCode::AccessDenied));
    /// let ids: Vec<&str> = Category::all().map(Category::as_str).collect();
    /// assert_eq!(ids, ["nps_extension", "alternate_login_id", "user_error", "not_an_error", "requires_support"]);
    /// assert!("user_errors".parse::<Category>().is_err());
    /// ```
    #[must_use]
    pub fn codes(self) -> &'static [ErrorCode] {
        self.info().codes
    }
}
