use super::*;
use std::collections::BTreeSet;
use std::path::Path;

fn message_ids(lang: Lang) -> BTreeSet<String> {
    let src = resource_source(lang);
    let res = fluent_syntax::parser::parse(src.as_str()).unwrap_or_else(|(_, errs)| {
        panic!("{} Fluent resources do not parse: {errs:?}", lang.code())
    });
    res.body
        .iter()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
            fluent_syntax::ast::Entry::Term(t) => Some(format!("-{}", t.id.name)),
            _ => None,
        })
        .collect()
}

#[test]
fn french_and_english_define_the_same_ids() {
    let fr = message_ids(Lang::Fr);
    let en = message_ids(Lang::En);
    let only_fr: Vec<_> = fr.difference(&en).collect();
    let only_en: Vec<_> = en.difference(&fr).collect();
    assert!(
        only_fr.is_empty() && only_en.is_empty(),
        "ids only in fr: {only_fr:?}; ids only in en: {only_en:?}"
    );
    assert!(en.len() > 20);
}

#[test]
fn no_id_is_defined_twice() {
    for lang in Lang::ALL {
        let src = resource_source(lang);
        let mut seen = BTreeSet::new();
        for line in src.lines() {
            if let Some((id, _)) = line.split_once(" =") {
                if !id.starts_with([' ', '#', '.', '*', '[']) && !id.is_empty() {
                    assert!(
                        seen.insert(id.to_owned()),
                        "{}: `{id}` defined twice",
                        lang.code()
                    );
                }
            }
        }
    }
}

/// Every id the Rust code or the UI refers to literally exists (in both languages, by the
/// test above). Looks for `Msg::new`, `text` and `fl_id` calls with a literal id in Rust,
/// and `t(...)` calls and `msgId:` properties with a literal id in the UI.
#[test]
fn every_id_used_in_code_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..");
    let en = message_ids(Lang::En);
    let rust = regex::Regex::new(r#"\b(?:Msg::new|text|fl_id)\(\s*"([a-z][a-z0-9-]*)""#).unwrap();
    let ui = regex::Regex::new(r#"\b(?:t|tx|msgId)\s*[:(]\s*['"`]([a-z][a-z0-9-]*)['"`]"#).unwrap();
    let mut missing = Vec::new();
    let mut seen = 0;
    for (dir, re, ext) in [
        ("src-tauri", &rust, "rs"),
        ("ui/src", &ui, "ts"),
        ("ui/src", &ui, "svelte"),
    ] {
        for entry in walkdir::WalkDir::new(root.join(dir))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == ext))
            .filter(|e| !e.path().components().any(|c| c.as_os_str() == "bindings"))
        {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            for cap in re.captures_iter(&text) {
                seen += 1;
                let id = &cap[1];
                if !en.contains(id) {
                    missing.push(format!("{}: {id}", entry.path().display()));
                }
            }
        }
    }
    assert!(seen > 10, "the scan found the code ({seen} uses)");
    assert!(
        missing.is_empty(),
        "ids used but defined nowhere:\n{}",
        missing.join("\n")
    );
}

#[test]
fn formats_with_arguments_in_each_language() {
    let msg = Msg::new("err-number-range").arg("min", 1).arg("max", 65535);
    let en = Localizer::new(Lang::En).format(&msg);
    let fr = Localizer::new(Lang::Fr).format(&msg);
    assert!(en.contains("65,535") || en.contains("65535"), "{en}");
    assert_ne!(en, fr);
    assert!(!en.contains('\u{2068}'), "no isolation marks");
}

#[test]
fn negotiation_prefers_the_first_language_we_speak() {
    assert_eq!(Lang::negotiate(&["de-DE", "fr-CA", "en-US"]), Lang::Fr);
    assert_eq!(Lang::negotiate(&["en_GB.UTF-8"]), Lang::En);
    assert_eq!(Lang::negotiate(&["ja"]), Lang::En);
    assert_eq!(Lang::negotiate::<&str>(&[]), Lang::En);
    assert_eq!(Lang::resolve(LanguagePref::Fr), Lang::Fr);
}
