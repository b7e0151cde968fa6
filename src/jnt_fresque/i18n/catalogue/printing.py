"""Words of the printed cards, the facilitator pack and the ``print`` command, in French and English.

Keys starting with ``card_`` are printed on cards, ``pack_`` in the
facilitator pack, ``print_`` by the command.
"""

from __future__ import annotations

from jnt_fresque.i18n import Text

MESSAGES: dict[str, Text] = {
    # --- on the cards -------------------------------------------------------------
    "card_annex": Text(fr="Annexe {annex}", en="Annex {annex}"),
    "card_users": Text(fr="Pour qui", en="Who for"),
    "card_capability": Text(fr="Capacité", en="Capability"),
    "card_time_step": Text(fr="Pas de temps", en="Time step"),
    "card_scales": Text(fr="Échelles", en="Scales"),
    "card_implementation": Text(fr="Architecture", en="Architecture type"),
    "card_themes": Text(fr="Données INSPIRE nécessaires", en="INSPIRE data needed"),
    "card_primary": Text(fr="Indispensables", en="Essential"),
    "card_secondary": Text(fr="Utiles", en="Useful"),
    "card_standards": Text(fr="Normes et standards", en="Standards"),
    "card_examples": Text(fr="Vu à", en="Seen in"),
    "card_geoconcepts": Text(fr="Géoconcepts", en="Geoconcepts"),
    "card_datasets": Text(fr="Jeux de données de référence", en="Reference datasets"),
    "card_criteria": Text(fr="Caractérisation", en="Characterization"),
    "card_qr": Text(fr="Le thème dans le registre INSPIRE", en="The theme in the INSPIRE register"),
    "card_source": Text(fr="Référence", en="Source"),
    "card_reliability": Text(fr="Fiabilité", en="Reliability"),
    "card_created": Text(fr="Créée", en="Created"),
    "card_modified": Text(fr="révisée", en="revised"),
    "card_related": Text(fr="Voir aussi", en="See also"),
    "card_multiple": Text(fr="Plusieurs réponses possibles", en="Several answers possible"),
    "card_single": Text(fr="Une seule réponse", en="One answer"),
    "card_why": Text(fr="Pourquoi la poser ?", en="Why ask it?"),
    "card_implies": Text(fr="Ce que la réponse implique", en="What the answer implies"),
    "card_no_implies": Text(
        fr="Ces réponses ne fixent pas le profil du jumeau : elles orientent la discussion.",
        en="These answers do not set the twin's profile: they steer the discussion.",
    ),
    "card_write_back": Text(fr="Suite au verso", en="More on the back"),
    # --- the print command -------------------------------------------------------------
    "print_help": Text(
        fr="Imprime les cartes : PDF recto verso à imprimer chez soi, PDF pour imprimeur, "
        "images PNG, ou le dossier d’animation (--pack).",
        en="Print the cards: a double-sided PDF to print at home, a PDF for a print shop, "
        "PNG images, or the facilitator pack (--pack).",
    ),
    "print_arg_decks": Text(
        fr="Jeux à imprimer (par défaut : tous ; voir jnt-fresque decks).",
        en="Decks to print (default: all of them; see jnt-fresque decks).",
    ),
    "print_opt_lang": Text(
        fr="Langue des cartes (par défaut : celle de l’utilisateur).",
        en="Language of the cards (default: the user's).",
    ),
    "print_opt_card": Text(
        fr="Format des cartes : poker 63×88 mm, tarot 70×120 mm, a6 105×148 mm.",
        en="Card size: poker 63×88 mm, tarot 70×120 mm, a6 105×148 mm.",
    ),
    "print_opt_paper": Text(
        fr="Papier de l’imprimante domestique.", en="Paper of the home printer."
    ),
    "print_opt_profile": Text(
        fr="home : planches à découper avec traits de coupe ; shop : une carte par page avec "
        "3 mm de fond perdu, pour un imprimeur. Répétez l’option pour obtenir les deux.",
        en="home: sheets to cut, with crop marks; shop: one card per page with 3 mm bleed, "
        "for a print shop. Repeat the option to get both.",
    ),
    "print_opt_duplex": Text(
        fr="Recto verso de l’imprimante : long (retournement bord long), short (bord court) ; "
        "none : planches à plier en deux, pour une imprimante sans recto verso.",
        en="The printer's duplex: long (flip on long edge), short (flip on short edge); "
        "none: sheets to fold in half, for a printer without duplex.",
    ),
    "print_opt_output": Text(
        fr="Fichier PDF à écrire.",
        en="PDF file to write.",
    ),
    "print_opt_png": Text(
        fr="Écrit une image PNG par face de carte (300 dpi) dans ce dossier ; le PDF n’est alors "
        "écrit que si -o est donné.",
        en="Write one PNG image per card face (300 dpi) to this folder; the PDF is then written "
        "only if -o is given.",
    ),
    "print_opt_pack": Text(
        fr="Imprime le dossier d’animation (règles, carte des liens attendus, listes de "
        "matériel) au lieu des cartes.",
        en="Print the facilitator pack (rules, map of expected links, packing lists) "
        "instead of the cards.",
    ),
    "print_opt_tables": Text(
        fr="Nombre de tables (une liste de matériel par table, avec --pack).",
        en="Number of tables (one packing list per table, with --pack).",
    ),
    "print_overflow": Text(
        fr="carte {card} ({lang}) : le champ « {field} » ne tient pas sur une carte {size}, "
        "même en {floor} pt ; raccourcissez ce texte",
        en="card {card} ({lang}): field « {field} » does not fit on a {size} card, even at "
        "{floor} pt; shorten this text",
    ),
    "print_no_cards": Text(
        fr="aucune carte à imprimer dans les jeux choisis",
        en="no card to print in the chosen decks",
    ),
    "print_stage_layout": Text(fr="Mise en page des cartes", en="Laying out the cards"),
    "print_stage_pdf": Text(fr="Écriture du PDF", en="Writing the PDF"),
    "print_stage_png": Text(fr="Images PNG", en="PNG images"),
    "print_stage_pack": Text(fr="Dossier d’animation", en="Facilitator pack"),
    "print_written": Text(
        fr="écrit : {path} ({cards} cartes, {pages} pages)",
        en="written: {path} ({cards} cards, {pages} pages)",
    ),
    "print_png_written": Text(
        fr="écrit : {count} images PNG dans {path}",
        en="written: {count} PNG images in {path}",
    ),
    "print_pack_written": Text(
        fr="écrit : {path} (dossier d’animation, {pages} pages)",
        en="written: {path} (facilitator pack, {pages} pages)",
    ),
    "print_duplex_hint": Text(
        fr="imprimez en recto verso, retournement sur le {edge}, à 100 % (sans « ajuster à la "
        "page »)",
        en="print double-sided, flip on {edge}, at 100% (no « fit to page »)",
    ),
    "print_edge_long": Text(fr="bord long", en="long edge"),
    "print_edge_short": Text(fr="bord court", en="short edge"),
    "print_fold_hint": Text(
        fr="imprimez à 100 % sur une seule face, pliez chaque planche le long des tirets, "
        "collez, puis coupez",
        en="print single-sided at 100%, fold each sheet along the dashes, glue, then cut",
    ),
    "print_title_cards": Text(fr="Cartes de la fresque du JNT", en="JNT fresque cards"),
    "print_title_pack": Text(
        fr="Fresque du JNT : dossier d’animation", en="JNT fresque: facilitator pack"
    ),
    # --- the facilitator pack ----------------------------------------------------------
    "pack_title": Text(
        fr="La fresque du JNT : fiche d’animation", en="The JNT fresque: facilitator sheet"
    ),
    "pack_decks": Text(fr="Jeux : {decks}", en="Decks: {decks}"),
    "pack_deck_line": Text(
        fr="{title} ({cards} cartes, v{version})", en="{title} ({cards} cards, v{version})"
    ),
    "pack_goal_title": Text(fr="Le principe", en="The idea"),
    "pack_goal": Text(
        fr="Chaque table relie des cartes cas d’usage aux cartes données INSPIRE dont ils ont besoin, "
        "propose sur des cartes vierges les usages qui manquent à son territoire, puis vote son top 10. "
        "En jouant, on découvre de quoi est fait un jumeau numérique du territoire : des usages qui "
        "appellent des données, et des données qui servent plusieurs usages à la fois.",
        en="Each table links use-case cards to the INSPIRE data cards they need, proposes on blank "
        "cards the uses its territory lacks, then votes its top 10. Playing shows what a territorial "
        "digital twin is made of: uses that call for data, and data that serve several uses at once.",
    ),
    "pack_before_title": Text(fr="Avant l’atelier", en="Before the workshop"),
    "pack_before": Text(
        fr="Imprimez un jeu par table (recto verso, à 100 %), coupez le long des traits de coupe et "
        "triez les cartes par couleur. Préparez une enveloppe par table d’après sa liste de matériel. "
        "Gardez pour vous la carte des liens attendus : elle sert au débriefing, pas pendant le jeu. "
        "Comptez des tables de 5 à 8 personnes.",
        en="Print one set per table (double-sided, at 100%), cut along the crop marks and sort the "
        "cards by colour. Pack one envelope per table from its packing list. Keep the map of expected "
        "links for yourself: it serves the debriefing, not the game. Plan tables of 5 to 8 people.",
    ),
    "pack_steps_title": Text(fr="Déroulé (environ 2 heures)", en="Running order (about 2 hours)"),
    "pack_step_discover": Text(
        fr="Découvrir (15 min) : chacun tire trois ou quatre cartes cas d’usage et les lit à voix "
        "haute ; la table retient les huit à dix qui parlent le plus à son territoire.",
        en="Discover (15 min): everyone draws three or four use-case cards and reads them out; the "
        "table keeps the eight to ten that speak most to its territory.",
    ),
    "pack_step_link": Text(
        fr="Relier (40 min) : autour de chaque cas d’usage retenu, posez les cartes données qu’il "
        "mobilise, les indispensables au plus près, les utiles plus loin. Ne regardez le verso des "
        "cartes cas d’usage qu’à la fin, pour comparer.",
        en="Link (40 min): around each chosen use case, lay the data cards it draws on, essential "
        "ones closest, useful ones further out. Only look at the back of the use-case cards at the "
        "end, to compare.",
    ),
    "pack_step_propose": Text(
        fr="Proposer (20 min) : sur les cartes vierges, écrivez les cas d’usage dont votre territoire "
        "a besoin et que le jeu n’a pas, puis reliez-les aux cartes données comme les autres.",
        en="Propose (20 min): on the blank cards, write the use cases your territory needs that the "
        "game lacks, then link them to data cards like the others.",
    ),
    "pack_step_vote": Text(
        fr="Voter (15 min) : chaque participant dispose de dix gommettes (ou vote dans l’application) "
        "pour désigner son top 10 des cas d’usage et des données.",
        en="Vote (15 min): each participant has ten dots (or votes in the app) to pick a top 10 of "
        "use cases and of data.",
    ),
    "pack_step_results": Text(
        fr="Restituer (20 min) : chaque table présente son top 3 et une surprise ; l’animateur montre "
        "les résultats et la carte des liens attendus, puis ouvre la discussion sur les écarts.",
        en="Report back (20 min): each table presents its top 3 and one surprise; the facilitator "
        "shows the results and the map of expected links, then opens the discussion on the gaps.",
    ),
    "pack_roles_title": Text(fr="Rôles à la table", en="Roles at the table"),
    "pack_roles": Text(
        fr="Un maître du temps lit les cartes et tient le minutage ; un secrétaire note les liens et "
        "les cartes proposées ; tout le monde joue. Changez les rôles à chaque phase.",
        en="A timekeeper reads the cards and keeps time; a scribe writes down the links and the "
        "proposed cards; everyone plays. Swap roles at each phase.",
    ),
    "pack_tips_title": Text(fr="Conseils", en="Tips"),
    "pack_tips": Text(
        fr="Il n’y a pas de mauvais lien : un lien attendu qui manque, ou un lien inattendu, est un "
        "sujet de discussion. Les cartes vocabulaire répondent aux questions de mots ; les cartes "
        "questions clés servent à cadrer un jumeau après l’atelier. Le code de thème (bu, hy…) en "
        "haut des cartes données est celui qu’on lit au verso des cas d’usage.",
        en="There is no wrong link: a missing expected link, or an unexpected one, is something to "
        "discuss. Vocabulary cards answer questions about words; key-question cards help scope a "
        "twin after the workshop. The theme code (bu, hy…) at the top of the data cards is the one "
        "on the back of the use cases.",
    ),
    "pack_after_title": Text(fr="Après l’atelier", en="After the workshop"),
    "pack_after": Text(
        fr="Photographiez chaque table avant de la défaire, saisissez les liens et les votes, et "
        "rangez chaque jeu avec sa liste de matériel pour vérifier qu’il est complet.",
        en="Photograph each table before clearing it, enter the links and the votes, and put each "
        "set away with its packing list to check that it is complete.",
    ),
    "pack_map_title": Text(
        fr="Carte des liens attendus : cas d’usage × thèmes INSPIRE",
        en="Map of expected links: use cases × INSPIRE themes",
    ),
    "pack_map_legend": Text(
        fr="● indispensable   ○ utile   (d’après le verso des cartes cas d’usage)",
        en="● essential   ○ useful   (from the back of the use-case cards)",
    ),
    "pack_map_total": Text(fr="Σ cas d’usage", en="Σ use cases"),
    "pack_map_themes": Text(fr="Les thèmes INSPIRE", en="The INSPIRE themes"),
    "pack_map_continued": Text(fr="(suite)", en="(continued)"),
    "pack_list_title": Text(
        fr="Table {table} : liste de matériel", en="Table {table}: packing list"
    ),
    "pack_list_cards": Text(fr="Cartes", en="Cards"),
    "pack_list_deck": Text(fr="{title} : {cards} cartes", en="{title}: {cards} cards"),
    "pack_list_material": Text(fr="Matériel", en="Supplies"),
    "pack_list_pens": Text(fr="Un feutre par participant", en="One marker per participant"),
    "pack_list_dots": Text(
        fr="Dix gommettes de vote par participant", en="Ten voting dots per participant"
    ),
    "pack_list_sheet": Text(
        fr="Une grande feuille (A1) ou une nappe en papier pour poser les cartes et tracer les liens",
        en="A large sheet (A1) or a paper tablecloth to lay the cards on and draw the links",
    ),
    "pack_list_tape": Text(fr="De la pâte adhésive", en="Some sticky tack"),
    "pack_list_timer": Text(fr="Un minuteur", en="A timer"),
    "pack_list_rules": Text(fr="La fiche d’animation", en="The facilitator sheet"),
    "pack_list_blanks": Text(
        fr="Quelques cartes vierges de plus (imprimez-en deux ou trois par table)",
        en="A few extra blank cards (print two or three per table)",
    ),
    "pack_list_inventory": Text(
        fr="Inventaire : cochez chaque carte en rangeant le jeu",
        en="Inventory: tick each card when packing the set away",
    ),
    "print_sheet_label": Text(
        fr="planche {sheet}/{sheets} · {side}", en="sheet {sheet}/{sheets} · {side}"
    ),
    "print_side_front": Text(fr="recto", en="fronts"),
    "print_side_back": Text(fr="verso", en="backs"),
    "print_side_fold": Text(
        fr="pliez le long des tirets, collez, coupez", en="fold along the dashes, glue, cut"
    ),
}
