"""A few flows with the real ``nlp.classify`` (skipped when the model is not available)."""

from __future__ import annotations

import pytest

from handlers.dispatcher import Dispatcher
from handlers.script import DEMO, run_script
from handlers.testing import ChatHarness
from storage.uow import UnitOfWorkFactory

try:
    import nlp

    nlp.classify("老板拖欠工资")
    REASON = ""
except Exception as exc:  # no model shipped yet, or the package is incomplete
    REASON = f"nlp.classify is not usable yet: {exc!r}"

pytestmark = pytest.mark.skipif(bool(REASON), reason=REASON or "-")


@pytest.fixture
async def real_chat(uow_factory: UnitOfWorkFactory, clock) -> ChatHarness:
    harness = ChatHarness(Dispatcher(uow_factory, nlp.classify, clock), uow_factory, clock)
    await harness.bind_all_staff()
    return harness


async def test_demo_with_the_real_classifier(real_chat: ChatHarness) -> None:
    out = "\n".join(await run_script(real_chat, DEMO))
    assert "类别：劳资纠纷" in out and "承办：马哥调解室" in out
    assert "→ staff:huixin-head: 督办" in out
    assert "请立即拨打 110" in out


async def test_real_classifier_masks_and_routes_a_leak(real_chat: ChatHarness) -> None:
    await real_chat.say("w", "你好")
    await real_chat.press("w", "回新社区")
    await real_chat.press("w", "5栋")
    await real_chat.press("w", "跳过")
    await real_chat.say("w", "楼上漏水到我家，我电话13912345678")
    await real_chat.press("w", "确认提交")
    assert "139****5678" in real_chat.last("staff:huixin-gw1").text
