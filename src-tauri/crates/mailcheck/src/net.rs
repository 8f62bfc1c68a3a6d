//! Resolve and connect, the first two steps of both protocols.

use crate::explain;
use crate::report::Protocol;
use crate::settings::Timeouts;
use crate::step::{Done, Failure, Recorder, Stop};
use std::net::SocketAddr;
use switchboard_core::Msg;
use tokio::net::TcpStream;

/// The `<proto>.resolve` and `<proto>.connect` steps, recorded: what both protocols do
/// before anything protocol-specific.
pub async fn resolve_and_connect(
    proto: Protocol,
    host: &str,
    port: u16,
    rec: &mut Recorder<'_>,
    t: &Timeouts,
) -> Result<TcpStream, Stop> {
    let addrs = rec
        .run(
            &format!("{proto}.resolve"),
            t.step(),
            |d| explain::step_timeout(proto, d),
            async {
                let a = resolve(proto, host, port).await?;
                let note = Msg::new("mailcheck-note-resolved").arg("addresses", list_addrs(&a));
                Ok((a, Done::note(note)))
            },
        )
        .await?;
    rec.run(
        &format!("{proto}.connect"),
        t.connect(),
        |d| explain::connect_timeout(proto, d),
        async {
            let tcp = connect(proto, &addrs).await?;
            let peer = tcp.peer_addr().map(|a| a.to_string()).unwrap_or_default();
            Ok((
                tcp,
                Done::note(Msg::new("mailcheck-note-connected").arg("address", peer)),
            ))
        },
    )
    .await
}

pub async fn resolve(proto: Protocol, host: &str, port: u16) -> Result<Vec<SocketAddr>, Failure> {
    let host = host.trim();
    if host.is_empty() {
        return Err(explain::bad_host(proto, host));
    }
    if port == 0 {
        return Err(explain::bad_port(proto));
    }
    let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host, port))
        .await
        .map_err(|e| explain::resolve(proto, host).with_reply(e.to_string()))?
        .collect();
    if addrs.is_empty() {
        return Err(explain::resolve(proto, host));
    }
    Ok(addrs)
}

/// Tries each address in turn (IPv6 and IPv4 as the resolver ordered them); the step's
/// timeout bounds the whole attempt.
pub async fn connect(proto: Protocol, addrs: &[SocketAddr]) -> Result<TcpStream, Failure> {
    let mut last = None;
    for addr in addrs {
        match TcpStream::connect(addr).await {
            Ok(s) => {
                let _ = s.set_nodelay(true);
                return Ok(s);
            }
            Err(e) => last = Some((addr, e)),
        }
    }
    let (addr, e) = last.expect("at least one address");
    Err(explain::connect(proto, &e).with_reply(format!("{addr}: {e}")))
}

pub fn list_addrs(addrs: &[SocketAddr]) -> String {
    addrs
        .iter()
        .map(|a| a.ip().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
