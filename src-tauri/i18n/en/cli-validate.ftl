# switchboard-cli validate: checks channel documents with the catalogue's rules.
cli-validate-about = Validate channel documents (one channel, or an export file) with the app's rules; secrets count as set
cli-validate-arg-files = Channel document or export files (JSON)
cli-validate-not-json = { $file } is not valid JSON: { $reason }
cli-validate-bad-export = { $file } is neither a channel document nor a Switchboard export.
cli-validate-export-version = { $file } is a Switchboard export of version { $version }, which this version cannot read.
cli-validate-unnamed = channel { $index } (no name)
cli-validate-channel-ok = ✓ { $file }: { $name } ({ $kind })
cli-validate-channel-invalid = ✗ { $file }: { $name } ({ $kind }) — { $count ->
    [one] 1 problem
   *[other] { $count } problems
}
cli-validate-summary = { $total ->
    [one] 1 channel checked
   *[other] { $total } channels checked
}, { $invalid ->
    [0] all valid.
    [one] 1 with problems.
   *[other] { $invalid } with problems.
}
