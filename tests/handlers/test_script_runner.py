"""The console script language and the built-in demo."""

from __future__ import annotations

import pytest

from handlers.script import DEMO, ScriptSyntaxError, parse, run_script
from handlers.testing import ChatHarness, ScriptError


def test_parse_every_kind_of_line() -> None:
    steps = parse("# c\n@a 你好\n@a [确认提交]\n@staff:x [#2]\n~ 25h\n~30m\n@a 📍18.2,109.5\n@a 📞138-0013-8000\n")
    assert [s.kind for s in steps] == ["say", "press", "press", "advance", "advance", "location", "contact"]
    assert steps[2].index == 2 and steps[2].name == "staff:x"
    assert steps[3].delta.total_seconds() == 25 * 3600 and steps[6].text == "13800138000"


def test_parse_errors_name_the_line() -> None:
    with pytest.raises(ScriptSyntaxError, match="line 2"):
        parse("@a hi\n~ soon\n")
    with pytest.raises(ScriptSyntaxError, match="line 1"):
        parse("hello\n")


async def test_demo_runs_the_whole_cycle(chat: ChatHarness) -> None:
    out = "\n".join(await run_script(chat, DEMO))
    assert "→ staff:room-mage-1: 新案件 TY20261128-0001" in out
    assert "    [签收] [转派] [申请协助]" in out
    assert "→ alice: 回访" in out and "[满意] [基本满意] [不满意]" in out
    assert "→ staff:huixin-head: 督办：案件 TY20261128-0001 已重新打开" in out
    assert "→ bob: ⚠️ 如果现在有危险，请立即拨打 110" in out
    assert "→ staff:qunzhongjie-police:" in out


async def test_unknown_button_stops_with_line_number(chat: ChatHarness) -> None:
    with pytest.raises(ScriptError, match=r"line 3: .*\[不存在\]"):
        await run_script(chat, "@a 你好\n# comment\n@a [不存在]\n")


async def test_unknown_staff_id(chat: ChatHarness) -> None:
    with pytest.raises(ScriptError, match="line 1: unknown staff id 'ghost'"):
        await run_script(chat, "@staff:ghost /help\n")


async def test_press_by_index_and_emit(chat: ChatHarness) -> None:
    seen: list[str] = []
    out = await run_script(chat, "@a 你好\n@a [#4]\n", emit=seen.append)
    assert seen == out
    assert any("楼栋" in line for line in out)
