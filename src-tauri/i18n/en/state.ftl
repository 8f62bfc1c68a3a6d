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
state-new = New — not kept until changed
state-draft = Draft, not saved
state-saved = Saved
state-complete = Complete
state-incomplete = { $count ->
    [one] Incomplete: 1 problem
   *[other] Incomplete: { $count } problems
}
state-next-problem = Go to the next problem
state-discard = Discard changes
state-discard-named = Discard the unsaved changes to { $name }
state-saved-incomplete = Saved, incomplete
state-row-draft = Unsaved draft
state-row-renamed = Unsaved draft: “{ $name }”
state-folders-typed-note = Type the folder names for now. The guide says they cannot be typed because the platform lists them after its first sync; a connection test lists them here too.
state-add-folder = Add a folder
state-not-confirmed = not yet confirmed by a connection test
state-not-listed = not listed by the last connection test
state-ref-type-id = Enter the platform's id…
state-ref-typed = Platform id { $id } (typed)
state-ref-sample-chosen = This is a sample entry: the platform will not know it. Enter the real id, or pull your platform account.
state-export-sample = { $count ->
    [one] 1 channel still points at sample data ({ $names }): no platform knows those ids. Enter the real ones before you sync.
   *[other] { $count } channels still point at sample data ({ $names }): no platform knows those ids. Enter the real ones before you sync.
}
ref-sample-community-1 = Sample — Customer care
ref-sample-community-2 = Sample — Social media
ref-sample-timesheet-1 = Sample — Weekdays 9:00–18:00
ref-sample-timesheet-2 = Sample — 24/7
ref-sample-category-1 = Sample — Billing
ref-sample-category-2 = Sample — Invoices
ref-sample-category-3 = Sample — Technical support
ref-sample-category-4 = Sample — Complaints
ref-sample-group-1 = Sample — Asynchronous channels
ref-sample-group-2 = Sample — Live chat
state-leave-without-secret = A secret you typed could not be stored (see above). Leave the editor again to go without it.
