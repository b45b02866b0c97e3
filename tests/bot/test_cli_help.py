"""Every command's help line speaks both languages, as the rest of the CLI does."""

from __future__ import annotations

import re

from typer.main import get_command

from bot.cli import app


def test_every_top_level_command_is_helped_in_chinese_and_english() -> None:
    group = get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        text = command.help or command.short_help or ""
        assert re.search(r"[\u4e00-\u9fff]", text) and re.search(r"/ [A-Za-z]", text), (name, text)
