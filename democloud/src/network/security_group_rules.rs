//! Security group rules: `/v2.0/security-group-rules`.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde_json::{json, Value};

use super::ipam::Cidr;
use super::{
    call, collection_url, format_time, new_uuid, one, owner, path, py_repr, quotas,
    security_groups, touch, Attrs, Fault, ListQuery, NetAuth, QJson, QPath,
};
use crate::db::now_micros;
use crate::state::AppState;

/// Protocol names Neutron accepts besides numbers 0-255.
const PROTOCOLS: &[&str] = &[
    "ah",
    "dccp",
    "egp",
    "esp",
    "gre",
    "hopopt",
    "icmp",
    "igmp",
    "ip",
    "ipip",
    "ipv6-encap",
    "ipv6-frag",
    "ipv6-icmp",
    "icmpv6",
    "ipv6-nonxt",
    "ipv6-opts",
    "ipv6-route",
    "ospf",
    "pgm",
    "rsvp",
    "sctp",
    "tcp",
    "udp",
    "udplite",
    "vrrp",
];

/// Protocols whose rules may carry a port range.
const PORT_PROTOCOLS: &[&str] = &[
    "tcp", "udp", "dccp", "sctp", "udplite", "6", "17", "33", "132", "136",
];
const ICMP_PROTOCOLS: &[&str] = &["icmp", "icmpv6", "ipv6-icmp", "1", "58"];

#[derive(Clone, Debug)]
pub struct Rule {
    pub id: String,
    pub security_group_id: String,
    pub project_id: String,
    pub direction: String,
    pub ethertype: String,
    pub protocol: Option<String>,
    pub port_range_min: Option<i64>,
    pub port_range_max: Option<i64>,
    pub remote_ip_prefix: Option<String>,
    pub remote_group_id: Option<String>,
    pub description: String,
    pub revision_number: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

const COLUMNS: &str = "id, security_group_id, project_id, direction, ethertype, protocol, \
    port_range_min, port_range_max, remote_ip_prefix, remote_group_id, description, \
    revision_number, created_at, updated_at";

impl Rule {
    /// A rule allowing everything of one direction and ethertype.
    pub fn new(group: &str, project_id: &str, direction: &str, ethertype: &str) -> Rule {
        let now = now_micros();
        Rule {
            id: new_uuid(),
            security_group_id: group.to_owned(),
            project_id: project_id.to_owned(),
            direction: direction.to_owned(),
            ethertype: ethertype.to_owned(),
            protocol: None,
            port_range_min: None,
            port_range_max: None,
            remote_ip_prefix: None,
            remote_group_id: None,
            description: String::new(),
            revision_number: 0,
            created_at: now,
            updated_at: now,
        }
    }

    pub fn with_remote_group(mut self, group: &str) -> Rule {
        self.remote_group_id = Some(group.to_owned());
        self
    }

    fn from_row(r: &Row<'_>) -> rusqlite::Result<Rule> {
        Ok(Rule {
            id: r.get(0)?,
            security_group_id: r.get(1)?,
            project_id: r.get(2)?,
            direction: r.get(3)?,
            ethertype: r.get(4)?,
            protocol: r.get(5)?,
            port_range_min: r.get(6)?,
            port_range_max: r.get(7)?,
            remote_ip_prefix: r.get(8)?,
            remote_group_id: r.get(9)?,
            description: r.get(10)?,
            revision_number: r.get(11)?,
            created_at: r.get(12)?,
            updated_at: r.get(13)?,
        })
    }

    pub fn render(&self, belongs_to_default: bool) -> Value {
        json!({
            "id": self.id,
            "security_group_id": self.security_group_id,
            "tenant_id": self.project_id,
            "project_id": self.project_id,
            "direction": self.direction,
            "ethertype": self.ethertype,
            "protocol": self.protocol,
            "port_range_min": self.port_range_min,
            "port_range_max": self.port_range_max,
            "remote_ip_prefix": self.remote_ip_prefix,
            "normalized_cidr": self.remote_ip_prefix,
            "remote_group_id": self.remote_group_id,
            "remote_address_group_id": null,
            "description": self.description,
            "belongs_to_default_sg": belongs_to_default,
            "created_at": format_time(self.created_at),
            "updated_at": format_time(self.updated_at),
            "revision_number": self.revision_number,
        })
    }

    /// Whether two rules allow the same traffic (Neutron's duplicate
    /// check: an all-addresses prefix equals no prefix).
    fn same_as(&self, other: &Rule) -> bool {
        let prefix = |r: &Rule| {
            r.remote_ip_prefix
                .clone()
                .filter(|p| p != "0.0.0.0/0" && p != "::/0")
        };
        self.security_group_id == other.security_group_id
            && self.direction == other.direction
            && self.ethertype == other.ethertype
            && self.protocol == other.protocol
            && self.port_range_min == other.port_range_min
            && self.port_range_max == other.port_range_max
            && prefix(self) == prefix(other)
            && self.remote_group_id == other.remote_group_id
    }
}

pub fn insert(conn: &Connection, r: &Rule) -> Result<(), Fault> {
    conn.execute(
        &format!(
            "INSERT INTO security_group_rules ({COLUMNS})
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
        ),
        params![
            r.id,
            r.security_group_id,
            r.project_id,
            r.direction,
            r.ethertype,
            r.protocol,
            r.port_range_min,
            r.port_range_max,
            r.remote_ip_prefix,
            r.remote_group_id,
            r.description,
            r.revision_number,
            r.created_at,
            r.updated_at
        ],
    )?;
    Ok(())
}

/// Every rule (of one project when given), oldest first.
pub fn list_all(conn: &Connection, project: Option<&str>) -> Result<Vec<Rule>, Fault> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM security_group_rules WHERE ?1 IS NULL OR project_id = ?1
         ORDER BY created_at, rowid"
    ))?;
    let rows = stmt.query_map(params![project], Rule::from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn of_group(conn: &Connection, group: &str) -> Result<Vec<Rule>, Fault> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM security_group_rules WHERE security_group_id = ?1
         ORDER BY created_at, rowid"
    ))?;
    let rows = stmt.query_map(params![group], Rule::from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn not_found(id: &str) -> Fault {
    Fault::not_found(
        "SecurityGroupRuleNotFound",
        format!("Security group rule {id} does not exist"),
    )
}

fn load(conn: &Connection, auth: &NetAuth, id: &str) -> Result<Rule, Fault> {
    let rule = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM security_group_rules WHERE id = ?1"),
            params![id],
            Rule::from_row,
        )
        .optional()?;
    match rule {
        Some(r) if r.project_id == auth.project_id || auth.is_admin() => Ok(r),
        _ => Err(not_found(id)),
    }
}

fn is_default_group(conn: &Connection, group: &str) -> Result<bool, Fault> {
    Ok(conn
        .query_row(
            "SELECT is_default FROM security_groups WHERE id = ?1",
            params![group],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(false))
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            &path("/security-group-rules"),
            get(list_rules).post(create_rule),
        )
        .route(
            &path("/security-group-rules/{rule_id}"),
            get(show_rule).delete(delete_rule),
        )
}

async fn list_rules(
    State(st): State<AppState>,
    auth: NetAuth,
    query: ListQuery,
) -> Result<Json<Value>, Fault> {
    let url = collection_url(&st.base_url, "security-group-rules");
    let items = call(&st, move |c| {
        let tx = c.transaction()?;
        security_groups::ensure_default(&tx, &auth.project_id)?;
        let project = (!auth.is_admin()).then(|| auth.project_id.clone());
        let defaults: std::collections::HashSet<String> = {
            let mut stmt = tx.prepare("SELECT id FROM security_groups WHERE is_default = 1")?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect::<Result<_, _>>()?
        };
        let items: Vec<Value> = list_all(&tx, project.as_deref())?
            .iter()
            .map(|r| r.render(defaults.contains(&r.security_group_id)))
            .collect();
        tx.commit()?;
        Ok(items)
    })
    .await?;
    Ok(Json(query.respond(items, "security_group_rules", &url)?))
}

async fn show_rule(
    State(st): State<AppState>,
    auth: NetAuth,
    QPath(id): QPath<String>,
    query: ListQuery,
) -> Result<Json<Value>, Fault> {
    let v = call(&st, move |c| {
        let r = load(c, &auth, &id)?;
        Ok(r.render(is_default_group(c, &r.security_group_id)?))
    })
    .await?;
    Ok(one("security_group_rule", v, &query))
}

const KNOWN: &[&str] = &[
    "id",
    "security_group_id",
    "direction",
    "ethertype",
    "protocol",
    "port_range_min",
    "port_range_max",
    "remote_ip_prefix",
    "remote_group_id",
    "remote_address_group_id",
    "description",
    "project_id",
    "tenant_id",
];

/// A port number attribute (0-65535).
fn port_value(attrs: &Attrs, key: &str) -> Result<Option<i64>, Fault> {
    let invalid = |v: &Value| {
        Fault::new(
            StatusCode::BAD_REQUEST,
            "SecurityGroupInvalidPortValue",
            format!("Invalid value for port {}", py_repr(v)),
        )
    };
    match attrs.raw(key) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => {
            let n = match v {
                Value::Number(n) => n.as_i64(),
                Value::String(s) => s.trim().parse().ok(),
                _ => None,
            };
            match n {
                Some(n) if (0..=65535).contains(&n) => Ok(Some(n)),
                _ => Err(invalid(v)),
            }
        }
    }
}

/// Neutron's checks of a new rule, before it looks at the database.
fn validate(rule: &mut Rule) -> Result<(), Fault> {
    if rule.remote_ip_prefix.is_some() && rule.remote_group_id.is_some() {
        return Err(Fault::bad_request_kind(
            "SecurityGroupRemoteGroupAndRemoteIpPrefix",
            "Only remote_ip_prefix or remote_group_id may be provided.",
        ));
    }
    if let Some(prefix) = rule.remote_ip_prefix.clone() {
        let cidr = Cidr::parse(&prefix)
            .or_else(|| {
                // A bare address means a host route.
                let ip = super::ipam::Ip::parse(&prefix)?;
                Cidr::parse(&format!(
                    "{prefix}/{}",
                    if ip.version == 4 { 32 } else { 128 }
                ))
            })
            .ok_or_else(|| {
                Fault::invalid_attr(
                    "remote_ip_prefix",
                    format!("'{prefix}' is not a valid IP subnet"),
                )
            })?;
        let ethertype_version = if rule.ethertype == "IPv4" { 4 } else { 6 };
        if cidr.version != ethertype_version {
            return Err(Fault::bad_request_kind(
                "SecurityGroupRuleParameterConflict",
                format!(
                    "Conflicting value ethertype {} for CIDR {prefix}",
                    rule.ethertype
                ),
            ));
        }
        rule.remote_ip_prefix = Some(cidr.to_string());
    }
    if let Some(p) = rule.protocol.clone() {
        let lower = p.to_ascii_lowercase();
        let number_ok = lower.parse::<u16>().is_ok_and(|n| n <= 255);
        if lower == "any" {
            rule.protocol = None;
        } else if PROTOCOLS.contains(&lower.as_str()) || number_ok {
            rule.protocol = Some(lower);
        } else {
            return Err(Fault::bad_request_kind(
                "SecurityGroupRuleInvalidProtocol",
                format!(
                    "Security group rule protocol {p} not supported. Only protocol values \
                     [None, {}] and integer representations [0 to 255] are supported.",
                    PROTOCOLS
                        .iter()
                        .map(|p| format!("'{p}'"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
    }
    let (min, max) = (rule.port_range_min, rule.port_range_max);
    if min.is_none() && max.is_none() {
        return Ok(());
    }
    let Some(protocol) = rule.protocol.as_deref() else {
        return Err(Fault::bad_request_kind(
            "SecurityGroupProtocolRequiredWithPorts",
            "Must also specify protocol if port range is given.",
        ));
    };
    if PORT_PROTOCOLS.contains(&protocol) {
        if min == Some(0) || max == Some(0) {
            return Err(Fault::bad_request_kind(
                "SecurityGroupInvalidPortValue",
                "Invalid value for port 0",
            ));
        }
        match (min, max) {
            (Some(a), Some(b)) if a <= b => Ok(()),
            _ => Err(Fault::bad_request_kind(
                "SecurityGroupInvalidPortRange",
                "For TCP/UDP protocols, port_range_min must be <= port_range_max",
            )),
        }
    } else if ICMP_PROTOCOLS.contains(&protocol) {
        for (value, field, attr) in [
            (min, "type", "port_range_min"),
            (max, "code", "port_range_max"),
        ] {
            if let Some(v) = value.filter(|v| !(0..=255).contains(v)) {
                return Err(Fault::bad_request_kind(
                    "SecurityGroupInvalidIcmpValue",
                    format!("Invalid value for ICMP {field} ({attr}) {v}. It must be 0 to 255."),
                ));
            }
        }
        if let (None, Some(code)) = (min, max) {
            return Err(Fault::bad_request_kind(
                "SecurityGroupMissingIcmpType",
                format!(
                    "ICMP code (port-range-max) {code} is provided but ICMP type \
                     (port-range-min) is missing."
                ),
            ));
        }
        Ok(())
    } else {
        Err(Fault::bad_request_kind(
            "SecurityGroupInvalidProtocolForPortRange",
            format!(
                "Invalid protocol {protocol} for port range, only supported for TCP, UDP, \
                 UDPLITE, SCTP and DCCP."
            ),
        ))
    }
}

async fn create_rule(
    State(st): State<AppState>,
    auth: NetAuth,
    QJson(body): QJson<Value>,
) -> Result<(StatusCode, Json<Value>), Fault> {
    let attrs = Attrs::from_body(body, "security_group_rule", KNOWN)?;
    attrs.read_only(&["id"])?;
    let group_id = py_repr(attrs.required("security_group_id")?);
    let direction = py_repr(attrs.required("direction")?);
    if direction != "ingress" && direction != "egress" {
        return Err(Fault::invalid_attr(
            "direction",
            format!("{direction} is not in ['ingress', 'egress']"),
        ));
    }
    let ethertype = match attrs.string("ethertype", 40)? {
        None => "IPv4".to_owned(),
        Some(e) if e.eq_ignore_ascii_case("ipv4") => "IPv4".to_owned(),
        Some(e) if e.eq_ignore_ascii_case("ipv6") => "IPv6".to_owned(),
        Some(e) => {
            return Err(Fault::invalid_attr(
                "ethertype",
                format!("{e} is not in ['IPv4', 'IPv6']"),
            ))
        }
    };
    let protocol = match attrs.raw("protocol") {
        None | Some(Value::Null) => None,
        Some(v) => Some(py_repr(v)),
    };
    if attrs
        .raw("remote_address_group_id")
        .is_some_and(|v| !v.is_null())
    {
        return Err(Fault::not_found(
            "AddressGroupNotFound",
            "Address group could not be found.",
        ));
    }
    let project_id = owner(&attrs, &auth)?;
    let mut rule = Rule::new(&group_id, &project_id, &direction, &ethertype);
    rule.protocol = protocol;
    rule.port_range_min = port_value(&attrs, "port_range_min")?;
    rule.port_range_max = port_value(&attrs, "port_range_max")?;
    rule.remote_ip_prefix = attrs.nullable_string("remote_ip_prefix", 64)?.flatten();
    rule.remote_group_id = attrs.nullable_string("remote_group_id", 64)?.flatten();
    rule.description = attrs.string("description", 255)?.unwrap_or_default();
    validate(&mut rule)?;
    let v = call(&st, move |c| {
        let tx = c.transaction()?;
        security_groups::ensure_default(&tx, &auth.project_id)?;
        let group = security_groups::load(&tx, &auth, &rule.security_group_id)?;
        // The rule belongs to its group's project.
        rule.project_id = group.project_id.clone();
        if let Some(remote) = &rule.remote_group_id {
            security_groups::load(&tx, &auth, remote)?;
        }
        if let Some(dup) = of_group(&tx, &group.id)?.iter().find(|r| r.same_as(&rule)) {
            return Err(Fault::conflict(
                "SecurityGroupRuleExists",
                format!("Security group rule already exists. Rule id is {}.", dup.id),
            ));
        }
        quotas::check(&tx, &rule.project_id, "security_group_rule", 1)?;
        insert(&tx, &rule)?;
        touch(&tx, "security_groups", &group.id)?;
        tx.commit()?;
        Ok(rule.render(group.is_default))
    })
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "security_group_rule": v })),
    ))
}

async fn delete_rule(
    State(st): State<AppState>,
    auth: NetAuth,
    QPath(id): QPath<String>,
) -> Result<StatusCode, Fault> {
    call(&st, move |c| {
        let tx = c.transaction()?;
        let r = load(&tx, &auth, &id)?;
        tx.execute(
            "DELETE FROM security_group_rules WHERE id = ?1",
            params![r.id],
        )?;
        touch(&tx, "security_groups", &r.security_group_id)?;
        tx.commit()?;
        Ok(())
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(protocol: Option<&str>, min: Option<i64>, max: Option<i64>) -> Result<Rule, Fault> {
        let mut r = Rule::new("g", "p", "ingress", "IPv4");
        r.protocol = protocol.map(str::to_owned);
        r.port_range_min = min;
        r.port_range_max = max;
        validate(&mut r).map(|()| r)
    }

    #[test]
    fn port_ranges_follow_neutron() {
        assert!(rule(Some("tcp"), Some(22), Some(22)).is_ok());
        assert_eq!(
            rule(Some("tcp"), Some(80), Some(22))
                .err()
                .map(|f| f.message()),
            Some("For TCP/UDP protocols, port_range_min must be <= port_range_max".to_owned())
        );
        assert_eq!(
            rule(None, Some(22), Some(22))
                .err()
                .map(|f| f.kind().to_owned()),
            Some("SecurityGroupProtocolRequiredWithPorts".to_owned())
        );
        assert!(rule(Some("icmp"), Some(8), Some(0)).is_ok());
        assert!(rule(Some("icmp"), None, Some(0)).is_err());
        assert!(rule(Some("gre"), Some(1), Some(2)).is_err());
        assert!(rule(Some("bogus"), None, None).is_err());
        assert_eq!(
            rule(Some("ANY"), None, None).ok().and_then(|r| r.protocol),
            None
        );
    }

    #[test]
    fn prefixes_are_normalised_and_checked() {
        let mut r = Rule::new("g", "p", "ingress", "IPv4");
        r.remote_ip_prefix = Some("10.1.2.3/8".into());
        validate(&mut r).expect("valid");
        assert_eq!(r.remote_ip_prefix.as_deref(), Some("10.0.0.0/8"));
        let mut r = Rule::new("g", "p", "ingress", "IPv6");
        r.remote_ip_prefix = Some("10.0.0.0/8".into());
        assert!(validate(&mut r).is_err());
        let mut a = Rule::new("g", "p", "egress", "IPv4");
        a.remote_ip_prefix = Some("0.0.0.0/0".into());
        assert!(a.same_as(&Rule::new("g", "p", "egress", "IPv4")));
    }
}
