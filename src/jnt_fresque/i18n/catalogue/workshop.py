"""The workshop's messages in French and in English: refusals, and the words of the
``session``, ``vote``, ``links``, ``proposals``, ``results`` and ``vote-codes`` commands."""

from __future__ import annotations

from jnt_fresque.i18n import Text

MESSAGES: dict[str, Text] = {
    # --- refusals of the rules -----------------------------------------------------
    "unknown_session": Text(
        fr="session « {code} » introuvable ; voir jnt-fresque session list",
        en="no session « {code} »; see jnt-fresque session list",
    ),
    "session_exists": Text(
        fr="la session {code} existe déjà dans cette base ; ajoutez --new-code pour l’importer sous un autre code",
        en="session {code} already exists in this database; add --new-code to import it under another code",
    ),
    "session_closed": Text(
        fr="la session {code} est close : elle n’accepte plus rien (jnt-fresque session reopen {code})",
        en="session {code} is closed: it takes nothing more (jnt-fresque session reopen {code})",
    ),
    "no_free_code": Text(
        fr="aucun code de session libre trouvé ; réessayez",
        en="no free session code found; try again",
    ),
    "bad_title": Text(
        fr="titre vide ou trop long : de 1 à {max} caractères",
        en="empty or too long title: 1 to {max} characters",
    ),
    "bad_session_date": Text(
        fr="« {value} » n’est pas une date : AAAA-MM-JJ attendu",
        en="« {value} » is not a date: YYYY-MM-DD expected",
    ),
    "unknown_phase": Text(
        fr="phase inconnue « {value} » ; phases : {expected}",
        en="unknown phase « {value} »; phases: {expected}",
    ),
    "unknown_profile": Text(
        fr="profil inconnu « {value} » ; profils : {expected}",
        en="unknown profile « {value} »; profiles: {expected}",
    ),
    "bad_table": Text(
        fr="« {value} » n’est pas un numéro de table (1 à {max})",
        en="« {value} » is not a table number (1 to {max})",
    ),
    "bad_participant": Text(
        fr="« {value} » ne peut pas identifier un participant : 1 à 64 lettres, chiffres ou _.:@-",
        en="« {value} » cannot name a participant: 1 to 64 letters, digits or _.:@-",
    ),
    "link_unknown_use_case": Text(
        fr="« {value} » n’est ni un cas d’usage du jeu ni une carte proposée",
        en="« {value} » is neither a use case of the deck nor a proposed card",
    ),
    "link_unknown_data": Text(
        fr="« {value} » n’est pas une carte données (data-…)",
        en="« {value} » is not a data card (data-…)",
    ),
    "link_no_maker": Text(
        fr="un lien est fait par un participant ou une table : indiquez l’un ou l’autre",
        en="a link is made by a participant or a table: give one of them",
    ),
    "note_too_long": Text(
        fr="note trop longue : {max} caractères au plus",
        en="note too long: at most {max} characters",
    ),
    "proposal_title": Text(
        fr="le titre d’une carte proposée compte de 3 à {max} caractères",
        en="a proposed card's title has 3 to {max} characters",
    ),
    "proposal_pitch": Text(
        fr="description trop longue : {max} caractères au plus",
        en="description too long: at most {max} characters",
    ),
    "proposal_unknown_data": Text(
        fr="cartes données inconnues : {values}", en="unknown data cards: {values}"
    ),
    "proposal_data_twice": Text(
        fr="une même carte données est citée deux fois", en="the same data card is named twice"
    ),
    "proposal_unknown_blank": Text(
        fr="« {value} » n’est pas une carte vierge du jeu",
        en="« {value} » is not a blank card of the deck",
    ),
    "proposal_no_author": Text(
        fr="une carte est proposée par un participant ou une table : indiquez l’un ou l’autre",
        en="a card is proposed by a participant or a table: give one of them",
    ),
    "bad_poll_id": Text(
        fr="« {value} » ne peut pas nommer un vote : lettres minuscules, chiffres et tirets (32 au plus)",
        en="« {value} » cannot name a poll: lower-case letters, digits and hyphens (32 at most)",
    ),
    "bad_k": Text(
        fr="k = {value} : de 1 à {max} cartes par bulletin",
        en="k = {value}: 1 to {max} cards per ballot",
    ),
    "bad_dots": Text(
        fr="{value} gommettes : de 1 à 100 par participant",
        en="{value} dots: 1 to 100 per participant",
    ),
    "poll_exists": Text(
        fr="le vote « {value} » existe déjà dans cette session",
        en="poll « {value} » already exists in this session",
    ),
    "unknown_poll": Text(
        fr="vote inconnu « {value} » ; votes de la session : {expected}",
        en="unknown poll « {value} »; the session's polls: {expected}",
    ),
    "count_not_for_poll": Text(
        fr="le décompte {count} ne s’applique pas au vote « {poll} »",
        en="the {count} count does not apply to poll « {poll} »",
    ),
    "ballot_refused": Text(
        fr="bulletin refusé pour le vote « {poll} » : {reasons}",
        en="ballot refused for poll « {poll} »: {reasons}",
    ),
    "poll_closed": Text(fr="le vote « {poll} » est clos", en="poll « {poll} » is closed"),
    "ballot_empty": Text(fr="aucune carte choisie", en="no card chosen"),
    "ballot_unknown": Text(
        fr="cartes inconnues pour ce vote : {values} (attendu : des {subject})",
        en="cards unknown to this poll: {values} ({subject} expected)",
    ),
    "ballot_twice": Text(fr="carte choisie deux fois : {values}", en="card chosen twice: {values}"),
    "ballot_too_many": Text(fr="{count} cartes, {k} au plus", en="{count} cards, at most {k}"),
    "ballot_too_many_dots": Text(
        fr="{count} gommettes, {dots} au plus", en="{count} dots, at most {dots}"
    ),
    "code_needed": Text(
        fr="cette session se rejoint avec un code de vote imprimé",
        en="this session is joined with a printed voting code",
    ),
    "unknown_vote_code": Text(
        fr="code de vote inconnu « {value} » ; vérifiez la saisie",
        en="unknown voting code « {value} »; check the typing",
    ),
    "vote_code_used": Text(
        fr="le code de vote {value} a déjà servi : un code ne sert qu’une fois",
        en="voting code {value} was already used: a code works once",
    ),
    "not_a_vote_code": Text(
        fr="« {value} » n’est pas un code de vote de cette session (les codes sont exigés)",
        en="« {value} » is not a voting code of this session (codes are required)",
    ),
    "bad_code_count": Text(
        fr="{value} codes : de 1 à {max} à la fois", en="{value} codes: 1 to {max} at a time"
    ),
    "db_too_new": Text(
        fr="cette base a été créée par une version plus récente de jnt-fresque (révision {revision}) ; "
        "mettez jnt-fresque à jour",
        en="this database was made by a newer version of jnt-fresque (revision {revision}); "
        "upgrade jnt-fresque",
    ),
    "db_unreachable": Text(
        fr="base de données injoignable ({reason}) ; vérifiez JNT_FRESQUE_DB",
        en="cannot reach the database ({reason}); check JNT_FRESQUE_DB",
    ),
    # --- spreadsheets and exports --------------------------------------------------
    "rows_refused": Text(
        fr="fichier refusé : {count} ligne(s) en erreur ; rien n’a été enregistré",
        en="file refused: {count} bad row(s); nothing was saved",
    ),
    "paper_unreadable": Text(
        fr="fichier illisible ({reason}) : un tableur .csv ou .xlsx est attendu",
        en="cannot read the file ({reason}): a .csv or .xlsx spreadsheet expected",
    ),
    "sheet_columns": Text(
        fr="colonnes manquantes : {missing} ; la première ligne doit nommer les colonnes {expected}",
        en="missing columns: {missing}; the first row must name the columns {expected}",
    ),
    "row_no_participant": Text(fr="colonne participant vide", en="the participant column is empty"),
    "row_not_a_code": Text(
        fr="« {value} » n’est pas un code de vote de cette session",
        en="« {value} » is not a voting code of this session",
    ),
    "row_participant_differs": Text(
        fr="le participant « {value} » a un autre profil ou une autre table à la ligne {other}",
        en="participant « {value} » has another profile or table on line {other}",
    ),
    "row_ballot_twice": Text(
        fr="même participant et même vote qu’à la ligne {other} : une ligne par participant et par vote",
        en="same participant and poll as line {other}: one row per participant and poll",
    ),
    "bad_export": Text(
        fr="export de session illisible : {reason}", en="unreadable session export: {reason}"
    ),
    "export_not_session": Text(
        fr="ce n’est pas un export JSON de session jnt-fresque",
        en="not a jnt-fresque session JSON export",
    ),
    "export_stray_poll": Text(
        fr="bulletins pour des votes absents : {values}", en="ballots for missing polls: {values}"
    ),
    # --- the commands --------------------------------------------------------------
    "session_help": Text(
        fr="Sessions d’atelier : créer, lister, piloter, exporter, rapport.",
        en="Workshop sessions: create, list, steer, export, report.",
    ),
    "session_create_help": Text(
        fr="Crée une session et affiche son code et le secret de l’animateur.",
        en="Create a session and print its code and the facilitator secret.",
    ),
    "session_list_help": Text(fr="Liste les sessions.", en="List the sessions."),
    "session_show_help": Text(
        fr="Affiche l’état d’une session : phase, votes, participants.",
        en="Show a session's state: phase, polls, participants.",
    ),
    "session_phase_help": Text(
        fr="Passe la session à une phase (results clôt les votes).",
        en="Move the session to a phase (results closes the polls).",
    ),
    "session_close_help": Text(
        fr="Clôt la session : elle n’accepte plus rien.",
        en="Close the session: it takes nothing more.",
    ),
    "session_reopen_help": Text(fr="Rouvre une session close.", en="Reopen a closed session."),
    "poll_add_help": Text(
        fr="Ajoute un vote (classement, approbation ou gommettes).",
        en="Add a poll (ranking, approval or dot voting).",
    ),
    "poll_open_help": Text(fr="Ouvre un vote.", en="Open a poll."),
    "poll_close_help": Text(
        fr="Clôt un vote : il n’accepte plus de bulletin.",
        en="Close a poll: it takes no more ballots.",
    ),
    "session_export_help": Text(
        fr="Exporte une session : json (réimportable), csv, xlsx, preflib (bulletins), graphml (plateau).",
        en="Export a session: json (re-importable), csv, xlsx, preflib (ballots), graphml (board).",
    ),
    "session_report_help": Text(
        fr="Écrit le rapport PDF de la session.", en="Write the session's PDF report."
    ),
    "session_import_help": Text(
        fr="Importe une session depuis son export JSON.",
        en="Import a session from its JSON export.",
    ),
    "vote_help": Text(fr="Bulletins de vote.", en="Ballots."),
    "vote_import_help": Text(
        fr="Importe des bulletins papier saisis dans un tableur (colonnes participant,profile,"
        "table,poll,choices) ; tout ou rien.",
        en="Import paper ballots typed into a spreadsheet (columns participant,profile,table,"
        "poll,choices); all or nothing.",
    ),
    "vote_codes_help": Text(
        fr="Imprime des codes de vote à usage unique avec QR codes (un participant, un vote).",
        en="Print single-use voting codes with QR codes (one person, one vote).",
    ),
    "links_help": Text(fr="Liens du plateau.", en="Board links."),
    "links_import_help": Text(
        fr="Importe les liens d’un plateau papier (colonnes participant,profile,table,use_case,"
        "data,note) ; tout ou rien.",
        en="Import the links of a paper board (columns participant,profile,table,use_case,"
        "data,note); all or nothing.",
    ),
    "proposals_help": Text(fr="Cartes proposées.", en="Proposed cards."),
    "proposals_import_help": Text(
        fr="Importe des cartes proposées (colonnes participant,profile,table,title,pitch,data,"
        "blank) ; tout ou rien.",
        en="Import proposed cards (columns participant,profile,table,title,pitch,data,blank); "
        "all or nothing.",
    ),
    "results_help": Text(
        fr="Résultats des votes : approbation, Borda, Schulze, stabilité du top 10.",
        en="Poll results: approval, Borda, Schulze, stability of the top 10.",
    ),
    "arg_session_code": Text(
        fr="Code de la session (voir jnt-fresque session list).",
        en="Session code (see jnt-fresque session list).",
    ),
    "arg_phase": Text(
        fr="discover, link, propose, vote ou results.",
        en="discover, link, propose, vote or results.",
    ),
    "arg_poll": Text(fr="Identifiant du vote (uc, data…).", en="Poll id (uc, data…)."),
    "arg_new_poll": Text(
        fr="Identifiant du nouveau vote (minuscules, chiffres, tirets).",
        en="Id of the new poll (lower case, digits, hyphens).",
    ),
    "arg_session_file": Text(fr="Export JSON d’une session.", en="JSON export of a session."),
    "arg_ballot_sheet": Text(
        fr="Tableur des bulletins (.csv ou .xlsx).", en="Ballot sheet (.csv or .xlsx)."
    ),
    "arg_link_sheet": Text(
        fr="Tableur des liens (.csv ou .xlsx).", en="Link sheet (.csv or .xlsx)."
    ),
    "arg_proposal_sheet": Text(
        fr="Tableur des cartes proposées (.csv ou .xlsx).",
        en="Proposed-card sheet (.csv or .xlsx).",
    ),
    "opt_session_title": Text(fr="Titre de la session.", en="Title of the session."),
    "opt_session_date": Text(
        fr="Date de la session, AAAA-MM-JJ (par défaut : aujourd’hui).",
        en="Date of the session, YYYY-MM-DD (default: today).",
    ),
    "opt_poll_over": Text(
        fr="Cartes soumises au vote : uc, data ou proposed.",
        en="Cards put to the vote: uc, data or proposed.",
    ),
    "opt_poll_method": Text(
        fr="ranked (classement), approval (approbation) ou dots (gommettes).",
        en="ranked, approval or dots.",
    ),
    "opt_poll_k": Text(fr="Cartes par bulletin au plus.", en="Cards per ballot at most."),
    "opt_poll_dots": Text(
        fr="Gommettes par participant (vote dots).", en="Dots per participant (dots polls)."
    ),
    "opt_poll_title": Text(fr="Titre du vote.", en="Title of the poll."),
    "opt_export_format": Text(fr="Format de l’export.", en="Export format."),
    "opt_export_output": Text(
        fr="Fichier à écrire (csv et preflib : un fichier par table ou par vote, à côté).",
        en="File to write (csv and preflib: one file per table or poll, beside it).",
    ),
    "opt_export_poll": Text(
        fr="Un seul vote (export preflib).", en="One poll only (preflib export)."
    ),
    "opt_report_output": Text(fr="Fichier PDF à écrire.", en="PDF file to write."),
    "opt_new_code": Text(
        fr="Donner un nouveau code à la session importée.",
        en="Give the imported session a new code.",
    ),
    "opt_code_count": Text(fr="Nombre de codes à imprimer.", en="How many codes to print."),
    "opt_codes_output": Text(fr="Fichier PDF des codes.", en="PDF file of the codes."),
    "opt_codes_url": Text(
        fr="Adresse de l’application de vote, mise dans les QR codes avec la session et le code.",
        en="Address of the voting app, put in the QR codes with the session and the code.",
    ),
    "opt_results_poll": Text(
        fr="Un seul vote (par défaut : tous).", en="One poll only (default: all)."
    ),
    "opt_results_count": Text(
        fr="Décompte du classement : approval, borda, dots ou condorcet (par défaut : celui du vote).",
        en="Count to rank by: approval, borda, dots or condorcet (default: the poll's own).",
    ),
    "opt_results_by": Text(
        fr="Résultats par profil ou par table.", en="Results by profile or by table."
    ),
    "opt_results_all": Text(
        fr="Toutes les cartes citées, pas seulement le top 10.",
        en="Every card named, not only the top 10.",
    ),
    "session_created": Text(
        fr="Session {code} créée : « {title} » ({date}).",
        en="Session {code} created: « {title} » ({date}).",
    ),
    "session_secret": Text(
        fr="Secret de l’animateur : {secret} (notez-le : il ne sera plus affiché)",
        en="Facilitator secret: {secret} (write it down: it will not be shown again)",
    ),
    "session_line": Text(
        fr="Session {code} : « {title} » ({date}), phase : {phase}",
        en="Session {code}: « {title} » ({date}), phase: {phase}",
    ),
    "session_counts": Text(
        fr="{participants} participant(s), {links} lien(s), {proposals} carte(s) proposée(s)",
        en="{participants} participant(s), {links} link(s), {proposals} proposed card(s)",
    ),
    "session_imported": Text(
        fr="Session {code} importée : « {title} », {ballots} bulletin(s), {links} lien(s).",
        en="Session {code} imported: « {title} », {ballots} ballot(s), {links} link(s).",
    ),
    "session_closed_done": Text(fr="Session {code} close.", en="Session {code} closed."),
    "session_reopened": Text(fr="Session {code} rouverte.", en="Session {code} reopened."),
    "phase_set": Text(
        fr="Session {code} : phase « {phase} ».", en="Session {code}: phase « {phase} »."
    ),
    "poll_added": Text(fr="Vote « {poll} » ajouté.", en="Poll « {poll} » added."),
    "poll_opened": Text(fr="Vote « {poll} » ouvert.", en="Poll « {poll} » opened."),
    "poll_closed_done": Text(fr="Vote « {poll} » clos.", en="Poll « {poll} » closed."),
    "ballots_imported": Text(
        fr="{added} bulletin(s) ajouté(s), {replaced} remplacé(s), {unchanged} inchangé(s) ; "
        "{participants} participant(s).",
        en="{added} ballot(s) added, {replaced} replaced, {unchanged} unchanged; "
        "{participants} participant(s).",
    ),
    "links_imported": Text(
        fr="{added} lien(s) ajouté(s), {replaced} modifié(s), {unchanged} inchangé(s).",
        en="{added} link(s) added, {replaced} changed, {unchanged} unchanged.",
    ),
    "proposals_imported": Text(
        fr="{added} carte(s) proposée(s) ajoutée(s), {replaced} modifiée(s), {unchanged} inchangée(s).",
        en="{added} proposed card(s) added, {replaced} changed, {unchanged} unchanged.",
    ),
    "codes_written": Text(
        fr="{count} codes de vote enregistrés et imprimés dans {path}",
        en="{count} voting codes saved and printed to {path}",
    ),
    "sessions_title": Text(fr="Sessions", en="Sessions"),
    "polls_title": Text(fr="Votes", en="Polls"),
    "col_code": Text(fr="Code", en="Code"),
    "col_date": Text(fr="Date", en="Date"),
    "col_phase": Text(fr="Phase", en="Phase"),
    "col_participants": Text(fr="Participants", en="Participants"),
    "col_ballots": Text(fr="Bulletins", en="Ballots"),
    "col_links": Text(fr="Liens", en="Links"),
    "col_proposals": Text(fr="Propositions", en="Proposals"),
    "col_poll": Text(fr="Vote", en="Poll"),
    "col_method": Text(fr="Mode", en="Method"),
    "col_over": Text(fr="Sur", en="Over"),
    "col_state": Text(fr="État", en="State"),
    "col_rank": Text(fr="Rang", en="Rank"),
    "col_card": Text(fr="Carte", en="Card"),
    "col_approval": Text(fr="Approbation", en="Approval"),
    "col_dots": Text(fr="Gommettes", en="Dots"),
    "col_approval_short": Text(fr="Approb.", en="Approv."),
    "col_stability_short": Text(fr="Stab.", en="Stab."),
    "col_stability": Text(fr="Stabilité", en="Stability"),
    "open": Text(fr="ouvert", en="open"),
    "closed": Text(fr="clos", en="closed"),
    "results_header": Text(
        fr="{title} — {ballots} bulletin(s), classement par {count} ({state})",
        en="{title} — {ballots} ballot(s), ranked by {count} ({state})",
    ),
    "count_approval": Text(fr="approbation", en="approval"),
    "count_borda": Text(fr="Borda", en="Borda"),
    "count_dots": Text(fr="gommettes", en="dots"),
    "count_condorcet": Text(fr="Schulze (Condorcet)", en="Schulze (Condorcet)"),
    "no_ballots": Text(fr="aucun bulletin pour l’instant", en="no ballot yet"),
    "ties_legend": Text(
        fr="« = » : ex æquo ; Schulze : rang par la méthode de Condorcet-Schulze ; stabilité : "
        "part des rééchantillonnages où la carte reste dans le top 10",
        en="« = »: tied; Schulze: rank by the Condorcet-Schulze method; stability: share of "
        "resamples in which the card stays in the top 10",
    ),
    "group_none": Text(fr="non renseigné", en="not given"),
    "group_table": Text(fr="table {table}", en="table {table}"),
    # --- voting-code slips ---------------------------------------------------------
    "codes_pdf_title": Text(
        fr="Codes de vote — session {code}", en="Voting codes — session {code}"
    ),
    "codes_session": Text(fr="Session {code}", en="Session {code}"),
    "codes_label": Text(fr="Votre code de vote", en="Your voting code"),
    "codes_once": Text(
        fr="À usage unique : une personne, un vote.", en="Single use: one person, one vote."
    ),
    "codes_how": Text(
        fr="Scannez le QR code ou saisissez le code.", en="Scan the QR code or type the code."
    ),
    # --- the report ----------------------------------------------------------------
    "report_pdf_title": Text(fr="Rapport de session — {title}", en="Session report — {title}"),
    "report_kicker": Text(
        fr="Fresque du jumeau numérique du territoire — rapport de session",
        en="Territorial digital twin fresque — session report",
    ),
    "report_session_line": Text(
        fr="Session {code} du {date} · phase atteinte : {phase}",
        en="Session {code} of {date} · phase reached: {phase}",
    ),
    "report_footer": Text(fr="session {code} du {date}", en="session {code} of {date}"),
    "report_page": Text(fr="page {page}", en="page {page}"),
    "report_summary_title": Text(fr="La session en bref", en="The session at a glance"),
    "report_summary": Text(
        fr="{participants} participant(s) inscrit(s), dont {voters} ont voté, répartis sur {tables} "
        "table(s). Au plateau, {links} lien(s) distinct(s) ont relié {use_cases} cas d’usage à "
        "{data} cartes données ; {proposals} nouvelle(s) carte(s) ont été proposée(s).",
        en="{participants} registered participant(s), {voters} of whom voted, at {tables} "
        "table(s). On the board, {links} distinct link(s) joined {use_cases} use cases to {data} "
        "data cards; {proposals} new card(s) were proposed.",
    ),
    "report_poll_line": Text(
        fr="{ballots} bulletin(s), {method}, vote {state}.",
        en="{ballots} ballot(s), {method}, poll {state}.",
    ),
    "report_poll_first": Text(fr="En tête : {titles}.", en="First: {titles}."),
    "report_no_ballot": Text(fr="Aucun bulletin.", en="No ballot."),
    "report_profiles_title": Text(fr="Qui était là", en="Who was there"),
    "report_col_profile": Text(fr="Profil", en="Profile"),
    "report_how_title": Text(fr="Comment lire ce rapport", en="How to read this report"),
    "report_how_approval": Text(
        fr="<b>Approbation</b> : nombre de participants qui ont mis la carte dans leur top 10.",
        en="<b>Approval</b>: how many participants put the card in their top 10.",
    ),
    "report_how_borda": Text(
        fr="<b>Borda</b> : sur un bulletin classé, la 1re carte reçoit 10 points, la 2e 9, … la 10e "
        "1 ; une carte absente 0. Le classement principal des votes classés suit ce total.",
        en="<b>Borda</b>: on a ranked ballot the 1st card gets 10 points, the 2nd 9, … the 10th 1; "
        "a card left out 0. Ranked polls are ranked by this total.",
    ),
    "report_how_schulze": Text(
        fr="<b>Schulze</b> : méthode de Condorcet ; une carte passe devant une autre quand une "
        "majorité la préfère, directement ou par une chaîne de majorités. Elle sert de contrôle.",
        en="<b>Schulze</b>: a Condorcet method; a card comes before another when a majority "
        "prefers it, directly or through a chain of majorities. It serves as a check.",
    ),
    "report_how_stability": Text(
        fr="<b>Stabilité</b> : part des 1 000 tirages au hasard des bulletins (avec remise) où la "
        "carte reste dans le top 10. 100 % : sa place ne dépend d’aucun bulletin en particulier.",
        en="<b>Stability</b>: share of 1,000 random redraws of the ballots (with replacement) in "
        "which the card stays in the top 10. 100%: its place depends on no ballot in particular.",
    ),
    "report_how_ties": Text(
        fr="<b>Ex æquo</b> : des cartes à égalité partagent leur rang, marqué « = » ; aucune "
        "égalité n’est tranchée au hasard ni par l’ordre alphabétique.",
        en="<b>Ties</b>: tied cards share their rank, marked « = »; no tie is broken by chance "
        "or by the alphabet.",
    ),
    "report_poll_intro": Text(
        fr="{ballots} bulletin(s) ; vote par {method} sur les {subject} ; classement par {count}.",
        en="{ballots} ballot(s); {method} over the {subject}; ranked by {count}.",
    ),
    "report_approval_short": Text(fr="{n} approb.", en="{n} approvals"),
    "report_axis_approval": Text(
        fr="participants ayant choisi la carte", en="participants who chose the card"
    ),
    "report_axis_borda": Text(fr="points Borda", en="Borda points"),
    "report_axis_dots": Text(fr="gommettes reçues", en="dots received"),
    "report_axis_condorcet": Text(fr="rang de Schulze (inversé)", en="Schulze rank (inverted)"),
    "report_ties_note": Text(
        fr="« = » : ex æquo. Schulze : rang par la méthode de Condorcet-Schulze. Stabilité : voir "
        "plus bas.",
        en="« = »: tied. Schulze: rank by the Condorcet-Schulze method. Stability: see below.",
    ),
    "report_comparison_title": Text(fr="Les méthodes comparées", en="The methods compared"),
    "report_comparison": Text(
        fr="{common} carte(s) figurent dans le top {top} des {methods} méthodes de décompte à la "
        "fois ; le tableau donne le rang de chaque carte selon chacune.",
        en="{common} card(s) are in the top {top} of all {methods} counting methods at once; the "
        "table gives each card's rank by each of them.",
    ),
    "report_comparison_note": Text(
        fr="↓ : hors du top 10 pour cette méthode. Des méthodes qui s’accordent rendent le "
        "résultat robuste ; un écart signale une carte qui divise ou qui ne séduit qu’une partie "
        "de la salle.",
        en="↓: outside the top 10 for this method. Methods that agree make the result robust; a "
        "gap points to a card that divides the room or appeals to a part of it only.",
    ),
    "report_stability_title": Text(fr="Stabilité du top 10", en="Stability of the top 10"),
    "report_stability": Text(
        fr="Les {ballots} bulletins ont été retirés au hasard 1 000 fois (avec remise) et recomptés : "
        "la barre donne la part des tirages où la carte reste dans le top 10.",
        en="The {ballots} ballots were redrawn at random 1,000 times (with replacement) and "
        "recounted: each bar gives the share of draws in which the card stays in the top 10.",
    ),
    "report_axis_stability": Text(
        fr="part des tirages dans le top 10", en="share of draws in the top 10"
    ),
    "report_by_profile_title": Text(fr="Par profil", en="By profile"),
    "report_col_top3": Text(fr="Leurs trois premières cartes", en="Their first three cards"),
    "report_by_profile_note": Text(
        fr="Chaque profil est compté à part, avec la même méthode que le classement général.",
        en="Each profile is counted on its own, with the same method as the overall ranking.",
    ),
    "report_demand_title": Text(fr="La demande en données", en="The data demand"),
    "report_demand_intro": Text(
        fr="Quelles données faudrait-il réunir pour servir les cas d’usage que la salle a placés "
        "en tête ? La demande d’une carte données combine le vote (le poids de chaque cas "
        "d’usage dans le décompte) et le plateau (la part des participants ou tables ayant relié "
        "ce cas d’usage à cette donnée). 100 % : tous les cas d’usage votés en ont besoin, selon "
        "tous ceux qui les ont reliés.",
        en="Which data would serve the use cases the room put first? A data card's demand "
        "combines the vote (each use case's weight in the count) and the board (the share of "
        "participants or tables who linked that use case to that data). 100%: every voted use "
        "case needs it, according to everyone who linked them.",
    ),
    "report_demand_none": Text(
        fr="Pas encore de demande à calculer : il faut des votes sur les cas d’usage et des liens "
        "au plateau.",
        en="No demand to compute yet: it takes votes on use cases and links on the board.",
    ),
    "report_axis_demand": Text(fr="demande pondérée par le vote", en="vote-weighted demand"),
    "report_col_demand": Text(fr="Demande", en="Demand"),
    "report_col_use_cases": Text(
        fr="Cas d’usage qui la demandent le plus", en="Use cases that need it most"
    ),
    "report_col_makers": Text(fr="Auteurs des liens", en="Link makers"),
    "report_col_data_rank": Text(fr="Rang au vote données", en="Rank in the data poll"),
    "report_demand_note": Text(
        fr="Calculée à partir du vote « {poll} ». « Rang au vote données » : la place de la carte "
        "quand la salle a voté directement sur les données ; un écart entre les deux dit ce que "
        "les usages demandent et que la salle n’a pas vu, ou l’inverse.",
        en="Computed from poll « {poll} ». « Rank in the data poll »: the card's place when the "
        "room voted on the data directly; a gap between the two tells what the uses need and "
        "the room did not see, or the reverse.",
    ),
    "report_matrix_title": Text(
        fr="Les liens du plateau : cas d’usage × données", en="The board's links: use cases × data"
    ),
    "report_matrix_none": Text(fr="Aucun lien au plateau.", en="No link on the board."),
    "report_matrix_intro": Text(
        fr="{pairs} paire(s) cas d’usage → donnée ont été reliées ({rows} cas d’usage, {columns} "
        "cartes données) ; {agree} figurent dans les besoins que le jeu indique pour ces cas "
        "d’usage, {surprise} n’y figurent pas : ce sont les apports de la salle.",
        en="{pairs} use case → data pair(s) were linked ({rows} use cases, {columns} data "
        "cards); {agree} are among the needs the deck lists for those use cases, {surprise} are "
        "not: those are the room's own contributions.",
    ),
    "report_matrix_legend": Text(
        fr="nombre de participants ou tables ayant fait le lien ; ● ○ lien attendu par le jeu "
        "(indispensable, utile) mais non fait",
        en="number of participants or tables who made the link; ● ○ link the deck expects "
        "(essential, useful) but not made",
    ),
    "report_matrix_codes": Text(fr="Colonnes : {codes}.", en="Columns: {codes}."),
    "report_proposals_title": Text(fr="Cartes proposées", en="Proposed cards"),
    "report_proposals_none": Text(fr="Aucune carte proposée.", en="No card proposed."),
    "report_col_proposal": Text(fr="Proposition", en="Proposal"),
    "report_col_needs": Text(fr="Données nécessaires", en="Data needed"),
    "report_col_author": Text(fr="Par", en="By"),
    "report_appendix_title": Text(
        fr="Méthode et reproductibilité", en="Method and reproducibility"
    ),
    "report_appendix_borda": Text(
        fr="<b>Borda tronqué.</b> Sur un bulletin de k cartes au plus, la carte en position i "
        "reçoit k − i + 1 points ; un bulletin plus court ne donne pas de points aux cartes "
        "qu’il ne cite pas.",
        en="<b>Truncated Borda.</b> On a ballot of at most k cards, the card in position i gets "
        "k − i + 1 points; a shorter ballot gives no points to the cards it leaves out.",
    ),
    "report_appendix_schulze": Text(
        fr="<b>Schulze.</b> Une carte citée bat toute carte citée plus bas ou non citée ; deux "
        "cartes non citées sont à égalité. Les marges des duels forment un graphe dont on "
        "retient, pour chaque paire, le chemin le plus fort ; le rang d’une carte est 1 plus le "
        "nombre de cartes qui la battent ainsi.",
        en="<b>Schulze.</b> A card named beats every card named lower or left out; two cards "
        "left out are level. The duels' margins form a graph in which, for each pair, the "
        "strongest path counts; a card's rank is 1 plus the number of cards that beat it so.",
    ),
    "report_appendix_stability": Text(
        fr="<b>Stabilité.</b> Bootstrap : 1 000 échantillons de même taille tirés avec remise "
        "parmi les bulletins, graine fixe (le même rapport redonne les mêmes chiffres) ; une "
        "égalité à la 10e place garde toutes les cartes ex æquo.",
        en="<b>Stability.</b> Bootstrap: 1,000 samples of the same size drawn with replacement "
        "from the ballots, fixed seed (the same report gives the same figures again); a tie at "
        "the 10th place keeps every tied card.",
    ),
    "report_appendix_demand": Text(
        fr="<b>Demande.</b> demande(d) = Σ part(u) × besoin(u, d), où part(u) est la part du cas "
        "d’usage u dans le décompte et besoin(u, d) la part des auteurs de liens de u qui l’ont "
        "relié à d.",
        en="<b>Demand.</b> demand(d) = Σ share(u) × need(u, d), where share(u) is use case u's "
        "part of the count and need(u, d) the share of u's link makers who linked it to d.",
    ),
    "report_appendix_recount": Text(
        fr="<b>Recompter.</b> « jnt-fresque session export {code} --format preflib -o "
        "bulletins » écrit les bulletins anonymes au format PrefLib (preflib.org), lisible par "
        "pref_voting, preflibtools et d’autres outils ; « --format json » donne la session entière.",
        en="<b>Recount.</b> « jnt-fresque session export {code} --format preflib -o ballots » "
        "writes the anonymous ballots in PrefLib format (preflib.org), readable by pref_voting, "
        "preflibtools and other tools; « --format json » gives the whole session.",
    ),
    "report_appendix_versions": Text(
        fr="Jeux de cartes : {decks}. Rapport produit par jnt-fresque {version}.",
        en="Card decks: {decks}. Report made by jnt-fresque {version}.",
    ),
}
