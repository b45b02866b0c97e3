"""``linli privacy retain [--dry-run]``: apply the roster's retention period now.

Why a command besides the daily job: an operator must be able to see what the retention period
would erase (``--dry-run``) before it first runs, and to run it at once after shortening it.
"""

from __future__ import annotations

from typing import Annotated

import typer

from bot.app import App, utc_now
from bot.cliutil import console, err, help_text, run_with_app, settings_or_exit
from handlers.privacy import RetentionResult, retention
from i18n import t


def retain(
    dry_run: Annotated[bool, typer.Option("--dry-run", help=help_text("privacy.cli.dry_run_help"))] = False,
) -> None:
    settings = settings_or_exit()
    locale = settings.locale

    async def work(application: App) -> RetentionResult:
        return await retention(application.uow_factory, utc_now(), dry_run=dry_run)

    try:
        result = run_with_app(work, settings, prepare=True)
    except LookupError as exc:
        err.print(f"[red]{t('privacy.cli.no_district', locale)}[/red]")
        raise typer.Exit(1) from exc
    if result.days == 0:
        console.print(t("privacy.cli.forever", locale), soft_wrap=True)
        return
    key = "privacy.cli.dry" if dry_run else "privacy.cli.done"
    console.print(t(key, locale, days=result.days, cases=result.cases, residents=result.residents), soft_wrap=True)


def register(app: typer.Typer) -> None:
    """Add ``privacy retain`` to the ``linli`` command line."""
    privacy_app = typer.Typer(help=help_text("help.privacy"), no_args_is_help=True)
    privacy_app.command("retain", help=help_text("privacy.cli.retain_help"))(retain)
    app.add_typer(privacy_app, name="privacy")
