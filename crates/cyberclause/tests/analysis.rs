//! Powers and safeguards, and two drafts compared, on the team-written fixtures of
//! `tests/fixtures/analysis/` with the committed model (the links and changes the
//! fixtures were drafted to hold), and on hand-built units for the reasons the fixture
//! does not exercise.

use cyberclause::{
    link_safeguards, Citer, Classifier, ClassifyOptions, CompareOptions, Comparison, Document, Kind, Label, Op, Reason, Unit,
    MAX_SECTION_LINKS,
};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/../../tests/fixtures/analysis/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn classifier() -> Classifier {
    Classifier::from_bytes(&std::fs::read(format!("{}/../../models/cyberclause.model", env!("CARGO_MANIFEST_DIR"))).unwrap()).unwrap()
}

fn index_of(doc: &Document, reference: &str) -> usize {
    doc.passages
        .iter()
        .position(|p| p.kind == Kind::Passage && p.reference == reference)
        .unwrap_or_else(|| panic!("no passage {reference}"))
}

#[test]
fn the_treaty_links_each_power_to_its_safeguards() {
    let doc = classifier().classify(&fixture("treaty.txt"), &ClassifyOptions::default()).unwrap();
    let map = doc.safeguard_links();
    let power = |r: &str| map.powers.iter().find(|p| p.reference == r).unwrap_or_else(|| panic!("no power {r}: {map:#?}"));
    for r in ["Art. 3 §1", "Art. 5 §1", "Art. 6", "Art. 7"] {
        assert_eq!(doc.passages[index_of(&doc, r)].label, Label::ProceduralPower, "{r}");
    }
    for r in ["Art. 4 §1", "Art. 4 §2", "Art. 5 §2", "Art. 9"] {
        assert_eq!(doc.passages[index_of(&doc, r)].label, Label::Safeguard, "{r}");
    }

    // A safeguard in the power's own article comes first.
    let retention = power("Art. 5 §1");
    assert_eq!(retention.power, index_of(&doc, "Art. 5 §1"));
    assert_eq!((retention.safeguards[0].reference.as_str(), retention.safeguards[0].reason), ("Art. 5 §2", Reason::SameArticle));
    // The section's clause ("… in this Section shall be subject to … Article 4").
    let art4 = retention.safeguards.iter().find(|l| l.reference == "Art. 4 §1").unwrap();
    assert_eq!(art4.reason, Reason::Citation);
    let via = art4.via.as_ref().unwrap();
    assert_eq!((via.by, via.reference.as_str(), via.text.as_str()), (Citer::Section, "Art. 3 §2", "Article 4"));
    assert!(retention.safeguards.iter().any(|l| l.reference == "Art. 4 §2"));

    // The power cites the safeguard's article, in another chapter.
    let production = power("Art. 6");
    let review = production.safeguards.iter().find(|l| l.reference == "Art. 9").unwrap();
    let via = review.via.as_ref().unwrap();
    assert_eq!((review.reason, via.by, via.text.as_str()), (Reason::Citation, Citer::Power, "Article 9"));
    assert_eq!(review.safeguard, index_of(&doc, "Art. 9"));
    assert!(!retention.safeguards.iter().any(|l| l.reference == "Art. 9"), "Article 9 is cited by Article 6 only");

    // Removal of content: no safeguard anywhere near it.
    let removal = index_of(&doc, "Art. 7");
    assert!(power("Art. 7").safeguards.is_empty());
    assert_eq!(map.unguarded, [removal]);
}

fn units<'a>(items: &'a [(Label, Vec<String>, &'a str)]) -> Vec<Unit<'a>> {
    items.iter().map(|(l, p, t)| Unit { label: *l, kind: Kind::Passage, path: p, text: t }).collect()
}

fn path(parts: &[&str]) -> Vec<String> {
    parts.iter().map(|s| s.to_string()).collect()
}

#[test]
fn same_section_and_a_safeguard_citing_the_power() {
    let items = [
        (Label::ProceduralPower, path(&["Chapitre II", "Section 1", "Article 10"]), "Le juge peut ordonner l'interception des correspondances."),
        (Label::Safeguard, path(&["Chapitre II", "Section 1", "Article 11"]), "Toute mesure est motivée et limitée à quatre mois."),
        (Label::ProceduralPower, path(&["Chapitre III", "Article L. 34-1"]), "Les opérateurs conservent les données de connexion."),
        (Label::Safeguard, path(&["Chapitre IV", "Article 20"]), "La conservation prévue à l'article L. 34-1 est contrôlée par la CNIL."),
        (Label::Safeguard, path(&["Chapitre V", "Article 30"]), "Les droits garantis par l'article 10 du pacte international sont respectés."),
    ];
    let map = link_safeguards(&units(&items));
    assert_eq!(map.powers.len(), 2);
    let first = &map.powers[0];
    assert_eq!(first.safeguards.len(), 1, "{first:#?}");
    assert_eq!((first.safeguards[0].safeguard, first.safeguards[0].reason), (1, Reason::SameSection));
    let second = &map.powers[1];
    assert_eq!(second.reference, "Art. L. 34-1");
    assert_eq!((second.safeguards[0].safeguard, second.safeguards[0].reason), (3, Reason::Citation));
    assert_eq!(second.safeguards[0].via.as_ref().unwrap().by, Citer::Safeguard);
    assert!(map.unguarded.is_empty());
}

/// A large chapter with no sections: every power shares the section of every safeguard.
/// Same-section links are capped (the rest counted in `more`), links by article and by
/// citation are all kept, and the whole stays quick.
#[test]
fn a_long_flat_chapter_stays_bounded() {
    let mut items = Vec::new();
    for a in 0..3000 {
        let label = if a % 2 == 0 { Label::ProceduralPower } else { Label::Safeguard };
        let text = if a == 0 { "The police may seize data, as Article 2999 allows." } else { "Text of the article, long enough." };
        items.push((label, path(&["Chapter I", &format!("Article {a}")]), text));
    }
    let started = std::time::Instant::now();
    let map = link_safeguards(&units(&items));
    assert!(started.elapsed().as_secs_f64() < 20.0, "{:?}", started.elapsed());
    assert_eq!(map.powers.len(), 1500);
    assert!(map.powers.iter().all(|p| p.safeguards.len() <= MAX_SECTION_LINKS + 1 && p.more + p.safeguards.len() >= 1500));
    let first = &map.powers[0];
    assert_eq!((first.safeguards[0].safeguard, first.safeguards[0].reason), (2999, Reason::Citation));
    assert_eq!(first.safeguards.len(), MAX_SECTION_LINKS + 1);
}

#[test]
fn a_document_without_powers_has_no_links() {
    let doc = classifier().classify("Whoever intentionally enters an information system shall be punished.", &ClassifyOptions::default()).unwrap();
    let map = doc.safeguard_links();
    assert!(map.powers.is_empty() && map.unguarded.is_empty());
}

fn compared() -> Comparison {
    classifier().compare(&fixture("draft1.txt"), &fixture("draft2.txt"), &CompareOptions::default()).unwrap()
}

#[test]
fn two_drafts_compared_label_by_label() {
    let cmp = compared();
    let delta = |l: Label| &cmp.labels[l.index()];
    // Article 1: the penalty changed.
    let access = &delta(Label::CyberDependent);
    assert_eq!((access.changed.len(), access.unchanged), (1, 1));
    let change = &access.changed[0];
    assert_eq!((cmp.old.passages[change.old].reference.as_str(), cmp.new.passages[change.new].reference.as_str()), ("Art. 1", "Art. 1"));
    let ops: Vec<(Op, &str)> = change.diff.iter().map(|r| (r.op, r.text.as_str())).collect();
    assert!(ops.contains(&(Op::Delete, "two years.")), "{ops:?}");
    assert!(ops.contains(&(Op::Insert, "five years and a fine.")), "{ops:?}");
    let new_text = fixture("draft2.txt");
    let ins = change.diff.iter().find(|r| r.op == Op::Insert).unwrap().new.unwrap();
    assert_eq!(&new_text[ins.start..ins.end], "five years and a fine.");
    // Article 3 (intimate images) was dropped.
    assert_eq!(delta(Label::ContentCrime).removed.len(), 1);
    assert_eq!(cmp.old.passages[delta(Label::ContentCrime).removed[0]].reference, "Art. 3");
    // The two powers were renumbered, not changed.
    assert_eq!((delta(Label::ProceduralPower).unchanged, delta(Label::ProceduralPower).changed.len()), (2, 0));
    // Article 6 (remedies) is new; the reports article became a safeguard.
    let safeguards = delta(Label::Safeguard);
    assert_eq!(safeguards.added.len(), 1);
    assert_eq!(cmp.new.passages[safeguards.added[0]].reference, "Art. 6");
    assert_eq!(cmp.label_changes.len(), 1);
    let relabelled = &cmp.label_changes[0];
    assert_eq!((relabelled.old_label, relabelled.new_label), (Label::Other, Label::Safeguard));
    assert_eq!((cmp.old.passages[relabelled.old].reference.as_str(), cmp.new.passages[relabelled.new].reference.as_str()), ("Art. 6", "Art. 5"));
    // Both summaries come along.
    assert_eq!(cmp.old.summary[Label::ContentCrime.index()].passages, 1);
    assert_eq!(cmp.new.summary[Label::ContentCrime.index()].passages, 0);
}

#[test]
fn comparing_a_draft_with_itself_changes_nothing() {
    let text = fixture("draft1.txt");
    let cmp = classifier().compare(&text, &text, &CompareOptions::default()).unwrap();
    assert!(cmp.labels.iter().all(|d| d.added.is_empty() && d.removed.is_empty() && d.changed.is_empty()));
    assert_eq!(cmp.labels.iter().map(|d| d.unchanged).sum::<usize>(), 6);
    assert!(cmp.label_changes.is_empty());
}

mod arbitrary {
    //! Nothing panics on any text: citations, references, links and comparisons of
    //! generated text mixing structure words, citations and arbitrary characters; and a
    //! comparison's offsets fall on each draft's character boundaries.
    use super::*;
    use cyberclause::citations;
    use proptest::prelude::*;
    use std::sync::LazyLock;

    static CLASSIFIER: LazyLock<Classifier> = LazyLock::new(classifier);

    const PIECES: &[&str] = &[
        "Article 5 – Search\n\n", "Art. L. 34-1\n", "Section 2 – Procedural law\n\n", "Chapitre II\n\n", "1. ", "2. ", "a) ",
        "II. – ", "1° ", "the powers in this Section are subject to Article ", "cette section ", "articles 16 à ", " and ",
        "Each Party shall empower its authorities to seize data. ", "A judge must authorise it and the person may appeal. ",
        "of the International Covenant ", "4294967295 ", "to ", "999 ", "\n\n", "é", "😀", "\u{200B}", "\0", "(", ")", "§",
        "l’article ", "L. ", "premier ", "-", ",",
    ];

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(prop_oneof![4 => prop::sample::select(PIECES).prop_map(str::to_string), 1 => any::<String>()], 0..40)
            .prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn links_and_citations_never_panic(t in text()) {
            let _ = citations(&t);
            let doc = CLASSIFIER.classify(&t, &ClassifyOptions::default()).unwrap();
            let map = doc.safeguard_links();
            for p in &map.powers {
                prop_assert_eq!(doc.passages[p.power].label, Label::ProceduralPower);
                prop_assert!(p.safeguards.iter().all(|l| doc.passages[l.safeguard].label == Label::Safeguard));
            }
        }

        #[test]
        fn comparisons_never_panic_and_point_into_each_draft(a in text(), b in text()) {
            let cmp = CLASSIFIER.compare(&a, &b, &CompareOptions::default()).unwrap();
            for c in cmp.labels.iter().flat_map(|d| &d.changed).chain(&cmp.label_changes) {
                for r in &c.diff {
                    if let Some(s) = r.old { prop_assert!(a.get(s.start..s.end).is_some()); }
                    if let Some(s) = r.new { prop_assert!(b.get(s.start..s.end).is_some()); }
                }
            }
            let counted: usize = cmp.labels.iter().map(|d| d.added.len() + d.changed.len() + d.unchanged).sum();
            prop_assert_eq!(counted, cmp.new.passages.iter().filter(|p| p.kind == Kind::Passage).count());
        }
    }
}
