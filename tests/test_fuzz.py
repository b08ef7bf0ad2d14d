"""Property tests (hypothesis): arbitrary text and arbitrary bodies never break the scanner, the
engine or the API, and every offset indexes the submitted text. Example counts stay modest: the
engine runs the real models."""
import json

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from app import create_app
from quotes import extract
from quotes.stages.marks import ALL_MARKS, TRIMMED, paragraphs, scan
from quotes.normalise import MAX_RUN
from support import assert_offsets_index, assert_problem

# Any code point, lone surrogates, controls and unassigned ones included.
ANY_CHARACTER = st.characters(exclude_categories=())
QUOTE_MARKS = "“”„«»\"'‘’`"
NEWS_WORDS = ["said", "says", "told", "added", "according to", "Maria Lopez", "the minister", "she", "he",
              "Mr. Hass", "the union", "We", "will", "not", "back down", "in a statement", ",", ".", "—"]
WORDS = st.lists(st.sampled_from(NEWS_WORDS) | st.text(ANY_CHARACTER, max_size=3), min_size=1, max_size=6).map(" ".join)
# "“words,” said Name": a quotation with arbitrary words and marks, straight or curly, paired or not
QUOTATIONS = st.builds("{}{}{}{}".format, st.sampled_from(list(QUOTE_MARKS)), WORDS,
                       st.sampled_from([",", ".", "", "?"]), st.sampled_from(list(QUOTE_MARKS)))
# Runs without whitespace around the normaliser's limit and past it: URLs, base64, minified JSON
LONG_RUNS = st.text(st.sampled_from("abcXYZ019+/=:,.{}[]" + QUOTE_MARKS), min_size=MAX_RUN - 4, max_size=400)
# Text that looks enough like news for the engine to find quotes, cues and speakers in it, with
# arbitrary characters, marks and line breaks anywhere.
NEWSLIKE_TEXT = st.lists(
    st.one_of(QUOTATIONS, WORDS, st.sampled_from(list(QUOTE_MARKS)), st.sampled_from(["\n", "\r\n", "\u2028"]),
              LONG_RUNS),
    max_size=12).map(" ".join)
SCANNER_TEXT = st.one_of(st.text(ANY_CHARACTER), st.text(st.sampled_from(QUOTE_MARKS + " \n\r\tab,."), max_size=80),
                         NEWSLIKE_TEXT)
MODEL_SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow],
                          database=None)


@settings(max_examples=500, deadline=None, database=None)
@given(SCANNER_TEXT)
def test_quote_scanner_on_arbitrary_text(text):
    ranges = paragraphs(text)
    pieces = scan(text, ranges)
    for piece in pieces:
        paragraph_start, paragraph_end = ranges[piece.paragraph]
        assert paragraph_start <= piece.open_mark < piece.start < piece.end <= paragraph_end <= len(text)
        assert text[piece.open_mark] in ALL_MARKS or text[piece.open_mark:piece.open_mark + 2] in ("``", "''")
        if piece.close_mark is not None:
            assert piece.end <= piece.close_mark < paragraph_end
        quoted = text[piece.start:piece.end]
        assert quoted and quoted[0] not in TRIMMED and quoted[-1] not in TRIMMED
    starts = [piece.start for piece in pieces]
    assert starts == sorted(starts)


@MODEL_SETTINGS
@given(NEWSLIKE_TEXT)
def test_engine_on_arbitrary_text(text):
    result = extract(text)
    event(f"quotes found: {min(len(result['quotes']), 2)}{'+' if len(result['quotes']) >= 2 else ''}")
    assert_offsets_index(text, result)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(ANY_CHARACTER),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4),
    max_leaves=12)
# Valid-looking requests with arbitrary text, objects with the contract's keys holding anything,
# and any JSON at all.
REQUEST_BODIES = st.one_of(
    st.fixed_dictionaries({"text": NEWSLIKE_TEXT}, optional={"id": st.none() | st.text(ANY_CHARACTER, max_size=30)}),
    st.fixed_dictionaries({}, optional={"text": JSON_VALUES, "id": JSON_VALUES, "extra": JSON_VALUES}),
    JSON_VALUES)


@MODEL_SETTINGS
@given(REQUEST_BODIES)
def test_api_on_arbitrary_json_bodies(app, body):
    # json.dumps writes lone surrogates and non-finite floats as a lenient client would
    response = app.test_client().post("/v1/quotes", data=json.dumps(body), content_type="application/json")
    event(f"status {response.status_code}")
    if response.status_code == 200:
        assert_offsets_index(body["text"], response.get_json())
    else:
        assert_problem(response, response.status_code)
        assert response.status_code in (400, 422)


# Batches of up to one more than the limit, with valid, invalid and any documents.
BATCH_BODIES = st.one_of(
    st.fixed_dictionaries({"documents": st.lists(REQUEST_BODIES, max_size=5)}),
    st.fixed_dictionaries({}, optional={"documents": JSON_VALUES}),
    JSON_VALUES)


@pytest.fixture(scope="module")
def small_batch_app(app, app_config):
    """An app that takes 4 documents per batch, so that some generated batches go over the limit."""
    return create_app({**app_config, "RATELIMIT_ENABLED": False, "MAX_BATCH_DOCS": 4})


@MODEL_SETTINGS
@given(BATCH_BODIES)
def test_batch_on_arbitrary_json_bodies(small_batch_app, body):
    response = small_batch_app.test_client().post("/v1/quotes/batch", data=json.dumps(body), content_type="application/json")
    event(f"status {response.status_code}")
    if response.status_code != 200:
        assert_problem(response, response.status_code)
        assert response.status_code in (400, 422)
        return
    slots = response.get_json()["results"]
    assert len(slots) == len(body["documents"])
    for document, slot in zip(body["documents"], slots):
        if "error" in slot:
            assert slot["error"]["status"] == 422
        else:
            assert_offsets_index(document["text"], slot)


@MODEL_SETTINGS
@given(st.binary(max_size=300), st.sampled_from(["application/json", "text/plain", "text/plain; charset=latin-1",
                                                  "text/plain; charset=utf-16", "application/x-www-form-urlencoded",
                                                  "application/pdf", ""]))
def test_api_on_arbitrary_bytes(app, data, content_type):
    response = app.test_client().post("/v1/quotes", data=data, headers={"Content-Type": content_type} if content_type else {})
    event(f"status {response.status_code}")
    if response.status_code != 200:
        assert_problem(response, response.status_code)
        assert response.status_code in (400, 415, 422)
