## Récupération (puis plan et application)

sync-step-reference = Données de référence (communautés, groupes de canaux, catégories, horaires d’ouverture, langues)
sync-step-sources = Canaux
