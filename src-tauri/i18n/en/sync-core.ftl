## Promotion between accounts (sandbox → production)

chl-promote = Promote to another account…
promote-title = Promote { $count ->
    [one] one channel
   *[other] { $count } channels
} to another account
promote-from = From account
promote-to = To account
promote-propose = Propose the mapping
promote-channels = Channels
promote-col-channel = Channel
promote-col-target = Copy into
promote-col-secrets = Secrets
promote-new-draft = A new draft (not linked yet)
promote-reenter = Secrets are never copied; enter again:
promote-mapping = References, matched by name
promote-no-references = These channels reference nothing that needs mapping.
promote-unmatched = { $count ->
    [0] Every reference has a match. Check them, then confirm.
    [one] One reference has no match: choose one, or it will be cleared.
   *[other] { $count } references have no match: choose them, or they will be cleared.
}
promote-col-kind = Kind
promote-col-from = In the source account
promote-col-to = In the target account
promote-none = — none (cleared) —
promote-not-pulled = This list was never pulled for the target account: pull it first.
promote-confirm = Copy { $count ->
    [one] one channel
   *[other] { $count } channels
} to { $account }
promote-done = { $count ->
    [one] One channel copied
   *[other] { $count } channels copied
} to { $account }. Nothing was sent to the platform: review the plan.
promote-created = new draft
promote-updated = draft updated
promote-plan-fields = { $count ->
    [0] nothing to send
    [one] one setting to send
   *[other] { $count } settings to send
}
promote-cleared = { $count ->
    [one] one reference cleared
   *[other] { $count } references cleared
}
promote-planning = Making the plan of the target account…
promote-plan-summary = Plan of { $account }: { $count ->
    [0] nothing to send.
    [one] one channel to review.
   *[other] { $count } channels to review.
}
promote-review = Review and apply this plan
promote-err-other-account = These channels belong to another account than the one they are promoted from: choose that account, or select its channels only.
promote-close = Close
promote-kind-communities = Community
promote-kind-time-sheets = Business hours
promote-kind-categories = Category
promote-kind-locales = Language
promote-kind-channel-groups = Channel group

## Command line: promote, and what plan shows of secrets and authors

cli-promote-about = Copy channels from one account to another (sandbox → production), mapping references by name, then print the target account's plan (nothing is sent: apply the plan file)
cli-promote-arg-from = The account the channels come from (label or id)
cli-promote-arg-to = The account to copy them to (label or id)
cli-promote-arg-channel = A channel id to promote (repeat for several)
cli-promote-arg-map = Correct one mapping: kind:from=to, by id or name (kinds: communities, time_sheets, categories, locales, channel_groups; an empty "to" clears the reference)
cli-promote-bad-map = Cannot read the mapping “{ $map }”: write kind:from=to, e.g. time_sheets:London office=24/7.
cli-promote-map-no-target = The target account has no “{ $target }” in that list.
cli-promote-map-no-source = The promoted channels do not reference “{ $source }” in that list.
cli-promote-unmatched = no match: cleared
cli-promote-cleared = cleared
cli-promote-reenter = enter again
cli-plan-secret = will be set
cli-plan-server-change = Changed on the server by { $by }, { $at }
cli-plan-server-change-at = Changed on the server { $at }
