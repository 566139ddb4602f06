"""Rebuilding the lexical index from the catalog: seconds and peak memory (not a test).

    python bench/lexical_build.py DATA_DIR

The first ingest builds the BM25 index from the whole catalog, and so does a merge of its
delta (after ~5 % of it changed, see assistant/lexical.py) or an index too far behind the
catalog's log; every other change updates it (bench/lexical_incremental.py measures that).
Run it in a fresh process: the peak resident memory reported (ru_maxrss) is this process's,
nearly all of it the build.
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
    index = LexicalIndex.build(catalog, include_closed=True)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(index):,} chunks: rebuilt in {seconds:.1f} s, peak resident memory {peak:,.0f} MB")
    catalog.close()


if __name__ == "__main__":
    main()
