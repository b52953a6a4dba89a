//! The exports for programs: `incidents.json` (an index without bodies)
//! and `incidents/<slug>/index.json` (one incident's full model), each
//! validated against the JSON Schema the site publishes beside it.

use serde_json::Value;

use crate::common::*;

/// Validate `value` against `schema`, for the part of JSON Schema the
/// published schemas use (type, const, enum, pattern, minimum, maximum,
/// properties, required, additionalProperties, items). Any other keyword is
/// a failure, so the schemas cannot silently outgrow this checker.
fn validate(schema: &Value, value: &Value, path: &str, errors: &mut Vec<String>) {
    let obj = schema.as_object().unwrap_or_else(|| panic!("{path}: schema is not an object"));
    for key in obj.keys() {
        let known = [
            "$schema",
            "$id",
            "title",
            "description",
            "type",
            "const",
            "enum",
            "pattern",
            "minimum",
            "maximum",
            "properties",
            "required",
            "additionalProperties",
            "items",
        ];
        assert!(known.contains(&key.as_str()), "{path}: schema keyword `{key}` is not supported by this checker");
    }
    if let Some(t) = obj.get("type") {
        let types: Vec<&str> = match t {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => panic!("{path}: bad type"),
        };
        let ok = types.iter().any(|t| match *t {
            "string" => value.is_string(),
            "integer" => value.is_i64() || value.is_u64(),
            "number" => value.is_number(),
            "boolean" => value.is_boolean(),
            "null" => value.is_null(),
            "array" => value.is_array(),
            "object" => value.is_object(),
            other => panic!("{path}: unknown type {other}"),
        });
        if !ok {
            errors.push(format!("{path}: {value} is not of type {t}"));
            return;
        }
    }
    if let Some(c) = obj.get("const")
        && c != value
    {
        errors.push(format!("{path}: {value} is not {c}"));
    }
    if let Some(Value::Array(values)) = obj.get("enum")
        && !values.contains(value)
    {
        errors.push(format!("{path}: {value} is not one of {values:?}"));
    }
    if let (Some(Value::String(p)), Value::String(s)) = (obj.get("pattern"), value)
        && !regex::Regex::new(p).unwrap().is_match(s)
    {
        errors.push(format!("{path}: {s:?} does not match {p}"));
    }
    if let (Some(min), Some(n)) = (obj.get("minimum").and_then(Value::as_f64), value.as_f64())
        && n < min
    {
        errors.push(format!("{path}: {n} < {min}"));
    }
    if let (Some(max), Some(n)) = (obj.get("maximum").and_then(Value::as_f64), value.as_f64())
        && n > max
    {
        errors.push(format!("{path}: {n} > {max}"));
    }
    if let Value::Object(map) = value {
        let props = obj.get("properties").and_then(Value::as_object);
        for r in obj.get("required").and_then(Value::as_array).into_iter().flatten() {
            let r = r.as_str().unwrap();
            if !map.contains_key(r) {
                errors.push(format!("{path}: `{r}` is required"));
            }
        }
        for (k, v) in map {
            match props.and_then(|p| p.get(k)) {
                Some(s) => validate(s, v, &format!("{path}.{k}"), errors),
                None => match obj.get("additionalProperties") {
                    Some(Value::Bool(false)) => errors.push(format!("{path}: `{k}` is not in the schema")),
                    Some(s @ Value::Object(_)) => validate(s, v, &format!("{path}.{k}"), errors),
                    _ => {}
                },
            }
        }
    }
    if let (Some(items), Value::Array(a)) = (obj.get("items"), value) {
        for (i, v) in a.iter().enumerate() {
            validate(items, v, &format!("{path}[{i}]"), errors);
        }
    }
}

fn read_json(path: &std::path::Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))).unwrap()
}

/// Every description in a schema is non-empty, and every property has one.
fn documented(schema: &Value, path: &str) {
    if let Some(props) = schema.get("properties").and_then(Value::as_object) {
        for (k, v) in props {
            let d = v.get("description").and_then(Value::as_str).unwrap_or("");
            assert!(!d.trim().is_empty(), "{path}.{k} has no description");
            documented(v, &format!("{path}.{k}"));
        }
    }
    for key in ["items", "additionalProperties"] {
        if let Some(v) = schema.get(key).filter(|v| v.is_object()) {
            documented(v, &format!("{path}.{key}"));
        }
    }
}

#[test]
fn per_incident_json_and_the_index_validate_against_their_schemas() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    pmbook().arg("-C").arg(repo()).args(["build", "--quiet", "--no-search", "--dest"]).arg(&site).assert().success();
    let incident_schema = read_json(&site.join("incident.schema.json"));
    let index_schema = read_json(&site.join("incidents.schema.json"));
    documented(&incident_schema["properties"]["incident"], "incident");
    documented(&index_schema["properties"]["incidents"]["items"], "entry");

    let index = read_json(&site.join("incidents.json"));
    let mut errors = Vec::new();
    validate(&index_schema, &index, "incidents.json", &mut errors);
    let entries = index["incidents"].as_array().unwrap();
    assert_eq!(entries.len(), 15);
    for e in entries {
        let json = site.join(e["links"]["json"].as_str().unwrap());
        let full = read_json(&json);
        validate(&incident_schema, &full, &json.display().to_string(), &mut errors);
        // The index agrees with the full model.
        let inc = &full["incident"];
        for key in ["id", "slug", "title", "date", "severity", "status", "services", "contributing_factors", "durations"] {
            assert_eq!(e[key], inc[key], "{key} of {}", e["id"]);
        }
        assert_eq!(e["counts"]["action_items"].as_u64().unwrap() as usize, inc["action_items"].as_array().unwrap().len());
        assert_eq!(e["impact"]["resolved"], inc["impact"]["resolved"]);
        assert!(e.get("body_html").is_none() && e.get("timeline").is_none());
        assert!(site.join(e["links"]["page"].as_str().unwrap()).join("index.html").is_file());
    }
    assert!(errors.is_empty(), "{} schema error(s):\n{}", errors.len(), errors.join("\n"));
}

#[test]
fn imported_legacy_documents_validate_too() {
    // Wall-clock milestones, HTML tables, repaired text: shapes of the model
    // the example archive does not have.
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::write(root.join("book.toml"), "[book]\ntitle = \"t\"\n").unwrap();
    pmbook().arg("-C").arg(root).arg("import").arg(fixture("legacy")).arg("--into").arg(root.join("content")).assert().success();
    pmbook().arg("-C").arg(root).args(["build", "--quiet", "--no-search", "--keep-going"]).output().unwrap();
    let schema = read_json(&root.join("site/incident.schema.json"));
    let mut errors = Vec::new();
    let mut n = 0;
    for entry in walkdir::WalkDir::new(root.join("site/incidents")).into_iter().filter_map(Result::ok) {
        if entry.file_name() == "index.json" {
            validate(&schema, &read_json(entry.path()), &entry.path().display().to_string(), &mut errors);
            n += 1;
        }
    }
    assert!(n >= 2, "{n} incident files");
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}
