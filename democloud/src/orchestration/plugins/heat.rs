//! OS::Heat::RandomString, Value and TestResource (OS::Heat::None needs no
//! code; ResourceGroup is a nested stack, in the engine).

use std::time::Duration;

use rand::seq::SliceRandom;
use rand::Rng;
use serde_json::{json, Map, Value};

use super::{attributes, Ctx, Failure, Outcome, Started};

fn class_chars(class: &str) -> &'static str {
    match class {
        "letters" => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
        "lowercase" => "abcdefghijklmnopqrstuvwxyz",
        "uppercase" => "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "digits" => "0123456789",
        "hexdigits" => "0123456789abcdefABCDEF",
        "octdigits" => "01234567",
        _ => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
    }
}

/// Heat's generator: each class and sequence gets its minimum, the rest
/// comes from all of them, then the whole is shuffled.
fn random_string(props: &Map<String, Value>) -> Outcome<String> {
    let length = props.get("length").and_then(Value::as_u64).unwrap_or(32) as usize;
    let mut pools: Vec<(Vec<char>, usize)> = Vec::new();
    for class in props
        .get("character_classes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let name = class["class"].as_str().unwrap_or("lettersdigits");
        let min = class["min"].as_u64().unwrap_or(1) as usize;
        pools.push((class_chars(name).chars().collect(), min));
    }
    for seq in props
        .get("character_sequences")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let chars: Vec<char> = seq["sequence"].as_str().unwrap_or("").chars().collect();
        let min = seq["min"].as_u64().unwrap_or(1) as usize;
        if !chars.is_empty() {
            pools.push((chars, min));
        }
    }
    if pools.is_empty() {
        pools.push((class_chars("lettersdigits").chars().collect(), 1));
    }
    let required: usize = pools.iter().map(|(_, min)| min).sum();
    if required > length {
        return Err(Failure::new(
            "StackValidationFailed",
            "Length property cannot be smaller than combined character class and character sequence minimums",
        ));
    }
    let mut rng = rand::thread_rng();
    let mut out: Vec<char> = Vec::with_capacity(length);
    for (chars, min) in &pools {
        out.extend((0..*min).map(|_| chars[rng.gen_range(0..chars.len())]));
    }
    let all: Vec<char> = pools.iter().flat_map(|(c, _)| c.iter().copied()).collect();
    while out.len() < length {
        out.push(all[rng.gen_range(0..all.len())]);
    }
    out.shuffle(&mut rng);
    Ok(out.into_iter().collect())
}

pub fn create_random_string(props: &Map<String, Value>) -> Outcome<Started> {
    let value = random_string(props)?;
    let data = attributes(json!({"ref": value}), json!({"value": value}));
    Ok(Started::new(uuid::Uuid::new_v4().to_string(), data))
}

pub fn create_value(ctx: &Ctx<'_>, props: &Map<String, Value>) -> Outcome<Started> {
    let value = props.get("value").cloned().unwrap_or(Value::Null);
    Ok(Started::new(
        ctx.physical_name.clone(),
        attributes(json!({}), json!({"value": value})),
    ))
}

fn wait_secs(props: &Map<String, Value>, action: &str) -> Duration {
    let secs = props
        .get("action_wait_secs")
        .and_then(|w| w.get(action))
        .and_then(Value::as_f64)
        .or_else(|| props.get("wait_secs").and_then(Value::as_f64))
        .unwrap_or(0.0);
    Duration::from_secs_f64(secs.clamp(0.0, 3600.0))
}

pub async fn create_test_resource(ctx: &Ctx<'_>, props: &Map<String, Value>) -> Outcome<Started> {
    tokio::time::sleep(wait_secs(props, "create")).await;
    if props.get("fail").and_then(Value::as_bool).unwrap_or(false) {
        return Err(Failure::new(
            "ValueError",
            format!("Test Resource failed {}", ctx.resource),
        ));
    }
    let value = props.get("value").cloned().unwrap_or(json!(""));
    let data = attributes(json!({"properties": props}), json!({"output": value}));
    Ok(Started::new(ctx.physical_name.clone(), data))
}

pub async fn update_test_resource(
    ctx: &Ctx<'_>,
    _data: &Value,
    props: &Map<String, Value>,
) -> Outcome<Value> {
    tokio::time::sleep(wait_secs(props, "update")).await;
    if props.get("fail").and_then(Value::as_bool).unwrap_or(false) {
        return Err(Failure::new(
            "ValueError",
            format!("Test Resource failed {}", ctx.resource),
        ));
    }
    let value = props.get("value").cloned().unwrap_or(json!(""));
    Ok(attributes(
        json!({"properties": props}),
        json!({"output": value}),
    ))
}

pub async fn delete_test_resource(data: &Value) -> Outcome<()> {
    if let Some(props) = data["properties"].as_object() {
        tokio::time::sleep(wait_secs(props, "delete")).await;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_strings_honour_length_and_minimums() {
        let props = json!({"length": 12, "character_classes": [{"class": "digits", "min": 4}],
                           "character_sequences": [{"sequence": "!@", "min": 2}]});
        let s = random_string(props.as_object().unwrap()).unwrap();
        assert_eq!(s.chars().count(), 12);
        assert!(s.chars().filter(char::is_ascii_digit).count() >= 4);
        assert!(s.chars().filter(|c| "!@".contains(*c)).count() >= 2);
        let too_short = json!({"length": 2, "character_classes": [{"class": "digits", "min": 3}]});
        assert!(random_string(too_short.as_object().unwrap()).is_err());
        let default = random_string(&Map::new()).unwrap();
        assert_eq!(default.len(), 32);
        assert!(default.chars().all(|c| c.is_ascii_alphanumeric()));
    }
}
