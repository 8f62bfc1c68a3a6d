# Le panneau de test de connexion des canaux e-mail, dans l'éditeur de canal.
mailtest-title = Test de connexion
mailtest-help = Teste les réglages IMAP, SMTP et Postmark affichés sur cette page, enregistrés ou non, avec les mots de passe enregistrés pour ce canal.
mailtest-run = Tester la connexion
mailtest-rerun = Tester à nouveau
mailtest-cancel = Annuler
mailtest-roundtrip = Envoyer aussi un message de test à l'adresse du canal et le récupérer
mailtest-task = Test de connexion
mailtest-outcome-ok = Toutes les étapes ont réussi.
mailtest-outcome-failed = Certaines étapes ont échoué : voyez ci-dessous ce qu'il faut modifier.
mailtest-outcome-cancelled = Test annulé.
mailtest-duration = { $ms } ms
mailtest-check-fields = Champs à vérifier : { $fields }
mailtest-server-reply = Réponse du serveur
