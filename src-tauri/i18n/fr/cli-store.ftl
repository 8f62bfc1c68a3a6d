# switchboard-cli list / export / import (le stockage local depuis un terminal).
cli-list-about = Lister les canaux du stockage local
cli-export-about = Exporter des canaux dans un fichier JSON (les secrets ne sont jamais exportés)
cli-import-about = Importer des canaux depuis un fichier d’export (tout ou rien)
cli-arg-kind = Seulement les canaux de ce type (par ex. email)
cli-arg-search = Seulement les canaux dont le nom contient ce texte
cli-arg-export-all = Exporter tous les canaux
cli-arg-export-ids = Identifiants des canaux à exporter
cli-arg-output = Fichier à écrire
cli-arg-import-file = Fichier d’export à importer
cli-list-col-name = Nom
cli-list-col-kind = Type
cli-list-col-state = État
cli-list-col-id = Identifiant
cli-list-active = actif
cli-list-inactive = inactif
cli-list-valid = valide
cli-list-invalid = à corriger
cli-list-unchecked = non vérifié
cli-list-total = { $count ->
    [0] Aucun canal.
    [one] 1 canal.
   *[other] { $count } canaux.
}
cli-export-nothing = Indiquez les canaux à exporter, ou utilisez --all.
cli-export-done = { $count ->
    [one] 1 canal exporté dans { $path }.
   *[other] { $count } canaux exportés dans { $path }.
}
cli-export-secrets = { $count ->
    [one] 1 canal a des mots de passe ou jetons à ressaisir après l’import (listés dans le fichier).
   *[other] { $count } canaux ont des mots de passe ou jetons à ressaisir après l’import (listés dans le fichier).
}
cli-import-done = { $count ->
    [0] Le fichier ne contient aucun canal ; rien n’a été importé.
    [one] 1 canal importé.
   *[other] { $count } canaux importés.
}
cli-import-reenter = { $name } : ressaisir { $paths }
cli-import-problem = canal { $index }, { $path } : { $message }
cli-import-problem-file = fichier : { $message }
