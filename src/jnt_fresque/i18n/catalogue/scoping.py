"""Messages of the twin scoping canvas, in French and in English."""

from __future__ import annotations

from jnt_fresque.i18n import Text

MESSAGES: dict[str, Text] = {
    # --- errors in the answers ---
    "scoping_unknown_question": Text(
        fr="question inconnue « {value} » ; questions du jeu : {expected}",
        en="unknown question « {value} »; the deck's questions: {expected}",
    ),
    "scoping_unknown_answer": Text(
        fr="question {question} : réponse inconnue « {value} » ; réponses possibles : {expected}",
        en="question {question}: unknown answer « {value} »; possible answers: {expected}",
    ),
    "scoping_single_answer": Text(
        fr="question {question} : une seule réponse attendue, {count} données",
        en="question {question}: one answer expected, {count} given",
    ),
    "scoping_answer_type": Text(
        fr="question {question} : une liste d’identifiants de réponses est attendue",
        en="question {question}: a list of answer ids is expected",
    ),
    # --- the canvas ---
    "scoping_title": Text(fr="Canevas de cadrage du jumeau", en="Twin scoping canvas"),
    "scoping_profile": Text(fr="Profil du jumeau", en="Twin profile"),
    "scoping_capability": Text(fr="Capacité", en="Capability"),
    "scoping_implementation": Text(fr="Modèle d’implémentation", en="Implementation model"),
    "scoping_scale": Text(fr="Échelle", en="Scale"),
    "scoping_time_step": Text(fr="Pas de temps", en="Time step"),
    "scoping_also": Text(fr="aussi : {values}", en="also: {values}"),
    "scoping_undecided": Text(fr="à préciser", en="to be decided"),
    "scoping_layers": Text(
        fr="Architecture de référence (données → traitements → usages)",
        en="Reference architecture (data → processing → usage)",
    ),
    "scoping_layer_data": Text(fr="Données", en="Data"),
    "scoping_layer_processing": Text(fr="Traitements", en="Processing"),
    "scoping_layer_usage": Text(fr="Usages", en="Usage"),
    "scoping_data_cards": Text(fr="Cartes données nécessaires", en="Data cards needed"),
    "scoping_essential": Text(fr="indispensable", en="essential"),
    "scoping_useful": Text(fr="utile", en="useful"),
    "scoping_standards": Text(fr="Standards", en="Standards"),
    "scoping_use_cases": Text(
        fr="Cas d’usage proches (même capacité, modèle ou échelle)",
        en="Similar use cases (same capability, model or scale)",
    ),
    "scoping_answers": Text(fr="Réponses aux questions clés", en="Answers to the key questions"),
    "scoping_open": Text(fr="Questions restées ouvertes", en="Questions left open"),
    "scoping_none": Text(fr="aucune", en="none"),
    # --- the reference architecture's building blocks ---
    "layer_sensors": Text(
        fr="Flux de capteurs (IoT) et mesures datées", en="Sensor streams (IoT) and dated readings"
    ),
    "layer_bim": Text(fr="Maquettes BIM des ouvrages", en="BIM models of the assets"),
    "layer_history": Text(fr="Historique et millésimes", en="History and dated releases"),
    "layer_scenarios": Text(
        fr="Hypothèses et jeux de scénarios", en="Assumptions and scenario sets"
    ),
    "proc_descriptive": Text(
        fr="Intégration, mise en cohérence et visualisation de l’état",
        en="Integration, harmonisation and display of the current state",
    ),
    "proc_diagnostic": Text(
        fr="Analyses, indicateurs et détection d’anomalies",
        en="Analyses, indicators and anomaly detection",
    ),
    "proc_predictive": Text(
        fr="Modèles de prévision (heures à semaines)",
        en="Forecasting models (hours to weeks)",
    ),
    "proc_prospective": Text(
        fr="Simulation de scénarios « et si ? »", en="Simulation of what-if scenarios"
    ),
    "proc_prescriptive": Text(
        fr="Optimisation et recommandation d’actions", en="Optimisation and recommended actions"
    ),
    "proc_gis": Text(fr="Plateforme SIG et services OGC", en="GIS platform and OGC services"),
    "proc_bim": Text(
        fr="Environnement commun de données BIM (CDE)", en="BIM common data environment (CDE)"
    ),
    "proc_entity": Text(
        fr="Context broker NGSI-LD (entités, historique)",
        en="NGSI-LD context broker (entities, history)",
    ),
    "proc_real_time": Text(fr="Ingestion de flux en temps réel", en="Real-time stream ingestion"),
    "usage_users": Text(fr="Pour : {users}", en="For: {users}"),
    "usage_interfaces": Text(fr="Interfaces : {interfaces}", en="Interfaces: {interfaces}"),
}
