# Connexion OAuth (« Continuer avec … »), santé des jetons, applications des fournisseurs (src-tauri/crates/oauth).

## La page sur laquelle se termine l'onglet du navigateur
oauth-page-title = Switchboard
oauth-page-done = Connexion terminée. Vous pouvez fermer cet onglet et revenir à Switchboard.
oauth-page-denied = La connexion a été refusée. Vous pouvez fermer cet onglet et revenir à Switchboard.
oauth-page-failed = La connexion n'a pas abouti. Vous pouvez fermer cet onglet ; Switchboard indique ce qui s'est passé.
oauth-page-foreign = Cette adresse ne correspond à aucune connexion en cours. Vous pouvez fermer cet onglet.

## Erreurs
oauth-err-busy = Une autre connexion attend déjà le navigateur. Terminez-la ou annulez-la d'abord.
oauth-err-listen = Switchboard n'a pas pu attendre le navigateur sur cet ordinateur ({ $cause }).
oauth-err-browser = Le navigateur n'a pas pu être ouvert ({ $cause }).
oauth-err-timeout = La connexion n'a pas été terminée dans les 5 minutes. Relancez-la quand vous serez prêt.
oauth-err-cancelled = La connexion a été annulée.
oauth-err-denied = Le fournisseur a refusé la connexion ({ $error }).
oauth-err-state = Le navigateur est revenu avec une réponse qui n'appartient pas à cette connexion ; elle a été refusée. Relancez la connexion.
oauth-err-issuer = La réponse vient d'un autre serveur de connexion que celui sollicité ; elle a été refusée.
oauth-err-reauthorize = La connexion n'est plus autorisée. Cliquez sur Autoriser à nouveau et reconnectez-vous.
oauth-err-client = Le fournisseur a refusé l'application enregistrée dans Switchboard ({ $detail }). Vérifiez son identifiant client et son secret.
oauth-err-transport = Le fournisseur est injoignable ({ $cause }).
oauth-err-url = Cette adresse n'est pas utilisable ({ $cause }).
oauth-err-store = La connexion n'a pas pu être enregistrée ({ $cause }).
oauth-app-missing = La connexion nécessite l'application { $provider } qu'utilise votre compte de plateforme : ajoutez son identifiant client dans Paramètres, Applications des fournisseurs.
oauth-err-not-yet = La connexion à ce fournisseur n'est pas encore disponible dans Switchboard.
oauth-err-no-refresh = Le fournisseur a accepté la connexion sans accorder d'accès durable. Reconnectez-vous en acceptant toutes les autorisations demandées.

## Le bouton de l'éditeur
oauth-task = Connexion : { $provider }
oauth-waiting = En attente de votre connexion dans le navigateur…
oauth-cancel = Annuler la connexion
oauth-connected-as = Connecté en tant que { $name }
oauth-connected = Connecté
oauth-expires = expire le { $date }
oauth-reauthorize = Autoriser à nouveau
oauth-health-ok = OK
oauth-health-expires_soon = Expire bientôt
oauth-health-needs_reauthorization = À autoriser à nouveau
oauth-provider-google = Google
oauth-provider-microsoft = Microsoft
oauth-provider-ringcentral = RingCentral
oauth-provider-facebook = Facebook
oauth-provider-twitter = Twitter/X

## Applications des fournisseurs (Paramètres)
oauth-apps-title = Applications des fournisseurs
oauth-apps-help = Un jeton appartient à l'application qui l'a obtenu, et la plateforme n'accepte que les jetons de l'application qu'utilise votre tenant : saisissez l'identifiant client de cette application (et son secret, quand le fournisseur en donne un).
oauth-app-client-id = Identifiant client
oauth-app-client-secret = Secret client
oauth-app-secret-set = Un secret est enregistré. Saisissez-en un nouveau pour le remplacer.
oauth-app-base-url = Adresse du serveur de connexion (vide pour celui du fournisseur)
oauth-app-redirect-port = Port de redirection enregistré
oauth-app-save = Enregistrer
oauth-app-saved = Enregistré.
oauth-app-client-id-required = Saisissez l'identifiant client de l'application.
oauth-app-base-url-invalid = Saisissez une adresse http:// ou https://.

## Liste des canaux
chl-filter-health = Filtrer par connexion

## switchboard-cli connect
cli-connect-about = Se connecter au fournisseur du canal (« Continuer avec … ») et enregistrer le jeton dans le coffre
cli-connect-arg-channel = Le canal à connecter (son identifiant, voir `list`)
cli-connect-open = Ouvrez cette adresse dans un navigateur de cet ordinateur et connectez-vous (Ctrl-C pour annuler) :
cli-connect-done = Connecté en tant que { $name } : le jeton est scellé dans le coffre pour { $path }.
cli-connect-no-sign-in = Le canal { $id } n'a pas de connexion que Switchboard sache faire (YouTube, Google My Business et les SMS RingCentral, oui).
cli-connect-arg-smtp = Pour un canal e-mail : se connecter pour SMTP (sinon IMAP)
