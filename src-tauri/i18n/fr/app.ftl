# Le cadre de l'application : navigation, barre d'état, paramètres.
app-title = Switchboard
nav-channels = Canaux
nav-settings = Paramètres
nav-main = Navigation principale

status-online = En ligne
status-offline = Hors ligne
status-idle = Aucune tâche en cours
status-task-progress = { $label } : { $done } sur { $total }
status-task-cancel = Annuler
status-task-cancelled = Annulé

channels-title = Canaux
channels-empty = Aucun canal pour l'instant. Les canaux que vous préparez ou récupérez de la plateforme apparaissent ici.

settings-title = Paramètres
settings-interface = Interface
settings-language = Langue de l'interface
settings-language-system = Suivre le système
settings-language-fr = Français
settings-language-en = English
settings-theme = Thème
settings-theme-system = Suivre le système
settings-theme-light = Clair
settings-theme-dark = Sombre
settings-saved = Paramètres enregistrés
settings-diagnostics = Diagnostic
settings-diagnostics-help = Vérifie le dossier de données, le dossier des journaux et le trousseau du système, comme switchboard-cli doctor.
settings-diagnostics-run = Lancer le diagnostic
settings-about = À propos
settings-version = Version { $version }
channels-copy-of = Copie de { $name }
