"""What the facilitator sets is kept in the database: every app process sees it, and a
restart keeps it. The facilitator's console survives a reload through a signed pass that
nobody can forge, and the secret never travels in an address."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from jnt_fresque.app.resources import forget_stores, store
from jnt_fresque.store import Store, passes
from tests._app import APP, TIMEOUT, app_db, served_app, switch_language

__all__ = ["app_db"]


def _app(page: str, **query: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    for name, value in query.items():
        at.query_params[name] = value
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def _param(at: AppTest, name: str) -> str | None:
    value = at.query_params.get(name)
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _texts(at: AppTest, kind: str) -> list[str]:
    return [str(e.value) for e in getattr(at, kind)]


def _console(code: str, secret: str) -> AppTest:
    at = _app("animation", session=code)
    at.text_input(key="fac_secret").input(secret)
    at.button(key="fac_login").click().run()
    assert not at.exception, at.exception
    return at


# --- the pass -------------------------------------------------------------------------


def test_a_pass_opens_its_session_only_until_it_expires(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 'a.sqlite'}") as one:
        first, _ = one.create_session("Un")
        second, _ = one.create_session("Deux")
        made = one.facilitator_pass(first.code)
        assert first.code in made and "secret" not in made.lower()
        assert one.check_facilitator_pass(made) == first.code
        # Another session's name on it, a longer life, a made-up signature: refused.
        code, expires, signature = made.split(".")
        assert one.check_facilitator_pass(f"{second.code}.{expires}.{signature}") is None
        assert one.check_facilitator_pass(f"{code}.{int(expires) + 3600}.{signature}") is None
        assert one.check_facilitator_pass(f"{code}.{expires}.{'A' * len(signature)}") is None
        assert one.check_facilitator_pass("n’importe quoi") is None
        assert one.check_facilitator_pass("x" * 10_000) is None
        # Expired.
        assert one.check_facilitator_pass(one.facilitator_pass(first.code, hours=-1)) is None
        # Leaving the console voids every pass of the session, not the other session's.
        other = one.facilitator_pass(second.code)
        one.revoke_facilitator_passes(first.code)
        assert one.check_facilitator_pass(made) is None
        assert one.check_facilitator_pass(other) == second.code
    # The key signs nothing by itself: a pass signed with another key is refused.
    with Store(f"sqlite:///{tmp_path / 'a.sqlite'}") as again:
        forged = passes.sign(passes.new_key(), first.code, expires=int(time.time()) + 60)
        assert again.check_facilitator_pass(forged) is None


# --- the console across a reload ------------------------------------------------------


def test_the_console_keeps_the_facilitator_in_after_a_reload(app_db: str) -> None:
    session, secret = store().create_session("Console")
    at = _console(session.code, secret)
    made = _param(at, "fac")
    assert made and secret not in made and secret not in str(dict(at.query_params))
    assert at.pills(key="fac_phase")  # the console is shown
    # A reload (a new tab on the same address) does not ask for the secret again...
    again = _app("animation", session=session.code, fac=made)
    assert _has(again, "fac_phase") and not _has(again, "fac_secret")
    # ... and the pass survives a language switch.
    switch_language(again, "en")
    assert _param(again, "fac") == made and _has(again, "fac_phase")
    # Leaving the console voids the pass: that address asks for the secret again.
    again.sidebar.button(key="fac_logout").click().run()
    assert _param(again, "fac") is None
    after = _app("animation", session=session.code, fac=made)
    assert _has(after, "fac_secret") and not _has(after, "fac_phase")
    assert any("expiré" in w for w in _texts(after, "warning"))


def test_a_forged_pass_shows_the_login(app_db: str) -> None:
    session, _ = store().create_session("Console")
    forged = passes.sign(passes.new_key(), session.code, expires=int(time.time()) + 3600)
    at = _app("animation", session=session.code, fac=forged)
    assert _has(at, "fac_secret") and not _has(at, "fac_phase")
    assert _param(at, "fac") is None


def _has(at: AppTest, key: str) -> bool:
    """Whether the page shows the text input or pills of widget ``key``."""
    return any(w.key == key for kind in ("text_input", "pills") for w in getattr(at, kind))


# --- hidden results, across stores, processes and restarts ----------------------------


def test_hidden_results_stay_hidden_for_another_store_on_the_same_database(
    app_db: str,
) -> None:
    session, secret = store().create_session("Masqué")
    store().submit_ballot(session.code, "uc", "a", ["uc-inondation"])
    at = _console(session.code, secret)
    at.toggle(key="fac_hidden").set_value(True).run()
    assert not at.exception
    # Another process: a store of its own on the same file (this process's is closed).
    forget_stores()
    with Store(app_db) as other:
        assert other.results_hidden(session.code)
    projector = _app("resultats", session=session.code)
    assert any("clôture" in s for s in _texts(projector, "info"))
    assert not projector.table
    # Showing them again is seen the same way.
    at.toggle(key="fac_hidden").set_value(False).run()
    forget_stores()
    projector.run()
    assert projector.table


def test_a_session_created_hidden_is_hidden_everywhere(app_db: str) -> None:
    session, secret = store().create_session("Première")
    at = _console(session.code, secret)
    at.text_input(key="fac_new_title").input("Deuxième")
    at.checkbox(key="fac_new_hidden").check()
    at.button(key="fac_create").click().run()
    assert not at.exception
    [created] = [s.session for s in store().sessions() if s.session.title == "Deuxième"]
    forget_stores()
    assert store().results_hidden(created.code)
    # The console now holds a pass to the new session, not to the old one.
    assert store().check_facilitator_pass(_param(at, "fac") or "") == created.code


WAIT = 30_000  # ms
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def _idle(page: Any) -> None:
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']", timeout=WAIT
    )
    page.wait_for_timeout(150)


def test_hidden_results_across_two_app_processes_and_a_restart(
    chromium: Path, tmp_path: Path
) -> None:
    """The facilitator hides the results on process A; a participant's projector page on
    process B shows no figures, nor after B restarts; the facilitator's reload keeps them in."""
    from playwright.sync_api import sync_playwright

    db_url = f"sqlite:///{tmp_path / 'atelier.sqlite'}"
    with Store(db_url) as setup:
        session, secret = setup.create_session("Deux processus")
        setup.set_phase(session.code, "vote")
        setup.submit_ballot(session.code, "uc", "a", ["uc-inondation"])
    code = session.code
    with (
        served_app(db_url, tmp_path / "a.log") as url_a,
        sync_playwright() as pw,
    ):
        browser = pw.chromium.launch(executable_path=str(chromium), args=ARGS, headless=True)
        try:
            facilitator = browser.new_page(viewport={"width": 1280, "height": 900}, locale="fr-FR")
            facilitator.goto(f"{url_a}/animation?session={code}")
            _idle(facilitator)
            facilitator.locator(".st-key-fac_secret input").fill(secret)
            facilitator.locator(".st-key-fac_login button").click()
            facilitator.get_by_text("Adresse pour rejoindre").wait_for(timeout=WAIT)
            facilitator.locator(".st-key-fac_hidden label").click()
            _idle(facilitator)
            assert secret not in facilitator.url and "fac=" in facilitator.url
            # A reload keeps the facilitator in, the choice shown as made.
            facilitator.reload()
            facilitator.get_by_text("Adresse pour rejoindre").wait_for(timeout=WAIT)
            assert facilitator.locator(".st-key-fac_hidden input").is_checked()
            for attempt in ("b.log", "b-restarted.log"):
                with served_app(db_url, tmp_path / attempt) as url_b:
                    projector = browser.new_page(
                        viewport={"width": 1280, "height": 900}, locale="fr-FR"
                    )
                    projector.goto(f"{url_b}/resultats?session={code}")
                    projector.get_by_text("à la clôture du vote", exact=False).first.wait_for(
                        timeout=WAIT
                    )
                    assert projector.locator("[data-testid='stTable']").count() == 0
                    projector.close()
            # Once the vote closes, process B shows the figures.
            with Store(db_url) as later:
                later.set_phase(code, "results")
            with served_app(db_url, tmp_path / "b-closed.log") as url_b:
                projector = browser.new_page(
                    viewport={"width": 1280, "height": 900}, locale="fr-FR"
                )
                projector.goto(f"{url_b}/resultats?session={code}")
                projector.locator("[data-testid='stTable']").first.wait_for(timeout=WAIT)
        finally:
            browser.close()


# --- a new session starts clean -------------------------------------------------------


def _downloads(at: AppTest) -> list[str]:
    return [str(b.label) for b in at.get("download_button")]


def test_a_new_session_does_not_offer_the_previous_sessions_files(app_db: str) -> None:
    session, secret = store().create_session("Première")
    at = _console(session.code, secret)
    at.number_input(key="fac_codes_n").set_value(3)
    at.button(key="fac_codes").click().run()
    at.button(key="fac_prepare").click().run()
    assert not at.exception
    assert any(f"{session.code}-codes.pdf" in label for label in _downloads(at))
    assert any(f"{session.code}.json" in label for label in _downloads(at))
    at.text_input(key="fac_new_title").input("Deuxième")
    at.button(key="fac_create").click().run()
    assert not at.exception
    [created] = [s.session for s in store().sessions() if s.session.title == "Deuxième"]
    # Neither the old codes under the new name, nor the old session's exports.
    assert _downloads(at) == []
    at.number_input(key="fac_codes_n").set_value(2)
    at.button(key="fac_codes").click().run()
    assert [label for label in _downloads(at) if "codes" in label] == [
        f"Télécharger {created.code}-codes.pdf"
    ]
    assert len(store().snapshot(created.code).vote_codes) == 2


def test_leaving_the_console_in_one_tab_closes_the_others(app_db: str) -> None:
    session, secret = store().create_session("Deux onglets")
    first = _console(session.code, secret)
    second = _app("animation", session=session.code, fac=_param(first, "fac") or "")
    assert _has(second, "fac_phase")
    first.sidebar.button(key="fac_logout").click().run()
    second.run()
    assert _has(second, "fac_secret") and not _has(second, "fac_phase")
