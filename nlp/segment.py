"""Text normalisation and jieba segmentation, set up once per process.

Why: jieba builds its prefix dictionary on first use (about half a second) and writes a cache
file; doing that lazily inside a request would stall the first resident, and the default cache
location may be read-only in a packaged install. ``initialize()`` does it once, into a user cache
directory (falling back to the system temp dir), with jieba's chatter silenced.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import marshal
import math
import os
import re
import sys
import tempfile
import threading
from importlib import resources
from itertools import filterfalse
from pathlib import Path

import opencc

from nlp.lexicon import DOMAIN_WORDS, TRAD_TO_SIMP

# jieba opens its bundled files (the HMM tables it loads at import, its dictionary) through
# ``pkg_resources`` when that imports, and otherwise straight from its own directory: the same
# bytes. Importing ``pkg_resources`` (setuptools' deprecated API, which scans every installed
# distribution) is ~0.13 s and ~14 MB of start-up, so it is kept out while jieba imports: a None
# entry in ``sys.modules`` makes that import raise ImportError (the import system's documented
# way to block a module), and the entry is removed at once so that later imports work as usual.
_BLOCK_PKG_RESOURCES = "jieba" not in sys.modules and "pkg_resources" not in sys.modules
if _BLOCK_PKG_RESOURCES:
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]
try:
    import jieba  # noqa: E402
finally:
    if _BLOCK_PKG_RESOURCES and "pkg_resources" in sys.modules and sys.modules["pkg_resources"] is None:
        del sys.modules["pkg_resources"]

#: Only the head of a message is analysed: residents state the matter first, and this keeps a
#: pasted 100,000-character text as cheap as an ordinary message.
MAX_CHARS = 2000

_lock = threading.Lock()
_ready = False
_tokenizer: jieba.Tokenizer = jieba.dt


def _build_translation() -> dict[int, str | None]:
    table: dict[int, str | None] = {ord(k): v for k, v in TRAD_TO_SIMP.items()}
    # Full-width ASCII (ＡＢＣ１２３，！) to half-width, so digits and Latin words match our patterns.
    for code in range(0xFF01, 0xFF5F):
        table[code] = chr(code - 0xFEE0)
    table[0x3000] = " "  # ideographic space
    # Control characters become spaces: they carry nothing and must not reach any pattern.
    for code in list(range(0, 32)) + list(range(127, 160)):
        table[code] = " "
    for ch in "\u200b\u200c\u200d\ufeff":
        table[ord(ch)] = None
    return table


_TRANSLATION = _build_translation()
# The characters the table changes. ``str.translate`` pays a failed lookup (a KeyError raised and
# cleared) for every other character, most of a message; ``sub`` finds the few to change in C.
_FOLDABLE = re.compile("[" + "".join(f"\\u{code:04x}" for code in sorted(_TRANSLATION)) + "]")


def _fold(m: re.Match[str]) -> str:
    return _TRANSLATION[ord(m.group())] or ""  # None: the character is dropped


_converter: opencc.OpenCC | None = None
_converter_lock = threading.Lock()


def _t2s() -> opencc.OpenCC:
    """OpenCC's traditional-to-simplified converter, built once (about 15 ms) and shared."""
    global _converter
    if _converter is None:
        with _converter_lock:
            if _converter is None:
                _converter = opencc.OpenCC("t2s")
    return _converter


# OpenCC keeps 著 (it is also a simplified character: 著名, 显著); as the particle or in 著火 and
# 著急 residents mean 着, and every cue and corpus line is written with 着.
_ZHE = re.compile(r"(?<![显土卓论专巨名原编遗])著(?![名作称述者书录])")


def normalize(text: str) -> str:
    """Fold a message to the form every other step sees: head only, simplified, half-width, lower case."""
    head = text[:MAX_CHARS]
    if not head.isascii():
        # A lone surrogate cannot be converted: keep the text, the table below still folds it.
        with contextlib.suppress(UnicodeError):
            head = _t2s().convert(head)
        if "著" in head:
            head = _ZHE.sub("着", head)
    return _FOLDABLE.sub(_fold, head).lower()  # the same as head.translate(_TRANSLATION)


def _cache_dir() -> Path:
    """A writable directory for jieba's dictionary cache, even when site-packages is read-only."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    for candidate in (Path(base) / "linli", Path(tempfile.gettempdir()) / "linli"):
        try:
            candidate.mkdir(parents=True, exist_ok=True)
        except OSError:
            continue
        if os.access(candidate, os.W_OK):
            return candidate
    return Path(tempfile.gettempdir())


def user_dictionary_words() -> list[str]:
    """The shipped user dictionary (``nlp/data/userdict.txt``) plus the words from the lexicon."""
    words = list(DOMAIN_WORDS)
    path = resources.files("nlp") / "data" / "userdict.txt"
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            word = line.split("#", 1)[0].strip().split(" ")[0]
            if word:
                words.append(word)
    return words


def initialize() -> None:
    """Load jieba and the domain dictionary once; safe to call from several threads."""
    global _ready
    if _ready:
        return
    with _lock:
        if _ready:
            return
        jieba.setLogLevel(logging.WARNING)
        logging.getLogger("jieba").setLevel(logging.WARNING)
        cache_dir = _cache_dir()
        words = user_dictionary_words()
        if not _load_prefix_dictionary(cache_dir / PREFIX_CACHE, words):
            _tokenizer.tmp_dir = str(cache_dir)
            _tokenizer.cache_file = "jieba.linli.cache"
            _tokenizer.initialize()
            for word in words:
                # A high frequency makes the word win over jieba's own split of it.
                _tokenizer.add_word(word, freq=USER_WORD_FREQ)
            _save_prefix_dictionary(cache_dir / PREFIX_CACHE, words)
        _ready = True


USER_WORD_FREQ = 200_000
PREFIX_CACHE = "jieba.linli.prefix"


def _cache_key(words: list[str]) -> str:
    digest = hashlib.sha256("\n".join(words).encode("utf-8")).hexdigest()
    return f"jieba {jieba.__version__} freq {USER_WORD_FREQ} words {digest}"


def _load_prefix_dictionary(path: Path, words: list[str]) -> bool:
    """Load jieba's prefix dictionary, user words included, from our own cache; False to build it.

    Why: jieba reads its cache with ``marshal.load`` from a file object, which is three times
    slower than ``marshal.loads`` on the bytes (0.65 s against 0.2 s here), and then adds the
    user words one by one; at every start of ``linli run``, ``chat`` or ``demo`` (README:
    Footprint). The tokenizer's ``FREQ``, ``total`` and ``initialized`` are what its own
    ``initialize()`` sets; anything unexpected in the file falls back to that."""
    try:
        loaded = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return False
    if not (isinstance(loaded, tuple) and len(loaded) == 3 and loaded[0] == _cache_key(words)
            and isinstance(loaded[1], dict) and isinstance(loaded[2], int)):
        return False
    _tokenizer.FREQ, _tokenizer.total = loaded[1], loaded[2]
    _tokenizer.initialized = True
    return True


def _save_prefix_dictionary(path: Path, words: list[str]) -> None:
    """Written atomically: a process starting meanwhile reads the old file or the new one."""
    data = marshal.dumps((_cache_key(words), _tokenizer.FREQ, _tokenizer.total))
    with contextlib.suppress(OSError):
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=path.name, delete=False) as handle:
            handle.write(data)
        os.replace(handle.name, path)


def is_initialized() -> bool:
    return _ready


def tokenize(normalized: str) -> list[str]:
    """Segment an already normalised text; whitespace tokens are dropped.

    The words of jieba's ``cut(normalized, HMM=False)`` (a test checks them on every development text),
    computed by ``_segment`` at half jieba's cost. jieba's HMM guesser for unknown words is off: it
    costs a third of the segmentation time, and the character bigrams of the model already cover
    words the dictionary does not know.
    """
    if not _ready:
        initialize()
    freq, total = _tokenizer.FREQ, _tokenizer.total
    memo, no_words = _log_prob_memo(freq, total)
    log_total = math.log(total)
    tokens: list[str] = []
    # jieba's own split: runs of Han, Latin, digits and +#&._%- are segmented with the dictionary
    # (the odd items of ``split``, its one group); anything else is one token per character.
    for i, part in enumerate(jieba.re_han_default.split(normalized)):
        if i % 2:
            tokens.extend(_segment(part, freq, log_total, memo, no_words))
        elif part:
            tokens.extend(filterfalse(str.isspace, part))
    return tokens


#: Memo in front of jieba's 500,000-entry dictionary: fragment -> log P(word) (jieba's
#: ``log(freq) - log(total)``), or None for a fragment that only begins longer words. A small dict
#: stays in the CPU caches where the big one does not, and it saves the ``log`` per candidate.
_log_probs: dict[str, float | None] = {}
_log_probs_of: tuple[object, int] = (None, 0)  # the dictionary and total it was computed from
_LOG_PROBS_LIMIT = 100_000
_UNSEEN = object()
#: Fragments that begin no word (the last probe of most starts), so that those probes, too, stay out of
#: jieba's dictionary, where each misses the CPU caches. Apart from the memo, with its own bound, so that
#: these arbitrary character pairs never crowd the words out of it.
_no_words: set[str] = set()
_NO_WORDS_LIMIT = 50_000


def _log_prob_memo(freq: dict[str, int], total: int) -> tuple[dict[str, float | None], set[str]]:
    """The memo and the set of fragments that begin no word, both for this dictionary and total."""
    global _log_probs, _log_probs_of, _no_words
    if _log_probs_of[0] is not freq or _log_probs_of[1] != total:
        _log_probs, _log_probs_of, _no_words = {}, (freq, total), set()
    return _log_probs, _no_words


def _segment(block: str, freq: dict[str, int], log_total: float, memo: dict[str, float | None],
             no_words: set[str]) -> list[str]:
    """jieba's no-HMM segmentation of one run: the most probable path through the dictionary's
    words (a character no word starts with stands alone, frequency 1), then runs of single Latin
    letters and digits joined. Same arithmetic and ties as jieba's ``get_DAG`` + ``calc``, in one
    pass from the end instead of two (jieba slices every candidate twice and takes its log each time).
    """
    n = len(block)
    score = [0.0] * (n + 1)  # log P of the best segmentation of block[k:]
    end = [0] * (n + 1)  # where the first word of that segmentation ends
    for k in range(n - 1, -1, -1):
        best = None
        i = k + 1
        fragment = block[k]
        while True:
            log_p = memo.get(fragment, _UNSEEN)
            if log_p is _UNSEEN:
                if fragment in no_words:
                    break
                count = freq.get(fragment)
                if count is None:  # no word begins with this fragment
                    if len(no_words) < _NO_WORDS_LIMIT:
                        no_words.add(fragment)
                    break
                log_p = math.log(count) - log_total if count else None
                if len(memo) < _LOG_PROBS_LIMIT:
                    memo[fragment] = log_p
            if log_p is not None:
                candidate = log_p + score[i]
                if best is None or candidate >= best:  # jieba's max((score, end)): a tie goes to the longer word
                    best, end[k] = candidate, i
            if i == n:
                break
            i += 1
            fragment = block[k:i]
        if best is None:  # no word starts here: the character alone, as jieba scores it (log 1 - log total)
            best, end[k] = 0.0 - log_total + score[k + 1], k + 1
        score[k] = best
    words: list[str] = []
    letters = ""  # single Latin letters and digits in a row, one token (as jieba joins them)
    k = 0
    while k < n:
        i = end[k]
        if i == k + 1 and block[k].isascii() and block[k].isalnum():
            letters += block[k]
        else:
            if letters:
                words.append(letters)
                letters = ""
            words.append(block[k:i])
        k = i
    if letters:
        words.append(letters)
    return words


def is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


_HAN_RUN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]+")  # the ranges of ``is_han``
_LATIN_RUN = re.compile(r"[A-Za-z]+")
_OTHER_RUN = re.compile(r"[^\x00-\x7f\u4e00-\u9fff\u3400-\u4dbf]+")


def script_profile(text: str) -> tuple[int, int, int]:
    """Count (Han, Latin letters, other letters) so that unreadable scripts can be recognised.

    Han and Latin are counted by regex (``sub`` in C); only the rest is looked at one by one."""
    han = len(text) - len(_HAN_RUN.sub("", text))
    latin = len(text) - len(_LATIN_RUN.sub("", text))
    # A character is alphabetic exactly when its Unicode category is a letter (L*): counted in C.
    other = sum(map(str.isalpha, "".join(_OTHER_RUN.findall(text))))
    return han, latin, other


def readable(text: str) -> bool:
    """Whether the model can read a normalised text: it has Han characters or Latin words (two letters
    or more), and no other script's letters outnumber both (kana or Hangul dominating is not a guess
    to make). The same answer as ``script_profile``'s counts give.

    Cheaper for the usual message: when at least half its characters are Han, no other script can
    outnumber them, so the Latin and other-letter counts (two more scans) are not needed (93% of the corpus).
    """
    han = len(text) - len(_HAN_RUN.sub("", text))
    if han and 2 * han >= len(text):
        return True
    han, latin, foreign = script_profile(text)
    return not ((han == 0 and latin < 2) or (foreign > han and foreign > latin))
