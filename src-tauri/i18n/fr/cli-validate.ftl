# switchboard-cli validate : vérifie des documents de canal avec les règles du catalogue.
cli-validate-about = Valider des documents de canal (un canal, ou un fichier d'export) avec les règles de l'application ; les secrets sont considérés comme renseignés
cli-validate-arg-files = Fichiers de canal ou d'export (JSON)
cli-validate-not-json = { $file } n'est pas du JSON valide : { $reason }
cli-validate-bad-export = { $file } n'est ni un document de canal ni un export Switchboard.
cli-validate-export-version = { $file } est un export Switchboard de version { $version }, que cette version ne sait pas lire.
cli-validate-unnamed = canal { $index } (sans nom)
cli-validate-channel-ok = ✓ { $file } : { $name } ({ $kind })
cli-validate-channel-invalid = ✗ { $file } : { $name } ({ $kind }) — { $count ->
    [one] 1 problème
   *[other] { $count } problèmes
}
cli-validate-summary = { $total ->
    [one] 1 canal vérifié
   *[other] { $total } canaux vérifiés
}, { $invalid ->
    [0] tous valides.
    [one] 1 avec des problèmes.
   *[other] { $invalid } avec des problèmes.
}
