## Comptes de plateforme, client de l’API et récupération

platform-err-unauthorized = La plateforme a refusé le jeton d’API : il est erroné, expiré ou révoqué. Collez un jeton valide.
platform-err-forbidden = L’utilisateur du jeton n’a pas le droit de faire cela : donnez la permission à son rôle dans l’administration de la plateforme, ou utilisez un autre jeton.
platform-err-not-found-or-hidden = La plateforme n’a pas trouvé cet élément, ou le jeton n’a pas le droit de le lire. Rien n’a été supprimé ici.
platform-err-validation = La plateforme a refusé la modification : { $message }
platform-err-rate-limited = La plateforme a répondu « trop de requêtes » à plusieurs reprises. Switchboard a fait des pauses puis a abandonné : réessayez dans une minute.
platform-err-server = La plateforme a répondu par une erreur ({ $status }). Réessayez plus tard.
platform-err-network = La plateforme est injoignable. Vérifiez l’adresse et la connexion de cet ordinateur.
platform-err-timeout = La plateforme n’a pas répondu en { $secs } s.
platform-err-tls = La connexion sécurisée à la plateforme a échoué (certificat ou protocole). Vérifiez l’adresse.
platform-err-decode = La réponse de la plateforme ne correspond pas à ce que son API documente. Vérifiez qu’il s’agit bien de l’adresse de l’API (elle se termine par /1.0).
platform-err-cancelled = Annulé.

platform-url-empty = Saisissez le domaine de la plateforme ou l’adresse de l’API.
platform-url-bad-domain = Un domaine se compose de lettres, de chiffres et de tirets, comme dans l’adresse de votre plateforme (acme dans acme.engagement.dimelo.com).
platform-url-not-url = Ce n’est pas une adresse web : saisissez-la en entier, comme https://acme.api.engagement.dimelo.com/1.0.
platform-url-not-https = Le jeton circulerait en clair : l’adresse doit commencer par https:// (http simple seulement sur cet ordinateur).

platform-account-invalid = Certains réglages du compte sont à corriger.
platform-account-no-token = Ce compte n’a pas encore de jeton d’API : ajoutez-en un dans les réglages du compte.
platform-account-label-required = Donnez un nom au compte.
platform-account-label-control = Le nom ne peut pas contenir de caractères de contrôle.
platform-account-email-invalid = Saisissez l’adresse e-mail de l’utilisateur du jeton, comme nom@exemple.com.
platform-account-rate-limit = La limite est un nombre de requêtes par minute, de 1 à 100 000 (la plateforme documente 500).

platform-step-dns = Recherche du serveur (DNS)
platform-step-tls = Connexion sécurisée (TLS)
platform-step-http = Accès à l’API (HTTP)
platform-step-token = Jeton d’API
platform-step-role = Utilisateur et rôle du jeton
platform-step-access = Ce que le jeton permet
platform-probe-dns-failed = Aucun serveur ne répond au nom { $host } : vérifiez le domaine.
platform-probe-dns-ok = Trouvé à l’adresse { $address }.
platform-probe-tls-ok = { $version }, certificat valide.
platform-probe-tls-timeout = La connexion sécurisée n’a pas abouti : un pare-feu ou un proxy la bloque peut-être.
platform-probe-tls-failed = La connexion sécurisée a échoué : { $detail }
platform-probe-tls-loopback = Inutile : la plateforme tourne sur cet ordinateur.
platform-probe-http-status = L’API a répondu (HTTP { $status }).
platform-probe-not-the-api = Cette adresse répond, mais ce n’est pas l’API de la plateforme : vérifiez qu’elle se termine par /1.0.
platform-probe-token-invalid = La plateforme a refusé ce jeton : il est erroné, expiré ou révoqué.
platform-probe-token-valid = Le jeton est valide.
platform-probe-role-no-email = Saisissez l’e-mail de l’utilisateur du jeton pour savoir ce qu’il permet (l’API ne dit pas à qui appartient un jeton).
platform-probe-role-ok = { $user }, rôle « { $role } ».
platform-probe-role-unknown-user = Aucun utilisateur avec l’e-mail { $email } sur cette plateforme.
platform-probe-role-unreadable = Le rôle n’a pas pu être lu : { $cause }
platform-probe-access = Lire les canaux : { $read ->
        [yes] oui
        [no] non
       *[other] inconnu
    }. Modifier les canaux : { $update ->
        [yes] oui
        [no] non
       *[other] inconnu
    }. Lire les données de référence : { $reference ->
        [yes] oui
        [no] non
       *[other] inconnu
    }.
platform-probe-cannot-read-channels = Ce jeton ne permet pas de lire les canaux : donnez au rôle de son utilisateur la permission « lire les sources ».

## La vue des comptes

nav-accounts = Plateformes
accounts-title = Comptes de plateforme
accounts-intro = Chaque compte est un espace de la plateforme, atteint par son API REST avec un jeton d’accès à l’API. Les canaux récupérés d’un compte restent liés à ce compte.
accounts-add = Ajouter un compte
accounts-empty = Aucun compte de plateforme. Ajoutez-en un avec l’adresse de son API et un jeton d’accès (créé dans l’administration de la plateforme, rubrique Jetons d’accès à l’API).
accounts-label = Nom
accounts-environment = Environnement
accounts-env-production = Production
accounts-env-sandbox = Bac à sable
accounts-env-other = Autre
accounts-demo-badge = Plateforme de démonstration
accounts-address = Adresse
accounts-mode-ringcentral = Domaine sur digital.ringcentral.com
accounts-mode-dimelo = Domaine sur engagement.dimelo.com
accounts-mode-full = Adresse complète de l’API
accounts-domain = Domaine
accounts-full-url = Adresse de l’API
accounts-token = Jeton d’accès à l’API
accounts-token-stored = Enregistré dans le trousseau — saisissez-en un nouveau pour le remplacer
accounts-token-help = Conservé dans le trousseau de cet ordinateur, jamais réaffiché.
accounts-token-user = E-mail de l’utilisateur du jeton
accounts-token-user-help = Permet au test de lire le rôle de l’utilisateur (l’API ne dit pas à qui appartient un jeton).
accounts-rate-limit = Limite de requêtes
accounts-rate-limit-unit = par minute
accounts-rate-limit-help = La plateforme accepte 500 requêtes par minute ; Switchboard en utilise au plus 80 %, partagés par tout ce qu’il fait avec ce compte.
accounts-save = Enregistrer
accounts-test = Tester
accounts-cancel = Annuler
accounts-edit = Modifier
accounts-remove = Supprimer
accounts-remove-confirm = Supprimer ce compte ? Ses canaux restent sur cet ordinateur, comme canaux locaux.
accounts-pull = Récupérer depuis la plateforme
accounts-token-set = Jeton enregistré
accounts-token-missing = Pas de jeton : modifiez le compte pour en ajouter un
accounts-last-pull = Dernière récupération { $when }
accounts-never-pulled = Jamais récupéré
accounts-testing = Test de { $name }
accounts-pulling = Récupération de { $name }
accounts-step-ms = { $ms } ms
accounts-test-ok = Le compte fonctionne.
accounts-pull-progress = { $done } canaux sur { $total }
accounts-pull-summary = { $sources } canaux sur la plateforme : { $adopted } nouveaux, { $followed } mis à jour depuis le serveur, { $both } modifiés des deux côtés, { $missing } introuvables.
accounts-unadopted = { $count } canaux de la plateforme sont d’un type que Switchboard ne connaît pas encore ; ils sont listés, pas importés :
accounts-try-demo = Essayer la plateforme de démonstration
accounts-demo-help = Pas d’espace sous la main ? « Essayer la plateforme de démonstration » lance sur cet ordinateur une doublure de la plateforme, avec des canaux de tous les types, pour tester un compte et récupérer ses canaux. Elle repart de zéro à chaque démarrage de Switchboard.
