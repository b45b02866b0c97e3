"""``nlp.retrie``: factoring a big alternation by leading literals keeps every match as it was."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

from nlp import urgency
from nlp.retrie import _expand_branch, _split_top, factor_branches


def _spans(pattern: str, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(pattern, text)]


def test_shared_leading_literals_are_factored() -> None:
    assert factor_branches(["打人", "在打", "打我"]) == "打(?:人|我)|在打"
    assert factor_branches(["打人", "打人家"]) == "打(?:人(?:|家))"


@pytest.mark.parametrize(
    ("branches", "texts"),
    [
        # The first alternative that matches wins, before and after: 打 before 打人 stays first.
        (["打", "在打", "打人"], ["打人", "在打人"]),
        (["打人", "打", "在打"], ["打人", "在打人"]),
        # An escaped literal and the plain character are the same character.
        ([r"\ a", "b", " x", r"\ ab"], [" ab", " x", "b"]),
        # A branch that does not start with a literal is a barrier: nothing moves across it.
        (["ab", "[ax]y", "a", "xz"], ["ay", "ab", "xz", "a"]),
        # A quantified first literal is not factored.
        (["a?b", "ab", "ac"], ["b", "ab", "ac"]),
        # Look-arounds after the literal keep their meaning.
        (["还有(?<=,还有)", "还要", "还有(?!人)"], [",还有人", "还有人", "还有事", "还要"]),
    ],
)
def test_same_matches_as_the_plain_alternation(branches: list[str], texts: list[str]) -> None:
    factored = factor_branches(branches)
    for text in texts:
        assert _spans(factored, text) == _spans("|".join(branches), text)


def test_capturing_groups_are_left_alone() -> None:
    assert factor_branches(["a(b)", "a(c)"]) == "a(b)|a(c)"


def test_urgency_patterns_match_the_same_spans_on_the_corpus() -> None:
    path = resources.files("nlp") / "data" / "dev.jsonl"
    texts = [json.loads(line)["text"].lower() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for source in (urgency._SELF_HARM, urgency._FIRE, urgency._VIOLENCE, urgency._MEDICAL):
        branches = [b for alt in _split_top(source) for b in _expand_branch(alt)]
        plain, factored = re.compile("|".join(branches)), re.compile(factor_branches(branches))
        for text in texts:
            assert [m.span() for m in factored.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_named_groups_are_left_alone() -> None:
    assert factor_branches(["a(?P<x>b)", "a(?:c)"]) == "a(?P<x>b)|a(?:c)"
