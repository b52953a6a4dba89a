//! The `pmbook` command line: parses arguments, calls the library, and turns
//! its typed errors into friendly reports and exit codes.

#[cfg(not(feature = "system-alloc"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay`, by its place in the options of the
/// bundled mimalloc (v3): the milliseconds after which memory freed by the
/// program is returned to the system (default 1,000; -1: never). mimalloc
/// keeps these numbers out of its Rust bindings on purpose; the test below
/// fails if an update moves it.
#[cfg(not(feature = "system-alloc"))]
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// A build allocates and frees in waves (documents read, pages rendered,
/// search shards built), and returned memory is faulted in, zeroed, again
/// by the next wave: keeping it halves a 10,000-document build's page
/// faults (268,000 to 136,000) for about 5 % more peak memory. A
/// `MIMALLOC_PURGE_DELAY` in the environment still wins.
#[cfg(not(feature = "system-alloc"))]
fn tune_allocator() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: called first in `main`, before any other thread exists
        // (mi_option_set is not thread safe).
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    }
}

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use pmbook::archive::{self, Archive};
use pmbook::config::{CONFIG_FILE, Config};
use pmbook::diagnostics::{Diagnostic, Level};
use pmbook::model::{InspectOutput, SCHEMA_VERSION};
use pmbook::{Error, scaffold, site};

#[derive(Parser)]
#[command(name = "pmbook", version, about = "Build a static site from a folder of incident post-mortems")]
struct Cli {
    /// Archive root (the folder with book.toml). Default: the nearest one at or above the current directory.
    #[arg(short = 'C', long = "dir", global = true)]
    dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new archive: book.toml and content/ with one example post-mortem.
    Init {
        /// Where to create it (default: the current directory).
        path: Option<PathBuf>,
        /// Site title.
        #[arg(long, default_value = "Post-mortems")]
        title: String,
    },
    /// Start a new post-mortem from the template, dated today.
    New {
        /// Title of the incident.
        title: String,
        /// Date of the incident (YYYY-MM-DD). Default: today.
        #[arg(long, value_parser = date_arg)]
        date: Option<NaiveDate>,
    },
    /// Serve the site on localhost and rebuild it as files change.
    Serve {
        /// Port to listen on (0 picks a free one).
        #[arg(short, long, default_value_t = 3000)]
        port: u16,
        /// Address to listen on (0.0.0.0 to be reachable from other machines).
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Skip the full-text search index.
        #[arg(long)]
        no_search: bool,
        /// No progress bar for the first build.
        #[arg(short, long)]
        quiet: bool,
    },
    /// Build the site (atomically: a failed build leaves the previous site untouched).
    Build {
        /// Output directory (default: [build] build-dir, "site").
        #[arg(short, long)]
        dest: Option<PathBuf>,
        /// No progress and no summary; findings (errors, warnings) are still printed.
        #[arg(short, long)]
        quiet: bool,
        /// Skip the full-text search index.
        #[arg(long)]
        no_search: bool,
        /// Print the time spent in each phase of the build.
        #[arg(long)]
        timings: bool,
        /// A public build: leave out internal documents, fields and sections.
        #[arg(long)]
        public: bool,
        /// Leave out documents with errors and publish the rest (the exit status is still 1).
        #[arg(long)]
        keep_going: bool,
    },
    /// Validate the archive, or only the named files, without writing anything.
    Check {
        /// Files to check (default: the whole archive).
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Exit 1 on warnings too.
        #[arg(long)]
        deny_warnings: bool,
        /// Exit 1 when more than N action items are overdue (default: [check] max-overdue in book.toml).
        #[arg(long, value_name = "N")]
        max_overdue: Option<usize>,
    },
    /// Turn existing post-mortems (any shape) into canonical pmbook files, with a coverage report; or incident tickets (--from gitlab-issues|github-issues) into post-mortem stubs.
    Import {
        /// Files or folders to import (folders: .md, .markdown and .txt files); with --from, JSON files of issues.
        #[arg(required = true)]
        sources: Vec<PathBuf>,
        /// What the sources are: post-mortems (default), or an issue tracker's JSON list of issues.
        #[arg(long, value_enum, default_value_t = ImportFrom::Documents)]
        from: ImportFrom,
        /// Where to write them (default: the archive's content directory).
        #[arg(long)]
        into: Option<PathBuf>,
        /// Overwrite files that already exist.
        #[arg(long)]
        force: bool,
    },
    /// Write a deterministic archive of fictional post-mortems (for benchmarks and scale tests).
    Generate {
        /// Folder to create it in (book.toml and content/). Default: `-C DIR`.
        #[arg(value_name = "DIR")]
        into: Option<PathBuf>,
        /// How many post-mortems.
        #[arg(long, default_value_t = 1000)]
        count: usize,
        /// Random seed; the same seed gives the same files.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Kind of archive: `default`, or `varied` (longer bodies with code and tables, 20–60 timeline events, three times the terms, a third without front matter).
        #[arg(long, value_enum, default_value_t = GenerateProfile::Default)]
        profile: GenerateProfile,
    },
    /// File post-mortems under contributing factors, services, teams and severity where their front matter does not say (a dry run unless --write).
    Classify {
        /// Files to classify (default: the whole archive).
        files: Vec<PathBuf>,
        /// Write the inferred terms into each file's front matter, with a comment saying they were inferred.
        #[arg(long)]
        write: bool,
    },
    /// Print the weekly review: incidents opened, phases reached, action items done and overdue, what is due next, what is stuck.
    Review {
        /// First day of the period (YYYY-MM-DD). Default: [review] period days before today.
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReviewFormat::Markdown)]
        format: ReviewFormat,
    },
    /// Print the model pmbook understood from each file.
    Inspect {
        /// Post-mortem files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = InspectFormat::Text)]
        format: InspectFormat,
    },
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
    /// Readable text with the source line.
    Human,
    /// One JSON document.
    Json,
    /// GitHub Actions workflow annotations.
    Github,
    /// GitLab Code Quality report (JSON), for merge requests.
    Gitlab,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF tools.
    Sarif,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ImportFrom {
    /// Post-mortem documents in any shape.
    Documents,
    /// GitLab's issues API (`GET /projects/:id/issues`).
    GitlabIssues,
    /// GitHub's issues API (`GET /repos/:owner/:repo/issues`) or `gh issue list --json …`.
    GithubIssues,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ReviewFormat {
    /// Markdown, for meeting notes or a chat channel.
    Markdown,
    /// JSON.
    Json,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum GenerateProfile {
    /// Short bodies, 6–14 timeline events, a tenth without front matter.
    Default,
    /// Longer, more varied documents (see `pmbook generate --help`).
    Varied,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum InspectFormat {
    /// Readable summary.
    Text,
    /// The stable JSON model.
    Json,
}

fn main() -> ExitCode {
    #[cfg(not(feature = "system-alloc"))]
    tune_allocator();
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            report_error(&e);
            ExitCode::from(1)
        }
    }
}

fn report_error(e: &Error) {
    let mut err = std::io::stderr().lock();
    match e {
        Error::Documents(diags) => {
            for d in diags {
                let _ = write!(err, "{}", d.render_human());
            }
            let errors = diags.iter().filter(|d| d.level == Level::Error).count();
            let _ = writeln!(err, "error: build failed with {errors} error(s); the previous site was left untouched");
        }
        Error::Config { path, line, column, message } => {
            let _ = writeln!(err, "error[config]: {message}\n  --> {}:{line}:{column}", path.display());
        }
        other => {
            let _ = writeln!(err, "error: {other}");
        }
    }
}

/// A `YYYY-MM-DD` argument; clap reports a bad one as a usage error (exit 2).
fn date_arg(s: &str) -> Result<NaiveDate, String> {
    pmbook::datetime::parse_date(s).map_err(|_| format!("`{s}` is not a date; write it as YYYY-MM-DD, e.g. 2024-03-05"))
}

/// Today's date, or `PMBOOK_TODAY` (YYYY-MM-DD) for reproducible builds.
fn today() -> NaiveDate {
    match std::env::var("PMBOOK_TODAY") {
        Ok(s) => s.parse().unwrap_or_else(|_| {
            eprintln!("error: PMBOOK_TODAY=`{s}` is not a date (YYYY-MM-DD)");
            std::process::exit(2)
        }),
        Err(_) => chrono::Local::now().date_naive(),
    }
}

/// Open `url` in the desktop's browser; a failure is reported, not fatal.
fn open_browser(url: &str) {
    let result = if cfg!(target_os = "macos") {
        std::process::Command::new("open").arg(url).spawn()
    } else if cfg!(windows) {
        std::process::Command::new("cmd").args(["/C", "start", "", url]).spawn()
    } else {
        std::process::Command::new("xdg-open").arg(url).spawn()
    };
    if let Err(e) = result {
        eprintln!("could not open a browser ({e}); open {url} yourself");
    }
}

/// The archive root: `-C`, else the nearest folder with book.toml.
fn find_root(dir: &Option<PathBuf>) -> Result<PathBuf, Error> {
    if let Some(d) = dir {
        return Ok(d.clone());
    }
    let cwd = std::env::current_dir().map_err(|e| Error::io(Path::new("."), e))?;
    Config::discover(&cwd).ok_or_else(|| {
        Error::Usage(format!("no {CONFIG_FILE} here or in any parent folder; run `pmbook init` to create an archive, or pass -C DIR"))
    })
}

fn run(cli: Cli) -> Result<ExitCode, Error> {
    match cli.command {
        Command::Init { path, title } => {
            let dir = path.or(cli.dir).unwrap_or_else(|| PathBuf::from("."));
            let written = scaffold::init(&dir, &title, today())?;
            for p in written {
                println!("created {}", p.display());
            }
            let zone = scaffold::Zone::for_new(&Config::load(&dir)?);
            println!("book.toml leaves [time] default-zone unset: a time without a zone is an error, never read as UTC");
            println!("the example post-mortem has {}", zone.note());
            println!("next: `pmbook -C {0} build`, then open {0}/site/index.html", dir.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::New { title, date } => {
            let cfg = Config::load(&find_root(&cli.dir)?)?;
            let date = date.unwrap_or_else(today);
            let (path, zone) = scaffold::new_post_mortem(&cfg, &title, date)?;
            // Shown relative to where the user is, as they would type it.
            let shown = std::env::current_dir().ok().and_then(|cwd| path.strip_prefix(&cwd).ok().map(Path::to_path_buf)).unwrap_or(path);
            println!("created {}", shown.display());
            println!("{}", zone.note());
            Ok(ExitCode::SUCCESS)
        }
        Command::Build { dest, quiet, no_search, timings, public, keep_going } => {
            let mut cfg = Config::load(&find_root(&cli.dir)?)?;
            cfg.build.public |= public;
            if timings {
                pmbook::timings::enable();
            }
            let progress: Option<Arc<dyn pmbook::progress::Progress>> =
                if quiet { None } else { Some(Arc::new(pmbook::progress::Bars::new())) };
            let report = site::build(&cfg, &site::BuildOptions { dest, today: Some(today()), no_search, keep_going, progress })?;
            let mut err = std::io::stderr().lock();
            for w in &report.warnings {
                let _ = write!(err, "{}", w.render_human());
            }
            if !quiet {
                let withheld = if cfg.build.public { format!(", public: {} internal left out", report.withheld) } else { String::new() };
                println!(
                    "built {} post-mortems into {} ({} pages, {} warning(s){withheld}) in {:.2}s",
                    report.documents,
                    report.dest.display(),
                    report.pages,
                    report.warnings.iter().filter(|d| d.level == Level::Warning).count(),
                    report.elapsed.as_secs_f64()
                );
            }
            if timings {
                let _ = write!(err, "{}", pmbook::timings::table(report.elapsed));
            }
            if !report.skipped.is_empty() {
                let _ = writeln!(
                    err,
                    "error: {} file(s) with errors were left out (--keep-going); the rest of the site was published",
                    report.skipped.len()
                );
                for f in &report.skipped {
                    let _ = writeln!(err, "  skipped {}", f.display());
                }
                return Ok(ExitCode::from(1));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve { port, bind, open, no_search, quiet } => {
            let root = find_root(&cli.dir)?;
            let cfg = Config::load(&root)?;
            let progress: Option<Arc<dyn pmbook::progress::Progress>> =
                if quiet { None } else { Some(Arc::new(pmbook::progress::Bars::new())) };
            let opts = pmbook::serve::ServeOptions {
                bind,
                port,
                search: cfg.output.search && !no_search,
                today: today(),
                progress,
                debounce: std::time::Duration::from_millis(30),
            };
            let served = pmbook::serve::start(&root, &opts)?;
            println!("serving {} at {} (Ctrl-C to stop)", cfg.book.title, served.url);
            let _ = std::io::stdout().flush();
            if open {
                open_browser(&served.url);
            }
            served.run();
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { files, format, deny_warnings, max_overdue } => {
            let mut archive = load_for(&cli.dir, &files)?;
            let limit =
                max_overdue.or_else(|| find_root(&cli.dir).ok().and_then(|r| Config::load(&r).ok()).and_then(|c| c.check.max_overdue));
            if let Some(limit) = limit {
                let today = today();
                let overdue: Vec<(&pmbook::model::Incident, &pmbook::model::ActionItem)> = archive
                    .documents
                    .iter()
                    .flat_map(|d| d.incident.action_items.iter().map(move |a| (&d.incident, a)))
                    .filter(|(_, a)| pmbook::index::ledger::is_overdue(a, today))
                    .collect();
                if overdue.len() > limit {
                    let mut extra = Vec::new();
                    for (inc, a) in &overdue {
                        let due = a.due.map(|d| d.to_string()).unwrap_or_default();
                        extra.push(
                            Diagnostic::error(
                                "overdue",
                                inc.source.path.clone(),
                                a.line,
                                format!("action item \"{}\" was due {due} and is {}", a.title, a.status.as_str()),
                            )
                            .with_help(format!("{} overdue action items exceed the limit of {limit}", overdue.len())),
                        );
                    }
                    archive.diagnostics.extend(extra);
                    pmbook::diagnostics::sort(&mut archive.diagnostics);
                }
            }
            let diags = &archive.diagnostics;
            let errors = diags.iter().filter(|d| d.level == Level::Error).count();
            let warnings = diags.len() - errors;
            let mut out = std::io::stdout().lock();
            match format {
                Format::Human => {
                    for d in diags {
                        let _ = write!(out, "{}", d.render_human());
                    }
                    let color = std::io::stdout().is_terminal();
                    let summary = format!("{errors} error(s), {warnings} warning(s) in {} file(s)", archive.files);
                    let _ = writeln!(out, "{}", if color && errors > 0 { format!("\x1b[1;31m{summary}\x1b[0m") } else { summary });
                }
                Format::Json => {
                    let doc = serde_json::json!({ "files": archive.files, "errors": errors, "warnings": warnings, "diagnostics": diags });
                    let _ = writeln!(out, "{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
                }
                Format::Github => {
                    for d in diags {
                        let _ = writeln!(out, "{}", d.render_github());
                    }
                }
                Format::Gitlab => {
                    let _ = writeln!(out, "{}", pmbook::report_formats::gitlab(diags));
                }
                Format::Sarif => {
                    let _ = writeln!(out, "{}", pmbook::report_formats::sarif(diags));
                }
            }
            let failed = errors > 0 || (deny_warnings && warnings > 0);
            Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        Command::Import { sources, from, into, force } => {
            let root = cli.dir.clone().or_else(|| std::env::current_dir().ok().and_then(|d| Config::discover(&d)));
            let cfg = match &root {
                Some(r) => Config::load(r)?,
                None => Config::defaults_at(&std::env::current_dir().map_err(|e| Error::io(Path::new("."), e))?),
            };
            let into = match (into, &root) {
                (Some(i), _) => i,
                (None, Some(_)) => cfg.content_dir(),
                (None, None) => return Err(Error::Usage("--into DIR is needed outside an archive (no book.toml found)".into())),
            };
            let tracker = match from {
                ImportFrom::Documents => None,
                ImportFrom::GitlabIssues => Some(pmbook::tickets::Tracker::Gitlab),
                ImportFrom::GithubIssues => Some(pmbook::tickets::Tracker::Github),
            };
            if let Some(tracker) = tracker {
                for s in &sources {
                    if !s.is_file() {
                        return Err(Error::Usage(format!("{}: no such file (--from reads JSON files of issues)", s.display())));
                    }
                }
                let outcomes = pmbook::tickets::import(&cfg, tracker, &sources, &into)?;
                print!("{}", pmbook::tickets::report(&outcomes));
                return Ok(ExitCode::SUCCESS);
            }
            let files = pmbook::import::sources(&sources)?;
            let results = pmbook::import::import(&cfg, &files, &into, force)?;
            print!("{}", pmbook::import::report(&results));
            let failed = results.iter().any(|r| !r.written);
            Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        Command::Generate { into, count, seed, profile } => {
            let Some(dir) = into.or(cli.dir) else {
                eprintln!("error: generate needs a folder: `pmbook generate DIR` or `pmbook -C DIR generate`");
                return Ok(ExitCode::from(2));
            };
            let profile = match profile {
                GenerateProfile::Default => pmbook::generate::Profile::Default,
                GenerateProfile::Varied => pmbook::generate::Profile::Varied,
            };
            let n = pmbook::generate::generate_profile(&dir, count, seed, profile)?;
            println!("wrote {n} post-mortems into {}", dir.join("content").display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Classify { files, write } => {
            let archive = load_for(&cli.dir, &files)?;
            let root = find_root(&cli.dir).ok();
            let docs: Vec<_> = archive.documents.into_iter().map(|d| d.incident).collect();
            let report = pmbook::classify::write::run(&docs, root.as_deref(), write)?;
            print!("{report}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Review { since, format } => {
            let cfg = Config::load(&find_root(&cli.dir)?)?;
            let since = since.map(|d| pmbook::datetime::parse_date(&d).map_err(|e| Error::Usage(format!("--since: {e}")))).transpose()?;
            let archive = archive::load(&cfg);
            let errors: Vec<&Diagnostic> = archive.diagnostics.iter().filter(|d| d.level == Level::Error).collect();
            let mut err = std::io::stderr().lock();
            for d in &errors {
                let _ = write!(err, "{}", d.render_human());
            }
            let incidents: Vec<&pmbook::model::Incident> = archive.documents.iter().map(|d| &d.incident).collect();
            let window = pmbook::review::Window::ending(today(), since, cfg.review.period, cfg.review.stuck_after);
            let digest = pmbook::review::Digest::build(&incidents, window);
            let text = match format {
                ReviewFormat::Markdown => digest.markdown(&cfg.book.title, &cfg.output.base_url),
                ReviewFormat::Json => digest.json(),
            };
            println!("{text}");
            Ok(if errors.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
        Command::Inspect { files, format } => {
            let archive = load_for(&cli.dir, &files)?;
            let mut err = std::io::stderr().lock();
            for d in archive.diagnostics.iter() {
                let _ = write!(err, "{}", d.render_human());
            }
            let incidents: Vec<_> = archive.documents.into_iter().map(|d| d.incident).collect();
            let mut out = std::io::stdout().lock();
            match format {
                InspectFormat::Json => {
                    let doc = InspectOutput { schema_version: SCHEMA_VERSION, incidents: &incidents };
                    let _ = writeln!(out, "{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
                }
                InspectFormat::Text => {
                    for inc in &incidents {
                        let _ = write!(out, "{}", pmbook::inspect::text(inc));
                    }
                }
            }
            let failed = incidents.len() < files.len() || archive.diagnostics.iter().any(|d| d.level == Level::Error);
            Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
    }
}

/// Load the whole archive (no files named), or the named files. Named files
/// inside an archive are checked against the whole archive (for duplicate
/// ids and links), and only their findings are kept; files outside any
/// archive are read with the default configuration.
fn load_for(dir: &Option<PathBuf>, files: &[PathBuf]) -> Result<Archive, Error> {
    if files.is_empty() {
        let cfg = Config::load(&find_root(dir)?)?;
        return Ok(archive::load(&cfg));
    }
    for f in files {
        if !f.exists() {
            return Err(Error::Usage(format!("{}: no such file", f.display())));
        }
    }
    let first = std::fs::canonicalize(&files[0]).map_err(|e| Error::io(&files[0], e))?;
    let root = match dir {
        Some(d) => Some(d.clone()),
        None => Config::discover(&first),
    };
    if let Some(root) = root.filter(|r| r.join(CONFIG_FILE).is_file()) {
        let cfg = Config::load(&root)?;
        let content = std::fs::canonicalize(cfg.content_dir()).unwrap_or_else(|_| cfg.content_dir());
        let abs: Vec<PathBuf> = files.iter().map(|f| std::fs::canonicalize(f).unwrap_or_else(|_| f.clone())).collect();
        if abs.iter().all(|f| f.starts_with(&content)) {
            let mut whole = archive::load(&cfg);
            // Paths in findings are relative to the root (or absolute when the
            // content directory is elsewhere); compare them canonically.
            let canon = |p: &Path| std::fs::canonicalize(cfg.root.join(p)).unwrap_or_else(|_| p.to_path_buf());
            // A file named on the command line is read even when the walk
            // skips it (`[build] exclude`, `_drafts/`), as ripgrep searches
            // an ignored file that is named explicitly. The walk read every
            // file it gave a document or a finding (one whose front matter
            // does not parse has no document, only its error).
            let walked: Vec<PathBuf> = whole
                .documents
                .iter()
                .map(|d| canon(&d.incident.source.path))
                .chain(whole.diagnostics.iter().map(|d| canon(&d.file)))
                .collect();
            let skipped: Vec<PathBuf> = abs.iter().filter(|f| !walked.contains(f)).cloned().collect();
            if !skipped.is_empty() {
                let extra = archive::load_files(&cfg, &content, &skipped);
                whole.documents.extend(extra.documents);
                whole.diagnostics.extend(extra.diagnostics);
            }
            whole.diagnostics.retain(|d: &Diagnostic| abs.contains(&canon(&d.file)));
            whole.documents.retain(|d| abs.contains(&canon(&d.incident.source.path)));
            whole.documents.sort_by_key(|d| abs.iter().position(|w| *w == canon(&d.incident.source.path)));
            whole.files = files.len();
            return Ok(whole);
        }
    }
    let cwd = std::env::current_dir().map_err(|e| Error::io(Path::new("."), e))?;
    let cfg = Config::defaults_at(&cwd);
    let parent = files[0].parent().map(Path::to_path_buf).unwrap_or_default();
    let mut loose = archive::load_files(&cfg, &parent, files);
    // Loose files are not an archive: a link to a file that was not given
    // cannot be checked here, so it is a warning (a build checks it).
    for d in &mut loose.diagnostics {
        if d.code == "broken-link" && d.level == Level::Error {
            d.level = Level::Warning;
            d.help = Some("loose files are not an archive: links are checked when the archive is built or checked".into());
        }
    }
    Ok(loose)
}

#[cfg(all(test, not(feature = "system-alloc")))]
mod tests {
    /// The option at [`super::MI_OPTION_PURGE_DELAY`] has purge_delay's
    /// default (1,000 ms in mimalloc v3), so it is still that option.
    #[test]
    fn purge_delay_option_is_where_it_was() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
            eprintln!("MIMALLOC_PURGE_DELAY is set: its default cannot be checked");
            return;
        }
        // SAFETY: reads an option; no test sets mimalloc's options.
        assert_eq!(unsafe { libmimalloc_sys::mi_option_get(super::MI_OPTION_PURGE_DELAY) }, 1000);
    }
}
