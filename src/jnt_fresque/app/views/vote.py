"""/voter: one ballot per open poll, on card tiles in an order of the participant's own
(a search, a tap to choose, up/down to rank), a confirmation, changes allowed until the
vote closes."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from jnt_fresque.app import ui
from jnt_fresque.app.ballots import card_order, saved_ballots
from jnt_fresque.app.cardboard import as_json, tiles_component, tiles_data, tiles_poll
from jnt_fresque.app.guards import may_vote, open_polls
from jnt_fresque.app.live import at_version
from jnt_fresque.app.resources import decks
from jnt_fresque.app.text import say
from jnt_fresque.i18n import Lang
from jnt_fresque.workshop.polls import Method, Poll, Subject

BALLOT = "vote_ballot"  # the tiles' key: their state is the choice, poll by poll


def render() -> None:
    import streamlit as st

    found = ui.page("app_vote_title")
    lang = found.lang
    # What this participant sent is read once per browser tab (with the session and its
    # polls, in one transaction), then kept up to date by the page.
    memo = f"vote_saved:{found.code}:{found.token}"
    status = ui.status_of(found, polls=True, ballots=memo not in st.session_state)
    session = status.session
    if not may_vote(session):
        ui.stop(say("app_vote_phase", lang, phase=session.phase.label.get(lang)))
    if session.survey and session.over():
        # A survey closes by itself: say so before anyone picks cards for nothing.
        from jnt_fresque.workshop.survey import survey_notice

        notice = survey_notice(session, status.polls, lang, zone_name=ui.time_zone())
        ui.stop(notice, kind="warning")
    store = ui.store()
    polls = open_polls(status.polls)
    if not polls:
        ui.stop(say("app_vote_none", lang))
    if memo not in st.session_state:
        st.session_state[memo] = dict(status.ballots)
    proposals = (
        # Read again only when the session has changed since this process last looked.
        at_version(
            (store.url, session.code, "proposals"),
            status.version,
            lambda: store.proposals(session.code),
        )
        if any(p.subject is Subject.proposed for p in polls)
        else ()
    )
    token = found.token
    assert token is not None
    names = _deck_titles(lang)
    if proposals:
        names = {**names, **{p.id: p.title for p in proposals}}

    def title(card: str) -> str:
        return names.get(card, card)

    def candidates(poll: Poll) -> list[str]:
        if poll.subject is Subject.proposed:
            return card_order(token, poll.id, [p.id for p in proposals])
        return card_order(token, poll.id, _deck_ids(poll.subject.value))

    @st.fragment
    def ballot() -> None:
        # A rerun of this fragment (the ballot sent) leaves the rest of the page alone.
        if memo not in st.session_state:  # the tab's state was cleared meanwhile
            st.session_state[memo] = saved_ballots(store, session.code, token)
        saved: dict[str, tuple[str, ...]] = st.session_state[memo]
        # Taps on the card tiles stay in the phone until the ballot is sent (a form): no
        # server round trip per card. The tiles count a dot poll's dots themselves, in the
        # page's words (no multiselect, whose « No results » is English only).
        with st.form("vote_form", border=False):
            shown: list[tuple[Poll, str, list[str], tuple[str, ...]]] = []
            for poll in polls:
                if poll.method is Method.dots:
                    label = say("app_vote_dots", lang, title=poll.title.get(lang), dots=poll.dots)
                else:
                    kind = (
                        "app_vote_ranked" if poll.method is Method.ranked else "app_vote_approval"
                    )
                    label = say(kind, lang, title=poll.title.get(lang), k=poll.k)
                shown.append((poll, label, candidates(poll), saved.get(poll.id, ())))
            chosen = _tiles(shown, names, lang)
            label = say("app_vote_submit", lang)
            sent_now = st.form_submit_button(label, key="vote_submit", type="primary")
        if sent_now:
            if not any(chosen.values()):
                st.warning(say("app_vote_empty", lang))
                return
            outcomes: dict[str, str] = {}
            with ui.refusals(lang):
                # Every ballot of the page in one transaction: all kept, or none.
                sent = {poll.id: chosen[poll.id] for poll in polls if chosen[poll.id]}
                outcomes = dict(store.submit_ballots(session.code, token, sent))
                saved = {**saved, **{poll_id: tuple(cards) for poll_id, cards in sent.items()}}
                st.session_state[memo] = saved
                if all(o == "unchanged" for o in outcomes.values()):
                    st.info(say("app_vote_unchanged", lang))
                else:
                    st.success(
                        say(
                            "app_vote_saved",
                            lang,
                            polls=", ".join(p.title.get(lang) for p in polls if p.id in outcomes),
                        )
                    )
        # What is saved, under the button: one line per poll.
        lines = [
            say(
                "app_vote_current",
                lang,
                title=poll.title.get(lang),
                cards=" · ".join(title(c) for c in saved[poll.id]),
            )
            for poll in polls
            if saved.get(poll.id)
        ]
        if lines:
            st.caption("  \n".join(lines))

    ballot()


def _tiles(
    shown: Sequence[tuple[Poll, str, list[str], tuple[str, ...]]],
    names: dict[str, str],
    lang: Lang,
) -> dict[str, list[str]]:
    """Every poll's candidates as card tiles, in one component (poll, label, candidates,
    saved ballot each); what the participant chose, by poll, checked here (the browser's
    word is never taken as is: known candidates only, once each, up to k; for a dot poll,
    a card once per dot, up to N dots in all)."""
    import streamlit as st

    # What the tiles draw changes only with the saved ballots or the language: made once
    # per browser tab and kept with it, not on every run of the page.
    memo = f"{BALLOT}:drawn"
    shape = (tuple((poll.id, label, before) for poll, label, _, before in shown), lang)
    kept = st.session_state.get(memo)
    if kept is None or kept[0] != shape:
        drawn = []
        for poll, label, options, before in shown:
            dots = poll.method is Method.dots
            drawn.append(
                tiles_poll(
                    poll.id,
                    options,
                    list(before if dots else dict.fromkeys(before)),
                    label=label,
                    lang=lang,
                    limit=poll.limit,
                    ranked=poll.method is Method.ranked,
                    titles=names,
                    dots=dots,
                )
            )
        default = {"chosen": {entry["id"]: entry["chosen"] for entry in drawn}}
        kept = st.session_state[memo] = (shape, as_json(tiles_data(drawn, lang=lang)), default)
    found = tiles_component()(
        key=BALLOT, data=kept[1], default=kept[2], on_chosen_change=lambda: None
    )
    picked = found.get("chosen") if hasattr(found, "get") else None
    by_poll = picked if isinstance(picked, dict) else {}
    chosen: dict[str, list[str]] = {}
    for poll, _, options, before in shown:
        given = by_poll.get(poll.id, before)  # a poll the state does not name: as saved
        allowed = set(options)
        named = [c for c in given or [] if isinstance(c, str) and c in allowed]
        dots = poll.method is Method.dots
        chosen[poll.id] = (named if dots else list(dict.fromkeys(named)))[: poll.limit]
    return chosen


@lru_cache(maxsize=8)
def _deck_ids(kind: str) -> tuple[str, ...]:
    """The ids of the kit's cards of ``kind`` (the decks do not change while the app runs)."""
    return tuple(card.id for card in decks().cards(kind))


@lru_cache(maxsize=4)
def _deck_titles(lang: Lang) -> dict[str, str]:
    """Every card's title in ``lang``, by id (made once per process and language)."""
    return {card.id: card.title.get(lang) for card in decks().cards()}
