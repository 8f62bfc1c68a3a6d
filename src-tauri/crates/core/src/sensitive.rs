//! `Sensitive<T>` wraps a secret so that it can be moved around freely but never shown:
//! Debug and Display print `<redacted>`, and it deliberately implements neither
//! `Serialize` nor `ToString` beyond that, so it cannot reach JSON, IPC or a log line by
//! accident. Reading the value is an explicit, greppable `expose()`.

use std::fmt;

/// What Debug and Display print in place of the value.
pub const REDACTED: &str = "<redacted>";

/// A secret value that cannot be printed or serialized by accident.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Sensitive<T>(T);

impl<T> Sensitive<T> {
    /// Wraps a secret as soon as it is read.
    pub fn new(value: T) -> Self {
        Sensitive(value)
    }

    /// The secret itself. Every call site is a place where a secret leaves its wrapper:
    /// keep them few (encryption, the network client) and never feed a formatter.
    pub fn expose(&self) -> &T {
        &self.0
    }

    /// Unwraps the secret, with the same care as `expose`.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> From<T> for Sensitive<T> {
    fn from(value: T) -> Self {
        Sensitive(value)
    }
}

impl<T> fmt::Debug for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl<T> fmt::Display for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for Sensitive<T> {
    /// Secrets may come *in* (a form, an import); they never go out.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::deserialize(d).map(Sensitive)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use static_assertions::assert_not_impl_any;

    assert_not_impl_any!(Sensitive<String>: serde::Serialize);

    #[test]
    fn formatting_never_shows_the_value() {
        let s = Sensitive::new("hunter2-marker".to_string());
        assert_eq!(format!("{s}"), REDACTED);
        assert_eq!(format!("{s:?}"), REDACTED);
        assert_eq!(
            format!("{:#?}", Some(&s)),
            format!("Some(\n    {REDACTED},\n)")
        );
        assert_eq!(s.expose(), "hunter2-marker");
    }

    #[test]
    fn deserializes_from_plain_values() {
        let s: Sensitive<String> = serde_json::from_str("\"pw\"").unwrap();
        assert_eq!(s.expose(), "pw");
    }
}
