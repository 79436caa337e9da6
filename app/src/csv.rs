//! CSV export (RFC 4180) for tables, offered as `data:` links.
//!
//! Numbers in the cells should be plain (`1234.5`, not the locale's
//! `1.234,5`) so spreadsheets read them as numbers; the headers may be
//! translated.

/// One CSV document: the header line, then a line per row, each ended by
/// CRLF. Fields with a comma, quote, CR or LF are quoted, their quotes
/// doubled.
pub fn to_csv<H: AsRef<str>, F: AsRef<str>>(headers: &[H], rows: &[Vec<F>]) -> String {
    let mut out = String::new();
    let mut line = |fields: &mut dyn Iterator<Item = &str>| {
        for (i, field) in fields.enumerate() {
            if i > 0 {
                out.push(',');
            }
            if field.contains([',', '"', '\r', '\n']) {
                out.push('"');
                out.push_str(&field.replace('"', "\"\""));
                out.push('"');
            } else {
                out.push_str(field);
            }
        }
        out.push_str("\r\n");
    };
    line(&mut headers.iter().map(AsRef::as_ref));
    for row in rows {
        line(&mut row.iter().map(AsRef::as_ref));
    }
    out
}

/// A `data:` URL of `csv`, for `<a download href=…>`.
pub fn data_url(csv: &str) -> String {
    use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
    const KEEP: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    format!(
        "data:text/csv;charset=utf-8,{}",
        utf8_percent_encode(csv, KEEP)
    )
}

/// `x` as a spreadsheet reads it: dot decimal, at most two decimals, no
/// grouping (`12`, `0.5`, `1234.25`).
pub fn plain_number(x: f64) -> String {
    let s = format!("{:.2}", x);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    match s {
        "-0" | "" => "0".to_string(),
        s => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_as_rfc_4180_says() {
        let csv = to_csv(
            &["Name", "Hours"],
            &[
                vec!["web-1", "12"],
                vec!["a, b", "1.5"],
                vec!["say \"hi\"", "0"],
                vec!["two\nlines", "3"],
                vec!["", "4"],
            ],
        );
        assert_eq!(
            csv,
            "Name,Hours\r\nweb-1,12\r\n\"a, b\",1.5\r\n\"say \"\"hi\"\"\",0\r\n\"two\nlines\",3\r\n,4\r\n"
        );
        let empty: &[Vec<String>] = &[];
        assert_eq!(to_csv(&["Datum"], empty), "Datum\r\n");
    }

    #[test]
    fn data_urls_encode_everything_but_unreserved() {
        assert_eq!(
            data_url("a b,\"ü\"\r\n"),
            "data:text/csv;charset=utf-8,a%20b%2C%22%C3%BC%22%0D%0A"
        );
    }

    #[test]
    fn numbers_are_plain() {
        assert_eq!(plain_number(12.0), "12");
        assert_eq!(plain_number(0.5), "0.5");
        assert_eq!(plain_number(1234.256), "1234.26");
        assert_eq!(plain_number(0.0), "0");
        assert_eq!(plain_number(-0.001), "0");
        assert_eq!(plain_number(100.0), "100");
    }
}
