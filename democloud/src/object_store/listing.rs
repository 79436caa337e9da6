//! Account and container listings: parameters, the prefix/delimiter walk
//! (Swift's `list_objects_iter`), and the plain, JSON and XML formats of
//! listing_formats.py.

use axum::http::{HeaderMap, StatusCode};
use serde::Serialize;

use super::{config_true, Fault, SwiftRequest};

/// Listing query parameters, validated like `validate_container_params`.
pub struct ListParams {
    pub limit: usize,
    pub marker: String,
    pub end_marker: String,
    pub prefix: Option<String>,
    pub delimiter: String,
    pub path: Option<String>,
    pub reverse: bool,
}

impl ListParams {
    /// `path` is only honoured for containers.
    pub fn from_request(
        req: &SwiftRequest,
        max: usize,
        with_path: bool,
    ) -> Result<ListParams, Fault> {
        let q = &req.query;
        let text = |name: &str| -> Result<String, Fault> {
            Ok(q.param(name)?.unwrap_or_default().to_owned())
        };
        // `constrain_req_limit`: a non-number means the maximum.
        let limit = match q.param("limit")? {
            Some(l) if !l.is_empty() && l.bytes().all(|b| b.is_ascii_digit()) => {
                match l.parse::<usize>() {
                    Ok(n) if n <= max => n,
                    _ => {
                        return Err(Fault::html(
                            StatusCode::PRECONDITION_FAILED,
                            format!("Maximum limit is {max}"),
                        ))
                    }
                }
            }
            _ => max,
        };
        let path = if with_path {
            q.param("path")?.map(str::to_owned)
        } else {
            None
        };
        Ok(ListParams {
            limit,
            marker: text("marker")?,
            end_marker: text("end_marker")?,
            prefix: q.param("prefix")?.map(str::to_owned),
            delimiter: text("delimiter")?,
            path,
            reverse: q.param("reverse")?.is_some_and(config_true),
        })
    }
}

/// One query of the walk, as [`super::storage::Bounds`] takes it.
pub struct Range {
    pub lower: Option<(String, bool)>,
    pub upper: Option<String>,
    pub limit: usize,
}

/// A listing entry: a row, or a pseudo-directory (`subdir`).
pub enum Entry<T> {
    Row(T),
    Subdir(String),
}

/// Names of rows, for the walk.
pub trait Named {
    fn name(&self) -> &str;
}

/// The string just past `s`'s last character, Python's
/// `s[:-1] + chr(ord(s[-1]) + 1)`: an exclusive upper bound for names
/// starting with `s`. `None` when nothing follows (no bound needed).
fn bump(s: &str) -> Option<String> {
    let mut chars: Vec<char> = s.chars().collect();
    let last = chars.pop()?;
    let mut code = last as u32 + 1;
    if (0xD800..0xE000).contains(&code) {
        code = 0xE000;
    }
    let next = char::from_u32(code)?;
    chars.push(next);
    Some(chars.into_iter().collect())
}

/// Rows read per query while folding names into pseudo-directories.
const WALK_BATCH: usize = 64;

/// Swift's listing walk over rows in name order: `query` returns up to
/// `limit` rows in a name range; with a delimiter, names with it past the
/// prefix fold into one `subdir` entry, after which the walk skips past
/// that pseudo-directory with a new query.
pub fn walk<T: Named>(
    p: &ListParams,
    mut query: impl FnMut(&Range) -> Result<Vec<T>, Fault>,
) -> Result<Vec<Entry<T>>, Fault> {
    let (mut marker, mut end_marker) = (p.marker.clone(), p.end_marker.clone());
    if p.reverse {
        std::mem::swap(&mut marker, &mut end_marker);
    }
    let mut delimiter = p.delimiter.clone();
    let mut prefix = p.prefix.clone();
    if let Some(path) = &p.path {
        prefix = Some(if path.is_empty() {
            String::new()
        } else {
            format!("{}/", path.trim_end_matches('/'))
        });
        delimiter = "/".to_owned();
    } else if !delimiter.is_empty() && prefix.is_none() {
        prefix = Some(String::new());
    }
    let prefix_str = prefix.clone().unwrap_or_default();
    let end_prefix = bump(&prefix_str);
    let orig_marker = marker.clone();
    let mut delim_force_gte = false;
    let mut results: Vec<Entry<T>> = Vec::new();
    while results.len() < p.limit {
        let upper = if !end_marker.is_empty()
            && (prefix_str.is_empty() || end_prefix.as_ref().is_none_or(|e| end_marker < *e))
        {
            Some(end_marker.clone())
        } else if !prefix_str.is_empty() {
            end_prefix.clone()
        } else {
            None
        };
        let lower = if delim_force_gte {
            delim_force_gte = false;
            Some((marker.clone(), true))
        } else if !marker.is_empty() && (prefix_str.is_empty() || marker >= prefix_str) {
            Some((marker.clone(), false))
        } else if !prefix_str.is_empty() {
            Some((prefix_str.clone(), true))
        } else {
            None
        };
        let wanted = p.limit - results.len();
        // With a delimiter the walk often stops at a row's first folder, so
        // it reads in small batches instead of materialising a whole page.
        let folding = prefix.is_some() && !delimiter.is_empty();
        let rows = query(&Range {
            lower,
            upper,
            limit: if folding {
                wanted.min(WALK_BATCH)
            } else {
                wanted
            },
        })?;
        if prefix.is_none() || delimiter.is_empty() {
            results.extend(rows.into_iter().map(Entry::Row));
            return Ok(results);
        }
        let rowcount = rows.len();
        for row in rows {
            let name = row.name().to_owned();
            if p.reverse {
                end_marker = name.clone();
            } else {
                marker = name.clone();
            }
            if results.len() >= p.limit {
                return Ok(results);
            }
            let end = name
                .get(prefix_str.len()..)
                .and_then(|rest| rest.find(&delimiter))
                .map(|i| i + prefix_str.len());
            if let Some(path) = &prefix.as_ref().filter(|_| p.path.is_some()) {
                if name == **path {
                    continue;
                }
                if let Some(end) = end {
                    if name.len() > end + delimiter.len() {
                        if p.reverse {
                            end_marker = name[..end + delimiter.len()].to_owned();
                        } else {
                            marker =
                                format!("{}{}", &name[..end], bump(&delimiter).unwrap_or_default());
                        }
                        break;
                    }
                }
            } else if let Some(end) = end {
                let dir_name = name[..end + delimiter.len()].to_owned();
                if p.reverse {
                    end_marker = dir_name.clone();
                } else {
                    marker = format!("{}{}", &name[..end], bump(&delimiter).unwrap_or_default());
                    delim_force_gte = true;
                }
                if dir_name != orig_marker {
                    results.push(Entry::Subdir(dir_name));
                }
                break;
            }
            results.push(Entry::Row(row));
        }
        if rowcount == 0 {
            break;
        }
    }
    Ok(results)
}

// ---------------------------------------------------------------------------
// Formats

/// The listing formats a client may ask for, as `get_listing_content_type`
/// offers them.
const OFFERS: [&str; 4] = [
    "text/plain",
    "application/json",
    "application/xml",
    "text/xml",
];

/// The listing content type for a request: `?format=` wins over `Accept`.
/// Also whether the answer varies with `Accept`.
pub fn content_type(req: &SwiftRequest) -> Result<(&'static str, bool), Fault> {
    if let Some(format) = req.query.param("format")?.filter(|f| !f.is_empty()) {
        let t = match format.to_ascii_lowercase().as_str() {
            "json" => "application/json",
            "xml" => "application/xml",
            _ => "text/plain",
        };
        return Ok((t, false));
    }
    match best_match(req.header("accept"), &OFFERS) {
        Ok(Some(t)) => Ok((t, true)),
        Ok(None) => Err(Fault::status(StatusCode::NOT_ACCEPTABLE)),
        Err(()) => Err(Fault::html(
            StatusCode::BAD_REQUEST,
            "Invalid Accept header",
        )),
    }
}

/// swob's `Accept.best_match`: media ranges by quality (exact before
/// wildcard), the first offer each matches. `Err` for a malformed header.
pub fn best_match(
    accept: Option<&str>,
    offers: &[&'static str],
) -> Result<Option<&'static str>, ()> {
    let accept = accept.unwrap_or("").trim();
    if accept.is_empty() {
        return Ok(offers.first().copied());
    }
    let token = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b > 0x20 && b < 0x7f && !b"()<>@,;:\\\"/[]?={}".contains(&b))
    };
    let mut ranges: Vec<(String, String, f64, bool)> = Vec::new();
    for item in accept.split(',') {
        let mut parts = item.split(';');
        let media = parts.next().unwrap_or("").trim();
        let (typ, sub) = media.split_once('/').ok_or(())?;
        if !token(typ) || !token(sub) {
            return Err(());
        }
        let mut q = 1.0;
        let mut seen_q = false;
        for param in parts {
            let (name, value) = param.split_once('=').ok_or(())?;
            if name.trim() == "q" {
                if seen_q {
                    return Err(());
                }
                seen_q = true;
                q = value.trim().parse().map_err(|_| ())?;
            }
        }
        ranges.push((typ.to_owned(), sub.to_owned(), q, typ != "*" && sub != "*"));
    }
    // Stable: equal entries keep their order, as Python's sort does.
    ranges.sort_by(|a, b| {
        b.2.partial_cmp(&a.2)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(b.3.cmp(&a.3))
    });
    for (typ, sub, _, _) in &ranges {
        for offer in offers {
            let (ot, os) = offer.split_once('/').unwrap_or((offer, ""));
            if (typ == "*" || typ == ot) && (sub == "*" || sub == os) {
                return Ok(Some(offer));
            }
        }
    }
    Ok(None)
}

/// Serialises like Python's `json.dumps`: `", "` and `": "` separators and
/// everything outside printable ASCII escaped as `\uXXXX`.
pub fn py_json<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, PyFormatter);
    // Serialising plain data into a Vec cannot fail.
    if let Err(e) = value.serialize(&mut ser) {
        tracing::error!(error = %e, "could not serialise a listing");
    }
    out
}

struct PyFormatter;

impl serde_json::ser::Formatter for PyFormatter {
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if first {
            Ok(())
        } else {
            w.write_all(b", ")
        }
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if first {
            Ok(())
        } else {
            w.write_all(b", ")
        }
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }

    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if (' '..='~').contains(&c) {
                continue;
            }
            w.write_all(&fragment.as_bytes()[start..i])?;
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                write!(w, "\\u{u:04x}")?;
            }
            start = i + c.len_utf8();
        }
        w.write_all(&fragment.as_bytes()[start..])
    }
}

/// XML text and attribute escaping as ElementTree writes them.
pub fn xml_escape(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\r' if attribute => out.push_str("&#13;"),
            '\t' if attribute => out.push_str("&#09;"),
            c => out.push(c),
        }
    }
    out
}

pub const XML_DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

/// The headers every listing carries: its type, and `Vary: Accept` when
/// the type came from `Accept`.
pub fn listing_headers(headers: &mut HeaderMap, content_type: &str, vary: bool) {
    super::set(
        headers,
        "content-type",
        format!("{content_type}; charset=utf-8"),
    );
    if vary {
        super::set(headers, "vary", "Accept");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct N(&'static str);
    impl Named for N {
        fn name(&self) -> &str {
            self.0
        }
    }

    const NAMES: &[&str] = &[
        "a.txt",
        "docs/",
        "docs/guide/intro.txt",
        "docs/guide/setup.txt",
        "docs/readme.txt",
        "images/pixel.bin",
        "z",
    ];

    fn list(p: ListParams) -> Vec<String> {
        walk(&p, |r| {
            let mut rows: Vec<&str> = NAMES
                .iter()
                .copied()
                .filter(|n| match &r.lower {
                    Some((l, true)) => *n >= l.as_str(),
                    Some((l, false)) => *n > l.as_str(),
                    None => true,
                })
                .filter(|n| r.upper.as_ref().is_none_or(|u| *n < u.as_str()))
                .collect();
            if p.reverse {
                rows.reverse();
            }
            rows.truncate(r.limit);
            Ok(rows.into_iter().map(N).collect())
        })
        .expect("walk")
        .into_iter()
        .map(|e| match e {
            Entry::Row(n) => n.0.to_owned(),
            Entry::Subdir(s) => format!("subdir:{s}"),
        })
        .collect()
    }

    fn params() -> ListParams {
        ListParams {
            limit: 10_000,
            marker: String::new(),
            end_marker: String::new(),
            prefix: None,
            delimiter: String::new(),
            path: None,
            reverse: false,
        }
    }

    #[test]
    fn delimiter_folds_pseudo_directories() {
        let got = list(ListParams {
            delimiter: "/".into(),
            ..params()
        });
        assert_eq!(got, ["a.txt", "subdir:docs/", "subdir:images/", "z"]);
        let got = list(ListParams {
            delimiter: "/".into(),
            prefix: Some("docs/".into()),
            ..params()
        });
        assert_eq!(got, ["docs/", "subdir:docs/guide/", "docs/readme.txt"]);
        let got = list(ListParams {
            delimiter: "/".into(),
            reverse: true,
            ..params()
        });
        assert_eq!(got, ["z", "subdir:images/", "subdir:docs/", "a.txt"]);
        let got = list(ListParams {
            path: Some("docs".into()),
            ..params()
        });
        assert_eq!(got, ["docs/readme.txt"]);
    }

    #[test]
    fn markers_and_limits() {
        let got = list(ListParams {
            marker: "docs/".into(),
            end_marker: "images/".into(),
            ..params()
        });
        assert_eq!(
            got,
            [
                "docs/guide/intro.txt",
                "docs/guide/setup.txt",
                "docs/readme.txt"
            ]
        );
        let got = list(ListParams {
            limit: 2,
            reverse: true,
            marker: "z".into(),
            ..params()
        });
        assert_eq!(got, ["images/pixel.bin", "docs/readme.txt"]);
        let got = list(ListParams {
            limit: 2,
            delimiter: "/".into(),
            ..params()
        });
        assert_eq!(got, ["a.txt", "subdir:docs/"]);
    }

    #[test]
    fn json_like_python() {
        let v = serde_json::json!([{"a": "ü<>", "b": 1}]);
        assert_eq!(
            String::from_utf8(py_json(&v)).expect("utf8"),
            "[{\"a\": \"\\u00fc<>\", \"b\": 1}]"
        );
        assert_eq!(
            String::from_utf8(py_json(&"\u{1F600}")).expect("utf8"),
            "\"\\ud83d\\ude00\""
        );
    }

    #[test]
    fn accept_negotiation() {
        let offers = &OFFERS;
        assert_eq!(best_match(None, offers), Ok(Some("text/plain")));
        assert_eq!(
            best_match(Some("application/json"), offers),
            Ok(Some("application/json"))
        );
        assert_eq!(best_match(Some("*/*"), offers), Ok(Some("text/plain")));
        assert_eq!(
            best_match(Some("text/*;q=0.5, application/json"), offers),
            Ok(Some("application/json"))
        );
        assert_eq!(best_match(Some("image/png"), offers), Ok(None));
        assert_eq!(best_match(Some("garbage"), offers), Err(()));
    }
}
