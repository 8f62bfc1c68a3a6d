//! The byte streams under the IMAP and SMTP clients. `Tap` records what the server sends
//! (above TLS, so it is readable) so every step can show the server's own reply without
//! the client crates having to expose it. `Slot` lets lettre talk over a stream that we
//! take back for the STARTTLS handshake, so both protocols use one TLS setup (ours).

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio_rustls::client::TlsStream;

/// What the server said since the last `take()`, and how much of it: a server is
/// untrusted input, so what one step may read is capped (`ReplyLog::set_limit`) and only
/// the first `KEPT` bytes are kept for the report. An endless LIST or EHLO continuation
/// then ends in "reply too long" instead of gigabytes held in memory.
#[derive(Debug, Clone, Default)]
pub struct ReplyLog(Arc<Mutex<LogInner>>);

#[derive(Debug, Default)]
struct LogInner {
    kept: Vec<u8>,
    /// Bytes read in this step, kept or not.
    total: usize,
    /// 0: the default limit.
    limit: usize,
    /// What a step may read unless it says otherwise; 0: `STEP_BYTES`.
    default_limit: usize,
    overflowed: bool,
    /// The server closed the connection (a read returned no bytes) during this step.
    eof: bool,
}

impl LogInner {
    fn limit(&self) -> usize {
        [self.limit, self.default_limit, STEP_BYTES]
            .into_iter()
            .find(|n| *n != 0)
            .unwrap_or(STEP_BYTES)
    }
}

/// Replies longer than this are cut: a LIST of thousands of folders is not a message.
const MAX_REPLY: usize = 4096;
/// What a step keeps of the server's words (more than shown, so `peek` can still find
/// a capability or a status line in a long reply).
const KEPT: usize = 64 * 1024;
/// What a step may read, unless it says otherwise: a greeting, EHLO or LOGIN reply is a
/// few hundred bytes; one mebibyte is generous and still small.
pub const STEP_BYTES: usize = 1024 * 1024;

impl ReplyLog {
    /// Starts a new step: forgets what was read and restores the default limit.
    pub fn clear(&self) {
        let mut inner = self.0.lock().unwrap();
        *inner = LogInner {
            default_limit: inner.default_limit,
            ..LogInner::default()
        };
    }
    /// What every later step may read, unless it raises its own limit.
    pub fn set_default_limit(&self, bytes: usize) {
        self.0.lock().unwrap().default_limit = bytes;
    }
    /// Raises (or lowers) what the current step may read (LIST of many folders).
    pub fn set_limit(&self, bytes: usize) {
        self.0.lock().unwrap().limit = bytes;
    }
    /// What was read so far in this step (the kept part), without consuming it.
    pub fn peek(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap().kept).into_owned()
    }
    /// Whether the step read more than it may.
    pub fn overflowed(&self) -> bool {
        self.0.lock().unwrap().overflowed
    }
    /// Whether the server closed the connection during this step.
    pub fn saw_eof(&self) -> bool {
        self.0.lock().unwrap().eof
    }
    /// What the current step may read.
    pub fn limit(&self) -> usize {
        self.0.lock().unwrap().limit()
    }
    /// Bytes read in this step.
    pub fn total(&self) -> usize {
        self.0.lock().unwrap().total
    }
    pub fn take(&self) -> Option<String> {
        let bytes = std::mem::take(&mut self.0.lock().unwrap().kept);
        if bytes.is_empty() {
            return None;
        }
        let mut text = String::from_utf8_lossy(&bytes).into_owned();
        if text.len() > MAX_REPLY {
            let mut cut = MAX_REPLY;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            text.truncate(cut);
            text.push_str("\n…");
        }
        Some(text)
    }
    /// Records bytes read; false once the step has read more than its limit.
    fn push(&self, bytes: &[u8]) -> bool {
        let mut inner = self.0.lock().unwrap();
        if bytes.is_empty() {
            inner.eof = true;
        }
        inner.total += bytes.len();
        let room = KEPT.saturating_sub(inner.kept.len());
        let keep = &bytes[..bytes.len().min(room)];
        inner.kept.extend_from_slice(keep);
        if inner.total > inner.limit() {
            inner.overflowed = true;
        }
        !inner.overflowed
    }
}

/// Whether an error (or one of its causes) is the connection going away: a reset, a
/// broken pipe, an end of stream in the middle of a reply.
pub fn disconnected(e: &(dyn std::error::Error + 'static)) -> bool {
    use io::ErrorKind::*;
    let mut cur = Some(e);
    while let Some(err) = cur {
        if let Some(io) = err.downcast_ref::<io::Error>() {
            if matches!(
                io.kind(),
                ConnectionReset | ConnectionAborted | BrokenPipe | UnexpectedEof | NotConnected
            ) {
                return true;
            }
        }
        cur = err.source();
    }
    false
}

/// The error a read returns once a step has read more than it may.
pub fn too_long() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, "reply too long")
}

/// Removes secrets (and their base64 forms, as sent by AUTH PLAIN/LOGIN) from a reply.
/// Servers rarely echo credentials, but a misbehaving one could, and replies end up in
/// screenshots and bug reports.
pub fn scrub(text: &str, secrets: &[String]) -> String {
    let mut out = text.to_owned();
    for s in secrets.iter().filter(|s| s.len() >= 3) {
        for form in [s.clone(), b64(s.as_bytes())] {
            if out.contains(&form) {
                out = out.replace(&form, switchboard_core::sensitive::REDACTED);
            }
        }
    }
    out
}

/// Standard base64 with padding, as SASL sends credentials.
pub(crate) fn b64(input: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in input.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(T[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[derive(Debug)]
pub enum Conn {
    Plain(TcpStream),
    Tls(Box<TlsStream<TcpStream>>),
}

impl Conn {
    pub fn peer_addr(&self) -> io::Result<SocketAddr> {
        match self {
            Conn::Plain(s) => s.peer_addr(),
            Conn::Tls(s) => s.get_ref().0.peer_addr(),
        }
    }
}

/// A connection whose incoming bytes are copied to a `ReplyLog`.
#[derive(Debug)]
pub struct Tap {
    pub conn: Conn,
    log: ReplyLog,
}

impl Tap {
    pub fn new(conn: Conn, log: ReplyLog) -> Tap {
        Tap { conn, log }
    }
    pub fn into_parts(self) -> (Conn, ReplyLog) {
        (self.conn, self.log)
    }
}

impl AsyncRead for Tap {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        let r = match &mut this.conn {
            Conn::Plain(s) => Pin::new(s).poll_read(cx, buf),
            Conn::Tls(s) => Pin::new(s.as_mut()).poll_read(cx, buf),
        };
        if let Poll::Ready(Ok(())) = r {
            if !this.log.push(&buf.filled()[before..]) {
                return Poll::Ready(Err(too_long()));
            }
        }
        r
    }
}

impl AsyncWrite for Tap {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<io::Result<usize>> {
        match &mut self.get_mut().conn {
            Conn::Plain(s) => Pin::new(s).poll_write(cx, data),
            Conn::Tls(s) => Pin::new(s.as_mut()).poll_write(cx, data),
        }
    }
    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match &mut self.get_mut().conn {
            Conn::Plain(s) => Pin::new(s).poll_flush(cx),
            Conn::Tls(s) => Pin::new(s.as_mut()).poll_flush(cx),
        }
    }
    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match &mut self.get_mut().conn {
            Conn::Plain(s) => Pin::new(s).poll_shutdown(cx),
            Conn::Tls(s) => Pin::new(s.as_mut()).poll_shutdown(cx),
        }
    }
}

/// A stream lettre can own while we keep a handle on it: lettre's connection object does
/// not give its stream back, and STARTTLS must upgrade that very TCP connection with our
/// TLS setup. `pending` holds bytes read but not handed to lettre yet (first the banner
/// we read ourselves). Lettre is handed at most one line per read, so its own buffer
/// never holds bytes past the reply it asked for: whatever a server (or anyone on the
/// path) sends after `220 Ready to start TLS` stays here, where `take_unread` finds it,
/// instead of being read later as if it had come over TLS (RFC 3207 §6).
#[derive(Debug, Clone)]
pub struct Slot(Arc<Mutex<SlotInner>>);

#[derive(Debug)]
struct SlotInner {
    pending: Vec<u8>,
    stream: Option<Tap>,
}

fn gone() -> io::Error {
    io::Error::new(
        io::ErrorKind::NotConnected,
        "stream taken for the TLS upgrade",
    )
}

impl Slot {
    pub fn new(stream: Tap, replay: Vec<u8>) -> Slot {
        Slot(Arc::new(Mutex::new(SlotInner {
            pending: replay,
            stream: Some(stream),
        })))
    }
    pub fn take_stream(&self) -> Option<Tap> {
        self.0.lock().unwrap().stream.take()
    }
    pub fn put_stream(&self, stream: Tap) {
        self.0.lock().unwrap().stream = Some(stream);
    }
    /// Bytes received but not read by lettre yet (and forgets them).
    pub fn take_unread(&self) -> Vec<u8> {
        std::mem::take(&mut self.0.lock().unwrap().pending)
    }
}

impl AsyncRead for Slot {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let mut guard = self.0.lock().unwrap();
        let inner = &mut *guard;
        loop {
            if !inner.pending.is_empty() {
                // Up to the end of the first line (or all of a partial line).
                let end = inner
                    .pending
                    .iter()
                    .position(|b| *b == b'\n')
                    .map_or(inner.pending.len(), |i| i + 1);
                let n = end.min(buf.remaining());
                buf.put_slice(&inner.pending[..n]);
                inner.pending.drain(..n);
                return Poll::Ready(Ok(()));
            }
            let Some(stream) = inner.stream.as_mut() else {
                return Poll::Ready(Err(gone()));
            };
            let mut chunk = [0u8; 4096];
            let mut rb = ReadBuf::new(&mut chunk);
            match Pin::new(stream).poll_read(cx, &mut rb) {
                Poll::Ready(Ok(())) if rb.filled().is_empty() => return Poll::Ready(Ok(())),
                Poll::Ready(Ok(())) => inner.pending.extend_from_slice(rb.filled()),
                other => return other,
            }
        }
    }
}

impl AsyncWrite for Slot {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<io::Result<usize>> {
        match self.0.lock().unwrap().stream.as_mut() {
            Some(s) => Pin::new(s).poll_write(cx, data),
            None => Poll::Ready(Err(gone())),
        }
    }
    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.0.lock().unwrap().stream.as_mut() {
            Some(s) => Pin::new(s).poll_flush(cx),
            None => Poll::Ready(Ok(())),
        }
    }
    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.0.lock().unwrap().stream.as_mut() {
            Some(s) => Pin::new(s).poll_shutdown(cx),
            None => Poll::Ready(Ok(())),
        }
    }
}

impl lettre::transport::smtp::client::AsyncTokioStream for Slot {
    fn peer_addr(&self) -> io::Result<SocketAddr> {
        match self.0.lock().unwrap().stream.as_ref() {
            Some(s) => s.conn.peer_addr(),
            None => Err(gone()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard_alphabet() {
        assert_eq!(b64(b"\0alice\0pw"), "AGFsaWNlAHB3");
        assert_eq!(b64(b"ab"), "YWI=");
        assert_eq!(b64(b"a"), "YQ==");
    }

    #[test]
    fn scrub_removes_plain_and_base64_secrets() {
        let secrets = vec!["hunter2".to_owned()];
        let text = format!("334 {} and hunter2", b64(b"hunter2"));
        let out = scrub(&text, &secrets);
        assert!(
            !out.contains("hunter2") && !out.contains(&b64(b"hunter2")),
            "{out}"
        );
        assert!(out.contains("<redacted>"));
    }

    #[test]
    fn long_replies_are_cut_on_a_char_boundary() {
        let log = ReplyLog::default();
        log.push("é".repeat(5000).as_bytes());
        let t = log.take().unwrap();
        assert!(t.len() < 4200 && t.ends_with('…'));
        assert!(log.take().is_none());
    }
}
