"""/cadrage: answer the key questions; the twin's profile (`jnt_fresque.scoping`)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from jnt_fresque.app import ui
from jnt_fresque.app.text import say


def render() -> None:
    import streamlit as st

    from jnt_fresque import scoping
    from jnt_fresque.app.resources import decks

    found = ui.page("app_scoping_title")
    lang = found.lang
    answers: dict[str, list[str]] = {}
    for card in scoping.questions(decks()):
        labels = {a.id: a.label.get(lang) for a in card.answers}
        # Pills: a few answers each, all in sight on a phone, and no built-in words of
        # Streamlit's (a multiselect's « No results » and limits are English only).
        picked = st.pills(
            card.title.get(lang),
            list(labels),
            key=f"scoping_{card.id}",
            format_func=labels.__getitem__,
            selection_mode="multi" if card.multiple else "single",
            help=card.hint.get(lang) if card.hint else None,
        )
        if picked:
            answers[card.id] = list(picked) if isinstance(picked, list) else [picked]
    if st.button(say("app_scoping_show", lang), key="scoping_submit", type="primary") or (
        "scoping_pdf" in st.session_state
    ):
        try:
            twin = scoping.profile(answers, decks=decks(), lang=lang)
        except scoping.ScopingError as exc:
            ui.stop(str(exc), kind="warning")
        # The profile is made of the decks' own texts: safe to show as markdown.
        st.markdown(twin.to_markdown(lang))
        with tempfile.TemporaryDirectory() as folder:
            pdf = twin.to_pdf(Path(folder) / "cadrage.pdf", lang)
            st.session_state["scoping_pdf"] = pdf.read_bytes()
        st.download_button(
            say("app_scoping_pdf", lang),
            st.session_state["scoping_pdf"],
            file_name="cadrage.pdf",
            key="scoping_dl",
        )
