"""Messages of the teaching commands (notebooks and Voilà dashboards)."""

from __future__ import annotations

from jnt_fresque.i18n import Text

MESSAGES: dict[str, Text] = {
    "teach_voila_help": Text(
        fr="Sert un tableau de bord Voilà (eau, resultats…) sur 127.0.0.1.",
        en="Serve a Voilà dashboard (eau, resultats…) on 127.0.0.1.",
    ),
    "teach_notebooks_help": Text(
        fr="Copie les carnets pédagogiques dans votre dossier de travail et y ouvre JupyterLab.",
        en="Copy the teaching notebooks into your working folder and open JupyterLab there.",
    ),
    "teach_opt_into": Text(
        fr="Dossier de travail (par défaut ./jnt-fresque-lecons) ; "
        "les carnets déjà copiés n’y sont jamais écrasés.",
        en="Working folder (default ./jnt-fresque-lecons); "
        "notebooks already copied there are never overwritten.",
    ),
    "teach_opt_reset": Text(
        fr="Remet une leçon (numéro ou nom, par ex. 06) dans son état d’origine.",
        en="Restore a lesson (number or name, e.g. 06) to its original state.",
    ),
    "teach_copied": Text(
        fr="{count} fichier(s) copié(s) dans {path}",
        en="{count} file(s) copied into {path}",
    ),
    "teach_reset_done": Text(
        fr="leçon remise à neuf : {path}",
        en="lesson restored: {path}",
    ),
    "teach_unknown_lesson": Text(
        fr="leçon inconnue « {value} » ; leçons disponibles : {expected}",
        en="unknown lesson « {value} »; available lessons: {expected}",
    ),
    "teach_into_package": Text(
        fr="{path} est le dossier des carnets du kit : choisissez un autre dossier de travail",
        en="{path} is the kit's own notebooks folder: choose another working folder",
    ),
    "teach_arg_name": Text(fr="Nom du tableau de bord.", en="Name of the dashboard."),
    "teach_opt_port": Text(fr="Port d’écoute.", en="Port to listen on."),
    "teach_opt_browser": Text(fr="Ouvrir (ou non) le navigateur.", en="Open the browser (or not)."),
    "teach_opt_print": Text(
        fr="Afficher la commande sans la lancer.", en="Print the command without running it."
    ),
    "teach_unknown_dashboard": Text(
        fr="tableau de bord inconnu « {value} » ; tableaux disponibles : {expected}",
        en="unknown dashboard « {value} »; available dashboards: {expected}",
    ),
    "teach_missing": Text(
        fr="{module} n’est pas installé : pip install 'jnt-fresque[kit]'",
        en="{module} is not installed: pip install 'jnt-fresque[kit]'",
    ),
    "teach_no_folder": Text(
        fr="dossier {path} introuvable : les carnets sont dans le dépôt source ; "
        "indiquez son emplacement dans {variable}",
        en="no folder {path}: the notebooks live in the source repository; "
        "give its location in {variable}",
    ),
}
