"""Two ``linli run --webhook`` workers on one PostgreSQL database behind a loopback balancer
(``bench/multiworker.py``, shortened): per-chat order, no duplicate case, nothing sent twice."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench._harness import print_figures  # noqa: E402
from bench.multiworker import multiworker_run  # noqa: E402

# A chaos run (real processes killed): in CI (LINLI_CHAOS=1), not in the everyday suite.
pytestmark = [pytest.mark.chaos, pytest.mark.xdist_group("chaos")]

PG_URL = os.environ.get("LINLI_TEST_DATABASE_URL")


@pytest.mark.skipif(not PG_URL, reason="two workers need PostgreSQL: set LINLI_TEST_DATABASE_URL "
                    "(a database of its own is created on that server)")
async def test_two_workers_one_database_keep_order_and_send_once(tmp_path: Path) -> None:
    verdict = await multiworker_run(workers=2, residents=12, seed=5, tmp=tmp_path, communities=1,
                                    clocks={"agreement_check_after": "8s", "first_contact": "20s"})
    print_figures(verdict.figures)
    assert verdict.ok, verdict.line("multi-worker: 2 workers") + f"\n{verdict.figures}"
