//! The command line: argument parsing and printing. Everything else lives in
//! the library modules; this file only turns results into text and exit
//! statuses (0 clean, 1 a deny fired, 2 the input could not be read).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use crate::build::{self, Against, Failure, Now, Options};
use crate::checklist::{self, Report};
use crate::diagnostic::{Diagnostic, plural};
use crate::report::{self, Format};
use crate::scaffold::NewKind;

/// forewarn: change notices your customers can plan around.
#[derive(Parser, Debug)]
#[command(name = "forewarn", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// The site's folder.
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    root: PathBuf,
    /// The config file [default: ROOT/forewarn.toml].
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Print only problems, no summary.
    #[arg(long, short, global = true)]
    quiet: bool,
    /// Colour the output.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    #[command(subcommand)]
    command: Command,
}

/// When to colour the output.
#[derive(Clone, Copy, Debug, ValueEnum)]
enum ColorChoice {
    /// When writing to a terminal and NO_COLOR is not set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Create a new site with a config, a notice and an improvement entry.
    Init {
        /// Where to create it.
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Write a new notice or improvement entry with every field to fill in,
    /// or (with --lang) a notice's translation with its text to translate.
    New {
        /// What to create.
        #[arg(value_enum)]
        kind: NewKind,
        /// Its title; with --lang, the slug or title of the notice to translate.
        title: String,
        /// Write the translation into this language (`[languages.<code>]`)
        /// of an existing notice, beside it: `name.<code>.md`.
        #[arg(long, value_name = "CODE")]
        lang: Option<String>,
    },
    /// Check every notice against the no-surprises checklist.
    Check {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// The notices.json of the last published site to compare with
        /// [default: the output folder's own]; `none` compares with nothing.
        #[arg(long, value_name = "PATH|none")]
        against: Option<String>,
        /// Check as of this date or datetime instead of now.
        #[arg(long, value_name = "DATETIME")]
        as_of: Option<String>,
        /// Include drafts.
        #[arg(long)]
        drafts: bool,
    },
    /// Check and render the site, then publish it atomically.
    Build {
        /// The output folder [default: ROOT/public].
        #[arg(long, short, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Render the site as of this date or datetime (states, countdowns).
        #[arg(long, value_name = "DATETIME")]
        as_of: Option<String>,
        /// Include drafts.
        #[arg(long)]
        drafts: bool,
        /// The notices.json of the last published site to compare with
        /// [default: the output folder's own]; `none` compares with nothing.
        #[arg(long, value_name = "PATH|none")]
        against: Option<String>,
    },
    /// Preview the site: serve it, rebuild on every change, reload the browser.
    Serve {
        /// Port to listen on [default: 1111, or the next free one].
        #[arg(long, short)]
        port: Option<u16>,
        /// Address to listen on (0.0.0.0 makes the preview reachable from the network).
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Open the site in a browser.
        #[arg(long)]
        open: bool,
        /// Preview the site as of this date or datetime.
        #[arg(long, value_name = "DATETIME")]
        as_of: Option<String>,
        /// Longest time, in ms, that file changes are gathered into one rebuild.
        #[arg(long, value_name = "MS", default_value_t = 100)]
        debounce: u64,
    },
    /// Render one newsletter issue for a period.
    Newsletter {
        /// Start of the period (date or datetime).
        #[arg(long, value_name = "DATE")]
        since: String,
        /// End of the period [default: now].
        #[arg(long, value_name = "DATE")]
        until: Option<String>,
        /// Only what concerns this audience (its edition).
        #[arg(long, value_name = "NAME", conflicts_with = "area")]
        audience: Option<String>,
        /// Only what concerns this product area (its edition).
        #[arg(long, value_name = "NAME")]
        area: Option<String>,
        /// In this language (`[languages.<code>]`) instead of the default one.
        #[arg(long, value_name = "CODE")]
        lang: Option<String>,
        /// Where to write newsletter-DATE.html, .txt and .eml [default: ROOT/newsletter].
        #[arg(long, short, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Render the support team's briefing (never part of the public site).
    Brief {
        /// Where to write brief.html and brief.txt [default: print the text].
        #[arg(long, short, value_name = "DIR")]
        out: Option<PathBuf>,
        /// As of this date or datetime instead of now.
        #[arg(long, value_name = "DATETIME")]
        as_of: Option<String>,
        /// In this language (`[languages.<code>]`) instead of the default one.
        #[arg(long, value_name = "CODE")]
        lang: Option<String>,
    },
    /// Explain a checklist rule, or list them all.
    Explain {
        /// The rule id, e.g. advance-notice.
        rule: Option<String>,
    },
    /// Print shell completions.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

struct Out {
    color: bool,
    quiet: bool,
}

impl crate::serve::Console for Out {
    fn diagnostics(&self, diags: &[Diagnostic]) {
        Out::diagnostics(self, diags);
    }

    fn status(&self, line: &str) {
        if !self.quiet || line.starts_with("warning") {
            eprintln!("{line}");
        }
    }
}

impl Out {
    /// Says, once, that there was no previous record to compare with.
    fn first_publication(&self, compared_with: Option<&Result<PathBuf, PathBuf>>) {
        if let Some(Err(record)) = compared_with
            && !self.quiet
        {
            eprintln!(
                "note: no previous record at {}: nothing to compare with (a first build); later builds compare with it",
                report::printable(&record.to_string_lossy())
            );
        }
    }

    fn diagnostics(&self, diags: &[Diagnostic]) {
        let mut err = std::io::stderr().lock();
        for d in diags {
            let _ = writeln!(err, "{}\n", report::human(d, self.color));
        }
    }

    fn failure(&self, f: &Failure) -> i32 {
        match f {
            Failure::Input(d) => {
                self.diagnostics(d);
                eprintln!("error: stopped by {}; nothing was written", plural(d.len(), "problem"));
            }
            Failure::Denied(r) => {
                self.diagnostics(&r.diagnostics);
                eprintln!("{}", r.summary());
                eprintln!("error: the checklist denied the build; nothing was published");
            }
        }
        f.exit_code()
    }
}

/// Parses the command line; on an error (or `--help`, `--version`) prints
/// it and gives the exit status.
pub fn parse() -> Result<Cli, i32> {
    Cli::try_parse().map_err(|e| {
        let _ = e.print();
        if e.use_stderr() { 2 } else { 0 }
    })
}

/// Runs a parsed command line; returns the exit status.
pub fn run(cli: Cli) -> i32 {
    let color = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
        }
    };
    let out = Out { color, quiet: cli.quiet };
    let options = |as_of: Option<String>, drafts: bool, against: Against| -> Result<Options, Failure> {
        Ok(Options {
            root: cli.root.clone(),
            config: cli.config.clone(),
            now: Now::from_env(as_of).map_err(|d| Failure::Input(vec![*d]))?,
            drafts,
            against,
        })
    };
    let result = match cli.command {
        Command::Init { ref dir } => crate::scaffold::init(dir).map(|msg| {
            if !out.quiet {
                println!("{msg}");
            }
            0
        }),
        Command::New { kind, ref title, ref lang } => options(None, false, Against::Off)
            .and_then(|o| match (kind, lang) {
                (NewKind::Notice, Some(code)) => crate::scaffold::new_translation(&o, code, title),
                (NewKind::Improvement, Some(_)) => Err(Failure::Input(vec![
                    Diagnostic::error("input", "--lang", "only notices have translations")
                        .help("write `forewarn new notice --lang CODE TITLE`, TITLE naming the notice to translate"),
                ])),
                (_, None) => crate::scaffold::new_document(&o, kind, title),
            })
            .map(|path| {
                if !out.quiet {
                    println!("Created {}", report::printable(&path.to_string_lossy()));
                }
                0
            }),
        Command::Check { format, ref against, ref as_of, drafts } => {
            options(as_of.clone(), drafts, Against::from_arg(against.as_deref()))
                .and_then(|o| build::check(&o))
                .map(|c| {
                    if format == Format::Human {
                        out.first_publication(c.compared_with.as_ref());
                    }
                    let code = print_check(&out, format, &c.report);
                    // The process exits next: freeing the model's strings one by
                    // one would only delay that (a tenth of `check` on a large site).
                    std::mem::forget(c);
                    code
                })
                .or_else(|f| match format {
                    Format::Human => Err(f),
                    _ => {
                        let diags = match &f {
                            Failure::Input(d) => d.clone(),
                            Failure::Denied(r) => r.diagnostics.clone(),
                        };
                        print_machine(format, &diags);
                        Ok(f.exit_code())
                    }
                })
        }
        Command::Build { out: ref out_dir, ref as_of, drafts, ref against } => {
            options(as_of.clone(), drafts, Against::from_arg(against.as_deref()))
                .and_then(|o| build::build(&o, out_dir.as_deref()))
                .map(|b| {
                    out.first_publication(b.compared_with.as_ref());
                    out.diagnostics(&b.report.diagnostics);
                    if !out.quiet {
                        println!(
                            "Built {}, {}, {} in {} ms → {}",
                            plural(b.notices, "notice"),
                            plural(b.improvements, "improvement"),
                            plural(b.stats.files, "file"),
                            b.elapsed.as_millis(),
                            report::printable(&b.out.to_string_lossy())
                        );
                    }
                    0
                })
        }
        Command::Brief { out: ref out_dir, ref as_of, ref lang } => options(as_of.clone(), false, Against::Off)
            .and_then(|o| crate::scaffold::brief(&o, out_dir.as_deref(), lang.as_deref()))
            .map(|msg| {
                if let Some(msg) = msg
                    && !out.quiet
                {
                    println!("{msg}");
                }
                0
            }),
        Command::Newsletter { ref since, ref until, ref audience, ref area, ref lang, out: ref out_dir } => {
            options(None, false, Against::Off)
                .and_then(|o| {
                    let dir = out_dir.clone().unwrap_or_else(|| o.root.join("newsletter"));
                    let who = build::EditionArg { audience: audience.clone(), area: area.clone(), lang: lang.clone() };
                    build::newsletter(&o, since, until.as_deref(), &who, &dir)
                })
                .map(|files| {
                    if !out.quiet {
                        for f in files {
                            println!("Wrote {}", report::printable(&f.to_string_lossy()));
                        }
                    }
                    0
                })
        }
        // Drafts are always part of the preview, with a DRAFT banner.
        Command::Serve { port, ref bind, open, ref as_of, debounce } => options(as_of.clone(), true, Against::Output)
            .and_then(|o| {
                let so = crate::serve::ServeOptions {
                    port,
                    bind: bind.clone(),
                    open,
                    debounce: std::time::Duration::from_millis(debounce.max(1)),
                };
                crate::serve::serve(o, so, &out).map(|()| 0)
            }),
        Command::Explain { ref rule } => Ok(explain(rule.as_deref())),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "forewarn", &mut std::io::stdout());
            Ok(0)
        }
    };
    match result {
        Ok(code) => code,
        Err(f) => out.failure(&f),
    }
}

fn print_machine(format: Format, diags: &[Diagnostic]) {
    match format {
        Format::Json => println!("{}", report::json(diags)),
        Format::Github => {
            for d in diags {
                println!("{}", report::github(d));
            }
        }
        Format::Human => {}
    }
}

fn print_check(out: &Out, format: Format, r: &Report) -> i32 {
    match format {
        Format::Human => {
            out.diagnostics(&r.diagnostics);
            if !out.quiet || r.denies() > 0 {
                eprintln!("{}", r.summary());
            }
        }
        _ => print_machine(format, &r.diagnostics),
    }
    if r.denies() > 0 { 1 } else { 0 }
}

fn explain(rule: Option<&str>) -> i32 {
    match rule {
        Some(id) => match checklist::rule(id) {
            Some(r) => {
                print!("{}", checklist::explain(r));
                0
            }
            None => {
                let ids = checklist::rule_ids();
                let hint = crate::diagnostic::did_you_mean(id, &ids)
                    .map_or(String::new(), |s| format!(" Did you mean `{s}`?"));
                eprintln!("error: there is no checklist rule `{id}`.{hint} Run `forewarn explain` to list them.");
                2
            }
        },
        None => {
            println!("The no-surprises checklist. `forewarn explain RULE` says more about one.\n");
            let width = checklist::RULES.iter().map(|r| r.id.as_str().len()).max().unwrap_or(0);
            for r in checklist::RULES {
                println!("  {:width$}  {}", r.id, r.default);
            }
            0
        }
    }
}
