"""The limiter waits for the chat's turn in the bucket all workers share, and sends on its own
bucket when that is unavailable; ``linli run`` injects the shared bucket only where it can.

A fake clock and sleep: the shared wait is recorded, never slept. The local buckets are made
large so that only the shared one can make a send wait.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest
from sqlalchemy import select

from bot import ratelimit
from bot.app import build_app
from bot.ratelimit import GROUP, PRIVATE, Bucket, RateLimiter
from bot.run_cli import make_limiter
from bot.settings import Settings
from storage import models as m
from storage.models import Base

ROOMY = Bucket(capacity=1000, per_second=1000)


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


class FakeShared:
    """Waits to hand out in turn, or an exception to raise."""

    def __init__(self, *answers: float | Exception) -> None:
        self.answers = list(answers)
        self.calls: list[tuple[str, Bucket]] = []

    async def __call__(self, chat_id: str, bucket: Bucket) -> float:
        self.calls.append((chat_id, bucket))
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer


def limiter(shared: FakeShared | None, time: FakeTime, **buckets: Bucket) -> RateLimiter:
    kinds = {"bot": ROOMY, "private": ROOMY, "group": ROOMY, **buckets}
    return RateLimiter(**kinds, clock=time.clock, sleep=time.sleep, shared=shared)


async def test_acquire_waits_for_the_shared_reservation() -> None:
    time, shared = FakeTime(), FakeShared(0.0, 1.25, 0.0)
    rl = limiter(shared, time, private=PRIVATE.faster(1000), group=GROUP.faster(1000))
    await rl.acquire("100")
    await rl.acquire("100")
    await rl.acquire("-100200")
    assert time.slept == [1.25]
    assert rl.waited == pytest.approx(1.25)
    # The bucket of the chat's kind goes with the call; the chat id alone (the channel is the
    # composition's business).
    assert shared.calls == [("100", PRIVATE.faster(1000)), ("100", PRIVATE.faster(1000)),
                            ("-100200", GROUP.faster(1000))]


async def test_no_shared_function_no_shared_wait() -> None:
    time = FakeTime()
    rl = limiter(None, time)
    for _ in range(5):
        await rl.acquire("100")
    assert time.slept == [] and rl.waited == 0.0


async def test_a_failing_shared_call_falls_back_and_warns_once_a_minute(caplog: pytest.LogCaptureFixture) -> None:
    time = FakeTime()
    shared = FakeShared(OSError("connection refused"), OSError("again"), 0.5, OSError("later"))
    rl = limiter(shared, time)
    with caplog.at_level(logging.WARNING, logger="bot.ratelimit"):
        await rl.acquire("100")  # fails: sent at once, warned
        time.now += 30
        await rl.acquire("100")  # fails again within the minute: not warned again
        await rl.acquire("100")  # the database is back: its wait counts again
        time.now += 60
        await rl.acquire("100")  # fails a minute later: warned again
    assert time.slept == [0.5]
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 2
    assert "connection refused" in warnings[0].getMessage()


async def test_a_hanging_shared_call_times_out_and_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ratelimit, "SHARED_TIMEOUT", 0.01)
    time = FakeTime()

    async def hangs(chat_id: str, bucket: Bucket) -> float:
        await asyncio.Event().wait()
        return 0.0

    rl = RateLimiter(ROOMY, ROOMY, ROOMY, clock=time.clock, sleep=time.sleep, shared=hangs)
    await rl.acquire("100")
    assert time.slept == []


async def test_a_cancelled_wait_keeps_its_reservation() -> None:
    """The drain gives up waiting at the end of its time slice; the next send to that chat uses
    the reservation already made, instead of reserving another further out each slice."""
    time = FakeTime()
    shared = FakeShared(2.0, 0.0)
    never = asyncio.Event()

    async def slow_sleep(seconds: float) -> None:
        time.slept.append(seconds)
        await never.wait()

    rl = RateLimiter(ROOMY, ROOMY, ROOMY, clock=time.clock, sleep=slow_sleep, shared=shared)
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(rl.acquire("100"), 0.01)
    time.now += 0.5
    rl._sleep = time.sleep
    await rl.acquire("100")
    assert len(shared.calls) == 1  # not reserved again
    assert time.slept == [2.0, 1.5]
    await rl.acquire("100")  # used up: the next send reserves again
    assert len(shared.calls) == 2


# --------------------------------------------------------------------------- the composition (linli run)


def _app(url: str):  # type: ignore[no-untyped-def]
    return build_app(Settings(database_url=url))


@pytest.fixture(autouse=True)
def _no_config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINLI_CONFIG", str(tmp_path / "none.toml"))


async def test_several_workers_on_sqlite_get_no_shared_bucket_and_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture,
) -> None:
    app = _app(f"sqlite:///{tmp_path / 'x.db'}")
    with caplog.at_level(logging.WARNING, logger="bot.run_cli"):
        assert make_limiter(app, 1.0).shared is None
        assert not caplog.records
        assert make_limiter(app, 0.5).shared is None
    assert [r.levelno for r in caplog.records] == [logging.WARNING]
    assert "per process" in caplog.records[0].getMessage()
    await app.close()


async def test_several_workers_on_postgresql_share_the_chat_buckets(caplog: pytest.LogCaptureFixture) -> None:
    app = _app("postgresql://linli@127.0.0.1:1/nowhere")  # never connected: the engine is lazy
    with caplog.at_level(logging.WARNING, logger="bot.run_cli"):
        assert make_limiter(app, 1.0).shared is None  # one worker: its own buckets are the truth
        assert make_limiter(app, 0.25).shared is not None
    assert not caplog.records
    await app.close()


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
async def test_the_composed_shared_bucket_reserves_in_postgresql(db_url: str) -> None:
    app = _app(db_url)
    async with app.engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    shared = make_limiter(app, 0.5).shared
    assert shared is not None
    waits = [await shared("-100200", GROUP) for _ in range(2)]
    assert waits[0] == 0.0 and 3.2 < waits[1] <= 3.34
    async with app.uow_factory() as uow:  # committed, under the channel's key
        assert (await uow.session.scalars(select(m.ChatPace.chat_key))).all() == ["telegram:-100200"]
    await app.close()
