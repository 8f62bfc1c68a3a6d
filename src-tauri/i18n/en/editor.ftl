# The channel list and the channel editor (ui/src/views, ui/src/lib/forms).

## Channel list
chl-new = New channel
chl-new-menu = Channel kinds
chl-new-name = New { $kind } channel
chl-search = Search by name
chl-filter-kind = Filter by kind
chl-filter-all = All
chl-filter-validity = Filter by validity
chl-filter-active = Filter by status
chl-validity-valid = Valid
chl-validity-invalid = Has errors
chl-validity-unknown = Not checked
chl-active = Active
chl-inactive = Inactive
chl-sort = Sort by
chl-sort-name = Name
chl-sort-kind = Kind
chl-sort-updated = Last change
chl-sort-descending = Descending order
chl-count = { $count ->
    [one] { $count } channel
   *[other] { $count } channels
}
chl-no-match = No channel matches these filters.
chl-clear-filters = Clear the filters
chl-unnamed = (no name)
chl-duplicate = Duplicate
chl-duplicate-named = Duplicate { $name }
chl-delete = Delete
chl-delete-named = Delete { $name }
chl-deleted = “{ $name }” deleted.
chl-undo = Undo

## Channel editor
ed-loading = Loading…
ed-back = Channels
ed-save = Save
ed-saved = Saved
ed-state-saving = Saving…
ed-state-error = Draft not saved: { $reason }
ed-problem-count = { $count ->
    [one] { $count } problem
   *[other] { $count } problems
}
ed-expand-all = Expand all sections
ed-collapse-all = Collapse all sections
ed-required = (required)
ed-choose = — Choose —
ed-add = Add
ed-item = Item { $n }
ed-remove-item = Remove item { $n }
ed-move-up = Move item { $n } up
ed-move-down = Move item { $n } down
ed-list-empty = No entries yet.
ed-variables = Insert a variable…
ed-colour-picker = Colour picker
ed-ref-none = — Not set —
ed-ref-empty = Nothing to choose from yet.
ed-ref-unknown = { $id } (not in the reference data)
ed-ref-sample = Sample data: not your account's real list. It will be replaced once sync with the platform exists.
ed-ref-sample-badge = Sample data — not your account's list
ed-image-choose = Choose an image…
ed-image-remove = Remove the image
ed-image-preview = Current image
ed-image-advice = Recommended size: { $px } × { $px } pixels.
ed-image-round = Shown in a circle to customers and agents.
ed-secret-set = Set
ed-secret-not-set = Not set
ed-secret-replace = Replace…
ed-secret-enter = Enter a value…
ed-secret-new-value = New value
ed-secret-save = Store the secret
ed-secret-cancel = Cancel
ed-secret-clear = Clear
ed-oauth-later = Sign-in with this provider is not available in Switchboard yet: enter the token in its field.
ed-folders-none = Run the connection test below to list this mailbox's folders, then pick them here.
ed-folders-found = { $count ->
    [one] { $count } folder found by the connection test.
   *[other] { $count } folders found by the connection test.
}
ed-example-email = support@example.com
ed-example-domain = example.com
ed-example-host = imap.example.com
ed-example-url = https://example.com/
ed-example-uuid = 123e4567-e89b-12d3-a456-426614174000
ed-example-phone = 612345678
ed-example-country-code = 33
ed-example-duration = 1h, 2m or 30s
ed-example-twitter-user = @name
ed-queue-agents = Busy agents (example)
ed-queue-slots = { $agents } busy agents × default capacity { $capacity } × queue factor { $factor } = { $slots ->
    [one] { $slots } queuing slot
   *[other] { $slots } queuing slots
}
ed-queue-no-group = Choose a channel group in the general settings to see how many queuing slots this factor gives.
ed-secret-generate = Generate a token
ed-secret-regenerate = Generate a new token
ed-secret-shown-once = Copy this token now: it is stored in the keychain and will not be shown again.
ed-secret-copy = Copy
ed-secret-copied = Copied
ed-secret-hide = Hide
