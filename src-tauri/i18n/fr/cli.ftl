# switchboard-cli : textes d'aide. Le modèle d'aide garde les marqueurs de clap entre accolades.
cli-about = Switchboard depuis un terminal : diagnostiquer, valider, lister, exporter et importer des canaux, tester des réglages de messagerie.
cli-help-template = {"{"}about-with-newline{"}"}
    Utilisation : {"{"}usage{"}"}

    {"{"}all-args{"}"}
cli-arg-help = Afficher l'aide
cli-arg-version = Afficher la version
cli-arg-lang = Langue de la sortie (fr ou en)
cli-arg-json = Afficher du JSON au lieu de texte
cli-doctor-about = Afficher les dossiers de données et de journaux, la disponibilité du trousseau et les versions
cli-heading-commands = Commandes
cli-heading-options = Options
cli-heading-arguments = Arguments
