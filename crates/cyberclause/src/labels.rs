//! The six labels of the labelling guide (`TAXONOMY.md`), in their fixed order.

use serde::{Deserialize, Serialize};

/// One of the six labels. The order of [`Label::ALL`] is the order of every score vector.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Label {
    CyberDependent,
    CyberEnabled,
    ContentCrime,
    ProceduralPower,
    Safeguard,
    Other,
}

/// Names and a one-line definition, for user interfaces.
#[derive(Debug, Clone, Serialize)]
pub struct LabelInfo {
    pub id: &'static str,
    pub name_en: &'static str,
    pub name_fr: &'static str,
    pub definition_en: &'static str,
    pub definition_fr: &'static str,
}

impl Label {
    pub const ALL: [Label; 6] = [
        Label::CyberDependent,
        Label::CyberEnabled,
        Label::ContentCrime,
        Label::ProceduralPower,
        Label::Safeguard,
        Label::Other,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn id(self) -> &'static str {
        self.info().id
    }

    /// Parses a label id such as `"procedural_power"`.
    pub fn from_id(id: &str) -> Option<Label> {
        Label::ALL.into_iter().find(|l| l.id() == id)
    }

    pub fn info(self) -> LabelInfo {
        let (id, name_en, name_fr, definition_en, definition_fr) = match self {
            Label::CyberDependent => (
                "cyber_dependent",
                "cyber-dependent offence",
                "infraction cyberdépendante",
                "An offence that can only exist with computers: attacks on the confidentiality, integrity or availability of systems or data.",
                "Infraction qui n’existe qu’avec l’informatique : atteinte à la confidentialité, à l’intégrité ou à la disponibilité des systèmes ou des données.",
            ),
            Label::CyberEnabled => (
                "cyber_enabled",
                "cyber-enabled offence",
                "infraction facilitée par le numérique",
                "A traditional offence (fraud, theft, forgery, extortion, trafficking, laundering, infringement) committed or scaled up through ICT.",
                "Infraction traditionnelle (fraude, vol, faux, extorsion, trafic, blanchiment, contrefaçon) commise ou amplifiée au moyen des TIC.",
            ),
            Label::ContentCrime => (
                "content_crime",
                "content crime",
                "infraction de contenu",
                "An offence whose wrong lies in the content communicated or possessed: images, words, ideas.",
                "Infraction qui tient au contenu communiqué ou détenu : images, paroles, idées.",
            ),
            Label::ProceduralPower => (
                "procedural_power",
                "procedural power",
                "pouvoir procédural",
                "A power or duty used to investigate or enforce: obtaining, preserving, searching, seizing, intercepting, retaining, blocking or removing data, or compelling providers to help.",
                "Pouvoir ou obligation d’enquête ou d’exécution : obtenir, conserver, perquisitionner, saisir, intercepter, retenir, bloquer ou retirer des données, ou contraindre les fournisseurs.",
            ),
            Label::Safeguard => (
                "safeguard",
                "safeguard",
                "garantie",
                "Limits or conditions state power, or protects people: human rights, privacy, proportionality, judicial authorisation, oversight, remedies, grounds to refuse cooperation.",
                "Limite ou encadre le pouvoir de l’État, ou protège les personnes : droits de l’homme, vie privée, proportionnalité, contrôle judiciaire, recours, motifs de refus.",
            ),
            Label::Other => (
                "other",
                "none of these",
                "aucune de ces catégories",
                "Anything else: negotiating process, general policy, history, cooperation machinery, jurisdiction, capacity building, definitions, final clauses.",
                "Tout le reste : négociation, politique générale, histoire, mécanismes de coopération, compétence, renforcement des capacités, définitions, clauses finales.",
            ),
        };
        LabelInfo { id, name_en, name_fr, definition_en, definition_fr }
    }
}

impl std::fmt::Display for Label {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_in_order() {
        for (i, l) in Label::ALL.into_iter().enumerate() {
            assert_eq!(l.index(), i);
            assert_eq!(Label::from_id(l.id()), Some(l));
        }
        assert_eq!(Label::from_id("nonsense"), None);
    }

    #[test]
    fn serde_uses_the_guide_ids() {
        let s = serde_json::to_string(&Label::ProceduralPower).unwrap();
        assert_eq!(s, "\"procedural_power\"");
    }
}
