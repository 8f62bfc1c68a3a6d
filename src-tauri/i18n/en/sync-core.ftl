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
promote-close = Close
promote-kind-communities = Community
promote-kind-time-sheets = Business hours
promote-kind-categories = Category
promote-kind-locales = Language
promote-kind-channel-groups = Channel group
