"""The command line (console script `quotes`):

    quotes extract FILE|-            the JSON result of one article (HTML when FILE ends in .html or with --html)
    quotes batch IN.jsonl OUT.jsonl  one result line per {"id", "text"|"html"} line of IN, resumable

`batch` appends to OUT and skips the ids OUT already has, so running it again after an interruption
carries on where it stopped. Each result line is flushed and synced to disk as soon as it is written.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from marshmallow import ValidationError
from tqdm import tqdm

from quotes.batch import extract_document, extract_documents
from quotes.html_text import read_html
from schemas.quotes import QuoteRequestSchema, describe

INTERRUPTED = 130  # the shell's code for a program stopped by Ctrl-C


class InvalidRecord(ValueError):
    """A line of the batch input that is not JSON; it gets an error line."""


def read_records(path: Path, id_field: str = "id") -> Iterator[tuple[str, object]]:
    """(id, record) for each non-blank line; a line without an id is called "line-N" (N counts from 1)."""
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                yield f"line-{number}", InvalidRecord(f"not JSON: {error}")
                continue
            record_id = record.get(id_field) if isinstance(record, dict) else None
            yield (str(record_id) if record_id is not None else f"line-{number}"), record


def finished_ids(path: Path) -> set[str]:
    """The ids OUT already has. A last line cut short by an interruption is removed, so it gets redone."""
    if not path.exists():
        return set()
    data = path.read_bytes()
    complete = data[:data.rfind(b"\n") + 1]
    if len(complete) < len(data):
        with path.open("r+b") as out:
            out.truncate(len(complete))
    return {json.loads(line)["id"] for line in complete.decode("utf-8").splitlines() if line.strip()}


def write_line(out, entry: dict) -> None:
    out.write(json.dumps(entry, ensure_ascii=False) + "\n")
    out.flush()
    os.fsync(out.fileno())  # a finished result survives a crash or a kill right after


def process(chunk: list[tuple[str, object]], request_schema: QuoteRequestSchema) -> Iterator[dict]:
    """The output lines of a few records, in order; the valid ones go through the engine together. A record is
    validated as the API validates a document."""
    documents: list[dict | str] = []  # a loaded document, or why the record is invalid
    for record_id, record in chunk:
        try:
            if isinstance(record, InvalidRecord):
                raise record
            if isinstance(record, dict):  # the line's id, whatever its JSON type, is already record_id
                record = {key: value for key, value in record.items() if key != "id"}
            documents.append({**request_schema.load(record), "id": record_id})
        except InvalidRecord as error:
            documents.append(str(error))
        except ValidationError as error:
            documents.append(describe(error))
    for (record_id, _), document, result in zip(chunk, documents, extract_documents(documents)):
        if isinstance(document, str):
            yield {"id": record_id, "error": document}
        elif isinstance(result, Exception):
            yield {"id": record_id, "error": f"the engine failed: {type(result).__name__}"}
        else:
            yield {**result, "text": document["text"]} if document["html"] else result


def batch(source: Path, target: Path, batch_size: int) -> int:
    done = finished_ids(target)
    ids = [record_id for record_id, _ in read_records(source)]
    pending = (item for item in read_records(source) if item[0] not in done)
    request_schema = QuoteRequestSchema()
    errors = 0
    with target.open("a", encoding="utf-8") as out, \
            tqdm(total=len(ids), initial=sum(record_id in done for record_id in ids), unit="doc") as progress:
        while chunk := list(islice(pending, batch_size)):
            for entry in process(chunk, request_schema):
                write_line(out, entry)
                errors += "error" in entry
                progress.update()
    print(f"quotes: {target} has all {len(ids)} documents; {errors} failed in this run", file=sys.stderr)
    return 0


def extract_one(file: str, html: bool, doc_id: str | None) -> int:
    raw = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
    html = html or file.lower().endswith((".html", ".htm"))
    article = read_html(raw) if html else None
    text = article.text if article else raw
    if not text.strip():
        print(f"quotes: {file} has no article text", file=sys.stderr)
        return 2
    result = extract_document({"text": text, "id": doc_id, "posts": article.posts if article else [],
                               "markup": raw if html else None})
    print(json.dumps({**result, "text": text} if html else result, ensure_ascii=False, indent=2))
    return 0


def parser() -> argparse.ArgumentParser:
    commands = argparse.ArgumentParser(prog="quotes", description="Quotes, speakers and affiliations of news articles.")
    subcommands = commands.add_subparsers(dest="command", required=True)
    one = subcommands.add_parser("extract", help="print the JSON result of one article")
    one.add_argument("file", help="the article, plain text or HTML; - reads standard input")
    one.add_argument("--html", action="store_true", help="the input is HTML (implied by .html and .htm)")
    one.add_argument("--id", help="a client id, echoed in the result")
    many = subcommands.add_parser("batch", help="process a JSONL file of {id, text|html}, resuming an earlier run")
    many.add_argument("input", type=Path, help="JSONL: one {\"id\", \"text\"} or {\"id\", \"html\"} per line")
    many.add_argument("output", type=Path, help="JSONL results, appended; ids already there are skipped")
    many.add_argument("--batch-size", type=int, default=8, help="documents parsed together (default 8)")
    return commands


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        if args.command == "extract":
            return extract_one(args.file, args.html, args.id)
        return batch(args.input, args.output, max(1, args.batch_size))
    except KeyboardInterrupt:
        print("quotes: interrupted; every finished result is saved; run the same command to resume", file=sys.stderr)
        return INTERRUPTED
    except (OSError, UnicodeDecodeError) as error:
        print(f"quotes: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
