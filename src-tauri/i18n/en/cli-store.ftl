# switchboard-cli list / export / import (the offline store from a terminal).
cli-list-about = List the channels of the local store
cli-export-about = Export channels to a JSON file (secrets are never exported)
cli-import-about = Import channels from an export file (all or nothing)
cli-arg-kind = Only channels of this type (e.g. email)
cli-arg-search = Only channels whose name contains this text
cli-arg-export-all = Export every channel
cli-arg-export-ids = Ids of the channels to export
cli-arg-output = File to write
cli-arg-import-file = Export file to import
cli-list-col-name = Name
cli-list-col-kind = Type
cli-list-col-state = State
cli-list-col-id = Id
cli-list-active = active
cli-list-inactive = inactive
cli-list-valid = valid
cli-list-invalid = needs attention
cli-list-unchecked = not checked
cli-list-total = { $count ->
    [0] No channel.
    [one] 1 channel.
   *[other] { $count } channels.
}
cli-export-nothing = Name the channels to export, or use --all.
cli-export-done = { $count ->
    [one] 1 channel exported to { $path }.
   *[other] { $count } channels exported to { $path }.
}
cli-export-secrets = { $count ->
    [one] 1 channel has passwords or tokens to re-enter after import (listed in the file).
   *[other] { $count } channels have passwords or tokens to re-enter after import (listed in the file).
}
cli-import-done = { $count ->
    [0] The file has no channel; nothing was imported.
    [one] 1 channel imported.
   *[other] { $count } channels imported.
}
cli-import-reenter = { $name }: re-enter { $paths }
cli-import-problem = channel { $index }, { $path }: { $message }
cli-import-problem-file = file: { $message }
