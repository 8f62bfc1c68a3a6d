# Serveurs hostiles ou défaillants (ticket 11) : ce qui s’est passé, nommé exactement.
mailcheck-starttls-refused = Le serveur { $protocol } annonce STARTTLS mais l’a refusé quand on l’a demandé. Il est mal configuré (souvent un certificat manquant) : utilisez SSL/TLS sur son port sécurisé ({ $protocol ->
        [IMAP] 993
       *[other] 465
    }), ou contactez le fournisseur de messagerie.
mailcheck-starttls-broken = Le serveur { $protocol } a accepté STARTTLS puis n’a pas ouvert de connexion sécurisée. Quelque chose sur le chemin altère peut-être la connexion, ou le serveur est défaillant : utilisez SSL/TLS sur son port sécurisé ({ $protocol ->
        [IMAP] 993
       *[other] 465
    }), ou contactez le fournisseur de messagerie.
mailcheck-starttls-injection = Des données sont arrivées après l’accord du serveur { $protocol } pour STARTTLS et avant le début du chiffrement. Elles seraient prises pour venues par la connexion sécurisée : c’est ainsi que se présente une attaque par injection de réponses. Le test s’est arrêté ; vérifiez le réseau entre vous et le serveur.
mailcheck-reply-too-long = Le serveur { $protocol } a envoyé plus de { $kib } Kio pour une seule étape, bien plus qu’aucune vraie réponse. Le test a cessé de lire : le serveur est défaillant ou ce n’est pas un service { $protocol }.
mailcheck-reply-incomplete = Le serveur { $protocol } a envoyé { $bytes } octets en { $seconds } s sans terminer sa réponse : il est bien trop lent, ou il ne parle pas { $protocol }. Ce qu’il a envoyé est affiché ci-dessous.
mailcheck-connection-dropped = Le serveur { $protocol } a fermé la connexion au milieu de l’échange. Il est peut-être surchargé ou en redémarrage, ou quelque chose sur le chemin a coupé la connexion : réessayez ; si cela persiste, contactez le fournisseur de messagerie.
mailcheck-folder-undecodable = nom affiché tel que le serveur l’a envoyé : UTF-7 modifié invalide
mailcheck-auth-loop = Le serveur { $protocol } a continué à demander des informations pendant la connexion sans jamais conclure. Il est défaillant ou ce n’est pas un vrai serveur { $protocol } : contactez le fournisseur de messagerie.
