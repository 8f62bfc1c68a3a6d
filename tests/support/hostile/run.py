#!/usr/bin/env python3
"""Runs `switchboard-cli mail-test` against one hostile server behaviour (servers.py)
and checks what an administrator would meet: the step that fails and the message id
they read, that the run ends within its limit, and that the client's memory stays
bounded (the child's peak RSS from wait4). Exit 0 when every check holds.

    run.py --cli target/debug/switchboard-cli CASE...   (or `all`, or `--list`)

Each case gets a fresh listener on 127.0.0.1 and a fresh certificate directory.
"""

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import servers  # noqa: E402

# Each step's limit given to the client (--timeout), and what a whole run may take:
# the failing step's limit plus a wide margin for a busy machine (two cores shared by
# builds). The memory cap is generous: the client needs ~20 MB; the bugs took GBs.
STEP_SECONDS = 4
RUN_LIMIT_SECONDS = 4 * STEP_SECONDS + 20
MAX_RSS_MB = 200

# case: (protocol, security, expected step, expected message id or "ok").
CASES = {
    # IMAP's parser refuses binary noise at once: "not an IMAP server", bytes shown.
    "imap-garbage": ("imap", "none", "imap.greeting", "mailcheck-greeting-unexpected"),
    "imap-no-greeting": ("imap", "none", "imap.greeting", "mailcheck-greeting-timeout-plain"),
    "imap-huge-line": ("imap", "none", "imap.greeting", "mailcheck-reply-too-long"),
    "imap-drip": ("imap", "none", "imap.greeting", "mailcheck-reply-incomplete"),
    "imap-close-after-greeting": ("imap", "none", "imap.capability", "mailcheck-connection-dropped"),
    "imap-drop-at-login": ("imap", "none", "imap.login", "mailcheck-connection-dropped"),
    "imap-20000-folders": ("imap", "none", "imap.list", "ok"),
    # Past 16 MiB or out of time, whichever comes first (a debug build parses slower).
    "imap-endless-list": (
        "imap", "none", "imap.list", ("mailcheck-reply-too-long", "mailcheck-reply-incomplete"),
    ),
    "imap-bad-utf7": ("imap", "none", "imap.list", "ok"),
    "imap-starttls-refused": ("imap", "starttls", "imap.starttls", "mailcheck-starttls-refused"),
    "imap-starttls-plain": ("imap", "starttls", "imap.starttls", "mailcheck-starttls-broken"),
    # IMAP drops what came before the handshake: the forged reply changes nothing, the
    # real server's refusal of the password over TLS is what the user reads.
    "imap-starttls-injection": ("imap", "starttls", "imap.login", "mailcheck-auth-failed"),
    "imap-expired-cert": ("imap", "tls", "imap.tls", "mailcheck-cert-expired"),
    "imap-tls-stall": ("imap", "tls", "imap.tls", "mailcheck-tls-timeout"),
    "smtp-garbage": ("smtp", "none", "smtp.banner", "mailcheck-reply-incomplete"),
    "smtp-no-greeting": ("smtp", "none", "smtp.banner", "mailcheck-greeting-timeout-plain"),
    "smtp-huge-line": ("smtp", "none", "smtp.banner", "mailcheck-reply-too-long"),
    "smtp-drip": ("smtp", "none", "smtp.banner", "mailcheck-reply-incomplete"),
    "smtp-554-banner": ("smtp", "none", "smtp.banner", "mailcheck-greeting-refused"),
    "smtp-close-after-banner": ("smtp", "none", "smtp.ehlo", "mailcheck-connection-dropped"),
    "smtp-endless-ehlo": ("smtp", "none", "smtp.ehlo", "mailcheck-reply-too-long"),
    "smtp-drop-at-auth": ("smtp", "none", "smtp.auth", "mailcheck-connection-dropped"),
    "smtp-auth-loop": ("smtp", "none", "smtp.auth", "mailcheck-auth-loop"),
    "smtp-starttls-refused": ("smtp", "starttls", "smtp.starttls", "mailcheck-starttls-refused"),
    "smtp-starttls-plain": ("smtp", "starttls", "smtp.starttls", "mailcheck-starttls-broken"),
    "smtp-starttls-injection": ("smtp", "starttls", "smtp.starttls", "mailcheck-starttls-injection"),
    "smtp-expired-cert": ("smtp", "tls", "smtp.tls", "mailcheck-cert-expired"),
    "smtp-tls-stall": ("smtp", "tls", "smtp.tls", "mailcheck-tls-timeout"),
}


class Loop:
    """An asyncio loop in a thread: the servers run beside the blocking client."""

    def __init__(self):
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def run(self, coro):
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(30)


# Peak memory is sampled every 20 ms: a run shorter than that may show less than it used,
# but memory that grows (the bugs this guards against) takes seconds to grow.
def run_client(cli, case, port, ca):
    proto, security, _, _ = CASES[case]
    args = [
        cli, "mail-test", f"--{proto}", f"127.0.0.1:{port}", f"--{proto}-security", security,
        "--user", servers.USER, "--password-env", "HOSTILE_PW", "--ca-file", ca,
        "--timeout", str(STEP_SECONDS), "--json",
    ]
    env = dict(os.environ, HOSTILE_PW="not-the-password", SWITCHBOARD_LANG="en")
    start = time.monotonic()
    child = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    out_chunks = []
    reader = threading.Thread(target=lambda: out_chunks.append(child.stdout.read()), daemon=True)
    reader.start()
    err_chunks = []
    err_reader = threading.Thread(target=lambda: err_chunks.append(child.stderr.read()), daemon=True)
    err_reader.start()
    # Peak RSS: the kernel's high-water mark of the child's own memory (VmHWM), read
    # until it exits. (wait4's ru_maxrss would also count this Python process, whose
    # memory the child shared until exec.) A watchdog kills it past the limit.
    peak_kb = [0]
    done = threading.Event()

    def watch():
        while not done.is_set():
            try:
                with open(f"/proc/{child.pid}/status") as f:
                    for l in f:
                        if l.startswith("VmHWM:"):
                            peak_kb[0] = max(peak_kb[0], int(l.split()[1]))
            except OSError:
                pass
            done.wait(0.02)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    killer = threading.Timer(RUN_LIMIT_SECONDS * 2, child.kill)
    killer.start()
    _, status, _ = os.wait4(child.pid, 0)
    killer.cancel()
    done.set()
    watcher.join(5)
    elapsed = time.monotonic() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    reader.join(5)
    err_reader.join(5)
    return child.returncode, b"".join(out_chunks), b"".join(err_chunks), elapsed, peak_kb[0] / 1024


def check(cli, case, loop):
    proto, _, step, expected = CASES[case]
    with tempfile.TemporaryDirectory(prefix="hostile-") as d:
        certs = servers.make_certs(d)
        server, port = loop.run(servers.serve(case, certs))
        try:
            code, out, err, elapsed, rss_mb = run_client(cli, case, port, certs["ca"])
        finally:
            loop.loop.call_soon_threadsafe(server.close)
    problems = []
    summary = f"{case}: exit {code}, {elapsed:.1f} s, peak RSS {rss_mb:.0f} MB"
    if code not in (0, 1):
        problems.append(f"exit status {code} (a crash is 101)\n{err.decode(errors='replace')[-2000:]}")
    try:
        report = json.loads(out)
    except ValueError:
        report = None
        problems.append(f"no JSON report on stdout: {out[:500]!r}")
    if report is not None:
        steps = {s["step"]: s for s in report["steps"]}
        s = steps.get(step)
        if s is None:
            problems.append(f"no step {step} in {list(steps)}")
        elif expected == "ok":
            if s["status"] != "ok" or not report["ok"]:
                problems.append(f"{step} should pass: {json.dumps(s, ensure_ascii=False)}")
        else:
            ids = expected if isinstance(expected, tuple) else (expected,)
            if s["status"] != "failed" or s["message_id"] not in ids:
                problems.append(
                    f"{step} should fail with {expected}: {json.dumps(s, ensure_ascii=False)[:1500]}"
                )
            if report["ok"]:
                problems.append("the report says every step passed")
        problems += extra_checks(case, report)
    if elapsed > RUN_LIMIT_SECONDS:
        problems.append(f"took {elapsed:.1f} s, limit {RUN_LIMIT_SECONDS} s")
    if rss_mb > MAX_RSS_MB:
        problems.append(f"peak memory {rss_mb:.0f} MB, cap {MAX_RSS_MB} MB")
    return summary, problems


def extra_checks(case, report):
    """What a case promises beyond its step and message."""
    problems = []
    folders = report.get("folders", [])
    if case == "imap-20000-folders":
        if len(folders) != 20_000:
            problems.append(f"{len(folders)} folders kept, 20000 expected")
        elif folders[0]["raw"] != "INBOX" or not any(f["name"] == "Réclamations" for f in folders):
            problems.append("INBOX first and decoded names expected")
    if case == "imap-bad-utf7":
        by_raw = {f["raw"]: f for f in folders}
        for raw in ["&A-", "&&-", "&!!!-", "Café brut"]:
            f = by_raw.get(raw)
            if f is None or not f["undecodable"] or f["name"] != raw:
                problems.append(f"{raw!r} should be shown raw and marked: {f}")
        good = by_raw.get("R&AOk-clamations")
        if good is None or good["name"] != "Réclamations" or good["undecodable"]:
            problems.append(f"a valid name should still decode: {good}")
    if case.endswith("-garbage") or case.endswith("-drip"):
        step = [s for s in report["steps"] if s["status"] == "failed"]
        if not step or not step[0].get("server_reply"):
            problems.append("the bytes received should be shown under the message")
    return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=False, help="path of switchboard-cli")
    parser.add_argument("--list", action="store_true")
    parser.add_argument("cases", nargs="*")
    a = parser.parse_args()
    if a.list:
        print("\n".join(CASES))
        return 0
    cases = list(CASES) if a.cases in ([], ["all"]) else a.cases
    unknown = [c for c in cases if c not in CASES]
    if unknown or not a.cli:
        parser.error(f"unknown cases {unknown}" if unknown else "--cli is required")
    loop = Loop()
    failed = 0
    for case in cases:
        summary, problems = check(a.cli, case, loop)
        print(("ok    " if not problems else "FAIL  ") + summary, flush=True)
        for p in problems:
            print("      " + p.replace("\n", "\n      "), flush=True)
        failed += bool(problems)
    print(f"{len(cases) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
