//! Localization shared by the desktop shell and the CLI. Domain crates never format text:
//! they return `Msg { id, args }`, and this crate renders it in French or English.

use fluent::{FluentArgs, FluentValue};
use i18n_embed::{fluent::FluentLanguageLoader, LanguageLoader};
use rust_embed::RustEmbed;
use serde::{Deserialize, Serialize};
use switchboard_core::{prefs::LanguagePref, Arg, Msg};
use ts_rs::TS;
use unic_langid::LanguageIdentifier;

#[derive(RustEmbed)]
#[folder = "$OUT_DIR/i18n"]
struct Localizations;

/// The languages Switchboard speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Lang {
    Fr,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Fr, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    fn langid(self) -> LanguageIdentifier {
        self.code().parse().expect("static language tag")
    }

    /// The first of the requested languages (most preferred first) that we speak;
    /// English when none is.
    pub fn negotiate<S: AsRef<str>>(requested: &[S]) -> Lang {
        requested
            .iter()
            .find_map(|tag| {
                let primary = tag
                    .as_ref()
                    .split(['-', '_', '.'])
                    .next()?
                    .to_ascii_lowercase();
                match primary.as_str() {
                    "fr" => Some(Lang::Fr),
                    "en" => Some(Lang::En),
                    _ => None,
                }
            })
            .unwrap_or(Lang::En)
    }

    /// The operating system's preferred languages, most preferred first.
    pub fn system_requested() -> Vec<String> {
        i18n_embed::DesktopLanguageRequester::requested_languages()
            .into_iter()
            .map(|l| l.to_string())
            .collect()
    }

    /// The language to use for a preference: the explicit choice, or the system's.
    pub fn resolve(pref: LanguagePref) -> Lang {
        match pref {
            LanguagePref::Fr => Lang::Fr,
            LanguagePref::En => Lang::En,
            LanguagePref::System => Lang::negotiate(&Lang::system_requested()),
        }
    }
}

/// Formats messages in one language, falling back to English for a missing id.
pub struct Localizer {
    lang: Lang,
    loader: FluentLanguageLoader,
}

impl Localizer {
    pub fn new(lang: Lang) -> Localizer {
        let loader = FluentLanguageLoader::new("switchboard", Lang::En.langid());
        loader
            .load_languages(&Localizations, &[lang.langid()])
            .expect("embedded Fluent resources parse (checked by tests)");
        // No Unicode isolation marks: fr and en are both left-to-right, and the marks
        // would end up in terminals, logs and test assertions.
        loader.set_use_isolating(false);
        Localizer { lang, loader }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    pub fn has(&self, id: &str) -> bool {
        self.loader.has(id)
    }

    pub fn format(&self, msg: &Msg) -> String {
        if msg.args.is_empty() {
            return self.loader.get(&msg.id);
        }
        let mut args = FluentArgs::new();
        for (k, v) in &msg.args {
            let value = match v {
                Arg::Num(n) => FluentValue::from(*n),
                Arg::Str(s) => FluentValue::from(s.as_str()),
                Arg::Msg(nested) => FluentValue::from(self.format(nested)),
            };
            args.set(k.as_str(), value);
        }
        self.loader.get_args_fluent(&msg.id, Some(&args))
    }

    /// Shortcut for a message without arguments.
    pub fn text(&self, id: &str) -> String {
        self.format(&Msg::new(id))
    }
}

/// The raw joined Fluent source of a language, for checks and tooling.
pub fn resource_source(lang: Lang) -> String {
    let file = Localizations::get(&format!("{}/switchboard.ftl", lang.code()))
        .expect("embedded resource exists");
    String::from_utf8_lossy(&file.data).into_owned()
}

#[cfg(test)]
mod tests;
