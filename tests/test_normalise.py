"""Invisible characters and broken Unicode: the parse sees clean text, the offsets index the submitted one."""
import json

import pytest

from support import SENTENCE, assert_offsets_index
from quotes import extract
from quotes.normalise import MAX_RUN, normalise


@pytest.mark.parametrize("raw, expected", [
    ("a\x00b\x01c\x1b\x7f\x85d", "a b c   d"),  # NUL, C0, DEL and C1 controls
    ("\ufeffa\u200bb\u200cc\u200dd\u2060e\u00adf", " a b c d e f"),  # BOM, zero-width, soft hyphen
    ("\u200ea\u200fb\u202ac\u202ed\u2066e\u2069\u061c", " a b c d e  "),  # bidi marks, embeddings, isolates
    ("x\ud800y\udfffz", "x\ufffdy\ufffdz"),  # lone surrogates
])
def test_invisible_characters_become_one_character_each(raw, expected):
    assert normalise(raw) == expected


def test_runs_longer_than_any_word_become_spaces():
    url = "https://example.com/" + "a1/" * 30
    text = f"Read {url} or {'x' * MAX_RUN} now."
    assert normalise(text) == f"Read {' ' * len(url)} or {'x' * MAX_RUN} now."


def test_a_quote_beside_a_long_run_keeps_its_attribution():
    text = "data:image/png;base64," + "iVBORw0KGgo" * 400 + "\n" + SENTENCE + " https://cdn.example.com/" + "x" * 90
    result = extract(text)
    (quote,) = result["quotes"]
    assert (quote["speaker"]["name"], quote["cue"]["text"]) == ("Maria Lopez", "said")
    assert_offsets_index(text, result)


def test_visible_text_and_line_breaks_are_untouched():
    text = "Line one,\r\nline\ttwo\n«Ça va», dit-il. 👍🏽 🇺🇸 naïve café ‘single’ — done\u2028"
    assert normalise(text) == text


@pytest.mark.parametrize("text", [
    SENTENCE.replace("said ", "said\x00"),  # NUL before the speaker: parsed as a word "\x00Maria"
    SENTENCE.replace(" said", "\ufeffsaid"),  # a BOM glued to the cue hides it
    SENTENCE.replace(" said", "\u200fsaid"),  # so does a right-to-left mark
    SENTENCE.replace(" the Chicago", "\x1bthe\x1bChicago"),  # ESC splits the affiliation
])
def test_invisible_characters_do_not_change_the_attribution(text):
    result = extract(text)
    (quote,) = result["quotes"]
    assert quote["text"] == "We will not back down"
    assert (quote["speaker"]["mention"], quote["cue"]["text"]) == ("Maria Lopez", "said")
    assert quote["affiliation"]["name"] == "Chicago Teachers Union"
    assert_offsets_index(text, result)


@pytest.mark.parametrize("text", [
    "Intro.\r\n" + SENTENCE + "\r\n“We are ready,” she added.\r\n",  # CRLF paragraphs
    "👍🏽 " + SENTENCE + " 👨\u200d👩\u200d👧 🇺🇸",  # emoji beyond the BMP, joined sequences
    "\u202e" + SENTENCE + "\u202c\u200f",  # RTL override around the article
    SENTENCE.replace(" back", "\u200b back") + "\u200b",  # zero-width spaces inside the quote
    SENTENCE.replace("will", "w\ud800ill"),  # a lone surrogate inside the quote
    "\x00" * 3 + SENTENCE + "\x00",  # NUL padding
])
def test_offsets_index_the_submitted_text(text):
    result = extract(text)
    assert result["quotes"] and result["quotes"][0]["speaker"]["name"] == "Maria Lopez"
    assert_offsets_index(text, result)


def test_lone_surrogate_round_trips_through_the_api(client):
    text = SENTENCE.replace("Maria", "Mar\udc00ia")
    # a client can send a lone surrogate only as a JSON escape
    response = client.post("/v1/quotes", data=json.dumps({"text": text}), content_type="application/json")
    assert response.status_code == 200
    body = json.loads(response.get_data(as_text=True))
    assert body["quotes"][0]["speaker"]["mention"] == "Mar\udc00ia Lopez"
    assert_offsets_index(text, body)
