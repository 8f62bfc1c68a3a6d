# La liste des canaux et l'éditeur de canal (ui/src/views, ui/src/lib/forms).

## Liste des canaux
chl-new = Nouveau canal
chl-new-menu = Types de canaux
chl-new-name = Nouveau canal { $kind }
chl-search = Rechercher par nom
chl-filter-kind = Filtrer par type
chl-filter-all = Tous
chl-filter-validity = Filtrer par validité
chl-filter-active = Filtrer par état
chl-validity-valid = Valide
chl-validity-invalid = Comporte des erreurs
chl-validity-unknown = Non vérifié
chl-active = Actif
chl-inactive = Inactif
chl-sort = Trier par
chl-sort-name = Nom
chl-sort-kind = Type
chl-sort-updated = Dernière modification
chl-sort-descending = Ordre décroissant
chl-count = { $count ->
    [one] { $count } canal
   *[other] { $count } canaux
}
chl-no-match = Aucun canal ne correspond à ces filtres.
chl-clear-filters = Effacer les filtres
chl-unnamed = (sans nom)
chl-duplicate = Dupliquer
chl-duplicate-named = Dupliquer { $name }
chl-delete = Supprimer
chl-delete-named = Supprimer { $name }
chl-deleted = « { $name } » supprimé.
chl-undo = Annuler

## Éditeur de canal
ed-loading = Chargement…
ed-back = Canaux
ed-save = Enregistrer
ed-saved = Enregistré
ed-state-saving = Enregistrement…
ed-state-error = Brouillon non enregistré : { $reason }
ed-problem-count = { $count ->
    [one] { $count } problème
   *[other] { $count } problèmes
}
ed-expand-all = Déplier toutes les sections
ed-collapse-all = Replier toutes les sections
ed-required = (obligatoire)
ed-choose = — Choisir —
ed-add = Ajouter
ed-item = Élément { $n }
ed-remove-item = Retirer l'élément { $n }
ed-move-up = Monter l'élément { $n }
ed-move-down = Descendre l'élément { $n }
ed-list-empty = Aucune entrée pour l'instant.
ed-variables = Insérer une variable…
ed-colour-picker = Sélecteur de couleur
ed-ref-none = — Non défini —
ed-ref-empty = Rien à choisir pour l'instant.
ed-ref-unknown = { $id } (absent des données de référence)
ed-ref-sample = Données d'exemple : ce n'est pas la vraie liste de votre compte. Elle sera remplacée quand la synchronisation avec la plateforme existera.
ed-ref-sample-badge = Données d'exemple — pas la liste de votre compte
ed-image-choose = Choisir une image…
ed-image-remove = Retirer l'image
ed-image-preview = Image actuelle
ed-image-advice = Taille conseillée : { $px } × { $px } pixels.
ed-image-round = Affichée dans un cercle aux clients et aux agents.
ed-secret-set = Défini
ed-secret-not-set = Non défini
ed-secret-replace = Remplacer…
ed-secret-enter = Saisir une valeur…
ed-secret-new-value = Nouvelle valeur
ed-secret-save = Enregistrer le secret
ed-secret-cancel = Annuler
ed-secret-clear = Effacer
ed-oauth-later = La connexion à ce fournisseur n'est pas encore disponible dans Switchboard : saisissez le jeton dans son champ.
ed-folders-none = Lancez le test de connexion ci-dessous pour lister les dossiers de cette boîte, puis choisissez-les ici.
ed-folders-found = { $count ->
    [one] { $count } dossier trouvé par le test de connexion.
   *[other] { $count } dossiers trouvés par le test de connexion.
}
ed-example-email = support@exemple.fr
ed-example-domain = exemple.fr
ed-example-host = imap.exemple.fr
ed-example-url = https://exemple.fr/
ed-example-uuid = 123e4567-e89b-12d3-a456-426614174000
ed-example-phone = 612345678
ed-example-country-code = 33
ed-example-duration = 1h, 2m ou 30s
ed-example-twitter-user = @nom
ed-queue-agents = Agents occupés (exemple)
ed-queue-slots = { $agents } agents occupés × capacité par défaut { $capacity } × facteur { $factor } = { $slots ->
    [one] { $slots } place en file d'attente
   *[other] { $slots } places en file d'attente
}
ed-queue-no-group = Choisissez un groupe de canaux dans les paramètres généraux pour voir combien de places en file d'attente ce facteur donne.
ed-secret-generate = Générer un jeton
ed-secret-regenerate = Générer un nouveau jeton
ed-secret-shown-once = Copiez ce jeton maintenant : il est enregistré dans le trousseau et ne sera plus affiché.
ed-secret-copy = Copier
ed-secret-copied = Copié
ed-secret-hide = Masquer
