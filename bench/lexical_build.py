"""Rebuilding the lexical index from the catalog: seconds and peak memory (not a test).

    python bench/lexical_build.py DATA_DIR

Any change to the archive (an ingest, an upload, a delete) makes the next reader rebuild the
BM25 index from the catalog, so its cost grows with the archive. Run it in a fresh process:
the peak resident memory reported (ru_maxrss) is this process's, nearly all of it the build.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.catalog import Catalog
from assistant.lexical import LexicalIndex


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", type=Path)
    args = parser.parse_args()
    catalog = Catalog(args.data_dir / "catalog.sqlite")
    started = time.perf_counter()
    index = LexicalIndex(catalog, catalog.generation(), include_closed=True)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(index):,} chunks: rebuilt in {seconds:.1f} s, peak resident memory {peak:,.0f} MB")
    catalog.close()


if __name__ == "__main__":
    main()
