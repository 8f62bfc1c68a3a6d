//! `mail-test` against hostile mail servers (tests/support/hostile, asyncio Python): one
//! test per behaviour, each checking the step that fails, the message id the user reads,
//! that the run ends within its limit and that the client's peak memory stays under
//! 200 MB. The checks themselves live in `run.py`, so the same cases run by hand:
//! `tests/support/hostile/run.py --cli target/debug/switchboard-cli all`.
//!
//! Needs python3 with python3-cryptography (installed by .ci/prereqs.sh); without them
//! the tests skip with a note, unless SWITCHBOARD_REQUIRE_REAL_SERVERS=1 (CI).

use std::path::PathBuf;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_switchboard-cli");

fn runner() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../tests/support/hostile/run.py")
}

fn python_ready() -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import cryptography"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !ok {
        assert!(
            std::env::var("SWITCHBOARD_REQUIRE_REAL_SERVERS").as_deref() != Ok("1"),
            "python3 with python3-cryptography is required for the hostile-server tests"
        );
        eprintln!("note: skipped (python3-cryptography missing; see .ci/prereqs.sh)");
    }
    ok
}

fn case(name: &str) {
    if !python_ready() {
        return;
    }
    let out = Command::new("python3")
        .arg(runner())
        .args(["--cli", BIN, name])
        .output()
        .expect("python3 runs");
    let text = String::from_utf8_lossy(&out.stdout);
    eprintln!("{text}{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{name}:\n{text}");
}

macro_rules! cases {
    ($($test:ident => $name:literal,)*) => {
        $(#[test] fn $test() { case($name) })*

        /// Every behaviour of run.py has a test here.
        #[test]
        fn every_behaviour_of_the_runner_has_a_test() {
            if !python_ready() {
                return;
            }
            let out = Command::new("python3").arg(runner()).arg("--list").output().unwrap();
            let listed: Vec<String> = String::from_utf8_lossy(&out.stdout).lines().map(str::to_owned).collect();
            let here = [$($name),*];
            for l in &listed {
                assert!(here.contains(&l.as_str()), "no test for {l}");
            }
            assert_eq!(listed.len(), here.len());
        }
    };
}

cases! {
    imap_garbage_instead_of_a_greeting_is_named_with_the_bytes_shown => "imap-garbage",
    imap_no_greeting_is_the_tls_port_hint => "imap-no-greeting",
    imap_a_multi_megabyte_line_is_cut_and_named => "imap-huge-line",
    imap_a_slow_drip_is_not_said_nothing => "imap-drip",
    imap_a_close_after_the_greeting_is_a_dropped_connection => "imap-close-after-greeting",
    imap_a_drop_during_login_is_not_a_wrong_password => "imap-drop-at-login",
    imap_twenty_thousand_folders_list_within_the_step => "imap-20000-folders",
    imap_an_endless_list_stops_at_the_byte_limit => "imap-endless-list",
    imap_invalid_modified_utf7_names_are_shown_raw_and_marked => "imap-bad-utf7",
    imap_starttls_advertised_then_refused_is_refused => "imap-starttls-refused",
    imap_plain_text_instead_of_tls_after_starttls_is_a_broken_upgrade => "imap-starttls-plain",
    imap_replies_injected_before_the_handshake_are_dropped => "imap-starttls-injection",
    imap_an_expired_certificate_is_named => "imap-expired-cert",
    imap_a_stalled_handshake_is_bounded => "imap-tls-stall",
    smtp_garbage_instead_of_a_banner_is_named_with_the_bytes_shown => "smtp-garbage",
    smtp_no_banner_is_the_tls_port_hint => "smtp-no-greeting",
    smtp_a_multi_megabyte_line_is_cut_and_named => "smtp-huge-line",
    smtp_a_slow_drip_is_not_said_nothing => "smtp-drip",
    smtp_a_554_banner_is_a_refusal => "smtp-554-banner",
    smtp_a_close_after_the_banner_is_not_an_ehlo_problem => "smtp-close-after-banner",
    smtp_an_endless_ehlo_continuation_is_cut_and_named => "smtp-endless-ehlo",
    smtp_a_drop_during_auth_is_not_a_wrong_password => "smtp-drop-at-auth",
    smtp_an_endless_auth_challenge_loop_is_named => "smtp-auth-loop",
    smtp_starttls_advertised_then_refused_is_refused => "smtp-starttls-refused",
    smtp_plain_text_instead_of_tls_after_starttls_is_a_broken_upgrade => "smtp-starttls-plain",
    smtp_replies_injected_before_the_handshake_are_rejected => "smtp-starttls-injection",
    smtp_an_expired_certificate_is_named => "smtp-expired-cert",
    smtp_a_stalled_handshake_is_bounded => "smtp-tls-stall",
}
