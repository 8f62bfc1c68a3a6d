"""Waits until every throwaway mail service answers a real login (Dovecot starts its auth
process lazily, Postfix takes ~2 s), so tests never race the harness. With the
authorization server, an XOAUTH2 login on IMAP and SMTP too (token introspection)."""
import base64, imaplib, json, smtplib, ssl, sys, time, urllib.parse, urllib.request

env = dict(l.strip().split("=", 1) for l in open(sys.argv[1]) if "=" in l)
host, user, pw = env["SWITCHBOARD_MAIL_HOST"], env["SWITCHBOARD_MAIL_USER"], env["SWITCHBOARD_MAIL_PASSWORD"]
ctx = ssl.create_default_context(cafile=env["SWITCHBOARD_MAIL_CA"])
ctx.check_hostname = False  # we connect by IP; the cert names localhost and 127.0.0.1 anyway

def imaps():
    c = imaplib.IMAP4_SSL(host, int(env["SWITCHBOARD_MAIL_IMAPS_PORT"]), ssl_context=ctx, timeout=3); c.login(user, pw); c.logout()
def imap_starttls():
    c = imaplib.IMAP4(host, int(env["SWITCHBOARD_MAIL_IMAP_STARTTLS_PORT"]), timeout=3); c.starttls(ssl_context=ctx); c.login(user, pw); c.logout()
def imap_plain():
    c = imaplib.IMAP4(host, int(env["SWITCHBOARD_MAIL_IMAP_PLAIN_PORT"]), timeout=3); c.login(user, pw); c.logout()
def submission():
    c = smtplib.SMTP(host, int(env["SWITCHBOARD_MAIL_SUBMISSION_PORT"]), timeout=3); c.starttls(context=ctx); c.login(user, pw); c.quit()
def smtps():
    c = smtplib.SMTP_SSL(host, int(env["SWITCHBOARD_MAIL_SMTPS_PORT"]), context=ctx, timeout=3); c.login(user, pw); c.quit()

oauth = env.get("SWITCHBOARD_MAIL_OAUTH_BASE", "")
def xoauth2_string():
    body = urllib.parse.urlencode({"account": user}).encode()
    with urllib.request.urlopen(oauth + "/_test/mint", body, timeout=3) as r:
        token = json.load(r)["access_token"]
    return f"user={user}\x01auth=Bearer {token}\x01\x01"
def imaps_xoauth2():
    s = xoauth2_string()
    c = imaplib.IMAP4_SSL(host, int(env["SWITCHBOARD_MAIL_IMAPS_PORT"]), ssl_context=ctx, timeout=3)
    c.authenticate("XOAUTH2", lambda _: s.encode()); c.logout()
def submission_xoauth2():
    s = xoauth2_string()
    c = smtplib.SMTP(host, int(env["SWITCHBOARD_MAIL_SUBMISSION_PORT"]), timeout=3); c.starttls(context=ctx); c.ehlo()
    code, reply = c.docmd("AUTH", "XOAUTH2 " + base64.b64encode(s.encode()).decode())
    if code != 235: raise RuntimeError(f"{code} {reply!r}")
    c.quit()

checks = [imaps, imap_starttls, imap_plain, submission, smtps]
if oauth:
    checks += [imaps_xoauth2, submission_xoauth2]
deadline = time.time() + 20
for check in checks:
    while True:
        try:
            check(); print("ready:", check.__name__); break
        except Exception as e:  # noqa: BLE001 — any failure means "not yet"
            if time.time() > deadline:
                print("not ready:", check.__name__, repr(e)); sys.exit(1)
            time.sleep(0.1)
