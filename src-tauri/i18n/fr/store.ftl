# Le stockage hors ligne (switchboard-store) et le coffre à secrets (switchboard-vault).
store-err-not-found = Ce canal n’existe plus (il a peut-être été supprimé) : { $id }
store-err-revision-not-found = Cette révision n’existe plus : { $id }
store-err-batch-not-found = Cette modification groupée est introuvable : { $id }
store-err-batch-undone = Cette modification groupée a déjà été annulée.
store-err-backup-not-found = Aucune sauvegarde automatique ne passe le contrôle d’intégrité : aucune ne peut être restaurée.
store-err-no-database-file = Ce stockage de canaux n’existe qu’en mémoire : il n’a pas de fichier à sauvegarder.
store-err-newer-database = Ces données ont été écrites par une version plus récente de Switchboard (base en version { $found } ; cette version lit jusqu’à la { $supported }). Mettez Switchboard à jour pour les ouvrir ; rien n’a été modifié.
store-err-busy = La base des canaux est utilisée par une autre fenêtre de Switchboard ou par switchboard-cli. Fermez-la, puis réessayez.
store-err-bad-path = Le réglage { $path } ne peut pas être modifié de cette façon.
store-err-corrupt = Les données enregistrées sont endommagées ({ $reason }).
store-err-database = La base des canaux a signalé une erreur : { $reason }
store-err-open-failed = La base des canaux { $path } ne peut pas être ouverte : { $reason } { $offer }
store-offer-restore-backup = Vous pouvez restaurer la sauvegarde automatique du { $date } ; le fichier endommagé est conservé à part.
store-offer-no-backup = Aucune sauvegarde automatique n’est encore disponible.
store-err-import-invalid = { $count ->
    [one] Le fichier n’a pas été importé : un problème est à corriger.
   *[other] Le fichier n’a pas été importé : { $count } problèmes sont à corriger.
}
store-import-not-json = Ce fichier n’est pas du JSON valide : { $reason }
store-import-wrong-format = Ce fichier n’est pas un export de canaux Switchboard (format « { $found } »).
store-import-unsupported-version = Cet export est en version { $found } ; cette version de Switchboard lit la version { $supported } et les précédentes.
store-import-no-channels = Le fichier ne contient pas de liste de canaux.
store-import-not-object = Un canal doit être un objet JSON de sections.
store-import-kind-missing = Le type du canal (kind) est absent.
store-import-name-missing = Le nom du canal est absent.
store-import-section-not-object = Cette section doit être un objet.
store-import-bad-secret-list = La liste des secrets à ressaisir doit être une liste de chemins de réglages.
vault-err-open-failed = Un mot de passe ou un jeton enregistré n’a pas pu être déchiffré (la clé du trousseau a changé ou les données ont été modifiées). Saisissez-le de nouveau.
vault-err-format = Un mot de passe ou un jeton enregistré est dans un format inconnu. Saisissez-le de nouveau.
store-err-account-not-found = Ce compte de plateforme n’existe plus : il a été supprimé, peut-être depuis une autre fenêtre.
