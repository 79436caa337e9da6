//! Argon2id password hashing. Both functions are CPU heavy: call them from
//! the blocking pool, never directly on the async runtime.

use std::sync::OnceLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rand::RngCore;

use crate::error::Error;

/// Hashes `password` into a PHC string with a random salt.
pub fn hash(password: &str) -> Result<String, Error> {
    let mut salt = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut salt);
    let salt = SaltString::encode_b64(&salt).map_err(|e| Error::Internal(e.to_string()))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Internal(format!("cannot hash password: {e}")))
}

/// Checks `password` against a stored hash. A missing or unreadable hash
/// still costs one verification, so timing does not reveal which users
/// exist or have a password.
pub fn verify(password: &str, stored: Option<&str>) -> bool {
    let parsed = stored.and_then(|s| PasswordHash::new(s).ok());
    match parsed {
        Some(h) => Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok(),
        None => {
            let _ = dummy_hash().map(|h| {
                PasswordHash::new(h)
                    .map(|h| Argon2::default().verify_password(password.as_bytes(), &h))
            });
            false
        }
    }
}

fn dummy_hash() -> Option<&'static str> {
    static DUMMY: OnceLock<Option<String>> = OnceLock::new();
    DUMMY
        .get_or_init(|| hash("no user has this password").ok())
        .as_deref()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_then_verify() {
        let h = hash("s3cret").expect("hash");
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("s3cret", Some(&h)));
        assert!(!verify("wrong", Some(&h)));
        assert!(!verify("s3cret", None));
        assert!(!verify("s3cret", Some("not a phc string")));
    }
}
