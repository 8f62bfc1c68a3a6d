# Facebook (page, Messenger, Instagram) and Twitter/X sign-in (src-tauri/src/commands/oauth_window.rs, oauth_twitter.rs).

oauth-social-facebook-window = Continue with Facebook
oauth-social-facebook-waiting = Sign in to Facebook in the window that opened…
oauth-social-pick-page = Choose the page this channel connects to:
oauth-social-pick-instagram = Choose the Facebook page linked to the Instagram professional account:
oauth-social-no-pages = This Facebook account manages no page. Sign in with an account that administers the page.
oauth-social-no-instagram = { $page } has no Instagram professional account linked. Link one to the page, or choose another page.
oauth-social-no-pending = This sign-in has ended. Click the button again to start a new one.
oauth-social-signed-in-as = Signed in to Facebook as { $name }.
oauth-social-twitter-waiting = Authorize the app in your browser…
oauth-social-pin-prompt = After you authorize the app, Twitter shows a PIN. Type it here:
oauth-social-pin-label = PIN
oauth-social-pin-submit = Confirm
oauth-social-pin-required = Type the PIN Twitter shows.
oauth-social-open-settings = Open provider apps

## Provider apps (Settings)
oauth-app-client-id-facebook = App ID
oauth-app-client-secret-facebook = App secret
oauth-app-client-id-twitter = API key (consumer key)
oauth-app-client-secret-twitter = API key secret (consumer secret)
oauth-app-redirect-port-twitter = Loopback callback port registered in the app (http://127.0.0.1:PORT/callback; empty: PIN)
