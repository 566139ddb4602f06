"""The LangChain adapter: the only module that imports LangChain.

Talks to any OpenAI-compatible chat endpoint (Ollama, vLLM, llama.cpp server, Azure/OpenAI).
Every failure — refused connection, timeout, HTTP error, empty reply — becomes a
LanguageModelError, so the caller can fall back to the extractive answer.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from assistant.errors import ConfigurationError, LanguageModelError
from assistant.settings import Settings

__all__ = ["ChatModel"]


class ChatModel:
    """A configured chat model, answering one token at a time (a whole reply is the tokens
    joined: one code path for both)."""

    def __init__(self, settings: Settings) -> None:
        if not settings.llm_base_url or not settings.llm_model:
            raise ConfigurationError(
                "generative answers need REFERAT_LLM_BASE_URL and REFERAT_LLM_MODEL"
            )
        try:
            from langchain_openai import ChatOpenAI
        except ImportError as error:
            raise ConfigurationError(
                "generative answers need LangChain's OpenAI client: pip install '.[llm]'"
            ) from error
        self.name = settings.llm_model
        self.max_sources = settings.llm_max_sources  # items shown to the model per question
        self._model: Any = ChatOpenAI(
            base_url=settings.llm_base_url,
            model=settings.llm_model,
            api_key=settings.llm_api_key,  # type: ignore[arg-type]
            timeout=settings.llm_timeout,
            max_retries=0,  # a slow endpoint must not multiply the wait: we fall back instead
            temperature=0,
        )

    @staticmethod
    def _messages(system: str, user: str) -> list[tuple[str, str]]:
        return [("system", system), ("human", user)]

    def stream(self, system: str, user: str) -> Iterator[str]:
        try:
            for piece in self._model.stream(self._messages(system, user)):
                if piece.content:
                    yield str(piece.content)
        except Exception as error:
            raise LanguageModelError(f"the language model stopped answering: {error}") from error
