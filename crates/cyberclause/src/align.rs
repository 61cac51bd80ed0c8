//! Aligning the passages of two drafts: which passage of the new draft continues which of
//! the old. Passages are compared as bags of folded words (cosine of word counts, numbers
//! left out so a renumbered article or paragraph still matches), and aligned in order by
//! dynamic programming (the pairs that maximise the summed similarity, each at least the
//! threshold, without crossing). Identical passages found once in each draft anchor the
//! alignment first, so long drafts cost little; what is left unpaired is then paired out
//! of order when very similar: a moved article.

use std::collections::HashMap;

use crate::text::fold;

/// The similarity above which an unpaired passage found elsewhere counts as moved.
const MOVED_SIMILARITY: f64 = 0.7;

/// The largest gap (old × new passages) aligned exactly; bigger gaps between anchors are
/// aligned greedily in a window, so a wholly rewritten 10,000-passage text stays fast.
const MAX_CELLS: usize = 1_000_000;

/// How far ahead the greedy alignment looks for a partner.
const WINDOW: usize = 64;

/// A passage as counts of folded words, sorted by word id.
#[derive(Debug, Clone, Default)]
pub struct Bag {
    terms: Vec<(u32, u32)>,
    norm: f64,
}

/// Word ids shared by both drafts.
#[derive(Default)]
pub struct Vocabulary(HashMap<String, u32>);

impl Vocabulary {
    /// The bag of `text`: words folded, punctuation trimmed, numbers and list markers left out.
    pub fn bag(&mut self, text: &str) -> Bag {
        let mut counts: HashMap<u32, u32> = HashMap::new();
        for w in fold(text).split(|c: char| !c.is_alphanumeric()) {
            if w.is_empty() || w.chars().all(|c| c.is_ascii_digit()) || is_marker(w) {
                continue;
            }
            let n = self.0.len() as u32;
            let id = *self.0.entry(w.to_string()).or_insert(n);
            *counts.entry(id).or_insert(0) += 1;
        }
        let mut terms: Vec<(u32, u32)> = counts.into_iter().collect();
        insertion_sort(&mut terms);
        let norm = terms.iter().map(|&(_, c)| f64::from(c) * f64::from(c)).sum::<f64>().sqrt();
        Bag { terms, norm }
    }
}

/// Sorts a passage's few terms (at most 150 words) in place. The standard library's sorts
/// would add tens of kilobytes to the WebAssembly module for this one use.
fn insertion_sort(v: &mut [(u32, u32)]) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && v[j - 1] > v[j] {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// A lone letter or roman numeral: a point marker ("a)", "iv)"), not a word that matters.
fn is_marker(w: &str) -> bool {
    w.len() == 1 || (w.len() <= 4 && w.chars().all(|c| matches!(c, 'i' | 'v' | 'x')))
}

/// Cosine similarity of two bags, 0..1 (0 when either is empty).
pub fn cosine(a: &Bag, b: &Bag) -> f64 {
    if a.norm == 0.0 || b.norm == 0.0 {
        return 0.0;
    }
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.terms.len() && j < b.terms.len() {
        match a.terms[i].0.cmp(&b.terms[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += f64::from(a.terms[i].1) * f64::from(b.terms[j].1);
                i += 1;
                j += 1;
            }
        }
    }
    (dot / (a.norm * b.norm)).min(1.0)
}

/// A pair of aligned passages (indices into the two lists given to [`align`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pair {
    pub old: usize,
    pub new: usize,
    pub similarity: f64,
    /// Paired out of order: the passage moved.
    pub moved: bool,
}

/// Aligns `old` with `new`: pairs in order, then moved pairs; sorted by new index.
pub fn align(old: &[Bag], new: &[Bag], threshold: f64) -> Vec<Pair> {
    let anchors = anchors(old, new);
    let mut pairs = Vec::new();
    let (mut a0, mut b0) = (0, 0);
    for &(a, b) in anchors.iter().chain(std::iter::once(&(old.len(), new.len()))) {
        gap(old, new, a0..a, b0..b, threshold, &mut pairs);
        if a < old.len() {
            pairs.push(Pair { old: a, new: b, similarity: cosine(&old[a], &new[b]), moved: false });
        }
        (a0, b0) = (a + 1, b + 1);
    }
    moved(old, new, threshold.max(MOVED_SIMILARITY), &mut pairs);
    in_new_order(pairs, new.len())
}

/// The pairs ordered by new index (each new passage is in one pair at most).
fn in_new_order(pairs: Vec<Pair>, n: usize) -> Vec<Pair> {
    let mut slots: Vec<Option<Pair>> = vec![None; n];
    for p in pairs {
        slots[p.new] = Some(p);
    }
    slots.into_iter().flatten().collect()
}

/// How often a bag occurs in each draft, and where it was last seen.
#[derive(Default)]
struct Seen {
    old: usize,
    at_old: Option<usize>,
    new: usize,
    at_new: Option<usize>,
}

/// Passages with the same bag once in each draft, kept in order (longest increasing run).
fn anchors(old: &[Bag], new: &[Bag]) -> Vec<(usize, usize)> {
    let mut seen: HashMap<&[(u32, u32)], Seen> = HashMap::new();
    for (i, b) in old.iter().enumerate().filter(|(_, b)| b.norm > 0.0) {
        let e = seen.entry(&b.terms).or_default();
        e.old += 1;
        e.at_old = Some(i);
    }
    for (j, b) in new.iter().enumerate().filter(|(_, b)| b.norm > 0.0) {
        let e = seen.entry(&b.terms).or_default();
        e.new += 1;
        e.at_new = Some(j);
    }
    // In old order, so no sort is needed.
    let unique: Vec<(usize, usize)> = old
        .iter()
        .filter_map(|b| seen.get(b.terms.as_slice()))
        .filter(|e| e.old == 1 && e.new == 1)
        .filter_map(|e| Some((e.at_old?, e.at_new?)))
        .collect();
    increasing(&unique)
}

/// The longest run of `pairs` (sorted by old index) whose new indices increase.
fn increasing(pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut tails: Vec<usize> = Vec::new(); // index into pairs of the smallest tail of each length
    let mut prev = vec![usize::MAX; pairs.len()];
    for (k, &(_, b)) in pairs.iter().enumerate() {
        let pos = tails.partition_point(|&t| pairs[t].1 < b);
        if pos > 0 {
            prev[k] = tails[pos - 1];
        }
        if pos == tails.len() {
            tails.push(k);
        } else {
            tails[pos] = k;
        }
    }
    let mut out = Vec::with_capacity(tails.len());
    let mut k = tails.last().copied().unwrap_or(usize::MAX);
    while k != usize::MAX {
        out.push(pairs[k]);
        k = prev[k];
    }
    out.reverse();
    out
}

type Range = std::ops::Range<usize>;

/// Aligns one gap between anchors: exactly when small enough, else greedily.
fn gap(old: &[Bag], new: &[Bag], a: Range, b: Range, t: f64, out: &mut Vec<Pair>) {
    if a.is_empty() || b.is_empty() {
        return;
    }
    if a.len().saturating_mul(b.len()) <= MAX_CELLS {
        exact(old, new, a, b, t, out);
    } else {
        greedy(old, new, a, b, t, out);
    }
}

/// The order-preserving pairs of greatest summed similarity (each ≥ `t`).
fn exact(old: &[Bag], new: &[Bag], a: Range, b: Range, t: f64, out: &mut Vec<Pair>) {
    let (n, m) = (a.len(), b.len());
    let sim = |i: usize, j: usize| {
        let s = cosine(&old[a.start + i], &new[b.start + j]);
        if s >= t { s } else { 0.0 }
    };
    let mut dp = vec![0.0f64; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in 0..n {
        for j in 0..m {
            let diag = dp[at(i, j)] + sim(i, j);
            dp[at(i + 1, j + 1)] = diag.max(dp[at(i, j + 1)]).max(dp[at(i + 1, j)]);
        }
    }
    let (mut i, mut j) = (n, m);
    let mut found = Vec::new();
    while i > 0 && j > 0 {
        let s = sim(i - 1, j - 1);
        if s > 0.0 && (dp[at(i, j)] - (dp[at(i - 1, j - 1)] + s)).abs() < 1e-12 {
            found.push(Pair { old: a.start + i - 1, new: b.start + j - 1, similarity: s, moved: false });
            i -= 1;
            j -= 1;
        } else if dp[at(i - 1, j)] >= dp[at(i, j - 1)] {
            i -= 1;
        } else {
            j -= 1;
        }
    }
    out.extend(found.into_iter().rev());
}

/// For each old passage in turn, the most similar new passage within the next `WINDOW`.
fn greedy(old: &[Bag], new: &[Bag], a: Range, b: Range, t: f64, out: &mut Vec<Pair>) {
    let mut j0 = b.start;
    for i in a {
        let best = (j0..b.end.min(j0 + WINDOW))
            .map(|j| (j, cosine(&old[i], &new[j])))
            .filter(|&(_, s)| s >= t)
            .fold(None, |best: Option<(usize, f64)>, x| if best.is_some_and(|b| b.1 >= x.1) { best } else { Some(x) });
        if let Some((j, s)) = best {
            out.push(Pair { old: i, new: j, similarity: s, moved: false });
            j0 = j + 1;
        }
    }
}

/// Pairs what is left unpaired when at least `t` similar: moved passages. Each old passage
/// in turn takes the most similar new passage still free.
fn moved(old: &[Bag], new: &[Bag], t: f64, pairs: &mut Vec<Pair>) {
    let mut used_old = vec![false; old.len()];
    let mut used_new = vec![false; new.len()];
    for p in pairs.iter() {
        used_old[p.old] = true;
        used_new[p.new] = true;
    }
    let free_old = used_old.iter().filter(|u| !**u).count();
    let free_new = used_new.iter().filter(|u| !**u).count();
    if free_old.saturating_mul(free_new) > MAX_CELLS {
        return;
    }
    for i in (0..old.len()).filter(|&i| !used_old[i]) {
        let best = (0..new.len())
            .filter(|&j| !used_new[j])
            .map(|j| (j, cosine(&old[i], &new[j])))
            .filter(|&(_, s)| s >= t)
            .fold(None, |best: Option<(usize, f64)>, x| if best.is_some_and(|b| b.1 >= x.1) { best } else { Some(x) });
        if let Some((j, s)) = best {
            used_new[j] = true;
            pairs.push(Pair { old: i, new: j, similarity: s, moved: true });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bags(v: &mut Vocabulary, texts: &[&str]) -> Vec<Bag> {
        texts.iter().map(|t| v.bag(t)).collect()
    }

    #[test]
    fn renumbered_edited_added_removed_and_moved() {
        let mut v = Vocabulary::default();
        let old = bags(&mut v, &[
            "1. Each Party shall criminalise access to a computer system without right.",
            "2. Each Party shall criminalise interception of non-public transmissions.",
            "3. Parties shall cooperate through a network available every day of the week.",
            "4. Each Party shall empower its authorities to order preservation of data.",
        ]);
        let new = bags(&mut v, &[
            "4. Each Party shall empower its authorities to order preservation of traffic data.",
            "2. Each Party shall criminalise access to a computer system without right.",
            "3. Each Party shall criminalise interception of non-public transmissions of data.",
            "5. The court shall review every order issued under this article promptly.",
        ]);
        let pairs = align(&old, &new, 0.5);
        let got: Vec<(usize, usize, bool)> = pairs.iter().map(|p| (p.old, p.new, p.moved)).collect();
        assert_eq!(got, [(3, 0, true), (0, 1, false), (1, 2, false)]);
        assert!((pairs[1].similarity - 1.0).abs() < 1e-12, "numbers do not count");
    }

    #[test]
    fn empty_and_unrelated_drafts() {
        let mut v = Vocabulary::default();
        assert!(align(&[], &bags(&mut v, &["a text here"]), 0.5).is_empty());
        let old = bags(&mut v, &["completely different words"]);
        let new = bags(&mut v, &["nothing in common whatsoever"]);
        assert!(align(&old, &new, 0.5).is_empty());
    }

    #[test]
    fn long_drafts_align_through_anchors_and_greedy_gaps() {
        let mut v = Vocabulary::default();
        let texts: Vec<String> = (0..3000).map(|i| format!("passage word{i} about topic{} here", i % 7)).collect();
        let old: Vec<Bag> = texts.iter().map(|t| v.bag(t)).collect();
        let new: Vec<Bag> = texts.iter().rev().map(|t| v.bag(t)).collect();
        let pairs = align(&old, &new, 0.9);
        assert!(!pairs.is_empty());
        assert!(pairs.iter().all(|p| p.similarity >= 0.9));
    }
}
