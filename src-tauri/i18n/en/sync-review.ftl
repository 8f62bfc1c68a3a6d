## Review a plan, apply it, and the sync history (the window side of sync)

nav-sync = Review changes
nav-sync-history = Sync history
accounts-review = Review changes
sync-title = Review changes
sync-history-title = Sync history
review-intro = Nothing reaches the platform until you have read this plan and applied it. Values changed on the platform since your last pull are shown with who changed them.
review-account = Platform account
review-no-account = Add a platform account first (Platform accounts), then pull it.
review-make-plan = Make a plan
review-replan = Re-plan
review-planning = Reading the platform… { $done } / { $total }
review-nothing = Nothing to do: the platform and your drafts agree.
review-made-at = Plan made { $when }
review-summary = { $channels ->
    [one] 1 channel
   *[other] { $channels } channels
  } · { $send } to send · { $take } to take · { $conflicts ->
    [one] 1 conflict
   *[other] { $conflicts } conflicts
  }
review-keep-all-mine = Keep all mine
review-take-all-server = Take all from the server
review-include-channel = Include this channel
review-include-field = Include this setting
review-server-changed-by = Changed on the platform by { $who }, { $when }
review-server-changed-at = Changed on the platform { $when }
review-will-send = Will send (here → platform)
review-will-take = Will take (platform → here)
review-conflicts = Conflicts: changed here and on the platform
review-setting = Setting
review-on-platform = On the platform
review-here = Here
review-last-agreed = Last agreed
review-keep-mine = Keep mine
review-take-server = Take the server's
review-edit = Edit
review-edit-value = Value to send for { $label }
review-edit-invalid-number = { $label }: enter a number.
review-edit-invalid-bool = { $label }: enter yes or no.
review-edit-apply = Use this value
review-will-be-set = will be set
review-secrets = Secrets
review-not-set = — Not set —
review-yes = Yes
review-no = No
review-items = { $count ->
    [one] 1 item
   *[other] { $count } items
  }
review-web-admin = To do in the web admin (the API cannot write these)
review-blocked-invalid = Blocked: this channel has problems to fix before it can be sent. The other channels are not held up.
review-blocked-error = Blocked:
review-problems = Problems
review-unresolved = { $count ->
    [one] 1 conflict to resolve before approving
   *[other] { $count } conflicts to resolve before approving
  }
review-approve = Approve
review-approved = Approved: plan { $hash }
review-unapprove = Change the review
review-apply = Apply
review-applying = Applying… { $done } / { $total }
review-cancel = Cancel
review-local-only = Not on the platform yet: create it in the web admin, then link it
review-open-admin = Open the web admin
review-link-to = Link to an existing platform channel
review-link-none = No platform channel of this kind is unlinked yet: create it in the web admin, then make a new plan.
review-link-same-name = { $name } (same name)
review-link = Link
review-linked = Linked: its settings will show in the next plan as "will send". Nothing was sent.
review-resume-banner = An apply of plan { $hash } was interrupted ({ $open ->
    [one] 1 channel not finished
   *[other] { $open } channels not finished
  }). Resuming re-reads those channels first and never sends a change twice.
review-resume = Resume the apply
review-outcomes = Result of the apply
review-outcome-applied = Applied
review-outcome-stale = Stale: changed on the platform since the plan, skipped
review-outcome-failed = Failed
review-outcome-cancelled = Cancelled
review-outcome-intent = Not started
review-outcome-sent = Sent, to be checked
review-outcome-server-changed = The platform changed or ignored: { $fields }
review-outcome-cancelled-note = Cancelled: the channels not reached are untouched. Resume below, or make a new plan.
review-history-link = Sync history
review-apply-done = { $applied } applied · { $stale } stale · { $failed } failed

synchist-intro = Every apply of this account, newest first.
synchist-none = Nothing applied to this account yet.
synchist-when = { $when }
synchist-plan = Plan { $hash }
synchist-unfinished = unfinished
synchist-resumed = resumed
synchist-fields = Settings sent
synchist-set = set

## Linking a local channel to a platform channel (errors name the field)
sync-link-already-linked = This channel is already linked to a platform channel.
sync-link-no-source = The platform did not return that channel.
sync-link-other-kind = That platform channel is of another kind: pick one of the same kind.
sync-link-taken = Another channel here is already linked to that platform channel.

## Restoring a revision of a linked channel
rev-restore-linked = This channel is linked to the platform: the restored values are a local edit. Nothing is sent now; they will show in the next plan as "will send".

## An apply's live status, per channel
review-live-running = Sending…
review-live-ok = Applied
review-live-warning = See below
review-live-failed = Failed
review-live-skipped = Skipped
review-live-cancelled = Cancelled

## The status bar's tasks
sync-task-plan = Planning { $name }
sync-task-apply = Applying the plan to { $name }

## A revision written by an apply (the history list's origin)
rev-origin-server-push = Sent to the platform

## Secrets in an apply's outcome (names only)
review-outcome-secrets-set = Secrets set: { $fields }
# Shown above the plan when the names of the platform's teams, categories… could not be
# read; $reason is the localized cause.
review-refs-failed = The names of teams, categories and other linked items could not be read ({ $reason }): the plan shows their ids instead. Making a new plan tries again.
