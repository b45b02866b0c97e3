"""The console channel as a new user meets it: ``linli demo`` and ``linli chat --script``."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
runner = CliRunner()


@pytest.fixture(autouse=True)
def fresh_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LINLI_DATABASE_URL", f"sqlite:///{tmp_path / 'console.db'}")
    return tmp_path


def test_demo_shows_the_whole_cycle() -> None:
    result = runner.invoke(app, ["demo"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "→ staff:room-mage-1: 新案件 TY" in out  # routed to 马哥调解室's mediator
    assert "马哥调解室" in out
    assert "回访" in out and "[满意] [基本满意] [不满意]" in out
    assert "已重新打开" in out
    assert "→ staff:huixin-head: 督办" in out  # the station head is told
    assert "110" in out  # the emergency reply


def test_demo_leaves_the_configured_database_alone(fresh_db: Path) -> None:
    assert runner.invoke(app, ["demo"]).exit_code == 0
    assert not (fresh_db / "console.db").exists()


@pytest.mark.parametrize("script", sorted(p.name for p in EXAMPLES.glob("*.txt")))
def test_example_scripts_run(script: str) -> None:
    result = runner.invoke(app, ["chat", "--script", str(EXAMPLES / script)])
    assert result.exit_code == 0, result.output
    assert "→ " in result.output


def test_chat_creates_the_database_on_first_use(fresh_db: Path) -> None:
    script = fresh_db / "s.txt"
    script.write_text("@amy 你好\n", encoding="utf-8")
    result = runner.invoke(app, ["chat", "--script", str(script)])
    assert result.exit_code == 0
    assert "群众街社区" in result.output  # the sample roster was imported
    assert (fresh_db / "console.db").exists()


def test_script_error_names_the_line_and_exits_1(fresh_db: Path) -> None:
    script = fresh_db / "bad.txt"
    script.write_text("# comment\n@amy 你好\n@amy [不存在的按钮]\n", encoding="utf-8")
    result = runner.invoke(app, ["chat", "--script", str(script)])
    assert result.exit_code == 1
    assert "第 3 行：amy 最近一条带按钮的消息里没有 [不存在的按钮]" in result.output


def test_unknown_staff_id_is_a_script_error(fresh_db: Path) -> None:
    script = fresh_db / "bad.txt"
    script.write_text("@staff:nobody /help\n", encoding="utf-8")
    result = runner.invoke(app, ["chat", "--script", str(script)])
    assert result.exit_code == 1 and "nobody" in result.output


def test_missing_script_file() -> None:
    result = runner.invoke(app, ["chat", "--script", "/nonexistent.txt"])
    assert result.exit_code == 1 and "找不到脚本文件" in result.output


def test_interactive_chat_reads_lines_until_quit() -> None:
    result = runner.invoke(app, ["chat"], input="@amy 你好\n@amy [南海社区]\n@amy [不存在]\n/quit\n")
    assert result.exit_code == 0, result.output
    assert "南海社区" in result.output
    assert "不存在" in result.output  # the bad line is explained, the session goes on


def _lines(*lines: str) -> object:
    feed = iter(lines)

    def read(_prompt: str) -> str:
        try:
            return next(feed)
        except StopIteration:
            raise EOFError from None

    return read


async def test_interactive_reads_a_long_line_whole_and_explains_errors_in_its_language(fresh_db: Path) -> None:
    from bot.channels.console import interactive
    from bot.settings import Settings

    out: list[str] = []
    settings = Settings(database_url=f"sqlite:///{fresh_db / 'console.db'}", locale="en")
    long = "@amy " + "楼上漏水" * 1250  # 5,000 characters
    await interactive(settings, out.append, read=_lines("@amy 你好", "@amy [南海社区]", "@amy [跳过]", "@amy [跳过]",
                                                        long, "@amy [nothing]", "~ 5x"))
    text = "\n".join(out)
    assert "内容太长了" in text  # answered as --script answers it
    assert "amy: no button [nothing] on the last message with buttons" in text
    assert "Cannot read the time step ~ 5x" in text
    assert "line 1" not in text


async def test_console_clock_goes_on_from_the_last_session(fresh_db: Path) -> None:
    from bot.channels.console import interactive
    from bot.settings import Settings

    settings = Settings(database_url=f"sqlite:///{fresh_db / 'console.db'}")
    first: list[str] = []
    await interactive(settings, first.append, read=_lines("@amy 你好", "~ 3d", "@amy [南海社区]"))
    assert any("控制台时钟从现在开始" in line for line in first)
    again: list[str] = []
    await interactive(settings, again.append, read=_lines("@bob 你好"))
    assert any("控制台时钟接着上次" in line for line in again)


def test_report_files_are_shown_in_the_transcript() -> None:
    from handlers.messages import Outgoing
    from handlers.script import format_message

    lines = format_message("staff:x", Outgoing(chat_id="x", text="统计", document="/tmp/stats.png"))
    assert lines == ["→ staff:x: 统计", "    📎 /tmp/stats.png"]
    relative = format_message("staff:x", Outgoing(chat_id="x", text="报表", document="reports/a.xlsx"))
    assert relative[-1] == f"    📎 {Path.cwd() / 'reports' / 'a.xlsx'}"
