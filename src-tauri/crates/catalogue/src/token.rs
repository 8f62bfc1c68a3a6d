//! The Channel SDK access token is generated on this machine: 32 bytes from the OS
//! random source, hex-encoded. It is shown once, then stored in the vault only.

use thiserror::Error;

#[derive(Debug, Error)]
#[error("the operating system's random source failed: {0}")]
pub struct TokenError(String);

/// A new 256-bit access token as 64 lowercase hex characters.
pub fn generate_access_token() -> Result<String, TokenError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| TokenError(e.to_string()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_64_hex_chars_and_differ() {
        let a = generate_access_token().unwrap();
        let b = generate_access_token().unwrap();
        assert_eq!(a.len(), 64);
        assert!(a
            .chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
        assert_ne!(a, b);
    }
}
