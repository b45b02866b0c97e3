"""The one message catalogue: every user-facing text, zh-CN first, English second.

Why a package of its own: bot, handlers, storage (roster validation errors) and nlp (CLI errors)
all speak to people, and the import direction only allows them to share a package below them all.
Areas keep their messages in their own module (``catalog_<area>.py``) so the catalogue stays one
lookup without one file that every change touches.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import import_module
from pkgutil import iter_modules

LOCALES = ("zh", "en")
DEFAULT_LOCALE = "zh"


def _load() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for info in iter_modules(__path__):
        if not info.name.startswith("catalog_"):
            continue
        module = import_module(f"{__name__}.{info.name}")
        messages: Mapping[str, tuple[str, str]] = module.MESSAGES
        clash = merged.keys() & messages.keys()
        if clash:
            raise RuntimeError(f"message ids defined twice: {sorted(clash)}")
        merged.update(messages)
    return merged


MESSAGES: dict[str, tuple[str, str]] = _load()


def normalize_locale(code: str | None) -> str:
    """Map a client's language code (``en-US``, ``zh-hans``) to one of ours."""
    if code and code.lower().startswith("en"):
        return "en"
    return DEFAULT_LOCALE


def t(key: str, locale: str | None = None, /, **params: object) -> str:
    """Render message ``key`` in ``locale``; a missing id is a programming error, so it raises."""
    zh, en = MESSAGES[key]
    template = en if normalize_locale(locale) == "en" else zh
    return template.format(**params) if params else template
