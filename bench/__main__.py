"""python -m bench [speed|load|runs|link|jobs|pages|desk]: the engine against the naive baseline, gunicorn under
load, text without spaces, linking one article into the desk's archive of 100,000 quotes, backfill workers, the
HTML reader on whole web pages, or the desk on the PolNeAR archive (links, alerts, the judged pairs)."""
import argparse
import sys
from pathlib import Path

parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
parser.add_argument("mode", nargs="?", default="speed",
                    choices=("speed", "load", "runs", "link", "jobs", "pages", "desk"))
parser.add_argument("--words", type=int, default=20_000, help="speed: words of text to run (at least)")
parser.add_argument("--requests", type=int, default=1000, help="load: requests to send")
parser.add_argument("--clients", type=int, default=4, help="load: concurrent clients")
parser.add_argument("--workers", type=int, help="load: gunicorn workers (default: the number of cores)")
parser.add_argument("--quotes", type=int, default=100_000,
                    help="link, desk: quotes in the generated archive (desk: 0 skips the link timing)")
parser.add_argument("--records", type=Path, help="desk: the engine's results per article (JSONL of {doc_id, "
                                                 "result}) instead of extracting through the backfill")
parser.add_argument("--database", help="desk: the archive's database URL (default: a fresh SQLite file)")
args = parser.parse_args()
if args.mode == "speed":
    from bench import speed

    sys.exit(speed.main(args.words))
if args.mode == "runs":
    from bench import runs

    sys.exit(runs.main())
if args.mode == "link":
    from bench import link

    sys.exit(link.main(args.quotes))
if args.mode == "pages":
    from bench import pages

    sys.exit(pages.main())
if args.mode == "desk":
    from bench import desk

    sys.exit(desk.main(args.records, args.quotes, args.database))
if args.mode == "jobs":
    from bench import jobs

    sys.exit(jobs.main())
from bench import load

sys.exit(load.main(args.requests, args.clients, args.workers))
