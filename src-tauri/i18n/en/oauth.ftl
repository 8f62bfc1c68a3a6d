# OAuth sign-in ("Continue with …"), token health, provider apps (src-tauri/crates/oauth).

## The page the browser tab ends on
oauth-page-title = Switchboard
oauth-page-done = Sign-in complete. You may close this tab and return to Switchboard.
oauth-page-denied = Sign-in was refused. You may close this tab and return to Switchboard.
oauth-page-failed = Sign-in did not complete. You may close this tab; Switchboard says what happened.
oauth-page-foreign = This address does not belong to a sign-in in progress. You may close this tab.

## Errors
oauth-err-busy = Another sign-in is already waiting for the browser. Finish or cancel it first.
oauth-err-listen = Switchboard could not wait for the browser on this computer ({ $cause }).
oauth-err-browser = The browser could not be opened ({ $cause }).
oauth-err-timeout = The sign-in was not completed within 5 minutes. Start it again when you are ready.
oauth-err-cancelled = The sign-in was cancelled.
oauth-err-denied = The provider refused the sign-in ({ $error }).
oauth-err-state = The browser came back with an answer that does not belong to this sign-in; it was refused. Start the sign-in again.
oauth-err-issuer = The answer came from another sign-in server than the one asked; it was refused.
oauth-err-reauthorize = The connection is no longer authorized. Click Re-authorize and sign in again.
oauth-err-client = The provider refused the app registered in Switchboard ({ $detail }). Check its client id and secret.
oauth-err-transport = The provider could not be reached ({ $cause }).
oauth-err-url = This address is not usable ({ $cause }).
oauth-err-store = The connection could not be saved ({ $cause }).
oauth-app-missing = Sign-in needs the { $provider } app your platform account uses: add its client id in Settings, Provider apps.
oauth-err-not-yet = Sign-in with this provider is not available in Switchboard yet.
oauth-err-no-refresh = The provider signed in but gave no lasting access. Sign in again and accept every permission asked.

## The button in the editor
oauth-task = Sign-in: { $provider }
oauth-waiting = Waiting for you to sign in, in your browser…
oauth-cancel = Cancel sign-in
oauth-connected-as = Connected as { $name }
oauth-connected = Connected
oauth-expires = expires on { $date }
oauth-reauthorize = Re-authorize
oauth-health-ok = OK
oauth-health-expires_soon = Expires soon
oauth-health-needs_reauthorization = Needs re-authorization
oauth-provider-google = Google
oauth-provider-microsoft = Microsoft
oauth-provider-ringcentral = RingCentral
oauth-provider-facebook = Facebook
oauth-provider-twitter = Twitter/X

## Provider apps (Settings)
oauth-apps-title = Provider apps
oauth-apps-help = A token belongs to the app that obtained it, and the platform accepts only tokens of the app your tenant uses: enter that app's client id (and secret, where the provider gives one).
oauth-app-client-id = Client id
oauth-app-client-secret = Client secret
oauth-app-secret-set = A secret is stored. Type a new one to replace it.
oauth-app-base-url = Sign-in server address (leave empty for the provider's own)
oauth-app-redirect-port = Registered redirect port
oauth-app-save = Save
oauth-app-saved = Saved.
oauth-app-client-id-required = Enter the client id of the app.
oauth-app-base-url-invalid = Enter an http:// or https:// address.

## Channel list
chl-filter-health = Filter by connection

## switchboard-cli connect
cli-connect-about = Sign in to the channel's provider ("Continue with …") and store the token in the vault
cli-connect-arg-channel = The channel to connect (its id, see `list`)
cli-connect-open = Open this address in a browser on this computer and sign in (Ctrl-C cancels):
cli-connect-done = Connected as { $name }: the token is sealed in the vault for { $path }.
cli-connect-no-sign-in = Channel { $id } has no sign-in Switchboard can do (YouTube, Google My Business and RingCentral SMS can).
cli-connect-arg-smtp = For an e-mail channel: sign in for SMTP (IMAP otherwise)
