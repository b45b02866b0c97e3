"""Category errors of the development sets, by mechanism (cat7 round).

Reads an ``evalall.py`` dump, drops the B halves of the pooled probes (``nlp.halves``) before anything
else, re-scores every remaining line with the tree's model (its own scores, without the English gloss) and tags each error with the mechanisms that
may explain it: the ask sentence alone names the gold category, the counterparty named disagrees with the
prediction, the gold category is the model's runner-up at a small margin, length, language, emergency,
consult/other involved. Prints counts only (and with ``--show N`` the first N errors of a mechanism, A
halves and older sets only).

    PYTHONPATH=. python bench/category_mechanisms.py DUMP.jsonl [--show MECHANISM --n 20] [--rows OUT.jsonl]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import importlib  # noqa: E402

import opencc  # noqa: E402

from nlp import segment  # noqa: E402
from nlp.halves import POOLED_PROBES, half_of  # noqa: E402

# ``nlp.classify`` the module (the package exports the function under the same name).
nc = importlib.import_module("nlp.classify")
from nlp.parties import (  # noqa: E402
    _without_requesters,
    ask_bounds,
    named_parties,
    role_features,
    token_starts,
)

#: The category a named party points to when the model is unsure (the party → category of TAXONOMY).
PARTY_CATEGORY = {
    "employer": "labor", "landlord": "rental", "neighbor": "neighbor", "property": "property",
    "merchant": "consumer", "family": "family", "school": "minors",
}
_T2S = opencc.OpenCC("t2s")
#: Genres of the writer, by their markers (rough: for counting, not for classifying).
_OTHER_SIDE = re.compile(
    r"我是房东|我是(?:这家|一家)?[^，。]{0,6}(?:老板|店主|包工头)|我的租客|我家租客|租客(?:欠|不交|拖欠)|我的员工|我们物业|"
    r"我是物业|我是(?:一名)?(?:老师|班主任)|my tenant|i'?m the landlord|i own|顾客(?:闹|投诉)|被(?:邻居|业主|顾客)投诉|"
    r"投诉我|举报我|告我", re.IGNORECASE)
_ANOTHER = re.compile(r"另外|此外|还有一|顺便|对了|also|another|其次|第二")
_SOCIAL = re.compile(r"哈哈|笑死|无语|绝了|离谱|服了|气死|救救|姐妹|家人们|宝子|yyds|lol|omg|#|@|[\U0001F300-\U0001FAFF]|"
                     r"[！!]{2,}|[?？]{2,}", re.IGNORECASE)


def development_rows(dump: Path) -> list[dict]:
    """The dump's rows without the pooled probes' B halves."""
    rows = []
    for raw in dump.read_text(encoding="utf-8").splitlines():
        row = json.loads(raw)
        rule = POOLED_PROBES.get(row["set"])
        if rule is not None and half_of(rule, row["num"], row["text"]) != "A":
            continue
        rows.append(row)
    return rows


def language(text: str) -> str:
    han = sum("\u4e00" <= ch <= "\u9fff" for ch in text)
    latin = sum(ch.isascii() and ch.isalpha() for ch in text)
    if latin > han:
        return "english"
    if latin >= 8:
        return "mixed"
    if _T2S.convert(text) != text:
        return "traditional"
    return "chinese"


def score_span(norm: str, tokens: list[str], start: int, end: int) -> list[float] | None:
    """Class probabilities of ``norm[start:end]`` alone, from the message's own tokens."""
    model = nc._model
    idx = [i for i, at in enumerate(token_starts(norm, tokens)) if start <= at < end]
    if len(idx) < 2:
        return None
    sub = [tokens[i] for i in idx]
    records = nc._token_records(model, sub)
    cues = [r[0] for r in records]
    words = [r[3] for r in records]
    return model.assess_ids(model.feature_ids(norm[start:end], sub, cues, words=words))[0]


def inspect(row: dict) -> dict:
    model = nc._model
    text = row["text"]
    norm = segment.normalize(text)
    tokens = segment.tokenize(norm)
    records = nc._token_records(model, tokens)
    cues = [r[0] for r in records]
    parties = [r[2] for r in records]
    words = [r[3] for r in records]
    bounds = ask_bounds(norm)
    probs = model.assess_ids(model.feature_ids(norm, tokens, cues, role_features(norm), None, words))[0]
    classes = model.classes
    order = sorted(range(len(probs)), key=probs.__getitem__, reverse=True)
    out = {
        "probs": [round(x, 5) for x in probs], "classes": list(classes),
        "len": len(norm), "lang": language(text),
        "raw": classes[order[0]], "p1": probs[order[0]], "second": classes[order[1]], "p2": probs[order[1]],
        "p_gold": probs[classes.index(row["gc"])] if row["gc"] in classes else 0.0,
        "rank_gold": [classes[i] for i in order].index(row["gc"]) if row["gc"] in classes else 99,
    }
    found = named_parties(tokens, _without_requesters(tokens, parties))
    out["parties"] = found
    out["ask"] = None
    if bounds is not None and bounds[1] - bounds[0] < len(norm) - 5:
        p = score_span(norm, tokens, *bounds)
        if p is not None:
            best = max(range(len(p)), key=p.__getitem__)
            out["ask"] = classes[best]
            out["ask_probs"] = [round(x, 5) for x in p]
            out["p_ask"] = p[best]
            out["p_ask_gold"] = p[classes.index(row["gc"])] if row["gc"] in classes else 0.0
    out["ask_span"] = None if bounds is None else [bounds[0], bounds[1]]
    return out


def mechanisms(row: dict, info: dict) -> list[str]:
    gc, pc = row["gc"], row["pc"]
    tags = []
    if info["raw"] != pc:
        tags.append("rule_changed_top")
    if gc in ("consult", "other") or pc in ("consult", "other"):
        tags.append("consult_other")
    if row["gu"] == "emergency":
        tags.append("emergency_line")
    if info["ask"] == gc and info["raw"] != gc:
        tags.append("ask_names_gold")
    elif info["ask"] is not None and info["ask"] != gc:
        tags.append("ask_also_wrong")
    party_cats = [PARTY_CATEGORY.get(p) for p in info["parties"]]
    if gc in party_cats and pc not in party_cats:
        tags.append("party_named_gold_not_pred")
    if pc in party_cats and gc not in party_cats:
        tags.append("party_named_pred_not_gold")
    if info["rank_gold"] == 1:
        tags.append("gold_second")
    if info["p1"] - info["p2"] < 0.3:
        tags.append("margin<0.3")
    tags.append("len<30" if info["len"] < 30 else "len>=120" if info["len"] >= 120 else "len30-119")
    tags.append("lang:" + info["lang"])
    text = row["text"]
    for name, pattern in (("other_side", _OTHER_SIDE), ("another_word", _ANOTHER), ("social_style", _SOCIAL)):
        if pattern.search(text):
            tags.append(name)
    if info["len"] < 15:
        tags.append("len<15")
    if not info["parties"]:
        tags.append("no_party")
    return tags


#: Each error's first mechanism, in this order (so the counts add up to the errors).
PRIMARY = (
    ("rule_changed_top", "a frame or override turned the model's top"),
    ("consult_other", "consult/other against a concrete category"),
    ("english", "English (or mostly Latin) text"),
    ("ask_names_gold", "the ask sentence alone names the gold category"),
    ("party_named_gold_not_pred", "the gold category's party is named, the predicted one's is not"),
    ("party_named_pred_not_gold", "the predicted category's party is named, the gold one's is not"),
    ("gold_second_low", "gold is the runner-up, margin < 0.3"),
    ("gold_second", "gold is the runner-up, margin >= 0.3"),
    ("gold_far", "gold ranked third or lower"),
)


def primary(tags: list[str], info: dict) -> str:
    have = set(tags)
    if info["lang"] == "english":
        have.add("english")
    if "gold_second" in have and "margin<0.3" in have:
        have.add("gold_second_low")
    have.add("gold_far")
    return next(name for name, _ in PRIMARY if name in have)


def group(name: str) -> str:
    """D: the emergency, danger, false-emergency and red-team probes (urgency writers' category
    conventions); C: the sets written for categories, urgency and real wording."""
    return "D" if name.startswith(("emergency", "danger", "redteam", "medical", "false", "ordinary")) else "C"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("dump", type=Path)
    ap.add_argument("--show", default=None)
    ap.add_argument("--n", type=int, default=20)
    ap.add_argument("--rows", type=Path, default=None, help="write every line's inspection (A and older only)")
    args = ap.parse_args()
    nc.initialize()
    rows = development_rows(args.dump)
    tags_all: Counter[str] = Counter()
    tags_err: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    shown = 0
    prim: Counter[tuple[str, str]] = Counter()
    out = args.rows.open("w", encoding="utf-8") if args.rows else None
    for row in rows:
        info = inspect(row)
        tags = mechanisms(row, info)
        wrong = row["pc"] != row["gc"]
        for t in tags:
            tags_all[t] += 1
            if wrong:
                tags_err[t] += 1
        if wrong:
            pairs[(row["gc"], row["pc"])] += 1
            prim[(group(row["set"]), primary(tags, info))] += 1
            if args.show and args.show in tags and shown < args.n:
                shown += 1
                print(f"[{row['set']}:{row['num']}] {row['gc']}→{row['pc']} raw {info['raw']} {info['p1']:.2f}/"
                      f"{info['second']} {info['p2']:.2f} ask {info['ask']} parties {info['parties']}\n   {row['text'][:300]}")
        if out:
            out.write(json.dumps({**{k: row[k] for k in ("set", "num", "gc", "pc", "gu")}, **info, "tags": tags},
                                 ensure_ascii=False) + "\n")
    n_err = sum(pairs.values())
    print(f"lines {len(rows)} errors {n_err} accuracy {1 - n_err / len(rows):.3f}")
    print("mechanism  errors  lines  error-rate")
    for t, c in sorted(tags_err.items(), key=lambda kv: -kv[1]):
        print(f"{t:28s} {c:5d} {tags_all[t]:6d} {c / tags_all[t]:.3f}")
    print("first mechanism of each error (C: category/urgency/real sets, D: danger probes)")
    for name, what in PRIMARY:
        c, d = prim[("C", name)], prim[("D", name)]
        print(f"  {name:28s} C {c:5d}  D {d:5d}  all {c + d:5d}  {what}")
    print("top confusion pairs (gold→pred)")
    for (g, p), c in pairs.most_common(30):
        print(f"  {g}→{p} {c}")


if __name__ == "__main__":
    main()
