"""Factor the alternatives of a big regex by their leading literals, as a trie: ``打人|打我|在打``
becomes ``打(?:人|我)|在打``.

Why: at a position where some alternative's first character occurs, ``re`` tries the alternatives
of a group one after another, so a pattern of 300 cue words costs 300 checks there. Factored, it
checks one alternative per distinct first character, then only those that share it.

Same language, same matches: alternatives are only moved past others that start with a different
literal (they cannot match at the same position), and the order of those sharing a prefix is kept.
Only a literal that is not quantified is factored; anything else stays where it was. For
case-sensitive patterns only (under ``re.IGNORECASE`` two different literals can match one character).

``literal_first`` rewrites a whole pattern this way (branches opened by a group or a class are
expanded first); the urgency cues, the party frames and the two-problem cues are compiled through it.
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


def _split_top(pattern: str, sep: str = "|") -> list[str]:
    """Split a regex on ``sep`` at nesting depth 0 (outside groups and character classes)."""
    parts, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == sep and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


def _group_end(s: str, start: int) -> int:
    """Index just past the ``)`` closing the group (or ``]`` closing the class) opened at ``start``."""
    depth, i, in_class = 0, start, False
    while i < len(s):
        ch = s[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            if ch == "]":
                in_class = False
                if depth == 0:
                    return i + 1
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise ValueError(s)


def _class_chars(body: str) -> list[str] | None:
    """The characters of a simple class body (literals, ``a-b`` ranges, ``\\d``), or None."""
    if body.startswith("^"):
        return None
    chars, i = [], 0
    while i < len(body):
        if body[i] == "\\":
            if body[i + 1] != "d":
                return None
            chars.extend("0123456789")
            i += 2
        elif i + 2 < len(body) and body[i + 1] == "-":
            chars.extend(chr(c) for c in range(ord(body[i]), ord(body[i + 2]) + 1))
            i += 3
        else:
            chars.append(body[i])
            i += 1
    return chars


def _expand_branch(branch: str, depth: int = 0) -> list[str]:
    """Rewrite one alternative into alternatives that each start with a literal character."""
    if depth > 4 or not branch:
        return [branch]
    if branch.startswith("(?:"):
        end = _group_end(branch, 0)
        inner, rest = branch[3 : end - 1], branch[end:]
        optional = rest.startswith("?") and not rest.startswith("??")
        if optional:
            rest = rest[1:]
        elif rest[:1] in ("*", "+", "{"):
            return [branch]
        out = [b for alt in _split_top(inner) for b in _expand_branch(alt + rest, depth + 1)]
        return out + (_expand_branch(rest, depth + 1) if optional else [])
    if branch.startswith("[") or branch.startswith("\\d"):
        end = 2 if branch.startswith("\\d") else _group_end(branch, 0)
        chars = _class_chars("\\d" if end == 2 else branch[1 : end - 1])
        rest = branch[end:]
        if chars is None or len(chars) > 24:
            return [branch]
        cls = branch[:end]
        if rest.startswith("{"):
            close = rest.index("}")
            low, comma, high = rest[1:close].partition(",")
            if int(low) < 1:
                return [branch]
            quant = f"{{{int(low) - 1}{comma}{int(high) - 1 if high else ''}}}"
            rest = cls + quant + rest[close + 1 :]
        elif rest.startswith("?") and not rest.startswith("??"):
            rest = rest[1:]
            return [re.escape(c) + rest for c in chars] + _expand_branch(rest, depth + 1)
        elif rest.startswith("*"):
            return [branch]
        elif rest.startswith("+"):
            rest = cls + "*" + rest[1:]
        return [re.escape(c) + rest for c in chars]
    return [branch]


def literal_first(pattern: str) -> str:
    """The same language, written so that every top-level branch starts with a literal.

    Why: ``re`` scans quickly only to positions where some branch's first character occurs, and it
    can compute that set only when every branch starts with a literal; one branch starting with a
    group or a class (``(?:坐|站)…``, ``[六七]十…``) makes it try every branch at every position.
    The branches are then factored by their leading literals (``factor_branches``), so that at such a
    position it tries one branch per first character instead of all of them.
    """
    return factor_branches([b for alt in _split_top(pattern) for b in _expand_branch(alt)])
