"""Writes the semi-automatic expectations of bench/structure.py: the 72 Nipissing minutes.

    python bench/structure_expect.py [--corpus ../shared/corpus]

How (independent of Referat's readers: pypdf's text layer read here, nothing from ingest/):
every resolution starts a line with its number and its movers ("R2024-027 T. Butler, D. Yemm:");
that line is an item, numbered as printed ("R2024-19", "R2024-019B"); a line that starts with a
resolution number quoted in running text ("R2022-35 and the financing …") has no movers and is
not one. Resolutions print no title and no case number. A decision is present when the
resolution has text (Carried, Defeated or Deferred alike); R2025-194 holds only "Missing
Information to be revisited". The date is the weekday line under "MINUTES", the body the Council.
Checked: eight documents read whole by eye (SAMPLE) agree; resolution numbers run on without a gap
from each meeting to the next within a year (one gap, R2024-098 to 100, belongs to a meeting that is
not in the corpus; R2025-217 is printed twice, in two meetings, and kept as printed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import warnings
from pathlib import Path

import pypdf

EXPECTED = Path(__file__).resolve().parent / "structure" / "expected"
# read whole by eye; the derivation agrees with every one of them
SAMPLE = frozenset(
    {
        "Minutes-February-6-2024.pdf",
        "Minutes-January-16-2024.pdf",
        "Minutes-October-28-2025.pdf",
        "Minutes-January-10-2024-Special.pdf",
        "Minutes-October-3-2023.pdf",
        "Minutes-February-21-2023.pdf",
        "Minutes-May-28-2024.pdf",
        "Minutes-December-19-2023.pdf",
    }
)
_HEAD = re.compile(r"^\s*(R20\d\d-\d+[A-Z]?)\s*:?\s*(?:\d?[A-Z]\.\s?\S.*)?$")
# a resolution's text (on its number's line or below) says what was resolved or what became of it
_RESOLVED = re.compile(r"\b(?:carried|defeated|deferred|passed|that|whereas|resolved)\b", re.I)
_DATE = re.compile(
    r"^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\w+ \d{1,2}, \d{4})", re.M
)


def _text(path: Path) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reader = pypdf.PdfReader(str(path))
        return "\n".join(page.extract_text() or "" for page in reader.pages)


def nipissing(path: Path) -> dict[str, object]:
    """The expectation of one Nipissing minutes PDF."""
    text = _text(path)
    lines = text.split("\n")
    heads = [(i, m.group(1)) for i, line in enumerate(lines) if (m := _HEAD.match(line))]
    items = []
    for k, (start, number) in enumerate(heads):
        end = heads[k + 1][0] if k + 1 < len(heads) else len(lines)
        body = " ".join(lines[start:end])
        resolved = _RESOLVED.search(body) is not None
        items.append({"number": number, "title": None, "case_number": None, "decision": resolved})
    found = _DATE.search(text)
    if found is None:
        raise SystemExit(f"{path.name}: no meeting date line")
    date = dt.datetime.strptime(found.group(1), "%B %d, %Y").date()
    how = "by eye" if path.name in SAMPLE else "derived (bench/structure_expect.py)"
    return {
        "documents": [f"nipissing/{path.name}"],
        "format": "Nipissing resolution minutes PDF",
        "source": f"{how}: resolutions 'R2024-027 T. Butler, D. Yemm:' are the items",
        "meetings": [
            {
                "date": date.isoformat(),
                "body": ["Council", "Township of Nipissing Council"],
                "items": items,
            }
        ],
    }


def dump(expectation: dict[str, object]) -> str:
    """An expectation as JSON a person can read and edit: one line per item."""
    text = json.dumps(expectation, ensure_ascii=False, indent=1)
    # an item's four fields on one line
    return re.sub(
        r"\{\n\s*(\"number\"[^{}]*?)\n\s*\}",
        lambda m: "{" + re.sub(r",\n\s*", ", ", m.group(1)) + "}",
        text,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    args = parser.parse_args()
    target = EXPECTED / "nipissing"
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted((args.corpus / "nipissing").glob("*.pdf")):
        expectation = nipissing(path)
        (target / f"{path.name}.json").write_text(dump(expectation) + "\n", encoding="utf-8")
        print(path.name, len(expectation["meetings"][0]["items"]))  # type: ignore[index]


if __name__ == "__main__":
    main()
