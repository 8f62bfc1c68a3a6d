# Hostile or broken servers (issue 11): what happened, named exactly.
mailcheck-starttls-refused = The { $protocol } server announces STARTTLS but refused it when asked. It is misconfigured (often a missing certificate): use SSL/TLS on its secure port ({ $protocol ->
        [IMAP] 993
       *[other] 465
    }), or ask the mail provider.
mailcheck-starttls-broken = The { $protocol } server agreed to STARTTLS but then did not start a secure connection. Something on the path may be tampering with the connection, or the server is broken: use SSL/TLS on its secure port ({ $protocol ->
        [IMAP] 993
       *[other] 465
    }), or ask the mail provider.
mailcheck-starttls-injection = Data arrived after the { $protocol } server agreed to STARTTLS and before encryption started. Such data would be taken as coming over the secure connection: this is how a reply-injection attack looks. The test stopped; check the network between you and the server.
mailcheck-reply-too-long = The { $protocol } server sent more than { $kib } KiB for one step, far more than any real reply. The test stopped reading: the server is broken or this is not a { $protocol } service.
mailcheck-reply-incomplete = The { $protocol } server sent { $bytes } bytes in { $seconds } s without finishing its reply: it is far too slow, or it is not speaking { $protocol }. What it sent is shown below.
mailcheck-connection-dropped = The { $protocol } server closed the connection in the middle of the exchange. It may be overloaded or restarting, or something on the path cut the connection: try again; if it persists, ask the mail provider.
mailcheck-folder-undecodable = name shown as the server sent it: not valid modified UTF-7
mailcheck-auth-loop = The { $protocol } server kept asking for more during sign-in and never concluded. It is broken or not a real { $protocol } server: ask the mail provider.
