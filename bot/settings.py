"""Settings from ``LINLI_*`` environment variables and an optional ``linli.toml``.

Why fail early: a bot that starts with a wrong database URL or timezone loses messages later;
start-up names the setting and says how to fix it instead.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from i18n import t

CONFIG_FILE_ENV = "LINLI_CONFIG"
DEFAULT_CONFIG_FILE = "linli.toml"


def _config_file() -> Path:
    return Path(os.environ.get(CONFIG_FILE_ENV, DEFAULT_CONFIG_FILE))


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LINLI_", extra="forbid")

    database_url: str = "sqlite:///linli.db"
    # None: the sample roster shipped in the package (examples/tianya.yaml).
    roster: Path | None = None
    timezone: str = "Asia/Shanghai"
    # One channel name or several, comma-separated (``linli run`` serves them all in one process).
    channel: str = "console"
    framework: Literal["ptb", "aiogram"] = "ptb"
    telegram_token: str | None = None
    telegram_api_base: str = "https://api.telegram.org"
    webhook_secret: str | None = None
    webhook_url: str | None = None  # set: Telegram calls this public URL instead of being polled
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    locale: Literal["zh", "en"] = "zh"
    # The web chat (bot.channels.web; README "Web chat").
    web_session_days: int = 90  # how long a browser's session cookie resumes its chat
    web_allowed_origins: list[str] = []  # origins allowed besides the page's own
    web_trust_proxy: bool = False  # believe X-Forwarded-Proto/-For (behind a TLS reverse proxy)
    web_photo_dir: Path = Path("web-photos")
    web_max_photo_mb: float = 5.0
    web_messages_per_minute: int = 20  # per session
    web_requests_per_ip_per_minute: int = 600
    web_sessions_per_ip_per_hour: int = 60
    web_sockets_per_session: int = 4
    web_sockets_per_ip: int = 100
    web_base_url: str | None = None  # the public address posters point to

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown timezone {value!r}") from exc
        return value

    @field_validator("channel")
    @classmethod
    def _known_channels(cls, value: str) -> str:
        from bot.channels.registry import CHANNELS

        names = [name.strip() for name in value.split(",") if name.strip()]
        unknown = [name for name in names if name not in CHANNELS]
        if not names or unknown:
            raise ValueError(f"unknown channel {', '.join(unknown) or value!r} (known: {', '.join(CHANNELS)})")
        return ",".join(names)

    @property
    def channels(self) -> list[str]:
        return self.channel.split(",")

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("database_url")
    @classmethod
    def _supported_db(cls, value: str) -> str:
        if not value.startswith(("sqlite", "postgresql", "postgres")):
            raise ValueError("only sqlite:/// and postgresql:// URLs are supported")
        return value

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # Order = priority: explicit arguments, then the environment, then linli.toml.
        return init_settings, env_settings, TomlConfigSettingsSource(settings_cls, _config_file())

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


class SettingsError(Exception):
    """Raised with a message ready for the terminal."""


def load_settings(**overrides: object) -> Settings:
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        lines = [t("settings.invalid_header", None, file=_config_file())]
        for err in exc.errors():
            name = str(err["loc"][0]) if err["loc"] else "?"
            lines.append(t("settings.invalid_item", None, env=f"LINLI_{name.upper()}", key=name, problem=err["msg"]))
        raise SettingsError("\n".join(lines)) from exc
    except Exception as exc:  # a broken linli.toml
        raise SettingsError(t("settings.bad_file", None, file=_config_file(), problem=exc)) from exc
