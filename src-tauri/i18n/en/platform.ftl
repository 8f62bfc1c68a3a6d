## Platform accounts, the API client and pull

platform-err-unauthorized = The platform refused the API token: it is wrong, expired or revoked. Paste a valid token.
platform-err-forbidden = The token's user may not do this: give its role the permission in the platform's admin, or use another token.
platform-err-not-found-or-hidden = The platform did not find this record, or the token may not read it. Nothing was deleted here.
platform-err-validation = The platform refused the change: { $message }
platform-err-rate-limited = The platform kept answering "too many requests". Switchboard paused and gave up after several tries: try again in a minute.
platform-err-server = The platform answered with an error ({ $status }). Try again later.
platform-err-network = The platform could not be reached. Check the address and this computer's connection.
platform-err-timeout = The platform did not answer within { $secs } s.
platform-err-tls = The secure connection to the platform failed (certificate or protocol). Check the address.
platform-err-decode = The platform's answer was not what its API documents. Check that the address is the API's (it ends in /1.0).
platform-err-cancelled = Cancelled.

platform-url-empty = Enter the platform's domain or the API address.
platform-url-bad-domain = A domain is letters, digits and hyphens, as in your platform's address (acme in acme.engagement.dimelo.com).
platform-url-not-url = This is not a web address: enter it in full, as https://acme.api.engagement.dimelo.com/1.0.
platform-url-not-https = The token would travel unencrypted: the address must start with https:// (plain http only on this computer).

platform-account-invalid = Some account settings need fixing.
platform-account-no-token = This account has no API token yet: add one in the account's settings.
platform-account-label-required = Give the account a name.
platform-account-label-control = The name cannot contain control characters.
platform-account-email-invalid = Enter the e-mail address of the token's user, as name@example.com.
platform-account-rate-limit = The limit is a number of requests per minute, from 1 to 100,000 (the platform documents 500).

platform-step-dns = Finding the server (DNS)
platform-step-tls = Secure connection (TLS)
platform-step-http = Reaching the API (HTTP)
platform-step-token = API token
platform-step-role = The token's user and role
platform-step-access = What the token may do
platform-probe-dns-failed = No server answers to { $host }: check the domain.
platform-probe-dns-ok = Found at { $address }.
platform-probe-tls-ok = { $version }, certificate valid.
platform-probe-tls-timeout = The secure connection did not complete: a firewall or proxy may be in the way.
platform-probe-tls-failed = The secure connection failed: { $detail }
platform-probe-tls-loopback = Not needed: the platform runs on this computer.
platform-probe-http-status = The API answered (HTTP { $status }).
platform-probe-not-the-api = This address answers, but it is not the platform's API: check that it ends in /1.0.
platform-probe-token-invalid = The platform refused this token: it is wrong, expired or revoked.
platform-probe-token-valid = The token is valid.
platform-probe-role-no-email = Enter the e-mail of the token's user to learn what it may do (the API cannot tell who owns a token).
platform-probe-role-ok = { $user }, role "{ $role }".
platform-probe-role-unknown-user = No user with the e-mail { $email } on this platform.
platform-probe-role-unreadable = The role could not be read: { $cause }
platform-probe-access = Read channels: { $read ->
        [yes] yes
        [no] no
       *[other] unknown
    }. Update channels: { $update ->
        [yes] yes
        [no] no
       *[other] unknown
    }. Read reference data: { $reference ->
        [yes] yes
        [no] no
       *[other] unknown
    }.
platform-probe-cannot-read-channels = This token may not read channels: give its user's role the "read sources" permission.

## The accounts view

nav-accounts = Platforms
accounts-title = Platform accounts
accounts-intro = Each account is one tenant of the platform, reached through its REST API with an API access token. Channels pulled from an account stay linked to it.
accounts-add = Add an account
accounts-empty = No platform account yet. Add one with its API address and an API access token (created in the platform's admin, under API access tokens).
accounts-label = Name
accounts-environment = Environment
accounts-env-production = Production
accounts-env-sandbox = Sandbox
accounts-env-other = Other
accounts-demo-badge = Demo platform
accounts-address = Address
accounts-mode-ringcentral = Domain on digital.ringcentral.com
accounts-mode-dimelo = Domain on engagement.dimelo.com
accounts-mode-full = Full API address
accounts-domain = Domain
accounts-full-url = API address
accounts-token = API access token
accounts-token-stored = Stored in the keychain — type a new one to replace it
accounts-token-help = Kept in this computer's keychain, never shown again.
accounts-token-user = E-mail of the token's user
accounts-token-user-help = Lets the test read the user's role (the API cannot tell who owns a token).
accounts-rate-limit = Request limit
accounts-rate-limit-unit = per minute
accounts-rate-limit-help = The platform allows 500 requests per minute; Switchboard uses at most 80% of the limit, shared by everything it does with this account.
accounts-save = Save
accounts-test = Test
accounts-cancel = Cancel
accounts-edit = Edit
accounts-remove = Remove
accounts-remove-confirm = Remove this account? Its channels stay on this computer as local channels.
accounts-pull = Pull from the platform
accounts-token-set = Token stored
accounts-token-missing = No token: edit the account to add one
accounts-last-pull = Last pulled { $when }
accounts-never-pulled = Never pulled
accounts-testing = Testing { $name }
accounts-pulling = Pulling { $name }
accounts-step-ms = { $ms } ms
accounts-test-ok = The account works.
accounts-pull-progress = { $done } of { $total } channels
accounts-pull-summary = { $sources } channels on the platform: { $adopted } new, { $followed } updated from the server, { $both } changed on both sides, { $missing } not found.
accounts-unadopted = { $count } platform channels are of a kind Switchboard does not know yet; they are listed, not imported:
accounts-try-demo = Try the demo platform
accounts-demo-help = No tenant at hand? "Try the demo platform" starts a stand-in of the platform on this computer, with channels of every kind, so you can test an account and pull. It starts afresh each time Switchboard starts.
