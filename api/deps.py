"""What routes depend on, declared once as Annotated aliases."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request

from assistant.archive import Archive
from assistant.llm import ChatModel
from assistant.settings import Settings

__all__ = ["ArchiveDep", "Services", "ServicesDep", "SettingsDep"]


@dataclass
class Services:
    """Everything the app holds for its lifetime (one per app, no globals)."""

    settings: Settings
    archive: Archive
    chat_model: ChatModel | None = None
    # one writer at a time: uploads and deletes replace whole documents
    write_lock: threading.Lock = field(default_factory=threading.Lock)


def get_services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


ServicesDep = Annotated[Services, Depends(get_services)]


def get_archive(services: ServicesDep) -> Archive:
    return services.archive


def get_settings(services: ServicesDep) -> Settings:
    return services.settings


ArchiveDep = Annotated[Archive, Depends(get_archive)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
