# Le cadre : premier démarrage, barre d'outils et barre de sélection de la liste, menus des lignes, petits écrans.
frame-welcome-title = Bienvenue dans Switchboard
frame-welcome-intro = Préparez ici les canaux de votre plateforme, même hors ligne. Chaque paramètre est vérifié pendant la saisie, les secrets restent dans le trousseau du système, et les modifications n'atteignent la plateforme qu'après votre relecture.
frame-welcome-create = Créer votre premier canal
frame-welcome-connect = Connecter un compte de la plateforme
frame-welcome-demo = Essayer la démo
frame-welcome-demo-help = La démo est une plateforme qui tourne dans l'application, avec des canaux d'exemple à récupérer : rien ne quitte votre ordinateur.
frame-export-nothing = Rien à exporter pour l'instant
frame-dismiss = Fermer
frame-selection = Canaux sélectionnés
frame-selected = { $count ->
    [one] 1 sélectionné
   *[other] { $count } sélectionnés
}
frame-selection-clear = Désélectionner
frame-selection-all = Tout sélectionner ({ $count })
frame-row-actions = Actions pour { $name }

# Petites choses du formulaire.
ed-example-numeric-id = 104857361234567

# Un paramètre nommé par sa section et son libellé ; `n` numérote les éléments d'une liste à partir de 1.
frame-setting-item = { $label } ({ $n })
frame-duplicated = « { $name } » dupliqué.
frame-duplicated-secrets = Les secrets ne sont pas copiés : saisissez-les dans la copie ({ $labels }).
frame-check-fields = Champs à vérifier :

# Aide : une ligne, le texte du guide derrière un dévoilement.
frame-help-more = Plus
frame-help-guide = Ce que dit le guide
frame-unit-days = { $count ->
    [one] jour
   *[other] jours
}

# Le test de messagerie : ce qui est su avant de le lancer, et les étapes qu'il n'a pas pu exécuter.
frame-mailtest-no-password = Pas encore enregistré, le test ne pourra pas s'authentifier :
frame-mailtest-skipped = { $count ->
    [one] 1 étape non exécutée (une étape précédente a échoué)
   *[other] { $count } étapes non exécutées (une étape précédente a échoué)
}

frame-yes = Oui
frame-no = Non
