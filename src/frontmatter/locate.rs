//! Where each front-matter key stands: a map from key paths to file lines.
//!
//! The YAML and TOML parsers report spans for every key and value they read
//! (serde-saphyr's and toml's `Spanned`). Parsing into [`YamlTree`] /
//! [`TomlTree`] keeps them, and [`flatten`] turns the located tree into the
//! neutral [`Node`] plus a [`Locator`], so any later finding about a value
//! (`impact.detected`, `timeline[2].at`) names its exact line.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use super::Node;

/// One step of a key path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSeg {
    /// A mapping key.
    Key(String),
    /// A list index, 0-based.
    Index(usize),
}

/// Render a path as `impact.detected` / `timeline[2].at`.
pub fn path_string(path: &[PathSeg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            PathSeg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            PathSeg::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// Lines of front-matter keys and list items.
#[derive(Debug, Clone, Default)]
pub struct Locator {
    lines: BTreeMap<String, (usize, usize)>,
    values: BTreeMap<String, (usize, usize)>,
    fallback: usize,
}

impl Locator {
    /// A locator that knows nothing and answers `line` for every path.
    pub fn empty(line: usize) -> Self {
        Locator { lines: BTreeMap::new(), values: BTreeMap::new(), fallback: line }
    }

    /// (line, column) of `path`, or of its nearest located ancestor, or of
    /// the front matter's first line.
    pub fn position(&self, path: &str) -> (usize, usize) {
        let mut p = path;
        loop {
            if let Some(pos) = self.lines.get(p) {
                return *pos;
            }
            match p.rfind(['.', '[']) {
                Some(i) => p = &p[..i],
                None => return (self.fallback, 1),
            }
        }
    }

    /// (line, column) of the value at `path` when it is a scalar written on
    /// its key's line; else the key's position.
    pub fn value_position(&self, path: &str) -> (usize, usize) {
        let key = self.position(path);
        match self.values.get(path) {
            Some(v) if v.0 == key.0 => *v,
            _ => key,
        }
    }

    /// Line of `path` (see [`Locator::position`]).
    pub fn line(&self, path: &str) -> usize {
        self.position(path).0
    }
}

/// How a parser reports positions.
pub trait SpanSource {
    /// The parser's located wrapper for `T`.
    type Wrapped<T>: for<'de> Deserialize<'de>
    where
        T: for<'de> Deserialize<'de>;
    /// Take the value and its (line, column), 1-based, in the parsed text.
    fn unwrap<T: for<'de> Deserialize<'de>>(w: Self::Wrapped<T>, text: &str) -> (T, usize, usize);
}

/// Positions from serde-saphyr.
pub struct Yaml;
/// Positions from toml.
pub struct Toml;

impl SpanSource for Yaml {
    type Wrapped<T>
        = serde_saphyr::Spanned<T>
    where
        T: for<'de> Deserialize<'de>;
    fn unwrap<T: for<'de> Deserialize<'de>>(w: Self::Wrapped<T>, _: &str) -> (T, usize, usize) {
        let (line, col) = (w.referenced.line() as usize, w.referenced.column() as usize);
        (w.value, line.max(1), col.max(1))
    }
}

impl SpanSource for Toml {
    type Wrapped<T>
        = TomlSpanned<T>
    where
        T: for<'de> Deserialize<'de>;
    fn unwrap<T: for<'de> Deserialize<'de>>(w: Self::Wrapped<T>, text: &str) -> (T, usize, usize) {
        let (line, col) = crate::diagnostics::line_col(text, w.start);
        (w.value, line, col)
    }
}

/// toml's span protocol (the one `toml::Spanned` speaks), accepting also a
/// bare string where toml hands one over unspanned: the inside of a
/// date-time, which toml presents as a one-key map.
#[derive(Debug)]
pub struct TomlSpanned<T> {
    start: usize,
    value: T,
}

const SPANNED_NAME: &str = "$__serde_spanned_private_Spanned";
const SPANNED_START: &str = "$__serde_spanned_private_start";
const SPANNED_END: &str = "$__serde_spanned_private_end";
const SPANNED_VALUE: &str = "$__serde_spanned_private_value";

impl<'de, T: Deserialize<'de>> Deserialize<'de> for TomlSpanned<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = TomlSpanned<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a TOML value")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
                use serde::de::IntoDeserializer;
                Ok(TomlSpanned { start: 0, value: T::deserialize(v.into_deserializer())? })
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut start = 0;
                let mut value = None;
                while let Some(key) = map.next_key::<KeyText>()? {
                    match key.0.as_str() {
                        SPANNED_START => start = map.next_value::<usize>()?,
                        SPANNED_END => {
                            map.next_value::<usize>()?;
                        }
                        SPANNED_VALUE => value = Some(map.next_value::<T>()?),
                        other => {
                            return Err(serde::de::Error::unknown_field(other, &[SPANNED_VALUE]));
                        }
                    }
                }
                let value = value.ok_or_else(|| serde::de::Error::missing_field(SPANNED_VALUE))?;
                Ok(TomlSpanned { start, value })
            }
        }
        d.deserialize_struct(SPANNED_NAME, &[SPANNED_START, SPANNED_END, SPANNED_VALUE], V(PhantomData))
    }
}

/// A parsed value with the raw positions of its children.
pub enum Tree<S: SpanSource> {
    /// A scalar or empty value.
    Leaf(Node),
    /// Items with their wrapped positions.
    List(Vec<S::Wrapped<Tree<S>>>),
    /// Keys and values with their wrapped positions.
    Map(Vec<Entry<S>>),
}

/// A mapping entry with the positions of its key and value.
pub type Entry<S> = (<S as SpanSource>::Wrapped<KeyText>, <S as SpanSource>::Wrapped<Tree<S>>);

/// A YAML tree with positions.
pub type YamlTree = Tree<Yaml>;
/// A TOML tree with positions.
pub type TomlTree = Tree<Toml>;

const TOML_DATETIME_FIELD: &str = "$__toml_private_datetime";

impl<'de, S: SpanSource> Deserialize<'de> for Tree<S> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TreeVisitor::<S>(PhantomData))
    }
}

struct TreeVisitor<S>(PhantomData<S>);

impl<'de, S: SpanSource> Visitor<'de> for TreeVisitor<S> {
    type Value = Tree<S>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any front-matter value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Tree::Leaf(Node::Bool(v)))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Tree::Leaf(Node::Int(v)))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Tree::Leaf(i64::try_from(v).map_or(Node::Float(v as f64), Node::Int)))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Tree::Leaf(Node::Float(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Tree::Leaf(Node::Str(v.to_string())))
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(Tree::Leaf(Node::Str(v)))
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Tree::Leaf(Node::Null))
    }
    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(Tree::Leaf(Node::Null))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        Tree::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<S::Wrapped<Tree<S>>>()? {
            items.push(item);
        }
        Ok(Tree::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<S::Wrapped<KeyText>>()? {
            let value = map.next_value::<S::Wrapped<Tree<S>>>()?;
            entries.push((key, value));
        }
        Ok(Tree::Map(entries))
    }
}

/// Map keys: strings, or scalars written where a key goes (`1: x`).
#[derive(Debug)]
pub struct KeyText(pub String);

impl<'de> Deserialize<'de> for KeyText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = KeyText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E>(self, v: &str) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_bool<E>(self, v: bool) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_unit<E>(self) -> Result<KeyText, E> {
                Ok(KeyText(String::new()))
            }
        }
        d.deserialize_any(V)
    }
}

/// Any problem found while flattening (duplicate keys in TOML inline forms
/// are caught by the parser; YAML duplicates by serde-saphyr).
#[derive(Debug)]
pub struct FlattenError {
    /// 1-based line in the parsed text.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// Turn a located tree into a [`Node`] and a [`Locator`]. `line_offset` is
/// added to every line (the file line of the parsed text's first line, − 1).
pub fn flatten<S: SpanSource>(tree: Tree<S>, text: &str, line_offset: usize) -> Result<(Node, Locator), FlattenError> {
    let mut loc = Locator { lines: BTreeMap::new(), values: BTreeMap::new(), fallback: line_offset.max(1) };
    let node = walk(tree, text, line_offset, &mut String::new(), &mut loc)?;
    Ok((node, loc))
}

fn walk<S: SpanSource>(tree: Tree<S>, text: &str, off: usize, path: &mut String, loc: &mut Locator) -> Result<Node, FlattenError> {
    match tree {
        Tree::Leaf(n) => Ok(n),
        Tree::List(items) => {
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.into_iter().enumerate() {
                let (value, line, col) = S::unwrap(item, text);
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                loc.lines.insert(path.clone(), (line + off, col));
                out.push(walk(value, text, off, path, loc)?);
                path.truncate(len);
            }
            Ok(Node::List(out))
        }
        Tree::Map(entries) => {
            let mut out: Vec<(String, Node)> = Vec::with_capacity(entries.len());
            for (key, value) in entries {
                let (KeyText(key), kline, kcol) = S::unwrap(key, text);
                let (value, vline, vcol) = S::unwrap(value, text);
                if key == TOML_DATETIME_FIELD {
                    return walk(value, text, off, path, loc);
                }
                if out.iter().any(|(k, _)| *k == key) {
                    return Err(FlattenError { line: kline, message: format!("duplicate key `{key}`") });
                }
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(&key);
                loc.lines.insert(path.clone(), (kline + off, kcol));
                if matches!(value, Tree::Leaf(_)) {
                    loc.values.insert(path.clone(), (vline + off, vcol));
                }
                let node = walk(value, text, off, path, loc)?;
                path.truncate(len);
                out.push((key, node));
            }
            Ok(Node::Map(out))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frontmatter::{parse, split};

    #[test]
    fn yaml_keys_and_items_are_located() {
        let text =
            "---\ntitle: A\nimpact:\n  started: x\n  detected: y\ntimeline:\n  - at: a\n    text: t\n  - at: b\n    kind: alert\n---\n";
        let (_, loc) = parse(&split(text).unwrap()).unwrap();
        assert_eq!(loc.line("title"), 2);
        assert_eq!(loc.line("impact.detected"), 5);
        assert_eq!(loc.line("timeline[1].kind"), 10);
        assert_eq!(loc.line("timeline[1].nope"), 9);
        assert_eq!(loc.line("timeline[0]"), 7);
    }

    #[test]
    fn toml_keys_and_tables_are_located() {
        let text = "+++\ntitle = \"A\"\n\n[impact]\nstarted = 2024-03-05T09:00:00Z\n\n[[timeline]]\nat = \"a\"\n\n[[timeline]]\nat = \"b\"\nkind = \"x\"\n+++\n";
        let (node, loc) = parse(&split(text).unwrap()).unwrap();
        assert_eq!(loc.line("title"), 2);
        assert_eq!(loc.line("impact.started"), 5);
        assert_eq!(loc.line("timeline[1].kind"), 12);
        assert_eq!(node.get("impact").and_then(|i| i.get("started")), Some(&Node::Str("2024-03-05T09:00:00Z".into())));
    }
}
