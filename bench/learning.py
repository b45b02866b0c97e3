"""Learning curve on text the corpus lacks: corpus + k long-form messages, measured on the rest.

The long-form dev set is shuffled once (fixed seed) and cut in two halves: the second half is the
test set for every k, the first half the pool that k examples are taken from, in order (k = 0, 50,
100, 200 and the whole half). So every row is measured on the same messages and each row's
training set contains the previous one's. This bench is the only place dev_long is trained on;
the shipped model never sees it. The short dev set (dev.jsonl) is measured too, to show what the
long-form examples cost or bring there.

Needs scikit-learn (``pip install 'linli[train]'``).
Run: ``python bench/learning.py [--dev-long nlp/data/dev_long.jsonl] [--seed 0]``.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from nlp.classify import initialize, use_model  # noqa: E402
from nlp.evaluate import Report, evaluate  # noqa: E402
from nlp.train import (  # noqa: E402
    DataError,
    Example,
    data_path,
    merge_corrections,
    read_labelled,
    require_training,
    train,
)

STEPS = (0, 50, 100, 200)


def split(examples: list[Example], seed: int) -> tuple[list[Example], list[Example]]:
    """(pool, test): one shuffle with ``seed``, first half the pool, second half the test set."""
    shuffled = list(examples)
    random.Random(seed).shuffle(shuffled)
    half = len(shuffled) // 2
    return shuffled[:half], shuffled[half:]


def steps(pool_size: int) -> list[int]:
    return sorted({k for k in STEPS if k < pool_size} | {pool_size})


def _fmt(value: float | None, per_100: bool = False) -> str:
    return "    —" if value is None else f"{value:5.1f}" if per_100 else f"{value:5.3f}"


def _row(k: int, n: int, test: Report, dev: Report | None, seconds: float) -> str:
    cells = [f"{k:>5}", f"{n:>6}", _fmt(test.accuracy), _fmt(test.macro_f1), _fmt(test.emergency_recall),
             _fmt(test.emergency_precision), _fmt(test.false_emergencies_per_100, per_100=True),
             _fmt(test.uncertain_per_100, per_100=True), _fmt(test.high_recall), _fmt(dev.accuracy) if dev else "    —", f"{seconds:5.1f}"]
    return "  ".join(cells)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev-long", type=Path, default=data_path("dev_long.jsonl"),
                        help="the long-form dev set (default: nlp/data/dev_long.jsonl)")
    parser.add_argument("--corpus", type=Path, default=data_path("corpus.jsonl"))
    parser.add_argument("--dev", type=Path, default=data_path("dev.jsonl"), help="the short dev set, measured too")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    try:
        require_training()
        for path in (args.corpus, args.dev_long):
            if not path.is_file():
                raise SystemExit(f"no such file: {path}")
        corpus = read_labelled(args.corpus).examples
        long_form = read_labelled(args.dev_long).examples
        dev = read_labelled(args.dev).examples if args.dev.is_file() else []
    except DataError as exc:
        from i18n import t

        raise SystemExit(t(exc.key, "en", **exc.params)) from None
    pool, test = split(long_form, args.seed)
    if not test:
        raise SystemExit(f"{args.dev_long}: too few messages to split ({len(long_form)})")
    initialize()
    print(f"corpus {len(corpus)}, {args.dev_long.name} {len(long_form)}: pool {len(pool)}, "
          f"test {len(test)} (seed {args.seed}); short dev {len(dev)}")
    print("    k  train    acc    mF1  emRec  emPre  fe/100  unc/100  hiRec  devAcc  train s")
    for k in steps(len(pool)):
        start = time.perf_counter()
        model = train(merge_corrections(corpus, pool[:k]))
        seconds = time.perf_counter() - start
        use_model(model)
        print(_row(k, len(corpus) + k, evaluate(test), evaluate(dev) if dev else None, seconds), flush=True)
    use_model(None)


if __name__ == "__main__":
    main()
