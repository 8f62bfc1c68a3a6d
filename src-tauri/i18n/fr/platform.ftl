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
platform-probe-access = Lire les canaux : { $read -> [yes] oui [no] non *[other] inconnu }. Modifier les canaux : { $update -> [yes] oui [no] non *[other] inconnu }. Lire les données de référence : { $reference -> [yes] oui [no] non *[other] inconnu }.
platform-probe-cannot-read-channels = Ce jeton ne permet pas de lire les canaux : donnez au rôle de son utilisateur la permission « lire les sources ».
