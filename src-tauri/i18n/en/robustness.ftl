# Careless files, full disks and read-only folders (issue 11).
store-err-read-only = Switchboard cannot write to its data folder: it is read-only (its permissions, or a read-only disk or mount). Nothing was changed. Make the folder writable, then try again.
store-err-disk-full = The disk that holds Switchboard’s data is full: nothing was saved, and nothing is damaged. Free some space on it, then try again.
store-err-open-read-only = Switchboard cannot write to its data folder { $folder }: it is read-only (its permissions, or a read-only disk or mount). This is not damage: your channels can still be read, but not changed. Make the folder writable to edit them.
store-err-open-disk-full = The disk that holds Switchboard’s data folder { $folder } is full. This is not damage: free some space on it, then open Switchboard again.
cli-store-read-only-note = Note: the data folder { $folder } is read-only; showing the channels without changing anything.
cli-list-secrets-to-reenter = secrets to re-enter
chl-secrets-to-reenter = Secrets to re-enter
