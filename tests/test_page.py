"""The editor's page in a real browser: Debian's chromium driven by Playwright (no browser download)."""
import html
import os
import shutil
import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright
from support import SHARED, require_shared
from werkzeug.serving import make_server

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
SCRIPT_QUOTE = ("The union met the district on Tuesday.\n"
                "“<script>window.pwned = true</script> is not how we talk,” said Maria Lopez, a spokeswoman for the "
                "Chicago Teachers Union.")


@pytest.fixture(scope="module")
def base_url(app):
    """The app on a real HTTP server on a free loopback port, for the browser."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).is_file(), f"Debian's chromium is needed at {CHROMIUM} (apt-get install chromium)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture()
def page(browser, base_url):
    """A page that may load nothing but the service: any other request fails the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    elsewhere = []

    def only_the_service(route):
        if route.request.url.startswith(base_url):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    page.route("**/*", only_the_service)
    page.goto(base_url)
    yield page
    context.close()
    assert elsewhere == []


def submit(page, article: str, as_html: bool = False):
    page.fill("#article", article)
    if as_html:
        page.check("input[name=format][value=html]")
    page.click("#extract")
    expect(page.locator("#status")).to_contain_text("quotes,")


def test_the_page_highlights_every_quote_of_a_seed_article_per_speaker(page, client, seed_article):
    expected = client.post("/v1/quotes", json={"text": seed_article}).get_json()
    submit(page, seed_article)

    marks = page.locator("#article-view mark.quote")
    spans = sorted((span["start"], span["end"], quote) for quote in expected["quotes"] for span in quote["spans"])
    assert marks.count() == len(spans)
    assert marks.all_text_contents() == [seed_article[start:end] for start, end, _ in spans]
    assert [mark.get_attribute("data-speaker") for mark in marks.all()] == [
        quote["speaker"]["name"] if quote["speaker"] else "" for _, _, quote in spans]
    assert page.locator("#article-view").text_content() == seed_article  # the whole article, nothing added

    names = page.locator("#speakers .speaker-name").all_text_contents()
    assert names == [speaker["name"] for speaker in expected["speakers"]]
    affiliations = page.locator("#speakers .speaker-affiliation").all_text_contents()
    for speaker, shown in zip(expected["speakers"], affiliations):
        assert (speaker["affiliation"] or "") in shown

    # one colour per speaker: a quote's highlight has its speaker's swatch colour
    colours = dict(zip(names, (swatch.evaluate("e => getComputedStyle(e).backgroundColor")
                               for swatch in page.locator("#speakers .swatch").all())))
    assert len(set(colours.values())) == min(len(colours), 10)
    for mark in marks.all():
        speaker = mark.get_attribute("data-speaker")
        if speaker and "indirect" not in mark.get_attribute("class"):  # indirect speech is underlined instead
            assert mark.evaluate("e => getComputedStyle(e).backgroundColor") == colours[speaker]

    quoted = next(quote for _, _, quote in spans if quote["cue"] and quote["kind"] == "direct")
    page.locator(f"#article-view mark[data-quote-id={quoted['id']}]").first.hover()
    tooltip = page.locator("#tooltip")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text(f"“{quoted['cue']['text']}”")
    expect(tooltip).to_contain_text(f"confidence {quoted['confidence']:.2f}")

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "page.png"), full_page=True)


@pytest.mark.parametrize("as_html", [False, True])
def test_markup_inside_a_quote_shows_as_text(page, client, as_html):
    article = SCRIPT_QUOTE
    if as_html:  # the same story as a CMS stores it: the quote's markup is escaped text there
        article = "".join(f"<p>{html.escape(line)}</p>" for line in SCRIPT_QUOTE.split("\n"))
    (quote,) = client.post("/v1/quotes", json={"html" if as_html else "text": article}).get_json()["quotes"]
    assert quote["text"].startswith("<script>")

    submit(page, article, as_html=as_html)
    mark = page.locator("#article-view mark.quote")
    expect(mark).to_have_count(1)
    assert mark.text_content() == quote["text"]
    assert page.locator("#article-view script").count() == 0
    assert page.evaluate("window.pwned") is None
    expect(page.locator("#speakers .speaker-name")).to_have_text(["Maria Lopez"])


def test_an_error_shows_the_problem_detail(page):
    page.check("input[name=format][value=html]")
    page.fill("#article", "<nav>Home</nav>")
    page.click("#extract")
    expect(page.locator("#status")).to_have_text("html: html has no article text.")
    expect(page.locator("#status")).to_have_class("error")


def test_the_api_docs_render_offline(page, base_url):
    page.goto(f"{base_url}/docs")
    expect(page.locator(".opblock-summary-path", has_text="/v1/quotes/batch")).to_be_visible(timeout=20_000)
    expect(page.locator(".opblock-summary-path", has_text="/metrics")).to_be_visible()


def test_the_desk_shows_recent_articles_a_speakers_quotes_and_alarms_with_the_changed_words(page, client):
    articles = require_shared(SHARED / "corpus" / "articles")
    versions = []  # "article · quote id" of the statement each copy words differently
    for name in ("000_728c986945fe4863", "001_6d6d833d69504351"):
        text = (articles / f"{name}.txt").read_text(encoding="utf-8")
        response = client.post("/v1/articles", json={"id": f"page-{name}", "text": text})
        assert response.status_code in (200, 201)
        (quote_id,) = [q["id"] for q in response.get_json()["quotes"] if "substantive, and constructive" in q["text"]]
        versions.append(f"page-{name} · {quote_id}")
    page.click("#desk-refresh")
    expect(page.locator("#desk-articles .article-id").first).to_have_text("page-001_6d6d833d69504351")

    readout = page.locator("#desk-alerts li.alert", has_text="substantive").first
    expect(readout.locator("del.changed")).to_have_text(["candid"])
    expect(readout.locator("ins.changed")).to_have_text(["frank"])
    expect(readout.locator(".version-article")).to_have_text(versions)
    hass = page.locator("#desk-alerts li.alert", has_text="stresses").first
    expect(hass.locator("del.changed", has_text="stresses")).to_have_count(1)
    expect(hass.locator("ins.changed", has_text="stress")).to_have_count(1)

    page.fill("#speaker-query", "Hass")
    page.click("#speaker-form button")
    expect(page.locator("#speaker-quotes .speaker-facts")).to_contain_text("Ryan Hass: senior fellow")
    assert page.locator("#speaker-quotes .speaker-quote").count() >= 4
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#desk").screenshot(path=str(ARTIFACTS / "desk.png"))
