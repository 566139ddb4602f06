"""Dev questions as people type them (not a test): is the same item still cited first?

    python bench/typed_variants.py --data-dir /path/to/archive [--questions dev.jsonl]

Every answerable Danish or Norwegian question is asked as written and in five typed variants,
made by rule, not by hand, so no variant was tuned for: lower case without punctuation; æ/ø/å
typed as ae/oe/aa; and in its longest word (six letters or more) a letter left out, two
letters swapped, or a letter doubled (a double one made single). For each variant: the share
answered at all, and the share whose first citation is an expected item. Variants that are
refused are listed.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.answering import ask
from assistant.archive import Archive
from assistant.evaluation import load_questions, matches
from assistant.settings import Settings

VOWELS = "aeiouyæøå"


def _longest(question: str) -> str | None:
    words = re.findall(r"[^\W\d_]{6,}", question)
    return max(words, key=len) if words else None


def _in_longest(change: Callable[[str], str | None]) -> Callable[[str], str | None]:
    def changed(question: str) -> str | None:
        word = _longest(question)
        new = change(word) if word else None
        return question.replace(word, new, 1) if word and new else None

    return changed


def _left_out(word: str) -> str:
    middle = len(word) // 2
    return word[:middle] + word[middle + 1 :]


def _swapped(word: str) -> str:
    middle = len(word) // 2
    return word[:middle] + word[middle + 1] + word[middle] + word[middle + 2 :]


def _doubled(word: str) -> str | None:
    for i in range(1, len(word) - 1):
        if word[i] == word[i + 1]:
            return word[:i] + word[i + 1 :]
    for i in range(len(word) // 2, len(word) - 1):
        if word[i] not in VOWELS:
            return word[: i + 1] + word[i:]
    return None


def _ascii(question: str) -> str:
    for letter, typed in (
        ("æ", "ae"),
        ("ø", "oe"),
        ("å", "aa"),
        ("Æ", "Ae"),
        ("Ø", "Oe"),
        ("Å", "Aa"),
    ):
        question = question.replace(letter, typed)
    return question


VARIANTS: dict[str, Callable[[str], str | None]] = {
    "as written": lambda q: q,
    "lower case, no punctuation": lambda q: re.sub(r"[?!.,]", "", q).lower(),
    "ae/oe/aa for æ/ø/å": _ascii,
    "a letter left out": _in_longest(_left_out),
    "two letters swapped": _in_longest(_swapped),
    "a letter doubled or undoubled": _in_longest(_doubled),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--questions", type=Path, default=Path("../shared/eval/dev.jsonl"))
    args = parser.parse_args()
    questions = [
        q for q in load_questions(args.questions) if q.kind != "none" and q.lang in ("da", "no")
    ]
    archive = Archive.open(Settings(data_dir=args.data_dir))
    refused: list[str] = []
    print("| variant | questions | answered | first citation expected |\n|---|---|---|---|")
    try:
        for name, variant in VARIANTS.items():
            asked = answered = first = 0
            for q in questions:
                text = variant(q.q)
                if text is None or (text == q.q and name != "as written"):
                    continue  # nothing to vary (no æ/ø/å, no long word)
                answer = ask(archive, text, q.filters)
                asked += 1
                answered += answer.found
                first += bool(answer.citations) and any(
                    matches(e, answer.citations[0]) for e in q.expect
                )
                if not answer.found:
                    refused.append(f"{name}: {q.id} {text}")
            print(f"| {name} | {asked} | {answered / asked:.3f} | {first / asked:.3f} |")
    finally:
        archive.close()
    print("\nrefused:" if refused else "", *refused, sep="\n  ")


if __name__ == "__main__":
    main()
