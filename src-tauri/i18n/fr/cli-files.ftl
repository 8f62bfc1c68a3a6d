## Why the CLI could not write a file: the { $reason } of messages such as
## cli-plan-write-failed, in words rather than the system's English text.

cli-write-no-folder = son dossier n'existe pas
cli-write-permission = vous n'avez pas le droit d'écrire à cet endroit
cli-write-read-only = le disque est en lecture seule
cli-write-disk-full = le disque est plein
cli-write-is-folder = un dossier porte ce nom
cli-write-other = le système a refusé (erreur { $code })
