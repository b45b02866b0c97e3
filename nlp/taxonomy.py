"""The ids of /work/shared/TAXONOMY.md: a contract with routing and the held-out set; keep them exact."""

from __future__ import annotations

CATEGORIES: tuple[str, ...] = (
    "labor", "rental", "neighbor", "family", "property", "consumer", "traffic", "debt", "land",
    "security", "minors", "hazard", "environment", "consult", "other",
)
URGENCIES: tuple[str, ...] = ("emergency", "high", "normal")
FLAGS: tuple[str, ...] = ("police_link", "group", "large_sum", "repeat")
