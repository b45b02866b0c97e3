"""A Telegram group that becomes a supergroup (its chat id changes) keeps hearing from linli.

A mediator enrolled from a group chat; the group is upgraded. Telegram then refuses every send to
the old id (400 with ``migrate_to_chat_id``): an assignment from the outbox and a reply to the
old id both arrive in the new supergroup, once, and the staff member is bound to the new id from
then on. Telegram's own service messages about the upgrade re-bind the chat without a reply.
Both frameworks, polling; every wait is on a condition.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fakebotapi import FakeBotAPI, FakeUser
from sqlalchemy import text
from tgstack import Stack, has, running_stack

MEDIATOR = "room-mage-1"  # 马哥调解室 takes wage disputes in the sample roster
OLD, NEW = -4001, -1004001  # a group, and the supergroup it becomes


@pytest.fixture(params=["ptb", "aiogram"])
async def bot(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    async with running_stack(tmp_path, request.param, "polling") as stack:
        yield stack


async def enrol_group(bot: Stack) -> FakeUser:
    """马哥 enrols the mediator from a group chat."""
    group = bot.server.user("马哥", chat_id=OLD)
    group.send(f"/start {await bot.invite(MEDIATOR)}")
    await group.wait_message("/mine")  # the help text that ends the enrolment
    return group


async def report_wage_dispute(bot: Stack) -> str:
    alice = bot.server.user("alice")
    alice.send("你好")
    await alice.wait_message(has("回新社区"))
    alice.press("回新社区")
    await alice.wait_message(has("5栋"))
    alice.press("5栋")
    await alice.wait_message(lambda m: "contact" in m.requests)
    alice.share_contact("13800138000")
    await alice.wait_message(lambda m: bool(m.body))
    alice.send("老板拖欠我三个月工资")
    await alice.wait_message(has("确认提交"))
    alice.press("确认提交")
    done = await alice.wait_message("案件编号")
    return done.body.split("案件编号 ")[1].split("。")[0].split("\n")[0]


async def db_rows(bot: Stack, sql: str) -> list[tuple[object, ...]]:
    """Read on the bot's own pool: on SQLite that waits for a drain in progress to commit."""
    assert bot.uow_factory is not None
    async with bot.uow_factory() as uow:
        return [tuple(row) for row in await uow.session.execute(text(sql))]


async def mediator_chat(bot: Stack) -> str | None:
    rows = await db_rows(bot, f"select chat_id from staff where id = '{MEDIATOR}'")
    return str(rows[0][0]) if rows[0][0] is not None else None


async def conversations(bot: Stack) -> set[str]:
    return {str(chat) for chat, in await db_rows(bot, "select chat_id from conversation")}


def statuses_to(server: FakeBotAPI, chat_id: int) -> list[int]:
    return [c.status for c in server.calls if c.method == "sendMessage" and c.params.get("chat_id") == chat_id]


def assert_clean(server: FakeBotAPI) -> None:
    assert server.limit_429s == 0, f"a flood limit was broken: {server.limit_hits}"


async def test_an_assignment_follows_the_group_into_its_supergroup(bot: Stack) -> None:
    group = await enrol_group(bot)
    sent_before = statuses_to(bot.server, OLD)
    bot.server.migrate_chat(OLD, NEW)

    number = await report_wage_dispute(bot)  # the assignment goes through the outbox
    group.follow(NEW)
    assignment = await group.wait_message(lambda m: number in m.body and "签收" in m.labels)

    assert statuses_to(bot.server, OLD) == [*sent_before, 400]  # refused once, never tried again
    assert sum(number in m.body for m in bot.server.chats[NEW]) == 1
    assert await mediator_chat(bot) == str(NEW)
    rows = await db_rows(bot, f"select chat_id, state from outbox where text like '%{number}%'")
    assert rows and all(str(chat) != str(OLD) for chat, _ in rows)
    assert (str(NEW), "sent") in {(str(chat), state) for chat, state in rows}
    assert not await db_rows(bot, "select id from outbox where state = 'failed'")
    assert str(OLD) not in await conversations(bot)

    group.press("签收", assignment)  # the new chat is the mediator's now
    await group.wait_message(has("结案"))
    assert_clean(bot.server)


async def test_a_reply_to_the_old_group_goes_to_the_supergroup(bot: Stack) -> None:
    group = await enrol_group(bot)
    sent_before = statuses_to(bot.server, OLD)
    bot.server.migrate_chat(OLD, NEW)

    group.send("/help")  # written in the group just before the upgrade: answered to the old id
    group.follow(NEW)
    await group.wait_message("/mine")

    assert statuses_to(bot.server, OLD) == [*sent_before, 400]
    assert [m.body for m in bot.server.chats[NEW]].count(group.messages[-1].body) == 1
    assert await mediator_chat(bot) == str(NEW)
    chats = await conversations(bot)
    assert str(NEW) in chats and str(OLD) not in chats
    assert_clean(bot.server)


async def test_the_upgrade_notice_rebinds_the_chat_without_a_reply(bot: Stack) -> None:
    group = await enrol_group(bot)
    calls_before = len(bot.server.calls_to("sendMessage"))
    bot.server.migrate_chat(OLD, NEW, announce_by=group)  # both service messages
    group.follow(NEW)
    group.send("/help")  # handled after the notice in the new chat: the mediator is known there
    help_reply = await group.wait_message(lambda m: bool(m.body))

    assert "/mine" in help_reply.body
    assert [m.body for m in bot.server.chats[NEW]] == [help_reply.body]  # nothing for the notices
    sends = bot.server.calls_to("sendMessage")[calls_before:]
    assert [(c.params.get("chat_id"), c.status) for c in sends] == [(NEW, 200)]  # never tried the old id
    assert await mediator_chat(bot) == str(NEW)
    chats = await conversations(bot)
    assert str(NEW) in chats and str(OLD) not in chats
    assert_clean(bot.server)
