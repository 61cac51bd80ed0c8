//! The `cyberclause` command: cut and assemble the corpus, train, evaluate, classify.

mod analysis_cmd;
mod card;
mod classify_cmd;
mod corpus;
mod evaluate;
mod traditions;
mod train_cmd;

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use cyberclause::{Classifier, ClassifyOptions, Granularity};

#[derive(Parser)]
#[command(name = "cyberclause", version, about = "Classify passages of cybercrime laws and policy statements")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Work on the labelled corpus.
    #[command(subcommand)]
    Corpus(CorpusCommand),
    /// Cross-validate the candidates, train the best on the corpus, write model and metrics.
    Train {
        #[arg(long, default_value = "models/corpus/corpus.jsonl")]
        corpus: PathBuf,
        #[arg(long, default_value = "models/train.json")]
        config: PathBuf,
        /// Real law, never trained on: used to choose among the candidates and reported in
        /// the card. Repeat for several files; a missing file is skipped.
        #[arg(long, num_args = 1.., default_values = ["../shared/eval/dev.jsonl", "../shared/eval/dev2.jsonl"])]
        dev: Vec<PathBuf>,
        #[arg(long, default_value = "models")]
        out: PathBuf,
    },
    /// Re-render MODEL_CARD.md from metrics.json and the experiments' figures (after
    /// running a script of models/experiments/), without training again.
    Card {
        #[arg(long, default_value = "models")]
        dir: PathBuf,
    },
    /// Accuracy, macro-F1, per-label and per-language figures, confusion matrix, ECE.
    Eval {
        #[arg(long)]
        data: PathBuf,
        #[arg(long)]
        json: bool,
        /// Another model file (default: the model built into this binary).
        #[arg(long)]
        model: Option<PathBuf>,
    },
    /// Classify a document (FILE or - for stdin), or a JSON Lines batch with --jsonl.
    Classify {
        #[arg(default_value = "-")]
        input: String,
        /// Each input line is {"id", "text"}: one passage, no segmentation.
        #[arg(long)]
        jsonl: bool,
        #[arg(long)]
        json: bool,
        #[arg(long, value_enum, default_value = "auto")]
        granularity: GranularityArg,
        #[arg(long, default_value_t = cyberclause::DEFAULT_EVIDENCE)]
        evidence: usize,
        /// Weight of the heading titles above a passage in its judgement (0: each passage alone).
        #[arg(long, default_value_t = cyberclause::DEFAULT_CONTEXT)]
        context: f64,
        /// Another model file (default: the model built into this binary).
        #[arg(long)]
        model: Option<PathBuf>,
    },
    /// Each procedural power of a document (FILE or -) with the safeguards that bear on it
    /// (same article, citation, same section), and the powers with none.
    Safeguards {
        #[arg(default_value = "-")]
        input: String,
        #[arg(long)]
        json: bool,
        #[arg(long, default_value_t = cyberclause::DEFAULT_CONTEXT)]
        context: f64,
        #[arg(long)]
        model: Option<PathBuf>,
    },
    /// Compare two drafts: per label, the passages added, removed and changed (word diff).
    Compare {
        old: String,
        new: String,
        #[arg(long)]
        json: bool,
        /// Least similarity (cosine of word counts, above 0 and at most 1) to align two passages.
        #[arg(long, default_value_t = cyberclause::DEFAULT_THRESHOLD)]
        threshold: f64,
        #[arg(long, default_value_t = cyberclause::DEFAULT_CONTEXT)]
        context: f64,
        #[arg(long)]
        model: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum GranularityArg {
    Auto,
    Paragraph,
    Sentence,
}

#[derive(Subcommand)]
enum CorpusCommand {
    /// Cut the seed texts into passages with the product's segmenter.
    Cut {
        #[arg(long, default_value = "../shared/seeds")]
        seeds: PathBuf,
        #[arg(long, default_value = "models/corpus/src/edits.jsonl")]
        edits: PathBuf,
        #[arg(long, default_value = "models/corpus/src/seed_passages.jsonl")]
        out: PathBuf,
    },
    /// Assemble corpus.jsonl from the cut passages, labels, translations and written passages.
    Build {
        #[arg(long, default_value = "models/corpus/src")]
        src: PathBuf,
        #[arg(long, default_value = "models/corpus/corpus.jsonl")]
        out: PathBuf,
        #[arg(long, default_value = "models/corpus/stats.json")]
        stats: PathBuf,
    },
}

/// The default model, built into the binary (as in the wasm module), so the CLI works
/// from any directory.
const EMBEDDED_MODEL: &[u8] = include_bytes!("../../../models/cyberclause.model");

fn load(model: Option<&Path>) -> Result<Classifier> {
    let Some(model) = model else {
        return Classifier::from_bytes(EMBEDDED_MODEL).map_err(|e| anyhow::anyhow!("built-in model [{}]: {e}", e.code()));
    };
    let bytes = fs::read(model).with_context(|| format!("reading model {}", model.display()))?;
    Classifier::from_bytes(&bytes).map_err(|e| anyhow::anyhow!("{} [{}]: {e}", model.display(), e.code()))
}

/// A reader that closed the pipe (`cyberclause classify big.txt | head`) is not an error:
/// end quietly, as Unix tools do.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| c.downcast_ref::<io::Error>().is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe))
}

fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&e) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("Error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run() -> Result<()> {
    match Cli::parse().command {
        Command::Corpus(CorpusCommand::Cut { seeds, edits, out }) => {
            let n = corpus::cut(&seeds, &edits, &out)?;
            eprintln!("{n} passages written to {}", out.display());
        }
        Command::Corpus(CorpusCommand::Build { src, out, stats }) => {
            let entries = corpus::build(&src, &out)?;
            let s = corpus::stats(&entries);
            fs::write(&stats, serde_json::to_string_pretty(&s)? + "\n")?;
            eprintln!("{} passages written to {}", entries.len(), out.display());
        }
        Command::Train { corpus, config, dev, out } => {
            train_cmd::train(&corpus, &config, &dev, &out)?;
        }
        Command::Card { dir } => {
            let metrics: serde_json::Value = serde_json::from_str(&fs::read_to_string(dir.join("metrics.json"))?)?;
            fs::write(dir.join("MODEL_CARD.md"), card::render(&metrics, &dir.join("experiments")))?;
        }
        Command::Eval { data, json, model } => {
            let e = evaluate::evaluate(&load(model.as_deref())?, &evaluate::read_labelled(&data)?);
            if json {
                println!("{}", serde_json::to_string_pretty(&e)?);
            } else {
                print!("{}", evaluate::render(&e));
            }
        }
        Command::Classify { input, jsonl, json, granularity, evidence, context, model } => {
            let classifier = load(model.as_deref())?;
            let (reader, size): (Box<dyn Read>, Option<u64>) = if input == "-" {
                (Box::new(io::stdin().lock()), None)
            } else {
                let f = File::open(&input).with_context(|| format!("opening {input}"))?;
                let size = f.metadata().ok().map(|m| m.len());
                (Box::new(f), size)
            };
            let mut out = io::BufWriter::new(io::stdout().lock());
            if jsonl {
                let (ok, bad) = classify_cmd::batch(&classifier, reader, size, &mut out, evidence)?;
                eprintln!("{ok} passages classified, {bad} bad lines");
            } else {
                let granularity = match granularity {
                    GranularityArg::Auto => Granularity::Auto,
                    GranularityArg::Paragraph => Granularity::Paragraph,
                    GranularityArg::Sentence => Granularity::Sentence,
                };
                if !(0.0..=2.0).contains(&context) {
                    anyhow::bail!("--context must be a number from 0 to 2");
                }
                let opts = ClassifyOptions::default().granularity(granularity).evidence(evidence).context(context);
                classify_cmd::document(&classifier, reader, &mut out, json, &opts)?;
            }
        }
        Command::Safeguards { input, json, context, model } => {
            let classifier = load(model.as_deref())?;
            let opts = ClassifyOptions::default().context(check_context(context)?);
            let text = analysis_cmd::read_text(&input)?;
            analysis_cmd::safeguards(&classifier, &text, &opts, json, &mut io::BufWriter::new(io::stdout().lock()))?;
        }
        Command::Compare { old, new, json, threshold, context, model } => {
            let classifier = load(model.as_deref())?;
            let opts = cyberclause::CompareOptions {
                classify: ClassifyOptions::default().context(check_context(context)?),
                threshold,
                ..Default::default()
            };
            if old == "-" && new == "-" {
                anyhow::bail!("only one of the two drafts can be read from stdin");
            }
            let (old, new) = (analysis_cmd::read_text(&old)?, analysis_cmd::read_text(&new)?);
            analysis_cmd::compare(&classifier, &old, &new, &opts, json, &mut io::BufWriter::new(io::stdout().lock()))?;
        }
    }
    Ok(())
}

fn check_context(context: f64) -> Result<f64> {
    if !(0.0..=2.0).contains(&context) {
        anyhow::bail!("--context must be a number from 0 to 2");
    }
    Ok(context)
}
