//! Parsing of the timestamps OpenStack services send.
//!
//! Keystone sends `2026-11-21T09:14:03.000000Z`; other services drop the
//! fraction, use `+00:00`, or (Nova, Cinder) send no zone at all, which
//! means UTC.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Deserializer};

/// Parses an OpenStack timestamp. Zone-less times are taken as UTC.
pub fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    // Offsets without a colon (`+0000`) and a space instead of `T`.
    for fmt in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S%.f%z"] {
        if let Ok(t) = DateTime::parse_from_str(s, fmt) {
            return Some(t.with_timezone(&Utc));
        }
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, fmt) {
            return Some(t.and_utc());
        }
    }
    None
}

/// `deserialize_with` helper for a required timestamp.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
    let s = String::deserialize(d)?;
    parse_time(&s).ok_or_else(|| serde::de::Error::custom(format!("unrecognised time '{s}'")))
}

/// `deserialize_with` helper for an optional (or null) timestamp.
pub fn deserialize_option<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<DateTime<Utc>>, D::Error> {
    match Option::<String>::deserialize(d)? {
        None => Ok(None),
        Some(s) if s.is_empty() => Ok(None),
        Some(s) => parse_time(&s)
            .map(Some)
            .ok_or_else(|| serde::de::Error::custom(format!("unrecognised time '{s}'"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, s).unwrap()
    }

    #[test]
    fn keystone_format() {
        assert_eq!(
            parse_time("2026-11-21T09:14:03.000000Z"),
            Some(utc(2026, 11, 21, 9, 14, 3))
        );
        let t = parse_time("2014-06-10T21:40:14.360795Z").unwrap();
        assert_eq!(t.timestamp_subsec_micros(), 360795);
    }

    #[test]
    fn other_formats() {
        let want = utc(2026, 11, 21, 9, 14, 3);
        assert_eq!(parse_time("2026-11-21T09:14:03Z"), Some(want));
        assert_eq!(parse_time("2026-11-21T09:14:03+00:00"), Some(want));
        assert_eq!(parse_time("2026-11-21T10:14:03+01:00"), Some(want));
        assert_eq!(parse_time("2026-11-21T10:14:03.000000+0100"), Some(want));
        assert_eq!(parse_time("2026-11-21T09:14:03.000000"), Some(want));
        assert_eq!(parse_time("2026-11-21T09:14:03"), Some(want));
        assert_eq!(parse_time("2026-11-21 09:14:03"), Some(want));
        assert_eq!(parse_time(" 2026-11-21T09:14:03Z "), Some(want));
    }

    #[test]
    fn garbage_is_rejected() {
        assert_eq!(parse_time(""), None);
        assert_eq!(parse_time("yesterday"), None);
        assert_eq!(parse_time("2026-13-41T09:14:03Z"), None);
    }

    #[test]
    fn serde_helpers() {
        #[derive(serde::Deserialize)]
        struct T {
            #[serde(deserialize_with = "deserialize")]
            a: DateTime<Utc>,
            #[serde(default, deserialize_with = "deserialize_option")]
            b: Option<DateTime<Utc>>,
            #[serde(default, deserialize_with = "deserialize_option")]
            c: Option<DateTime<Utc>>,
        }
        let t: T =
            serde_json::from_str(r#"{"a": "2026-11-21T09:14:03.000000Z", "b": null}"#).unwrap();
        assert_eq!(t.a, utc(2026, 11, 21, 9, 14, 3));
        assert_eq!(t.b, None);
        assert_eq!(t.c, None);
        assert!(serde_json::from_str::<T>(r#"{"a": "soon"}"#).is_err());
    }
}
