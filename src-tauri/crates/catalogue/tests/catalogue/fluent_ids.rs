//! Every label, help, option and variable id the declarations use is defined in both
//! catalogue.ftl files, and the guide's French wording is the French label.

use std::collections::BTreeSet;
use std::path::Path;

fn ids(lang: &str) -> (BTreeSet<String>, String) {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../i18n/{lang}/catalogue.ftl"));
    let text = std::fs::read_to_string(&path).unwrap();
    let set = text
        .lines()
        .filter_map(|l| l.split_once(" = ").map(|(id, _)| id))
        .filter(|id| id.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
        .map(str::to_owned)
        .collect();
    (set, text)
}

#[test]
fn every_declared_id_exists_in_french_and_english() {
    let used = switchboard_catalogue::ids::fluent_ids();
    assert!(used.len() > 300, "{}", used.len());
    for lang in ["fr", "en"] {
        let (defined, _) = ids(lang);
        let missing: Vec<_> = used.difference(&defined).collect();
        assert!(missing.is_empty(), "{lang}: missing {missing:?}");
    }
}

#[test]
fn french_labels_use_the_guides_wording() {
    let (_, fr) = ids("fr");
    for line in [
        "cat-routing-sla-expired-strategy = Stratégie SLA expirée",
        "cat-imap-folders = Dossiers à synchroniser",
        "cat-em-advanced-queue-factor = Facteur de file d'attente",
        "cat-smart-closing-wait-time = Temps d'attente du client",
        "cat-tapatalk-post-offset = Décalage de publication",
        "cat-opt-sla-strategy-half = Demi-valeur (5)",
    ] {
        assert!(fr.lines().any(|l| l == line), "{line}");
    }
}

/// Validation message ids are passed around as plain strings (`about(f, "val-email")`),
/// which the i18n crate's scan does not see: check them here, in both languages.
#[test]
fn every_validation_message_id_exists() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/validate");
    let mut used = BTreeSet::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for piece in text.split('"').skip(1).step_by(2) {
            if (piece.starts_with("val-") || piece.starts_with("err-"))
                && piece.chars().all(|c| c.is_ascii_lowercase() || c == '-')
            {
                used.insert(piece.to_owned());
            }
        }
    }
    assert!(used.len() > 25, "{used:?}");
    for lang in ["fr", "en"] {
        let (mut defined, _) = ids(lang);
        let errors =
            Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../i18n/{lang}/errors.ftl"));
        for line in std::fs::read_to_string(errors).unwrap().lines() {
            if let Some((id, _)) = line.split_once(" = ") {
                defined.insert(id.to_owned());
            }
        }
        let missing: Vec<_> = used.difference(&defined).collect();
        assert!(missing.is_empty(), "{lang}: missing {missing:?}");
    }
}
