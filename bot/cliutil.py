"""What every ``linli`` command needs: settings or a clear exit, and the app for one async run.

Why a module of its own: the command modules (``cli``, ``report_cli``, ``privacy_cli``,
``run_cli``) share it without importing each other.
"""

from __future__ import annotations

import asyncio
import functools
import os
from collections.abc import Awaitable, Callable
from typing import TypeVar

import typer
from rich.console import Console

from bot.app import App, build_app, configure_logging, prepare_database
from bot.settings import Settings, SettingsError, load_settings
from i18n import normalize_locale, t

console = Console()
err = Console(stderr=True)
T = TypeVar("T")


def cli_locale() -> str:
    """The command line's language: ``LINLI_LOCALE`` or linli.toml's ``locale``."""
    try:
        return load_settings().locale
    except SettingsError:  # the command itself will report the bad settings; help still shows
        return normalize_locale(os.environ.get("LINLI_LOCALE"))


# Help texts are rendered once per process, when the commands are declared.
_help_locale = functools.cache(cli_locale)


def help_text(key: str) -> str:
    """A command's or option's ``--help`` text from the catalogue, in the operator's language."""
    return t(key, _help_locale())


def settings_or_exit(quiet: bool = False) -> Settings:
    """Settings, or a clear message and exit 2. ``quiet``: the console's own output is the
    conversation, so logs stay at WARNING unless LINLI_LOG_LEVEL asks for more."""
    try:
        settings = load_settings()
    except SettingsError as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    explicit = "log_level" in settings.model_fields_set
    configure_logging(settings.log_level if explicit or not quiet else "WARNING")
    return settings


def run_with_app(
    work: Callable[[App], Awaitable[T]], settings: Settings | None = None, *, prepare: bool = False
) -> T:
    """Build the app, run ``work`` on it and always dispose of the engine. ``prepare``: migrate
    the database and import the roster first when it has none (commands that need cases)."""
    settings = settings or settings_or_exit()

    async def _main() -> T:
        application = build_app(settings)
        try:
            if prepare:
                await prepare_database(application)
            return await work(application)
        finally:
            await application.close()

    return asyncio.run(_main())


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print ``message`` in red on stderr; ``raise fail(...)`` ends the command with ``code``."""
    err.print(f"[red]{message}[/red]")
    return typer.Exit(code)
