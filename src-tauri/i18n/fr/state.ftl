# Une seule vérité sur l'état d'un canal (ticket 12, points 1 à 8) : modification groupée,
# import de brouillons, états brouillon / enregistré / incomplet de l'éditeur.

state-bulk-refused = Cette valeur créerait des problèmes : rien n'a été modifié. L'aperçu les montre canal par canal.
state-bulk-would-break = { $count ->
    [one] créerait 1 problème
   *[other] créerait { $count } problèmes
}
state-bulk-fix-value = Changez la valeur : { $count ->
    [one] 1 canal aurait un problème à cause d'elle.
   *[other] { $count } canaux auraient un problème à cause d'elle.
}
state-import-drafts = { $count ->
    [one] 1 canal est arrivé comme brouillon incomplet, avec ce qu'il reste à remplir :
   *[other] { $count } canaux sont arrivés comme brouillons incomplets, avec ce qu'il reste à remplir :
}
state-import-draft = { $name } : { $problems }
state-import-problem-in = « { $name } », { $path } : { $message }
state-cli-import-draft = { $name } : brouillon incomplet, { $count ->
    [one] 1 problème
   *[other] { $count } problèmes
}
rev-origin-autosave = Enregistré automatiquement (non enregistré)
state-new = Nouveau canal : il n'est gardé que si vous le modifiez
state-draft = Brouillon enregistré automatiquement — pas encore enregistré
state-saved = Toutes les modifications sont enregistrées
state-complete = Complet
state-incomplete = { $count ->
    [one] Incomplet : 1 problème
   *[other] Incomplet : { $count } problèmes
}
state-next-problem = Aller au problème suivant
state-discard = Annuler les modifications
state-saved-incomplete = Enregistré, encore incomplet
state-row-draft = Brouillon non enregistré
state-row-renamed = Brouillon non enregistré : « { $name } »
