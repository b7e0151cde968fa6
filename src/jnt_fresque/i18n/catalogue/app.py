"""The workshop app's words, in French and in English (keys start with ``app_``)."""

from __future__ import annotations

from jnt_fresque.i18n import Text

MESSAGES: dict[str, Text] = {
    # --- every page ------------------------------------------------------------------
    "app_title": Text(fr="Fresque du JNT", en="JNT fresque"),
    "app_choose": Text(fr="Choisir dans la liste…", en="Choose from the list…"),
    "app_menu": Text(fr="Pages de l’atelier et langue", en="Workshop pages and language"),
    "app_page_join": Text(fr="Rejoindre", en="Join"),
    "app_page_cards": Text(fr="Cartes", en="Cards"),
    "app_page_board": Text(fr="Plateau", en="Board"),
    "app_page_propose": Text(fr="Proposer", en="Propose"),
    "app_page_vote": Text(fr="Voter", en="Vote"),
    "app_page_results": Text(fr="Résultats", en="Results"),
    "app_page_facilitator": Text(fr="Animation", en="Facilitation"),
    "app_page_scoping": Text(fr="Cadrage", en="Scoping"),
    "app_session_line": Text(
        fr="Session {code} — {title} — phase : {phase}",
        en="Session {code} — {title} — phase: {phase}",
    ),
    "app_need_join": Text(
        fr="Rejoignez d’abord une session (page Rejoindre).",
        en="Join a session first (Join page).",
    ),
    "app_unknown_session": Text(
        fr="Aucune session ne porte le code « {code} ». Vérifiez le code affiché au tableau.",
        en="No session has the code « {code} ». Check the code shown on the screen.",
    ),
    "app_session_closed": Text(
        fr="La session {code} est close : elle n’accepte plus de contribution.",
        en="Session {code} is closed: it takes no more contributions.",
    ),
    "app_db_error": Text(
        fr="La base de l’atelier ne répond pas ({reason}) ; réessayez dans un instant.",
        en="The workshop database does not answer ({reason}); try again in a moment.",
    ),
    # --- join ------------------------------------------------------------------------
    "app_join_title": Text(fr="Rejoindre l’atelier", en="Join the workshop"),
    "app_join_code": Text(fr="Code de la session", en="Session code"),
    "app_join_vote_code": Text(
        fr="Code de vote imprimé (si on vous en a remis un)",
        en="Printed voting code (if you were given one)",
    ),
    "app_join_profile": Text(fr="Profil (facultatif)", en="Profile (optional)"),
    "app_join_no_profile": Text(fr="— non précisé —", en="— not given —"),
    "app_join_table": Text(fr="Table (facultatif, 0 = aucune)", en="Table (optional, 0 = none)"),
    "app_join_submit": Text(fr="Rejoindre", en="Join"),
    "app_join_empty": Text(fr="Saisissez le code de la session.", en="Type the session code."),
    "app_joined": Text(
        fr="Vous avez rejoint la session {code} « {title} ». Gardez cette page : votre adresse "
        "vous garde la même identité anonyme.",
        en="You joined session {code} « {title} ». Keep this page: its address keeps your "
        "anonymous identity.",
    ),
    "app_join_next": Text(
        fr="Et maintenant, choisissez une page dans le menu :",
        en="What next? Pick a page from the menu:",
    ),
    # --- cards -----------------------------------------------------------------------
    "app_cards_title": Text(fr="Les cartes", en="The cards"),
    "app_cards_search": Text(fr="Rechercher", en="Search"),
    "app_cards_deck": Text(fr="Jeu", en="Deck"),
    "app_cards_all": Text(fr="Tous les jeux", en="All decks"),
    "app_cards_found": Text(fr="{count} carte(s)", en="{count} card(s)"),
    "app_cards_page": Text(fr="Page", en="Page"),
    "app_cards_none": Text(fr="Aucune carte ne correspond.", en="No card matches."),
    "app_cards_back": Text(fr="Verso", en="Back"),
    # --- board -----------------------------------------------------------------------
    "app_board_title": Text(fr="Le plateau de la table", en="The table's board"),
    "app_board_uc": Text(fr="Cas d’usage", en="Use case"),
    "app_board_data": Text(fr="Cartes données nécessaires", en="Data cards it needs"),
    "app_board_note": Text(fr="Note (facultative)", en="Note (optional)"),
    "app_board_submit": Text(fr="Poser les liens", en="Place the links"),
    "app_board_done": Text(
        fr="{added} lien(s) posé(s), {same} déjà présent(s).",
        en="{added} link(s) placed, {same} already there.",
    ),
    "app_board_pick": Text(
        fr="Choisissez au moins une carte données.", en="Pick at least one data card."
    ),
    "app_board_phase": Text(
        fr="Les liens se posent pendant les phases « liens » et « propositions » ; phase actuelle : {phase}.",
        en="Links are placed during the « linking » and « proposing » phases; current phase: {phase}.",
    ),
    "app_board_picture": Text(fr="Le plateau en image", en="The board as a picture"),
    "app_board_empty": Text(fr="Aucun lien pour l’instant.", en="No link yet."),
    "app_board_matrix": Text(
        fr="Matrice de couverture (liens posés ; ● indispensable, ○ utile selon le jeu)",
        en="Coverage matrix (links placed; ● essential, ○ useful according to the deck)",
    ),
    "app_board_scope_table": Text(fr="Table {table}", en="Table {table}"),
    "app_board_scope_mine": Text(fr="Mes liens", en="My links"),
    # --- propose ---------------------------------------------------------------------
    "app_propose_title": Text(fr="Proposer une carte", en="Propose a card"),
    "app_propose_name": Text(fr="Titre du cas d’usage", en="Use case title"),
    "app_propose_pitch": Text(fr="En deux phrases", en="In two sentences"),
    "app_propose_data": Text(fr="Données nécessaires", en="Data it needs"),
    "app_propose_submit": Text(fr="Proposer", en="Propose"),
    "app_proposed": Text(fr="Carte proposée : {title}", en="Card proposed: {title}"),
    "app_propose_phase": Text(
        fr="Les cartes se proposent pendant la phase « propositions » ; phase actuelle : {phase}.",
        en="Cards are proposed during the « proposing » phase; current phase: {phase}.",
    ),
    "app_proposals": Text(
        fr="Cartes proposées dans la session", en="Cards proposed in the session"
    ),
    # --- vote ------------------------------------------------------------------------
    "app_vote_title": Text(fr="Votez", en="Vote"),
    "app_vote_phase": Text(
        fr="Le vote n’est pas ouvert ; phase actuelle : {phase}.",
        en="The vote is not open; current phase: {phase}.",
    ),
    "app_vote_none": Text(fr="Aucun vote ouvert pour l’instant.", en="No poll is open yet."),
    "app_vote_ranked": Text(
        fr="{title} — choisissez jusqu’à {k} cartes, la meilleure d’abord",
        en="{title} — choose up to {k} cards, best first",
    ),
    "app_vote_approval": Text(
        fr="{title} — choisissez jusqu’à {k} cartes", en="{title} — choose up to {k} cards"
    ),
    "app_vote_dots": Text(
        fr="{title} — répartissez {dots} gommettes (une carte peut en recevoir plusieurs)",
        en="{title} — spread {dots} dots (a card may get several)",
    ),
    "app_vote_dots_for": Text(fr="Gommettes pour « {title} »", en="Dots for « {title} »"),
    "app_vote_submit": Text(fr="Envoyer mon vote", en="Send my vote"),
    "app_vote_saved": Text(
        fr="Vote enregistré ({polls}). Vous pouvez le modifier jusqu’à la clôture.",
        en="Vote saved ({polls}). You may change it until the vote closes.",
    ),
    "app_vote_unchanged": Text(
        fr="Vote inchangé : il était déjà enregistré ainsi.",
        en="Vote unchanged: it was already saved so.",
    ),
    "app_vote_empty": Text(fr="Choisissez au moins une carte.", en="Choose at least one card."),
    "app_vote_current": Text(fr="Votre vote enregistré : {cards}", en="Your saved vote: {cards}"),
    "app_vote_closed": Text(fr="« {title} » est clos.", en="« {title} » is closed."),
    # --- results ---------------------------------------------------------------------
    "app_results_title": Text(fr="Résultats en direct", en="Live results"),
    "app_results_need": Text(
        fr="Indiquez la session : /resultats?session=CODE",
        en="Give the session: /resultats?session=CODE",
    ),
    "app_results_ballots": Text(fr="{ballots} bulletin(s)", en="{ballots} ballot(s)"),
    "app_results_hidden": Text(
        fr="Les résultats s’afficheront à la clôture du vote ({ballots} bulletin(s) reçu(s)).",
        en="Results will show when the vote closes ({ballots} ballot(s) received).",
    ),
    "app_results_none": Text(fr="Aucun bulletin pour l’instant.", en="No ballot yet."),
    "app_results_methods": Text(fr="Comparaison des méthodes", en="Methods compared"),
    "app_results_demand": Text(fr="Demande de données", en="Data demand"),
    "app_results_board": Text(fr="Le plateau de la session", en="The session's board"),
    "app_col_rank": Text(fr="Rang", en="Rank"),
    "app_col_card": Text(fr="Carte", en="Card"),
    "app_col_score": Text(fr="Score", en="Score"),
    "app_col_approval": Text(fr="Approbation", en="Approval"),
    "app_col_borda": Text(fr="Borda", en="Borda"),
    "app_col_dots": Text(fr="Gommettes", en="Dots"),
    "app_col_condorcet": Text(fr="Condorcet (Schulze)", en="Condorcet (Schulze)"),
    "app_col_demand": Text(fr="Demande", en="Demand"),
    "app_col_profile": Text(fr="Profil", en="Profile"),
    "app_col_table": Text(fr="Table", en="Table"),
    "app_col_people": Text(fr="Personnes", en="People"),
    # --- facilitator -----------------------------------------------------------------
    "app_fac_title": Text(fr="Console d’animation", en="Facilitator console"),
    "app_fac_code": Text(fr="Code de la session", en="Session code"),
    "app_fac_secret": Text(fr="Secret d’animation", en="Facilitator secret"),
    "app_fac_login": Text(fr="Entrer", en="Enter"),
    "app_fac_bad_secret": Text(
        fr="Code ou secret d’animation incorrect.", en="Wrong session code or facilitator secret."
    ),
    "app_fac_logout": Text(fr="Quitter la console", en="Leave the console"),
    "app_fac_pass_expired": Text(
        fr="Votre accès à la console a expiré ou n’est plus valable : "
        "redonnez le secret d’animation.",
        en="Your access to the console has expired or is no longer valid: "
        "give the facilitator secret again.",
    ),
    "app_fac_new": Text(fr="Nouvelle session", en="New session"),
    "app_fac_new_title": Text(fr="Titre", en="Title"),
    "app_fac_method": Text(fr="Mode de vote", en="Voting method"),
    "app_fac_k": Text(fr="Nombre de cartes (k)", en="Number of cards (k)"),
    "app_fac_dots": Text(fr="Gommettes par personne", en="Dots per person"),
    "app_fac_create": Text(fr="Créer la session", en="Create the session"),
    "app_fac_created": Text(
        fr="Session {code} créée. Secret d’animation, à noter maintenant (il ne sera plus affiché) : {secret}",
        en="Session {code} created. Facilitator secret, write it down now (it will not be shown again): {secret}",
    ),
    "app_fac_phase": Text(fr="Phase", en="Phase"),
    "app_fac_set_phase": Text(fr="Passer à cette phase", en="Move to this phase"),
    "app_fac_phase_set": Text(fr="Phase : {phase}", en="Phase: {phase}"),
    "app_fac_hidden": Text(
        fr="Masquer les résultats jusqu’à la clôture du vote",
        en="Hide the results until the vote closes",
    ),
    "app_fac_close": Text(fr="Clore la session", en="Close the session"),
    "app_fac_reopen": Text(fr="Rouvrir la session", en="Reopen the session"),
    "app_fac_polls": Text(fr="Votes", en="Polls"),
    "app_fac_poll_open": Text(fr="Ouvrir « {poll} »", en="Open « {poll} »"),
    "app_fac_poll_close": Text(fr="Clore « {poll} »", en="Close « {poll} »"),
    "app_fac_poll_line": Text(
        fr="{title} — {method} — {state} — {ballots} bulletin(s)",
        en="{title} — {method} — {state} — {ballots} ballot(s)",
    ),
    "app_fac_open": Text(fr="ouvert", en="open"),
    "app_fac_closed": Text(fr="clos", en="closed"),
    "app_fac_let_proposed": Text(
        fr="Soumettre les cartes proposées au vote", en="Put the proposed cards to the vote"
    ),
    "app_fac_proposed_added": Text(
        fr="Les cartes proposées sont soumises au vote.",
        en="The proposed cards are put to the vote.",
    ),
    "app_fac_people": Text(
        fr="{participants} participant(s), {voters} ont voté, {links} lien(s), {proposals} proposition(s)",
        en="{participants} participant(s), {voters} voted, {links} link(s), {proposals} proposal(s)",
    ),
    "app_fac_join_address": Text(fr="Adresse pour rejoindre", en="Address to join"),
    "app_fac_exports": Text(fr="Exports et rapport", en="Exports and report"),
    "app_fac_prepare": Text(fr="Préparer les fichiers", en="Prepare the files"),
    "app_fac_download": Text(fr="Télécharger {name}", en="Download {name}"),
    "app_fac_codes": Text(fr="Codes de vote imprimés", en="Printed voting codes"),
    "app_fac_codes_count": Text(fr="Nombre de codes", en="Number of codes"),
    "app_fac_codes_make": Text(fr="Créer les codes (PDF)", en="Make the codes (PDF)"),
    "app_fac_codes_note": Text(
        fr="Après cela, la session ne se rejoint plus qu’avec un code imprimé.",
        en="After this, the session is joined only with a printed code.",
    ),
    "app_fac_participants": Text(fr="Qui a rejoint", en="Who joined"),
    "app_fac_no_profile": Text(fr="(sans profil)", en="(no profile)"),
    "app_fac_no_table": Text(fr="(sans table)", en="(no table)"),
    # --- scoping ---------------------------------------------------------------------
    "app_scoping_title": Text(fr="Cadrage du jumeau", en="Scoping the twin"),
    "app_scoping_missing": Text(
        fr="Le cadrage n’est pas disponible dans cette version.",
        en="Scoping is not available in this version.",
    ),
    "app_scoping_show": Text(fr="Voir le profil", en="Show the profile"),
    # --- the command ---------------------------------------------------------------
    "atelier_help": Text(
        fr="Lance l’atelier dans le navigateur (Streamlit) : adresse à rejoindre, QR code, secret d’animation.",
        en="Start the workshop in the browser (Streamlit): join address, QR code, facilitator secret.",
    ),
    "opt_atelier_port": Text(fr="Port du serveur.", en="Server port."),
    "opt_atelier_db": Text(
        fr="Base de l’atelier (URL SQLAlchemy ; par défaut JNT_FRESQUE_DB ou le fichier SQLite de l’utilisateur).",
        en="Workshop database (SQLAlchemy URL; default JNT_FRESQUE_DB or the user's SQLite file).",
    ),
    "opt_atelier_session": Text(
        fr="Reprendre cette session plutôt que d’en créer une.",
        en="Resume this session instead of creating one.",
    ),
    "opt_atelier_title": Text(fr="Titre de la nouvelle session.", en="Title of the new session."),
    "opt_atelier_address": Text(
        fr="Adresse d’écoute (0.0.0.0 : tout le réseau local).",
        en="Address to listen on (0.0.0.0: the whole local network).",
    ),
    "atelier_default_title": Text(fr="Atelier du {date}", en="Workshop of {date}"),
    "atelier_join": Text(fr="Pour rejoindre : {url}", en="To join: {url}"),
    "atelier_console": Text(fr="Console d’animation : {url}", en="Facilitator console: {url}"),
    "atelier_projector": Text(
        fr="Projection des résultats : {url}", en="Results for the projector: {url}"
    ),
    "atelier_secret": Text(
        fr="Secret d’animation de la session {code} : {secret} (notez-le, il n’est affiché qu’une fois)",
        en="Facilitator secret of session {code}: {secret} (write it down, it is shown only once)",
    ),
    "atelier_resumed": Text(
        fr="Session {code} reprise ; son secret d’animation est celui donné à sa création.",
        en="Session {code} resumed; its facilitator secret is the one given when it was created.",
    ),
    "atelier_stop": Text(fr="Ctrl+C pour arrêter.", en="Ctrl+C to stop."),
}
