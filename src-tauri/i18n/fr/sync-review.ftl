## Revue d'un plan, application, et historique de synchronisation

nav-sync = Revue et envoi
nav-sync-history = Historique sync
accounts-review = Revoir les changements
sync-title = Revoir les changements
sync-history-title = Historique de synchronisation
review-intro = Rien n'atteint la plateforme avant que vous ayez lu ce plan et l'ayez appliqué. Les valeurs modifiées sur la plateforme depuis votre dernière récupération sont indiquées avec leur auteur.
review-account = Compte de plateforme
review-no-account = Ajoutez d'abord un compte de plateforme (Comptes de plateforme), puis récupérez-le.
review-make-plan = Établir un plan
review-replan = Refaire le plan
review-planning = Lecture de la plateforme… { $done } / { $total }
review-nothing = Rien à faire : la plateforme et vos brouillons concordent.
review-made-at = Plan établi le { $when }
review-summary = { $channels ->
    [one] 1 canal
   *[other] { $channels } canaux
  } · { $send } à envoyer · { $take } à reprendre · { $conflicts ->
    [one] 1 conflit
   *[other] { $conflicts } conflits
  }
review-keep-all-mine = Garder toutes mes valeurs
review-take-all-server = Tout reprendre du serveur
review-include-channel = Inclure ce canal
review-include-field = Inclure ce paramètre
review-server-changed-by = Modifié sur la plateforme par { $who }, { $when }
review-server-changed-at = Modifié sur la plateforme le { $when }
review-will-send = Sera envoyé (ici → plateforme)
review-will-take = Sera repris (plateforme → ici)
review-conflicts = Conflits : modifié ici et sur la plateforme
review-setting = Paramètre
review-on-platform = Sur la plateforme
review-here = Ici
review-last-agreed = Dernier accord
review-keep-mine = Garder ma valeur
review-take-server = Prendre celle du serveur
review-edit = Modifier
review-edit-value = Valeur à envoyer pour { $label }
review-edit-invalid-number = { $label } : saisissez un nombre.
review-edit-invalid-bool = { $label } : saisissez oui ou non.
review-edit-apply = Utiliser cette valeur
review-will-be-set = sera défini
review-secrets = Secrets
review-not-set = — Non défini —
review-yes = Oui
review-no = Non
review-items = { $count ->
    [one] 1 élément
   *[other] { $count } éléments
  }
review-web-admin = À faire dans l'interface d'administration (l'API ne peut pas les écrire)
review-blocked-invalid = Bloqué : ce canal a des problèmes à corriger avant de pouvoir être envoyé. Les autres canaux ne sont pas retenus.
review-blocked-error = Bloqué :
review-problems = Problèmes
review-unresolved = { $count ->
    [one] 1 conflit à résoudre avant d'approuver
   *[other] { $count } conflits à résoudre avant d'approuver
  }
review-approve = Approuver
review-approved = Approuvé : plan { $hash }
review-unapprove = Modifier la revue
review-apply = Appliquer
review-applying = Application… { $done } / { $total }
review-cancel = Annuler
review-local-only = Pas encore sur la plateforme : créez-le dans l'interface d'administration, puis liez-le
review-open-admin = Ouvrir l'interface d'administration
review-link-to = Lier à un canal existant de la plateforme
review-link-none = Aucun canal de ce type n'est encore libre sur la plateforme : créez-le dans l'interface d'administration, puis établissez un nouveau plan.
review-link-same-name = { $name } (même nom)
review-link = Lier
review-linked = Lié : ses paramètres apparaîtront dans le prochain plan comme « sera envoyé ». Rien n'a été envoyé.
review-resume-banner = L'application du plan { $hash } a été interrompue ({ $open ->
    [one] 1 canal non terminé
   *[other] { $open } canaux non terminés
  }). La reprise relit d'abord ces canaux et n'envoie jamais deux fois une modification.
review-resume = Reprendre l'application
review-outcomes = Résultat de l'application
review-outcome-applied = Appliqué
review-outcome-stale = Périmé : modifié sur la plateforme depuis le plan, ignoré
review-outcome-failed = Échec
review-outcome-cancelled = Annulé
review-outcome-intent = Pas commencé
review-outcome-sent = Envoyé, à vérifier
review-outcome-server-changed = La plateforme a modifié ou ignoré : { $fields }
review-outcome-cancelled-note = Annulé : les canaux non atteints sont intacts. Reprenez ci-dessous, ou établissez un nouveau plan.
review-history-link = Historique de synchronisation
review-apply-done = { $applied } appliqué(s) · { $stale } périmé(s) · { $failed } en échec

synchist-intro = Chaque application sur ce compte, la plus récente d'abord.
synchist-none = Rien n'a encore été appliqué sur ce compte.
synchist-when = { $when }
synchist-plan = Plan { $hash }
synchist-unfinished = inachevée
synchist-resumed = reprise
synchist-fields = Paramètres envoyés
synchist-set = défini

## Lier un canal local à un canal de la plateforme (les erreurs nomment le champ)
sync-link-already-linked = Ce canal est déjà lié à un canal de la plateforme.
sync-link-no-source = La plateforme n'a pas renvoyé ce canal.
sync-link-other-kind = Ce canal de la plateforme est d'un autre type : choisissez-en un du même type.
sync-link-taken = Un autre canal d'ici est déjà lié à ce canal de la plateforme.

## Restaurer une révision d'un canal lié
rev-restore-linked = Ce canal est lié à la plateforme : les valeurs restaurées sont une modification locale. Rien n'est envoyé maintenant ; elles apparaîtront dans le prochain plan comme « sera envoyé ».

## État en direct d'une application, par canal
review-live-running = Envoi…
review-live-ok = Appliqué
review-live-warning = Voir ci-dessous
review-live-failed = Échec
review-live-skipped = Ignoré
review-live-cancelled = Annulé

## Tâches de la barre d'état
sync-task-plan = Plan de { $name }
sync-task-apply = Application du plan sur { $name }

## Révision écrite par une application (origine dans l'historique)
rev-origin-server-push = Envoyé à la plateforme

## Secrets dans le résultat d'une application (noms seulement)
review-outcome-secrets-set = Secrets définis : { $fields }
# Shown above the plan when the names of the platform's teams, categories… could not be
# read; $reason is the localized cause.
review-refs-failed = Les noms des équipes, catégories et autres éléments liés n'ont pas pu être lus ({ $reason }) : le plan montre leurs identifiants à la place. Refaire le plan réessaie.
