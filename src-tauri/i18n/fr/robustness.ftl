# Fichiers négligés, disques pleins et dossiers en lecture seule (ticket 11).
store-err-read-only = Switchboard ne peut pas écrire dans son dossier de données : il est en lecture seule (ses droits, ou un disque ou un montage en lecture seule). Rien n’a été modifié. Rendez le dossier accessible en écriture, puis réessayez.
store-err-disk-full = Le disque qui contient les données de Switchboard est plein : rien n’a été enregistré, et rien n’est endommagé. Libérez de la place sur ce disque, puis réessayez.
store-err-open-read-only = Switchboard ne peut pas écrire dans son dossier de données { $folder } : il est en lecture seule (ses droits, ou un disque ou un montage en lecture seule). Ce n’est pas un dommage : vos canaux restent lisibles, mais pas modifiables. Rendez le dossier accessible en écriture pour les modifier.
store-err-open-disk-full = Le disque qui contient le dossier de données de Switchboard { $folder } est plein. Ce n’est pas un dommage : libérez de la place sur ce disque, puis rouvrez Switchboard.
cli-store-read-only-note = Remarque : le dossier de données { $folder } est en lecture seule ; les canaux sont affichés sans rien modifier.
cli-list-secrets-to-reenter = secrets à ressaisir
chl-secrets-to-reenter = Secrets à ressaisir
