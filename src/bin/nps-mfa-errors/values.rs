//! Parsing of option values a person types: categories and clouds in any case, with errors
//! that list every valid value.

use nps_mfa_errors::{Category, Cloud};

/// A category id in any case, `-` or space for `_` (`USER_ERROR`, `user-error`).
pub fn category(text: &str) -> Result<Category, String> {
    let wanted = normalize(text);
    Category::all()
        .find(|category| category.as_str() == wanted)
        .ok_or_else(|| {
            let hint = text
                .parse::<Category>()
                .err()
                .and_then(|e| e.suggestion())
                .map(|c| format!("did you mean `{c}`? "))
                .unwrap_or_default();
            format!(
                "`{text}` is not a category; {hint}the categories are {}",
                list(Category::all().map(|c| c.as_str()))
            )
        })
}

/// A cloud id in any case, or the start of one (`gov` for `government`).
pub fn cloud(text: &str) -> Result<Cloud, String> {
    Cloud::from_name_or_start(text).ok_or_else(|| {
        format!(
            "`{text}` is not a documented cloud; the clouds are {}",
            list(Cloud::all().map(|c| c.as_str()))
        )
    })
}

fn normalize(text: &str) -> String {
    text.trim().to_ascii_lowercase().replace(['-', ' '], "_")
}

fn list<'a>(names: impl Iterator<Item = &'a str>) -> String {
    names
        .map(|name| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_parse_in_any_case() {
        assert_eq!(category("USER_ERROR"), Ok(Category::UserError));
        assert_eq!(category("user-error"), Ok(Category::UserError));
        let error = category("bogus").unwrap_err();
        assert!(error.contains("`requires_support`"), "{error}");
    }

    #[test]
    fn clouds_parse_in_any_case_and_by_a_unique_start() {
        assert_eq!(cloud("Government"), Ok(Cloud::Government));
        assert_eq!(cloud("gov"), Ok(Cloud::Government));
        assert_eq!(cloud("CHINA"), Ok(Cloud::China));
        let error = cloud("mars").unwrap_err();
        assert!(error.contains("`public`, `government`, `china`"), "{error}");
    }
}
