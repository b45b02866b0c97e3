"""Which component asks (danger ``uncertain``), with out-of-fold scores on the scorers' own training rows.

Every training row of the shared head and the character model (corpus + urgency_train, as
``bench/heads_cv.py``) is classified by the full pipeline, with the shared head's P(emergency) and the
character model's P(emergency) replaced by their out-of-fold values (5 folds, one seed). The danger check is
the shipped ``danger.npz`` (trained on ``danger_train.jsonl``, other rows). Writes one JSON line a row: gold,
the rules' verdict, the refined verdict, the final one, the OOF scores and the danger check's P(present).

    PYTHONPATH=. python bench/asked_cv.py OUT.jsonl [--seed 0]
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from head_scores import p_present  # noqa: E402
from heads_cv import oof_scores  # noqa: E402

from nlp.emchar_train import EMCHAR_C  # noqa: E402
from nlp.train import URGENCY_C, data_path, read_jsonl, urgency_training_examples  # noqa: E402

C = importlib.import_module("nlp.classify")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    y, _none, p_head, p_char = oof_scores([URGENCY_C], [EMCHAR_C], 5, args.seed)
    ph, pc = p_head[URGENCY_C], p_char[EMCHAR_C]
    corpus = [ex for ex in read_jsonl(data_path("corpus.jsonl")) if ex.urgency]
    rows = [ex for ex in [*corpus, *urgency_training_examples()] if ex.urgency in ("emergency", "high", "normal")]
    C.initialize()
    cur: dict = {}
    real_refine, real_review, real_p_char = C.refine, C.review_danger, C._p_char

    C._char_p_emergency = lambda norm: cur["pc"]

    def refine(result, p_em, p_high, category, norm, p_char=None):
        cur.update(rules=result, norm=norm)
        p_char = real_p_char(result, cur["ph"], norm)
        cur["pc_gated"] = p_char
        return real_refine(result, cur["ph"], p_high, category, norm, p_char)

    def review(result, norm, p_high, tokens=None, **kw):
        cur["refined"] = result
        cur["p_present"] = p_present(result, norm, tokens)
        kw["p_emergency"] = cur["ph"]
        kw["p_char"] = lambda: cur["pc"]
        return real_review(result, norm, p_high, tokens=tokens, **kw)

    C.refine, C.review_danger = refine, review
    with open(args.out, "w", encoding="utf-8") as fh:
        for i, ex in enumerate(rows):
            cur.clear()
            cur.update(ph=float(ph[i]), pc=float(pc[i]))
            r = C.classify(ex.text)
            rules, refined = cur.get("rules"), cur.get("refined")
            fh.write(json.dumps({
                "i": i, "gu": ex.urgency, "em": int(y[i]),
                "rules_u": rules.urgency if rules else None, "rules_d": rules.danger if rules else None,
                "cancelled": bool(rules.cancelled) if rules else None,
                "sense_only": bool(rules.cancelled_as_other_senses) if rules else None,
                "p_em": cur["ph"], "p_char": cur["pc"], "p_char_gated": cur.get("pc_gated"),
                "ref_u": refined.urgency if refined else None, "ref_d": refined.danger if refined else None,
                "p_present": cur.get("p_present"), "pu": r.urgency, "pd": r.danger, "len": len(ex.text),
            }, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
