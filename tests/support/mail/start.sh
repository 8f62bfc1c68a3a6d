#!/usr/bin/env bash
# Starts throwaway mail servers on loopback for Switchboard's real-server tests:
#   - Dovecot "tls":   IMAP with STARTTLS (imap_port) and implicit TLS (imaps_port)
#   - Dovecot "plain": IMAP with ssl = no (imap_plain_port) — "STARTTLS not offered",
#                      "TLS spoken to a plaintext port"
#   - Postfix:         submission (STARTTLS required), smtps (implicit TLS), a plain port
#                      without TLS; SASL through Dovecot's auth socket; mail for the test
#                      domain is delivered into the Dovecot mailbox (dovecot-lda), so a
#                      message sent over SMTP can be fetched back over IMAP.
#   - a port that accepts TCP and never speaks (silent_port), a port nothing listens on
#     (closed_port).
# Everything lives under one temp dir; no file under /etc is read or written.
# Usage: start.sh [DIR]   → prints the path of the env file (DIR/mail.env) on stdout.
# Needs root (Postfix), dovecot-imapd, postfix, openssl, python3.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
D="${1:-$(mktemp -d /tmp/switchboard-mail.XXXXXX)}"
mkdir -p "$D"
D="$(cd "$D" && pwd)"
# Dovecot's imap processes and dovecot-lda run as the mail user (nobody): they must be
# able to walk into the test dir.
chmod 755 "$D"
log() { echo "[mail-harness] $*" >&2; }

for bin in dovecot openssl python3 /usr/lib/postfix/sbin/master /usr/lib/dovecot/dovecot-lda; do
  command -v "$bin" >/dev/null 2>&1 || { log "missing: $bin (apt-get install --no-install-recommends dovecot-imapd postfix openssl)"; exit 3; }
done
[ "$(id -u)" = 0 ] || { log "Postfix needs root"; exit 3; }

# --- free ports (bound then released; collisions are unlikely on a test machine) -------
read -r IMAP_PORT IMAPS_PORT IMAP_PLAIN_PORT SMTP_PLAIN_PORT SUBMISSION_PORT SMTPS_PORT SILENT_PORT CLOSED_PORT < <(
python3 - <<'PY'
import socket
socks=[]
for _ in range(8):
    s=socket.socket(); s.bind(("127.0.0.1",0)); socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
PY
)

# --- an authorization server for XOAUTH2 (Microsoft-shaped oidc-provider) -------------
# Dovecot validates XOAUTH2/OAUTHBEARER tokens through its introspection endpoint, so it
# must run before Dovecot starts: started here (node takes ~1 s), waited for below, while
# the certificates are made. Without node or the harness's node_modules it is left out
# (the XOAUTH2 tests then skip, or fail under SWITCHBOARD_REQUIRE_REAL_SERVERS=1).
OAUTH_BASE=""
OAUTH_DIR="$HERE/../oauth"
OAUTH_ON=0
if command -v node >/dev/null 2>&1 && [ -d "$OAUTH_DIR/node_modules/oidc-provider" ]; then
  # Every token it issues is listed in oauth-tokens.txt: the leak scans' needles.
  OAUTH_MINT=1 OAUTH_TOKEN_LOG="$D/oauth-tokens.txt" \
    node "$OAUTH_DIR/server.mjs" microsoft </dev/null >"$D/oauth.out" 2>"$D/oauth.log" &
  echo $! >"$D/oauth.pid"
  OAUTH_ON=1
elif [ "${SWITCHBOARD_REQUIRE_REAL_SERVERS:-0}" = 1 ]; then
  log "missing: node + tests/support/oauth/node_modules (npm --prefix tests/support/oauth install)"; exit 3
else
  log "no node + tests/support/oauth/node_modules: XOAUTH2 left out"
fi

# --- throwaway CA and server certificate for localhost / 127.0.0.1 / ::1 ---------------
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Switchboard Test CA" \
  -keyout "$D/ca.key" -out "$D/ca.pem" >"$D/openssl.log" 2>&1
openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
  -keyout "$D/server.key" -out "$D/server.csr" >>"$D/openssl.log" 2>&1
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' >"$D/server.ext"
openssl x509 -req -in "$D/server.csr" -CA "$D/ca.pem" -CAkey "$D/ca.key" -CAcreateserial \
  -days 2 -extfile "$D/server.ext" -out "$D/server.crt" >>"$D/openssl.log" 2>&1
# dovecot-lda runs as nobody and parses the whole config, ssl_key included.
chmod 644 "$D/server.key"

# --- the mailbox user -------------------------------------------------------------------
USER_NAME="alice@switchboard.test"
USER_PASS="s3cret-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
MAIL_UID=$(id -u nobody); MAIL_GID=$(id -g nobody)
mkdir -p "$D/mail" && chown "$MAIL_UID:$MAIL_GID" "$D/mail"
printf '%s:{PLAIN}%s:%s:%s::%s/mail/%s::\n' "$USER_NAME" "$USER_PASS" "$MAIL_UID" "$MAIL_GID" "$D" "$USER_NAME" >"$D/users"
chmod 644 "$D/users"

# The authorization server's address (it prints one JSON line once listening).
if [ "$OAUTH_ON" = 1 ]; then
  for _ in $(seq 100); do
    OAUTH_BASE=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["microsoft"])' "$D/oauth.out" 2>/dev/null) && break
    OAUTH_BASE=""
    sleep 0.1
  done
  [ -n "$OAUTH_BASE" ] || {
    log "the authorization server did not start:"; cat "$D/oauth.log" >&2
    kill "$(cat "$D/oauth.pid")" 2>/dev/null; exit 1; }
fi

# Dovecot also listens on 127.0.0.2 (any 127/8 address is loopback on Linux): the
# certificate does not name it, which gives a real "name mismatch" case. ::1 only where
# the machine has IPv6 on loopback.
LISTEN="127.0.0.1, 127.0.0.2"
if python3 -c 'import socket; s=socket.socket(socket.AF_INET6); s.bind(("::1",0))' 2>/dev/null; then
  LISTEN="$LISTEN, ::1"
fi

dovecot_conf() { # name ssl(yes|no) listeners...
  local name=$1 ssl=$2 listeners=$3
  mkdir -p "$D/dovecot-$name"
  cat >"$D/dovecot-$name.conf" <<CONF
base_dir = $D/dovecot-$name/run
state_dir = $D/dovecot-$name/state
instance_name = switchboard-$name
log_path = $D/dovecot-$name.log
protocols = imap
listen = $LISTEN
ssl = $ssl
$( [ "$ssl" = yes ] && printf 'ssl_cert = <%s/server.crt\nssl_key = <%s/server.key\n' "$D" "$D" )
# Loopback counts as secure for Dovecot anyway (TESTING.md pitfall 5).
disable_plaintext_auth = no
auth_mechanisms = plain login$( [ -n "$OAUTH_BASE" ] && printf ' xoauth2 oauthbearer' )
auth_failure_delay = 0
first_valid_uid = 1
default_internal_user = dovecot
default_login_user = dovenull
postmaster_address = postmaster@switchboard.test
passdb {
  driver = passwd-file
  mechanisms = plain login
  args = scheme=PLAIN username_format=%u $D/users
}
$( [ -n "$OAUTH_BASE" ] && printf 'passdb {\n  driver = oauth2\n  mechanisms = xoauth2 oauthbearer\n  args = %s/dovecot-oauth2.conf.ext\n}\n' "$D" )
userdb {
  driver = passwd-file
  args = username_format=%u $D/users
}
mail_location = maildir:~/Maildir
namespace inbox {
  inbox = yes
  separator = /
  mailbox Sent {
    special_use = \\Sent
    auto = create
  }
  mailbox Drafts {
    special_use = \\Drafts
    auto = create
  }
  mailbox Réclamations {
    auto = create
  }
  mailbox 日本語 {
    auto = create
  }
}
service imap-login {
$listeners
}
# A failed login must not slow the next test down (TESTING.md pitfall 2).
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
service auth {
  unix_listener auth-postfix {
    mode = 0666
  }
  unix_listener auth-userdb {
    mode = 0666
  }
}
service stats {
  unix_listener stats-writer {
    mode = 0666
  }
}
CONF
}

# The oauth2 passdb asks the authorization server whether a token is active (RFC 7662,
# as the confidential client `dovecot`), and takes the mailbox user from its `sub`.
if [ -n "$OAUTH_BASE" ]; then
  cat >"$D/dovecot-oauth2.conf.ext" <<CONF
introspection_mode = post
introspection_url = ${OAUTH_BASE/http:\/\//http://dovecot:dovecot-secret@}/common/oauth2/v2.0/introspect
username_attribute = sub
active_attribute = active
active_value = true
CONF
  chmod 644 "$D/dovecot-oauth2.conf.ext"
fi

dovecot_conf tls yes "  inet_listener imap {
    port = $IMAP_PORT
  }
  inet_listener imaps {
    port = $IMAPS_PORT
    ssl = yes
  }"
dovecot_conf plain no "  inet_listener imap {
    port = $IMAP_PLAIN_PORT
  }
  inet_listener imaps {
    port = 0
  }"

for name in tls plain; do
  # dovecot-lda (run by Postfix as the mail user) appends to the same log.
  touch "$D/dovecot-$name.log"; chmod 666 "$D/dovecot-$name.log"
  dovecot -c "$D/dovecot-$name.conf" </dev/null >"$D/dovecot-$name.stdio.log" 2>&1
done

# --- Postfix ----------------------------------------------------------------------------
P="$D/postfix"; Q="$D/postfix-queue"
mkdir -p "$P" "$Q" "$D/postfix-data"
for sub in active bounce corrupt defer deferred flush hold incoming private saved trace; do
  mkdir -p "$Q/$sub"; chown postfix:root "$Q/$sub"; chmod 700 "$Q/$sub"
done
mkdir -p "$Q/maildrop" "$Q/public" "$Q/pid"
chown postfix:postdrop "$Q/maildrop" "$Q/public"; chmod 730 "$Q/maildrop"; chmod 710 "$Q/public"
chown root:root "$Q/pid"; chmod 755 "$Q/pid"
chown postfix:postfix "$D/postfix-data"

cat >"$P/main.cf" <<CONF
compatibility_level = 3.6
queue_directory = $Q
data_directory = $D/postfix-data
command_directory = /usr/sbin
daemon_directory = /usr/lib/postfix/sbin
mail_owner = postfix
setgid_group = postdrop
maillog_file = $D/postfix.log
maillog_file_prefixes = $D
myhostname = mail.switchboard.test
mydomain = switchboard.test
myorigin = switchboard.test
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_banner = \$myhostname ESMTP Switchboard test server
virtual_mailbox_domains = switchboard.test
virtual_mailbox_maps = static:ok
virtual_transport = dovecot
dovecot_destination_recipient_limit = 1
smtpd_sasl_type = dovecot
smtpd_sasl_path = $D/dovecot-tls/run/auth-postfix
smtpd_sasl_auth_enable = yes
smtpd_tls_chain_files = $D/server.key, $D/server.crt
smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination
smtpd_recipient_restrictions = permit_sasl_authenticated, reject
biff = no
alias_maps =
alias_database =
local_recipient_maps =
CONF

cat >"$P/master.cf" <<CONF
127.0.0.1:$SMTP_PLAIN_PORT inet n - n - - smtpd
  -o smtpd_tls_security_level=none
127.0.0.1:$SUBMISSION_PORT inet n - n - - smtpd
  -o smtpd_tls_security_level=encrypt
  -o smtpd_tls_auth_only=yes
127.0.0.1:$SMTPS_PORT inet n - n - - smtpd
  -o smtpd_tls_wrappermode=yes
  -o smtpd_tls_security_level=encrypt
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
dovecot   unix  -       n       n       -       -       pipe
  flags=DRh user=nobody argv=/usr/lib/dovecot/dovecot-lda -c $D/dovecot-tls.conf -f \${sender} -d \${recipient}
CONF

/usr/lib/postfix/sbin/master -c "$P" -w </dev/null >"$D/postfix.stdio.log" 2>&1 || {
  log "Postfix did not start:"; cat "$D/postfix.stdio.log" "$D/postfix.log" >&2 2>/dev/null || true; exit 1; }

# --- a port that accepts TCP and never speaks ------------------------------------------
# It accepts (and discards what the client sends) rather than never accepting: an
# un-accepted connection stays in the listen backlog even after the client gives up, so
# after a few dozen tests the backlog would be full and connect itself would hang.
python3 - "$SILENT_PORT" "$D/silent.pid" </dev/null >"$D/silent.log" 2>&1 <<'PY' &
import os, selectors, socket, sys
sel = selectors.DefaultSelector()
srv = socket.socket(); srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", int(sys.argv[1]))); srv.listen(128)
sel.register(srv, selectors.EVENT_READ)
open(sys.argv[2], "w").write(str(os.getpid()))
while True:
    for key, _ in sel.select():
        if key.fileobj is srv:
            conn, _ = srv.accept(); sel.register(conn, selectors.EVENT_READ)
        else:
            try:
                data = key.fileobj.recv(4096)
            except OSError:
                data = b""
            if not data:
                sel.unregister(key.fileobj); key.fileobj.close()
PY

cat >"$D/mail.env" <<ENV
SWITCHBOARD_MAIL_DIR=$D
SWITCHBOARD_MAIL_HOST=127.0.0.1
SWITCHBOARD_MAIL_TLS_NAME=localhost
SWITCHBOARD_MAIL_MISMATCH_HOST=127.0.0.2
SWITCHBOARD_MAIL_CA=$D/ca.pem
SWITCHBOARD_MAIL_USER=$USER_NAME
SWITCHBOARD_MAIL_PASSWORD=$USER_PASS
SWITCHBOARD_MAIL_IMAP_STARTTLS_PORT=$IMAP_PORT
SWITCHBOARD_MAIL_IMAPS_PORT=$IMAPS_PORT
SWITCHBOARD_MAIL_IMAP_PLAIN_PORT=$IMAP_PLAIN_PORT
SWITCHBOARD_MAIL_SMTP_PLAIN_PORT=$SMTP_PLAIN_PORT
SWITCHBOARD_MAIL_SUBMISSION_PORT=$SUBMISSION_PORT
SWITCHBOARD_MAIL_SMTPS_PORT=$SMTPS_PORT
SWITCHBOARD_MAIL_SILENT_PORT=$SILENT_PORT
SWITCHBOARD_MAIL_CLOSED_PORT=$CLOSED_PORT
SWITCHBOARD_MAIL_OAUTH_BASE=$OAUTH_BASE
SWITCHBOARD_MAIL_OAUTH_TOKEN_LOG=$( [ -n "$OAUTH_BASE" ] && echo "$D/oauth-tokens.txt" )
ENV

# --- readiness: a real login on each service (Dovecot starts auth lazily) ---------------
if ! python3 "$HERE/ready.py" "$D/mail.env" >"$D/ready.log" 2>&1; then
  log "servers did not become ready; see $D"; cat "$D/ready.log" >&2
  tail -n 20 "$D"/*.log >&2 || true
  "$HERE/stop.sh" "$D" || true
  exit 1
fi
log "ready in $D"
echo "$D/mail.env"
