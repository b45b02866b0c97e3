"""Dump the learned urgency scores of every development line outside the probes' B halves.

For each line: gold urgency, the rules' verdict, the shared head's P(emergency) and P(high), the
character model's P(emergency) (computed for every line, not only where ``classify`` gates it), the
danger check's P(present) where it has spans, and the final urgency/danger. B halves are skipped, so
their lines are never read here.

    PYTHONPATH=. python bench/head_scores.py OUT.jsonl set …
"""

from __future__ import annotations

import importlib
import json
import sys

from nlp import danger, emchar
from nlp.corpus import data_dir
from nlp.halves import POOLED_PROBES, half_of

# the module, not the ``nlp.classify`` function that the package exports under the same name
C = importlib.import_module("nlp.classify")


def p_present(result, norm, tokens=None) -> float | None:
    """The danger check's P(present) for a result with a danger and cue spans (None otherwise)."""
    if result.danger == "none":
        return None
    spans = danger.spans_of(norm, result)
    model = danger.load_model()
    return model.p_present(norm, spans, tokens) if spans and model is not None else None


def main() -> None:
    out, names = sys.argv[1], sys.argv[2:]
    C.initialize()
    seen: dict = {}
    real_refine, real_review = C.refine, C.review_danger

    def refine(result, p_em, p_high, category, norm, p_char=None):
        seen.update(rules=result, p_em=p_em, p_high=p_high, p_char_gated=p_char, norm=norm)
        return real_refine(result, p_em, p_high, category, norm, p_char)

    def review(result, norm, p_high, tokens=None, **kw):
        seen["refined"] = result
        seen["p_present"] = p_present(result, norm, tokens)
        return real_review(result, norm, p_high, tokens=tokens, **kw)

    C.refine, C.review_danger = refine, review
    cmodel = emchar.load_model()
    with open(out, "w", encoding="utf-8") as fh:
        for name in names:
            rule = POOLED_PROBES.get(name)
            index = 0
            for raw in (data_dir() / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
                if not raw.strip():
                    continue
                row = json.loads(raw)
                i, index = index, index + 1
                if rule and half_of(rule, i, row["text"]) == "B":
                    continue
                seen.clear()
                r = C.classify(row["text"])
                rules = seen.get("rules")
                refined = seen.get("refined")
                fh.write(json.dumps({
                    "set": name, "num": i, "gu": row.get("urgency"), "gc": row["category"],
                    "rules_u": rules.urgency if rules else None, "rules_d": rules.danger if rules else None,
                    "cancelled": bool(rules.cancelled) if rules else None,
                    "p_em": seen.get("p_em"), "p_high": seen.get("p_high"),
                    "p_char": cmodel.p_emergency(seen["norm"]) if cmodel and "norm" in seen else None,
                    "p_char_gated": seen.get("p_char_gated"),
                    "ref_u": refined.urgency if refined else None, "ref_d": refined.danger if refined else None,
                    "p_present": seen.get("p_present"),
                    "pu": r.urgency, "pd": r.danger, "pc": r.category, "len": len(row["text"]),
                }, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
