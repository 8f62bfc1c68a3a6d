## Pull (and, next, plan and apply)

sync-step-reference = Reference data (communities, channel groups, categories, business hours, languages)
sync-step-sources = Channels

## Sync states in the channel list and the editor

chl-filter-sync = Sync state
chl-filter-account = Platform account
chl-local-only = Local only
chl-sync-local = Local only
chl-sync-synced = In sync
chl-sync-modified = Changed here
chl-sync-remote = Changed on the server
chl-sync-conflict = Changed on both sides
chl-sync-error = Not found on the platform
