"""The Telegram channel for ``linli run``: python-telegram-bot or aiogram, polling or webhook.

Why one module over two: the framework is a deployment choice (``--framework``), not a channel;
both speak the same Bot API and declare the same capabilities (``TELEGRAM_CAPABILITIES``).
"""

from __future__ import annotations

from bot.channels.base import Channel, WebhookConfig, default_webhook_secret, parse_listen
from bot.channels.registry import RunOptions

# Updates in hand at once. SQLite has one writer (one pooled connection), but the updates in hand
# are handled in one transaction (group commit, handlers.batching): the more in hand, the fewer
# transactions per update. Measured in bench/telegram.py.
SQLITE_CONCURRENCY = 32
POSTGRES_CONCURRENCY = 64
DEFAULT_LISTEN = "127.0.0.1:8080"


class TelegramConfigError(ValueError):
    """Options that cannot run (no token, a webhook without a URL); the message is for people."""


def webhook_config(options: RunOptions) -> WebhookConfig | None:
    """The webhook ``options`` ask for, None for polling; raises ``ValueError`` for a bad listen."""
    settings = options.settings
    if options.mode != "webhook":
        return None
    if not settings.webhook_url:
        raise TelegramConfigError("webhook mode needs LINLI_WEBHOOK_URL (or --webhook URL)")
    host, port = parse_listen(options.listen or DEFAULT_LISTEN)
    secret = settings.webhook_secret or default_webhook_secret(settings.telegram_token or "")
    return WebhookConfig(url=settings.webhook_url, host=host, port=port, secret=secret)


def build(options: RunOptions) -> Channel:
    settings = options.settings
    if not settings.telegram_token:
        raise TelegramConfigError("no Telegram token (LINLI_TELEGRAM_TOKEN)")
    concurrency = SQLITE_CONCURRENCY if settings.database_url.startswith("sqlite") else POSTGRES_CONCURRENCY
    hook = webhook_config(options)
    if options.framework == "aiogram":
        from bot.channels.aiogram import AiogramChannel

        return AiogramChannel(settings.telegram_token, options.on_incoming, api_base=settings.telegram_api_base,
                              webhook=hook, concurrency=concurrency)
    if options.framework != "ptb":
        raise TelegramConfigError(f"unknown framework {options.framework!r} (ptb | aiogram)")
    from bot.channels.ptb import PtbChannel

    return PtbChannel(settings.telegram_token, options.on_incoming, api_base=settings.telegram_api_base,
                      webhook=hook, concurrency=concurrency)
