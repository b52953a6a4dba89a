//! A Backstage software catalogue as the service and team vocabulary.
//!
//! `[classify] catalog` names `catalog-info.yaml` files (or folders holding
//! them). Entities of `kind: Component` and `kind: System` become services,
//! with `spec.owner` as their owning team; `kind: Group` entities become
//! teams; `kind: Location` entities are followed to their relative
//! `spec.target(s)`. Other kinds (API, Resource, User, Domain, …) are
//! ignored. A file may hold several YAML documents separated by `---`.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};

/// One service or team declared in the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Entity {
    /// `metadata.name`, e.g. `checkout-api`.
    pub name: String,
    /// `metadata.title` or a Group's `spec.profile.displayName`, if any.
    pub title: Option<String>,
    /// `metadata.description`, if any.
    pub description: String,
    /// The owning team (`spec.owner` without its `group:` kind or namespace),
    /// for services.
    pub owner: Option<String>,
    /// The catalogue file it was read from.
    pub file: PathBuf,
}

/// Services and teams read from the catalogue.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalog {
    /// Components and Systems.
    pub services: Vec<Entity>,
    /// Groups.
    pub teams: Vec<Entity>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Raw {
    kind: String,
    metadata: Metadata,
    spec: Spec,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Metadata {
    name: String,
    title: Option<String>,
    description: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Spec {
    owner: Option<String>,
    profile: Profile,
    target: Option<String>,
    targets: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Profile {
    display_name: Option<String>,
}

/// An entity reference (`group:default/payments`, `default/payments`,
/// `payments`) as a plain name; `None` for references to users.
pub fn entity_name(reference: &str) -> Option<String> {
    let r = reference.trim();
    let (kind, rest) = match r.split_once(':') {
        Some((k, rest)) => (k.trim().to_ascii_lowercase(), rest),
        None => (String::from("group"), r),
    };
    if kind == "user" {
        return None;
    }
    let name = rest.rsplit('/').next().unwrap_or(rest).trim();
    (!name.is_empty()).then(|| name.to_string())
}

impl Catalog {
    /// Read the catalogue files named in book.toml (relative to `root`).
    pub fn load(root: &Path, paths: &[PathBuf]) -> Result<Catalog> {
        let mut cat = Catalog::default();
        let mut seen: Vec<PathBuf> = Vec::new();
        for p in paths {
            let full = root.join(p);
            if full.is_dir() {
                let mut files: Vec<PathBuf> = walkdir::WalkDir::new(&full)
                    .sort_by_file_name()
                    .into_iter()
                    .filter_map(|e| e.ok())
                    .filter(|e| e.file_type().is_file())
                    .map(|e| e.into_path())
                    .filter(|f| {
                        f.file_name().is_some_and(|n| {
                            n.to_string_lossy().ends_with("catalog-info.yaml") || n.to_string_lossy().ends_with("catalog-info.yml")
                        })
                    })
                    .collect();
                files.sort();
                for f in files {
                    cat.read_file(&f, &mut seen, 0)?;
                }
            } else {
                cat.read_file(&full, &mut seen, 0)?;
            }
        }
        Ok(cat)
    }

    fn read_file(&mut self, path: &Path, seen: &mut Vec<PathBuf>, depth: usize) -> Result<()> {
        if seen.iter().any(|s| s == path) || depth > 8 {
            return Ok(());
        }
        seen.push(path.to_path_buf());
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        self.read_text(&text, path, seen, depth)
    }

    /// Read the entities of one catalogue file's text.
    pub fn read_text(&mut self, text: &str, path: &Path, seen: &mut Vec<PathBuf>, depth: usize) -> Result<()> {
        let docs: Vec<Option<Raw>> = serde_saphyr::from_multiple(text).map_err(|e| {
            let (line, column) = e.location().map_or((1, 1), |l| (l.line() as usize, l.column() as usize));
            let message = e.without_snippet().to_string();
            let message = message.lines().next().unwrap_or("invalid YAML").to_string();
            Error::Config { path: path.to_path_buf(), line: line.max(1), column: column.max(1), message: format!("catalog: {message}") }
        })?;
        for raw in docs.into_iter().flatten() {
            let kind = raw.kind.to_ascii_lowercase();
            if matches!(kind.as_str(), "component" | "system" | "group") && raw.metadata.name.trim().is_empty() {
                let line = text
                    .lines()
                    .position(|l| l.trim_start().starts_with("kind:") && l.to_ascii_lowercase().contains(&kind))
                    .map_or(1, |i| i + 1);
                return Err(Error::Config {
                    path: path.to_path_buf(),
                    line,
                    column: 1,
                    message: format!("catalog: a `kind: {}` entity needs `metadata.name`", raw.kind),
                });
            }
            let entity = |title: Option<String>, owner: Option<String>| Entity {
                name: raw.metadata.name.trim().to_string(),
                title: title.filter(|t| !t.trim().is_empty()),
                description: raw.metadata.description.clone().unwrap_or_default(),
                owner,
                file: path.to_path_buf(),
            };
            match kind.as_str() {
                "component" | "system" => {
                    let owner = raw.spec.owner.as_deref().and_then(entity_name);
                    self.services.push(entity(raw.metadata.title.clone(), owner));
                }
                "group" => {
                    let title = raw.spec.profile.display_name.clone().or(raw.metadata.title.clone());
                    self.teams.push(entity(title, None));
                }
                "location" => {
                    let dir = path.parent().unwrap_or(Path::new("."));
                    for t in raw.spec.target.iter().chain(&raw.spec.targets) {
                        let t = t.strip_prefix("./").unwrap_or(t);
                        if t.contains("://") {
                            continue;
                        }
                        let target = dir.join(t);
                        if target.is_file() {
                            self.read_file(&target, seen, depth + 1)?;
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The owning team of service `name`, if the catalogue says.
    pub fn owner(&self, name: &str) -> Option<&str> {
        self.services.iter().find(|s| s.name == name).and_then(|s| s.owner.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_systems_groups_and_owners() {
        let text = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: checkout-api\n  title: Checkout API\nspec:\n  type: service\n  owner: group:default/payments\n---\nkind: System\nmetadata:\n  name: storefront\nspec:\n  owner: web\n---\nkind: Group\nmetadata:\n  name: payments\nspec:\n  type: team\n  profile:\n    displayName: Payments Team\n---\nkind: API\nmetadata:\n  name: checkout-openapi\n---\nkind: Component\nmetadata:\n  name: tool\nspec:\n  owner: user:jdoe\n";
        let mut cat = Catalog::default();
        cat.read_text(text, Path::new("catalog-info.yaml"), &mut Vec::new(), 0).unwrap();
        let names: Vec<&str> = cat.services.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["checkout-api", "storefront", "tool"]);
        assert_eq!(cat.owner("checkout-api"), Some("payments"));
        assert_eq!(cat.owner("storefront"), Some("web"));
        assert_eq!(cat.owner("tool"), None);
        assert_eq!(cat.services[0].title.as_deref(), Some("Checkout API"));
        assert_eq!(cat.teams[0].title.as_deref(), Some("Payments Team"));
    }

    #[test]
    fn bad_yaml_and_nameless_entities_are_located() {
        let mut cat = Catalog::default();
        let err = cat.read_text("kind: Component\nmetadata:\n  name: [unclosed\n", Path::new("c.yaml"), &mut Vec::new(), 0).unwrap_err();
        assert!(matches!(err, Error::Config { line, .. } if line >= 3), "{err:?}");
        let err = cat.read_text("kind: Group\nmetadata:\n  title: x\n", Path::new("c.yaml"), &mut Vec::new(), 0).unwrap_err();
        let Error::Config { line, message, .. } = err else { panic!() };
        assert_eq!(line, 1);
        assert!(message.contains("metadata.name"), "{message}");
    }

    #[test]
    fn entity_references() {
        assert_eq!(entity_name("group:default/sre").as_deref(), Some("sre"));
        assert_eq!(entity_name("default/sre").as_deref(), Some("sre"));
        assert_eq!(entity_name("sre").as_deref(), Some("sre"));
        assert_eq!(entity_name("user:default/ana"), None);
    }
}
