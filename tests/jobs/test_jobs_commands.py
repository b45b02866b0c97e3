"""/stats and /report in the chat: the numbers of a hand-made history, the chart and the workbook
files, the refusal for other roles, an empty station, and a process without a renderer."""

from __future__ import annotations

from pathlib import Path

from jobs_env import Env
from jobs_history import CENTRE, DISTRICT_TOTAL, EMPTY_HEAD, QZ_EXPECTED, QZ_HEAD
from openpyxl import load_workbook

from handlers.messages import Outgoing
from handlers.testing import ChatHarness
from i18n import t

STAFF = "staff:"


async def _ask(chat: ChatHarness, who: str, command: str) -> list[Outgoing]:
    """Everything ``who`` received for ``command``: the reply, then the file, rendered after the
    update's commit and delivered through the outbox."""
    before = len(chat.received(who))
    await chat.say(who, command)
    return chat.received(who)[before:]


def _line(label_key: str, value: object) -> str:
    return f"{t(label_key)}：{value}"


async def test_stats_figures_of_the_station_and_one_chart(env: Env) -> None:
    replies = await _ask(env.chat, STAFF + QZ_HEAD, "/stats")
    assert len(replies) == 2
    text = replies[0].text
    assert text.startswith(t("jobs.stats_title", name="群众街社区"))
    assert "2026-03-01 – 2026-03-31" in text
    e = QZ_EXPECTED
    for key, value in [("report.total", e["total"]), ("report.response_rate", e["response"]),
                       ("report.awaiting_sign_for", e["awaiting"]), ("report.on_time_rate", e["on_time"]),
                       ("report.resolution_rate", e["resolution"]), ("report.satisfaction_rate", e["satisfaction"]),
                       ("report.surveys_answered", e["surveys"]), ("report.reopen_rate", e["reopen"]),
                       ("report.open", e["open"]), ("report.overdue", e["overdue"])]:
        assert _line(key, value) in text, (key, text)
    chart = replies[1]
    assert chart.document is not None and chart.document.endswith(".png")
    path = Path(chart.document)
    assert path.is_file() and path.parent == env.reports_dir
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


async def test_stats_for_the_centre_covers_the_district(env: Env) -> None:
    replies = await _ask(env.chat, STAFF + CENTRE, "/stats")
    assert t("report.district_all") in replies[0].text
    assert _line("report.total", DISTRICT_TOTAL) in replies[0].text
    assert replies[1].document is not None and Path(replies[1].document).is_file()


async def test_stats_in_english(env: Env) -> None:
    async with env.uow_factory() as uow:
        (await uow.roster.staff(QZ_HEAD)).locale = "en"
        await uow.commit()
    replies = await _ask(env.chat, STAFF + QZ_HEAD, "/stats")
    assert f"{t('report.response_rate', 'en')}: {QZ_EXPECTED['response']}" in replies[0].text


async def test_report_sends_a_workbook_openpyxl_reads(env: Env) -> None:
    replies = await _ask(env.chat, STAFF + QZ_HEAD, "/report")
    assert len(replies) == 1 and replies[0].document is not None
    assert replies[0].document.endswith(".xlsx")
    wb = load_workbook(replies[0].document)
    summary = wb[wb.sheetnames[0]]
    values = {row[0]: row[1] for row in summary.iter_rows(values_only=True) if row and row[0]}
    assert values[t("report.total")] == str(QZ_EXPECTED["total"])
    assert values[t("report.response_rate")] == QZ_EXPECTED["response"]
    assert values[t("report.resolution_rate")] == QZ_EXPECTED["resolution"]
    cases = wb[wb.sheetnames[-1]]
    numbers = sorted(row[0] for row in cases.iter_rows(min_row=2, values_only=True))
    assert numbers == ["TYJ-A", "TYJ-B", "TYJ-C", "TYJ-D", "TYJ-E", "TYJ-F"]  # no demo, no February


async def test_other_roles_are_refused_politely(env: Env) -> None:
    for command in ("/stats", "/report"):
        replies = await env.chat.say(STAFF + "qunzhongjie-gw1", command)
        assert [r.text for r in replies] == [t("jobs.head_only")]
        assert all(r.document is None for r in replies)


async def test_empty_station_gets_zeros_and_a_clear_message(env: Env) -> None:
    replies = await _ask(env.chat, STAFF + EMPTY_HEAD, "/stats")
    assert len(replies) == 1 and replies[0].document is None  # no empty chart
    assert t("report.empty", period="2026-03-01 – 2026-03-31") in replies[0].text
    replies = await _ask(env.chat, STAFF + EMPTY_HEAD, "/report")
    wb = load_workbook(replies[0].document)
    summary = wb[wb.sheetnames[0]]
    cells = [c for row in summary.iter_rows(values_only=True) for c in row if c]
    assert t("report.empty", period="2026-03-01 – 2026-03-31") in cells


async def test_without_a_renderer_the_commands_say_so(env: Env) -> None:
    chat = ChatHarness(env.dispatcher(None), env.uow_factory, env.clock)
    replies = await chat.say(STAFF + QZ_HEAD, "/report")
    assert [r.text for r in replies] == [t("jobs.unavailable")]
    replies = await chat.say(STAFF + QZ_HEAD, "/stats")
    assert _line("report.total", QZ_EXPECTED["total"]) in replies[0].text  # the figures need no renderer
    assert replies[1].text == t("jobs.unavailable")


async def test_help_lists_the_commands_for_heads_only(env: Env) -> None:
    head = await env.chat.say(STAFF + QZ_HEAD, "/help")
    worker = await env.chat.say(STAFF + "qunzhongjie-gw1", "/help")
    assert "/stats" in head[0].text and "/report" in head[0].text
    assert "/stats" not in worker[0].text
