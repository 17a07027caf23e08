"""The build's summary for a terminal: counts, and what was skipped grouped by reason.

A corpus nobody curated gives thousands of skips (each person's name, each
low-confidence sentence). On a terminal the summary shows the counts and the
most frequent reasons with one example each; ``-v`` and ``--report`` list every
item. Reasons are grouped by their wording with the specifics (quoted names,
quotes, numbers, parenthesised details) taken out, so "'Hassan' is a person's
name: after the title 'Minister'" and "'Aston' is a person's name: after the
title 'Lord'" are one reason. See docs/cli.md.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Iterable

from . import settings
from .models import Build, Skip

# A Python repr of a string as the stages write them ('Burke', "Khomeini's rule"), not an apostrophe in a word.
_QUOTED = re.compile(r"""(?<!\w)(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")(?!\w)""")
_PARENS = re.compile(r"\s*\([^()]*\)")
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*(?![\w.])")
_ELIDED = "\u2026"


def split_skips(build: Build) -> tuple[list[Skip], list[Skip]]:
    """(skipped, warnings): a warning (e.g. a legacy encoding) reports something but leaves nothing out."""
    skipped = [x for x in build.skipped if x.what != "warning"]
    warnings = [x for x in build.skipped if x.what == "warning"]
    return skipped, warnings


def reason_key(reason: str) -> str:
    """A skip's reason with its specifics elided: the text items with the same cause share.

    Parameters
    ----------
    reason : str
        ``Skip.reason``, e.g. ``"'Aston' is a person's name: after the title 'Lord'"``.

    Returns
    -------
    str
        E.g. ``"… is a person's name: after the title …"``.
    """
    key = _QUOTED.sub(_ELIDED, reason)
    key = _PARENS.sub("", key)
    key = _NUMBER.sub(_ELIDED, key)
    key = re.sub(r"\s+", " ", key).strip()
    return key.removesuffix(f": {_ELIDED}")  # the quoted sentence an extracted item ends with


def _subject(skip: Skip) -> str:
    """Where an item is, and its quoted name or words (shortened): enough to find it.

    The first quoted item ("'Hassan' is a person's name"), except that an extracted item's reason ends with
    its sentence (": 'Gunmen stormed …'"), which says more than a date or trigger quoted earlier.
    """
    found = list(_QUOTED.finditer(skip.reason))
    if not found:
        return skip.where
    last = found[-1]
    ends_with_sentence = last.end() == len(skip.reason) and skip.reason[:last.start()].endswith(": ")
    text = (last if ends_with_sentence else found[0]).group(0)
    if len(text) > settings.SUMMARY_EXAMPLE_CHARS:
        text = text[:settings.SUMMARY_EXAMPLE_CHARS - 1].rstrip() + _ELIDED + text[0]
    return f"{skip.where} {text}"


def group_skips(skips: Iterable[Skip]) -> list[dict]:
    """Skips grouped by ``(what, reason_key)``, most frequent first (ties by wording).

    Returns
    -------
    list of dict
        ``{"what", "reason", "count", "example"}``; ``example`` is the group's first item in
        pipeline order, as ``{"where", "reason"}``.
    """
    counts: Counter = Counter()
    first: dict = {}
    for s in skips:
        key = (s.what, reason_key(s.reason))
        counts[key] += 1
        first.setdefault(key, s)
    ordered = sorted(counts, key=lambda k: (-counts[k], k))
    return [{"what": what, "reason": reason, "count": counts[(what, reason)],
             "example": {"where": first[(what, reason)].where, "reason": first[(what, reason)].reason}}
            for what, reason in ordered]


def _section(title: str, items: list[Skip], verbose: bool, line) -> list[str]:
    if verbose or len(items) <= settings.SUMMARY_LIST_ALL:
        return [f"{title}: {len(items)}"] + [line(s) for s in items]
    groups = group_skips(items)
    # One reason left over takes the line "1 other reason" would.
    top = groups if len(groups) <= settings.SUMMARY_TOP_REASONS + 1 else groups[:settings.SUMMARY_TOP_REASONS]
    lines = [f"{title}: {len(items)}, most frequent reasons (-v or --report FILE lists each):"]
    for g in top:
        example = Skip(g["what"], g["example"]["where"], g["example"]["reason"])
        lines.append(f"  {g['count']:>4} \u00d7 {g['what']}: {g['reason']} (e.g. {_subject(example)})")
    rest = groups[len(top):]
    if rest:
        n = sum(g["count"] for g in rest)
        lines.append(f"  {n:>4} \u00d7 {len(rest)} other reason{'s' if len(rest) != 1 else ''}")
    return lines


def summary_lines(build: Build, verbose: bool = False, extra: Iterable[str] = ()) -> list[str]:
    """The summary a command prints after a run.

    Parameters
    ----------
    build : Build
        What the pipeline produced.
    verbose : bool
        List every skipped item and warning with its reason (``-v``). Otherwise
        a short list is printed whole and a long one as its most frequent reasons.
    extra : iterable of str
        More counts for the first line (e.g. where the documents' dates came from).

    Returns
    -------
    list of str
        Lines, without line ends.
    """
    skipped, warnings = split_skips(build)
    lines = [" \u00b7 ".join([f"documents read: {len(build.documents)}", *extra]),
             f"place mentions: {len(build.mentions)} \u00b7 places: {len(build.places)} \u00b7 "
             f"incidents: {len(build.incidents)} \u00b7 relocations: {len(build.relocations)}"]
    if warnings:
        lines += _section("warnings", warnings, verbose, lambda s: f"  - {s.where}: {s.reason}")
    if skipped:
        lines += _section("skipped", skipped, verbose, lambda s: f"  - {s.what} {s.where}: {s.reason}")
    else:
        lines.append("skipped: nothing")
    return lines
