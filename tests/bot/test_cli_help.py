"""Every ``linli ... --help`` text (each command, group, argument and option) is a catalogue entry,
rendered in the operator's language: Chinese under ``LINLI_LOCALE=zh``, English under ``en``.

Help texts are rendered when the commands are declared, so each language is read in a fresh
interpreter, as an operator's shell would start one.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from i18n import MESSAGES

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")

_DUMP = """
import json
from typer.main import get_command
from bot.cli import app

rows = []
def walk(command, path):
    rows.append([path or "linli", "", command.help])
    for param in command.params:
        rows.append([path or "linli", param.name, getattr(param, "help", None)])
    for name, sub in (getattr(command, "commands", None) or {}).items():
        walk(sub, (path + " " + name).strip())
walk(get_command(app), "")
print(json.dumps(rows, ensure_ascii=False))
"""


def _help_texts(locale: str, tmp_path: Path) -> list[tuple[str, str, str | None]]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("LINLI_")}
    env.update(LINLI_LOCALE=locale, LINLI_CONFIG=str(tmp_path / "absent.toml"), PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", _DUMP], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=120, check=True)
    return [tuple(row) for row in json.loads(done.stdout)]  # type: ignore[misc]


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[str, str, str | None]]]:
    tmp = tmp_path_factory.mktemp("help")
    return {locale: _help_texts(locale, tmp) for locale in ("zh", "en")}


def test_every_command_and_option_has_a_help_text_from_the_catalogue(texts: dict) -> None:
    entries = set(MESSAGES.values())
    zh_rows, en_rows = texts["zh"], texts["en"]
    assert [row[:2] for row in zh_rows] == [row[:2] for row in en_rows]
    assert len(zh_rows) > 60  # every command and option was walked, not just the top level
    problems = []
    for (command, param, zh), (_c, _p, en) in zip(zh_rows, en_rows, strict=True):
        where = f"linli {command} {param}".strip()
        if not zh or not en:
            problems.append(f"{where}: no help text")
            continue
        if not CJK.search(zh):
            problems.append(f"{where}: Chinese help has no Chinese: {zh!r}")
        if CJK.search(en):
            problems.append(f"{where}: English help has Chinese: {en!r}")
        if (zh, en) not in entries:
            problems.append(f"{where}: not the two languages of one catalogue entry: {zh!r} / {en!r}")
    assert not problems, "\n".join(problems)


def test_help_is_shown_in_the_chosen_language(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith("LINLI_")}
    env.update(LINLI_CONFIG=str(tmp_path / "absent.toml"), PYTHONPATH=str(ROOT), COLUMNS="200")
    for locale, expected in (("zh", MESSAGES["help.nlp.train.force"][0]),
                             ("en", MESSAGES["help.nlp.train.force"][1])):
        shown = subprocess.run([sys.executable, "-m", "bot.cli", "nlp", "train", "--help"], cwd=tmp_path,
                               env={**env, "LINLI_LOCALE": locale}, capture_output=True, text=True,
                               timeout=120, check=True).stdout
        assert expected in shown


def _rendered_help(locale: str, tmp_path: Path, *args: str) -> str:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("LINLI_", "LANG", "LC_"))}
    env.update(LINLI_LOCALE=locale, LINLI_CONFIG=str(tmp_path / "absent.toml"), PYTHONPATH=str(ROOT),
               COLUMNS="100")
    done = subprocess.run([sys.executable, "-m", "bot.cli", *args], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=120)
    return done.stdout + done.stderr


def test_the_frameworks_own_words_follow_the_language(tmp_path: Path) -> None:
    zh = _rendered_help("zh", tmp_path, "roster", "--help")
    assert "选项" in zh and "命令" in zh and "Options" not in zh and "Commands" not in zh
    assert "[必填]" in _rendered_help("zh", tmp_path, "roster", "import", "--help")
    en = _rendered_help("en", tmp_path, "roster", "--help")
    assert "Options" in en and "Commands" in en and "选项" not in en


def test_the_shipped_framework_catalogue_is_built_from_its_source() -> None:
    from i18n.framework import MESSAGES as FRAMEWORK
    from i18n.framework import MO_PATH, mo_bytes

    assert MO_PATH.read_bytes() == mo_bytes(FRAMEWORK), "rebuild it: python -m i18n.framework"
