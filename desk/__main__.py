"""python -m desk upgrade|check: bring the archive's schema to the newest migration, or check that it is.

The database is QUOTES_DATABASE_URL (default: a SQLite file under ./data/).
"""
import sys

from desk import db


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "upgrade"
    if command == "upgrade":
        db.upgrade()
        current, _ = db.schema_state()
        print(f"archive schema at {current}")
        return 0
    if command == "check":
        try:
            db.check_schema()
        except db.ArchiveNotReady as behind:
            print(behind, file=sys.stderr)
            return 3
        print("archive schema is current")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
