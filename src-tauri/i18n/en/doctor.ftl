# switchboard-cli doctor and the Diagnostics panel.
doctor-title = Switchboard diagnostics
doctor-app-id = App identifier
doctor-data-dir = Data folder
doctor-log-dir = Log folder
doctor-keychain = OS keychain
doctor-versions = Versions
doctor-writable = writable
doctor-not-writable = not writable: { $reason }
doctor-keychain-ok = reachable (a test secret was written, read back and deleted)
doctor-all-ok = Everything is in order.
doctor-some-failed = Some checks failed.
doctor-timed-out = did not answer in time
doctor-check-crashed = the check stopped unexpectedly: { $reason }
