"""``linli run``: the long-running bot process (console or Telegram, polling or webhook).

Why a module of its own with ``register(app)``: the channels and the runtime stay out of the
foundation CLI, which only gains one line calling ``register``.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import sys
from collections.abc import Callable
from contextlib import suppress
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

import typer

from bot.app import App, build_app, build_dispatcher, prepare_database, utc_now
from bot.channels.base import Channel, OnIncoming, WebhookConfig, default_webhook_secret, parse_listen
from bot.cliutil import err, settings_or_exit
from bot.ratelimit import Bucket, RateLimiter, Shared
from bot.runtime import Runtime
from bot.settings import Settings
from i18n import t

TOKEN_ENV = "LINLI_TELEGRAM_TOKEN"
# Updates in hand at once. SQLite has one writer (one pooled connection), but the updates in hand
# are handled in one transaction (group commit, handlers.batching): the more in hand, the fewer
# transactions per update. Measured in bench/telegram.py.
SQLITE_CONCURRENCY = 32
POSTGRES_CONCURRENCY = 64

log = logging.getLogger(__name__)


def make_channel_factory(
    settings: Settings,
    framework: Literal["ptb", "aiogram"],
    webhook: WebhookConfig | None,
    concurrency: int = 64,
):  # type: ignore[no-untyped-def]
    """A factory the runtime calls with its ``on_incoming`` (the channel needs it, and the
    runtime needs the channel)."""
    token = settings.telegram_token or ""

    def factory(on_incoming: OnIncoming) -> Channel:
        if framework == "aiogram":
            from bot.channels.aiogram import AiogramChannel

            return AiogramChannel(token, on_incoming, api_base=settings.telegram_api_base,
                                  webhook=webhook, concurrency=concurrency)
        from bot.channels.ptb import PtbChannel

        return PtbChannel(token, on_incoming, api_base=settings.telegram_api_base,
                          webhook=webhook, concurrency=concurrency)

    return factory


def shared_pace(uow_factory: Callable[[], Any], channel: str) -> Shared:
    """The limiter's ``shared``: one reservation in the chat's bucket in the database, in a
    transaction of its own committed at once (no row lock is held while the sender waits)."""

    async def reserve(chat_id: str, bucket: Bucket) -> float:
        async with uow_factory() as uow:
            wait = await uow.pace.reserve(f"{channel}:{chat_id}", bucket.capacity, bucket.per_second)
            await uow.commit()
        return float(wait)

    return reserve


def make_limiter(application: App, share: float, channel: str = "telegram") -> RateLimiter:
    """The process's limiter. Several workers (``share`` < 1) on PostgreSQL also share each
    chat's bucket through the database. Not on SQLite: a write per send would queue for its one
    writer lock behind the updates; that the limits hold per process there is said at start-up."""
    shared = None
    if share < 1:
        if application.engine.dialect.name == "postgresql":
            shared = shared_pace(application.uow_factory, channel)
        else:
            log.warning("--rate-share %s on %s: per-chat rate limits hold per process only "
                        "(shared between workers on PostgreSQL)", share, application.engine.dialect.name)
    return RateLimiter(share=share, shared=shared)


def register(app: typer.Typer) -> None:
    @app.command()
    def run(
        channel: Annotated[
            str | None, typer.Option("--channel", help="console | telegram | web（默认取 LINLI_CHANNEL）")
        ] = None,
        framework: Annotated[
            str | None, typer.Option("--framework", help="ptb | aiogram（默认取 LINLI_FRAMEWORK，即 ptb）")
        ] = None,
        webhook: Annotated[
            str | None, typer.Option("--webhook", help="Webhook 的公开 https 地址；不给则用轮询 / public URL")
        ] = None,
        listen: Annotated[
            str, typer.Option("--listen", help="Webhook 监听地址 HOST:PORT / where the webhook server listens")
        ] = "127.0.0.1:8080",
        workers_share: Annotated[
            float, typer.Option("--rate-share", help="本进程占机器人发送配额的比例（N 个进程各 1/N）")
        ] = 1.0,
    ) -> None:
        """运行机器人（控制台或 Telegram，轮询或 Webhook）/ run the bot."""
        settings = settings_or_exit()
        chosen = channel or settings.channel
        fw = framework or settings.framework
        if chosen == "web":  # temporary launch path until the plural runtime lands
            _run_web(settings, listen)
            return
        if chosen not in ("console", "telegram"):
            raise typer.BadParameter(chosen, param_hint="--channel")
        if fw not in ("ptb", "aiogram"):
            raise typer.BadParameter(fw, param_hint="--framework")
        if chosen == "console":
            if webhook:
                err.print(f"[red]{t('channel.webhook_needs_telegram', None)}[/red]")
                raise typer.Exit(2)
            _run_console()
            return
        if not settings.telegram_token:
            err.print(f"[red]{t('channel.token_missing', None, env=TOKEN_ENV)}[/red]")
            raise typer.Exit(2)
        hook = None
        if webhook:
            if urlsplit(webhook).scheme not in ("https", "http") or not urlsplit(webhook).netloc:
                err.print(f"[red]{t('channel.bad_webhook_url', None, value=webhook)}[/red]")
                raise typer.Exit(2)
            try:
                host, port = parse_listen(listen)
            except ValueError:
                err.print(f"[red]{t('channel.bad_listen', None, value=listen)}[/red]")
                raise typer.Exit(2) from None
            secret = settings.webhook_secret or default_webhook_secret(settings.telegram_token)
            hook = WebhookConfig(url=webhook, host=host, port=port, secret=secret)
        mode = t("channel.mode_webhook", None, url=webhook, listen=listen) if hook else t("channel.mode_polling", None)
        try:
            asyncio.run(_run_telegram(settings, fw, hook, workers_share, mode))  # type: ignore[arg-type]
        except _StartError as exc:
            err.print(f"[red]{exc}[/red]")
            raise typer.Exit(1) from exc


def settle_gc() -> None:
    """Tune the garbage collector for serving, once start-up is over.

    - Everything made at start-up (modules, both frameworks, the ORM's mappers) is frozen out of
      its sight: a full collection walked all of it, a 130-160 ms pause about once per thousand
      updates, which at 100 updates/s delayed a dozen of them (bench, p99). These objects live
      as long as the process anyway; objects made later are still collected.
    - The youngest generation is collected after 5,000 net allocations instead of 700: each
      update makes a few hundred short-lived objects (ORM states, pydantic models), and at 700
      the collector ran several times per batch of updates, about 5% of the time
      (``bench/telegram.py``). A young collection stays under a millisecond.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(5000, 10, 10)


class _StartError(Exception):
    pass


def _run_console() -> None:
    """The console channel belongs to the foundation CLI (``linli chat``); delegate to it."""
    from bot import cli

    chat = getattr(cli, "chat", None)
    if chat is None:
        print("console channel: use `linli chat`", file=sys.stderr)
        raise typer.Exit(2)
    chat()


async def _run_telegram(
    settings: Settings, framework: Literal["ptb", "aiogram"], hook: WebhookConfig | None, share: float, mode: str
) -> None:
    application = build_app(settings)
    try:
        await prepare_database(application)
        dispatcher = build_dispatcher(application, channel="telegram")
        runtime = Runtime(
            dispatcher, application.uow_factory, utc_now,
            make_channel_factory(settings, framework, hook, concurrency=SQLITE_CONCURRENCY
                                 if settings.database_url.startswith("sqlite") else POSTGRES_CONCURRENCY),
            limiter=make_limiter(application, share),
        )
        try:
            await runtime.start()
        except Exception as exc:
            await _close_quietly(runtime)
            raise _StartError(_explain(exc, settings)) from exc
        settle_gc()
        print(t("channel.starting", None, channel="telegram", framework=framework, mode=mode), flush=True)
        try:
            await runtime.run_until_stopped()
        finally:
            print(t("channel.stopped", None), flush=True)
    finally:
        await application.close()


async def _close_quietly(runtime: Runtime) -> None:
    with suppress(Exception):  # start failed; closing is best effort
        await runtime.channel.stop()


def _explain(exc: Exception, settings: Settings) -> str:
    name = type(exc).__name__
    if "Unauthorized" in name or "InvalidToken" in name or "Unauthorized" in str(exc):
        return t("channel.unauthorized", None, problem=exc)
    return t("channel.unreachable", None, base=settings.telegram_api_base, problem=f"{name}: {exc}")


def _run_web(settings: Settings, listen: str) -> None:
    """``linli run --channel web --listen HOST:PORT``: the web chat alone in one runtime."""
    from bot.channels.web import WebChannel, WebConfig
    from bot.ratelimit import Bucket

    try:
        config = WebConfig.from_settings(settings, listen)
    except ValueError:
        err.print(f"[red]{t('web.bad_listen', None, value=listen)}[/red]")
        raise typer.Exit(2) from None

    async def serve() -> None:
        application = build_app(settings)
        try:
            await prepare_database(application)
            dispatcher = build_dispatcher(application, channel="web")
            runtime = Runtime(
                dispatcher, application.uow_factory, utc_now,
                lambda on_incoming: WebChannel(on_incoming, application.uow_factory, config,
                                               default_locale=settings.locale),
                # A browser is no Bot API: no per-chat pacing to respect, only our own limits.
                limiter=RateLimiter(bot=Bucket(1000, 10_000), private=Bucket(100, 1000)),
            )
            await runtime.start()
            settle_gc()
            print(t("web.listening", None, listen=listen), flush=True)
            try:
                await runtime.run_until_stopped()
            finally:
                print(t("channel.stopped", None), flush=True)
        finally:
            await application.close()

    asyncio.run(serve())
