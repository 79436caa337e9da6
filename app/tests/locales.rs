//! Every locale has exactly the messages `en` has, each parses, and every
//! message id the code uses exists.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use fluent_templates::fluent_bundle::FluentResource;

fn locales_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../locales")
}

/// The message and term ids of one locale folder, after checking its syntax.
fn ids(dir: &Path) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for entry in fs::read_dir(dir).expect("locale folder") {
        let path = entry.expect("entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("ftl") {
            continue;
        }
        let text = fs::read_to_string(&path).expect("ftl file");
        if let Err((_, errors)) = FluentResource::try_new(text.clone()) {
            panic!("{} does not parse: {errors:?}", path.display());
        }
        for line in text.lines() {
            let Some((id, _)) = line.split_once('=') else {
                continue;
            };
            let id = id.trim_end();
            let body = id.strip_prefix('-').unwrap_or(id);
            if !line.starts_with(char::is_whitespace)
                && !body.is_empty()
                && body.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && body
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                ids.insert(id.to_string());
            }
        }
    }
    ids
}

#[test]
fn every_locale_has_exactly_the_keys_of_en() {
    let en = ids(&locales_dir().join("en"));
    assert!(en.len() > 50, "en has only {} messages", en.len());
    let mut checked = 0;
    for entry in fs::read_dir(locales_dir()).expect("locales") {
        let dir = entry.expect("entry").path();
        if !dir.is_dir() || dir.ends_with("en") {
            continue;
        }
        let other = ids(&dir);
        let missing: Vec<_> = en.difference(&other).collect();
        let extra: Vec<_> = other.difference(&en).collect();
        assert!(missing.is_empty(), "{} lacks {missing:?}", dir.display());
        assert!(
            extra.is_empty(),
            "{} has keys en lacks: {extra:?}",
            dir.display()
        );
        checked += 1;
    }
    assert!(checked >= 3, "expected ja, de and zh-CN at least");
}

/// The string literal right after each occurrence of `marker`.
fn literals_after<'a>(source: &'a str, marker: &str) -> Vec<&'a str> {
    source
        .match_indices(marker)
        .filter_map(|(i, _)| {
            let rest = source[i + marker.len()..].trim_start();
            let rest = rest.strip_prefix('"')?;
            rest.split('"').next()
        })
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().and_then(|e| e.to_str()) == Some("rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_message_the_code_uses_exists_in_en() {
    let en = ids(&locales_dir().join("en"));
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut used = BTreeSet::new();
    for file in files {
        let source = fs::read_to_string(&file).expect("source");
        for marker in [
            "move_tr!(",
            "tr!(",
            "tr_dynamic(",
            "tr_dynamic_args(",
            "key: ",
            "=> \"",
        ] {
            for literal in literals_after(&source, marker.trim_end_matches('"')) {
                if literal.contains('-')
                    && literal
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                {
                    used.insert(literal.to_string());
                }
            }
        }
        // AppError::invalid("field", "message-id")
        // (only when the id is a literal; a variable's ids are found above).
        for (i, m) in source.match_indices("AppError::invalid(") {
            let args = &source[i + m.len()..];
            let args = &args[..args.find(')').unwrap_or(args.len())];
            if let Some(id) = args.split(',').nth(1).map(str::trim) {
                if let Some(id) = id.strip_prefix('"').and_then(|i| i.strip_suffix('"')) {
                    used.insert(id.to_string());
                }
            }
        }
    }
    assert!(
        used.len() > 40,
        "found only {} message ids in the code",
        used.len()
    );
    let missing: Vec<_> = used.iter().filter(|id| !en.contains(*id)).collect();
    assert!(
        missing.is_empty(),
        "used in code but missing from en: {missing:?}"
    );
}
