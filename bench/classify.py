"""Benchmark: ``nlp.classify`` against raw ``jieba.lcut`` on the same messages, in the same run.

Target: classify costs at most 2x segmentation alone (it segments once and scores a sparse dot
product). Also reports start-up time (import + ``nlp.initialize``), resident memory after it, and
the first message's time (patterns that most messages never need are compiled on first use).
Run: ``python bench/classify.py [--rounds N]``.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import sys
import time
from importlib import resources
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _rss_mb() -> float:
    """Current resident set size (Linux /proc), falling back to the peak from getrusage."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _messages(path: Path | None = None) -> list[str]:
    path = path or Path(str(resources.files("nlp") / "data" / "corpus.jsonl"))
    return [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _time_per_message(fn, messages: list[str], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        gc.disable()
        start = time.perf_counter()
        for text in messages:
            fn(text)
        best = min(best, time.perf_counter() - start)
        gc.enable()
    return best / len(messages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--messages", type=Path, help="JSON Lines with text (default: the corpus)")
    args = parser.parse_args()

    rss_before = _rss_mb()
    start = time.perf_counter()
    import nlp

    nlp.initialize()
    startup = time.perf_counter() - start
    rss_after = _rss_mb()

    import jieba

    messages = _messages(args.messages)
    start = time.perf_counter()
    nlp.classify(messages[0])
    first = time.perf_counter() - start
    for text in messages:  # warm both paths (jieba's and our token memo) before timing
        jieba.lcut(text)
        nlp.classify(text)
    # Interleaved rounds, best of each: a busy machine slows both sides alike.
    seg = cls = float("inf")
    for _ in range(args.rounds):
        seg = min(seg, _time_per_message(jieba.lcut, messages, 1))
        cls = min(cls, _time_per_message(nlp.classify, messages, 1))
    avg_len = sum(map(len, messages)) / len(messages)
    print(f"messages: {len(messages)} (mean {avg_len:.0f} chars), best of {args.rounds} rounds")
    print(f"jieba.lcut     : {seg * 1e6:8.1f} µs/message")
    print(f"nlp.classify   : {cls * 1e6:8.1f} µs/message")
    print(f"ratio          : {cls / seg:8.2f}x  (target <= 2.00x)")
    print(f"start-up       : {startup:8.3f} s   (import + nlp.initialize)")
    print(f"RSS            : {rss_after:8.1f} MB  (+{rss_after - rss_before:.1f} MB for nlp)")
    print(f"first message  : {first * 1e3:8.1f} ms  (the first classify after start-up)")
    print(f"RSS at the end : {_rss_mb():8.1f} MB  (after every message)")


if __name__ == "__main__":
    main()
