//! What every subcommand needs: the app identifier, its paths, and the localizer.

use switchboard_core::{app_id, paths::AppPaths, prefs::LanguagePref, prefs::Prefs};
use switchboard_i18n::{Lang, Localizer};

pub struct Ctx {
    pub app_id: String,
    pub paths: AppPaths,
    pub l10n: Localizer,
}

impl Ctx {
    /// Builds the context before clap parses, because the help text itself is localized.
    pub fn from_args(args: &[String]) -> Ctx {
        let app_id = app_id::from_env();
        let paths = AppPaths::for_app(&app_id);
        let lang = lang_from_args(args)
            .or_else(|| std::env::var("SWITCHBOARD_LANG").ok())
            .map(|tag| Lang::negotiate(&[tag]))
            .unwrap_or_else(|| {
                let (prefs, _) = Prefs::load(&paths.prefs_file());
                match prefs.language {
                    LanguagePref::System => Lang::resolve(LanguagePref::System),
                    explicit => Lang::resolve(explicit),
                }
            });
        Ctx {
            app_id,
            paths,
            l10n: Localizer::new(lang),
        }
    }

    pub fn t(&self, id: &str) -> String {
        self.l10n.text(id)
    }
}

fn lang_from_args(args: &[String]) -> Option<String> {
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--lang" {
            return it.next().cloned();
        }
        if let Some(v) = a.strip_prefix("--lang=") {
            return Some(v.to_owned());
        }
    }
    None
}
