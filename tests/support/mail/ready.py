"""Waits until every throwaway mail service answers a real login (Dovecot starts its auth
process lazily, Postfix takes ~2 s), so tests never race the harness."""
import imaplib, smtplib, ssl, sys, time

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

deadline = time.time() + 20
for check in (imaps, imap_starttls, imap_plain, submission, smtps):
    while True:
        try:
            check(); print("ready:", check.__name__); break
        except Exception as e:  # noqa: BLE001 — any failure means "not yet"
            if time.time() > deadline:
                print("not ready:", check.__name__, repr(e)); sys.exit(1)
            time.sleep(0.1)
