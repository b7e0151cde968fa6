"""The words of ``jnt-fresque twin …``, in French and in English."""

from __future__ import annotations

from jnt_fresque.i18n import Text

MESSAGES: dict[str, Text] = {
    "twin_help": Text(
        fr="Jumeaux vivants : courtier NGSI-LD embarqué, réseau d’eau (WNTR), Lyon 1er.",
        en="Live twins: embedded NGSI-LD broker, water network (WNTR), Lyon 1er.",
    ),
    "twin_serve_help": Text(
        fr="Sert le courtier NGSI-LD embarqué sur /ngsi-ld/v1 (document OpenAPI sur /docs).",
        en="Serve the embedded NGSI-LD broker at /ngsi-ld/v1 (OpenAPI document at /docs).",
    ),
    "twin_simulate_help": Text(
        fr="Rejoue une simulation dans l’historique d’un courtier.",
        en="Replay a simulation into a broker's history.",
    ),
    "twin_water_help": Text(
        fr="Simule le réseau d’eau (EPANET Net3 placé sur Lyon) et publie chaque heure simulée.",
        en="Simulate the water network (EPANET Net3 placed on Lyon) and publish every simulated hour.",
    ),
    "twin_city_help": Text(
        fr="Publie Lyon 1er (bâtiments, arbres, Vélo’v) et des capteurs simulés.",
        en="Publish Lyon 1er (buildings, trees, Vélo’v) and simulated sensors.",
    ),
    "twin_scenario_help": Text(
        fr="Compare un scénario (casse, fuite, vanne fermée, pompe à l’arrêt, pic de demande) "
        "à la situation de référence.",
        en="Compare a scenario (pipe break, leak, valve closed, pump down, demand surge) "
        "with the baseline.",
    ),
    "twin_skeleton_help": Text(
        fr="Propose le squelette d’un jumeau à partir de cartes cas d’usage et données.",
        en="Propose a twin's skeleton from use-case and data cards.",
    ),
    "twin_map_help": Text(
        fr="Écrit une carte HTML : 3d (bâtiments), 2d (couches du jumeau) ou water (réseau).",
        en="Write an HTML map: 3d (buildings), 2d (twin layers) or water (network).",
    ),
    "twin_opt_port": Text(fr="Port d’écoute.", en="Port to listen on."),
    "twin_opt_host": Text(
        fr="Adresse d’écoute (0.0.0.0 pour la salle entière).",
        en="Address to listen on (0.0.0.0 for the whole room).",
    ),
    "twin_opt_db": Text(
        fr="Base de données : sqlite:///jumeau.db (par défaut), ou « memory ».",
        en="Database: sqlite:///twin.db (default), or « memory ».",
    ),
    "twin_opt_contexts": Text(
        fr="Dossier de @contexts JSON-LD locaux (avec un index.json URL → fichier).",
        en="Folder of local JSON-LD @contexts (with an index.json URL → file).",
    ),
    "twin_opt_no_fetch": Text(
        fr="Ne jamais télécharger de @context (hors ligne).",
        en="Never download a @context (offline).",
    ),
    "twin_opt_temporal_page": Text(
        fr="Instances d’une entité par réponse temporelle ; au-delà, des pages "
        "(206 et Content-Range), que le client suit.",
        en="Instances of one entity per temporal answer; beyond that, pages "
        "(206 and Content-Range), which the client follows.",
    ),
    "twin_opt_broker": Text(
        fr="URL du courtier NGSI-LD (le courtier embarqué ou Orion-LD, Stellio, Scorpio) : "
        "sa racine (http://localhost:1026) ou la base de son API (…/ngsi-ld/v1).",
        en="URL of the NGSI-LD broker (the embedded one or Orion-LD, Stellio, Scorpio): "
        "its root (http://localhost:1026) or its API base (…/ngsi-ld/v1).",
    ),
    "twin_opt_speed": Text(
        fr="Accélération : secondes simulées par seconde réelle (0 : au plus vite).",
        en="Acceleration: simulated seconds per real second (0: as fast as possible).",
    ),
    "twin_opt_hours": Text(fr="Heures simulées.", en="Simulated hours."),
    "twin_opt_start_time": Text(
        fr="Date-heure UTC de l’heure 0 (par défaut : minuit aujourd’hui).",
        en="UTC date-time of hour 0 (default: midnight today).",
    ),
    "twin_opt_start_hour": Text(fr="Heure de début de l’événement.", en="Hour the event starts."),
    "twin_opt_duration": Text(fr="Durée de l’événement (heures).", en="Event duration (hours)."),
    "twin_opt_factor": Text(fr="Facteur du pic de demande.", en="Demand surge factor."),
    "twin_opt_size": Text(
        fr="Diamètre du trou (m) d’une casse ou d’une fuite.",
        en="Hole diameter (m) of a break or leak.",
    ),
    "twin_opt_min_pressure": Text(
        fr="Pression minimale de service (m de colonne d’eau).",
        en="Minimum service pressure (m of water column).",
    ),
    "twin_opt_output_html": Text(fr="Fichier HTML à écrire.", en="HTML file to write."),
    "twin_opt_build": Text(
        fr="Construit aussi le jumeau dans le courtier (--broker).",
        en="Also build the twin in the broker (--broker).",
    ),
    "twin_opt_basemap": Text(
        fr="Ajoute un fond de carte (en ligne seulement).",
        en="Add a basemap (online only).",
    ),
    "twin_arg_scenario": Text(
        fr="pipe_break, leak, valve_closed, pump_down ou demand_surge.",
        en="pipe_break, leak, valve_closed, pump_down or demand_surge.",
    ),
    "twin_arg_element": Text(
        fr="Conduite, pompe, vanne ou nœud visé (par ex. 275 pour une conduite de Net3).",
        en="Pipe, pump, valve or junction concerned (e.g. 275 for a Net3 pipe).",
    ),
    "twin_arg_cards": Text(
        fr="Identifiants de cartes, par ex. uc-eau-assainissement data-us data-hy.",
        en="Card ids, e.g. uc-eau-assainissement data-us data-hy.",
    ),
    "twin_arg_map_kind": Text(fr="3d, 2d ou water.", en="3d, 2d or water."),
    "twin_serving": Text(
        fr="Courtier NGSI-LD sur http://{host}:{port}/ngsi-ld/v1 (base : {db}) ; Ctrl+C pour arrêter.",
        en="NGSI-LD broker at http://{host}:{port}/ngsi-ld/v1 (database: {db}); Ctrl+C to stop.",
    ),
    "twin_unreachable": Text(
        fr="courtier injoignable à {url} ({reason}) ; lancez d’abord « jnt-fresque twin serve »",
        en="broker unreachable at {url} ({reason}); start « jnt-fresque twin serve » first",
    ),
    "twin_refused": Text(fr="le courtier a refusé : {detail}", en="the broker refused: {detail}"),
    "twin_progress_water": Text(fr="Heures simulées publiées", en="Simulated hours published"),
    "twin_progress_city": Text(fr="Relevés simulés publiés", en="Simulated readings published"),
    "twin_published_water": Text(
        fr="{entities} entités, {steps} pas de temps, {attributes} valeurs publiées en {seconds:.1f} s "
        'dans {url}. Essayez :\n  curl "{url}/ngsi-ld/v1/entities?type=Junction&q=pressure<20&options=keyValues" '
        '-H "Link: <{context}>; rel=\\"http://www.w3.org/ns/json-ld#context\\""',
        en="{entities} entities, {steps} time steps, {attributes} values published in {seconds:.1f} s "
        'to {url}. Try:\n  curl "{url}/ngsi-ld/v1/entities?type=Junction&q=pressure<20&options=keyValues" '
        '-H "Link: <{context}>; rel=\\"http://www.w3.org/ns/json-ld#context\\""',
    ),
    "twin_published_city": Text(
        fr="{entities} entités de Lyon 1er et {steps} relevés simulés publiés en {seconds:.1f} s dans {url}.",
        en="{entities} Lyon 1er entities and {steps} simulated readings published in {seconds:.1f} s to {url}.",
    ),
    "twin_bad_scenario": Text(
        fr="scénario impossible : {reason}", en="impossible scenario: {reason}"
    ),
    "twin_scenario_title": Text(
        fr="Jonctions sous {min} m à cause de : {label}",
        en="Junctions under {min} m because of: {label}",
    ),
    "twin_scenario_none": Text(
        fr="Aucune jonction ne passe sous {min} m : {label}.",
        en="No junction falls under {min} m: {label}.",
    ),
    "twin_scenario_summary": Text(
        fr="{count} jonction(s) sous la pression minimale, environ {people} habitants concernés "
        "(estimation à {litres:g} L/j/hab.) ; eau perdue : {lost} m³ ; demande non servie : {unmet} m³.",
        en="{count} junction(s) under the minimum pressure, about {people} inhabitants affected "
        "(estimated at {litres:g} L/day/person); water lost: {lost} m³; demand not served: {unmet} m³.",
    ),
    "twin_tanks_title": Text(
        fr="Réservoirs : niveau le plus bas (m)", en="Tanks: lowest level (m)"
    ),
    "twin_col_junction": Text(fr="Jonction", en="Junction"),
    "twin_col_hours_below": Text(fr="Heures sous le seuil", en="Hours below"),
    "twin_col_lowest_baseline": Text(fr="Min. référence (m)", en="Baseline min (m)"),
    "twin_col_lowest_scenario": Text(fr="Min. scénario (m)", en="Scenario min (m)"),
    "twin_col_people": Text(fr="Habitants (est.)", en="Inhabitants (est.)"),
    "twin_col_tank": Text(fr="Réservoir", en="Tank"),
    "twin_col_baseline": Text(fr="Référence", en="Baseline"),
    "twin_col_scenario": Text(fr="Scénario", en="Scenario"),
    "twin_skeleton_title": Text(fr="Squelette du jumeau", en="Twin skeleton"),
    "twin_col_part": Text(fr="Partie", en="Part"),
    "twin_col_entity_types": Text(fr="Types d’entités", en="Entity types"),
    "twin_col_samples": Text(fr="Données d’exemple", en="Sample data"),
    "twin_col_sensors": Text(fr="Capteurs", en="Sensors"),
    "twin_skeleton_standards": Text(fr="Standards : {value}", en="Standards: {value}"),
    "twin_skeleton_uncovered": Text(
        fr="Thèmes sans données d’exemple dans le kit : {value}",
        en="Themes with no sample data in the kit: {value}",
    ),
    "twin_built": Text(
        fr="Jumeau construit dans {url} : {counts}", en="Twin built in {url}: {counts}"
    ),
    "twin_bad_card": Text(fr="carte refusée : {reason}", en="card refused: {reason}"),
}
