//! Locale-aware formatting of numbers and dates.

/// Groups the digits of `n` as the language writes them.
pub fn format_number(n: i64, lang: &str) -> String {
    let sep = match lang {
        "de" => '.',
        _ => ',',
    };
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// `1,234.5` (en) or `1.234,5` (de): one decimal, grouped as the language writes.
pub fn format_decimal(x: f64, lang: &str) -> String {
    let tenths = (x * 10.0).round() as i64;
    let sep = if lang == "de" { ',' } else { '.' };
    let whole = format_number(tenths / 10, lang);
    let sign = if tenths < 0 && tenths / 10 == 0 {
        "-"
    } else {
        ""
    };
    format!("{sign}{whole}{sep}{}", (tenths % 10).abs())
}

/// `1.5 GiB`: sizes in binary units, numbers in the user's locale.
pub fn format_bytes(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        let lang = crate::i18n::current_language();
        format!(
            "{} {}",
            crate::format::format_decimal(value, &lang),
            UNITS[unit]
        )
    }
}

/// A day as the language writes it, numerically: `11/21/2026` (en),
/// `21.11.2026` (de), `2026/11/21` (ja, zh-CN).
pub fn format_date(day: chrono::NaiveDate, lang: &str) -> String {
    use chrono::Datelike;
    let (y, m, d) = (day.year(), day.month(), day.day());
    match lang {
        "de" => format!("{d}.{m}.{y}"),
        "ja" => format!("{y}/{m:02}/{d:02}"),
        "zh-CN" => format!("{y}/{m}/{d}"),
        _ => format!("{m}/{d}/{y}"),
    }
}

/// A day without its year, for chart axes: `11/21` (en, ja, zh-CN),
/// `21.11.` (de).
pub fn format_short_date(day: chrono::NaiveDate, lang: &str) -> String {
    use chrono::Datelike;
    match lang {
        "de" => format!("{}.{}.", day.day(), day.month()),
        _ => format!("{}/{}", day.month(), day.day()),
    }
}

/// Formats an instant in the user's time zone and language.
#[cfg(feature = "ssr")]
pub fn format_datetime(at: chrono::DateTime<chrono::Utc>, lang: &str, tz: &str) -> String {
    use chrono::Locale;
    let zone: chrono_tz::Tz = tz.parse().unwrap_or(chrono_tz::UTC);
    let local = at.with_timezone(&zone);
    let (locale, pattern) = match lang {
        "ja" => (Locale::ja_JP, "%Y年%m月%d日 %H:%M:%S %Z"),
        "zh-CN" => (Locale::zh_CN, "%Y年%m月%d日 %H:%M:%S %Z"),
        "de" => (Locale::de_DE, "%d.%m.%Y, %H:%M:%S %Z"),
        _ => (Locale::en_US, "%b %-d, %Y, %-I:%M:%S %p %Z"),
    };
    local.format_localized(pattern, locale).to_string()
}

/// Whether `tz` names an IANA time zone the server knows.
#[cfg(feature = "ssr")]
pub fn is_timezone(tz: &str) -> bool {
    tz.parse::<chrono_tz::Tz>().is_ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn decimals_follow_the_language() {
        assert_eq!(super::format_decimal(1234.56, "en"), "1,234.6");
        assert_eq!(super::format_decimal(1234.56, "de"), "1.234,6");
        assert_eq!(super::format_decimal(-0.25, "en"), "-0.3");
    }

    use super::*;

    #[test]
    fn numbers_group_by_locale() {
        assert_eq!(format_number(0, "en"), "0");
        assert_eq!(format_number(999, "en"), "999");
        assert_eq!(format_number(1000, "en"), "1,000");
        assert_eq!(format_number(1234567, "de"), "1.234.567");
        assert_eq!(format_number(-12345, "ja"), "-12,345");
    }

    #[test]
    fn days_follow_the_language() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        assert_eq!(format_date(day, "en"), "3/5/2026");
        assert_eq!(format_date(day, "de"), "5.3.2026");
        assert_eq!(format_date(day, "ja"), "2026/03/05");
        assert_eq!(format_date(day, "zh-CN"), "2026/3/5");
        assert_eq!(format_short_date(day, "en"), "3/5");
        assert_eq!(format_short_date(day, "de"), "5.3.");
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn dates_follow_zone_and_language() {
        use chrono::TimeZone;
        let at = chrono::Utc.with_ymd_and_hms(2026, 11, 21, 9, 5, 3).unwrap();
        assert_eq!(
            format_datetime(at, "en", "UTC"),
            "Nov 21, 2026, 9:05:03 AM UTC"
        );
        assert_eq!(
            format_datetime(at, "de", "Europe/Berlin"),
            "21.11.2026, 10:05:03 CET"
        );
        assert_eq!(
            format_datetime(at, "ja", "Asia/Tokyo"),
            "2026年11月21日 18:05:03 JST"
        );
        // An unknown zone falls back to UTC rather than failing the page.
        assert_eq!(
            format_datetime(at, "en", "Mars/Olympus"),
            "Nov 21, 2026, 9:05:03 AM UTC"
        );
        assert!(is_timezone("America/New_York"));
        assert!(!is_timezone("Mars/Olympus"));
    }
}
