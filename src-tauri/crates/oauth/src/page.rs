//! The page the browser tab ends on after the redirect to the loopback listener: one
//! sentence in the user's language saying what happened and that the tab may be closed.
//! The caller formats the texts (Fluent lives in switchboard-i18n); this module only
//! builds the HTML, escaped, with no script and no remote resource.

/// The Fluent ids a caller formats into `CallbackPages::new`.
pub const PAGE_IDS: [&str; 5] = [
    "oauth-page-title",
    "oauth-page-done",
    "oauth-page-denied",
    "oauth-page-failed",
    "oauth-page-foreign",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PageKind {
    Done,
    Denied,
    Failed,
    /// A request that does not belong to this sign-in.
    Foreign,
}

#[derive(Debug, Clone)]
pub struct CallbackPages {
    lang: String,
    texts: [String; 5],
}

impl CallbackPages {
    /// `text` formats each id of `PAGE_IDS` in the language `lang` (a BCP 47 tag).
    pub fn new(lang: &str, text: impl Fn(&str) -> String) -> CallbackPages {
        CallbackPages {
            lang: lang.to_owned(),
            texts: PAGE_IDS.map(text),
        }
    }

    pub(crate) fn html(&self, kind: PageKind) -> String {
        let body = match kind {
            PageKind::Done => &self.texts[1],
            PageKind::Denied => &self.texts[2],
            PageKind::Failed => &self.texts[3],
            PageKind::Foreign => &self.texts[4],
        };
        format!(
            "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width\"><title>{}</title>\
             <style>body{{font:16px system-ui,sans-serif;margin:4rem auto;max-width:32rem;text-align:center}}</style>\
             </head><body><h1>{}</h1><p id=\"result\">{}</p></body></html>",
            escape(&self.lang),
            escape(&self.texts[0]),
            escape(&self.texts[0]),
            escape(body)
        )
    }
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_escaped_and_the_language_is_declared() {
        let p = CallbackPages::new("fr", |id| format!("<{id}>"));
        let html = p.html(PageKind::Done);
        assert!(html.contains("lang=\"fr\""));
        assert!(html.contains("&lt;oauth-page-done&gt;"));
        assert!(!html.contains("<oauth-page-done>"));
        assert!(!html.contains("<script"));
    }
}
