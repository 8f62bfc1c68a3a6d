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
state-new = Nouveau — gardé dès une modification
state-draft = Brouillon non enregistré
state-saved = Enregistré
state-complete = Complet
state-incomplete = { $count ->
    [one] Incomplet : 1 problème
   *[other] Incomplet : { $count } problèmes
}
state-next-problem = Aller au problème suivant
state-discard = Annuler les modifications
state-discard-named = Annuler les modifications non enregistrées de { $name }
state-saved-incomplete = Enregistré, incomplet
state-row-draft = Brouillon non enregistré
state-row-renamed = Brouillon non enregistré : « { $name } »
state-folders-typed-note = Saisissez pour l'instant les noms des dossiers. Le guide dit qu'ils ne peuvent pas être saisis, car la plateforme les liste après sa première synchronisation ; un test de connexion les liste ici aussi.
state-add-folder = Ajouter un dossier
state-not-confirmed = pas encore confirmé par un test de connexion
state-not-listed = absent de la liste du dernier test de connexion
state-ref-type-id = Saisir l'identifiant de la plateforme…
state-ref-typed = Identifiant { $id } (saisi)
state-ref-sample-chosen = C'est une entrée d'exemple : la plateforme ne la connaîtra pas. Saisissez le véritable identifiant, ou récupérez votre compte de plateforme.
state-export-sample = { $count ->
    [one] 1 canal pointe encore vers des données d'exemple ({ $names }) : aucune plateforme ne connaît ces identifiants. Saisissez les vrais avant de synchroniser.
   *[other] { $count } canaux pointent encore vers des données d'exemple ({ $names }) : aucune plateforme ne connaît ces identifiants. Saisissez les vrais avant de synchroniser.
}
ref-sample-community-1 = Exemple — Service client
ref-sample-community-2 = Exemple — Réseaux sociaux
ref-sample-timesheet-1 = Exemple — En semaine 9 h – 18 h
ref-sample-timesheet-2 = Exemple — 24 h/24, 7 j/7
ref-sample-category-1 = Exemple — Facturation
ref-sample-category-2 = Exemple — Factures
ref-sample-category-3 = Exemple — Support technique
ref-sample-category-4 = Exemple — Réclamations
ref-sample-group-1 = Exemple — Canaux asynchrones
ref-sample-group-2 = Exemple — Chat en direct
state-leave-without-secret = Un secret saisi n'a pas pu être enregistré (voir ci-dessus). Quittez de nouveau l'éditeur pour partir sans lui.
