# OAuth Microsoft pour l'e-mail (XOAUTH2) : l'étape d'identification du test de connexion
# et ses explications (crate mailcheck, src/xoauth2.rs), le renouvellement du jeton avant.
# $protocol vaut IMAP ou SMTP.

mailcheck-step-imap-xoauth2 = IMAP : se connecter avec Microsoft (XOAUTH2)
mailcheck-step-smtp-xoauth2 = SMTP : se connecter avec Microsoft (XOAUTH2)
mailcheck-xoauth2-reauthorize = Aucune connexion Microsoft valide pour { $protocol } : elle a été révoquée, a expiré ou n’a jamais été faite. Cliquez sur Autoriser à nouveau et connectez-vous avec cette boîte aux lettres.
mailcheck-xoauth2-rejected = Le serveur { $protocol } a refusé la connexion Microsoft de « { $user } » : l’autorisation a expiré ou a été révoquée, ou elle a été donnée pour une autre boîte aux lettres. Cliquez sur Autoriser à nouveau et connectez-vous en tant que { $user }.
mailcheck-xoauth2-not-offered = Le serveur { $protocol } ne propose pas la connexion avec Microsoft (XOAUTH2). Vérifiez le nom du serveur et le port, ou choisissez le type d’authentification Mot de passe.
mailcheck-xoauth2-token-unavailable = Impossible d’obtenir un nouveau jeton d’accès Microsoft : { $reason } Le test pourra se connecter dès que ce sera possible.

## Applications des fournisseurs par compte de plateforme
oauth-apps-scope-local = Ces applications servent aux canaux qui ne sont liés à aucun compte de plateforme. Un canal lié utilise les applications de son compte (Comptes).
oauth-apps-scope-account = Les canaux liés à ce compte se connectent avec ces applications.
oauth-app-missing-account = La connexion nécessite l’application { $provider } du compte de plateforme « { $account } » : ajoutez son identifiant client dans Comptes, { $account }, Applications des fournisseurs.
