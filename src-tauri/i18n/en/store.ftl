# The offline store (switchboard-store) and the secret vault (switchboard-vault).
store-err-not-found = This channel no longer exists (it may have been deleted): { $id }
store-err-revision-not-found = This revision no longer exists: { $id }
store-err-batch-not-found = This bulk edit cannot be found: { $id }
store-err-batch-undone = This bulk edit has already been undone.
store-err-backup-not-found = No automatic backup passes the integrity check: none can be restored.
store-err-no-database-file = This channel store lives only in memory: it has no file to back up.
store-err-newer-database = This data was written by a newer version of Switchboard (database version { $found }; this version reads up to { $supported }). Update Switchboard to open it; nothing was changed.
store-err-busy = The channel database is in use by another Switchboard window or by switchboard-cli. Close it, then try again.
store-err-bad-path = The setting { $path } cannot be changed this way.
store-err-corrupt = The stored data is damaged ({ $reason }).
store-err-database = The channel database reported an error: { $reason }
store-err-open-failed = The channel database { $path } cannot be opened: { $reason } { $offer }
store-offer-restore-backup = You can restore the automatic backup of { $date }; the damaged file is kept aside.
store-offer-no-backup = No automatic backup is available yet.
store-err-import-invalid = { $count ->
    [one] The file was not imported: one problem needs fixing.
   *[other] The file was not imported: { $count } problems need fixing.
}
store-import-not-json = This file is not valid JSON: { $reason }
store-import-wrong-format = This is not a Switchboard channel export (format “{ $found }”).
store-import-unsupported-version = This export has version { $found }; this version of Switchboard reads version { $supported } and earlier.
store-import-no-channels = The file has no list of channels.
store-import-not-object = A channel must be a JSON object of sections.
store-import-kind-missing = The channel type (kind) is missing.
store-import-name-missing = The channel name is missing.
store-import-section-not-object = This section must be an object.
store-import-bad-secret-list = The list of secrets to re-enter must be a list of setting paths.
vault-err-open-failed = A saved password or token could not be decrypted (the keychain key changed or the data was altered). Enter it again.
vault-err-format = A saved password or token is in an unknown format. Enter it again.
store-err-account-not-found = This platform account no longer exists: it was removed, perhaps from another window.
