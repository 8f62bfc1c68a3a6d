# switchboard-cli account / pull : aide et messages.
cli-account-about = Comptes de la plateforme : les ajouter, les lister, les tester et les supprimer
cli-account-add-about = Ajouter un compte de la plateforme (le jeton est lu dans une variable d’environnement)
cli-account-list-about = Lister les comptes de la plateforme
cli-account-test-about = Tester un compte : DNS, TLS, HTTP, jeton, rôle et droits du jeton
cli-account-remove-about = Supprimer un compte (ses canaux restent, comme canaux locaux)
cli-account-arg-name = Le nom du compte (son libellé), ou son identifiant
cli-account-arg-domain = Le domaine de l’instance (acme dans acme.api.digital.ringcentral.com)
cli-account-arg-host = L’hôte documenté associé au domaine : ringcentral (par défaut) ou dimelo
cli-account-arg-url = L’adresse complète de l’API, au lieu de --domain (https, ou http sur cet ordinateur seulement)
cli-account-arg-environment = L’environnement : production, sandbox ou other (par défaut : other)
cli-account-arg-token-env = Nom de la variable d’environnement qui contient le jeton d’API (jamais de jeton en argument)
cli-account-arg-token-user-email = E-mail de l’utilisateur du jeton, pour lire son rôle
cli-account-arg-rate-limit = La limite de la plateforme en requêtes par minute (par défaut : 500)
cli-arg-account = Le nom du compte (son libellé), ou son identifiant
cli-account-error-where = Indiquez l’adresse de la plateforme : --domain DOMAINE (avec --host) ou --url URL.
cli-account-error-host = « { $value } » n’est pas un hôte documenté : utilisez ringcentral ou dimelo.
cli-account-error-environment = « { $value } » n’est pas un environnement : utilisez production, sandbox ou other.
cli-account-error-token-env = La variable d’environnement { $var } est vide ou absente : mettez-y le jeton d’API, puis relancez la commande.
cli-account-error-exists = Un compte nommé « { $name } » existe déjà : choisissez un autre nom ou supprimez-le d’abord.
cli-account-not-found = Aucun compte nommé « { $name } » : voir switchboard-cli account list.
cli-account-added = Compte « { $name } » ajouté ({ $url }).
cli-account-removed = Compte « { $name } » supprimé ; { $count ->
        [one] son canal reste, comme canal local.
       *[other] ses { $count } canaux restent, comme canaux locaux.
    }
cli-account-total = { $count ->
        [one] 1 compte
       *[other] { $count } comptes
    }
cli-account-token-set = jeton enregistré
cli-account-token-missing = pas de jeton
cli-account-env-production = production
cli-account-env-sandbox = bac à sable
cli-account-env-other = autre
cli-account-test-ok = Le compte fonctionne.
cli-account-test-failed = Le test a échoué : voir les étapes ci-dessus.
cli-pull-about = Récupérer les canaux et les données de référence du compte depuis la plateforme
cli-pull-summary = { $sources } sources sur la plateforme, { $pages } pages lues (complet : { $complete }). Adoptées : { $adopted }, alignées sur le serveur : { $followed }, inchangées : { $unchanged }, modifiées des deux côtés : { $both }, modifications locales gardées : { $kept }, non vues : { $missing }, non adoptables : { $unadopted }.
cli-pull-unadopted = Non adoptée : { $id } « { $name } » (type { $type } : aucun type de canal ne lui correspond).
cli-plan-about = Montrer ce qu’une application changerait sur la plateforme (sortie 0 : rien à faire, 2 : des changements, 1 : erreur)
cli-plan-arg-out = Écrire aussi le plan dans ce fichier, pour apply (il ne contient aucun secret)
cli-plan-send = envoyer
cli-plan-take = reprendre
cli-plan-conflict = conflit
cli-plan-web-admin = à faire dans l’admin web
cli-plan-blocked = bloqué
cli-plan-local-only = Local seulement : « { $name } » : créez-le dans l’admin web, puis liez-le ({ $candidates } canaux de ce type sur la plateforme).
cli-plan-summary = { $channels } canaux, { $changes } changements, { $conflicts } conflits.
cli-plan-write-failed = Impossible d’écrire { $file } : { $reason }
cli-apply-about = Appliquer un plan créé par plan --out (demande confirmation sauf avec --yes)
cli-apply-arg-plan = Le fichier du plan
cli-apply-arg-yes = Appliquer sans demander
cli-apply-confirm = Appliquer ces changements sur la plateforme ? [o/N]
cli-apply-declined = Rien n’a été envoyé.
cli-apply-unreadable = Impossible de lire le plan { $file } : { $reason }
cli-apply-summary = Appliqués : { $applied }, périmés (ignorés, refaites un plan) : { $stale }, en échec : { $failed }.
cli-apply-server-changed = { $name } : la plateforme a modifié ou ignoré { $fields }.
