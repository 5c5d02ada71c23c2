//! JSON as the CLI's `--json` and the API write it.

use serde_json::Value;

/// `value` with every object's keys in sorted order. `serde_json` keeps keys in the order they
/// were inserted when its `preserve_order` feature is on (the `evtx` dependency turns it on
/// for the whole build), and sorts them when it is off: sorting here makes the documents the
/// CLI and the server write the same, byte for byte, whatever the build unifies.
///
/// ```
/// let value = serde_json::json!({"b": 1, "a": {"d": 2, "c": 3}});
/// let text = serde_json::to_string(&nps_mfa_errors::serve::sorted_keys(value)).unwrap();
/// assert_eq!(text, r#"{"a":{"c":3,"d":2},"b":1}"#);
/// ```
#[must_use]
pub fn sorted_keys(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| (k, sorted_keys(v)))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sorted_keys).collect()),
        other => other,
    }
}
