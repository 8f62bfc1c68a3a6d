//! Text for a terminal. Channel names come from files and folder names and replies from
//! mail servers: printed raw, an ESC sequence clears the screen, a CR or LF forges rows
//! and a right-to-left override reverses what follows. Every value that did not come
//! from our own Fluent files goes through `escape` before it is printed, and every line
//! goes out through `out`/`err`, which also stop quietly on a closed pipe
//! (`list --json | head`), the way ripgrep does, instead of panicking in `println!`.

use std::fmt::Write as _;
use std::io::Write;

/// `println!` through `out`: escaped leftovers, quiet on a closed pipe.
#[macro_export]
macro_rules! outln {
    ($($t:tt)*) => { $crate::term::out(format!($($t)*)) };
}

/// `eprintln!` through `err`.
#[macro_export]
macro_rules! errln {
    ($($t:tt)*) => { $crate::term::err(format!($($t)*)) };
}

/// Bidi controls: embeddings, overrides, isolates and marks. Legitimate inside
/// right-to-left text, but on a terminal line they reorder what surrounds them.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A value (a name, a path, a server's reply line) made safe for one line of text:
/// control characters as `\e`, `\n`, `\x07`..., bidi controls and line separators as
/// `<U+202E>`. Printable text, accents and scripts of every language pass unchanged.
pub fn escape(value: &str) -> String {
    if !value.chars().any(needs_escape) {
        return value.to_owned();
    }
    let mut out = String::with_capacity(value.len() + 8);
    for c in value.chars() {
        push_escaped(&mut out, c, false);
    }
    out
}

fn needs_escape(c: char) -> bool {
    c.is_control() || is_bidi_control(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

fn push_escaped(out: &mut String, c: char, keep_newlines: bool) {
    match c {
        '\n' if keep_newlines => out.push('\n'),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\u{1b}' => out.push_str("\\e"),
        c if c.is_control() => {
            let _ = write!(out, "\\x{:02x}", c as u32);
        }
        c if needs_escape(c) => {
            let _ = write!(out, "<U+{:04X}>", c as u32);
        }
        c => out.push(c),
    }
}

/// A whole block of our own output (it may span lines): anything unprintable that got
/// into it anyway is escaped; line breaks stay.
fn block(text: &str) -> String {
    if !text.chars().any(|c| c != '\n' && needs_escape(c)) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_escaped(&mut out, c, true);
    }
    out
}

fn write_or_quit(mut w: impl Write, text: &str) {
    if let Err(e) = writeln!(w, "{}", block(text)).and_then(|()| w.flush()) {
        quit(e);
    }
}

/// Prints one line (or block) to stdout.
pub fn out(text: impl AsRef<str>) {
    write_or_quit(std::io::stdout().lock(), text.as_ref());
}

/// Prints a JSON document to stdout exactly as serialized: serde_json already escapes
/// control characters, and a JSON reader needs the values unaltered.
pub fn out_json(value: &impl serde::Serialize) {
    let text = serde_json::to_string_pretty(value).expect("JSON values serialize");
    let mut w = std::io::stdout().lock();
    if let Err(e) = writeln!(w, "{text}").and_then(|()| w.flush()) {
        quit(e);
    }
}

fn quit(e: std::io::Error) -> ! {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        // The reader went away (`| head`): nothing left to say, and no one to say it to.
        std::process::exit(0);
    }
    let _ = writeln!(std::io::stderr(), "{e}");
    std::process::exit(1);
}

/// Prints one line (or block) to stderr.
pub fn err(text: impl AsRef<str>) {
    write_or_quit(std::io::stderr().lock(), text.as_ref());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_and_bidi_overrides_are_made_visible() {
        assert_eq!(escape("a\u{1b}[2Jb"), "a\\e[2Jb");
        assert_eq!(escape("x\r\nfake row"), "x\\r\\nfake row");
        assert_eq!(escape("bell\u{7}\0"), "bell\\x07\\x00");
        assert_eq!(escape("abc\u{202E}txt.exe"), "abc<U+202E>txt.exe");
        assert_eq!(escape("\u{2066}x\u{2069}"), "<U+2066>x<U+2069>");
    }

    #[test]
    fn printable_text_of_any_script_is_unchanged() {
        for s in ["Réclamations", "日本語", "שלום עולם", "مرحبا", "👍🏽 ok"] {
            assert_eq!(escape(s), s);
        }
    }

    #[test]
    fn blocks_keep_their_line_breaks_but_nothing_else_unprintable() {
        assert_eq!(block("one\ntwo"), "one\ntwo");
        assert_eq!(block("one\u{1b}c\ntwo\r"), "one\\ec\ntwo\\r");
    }
}
