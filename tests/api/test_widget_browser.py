"""The chat widget in a real browser (Chromium via Playwright) against the real app over HTTP.

The app runs in uvicorn on a free loopback port over a real archive (real e5, real Chroma):
two Albertslund Chefforum minutes; a second archive holds one minutes file whose decision
carries markup (kept apart so it cannot shift the ranking the other tests look at); a third
is served as on a shared address (public read off), where the page must ask for a key.
Skipped only when /usr/bin/chromium is missing (CI installs it). `playwright install` is never
needed: the system Chromium is used.

REFERAT_SCREENSHOT=1 also (re)writes docs/widget.png, docs/widget-phone.png and
docs/widget-key.png.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect, sync_playwright

from api.app import create_app
from assistant.archive import Archive
from assistant.embedder import Embedder
from assistant.keys import KeyStore
from assistant.settings import Settings
from ingest.pipeline import ingest_paths
from tests.conftest import FIXTURES
from tests.support.server import running

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs the system Chromium at /usr/bin/chromium (apt chromium)"
)

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ROOT = Path(__file__).resolve().parents[2]
QUESTION = "Hvad blev der besluttet om miljøledelse?"
PHONE: ViewportSize = {"width": 375, "height": 667}
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
DECISION_2024 = "Chefforum godkendte plan for implementering af miljøledelsessystemet."
# a short decision is quoted whole (quotes._candidates)
DECISION_2024_WHOLE = (
    f"{DECISION_2024} Chefforum drøftede, at mål kan fremgå af ledernes Plan A, samt muligheden "
    "for at udarbejde en standard skabelon til afrapportering. Videre drøftede Chefforum, at der "
    "kan være behov for et idekatalog med forslag til konkrete mål, samt tydeliggøre hvor mange "
    "ressourcer det kræver at deltage i arbejdet med audits."
)
PAYLOAD = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">'
HOSTILE_MINUTES = f"""REFERAT Teknisk Udvalg d. 03-02-2025

Punkt 1: Skiltning ved svømmehallen

05.01.00-A00-3-25

Sagsfremstilling

Der er ønske om nye skilte ved svømmehallen, så gæsterne kan finde indgangen.

Beslutning

Udvalget godkendte nye skilte ved svømmehallen med teksten {PAYLOAD} på facaden.
"""


@contextmanager
def serving(settings: Settings, embedder: Embedder, paths: list[Path]) -> Iterator[str]:
    """The real app over a fresh archive of `paths`, in uvicorn on a free loopback port."""
    archive = Archive(settings, embedder)
    report = ingest_paths(archive, paths)
    assert not report.skipped and len(report.stored) == len(paths)
    try:
        with running(create_app(settings, archive=archive)) as url:
            yield url
    finally:
        archive.close()


@pytest.fixture(scope="module")
def base_url(
    tmp_path_factory: pytest.TempPathFactory, embedder: Embedder, cache_dir: Path
) -> Iterator[str]:
    """Two Chefforum minutes (2020 and 2024), both deciding on environmental management."""
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("widget-data"), cache_dir=cache_dir, public_read=True
    )
    seeds = FIXTURES / "seeds"
    paths = [seeds / "002_e6b0dd0e402eadb9.txt", seeds / "003_6885af5ed49430c5.txt"]
    with serving(settings, embedder, paths) as url:
        yield url


@pytest.fixture(scope="module")
def hostile_url(
    tmp_path_factory: pytest.TempPathFactory, embedder: Embedder, cache_dir: Path
) -> Iterator[str]:
    """A separate archive holding only minutes whose decision carries markup."""
    inbox = tmp_path_factory.mktemp("widget-inbox")
    hostile = inbox / "teknisk-udvalg-2025-02-03.txt"
    hostile.write_text(HOSTILE_MINUTES, encoding="utf-8")
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("widget-hostile"), cache_dir=cache_dir, public_read=True
    )
    with serving(settings, embedder, [hostile]) as url:
        yield url


@pytest.fixture(scope="module")
def keyed_url(
    tmp_path_factory: pytest.TempPathFactory, embedder: Embedder, cache_dir: Path
) -> Iterator[tuple[str, str]]:
    """An archive whose server needs a key: public read off, and served as on a shared address
    (0.0.0.0), where even this machine gets no keyless reading. Yields (url, a read key)."""
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("widget-keyed"),
        cache_dir=cache_dir,
        public_read=False,
        host="0.0.0.0",
    )
    seeds = FIXTURES / "seeds"
    paths = [seeds / "002_e6b0dd0e402eadb9.txt", seeds / "004_1b34d6596bf41414.txt"]
    with serving(settings, embedder, paths) as url:
        keys = KeyStore(settings.data_dir)
        key = keys.create("intranet", ["read"])
        keys.close()
        yield url, key


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@contextmanager
def widget_page(
    browser: Browser, base_url: str, viewport: ViewportSize = DESKTOP, locale: str = "da-DK"
) -> Iterator[Page]:
    """The chat page at `/` (desktop size unless told), clipboard allowed; fails on uncaught
    errors."""
    phone = viewport["width"] < 600
    context = browser.new_context(
        base_url=base_url, viewport=viewport, locale=locale, is_mobile=phone, has_touch=phone
    )
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.goto("/")
    try:
        yield opened
    finally:
        context.close()
    assert not errors, f"uncaught errors in the page: {errors}"


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    with widget_page(browser, base_url) as opened:
        yield opened


def ask(page: Page, question: str, label: str = "Dit spørgsmål") -> None:
    before = page.locator(".a").count()
    box = page.get_by_label(label)
    box.fill(question)
    box.press("Enter")
    # the answer is complete when its copy button appears (after the `done` event)
    expect(page.locator(".a").nth(before).locator(".actions")).to_be_visible(timeout=30_000)


def test_answer_streams_in_with_two_chips_that_open_the_cited_items(page: Page) -> None:
    ask(page, QUESTION)
    answer = page.locator(".a").last
    expect(answer).to_contain_text(DECISION_2024)
    chips = answer.locator("button.chip")
    expect(chips).to_have_count(2)
    expect(chips.nth(0)).to_contain_text("Chefforum 16-01-2020 · pkt. 4")
    expect(chips.nth(1)).to_contain_text("Chefforum 10-04-2024 · pkt. 7")
    expect(page.locator(".q").last).to_have_text("Spørgsmål: " + QUESTION)

    chip = chips.nth(1)
    chip.click()
    dialog = page.locator("dialog[open]")
    expect(dialog).to_be_visible()
    expect(dialog.locator("h2")).to_contain_text("Genindførelse af miljøledelse")
    expect(dialog).to_contain_text("09.00.00-G01-27-23")
    # dates read as in the answers; "Mødested 915" in the minutes is room 915
    expect(dialog.locator(".meta").first).to_have_text(
        "Chefforum, Albertslund · 10-04-2024 · Mødested: lokale 915"
    )
    expect(dialog.locator("h3", has_text="Beslutning")).to_be_visible()
    expect(dialog.locator("mark")).to_have_text(DECISION_2024_WHOLE)

    page.keyboard.press("Escape")
    expect(page.locator("dialog[open]")).to_have_count(0)
    assert chip.evaluate("el => el.getRootNode().activeElement === el"), "focus not returned"

    # the [1] marker in the answer opens the other item; its quote spans several lines
    answer.locator("button.ref", has_text="1").click()
    expect(dialog.locator("h2")).to_contain_text("Miljøarbejdet nytænkt")
    expect(dialog.locator("mark")).to_contain_text("Chefforum godkendte forslaget")
    expect(dialog.locator("mark")).to_contain_text("forløber fremadrettet.")
    dialog.get_by_role("button", name="Luk").click()
    expect(page.locator("dialog[open]")).to_have_count(0)


def test_follow_up_sends_history_and_filters(page: Page) -> None:
    bodies = page.get_by_label("Udvalg")
    expect(bodies.locator("option")).to_have_count(2)  # all, Chefforum
    ask(page, QUESTION)

    bodies.select_option("Chefforum")
    page.get_by_label("Fra dato", exact=True).fill("01-01-2024")
    with page.expect_request("**/v1/ask") as sent:
        ask(page, "Og hvad blev der besluttet om miljøledelse i 2024?")
    body = json.loads(sent.value.post_data or "{}")
    assert body["filters"] == {"body": "Chefforum", "date_from": "2024-01-01", "date_to": None}
    assert [turn["question"] for turn in body["history"]] == [QUESTION]
    assert DECISION_2024 in body["history"][0]["answer"]
    chips = page.locator(".a").last.locator("button.chip")
    expect(chips).to_have_count(1)
    expect(chips).to_contain_text("10-04-2024")


def test_minutes_text_is_never_markup(browser: Browser, hostile_url: str) -> None:
    with widget_page(browser, hostile_url) as page:
        _open_hostile_item(page)


def _open_hostile_item(page: Page) -> None:
    ask(page, "Hvad blev der besluttet om skilte ved svømmehallen?")
    answer = page.locator(".a").last
    expect(answer).to_contain_text("<script>window.__xss=1</script>")
    answer.locator("button.chip").first.click()
    dialog = page.locator("dialog[open]")
    expect(dialog.locator("h2")).to_contain_text("Skiltning ved svømmehallen")
    expect(dialog.locator("mark")).to_contain_text(PAYLOAD)
    expect(dialog).to_contain_text("<script>")
    assert dialog.locator("script, img").count() == 0
    page.wait_for_timeout(200)  # give a would-be onerror handler its chance
    assert page.evaluate("typeof window.__xss") == "undefined"


def test_copy_puts_the_answer_and_numbered_references_on_the_clipboard(page: Page) -> None:
    ask(page, QUESTION)
    page.get_by_role("button", name="Kopiér med kilder").click()
    expect(page.locator(".a .note").last).to_have_text("Kopieret til udklipsholderen")
    copied = page.evaluate("navigator.clipboard.readText()")
    answer, _, references = copied.partition("\n\nKilder:\n")
    assert answer.startswith("Beslutninger om emnet") and DECISION_2024 in answer
    lines = references.splitlines()
    assert len(lines) == page.locator(".a").last.locator("button.chip").count()
    assert lines[-1] == (
        f'[{len(lines)}] Chefforum, 10-04-2024, punkt 7 "CF - Genindførelse af miljøledelse" '
        f'(09.00.00-G01-27-23), Beslutning: "{DECISION_2024_WHOLE}"'
    )


def test_copy_falls_back_when_the_clipboard_api_refuses(page: Page) -> None:
    page.evaluate(
        """() => {
          navigator.clipboard.writeText = () => Promise.reject(new Error("denied"));
          document.addEventListener("copy", (e) => {
            window.__copied = e.composedPath()[0].value;
          });
        }"""
    )
    ask(page, QUESTION)
    page.get_by_role("button", name="Kopiér med kilder").click()
    expect(page.locator(".a .note").last).to_have_text("Kopieret til udklipsholderen")
    copied = page.evaluate("window.__copied")
    assert "\n\nKilder:\n[1] Chefforum, " in copied


def test_norwegian_and_english_ui(page: Page) -> None:
    page.get_by_label("Sprog").select_option("no")
    ask(page, QUESTION, label="Ditt spørsmål")
    expect(page.get_by_role("button", name="Kopier med kilder")).to_be_visible()
    chip = page.locator("button.chip", has_text="10-04-2024")
    expect(chip).to_contain_text("Chefforum 10-04-2024 · sak 7")
    page.get_by_label("Språk").select_option("en")
    expect(chip).to_contain_text("Chefforum 10-04-2024 · item 7")
    expect(page.get_by_role("button", name="Copy with sources")).to_be_visible()


def test_nothing_found_is_plain_and_errors_are_messages(page: Page) -> None:
    ask(page, "Hvornår åbner den nye planetariekuppel på månen?")
    answer = page.locator(".a").last
    expect(answer.locator("button.chip")).to_have_count(0)
    expect(answer.locator(".text")).not_to_be_empty()

    page.route(
        "**/v1/ask",
        lambda route: route.fulfill(
            status=503, content_type="application/json", body='{"detail": "Arkivet er optaget."}'
        ),
    )
    box = page.get_by_label("Dit spørgsmål")
    box.fill("Noget andet?")
    box.press("Enter")
    expect(page.get_by_role("alert")).to_have_text("Arkivet er optaget.")

    page.unroute("**/v1/ask")
    page.route(
        "**/v1/ask",
        lambda route: route.fulfill(
            status=200,
            content_type="text/event-stream",
            body='event: token\ndata: {"text": "Delvist "}\n\n'
            'event: error\ndata: {"detail": "Sprogmodellen svarede ikke."}\n\n',
        ),
    )
    box.fill("Og nu?")
    box.press("Enter")
    expect(page.get_by_role("alert").last).to_have_text("Sprogmodellen svarede ikke.")
    # still usable: Shift+Enter is a newline, not a send
    box.fill("linje 1")
    box.press("Shift+Enter")
    box.type("linje 2")
    expect(box).to_have_value("linje 1\nlinje 2")


def _box(page: Page, selector: str) -> dict[str, float]:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not on the page"
    return dict(box)


def test_on_a_phone_the_conversation_gets_the_height_and_chips_fit(
    browser: Browser, base_url: str
) -> None:
    with widget_page(browser, base_url, viewport=PHONE) as page:
        filters = page.locator("details.filters")
        expect(filters).not_to_have_attribute("open", "")
        expect(page.get_by_label("Udvalg")).to_be_hidden()
        header, summary, log = (_box(page, s) for s in ("header", "details.filters", ".log"))
        assert header["height"] <= 56 and summary["height"] <= 40, (header, summary)
        assert log["height"] >= 0.6 * PHONE["height"], log

        ask(page, QUESTION)
        answer = page.locator(".a").last
        right = _box(page, ".a")["x"] + _box(page, ".a")["width"]
        chips = answer.locator("button.chip")
        expect(chips).to_have_count(2)
        for n in range(2):
            chip = chips.nth(n).bounding_box()
            assert chip is not None and chip["x"] + chip["width"] <= right + 0.5, (chip, right)
        # the long title gives way (ellipsis), the label stays whole
        title, label = chips.nth(0).locator(".t"), chips.nth(0).locator(".l")
        assert title.evaluate("el => el.scrollWidth > el.clientWidth")
        expect(label).to_have_text("Chefforum 16-01-2020 · pkt. 4")
        assert label.evaluate("el => el.scrollWidth <= el.clientWidth"), "label cut off"
        assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]

        # the filters unfold on a tap, and say what is chosen when folded again
        page.locator("details.filters > summary").click()
        page.get_by_label("Udvalg").select_option("Chefforum")
        page.get_by_label("Fra dato", exact=True).fill("01-01-2024")
        page.get_by_label("Fra dato", exact=True).press("Tab")
        page.locator("details.filters > summary").click()
        expect(page.locator("details.filters > summary")).to_have_text(
            "Afgræns søgningen: Chefforum · 01-01-2024 –"
        )
        if os.environ.get("REFERAT_SCREENSHOT") == "1":
            page.wait_for_timeout(300)
            page.screenshot(path=str(ROOT / "docs" / "widget-phone.png"))

        chips.nth(1).click()
        dialog = _box(page, "dialog[open]")
        assert dialog["width"] == PHONE["width"], dialog


def test_dates_are_typed_and_shown_day_first_in_the_pages_language(
    browser: Browser, base_url: str
) -> None:
    # an English browser: a native date input would show mm/dd/yyyy on this Danish page
    with widget_page(browser, base_url, locale="en-US") as page:
        start, end = (page.get_by_label(name, exact=True) for name in ("Fra dato", "Til dato"))
        expect(start).to_have_attribute("placeholder", "dd-mm-åååå")
        expect(start).to_have_attribute("lang", "da")
        start.fill("1.1.2024")
        start.press("Tab")
        expect(start).to_have_value("01-01-2024")

        # a date that does not exist is refused before anything is sent
        end.fill("31-02-2024")
        asked: list[str] = []
        page.on("request", lambda r: asked.append(r.url) if r.url.endswith("/v1/ask") else None)
        box = page.get_by_label("Dit spørgsmål")
        box.fill(QUESTION)
        box.press("Enter")
        expect(page.get_by_role("alert")).to_have_text(
            "Til dato: Skriv datoen som dd-mm-åååå, f.eks. 16-01-2020."
        )
        expect(end).to_have_attribute("aria-invalid", "true")
        expect(end).to_be_focused()
        assert asked == []

        # the calendar button's picker (the browser's own) fills the field in the same format
        picker = page.locator(".date:has(#referat-to) input[type=date]")
        picker.evaluate("el => { el.value = '2024-06-30'; el.dispatchEvent(new Event('change')); }")
        expect(end).to_have_value("30-06-2024")
        expect(page.get_by_role("alert")).to_be_hidden()
        with page.expect_request("**/v1/ask") as sent:
            ask(page, QUESTION)
        filters = json.loads(sent.value.post_data or "{}")["filters"]
        assert (filters["date_from"], filters["date_to"]) == ("2024-01-01", "2024-06-30")
        expect(page.locator(".a").last.locator("button.chip")).to_have_text(
            ["1Chefforum 10-04-2024 · pkt. 7CF - Genindførelse af miljøledelse"]
        )

        page.get_by_label("Sprog").select_option("en")
        expect(page.get_by_label("From", exact=True)).to_have_attribute("placeholder", "dd-mm-yyyy")
        expect(page.get_by_label("From", exact=True)).to_have_value("01-01-2024")


def test_without_a_key_the_page_asks_for_one_and_keeps_it_for_the_session(
    browser: Browser, keyed_url: tuple[str, str]
) -> None:
    url, key = keyed_url
    with widget_page(browser, url) as page:
        # the page explains at once, in its own language, instead of failing on the first question
        waiting = page.locator(".log form.keybox")
        expect(waiting).to_contain_text("Arkivet kræver en adgangsnøgle")
        expect(waiting).to_contain_text("referat keys create NAVN --scope read")

        box = page.get_by_label("Dit spørgsmål")
        box.fill(QUESTION)
        box.press("Enter")
        form = page.locator(".a form.keybox")
        expect(form).to_contain_text("Indtast den nøgle, du har fået af administratoren")
        if os.environ.get("REFERAT_SCREENSHOT") == "1":
            page.screenshot(path=str(ROOT / "docs" / "widget-key.png"))
        form.get_by_label("Adgangsnøgle").fill("not-a-key")
        form.get_by_role("button", name="Brug nøglen").click()
        expect(form).to_contain_text("Nøglen blev ikke godkendt")
        assert page.evaluate("sessionStorage.length") == 0  # a refused key is not kept

        with page.expect_request("**/v1/ask") as sent:
            form.get_by_label("Adgangsnøgle").fill(key)
            form.get_by_role("button", name="Brug nøglen").click()
        assert sent.value.headers["authorization"] == f"Bearer {key}"
        assert sent.value.headers["accept-language"] == "da"
        answer = page.locator(".a").last
        expect(answer.locator(".actions")).to_be_visible(timeout=30_000)
        expect(answer).to_contain_text(DECISION_2024)
        stored = page.evaluate("[sessionStorage.length, localStorage.length, document.cookie]")
        assert stored == [1, 0, ""]

        # a source that names no body, municipality or date: its title, never its file name
        page.get_by_role("button", name="Ny samtale").click()  # not a follow-up question
        ask(page, "Hva handler klimaprosessen om?")
        # (the item's two best passages are two sources: one chip each, both named by title)
        chip = page.locator(".a").last.locator("button.chip").first
        expect(chip).to_have_text("1Klimaprosess")

        # the session keeps the key across a reload; "forget" drops it
        page.reload()
        expect(page.get_by_label("Udvalg").locator("option")).to_have_count(2)
        expect(page.locator("form.keybox")).to_have_count(0)
        page.get_by_role("button", name="Glem nøglen").click()
        expect(page.locator(".log form.keybox")).to_contain_text("Arkivet kræver en adgangsnøgle")
        assert page.evaluate("sessionStorage.length") == 0


@pytest.mark.skipif(os.environ.get("REFERAT_SCREENSHOT") != "1", reason="REFERAT_SCREENSHOT=1")
def test_screenshot_for_the_docs(page: Page) -> None:
    ask(page, QUESTION)
    page.locator(".a").last.locator("button.chip", has_text="10-04-2024").click()
    expect(page.locator("dialog[open] mark")).to_be_visible()
    page.wait_for_timeout(300)
    (ROOT / "docs").mkdir(exist_ok=True)
    page.screenshot(path=str(ROOT / "docs" / "widget.png"))
