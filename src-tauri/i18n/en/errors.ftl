# Error envelope messages shared by every area, and generic field validation messages.
err-internal = Something went wrong inside Switchboard. Details were written to the log.
err-invalid-input = Some values need attention.
err-cancelled = Cancelled.
err-io = Could not read or write { $path }: { $reason }
err-prefs-save = Your settings could not be saved to { $path }: { $reason }
err-unknown-task = This task has already finished.
err-keychain-unavailable = The OS keychain cannot be reached ({ $cause }). Everything except saved passwords and tokens keeps working. { $hint }
err-keychain-hint-linux = Start a Secret Service provider (GNOME Keyring or KWallet) and unlock it, then try again.
err-keychain-hint-macos = Unlock the login keychain in Keychain Access, then try again.
err-keychain-hint-windows = Check that Windows Credential Manager is available for your account, then try again.
err-keychain-locked = The OS keychain is locked. Unlock it, then try again.
err-required = { $field } is required.
err-number-range = Enter a number between { $min } and { $max }.
err-number-min = Enter a number of at least { $min }.
err-text-too-long = Use at most { $max } characters.
