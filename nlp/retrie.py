"""Factor the alternatives of a big regex by their leading literals, as a trie: ``打人|打我|在打``
becomes ``打(?:人|我)|在打``.

Why: at a position where some alternative's first character occurs, ``re`` tries the alternatives
of a group one after another, so a pattern of 300 cue words costs 300 checks there. Factored, it
checks one alternative per distinct first character, then only those that share it.

Same language, same matches: alternatives are only moved past others that start with a different
literal (they cannot match at the same position), and the order of those sharing a prefix is kept.
Only a literal that is not quantified is factored; anything else stays where it was. For
case-sensitive patterns only (under ``re.IGNORECASE`` two different literals can match one character).
"""

from __future__ import annotations

import re

_SPECIAL = frozenset("\\.^$*+?{}[]|()")
_QUANTIFIERS = frozenset("*+?{")
# A capturing group, plain or named (regrouping could renumber it); an escaped "(" counts too, to
# be safe rather than exact.
_CAPTURE = re.compile(r"\((?!\?)|\(\?P<")
#: How many leading literals are factored (the first two are what tells most cue words apart).
MAX_DEPTH = 2


def _leading_literal(branch: str) -> str | None:
    """The leading literal of a branch as written (``打`` or an escape such as ``\\ ``), or None when
    the branch starts with anything else or its first literal carries a quantifier."""
    if not branch:
        return None
    if branch[0] == "\\":
        if len(branch) < 2 or branch[1].isalnum():
            return None  # \d, \b, \w, \1 …: not one literal character
        head = branch[:2]
    elif branch[0] in _SPECIAL:
        return None
    else:
        head = branch[0]
    if branch[len(head) : len(head) + 1] in _QUANTIFIERS:
        return None
    return head


def factor_branches(branches: list[str], depth: int = 0) -> str:
    """One alternation equivalent to ``"|".join(branches)``, with shared leading literals factored.

    Branches that do not start with a plain literal split the list into runs: alternatives are
    regrouped only within a run, so every alternative still comes before the ones it came before
    when both could match at the same position.
    """
    if depth >= MAX_DEPTH or len(branches) < 2 or any(_CAPTURE.search(b) for b in branches):
        return "|".join(branches)
    out: list[str] = []
    # The character matched (an escape such as "\\ " and a plain " " are one) -> how it was written
    # first, and the rests of the branches that start with it.
    run: dict[str, tuple[str, list[str]]] = {}

    def flush() -> None:
        for head, rests in run.values():
            if len(rests) == 1:
                out.append(head + rests[0])
            else:
                out.append(f"{head}(?:{factor_branches(rests, depth + 1)})")
        run.clear()

    for branch in branches:
        head = _leading_literal(branch)
        if head is None:
            flush()
            out.append(branch)
        else:
            run.setdefault(head[-1], (head, []))[1].append(branch[len(head) :])
    flush()
    return "|".join(out)
