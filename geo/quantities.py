"""Counts in running text: digits, number words, vague amounts and ranges.

``find_quantities(text)`` returns every count phrase with its character span
and what it says: an exact figure ("34", "thirty-four"), an approximate one
("about 50", "roughly half of 100"), a bounded one ("more than forty",
"40-odd", "two or three thousand") or a vague one ("dozens", "hundreds").
Number words are converted by ``text2num`` (the maintained text-to-num
package: it handles compounds such as "one hundred and five" or
"twelve thousand four hundred" that a hand table would get wrong); the regular
expression here only finds where a count phrase starts and ends, which
text2num does not report.

Documentation: docs/incidents.md.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from text_to_num import text2num

from . import rescan

_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
          "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety").split()
_SCALES = ("hundred", "thousand", "million")
_WORD = r"(?:" + "|".join(sorted(_UNITS + list(_SCALES), key=len, reverse=True)) + r")"
# A run of number words: "thirty-four", "one hundred and five", "two thousand".
_WORDNUM = rf"{_WORD}(?:(?:[\s-]+and)?[\s-]+{_WORD})*"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?"
_NUM = rf"(?:{_DIGITS}|(?:an?\s+)?{_WORDNUM}(?:\s+dozen)?|a\s+dozen)"

#: Qualifiers before a number, and what they make of it.
_APPROX = ("about", "around", "approximately", "roughly", "some", "nearly", "almost", "close to",
           "an estimated", "as many as", "estimated", "perhaps", "up to")
_AT_LEAST = ("more than", "over", "at least", "no fewer than", "no less than", "upwards of")
_AT_MOST = ("fewer than", "less than", "under")
_QUAL = "|".join(sorted((q.replace(" ", r"\s+") for q in _APPROX + _AT_LEAST + _AT_MOST), key=len, reverse=True))

#: Vague amounts: (low, high) bounds as plain English reads them; no single figure.
VAGUE = {
    "dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999), "thousands": (2000, 9999),
    "tens of thousands": (20000, 99999), "several": (3, 9), "a few": (2, 5), "a handful": (3, 10),
    "a couple": (2, 3), "many": (None, None), "a number": (None, None), "numerous": (None, None),
}
_VAGUE = "|".join(sorted((v.replace(" ", r"\s+") for v in VAGUE), key=len, reverse=True))
_WORDED_RX = re.compile(rf"(?i)(?:\w+\s+)*?(?:{_VAGUE})\b")


def worded(q: "Quantity | None") -> bool:
    """True for a count given by a word only ("several", "dozens of", "a few"), not a number."""
    return q is not None and q.value is None and _WORDED_RX.match(q.text) is not None

_PATTERN = re.compile(
    rf"""(?ix)
    (?<![\w.,])
    (?:
        between\s+(?P<b1>{_NUM})\s+and\s+(?P<b2>{_NUM})
      | (?:(?P<q0>{_QUAL})\s+)?(?P<r1>{_NUM})\s*(?:to|or|-|–)\s*(?P<r2>{_NUM})(?![\w-])
      | (?:(?P<qh>{_QUAL})\s+)?(?:about\s+)?half\s+(?:of\s+)?(?P<half>{_NUM}|(?:these|those|the|them|its|their)\b)
      | (?:(?P<q>{_QUAL})\s+)?(?P<n>{_NUM})(?P<suffix>-odd|\s+odd|\s+or\s+so|\s*\+|\s+plus)?
      | (?P<vague>{_VAGUE})
    )
    (?![\w])
    """
)


_AGE = re.compile(r"[\s-]*(?:years?|months?|weeks?|days?)[\s-]*old\b|[\s-]*(?:yr|year)s?\b(?!\s+(?:ago|later|after|before))",
                  re.I)
_NOT_A_COUNT_BEFORE = re.compile(r"(?:[$£€¥]\s*|\baged\s+|\bage\s+|[A-Za-z]-|\bNo\.\s*|#)$")
#: "aged 17 and 25", "ages 25 and 17", "aged between six and 18": every number of a list of ages is an age.
_AGE_WORD = r"(?:\d{1,3}|[a-z]+(?:-[a-z]+)?)"
_AGES_BEFORE = re.compile(rf"\b(?:aged|ages?)\s+(?:between\s+|from\s+)?(?:{_AGE_WORD}(?:\s*,\s*|\s+and\s+|\s+or\s+|"
                          rf"\s+to\s+|\s*[-–]\s*)){{0,3}}$", re.I)
#: "between 20 and 25 years old": the first number of a range of ages.
_AGES_AFTER = re.compile(rf"\s*(?:and|to|or|-|–)\s*{_AGE_WORD}[\s-]*years?[\s-]*old\b", re.I)

#: "how many were killed": a question.
_HOW_BEFORE = re.compile(r"\bhow\s+$", re.I)
#: "1.In another report", "2) The team": the number of a list item (at the start of a line).
_LIST_MARK_AFTER = re.compile(r"[.)](?!\d)")

#: "no one was hurt", "not one person died": nobody, not a count of one; "every one of the dead", "each one": all.
_NOBODY_BEFORE = re.compile(r"\b(?:no|not|every|each|any)\s+$", re.I)

_YEAR_RX = re.compile(r"(1[89]|20)\d\d")
_ORDINAL_AFTER_RX = re.compile(r"(st|nd|rd|th)\b", re.I)
_DECIMAL_AFTER_RX = re.compile(r"[.:]\d")
_APPOSITIVE_BEFORE = re.compile(r"[A-Z][\w'’.-]*,\s*$")
_APPOSITIVE_AFTER = re.compile(r"\s*(?:,|\)|—|–|\s-\s|$)")
_LABEL_BEFORE = re.compile(r"\b(?:Protocol|Article|Route|Highway|Interstate|Chapter|Section|Room|Apartment|Flight|"
                           r"Resolution|Phase|Level|Unit|Gate|Building|Block|Channel|Station|Precinct|District|"
                           r"Ward|Platform|Terminal|Bus|Line|Category|Grade|Class|Number|No)\.?\s*$")


@dataclass(frozen=True)
class Quantity:
    """A count phrase and what it says.

    ``value`` is the single figure the text gives (exact or approximate), or
    None when it gives only bounds or nothing; ``low``/``high`` bound it
    (None: unbounded). ``antecedent`` is True for "half of these …", whose
    base is a count said earlier (see :func:`resolve_fraction`).
    """

    start: int
    end: int
    text: str
    value: int | None
    low: int | None
    high: int | None
    approximate: bool = False
    fraction: float | None = None
    antecedent: bool = False

    @property
    def vague(self) -> bool:
        """True when the text gives no single figure."""
        return self.value is None


def number_value(text: str) -> int | None:
    """The integer a number phrase says: "3,400" → 3400, "thirty-four" → 34, "a dozen" → 12.

    Returns None when the phrase is not a number.
    """
    t = " ".join(text.strip().lower().split())
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?", t):
        return int(float(t.replace(",", "")))
    if t == "a dozen":
        return 12
    if t.endswith(" dozen"):  # "two dozen" → 24
        head = number_value(t[:-len(" dozen")])
        return head * 12 if head is not None else None
    t = re.sub(r"^an?\s+", "", t)  # "a hundred" → "hundred", which text2num reads as 100
    try:
        return int(text2num(t, "en"))
    except ValueError:
        return None


def count_word(word: str) -> int | None:
    """The count of a time phrase ("a", "two", "12" days, "eight" years): :func:`number_value`, "a"/"an" being one."""
    word = word.lower()
    return 1 if word in ("a", "an") else number_value(word)


def _scale_pair(a: int, b: int, right: str) -> tuple[int, int]:
    # "two or three thousand": the scale word of the second number applies to the first.
    words = right.lower().split()
    if a < b and len(words) > 1 and (words[-1] in _SCALES or words[-1] == "dozen"):
        head = number_value(" ".join(words[:-1]))
        if head and a < head:
            return a * (b // head), b
    return a, b


def _make(m: re.Match, offset: int) -> Quantity | None:
    text = m.group(0)
    start, end = offset + m.start(), offset + m.end()
    g = m.groupdict()
    if g["b1"] or g["r1"]:
        a = number_value(g["b1"] or g["r1"])
        b = number_value(g["b2"] or g["r2"])
        if a is None or b is None:
            return None
        a, b = _scale_pair(a, b, g["b2"] or g["r2"])
        if a >= b:  # "thirty-four" is one number, not a range; "10 or 5" is no count range
            whole = number_value(text)
            return Quantity(start, end, text, whole, whole, whole) if whole is not None else None
        return Quantity(start, end, text, None, a, b, approximate=True)
    if g["half"] is not None:
        base = number_value(g["half"])
        if base is None:
            return Quantity(start, end, text, None, None, None, approximate=True, fraction=0.5, antecedent=True)
        return Quantity(start, end, text, base // 2, base // 2, base // 2, approximate=True, fraction=0.5)
    if g["vague"]:
        low, high = VAGUE[" ".join(g["vague"].lower().split())]
        return Quantity(start, end, text, None, low, high, approximate=True)
    n = number_value(g["n"])
    if n is None:
        return None
    qual = " ".join((g["q"] or "").lower().split())
    suffix = (g["suffix"] or "").strip().lower()
    if suffix in ("-odd", "odd"):  # "40-odd": forty-something
        return Quantity(start, end, text, None, n, n + (9 if n % 10 == 0 else 0), approximate=True)
    if suffix in ("+", "plus") or qual in _AT_LEAST:
        return Quantity(start, end, text, None, n + (1 if qual in ("more than", "over") else 0), None,
                        approximate=True)
    if qual in _AT_MOST:
        return Quantity(start, end, text, None, None, n - 1, approximate=True)
    approx = bool(qual) or suffix == "or so"
    return Quantity(start, end, text, n, n, n, approximate=approx)


def find_quantities(text: str, offset: int = 0) -> list[Quantity]:
    """Every count phrase in ``text``, left to right, with spans shifted by ``offset``.

    Years ("in 2009"), times and ordinals are not counts: four-digit numbers
    between 1800 and 2100 written without a comma are left out, as are numbers
    glued to letters ("3rd", "F-16").
    """
    out = []
    for m in rescan.finditer(_PATTERN, text):  # = _PATTERN.finditer(text), faster
        if not m.group(0).strip():
            continue
        raw = m.group("n")
        if raw and _YEAR_RX.fullmatch(raw) and not m.group("q"):
            continue  # a year, not a count
        after = text[m.end():m.end() + 3]
        if _ORDINAL_AFTER_RX.match(after) or _DECIMAL_AFTER_RX.match(after):
            continue
        if _AGE.match(text, m.end()) or _NOT_A_COUNT_BEFORE.search(text[max(0, m.start() - 6):m.start()]):
            continue  # an age ("80-year-old", "aged 16"), money ("$25") or part of a name ("Vesti-24")
        if _AGES_BEFORE.search(text, max(0, m.start() - 40), m.start()) or _AGES_AFTER.match(text, m.end()):
            continue  # "aged 17 and 25", "aged between six and 18", "between 20 and 25 years old": ages
        if _APPOSITIVE_BEFORE.search(text[max(0, m.start() - 40):m.start()]) and _APPOSITIVE_AFTER.match(text, m.end()):
            continue  # "Ms. Reed, 34, of Arlington": an age after a name
        if _LABEL_BEFORE.search(text[max(0, m.start() - 20):m.start()]):
            continue  # "Protocol 6", "Route 66", "Flight 93": a label, not a count
        if m.group(0).strip().lower() == "one" and _NOBODY_BEFORE.search(text[max(0, m.start() - 7):m.start()]):
            continue  # "no one had been killed": nobody
        if m.group("vague") and m.group("vague").lower() == "many" and _HOW_BEFORE.search(text, max(0, m.start() - 5),
                                                                                           m.start()):
            continue  # "to determine how many were killed": a question, no count
        if raw and raw.isdigit() and _LIST_MARK_AFTER.match(text, m.end()) \
                and not text[text.rfind("\n", 0, m.start()) + 1:m.start()].strip():
            continue  # "1.In another report …", "2) The team …": a list item's number at the start of a line
        q = _make(m, offset)
        if q is not None:
            out.append(q)
    return out


def resolve_fraction(q: Quantity, base: Quantity | None) -> Quantity:
    """Give "half of these …" a figure from the count it refers to (``base``)."""
    if not q.antecedent or base is None or base.value is None:
        return q
    v = int(base.value * (q.fraction or 1))
    return Quantity(q.start, q.end, q.text, v, v, v, approximate=True, fraction=q.fraction)
