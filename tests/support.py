"""What the test files share: a sample sentence, the problem+json contract, offsets into the
submitted text, free loopback ports for the servers the tests start, and the files of ../shared."""
import json
import socket
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"  # corpus and models, never copied into the project

SENTENCE = "“We will not back down,” said Maria Lopez, a spokeswoman for the Chicago Teachers Union."
# 150 reporting sentences of 120 words (18,000 words, all of them to parse): several seconds of
# Stanza on one thread, in one stage at a time, far past any deadline the tests set.
SLOW_TEXT = " ".join(["Officials said that " + "the plan " * 58 + "was fine."] * 150)

# What a traceback or a framework error page would leave in a body.
LEAK_MARKERS = ("Traceback", 'File "', "<html", "<!doctype", "werkzeug", "Exception:")


def assert_problem(response, status, detail_part=""):
    """An RFC 9457 body with this status: JSON, never HTML, never a traceback."""
    assert response.status_code == status, (response.status_code, response.get_data(as_text=True)[:300])
    assert response.mimetype == "application/problem+json"
    raw = response.get_data(as_text=True)
    assert not any(marker.lower() in raw.lower() for marker in LEAK_MARKERS), raw
    body = json.loads(raw)
    assert body["status"] == status and body["title"] and body["type"]
    assert detail_part.lower() in body["detail"].lower(), body
    return body


def assert_span(text, start, end):
    assert 0 <= start < end <= len(text), (start, end, len(text))


def assert_offsets_index(text, result):
    """Every offset of an engine result indexes `text`, and every piece of text in it is that slice."""
    for quote in result["quotes"]:
        for span in quote["spans"]:
            assert_span(text, span["start"], span["end"])
        assert quote["text"] == " ".join(text[s["start"]:s["end"]] for s in quote["spans"])
        for part, field in (("speaker", "mention"), ("cue", "text"), ("content", "text")):
            piece = quote.get(part)
            if piece:
                assert_span(text, piece["start"], piece["end"])
                assert text[piece["start"]:piece["end"]] == piece[field], (part, piece)
        if quote["affiliation"]:
            assert_span(text, quote["affiliation"]["start"], quote["affiliation"]["end"])
    for speaker in result["speakers"]:
        for mention in speaker["mentions"]:
            assert_span(text, mention["start"], mention["end"])


def free_port() -> int:
    """A TCP port nothing listens on at the moment, on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def require_shared(path: Path) -> Path:
    """`path`, a file or directory under ../shared; the test fails, saying so, when it is missing (CI must not
    pass without the accuracy and corpus tests)."""
    if not path.exists():
        pytest.fail(f"{path} is missing: this test needs ../shared (the project's corpus and models) beside the "
                    "project", pytrace=False)
    return path
