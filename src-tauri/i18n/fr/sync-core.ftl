## Promotion entre comptes (bac à sable → production)

chl-promote = Promouvoir vers un autre compte…
promote-title = Promouvoir { $count ->
    [one] un canal
   *[other] { $count } canaux
} vers un autre compte
promote-from = Compte source
promote-to = Compte cible
promote-propose = Proposer la correspondance
promote-channels = Canaux
promote-col-channel = Canal
promote-col-target = Copier dans
promote-col-secrets = Secrets
promote-new-draft = Un nouveau brouillon (pas encore lié)
promote-reenter = Les secrets ne sont jamais copiés ; à saisir de nouveau :
promote-mapping = Références, associées par nom
promote-no-references = Ces canaux ne référencent rien qui demande une correspondance.
promote-unmatched = { $count ->
    [0] Chaque référence a une correspondance. Vérifiez-les, puis confirmez.
    [one] Une référence n’a pas de correspondance : choisissez-la, sinon elle sera effacée.
   *[other] { $count } références n’ont pas de correspondance : choisissez-les, sinon elles seront effacées.
}
promote-col-kind = Type
promote-col-from = Dans le compte source
promote-col-to = Dans le compte cible
promote-none = — aucune (effacée) —
promote-not-pulled = Cette liste n’a jamais été récupérée pour le compte cible : récupérez-la d’abord.
promote-confirm = Copier { $count ->
    [one] un canal
   *[other] { $count } canaux
} vers { $account }
promote-done = { $count ->
    [one] Un canal copié
   *[other] { $count } canaux copiés
} vers { $account }. Rien n’a été envoyé à la plateforme : relisez le plan.
promote-created = nouveau brouillon
promote-updated = brouillon mis à jour
promote-plan-fields = { $count ->
    [0] rien à envoyer
    [one] un paramètre à envoyer
   *[other] { $count } paramètres à envoyer
}
promote-cleared = { $count ->
    [one] une référence effacée
   *[other] { $count } références effacées
}
promote-planning = Préparation du plan du compte cible…
promote-plan-summary = Plan de { $account } : { $count ->
    [0] rien à envoyer.
    [one] un canal à relire.
   *[other] { $count } canaux à relire.
}
promote-review = Relire et appliquer ce plan
promote-err-other-account = Ces canaux appartiennent à un autre compte que celui d’où ils sont promus : choisissez ce compte, ou ne sélectionnez que ses canaux.
promote-close = Fermer
promote-kind-communities = Communauté
promote-kind-time-sheets = Horaires d’ouverture
promote-kind-categories = Catégorie
promote-kind-locales = Langue
promote-kind-channel-groups = Groupe de canaux

## Ligne de commande : promote, et ce que plan montre des secrets et des auteurs

cli-promote-about = Copier des canaux d’un compte vers un autre (bac à sable → production) en associant les références par nom, puis afficher le plan du compte cible (rien n’est envoyé : appliquez le fichier du plan)
cli-promote-arg-from = Le compte d’où viennent les canaux (libellé ou identifiant)
cli-promote-arg-to = Le compte où les copier (libellé ou identifiant)
cli-promote-arg-channel = L’identifiant d’un canal à promouvoir (à répéter pour plusieurs)
cli-promote-arg-map = Corriger une correspondance : type:source=cible, par identifiant ou par nom (types : communities, time_sheets, categories, locales, channel_groups ; une cible vide efface la référence)
cli-promote-bad-map = Impossible de lire la correspondance « { $map } » : écrivez type:source=cible, par exemple time_sheets:London office=24/7.
cli-promote-map-no-target = Le compte cible n’a pas « { $target } » dans cette liste.
cli-promote-map-no-source = Les canaux promus ne référencent pas « { $source } » dans cette liste.
cli-promote-unmatched = sans correspondance : effacée
cli-promote-cleared = effacée
cli-promote-reenter = à saisir de nouveau
cli-plan-secret = sera défini
cli-plan-server-change = Modifié sur la plateforme par { $by }, { $at }
cli-plan-server-change-at = Modifié sur la plateforme { $at }
