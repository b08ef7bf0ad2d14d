"""Anchors a CMS can use, checked where a CMS uses them: in a real browser (Debian's chromium, as test_page.py
drives it), on real extractions."""
import re

import pytest
from test_page import browser  # noqa: F401 - the fixture: one chromium for this module too
from test_web_pages import TWEET, page

from quotes.anchors import CONTEXT, utf16_offsets
from schemas import QuoteResultSchema

# astral characters (two UTF-16 code units each) before and inside the quotes
TEXT = ("Fans 😀🎉 packed the 🏟 stadium on Friday.\n"
        "“We did it for every kid in 𝕏 County,” said coach Maria Lopez of the Tigers 🐯.\n"
        "The 🏈 league said the final would be replayed. “No one should win like that,” said Tom Reed, its chairman.")
FRAGMENT = ("<p>Fans 😀🎉 packed the <b>stadium</b> on Friday &amp; Saturday.</p>\n"
            "<p>&ldquo;We did it for every kid in <em>𝕏&nbsp;County</em>,&rdquo; said coach\n   Maria Lopez of the "
            "Tigers.</p>" + TWEET +
            "<p>The league said the final would be replayed. &#8220;No one should <i>win</i> like that,&#x201D; said "
            "Tom Reed, its chairman.</p>")

SELECT_BY_UTF16 = """([text, spans]) => {
    const holder = document.createElement("div");
    holder.textContent = text;
    document.body.replaceChildren(holder);
    const node = holder.firstChild;
    return spans.map(([start, end]) => {
        const range = document.createRange();
        range.setStart(node, start);
        range.setEnd(node, end);
        return [range.toString(), text.slice(start, end)];
    });
}"""
# the text content of each html[html_start:html_end], the offsets counting code points (Array.from)
SELECT_IN_HTML = """([html, spans]) => {
    const points = Array.from(html);
    return spans.map(([start, end]) => {
        const piece = document.createElement("template");
        piece.innerHTML = points.slice(start, end).join("");
        return piece.content.textContent;
    });
}"""


def every_span(result: dict) -> list[dict]:
    spans = []
    for quote in result["quotes"]:
        spans += quote["spans"]
        spans += [quote[part] for part in ("speaker", "affiliation", "cue", "content") if quote[part]]
    for speaker in result["speakers"]:
        spans += speaker["mentions"]
    return spans


def collapsed(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture()
def tab(browser):  # noqa: F811 - the imported fixture
    context = browser.new_context()
    yield context.new_page()
    context.close()


def test_utf16_offsets_select_each_span_in_the_browser(client, tab):
    result = client.post("/v1/quotes", json={"text": TEXT}).get_json()
    assert QuoteResultSchema().validate(result) == {}
    spans = every_span(result)
    assert len(result["quotes"]) >= 2 and all(span["end_utf16"] > span["end"] for span in spans)  # emoji before
    selected = tab.evaluate(SELECT_BY_UTF16, [TEXT, [[span["start_utf16"], span["end_utf16"]] for span in spans]])
    assert selected == [[TEXT[span["start"]:span["end"]]] * 2 for span in spans]


def test_every_quote_has_web_annotation_selectors(client):
    result = client.post("/v1/quotes", json={"text": TEXT}).get_json()
    for quote in result["quotes"]:
        position, text_quote = quote["selectors"]
        start, end = quote["spans"][0]["start"], quote["spans"][-1]["end"]
        assert position == {"type": "TextPositionSelector", "start": start, "end": end}
        assert text_quote["type"] == "TextQuoteSelector" and text_quote["exact"] == TEXT[start:end]
        assert TEXT[:start].endswith(text_quote["prefix"]) and 0 < len(text_quote["prefix"]) <= CONTEXT
        assert TEXT[end:].startswith(text_quote["suffix"]) and 0 < len(text_quote["suffix"]) <= CONTEXT
        # a CMS finds the quote again by its words and context alone
        assert TEXT.count(text_quote["prefix"] + text_quote["exact"] + text_quote["suffix"]) == 1


@pytest.mark.parametrize("markup", [FRAGMENT, page(FRAGMENT)], ids=["cms-body", "whole-page"])
def test_html_offsets_select_each_span_in_the_submitted_html_in_the_browser(client, tab, markup):
    result = client.post("/v1/quotes", json={"html": markup}).get_json()
    assert QuoteResultSchema().validate(result) == {}
    text = result["text"]
    assert [quote["kind"] for quote in result["quotes"]] == ["direct", "post", "indirect", "direct"]
    spans = every_span(result)
    assert all(span["html_start"] is not None and span["html_end"] is not None for span in spans)
    selected = tab.evaluate(SELECT_IN_HTML, [markup, [[span["html_start"], span["html_end"]] for span in spans]])
    assert [collapsed(piece) for piece in selected] == [collapsed(text[span["start"]:span["end"]]) for span in spans]
    # and the UTF-16 offsets still index the extracted text
    utf16 = utf16_offsets(text)
    assert [(span["start_utf16"], span["end_utf16"]) for span in spans] == [
        (utf16[span["start"]], utf16[span["end"]]) for span in spans]
