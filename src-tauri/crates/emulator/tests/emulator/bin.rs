//! The binary: prints its URL first, serves, stops on SIGTERM.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[test]
fn prints_its_url_first_and_stops_on_sigterm() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_switchboard-emulator"))
        .args([
            "--port",
            "0",
            "--sources",
            "20",
            "--seed",
            "7",
            "--rate-limit",
            "50/6",
            "--token",
            "given-token",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let url = lines.next().unwrap().unwrap();
    assert!(
        url.starts_with("http://127.0.0.1:") && url.ends_with("/1.0"),
        "{url}"
    );
    let admin = lines.next().unwrap().unwrap();
    assert!(admin.starts_with("admin given-token "), "{admin}");
    let reader = lines.next().unwrap().unwrap();
    assert!(reader.starts_with("reader "), "{reader}");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let status = rt.block_on(async {
        reqwest::Client::new()
            .get(format!("{url}/content_sources"))
            .bearer_auth("given-token")
            .send()
            .await
            .unwrap()
            .status()
    });
    assert_eq!(status, 200);
    let pid = child.id().to_string();
    assert!(Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
    let exit = child.wait().unwrap();
    assert!(exit.success(), "{exit:?}");
}
