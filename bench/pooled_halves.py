"""Pooled figures of the probes' A and B halves (``nlp.halves``), classified here with the shipped
models and counted by ``nlp.evaluate``. Prints figures only: B's lines are never shown.

    PYTHONPATH=. python bench/pooled_halves.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from nlp.classify import initialize  # noqa: E402
from nlp.evaluate import evaluate  # noqa: E402
from nlp.halves import lines  # noqa: E402
from nlp.train import Example  # noqa: E402


def _figure(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def main() -> None:
    initialize()
    for half in "AB":
        rows = [row for _, _, row in lines(half)]
        report = evaluate([Example(text=r["text"], category=r["category"], urgency=r.get("urgency")) for r in rows])
        emergencies = sum(r.get("urgency") == "emergency" for r in rows)
        print(f"{half}: n {report.n} emergencies {emergencies} recall {_figure(report.emergency_recall)}"
              f" caught {_figure(report.emergency_caught)} false/100 {_figure(report.false_emergencies_per_100)}"
              f" quest/100 {_figure(report.uncertain_per_100)} high {_figure(report.high_recall)}"
              f" accuracy {report.accuracy:.3f}")


if __name__ == "__main__":
    main()
