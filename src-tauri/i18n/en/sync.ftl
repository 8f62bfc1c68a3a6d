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

## Plan and apply
sync-plan-source-unreadable = The platform did not return source { $id }: it is hidden from this token or gone. Nothing is sent for it, and nothing was deleted here.
sync-plan-sample-reference = Still points at a sample entry, which the platform does not know: choose one of this account’s own entries. Nothing is sent for this channel until then.
sync-apply-channel = { $name }
sync-apply-stale = Someone changed this channel on the platform since the plan: skipped, nothing overwritten. Make a new plan.
sync-err-plan-stale = A channel was saved since this plan was made: make a new plan and review it.
sync-err-plan-tampered = This is not a Switchboard plan, or it was changed after it was made: make a new plan.
ed-ref-fetched = From the platform, fetched { $when }
