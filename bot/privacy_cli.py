"""``linli privacy retain [--dry-run]``: apply the roster's retention period now.

Why a command besides the daily job: an operator must be able to see what the retention period
would erase (``--dry-run``) before it first runs, and to run it at once after shortening it.
"""

from __future__ import annotations

import asyncio
from typing import Annotated

import typer
from rich.console import Console

from bot.app import App, build_app, configure_logging, utc_now
from bot.settings import SettingsError, load_settings
from handlers.privacy import RetentionResult, retention
from i18n import t

console = Console()
err = Console(stderr=True)


def retain(
    dry_run: Annotated[bool, typer.Option("--dry-run", help=t("privacy.cli.dry_run_help"))] = False,
) -> None:
    """按保留期匿名化已结束的案件 / anonymise ended cases past the retention period."""
    try:
        settings = load_settings()
    except SettingsError as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    configure_logging(settings.log_level)
    locale = settings.locale

    async def _main() -> RetentionResult:
        application: App = build_app(settings)
        try:
            return await retention(application.uow_factory, utc_now(), dry_run=dry_run)
        finally:
            await application.close()

    try:
        result = asyncio.run(_main())
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
    privacy_app = typer.Typer(help="隐私：数据保留期 / privacy: data retention.", no_args_is_help=True)
    privacy_app.command("retain", help=t("privacy.cli.retain_help"))(retain)
    app.add_typer(privacy_app, name="privacy")
