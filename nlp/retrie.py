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
expanded first, or, where expanding would copy too much, share their first character through a
look-behind); the urgency cues, the party frames and the two-problem cues are compiled through it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

_SPECIAL = frozenset("\\.^$*+?{}[]|()")
_QUANTIFIERS = frozenset("*+?{")
# A capturing group, plain or named (regrouping could renumber it); an escaped "(" counts too, to
# be safe rather than exact.
_CAPTURE = re.compile(r"\((?!\?)|\(\?P<")
#: Expanding a branch copies what follows its first group or class once per first character; when
#: that makes a pattern this many times its source, the first character is shared instead (a
#: look-behind form that compiles in a fraction of the time and scans about half as fast). At 8, only
#: two patterns (13 and 31 times) stay shared: since the classes of full-width forms are folded away
#: (``without_absent``), compiling the expanded forms costs little (~0.03 s, +0.2 MB), and three of the
#: emergency scans run 2-3 times faster expanded.
COPIES_BEFORE_SHARING = 8
#: How many leading literals are factored (the first two are what tells most cue words apart).
MAX_DEPTH = 2
#: Characters that normalised text never holds: ``segment.normalize`` folds the full-width forms
#: (，！？；：～ …) to ASCII (a test checks every code point), and every pattern compiled through
#: ``literal_first`` runs on normalised text.
ABSENT = frozenset(map(chr, range(0xFF01, 0xFF5F)))
# A class (group 1: its body), or an escape outside classes (skipped: ``\[`` opens none).
_CLASS = re.compile(r"\\.|\[((?:\\.|[^\]\\])*)\]", re.DOTALL)
_CLASS_ITEM = re.compile(r"\\.|.", re.DOTALL)


def without_absent(pattern: str) -> str:
    """``pattern`` with the ``ABSENT`` characters dropped from its character classes: on normalised
    text it matches exactly what it matched (``[^，,。]`` becomes ``[^,。]``, ``[^。！？]`` ``[^。]``).

    Why: ``re`` compiles a class of three or more separate characters, one beyond U+00FF, into a
    bitmap of all 65,536 characters of the plane, which its compiler (in Python) builds and
    compresses in ~80 µs; the urgency patterns, expanded, hold ~1,700 ``[^，,。]`` alone: a quarter of
    the instructions of importing ``nlp``. Without its full-width characters such a class
    is two literals, or one. A character next to a ``-`` (a range) stays, and a class stays as
    written when dropping could change how it reads (it would be empty or start with ``^``, or it
    holds a ``[``)."""

    def fold(m: re.Match[str]) -> str:
        body = m.group(1)
        if body is None or "[" in body:
            return m.group(0)
        negated = body.startswith("^")
        items = _CLASS_ITEM.findall(body[negated:])
        kept = "".join(
            item for i, item in enumerate(items)
            if item not in ABSENT or "-" in (items[i - 1] if i else "", items[i + 1] if i + 1 < len(items) else "")
        )
        if not kept or kept.startswith("^") or len(kept) == len(body) - negated:
            return m.group(0)
        return f"[{'^' if negated else ''}{kept}]"

    return _CLASS.sub(fold, pattern) if not ABSENT.isdisjoint(pattern) else pattern


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


def _structure(s: str, start: int = 0) -> Iterator[tuple[int, str, int, bool]]:
    """Walk a regex from ``start``: ``(index, char, depth, in_class)`` for each character outside an
    escape, ``depth`` the group nesting after it and ``in_class`` whether it was read inside a class."""
    depth, i, in_class = 0, start, False
    while i < len(s):
        ch = s[i]
        if ch == "\\":
            i += 2
            continue
        was_in_class = in_class
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        yield i, ch, depth, was_in_class
        i += 1


def _split_top(pattern: str, sep: str = "|") -> list[str]:
    """Split a regex on ``sep`` at nesting depth 0 (outside groups and character classes)."""
    parts, start = [], 0
    for i, ch, depth, in_class in _structure(pattern):
        if ch == sep and depth == 0 and not in_class:
            parts.append(pattern[start:i])
            start = i + 1
    parts.append(pattern[start:])
    return parts


def _group_end(s: str, start: int) -> int:
    """Index just past the ``)`` closing the group (or ``]`` closing the class) opened at ``start``."""
    for i, ch, depth, in_class in _structure(s, start):
        if depth == 0 and (ch == "]" if in_class else ch == ")"):
            return i + 1
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


def _group_head(branch: str) -> tuple[str, str, bool] | None:
    """``(inner, rest, optional)`` of a branch opened by a non-capturing group, or None when the
    group is repeated (``*``, ``+``, ``{…}``)."""
    end = _group_end(branch, 0)
    inner, rest = branch[3 : end - 1], branch[end:]
    if rest.startswith("?") and not rest.startswith("??"):
        return inner, rest[1:], True
    return None if rest[:1] in ("*", "+", "{") else (inner, rest, False)


def _class_head(branch: str) -> tuple[list[str], str, bool] | None:
    """``(chars, after, optional)`` of a branch opened by a simple class or ``\\d``: ``after`` is
    what must follow once one of ``chars`` is taken (the class's remaining repeats included), and
    ``optional`` says the class may be skipped. None for a negated or complex class, or ``*``/``{0,``."""
    end = 2 if branch.startswith("\\d") else _group_end(branch, 0)
    chars = _class_chars("\\d" if end == 2 else branch[1 : end - 1])
    cls, rest = branch[:end], branch[end:]
    if chars is None or rest[:1] == "*":
        return None
    if rest.startswith("{"):
        close = rest.index("}")
        low, comma, high = rest[1:close].partition(",")
        if int(low) < 1:
            return None
        return chars, f"{cls}{{{int(low) - 1}{comma}{int(high) - 1 if high else ''}}}{rest[close + 1 :]}", False
    if rest.startswith("?") and not rest.startswith("??"):
        return chars, rest[1:], True
    return chars, (cls + "*" + rest[1:] if rest[:1] == "+" else rest), False


def _expand_branch(branch: str, depth: int = 0) -> list[str]:
    """Rewrite one alternative into alternatives that each start with a literal character."""
    if depth > 4 or not branch:
        return [branch]
    if branch.startswith("(?:"):
        group = _group_head(branch)
        if group is None:
            return [branch]
        inner, rest, optional = group
        out = [b for alt in _split_top(inner) for b in _expand_branch(alt + rest, depth + 1)]
        return out + (_expand_branch(rest, depth + 1) if optional else [])
    if branch.startswith("[") or branch.startswith("\\d"):
        head = _class_head(branch)
        if head is None or len(head[0]) > 24:
            return [branch]
        chars, after, optional = head
        return [re.escape(c) + after for c in chars] + (_expand_branch(after, depth + 1) if optional else [])
    return [branch]


def _class(chars: str) -> str:
    """A regex for one character of ``chars``."""
    return re.escape(chars) if len(chars) == 1 else "[" + "".join(map(re.escape, chars)) + "]"


def _union(*sets: str) -> str:
    return "".join(dict.fromkeys("".join(sets)))


def _guarded(chars: str, rest: str, within: str) -> str:
    """``rest`` behind a one-character look-behind for ``chars`` (none when every candidate qualifies)."""
    return rest if set(within) <= set(chars) else f"(?<={_class(chars)}){rest}"


def _strip_first(branch: str, depth: int = 0) -> tuple[str, str] | None:
    """``(chars, after)``: ``branch`` matches at ``p`` exactly when the character at ``p`` is one of
    ``chars`` and ``after`` matches at ``p + 1``, trying its alternatives in the same order; ``after``
    tells the first characters apart by one-character look-behinds. None when the branch does not
    start with a literal, a simple class or a group of such branches."""
    if depth > 6 or not branch:
        return None
    head = _leading_literal(branch)
    if head is not None:
        return head[-1], branch[len(head) :]
    if branch.startswith("(?:"):
        group = _group_head(branch)
        alts = [_strip_first(alt, depth + 1) for alt in _split_top(group[0])] if group else [None]
        if group is None or any(a is None for a in alts):
            return None
        inner, rest, optional = group
        chars = _union(*(a[0] for a in alts if a))
        body = f"(?:{'|'.join(_guarded(a, b, chars) for a, b in _merge_same([a for a in alts if a]))}){rest}"
        return _optional_head(chars, body, rest, depth) if optional else (chars, body)
    if branch.startswith("[") or branch.startswith("\\d"):
        head = _class_head(branch)
        if head is None:
            return None
        chars, after, optional = head
        return _optional_head(_union(*chars), after, after, depth) if optional else (_union(*chars), after)
    return None


def _merge_same(alts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Neighbouring alternatives with the same rest become one (``坐|站`` is one class)."""
    merged: list[tuple[str, str]] = []
    for chars, rest in alts:
        if merged and merged[-1][1] == rest:
            merged[-1] = (_union(merged[-1][0], chars), rest)
        else:
            merged.append((chars, rest))
    return merged


def _optional_head(chars: str, taken: str, rest: str, depth: int) -> tuple[str, str] | None:
    """An optional head: first with it (``taken`` after a character of ``chars``), then without it."""
    skipped = _strip_first(rest, depth + 1)
    if skipped is None:
        return None
    both = _union(chars, skipped[0])
    return both, f"(?:{_guarded(chars, taken, both)}|{_guarded(skipped[0], skipped[1], both)})"


def literal_first(pattern: str) -> str:
    """The same language, written so that ``re`` scans quickly to where it may match and tries few
    branches there.

    Why: ``re`` scans quickly only to positions whose character can start a match, and it can
    compute that set only when the pattern starts with a class or every top-level branch with a
    literal; one branch starting with a group or a class (``(?:坐|站)…``, ``[六七]十…``) makes it
    try every branch at every position. So one class takes the first character of any branch, and
    each branch then starts with its second character (which ``re`` checks before entering it) and
    checks its first by a look-behind: ``(?:坐|站)在楼顶|救命`` becomes
    ``[坐站救](?:在(?<=[坐站]在)楼顶|命(?<=救命))``. Branches with the same second character are
    grouped (``factor_branches``). Nothing is copied per first character, so a pattern compiles in
    about the time its source takes; a pattern with a branch that starts otherwise is only factored.
    Its classes first lose the characters normalised text never holds (``without_absent``).
    """
    pattern = without_absent(pattern)
    expanded = factor_branches([b for alt in _split_top(pattern) for b in _expand_branch(alt)])
    if len(expanded) < COPIES_BEFORE_SHARING * len(pattern):
        return expanded
    return _shared_first(pattern) or expanded


def not_after(char: str, pattern: str) -> str:
    """``(?<!char)(?:pattern)``, with the look-behind moved after the first character of each top-level
    branch (``上(?<!比上)…``) when every branch starts with a literal, as ``literal_first``'s expanded form does.

    Why: ``re`` computes a pattern's first-character set only when it opens with a class or every top-level
    branch with a literal; a look-behind in front hides it, and the search then tries every branch at every
    position. Same matches: the branch's first character is taken, so the two-character look-behind checks
    exactly the character before the match (none at the string's start in both forms)."""
    branches = _split_top(pattern)
    heads = [_leading_literal(branch) for branch in branches]
    guard = re.escape(char)
    if any(head is None for head in heads):
        return f"(?<!{guard})(?:{pattern})"
    return "|".join(f"{head}(?<!{guard}{head}){branch[len(head):]}" for head, branch in zip(heads, branches, strict=True))


def ascii_branches(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """``pattern`` for a text that is all ASCII: without its top-level branches opened by a non-ASCII
    literal, which cannot match anywhere in such a text, so the matches there are the same. ``pattern``
    itself when there is nothing to drop (or under ``re.IGNORECASE``, where ``k`` matches the Kelvin sign,
    or ``re.VERBOSE``, or with groups, which dropping could renumber); None when nothing is left (it never
    matches such a text).

    Why: at each position whose character can start a match, ``re`` tries the top-level branches in
    turn, and in a big cue pattern the ~20 opened by a Latin letter come after ~200 opened by a Chinese
    character: in English text nearly every letter is such a position."""
    if pattern.flags & (re.IGNORECASE | re.VERBOSE) or pattern.groups:
        return pattern
    branches = _split_top(pattern.pattern)
    kept = [branch for branch in branches if (head := _leading_literal(branch)) is None or head[-1].isascii()]
    if len(kept) == len(branches):
        return pattern
    return re.compile("|".join(kept), pattern.flags) if kept else None


def _shared_first(pattern: str) -> str | None:
    """``pattern`` with the first character taken once by a class (see ``literal_first``), or None
    when some top-level branch does not start with a literal, a simple class or a group of such."""
    stripped = [_strip_first(b) for b in _split_top(pattern)]
    if any(s is None for s in stripped):
        return None
    every = _union(*(s[0] for s in stripped if s))
    alts: list[str] = []
    # Neighbouring branches told apart only by a look-behind on their first character: re enters each
    # look-behind in turn at every candidate position, so the run gets one for all of its characters
    # first (same branches, same order inside it).
    run: list[tuple[str, str]] = []

    def flush() -> None:
        if run:
            chars = _union(*(first for first, _ in run))
            alts.append(_guarded(chars, "(?:" + "|".join(_guarded(f, a, chars) for f, a in run) + ")", every)
                        if len(run) > 1 else _guarded(*run[0], every))
            run.clear()

    for first, after in (s for s in stripped if s):
        for second in _second_characters(after):
            if second is None:
                run.append((first, after))
                continue
            flush()
            if set(every) <= set(first):
                alts.append(_class(second[0]) + second[1])
            else:
                alts.append(f"{_class(second[0])}(?<={_class(first)}{_class(second[0])}){second[1]}")
    flush()
    return f"{_class(every)}(?:{factor_branches(alts)})"


def _second_characters(after: str) -> list[tuple[str, str] | None]:
    """``after`` as branches split by their first character: expanded when that copies little
    (``(?:人|我)`` after 打), else stripped as one; ``[None]`` when it does not start with one."""
    expanded = _expand_branch(after)
    if len(expanded) > 1 and sum(map(len, expanded)) <= 2 * len(after) + 40:
        split = [_strip_first(b) for b in expanded]
        if all(s is not None and len(s[0]) == 1 for s in split):
            return split
    return [_strip_first(after)]


class LazyPattern:
    """``re.compile(literal_first(source))``, done where the pattern is first used.

    Why: compiling is most of importing ``nlp`` (``re``'s compiler is written in Python), while many
    patterns run only on the few messages that hold a cue (a danger word, a vulnerable person); such
    a pattern costs nothing at start-up and a few milliseconds on the first message that needs it.
    From then on its methods are the compiled pattern's own, set on the instance, so a call costs
    what it did. ``source`` is the pattern as written (for building others from it). A match's
    ``re`` is the compiled pattern, not this object: compare patterns by their text if at all.
    """

    _ATTRIBUTES = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "pattern",
                   "flags", "groups", "groupindex")

    def __init__(self, source: str, prepare: Callable[[str], str] | None = literal_first) -> None:
        # ``prepare``: what turns the source into what is compiled (None: the source as written, for
        # a pattern that may run on text that is not normalised, where ``literal_first`` does not hold).
        self.source = source
        self._prepare = prepare

    def __getattr__(self, name: str) -> object:
        # Called only until the first use has set the compiled pattern's attributes on the instance;
        # two threads that both get here compile the same pattern twice, harmlessly.
        if name.startswith("__") or name == "_prepare":
            raise AttributeError(name)
        compiled = re.compile(self.source if self._prepare is None else self._prepare(self.source))
        for attribute in self._ATTRIBUTES:
            setattr(self, attribute, getattr(compiled, attribute))
        return getattr(compiled, name)
