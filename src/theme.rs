//! Themes: Tera templates and static files.
//!
//! The default theme (`themes/default/` in this repository) is compiled into
//! the binary. A site's own theme folder (`<theme-dir>/<theme>/`) overrides
//! it file by file: `templates/incident.html` there replaces the built-in
//! one, and files in `static/` are copied over the built-in ones.

use std::path::Path;

use tera::Tera;

use crate::config::Config;
use crate::error::{Error, Result};

/// Built-in templates, by name.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../themes/default/templates/base.html")),
    ("index.html", include_str!("../themes/default/templates/index.html")),
    ("incidents.html", include_str!("../themes/default/templates/incidents.html")),
    ("incident.html", include_str!("../themes/default/templates/incident.html")),
    ("partials/incident_list.html", include_str!("../themes/default/templates/partials/incident_list.html")),
    ("partials/phases.html", include_str!("../themes/default/templates/partials/phases.html")),
    ("terms.html", include_str!("../themes/default/templates/terms.html")),
    ("term.html", include_str!("../themes/default/templates/term.html")),
    ("board.html", include_str!("../themes/default/templates/board.html")),
    ("ledger.html", include_str!("../themes/default/templates/ledger.html")),
    ("stats.html", include_str!("../themes/default/templates/stats.html")),
    ("search.html", include_str!("../themes/default/templates/search.html")),
    ("review.html", include_str!("../themes/default/templates/review.html")),
];

/// Built-in static files, by path under `assets/`.
pub const DEFAULT_STATIC: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../themes/default/static/style.css")),
    ("favicon.svg", include_bytes!("../themes/default/static/favicon.svg")),
    ("site.js", include_bytes!("../themes/default/static/site.js")),
    ("search.js", include_bytes!("../themes/default/static/search.js")),
];

/// Loaded templates and static files.
pub struct Theme {
    /// The template engine with every template added.
    pub tera: Tera,
    /// Static files: (path under `assets/`, bytes).
    pub assets: Vec<(String, Vec<u8>)>,
}

impl Theme {
    /// Load the built-in theme with the site's overrides.
    pub fn load(cfg: &Config) -> Result<Self> {
        let dir = cfg.theme_path();
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        let mut templates: Vec<(String, String)> = Vec::new();
        for (name, builtin) in DEFAULT_TEMPLATES {
            let path = dir.join("templates").join(name);
            let text =
                if path.is_file() { std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))? } else { (*builtin).to_string() };
            templates.push(((*name).to_string(), text));
        }
        // Extra templates a theme adds (partials it includes).
        let tdir = dir.join("templates");
        if tdir.is_dir() {
            for entry in walkdir::WalkDir::new(&tdir).into_iter().filter_map(|e| e.ok()).filter(|e| e.file_type().is_file()) {
                let rel = entry.path().strip_prefix(&tdir).map(|p| p.to_string_lossy().replace('\\', "/")).unwrap_or_default();
                if rel.ends_with(".html") && !templates.iter().any(|(n, _)| *n == rel) {
                    let text = std::fs::read_to_string(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
                    templates.push((rel, text));
                }
            }
        }
        tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str()))).map_err(|e| Error::template("theme", &e))?;
        let mut assets: Vec<(String, Vec<u8>)> = DEFAULT_STATIC.iter().map(|(n, b)| ((*n).to_string(), b.to_vec())).collect();
        let sdir = dir.join("static");
        if sdir.is_dir() {
            for entry in walkdir::WalkDir::new(&sdir).into_iter().filter_map(|e| e.ok()).filter(|e| e.file_type().is_file()) {
                let rel = entry.path().strip_prefix(&sdir).map(|p| p.to_string_lossy().replace('\\', "/")).unwrap_or_default();
                let bytes = std::fs::read(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
                assets.retain(|(n, _)| *n != rel);
                assets.push((rel, bytes));
            }
        }
        assets.push((
            "highlight.css".into(),
            crate::highlight::stylesheet(&cfg.output.highlight_theme, &cfg.output.highlight_theme_dark).into_bytes(),
        ));
        Ok(Theme { tera, assets })
    }

    /// Render `template` with `ctx`.
    pub fn render(&self, template: &str, ctx: &tera::Context) -> Result<String> {
        self.tera.render(template, ctx).map_err(|e| Error::template(template, &e))
    }

    /// Render `template` with `ctx` into `out`, without holding the page in
    /// memory (the ledger of a large archive is many megabytes).
    pub fn render_to(&self, template: &str, ctx: &tera::Context, out: &mut dyn std::io::Write) -> Result<()> {
        self.tera.render_to(template, ctx, out).map_err(|e| Error::template(template, &e))
    }
}

/// Copy the built-in theme into `dir`, as a starting point for a custom theme.
pub fn write_default_theme(dir: &Path) -> Result<()> {
    for (name, text) in DEFAULT_TEMPLATES {
        let path = dir.join("templates").join(name);
        write_new(&path, text.as_bytes())?;
    }
    for (name, bytes) in DEFAULT_STATIC {
        write_new(&dir.join("static").join(name), bytes)?;
    }
    Ok(())
}

fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(p) = path.parent() {
        std::fs::create_dir_all(p).map_err(|e| Error::io(p, e))?;
    }
    std::fs::write(path, bytes).map_err(|e| Error::io(path, e))
}
