//! Who may do what: keystoneauth's rules and Swift's container ACLs
//! (`X-Container-Read` / `X-Container-Write`, swift/common/middleware/acl.py).

use axum::http::StatusCode;
use percent_encoding::percent_decode_str;

use super::{Fault, RESELLER_PREFIX};
use crate::auth::TokenInfo;
use crate::db::seed::DEFAULT_DOMAIN_ID;

/// The requester: a valid token, if any, and the `Referer` header that
/// referrer ACLs (`.r:`) look at.
pub struct Requester<'a> {
    pub token: Option<&'a TokenInfo>,
    pub referer: Option<&'a str>,
}

/// Why a request is allowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grant {
    /// The token's project owns the account (keystoneauth's operator
    /// roles; here any role on the project). Owners see ACL headers.
    Owner,
    /// An ACL entry let the request in.
    Acl,
}

impl Requester<'_> {
    /// Whether the token's project owns `account`.
    pub fn owns(&self, account: &str) -> bool {
        let Some(token) = self.token else {
            return false;
        };
        match (token.project_id(), account.strip_prefix(RESELLER_PREFIX)) {
            (Some(project), Some(owner)) => project == owner && !token.roles.is_empty(),
            _ => false,
        }
    }

    /// keystoneauth's `denied_response`: 403 for a known user, 401 for
    /// anonymous requests.
    pub fn denied(&self) -> Fault {
        Fault::status(if self.token.is_some() {
            StatusCode::FORBIDDEN
        } else {
            StatusCode::UNAUTHORIZED
        })
    }

    /// keystoneauth's `authorize`: the owner, or an entry of `acl` (the
    /// container's read ACL for GET/HEAD, its write ACL otherwise; `None`
    /// for account operations and missing containers).
    pub fn check(&self, account: &str, is_object: bool, acl: Option<&str>) -> Result<Grant, Fault> {
        if self.owns(account) {
            return Ok(Grant::Owner);
        }
        let (referrers, groups) = parse(acl.unwrap_or(""));
        if let Some(token) = self.token {
            if cross_project_match(token, &groups) {
                return Ok(Grant::Acl);
            }
        }
        if referrer_allowed(self.referer, &referrers)
            && (is_object || groups.iter().any(|g| g == ".rlistings"))
        {
            return Ok(Grant::Acl);
        }
        Err(self.denied())
    }
}

/// keystoneauth's `_authorize_cross_tenant`: `project:user` entries, each
/// side an id, `*`, or (in the default domain) a name.
fn cross_project_match(token: &TokenInfo, groups: &[String]) -> bool {
    let (project_id, project_name, project_domain) = match &token.scope {
        crate::auth::TokenScope::Project { project, .. } => (
            project.id.as_str(),
            project.name.as_str(),
            project.domain_id.as_str(),
        ),
        _ => ("", "", ""),
    };
    let allow_names =
        project_domain == DEFAULT_DOMAIN_ID && token.user.domain_id == DEFAULT_DOMAIN_ID;
    let mut projects = vec![project_id, "*"];
    let mut users = vec![token.user.id.as_str(), "*"];
    if allow_names {
        projects.push(project_name);
        users.push(token.user.name.as_str());
    }
    projects.iter().any(|p| {
        users
            .iter()
            .any(|u| groups.iter().any(|g| *g == format!("{p}:{u}")))
    })
}

/// `parse_acl_v1`: (referrer designations without `.r:`, other entries).
pub fn parse(acl: &str) -> (Vec<String>, Vec<String>) {
    let mut referrers = Vec::new();
    let mut groups = Vec::new();
    for value in acl.split(',').filter(|v| !v.is_empty()) {
        if let Some(r) = value.strip_prefix(".r:") {
            referrers.push(r.to_owned());
        } else {
            groups.push(percent_decode_str(value).decode_utf8_lossy().into_owned());
        }
    }
    (referrers, groups)
}

/// `referrer_allowed`: the ACL's referrer designations, in order, against
/// the host of the `Referer` header.
fn referrer_allowed(referer: Option<&str>, acl: &[String]) -> bool {
    let host = referer
        .and_then(url_host)
        .unwrap_or_else(|| "unknown".into());
    let mut allow = false;
    for m in acl {
        if let Some(deny) = m.strip_prefix('-') {
            if deny == host || (deny.starts_with('.') && host.ends_with(deny)) {
                allow = false;
            }
        } else if m == "*" || *m == host || (m.starts_with('.') && host.ends_with(m.as_str())) {
            allow = true;
        }
    }
    allow
}

/// The lowercased host of a URL (`urlparse(url).hostname`).
fn url_host(url: &str) -> Option<String> {
    let rest = url.split_once("//")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if let Some(v6) = host_port.strip_prefix('[') {
        v6.split(']').next()?
    } else {
        host_port.split(':').next()?
    };
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// `clean_acl`: validates and normalises an ACL header value; the error is
/// Swift's message.
pub fn clean(header: &str, value: &str) -> Result<String, String> {
    let header = header.to_ascii_lowercase();
    let mut values = Vec::new();
    for raw in value.split(',') {
        let raw = raw.trim();
        if raw.is_empty() {
            continue;
        }
        let Some((first, second)) = raw.split_once(':') else {
            values.push(raw.to_owned());
            continue;
        };
        let (first, mut second) = (first.trim(), second.trim());
        if first.is_empty() || !first.starts_with('.') {
            values.push(raw.to_owned());
        } else if matches!(first, ".r" | ".ref" | ".referer" | ".referrer") {
            if header.contains("write") {
                return Err(format!(
                    "Referrers not allowed in write ACL: {}",
                    py_repr(raw)
                ));
            }
            let negate = second.starts_with('-');
            if negate {
                second = second[1..].trim();
            }
            if !second.is_empty() && second != "*" && second.starts_with('*') {
                second = second[1..].trim();
            }
            if second.is_empty() || second == "." {
                return Err(format!(
                    "No host/domain value after referrer designation in ACL: {}",
                    py_repr(raw)
                ));
            }
            values.push(format!(".r:{}{second}", if negate { "-" } else { "" }));
        } else {
            return Err(format!(
                "Unknown designator {} in ACL: {}",
                py_repr(first),
                py_repr(raw)
            ));
        }
    }
    Ok(values.join(","))
}

/// Python's `repr` of a str, as the ACL messages quote values.
fn py_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::from(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_matches_swift() {
        assert_eq!(
            clean("x-container-read", "bob, sue").as_deref(),
            Ok("bob,sue")
        );
        assert_eq!(
            clean("x-container-read", "bob,,,sue").as_deref(),
            Ok("bob,sue")
        );
        assert_eq!(
            clean("x-container-read", ".referrer : *").as_deref(),
            Ok(".r:*")
        );
        assert_eq!(
            clean("x-container-read", ".ref:*.example.com").as_deref(),
            Ok(".r:.example.com")
        );
        assert_eq!(
            clean("x-container-read", ".r:*, .rlistings").as_deref(),
            Ok(".r:*,.rlistings")
        );
        assert_eq!(
            clean("x-container-write", ".r:*"),
            Err("Referrers not allowed in write ACL: '.r:*'".into())
        );
        assert_eq!(
            clean("x-container-read", ".r:"),
            Err("No host/domain value after referrer designation in ACL: '.r:'".into())
        );
        assert_eq!(
            clean("x-container-read", ".x:y"),
            Err("Unknown designator '.x' in ACL: '.x:y'".into())
        );
    }

    #[test]
    fn referrers() {
        let acl = |s: &str| parse(s).0;
        assert!(referrer_allowed(None, &acl(".r:*")));
        assert!(!referrer_allowed(None, &acl("")));
        assert!(referrer_allowed(
            Some("http://www.example.com/index.html"),
            &acl(".r:.example.com,.r:-thief.example.com")
        ));
        assert!(!referrer_allowed(
            Some("https://thief.example.com:8080/"),
            &acl(".r:.example.com,.r:-thief.example.com")
        ));
        assert!(!referrer_allowed(None, &acl(".r:.example.com")));
    }
}
