# The frame: first start, the list's toolbar and selection bar, row menus, small screens.
frame-welcome-title = Welcome to Switchboard
frame-welcome-intro = Draft your platform's channels here, even offline. Every setting is checked as you type, secrets stay in your system's keychain, and changes reach the platform only after you review them.
frame-welcome-create = Create your first channel
frame-welcome-connect = Connect a platform account
frame-welcome-demo = Try the demo
frame-welcome-demo-help = The demo is a platform that runs inside the app, with sample channels to pull: nothing leaves your computer.
frame-export-nothing = Nothing to export yet
frame-dismiss = Dismiss
frame-selection = Selected channels
frame-selected = { $count ->
    [one] 1 selected
   *[other] { $count } selected
}
frame-selection-clear = Clear
frame-selection-all = Select all ({ $count })
frame-row-actions = Actions for { $name }

# Small things of the form.
ed-example-numeric-id = 104857361234567

# A setting named by its section and label; `n` numbers a list's items from 1.
frame-setting-item = { $label } ({ $n })
frame-duplicated = “{ $name }” duplicated.
frame-duplicated-secrets = Secrets are not copied: enter them in the copy ({ $labels }).
frame-check-fields = Fields to check:

# Help: one line, the guide's text behind a disclosure.
frame-help-more = More
frame-help-guide = What the guide says
frame-unit-days = { $count ->
    [one] day
   *[other] days
}

# The mail test: what is known before it runs, and the steps it could not run.
frame-mailtest-no-password = Not stored yet, so the test cannot sign in:
frame-mailtest-skipped = { $count ->
    [one] 1 step not run (an earlier step failed)
   *[other] { $count } steps not run (an earlier step failed)
}

frame-yes = Yes
frame-no = No
