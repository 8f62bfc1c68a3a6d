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

## Plan et application
sync-plan-source-unreadable = La plateforme n’a pas renvoyé la source { $id } : elle est masquée pour ce jeton ou n’existe plus. Rien n’est envoyé pour elle, et rien n’a été supprimé ici.
sync-plan-sample-reference = Pointe encore vers une entrée d’exemple, que la plateforme ne connaît pas : choisissez une entrée de ce compte. Rien n’est envoyé pour ce canal d’ici là.
sync-apply-channel = { $name }
sync-apply-stale = Quelqu’un a modifié ce canal sur la plateforme depuis le plan : ignoré, rien n’est écrasé. Faites un nouveau plan.
sync-err-plan-stale = Un canal a été enregistré depuis ce plan : faites un nouveau plan et relisez-le.
sync-err-plan-tampered = Ce fichier n’est pas un plan Switchboard, ou il a été modifié après sa création : faites un nouveau plan.
ed-ref-fetched = Depuis la plateforme, récupéré le { $when }
