## Why the CLI could not write a file: the { $reason } of messages such as
## cli-plan-write-failed, in words rather than the system's English text.

cli-write-no-folder = its folder does not exist
cli-write-permission = you are not allowed to write there
cli-write-read-only = the disk is read-only
cli-write-disk-full = the disk is full
cli-write-is-folder = a folder has that name
cli-write-other = the system refused (error { $code })
