# switchboard-cli: help texts. The help template keeps clap's placeholders in braces.
cli-about = Switchboard from a terminal: diagnose, validate, list, export and import channels, test mail settings.
cli-help-template = {"{"}about-with-newline{"}"}
    Usage: {"{"}usage{"}"}

    {"{"}all-args{"}"}
cli-arg-help = Print help
cli-arg-version = Print version
cli-arg-lang = Language of the output (fr or en)
cli-arg-json = Print JSON instead of text
cli-doctor-about = Report data and log folders, keychain availability and versions
cli-heading-commands = Commands
cli-heading-options = Options
cli-heading-arguments = Arguments
