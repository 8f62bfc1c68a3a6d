# E-mail connection test (crate mailcheck): step names, explanations with a fix, notes.
# $protocol is IMAP or SMTP.

## Step names
mailcheck-step-imap-resolve = IMAP: find the server
mailcheck-step-imap-connect = IMAP: connect
mailcheck-step-imap-tls = IMAP: secure connection (SSL/TLS)
mailcheck-step-imap-greeting = IMAP: server greeting
mailcheck-step-imap-starttls = IMAP: switch to encryption (STARTTLS)
mailcheck-step-imap-capability = IMAP: server capabilities
mailcheck-step-imap-login = IMAP: log in
mailcheck-step-imap-list = IMAP: list folders
mailcheck-step-imap-select = IMAP: open folder “{ $folder }”
mailcheck-step-smtp-resolve = SMTP: find the server
mailcheck-step-smtp-connect = SMTP: connect
mailcheck-step-smtp-tls = SMTP: secure connection (SSL/TLS)
mailcheck-step-smtp-banner = SMTP: server greeting
mailcheck-step-smtp-ehlo = SMTP: introduce ourselves (EHLO)
mailcheck-step-smtp-starttls = SMTP: switch to encryption (STARTTLS)
mailcheck-step-smtp-auth = SMTP: log in
mailcheck-step-smtp-send = SMTP: send a test message to the channel’s address
mailcheck-step-smtp-roundtrip = Receive the test message over IMAP and delete it
mailcheck-step-postmark-api-key = Postmark: check the server API token

## Failures: what happened, then what to do
mailcheck-host-invalid = The { $protocol } server name “{ $host }” is empty or not a valid host name. Enter the server’s name (for example imap.example.com) or its IP address.
mailcheck-port-invalid = No { $protocol } port is set. Enter the server’s port (usually { $protocol ->
        [IMAP] 993 or 143
       *[other] 465 or 587
    }).
mailcheck-resolve-failed = The name “{ $host }” could not be found (DNS). Check the spelling of the { $protocol } server, or that this computer can reach a DNS server.
mailcheck-connect-refused = Nothing is listening on that port: the server refused the connection. Check the { $protocol } port (usually { $protocol ->
        [IMAP] 993 or 143
       *[other] 465 or 587
    }) and the server name.
mailcheck-connect-unreachable = The { $protocol } server cannot be reached from this computer (no route). Check the server name, your network or VPN.
mailcheck-connect-failed = Could not connect to the { $protocol } server: { $cause ->
        [reset] the server or the network cut the connection
        [aborted] the connection was interrupted
        [timed-out] the connection timed out
        [permission] this computer may not open that connection (a firewall?)
        [address] that address cannot be used from this computer
       *[other] the system could not open the connection
    }. Check the server name and port.
mailcheck-connect-timeout = The { $protocol } server did not answer within { $seconds } s. A firewall may be dropping the connection, or the port is wrong. Check the port, or ask your administrator whether outgoing connections to it are allowed.
mailcheck-ca-file-unreadable = The certificate authority file “{ $path }” could not be used ({ $error }). Choose a PEM file containing the CA certificate.
mailcheck-cert-unknown-issuer = The server’s certificate was issued by an authority this computer does not trust (self-signed or private CA). Add that authority’s certificate as a CA file, or — only if you trust this network — set SSL verification to NONE.
mailcheck-cert-name-mismatch = The server’s certificate is for another name than the one entered. Use the exact server name shown in the certificate (often the provider’s own host name), or set SSL verification to NONE if you must use this name.
mailcheck-cert-expired = The server’s certificate has expired. Ask the mail administrator to renew it; until then only SSL verification NONE will connect.
mailcheck-cert-not-yet-valid = The server’s certificate is not valid yet. Check this computer’s date and time, then ask the mail administrator.
mailcheck-cert-revoked = The server’s certificate has been revoked. Do not connect; contact the mail administrator.
mailcheck-cert-invalid = The server’s certificate is not valid. Ask the mail administrator, or set SSL verification to NONE only if you trust this network.
mailcheck-tls-plaintext-port = This port speaks plain text, not SSL/TLS. Turn off “SSL/TLS” and use STARTTLS on this port, or use the SSL/TLS port ({ $protocol ->
        [IMAP] 993
       *[other] 465
    }).
mailcheck-tls-refused = The { $protocol } server refused the secure connection (no common TLS version or cipher). Try the other encryption method (SSL/TLS or STARTTLS) or its usual port.
mailcheck-tls-closed = The { $protocol } server closed the connection during the secure handshake. This port probably does not use SSL/TLS: check the “SSL/TLS” switch and the port.
mailcheck-tls-failed = The secure connection to the { $protocol } server failed. Check the SSL/TLS settings and the SSL verification mode.
mailcheck-tls-timeout = The secure handshake with the { $protocol } server did not finish within { $seconds } s. This port may not use SSL/TLS: check the “SSL/TLS” switch and the port.
mailcheck-greeting-timeout = The { $protocol } server accepted the connection but said nothing within { $seconds } s. It may be overloaded, or this port is not a { $protocol } service: check the port.
mailcheck-greeting-timeout-plain = The { $protocol } server accepted the connection but said nothing within { $seconds } s. This usually means the port expects SSL/TLS from the start: turn on “SSL/TLS”, or use the plain/STARTTLS port ({ $protocol ->
        [IMAP] 143
       *[other] 587
    }).
mailcheck-greeting-unexpected = The server on this port is not a { $protocol } server (its greeting is not one). Check the port: { $protocol ->
        [IMAP] IMAP uses 993 or 143
       *[other] SMTP uses 465 or 587
    }.
mailcheck-greeting-refused = The { $protocol } server refused the session right away (see its reply). It may be blocking this address or be out of service; contact the mail administrator.
mailcheck-connection-closed = The { $protocol } server closed the connection without answering. Check the port and the “SSL/TLS” switch.
mailcheck-starttls-not-offered = The { $protocol } server does not offer STARTTLS on this port. Use SSL/TLS on its secure port ({ $protocol ->
        [IMAP] 993
       *[other] 465
    }), or — on a trusted network only — turn encryption off.
mailcheck-auth-failed = The { $protocol } server rejected the user name or password. Check both (many providers require the full e-mail address as user name, and an app password when two-step verification is on).
mailcheck-auth-needs-tls = The { $protocol } server does not allow logging in without encryption. Turn on “SSL/TLS” or STARTTLS.
mailcheck-auth-no-mechanism = The { $protocol } server offers no login method Switchboard can use (PLAIN or LOGIN). It may require OAuth (Microsoft 365, Gmail) or a different port.
mailcheck-auth-unavailable = The { $protocol } server could not check the password right now (temporary failure). Try again in a few minutes.
mailcheck-auth-skipped-no-username = No user name is set: the server will be used without logging in.
mailcheck-ehlo-rejected = The SMTP server rejected our introduction (EHLO). Set “HELO domain” to this organization’s domain name (or leave it empty to use localhost).
mailcheck-protocol-error = The { $protocol } server answered something unexpected: { $error }
mailcheck-step-timeout = The { $protocol } server did not answer within { $seconds } s. Try again; if it persists, the server is overloaded or the connection is filtered.
mailcheck-folder-missing = The folder “{ $folder }” does not exist on the server (or cannot be opened). Pick it again from the list of folders.
mailcheck-send-rejected = The SMTP server refused to send the test message from and to the channel’s address. Check that the channel’s e-mail address belongs to this SMTP account.
mailcheck-roundtrip-timeout = The test message did not arrive in the inbox within { $seconds } s. It may be delayed or filtered as spam; check that the channel’s address is the mailbox read over IMAP.
mailcheck-roundtrip-imap-failed = The test message was sent but the mailbox could not be opened to find it ({ $error }). Fix the IMAP settings first.
mailcheck-roundtrip-needs-imap = The send-and-receive test needs IMAP settings and the channel’s e-mail address.
mailcheck-postmark-key-missing = No Postmark server API token is set. Copy it from Postmark (Servers → API Tokens).
mailcheck-postmark-rejected = Postmark rejected this server API token. Copy the server token again (not the account token) from Postmark → Servers → API Tokens.
mailcheck-postmark-failed = Postmark answered with an error (HTTP { $status }). Try again later; see the reply for details.
mailcheck-postmark-unreachable = Postmark could not be reached ({ $error }). Check this computer’s internet connection or proxy.
mailcheck-cancelled = Cancelled.
mailcheck-skipped-after-failure = Not run because an earlier step failed.
mailcheck-skipped-after-cancel = Not run: the test was cancelled.
mailcheck-verify-off = { $protocol }: SSL verification is off (NONE): the connection is encrypted but the server’s identity is not checked, so someone on the network could intercept the password. Turn verification on when the server has a valid certificate.

## Notes on success
mailcheck-note-resolved = Found at { $addresses }
mailcheck-note-connected = Connected to { $address }
mailcheck-note-tls = Encrypted with { $version }, certificate verified
mailcheck-note-folders = { $count ->
    [one] One folder found
   *[other] { $count } folders found
}
mailcheck-note-folder = { $messages ->
    [one] One message
   *[other] { $messages } messages
}
mailcheck-note-roundtrip = Received after { $seconds } s and deleted
mailcheck-postmark-ok = Token accepted for the Postmark server “{ $server }”

## Auto-detect notes
mailcheck-provider-note-app-password = This provider usually requires an app password (created in the account’s security settings) when two-step verification is on.
mailcheck-provider-note-microsoft = Microsoft 365 and Outlook.com accounts often have password login (basic authentication) turned off: use Microsoft sign-in (OAuth) instead.
