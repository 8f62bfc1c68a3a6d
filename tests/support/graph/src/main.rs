//! `switchboard-graph-standin [--port N]`: runs the Facebook stand-in (see the library
//! docs) until killed, printing `{"base":"http://127.0.0.1:PORT"}` on its first line.
//! `GRAPH_TOKEN_LOG=path` appends every issued token to `path` (for leak scans).

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut port = 0u16;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--port" => port = args.next().and_then(|p| p.parse().ok()).expect("--port N"),
            other => panic!("unknown argument {other}"),
        }
    }
    let config = switchboard_graph_standin::Config {
        token_log: std::env::var_os("GRAPH_TOKEN_LOG").map(Into::into),
        ..Default::default()
    };
    let standin = switchboard_graph_standin::start(config, port)
        .await
        .expect("bind the stand-in");
    println!("{}", serde_json::json!({ "base": standin.base }));
    let _ = tokio::signal::ctrl_c().await;
}
