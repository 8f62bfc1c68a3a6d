"""Hostile mail servers: one misbehaviour per listener, a few lines of asyncio each.

A mail server is untrusted input. Each behaviour below is what a broken server, a
hostile one or someone on the path does to a client; `run.py` points
`switchboard-cli mail-test` at one of them and checks what the user is told, how long it
takes and how much memory it needs. Certificates (a throwaway CA, a valid and an
expired server certificate for 127.0.0.1) are made at start with python3-cryptography.
"""

import asyncio
import datetime
import os
import ssl

CRLF = b"\r\n"
# Sign-in data the servers expect from run.py (any other password is refused).
USER = "hostile@switchboard.test"


# ---------------------------------------------------------------- certificates


def make_certs(directory):
    """Writes ca.pem, good.pem/key and expired.pem/key; returns their paths."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    import ipaddress

    now = datetime.datetime.now(datetime.timezone.utc)
    day = datetime.timedelta(days=1)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Hostile test CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - 400 * day)
        .not_valid_after(now + 400 * day)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .sign(ca_key, hashes.SHA256())
    )
    paths = {"ca": os.path.join(directory, "ca.pem")}
    with open(paths["ca"], "wb") as f:
        f.write(ca.public_bytes(serialization.Encoding.PEM))
    for name, (start, end) in {
        "good": (now - day, now + 30 * day),
        "expired": (now - 30 * day, now - day),
    }.items():
        key = ec.generate_private_key(ec.SECP256R1())
        cert = (
            x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
            .issuer_name(ca_name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(start)
            .not_valid_after(end)
            .add_extension(
                x509.SubjectAlternativeName(
                    [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
                ),
                critical=False,
            )
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False
            )
            .sign(ca_key, hashes.SHA256())
        )
        cert_path = os.path.join(directory, f"{name}.pem")
        key_path = os.path.join(directory, f"{name}.key")
        with open(cert_path, "wb") as f:
            f.write(cert.public_bytes(serialization.Encoding.PEM))
        with open(key_path, "wb") as f:
            f.write(
                key.private_bytes(
                    serialization.Encoding.PEM,
                    serialization.PrivateFormat.PKCS8,
                    serialization.NoEncryption(),
                )
            )
        paths[name] = (cert_path, key_path)
    return paths


def tls_context(pair):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(*pair)
    return ctx


# ---------------------------------------------------------------- helpers


async def line(reader):
    data = await reader.readline()
    if not data:
        raise ConnectionError("client left")
    return data.rstrip(b"\r\n")


async def send(writer, data):
    writer.write(data)
    await writer.drain()


async def forever(writer, chunk):
    """Sends `chunk` until the client goes away (an endless reply)."""
    while True:
        writer.write(chunk)
        await writer.drain()


async def silence():
    await asyncio.sleep(3600)


async def drip(writer, data, every=2.0):
    for b in data:
        await send(writer, bytes([b]))
        await asyncio.sleep(every)


# Binary noise with no line ending: a client waiting for a line must still stop in time.
GARBAGE = bytes(b for b in range(1, 32) if b not in (10, 13)) * 4 + b"\x16\x03\x01\xff\xfe garbage \x00\x7f"


# ---------------------------------------------------------------- IMAP


def imap_caps(extra=""):
    return f"* CAPABILITY IMAP4rev1 AUTH=PLAIN{extra}".encode()


async def imap_session(reader, writer, certs, folders=None, starttls=None, greeting=None):
    """A small IMAP server: enough of RFC 3501 for the diagnosis, with hooks."""
    await send(writer, greeting or b"* OK [CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN] hostile ready" + CRLF)
    while True:
        cmd = await line(reader)
        tag, _, rest = cmd.partition(b" ")
        verb = rest.split(b" ")[0].upper()
        if verb == b"CAPABILITY":
            await send(writer, imap_caps() + CRLF + tag + b" OK done" + CRLF)
        elif verb == b"STARTTLS":
            if starttls is None:
                await send(writer, tag + b" BAD no" + CRLF)
            else:
                reader, writer = await starttls(tag, reader, writer)
                if reader is None:
                    return
        elif verb == b"LOGIN":
            await send(writer, tag + b" NO [AUTHENTICATIONFAILED] wrong password" + CRLF)
        elif verb == b"LIST":
            await folders(writer)
            await send(writer, tag + b" OK LIST done" + CRLF)
        elif verb == b"LOGOUT":
            await send(writer, b"* BYE bye" + CRLF + tag + b" OK bye" + CRLF)
            return
        else:
            await send(writer, tag + b" BAD what" + CRLF)


async def imap_login_ok(reader, writer, certs, folders):
    """Accepts any LOGIN, then serves `folders` for LIST."""
    await send(writer, b"* OK hostile ready" + CRLF)
    while True:
        cmd = await line(reader)
        tag, _, rest = cmd.partition(b" ")
        verb = rest.split(b" ")[0].upper()
        if verb == b"CAPABILITY":
            await send(writer, imap_caps() + CRLF + tag + b" OK done" + CRLF)
        elif verb == b"LOGIN":
            await send(writer, tag + b" OK logged in" + CRLF)
        elif verb == b"LIST":
            await folders(writer)
            await send(writer, tag + b" OK LIST done" + CRLF)
        elif verb == b"LOGOUT":
            await send(writer, b"* BYE bye" + CRLF + tag + b" OK bye" + CRLF)
            return
        else:
            await send(writer, tag + b" BAD what" + CRLF)


def list_lines(names):
    async def serve(writer):
        batch = []
        for n in names:
            batch.append(b'* LIST (\\HasNoChildren) "/" ' + n + CRLF)
            if len(batch) >= 500:
                await send(writer, b"".join(batch))
                batch = []
        await send(writer, b"".join(batch))

    return serve


async def endless_list(writer):
    i = 0
    while True:
        writer.write(b"".join(b'* LIST () "/" "Folder %d"\r\n' % (i + k) for k in range(1000)))
        i += 1000
        await writer.drain()


def many_folders():
    names = [b"INBOX", b"Sent", b"R&AOk-clamations"]
    names += [b'"Dossier %05d"' % i for i in range(20_000 - len(names))]
    return list_lines(names)


BAD_UTF7 = list_lines(
    [b"INBOX", b"&A-", b"&&-", b"&!!!-", b"R&AOk-clamations", '"Caf\u00e9 brut"'.encode("utf-8")]
)


async def imap_plain_after_starttls(tag, reader, writer):
    await send(writer, tag + b" OK Begin TLS now" + CRLF)
    await reader.read(1)  # the ClientHello has started: answer it in plain text
    await send(writer, b"* OK this is not TLS" + CRLF)
    await asyncio.sleep(1)
    return None, None


def imap_inject_after_starttls(certs):
    async def upgrade(tag, reader, writer):
        # The OK and a forged untagged reply in one segment, then a real TLS handshake.
        await send(writer, tag + b" OK Begin TLS now" + CRLF + b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] injected" + CRLF)
        await writer.start_tls(tls_context(certs["good"]))
        return reader, writer

    return upgrade


async def tls_then(handler, reader, writer, pair):
    await writer.start_tls(tls_context(pair))
    await handler(reader, writer)


# ---------------------------------------------------------------- SMTP


async def smtp_session(reader, writer, certs, banner=None, ehlo=None, starttls=None, auth=None):
    await send(writer, banner or b"220 hostile.test ESMTP ready" + CRLF)
    while True:
        cmd = await line(reader)
        verb = cmd.split(b" ")[0].upper()
        if verb in (b"EHLO", b"HELO"):
            if ehlo is not None:
                await ehlo(writer)
            else:
                await send(writer, b"250-hostile.test\r\n250-STARTTLS\r\n250 AUTH PLAIN LOGIN" + CRLF)
        elif verb == b"STARTTLS":
            if starttls is None:
                await send(writer, b"454 4.7.0 TLS not available" + CRLF)
            else:
                reader, writer = await starttls(reader, writer)
                if reader is None:
                    return
        elif verb == b"AUTH":
            if auth is not None:
                await auth(reader, writer)
                return
            await send(writer, b"535 5.7.8 Authentication failed" + CRLF)
        elif verb == b"QUIT":
            await send(writer, b"221 bye" + CRLF)
            return
        else:
            await send(writer, b"502 what" + CRLF)


async def endless_ehlo(writer):
    await forever(writer, b"250-" + b"X" * 70 + CRLF)


async def login_only(writer):
    await send(writer, b"250-hostile.test\r\n250 AUTH LOGIN" + CRLF)


async def auth_loop(reader, writer):
    # "Username:" again and again: LOGIN answers each one, the server never concludes.
    while True:
        await send(writer, b"334 VXNlcm5hbWU6" + CRLF)
        await line(reader)


async def auth_drop(reader, writer):
    writer.close()


async def smtp_plain_after_starttls(reader, writer):
    await send(writer, b"220 2.0.0 Ready to start TLS" + CRLF)
    await reader.read(1)
    await send(writer, b"250 this is not TLS" + CRLF)
    await asyncio.sleep(1)
    return None, None


def smtp_inject_after_starttls(certs):
    async def upgrade(reader, writer):
        # The answer and forged replies in one segment, then a real TLS handshake over
        # which the real server refuses the password: a client that reads the forged 235
        # would report a sign-in that never happened.
        await send(
            writer,
            b"220 2.0.0 Ready to start TLS\r\n250-hostile.test\r\n250 AUTH PLAIN\r\n235 2.7.0 Authentication successful\r\n",
        )
        await writer.start_tls(tls_context(certs["good"]))
        return reader, writer

    return upgrade


# ---------------------------------------------------------------- the table

HUGE = 8 * 1024 * 1024


def behaviours(certs):
    """name -> handler(reader, writer)."""
    imap = lambda **kw: lambda r, w: imap_session(r, w, certs, **kw)  # noqa: E731
    smtp = lambda **kw: lambda r, w: smtp_session(r, w, certs, **kw)  # noqa: E731

    async def garbage(r, w):
        await send(w, GARBAGE)
        await silence()

    async def nothing(r, w):
        await silence()

    def huge(prefix):
        async def h(r, w):
            await send(w, prefix + b"A" * HUGE)
            await silence()

        return h

    def dripping(text):
        async def h(r, w):
            await drip(w, text)

        return h

    async def imap_close_after_greeting(r, w):
        await send(w, b"* OK hostile ready" + CRLF)
        w.close()

    async def imap_drop_at_login(r, w):
        await send(w, b"* OK hostile ready" + CRLF)
        while True:
            cmd = await line(r)
            tag, _, rest = cmd.partition(b" ")
            if rest.upper().startswith(b"LOGIN"):
                w.close()
                return
            await send(w, imap_caps() + CRLF + tag + b" OK done" + CRLF)

    async def smtp_close_after_banner(r, w):
        await send(w, b"220 hostile.test ESMTP ready" + CRLF)
        w.close()

    async def tls_stall(r, w):
        await r.read(1)  # a ClientHello arrives; no answer ever
        await silence()

    async def imap_expired(r, w):
        await tls_then(lambda r2, w2: imap_session(r2, w2, certs), r, w, certs["expired"])

    async def smtp_expired(r, w):
        await tls_then(lambda r2, w2: smtp_session(r2, w2, certs), r, w, certs["expired"])

    return {
        # IMAP
        "imap-garbage": garbage,
        "imap-no-greeting": nothing,
        "imap-huge-line": huge(b"* OK "),
        "imap-drip": dripping(b"* OK hostile ready" + CRLF),
        "imap-close-after-greeting": imap_close_after_greeting,
        "imap-drop-at-login": imap_drop_at_login,
        "imap-20000-folders": lambda r, w: imap_login_ok(r, w, certs, many_folders()),
        "imap-endless-list": lambda r, w: imap_login_ok(r, w, certs, endless_list),
        "imap-bad-utf7": lambda r, w: imap_login_ok(r, w, certs, BAD_UTF7),
        "imap-starttls-refused": imap(),
        "imap-starttls-plain": imap(starttls=imap_plain_after_starttls),
        "imap-starttls-injection": imap(starttls=imap_inject_after_starttls(certs)),
        "imap-expired-cert": imap_expired,
        "imap-tls-stall": tls_stall,
        # SMTP
        "smtp-garbage": garbage,
        "smtp-no-greeting": nothing,
        "smtp-huge-line": huge(b"220 "),
        "smtp-drip": dripping(b"220 hostile.test ESMTP" + CRLF),
        "smtp-554-banner": smtp(banner=b"554 5.3.2 go away" + CRLF),
        "smtp-close-after-banner": smtp_close_after_banner,
        "smtp-endless-ehlo": smtp(ehlo=endless_ehlo),
        "smtp-drop-at-auth": smtp(auth=auth_drop),
        "smtp-auth-loop": smtp(ehlo=login_only, auth=auth_loop),
        "smtp-starttls-refused": smtp(),
        "smtp-starttls-plain": smtp(starttls=smtp_plain_after_starttls),
        "smtp-starttls-injection": smtp(starttls=smtp_inject_after_starttls(certs)),
        "smtp-expired-cert": smtp_expired,
        "smtp-tls-stall": tls_stall,
    }


async def serve(name, certs):
    """Starts the listener for one behaviour on 127.0.0.1; returns (server, port)."""
    handler = behaviours(certs)[name]

    async def guarded(reader, writer):
        try:
            await handler(reader, writer)
        except (ConnectionError, ssl.SSLError, asyncio.IncompleteReadError, OSError):
            pass  # the client gave up: that is the point
        finally:
            try:
                writer.close()
            except Exception:
                pass

    server = await asyncio.start_server(guarded, "127.0.0.1", 0, limit=1 << 20)
    return server, server.sockets[0].getsockname()[1]
