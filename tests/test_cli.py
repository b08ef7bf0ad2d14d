"""The `quotes` command line, on the real models and a real article."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
from test_api import ARTICLE
from test_batch_html import as_cms_html, assert_offsets_index

import quotes
import quotes.batch
from quotes.anchors import anchor
from quotes.cli import main

QUOTES_SCRIPT = Path(sys.executable).parent / "quotes"  # the console script of the installed project


def write_jsonl(path: Path, records: list) -> Path:
    path.write_text("".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records), encoding="utf-8")
    return path


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture()
def engine_calls(monkeypatch):
    """The ids each call of the engine received (a spy: the real engine still runs)."""
    calls = []
    real = quotes.batch.extract_each

    def spy(texts, doc_ids=None, deadline=None):
        if texts:  # a call without documents does no work
            calls.append(list(doc_ids))
        return real(texts, doc_ids, deadline)

    monkeypatch.setattr(quotes.batch, "extract_each", spy)
    return calls


@pytest.fixture()
def records(seed_article):
    return [{"id": "seed", "text": seed_article}, {"id": 7, "html": as_cms_html(ARTICLE)},
            {"id": "empty", "text": "  "}, ["not", "an", "object"], {"text": ARTICLE}]


def test_extract_prints_the_result_of_one_article_from_the_console_script(tmp_path):
    article = tmp_path / "story.html"
    article.write_text(as_cms_html(ARTICLE), encoding="utf-8")
    run = subprocess.run([str(QUOTES_SCRIPT), "extract", str(article), "--id", "story-1"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["id"] == "story-1" and result["text"].split("\n\n") == ARTICLE.split("\n")
    assert [q["speaker"]["name"] for q in result["quotes"] if q["kind"] == "direct"] == ["Maria Lopez", "Maria Lopez"]
    assert_offsets_index(result["text"], result)


def test_extract_reads_standard_input(monkeypatch, capsys, seed_article):
    monkeypatch.setattr(sys, "stdin", __import__("io").StringIO(seed_article))
    assert main(["extract", "-"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result == {**anchor(quotes.extract(seed_article), seed_article), "meta": result["meta"]}
    assert_offsets_index(seed_article, result)


def test_batch_writes_one_line_per_record_in_order_with_errors_in_place(tmp_path, records, engine_calls):
    source, target = write_jsonl(tmp_path / "in.jsonl", records), tmp_path / "out.jsonl"
    assert main(["batch", str(source), str(target), "--batch-size", "8"]) == 0
    seed, html, empty, not_object, anonymous = read_jsonl(target)
    assert engine_calls == [["seed", "7", "line-5"]]  # the valid documents, parsed together
    assert seed["id"] == "seed" and seed["quotes"] == anchor(quotes.extract(records[0]["text"], "seed"), records[0]["text"])["quotes"]
    assert html["id"] == "7" and html["text"].split("\n\n") == ARTICLE.split("\n")
    assert_offsets_index(html["text"], html)
    assert empty == {"id": "empty", "error": "text: text is empty."}
    assert not_object["id"] == "line-4" and "error" in not_object
    assert anonymous["id"] == "line-5" and [q["kind"] for q in anonymous["quotes"]].count("direct") == 2


def test_batch_resumes_after_the_finished_ids_and_redoes_a_torn_last_line(tmp_path, records, engine_calls):
    source, target = write_jsonl(tmp_path / "in.jsonl", records), tmp_path / "out.jsonl"
    assert main(["batch", str(write_jsonl(tmp_path / "first.jsonl", records[:2])), str(target)]) == 0
    finished = target.read_text(encoding="utf-8")
    with target.open("a", encoding="utf-8") as out:
        out.write('{"id": "empty", "err')  # a line cut short when the last run was killed

    assert main(["batch", str(source), str(target), "--batch-size", "2"]) == 0
    assert engine_calls == [["seed", "7"], ["line-5"]]  # nothing finished is extracted again
    text = target.read_text(encoding="utf-8")
    assert text.startswith(finished)  # finished lines untouched, appended after
    assert [line["id"] for line in read_jsonl(target)] == ["seed", "7", "empty", "line-4", "line-5"]

    assert main(["batch", str(source), str(target)]) == 0  # all done: nothing to do
    assert target.read_text(encoding="utf-8") == text and len(engine_calls) == 2


def test_an_interrupted_batch_keeps_every_finished_result(tmp_path, records, monkeypatch, capsys):
    source, target = write_jsonl(tmp_path / "in.jsonl", records), tmp_path / "out.jsonl"
    real = quotes.batch.extract_each
    calls = []

    def interrupted_on_the_second_batch(texts, doc_ids=None, deadline=None):
        calls.append(doc_ids)
        if len(calls) == 2:
            raise KeyboardInterrupt  # Ctrl-C while the engine works
        return real(texts, doc_ids, deadline)

    monkeypatch.setattr(quotes.batch, "extract_each", interrupted_on_the_second_batch)
    assert main(["batch", str(source), str(target), "--batch-size", "1"]) == 130
    assert "resume" in capsys.readouterr().err
    (seed,) = read_jsonl(target)
    assert seed["id"] == "seed" and seed["quotes"]


def test_unreadable_input_is_a_clear_error(tmp_path, capsys):
    assert main(["batch", str(tmp_path / "missing.jsonl"), str(tmp_path / "out.jsonl")]) == 2
    assert "missing.jsonl" in capsys.readouterr().err
    empty = tmp_path / "empty.html"
    empty.write_text("<nav>Home</nav>", encoding="utf-8")
    assert main(["extract", str(empty)]) == 2
    assert "no article text" in capsys.readouterr().err
