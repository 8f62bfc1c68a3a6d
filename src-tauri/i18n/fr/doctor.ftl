# switchboard-cli doctor et le panneau Diagnostic.
doctor-title = Diagnostic de Switchboard
doctor-app-id = Identifiant de l'application
doctor-data-dir = Dossier de données
doctor-log-dir = Dossier des journaux
doctor-keychain = Trousseau du système
doctor-versions = Versions
doctor-writable = accessible en écriture
doctor-not-writable = inaccessible en écriture : { $reason }
doctor-keychain-ok = accessible (un secret de test a été écrit, relu puis supprimé)
doctor-all-ok = Tout est en ordre.
doctor-some-failed = Certaines vérifications ont échoué.
doctor-timed-out = pas de réponse dans le délai imparti
doctor-check-crashed = la vérification s’est arrêtée de façon inattendue : { $reason }
