"""The whole bot, both frameworks, polling and webhook, against the fake Bot API.

A resident reports, the mediator signs for it and closes it, the survey arrives 24 h later on the
virtual clock and the resident answers; plus a duplicate update, a 429 storm and a restart;
and, in webhook mode, that an update is answered 200 only once its case is committed, so that a
worker stopped before the commit loses nothing (Telegram resends the update).
Every wait is on a condition with a timeout; the fake server enforces the flood limits (at test
speed) and each test asserts that none was broken.
"""

from __future__ import annotations

import asyncio
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from fakebotapi import FakeBotAPI, FakeUser
from flow_helpers import CommitGate
from sqlalchemy import text
from tgstack import Stack, has, running_stack

from handlers.dispatcher import Dispatcher
from handlers.outbox import new_row

MATRIX = [("ptb", "polling"), ("ptb", "webhook"), ("aiogram", "polling"), ("aiogram", "webhook")]
MEDIATOR = "room-mage-1"  # 马哥调解室 takes wage disputes in the sample roster


@pytest.fixture(params=MATRIX, ids=lambda p: f"{p[0]}-{p[1]}")
async def bot(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    framework, mode = request.param
    async with running_stack(tmp_path, framework, mode) as stack:
        yield stack


async def enrol(bot: Stack, name: str, staff_id: str) -> FakeUser:
    user = bot.server.user(name)
    user.send(f"/start {await bot.invite(staff_id)}")
    await user.wait_message(lambda m: bool(m.body))
    return user


async def register(resident: FakeUser) -> None:
    resident.send("你好")
    await resident.wait_message(has("回新社区"))
    resident.press("回新社区")
    # One Bot API message cannot hold both keyboards: the location request comes first under a
    # line saying what its button does, then the question with the building buttons (no bare "请选择：").
    building = await resident.wait_message(has("5栋"))
    assert "楼栋" in building.body and "location" not in building.requests
    assert any("location" in m.requests and "位置" in m.body for m in resident.messages)
    resident.press("5栋")
    asked = await resident.wait_message(lambda m: "contact" in m.requests)
    assert asked.requests == ["contact"] and "手机号" in asked.body
    resident.share_contact("13800138000")
    await resident.wait_message(lambda m: bool(m.body))


async def report(resident: FakeUser, text: str) -> str:
    resident.send(text)
    await resident.wait_message(has("确认提交"))
    resident.press("确认提交")
    done = await resident.wait_message("案件编号")
    return done.body.split("案件编号 ")[1].split("。")[0].split("\n")[0]


async def sign_and_close(mediator: FakeUser, number: str) -> None:
    assignment = await mediator.wait_message(lambda m: number in m.body and "签收" in m.labels)
    mediator.press("签收", assignment)
    await mediator.wait_message(has("结案"))
    mediator.press("结案")
    await mediator.wait_message(has("已解释说明"))
    mediator.press("已解释说明")
    await mediator.wait_message(lambda m: bool(m.body))
    mediator.send("已向居民解释劳动仲裁流程。")
    await mediator.wait_message(lambda m: bool(m.body))


async def case_state(bot: Stack, number: str) -> tuple[str, str | None]:
    assert bot.uow_factory is not None
    async with bot.uow_factory() as uow:
        case = await uow.cases.by_number(number)
        assert case is not None
        return case.state, case.satisfaction


def assert_clean(server: FakeBotAPI) -> None:
    assert server.limit_429s == 0, f"a flood limit was broken: {server.limit_hits}"
    queries = {c.params["__update"]["callback_query"]["id"] for c in server.calls
               if c.method == "__delivered" and "callback_query" in c.params["__update"]}
    assert queries <= server.answered, "a button press was not answered"


async def test_report_sign_close_survey_answer(bot: Stack) -> None:
    mediator = await enrol(bot, "马哥", MEDIATOR)
    alice = bot.server.user("alice")
    await register(alice)
    number = await report(alice, "老板拖欠我三个月工资")
    await sign_and_close(mediator, number)
    assert (await case_state(bot, number))[0] == "closed"

    await bot.advance(hours=23)
    assert not any(has("满意")(m) for m in alice.messages)
    await bot.advance(hours=1)
    survey = await alice.wait_message(has("满意"))
    assert survey.labels == ["满意", "基本满意", "不满意"]
    alice.press("满意", survey)
    await alice.wait_message("感谢")
    assert await case_state(bot, number) == ("settled", "satisfied")
    assert_clean(bot.server)


async def test_duplicate_update_is_processed_once(bot: Stack) -> None:
    alice = bot.server.user("alice")
    await register(alice)
    update_id = alice.send("老板拖欠我三个月工资")
    await alice.wait_message(has("确认提交"))
    # Redelivered while it is the chat's last update (as after a kill before Telegram was told):
    # handled once, but its replies go out once more, in case the kill came before they did.
    await bot.server.wait_for(lambda: bot.server.delivered_count(update_id) == 1)  # webhook: after the reply
    bot.server.replay(update_id)
    await alice.wait_message(has("确认提交"))
    alice.send("/help")
    await alice.wait_message(lambda m: "确认提交" not in m.labels)
    # Redelivered later, when the chat has moved on: nothing at all.
    before = len(alice.messages)
    bot.server.replay(update_id)
    await bot.server.wait_for(lambda: bot.server.delivered_count(update_id) >= 3)
    alice.send("/mycases")  # a later update in the same chat is handled after the replayed one
    await bot.server.wait_for(lambda: len(alice.messages) > before)
    assert len(alice.messages) == before + 1 and not has("确认提交")(alice.messages[-1])
    assert sum(has("确认提交")(m) for m in alice.messages) == 2
    alice.press("确认提交")
    await alice.wait_message("案件编号")
    assert bot.uow_factory is not None
    async with bot.uow_factory() as uow:
        assert await uow.session.scalar(text("select count(*) from \"case\"")) == 1
    assert_clean(bot.server)


async def test_a_429_storm_loses_nothing(bot: Stack) -> None:
    mediator = await enrol(bot, "马哥", MEDIATOR)
    alice = bot.server.user("alice")
    await register(alice)
    bot.server.fail_next(3, status=429, retry_after=1)
    bot.server.fail_next(2, status=502)
    number = await report(alice, "老板拖欠我三个月工资")  # the reply got through the storm
    await bot.deliver_all()  # the outbox retries what the storm refused, on the virtual clock
    await mediator.wait_message(lambda m: number in m.body and "签收" in m.labels)
    assert bot.server.injected and all(status in (429, 502) for _, status in bot.server.injected)
    assert bot.uow_factory is not None
    async with bot.uow_factory() as uow:
        assert await uow.outbox.pending_count() == 0
        assert await uow.session.scalar(text("select count(*) from outbox where state = 'failed'")) == 0
    assert_clean(bot.server)


async def test_a_message_sent_in_parts_is_not_sent_again_when_its_second_part_fails(bot: Stack,
                                                                                    tmp_path: Path) -> None:
    """A long text with a document goes as the text, then the document: a 429 on the document
    retries the document only (the station head does not get the text twice)."""
    head = await enrol(bot, "站长", "qunzhongjie-head")
    workbook = tmp_path / "weekly.xlsx"
    workbook.write_bytes(b"PK not really a workbook")
    long_text = "本周报告：" + "各项指标正常。" * 200  # longer than a caption may be
    assert bot.uow_factory is not None
    async with bot.uow_factory() as uow:
        uow.outbox.add(new_row("telegram", str(head.chat_id), long_text, bot.clock(), document=str(workbook)))
        await uow.commit()
    bot.server.fail_next(1, status=429, retry_after=1, methods={"sendDocument"})
    await bot.deliver_all()
    assert [c.status for c in bot.server.calls_to("sendDocument")] == [429, 200]
    texts = [c for c in bot.server.calls_to("sendMessage") if c.params.get("text") == long_text]
    assert len(texts) == 1
    async with bot.uow_factory() as uow:
        row = (await uow.session.execute(text("select state, parts_sent from outbox where document is not null"))).one()
        assert tuple(row) == ("sent", 1)


async def test_restart_mid_case_carries_on(bot: Stack) -> None:
    mediator = await enrol(bot, "马哥", MEDIATOR)
    alice = bot.server.user("alice")
    await register(alice)
    number = await report(alice, "老板拖欠我三个月工资")
    assignment = await mediator.wait_message(lambda m: number in m.body and "签收" in m.labels)

    await bot.restart()  # a new process: same database, same Telegram

    mediator.press("签收", assignment)
    await mediator.wait_message(has("结案"))
    mediator.press("结案")
    await mediator.wait_message(has("已解释说明"))
    mediator.press("已解释说明")
    await mediator.wait_message(lambda m: bool(m.body))
    mediator.send("已解释。")
    await mediator.wait_message(lambda m: bool(m.body))
    await bot.restart()
    await bot.advance(hours=24)  # the survey clock survived both restarts
    survey = await alice.wait_message(has("不满意"))
    alice.press("基本满意", survey)
    await alice.wait_message("感谢")
    assert await case_state(bot, number) == ("settled", "basic")
    assert_clean(bot.server)


# --------------------------------------------------------------------------- webhook: 200 after the commit


def hold_next_commit(bot: Stack) -> CommitGate:
    assert isinstance(bot.core, Dispatcher)
    gate = CommitGate(bot.core.uow_factory)
    bot.core.uow_factory, gate.armed = gate, True
    return gate


def cases_in_db(bot: Stack) -> int:
    """Read on a connection of its own (WAL): the bot's one connection is inside the held transaction."""
    with closing(sqlite3.connect(bot.tmp_path / "linli.db")) as db:
        return int(db.execute('select count(*) from "case"').fetchone()[0])


def answered_200(server: FakeBotAPI, query_id: str) -> list[int]:
    """Indexes in ``server.calls`` where the update carrying button press ``query_id`` got 200."""
    return [i for i, c in enumerate(server.calls) if c.method == "__delivered"
            and c.params["__update"].get("callback_query", {}).get("id") == query_id]


@pytest.fixture(params=["ptb", "aiogram"])
async def hook(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    async with running_stack(tmp_path, request.param, "webhook", webhook_grace=0.05) as stack:
        yield stack


async def _confirm_held_before_commit(hook: Stack):  # type: ignore[no-untyped-def]
    """alice reports and presses 确认提交; its update stops just before its commit."""
    alice = hook.server.user("alice")
    await register(alice)
    alice.send("老板拖欠我三个月工资")
    await alice.wait_message(has("确认提交"))
    gate = hold_next_commit(hook)
    query_id = alice.press("确认提交")
    await asyncio.wait_for(gate.reached.wait(), 10)
    return alice, gate, query_id


async def test_webhook_answers_200_only_after_the_case_is_committed(hook: Stack) -> None:
    alice, gate, query_id = await _confirm_held_before_commit(hook)
    # the case is written but not committed: Telegram has no answer yet, the resident no number
    assert answered_200(hook.server, query_id) == [] and cases_in_db(hook) == 0
    assert query_id in hook.server.answered  # the button itself was answered at once

    gate.release.set()
    await alice.wait_message("案件编号")
    await hook.server.wait_for(lambda: bool(answered_200(hook.server, query_id)))
    assert cases_in_db(hook) == 1
    numbered = next(i for i, c in enumerate(hook.server.calls) if c.method == "sendMessage" and c.status == 200
                    and "案件编号" in str(c.params.get("text")))
    assert numbered < answered_200(hook.server, query_id)[0]  # commit, reply, then 200
    assert_clean(hook.server)


async def test_webhook_worker_stopped_before_the_commit_loses_nothing(hook: Stack) -> None:
    alice, gate, query_id = await _confirm_held_before_commit(hook)
    failures = len([s for s in hook.server.webhook_statuses if s != 200])

    # The worker stops while the update is stuck before its commit: after its grace it drops the
    # update unanswered (rolled back), as a killed process would. A new worker takes the webhook.
    await hook.restart()
    done = await alice.wait_message("案件编号")
    await hook.server.wait_for(lambda: bool(answered_200(hook.server, query_id)))
    assert len([s for s in hook.server.webhook_statuses if s != 200]) > failures  # it was resent
    assert len(answered_200(hook.server, query_id)) == 1
    assert cases_in_db(hook) == 1
    assert sum("案件编号" in m.body for m in alice.messages) == 1 and "TY" in done.body
    assert_clean(hook.server)
