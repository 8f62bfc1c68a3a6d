# One truth about a channel's state (issue 12, items 1–8): bulk edit, import of drafts,
# the editor's draft / saved / incomplete states.

state-bulk-refused = This value would cause problems: nothing was changed. The preview shows them per channel.
state-bulk-would-break = { $count ->
    [one] would cause 1 problem
   *[other] would cause { $count } problems
}
state-bulk-fix-value = Change the value: { $count ->
    [one] 1 channel would get a problem from it.
   *[other] { $count } channels would get a problem from it.
}
state-import-drafts = { $count ->
    [one] 1 channel came in as an incomplete draft, with what is left to fill in:
   *[other] { $count } channels came in as incomplete drafts, with what is left to fill in:
}
state-import-draft = { $name }: { $problems }
state-import-problem-in = “{ $name }”, { $path }: { $message }
state-cli-import-draft = { $name }: incomplete draft, { $count ->
    [one] 1 problem
   *[other] { $count } problems
}
rev-origin-autosave = Autosaved (not saved)
state-new = New channel: not kept until you change something
state-draft = Draft, autosaved — not saved yet
state-saved = All changes saved
state-complete = Complete
state-incomplete = { $count ->
    [one] Incomplete: 1 problem
   *[other] Incomplete: { $count } problems
}
state-next-problem = Go to the next problem
state-discard = Discard changes
state-saved-incomplete = Saved, still incomplete
state-row-draft = Unsaved draft
state-row-renamed = Unsaved draft: “{ $name }”
