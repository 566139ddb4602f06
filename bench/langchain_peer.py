"""The LangChain tutorial recipe, as the benchmarks' peer: RecursiveCharacterTextSplitter(1000,
200) over one Document per agenda item, stored with `Chroma.add_documents`, embedded by the
same e5 model as Referat (so the comparison is about the pipeline, not the model)."""

from __future__ import annotations

from langchain_chroma import Chroma
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_text_splitters import RecursiveCharacterTextSplitter

from assistant.embedder import Embedder
from assistant.model import AgendaItem, Meeting

__all__ = ["E5Embeddings", "index", "item_document", "split"]

BATCH = 256


class E5Embeddings(Embeddings):
    """LangChain's embedding interface over one of Referat's embedders."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embedder.passages(list(texts)).tolist()  # type: ignore[no-any-return]

    def embed_query(self, text: str) -> list[float]:
        return self.embedder.query(text).tolist()  # type: ignore[no-any-return]


def item_document(item_id: str, item: AgendaItem, meeting: Meeting) -> Document:
    """An agenda item as the tutorial would load it: title and sections as one text."""
    text = "\n\n".join([item.title, *(f"{s.heading}\n{s.text}" for s in item.sections)])
    return Document(
        page_content=text,
        metadata={
            "item_id": item_id,
            "source": meeting.source,
            "item_number": item.number or "",
            "case_number": item.case_number or "",
            "body": meeting.body or "",
            "date": meeting.date.isoformat() if meeting.date else "",
        },
    )


def split(documents: list[Document]) -> list[Document]:
    return RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200).split_documents(
        documents
    )


def index(chunks: list[Document], embedder: Embedder, folder: str, log: bool = False) -> Chroma:
    """The chunks in a Chroma collection at `folder` (kept when it already holds them all)."""
    store = Chroma(
        collection_name="langchain-peer",
        embedding_function=E5Embeddings(embedder),
        persist_directory=folder,
    )
    if store._collection.count() != len(chunks):
        store.reset_collection()
        for start in range(0, len(chunks), BATCH):
            store.add_documents(chunks[start : start + BATCH])
            if log:
                print(f"  {min(start + BATCH, len(chunks))}/{len(chunks)} chunks", flush=True)
    return store
