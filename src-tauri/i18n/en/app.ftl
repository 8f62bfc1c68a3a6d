# The app's frame: navigation, status bar, settings.
app-title = Switchboard
nav-channels = Channels
nav-settings = Settings
nav-main = Main navigation

status-online = Online
status-offline = Offline
status-idle = No background task
status-task-progress = { $label }: { $done } of { $total }
status-task-cancel = Cancel
status-task-cancelled = Cancelled

channels-title = Channels
channels-empty = No channels yet. Channels you draft or pull from the platform appear here.

settings-title = Settings
settings-interface = Interface
settings-language = Interface language
settings-language-system = Follow the system
settings-language-fr = Français
settings-language-en = English
settings-theme = Theme
settings-theme-system = Follow the system
settings-theme-light = Light
settings-theme-dark = Dark
settings-saved = Settings saved
settings-diagnostics = Diagnostics
settings-diagnostics-help = Checks the data folder, the log folder and the OS keychain, as switchboard-cli doctor does.
settings-diagnostics-run = Run diagnostics
settings-about = About
settings-version = Version { $version }
channels-copy-of = Copy of { $name }
