"""``linli run``: the long-running bot process, serving one channel or several in one runtime.

``linli run --channel telegram --channel web --listen 0.0.0.0:8080`` (or ``LINLI_CHANNEL=telegram,web``)
builds each named channel through ``bot.channels.registry`` and hosts them all in ONE ``Runtime``:
one core, one tick for clocks and jobs, one outbox drain that claims only these channels' rows.
Why a module of its own with ``register(app)``: the channels and the runtime stay out of the
foundation CLI, which only gains one line calling ``register``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from contextlib import suppress
from typing import Annotated, Any
from urllib.parse import urlsplit

import typer

from bot.app import App, build_app, build_dispatcher, prepare_database, utc_now
from bot.channels import registry
from bot.channels.base import capabilities_of, parse_listen
from bot.channels.telegram import POSTGRES_CONCURRENCY, SQLITE_CONCURRENCY, TelegramConfigError  # noqa: F401
from bot.cliutil import err, help_text, settings_or_exit
from bot.ratelimit import Bucket, RateLimiter, Shared
from bot.runtime import Runtime
from bot.settings import Settings
from i18n import t

TOKEN_ENV = "LINLI_TELEGRAM_TOKEN"

log = logging.getLogger(__name__)


def shared_pace(uow_factory: Callable[[], Any], channel: str) -> Shared:
    """The limiter's ``shared``: one reservation in the chat's bucket in the database, in a
    transaction of its own committed at once (no row lock is held while the sender waits)."""

    async def reserve(chat_id: str, bucket: Bucket) -> float:
        async with uow_factory() as uow:
            wait = await uow.pace.reserve(f"{channel}:{chat_id}", bucket.capacity, bucket.per_second)
            await uow.commit()
        return float(wait)

    return reserve


def make_limiter(application: App, share: float, channel: str = "telegram",
                 capabilities: Any = None) -> RateLimiter:
    """A channel's limiter, its buckets from the channel's capabilities. Several workers
    (``share`` < 1) on PostgreSQL also share each chat's bucket through the database. Not on
    SQLite: a write per send would queue for its one writer lock behind the updates; that the
    limits hold per process there is said at start-up."""
    from bot.channels.base import TELEGRAM_CAPABILITIES

    shared = None
    if share < 1:
        if application.engine.dialect.name == "postgresql":
            shared = shared_pace(application.uow_factory, channel)
        else:
            log.warning("--rate-share %s on %s: per-chat rate limits hold per process only "
                        "(shared between workers on PostgreSQL)", share, application.engine.dialect.name)
    return RateLimiter.for_capabilities(capabilities or TELEGRAM_CAPABILITIES, share=share, shared=shared)


def register(app: typer.Typer) -> None:
    @app.command(help=help_text("help.run"))
    def run(
        channel: Annotated[
            list[str] | None,
            typer.Option("--channel", help=help_text("help.run.channel")),
        ] = None,
        framework: Annotated[
            str | None, typer.Option("--framework", help=help_text("help.run.framework"))
        ] = None,
        webhook: Annotated[
            str | None, typer.Option("--webhook", help=help_text("help.run.webhook"))
        ] = None,
        listen: Annotated[
            str | None, typer.Option("--listen", help=help_text("help.run.listen"))
        ] = None,
        workers_share: Annotated[
            float, typer.Option("--rate-share", help=help_text("help.run.rate_share"))
        ] = 1.0,
    ) -> None:
        settings = settings_or_exit()
        names = _channel_names(channel, settings)
        fw = framework or settings.framework
        if fw not in ("ptb", "aiogram"):
            raise typer.BadParameter(fw, param_hint="--framework")
        webhook = webhook or settings.webhook_url
        if webhook and "telegram" not in names:
            err.print(f"[red]{t('channel.webhook_needs_telegram', None)}[/red]")
            raise typer.Exit(2)
        if names == ["console"]:
            _run_console()  # the console alone is ``linli chat`` (script language, virtual clock)
            return
        if "telegram" in names and not settings.telegram_token:
            err.print(f"[red]{t('channel.token_missing', None, env=TOKEN_ENV)}[/red]")
            raise typer.Exit(2)
        if webhook and (urlsplit(webhook).scheme not in ("https", "http") or not urlsplit(webhook).netloc):
            err.print(f"[red]{t('channel.bad_webhook_url', None, value=webhook)}[/red]")
            raise typer.Exit(2)
        if listen is not None:
            try:
                parse_listen(listen)
            except ValueError:
                err.print(f"[red]{t('channel.bad_listen', None, value=listen)}[/red]")
                raise typer.Exit(2) from None
        settings = settings.model_copy(update={"webhook_url": webhook})
        mode = "webhook" if webhook else "polling"
        described = (t("channel.mode_webhook", None, url=webhook, listen=listen or "127.0.0.1:8080") if webhook
                     else t("channel.mode_polling", None))
        try:
            asyncio.run(_run(settings, names, fw, mode, listen, workers_share, described))
        except _StartError as exc:
            err.print(f"[red]{exc}[/red]")
            raise typer.Exit(1) from exc


def _channel_names(given: list[str] | None, settings: Settings) -> list[str]:
    """``--channel`` (repeatable, or comma-separated), else ``LINLI_CHANNEL``; each one known."""
    names = [n.strip() for item in (given or [settings.channel]) for n in item.split(",") if n.strip()]
    for name in names:
        if not registry.known(name):
            err.print(f"[red]{t('channel.unknown', None, name=name, known=', '.join(registry.CHANNELS))}[/red]")
            raise typer.Exit(2)
    return list(dict.fromkeys(names))


class _StartError(Exception):
    pass


def _run_console() -> None:
    """The console alone belongs to the foundation CLI (``linli chat``); delegate to it."""
    from bot import cli

    cli.chat()


async def _run(settings: Settings, names: list[str], framework: str, mode: str, listen: str | None,
               share: float, described: str) -> None:
    application = build_app(settings)
    try:
        await prepare_database(application)
        if any(name != "console" for name in names):
            from bot.channels.console import forget_sandbox

            await forget_sandbox(application)  # a real channel's database is nobody's sandbox
        dispatcher = build_dispatcher(application, channel=names[0])
        options = registry.RunOptions(settings=settings, on_incoming=None, listen=listen,
                                      framework=framework, mode=mode,
                                      uow_factory=application.uow_factory)
        try:
            runtime = Runtime(dispatcher, application.uow_factory, utc_now,
                              [registry.factory(name, options) for name in names])
        except (TelegramConfigError, ImportError, ValueError) as exc:
            raise _StartError(str(exc)) from exc
        for name, channel in runtime.channels.items():
            runtime.limiters[name] = make_limiter(application, share, name, capabilities_of(channel))
        try:
            await runtime.start()
        except Exception as exc:
            await _close_quietly(runtime)
            raise _StartError(_explain(exc, settings)) from exc
        print(t("channel.starting_many", None, channels="；".join(_describe(n, framework, described, listen)
                                                               for n in names)), flush=True)
        try:
            await runtime.run_until_stopped()
        finally:
            print(t("channel.stopped", None), flush=True)
    finally:
        await application.close()


def _describe(name: str, framework: str, mode: str, listen: str | None) -> str:
    if name == "telegram":
        return t("channel.described_telegram", None, framework=framework, mode=mode)
    if name == "web":
        return t("channel.described_web", None, listen=listen or "127.0.0.1:8080")
    return t(f"channel.described_{name}", None) if name == "console" else name


async def _close_quietly(runtime: Runtime) -> None:
    for channel in runtime.channels.values():
        with suppress(Exception):  # start failed; closing is best effort
            await channel.stop()


def _explain(exc: Exception, settings: Settings) -> str:
    name = type(exc).__name__
    if "Unauthorized" in name or "InvalidToken" in name or "Unauthorized" in str(exc):
        return t("channel.unauthorized", None, problem=exc)
    return t("channel.unreachable", None, base=settings.telegram_api_base, problem=f"{name}: {exc}")
