"""Structure benchmark: how well the readers find each document's meeting and agenda items.

    python bench/structure.py [--corpus ../shared/corpus] [--extra DIR]... [--only TEXT]
                              [--details] [--json]

Every document of ../shared/corpus is read with `read_source`, the single entry point ingest
uses, and compared with an expectation that does not come from the readers:
- bench/structure/expected/**.json: read off the documents by eye (the PDFs' text layer, the
  XML, the web pages; bench/structure/README.md says how), one file per document or per set of
  byte-identical documents; Nipissing's 72 minutes derived from their resolution lines by
  bench/structure_expect.py and checked (its docstring says how);
- Greve's 369 portal JSON files: derived here, mechanically, from the portal's own fields with
  the few lines of `greve_expectations` (Udvalg.Navn, Moede.Dato, Dagsordenpunkter[].Punktnummer,
  Navn, SagsNummer; a decision when a "Beslutning" heading has text under it, or the portal's
  unheaded decision paragraph, or a closed item ("Lukket: …") has any text, since the portal
  publishes only a closed item's decision), not from ingest/readers/greve.py;
- --extra DIR: minutes from elsewhere, each DIR/**/NAME.expected.json beside its documents
  (same format, document paths relative to it), scored the same way in their own rows.
Items are matched by number, else by title similarity. Scores: items found (recall and
precision), titles exact after whitespace normalisation (and how many wrong ones were cut or run
on at a line break: "wrapped"), case numbers of those printed, decisions present or not, meeting
dates and bodies, refusals of what must be refused. One table, a row per folder and format.
Exits non-zero only when the benchmark cannot run a document (missing file, reader crash).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sys
import time
import traceback
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.errors import InputError
from assistant.model import Meeting
from bench.structure_score import (
    COUNTS,
    Expectation,
    ExpectedItem,
    ExpectedMeeting,
    Score,
    load_expectations,
    score,
)
from ingest.fallback import fell_back
from ingest.readers.registry import read_source
from ingest.source import SourceFile

EXPECTED = Path(__file__).resolve().parent / "structure" / "expected"
# files in the corpus that are no documents
_NOT_DOCUMENTS = re.compile(r"(^|/)(README\.md|LICENSE[^/]*)$")
# (label, numerator, denominator) of each printed rate
RATES = (
    ("items recall", "matched", "items"),
    ("items precision", "matched", "found"),
    ("titles", "titles_ok", "titles"),
    ("case numbers", "cases_ok", "cases"),
    ("decisions", "decisions_ok", "decisions"),
    ("dates", "dates_ok", "dates"),
    ("bodies", "bodies_ok", "bodies"),
    ("refusals", "refusals_ok", "refusals"),
)


def _visible(html: str) -> str:
    return re.sub(r"<[^>]+>|&nbsp;|\s", "", html)


def _decided(html: str, closed: bool) -> bool:
    """A 'Beslutning' heading with text before the next heading; the portal's unheaded decision
    paragraph; or a closed item's text (the portal publishes only a closed item's decision)."""
    if closed:
        return bool(_visible(html))
    head = re.split(r"<h\d", html)[0]  # the unheaded paragraph comes before any heading
    first = re.search(r'<p class="xsltFirstParagraph">(.*?)</p>', head, re.S)
    if first and _visible(first.group(1)):
        return True
    for part in re.split(r"<h3[^>]*>", html)[1:]:
        heading, _, rest = part.partition("</h3>")
        if _visible(heading) == "Beslutning":
            return bool(_visible(re.split(r"<h3", rest)[0]))
    return False


def greve_expectations(folder: Path) -> list[Expectation]:
    """Greve's portal JSON, expected straight from its fields."""
    expectations = []
    for path in sorted(folder.glob("*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        items = tuple(
            ExpectedItem(
                point.get("Punktnummer") or None,
                point.get("Navn") or None,
                point.get("SagsNummer") or None,
                _decided(
                    "".join(f.get("Html") or "" for f in point.get("Felter") or []),
                    (point.get("Navn") or "").casefold().startswith("lukket"),
                ),
            )
            for point in raw["Dagsordenpunkter"]
        )
        meeting = ExpectedMeeting(raw["Moede"]["Dato"][:10], (raw["Udvalg"]["Navn"],), items)
        expectations.append(
            Expectation(path, f"greve/{path.name}", "greve: FirstAgenda portal JSON", (meeting,))
        )
    return expectations


def run(expectation: Expectation) -> tuple[Score, str, str | None]:
    """Score one document: (score, reader label or refusal, crash trace or None)."""
    meetings: list[Meeting] | None
    crash = None
    try:
        result = read_source(SourceFile.from_path(expectation.document))
        meetings, reader = result.meetings, result.reader
    except InputError as error:
        meetings, reader = None, f"refused: {error.reason}"
    except Exception:  # a reader bug: reported, the other documents go on
        meetings, reader, crash = None, "crashed", traceback.format_exc(limit=3)
    scored = score(expectation, meetings)
    scored.counts["fallback"] += fell_back(reader)
    scored.counts["crashed"] += crash is not None
    return scored, reader, crash


def _rate(counts: Counter[str], top: str, bottom: str) -> str:
    return f"{counts[top] / counts[bottom]:.3f}" if counts[bottom] else "—"


def _table(rows: dict[str, Counter[str]]) -> list[str]:
    head = ["group", "docs", "items", *(label for label, _, _ in RATES), "wrapped", "fallback"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, counts in rows.items():
        cells = [name, str(counts["documents"]), str(counts["items"])]
        cells += [_rate(counts, top, bottom) for _, top, bottom in RATES]
        cells += [str(counts["wrapped"]), str(counts["fallback"])]
        lines.append("| " + " | ".join(cells) + " |")
    # Greve's 5,549 items outweigh everything else pooled: each folder counted once as well
    folders = [c for name, c in rows.items() if ":" not in name and name != "overall"]
    means = []
    for _, top, bottom in RATES:
        rates = [c[top] / c[bottom] for c in folders if c[bottom]]
        means.append(f"{sum(rates) / len(rates):.3f}" if rates else "—")
    lines.append("| mean of folders | | | " + " | ".join(means) + " | | |")
    return lines


def _unexpected(corpus: Path, expectations: list[Expectation]) -> list[str]:
    known = {e.document.resolve() for e in expectations}
    return sorted(
        str(p.relative_to(corpus))
        for p in corpus.rglob("*")
        if p.is_file()
        and p.resolve() not in known
        and not _NOT_DOCUMENTS.search(str(p.relative_to(corpus)))
    )


def _report(
    rows: dict[str, Counter[str]],
    documents: list[dict[str, Any]],
    missing: list[str],
    seconds: float,
    details: bool,
) -> None:
    print(
        f"{len(documents)} documents in {seconds:.1f} s; machine: {os.cpu_count()} cores, "
        f"{platform.machine()}, Python {platform.python_version()}"
    )
    print("\n".join(_table(rows)))
    if details:
        for document in documents:
            if document["problems"]:
                print(f"\n{document['document']} ({document['reader']}):")
                for problem in document["problems"][:40]:
                    print(f"  {problem}")
    if missing:
        print(f"\nno expectation yet for {len(missing)} corpus file(s):")
        print("\n".join(f"  {name}" for name in missing))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    parser.add_argument("--extra", type=Path, action="append", default=[], metavar="DIR")
    parser.add_argument("--only", help="only documents whose path or row holds this text")
    parser.add_argument("--details", action="store_true", help="what went wrong, per document")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    args = parser.parse_args()

    expectations = load_expectations(EXPECTED, args.corpus, "*.json")
    expectations += greve_expectations(args.corpus / "greve")
    missing = _unexpected(args.corpus, expectations)
    for extra in args.extra:
        expectations += load_expectations(extra, None, "*.expected.json", f"extra {extra.name}")
    if args.only:
        expectations = [e for e in expectations if args.only in f"{e.group} {e.name}"]

    started = time.perf_counter()
    rows: dict[str, Counter[str]] = defaultdict(Counter)
    documents: list[dict[str, Any]] = []
    errors: list[str] = []
    for expectation in expectations:
        if not expectation.document.is_file():
            errors.append(f"{expectation.name}: no such file")
            continue
        scored, reader, crash = run(expectation)
        for key in (expectation.group, expectation.group.split(":")[0], "overall"):
            rows[key].update(scored.counts)
        if crash is not None:
            errors.append(f"{expectation.name}: the reader crashed\n{crash}")
        documents.append(
            {"document": expectation.name, "group": expectation.group, "reader": reader,
             "counts": dict(scored.counts), "problems": scored.problems}
        )  # fmt: skip
    seconds = time.perf_counter() - started
    ordered = dict(sorted(rows.items(), key=lambda kv: (kv[0] == "overall", kv[0])))

    if args.json:
        print(json.dumps(
            {"rows": {name: {k: counts[k] for k in COUNTS} for name, counts in ordered.items()},
             "documents": documents, "without_expectation": missing,
             "errors": errors, "seconds": round(seconds, 1)},
            ensure_ascii=False,
        ))  # fmt: skip
    else:
        _report(ordered, documents, missing, seconds, args.details)
    for error in errors:
        print(error, file=sys.stderr)
    if errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
