# Test de connexion e-mail (crate mailcheck) : noms des étapes, explications avec la marche à suivre, notes.
# $protocol vaut IMAP ou SMTP.

## Noms des étapes
mailcheck-step-imap-resolve = IMAP : trouver le serveur
mailcheck-step-imap-connect = IMAP : se connecter
mailcheck-step-imap-tls = IMAP : connexion sécurisée (SSL/TLS)
mailcheck-step-imap-greeting = IMAP : accueil du serveur
mailcheck-step-imap-starttls = IMAP : passage au chiffrement (STARTTLS)
mailcheck-step-imap-capability = IMAP : capacités du serveur
mailcheck-step-imap-login = IMAP : s’identifier
mailcheck-step-imap-list = IMAP : lister les dossiers
mailcheck-step-imap-select = IMAP : ouvrir le dossier « { $folder } »
mailcheck-step-smtp-resolve = SMTP : trouver le serveur
mailcheck-step-smtp-connect = SMTP : se connecter
mailcheck-step-smtp-tls = SMTP : connexion sécurisée (SSL/TLS)
mailcheck-step-smtp-banner = SMTP : accueil du serveur
mailcheck-step-smtp-ehlo = SMTP : se présenter (EHLO)
mailcheck-step-smtp-starttls = SMTP : passage au chiffrement (STARTTLS)
mailcheck-step-smtp-auth = SMTP : s’identifier
mailcheck-step-smtp-send = SMTP : envoyer un message de test à l’adresse du canal
mailcheck-step-smtp-roundtrip = Recevoir le message de test par IMAP et le supprimer
mailcheck-step-postmark-api-key = Postmark : vérifier le jeton d’API du serveur

## Échecs : ce qui s’est passé, puis que faire
mailcheck-host-invalid = Le nom du serveur { $protocol } « { $host } » est vide ou n’est pas un nom d’hôte valide. Saisissez le nom du serveur (par exemple imap.exemple.fr) ou son adresse IP.
mailcheck-port-invalid = Aucun port { $protocol } n’est saisi. Indiquez le port du serveur (en général { $protocol ->
        [IMAP] 993 ou 143
       *[other] 465 ou 587
    }).
mailcheck-resolve-failed = Le nom « { $host } » est introuvable (DNS). Vérifiez l’orthographe du serveur { $protocol }, ou que cet ordinateur accède à un serveur DNS.
mailcheck-connect-refused = Rien n’écoute sur ce port : le serveur a refusé la connexion. Vérifiez le port { $protocol } (en général { $protocol ->
        [IMAP] 993 ou 143
       *[other] 465 ou 587
    }) et le nom du serveur.
mailcheck-connect-unreachable = Le serveur { $protocol } est injoignable depuis cet ordinateur (aucune route). Vérifiez le nom du serveur, le réseau ou le VPN.
mailcheck-connect-failed = Impossible de se connecter au serveur { $protocol } : { $cause ->
        [reset] le serveur ou le réseau a coupé la connexion
        [aborted] la connexion a été interrompue
        [timed-out] le délai de connexion est dépassé
        [permission] cet ordinateur n’a pas le droit d’ouvrir cette connexion (un pare-feu ?)
        [address] cette adresse n’est pas utilisable depuis cet ordinateur
       *[other] le système n’a pas pu ouvrir la connexion
    }. Vérifiez le nom du serveur et le port.
mailcheck-connect-timeout = Le serveur { $protocol } n’a pas répondu en { $seconds } s. Un pare-feu bloque peut-être la connexion, ou le port est faux. Vérifiez le port, ou demandez à votre administrateur si les connexions sortantes vers ce port sont autorisées.
mailcheck-ca-file-unreadable = Le fichier d’autorité de certification « { $path } » est inutilisable ({ $error }). Choisissez un fichier PEM contenant le certificat de l’autorité.
mailcheck-cert-unknown-issuer = Le certificat du serveur a été émis par une autorité que cet ordinateur ne reconnaît pas (certificat auto-signé ou autorité privée). Ajoutez le certificat de cette autorité comme fichier CA, ou — seulement si vous faites confiance à ce réseau — réglez la vérification SSL sur NONE.
mailcheck-cert-name-mismatch = Le certificat du serveur est établi pour un autre nom que celui saisi. Utilisez exactement le nom de serveur indiqué dans le certificat (souvent le nom d’hôte du fournisseur), ou réglez la vérification SSL sur NONE si ce nom est imposé.
mailcheck-cert-expired = Le certificat du serveur a expiré. Demandez à l’administrateur de la messagerie de le renouveler ; d’ici là, seule la vérification SSL NONE permet de se connecter.
mailcheck-cert-not-yet-valid = Le certificat du serveur n’est pas encore valide. Vérifiez la date et l’heure de cet ordinateur, puis contactez l’administrateur de la messagerie.
mailcheck-cert-revoked = Le certificat du serveur a été révoqué. Ne vous connectez pas ; contactez l’administrateur de la messagerie.
mailcheck-cert-invalid = Le certificat du serveur n’est pas valide. Contactez l’administrateur de la messagerie, ou réglez la vérification SSL sur NONE seulement si vous faites confiance à ce réseau.
mailcheck-tls-plaintext-port = Ce port parle en clair, pas en SSL/TLS. Désactivez « SSL/TLS » et utilisez STARTTLS sur ce port, ou utilisez le port SSL/TLS ({ $protocol ->
        [IMAP] 993
       *[other] 465
    }).
mailcheck-tls-refused = Le serveur { $protocol } a refusé la connexion sécurisée (aucune version ou suite TLS commune). Essayez l’autre méthode de chiffrement (SSL/TLS ou STARTTLS) ou son port habituel.
mailcheck-tls-closed = Le serveur { $protocol } a fermé la connexion pendant la négociation sécurisée. Ce port n’utilise probablement pas SSL/TLS : vérifiez l’option « SSL/TLS » et le port.
mailcheck-tls-failed = La connexion sécurisée au serveur { $protocol } a échoué. Vérifiez les réglages SSL/TLS et le mode de vérification SSL.
mailcheck-tls-timeout = La négociation sécurisée avec le serveur { $protocol } n’a pas abouti en { $seconds } s. Ce port n’utilise peut-être pas SSL/TLS : vérifiez l’option « SSL/TLS » et le port.
mailcheck-greeting-timeout = Le serveur { $protocol } a accepté la connexion mais n’a rien dit en { $seconds } s. Il est peut-être surchargé, ou ce port n’est pas un service { $protocol } : vérifiez le port.
mailcheck-greeting-timeout-plain = Le serveur { $protocol } a accepté la connexion mais n’a rien dit en { $seconds } s. C’est le signe habituel d’un port qui attend SSL/TLS dès le début : activez « SSL/TLS », ou utilisez le port en clair/STARTTLS ({ $protocol ->
        [IMAP] 143
       *[other] 587
    }).
mailcheck-greeting-unexpected = Le serveur sur ce port n’est pas un serveur { $protocol } (son accueil n’en est pas un). Vérifiez le port : { $protocol ->
        [IMAP] IMAP utilise 993 ou 143
       *[other] SMTP utilise 465 ou 587
    }.
mailcheck-greeting-refused = Le serveur { $protocol } a refusé la session d’emblée (voir sa réponse). Il bloque peut-être cette adresse ou est hors service ; contactez l’administrateur de la messagerie.
mailcheck-connection-closed = Le serveur { $protocol } a fermé la connexion sans répondre. Vérifiez le port et l’option « SSL/TLS ».
mailcheck-starttls-not-offered = Le serveur { $protocol } ne propose pas STARTTLS sur ce port. Utilisez SSL/TLS sur son port sécurisé ({ $protocol ->
        [IMAP] 993
       *[other] 465
    }), ou — sur un réseau de confiance uniquement — désactivez le chiffrement.
mailcheck-auth-failed = Le serveur { $protocol } a refusé l’identifiant ou le mot de passe. Vérifiez les deux (beaucoup de fournisseurs demandent l’adresse e-mail complète comme identifiant, et un mot de passe d’application quand la validation en deux étapes est active).
mailcheck-auth-needs-tls = Le serveur { $protocol } n’autorise pas l’identification sans chiffrement. Activez « SSL/TLS » ou STARTTLS.
mailcheck-auth-no-mechanism = Le serveur { $protocol } ne propose aucune méthode d’identification utilisable par Switchboard (PLAIN ou LOGIN). Il exige peut-être OAuth (Microsoft 365, Gmail) ou un autre port.
mailcheck-auth-unavailable = Le serveur { $protocol } n’a pas pu vérifier le mot de passe pour l’instant (échec temporaire). Réessayez dans quelques minutes.
mailcheck-auth-skipped-no-username = Aucun identifiant n’est saisi : le serveur sera utilisé sans identification.
mailcheck-ehlo-rejected = Le serveur SMTP a refusé notre présentation (EHLO). Indiquez dans « Domaine HELO » le nom de domaine de l’organisation (ou laissez vide pour utiliser localhost).
mailcheck-protocol-error = Le serveur { $protocol } a répondu de façon inattendue : { $error }
mailcheck-step-timeout = Le serveur { $protocol } n’a pas répondu en { $seconds } s. Réessayez ; si cela persiste, le serveur est surchargé ou la connexion est filtrée.
mailcheck-folder-missing = Le dossier « { $folder } » n’existe pas sur le serveur (ou ne peut pas être ouvert). Choisissez-le à nouveau dans la liste des dossiers.
mailcheck-send-rejected = Le serveur SMTP a refusé d’envoyer le message de test depuis et vers l’adresse du canal. Vérifiez que l’adresse e-mail du canal appartient bien à ce compte SMTP.
mailcheck-roundtrip-timeout = Le message de test n’est pas arrivé dans la boîte de réception en { $seconds } s. Il est peut-être retardé ou classé en spam ; vérifiez que l’adresse du canal est bien la boîte lue par IMAP.
mailcheck-roundtrip-imap-failed = Le message de test a été envoyé mais la boîte n’a pas pu être ouverte pour le retrouver ({ $error }). Corrigez d’abord les réglages IMAP.
mailcheck-roundtrip-needs-imap = Le test d’envoi et de réception nécessite les réglages IMAP et l’adresse e-mail du canal.
mailcheck-postmark-key-missing = Aucun jeton d’API de serveur Postmark n’est saisi. Copiez-le depuis Postmark (Servers → API Tokens).
mailcheck-postmark-rejected = Postmark a refusé ce jeton d’API de serveur. Copiez à nouveau le jeton du serveur (pas celui du compte) depuis Postmark → Servers → API Tokens.
mailcheck-postmark-failed = Postmark a répondu par une erreur (HTTP { $status }). Réessayez plus tard ; voir la réponse pour le détail.
mailcheck-postmark-unreachable = Postmark est injoignable ({ $error }). Vérifiez la connexion internet ou le proxy de cet ordinateur.
mailcheck-cancelled = Annulé.
mailcheck-skipped-after-failure = Non exécuté car une étape précédente a échoué.
mailcheck-skipped-after-cancel = Non exécuté : le test a été annulé.
mailcheck-verify-off = { $protocol } : la vérification SSL est désactivée (NONE) : la connexion est chiffrée mais l’identité du serveur n’est pas contrôlée, quelqu’un sur le réseau pourrait intercepter le mot de passe. Réactivez la vérification dès que le serveur a un certificat valide.

## Notes en cas de succès
mailcheck-note-resolved = Trouvé à { $addresses }
mailcheck-note-connected = Connecté à { $address }
mailcheck-note-tls = Chiffré en { $version }, certificat vérifié
mailcheck-note-folders = { $count ->
    [one] Un dossier trouvé
   *[other] { $count } dossiers trouvés
}
mailcheck-note-folder = { $messages ->
    [one] Un message
   *[other] { $messages } messages
}
mailcheck-note-roundtrip = Reçu au bout de { $seconds } s puis supprimé
mailcheck-postmark-ok = Jeton accepté pour le serveur Postmark « { $server } »

## Notes de la détection automatique
mailcheck-provider-note-app-password = Ce fournisseur exige en général un mot de passe d’application (créé dans les paramètres de sécurité du compte) quand la validation en deux étapes est active.
mailcheck-provider-note-microsoft = Les comptes Microsoft 365 et Outlook.com ont souvent l’identification par mot de passe (authentification de base) désactivée : utilisez plutôt la connexion Microsoft (OAuth).
