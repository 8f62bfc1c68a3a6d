# The e-mail connection test panel in the channel editor.
mailtest-title = Connection test
mailtest-help = Tests the IMAP, SMTP and Postmark settings shown on this page, saved or not, with the passwords stored for this channel.
mailtest-run = Test the connection
mailtest-rerun = Test again
mailtest-cancel = Cancel
mailtest-roundtrip = Also send a test message to the channel's address and fetch it back
mailtest-task = Connection test
mailtest-outcome-ok = Every step passed.
mailtest-outcome-failed = Some steps failed: see what to change below.
mailtest-outcome-cancelled = Test cancelled.
mailtest-duration = { $ms } ms
mailtest-check-fields = Fields to check: { $fields }
mailtest-server-reply = Server reply
