"""Crash safety: ``linli run`` killed with SIGKILL at random moments, restarted each time.

A real ``linli run --channel telegram`` process (polling) talks to the fake Bot API running in
this process. Residents register, report and answer surveys; staff enrol with ``linli staff
invite`` codes and 签收, 已联系, 结案 each case; the roster's clocks run in seconds (survey 5 s after
closure …), so reminders, escalations, surveys and agreement checks fall due during the run.
Meanwhile the process is killed (seeded RNG) at least ``--kills`` times and started again; the
fake server keeps unconfirmed updates for redelivery, as Telegram does. At the end, from the fake
server's records and the database: every acknowledged report is a case, every assignment reached
its handler exactly once, no outbox message (survey, notice, reminder) twice, no clock skipped,
no update lost. Last line: ``VERDICT: PASS …`` or ``VERDICT: FAIL …`` (exit status 1).

Run: ``python bench/crash.py [--kills 50] [--framework ptb|aiogram] [--db sqlite|postgresql]``
(PostgreSQL: the server of ``LINLI_TEST_DATABASE_URL``, database ``linli_crash``, recreated).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(ROOT))

from bench._harness import (  # noqa: E402
    COMMUNITIES,
    DEFAULT_PG,
    REPORTS,
    FakeBotAPI,
    Limits,
    Resident,
    Staff,
    Stats,
    Verdict,
    Worker,
    base_env,
    db_rows,
    dump_records,
    fast_roster,
    fresh_pg_database,
    prepare,
    print_figures,
    quiet_db,
    rng,
    staff_for,
    verify,
    wait_until,
)

SURVEY_AFTER = 5.0


async def crash_run(kills: int = 50, framework: str = "ptb", db: str = "sqlite", residents: int | None = None,
                    seed: int = 7, tmp: Path | None = None, communities: int = 3,
                    clocks: dict[str, str] | None = None, strict: bool = False, out=print) -> Verdict:  # type: ignore[no-untyped-def]
    started = time.monotonic()
    tmp = tmp or Path(tempfile.mkdtemp(prefix="linli-crash-"))
    random = rng(seed)
    residents = residents if residents is not None else 3 * kills
    chosen = list(COMMUNITIES)[:communities]
    if db == "postgresql":
        database_url = await fresh_pg_database(os.environ.get("LINLI_TEST_DATABASE_URL", DEFAULT_PG), "linli_crash")
    else:
        database_url = f"sqlite:///{tmp / 'crash.db'}"
    roster = fast_roster(tmp / "roster.yaml", **(clocks or {}))
    async with FakeBotAPI(limits=Limits()) as server:
        env = base_env(database_url, server.base_url, roster, server.token, tmp)
        staff_ids = staff_for(chosen)
        codes = await prepare(env, roster, staff_ids)
        out(f"prepared {db} database, roster with clocks in seconds, {len(codes)} invite codes "
            f"({time.monotonic() - started:.0f} s)")
        worker = Worker(env, ["--framework", framework], tmp / "worker.log")
        stop = asyncio.Event()
        stats = Stats()
        tasks: list[asyncio.Task[None]] = []
        staff_actors = []
        for staff_id in staff_ids:
            user = server.user(staff_id)
            actor = Staff(user, stats, staff_id, codes[staff_id],
                          outcome=lambda n: "调解成功" if int(n[-1]) % 2 else "已解释说明")
            staff_actors.append(actor)
            tasks.append(asyncio.create_task(actor.run(lambda u=user, c=codes[staff_id]: u.send(f"/start {c}"), stop)))
        resident_actors: list[Resident] = []

        async def spawn(interval: float) -> None:
            for i in range(residents):
                community = COMMUNITIES[chosen[i % len(chosen)]]
                user = server.user(f"r{i}")
                actor = Resident(user, stats, community, REPORTS[i % len(REPORTS)], answers=i % 5 != 4)
                resident_actors.append(actor)
                tasks.append(asyncio.create_task(actor.run(lambda u=user: u.send("你好"), stop)))
                await asyncio.sleep(interval * random.uniform(0.5, 1.5))

        spawner = asyncio.create_task(spawn(interval=5.0 * kills / max(residents, 1)))
        kill_times: list[float] = []
        startups: list[float] = []
        try:
            for _ in range(kills):
                deletes = len(server.calls_to("deleteWebhook"))
                await worker.start()
                began = time.monotonic()
                if random.random() < 0.15:  # now and then, during start-up
                    await asyncio.sleep(random.uniform(0.2, 2.5))
                else:
                    await wait_until(lambda d=deletes: len(server.calls_to("deleteWebhook")) > d, 60, 0.05)
                    startup = time.monotonic() - began
                    startups.append(startup)
                    # Killed 0.3–4 s into its work, or later when its start-up was slow: a
                    # process up a quarter of the time (aiogram builds its types for 5 s on
                    # import) cannot answer what residents send meanwhile, and the run measured
                    # that overload, not crash safety.
                    await asyncio.sleep(random.uniform(0.3, 4.0) + max(0.0, startup - 2.0))
                worker.sample_rss()
                kill_times.append(time.monotonic())
                await worker.kill()
            out(f"{worker.kills} kills in {time.monotonic() - started:.0f} s; settling")
            deletes = len(server.calls_to("deleteWebhook"))
            await worker.start()
            # The graceful stop below is of a running bot: on a loaded machine start-up can
            # outlast the settling, and a SIGTERM before the bot listens ends it like a kill.
            await wait_until(lambda d=deletes: len(server.calls_to("deleteWebhook")) > d, 120, 0.05)
            await spawner
            await wait_until(lambda: all(a.done or a.gave_up for a in resident_actors), 120, 1.0)
            await wait_until(lambda: quiet_db(database_url, horizon=30), 120, 1.0)
            await asyncio.sleep(2)
            stop.set()
            await asyncio.gather(*tasks, return_exceptions=True)
            code = await worker.stop()
        finally:
            stop.set()
            spawner.cancel()
            await worker.kill()
        verdict = await verify(server, database_url, survey_after=SURVEY_AFTER, kills_at=kill_times, strict=strict)
        twice = await residents_with_two_cases(database_url)
        verdict.figures = {
            "framework / database": f"{framework} / {db}",
            "kills (SIGKILL) / starts": f"{worker.kills} / {worker.starts}",
            "start-up to polling, median": f"{sorted(startups)[len(startups) // 2]:.1f} s" if startups else "—",
            "residents (reports offered)": len(resident_actors),
            "residents acknowledged / gave up": f"{stats.acked} / {stats.gave_up}",
            "staff cases given up (stuck after a kill)": stats.staff_gave_up,
            "surveys answered": stats.surveys_answered,
            "cases closed by staff": stats.closed_by_staff,
            "repeated actions (nothing came back in time)": stats.retries,
            "messages received again, not acted on twice": stats.repeats_ignored,
            "update batches confirmed (getUpdates with a new offset)": confirmed_batches(server),
            **verdict.figures,
            "final stop exit code": code,
            "wall time": f"{time.monotonic() - started:.0f} s",
        }
        verdict.figures["residents with more than one case"] = len(twice)
        if twice:  # each resident reports once: a second case came from a repeated message
            verdict.fail(f"{len(twice)} residents got more than one case from one report: {twice[:3]}")
        if worker.kills < kills:
            verdict.fail(f"only {worker.kills} kills")
        if code != 0:
            verdict.fail(f"graceful stop exited {code}")
        if not resident_actors or stats.acked < len(resident_actors) // 2:
            verdict.fail(f"only {stats.acked} of {len(resident_actors)} reports acknowledged: the run did not run")
        if not verdict.ok:
            dump_records(server, kill_times, tmp / "sent.jsonl")
        return verdict


async def residents_with_two_cases(database_url: str) -> list[tuple[str, ...]]:
    """Each resident reports once and never presses 新问题: more than one case is a repeated
    message (a person who heard nothing back and sent it again) opened as a second case."""
    per_resident: dict[str, list[str]] = {}
    for case in (await db_rows(database_url))["cases"]:
        per_resident.setdefault(case["chat_id"], []).append(f"{case['number']} ({case['urgency']})")
    return [tuple(numbers) for numbers in per_resident.values() if len(numbers) > 1]


def confirmed_batches(server: FakeBotAPI) -> int:
    """How often the worker confirmed a batch to Telegram. Few against many starts means the
    process was mostly killed before it finished a batch: after each start Telegram resends
    every unconfirmed update (up to 100 a call), so progress needs a batch done within an uptime."""
    confirmed, highest = 0, 0
    for call in server.calls_to("getUpdates"):
        offset = int(call.params.get("offset") or 0)
        if offset > highest:
            confirmed, highest = confirmed + 1, offset
    return confirmed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--framework", choices=("ptb", "aiogram"), default="ptb")
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--residents", type=int, default=None, help="reports offered (default 3 per kill)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--strict", action="store_true",
                        help="fail also on messages a kill caught between Telegram accepting them and the "
                             "outbox commit (by default they are counted and named on the verdict line: "
                             "the Bot API has no idempotency key, so exactly-once is impossible without "
                             "risking loss, and linli chooses at-least-once)")
    args = parser.parse_args()
    tmpdir = tempfile.mkdtemp(prefix="linli-crash-")
    verdict = asyncio.run(crash_run(args.kills, args.framework, args.db, args.residents, args.seed, Path(tmpdir),
                                    strict=args.strict))
    print_figures(verdict.figures)
    for failure in verdict.failures[8:]:
        print(f"  also: {failure}")
    print(verdict.line(f"crash: {args.kills} kills, {args.framework}, {args.db}"))
    if verdict.ok:
        shutil.rmtree(tmpdir, ignore_errors=True)
    else:  # the database, the worker's log and the fake server's records, for the post-mortem
        print(f"  kept for inspection: {tmpdir} (crash.db, worker.log, sent.jsonl)")
    sys.exit(0 if verdict.ok else 1)


if __name__ == "__main__":
    main()
