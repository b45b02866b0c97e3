"""Load: 10,000 updates from 1,000 residents through one ``linli run`` worker, SQLite or PostgreSQL.

One real ``linli run --channel telegram`` process (polling, ptb) against the fake Bot API in this
process. Each resident plays ten updates, each sent when the reply to the previous one has come
(and ``--think`` seconds of reading, as a person does): 你好, community, skip building, skip phone, a report, 确认提交, a second message,
补充到 the case, /mycases, /help. Residents start at ``--arrival`` per second. Measured: updates/s
over the run, latency from the update being available to Telegram receiving the bot's first reply
to it (p50/p99), peak RSS of the worker (VmHWM). Checked: nothing dropped: every update got its
reply, every update has its processed-update row, every resident has one case with its addition
and its outbox rows. Telegram's bot-wide limit is lifted (``--rate-share``, the fake server
enforces none) so that the worker, not the 30 messages/s quota, is measured; the per-chat limit
stays. Last line: ``VERDICT: PASS …`` or ``VERDICT: FAIL …`` (exit status 1).

Run: ``python bench/load.py [--db sqlite|postgresql] [--updates 10000] [--residents 1000]``
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(ROOT))

from bench._harness import (  # noqa: E402
    COMMUNITIES,
    DEFAULT_PG,
    REPORTS,
    BotMessage,
    FakeBotAPI,
    FakeUser,
    Verdict,
    Worker,
    base_env,
    db_rows,
    fast_roster,
    fresh_pg_database,
    print_figures,
    run_cli,
    wait_until,
)

STEPS = 10


class SignallingBotAPI(FakeBotAPI):
    """The fake server, with one event per chat set whenever the bot sends it something (waking
    only that resident, not every waiter on the server's one condition)."""

    def __init__(self, **kw: Any) -> None:
        super().__init__(**kw)
        self.events: dict[int, asyncio.Event] = {}

    def _new_message(self, p: dict[str, Any], kind: str = "text") -> BotMessage:
        message = super()._new_message(p, kind)
        event = self.events.get(message.chat_id)
        if event is not None:
            event.set()
        return message


class LoadResident:
    def __init__(self, server: SignallingBotAPI, user: FakeUser, community: str, report: str, steps: int) -> None:
        self.server, self.user, self.community, self.report, self.steps = server, user, community, report, steps
        self.event = server.events.setdefault(user.chat_id, asyncio.Event())
        self.pushed: list[float] = []  # when each update became available
        self.failed: str | None = None

    def _plan(self) -> list[tuple[Callable[[], Any], Callable[[BotMessage], bool]]]:
        u = self.user

        def press(label: str) -> Callable[[], Any]:
            return lambda: u.press(label)

        def added_label() -> str:
            return next(lab for m in reversed(u.messages) for lab in m.labels if lab.startswith("补充到"))

        return [
            (lambda: u.send("你好"), lambda m: self.community in m.labels),
            (press(self.community), lambda m: "跳过" in m.labels),  # building: "skip" under the keyboard
            (press("跳过"), lambda m: "跳过" in m.labels),  # phone: the same
            (press("跳过"), lambda m: m.body.startswith("登记完成")),
            (lambda: u.send(self.report), lambda m: "确认提交" in m.labels),
            (press("确认提交"), lambda m: "案件编号" in m.body),
            (lambda: u.send("补充一下：已经找过对方三次了，还是没有结果。"), lambda m: any(
                lab.startswith("补充到") for lab in m.labels)),
            (lambda: u.press(added_label()), lambda m: m.body.startswith("已补充到案件")),
            (lambda: u.send("/mycases"), lambda m: m.body.startswith("您的案件")),
            (lambda: u.send("/help"), lambda m: True),
        ][: self.steps]

    async def run(self, timeout: float, think: float) -> None:
        for index, (act, done) in enumerate(self._plan()):
            if index:
                await asyncio.sleep(think)  # a person reads the reply and taps
            seen = len(self.user.messages)
            self.event.clear()
            self.pushed.append(time.monotonic())
            act()
            deadline = time.monotonic() + timeout
            while not any(done(m) for m in self.user.messages[seen:]):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    self.failed = f"step {index + 1}: no reply in {timeout:.0f} s"
                    return
                self.event.clear()
                try:
                    await asyncio.wait_for(self.event.wait(), remaining)
                except TimeoutError:
                    continue

    def latencies(self, sends: list[float]) -> list[float]:
        """For each update, the first message the bot sent to this chat after it was pushed."""
        out = []
        for pushed in self.pushed:
            first = next((t for t in sends if t >= pushed), None)
            if first is not None:
                out.append(first - pushed)
        return out


async def load_run(db: str = "sqlite", updates: int = 10_000, residents: int = 1_000, arrival: float = 20.0,
                   think: float = 1.5, tmp: Path | None = None, out=print) -> Verdict:  # type: ignore[no-untyped-def]
    started = time.monotonic()
    tmp = tmp or Path(tempfile.mkdtemp(prefix="linli-load-"))
    steps = max(1, min(STEPS, updates // residents))
    if db == "postgresql":
        database_url = await fresh_pg_database(os.environ.get("LINLI_TEST_DATABASE_URL", DEFAULT_PG), "linli_load")
    else:
        database_url = f"sqlite:///{tmp / 'load.db'}"
    roster = fast_roster(tmp / "roster.yaml", survey_after="24h", survey_reminder_after="48h",
                         survey_visit_after="72h", agreement_check_after="7d", first_contact="24h",
                         escalate_after="1h", sign_for={"normal": "2h", "high": "30m", "emergency": "15m"})
    v = Verdict()
    async with SignallingBotAPI(limits=None) as server:
        env = base_env(database_url, server.base_url, roster, server.token, tmp)
        await run_cli(env, "db", "upgrade")
        await run_cli(env, "roster", "import", str(roster))
        worker = Worker(env, ["--framework", "ptb", "--rate-share", "20"], tmp / "worker.log")
        await worker.start()
        if not await wait_until(lambda: bool(server.calls_to("getUpdates")), 90, 0.1):
            raise RuntimeError("the worker did not start polling")
        out(f"worker up ({time.monotonic() - started:.0f} s); {residents} residents × {steps} updates, "
            f"arriving {arrival:.0f}/s, {think} s between a reply and the next update, {db}")
        names = list(COMMUNITIES.values())
        actors = [LoadResident(server, server.user(f"load{i}"), names[i % len(names)],
                               REPORTS[i % (len(REPORTS) - 1)], steps) for i in range(residents)]
        rss_peak = 0

        async def sample() -> None:
            nonlocal rss_peak
            while True:
                rss_peak = max(rss_peak, worker.sample_rss())
                await asyncio.sleep(0.5)

        sampler = asyncio.create_task(sample())
        began = time.monotonic()
        tasks = []
        for actor in actors:
            tasks.append(asyncio.create_task(actor.run(timeout=120, think=think)))
            await asyncio.sleep(1 / arrival)
        await asyncio.gather(*tasks)
        elapsed = time.monotonic() - began
        await wait_until(lambda: _outbox_settled(database_url), 60, 1.0)
        sampler.cancel()
        worker.sample_rss()
        code = await worker.stop()
        sends: dict[int, list[float]] = {}
        for call in server.sent("sendMessage"):
            sends.setdefault(int(call.params["chat_id"]), []).append(call.at)
        waits = sorted(w for a in actors for w in a.latencies(sends.get(a.user.chat_id, [])))
        firsts = sorted(a.latencies(sends.get(a.user.chat_id, []))[0] for a in actors if a.pushed)
        offered = sum(len(a.pushed) for a in actors)
        failed = [a for a in actors if a.failed]
        data = await db_rows(database_url)
        delivered = {int(c.params["__update"]["update_id"]) for c in server.calls if c.method == "__delivered"}
        processed = {int(u["update_id"]) for u in data["updates"] if str(u["update_id"]).isdigit()}
        cases_by_chat: dict[str, int] = {}
        for case in data["cases"]:
            cases_by_chat[case["chat_id"]] = cases_by_chat.get(case["chat_id"], 0) + 1
        outbox_cases = {o["id"] for o in data["outbox"]}
        v.figures = {
            "database": db,
            "residents × updates": f"{residents} × {steps} = {offered} offered",
            "updates/s (offered to last reply)": f"{offered / elapsed:.0f}",
            "latency p50 / p99": f"{_pct(waits, 50) * 1000:.0f} ms / {_pct(waits, 99) * 1000:.0f} ms",
            "latency max": f"{waits[-1] * 1000:.0f} ms" if waits else "-",
            "first update of a chat p50 / p99 (no per-chat limit wait)":
                f"{_pct(firsts, 50) * 1000:.0f} ms / {_pct(firsts, 99) * 1000:.0f} ms",
            "worker peak RSS (VmHWM)": f"{max(rss_peak, worker.peak_rss_kb) / 1024:.0f} MB",
            "replies received": f"{len(waits)} of {offered}",
            "updates delivered / processed": f"{len(delivered)} / {len(delivered & processed)}",
            "cases": len(data["cases"]),
            "outbox rows (held: staff not enrolled)": len(outbox_cases),
            "residents stuck (no reply in 120 s)": len(failed),
            "dropped": offered - len(waits) + len(delivered - processed),
            "worker exit code": code,
            "wall time": f"{time.monotonic() - started:.0f} s",
        }
        if failed:
            v.fail(f"{len(failed)} residents got no reply: {[a.failed for a in failed[:3]]}")
        if len(waits) != offered:
            v.fail(f"{offered - len(waits)} updates without a reply")
        if len(delivered) != offered or delivered - processed:
            v.fail(f"{offered} offered, {len(delivered)} delivered, {len(delivered - processed)} not processed")
        expected_cases = residents if steps >= 6 else 0
        if len(data["cases"]) != expected_cases or any(n != 1 for n in cases_by_chat.values()):
            v.fail(f"{len(data['cases'])} cases for {expected_cases} residents")
        if code != 0:
            v.fail(f"worker exited {code}")
        if not v.ok:  # the worker's own account of what failed
            errors = [line for line in (tmp / "worker.log").read_text(errors="replace").splitlines()
                      if "failed" in line or "Error" in line]
            v.figures["worker log errors"] = errors[:5] or "none"
    return v


async def _outbox_settled(database_url: str) -> bool:
    data = await db_rows(database_url)
    return not any(o["state"] == "pending" for o in data["outbox"])


def _pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    if p == 50:
        return statistics.median(values)
    return values[min(len(values) - 1, int(len(values) * p / 100))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--updates", type=int, default=10_000)
    parser.add_argument("--residents", type=int, default=1_000)
    parser.add_argument("--arrival", type=float, default=20.0, help="residents starting per second")
    parser.add_argument("--think", type=float, default=1.5,
                        help="seconds a resident takes between a reply and the next update (0: at once)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="linli-load-") as tmpdir:
        verdict = asyncio.run(load_run(args.db, args.updates, args.residents, args.arrival, args.think, Path(tmpdir)))
        print_figures(verdict.figures)
        print(verdict.line(f"load: {args.updates} updates from {args.residents} residents, one worker, {args.db}"))
    sys.exit(0 if verdict.ok else 1)


if __name__ == "__main__":
    main()
