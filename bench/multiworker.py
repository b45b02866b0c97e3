"""Several workers: ``linli run --webhook`` processes on one PostgreSQL database behind a balancer.

N real ``linli run --channel telegram --webhook … --listen 127.0.0.1:PORTi`` processes share one
PostgreSQL database (``LINLI_TEST_DATABASE_URL``'s server, database ``linli_multiworker``,
recreated). The fake Bot API (in this process) POSTs every update to a loopback balancer, also in
this process, which sends each request to a worker chosen at random, so one resident's
consecutive messages land on different workers. Residents register, report and answer surveys;
staff 签收 and 结案; clocks run in seconds. Every 10th update is also POSTed a second time to
another worker (Telegram redelivering). Checked at the end: each resident's replies came in the
order of their messages (the conversation completed), no duplicate case, no message delivered
twice (outbox rows and clocks claimed once: notices, surveys, reminders), plus the crash checks.
Last line: ``VERDICT: PASS …`` or ``VERDICT: FAIL …`` (exit status 1).

Run: ``python bench/multiworker.py [--workers 2] [--residents 60]``
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(ROOT))

import aiohttp  # noqa: E402
from aiohttp import web  # noqa: E402

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
    fast_roster,
    free_port,
    fresh_pg_database,
    prepare,
    print_figures,
    quiet_db,
    staff_for,
    verify,
    wait_until,
)
from bot.channels.webhook import SECRET_HEADER  # noqa: E402

SURVEY_AFTER = 5.0
REPLAY_EVERY = 10


class Balancer:
    """An aiohttp reverse proxy: each POST to a worker picked at random (seeded); every
    ``REPLAY_EVERY``-th update POSTed again to a different worker, as a redelivery."""

    def __init__(self, upstreams: list[str], seed: int) -> None:
        self.upstreams = upstreams
        self.random = random.Random(seed)
        self.per_worker = [0] * len(upstreams)
        self.replayed = 0
        self._count = itertools.count(1)
        self._client: aiohttp.ClientSession | None = None
        self._runner: web.AppRunner | None = None
        self.port = 0

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/{tail:.*}", self._proxy)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self._client = aiohttp.ClientSession()

    async def stop(self) -> None:
        if self._client is not None:
            await self._client.close()
        if self._runner is not None:
            await self._runner.cleanup()

    async def _post(self, index: int, path: str, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
        assert self._client is not None
        async with self._client.post(self.upstreams[index] + path, data=body, headers=headers) as response:
            self.per_worker[index] += 1
            return response.status, await response.read()

    async def _proxy(self, request: web.Request) -> web.Response:
        body = await request.read()
        headers = {k: v for k, v in request.headers.items() if k in (SECRET_HEADER, "Content-Type")}
        index = self.random.randrange(len(self.upstreams))
        try:
            status, text = await self._post(index, request.path, body, headers)
        except aiohttp.ClientError:
            return web.Response(status=502)
        if status == 200 and next(self._count) % REPLAY_EVERY == 0 and len(self.upstreams) > 1:
            other = (index + 1 + self.random.randrange(len(self.upstreams) - 1)) % len(self.upstreams)
            await asyncio.sleep(0.05)
            try:
                await self._post(other, request.path, body, headers)
                self.replayed += 1
            except aiohttp.ClientError:
                pass
        return web.Response(status=status, body=text)


def order_kept(actors: list[Resident]) -> list[str]:
    """Each resident's replies in the order their updates ask for them: welcome (with the community
    buttons), building (after its location request), phone (after its contact request), registered, the
    summary to confirm (not for an emergency), the case number. Matched one after the other."""
    expected = ("您好！这里是", "📍", "请选择您住的楼栋", "📱", "如愿意，请分享您的手机号",
                "登记完成", "请确认", "案件编号")
    problems = []
    for actor in actors:
        bodies = [m.body for m in actor.user.messages]
        emergency = not any(b.startswith("请确认") for b in bodies)
        at = 0
        for prefix in expected:
            if prefix == "请确认" and emergency:
                continue
            found = next((i for i in range(at, len(bodies))
                          if (prefix in bodies[i] if prefix == "案件编号" else bodies[i].startswith(prefix))), None)
            if found is None:
                problems.append(f"{actor.user.first_name}: {prefix!r} missing or out of order in {bodies[:10]}")
                break
            at = found + 1
    return problems


async def multiworker_run(workers: int = 2, residents: int = 60, seed: int = 11, tmp: Path | None = None,
                          communities: int = 3, clocks: dict[str, str] | None = None, out=print) -> Verdict:  # type: ignore[no-untyped-def]
    started = time.monotonic()
    tmp = tmp or Path(tempfile.mkdtemp(prefix="linli-mw-"))
    base = os.environ.get("LINLI_TEST_DATABASE_URL", DEFAULT_PG)
    database_url = await fresh_pg_database(base, "linli_multiworker")
    roster = fast_roster(tmp / "roster.yaml", **(clocks or {}))
    chosen = list(COMMUNITIES)[:communities]
    async with FakeBotAPI(limits=Limits()) as server:
        env = base_env(database_url, server.base_url, roster, server.token, tmp)
        staff_ids = staff_for(chosen)
        codes = await prepare(env, roster, staff_ids)
        ports = [free_port() for _ in range(workers)]
        balancer = Balancer([f"http://127.0.0.1:{p}" for p in ports], seed)
        await balancer.start()
        public = f"http://127.0.0.1:{balancer.port}/tg/hook"
        procs = [Worker(env, ["--framework", "ptb" if i % 2 == 0 else "aiogram", "--webhook", public,
                              "--listen", f"127.0.0.1:{port}", "--rate-share", f"{1 / workers:.3f}"],
                        tmp / f"worker{i}.log", name=f"worker{i}") for i, port in enumerate(ports)]
        for proc in procs:
            await proc.start()

        async def healthy() -> bool:
            async with aiohttp.ClientSession() as client:
                for port in ports:
                    try:
                        async with client.get(f"http://127.0.0.1:{port}/healthz") as r:
                            if r.status != 200:
                                return False
                    except aiohttp.ClientError:
                        return False
            return server.webhook is not None

        if not await wait_until(healthy, 90, 0.3):
            raise RuntimeError("workers did not come up")
        out(f"{workers} workers up behind the balancer ({time.monotonic() - started:.0f} s); "
            f"frameworks: {', '.join(p.args[1] for p in procs)}")
        stop = asyncio.Event()
        stats = Stats()
        tasks = []
        for staff_id in staff_ids:
            user = server.user(staff_id)
            actor = Staff(user, stats, staff_id, codes[staff_id],
                          outcome=lambda n: "调解成功" if int(n[-1]) % 2 else "已解释说明")
            tasks.append(asyncio.create_task(actor.run(lambda u=user, c=codes[staff_id]: u.send(f"/start {c}"), stop)))
        actors: list[Resident] = []
        for i in range(residents):
            user = server.user(f"r{i}")
            actor = Resident(user, stats, COMMUNITIES[chosen[i % len(chosen)]], REPORTS[i % len(REPORTS)],
                             answers=i % 5 != 4)
            actors.append(actor)
            tasks.append(asyncio.create_task(actor.run(lambda u=user: u.send("你好"), stop)))
            await asyncio.sleep(0.15)
        rss: list[int] = []
        await wait_until(lambda: all(a.done or a.gave_up for a in actors), 240, 1.0)
        await wait_until(lambda: quiet_db(database_url, horizon=30), 120, 1.0)
        await asyncio.sleep(2)
        for proc in procs:
            rss.append(proc.sample_rss())
        stop.set()
        await asyncio.gather(*tasks, return_exceptions=True)
        codes_out = [await proc.stop() for proc in procs]
        await balancer.stop()
        verdict = await verify(server, database_url, survey_after=SURVEY_AFTER)
        problems = order_kept(actors)
        numbers = [n for a in actors if a.number for n in [a.number]]
        per_resident = {}
        from bench._harness import db_rows

        data = await db_rows(database_url)
        for case in data["cases"]:
            per_resident[case["chat_id"]] = per_resident.get(case["chat_id"], 0) + 1
        duplicates = {chat: n for chat, n in per_resident.items() if n > 1}
        delivered_twice = sum(1 for s in server.webhook_statuses if s == 200) - server.delivered
        verdict.figures = {
            "workers (framework)": ", ".join(p.args[1] for p in procs),
            "updates per worker (balancer)": balancer.per_worker,
            "updates sent twice to another worker": balancer.replayed,
            "residents / acknowledged / gave up": f"{len(actors)} / {stats.acked} / {stats.gave_up}",
            "cases closed by staff / surveys answered": f"{stats.closed_by_staff} / {stats.surveys_answered}",
            "repeated actions": stats.retries,
            "conversations out of order or incomplete": len(problems),
            "residents with more than one case": len(duplicates),
            **verdict.figures,
            "worker exit codes": codes_out,
            "worker peak RSS": [f"{p.peak_rss_kb / 1024:.0f} MB" for p in procs],
            "wall time": f"{time.monotonic() - started:.0f} s",
        }
        del delivered_twice, numbers
        if problems:
            verdict.fail(f"{len(problems)} conversations out of order or incomplete: {problems[:3]}")
        if duplicates:
            verdict.fail(f"{len(duplicates)} residents got more than one case: {list(duplicates.items())[:3]}")
        if any(code != 0 for code in codes_out):
            verdict.fail(f"worker exit codes {codes_out}")
        if stats.acked < len(actors):
            verdict.fail(f"only {stats.acked} of {len(actors)} reports acknowledged")
        if min(balancer.per_worker) == 0:
            verdict.fail("a worker got no updates")
        return verdict


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--residents", type=int, default=60)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="linli-mw-") as tmpdir:
        verdict = asyncio.run(multiworker_run(args.workers, args.residents, args.seed, Path(tmpdir)))
        print_figures(verdict.figures)
        print(verdict.line(f"multi-worker: {args.workers} workers on one PostgreSQL, {args.residents} residents"))
    sys.exit(0 if verdict.ok else 1)


if __name__ == "__main__":
    main()

