"""Why `high` is missed on the tuning lines, by mechanism, and what a lower `RAISE_HIGH` band would cost.

Tuning lines = the A halves of the pooled probes (``nlp.halves.lines("A")``) plus every development set that
is not a pooled probe. The B halves are never read here (they are the honest measure: bench/pooled_halves.py).
Prints counts only.

Each labelled `high` line the classifier does not call `high` gets one mechanism:

- ``emergency``: called a present emergency (not a `high` miss proper: an emergency-side question);
- ``lowered``: the rules called it an emergency or asked, and the heads or the danger check lowered it to normal;
- ``high cue cancelled``: a `high` cue was found and dropped as negated or settled (``_high_cancelled``);
- ``em. cue cancelled (<reason>)``: no `high` cue, and an emergency cue was cancelled by a frame (past, resolved …);
- ``no cue, P(high) <band>``: the rules saw nothing and the learned head stayed under ``RAISE_HIGH``.

and one or more rough TAXONOMY reasons by keywords (``REASONS``; an approximation, for counting only).
The screen then counts, among the lines the classifier leaves `normal`, the `high` gained and the normals
raised if P(high) ≥ t raised them, on the A halves and the older sets apart, alone and with a gate (a rule
pattern or signal already computed).

    PYTHONPATH=. PYTHONHASHSEED=0 python bench/high_misses.py
"""

from __future__ import annotations

import importlib
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

#: Rough keywords of TAXONOMY's reasons for `high` (counting only; the rules do not read them).
REASONS: dict[str, re.Pattern[str]] = {
    "repetition": re.compile(r"(?:好几|多|几|[二三四五六七八九十两\d])[次回遍趟道]|一直|至今|到现在|半年|几个月|个月了|年了|拖了|"
                             r"twice|times|weeks|months", re.I),
    "threat": re.compile(r"扬言|放话|威胁|报复|恐吓|说要|让我|别想|不放过|走着瞧|threat|warn", re.I),
    "group": re.compile(r"[\d一二三四五六七八九十两几]+户|工人|工友|村民|全村|大家|业主们|几十|十几|[二三四五六七八九]十|上百|"
                        r"families|workers|households|tenants", re.I),
    "vulnerable": re.compile(r"老人|\d+岁|[一二三四五六七八九十]+多?岁|孩子|小孩|儿子|女儿|学生|残疾|瘫痪|孕|奶奶|爷爷|外婆|婆婆|阿婆|"
                             r"我妈|我爸|老爸|老妈|母亲|父亲|elder|child|\bson\b|daughter|disabled|\bkid|grand", re.I),
    "injury": re.compile(r"伤|骨折|医院|送医|缝|血|摔|撞|咬|烫|肿|青了|淤|晕|hurt|injur|hospital|\bbit|bruise", re.I),
}
LARGE = 100_000


def reasons(text: str, amounts: list[int]) -> list[str]:
    """The rough TAXONOMY reasons a `high` line shows (``other`` when none)."""
    found = [name for name, pattern in REASONS.items() if pattern.search(text)]
    if amounts and max(amounts) >= LARGE:
        found.append("large sum")
    return found or ["other"]


def band(p: float) -> str:
    """The P(high) band of a line the rules left without a cue."""
    return "0.5-0.8" if p >= 0.5 else "0.3-0.5" if p >= 0.3 else "<0.3"


def mechanism(row: dict) -> str | None:
    """Why a `high` line is missed (None when it is found); ``row`` as ``tuning_rows`` yields it."""
    if row["pred"] == "high":
        return None
    if row["pred"] == "emergency":
        return "emergency"
    if row["rules_urgency"] == "emergency" or row["rules_danger"] == "uncertain":
        return "lowered"
    if row["high_cancelled"]:
        return "high cue cancelled"
    if row["reasons"]:
        return f"em. cue cancelled ({'/'.join(sorted(set(row['reasons'])))})"
    return f"no cue, P(high) {band(row['p_high'] or 0.0)}"


def tuning_lines() -> Iterator[tuple[str, dict]]:
    """(set, row) of every labelled tuning line: the pooled A halves, then the older development sets."""
    from nlp.corpus import DEVELOPMENT_SETS, data_dir
    from nlp.halves import POOLED_PROBES, lines

    for name, _, row in lines("A"):
        yield name, row
    for file in DEVELOPMENT_SETS:
        name = file.removesuffix(".jsonl")
        if name in POOLED_PROBES:
            continue
        for raw in (data_dir() / file).read_text(encoding="utf-8").splitlines():
            if raw.strip():
                yield name, json.loads(raw)


def tuning_rows() -> Iterator[dict]:
    """Each labelled tuning line classified, with what the rules and the heads said on the way."""
    # (by importlib: ``import nlp.classify as …`` binds the package's ``classify`` function, not the module)
    classify_module = importlib.import_module("nlp.classify")
    urgency_module = importlib.import_module("nlp.urgency")
    from nlp import segment
    from nlp.entities import extract_amounts
    from nlp.halves import POOLED_PROBES

    seen: dict = {}
    high_cancelled: list[str] = []
    refine, high_cancel = classify_module.refine, urgency_module._high_cancelled

    def spy_refine(result, p_emergency, p_high, category, text="", p_char=None):
        seen.update(rules=result, p_emergency=p_emergency, p_high=p_high)
        return refine(result, p_emergency, p_high, category, text, p_char)

    def spy_cancel(text, m):
        cancelled = high_cancel(text, m)
        if cancelled:
            high_cancelled.append(m.group(0))
        return cancelled

    classify_module.refine, urgency_module._high_cancelled = spy_refine, spy_cancel
    try:
        classify_module.initialize()
        for name, row in tuning_lines():
            if not row.get("urgency"):
                continue
            seen.clear()
            high_cancelled.clear()
            result = classify_module.classify(row["text"])
            rules = seen.get("rules")
            yield {
                "set": name, "part": "A" if name in POOLED_PROBES else "older", "gold": row["urgency"],
                "text": row["text"], "pred": result.urgency, "flags": sorted(result.flags),
                "p_high": seen.get("p_high"), "p_emergency": seen.get("p_emergency"),
                "rules_urgency": rules.urgency if rules else None, "rules_danger": rules.danger if rules else None,
                "reasons": list(rules.cancel_reasons) if rules else [], "high_cancelled": list(high_cancelled),
                "norm": urgency_module.informal_now(segment.normalize(row["text"])),
                "amounts": list(extract_amounts(segment.normalize(row["text"]))),
            }
    finally:
        classify_module.refine, urgency_module._high_cancelled = refine, high_cancel


def screen(rows: list[dict], gates: dict[str, Callable[[dict], bool]], lows=(0.5, 0.6, 0.65, 0.7, 0.75)) -> None:
    """`high` gained / normals raised if P(high) ≥ t (t < RAISE_HIGH) raised a line left `normal`, per gate."""
    left = [r for r in rows if r["pred"] == "normal" and r["gold"] != "emergency" and r["p_high"] is not None]
    normals = Counter(r["part"] for r in rows if r["gold"] == "normal")
    print(f"\nscreen: lines left normal {len(left)}; normals A {normals['A']}, older {normals['older']}")
    for gate, keep in gates.items():
        cells = []
        for low in lows:
            hit = [r for r in left if low <= r["p_high"] and keep(r)]
            cell = " ".join(f"{part} +{sum(r['gold'] == 'high' for r in hit if r['part'] == part)}"
                            f"/{sum(r['gold'] == 'normal' for r in hit if r['part'] == part)}" for part in ("A", "older"))
            cells.append(f"{low}: {cell}")
        print(f"  {gate:22s} " + " | ".join(cells))


def main() -> None:
    rows = list(tuning_rows())
    highs = [r for r in rows if r["gold"] == "high"]
    normals = [r for r in rows if r["gold"] == "normal"]
    print(f"tuning lines {len(rows)}: high {len(highs)} found {sum(r['pred'] == 'high' for r in highs)}, "
          f"normal {len(normals)} raised to high {sum(r['pred'] == 'high' for r in normals)}")
    by_mechanism: Counter = Counter()
    by_reason: Counter = Counter()
    for r in highs:
        if (m := mechanism(r)) is None:
            continue
        by_mechanism[(m, r["part"])] += 1
        for reason in reasons(r["text"], r["amounts"]):
            by_reason[(m.split(" (")[0].split(",")[0], reason)] += 1
    print("\nmisses by mechanism (A halves / older sets):")
    for m in sorted({m for m, _ in by_mechanism}, key=lambda m: -(by_mechanism[(m, "A")] + by_mechanism[(m, "older")])):
        print(f"  {by_mechanism[(m, 'A')]:4d} {by_mechanism[(m, 'older')]:4d}  {m}")
    print("\nmisses by mechanism x rough TAXONOMY reason (a line may show several):")
    kinds = sorted({k for k, _ in by_reason})
    names = [*REASONS, "large sum", "other"]
    print("  " + " " * 20 + " ".join(f"{n[:10]:>10s}" for n in names))
    for k in kinds:
        print(f"  {k[:20]:20s}" + " ".join(f"{by_reason[(k, n)]:10d}" for n in names))
    urgency_module = importlib.import_module("nlp.urgency")
    gates: dict[str, Callable[[dict], bool]] = {
        "none (threshold only)": lambda r: True,
        "no rule cancel": lambda r: not r["reasons"],
        "em. cue past/treated": lambda r: bool(set(r["reasons"]) & {"past", "resolved", "treated"}),
        "police_link flag": lambda r: "police_link" in r["flags"],
        "_VULNERABLE": lambda r: bool(urgency_module._VULNERABLE.search(r["norm"])),
        "not asked (_ASKS_HOW)": lambda r: not urgency_module._ASKS_HOW.search(r["norm"]),
        "P(emergency) >= 0.1": lambda r: (r["p_emergency"] or 0.0) >= 0.1,
    }
    screen(rows, gates)


if __name__ == "__main__":
    main()
