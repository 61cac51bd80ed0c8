//! The `cyberclause` command: train, evaluate and batch-classify.

mod corpus;

use std::path::PathBuf;

use anyhow::Result;
use clap::{Parser, Subcommand};

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
}

fn main() -> Result<()> {
    match Cli::parse().command {
        Command::Corpus(CorpusCommand::Cut { seeds, edits, out }) => {
            let n = corpus::cut(&seeds, &edits, &out)?;
            eprintln!("{n} passages written to {}", out.display());
        }
    }
    Ok(())
}
