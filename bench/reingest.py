"""Re-ingesting the same articles leaves exactly the same rows (issue #5).

    .venv/bin/python bench/reingest.py [--n 100] [--db /tmp/reingest.duckdb]

Runs ``sitrep ingest`` twice over the first N articles of LGL and GeoWebNews (read from
../shared/data at run time) into a fresh DuckDB file, and prints each table's row count
and content hash after each pass.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
TABLES = ("articles", "mentions", "events", "sources", "claims")
# Columns that record when a row was written, not what it says.
VOLATILE = {"ingested_at", "updated_at"}


def table_state(db: Path) -> dict[str, tuple[int, str]]:
    import duckdb

    state = {}
    with duckdb.connect(str(db), read_only=True) as con:
        for table in TABLES:
            columns = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall() if r[0] not in VOLATILE]
            rows = con.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY ALL").fetchall()
            digest = hashlib.sha1(repr(rows).encode("utf-8")).hexdigest()[:12]
            state[table] = (len(rows), digest)
    return state


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"skipped: {SHARED} not found")
        return 0
    workdir = Path(tempfile.mkdtemp(prefix="sitrep-reingest-"))
    db = args.db or workdir / "reingest.duckdb"
    source = workdir / "articles.jsonl"
    with source.open("w", encoding="utf-8") as out:
        written = 0
        for name in ("lgl/lgl.jsonl", "geowebnews/geowebnews.jsonl"):
            for line in (SHARED / name).open(encoding="utf-8"):
                if written >= args.n:
                    break
                record = json.loads(line)
                out.write(json.dumps({"id": record["id"], "text": record["text"], "title": record.get("title")}) + "\n")
                written += 1
    sitrep = Path(sys.executable).with_name("sitrep")
    states = []
    for attempt in (1, 2):
        subprocess.run([str(sitrep), "ingest", str(source), "--db", str(db), "--no-progress"], check=True)
        states.append(table_state(db))
        print(f"pass {attempt}: " + ", ".join(f"{t} {n} rows ({h})" for t, (n, h) in states[-1].items()))
    print("identical after re-ingest:", states[0] == states[1])
    return 0 if states[0] == states[1] else 1


if __name__ == "__main__":
    sys.exit(main())
