//! HOT versions and which intrinsic functions each one has.
//!
//! Mirrors the `functions`/`condition_functions` tables of Heat's
//! `heat/engine/hot/template.py`: a function exists from some version on,
//! and a few CFN-style ones were removed (their use is then an error, not
//! data). Dates compare as strings since they are ISO dates.

use super::HeatError;

/// Known versions, oldest first, with Heat's release alias when there is one.
const VERSIONS: &[(&str, Option<&str>)] = &[
    ("2013-05-23", None),
    ("2014-10-16", None),
    ("2015-04-30", None),
    ("2015-10-15", None),
    ("2016-04-08", None),
    ("2016-10-14", Some("newton")),
    ("2017-02-24", Some("ocata")),
    ("2017-09-01", Some("pike")),
    ("2018-03-02", Some("queens")),
    ("2018-08-31", Some("rocky")),
    ("2021-04-16", Some("wallaby")),
];

const VERSION_KEY: &str = "heat_template_version";

/// Template versions for `GET /template_versions`: the full key
/// (`heat_template_version.2016-10-14`) and its aliases
/// (`heat_template_version.newton`).
pub fn versions() -> Vec<(String, Vec<String>)> {
    VERSIONS
        .iter()
        .map(|(date, alias)| {
            (
                format!("{VERSION_KEY}.{date}"),
                alias.iter().map(|a| format!("{VERSION_KEY}.{a}")).collect(),
            )
        })
        .collect()
}

/// The canonical date for a version given as a date, an alias, or a full
/// `heat_template_version.X` key.
pub fn canonical_version(v: &str) -> Option<&'static str> {
    let bare = v.strip_prefix("heat_template_version.").unwrap_or(v);
    VERSIONS
        .iter()
        .find(|(date, alias)| *date == bare || *alias == Some(bare))
        .map(|(date, _)| *date)
}

/// Heat's InvalidTemplateVersion for an unknown `heat_template_version`.
pub(crate) fn unknown_version_error(given: &str) -> HeatError {
    let mut names: Vec<&str> = VERSIONS.iter().map(|(d, _)| *d).collect();
    names.extend(VERSIONS.iter().filter_map(|(_, a)| *a));
    names.sort_unstable();
    HeatError::new(
        "InvalidTemplateVersion",
        format!(
            "The template version is invalid: \"{VERSION_KEY}: {given}\". \
             \"{VERSION_KEY}\" should be one of: {}",
            names.join(", ")
        ),
    )
}

/// What a function name means in a version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Func {
    GetParam,
    GetResource,
    GetAttr,
    GetFile,
    ListJoin,
    StrReplace,
    StrReplaceStrict,
    StrReplaceVstrict,
    Repeat,
    Digest,
    StrSplit,
    MapMerge,
    MapReplace,
    If,
    Filter,
    MakeUrl,
    ListConcat,
    ListConcatUnique,
    Contains,
    Equals,
    Not,
    And,
    Or,
    Ref,
    FnSelect,
    FnJoin,
    FnSplit,
    FnReplace,
    FnBase64,
    FnGetAzs,
    /// Exists in the version but the demo cloud cannot evaluate it.
    Unsupported,
    /// Removed from this version: using it is an InvalidTemplateVersion.
    Removed,
    /// A normal function used inside a condition, where it is not allowed.
    Invalid,
}

/// Where a snippet is evaluated: resource properties/outputs, or the
/// `conditions` section (and condition arguments), which has its own table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Props,
    Cond,
}

/// One row of the function table.
struct Row {
    name: &'static str,
    since: &'static str,
    /// First version without it (it is `Removed` from then on).
    removed: Option<&'static str>,
    kind: Func,
}

const fn row(name: &'static str, since: &'static str, kind: Func) -> Row {
    Row {
        name,
        since,
        removed: None,
        kind,
    }
}

const fn gone(name: &'static str, removed: &'static str, kind: Func) -> Row {
    Row {
        name,
        since: "2013-05-23",
        removed: Some(removed),
        kind,
    }
}

/// Normal functions, in the order Heat lists them from 2014-10-16 on.
const FUNCTIONS: &[Row] = &[
    row("get_attr", "2013-05-23", Func::GetAttr),
    row("get_file", "2013-05-23", Func::GetFile),
    row("get_param", "2013-05-23", Func::GetParam),
    row("get_resource", "2013-05-23", Func::GetResource),
    row("list_join", "2013-05-23", Func::ListJoin),
    row("repeat", "2015-04-30", Func::Repeat),
    row("resource_facade", "2013-05-23", Func::Unsupported),
    row("str_replace", "2013-05-23", Func::StrReplace),
    gone("Fn::Select", "2015-10-15", Func::FnSelect),
    row("digest", "2015-04-30", Func::Digest),
    row("str_split", "2015-10-15", Func::StrSplit),
    row("map_merge", "2016-04-08", Func::MapMerge),
    row("yaql", "2016-10-14", Func::Unsupported),
    row("map_replace", "2016-10-14", Func::MapReplace),
    row("if", "2016-10-14", Func::If),
    row("filter", "2017-02-24", Func::Filter),
    row("str_replace_strict", "2017-02-24", Func::StrReplaceStrict),
    row("make_url", "2017-09-01", Func::MakeUrl),
    row("list_concat", "2017-09-01", Func::ListConcat),
    row("str_replace_vstrict", "2017-09-01", Func::StrReplaceVstrict),
    row("list_concat_unique", "2017-09-01", Func::ListConcatUnique),
    row("contains", "2017-09-01", Func::Contains),
    gone("Fn::GetAZs", "2014-10-16", Func::FnGetAzs),
    gone("Ref", "2014-10-16", Func::Ref),
    gone("Fn::Join", "2014-10-16", Func::FnJoin),
    gone("Fn::Split", "2014-10-16", Func::FnSplit),
    gone("Fn::Replace", "2014-10-16", Func::FnReplace),
    gone("Fn::Base64", "2014-10-16", Func::FnBase64),
    gone("Fn::MemberListToMap", "2014-10-16", Func::Unsupported),
    gone("Fn::ResourceFacade", "2014-10-16", Func::Unsupported),
];

/// 2013-05-23 lists its table in this order.
const ORDER_2013: &[&str] = &[
    "Fn::GetAZs",
    "get_param",
    "get_resource",
    "Ref",
    "get_attr",
    "Fn::Select",
    "Fn::Join",
    "list_join",
    "Fn::Split",
    "str_replace",
    "Fn::Replace",
    "Fn::Base64",
    "Fn::MemberListToMap",
    "resource_facade",
    "Fn::ResourceFacade",
    "get_file",
];

/// Condition functions (2016-10-14 on).
const CONDITION_FUNCTIONS: &[Row] = &[
    row("get_param", "2016-10-14", Func::GetParam),
    row("equals", "2016-10-14", Func::Equals),
    row("not", "2016-10-14", Func::Not),
    row("and", "2016-10-14", Func::And),
    row("or", "2016-10-14", Func::Or),
    row("yaql", "2017-09-01", Func::Unsupported),
    row("contains", "2017-09-01", Func::Contains),
    row("if", "2021-04-16", Func::If),
];

/// First version with `conditions`, `if` and resource/output `condition`.
pub(crate) const CONDITIONS_SINCE: &str = "2016-10-14";

pub(crate) fn has_conditions(version: &str) -> bool {
    version >= CONDITIONS_SINCE
}

fn status(r: &Row, version: &str) -> Option<Func> {
    if version < r.since {
        return None;
    }
    match r.removed {
        Some(removed) if version >= removed => Some(Func::Removed),
        _ => Some(r.kind),
    }
}

/// What `name` is in `version` and `mode`; `None` means a map keyed by it
/// is plain data.
pub(crate) fn lookup(version: &str, name: &str, mode: Mode) -> Option<Func> {
    let normal = FUNCTIONS
        .iter()
        .find(|r| r.name == name)
        .and_then(|r| status(r, version));
    match mode {
        Mode::Props => normal,
        Mode::Cond => {
            let cond = CONDITION_FUNCTIONS
                .iter()
                .find(|r| r.name == name)
                .and_then(|r| status(r, version));
            // Heat's condition parser knows every normal function, as
            // Invalid unless it is a condition function too.
            cond.or(match normal {
                Some(Func::Removed) => Some(Func::Removed),
                Some(_) => Some(Func::Invalid),
                None => None,
            })
        }
    }
}

/// The first line of the docstring of Heat's implementing class, which is
/// what `GET /template_versions/{v}/functions` shows.
fn description(name: &str, version: &str) -> &'static str {
    match name {
        "get_attr" | "Fn::GetAtt" => "A function for resolving resource attributes.",
        "get_file" => "A function for including a file inline.",
        "get_param" => "A function for resolving parameter references.",
        "get_resource" => "A function for resolving resource references.",
        "list_join" if version >= "2015-10-15" => {
            "A function for joining one or more lists of strings."
        }
        "list_join" | "Fn::Join" => "A function for joining strings.",
        "repeat" if version >= "2016-10-14" => {
            "A function for iterating over a list of items or a dict of keys."
        }
        "repeat" => "A function for iterating over a list of items.",
        "str_replace" | "str_replace_strict" | "str_replace_vstrict" | "Fn::Replace" => {
            "A function for performing string substitutions."
        }
        "Fn::Select" => "A function for selecting an item from a list or map.",
        "digest" => "A function for performing digest operations.",
        "str_split" => "A function for splitting delimited strings into a list.",
        "map_merge" => "A function for merging maps.",
        // Heat's MakeURL docstring really does say this.
        "map_replace" | "make_url" => "A function for performing substitutions on maps.",
        "if" => "A function to return corresponding value based on condition evaluation.",
        "filter" => "A function for filtering out values from lists.",
        "list_concat" => "A function for extending lists.",
        "list_concat_unique" => "A function for extending lists with unique items.",
        "contains" => "A function for checking whether specific value is in sequence.",
        "equals" => "A function for comparing whether two values are equal.",
        "not" => "A function that acts as a NOT operator on a condition.",
        "and" => "A function that acts as an AND operator on conditions.",
        "or" => "A function that acts as an OR operator on conditions.",
        "Ref" => "A function for resolving parameters or resource references.",
        "Fn::Split" => "A function for splitting strings.",
        "Fn::Base64" => "A placeholder function for converting to base64.",
        "Fn::GetAZs" => "A function for retrieving the availability zones.",
        _ => "",
    }
}

/// The functions of a version for `GET /template_versions/{v}/functions`
/// (with `?with_condition_func=true` the condition functions too), in
/// Heat's order. Functions the demo cloud cannot evaluate and removed ones
/// are left out. `None` for an unknown version.
pub fn functions(
    version: &str,
    with_condition_functions: bool,
) -> Option<Vec<(&'static str, &'static str)>> {
    let v = canonical_version(version)?;
    let mut names: Vec<&'static str> = if v == "2013-05-23" {
        ORDER_2013.to_vec()
    } else {
        FUNCTIONS.iter().map(|r| r.name).collect()
    };
    if with_condition_functions {
        for r in CONDITION_FUNCTIONS {
            if !names.contains(&r.name) {
                names.push(r.name);
            }
        }
    }
    let mut out = Vec::new();
    for name in names {
        let mut kind = lookup(v, name, Mode::Props);
        if kind.is_none() && with_condition_functions {
            kind = lookup(v, name, Mode::Cond);
        }
        match kind {
            None | Some(Func::Removed) | Some(Func::Unsupported) | Some(Func::Invalid) => {}
            Some(_) => out.push((name, description(name, v))),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_list_has_aliases() {
        let v = versions();
        assert_eq!(v.len(), 11);
        assert_eq!(
            v[0],
            ("heat_template_version.2013-05-23".to_string(), vec![])
        );
        assert_eq!(
            v[5],
            (
                "heat_template_version.2016-10-14".to_string(),
                vec!["heat_template_version.newton".to_string()]
            )
        );
        assert_eq!(v[10].1, vec!["heat_template_version.wallaby".to_string()]);
    }

    #[test]
    fn aliases_resolve() {
        assert_eq!(canonical_version("rocky"), Some("2018-08-31"));
        assert_eq!(
            canonical_version("heat_template_version.pike"),
            Some("2017-09-01")
        );
        assert_eq!(canonical_version("2015-10-15"), Some("2015-10-15"));
        assert_eq!(canonical_version("2099-01-01"), None);
    }

    #[test]
    fn unknown_version_lists_valid_ones() {
        let e = unknown_version_error("2099-01-01");
        assert_eq!(e.kind, "InvalidTemplateVersion");
        assert_eq!(
            e.message,
            "The template version is invalid: \"heat_template_version: 2099-01-01\". \
             \"heat_template_version\" should be one of: 2013-05-23, 2014-10-16, 2015-04-30, \
             2015-10-15, 2016-04-08, 2016-10-14, 2017-02-24, 2017-09-01, 2018-03-02, \
             2018-08-31, 2021-04-16, newton, ocata, pike, queens, rocky, wallaby"
        );
    }

    #[test]
    fn gating_follows_heat_tables() {
        assert_eq!(lookup("2015-10-15", "if", Mode::Props), None);
        assert_eq!(lookup("2016-10-14", "if", Mode::Props), Some(Func::If));
        assert_eq!(
            lookup("2015-04-30", "repeat", Mode::Props),
            Some(Func::Repeat)
        );
        assert_eq!(lookup("2014-10-16", "repeat", Mode::Props), None);
        assert_eq!(lookup("2015-04-30", "str_split", Mode::Props), None);
        assert_eq!(
            lookup("2016-04-08", "map_merge", Mode::Props),
            Some(Func::MapMerge)
        );
        assert_eq!(lookup("2017-02-24", "contains", Mode::Props), None);
        assert_eq!(
            lookup("2017-09-01", "list_concat", Mode::Props),
            Some(Func::ListConcat)
        );
        assert_eq!(
            lookup("2013-05-23", "Fn::Join", Mode::Props),
            Some(Func::FnJoin)
        );
        assert_eq!(
            lookup("2014-10-16", "Fn::Join", Mode::Props),
            Some(Func::Removed)
        );
        assert_eq!(
            lookup("2015-04-30", "Fn::Select", Mode::Props),
            Some(Func::FnSelect)
        );
        assert_eq!(
            lookup("2015-10-15", "Fn::Select", Mode::Props),
            Some(Func::Removed)
        );
        // `equals` is only a condition function.
        assert_eq!(lookup("2018-08-31", "equals", Mode::Props), None);
        assert_eq!(
            lookup("2018-08-31", "equals", Mode::Cond),
            Some(Func::Equals)
        );
        assert_eq!(
            lookup("2018-08-31", "get_resource", Mode::Cond),
            Some(Func::Invalid)
        );
        assert_eq!(lookup("2018-08-31", "if", Mode::Cond), Some(Func::Invalid));
        assert_eq!(lookup("2021-04-16", "if", Mode::Cond), Some(Func::If));
    }

    #[test]
    fn function_listing() {
        let f = functions("heat_template_version.2015-10-15", false).unwrap();
        let names: Vec<&str> = f.iter().map(|(n, _)| *n).collect();
        assert_eq!(
            names,
            vec![
                "get_attr",
                "get_file",
                "get_param",
                "get_resource",
                "list_join",
                "repeat",
                "str_replace",
                "digest",
                "str_split"
            ]
        );
        assert!(f.contains(&(
            "list_join",
            "A function for joining one or more lists of strings."
        )));
        let with_cond = functions("newton", true).unwrap();
        assert!(with_cond.iter().any(|(n, _)| *n == "equals"));
        assert!(!functions("newton", false)
            .unwrap()
            .iter()
            .any(|(n, _)| *n == "equals"));
        let old = functions("2013-05-23", false).unwrap();
        assert_eq!(old[0].0, "Fn::GetAZs");
        assert!(functions("1999-01-01", false).is_none());
    }
}
