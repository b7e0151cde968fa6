"""/cartes: browse, search and filter the decks; each card as its printed image."""

from __future__ import annotations

from jnt_fresque.app import ui
from jnt_fresque.app.catalogue import details, search
from jnt_fresque.app.images import card_png
from jnt_fresque.app.resources import decks
from jnt_fresque.app.text import say
from jnt_fresque.cards.sources import references

PER_PAGE = 9


def render() -> None:
    import streamlit as st

    found = ui.page("app_cards_title")
    lang = found.lang
    all_decks = decks()
    deck_ids = ["", *all_decks]
    # None of Streamlit's built-in words, which are English only: the search in a form sent
    # by its button (no « Press Enter to apply »), the decks as pills (no « No results »).
    with st.form("cards_find", enter_to_submit=False, border=False):
        query = st.text_input(say("app_cards_search", lang), key="cards_search", max_chars=80)
        st.form_submit_button(say("app_cards_search_go", lang), key="cards_search_go")
    deck = st.pills(
        say("app_cards_deck", lang),
        deck_ids,
        key="cards_deck",
        default="",
        format_func=lambda d: (
            all_decks[d].manifest.title.get(lang) if d else say("app_cards_all", lang)
        ),
    )
    pool = all_decks[deck].cards if deck else all_decks.cards()
    shown = search(pool, query, lang)
    st.caption(say("app_cards_found", lang, count=len(shown)))
    if not shown:
        ui.stop(say("app_cards_none", lang))
    pages = (len(shown) + PER_PAGE - 1) // PER_PAGE
    # Page numbers as pills (a number input's range message is English only); a page the
    # new search no longer has, or none picked, is the first.
    at = (
        st.pills(
            say("app_cards_page", lang), range(1, pages + 1), default=1, key=f"cards_page_{pages}"
        )
        if pages > 1
        else 1
    ) or 1
    columns = st.columns(3)
    for n, card in enumerate(shown[(int(at) - 1) * PER_PAGE : int(at) * PER_PAGE]):
        with columns[n % 3]:
            st.image(card_png(card.id, lang), caption=card.title.get(lang))
            with st.expander(card.id):
                for _, text in details(card, lang):
                    st.text(text)
                st.image(card_png(card.id, lang, "back"), caption=say("app_cards_back", lang))
            backing = references(card)
            if backing:
                # Under the card, not folded away: where each example or dataset comes from.
                lines = [
                    "- "
                    + say(
                        "app_cards_source_line",
                        lang,
                        claim=b.claim.get(lang),
                        title=b.reference.title.replace("[", "(").replace("]", ")"),
                        url=b.reference.url.replace(")", "%29"),
                        publisher=b.reference.publisher,
                        checked=b.reference.checked,
                    )
                    for b in backing
                ]
                st.markdown(f"**{say('app_cards_sources', lang)}**\n\n" + "\n".join(lines))
