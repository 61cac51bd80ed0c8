//! Powers and safeguards side by side: for each passage labelled `procedural_power`, the
//! `safeguard` passages that bear on it and why, and the powers with none. This is the
//! question asked of every cybercrime law: does each intrusive power come with its limits?
//!
//! A safeguard bears on a power when (strongest reason first):
//! 1. **same article**: both sit under the same innermost article heading;
//! 2. **citation**: the power's article cites the safeguard's article; a clause of the
//!    power's section subjects "the powers … in this Section" to an article that holds
//!    the safeguard; or the safeguard cites the power's article or its section ("this
//!    Section", "Section 2");
//! 3. **same section**: both sit under the same headings above their articles.
//!
//! Structure comes from the heading paths the segmenter gives (`Passage::path`), and
//! labels from the model: a mislabelled passage is linked as labelled.

use std::collections::HashMap;

use serde::Serialize;

use crate::citations::{citations, Citation, Target};
use crate::classify::Document;
use crate::labels::Label;
use crate::reference::{article_key, article_position, heading_reference, number_key, references};
use crate::segment::Kind;

/// What linking needs of a classified unit (a passage or a heading).
#[derive(Debug, Clone, Copy)]
pub struct Unit<'a> {
    pub label: Label,
    pub kind: Kind,
    pub path: &'a [String],
    pub text: &'a str,
}

/// Why a safeguard bears on a power, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    SameArticle,
    Citation,
    SameSection,
}

/// Who cites whom, for a link by citation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Citer {
    /// A passage of the power's article cites the safeguard's article.
    Power,
    /// A clause of the power's section ("the powers … in this Section are subject to …
    /// Article 15") cites the safeguard's article.
    Section,
    /// The safeguard cites the power's article or its section.
    Safeguard,
}

/// The citation behind a link: who cites, in which passage, in which words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Via {
    pub by: Citer,
    /// Index of the citing passage.
    pub passage: usize,
    pub reference: String,
    /// The words cited ("Article 15", "this Section").
    pub text: String,
}

/// A safeguard bearing on a power.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SafeguardLink {
    /// Index of the safeguard passage.
    pub safeguard: usize,
    pub reference: String,
    pub reason: Reason,
    /// For a link by citation, the citation.
    pub via: Option<Via>,
}

/// A power and the safeguards that bear on it, strongest reason first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PowerLinks {
    /// Index of the power passage.
    pub power: usize,
    pub reference: String,
    pub safeguards: Vec<SafeguardLink>,
    /// Safeguards of the same section left out of `safeguards` past [`MAX_SECTION_LINKS`].
    pub more: usize,
}

/// Same-section links listed per power: a long chapter without sections would otherwise
/// tie every power to every safeguard in it (millions of links for a large code). Links
/// by article and by citation are always listed.
pub const MAX_SECTION_LINKS: usize = 20;

/// Every power of a document with its safeguards; `unguarded` lists the powers with none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct SafeguardMap {
    pub powers: Vec<PowerLinks>,
    pub unguarded: Vec<usize>,
}

/// Where a unit sits, and what it cites.
struct Place<'a> {
    path: &'a [String],
    /// Length of the path up to and including its innermost article, if any.
    article: Option<usize>,
    key: Option<String>,
    cites: Vec<Citation>,
}

impl Place<'_> {
    fn article_path(&self) -> Option<&[String]> {
        self.article.map(|n| &self.path[..n])
    }

    /// The headings above the article (the whole path when there is no article).
    fn section(&self) -> &[String] {
        self.article.map_or(self.path, |n| &self.path[..n - 1])
    }

    /// The path up to the innermost heading of `rank` ("this Section": the open section).
    fn unit(&self, rank: u8) -> Option<&[String]> {
        let k = self.path.iter().rposition(|h| heading_reference(h).is_some_and(|(r, _)| r == rank))?;
        Some(&self.path[..=k])
    }

    /// Whether a heading of `rank` numbered `key` is above this unit ("Section 2").
    fn under(&self, rank: u8, key: &str) -> bool {
        self.path.iter().any(|h| heading_reference(h).is_some_and(|(r, text)| r == rank && number_of(text) == key))
    }
}

/// The folded number of a heading reference ("Section 2" → "2", "Chapitre II" → "ii").
fn number_of(reference: &str) -> String {
    number_key(reference.split_whitespace().skip(1).collect::<Vec<_>>().join(" ").as_str())
}

fn place<'a>(u: &Unit<'a>) -> Place<'a> {
    let article = article_position(u.path);
    Place {
        path: u.path,
        article: article.map(|k| k + 1),
        key: article.and_then(|k| article_key(&u.path[k])),
        cites: if u.kind == Kind::Passage { citations(u.text) } else { Vec::new() },
    }
}

/// Links every power of `units` to the safeguards that bear on it. Indices are into `units`.
pub fn link(units: &[Unit<'_>]) -> SafeguardMap {
    let places: Vec<Place> = units.iter().map(place).collect();
    let refs = references(units.iter().map(|u| (u.kind, u.path, u.text)));
    let is = |i: usize, l: Label| units[i].kind == Kind::Passage && units[i].label == l;
    let safeguards: Vec<usize> = (0..units.len()).filter(|&i| is(i, Label::Safeguard)).collect();
    let clauses = section_clauses(&places);
    let mut articles: HashMap<&[String], Vec<usize>> = HashMap::new();
    for (i, pl) in places.iter().enumerate() {
        if let Some(a) = pl.article_path() {
            articles.entry(a).or_default().push(i);
        }
    }
    let mut map = SafeguardMap::default();
    for p in (0..units.len()).filter(|&i| is(i, Label::ProceduralPower)) {
        let own: &[usize] = match places[p].article_path() {
            Some(a) => articles.get(a).map_or(&[], Vec::as_slice),
            None => std::slice::from_ref(&p),
        };
        let cited = cited_for(p, own, &places, &clauses, &refs);
        let found: Vec<SafeguardLink> = safeguards
            .iter()
            .filter_map(|&s| {
                let (reason, via) = bears(&places[p], &places[s], s, &cited, &refs)?;
                Some(SafeguardLink { safeguard: s, reference: refs[s].clone(), reason, via })
            })
            .collect();
        // Strongest reason first, each in document order (a stable partition, no sort).
        let mut links: Vec<SafeguardLink> = [Reason::SameArticle, Reason::Citation, Reason::SameSection]
            .iter()
            .flat_map(|r| found.iter().filter(move |l| l.reason == *r).cloned())
            .collect();
        let strong = links.iter().filter(|l| l.reason != Reason::SameSection).count();
        let more = links.len().saturating_sub(strong + MAX_SECTION_LINKS);
        links.truncate(links.len() - more);
        if links.is_empty() {
            map.unguarded.push(p);
        }
        map.powers.push(PowerLinks { power: p, reference: refs[p].clone(), safeguards: links, more });
    }
    map
}

/// Passages that cite both a unit ("this Section", "Section 2") and an article: the
/// unit's powers are subject to that article.
fn section_clauses(places: &[Place]) -> Vec<usize> {
    (0..places.len())
        .filter(|&i| {
            let c = &places[i].cites;
            c.iter().any(|c| matches!(c.target, Target::Article(_))) && c.iter().any(|c| !matches!(c.target, Target::Article(_)))
        })
        .collect()
}

/// The articles cited for power `p`, by key: by a passage of its own article (`own`: the
/// article's units, or the power alone when it has none), or by a clause of a unit that
/// holds it.
fn cited_for(p: usize, own: &[usize], places: &[Place], clauses: &[usize], refs: &[String]) -> HashMap<String, Via> {
    let mine = &places[p];
    let mut out: HashMap<String, Via> = HashMap::new();
    let via = |by, j: usize, c: &Citation| Via { by, passage: j, reference: refs[j].clone(), text: c.text.clone() };
    for &j in own {
        for c in &places[j].cites {
            if let Target::Article(k) = &c.target {
                out.entry(k.clone()).or_insert_with(|| via(Citer::Power, j, c));
            }
        }
    }
    for &j in clauses {
        let holds = places[j].cites.iter().any(|c| contains(&places[j], &c.target, mine));
        if !holds {
            continue;
        }
        for c in &places[j].cites {
            if let Target::Article(k) = &c.target {
                out.entry(k.clone()).or_insert_with(|| via(Citer::Section, j, c));
            }
        }
    }
    out
}

/// Whether the unit that `target` names, read from `citer`'s place, holds `other`.
fn contains(citer: &Place, target: &Target, other: &Place) -> bool {
    match target {
        Target::This(rank) => citer.unit(*rank).is_some_and(|u| other.path.starts_with(u)),
        Target::Unit(rank, key) => other.under(*rank, key),
        Target::Article(_) => false,
    }
}

/// Why safeguard `s` (at `sp`) bears on the power at `pp`, if it does.
fn bears(pp: &Place, sp: &Place, s: usize, cited: &HashMap<String, Via>, refs: &[String]) -> Option<(Reason, Option<Via>)> {
    if pp.article_path().is_some() && pp.article_path() == sp.article_path() {
        return Some((Reason::SameArticle, None));
    }
    if let Some(via) = sp.key.as_ref().and_then(|k| cited.get(k)) {
        return Some((Reason::Citation, Some(via.clone())));
    }
    let back = sp.cites.iter().find(|c| match &c.target {
        Target::Article(k) => pp.key.as_ref() == Some(k),
        t => contains(sp, t, pp),
    });
    if let Some(c) = back {
        let via = Via { by: Citer::Safeguard, passage: s, reference: refs[s].clone(), text: c.text.clone() };
        return Some((Reason::Citation, Some(via)));
    }
    let section = pp.section();
    (!section.is_empty() && section == sp.section()).then_some((Reason::SameSection, None))
}

impl Document {
    /// Every procedural power of the document with the safeguards that bear on it (see
    /// [`link`]); indices are into `passages`.
    pub fn safeguard_links(&self) -> SafeguardMap {
        let units: Vec<Unit> =
            self.passages.iter().map(|p| Unit { label: p.label, kind: p.kind, path: &p.path, text: &p.text }).collect();
        link(&units)
    }
}
