"""Pooled figures of the probes' A and B halves from a per-line dump (one JSON object a line with
"set", "num", "gu" gold urgency, "pu" predicted urgency, "pd" danger, "gc"/"pc" categories), as
written by the development-set runner. Prints counts only: B's lines are never shown.

    python bench/pooled_halves.py DUMP.jsonl [DUMP2.jsonl …]
"""

from __future__ import annotations

import json
import sys

from nlp.halves import POOLED_PROBES, lines


def figures(rows: list[dict]) -> dict[str, float]:
    em = [r for r in rows if r["gu"] == "emergency"]
    other = [r for r in rows if r["gu"] != "emergency"]
    high = [r for r in rows if r["gu"] == "high"]
    found = sum(r["pu"] == "emergency" for r in em)
    caught = sum(r["pu"] == "emergency" or r["pd"] == "uncertain" for r in em)
    return {
        "n": len(rows), "em": len(em), "found": found, "caught": caught,
        "recall": found / len(em) if em else float("nan"),
        "false/100": 100 * sum(r["pu"] == "emergency" for r in other) / len(other),
        "quest/100": 100 * sum(r["pd"] == "uncertain" for r in other) / len(other),
        "high": sum(r["pu"] == "high" for r in high) / len(high) if high else float("nan"),
        "cat": sum(r["pc"] == r["gc"] for r in rows) / len(rows),
    }


def pooled(dump: str) -> dict[str, dict[str, float]]:
    by_key = {}
    with open(dump, encoding="utf-8") as fh:
        for raw in fh:
            d = json.loads(raw)
            if d["set"] in POOLED_PROBES:
                by_key[(d["set"], d["num"])] = d
    out = {}
    for half in "AB":
        keys = [(s, i) for s, i, _ in lines(half)]
        out[half] = figures([by_key[k] for k in keys])
    return out


def main() -> None:
    for dump in sys.argv[1:]:
        for half, f in pooled(dump).items():
            print(f"{dump} {half}: n {f['n']} em {f['em']} found {f['found']} ({f['recall']:.3f}) caught {f['caught']}"
                  f" false/100 {f['false/100']:.2f} quest/100 {f['quest/100']:.2f} high {f['high']:.3f} cat {f['cat']:.3f}")


if __name__ == "__main__":
    main()
