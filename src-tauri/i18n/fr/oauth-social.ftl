# Connexion Facebook (page, Messenger, Instagram) et Twitter/X (src-tauri/src/commands/oauth_window.rs, oauth_twitter.rs).

oauth-social-facebook-window = Continuer avec Facebook
oauth-social-facebook-waiting = Connectez-vous à Facebook dans la fenêtre qui s'est ouverte…
oauth-social-pick-page = Choisissez la page à laquelle ce canal se connecte :
oauth-social-pick-instagram = Choisissez la page Facebook liée au compte professionnel Instagram :
oauth-social-no-pages = Ce compte Facebook ne gère aucune page. Connectez-vous avec un compte administrateur de la page.
oauth-social-no-instagram = { $page } n'a aucun compte professionnel Instagram lié. Liez-en un à la page, ou choisissez une autre page.
oauth-social-no-pending = Cette connexion est terminée. Cliquez de nouveau sur le bouton pour en commencer une autre.
oauth-social-signed-in-as = Connecté à Facebook en tant que { $name }.
oauth-social-twitter-waiting = Autorisez l'application dans votre navigateur…
oauth-social-pin-prompt = Après votre autorisation, Twitter affiche un code PIN. Saisissez-le ici :
oauth-social-pin-label = Code PIN
oauth-social-pin-submit = Valider
oauth-social-pin-required = Saisissez le code PIN affiché par Twitter.
oauth-social-open-settings = Ouvrir les applications des fournisseurs

## Applications des fournisseurs (Paramètres)
oauth-app-client-id-facebook = ID de l'application
oauth-app-client-secret-facebook = Clé secrète de l'application
oauth-app-client-id-twitter = Clé d'API (consumer key)
oauth-app-client-secret-twitter = Secret de la clé d'API (consumer secret)
oauth-app-redirect-port-twitter = Port de rappel local enregistré dans l'application (http://127.0.0.1:PORT/callback ; vide : code PIN)
