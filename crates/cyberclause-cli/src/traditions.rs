//! The drafting tradition of a real-law passage, read from its `source` (jurisdiction or
//! body named there), so the card can show where the model reads well and where not.
//! A reporting aid: a source naming none of these is "unattributed".

use std::collections::BTreeMap;
use std::path::PathBuf;

use cyberclause::Classifier;
use serde_json::{json, Value};

use crate::evaluate::{evaluate, read_labelled};

/// Groups in the order they are tried; the first whose words occur in the source wins.
const GROUPS: &[(&str, &[&str])] = &[
    ("Maghreb", &["tunisi", "maroc", "morocc", "algéri", "algeri", "mauritan", "maghress", "le360", "kapitalis", "challenge.ma", "article19.ma", "jurispro", "la quotidienne"]),
    ("Africa", &["nigeria", "kenya", "south africa", "ghana", "uganda", "tanzania", "rwanda", "malabo", "african union", "union africaine", "ecowas", "cédéao", "uemoa", "cameroun", "cameroon", "ivoir", "abidjan", "bénin", "benin", "sénégal", "senegal", "burkina", "togo", "gabon", "congo", "madagascar", "afrique", "africa", "sahel", "dakar"]),
    ("Canada", &["canad", "québec", "quebec", "montréal", "code criminel", "l.r.c.", "r.s.c.", "avocatcriminel", "gatineau"]),
    ("United States", &["u.s.c", "united states", "fbi", "justice department", "department of justice", "california", "texas", "new york", "florida", "colorado", "pennsylvania", "indiana", "alabama", "kentucky", "virginia", "tampa", "cisa", "associated press", "penal code", "ic3"]),
    ("UK and Ireland", &[" uk", "(uk)", "united kingdom", "investigatory powers", "online safety act", "computer misuse act", "house of commons", "house of lords", "hansard", "england", "scotland", "ireland", "seanad", "premier league", "ncsc", "big brother watch"]),
    ("Australia and NZ", &["australi", "(cth)", "(nsw)", "(vic)", "(act)", "(nt)", "(qld)", "new zealand", "(nz)", "rnz", "aarnet", "aap "]),
    ("Asia", &["india", "singapore", "philippin", ".ph", "malaysia", "indonesia", "viet", "hanoi", "china", "pakistan", "bangladesh", "sri lanka", "livelaw", "iasbaba", "srd law"]),
    ("EU and Council of Europe", &[" eu", "(eu)", " ue", "(ue)", "european", "europé", "directive", "council of europe", "conseil de l'europe", "budapest", "eur-lex", "cjue", "cjeu"]),
    ("Belgium, Luxembourg, Switzerland", &["belg", "bruxelles", "brussels", "luxembourg", "suisse", "switzerland", "swiss", "genève", "vrt", "le vif", "la dh"]),
    ("France", &["france", "français", "code pénal", "conseil constitutionnel", "conseil d'état", "conseil d’état", "assemblée nationale", "sénat", "dalloz", "anssi", "cnil", "cybermalveillance", "20 minutes", "lci", "europe 1", "bfm", "01net", "service-public", "essonne", "mairie", "zataz"]),
    ("UN and global NGOs", &["united nations", "nations unies", "onu", "ad hoc committee", "comité ad hoc", "article 19", "amnesty", "human rights watch", "access now", "privacy international", "ishr", "reporters sans", "interpol", "unodc", "commonwealth"]),
];

/// The tradition a source string names, or "unattributed".
pub fn tradition(source: &str) -> &'static str {
    let s = format!(" {}", source.to_lowercase());
    GROUPS.iter().find(|(_, words)| words.iter().any(|w| s.contains(w))).map_or("unattributed", |(name, _)| name)
}

/// Macro-F1 and accuracy of `classifier` on the file named `dev2*` among `paths`, per
/// tradition (null when there is no such file).
pub fn by_tradition(classifier: &Classifier, paths: &[PathBuf]) -> Value {
    let Some(path) = paths.iter().find(|p| p.exists() && p.file_stem().is_some_and(|s| s.to_string_lossy().starts_with("dev2"))) else {
        return Value::Null;
    };
    let Ok(items) = read_labelled(path) else { return Value::Null };
    let mut groups: BTreeMap<&str, Vec<_>> = BTreeMap::new();
    for d in items {
        groups.entry(tradition(&d.source)).or_default().push(d);
    }
    groups
        .into_iter()
        .map(|(name, items)| {
            let e = evaluate(classifier, &items);
            (name.to_string(), json!({"n": items.len(), "macro_f1": e.overall.macro_f1, "accuracy": e.overall.accuracy}))
        })
        .collect::<serde_json::Map<_, _>>()
        .into()
}

#[cfg(test)]
mod tests {
    use super::tradition;

    #[test]
    fn sources_map_to_traditions() {
        assert_eq!(tradition("Décret-loi n° 2022-54 (Tunisie), art. 1er"), "Maghreb");
        assert_eq!(tradition("Investigatory Powers Act 2016 (UK), s. 87(1)"), "UK and Ireland");
        assert_eq!(tradition("Criminal Code Act 1995 (Cth), s. 474.17"), "Australia and NZ");
        assert_eq!(tradition("a blog post"), "unattributed");
    }
}
