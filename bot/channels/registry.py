"""Channels linli can run, by name: adding a channel is one module with ``build`` plus one line here."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.settings import Settings


@dataclass(frozen=True, slots=True)
class RunOptions:
    settings: Settings
    on_incoming: Any  # async callable(Incoming) -> None, the runtime's entry point
    listen: str | None = None  # HOST:PORT for servers (web, Telegram webhook)
    framework: str = "ptb"
    mode: str = "polling"
    # The process's database access, for channels that keep state of their own (web history);
    # shared so SQLite's single connection is not opened twice.
    uow_factory: Any = None


CHANNELS: dict[str, str] = {
    "console": "bot.channels.console:build",
    "telegram": "bot.channels.telegram:build",
    "web": "bot.channels.web:build",
}


def build(name: str, options: RunOptions) -> Any:
    module, _, attr = CHANNELS[name].partition(":")
    return getattr(importlib.import_module(module), attr)(options)

# --- extensions below ---


def known(name: str) -> bool:
    return name in CHANNELS


def factory(name: str, options: RunOptions) -> Any:
    """A ``Runtime`` channel factory: the runtime calls it with its ``on_incoming``."""
    from dataclasses import replace

    return lambda on_incoming: build(name, replace(options, on_incoming=on_incoming))
