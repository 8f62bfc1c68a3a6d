# switchboard-cli account / pull: help and messages.
cli-account-about = Platform accounts: add, list, test and remove them
cli-account-add-about = Add a platform account (the token is read from an environment variable)
cli-account-list-about = List the platform accounts
cli-account-test-about = Test an account: DNS, TLS, HTTP, token, role and what the token may do
cli-account-remove-about = Remove an account (its channels stay, as local-only channels)
cli-account-arg-name = The account's name (its label), or its id
cli-account-arg-domain = The tenant's domain (acme in acme.api.digital.ringcentral.com)
cli-account-arg-host = Which documented host goes with the domain: ringcentral (default) or dimelo
cli-account-arg-url = The API address in full, instead of --domain (https, or http on this computer only)
cli-account-arg-environment = The environment tag: production, sandbox or other (default: other)
cli-account-arg-token-env = Name of the environment variable holding the API token (never pass a token as an argument)
cli-account-arg-token-user-email = E-mail of the token's user, to read its role
cli-account-arg-rate-limit = The platform's limit in requests per minute (default: 500)
cli-arg-account = The account's name (its label), or its id
cli-account-error-where = Give the platform's address: --domain DOMAIN (with --host) or --url URL.
cli-account-error-host = “{ $value }” is not a documented host: use ringcentral or dimelo.
cli-account-error-environment = “{ $value }” is not an environment: use production, sandbox or other.
cli-account-error-token-env = The environment variable { $var } is not set or empty: set it to the API token, then run the command again.
cli-account-error-exists = An account named “{ $name }” already exists: choose another name or remove it first.
cli-account-not-found = No account named “{ $name }”: see switchboard-cli account list.
cli-account-added = Account “{ $name }” added ({ $url }).
cli-account-removed = Account “{ $name }” removed; { $count ->
        [one] its channel stays as a local-only channel.
       *[other] its { $count } channels stay as local-only channels.
    }
cli-account-total = { $count ->
        [one] 1 account
       *[other] { $count } accounts
    }
cli-account-token-set = token set
cli-account-token-missing = no token
cli-account-env-production = production
cli-account-env-sandbox = sandbox
cli-account-env-other = other
cli-account-test-ok = The account works.
cli-account-test-failed = The test failed: see the steps above.
cli-pull-about = Pull the account's channels and reference data from the platform
cli-pull-summary = { $sources } sources on the platform, { $pages } pages read (complete: { $complete }). Adopted: { $adopted }, followed the server: { $followed }, unchanged: { $unchanged }, changed on both sides: { $both }, local changes kept: { $kept }, not seen: { $missing }, not adoptable: { $unadopted }.
cli-pull-unadopted = Not adopted: { $id } “{ $name }” (type { $type }: no channel kind maps to it).
cli-plan-about = Show what an apply would change on the platform (exit 0: nothing to do, 2: changes, 1: error)
cli-plan-arg-out = Also write the plan to this file, for apply (it holds no secret)
cli-plan-send = send
cli-plan-take = take
cli-plan-conflict = conflict
cli-plan-web-admin = to do in the web admin
cli-plan-blocked = blocked
cli-plan-local-only = Local only: “{ $name }”: create it in the web admin, then link it ({ $candidates } platform channels of its kind to link to).
cli-plan-summary = { $channels } channels, { $changes } changes, { $conflicts } conflicts.
cli-plan-write-failed = Cannot write { $file }: { $reason }
cli-apply-about = Apply a plan made by plan --out (asks first unless --yes)
cli-apply-arg-plan = The plan file
cli-apply-arg-yes = Apply without asking
cli-apply-confirm = Apply these changes to the platform? [y/N]
cli-apply-declined = Nothing was sent.
cli-apply-unreadable = Cannot read the plan { $file }: { $reason }
cli-apply-summary = Applied: { $applied }, stale (skipped, make a new plan): { $stale }, failed: { $failed }.
cli-apply-server-changed = { $name }: the platform changed or ignored { $fields }.
