## Récupération (puis plan et application)

sync-step-reference = Données de référence (communautés, groupes de canaux, catégories, horaires d’ouverture, langues)
sync-step-sources = Canaux

## États de synchronisation dans la liste et l’éditeur

chl-filter-sync = État de synchronisation
chl-filter-account = Compte de plateforme
chl-local-only = Local uniquement
chl-sync-local = Local uniquement
chl-sync-synced = Synchronisé
chl-sync-modified = Modifié ici
chl-sync-remote = Modifié sur le serveur
chl-sync-conflict = Modifié des deux côtés
chl-sync-error = Introuvable sur la plateforme
