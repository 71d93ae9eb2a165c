"""Throughput of selon's full analysis against bare spaCy, per language (same code as `selon bench`).

    .venv/bin/python benchmarks/bench_analyze.py [ARTICLES...] [--texts N] [--repeats R] [--json]

Without articles it times the gold articles (../shared/gold) and the bundled example.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rich.console import Console

from selon import bench
from selon.errors import SelonError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", nargs="*", type=Path)
    parser.add_argument("--texts", type=int, default=None, help="use only the first N texts")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs of each article in each mode (the fastest counts)")
    parser.add_argument("--json", action="store_true", help="print the measurements as JSON")
    args = parser.parse_args(argv)
    try:
        results = bench.run(bench.load_texts(args.articles or None, limit=args.texts), repeats=args.repeats)
    except SelonError as err:
        print(f"bench_analyze: {err}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps([r.as_dict() for r in results], indent=2))
    else:
        Console().print(bench.render(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
