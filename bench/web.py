"""Bench: N concurrent web-chat sessions, each completing a report, against a real ``linli run
--channel web`` process (SQLite, the shipped classifier).

Each session opens (the poster's link: community preselected), skips the building and the phone,
writes a report and confirms it, reacting to the buttons it is shown until the case number
arrives; it keeps a WebSocket open throughout, as the page does. Sessions start within ``--ramp``
seconds and take ``--think`` seconds before each step (a person reading and tapping), so all of
them are in the middle of a report at once; ``--think 0 0 --ramp 0`` is the worst case, every
request at the same instant. Measured: the first reply of each
step (from the request leaving the client to the first bot message arriving on the session's
WebSocket; for opening the session, the request's own round trip), p50/p99 over all steps, and the
server's resident set size (VmRSS at the end, VmHWM peak).

    python bench/web.py [--sessions 500]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
NUMBER = re.compile(r"[A-Z]{1,8}\d{8}-\d{4,}")
REPORTS = (
    "老板拖欠我三个月工资，一共一万二，一直不给",
    "房东不退押金，说墙面脏了要扣两千",
    "楼上漏水把我家天花板泡坏了，找他们不理",
    "隔壁每天晚上装修到十一点，吵得孩子没法睡觉",
    "物业不修电梯，已经坏了两个星期",
    "朋友借了我五万块钱两年了不还",
)
COMMUNITIES = ("qunzhongjie", "jinjilinglu", "nanhai", "huixin", "malingda", "huihui")
PREFERRED = ("跳过", "确认提交", "作为一件提交")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _rss(pid: int) -> tuple[float, float]:
    """(VmRSS, VmHWM) of the process in MiB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) / 1024
    return fields.get("VmRSS", 0.0), fields.get("VmHWM", 0.0)


class Session:
    def __init__(self, http: aiohttp.ClientSession, base: str, index: int, think: tuple[float, float],
                 ramp: float) -> None:
        self.http, self.base, self.index, self.think, self.ramp = http, base, index, think, ramp
        self.headers: dict[str, str] = {}
        self.arrivals: asyncio.Queue[tuple[float, dict[str, Any]]] = asyncio.Queue()
        self.latencies: list[float] = []
        self.kinds: list[str] = []
        self.number: str | None = None
        self.last_id = 0

    async def _post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        async with self.http.post(self.base + path, json=body, headers=self.headers) as response:
            data = await response.json()
            if response.status != 200:
                raise RuntimeError(f"{path}: {response.status} {data}")
            return dict(data)

    async def _messages(self) -> list[dict[str, Any]]:
        async with self.http.get(f"{self.base}/api/messages?after={self.last_id}", headers=self.headers) as r:
            data = await r.json()
        self.last_id = data["last_id"]
        return [m for m in data["messages"] if m["from"] == "bot"]

    async def _watch(self, connected: asyncio.Event) -> None:
        async with self.http.ws_connect(f"{self.base}/api/ws?after={self.last_id}", headers=self.headers) as ws:
            connected.set()
            async for msg in ws:
                if msg.type == aiohttp.WSMsgType.TEXT:
                    data = msg.json()
                    if data["message"]["from"] == "bot":
                        self.arrivals.put_nowait((time.perf_counter(), data["message"]))

    async def _step(self, path: str, body: dict[str, Any]) -> list[dict[str, Any]]:
        """The step's replies, as the WebSocket delivers them (the response names their ids)."""
        await asyncio.sleep(random.uniform(*self.think))  # a person reads and taps
        started = time.perf_counter()
        replies = set((await self._post(path, body))["replies"])
        said: list[dict[str, Any]] = []
        while replies:
            arrived, message = await asyncio.wait_for(self.arrivals.get(), 60)
            if message["id"] in replies:
                if not said:
                    self.latencies.append(arrived - started)
                    self.kinds.append(path)
                replies.discard(message["id"])
                said.append(message)
        return said

    async def run(self) -> None:
        await asyncio.sleep(random.uniform(0, self.ramp))
        started = time.perf_counter()
        opened = await self._post("/api/session", {"bearer": True, "start": f"c-{COMMUNITIES[self.index % 6]}"})
        self.latencies.append(time.perf_counter() - started)
        self.kinds.append("/api/session")
        self.headers = {"Authorization": f"Bearer {opened['token']}"}
        said = await self._messages()
        connected = asyncio.Event()
        watcher = asyncio.create_task(self._watch(connected))
        try:
            await asyncio.wait_for(connected.wait(), 60)
            report_sent = False
            for _ in range(8):
                if any(NUMBER.search(m["text"]) for m in said):
                    self.number = next(NUMBER.search(m["text"]).group(0) for m in said  # type: ignore[union-attr]
                                       if NUMBER.search(m["text"]))
                    return
                buttons = [b for m in said[-1:] for row in m.get("buttons", ()) for b in row]
                if "登记完成" in "".join(m["text"] for m in said) and not report_sent:
                    said = await self._step("/api/send", {"text": REPORTS[self.index % len(REPORTS)]})
                    report_sent = True
                    continue
                choice = next((b for want in PREFERRED for b in buttons if b["label"] == want), None)
                choice = choice or (buttons[0] if buttons else None)
                if choice is None:
                    break
                said = await self._step("/api/press", {"payload": choice["payload"]})
        finally:
            watcher.cancel()


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


async def bench(sessions: int, database_url: str, workdir: Path, think: tuple[float, float],
                ramp: float) -> dict[str, Any]:
    port = _free_port()
    env = {**os.environ, "LINLI_DATABASE_URL": database_url, "LINLI_WEB_PHOTO_DIR": str(workdir / "photos"),
           "LINLI_WEB_REQUESTS_PER_IP_PER_MINUTE": "10000000", "LINLI_WEB_SESSIONS_PER_IP_PER_HOUR": "10000000",
           "LINLI_WEB_SOCKETS_PER_IP": "100000", "LINLI_LOG_LEVEL": "WARNING", "PYTHONPATH": str(ROOT)}
    profile = ["-m", "cProfile", "-o", os.environ["LINLI_BENCH_PROFILE"]] if os.environ.get("LINLI_BENCH_PROFILE") else []
    server = subprocess.Popen([sys.executable, *profile, "-m", "bot.cli", "run", "--channel", "web", "--listen",
                               f"127.0.0.1:{port}"], env=env, cwd=workdir, stdout=subprocess.PIPE, text=True,
                              stderr=(workdir / "server.log").open("w"))
    base = f"http://127.0.0.1:{port}"
    try:
        assert server.stdout is not None
        server.stdout.readline()  # "listening"
        connector = aiohttp.TCPConnector(limit=0)
        async with aiohttp.ClientSession(connector=connector, cookie_jar=aiohttp.DummyCookieJar()) as http:
            idle_rss = _rss(server.pid)[0]
            people = [Session(http, base, i, think, ramp) for i in range(sessions)]
            started = time.perf_counter()
            results = await asyncio.gather(*(p.run() for p in people), return_exceptions=True)
            wall = time.perf_counter() - started
            rss, peak = _rss(server.pid)
        errors = [r for r in results if isinstance(r, BaseException)]
        if errors:
            print((workdir / "server.log").read_text()[-3000:], file=sys.stderr)
        latencies = [x for p in people for x in p.latencies]
        by_kind: dict[str, list[float]] = {}
        for p in people:
            for kind, x in zip(p.kinds, p.latencies, strict=True):
                by_kind.setdefault(kind, []).append(x)
        return {
            "sessions": sessions, "completed": sum(1 for p in people if p.number), "errors": len(errors),
            "first_error": repr(errors[0])[:200] if errors else None,
            "steps": len(latencies), "wall_s": round(wall, 1),
            "p50_ms": round(_pct(latencies, 50) * 1000, 1), "p99_ms": round(_pct(latencies, 99) * 1000, 1),
            "mean_ms": round(statistics.fmean(latencies) * 1000, 1) if latencies else None,
            **{f"p99_ms {k.removeprefix('/api/')}": round(_pct(v, 99) * 1000, 1) for k, v in by_kind.items()},
            "rss_idle_mib": round(idle_rss, 1), "rss_end_mib": round(rss, 1), "rss_peak_mib": round(peak, 1),
        }
    finally:
        server.terminate()
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=500)
    parser.add_argument("--think", type=float, nargs=2, default=(2.0, 6.0), metavar=("MIN", "MAX"),
                        help="seconds a person takes before each step (0 0: all at once)")
    parser.add_argument("--ramp", type=float, default=10.0, help="sessions start within this many seconds")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="linli-web-bench-") as tmp:
        workdir = Path(tmp)
        result = asyncio.run(bench(args.sessions, f"sqlite:///{workdir / 'bench.db'}", workdir,
                                   tuple(args.think), args.ramp))  # type: ignore[arg-type]
    for key, value in result.items():
        print(f"{key:14} {value}")


if __name__ == "__main__":
    main()
