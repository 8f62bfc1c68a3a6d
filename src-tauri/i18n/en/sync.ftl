## Pull (and, next, plan and apply)

sync-step-reference = Reference data (communities, channel groups, categories, business hours, languages)
sync-step-sources = Channels
