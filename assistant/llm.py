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
    """A configured chat model: `complete` for a whole reply, `stream` for one token at a time."""

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

    def complete(self, system: str, user: str) -> str:
        try:
            reply = self._model.invoke(self._messages(system, user))
        except Exception as error:  # every provider error means the same here: fall back
            raise LanguageModelError(f"the language model did not answer: {error}") from error
        text = str(reply.content or "")
        if not text.strip():
            raise LanguageModelError("the language model gave an empty answer")
        return text

    def stream(self, system: str, user: str) -> Iterator[str]:
        try:
            for piece in self._model.stream(self._messages(system, user)):
                if piece.content:
                    yield str(piece.content)
        except Exception as error:
            raise LanguageModelError(f"the language model stopped answering: {error}") from error
