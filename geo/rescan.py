"""``Pattern.finditer`` for long lists of words, tried only where a match can start.

``re`` tries a pattern's alternatives one after the other at every position of the text: for a
pattern such as ``(?<![\\w-])(?:killed|killing|kill|died|…)`` — a hundred words — that is a hundred
comparisons at every word. :func:`finditer` first finds where a match *can* start — the pattern's
leading lookbehind, then the first few characters any match has, as a trie (one alternative per
first character) — and runs ``rx.match`` there only.

Same matches as ``rx.finditer(text)``: every match starts where the trie matches (the trie is built
from the pattern's own items, so under the same flags it accepts at least the characters the pattern
does), the leftmost match after the previous one is found first, and no match is empty (a pattern
whose match could be empty, or whose start cannot be told, is scanned the plain way). The
character-level items (literals, classes) are taken from ``re``'s own parse of the pattern, so the
trie is compiled from the very items the pattern is; lookarounds and groups with other flags on the
way are skipped or end the prefix there (a shorter prefix only lets more places through).

Used by the incidents stage on its hottest scans (trigger words, dates, counts); see docs/scale.md.
"""
from __future__ import annotations

import re
from functools import lru_cache

try:  # Python 3.11+
    from re import _compiler, _constants as sre, _parser
except ImportError:  # Python 3.10
    import sre_compile as _compiler  # type: ignore[no-redef]
    import sre_constants as sre  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

#: Characters of each match looked at (at most), and the most prefixes a trie may have.
DEPTH = 4
MAX_PREFIXES = 4000
_STEPS = 200_000  # work allowed to list the prefixes of one pattern

_ATOMS = (sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY)
_ZERO_WIDTH = (sre.ASSERT, sre.ASSERT_NOT, sre.AT)


class _TooMuch(Exception):
    pass


def _prefixes(seq: list, depth: int, budget: list[int]) -> set[tuple]:
    """Tuples of single-character items: every match of ``seq`` starts with the characters one of them accepts.

    A tuple shorter than ``depth`` means the prefix ended there (the end of the pattern, or an item not
    read): any text may follow.
    """
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooMuch
    if depth == 0 or not seq:
        return {()}
    (op, av), rest = seq[0], seq[1:]
    if op in _ATOMS:
        key = (op, av if op is not sre.IN else tuple(av))
        return {(key,) + t for t in _prefixes(rest, depth - 1, budget)}
    if op in _ZERO_WIDTH:
        return _prefixes(rest, depth, budget)  # a condition dropped: more places, never fewer
    if op is sre.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        if add_flags or del_flags:
            return {()}  # other flags inside: the prefix ends here
        return _prefixes(list(sub) + rest, depth, budget)
    if op is sre.BRANCH:
        out: set[tuple] = set()
        for alternative in av[1]:
            out |= _prefixes(list(alternative) + rest, depth, budget)
        return out
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
        low, high, item = av
        if high == 0:
            return _prefixes(rest, depth, budget)
        again = [(op, (max(low - 1, 0), high if high == sre.MAXREPEAT else high - 1, item))]
        once = _prefixes(list(item) + again + rest, depth, budget)
        return once if low > 0 else once | _prefixes(rest, depth, budget)
    return {()}  # anything else (a back-reference, an atomic group …): the prefix ends here


def _trie(prefixes: set[tuple], state) -> list:
    """Parsed items matching the characters of ``prefixes`` (as a lookahead's body)."""
    if () in prefixes:
        return []
    by_first: dict[tuple, set[tuple]] = {}
    for p in prefixes:
        by_first.setdefault(p[0], set()).add(p[1:])
    alternatives = []
    for (op, av), rest in sorted(by_first.items(), key=repr):
        item = (op, list(av) if op is sre.IN else av)
        alternatives.append(_parser.SubPattern(state, [item] + _trie(rest, state)))
    if len(alternatives) == 1:
        return list(alternatives[0].data)
    return [(sre.BRANCH, (None, alternatives))]


@lru_cache(maxsize=64)
def starts_rx(rx: re.Pattern) -> re.Pattern | None:
    """A zero-width pattern matching at least wherever a match of ``rx`` starts; None when none is worth it."""
    if not isinstance(rx.pattern, str):
        return None
    try:
        parsed = _parser.parse(rx.pattern, rx.flags)
        lead = 0
        while lead < len(parsed.data) and parsed.data[lead][0] in _ZERO_WIDTH:
            lead += 1  # the pattern's own leading lookbehind, kept as it is
        for depth in range(DEPTH, 0, -1):
            prefixes = _prefixes(list(parsed.data), depth, [_STEPS])
            if len(prefixes) <= MAX_PREFIXES:
                break
        else:
            return None
        if () in prefixes:
            return None  # a match may start anywhere (or be empty): nothing to skip
        body = _parser.SubPattern(parsed.state, _trie(prefixes, parsed.state))
        data = list(parsed.data[:lead]) + [(sre.ASSERT, (1, body))]
        return _compiler.compile(_parser.SubPattern(parsed.state, data), rx.flags)
    except (_TooMuch, RecursionError, re.error, TypeError, ValueError, AttributeError):
        return None


@lru_cache(maxsize=256)
def first_characters(rx: re.Pattern) -> frozenset[str] | None:
    """The characters every match of ``rx`` starts with, when each is one plain character matched as itself
    (no class, no case folding); else None. ``rx`` has no match in a text with none of them."""
    if not isinstance(rx.pattern, str) or rx.flags & re.IGNORECASE:
        return None
    try:
        prefixes = _prefixes(list(_parser.parse(rx.pattern, rx.flags).data), 1, [_STEPS])
    except (_TooMuch, RecursionError, re.error, TypeError, ValueError, AttributeError):
        return None
    if not prefixes or any(p == () or p[0][0] is not sre.LITERAL for p in prefixes):
        return None
    return frozenset(chr(p[0][1]) for p in prefixes)


#: :func:`starts_rx` of each pattern :func:`finditer` was given, by ``id`` (with the pattern, so a reused id is
#: told apart). ``lru_cache`` hashes its argument on every call, and a compiled pattern's hash is computed
#: over its whole compiled code each time: ~4 µs for the trigger or date pattern, as long as a short
#: sentence's scan. The table is emptied when it grows past :data:`MAX_PATTERNS` (patterns made on the fly).
_STARTS: dict[int, tuple[re.Pattern, re.Pattern | None]] = {}
MAX_PATTERNS = 256


def _starts(rx: re.Pattern) -> re.Pattern | None:
    known = _STARTS.get(id(rx))
    if known is None or known[0] is not rx:
        if len(_STARTS) >= MAX_PATTERNS:
            _STARTS.clear()
        known = _STARTS[id(rx)] = (rx, starts_rx(rx))
    return known[1]


def finditer(rx: re.Pattern, text: str):
    """The matches of ``rx.finditer(text)``, found by ``rx.match`` where :func:`starts_rx` allows only."""
    candidates = _starts(rx)
    if candidates is None:
        yield from rx.finditer(text)
        return
    end = 0
    for c in candidates.finditer(text):
        at = c.start()
        if at >= end:
            m = rx.match(text, at)
            if m is not None:  # never empty: every prefix has a character
                yield m
                end = m.end()
