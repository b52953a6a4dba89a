//! The catalogue of broken and hostile inputs. Each error case builds a
//! small archive holding one kind of breakage and asserts the exact finding
//! (code, message, file:line:column), exit status 1, no panic, and that the
//! site built before it is left byte for byte as it was. The accepted cases
//! are inputs that look hostile but are legitimate and must build.

use std::path::Path;

use crate::common::pmbook;

const BOOK: &str = "[book]\ntitle = \"Hostile\"\n";

/// A valid document with `extra` front-matter lines and `body`.
fn doc(extra: &str, body: &str) -> String {
    format!("---\ntitle: Checkout errors\ndate: 2024-01-02\nseverity: SEV-2\n{extra}---\n\n{body}")
}

fn plain(extra: &str) -> String {
    doc(extra, "## Summary\n\nCheckout returned errors for ten minutes.\n")
}

/// What a case writes into its archive.
enum Input {
    /// `content/doc.md` with these bytes.
    Doc(Vec<u8>),
    /// Files (path relative to the archive root, bytes).
    Files(Vec<(&'static str, Vec<u8>)>),
    /// A valid document plus this `book.toml`.
    Book(&'static str),
    /// Custom setup of the archive folder.
    Setup(fn(&Path)),
}

use Input::*;

struct Case {
    name: &'static str,
    input: Input,
    code: &'static str,
    /// `file:line:column`; `{root}` stands for the archive folder.
    at: &'static str,
    message: &'static str,
}

fn d(s: impl Into<String>) -> Input {
    Doc(s.into().into_bytes())
}

fn case(name: &'static str, input: Input, code: &'static str, at: &'static str, message: &'static str) -> Case {
    Case { name, input, code, at, message }
}

fn catalogue() -> Vec<Case> {
    let deep_yaml = format!("---\ntitle: T\nx: {}{}\n---\nbody\n", "[".repeat(10_000), "]".repeat(10_000));
    let deep_toml = format!("+++\ntitle = \"T\"\nx = {}{}\n+++\nbody\n", "[".repeat(10_000), "]".repeat(10_000));
    let laughs = {
        let mut s = String::from("---\ntitle: T\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (prev, name) in ["a", "b", "c", "d", "e", "f", "g", "h"].iter().zip(["b", "c", "d", "e", "f", "g", "h", "i"]) {
            s.push_str(&format!("{name}: &{name} [{}]\n", vec![format!("*{prev}"); 9].join(",")));
        }
        s + "---\nbody\n"
    };
    let wide = {
        let head: Vec<String> = (0..5000).map(|i| format!("c{i}")).collect();
        format!("| {} |\n|{}\n| {} |\n", head.join(" | "), "---|".repeat(5000), vec!["v"; 5000].join(" | "))
    };
    vec![
        // Front-matter syntax.
        case(
            "yaml-never-closed",
            d("---\ntitle: T\n\nbody\n"),
            "front-matter-syntax",
            "content/doc.md:1:1",
            "front matter opened with `---` on line 1 is never closed (add a line with `---` after it)",
        ),
        case(
            "toml-never-closed",
            d("+++\ntitle = \"T\"\n"),
            "front-matter-syntax",
            "content/doc.md:1:1",
            "front matter opened with `+++` on line 1 is never closed (add a line with `+++` after it)",
        ),
        case(
            "yaml-unclosed-list",
            d(plain("services: [checkout, payments\n")),
            "front-matter-syntax",
            "content/doc.md:5:11",
            "invalid YAML: unclosed bracket '['",
        ),
        case(
            "yaml-unclosed-quote",
            d(plain("summary: \"half a sentence\n")),
            "front-matter-syntax",
            "content/doc.md:5:10",
            "invalid YAML: unclosed quote",
        ),
        case(
            "yaml-tab-indent",
            d(plain("impact:\n\tdetected: 2024-01-02 10:00 UTC\n")),
            "front-matter-syntax",
            "content/doc.md:6:1",
            "YAML does not allow tabs for indentation; use spaces",
        ),
        case(
            "yaml-duplicate-key",
            d(plain("title: Again\n")),
            "front-matter-syntax",
            "content/doc.md:5:1",
            "invalid YAML: duplicate key `title`",
        ),
        case(
            "toml-duplicate-key",
            d("+++\ntitle = \"T\"\ntitle = \"U\"\n+++\nbody\n"),
            "front-matter-syntax",
            "content/doc.md:3:1",
            "invalid TOML: duplicate key `title`",
        ),
        case(
            "toml-missing-value",
            d("+++\ntitle = \"T\"\nseverity =\n+++\nbody\n"),
            "front-matter-syntax",
            "content/doc.md:3:11",
            "invalid TOML: `severity` has no value",
        ),
        case(
            "toml-unterminated-string",
            d("+++\ntitle = \"T\ndate = 2024-01-02\n+++\nbody\n"),
            "front-matter-syntax",
            "content/doc.md:2:11",
            "invalid TOML: invalid basic string, expected `\"`",
        ),
        case(
            "yaml-billion-laughs",
            d(laughs),
            "front-matter-syntax",
            "content/doc.md:8:8",
            "invalid YAML: aliases expand into too many values (more than 100,000: a \"billion laughs\" expansion); write the values out",
        ),
        case(
            "yaml-10000-deep",
            d(deep_yaml),
            "front-matter-syntax",
            "content/doc.md:3:259",
            "invalid YAML: values are nested more than 64 levels deep",
        ),
        case(
            "toml-10000-deep",
            d(deep_toml),
            "front-matter-syntax",
            "content/doc.md:3:85",
            "invalid TOML: cannot recurse further; max recursion depth met",
        ),
        case(
            "yaml-list-not-mapping",
            d("---\n- title\n- date\n---\nbody\n"),
            "front-matter-syntax",
            "content/doc.md:2:1",
            "front matter must be a mapping of keys to values, but this is a list",
        ),
        // Keys and types.
        case(
            "wrong-type-mapping",
            d(plain("services:\n  checkout: 1\n")),
            "wrong-type",
            "content/doc.md:5:1",
            "`services` must be a list, not a table/mapping",
        ),
        case(
            "wrong-type-toml-list",
            d("+++\ntitle = \"T\"\ndate = 2024-01-02\nseverity = [\"SEV-1\"]\n+++\nbody\n"),
            "wrong-type",
            "content/doc.md:4:1",
            "`severity` must be a single value, not a list",
        ),
        case(
            "wrong-type-internal",
            d(plain("internal: maybe\n")),
            "wrong-type",
            "content/doc.md:5:11",
            "`internal` must be true or false, not a string",
        ),
        case("unknown-key", d(plain("sevrity: SEV-1\n")), "unknown-key", "content/doc.md:5:1", "unknown front-matter key `sevrity`"),
        case(
            "unknown-nested-key",
            d(plain("impact:\n  detcted: 2024-01-02 10:00 UTC\n")),
            "unknown-key",
            "content/doc.md:6:3",
            "unknown key `detcted` in `impact`",
        ),
        case(
            "unknown-internal-field",
            d(plain("internal_fields: [autors]\n")),
            "unknown-field",
            "content/doc.md:5:19",
            "`internal_fields` names `autors`, which is not a field that can be internal (did you mean `authors`?)",
        ),
        case(
            "empty-title",
            d(doc("", "text\n").replace("title: Checkout errors", "title: \"\"")),
            "empty-value",
            "content/doc.md:2:8",
            "`title` is empty; give it a value or remove the key",
        ),
        case("empty-id", d(plain("id: ''\n")), "empty-value", "content/doc.md:5:5", "`id` is empty; give it a value or remove the key"),
        case(
            "unknown-severity",
            d(doc("", "x\n").replace("SEV-2", "SEV-7")),
            "unknown-severity",
            "content/doc.md:4:11",
            "unknown severity `SEV-7`",
        ),
        case(
            "invalid-status",
            d(plain("status: finished-ish\n")),
            "invalid-value",
            "content/doc.md:5:9",
            "`status` is `finished-ish`, which is not one of: active, mitigated, resolved, closed",
        ),
        case(
            "invalid-event-kind",
            d(plain("timezone: UTC\ntimeline:\n  - at: '09:00'\n    kind: explosion\n    text: x\n")),
            "invalid-value",
            "content/doc.md:8:11",
            "`kind` is `explosion`, which is not one of: trigger, impact, alert, detection, notification, escalation, action, automated, comms, mitigation, resolution, note",
        ),
        // Dates, times and zones.
        case(
            "impossible-date",
            d(doc("", "x\n").replace("2024-01-02", "2023-02-30")),
            "invalid-date",
            "content/doc.md:3:7",
            "`date`: `2023-02-30` is not a real calendar date",
        ),
        case(
            "placeholder-date",
            d(doc("", "x\n").replace("2024-01-02", "2023-MM-DD")),
            "invalid-date",
            "content/doc.md:3:7",
            "`date`: `2023-MM-DD` is not a real calendar date",
        ),
        case(
            "impossible-due",
            d(plain("action_items:\n  - title: Fix\n    owner: ana\n    due: 2023-13-01\n")),
            "invalid-date",
            "content/doc.md:8:10",
            "`due`: `2023-13-01` is not a real calendar date",
        ),
        case(
            "five-digit-year",
            d(doc("", "x\n").replace("2024-01-02", "99999-01-02")),
            // A date field gets a date's hint, not a date-time's.
            "invalid-date",
            "content/doc.md:3:7",
            "`date`: `99999-01-02` is not a date",
        ),
        case(
            "impossible-time",
            d(plain("timezone: UTC\ntimeline:\n  - at: '25:99'\n    text: x\n")),
            "invalid-time",
            "content/doc.md:7:9",
            "`at`: `25:99` is not a date-time (expected e.g. `2024-03-05 09:12 UTC` or RFC 3339 `2024-03-05T09:12:00Z`)",
        ),
        case(
            "unknown-abbreviation",
            d(plain("timeline:\n  - at: 2024-01-02 09:12 XST\n    text: x\n")),
            "unknown-zone",
            "content/doc.md:6:9",
            "`at`: unknown time zone `XST` (use an abbreviation such as UTC, CET, PST, an IANA name such as Europe/Berlin, or an offset such as UTC+05:30)",
        ),
        case(
            "unknown-iana-zone",
            d(plain("timezone: Mars/Olympus\n")),
            "unknown-zone",
            "content/doc.md:5:11",
            "`timezone`: unknown time zone `Mars/Olympus` (use an IANA name such as Europe/Berlin, an abbreviation such as PST, or an offset such as UTC+05:30)",
        ),
        case(
            "missing-zone",
            d(plain("timeline:\n  - at: '09:00'\n    text: x\n")),
            "missing-zone",
            "content/doc.md:6:9",
            "`at`: the time has no zone, and neither the document (`timezone`) nor book.toml (`[time] default-zone`) sets one",
        ),
        // Bytes and sizes.
        case(
            "latin-1-bytes",
            Doc(b"---\ntitle: Caf\xe9 outage\n---\nx\n".to_vec()),
            "encoding",
            "content/doc.md:2:11",
            "the file is not valid UTF-8 (invalid byte 0xE9); save it as UTF-8",
        ),
        case(
            "binary-as-markdown",
            Doc(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec()),
            "encoding",
            "content/doc.md:3:1",
            "this is a binary file (it contains NUL bytes), not a post-mortem",
        ),
        case(
            "empty-file",
            d(""),
            "empty-document",
            "content/doc.md:1:1",
            "the document is empty (no front-matter keys and no text); a post-mortem needs at least a title",
        ),
        case(
            "empty-front-matter-only",
            d("---\n---\n\n"),
            "empty-document",
            "content/doc.md:1:1",
            "the document is empty (no front-matter keys and no text); a post-mortem needs at least a title",
        ),
        case(
            "fifty-megabytes",
            Setup(|root| {
                let mut text = plain("").into_bytes();
                text.resize(50 << 20, b'a');
                std::fs::write(root.join("content/doc.md"), text).unwrap();
            }),
            "too-large",
            "content/doc.md:1:1",
            "the file is 50.0 MiB; a post-mortem may be at most 8 MiB",
        ),
        case(
            "10000-nested-lists",
            d(doc("", &format!("{}x\n", "- ".repeat(10_000)))),
            "too-deep",
            "content/doc.md:7:1",
            "lists and block quotes are nested 10000 levels deep here; the limit is 100",
        ),
        case(
            "10000-nested-quotes",
            d(doc("", &format!("{} x\n", ">".repeat(10_000)))),
            "too-deep",
            "content/doc.md:7:1",
            "lists and block quotes are nested 10000 levels deep here; the limit is 100",
        ),
        case("5000-column-table", d(doc("", &wide)), "too-wide", "content/doc.md:7:1", "this table has 5000 columns; the limit is 500"),
        // The file system.
        case(
            "symlink-loop",
            Setup(|root| {
                std::fs::create_dir_all(root.join("content/team")).unwrap();
                std::os::unix::fs::symlink("..", root.join("content/team/loop")).unwrap();
            }),
            "unreadable-path",
            "content/team/loop:1:1",
            "symbolic link loop: this link leads back to a folder that contains it",
        ),
        case(
            "dangling-symlink",
            Setup(|root| {
                std::os::unix::fs::symlink("/nonexistent/pmbook/doc.md", root.join("content/gone.md")).unwrap();
            }),
            "unreadable-path",
            "content/gone.md:1:1",
            "cannot read: No such file or directory (os error 2)",
        ),
        case(
            "symlink-out-of-archive",
            Setup(|root| {
                std::os::unix::fs::symlink("/etc/passwd", root.join("content/secrets.md")).unwrap();
            }),
            "outside-archive",
            "content/secrets.md:1:1",
            "symbolic link to `/etc/passwd`, outside the archive; it is not read",
        ),
        case(
            "folder-symlink-out-of-archive",
            Setup(|root| {
                std::os::unix::fs::symlink("/etc", root.join("content/etc")).unwrap();
            }),
            "outside-archive",
            "content/etc:1:1",
            "symbolic link to `/etc`, outside the archive; it is not read",
        ),
        case(
            "image-symlink-out-of-archive",
            Setup(|root| {
                std::os::unix::fs::symlink("/etc/passwd", root.join("content/graph.png")).unwrap();
                std::fs::write(root.join("content/doc.md"), doc("", "![graph](graph.png)\n")).unwrap();
            }),
            "outside-archive",
            "content/doc.md:7:1",
            "image `graph.png` is a symbolic link to a file outside the archive; it is not published",
        ),
        // Across documents.
        case(
            "duplicate-id",
            Files(vec![("content/a.md", plain("id: PM-1\n").into()), ("content/b.md", plain("id: PM-1\n").into())]),
            "duplicate-id",
            "content/b.md:5:1",
            "id `PM-1` is already used by content/a.md",
        ),
        case(
            "duplicate-slug",
            Files(vec![("content/a.md", plain("slug: same\n").into()), ("content/b.md", plain("slug: same\nid: B\n").into())]),
            "duplicate-slug",
            "content/b.md:5:1",
            "slug `same` (the page incidents/same/) is already used by content/a.md",
        ),
        case(
            "broken-link",
            d(doc("", "See [the earlier one](missing.md).\n")),
            "broken-link",
            "content/doc.md:7:1",
            "link to `missing.md`, which is not a post-mortem in this archive",
        ),
        // Paths that would leave the output directory.
        case(
            "slug-dot-dot",
            d(plain("slug: ../../escape\n")),
            "invalid-slug",
            "content/doc.md:5:7",
            "slug `../../escape` may only contain lower-case letters, digits and single dashes (e.g. `escape`)",
        ),
        case(
            "slug-absolute",
            d(plain("slug: /etc/passwd\n")),
            "invalid-slug",
            "content/doc.md:5:7",
            "slug `/etc/passwd` may only contain lower-case letters, digits and single dashes (e.g. `etc-passwd`)",
        ),
        case(
            "slug-drive-letter",
            d(plain("slug: 'C:\\Windows\\x'\n")),
            "invalid-slug",
            "content/doc.md:5:7",
            "slug `C:\\Windows\\x` may only contain lower-case letters, digits and single dashes (e.g. `c-windows-x`)",
        ),
        case(
            "script-url",
            d(plain("action_items:\n  - title: Fix\n    owner: ana\n    url: 'javascript:alert(1)'\n")),
            "invalid-url",
            "content/doc.md:8:10",
            "action item url `javascript:alert(1)` must start with https:// or http://",
        ),
        // Line endings and byte-order marks keep locations right.
        case(
            "crlf-located",
            d(plain("sevrity: x\n").replace('\n', "\r\n")),
            "unknown-key",
            "content/doc.md:5:1",
            "unknown front-matter key `sevrity`",
        ),
        case(
            "bom-located",
            d(format!("\u{feff}{}", plain("date2: x\n"))),
            "unknown-key",
            "content/doc.md:5:1",
            "unknown front-matter key `date2`",
        ),
        // book.toml.
        case("book-syntax", Book("[book\ntitle = 1\n"), "config", "{root}/book.toml:1:6", "unclosed table, expected `]`"),
        case(
            "book-unknown-key",
            Book("[book]\ntitle = \"x\"\n[buidl]\nx = 1\n"),
            "config",
            "{root}/book.toml:3:2",
            "unknown key `buidl` (did you mean `build`?)",
        ),
        case(
            "book-wrong-type",
            Book("[book]\ntitle = 5\n"),
            "config",
            "{root}/book.toml:2:9",
            "invalid type: integer `5`, expected a string",
        ),
        case(
            "book-unknown-zone",
            Book("[book]\ntitle = \"x\"\n[time]\ndefault-zone = \"Mars/Base\"\n"),
            "config",
            "{root}/book.toml:4:1",
            "`Mars/Base` is not a known time zone (use an IANA name such as \"Europe/Berlin\", or \"UTC\")",
        ),
        case(
            "book-output-is-archive",
            Book("[book]\ntitle = \"x\"\n[build]\nbuild-dir = \".\"\n"),
            "config",
            "{root}/book.toml:4:1",
            "build-dir `.` would replace the archive itself (it is the archive folder or one of its parents)",
        ),
        case(
            "book-output-is-parent",
            Book("[book]\ntitle = \"x\"\n[build]\nbuild-dir = \"../\"\n"),
            "config",
            "{root}/book.toml:4:1",
            "build-dir `../` would replace the archive itself (it is the archive folder or one of its parents)",
        ),
        case(
            "book-output-is-content",
            Book("[book]\ntitle = \"x\"\n[build]\nbuild-dir = \"content\"\n"),
            "config",
            "{root}/book.toml:4:1",
            "build-dir `content` would replace the content folder",
        ),
        case(
            "book-output-in-content",
            Book("[book]\ntitle = \"x\"\n[build]\nbuild-dir = \"content/site\"\n"),
            "config",
            "{root}/book.toml:4:1",
            "build-dir `content/site` is inside the content folder",
        ),
    ]
}

fn write_case(root: &Path, input: &Input) {
    std::fs::create_dir_all(root.join("content")).unwrap();
    let book = match input {
        Book(text) => text,
        _ => BOOK,
    };
    std::fs::write(root.join("book.toml"), book).unwrap();
    match input {
        Doc(bytes) => std::fs::write(root.join("content/doc.md"), bytes).unwrap(),
        Files(files) => {
            for (path, bytes) in files {
                std::fs::write(root.join(path), bytes).unwrap();
            }
        }
        Book(_) => std::fs::write(root.join("content/doc.md"), plain("")).unwrap(),
        Setup(f) => f(root),
    }
}

#[test]
fn every_broken_input_fails_with_its_exact_finding() {
    let cases = catalogue();
    assert!(cases.len() >= 40, "the catalogue has {} cases", cases.len());
    let mut failures = Vec::new();
    for c in &cases {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        write_case(root, &c.input);
        // A site from an earlier build, which the failed build must not touch.
        std::fs::create_dir_all(root.join("site")).unwrap();
        std::fs::write(root.join("site/index.html"), "previous site").unwrap();
        let out = pmbook().arg("-C").arg(root).args(["build", "-q", "--no-search"]).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let at = c.at.replace("{root}", &root.display().to_string());
        let expected = format!("error[{}]: {}\n  --> {at}\n", c.code, c.message);
        let mut wrong = Vec::new();
        if out.status.code() != Some(1) {
            wrong.push(format!("exit status {:?}, expected 1", out.status.code()));
        }
        if stderr.contains("panicked") {
            wrong.push("panicked".to_string());
        }
        if !stderr.contains(&expected) {
            wrong.push(format!("expected:\n{expected}"));
        }
        if std::fs::read_to_string(root.join("site/index.html")).ok().as_deref() != Some("previous site") {
            wrong.push("the previous site was changed".to_string());
        }
        let leftovers: Vec<_> = std::fs::read_dir(root)
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().contains("pmbook-"))
            .map(|e| e.file_name())
            .collect();
        if !leftovers.is_empty() {
            wrong.push(format!("left behind: {leftovers:?}"));
        }
        if !wrong.is_empty() {
            failures.push(format!("## {}\n{}\n-- stderr:\n{stderr}", c.name, wrong.join("\n")));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

#[test]
fn hostile_looking_but_legitimate_inputs_build() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::create_dir_all(root.join("content/img.md")).unwrap(); // a folder named like a post-mortem
    std::fs::write(root.join("book.toml"), BOOK).unwrap();
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("bom.md", format!("\u{feff}{}", plain("id: BOM\n")).into_bytes()),
        ("crlf.md", plain("id: CRLF\n").replace('\n', "\r\n").into_bytes()),
        ("cr-only.md", plain("id: CR\n").replace('\n', "\r").into_bytes()),
        ("anchors.md", plain("id: ANCHORS\nservices: &s [checkout, payments]\ntags: *s\n").into_bytes()),
        ("yaml-dots.md", "---\ntitle: Ends with dots\ndate: 2024-01-02\n...\n\nBody.\n".to_string().into_bytes()),
        ("graph.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec()),
        ("notes.txt", b"\x00\x01 binary notes beside the posts".to_vec()),
        (
            "html.md",
            plain("id: HTML\n").replace("Checkout returned", "<table><tr><td>Checkout</td></tr></table>\n\nCheckout returned").into_bytes(),
        ),
    ];
    for (name, bytes) in &files {
        std::fs::write(root.join("content").join(name), bytes).unwrap();
    }
    // A symbolic link to a post-mortem elsewhere in the archive is read.
    std::fs::create_dir_all(root.join("shared")).unwrap();
    std::fs::write(root.join("shared/pm.md"), plain("id: LINKED\n")).unwrap();
    std::os::unix::fs::symlink("../shared/pm.md", root.join("content/linked.md")).unwrap();
    // A named pipe would block a reader forever; it is not a file, so it is skipped.
    let fifo = root.join("content/pipe.md");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success());
    let out = pmbook().arg("-C").arg(root).args(["build", "--no-search"]).timeout(std::time::Duration::from_secs(60)).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("built 7 post-mortems"), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(made, "mkfifo is needed for the named-pipe case");
    let crlf = std::fs::read_to_string(root.join("site/incidents/crlf/index.html")).unwrap();
    assert!(crlf.contains("Checkout errors"));
}

#[test]
fn the_content_folder_may_be_a_link_to_anywhere() {
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(elsewhere.path().join("2024")).unwrap();
    std::fs::write(elsewhere.path().join("2024/far.md"), doc("id: FAR\n", "![graph](graph.png)\n")).unwrap();
    std::fs::write(elsewhere.path().join("2024/graph.png"), b"\x89PNG").unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::write(root.join("book.toml"), BOOK).unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), root.join("content")).unwrap();
    let out = pmbook().arg("-C").arg(root).args(["build", "--no-search"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(root.join("site/incidents/far/index.html").is_file());
    assert!(root.join("site/files/2024/graph.png").is_file());
}

#[test]
fn keep_going_publishes_the_rest_and_still_fails() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(root.join("book.toml"), BOOK).unwrap();
    std::fs::write(root.join("content/good-1.md"), plain("id: GOOD-1\n")).unwrap();
    std::fs::write(root.join("content/good-2.md"), plain("id: GOOD-2\nrelated: [GOOD-1]\n")).unwrap();
    std::fs::write(root.join("content/bad.md"), plain("id: BAD\nstatus: finished-ish\n")).unwrap();
    std::fs::write(root.join("content/links-bad.md"), doc("id: LINKS\n", "See [the bad one](bad.md).\n")).unwrap();
    // Without --keep-going nothing is written.
    let out = pmbook().arg("-C").arg(root).args(["build", "-q", "--no-search"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!root.join("site").exists());
    let out = pmbook().arg("-C").arg(root).args(["build", "--no-search", "--keep-going"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("error[invalid-value]: `status` is `finished-ish`"), "{stderr}");
    assert!(stderr.contains("error[broken-link]: link to `bad.md`"), "the dependent document is reported: {stderr}");
    assert!(stderr.contains("2 file(s) with errors were left out (--keep-going)"), "{stderr}");
    assert!(root.join("site/incidents/good-1/index.html").is_file());
    assert!(root.join("site/incidents/good-2/index.html").is_file());
    assert!(!root.join("site/incidents/bad").exists());
    assert!(!root.join("site/incidents/links").exists());
    let json = std::fs::read_to_string(root.join("site/incidents.json")).unwrap();
    assert!(json.contains("GOOD-2") && !json.contains("\"BAD\""));
}

#[test]
fn concurrent_builds_never_corrupt_the_site() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let out = pmbook().args(["generate", "--count", "300"]).arg(root.join("a")).output().unwrap();
    assert!(out.status.success());
    let archive = root.join("a");
    let spawn = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_pmbook"))
            .env("PMBOOK_TODAY", "2025-06-01")
            .arg("-C")
            .arg(&archive)
            .args(["build", "-q", "--no-search"])
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    for _ in 0..3 {
        let (a, b) = (spawn(), spawn());
        let results = [a.wait_with_output().unwrap(), b.wait_with_output().unwrap()];
        let ok = results.iter().filter(|o| o.status.success()).count();
        assert!(ok >= 1, "at least one build succeeds");
        for o in results.iter().filter(|o| !o.status.success()) {
            let stderr = String::from_utf8_lossy(&o.stderr);
            assert!(stderr.contains("another pmbook build is writing"), "a clear refusal, not: {stderr}");
        }
        let pages = walkdir::WalkDir::new(archive.join("site/incidents"))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_name() == "index.html")
            .count();
        assert_eq!(pages, 301, "300 incident pages and the list");
        let leftovers: Vec<_> = std::fs::read_dir(&archive)
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().contains("pmbook-"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
}

#[test]
fn links_to_trackers_are_never_fetched() {
    // A listener stands in for a tracker and a dashboard; a build must not
    // connect to it.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let port = listener.local_addr().unwrap().port();
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(root.join("book.toml"), BOOK).unwrap();
    let text = doc(
        &format!("action_items:\n  - title: Fix\n    owner: ana\n    tracker: OPS-1\n    url: http://127.0.0.1:{port}/browse/OPS-1\n"),
        &format!("See the [dashboard](http://127.0.0.1:{port}/d/checkout) and ![graph](http://127.0.0.1:{port}/graph.png).\n"),
    );
    std::fs::write(root.join("content/doc.md"), text).unwrap();
    let out = pmbook().arg("-C").arg(root).args(["build", "-q"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let page = std::fs::read_to_string(root.join("site/incidents/doc/index.html")).unwrap();
    assert!(page.contains(&format!("http://127.0.0.1:{port}/browse/OPS-1")), "the link is shown");
    assert!(matches!(listener.accept(), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock), "the build connected to a linked URL");
}
