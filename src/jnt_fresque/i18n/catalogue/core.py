"""The kit's core messages: problems in deck files and the command's own words.

Keys starting with ``err_`` describe problems in decks (pydantic error types);
the others are the command's words. Placeholders are ``str.format`` fields.
"""

from __future__ import annotations

from jnt_fresque.i18n import Text

MESSAGES: dict[str, Text] = {
    # --- problems in card files (pydantic error types) ---
    "err_missing": Text(fr="champ obligatoire manquant", en="required field is missing"),
    "err_extra": Text(
        fr="champ inconnu « {value} » ; vérifiez l’orthographe (voir jnt-fresque deck schema)",
        en="unknown field « {value} »; check the spelling (see jnt-fresque deck schema)",
    ),
    "err_string": Text(
        fr="texte attendu, reçu {value} (mettez entre guillemets une valeur qui ressemble à un "
        "nombre, une date ou oui/non)",
        en="text expected, got {value} (quote a value that looks like a number, a date or yes/no)",
    ),
    "err_int": Text(
        fr="nombre entier attendu, reçu {value}", en="whole number expected, got {value}"
    ),
    "err_bool": Text(
        fr="true ou false attendu, reçu {value}", en="true or false expected, got {value}"
    ),
    "err_list": Text(
        fr="liste attendue (une ligne « - valeur » par élément), reçu {value}",
        en="list expected (one « - value » line per item), got {value}",
    ),
    "err_mapping": Text(
        fr="ensemble de champs attendu (« clé: valeur », ou « fr: … » et « en: … » pour un texte), "
        "reçu {value}",
        en="mapping of fields expected (« key: value », or « fr: … » and « en: … » for a text), "
        "got {value}",
    ),
    "err_literal": Text(
        fr="valeur inconnue « {value} » ; valeurs possibles : {expected}",
        en="unknown value « {value} »; allowed values: {expected}",
    ),
    "err_too_short": Text(
        fr="au moins {min_length} élément(s) attendu(s), {actual_length} donné(s)",
        en="at least {min_length} item(s) expected, {actual_length} given",
    ),
    "err_too_long": Text(
        fr="au plus {max_length} élément(s) attendu(s), {actual_length} donné(s)",
        en="at most {max_length} item(s) expected, {actual_length} given",
    ),
    "err_string_too_short": Text(
        fr="texte trop court : au moins {min_length} caractère(s)",
        en="text too short: at least {min_length} character(s)",
    ),
    "err_string_too_long": Text(
        fr="texte trop long : au plus {max_length} caractères",
        en="text too long: at most {max_length} characters",
    ),
    "err_pattern": Text(
        fr="format inattendu « {value} » (motif attendu : {pattern})",
        en="unexpected format « {value} » (expected pattern: {pattern})",
    ),
    # --- problems raised by the card model's own validators ---
    "text_empty": Text(
        fr="texte vide : écrivez-le dans les deux langues",
        en="empty text: write it in both languages",
    ),
    "text_too_long": Text(
        fr="{length} caractères, la carte imprimée n’en contient que {max}",
        en="{length} characters, the printed card holds only {max}",
    ),
    "bad_slug": Text(
        fr="« {value} » n’est pas un identifiant valide : lettres minuscules, chiffres et tirets "
        "attendus, par ex. uc-inondation",
        en="« {value} » is not a valid identifier: lower-case letters, digits and hyphens "
        "expected, e.g. uc-inondation",
    ),
    "bad_prefix": Text(
        fr="l’identifiant « {value} » doit commencer par « {prefix}- » pour une carte de type {kind}",
        en="id « {value} » must start with « {prefix}- » for a card of kind {kind}",
    ),
    "data_id": Text(
        fr="l’identifiant « {value} » doit être data-{theme}, d’après son thème",
        en="id « {value} » must be data-{theme}, after its theme",
    ),
    "unknown_theme": Text(
        fr="« {value} » n’est pas un code de thème INSPIRE ; codes possibles : {expected}",
        en="« {value} » is not an INSPIRE theme code; expected one of: {expected}",
    ),
    "bad_date": Text(
        fr="« {value} » n’est pas une date : AAAA, AAAA-MM ou AAAA-MM-JJ attendu",
        en="« {value} » is not a date: YYYY, YYYY-MM or YYYY-MM-DD expected",
    ),
    "duplicate_item": Text(
        fr="« {value} » apparaît deux fois ; chaque valeur une seule fois",
        en="« {value} » appears twice; list each value once",
    ),
    "theme_twice": Text(
        fr="{codes} à la fois primaire et secondaire ; gardez chaque thème dans une seule liste",
        en="{codes} both primary and secondary; keep each theme in one list",
    ),
    "bad_version": Text(
        fr='« {value} » n’est pas une version : par ex. "1.0.0" attendu (entre guillemets)',
        en='« {value} » is not a version: e.g. "1.0.0" expected (in quotes)',
    ),
    "bad_colour": Text(
        fr='« {value} » n’est pas une couleur : #RRVVBB attendu, par ex. "#1f6f8b"',
        en='« {value} » is not a colour: #RRGGBB expected, e.g. "#1f6f8b"',
    ),
    "no_primary_colour": Text(
        fr='les couleurs doivent contenir « primary », par ex. primary: "#1f6f8b"',
        en='colours need a « primary » entry, e.g. primary: "#1f6f8b"',
    ),
    "criteria_kind": Text(
        fr="les critères concernent les jeux de type data, pas {kind}",
        en="criteria belong to decks of kind data, not {kind}",
    ),
    # --- problems found while reading files and across cards ---
    "file_unreadable": Text(
        fr="fichier illisible ({reason})", en="cannot read the file ({reason})"
    ),
    "file_not_utf8": Text(
        fr="ce n’est pas du texte UTF-8 (octet invalide en position {offset}) ; enregistrez le "
        "fichier en UTF-8",
        en="not UTF-8 text (invalid byte at offset {offset}); save the file as UTF-8",
    ),
    "file_too_big": Text(
        fr="fichier trop gros pour une carte ({size} octets, {max} au plus)",
        en="file too large for a card ({size} bytes, at most {max})",
    ),
    "file_empty": Text(
        fr="fichier vide ; des champs « clé: valeur » sont attendus",
        en="empty file; « key: value » fields expected",
    ),
    "yaml_syntax": Text(fr="YAML invalide : {reason}", en="invalid YAML: {reason}"),
    "yaml_aliases": Text(
        fr="les ancres et alias YAML (& et *) ne sont pas admis dans les cartes",
        en="YAML anchors and aliases (& and *) are not allowed in cards",
    ),
    "yaml_not_mapping": Text(
        fr="des champs « clé: valeur » sont attendus, pas {got}",
        en="« key: value » fields expected, not {got}",
    ),
    "yaml_key_type": Text(
        fr="les noms de champs doivent être du texte, pas {got}",
        en="field names must be text, not {got}",
    ),
    "no_folder": Text(
        fr="dossier introuvable ; un dossier de jeux ou un dossier contenant deck.yaml est attendu",
        en="no such folder; a folder of decks or a folder holding deck.yaml expected",
    ),
    "no_decks": Text(
        fr="aucun jeu ici : chaque jeu est un dossier contenant deck.yaml et une carte par fichier .yaml",
        en="no deck here: each deck is a folder holding deck.yaml and one .yaml file per card",
    ),
    "no_manifest": Text(
        fr="deck.yaml manquant : ce dossier contient des cartes mais pas de manifeste de jeu",
        en="deck.yaml is missing: this folder holds cards but no deck manifest",
    ),
    "kind_mismatch": Text(
        fr="carte de type {kind} dans le jeu « {deck} », qui ne contient que des cartes {expected}",
        en="card of kind {kind} in deck « {deck} », which holds only {expected} cards",
    ),
    "file_name": Text(
        fr="le fichier doit porter le nom de la carte : {expected}",
        en="the file must be named after the card: {expected}",
    ),
    "duplicate_id": Text(
        fr="identifiant déjà utilisé par {other}",
        en="id already used by {other}",
    ),
    "duplicate_deck": Text(
        fr="jeu déjà défini par {other}",
        en="deck already defined by {other}",
    ),
    "duplicate_title": Text(
        fr="titre « {value} » déjà porté par la carte {other}",
        en="title « {value} » already used by card {other}",
    ),
    "duplicate_theme": Text(
        fr="thème {theme} déjà couvert par la carte {other} ; une carte par thème",
        en="theme {theme} already covered by card {other}; one card per theme",
    ),
    "unknown_card": Text(
        fr="carte « {value} » introuvable dans les jeux chargés",
        en="card « {value} » not found in the loaded decks",
    ),
    "wrong_kind_ref": Text(
        fr="« {value} » est une carte de type {kind} ; une carte de type {expected} est attendue",
        en="« {value} » is a {kind} card; a {expected} card is expected",
    ),
    "no_data_card": Text(
        fr="aucune carte données data-{value} pour ce thème dans les jeux chargés",
        en="no data card data-{value} for this theme in the loaded decks",
    ),
    "unknown_criterion": Text(
        fr="critère inconnu « {value} » ; critères du jeu : {expected}",
        en="unknown criterion « {value} »; the deck's criteria: {expected}",
    ),
    "missing_criterion": Text(
        fr="critère {code} ({name}) non renseigné",
        en="criterion {code} ({name}) is not filled in",
    ),
    "criterion_value": Text(
        fr="valeur inconnue « {value} » ; valeurs possibles : {expected}",
        en="unknown value « {value} »; allowed values: {expected}",
    ),
    "criterion_single": Text(
        fr="une seule valeur attendue pour ce critère, pas une liste",
        en="one value expected for this criterion, not a list",
    ),
    "card_field": Text(fr="fichier", en="file"),
    # --- spreadsheets ---
    "sheet_format": Text(
        fr="format de tableur inconnu « {value} » : .xlsx ou .csv attendu",
        en="unknown spreadsheet format « {value} »: .xlsx or .csv expected",
    ),
    "sheet_unreadable": Text(
        fr="tableur illisible ({reason}) : un fichier .xlsx ou .csv exporté par jnt-fresque est attendu",
        en="cannot read the spreadsheet ({reason}): an .xlsx or .csv file exported by jnt-fresque expected",
    ),
    "sheet_no_record": Text(
        fr="colonne « {column} » absente : la première ligne doit être l’en-tête exporté par jnt-fresque",
        en="no « {column} » column: the first row must be the header exported by jnt-fresque",
    ),
    "sheet_missing": Text(
        fr="feuilles attendues : {expected}",
        en="sheets expected: {expected}",
    ),
    # --- the command ---
    "cli_help": Text(
        fr="La fresque du jumeau numérique du territoire : jeux de cartes, atelier et jumeaux vivants.",
        en="The territorial digital twin fresque: card decks, workshop and live twins.",
    ),
    "cli_version_help": Text(fr="Affiche la version et s’arrête.", en="Show the version and exit."),
    "cli_show_versions_help": Text(
        fr="Affiche les versions de Python et des bibliothèques (à joindre à un signalement).",
        en="Show the versions of Python and the libraries (paste them into a bug report).",
    ),
    "cli_aborted": Text(fr="interrompu", en="interrupted"),
    "cli_missing_extra": Text(
        fr="cette commande a besoin de « {module} », qui vient avec le kit complet : "
        'pip install "jnt-fresque[kit]"',
        en="this command needs « {module} », which comes with the full kit: "
        'pip install "jnt-fresque[kit]"',
    ),
    "cli_internal_error": Text(
        fr="erreur interne ({error}) ; relancez avec JNT_FRESQUE_DEBUG=1 pour le détail et "
        "joignez la sortie de « jnt-fresque show-versions » à votre signalement",
        en="internal error ({error}); run again with JNT_FRESQUE_DEBUG=1 for the details and "
        "add the output of « jnt-fresque show-versions » to your report",
    ),
    "decks_help": Text(
        fr="Liste les jeux de cartes et leur nombre de cartes.",
        en="List the card decks and how many cards each holds.",
    ),
    "deck_help": Text(
        fr="Afficher, valider, exporter ou importer un jeu.",
        en="Show, validate, export or import a deck.",
    ),
    "show_help": Text(fr="Affiche les cartes d’un jeu.", en="Show the cards of a deck."),
    "validate_help": Text(
        fr="Valide les jeux du kit, ou ceux d’un dossier ; une ligne par problème, code 2 s’il y en a.",
        en="Validate the kit's decks, or those in a folder; one line per problem, exit code 2 if any.",
    ),
    "schema_help": Text(
        fr="Affiche le schéma JSON des cartes (ou du manifeste deck.yaml) pour les éditeurs.",
        en="Print the JSON Schema of cards (or of the deck.yaml manifest) for editors.",
    ),
    "export_help": Text(
        fr="Exporte un jeu en tableur XLSX ou CSV.",
        en="Export a deck to an XLSX or CSV spreadsheet.",
    ),
    "import_help": Text(
        fr="Importe un jeu depuis un tableur XLSX ou CSV et l’écrit en dossier YAML.",
        en="Import a deck from an XLSX or CSV spreadsheet and write it as a YAML folder.",
    ),
    "opt_decks": Text(
        fr="Dossier de jeux à lire (par défaut : les jeux du kit).",
        en="Folder of decks to read (default: the kit's decks).",
    ),
    "opt_format": Text(fr="Format de sortie.", en="Output format."),
    "opt_sheet_format": Text(
        fr="Format du tableur (par défaut : d’après l’extension).",
        en="Spreadsheet format (default: from the file suffix).",
    ),
    "opt_schema_manifest": Text(
        fr="Schéma du manifeste deck.yaml plutôt que des cartes.",
        en="Schema of the deck.yaml manifest instead of cards.",
    ),
    "opt_output_json": Text(fr="Fichier où écrire le schéma.", en="File to write the schema to."),
    "opt_output_sheet": Text(
        fr="Fichier tableur à écrire (.xlsx ou .csv).",
        en="Spreadsheet file to write (.xlsx or .csv).",
    ),
    "opt_output_folder": Text(fr="Dossier où écrire le jeu.", en="Folder to write the deck to."),
    "opt_force": Text(
        fr="Écrire même si le dossier n’est pas vide.", en="Write even if the folder is not empty."
    ),
    "arg_deck": Text(
        fr="Identifiant du jeu (voir jnt-fresque decks).", en="Deck id (see jnt-fresque decks)."
    ),
    "arg_validate_path": Text(
        fr="Dossier de jeux, ou dossier d’un jeu.", en="Folder of decks, or one deck's folder."
    ),
    "arg_sheet": Text(fr="Tableur .xlsx ou .csv.", en="Spreadsheet, .xlsx or .csv."),
    "unknown_deck": Text(
        fr="jeu inconnu « {value} » ; jeux disponibles : {expected}",
        en="unknown deck « {value} »; available decks: {expected}",
    ),
    "valid_summary": Text(
        fr="{decks} jeu(x), {cards} cartes : aucun problème.",
        en="{decks} deck(s), {cards} cards: no problem.",
    ),
    "written": Text(fr="écrit : {path}", en="written: {path}"),
    "exported": Text(
        fr="jeu {deck} ({cards} cartes) exporté dans {path}",
        en="deck {deck} ({cards} cards) exported to {path}",
    ),
    "imported": Text(
        fr="jeu {deck} ({cards} cartes) écrit dans {path}",
        en="deck {deck} ({cards} cards) written to {path}",
    ),
    "folder_not_empty": Text(
        fr="le dossier {path} n’est pas vide ; choisissez-en un autre ou ajoutez --force",
        en="folder {path} is not empty; choose another one or add --force",
    ),
    "decks_title": Text(fr="Jeux de cartes", en="Card decks"),
    "col_deck": Text(fr="Jeu", en="Deck"),
    "col_kind": Text(fr="Type", en="Kind"),
    "col_title": Text(fr="Titre", en="Title"),
    "col_version": Text(fr="Version", en="Version"),
    "col_cards": Text(fr="Cartes", en="Cards"),
    "col_id": Text(fr="Identifiant", en="Id"),
    "stats_help": Text(
        fr="Compte les cartes et affiche la matrice cas d’usage × thèmes INSPIRE.",
        en="Count the cards and show the use case × INSPIRE theme matrix.",
    ),
    "opt_stats_csv": Text(
        fr="Écrire la matrice dans ce fichier CSV.", en="Write the matrix to this CSV file."
    ),
    "coverage_title": Text(
        fr="Couverture : thèmes INSPIRE nécessaires à chaque cas d’usage",
        en="Coverage: the INSPIRE themes each use case needs",
    ),
    "coverage_legend": Text(
        fr="● indispensable   ○ utile   Σ nombre de cas d’usage",
        en="● essential   ○ useful   Σ number of use cases",
    ),
    "coverage_summary": Text(
        fr="{needed} thèmes sur {total} nécessaires à au moins un cas d’usage ; jamais demandés : {missing}",
        en="{needed} of {total} themes needed by at least one use case; never needed: {missing}",
    ),
}
