# Messages de l'enveloppe d'erreur partagés par tous les domaines, et messages génériques de validation.
err-internal = Un problème est survenu dans Switchboard. Les détails ont été écrits dans le journal.
err-invalid-input = Certaines valeurs sont à corriger.
err-cancelled = Annulé.
err-io = Impossible de lire ou d'écrire { $path } : { $reason }
err-prefs-save = Vos paramètres n'ont pas pu être enregistrés dans { $path } : { $reason }
err-unknown-task = Cette tâche est déjà terminée.
err-keychain-unavailable = Le trousseau du système est inaccessible ({ $cause }). Tout fonctionne sauf l'enregistrement des mots de passe et jetons. { $hint }
err-keychain-hint-linux = Démarrez un fournisseur Secret Service (GNOME Keyring ou KWallet) et déverrouillez-le, puis réessayez.
err-keychain-hint-macos = Déverrouillez le trousseau « session » dans Trousseaux d'accès, puis réessayez.
err-keychain-hint-windows = Vérifiez que le Gestionnaire d'identification Windows est disponible pour votre compte, puis réessayez.
err-keychain-locked = Le trousseau du système est verrouillé. Déverrouillez-le, puis réessayez.
err-required = { $field } est obligatoire.
err-number-range = Saisissez un nombre entre { $min } et { $max }.
err-number-min = Saisissez un nombre supérieur ou égal à { $min }.
err-text-too-long = Utilisez au plus { $max } caractères.
