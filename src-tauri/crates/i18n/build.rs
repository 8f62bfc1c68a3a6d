//! Each area keeps its own Fluent file (`src-tauri/i18n/<lang>/<area>.ftl`) so that work on
//! one area never conflicts with another; i18n-embed loads one file per language, so the
//! build joins them into `$OUT_DIR/i18n/<lang>/switchboard.ftl`. The UI imports the same
//! per-area files directly (ui/src/lib/i18n.ts): one source of strings.

use std::{fs, path::Path};

fn main() {
    // Read when the script runs, not when it was compiled: a build script reused from
    // another checkout (a copied target dir) must still read this checkout's files.
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it");
    let src = Path::new(&manifest).join("../../i18n");
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("i18n");
    println!("cargo:rerun-if-changed={}", src.display());
    for lang in fs::read_dir(&src).expect("src-tauri/i18n exists") {
        let lang = lang.unwrap().path();
        if !lang.is_dir() {
            continue;
        }
        println!("cargo:rerun-if-changed={}", lang.display());
        let mut files: Vec<_> = fs::read_dir(&lang)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
            .collect();
        files.sort();
        let mut joined = String::new();
        for f in files {
            println!("cargo:rerun-if-changed={}", f.display());
            joined.push_str(&format!(
                "\n## ---- {} ----\n",
                f.file_name().unwrap().to_string_lossy()
            ));
            joined.push_str(&fs::read_to_string(&f).unwrap());
            joined.push('\n');
        }
        let dir = out.join(lang.file_name().unwrap());
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("switchboard.ftl"), joined).unwrap();
    }
}
