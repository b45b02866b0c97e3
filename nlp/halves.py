"""The A/B halves of the recent probes, as each card defines them, and the pooled honest set.

A round tunes on the A halves (and the older development sets) and reads B only as figures. Each card
fixed its rule before the first run; this module writes those rules down once so every round pools the
same lines: line-index parity (A = even 0-based index), md5 parity of the text (A = even), or pairs of
lines (urgency_probe3: pairs 1, 3, 5 … are A).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator

from nlp.corpus import data_dir

#: Probe → how its card splits it.
POOLED_PROBES: dict[str, str] = {
    "emergency_probe10": "index",
    "emergency_probe11": "index",
    "emergency_probe12": "index",
    "emergency_probe13": "index",
    "false_probe3": "md5",
    "false_probe4": "md5",
    "urgency_probe3": "pair",
    "category_probe3": "index",
    "category_probe4": "index",
    "urgency_probe4": "index",
    "false_probe5": "md5",
    "false_probe6": "index",
    "urgency_probe5": "index",
    "emergency_probe14": "index",
    "emergency_probe15": "index",
    "false_probe7": "index",
    "emergency_probe16": "index",
    "false_probe8": "index",
}


def half_of(rule: str, index: int, text: str) -> str:
    """"A" or "B" for the line at 0-based ``index`` holding ``text``, by the card's ``rule``."""
    if rule == "index":
        return "A" if index % 2 == 0 else "B"
    if rule == "md5":
        return "A" if int(hashlib.md5(text.encode()).hexdigest(), 16) % 2 == 0 else "B"
    if rule == "pair":
        return "A" if (index // 2) % 2 == 0 else "B"
    raise ValueError(f"unknown halves rule {rule!r}")


def lines(half: str, probes: dict[str, str] | None = None) -> Iterator[tuple[str, int, dict]]:
    """``(set, index, row)`` of every line of ``half`` ("A" or "B") of the pooled probes."""
    for name, rule in (probes or POOLED_PROBES).items():
        path = data_dir() / f"{name}.jsonl"
        index = 0
        for raw in path.read_text(encoding="utf-8").splitlines():
            if not raw.strip():
                continue
            row = json.loads(raw)
            if half_of(rule, index, row["text"]) == half:
                yield name, index, row
            index += 1
