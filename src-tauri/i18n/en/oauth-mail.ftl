# Microsoft OAuth for e-mail (XOAUTH2): the connection test's sign-in step and its
# explanations (crate mailcheck, src/xoauth2.rs), the token refresh before it.
# $protocol is IMAP or SMTP.

mailcheck-step-imap-xoauth2 = IMAP: sign in with Microsoft (XOAUTH2)
mailcheck-step-smtp-xoauth2 = SMTP: sign in with Microsoft (XOAUTH2)
mailcheck-xoauth2-reauthorize = There is no valid Microsoft sign-in for { $protocol }: it was revoked, has expired, or was never made. Click Re-authorize and sign in as this mailbox.
mailcheck-xoauth2-rejected = The { $protocol } server refused the Microsoft sign-in for “{ $user }”: the authorization has expired or been revoked, or it was given for another mailbox. Click Re-authorize and sign in as { $user }.
mailcheck-xoauth2-not-offered = The { $protocol } server does not offer sign-in with Microsoft (XOAUTH2). Check the server name and port, or set the authentication type to Password.
mailcheck-xoauth2-token-unavailable = A fresh Microsoft access token could not be obtained: { $reason } The test will sign in once it can.

## Provider apps per platform account
oauth-apps-scope-local = These apps are used by channels that are not linked to a platform account. A linked channel uses the apps of its account (Accounts).
oauth-apps-scope-account = Channels linked to this account sign in with these apps.
oauth-app-missing-account = Sign-in needs the { $provider } app of the platform account “{ $account }”: add its client id in Accounts, { $account }, Provider apps.
