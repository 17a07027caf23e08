"""Sentence-level extraction: attacks and relocations told by one sentence.

Each sentence (pysbd, with character spans) is read for trigger words; an
attack or relocation candidate keeps its sentence as the quote, with offsets,
the date (``geo.dates``), the figures (``geo.quantities``) sorted into killed,
injured and people moved, the place the sentence ties to the event, and a
confidence built from the evidence found (date, figures, a past-tense event
verb, a named place) minus what makes it doubtful (hypothetical wording,
plural generic mentions). Nothing here knows about any particular story.

Documentation: docs/incidents.md.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from functools import lru_cache

from dateutil.relativedelta import relativedelta

from . import foreign
from .attribution import actors, claimed_by, dateline_span, not_the_scene
from .dates import DateMention, compatible, find_dates, year_of
from .gazetteer import Gazetteer, great_circle_km
from .geoparse import TEXT_SOURCE
from .models import Document, Mention, Place
from .quantities import Quantity, count_word, find_quantities, resolve_fraction
from .rescan import finditer as finditer_fast, first_characters
from .settings import DEFAULT_MIN_CONFIDENCE

# --- lexicon -----------------------------------------------------------------------------------------------------
#: Attack types from most to least specific; the first that matches names the incident.
ATTACK_TYPES: tuple[tuple[str, str], ...] = (
    ("massacre", r"massacre[sd]?|massacring"),
    ("missile attack", r"missiles?"),
    ("rocket attack", r"rockets?|katyushas?"),
    ("mortar attack", r"mortars?|mortar\s+fire"),
    ("shelling", r"shell(?:s|ing|ed)"),
    ("bombing", r"bomb(?:s|ing|ings|ed|ers?)?|car\s+bomb|explosions?|blasts?|ied"),
    ("raid", r"raid(?:s|ed|ing)?|storm(?:ed|ing)|assault(?:s|ed)?|incursion"),
    ("shooting", r"shot|shooting|opened\s+fire|gunfire|gunmen|sniper"),
    # deliberate burning: "torched", "set fire to", "set the houses ablaze", "buses were burned by rebels"
    ("arson", r"arson|torch(?:ed|ing)|set\s+fire\s+to|set\s+(?:[\w-]+\s+){0,3}(?:on\s+fire|ablaze)|"
              r"burn(?:ed|t)\s+(?:down|by)"),
    ("attack", r"attack(?:s|ed|ing)?|air\s*strikes?|drone\s+strikes?|ambush(?:ed)?"),
)
#: Every attack type belongs to one family for merging ("massacre" and "attack" may be one event).
FAMILY = {name: "attack" for name, _ in ATTACK_TYPES}

_KILL_HEAD = r"killed|killing|kill|died|dead|deaths?|massacred|murdered|slain|slayed|perished|lost\s+their\s+lives|martyred|"
# "state bodies", "government bodies": organisations, not the dead
_KILL_TAIL = r"|(?<!state\s)(?<!public\s)(?<!official\s)(?<!governing\s)(?<!government\s)bodies|corpses"
# "martyrs", the exiles' and their movements' own word for their dead: any case for a trigger, lower case only as
# counted (:data:`_KILL_RX`): "Martyrs" capitalised is a name or a title ("al-Aqsa Martyrs Brigades", a book
# "20,000 Martyrs"); rescan's fast scan of the triggers takes no inline flag
_KILL_VERBS = _KILL_HEAD + "martyrs" + _KILL_TAIL
_INJURE_WORDS = r"injured|injuring|injur(?:y|ies)|wounded|wounding|wounds|hurt|hospitali[sz]ed"
#: A transitive verb right before a count: "killing four", "wounded dozens", "the death toll rose to 52".
_KILL_BEFORE_RX = re.compile(r"\b(?:killing|killed|kills?|massacring|massacred|massacres|murdering|murdered|murders|"
                             r"(?:shot|shoots|shooting|gunned)\s+dead|"
                             r"claiming\s+the\s+lives\s+of|claimed\s+the\s+lives\s+of|claims\s+the\s+lives\s+of)\s+$",
                             re.I)
_INJURE_BEFORE_RX = re.compile(r"\b(?:wounding|wounded|wounds|injuring|injured|injures|hurting|hurt|hurts)\s+$", re.I)
#: "saw the bodies of 52 victims with gunshot wounds": the dead, whatever wounds the words after name.
_BODIES_OF_BEFORE_RX = re.compile(r"\b(?:bodies|corpses|remains)\s+of\s+(?:the\s+|some\s+)?$", re.I)
#: "the death toll of this morning's raid by … on the residents of X has climbed to 23", "Death Toll Reaches 23"
_TOLL_RX = re.compile(r"\bdeath\s+toll\b[^.;]{0,160}\b(?:to|of|at|reach(?:es|ed)?|hit|hits|tops|topped|is|was)\s+$",
                      re.I)
_PEOPLE_NOUNS = (r"residents?|people|persons?|members?|refugees?|exiles?|dissidents?|families|individuals|men|women|"
                 r"children|asylum[\s-]+seekers?|civilians?|inhabitants|others|protesters|villagers|prisoners|"
                 r"survivors|evacuees|passengers|migrants|detainees|displaced|fighters|rebels|combatants|students|"
                 r"patients|pilgrims|foreigners|citizens|nationals")
#: Words right after a number that make it a count of things, not of people.
_NOT_PEOPLE = (r"attacks?|raids?|rockets?|missiles?|mortars?|shells?|bombs?|times|years?|days?|weeks?|months?|"
               r"decades?|hours?|minutes?|km|kilometres?|kilometers?|miles?|metres?|meters?|percent|per\s+cent|%|"
               r"incidents?|occasions?|statements?|countries|camps?|buildings?|vehicles?|trucks?|separate|letters?|"
               r"dollars?|euros?|pounds?|£|\$|mps|votes?|pages?|steps?|points?|rounds?|grenades?|projectiles?|bullets?|"
               r"shots|drones?|cars?|buses|tanks?|katyushas?|barrels?|ieds?|explosions?|blasts?")
_RELOCATION = (r"moved|moving|move(?=\s+(?:civilians|residents|people|refugees|families|evacuees|them|the\s+last)\b)|"
               r"relocat(?:ed|ion|ing)|transferr?(?:ed|ing)|transfers?|resettl(?:ed|ement|ing)|"
               r"evacuation(?=\s+of\s+(?:(?:about|some|more\s+than|nearly|almost|around|over)\s+)?[\d,]+\s)|"
               # "X accepted to receive another 210": an agreement to take people in, no move
               r"accepted(?!\s+to\s)|accepts(?!\s+to\s)|took\s+in|taken\s+in|welcomed|flown|flew|flied|airlifted|evacuated|"
               r"removed|deported|expelled|repatriated|bus(?:s)?ed|arrived|arriving|departed|left\s+for|"
               # "the last 280 had left to X" (written so in translated and wire texts)
               r"left(?=\s+(?-i:[A-Z]))|left\s+to(?=\s+(?-i:[A-Z]))|sent|"
               # "left the northern suburb of X on Sunday in trucks for Y"
               r"left(?=\s+(?:the|their|its)\s+[^.;:]{0,80}?\bfor\s+(?-i:[A-Z]))|"
               r"ferried|transported|shipped|disembarked|disembarking|brought(?=\s+(?:to|into|ashore)\b)|"
               # "were rescued and taken to X": counted people only (see _relocation), never to a hospital
               r"taken(?=\s+(?:to|into)\s)|"
               r"arrivals?(?=[\s”\"’']+(?:[\w-]+\s+){0,3}?(?:of|at|in)\s)|"
               r"help(?:ed|s)?\s+(?:to\s+)?(?:evacuate|relocate|transfer|move|fly|resettle)|"
               r"boarded(?=\s+(?:[\w-]+\s+){0,2}(?:flights?|planes?|aircraft|buses|boats?|ferry|ferries|ships?)\b)|"
               r"leaves?(?=\s+(?:(?-i:[A-Z])[\w’'-]*\s+)+for\s+(?-i:[A-Z]))|"
               r"reached(?=\s+(?:the\s+)?(?:port|city|town|village|camp|island|capital|coast|harbou?r)\s+of\s)|"
               r"reached(?=\s+(?:safely\s+)?(?-i:[A-Z]))|landed(?=\s+(?:safely\s+)?(?:in|at|here)\s)|"
               # "30,000 crossed the pontoon bridge into X", "crossed the border into X": a crossing to a named side
               r"crossed(?=\s+(?:(?:the|a)\s+)?(?:[\w-]+\s+){0,3}?(?:border|bridge|frontier|river|crossing)\b"
               r"[^.;:]{0,60}?\b(?:into|to)\s+(?:the\s+)?(?-i:[A-Z]))|crossed(?=\s+(?:back\s+)?into\s+(?:the\s+)?(?-i:[A-Z]))|"
               # "fled to X": a counted flight to a named place (counted people only, see _relocation)
               r"fled(?=\s+(?:safely\s+)?(?:to|into)\s+(?:the\s+)?(?-i:[A-Z]))")
_PAST_EVENT = (r"attacked|stormed|raided|shot|killed|killing|died|massacred|struck|fired|opened\s+fire|exploded|"
               r"hit|took\s+place|shelled|bombed|wounded|injured|left\s+\w+\s+dead|leaving")
_PAST_MOVE = (r"helped\s+(?:to\s+)?(?:evacuate|relocate|transfer|move|fly|resettle)|moved|relocated|transferred|resettled|accepted|took\s+in|welcomed|flown|flew|flied|airlifted|"
              r"evacuated|removed|deported|expelled|repatriated|arrived|departed|left\s+for|left(?=\s+(?-i:[A-Z]))|"
              r"left\s+to(?=\s+(?-i:[A-Z]))|sent|"
              r"left(?=\s+(?:the|their|its)\s+[^.;:]{0,80}?\bfor\s+(?-i:[A-Z]))|"
              r"ferried|transported|shipped|disembarked|reached|brought|landed|taken|crossed|fled")
#: Wording that makes an event hypothetical, feared or demanded rather than reported.
#: Deaths with no attack word that tell of an accident or illness, not an attack.
_ACCIDENT_RX = re.compile(r"\b(?:crash(?:es|ed)?|collisions?|accidents?|accidental(?:ly)?|fires?|blaze|flood(?:s|ing)?|"
                          r"stampede|crush|overdose|illness|disease|cancer|drown(?:ed|ing)?|earthquake|storm|"
                          r"tornado|hurricane|avalanche|landslide)\b", re.I)
#: Who moves: a group, a count or a plural subject. One person's move ("he moved to Springfield") is no relocation.
_GROUP_RX = re.compile(r"\b(?:they|them|were|residents|refugees|exiles|families|people|members|dissidents|detainees|"
                       r"prisoners|migrants|asylum[\s-]+seekers|evacuees|civilians|villagers|survivors|group|groups|"
                       r"inhabitants)\b", re.I)
#: Vehicles as the movers: "a convoy left X for Y" moves the people in it, but "the convoy, which was moving from X
#: to Y, was attacked" (the vehicles are an attack's target) or "trucks carrying fuel from X to Y" move no one,
#: unless the sentence names people.
_VEHICLE_RX = re.compile(r"\b(?:convoys?|vehicles?|buses|bus|trucks?|lorries|cars?|trains?|tankers?)\b", re.I)
_CARGO_RX = re.compile(r"\b(?:carrying|loaded\s+with|laden\s+with|transporting)\s+(?!(?:\d[\d,]*|some|about|more|"
                       r"hundreds|dozens|thousands)\b)", re.I)
_HYPOTHETICAL = (r"\b(?:will|would|could|might|must|should|shall|(?-i:may)(?!\s*\d)|to\s+protect|to\s+guard|protect(?:ion)?\s+\w+\s+from|"
                 r"from\s+(?:(?:another|any|further|future|a|new|major|possible|renewed|more)\s+)*(?:attacks?|raids?)|"
                 r"risk|threat|threaten\w*|fear\w*|prevent\w*|in\s+case|until(?!\s+(?:now|today|then|recently|this\s+\w+)\b)|"
                 r"urge\w*|demand\w*|"  # ("until now": so far, a toll told)
                 r"warn(?:s|ed|ing)?\s+(?:about|of|against)|"
                 r"call(?:ed|s)?\s+(?:on|for)|if\s+they)\b")
#: "is preparing to commit another massacre", "plans to attack", "an impending massacre": a plan told before the
#: trigger word (after it, "… last Sunday, the government intends to go on" is another clause's).
_PLANNED_BEFORE_RX = re.compile(r"\b(?:prepar(?:es|ing|ed)\s+to|preparations?\s+for|plan(?:s|ning)?\s+to|intends?\s+to|plott?(?:s|ing)\s+to|"
                                r"about\s+to|impending|imminent)\s+(?:[\w-]+\s+){0,3}$", re.I)
#: "ordered the army's commander to launch a fresh round of rocket attacks", "prepared the ground for the fourth
#: attack": an attack ordered or made ready, not yet made (not "the general who ordered the raid").
_ORDERED_BEFORE_RX = re.compile(r"\b(?:(?:order|instruct|command|direct)(?:s|ed|ing)?\s+(?:[\w’'.,-]+\s+){0,8}?to\s+"
                                r"(?:launch|carry\s+out|commit|stage|mount|conduct|unleash|step\s+up|attack)|"
                                r"prepar(?:es|ing|ed)\s+the\s+ground\s+for)\s+(?:[\w-]+\s+){0,4}$", re.I)
#: A cue this close (characters) to the trigger word makes the event hypothetical.
HYPOTHETICAL_REACH = 80


KIND_RANK = {"site": 3, "city": 2, "town": 2, "village": 2, "region": 1, "admin": 1, "state": 1, "province": 1,
             "country": 0, "continent": -1}


def _rx(words: str) -> re.Pattern:
    return re.compile(rf"(?<![\w-])(?:{words})(?![\w-])", re.I)


_ATTACK_RX = tuple((name, _rx(words)) for name, words in ATTACK_TYPES)
#: Every attack word in one pattern: it matches a text exactly where one of :data:`_ATTACK_RX` does (one scan to
#: tell that none does: half of the sentences read name no attack type).
_ANY_ATTACK_RX = _rx("|".join(words for _, words in ATTACK_TYPES))
_KILL_RX, _INJURE_RX, _PEOPLE_RX, _NOT_PEOPLE_RX = _rx(_KILL_HEAD + "(?-i:martyrs)" + _KILL_TAIL), \
    _rx(_INJURE_WORDS), _rx(_PEOPLE_NOUNS), _rx(_NOT_PEOPLE)
_RELOC_RX, _PAST_EVENT_RX, _PAST_MOVE_RX = _rx(_RELOCATION), _rx(_PAST_EVENT), _rx(_PAST_MOVE)
#: A move word right before a count ("relocated 40", "to resettle some 200"); compiled once (it was formatted and
#: looked up in ``re``'s cache for every count).
_RELOCATION_BEFORE_RX = re.compile(rf"(?:{_RELOCATION})\W*$", re.I)
_HYPO_RX = re.compile(_HYPOTHETICAL, re.I)


# --- data ---------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Span:
    """A sentence and the paragraph it belongs to, as offsets into the document."""

    start: int
    end: int
    para_start: int
    para_end: int
    index: int  # paragraph number


@dataclass
class Candidate:
    """One sentence's account of an attack (``kind`` "incident") or a relocation.

    Figures are :class:`~geo.quantities.Quantity` (exact, approximate or
    bounds) so that merging can keep ranges; ``reasons`` say how the
    confidence was reached.
    """

    kind: str  # incident or relocation
    type: str
    document: str
    start: int
    end: int
    quote: str
    date: str | None = None
    date_precision: str | None = None
    date_note: str = ""
    date_end: str | None = None  # relocations over a period ("between 2013 and 2016")
    killed: Quantity | None = None
    injured: Quantity | None = None
    people: Quantity | None = None
    place: Place | None = None
    from_place: Place | None = None
    to_place: Place | None = None
    confidence: float = 0.0
    reasons: list[str] = field(default_factory=list)
    #: every sentence of this document that tells the event, with its own figures and speaker
    claims: list[Claim] = field(default_factory=list)
    actor1: str | None = None  # who acted, as the text words it ("security forces")
    actor2: str | None = None  # who was hit ("residents")
    place_note: str = ""  # how the place was chosen
    hypothetical: bool = False
    #: the date is only when something was said ("police said Thursday"): the event may be days earlier
    date_weak: bool = False
    #: "MM-DD" of the day the sentence names when its year cannot be told (``date`` None): see :func:`_other_day`
    month_day: str | None = None
    #: told in passing as an earlier event than the one the document reports (:func:`_background`): it never
    #: merges with the reported event, never takes the report's day, and never takes the dateline as its place
    background: bool = False


@dataclass
class Claim:
    """One sentence's (or clause's) account: its words, offsets, figures, date and who said it."""

    start: int
    end: int
    quote: str
    killed: Quantity | None = None
    injured: Quantity | None = None
    people: Quantity | None = None
    date: str | None = None
    claimed_by: str | None = None


# --- sentences ------------------------------------------------------------------------------------------------------
class _CachedRe:
    """``re`` with a larger compiled-pattern cache, for pysbd's abbreviation module only.

    pysbd builds a pattern string per abbreviation it meets ("(?<=\\sMr)\\.…") and calls
    ``re.sub``/``re.findall`` with it; on long paragraphs these are thousands of distinct
    patterns, more than the 512 ``re`` caches, so each is compiled again and again (most
    of pysbd's time). Same patterns, same results — only compiled once.
    """

    def __getattr__(self, name):
        return getattr(re, name)

    @staticmethod
    @lru_cache(maxsize=8192)
    def _compiled(pattern, flags):
        return pattern if isinstance(pattern, re.Pattern) else re.compile(pattern, flags)

    def sub(self, pattern, repl, string, count=0, flags=0):
        return self._compiled(pattern, flags).sub(repl, string, count)

    def findall(self, pattern, string, flags=0):
        return self._compiled(pattern, flags).findall(string)

    def search(self, pattern, string, flags=0):
        return self._compiled(pattern, flags).search(string)


class _RepeatedFindallRe(_CachedRe):
    """``re`` for pysbd's list module: ``findall`` remembers its last few answers.

    pysbd's ``ListItemReplacer`` looks for alphabetical list items twice with each of its two patterns (once for
    letters, once for roman numerals) on a paragraph that is almost never changed in between: the second
    ``findall`` scans the same text with the same pattern. ``findall`` is a pure function of (pattern, text,
    flags); up to :attr:`KEEP` answers are kept (copies are handed out, callers may change them).
    """

    KEEP = 8

    def __init__(self):
        self._found: dict = {}

    def findall(self, pattern, string, flags=0):
        key = (pattern, string, flags)
        found = self._found.get(key)
        if found is None:
            found = self._compiled(pattern, flags).findall(string)
            if len(self._found) >= self.KEEP:
                self._found.clear()  # one step, safe if threads share it; a new paragraph's answers come next
            self._found[key] = found
        return list(found)


def _spans_of(sentences: list[str], text: str) -> list:
    """pysbd's ``Segmenter.sentences_with_char_spans`` without a regex per sentence.

    pysbd finds each sentence with ``re.finditer(re.escape(sent) + r"\\s*", text)``
    and keeps the first match ending after the previous sentence. Compiling a new
    pattern per sentence is slow and flushes ``re``'s cache; ``str.find`` plus the
    run of whitespace after it (``str.isspace`` is ``\\s`` for str patterns) walks the
    same non-overlapping matches from the start of the text and gives the same spans.
    """
    from pysbd.utils import TextSpan

    spans, prior_end = [], 0
    for sent in sentences:
        if not sent:  # pysbd's pattern is then just r"\s*" (one pattern: cached by re)
            for m in re.finditer(r"\s*", text):
                if m.end() > prior_end:
                    spans.append(TextSpan(m.group(), m.start(), m.end()))
                    prior_end = m.end()
                    break
            continue
        pos, n = 0, len(text)
        while True:
            at = text.find(sent, pos)
            if at < 0:
                break
            end = at + len(sent)
            while end < n and text[end].isspace():
                end += 1
            if end > prior_end:
                spans.append(TextSpan(text[at:end], at, end))
                prior_end = end
                break
            pos = end
    return spans


#: Characters that make a pysbd rule's pattern (or a backslash its replacement) more than plain text.
_REGEX_SYNTAX = frozenset("\\.^$*+?{}[]|()")


def _apply_rules(self, *rules):
    """pysbd's ``Text.apply`` — ``re.sub(rule.pattern, rule.replacement, text)`` for each rule in turn — with
    each rule's pattern compiled once, a pattern of plain characters replaced by ``str.replace`` only where
    it occurs, and a pattern every match of which starts with one of a few characters ("\\?!", "(?<=a∯m)∯")
    skipped when none of them is in the text (:func:`geo.rescan.first_characters`).

    pysbd calls it about 75 times per paragraph, mostly with rules that match nothing (its placeholder symbols
    "∯", "&ᓰ&" …); ``re.sub`` pays the pattern-cache lookup and a scan each time. ``str.replace`` of a plain
    pattern and plain replacement is what ``re.sub`` does with them (leftmost, non-overlapping). Same output.
    """
    if not rules:
        return self
    text = str(self)
    for rule in rules:
        plan = rule.__dict__.get("_geo_plan")
        if plan is None or plan[0] is not rule.pattern or plan[1] is not rule.replacement:
            pattern, repl = rule.pattern, rule.replacement
            plain = isinstance(pattern, str) and isinstance(repl, str) and pattern != "" \
                and not _REGEX_SYNTAX.intersection(pattern) and "\\" not in repl
            compiled = None if plain else re.compile(pattern)
            firsts = None if plain else first_characters(compiled)
            # one first character: a substring test; several: one scan for any of them (no generator per call)
            plan = rule._geo_plan = (pattern, repl, compiled, None if firsts is None else next(iter(firsts))
                                     if len(firsts) == 1 else re.compile("|".join(map(re.escape, sorted(firsts)))))
        if plan[2] is None:
            if plan[0] in text:
                text = text.replace(plan[0], plan[1])
        elif plan[3] is None or (plan[3] in text if type(plan[3]) is str else plan[3].search(text) is not None):
            text = plan[2].sub(plan[1], text)
    return text


#: Characters pysbd's English rules act on, besides a full stop ending a text: sentence ends, double quotes,
#: brackets, the backslash (pysbd escapes and unescapes around it) and every other non-ASCII character its English
#: modules name (its placeholder symbols "∯", "ȸ", "&ᓴ&" …, ellipses, list markers, exclamation words) but "’",
#: which they read only as the end of a quotation opened by "‘" (tests/test_incidents_perf.py checks the list
#: against pysbd's source). The straight apostrophe is left to :data:`_ONE_SENTENCE_RX`.
PYSBD_ACTIVE = (".!?\"()[]\\"
                "«°»ûũƪǃȸȹʼ،ᓰᓱᓳᓴᓷᓸ‘“”⁃∮∯⌬⎋☄☇☈☉☏☝♝♟♨♬♭✂。「」！（）．？")
#: A text pysbd returns whole as one sentence, its span the whole text: words parted by single spaces, none of
#: :data:`PYSBD_ACTIVE` and no other white space, at most a full stop after the last word, then only spaces, tabs
#: or no-break spaces; a straight apostrophe neither first (pysbd's boundary pattern would read "'X' Y" as a
#: quotation of its own) nor after a hyphen (its "-' X" ends a quoted sentence).
#: Why this is pysbd's answer: every rule it applies before splitting needs one of those characters, or two full
#: stops, or a word after the full stop (abbreviations, numbers, list items "b.", initials, e-mail addresses, file
#: names); the few that act on the last full stop alone ("Gen." then a space) turn it into a placeholder that
#: comes back as the full stop; a one-item list is no list; an apostrophe between "--" dashes becomes a placeholder
#: that comes back too. Its boundary pattern then matches from the first character to the closing full stop (with
#: none, the text is kept as it is) and trailing blanks are dropped. The pieces :func:`_reading_spans` splits are
#: mostly plain sentences like that: about two thirds of them skip pysbd's ~75 rules (tests/test_incidents_perf.py
#: compares with pysbd on made-up and real sentences).
_ONE_SENTENCE_RX = re.compile(r"(?!')(?!.*-')(?:[^\s{0}]+ )*[^\s{0}]+\.?[ \t\u00a0]*".format(re.escape(PYSBD_ACTIVE)))


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd
    import pysbd.abbreviation_replacer
    import pysbd.lists_item_replacer
    import pysbd.utils

    class Segmenter(pysbd.Segmenter):
        def sentences_with_char_spans(self, sentences):
            return _spans_of(sentences, self.original_text)

        def segment(self, text):
            if _ONE_SENTENCE_RX.fullmatch(text):  # pysbd's own answer for such a text (see _ONE_SENTENCE_RX)
                self.original_text = text
                return [pysbd.utils.TextSpan(text, 0, len(text))]
            return super().segment(text)

    pysbd.abbreviation_replacer.re = _CachedRe()
    pysbd.lists_item_replacer.re = _RepeatedFindallRe()
    text_class = pysbd.utils.Text
    if not getattr(text_class, "_geo_fast", False):
        text_class._geo_original = text_class.apply  # kept for the tests
        text_class.apply = _apply_rules
        text_class._geo_fast = True
    replacer = pysbd.abbreviation_replacer.AbbreviationReplacer
    if not getattr(replacer, "_geo_fast", False):
        replacer._geo_original = replacer.search_for_abbreviations_in_string  # kept for the tests
        replacer.search_for_abbreviations_in_string = _search_for_abbreviations
        replacer._geo_fast = True
    # pysbd: rule-based, keeps abbreviations ("Hon.", "Dec. 26") inside a sentence and reports spans.
    return Segmenter(language="en", clean=False, char_span=True)


def _search_for_abbreviations(self, text):
    """pysbd's ``AbbreviationReplacer.search_for_abbreviations_in_string``, skipping abbreviations that cannot apply.

    pysbd looks for each of its ~190 abbreviations as a bare substring ("al", "art", "ave" are in almost
    every paragraph), then runs two ``findall`` and a ``sub`` per occurrence — most of a paragraph's time.
    Every replacement it makes turns the period after the abbreviation into "∯", so an abbreviation
    whose letters are never followed by a period in the paragraph changes nothing (replacements only
    remove periods, so one absent at the start stays absent). Those are skipped; the rest is pysbd's
    code as is: same output, about 3× faster on news paragraphs (bench/corpus.py prints the ratio).
    """
    import pysbd.abbreviation_replacer as ar

    lowered = text.lower()
    abbreviations, longest = _prepared_abbreviations(tuple(self.lang.Abbreviation.ABBREVIATIONS))
    # every run of up to ``longest`` characters right before a period: "stripped." is in the text exactly when
    # stripped is one of these (one pass over the periods instead of a search per abbreviation)
    before_stop = set()
    at = lowered.find(".")
    while at >= 0:
        before_stop.update(lowered[at - k:at] for k in range(1, min(longest, at) + 1))
        at = lowered.find(".", at + 1)
    for _abbr, stripped, alnum in abbreviations:
        if (stripped not in before_stop) if alnum else (stripped not in lowered):
            continue
        abbrev_match = ar.re.findall(r"(?:^|\s|\r|\n){}".format(stripped), text, flags=re.IGNORECASE)
        if not abbrev_match:
            continue
        next_word_start = r"(?<={" + str(re.escape(stripped)) + "} ).{1}"
        char_array = ar.re.findall(next_word_start, text)
        for ind, match in enumerate(abbrev_match):
            text = self.scan_for_replacements(text, match, ind, char_array)
    return text


@lru_cache(maxsize=4)
def _prepared_abbreviations(abbreviations: tuple[str, ...]) -> tuple[list[tuple[str, str, bool]], int]:
    """(abbreviation, its stripped form, whether that is alphanumeric) of pysbd's list, and the longest stripped."""
    prepared = [(a, a.strip(), a.strip().isalnum()) for a in abbreviations]
    return prepared, max((len(s) for _, s, _ in prepared), default=0)


#: Longest paragraph read as one (characters). pysbd's time grows with the square of a paragraph's
#: length (10 kB: 0.1 s, 40 kB: 0.8 s, 160 kB: 11 s), so a longer line — a text without line breaks — is read as
#: pieces cut after a sentence end (else at a space) below this length. News paragraphs are far shorter
#: (the longest line of the seeds, tests/news and the 588 LGL articles is 8.4 kB), so they are untouched.
MAX_PARAGRAPH = 10_000
_PIECE_END_RX = re.compile(r"[.!?][\"'”’)\]]*\s+(?=\S)")


def _pieces(para: str, limit: int = MAX_PARAGRAPH):
    """(offset, piece) of a paragraph cut below ``limit`` characters: after the last sentence end, else a space."""
    at = 0
    while len(para) - at > limit:
        window = para[at:at + limit]
        ends = [m.end() for m in _PIECE_END_RX.finditer(window)]
        cut = ends[-1] if ends else (window.rfind(" ") + 1 or limit)
        yield at, para[at:at + cut]
        at += cut
    yield at, para[at:]


class _Counts:
    """The counts said so far in a paragraph, in order; those of runs not read are found only when asked for."""

    def __init__(self):
        self._parts: list = []  # lists of Quantity, or (masked text, offset) not yet read

    def extend(self, quantities: list[Quantity]) -> None:
        self._parts.append(quantities)

    def defer(self, masked: str, offset: int) -> None:
        self._parts.append((masked, offset))

    def __iter__(self):
        for i, part in enumerate(self._parts):
            if isinstance(part, tuple):
                part = self._parts[i] = find_quantities(*part)
            yield from part


#: A line broken inside a sentence (a wire's fixed-width lines): it ends with no sentence end and the next line
#: starts in lower case, or it ends with a function word or a comma ("… the last major group of\nMEK residents").
_WRAPPED_END_RX = re.compile(r"(?:[,;]|(?<![\w-])(?:of|the|a|an|and|or|to|in|at|on|for|from|by|with|that|as|its|their|"
                             r"his|her|said|says|was|were|is|are|has|have|had|who|which|than|into|about|after|"
                             r"before|but))[ \t]*$", re.I)
_WRAPPED_NEXT_RX = re.compile(r"[ \t]*[a-z0-9]")
_SENTENCE_END_RX = re.compile(r"[.!?:…\"”’)\]][ \t]*$")


#: A text whose longest line is at most this long is hard-wrapped (a saved e-mail, a wire copy, a PDF's text);
#: one with paragraphs on a line each has longer lines.
WRAP_WIDTH = 120
#: In a hard-wrapped text, a line at least this share of the longest, not ending a sentence, goes on in the next
#: one (the rule readers.reflow applies to a PDF's pages).
WRAPPED_SHARE = 0.6


def _lines(text: str):
    """(start, end) of each paragraph of ``text``: a non-blank line, or lines of one hard-wrapped paragraph."""
    widest = max(map(len, text.split("\n")), default=0)
    full = WRAPPED_SHARE * widest if widest <= WRAP_WIDTH else None  # a line as long as this was wrapped
    start = end = line_start = None
    for pm in re.finditer(r"[^\n]+", text):
        line = pm.group(0)
        if start is not None:
            prev = text[start:end]
            tail = prev[-40:]
            if pm.start() != end + 1 or not line.strip() or _SENTENCE_END_RX.search(tail) or not (
                    _WRAPPED_END_RX.search(tail) or (_WRAPPED_NEXT_RX.match(line) and tail.strip()
                                                     and tail.rstrip()[-1].isalnum())
                    or (full is not None and end - line_start >= full and tail.rstrip()[-1:].isalnum())):
                yield start, end
                start = None
        if start is None:
            start = pm.start()
        end, line_start = pm.end(), pm.start()
    if start is not None:
        yield start, end


def _paragraphs(text: str):
    """(index, start, end, paragraph) of every paragraph of ``text`` (:func:`_lines`; overlong ones in pieces);
    a generator."""
    index = 0
    for a, b in _lines(text):
        line = text[a:b]
        for offset, para in (_pieces(line) if len(line) > MAX_PARAGRAPH else ((0, line),)):
            if para.strip():
                yield index, a + offset, a + offset + len(para), para
            index += 1


def _split_paragraph(para: str, index: int, start: int, end: int, offset: int = 0,
                     piece: str | None = None) -> list[Span]:
    """Sentence spans (pysbd) of one paragraph starting at ``start`` in its document.

    ``piece`` (at ``offset`` in the paragraph) splits only that part of it: the
    spans still name the whole paragraph as theirs.
    """
    piece = para if piece is None else piece
    if "\n" in piece:
        piece = piece.replace("\n", " ")  # a hard-wrapped paragraph (:func:`_lines`): pysbd ends sentences at "\n"
    spans = []
    pos = 0
    for s in _segmenter().segment(piece):
        raw = s.sent
        at = piece.find(raw, pos) if piece[s.start:s.end] != raw else s.start
        if at < 0:
            continue
        pos = at + len(raw)
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        if body:
            first = start + offset + at + lead
            cut = 0
            for m in _GLUED_END_RX.finditer(body):  # "officials say.The group says …": two sentences
                spans.append(Span(first + cut, first + m.end(), start, end, index))
                cut = m.end()
            spans.append(Span(first + cut, first + len(body), start, end, index))
    return spans


#: A sentence end with the space after it missing, as copied pages often have ("officials say.The group said"):
#: a lower-case word (two letters or more, so not an initial or "U.S.") or a number of two digits or more,
#: a period, then a capitalised word. Abbreviations are capitalised ("Gen.", "Dec.") and decimals have a digit
#: after the period, so neither is cut.
_GLUED_END_RX = re.compile(r"(?<![\w.,'’-])(?:[a-z]{2,}|\d{2,})[\"”’)]?\.(?=[\"“‘]?[A-Z][a-z]+\b)")


#: Where a paragraph can be cut before sentence splitting without changing a sentence: after a word
#: of three or more small letters and its full stop (or ! ?), before a capital. pysbd (like any splitter)
#: ends a sentence there unless the word is an abbreviation ("approx.", "Capt." has a capital) or the
#: stop is inside a quotation or brackets: :func:`_safe_cuts` checks both.
_SAFE_CUT_RX = re.compile(r"(?<=[a-z]{3}[.!?])\s+(?=[A-Z])")
_WORD_BEFORE_RX = re.compile(r"(\w+)[.!?]$")


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    """pysbd's English abbreviations, lower case, without their full stop."""
    from pysbd.lang.english import English

    return frozenset(a.strip().lower().rstrip(".") for a in English.Abbreviation.ABBREVIATIONS)


def _safe_cuts(para: str) -> list[tuple[int, int]]:
    """(end of one piece, start of the next) where ``para`` may be cut (see :data:`_SAFE_CUT_RX`); linear."""
    abbreviations = _abbreviations()
    cuts = []
    straight = curly = brackets = 0
    seen = 0
    for m in _SAFE_CUT_RX.finditer(para):
        between = para[seen:m.start()]
        straight += between.count('"')
        curly += between.count("\u201c") - between.count("\u201d")
        brackets += between.count("(") - between.count(")")
        seen = m.start()
        if straight % 2 or curly or brackets:
            continue  # inside a quotation or brackets: pysbd keeps it whole
        word = _WORD_BEFORE_RX.search(para, max(0, m.start() - 40), m.start())
        if word is not None and word.group(1).lower() in abbreviations:
            continue
        cuts.append((m.start(), m.end()))
    return cuts


def _reading_spans(para: str, index: int, start: int, end: int, triggers: list[int] | None = None):
    """(span, read) covering a paragraph: its sentences where an event can be told, whole runs elsewhere.

    A run of sentences between safe cuts (:func:`_safe_cuts`) with no trigger word
    (:data:`_TRIGGER_RX`) yields no candidate: it comes back as one span with
    ``read`` False — only its dates and counts matter — and is not split (pysbd is
    the slow part: on LGL news a sixth of the text has a trigger word). A run with a
    trigger is split by pysbd, ``read`` True. Its sentences are those of the whole
    paragraph, except where pysbd misses a sentence end at a safe cut (after "--" or
    an unclosed single quote, for example): there the cut ends the sentence.

    ``triggers``: where the paragraph's trigger words start (:func:`_trigger_starts`), when
    the caller has them. No trigger word runs across a safe cut (a cut follows a full stop),
    so a run has one exactly when one of these starts lies in it.
    """
    if triggers is None:
        triggers = _trigger_starts(para)
    at = 0
    for cut_end, next_start in [*_safe_cuts(para), (len(para), len(para))]:
        piece = para[at:cut_end]
        if piece.strip():
            first = bisect_left(triggers, at)  # the run's first trigger word, if it has one
            if first < len(triggers) and triggers[first] < cut_end:
                for span in _split_paragraph(para, index, start, end, at, piece):
                    yield span, True
            else:
                lead = len(piece) - len(piece.lstrip())
                yield Span(start + at + lead, start + at + len(piece.rstrip()), start, end, index), False
        at = next_start


def _whole(para: str, index: int, start: int, end: int) -> Span:
    """A paragraph as one span, without its leading and trailing blanks."""
    lead = len(para) - len(para.lstrip())
    return Span(start + lead, start + len(para.rstrip()), start, end, index)


def sentences(text: str, split=None) -> list[Span]:
    """Sentence spans of ``text``: paragraphs are lines, sentences by pysbd within each line.

    ``split(paragraph) -> bool`` may say which paragraphs are worth splitting;
    the others come back whole, as one span (pysbd is the slow part, and a
    paragraph without a trigger word yields no event anyway).
    """
    spans = []
    for index, start, end, para in _paragraphs(text):
        if split is not None and not split(para):
            spans.append(_whole(para, index, start, end))
        else:
            spans.extend(_split_paragraph(para, index, start, end))
    return spans


# --- figures --------------------------------------------------------------------------------------------------------
def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for s, e in spans:
        for i in range(max(s, 0), min(e, len(chars))):
            chars[i] = " "
    return "".join(chars)


def _words(s: str) -> list[str]:
    return re.findall(r"[\w’'%£$-]+", s)


_KILLED_AND_INJURED_RX = re.compile(r"\s*(?:people\s+|persons\s+)?(?:were\s+|have\s+been\s+)?(?:killed|dead)\s+(?:and|or)\s+"
                                    r"(?:injured|wounded|hurt)\b|\s*(?:people\s+)?casualties\b", re.I)


#: "of the injured", "of those killed", "of the residents": a count of some of a group (see :func:`role_of`).
#: The people noun is tried first, so "34 of the exiles dead" is "of the exiles" (then "dead" tells the role).
_PARTITIVE_RX = re.compile(r"\s*of\s+(?:the|those|them|these)\s*(?:(?:[\w-]+\s+)?(?:" + _PEOPLE_NOUNS + r")\b|"
                           r"(?:[\w-]+\s+)?(?:injured|wounded|dead|killed|victims|survivors|casualties)\b)?", re.I)


#: "one of the most recent incidents", "two of the rockets": a part of a set of things, not of people.
_OF_THINGS_RX = re.compile(r"\s*of\s+(?:the|those|these)\s+(?:[\w-]+\s+){0,3}?(?:" + _NOT_PEOPLE + r")\b"
                           r"(?!['’])(?!\s+(?:" + _PEOPLE_NOUNS + r")\b)", re.I)  # not "of the camp's residents"
#: "15 of the invaders dead", "three of the guards wounded": a group (a plural noun, not "the dead" or "the
#: seriously injured") and what it suffered, said right after it.
_PARTITIVE_TOLD_RX = re.compile(r"\s*of\s+(?:the|those|these)\s+(?![\w-]+ly\b)(?!(?:injured|wounded|dead|killed)\b)"
                                r"[a-z-]+s\s+(?P<role>dead|killed|injured|wounded)\b(?!\s+(?:were|are|was|included))",
                                re.I)


_SUBSET_BEFORE_RX = re.compile(r"\b(?:including|includ(?:es|ed)|among\s+(?:them|whom|those)|of\s+(?:whom|them|those))"
                               r"\s+(?:(?:at\s+least|about|some|nearly|more\s+than)\s+)?$", re.I)


#: Armed forces counted: a deployment ("sent 500 troops"), never people moved.
_FORCES_RX = re.compile(r"(?:[\w-]+\s+)?(?:troops|soldiers|police(?:men)?|officers|forces|personnel|marines|"
                        r"peacekeepers|paratroopers|commandos)\b", re.I)
#: A clause about some of the people counted, inserted after the count ("42 residents, including those who …").
_INSERTED_RX = re.compile(r",\s*(?:including|among\s+them|among\s+whom|some\s+of\s+whom|most\s+of\s+whom|"
                          r"many\s+of\s+whom|who|which)\b", re.I)
#: "a group of 27", "a convoy of about 400", "the first batch of 14": a count of people on the move.
_GROUP_OF_BEFORE_RX = re.compile(r"\b(?:group|convoy|batch|contingent|wave|party|busload|planeload|boatload|arrivals?|"
                                 r"departures?|evacuation|transfer|relocation|resettlement|airlift)\s+of\s+"
                                 r"(?:(?:another|a\s+further|a\s+new|the\s+last|the\s+remaining|the\s+first)\s+)?"
                                 r"(?:(?:about|around|some|nearly|almost|roughly|approximately|more\s+than|up\s+to|"
                                 r"at\s+least|over)\s+)?$", re.I)


#: A count followed at once by a verb of moving ("a further 200 arrived", "another 80 were flown"): people moved.
_MOVED_AFTER_COUNT_RX = re.compile(r"\s+(?:(?:more|others|were|have\s+been|had\s+been|have|had|also|then|safely|later)"
                                   r"\s+){0,3}"
                                   r"(?:moved|relocated|transferred|resettled|flown|airlifted|evacuated|arrived|"
                                   r"departed|ferried|transported|bused|bussed|shipped|disembarked|deported|expelled|"
                                   r"left\s+for|left\s+to(?=\s+[A-Z]))\b", re.I)


#: "hundreds of fighters", "dozens of Camp X residents": a vague count's people.
_VAGUE_OF_PEOPLE_RX = re.compile(r"\s+of\s+(?:(?:the|their|its)\s+)?(?:[\w-]+\s+){0,2}?(?:" + _PEOPLE_NOUNS + r")\b",
                                 re.I)


#: Words that end the noun phrase after a count ("5 in separate attacks": "separate" counts nothing here).
_COUNT_STOP = frozenset("in at on of and or were was are is have had has by from to after during with who when as "
                        "while since before near".split())


#: "claimed eight lives", "took 20 innocent lives": the dead counted as lives.
_TOOK_BEFORE_RX = re.compile(r"\b(?:claim(?:ed|ing|s)?|t(?:ook|aking|akes)|cost(?:ing|s)?)\s+$", re.I)
_LIVES_AFTER_RX = re.compile(r"\s+(?:[\w-]+\s+)?lives\b", re.I)


#: "the raid left 20 residents, including four women, dead": a count left in a state (the inserted part skipped).
_LEFT_BEFORE_RX = re.compile(r"\b(?:left|leaving|leaves)\s+$", re.I)
_LEFT_INSERT_RX = re.compile(r",\s+(?:including|among\s+them|most\s+of\s+them|many\s+of\s+them)\b[^,.;]{0,80},", re.I)
#: "52 of its roughly 100 members were killed": a part of a whole the sentence counts too.
_OF_WHOLE_AFTER_RX = re.compile(r"\s+of\s+(?:its|their|his|her|the\s+group['’]s)\s+(?:(?:roughly|about|some|around|"
                                r"nearly|almost|approximately|an\s+estimated|estimated)\s+)?\d[\d,]*\b", re.I)
_OF_WHOLE_BEFORE_RX = re.compile(r"^\s+of\s+(?:its|their|his|her|the\s+group['’]s)\s+$", re.I)


#: "the massacre of 52 unarmed residents", "the deaths of at least 12 villagers": the count is of the dead.
_KILLING_OF_BEFORE_RX = re.compile(r"\b(?:massacre|killings?|murders?|slaughter|executions?|deaths?)\s+of\s+"
                                   r"(?:(?:at\s+least|some|about|around|nearly|almost|more\s+than|over|up\s+to)\s+)?$",
                                   re.I)


_IN_TOTAL_AFTER_RX = re.compile(r"\s+(?:in\s+total|in\s+all|altogether|all\s+told)\s*[,;)]", re.I)
_INJURY_OF_BEFORE_RX = re.compile(r"\b(?:injur(?:y|ies)|wounding)\s+of\s+(?:(?:at\s+least|some|about|around|nearly|"
                                  r"almost|more\s+than|over|up\s+to)\s+)?$", re.I)


def role_of(sentence: str, q: Quantity, nxt: int, prev: int) -> str | None:
    """What a count in ``sentence`` counts: "killed", "injured", "people" or None.

    A verb right before the number decides first ("killing four", "wounding
    dozens"); then the first telling word after it, up to the next number
    ("11 people died", "34 dead", "500 were injured", "were massacred"). A
    number followed by a thing ("four separate attacks", "30 years") counts
    no people. In "52 of its 100 members were killed" the part (52) is what
    the words after the whole say; the whole (100) counts no one's fate.
    """
    if prev and _OF_WHOLE_BEFORE_RX.match(sentence[prev:q.start]) and sentence[:prev].rstrip()[-1:].isdigit():
        return None  # the whole of "52 of its roughly 100 members"
    whole = _OF_WHOLE_AFTER_RX.match(sentence, q.end)
    if whole is not None:
        if _KILL_BEFORE_RX.search(sentence[prev:q.start]):
            return "killed"  # "militants killed 12 of their 40 hostages"
        if _INJURE_BEFORE_RX.search(sentence[prev:q.start]):
            return "injured"
        window = " ".join(_words(sentence[whole.end():])[:12])
        k, i = _KILL_RX.search(window), _INJURE_RX.search(window)
        if k and (not i or k.start() < i.start()):
            return "killed"
        return "injured" if i else None
    after = sentence[q.end:nxt]
    first = " ".join(_words(after)[:2])
    lead = _words(after[:60])[:4]
    # "20 camp residents", "five hospital patients": a thing's noun qualifying the people counted
    qualifies = len(lead) > 1 and not lead[0].lower().endswith("s") and _PEOPLE_RX.fullmatch(lead[1]) is not None
    if not qualifies and (_NOT_PEOPLE_RX.match(first) or (first and _NOT_PEOPLE_RX.fullmatch(first.split()[0]))):
        return None
    for n, w in enumerate(lead[:3]):
        # "18 Katyusha rockets landed …, killing five": a thing counted after a modifier or two is no toll
        if w.lower() in _COUNT_STOP or _PEOPLE_RX.fullmatch(w) or _KILL_RX.fullmatch(w) or _INJURE_RX.fullmatch(w):
            break
        if _NOT_PEOPLE_RX.fullmatch(w) and not (n == 0 and qualifies) \
                and not (n > 0 and w[:1].isupper() and n + 1 < len(lead) and lead[n + 1][:1].isupper()):
            return None  # (a capitalised word of a name is none: "30 Camp Hope residents")
    before = sentence[prev:q.start]
    if _IN_TOTAL_AFTER_RX.match(after) and before.rstrip().endswith(","):
        return "people"  # "attacked the residents, 3,500 in total, killing 34": how many the group was
    if _SUBSET_BEFORE_RX.search(before):
        return None  # "killing 13, including three soldiers, and wounding 25": a part of a count told before
    if "lives" in after[:30] and _LIVES_AFTER_RX.match(after) and _TOOK_BEFORE_RX.search(before):
        return "killed"  # "the attack that claimed eight lives", "took 20 lives"
    part = _PARTITIVE_RX.match(after)
    if part and _OF_THINGS_RX.match(after):
        return None  # "One of the deadliest incidents happened in 2011": one of a set of things, no one counted
    told = _PARTITIVE_TOLD_RX.match(after) if part else None
    if told is not None:
        # "leaving 15 of the invaders dead": the word after the group tells what happened to them
        return "killed" if told.group("role").lower() in ("dead", "killed") else "injured"
    if part:
        # "nine of the injured were airlifted", "12 of the dead were children": some of a group told of before,
        # counted by what the rest of the sentence says they did or suffered ("three of the wounded died")
        window = " ".join(_words(after[part.end():])[:12])
        k, i = _KILL_RX.search(window), _INJURE_RX.search(window)
        if k and (not i or k.start() < i.start()):
            return "killed"
        return "injured" if i else "people"
    if _KILLED_AND_INJURED_RX.match(after):
        return None  # "29 killed and injured": the dead and the wounded together, neither count alone
    if _KILL_BEFORE_RX.search(before) or _TOLL_RX.search(sentence[:q.start]) or _KILLING_OF_BEFORE_RX.search(before):
        return "killed"
    if _INJURY_OF_BEFORE_RX.search(before):
        return "injured"  # "resulting in … the injury of more than 350"
    if _LEFT_BEFORE_RX.search(before):
        # "left at least 20 residents, including four women, killed and dozens wounded": what they were left
        tail = " ".join(_words(_LEFT_INSERT_RX.sub(" ", sentence[q.end:q.end + 160], count=1))[:4])
        k, i = _KILL_RX.search(tail), _INJURE_RX.search(tail)
        if k and (not i or k.start() < i.start()):
            return "killed"
        if i:
            return "injured"
    if _INJURE_BEFORE_RX.search(before):
        return "injured"
    # "struck two mosques, killing 30": a verb right before the next count is that count's, not this one's
    governs_next = (_KILL_BEFORE_RX.search(after) or _INJURE_BEFORE_RX.search(after)) if nxt < len(sentence) else None
    if governs_next is not None:
        after = after[:governs_next.start()]
    # "42 residents, including those wounded in the raid, were moved": the inserted clause counts no one
    inserted = _INSERTED_RX.search(after) if "," in after else None
    if inserted is not None:
        close = after.find(",", inserted.end())
        if close < 0 and nxt < len(sentence):
            # "Eight people, including five children, have been killed": the clause holds the next count; what
            # befell the eight is told after the clause closes
            close = sentence.find(",", nxt, nxt + 80)
            after = after[:inserted.start()] + (sentence[close:close + 80] if close >= 0 else "")
        else:
            clause = after[inserted.end():close if close >= 0 else len(after)]
            if inserted.group(0).lower().endswith(("who", "which")) and _words(clause)[:1] in (["were"], ["had"]):
                # "Ten residents, who were beaten and injured, were taken to hospital": the clause tells their fate
                k, i = _KILL_RX.search(clause), _INJURE_RX.search(clause)
                if k or i:
                    return "killed" if k and (not i or k.start() < i.start()) else "injured"
            after = after[:inserted.start()] + (after[close:] if close >= 0 else "")
    window = " ".join(_words(after)[:12])
    k, i = _KILL_RX.search(window), _INJURE_RX.search(window)
    if k and (not i or k.start() < i.start()):
        return "killed"
    if i:
        return "killed" if _BODIES_OF_BEFORE_RX.search(before) else "injured"
    if _FORCES_RX.match(first):
        return None  # "sent 500 troops to X": a deployment, not people moved
    if _PEOPLE_RX.match(" ".join(_words(after)[:3])) or _PEOPLE_RX.match(first):
        return "people"
    if q.value is None and _VAGUE_OF_PEOPLE_RX.match(after):
        return "people"  # "hundreds of fighters and their families left X": a vague count of people
    for w in _words(re.split(r"[,;:.()]", after, maxsplit=1)[0])[:3]:
        # "42 Iranian exiles", "another 300 camp residents": a people noun after a word or two that qualify it
        if w.lower() in _COUNT_STOP:
            break
        if _PEOPLE_RX.fullmatch(w):
            return "people"
    if _RELOCATION_BEFORE_RX.search(before) or _GROUP_OF_BEFORE_RX.search(before):
        return "people"
    if _MOVED_AFTER_COUNT_RX.match(after):
        return "people"  # "a further 200 arrived in X", "another 80 were flown out": the count is who moved
    head = _words(re.split(r"[,;:.()]", after[:60], maxsplit=1)[0]) if after.lstrip()[:1].isupper() else []
    if head and head[0][:1].isupper() and (len(head) == 1 or not head[1][:1].isupper()) \
            and _RELOC_RX.search(" ".join(head[1:5])):
        return "people"  # "1,600 Rohingya were shipped to X": a people named by its own name, on the move
    if head and head[0][:1].isupper() and not _FORCES_RX.match(after.lstrip()):
        # "30 Mujahedin e Khalq, or MEK, from Camp X arrived in Y": a group's name, an apposition and where they
        # came from before the verb; the verb of a past move within the clause, no other count or stop between
        tail = re.split(r"[;:.()]", after[:100], maxsplit=1)[0]
        tail = re.sub(r",\s+(?:or|also\s+known\s+as|known\s+as)\s+[^,]{1,30},", " ", tail, count=1)
        tail = tail.split(",", 1)[0]  # no comma but an apposition's: "On 12 May, some residents …" is no name
        verb = _PAST_MOVE_RX.search(tail)
        if verb is not None and not re.search(r"\bto\s*$", tail[:verb.start()]) \
                and not _KILL_RX.search(tail[:verb.start()]):
            return "people"
    return None


#: Who may be counted among the victims of "killing six students and two teachers" (both counts, summed).
_VICTIM_NOUNS = (_PEOPLE_NOUNS + r"|soldiers|troops|police(?:men|women)?|police\s+officers|officers|guards|"
                 r"employees|staff(?:\s+members)?|workers|teachers|pupils|schoolchildren|gunmen|attackers|assailants|"
                 r"militants|worshippers|policemen|girls|boys|adults|babies|infants|journalists|doctors|nurses|"
                 r"(?-i:[A-Z][a-z]+(?:ans|is))")  # nationals: "nine Iranians and seven Iraqis"
#: (", and" joins clauses more often than counts: "six students, and several more people were hospitalised")
_JOINED_BETWEEN_RX = re.compile(rf"\s+(?:[A-Za-z'’-]+\s+){{0,2}}?(?:{_VICTIM_NOUNS})\s+and\s+(?:the\s+|another\s+)?",
                                re.I)
_JOINED_AFTER_RX = re.compile(rf"\s+(?!more\b)(?:[A-Za-z'’-]+\s+){{0,2}}?(?:{_VICTIM_NOUNS})\b", re.I)


def _joined_counts(masked: str, qs: list[Quantity], roles: list[str | None]) -> dict[int, tuple[Quantity, str]]:
    """Two counts of people joined by "and" that share one fate, summed: {index of the first: (sum, role)}.

    "killing at least six students and two employees" is eight killed, "Eight people and the two gunmen are among
    the dead" ten: the verb (before the first, or after the second) says what befell both. Only when one count's role
    is killed or injured and the other's is that one, none, or "people" (a count whose fate it does not say itself).
    """
    out: dict[int, tuple[Quantity, str]] = {}
    for n in range(len(qs) - 1):
        a, b = qs[n], qs[n + 1]
        fates = {r for r in (roles[n], roles[n + 1]) if r not in (None, "people")}
        if len(fates) != 1 or not fates <= {"killed", "injured"} or n - 1 in out:
            continue
        if a.antecedent or b.antecedent or a.low is None or b.low is None:
            continue
        if _JOINED_BETWEEN_RX.fullmatch(masked, a.end, b.start) is None or _JOINED_AFTER_RX.match(masked, b.end) is None:
            continue
        value = a.value + b.value if a.value is not None and b.value is not None else None
        high = a.high + b.high if a.high is not None and b.high is not None else None
        out[n] = (Quantity(a.start, b.end, masked[a.start:b.end], value, a.low + b.low, high,
                           a.approximate or b.approximate), fates.pop())
    return out


def figures(sentence: str, offset: int, dates: list[DateMention], context, *,
            masked: str | None = None, qs: list[Quantity] | None = None) -> dict[str, Quantity]:
    """Killed, injured and people counts in one sentence (dates masked out first).

    ``context`` are counts said earlier in the paragraph, for "half of these …"
    (a list, or a :class:`_Counts`). ``masked`` and ``qs``, when the caller has
    them, are the sentence with its dates masked and its quantities (unshifted).
    """
    if masked is None:
        masked = _mask(sentence, [(d.start - offset, d.end - offset) for d in dates])
    if qs is None:
        qs = find_quantities(masked)
    out: dict[str, Quantity] = {}
    roles = [role_of(masked, q, qs[n + 1].start if n + 1 < len(qs) else len(sentence), qs[n - 1].end if n else 0)
             for n, q in enumerate(qs)]
    joined = _joined_counts(masked, qs, roles)
    for n, q in enumerate(qs):
        role = roles[n]
        if n in joined:
            q, role = joined[n]
        elif n - 1 in joined:
            continue  # the second count of "six students and two teachers", summed with the first
        if q.antecedent:
            earlier = [c for c in [*context, *qs[:n]] if c.value is not None]
            q = resolve_fraction(q, earlier[-1] if earlier else None)
        if role and role not in out:
            out[role] = Quantity(q.start + offset, q.end + offset, q.text, q.value, q.low, q.high, q.approximate,
                                 q.fraction, q.antecedent)
    return out


# --- places ---------------------------------------------------------------------------------------------------------
#: A site or village no gazetteer has, placed by its text (``geoparse.TEXT_SOURCE``), is only as specific as where the
#: text puts it: its radius (km) up to which it ranks as a site, as a town; beyond, as a province.
TEXT_PLACE_RANK_KM = ((10.0, 3), (50.0, 2))


def rank(place: Place) -> int:
    """How specific a kind of place is: site > city > region > country. A place the text alone puts somewhere ("Camp X
    in Ruritania") is no finer than its radius (:data:`TEXT_PLACE_RANK_KM`)."""
    r = KIND_RANK.get(place.kind, 1)
    if place.source == TEXT_SOURCE:
        r = min(r, next((k for km, k in TEXT_PLACE_RANK_KM if place.precision_km <= km), 1))
    return r


def _resolved(mentions: list[Mention], gaz: Gazetteer) -> list[tuple[Mention, Place]]:
    return [(m, gaz.places[m.place_id]) for m in mentions if m.place_id and m.place_id in gaz.places
            and not _acronym_artefact(m, gaz.places[m.place_id])]


def _acronym_artefact(m: Mention, p: Place) -> bool:
    """An all-capitals short name ("UN", "EU") resolved to a town of that name: an organisation, not a place.

    Countries and curated sites keep their acronyms ("US", "UK" as countries are fine).
    """
    return len(m.text) <= 4 and m.text.isupper() and p.kind not in ("country", "site", "region") \
        and p.name.upper() != p.name


#: "… their relocation back to Camp X", "asked to be sent to X": where people would go, not where they are.
_BACK_TO_BEFORE_RX = re.compile(r"\bback\s+(?:to|into)\s+(?:the\s+)?(?:[\w-]+\s+)?$", re.I)
_TO_BEFORE_RX = re.compile(r"\b(?:to|into)\s+(?:the\s+)?(?:[\w-]+\s+)?$", re.I)


def going_back(text: str, m: Mention) -> bool:
    """True when mention ``m`` is where people would go, not where they are: "back to X", or "to X" after a wish
    or a demand in its sentence ("called for their transfer to X"). The destination of a move made ("were moved
    to X last year") is where they are now."""
    if not text:
        return False
    before = text[max(0, m.start - 80):m.start]
    if _BACK_TO_BEFORE_RX.search(before):
        return True
    if not _TO_BEFORE_RX.search(before):
        return False
    before = re.split(r"[.!?]\s", before)[-1]
    return _HYPO_RX.search(before) is not None or _PLAN_TO_MOVE_RX.search(before) is not None


#: "… where today's attack took place", "where the massacre happened": the place named right before is the scene.
_WHERE_IT_HAPPENED_RX = re.compile(r"\bwhere\s+(?:[A-Za-z’'-]+\s+){0,3}?(?:attacks?|bombings?|raids?|shootings?|massacres?|"
                                   r"assaults?|blasts?|explosions?|killings?|shelling|incident)\s+(?:took\s+place|"
                                   r"happened|occurred)\b", re.I)
_WHERE_GAP_RX = re.compile(r",?\s*")
#: A place the people were moved to that the text then says is the attack's scene ("moved them to Camp X where
#: today's attack took place"): a scene all the same.
_WHERE_IT_HAPPENED_AFTER_RX = re.compile(r",?\s*" + _WHERE_IT_HAPPENED_RX.pattern, re.I)


class MentionIndex:
    """A document's resolved mentions, sorted by start, with lookups by offset.

    The extractor asks, for every candidate sentence, which places lie in the
    sentence or its paragraph, which site or city was named last before it and
    which place the text has named most so far. Scanning the whole list each
    time makes a long document quadratic; here ranges are found by bisection
    (mentions are short, so ``maxlen`` bounds how far an end can lie from its
    start), and the running tally advances with the text. Every answer is the
    one the plain scan gives, in the same order. ``linear=True`` keeps the
    plain scans (the benchmark's "before").
    """

    def __init__(self, pairs: list[tuple[Mention, Place]], linear: bool = False, text: str = ""):
        self.text = text
        self.pairs = sorted(pairs, key=lambda mp: mp[0].start)  # stable: equal starts keep their order
        self.linear = linear
        self.starts = [m.start for m, _ in self.pairs]
        self.maxlen = max((m.end - m.start for m, _ in self.pairs), default=0)
        # Sites and cities (rank ≥ 2) as positions in ``pairs``, all together and by country.
        self.fine = [n for n, (_, p) in enumerate(self.pairs) if rank(p) >= 2]
        self.fine_by_country: dict[str | None, list[int]] = {}
        for n in self.fine:
            self.fine_by_country.setdefault(self.pairs[n][1].country_code, []).append(n)
        self.sites = [n for n in self.fine if rank(self.pairs[n][1]) >= 3]
        # Sites placed no finer than a region or a country by their text ("Camp X", somewhere in Y): what "the
        # camp" refers back to when no finer site is named before it.
        self.coarse_sites = [n for n, (_, p) in enumerate(self.pairs) if p.kind == "site" and rank(p) < 3]
        # Running tally of fine places named so far (see ``most_named_before``).
        self._by_end = sorted(self.fine, key=lambda n: (self.pairs[n][0].end, n))
        self._going: dict[int, bool] = {}  # going_back of a pair, asked once (see most_named_before)
        self._references: dict[int, bool] = {}
        self._declared: list[tuple[Mention, Place]] | None = None  # see declared_scenes
        self._reset_tally()
        #: Every resolved mention of the document, also those left out of ``pairs`` (see :func:`_resident_site`).
        self.everything: list[tuple[Mention, Place]] | None = None
        #: Mentions recognised as places but not resolved (a town no offline data has), by start, and their starts.
        self.unplaced: list[Mention] = []
        self.unplaced_starts: list[int] = []

    def __iter__(self):
        return iter(self.pairs)

    def __len__(self):
        return len(self.pairs)

    def starting_in(self, lo: int, hi: int) -> list[tuple[Mention, Place]]:
        """Mentions with ``lo <= start < hi``, in order."""
        if self.linear:
            return [(m, p) for m, p in self.pairs if lo <= m.start < hi]
        return self.pairs[bisect_left(self.starts, lo):bisect_left(self.starts, hi)]

    def within(self, lo: int, hi: int) -> list[tuple[Mention, Place]]:
        """Mentions wholly inside ``[lo, hi)``, in order."""
        return [(m, p) for m, p in self.starting_in(lo, hi) if m.end <= hi]

    def last_site_before(self, pos: int, exclude: frozenset[str] = frozenset(), coarse: bool = False) -> Place | None:
        """The site (rank 3) whose mention ends last at or before ``pos`` (a bounded walk back by bisection);
        ``coarse``: among the sites the text places no finer than a region or country instead."""
        order = self.coarse_sites if coarse else self.sites
        j = self._last_at_or_before(order, pos)
        while j >= 0:
            m, p = self.pairs[order[j]]
            if m.end <= pos and p.place_id not in exclude:
                return p
            j -= 1
            if j >= 0 and self.pairs[order[j]][0].start + self.maxlen < pos - 100_000:
                break
        return None

    def reference(self, m: Mention) -> bool:
        """True when the mention is a reference point ("a camp north of Baghdad"), not a scene to refine with.

        Memoised by the mention's start: every sentence of a paragraph asks about the paragraph's mentions.
        """
        known = self._references.get(m.start)
        if known is None:
            known = self._references[m.start] = bool(self.text) and \
                _REFERENCE_BEFORE_RX.search(self.text_before(m, 80)) is not None
        return known

    def declared_scenes(self) -> list[tuple[Mention, Place]]:
        """The sites and towns the text names as where an attack took place ("moved them to Camp X where today's
        attack took place", "the village of Y, where the massacre happened"), in text order; computed once."""
        if self._declared is None:
            self._declared = []
            if self.text and ("took place" in self.text or "happened" in self.text or "occurred" in self.text):
                for w in _WHERE_IT_HAPPENED_RX.finditer(self.text):
                    n = bisect_right(self.starts, w.start()) - 1
                    while n >= 0 and self.pairs[n][0].end > w.start():
                        n -= 1
                    if n >= 0 and rank(self.pairs[n][1]) >= 2 and \
                            _WHERE_GAP_RX.fullmatch(self.text, self.pairs[n][0].end, w.start()):
                        self._declared.append(self.pairs[n])
        return self._declared

    def text_before(self, m: Mention, reach: int = 40) -> str:
        """The document's words just before a mention ("" when the index was built without the text)."""
        return self.text[max(0, m.start - reach):m.start]

    def _fine(self, country: str | None, same_country: bool) -> list[int]:
        return self.fine_by_country.get(country, []) if same_country else self.fine

    def last_fine_before(self, pos: int, exclude: frozenset[str] = frozenset(), country: str | None = None,
                         same_country: bool = False, skip_reference: bool = False) -> Place | None:
        """The site or city whose mention ends last at or before ``pos`` (more specific on ties; first in order).

        With ``same_country`` only places of ``country``.
        """
        # a town named only as a people's or a state's ("opposes X's clerical regime") is nobody's scene
        ok = lambda mp: mp[0].end <= pos and mp[1].place_id not in exclude and not (  # noqa: E731
            skip_reference and self.reference(mp[0])) and _may_be_scene(self, *mp)
        if self.linear:
            found = [mp for mp in self.pairs if rank(mp[1]) >= 2
                     and (not same_country or mp[1].country_code == country) and ok(mp)]
        else:
            order = self._fine(country, same_country)
            found, best_end = [], None
            # Walk back from the last mention starting at or before pos; an earlier start cannot end after
            # start + maxlen, so the walk stops once that is below the best end found.
            j = self._last_at_or_before(order, pos)
            while j >= 0:
                mp = self.pairs[order[j]]
                if best_end is not None and mp[0].start + self.maxlen < best_end:
                    break
                if ok(mp):
                    found.append(mp)
                    best_end = mp[0].end if best_end is None else max(best_end, mp[0].end)
                j -= 1
            found.reverse()
        if not found:
            return None
        return max(found, key=lambda mp: (mp[0].end, rank(mp[1])))[1]

    def _last_at_or_before(self, order: list[int], pos: int) -> int:
        """Position in ``order`` of the last mention starting at or before ``pos`` (-1 if none)."""
        lo, hi = 0, len(order)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.pairs[order[mid]][0].start <= pos:
                lo = mid + 1
            else:
                hi = mid
        return lo - 1

    def first_fine_after(self, pos: int, reach: int, exclude: frozenset[str] = frozenset(),
                         country: str | None = None, same_country: bool = False,
                         skip_reference: bool = False, any_use: bool = False) -> Place | None:
        """The first site or city starting in ``[pos, pos + reach)`` (more specific on ties) that may be a scene
        (:func:`_may_be_scene`); ``any_use``: the first named, however ("X's rulers" too)."""
        ok = lambda mp: mp[1].place_id not in exclude and not (  # noqa: E731
            skip_reference and self.reference(mp[0])) and (any_use or _may_be_scene(self, *mp))
        if self.linear:
            found = [mp for mp in self.pairs if mp[0].start >= pos and mp[0].start - pos < reach
                     and rank(mp[1]) >= 2 and (not same_country or mp[1].country_code == country) and ok(mp)]
        else:
            order = self._fine(country, same_country)
            j = self._last_at_or_before(order, pos - 1) + 1
            found = []
            while j < len(order) and self.pairs[order[j]][0].start - pos < reach:
                mp = self.pairs[order[j]]
                if ok(mp):
                    found.append(mp)
                j += 1
        if not found:
            return None
        return min(found, key=lambda mp: (mp[0].start, -rank(mp[1])))[1]

    def _reset_tally(self) -> None:
        self._pos, self._next = -1, 0
        self._tally: dict[str, list] = {}
        self._top: list[list] = []  # the two entries with the highest (rank, count, last) keys

    def _goes_back(self, n: int) -> bool:
        if n not in self._going:
            self._going[n] = going_back(self.text, self.pairs[n][0])
        return self._going[n]

    def most_named_before(self, pos: int, other_than: str | None) -> Place | None:
        """The site (else city) named most often in mentions ending at or before ``pos``, the latest on ties.

        ``other_than`` is a place id left out. Queries come in text order, so the
        tally advances; keys only grow, so keeping the top two is exact.
        """
        if self.linear:
            tally: dict[str, list] = {}
            for n, (m, p) in enumerate(self.pairs):
                if m.end <= pos and rank(p) >= 2 and p.place_id != other_than and not self._goes_back(n):
                    t = tally.setdefault(p.place_id, [rank(p), 0, 0, p])
                    t[1], t[2] = t[1] + 1, n
            return max(tally.values(), key=lambda t: (t[0], t[1], t[2]))[3] if tally else None
        if pos < self._pos:
            self._reset_tally()
        self._pos = pos
        while self._next < len(self._by_end) and self.pairs[self._by_end[self._next]][0].end <= pos:
            n = self._by_end[self._next]
            if self._goes_back(n):
                self._next += 1
                continue  # where people would go back to is not where they are (going_back)
            p = self.pairs[n][1]
            t = self._tally.setdefault(p.place_id, [rank(p), 0, -1, p])
            t[1], t[2] = t[1] + 1, max(t[2], n)
            if not any(x is t for x in self._top):
                self._top.append(t)
            self._top = sorted(self._top, key=lambda t: (t[0], t[1], t[2]), reverse=True)[:2]
            self._next += 1
        for t in self._top:
            if t[3].place_id != other_than:
                return t[3]
        return None


def _index(doc_mentions) -> MentionIndex:
    return doc_mentions if isinstance(doc_mentions, MentionIndex) else MentionIndex(list(doc_mentions))


#: "The camp", "the compound": a site named before, not a city.
_SITE_ANAPHOR_RX = re.compile(r"\b(?:the|this|that|its)\s+(?:camp|compound|base|settlement|facility)\b"
                              # "24 camp residents were killed": the people of the camp told of before
                              r"|\b(?:camp|compound)\s+(?:residents|inhabitants|dwellers)\b", re.I)

#: A phrase that says what the reference point is before its name: "the Iraqi capital", "the country's economic
#: capital,", "the provincial capital of", "the border town of".
_DESCRIBED = r"(?:[\w'’-]+\s+){0,3}(?:capital|city|town|port|village|hub)(?:\s+of)?,?\s+"
#: Words that make a place a reference point for the scene rather than the scene ("north of Baghdad").
_REFERENCE_BEFORE_RX = re.compile(r"\b(?:(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west|"
                                  r"outside|miles|kilometres|kilometers|km)\s+(?:of|from)|near|outside|close\s+to|"
                                  r"on\s+the\s+outskirts\s+of)\s+(?:the\s+)?(?:\w+\s+|" + _DESCRIBED + r")?$", re.I)

#: A definite reference to a place named before ("the camp", "there"): the event is at that earlier site.
_ANAPHOR_RX = re.compile(r"\b(?:the|this|that)\s+(?:camp|compound|base|site|facility|settlement|village|town|city|"
                         r"district|neighbou?rhood|area)\b|\bthere\b", re.I)


#: A distance stated before a reference point: "400 miles northeast of", "some 60 km (37 miles) from the".
_DISTANCE_BEFORE_RX = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*-?\s*(miles?|mi|km|kms|kilomet(?:re|er)s?)\b"
                                 r"(?:\s*\([^)]{0,30}\))?\s+(?:[\w-]+\s+){0,2}(?:of|from)\s+(?:the\s+)?"
                                 r"(?:[\w'’-]+,?\s+){0,4}$", re.I)
#: How a candidate's place note begins when its scene is told to lie far from every place the text names.
ELSEWHERE = "elsewhere"


def stated_distance_km(before: str) -> float | None:
    """The distance (km) the words just before a reference point put the scene from it, None when none is given."""
    m = _DISTANCE_BEFORE_RX.search(before)
    if m is None:
        return None
    value = float(m.group(1).replace(",", ""))
    return value * 1.609344 if m.group(2).lower().startswith("mi") else value


#: "1,200 residents fled to the town of X", "the wounded were taken to X": where people went, not an attack's scene
#: (relocations still read it, from all places told).
_MOVED_TO_BEFORE_RX = re.compile(r"\b(?:(?:fled|flee|fleeing|escaped|taken|rushed|evacuated|airlifted|flown|transferred|"
                                 r"moved|sent|headed|heading|retreated|withdrew|relocated|deported|expelled|repatriated|"
                                 r"resettled|bused|bussed)\s+(?:[\w-]+\s+){0,3}?"
                                 # "Return Exiles to Camp X": people brought back (not "gunmen returned to the village")
                                 r"|return(?:s|ed|ing)?\s+(?:[\w-]+\s+){1,3}?)"
                                 r"(?:to|toward|towards|into|for)\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,2}?"
                                 r"(?:(?:city|town|village|province|district|region|camp|port)\s+of\s+)?$", re.I)

#: Where the wounded are treated or help is sent: "hospitals in X", "health authorities in X", "medical supplies in X".
_TREATED_AT_BEFORE_RX = re.compile(r"\b(?:hospitals?|clinics?|health\s+(?:authorities|centres?|centers?|officials|"
                                   r"facilities|workers)|medical\s+(?:supplies|support|aid|teams?|staff)|"
                                   r"treated|treatment|aid\s+workers)\s+(?:[\w-]+\s+){0,2}?(?:in|at|to)\s+"
                                   r"(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?$", re.I)


def _moved_to(text: str, m: Mention) -> bool:
    """Whether the mention is where people fled or were taken to (:data:`_MOVED_TO_BEFORE_RX`), or where the
    wounded are treated or help is sent (:data:`_TREATED_AT_BEFORE_RX`): no attack's scene."""
    before = text[max(0, m.start - 60):m.start]
    if (" in " in before or " at " in before or " to " in before) and _TREATED_AT_BEFORE_RX.search(before):
        return True
    return (" to " in before or " into " in before or " toward" in before or " for " in before) \
        and _MOVED_TO_BEFORE_RX.search(before) is not None


#: "northern Kenya", "a remote part of": the scene is somewhere in a part of the country, not where the reporter is.
_PART_OF_BEFORE_RX = re.compile(r"\b(?:(?:north|south)(?:-?(?:east|west))?(?:ern)?|eastern|western|central|remote|rural"
                                r"|(?:part|region|area|corner)\s+of)\s+(?:the\s+)?$", re.I)


def _in_part(before: str, area: Place, p: Place) -> bool:
    """Whether ``p`` may lie in the part of ``area`` the words ``before`` its name give ("northern", "central").

    "NAIROBI — … in northern Kenya": Nairobi lies south of Kenya's centre, so it is not the scene; "MAIDUGURI —
    … in northeast Nigeria" may be. "A remote area of", "rural": no city of a dateline is.
    """
    m = _PART_OF_BEFORE_RX.search(before)
    if m is None:
        return True
    word = m.group(0).lower()
    if any(w in word for w in ("remote", "rural", " of")):
        return False
    dlat, dlon = p.lat - area.lat, p.lon - area.lon
    near = max(area.precision_km, 50.0) / 4 / 111.0  # a quarter of the area's radius, in degrees
    if "central" in word:
        return abs(dlat) <= near and abs(dlon) <= near
    return not (("north" in word and dlat <= 0) or ("south" in word and dlat >= 0)
                or ("east" in word and dlon <= 0) or ("west" in word and dlon >= 0))


def _inside(area: Place | None, p: Place) -> bool:
    """True unless ``area`` is a region (a province, a county) that ``p`` lies well outside of.

    A region's point is its centre and its ``precision_km`` about its radius; half as much again is allowed
    for its shape. Countries are checked by country code by the callers.
    """
    if area is None or rank(area) != 1:
        return True
    return distance_km(area, p) <= max(1.5 * area.precision_km, 25.0)


#: "Y's X district": what stands between a city and a part of it named after it.
_PART_BETWEEN_RX = re.compile(r"['’]s\s+(?:[\w-]+\s+)?")
#: "X, a suburb of Y", "the X district of Y": the place is a part of the city named right after.
_PART_AFTER_RX = re.compile(r"(?:,\s*(?:a|the)\s+)?\s*(?:[\w-]+\s+)?(?:suburb|district|neighbou?rhood|quarter|"
                            r"borough|outskirts)\s+of\s+", re.I)


def _is_part(index, m: Mention) -> bool:
    """True when mention ``m`` names a part of a city the text names beside it ("Y's X", "X, a suburb of Y")."""
    text = index.text
    if not text:
        return False
    if _PART_AFTER_RX.match(text, m.end, m.end + 40):
        return True
    near = text[max(0, m.start - 20):m.start]
    return ("'" in near or "’" in near) and any(_PART_BETWEEN_RX.fullmatch(text, e.end, m.start)
                                                for e, _ in index.within(max(0, m.start - 60), m.start))


# --- scene scoring --------------------------------------------------------------------------------------------------
#: Words that tie a place to an attack when they share its sentence ("gunmen attacked X", "killed in X").
_ATTACK_WORD_RX = re.compile(rf"(?<![\w-])(?:{_KILL_VERBS}|{_INJURE_WORDS}|{'|'.join(w for _, w in ATTACK_TYPES)})"
                             r"(?![\w-])", re.I)
#: The least score a place needs to refine a country or region (:func:`best_scene`): a town named far away, tied to
#: nothing, does not.
SCENE_MIN = 1.5
#: How far (characters either side of the event's sentence) a place may be named and still be scored.
SCENE_REACH = 3000
#: The cues a place named in the document is scored on as an event's scene (:func:`scene_score`), with
#: their weights: one weighted sum, written down as a table in docs/events.md.
SCENE_WEIGHTS = {
    "kind": 1.0,         # × the kind's rank (rank): site 3, town or city 2, province or region 1, country 0–1
    "sentence": 2.0,     # named in the event's own sentence
    "attack": 1.5,       # its own sentence names an attack, a killing or the wounded ("gunmen attacked X")
    "paragraph": 1.0,    # named in the event's paragraph
    "camp": 1.5,         # a site, for a sentence that speaks of a camp, base or compound ("20 camp residents")
    "before": 0.5,       # named before the event's sentence (what the reader already knows) rather than after
    "reference": -1.0,   # a reference point ("near X", "north of X")
    "nearby": 1.0,       # named as the place nearest the scene ("the nearby town of X"): no reference point then
    "other year": -1.5,  # its sentence names years, none the event's ("X was shut in 2012"): another event's place
    "container": -1.5,   # named as the city a part of which is the scene ("a Damascus suburb", "a suburb of X")
    # kind, sentence and the two cues below make the sentence's own choice (choose_place) among the places of its
    # sentence and paragraph; below 0 a place is not taken there
    "dateline": -3.0,    # opens a paragraph before a dash ("X - At least 20 …"): where the report was filed
    "lone region": -5.0,  # a province of a country the text names nowhere else ("the Y region" of another state)
    "distance": -1.0,    # × the characters between the mention and the sentence, per 500 (capped at 6)
}
#: A sentence that speaks of a camp, a base or a compound: a site named in the text fits it (the "camp" cue).
_CAMP_WORD_RX = re.compile(r"\b(?:camps?|bases?|compounds?|settlements?)\b", re.I)
#: "the nearby town of X", "the neighbouring village of X": a reference point close to the scene.
_NEARBY_BEFORE_RX = re.compile(r"\b(?:nearby|neighbou?ring|adjacent|closest|nearest)\s+(?:[\w-]+\s+)?"
                               r"(?:(?:town|village|city|district|camp|base)\s+of\s+)?$", re.I)


#: "a long-besieged X suburb", "X's Y district": X holds the scene, a part of it.
_CONTAINER_AFTER_RX = re.compile(r"(?:['’]s\s+(?:[\w-]+\s+){0,2}?)?\s*(?:suburbs?|district|neighbou?rhood|quarter|"
                                 r"outskirts|borough|metropolitan\s+(?:region|area))\b", re.I)
#: "a suburb of the Libyan capital X", "on the outskirts of X".
_CONTAINER_BEFORE_RX = re.compile(r"\b(?:suburbs?|outskirts|district|neighbou?rhood|quarter|borough)\s+of\s+(?:the\s+)?"
                                  r"(?:[\w-]+\s+){0,3}$|\b(?-i:Greater)\s+$", re.I)


def _container(index, m: Mention) -> bool:
    """True when the mention names the city a part of which the text speaks of ("X suburb", "a suburb of X"); in
    "X's Y district" X, not Y."""
    text = index.text
    if not text:
        return False
    if _CONTAINER_BEFORE_RX.search(index.text_before(m, 60)):
        return True
    return _CONTAINER_AFTER_RX.match(text, m.end, m.end + 40) is not None \
        and not _PART_BETWEEN_RX.search(text, max(0, m.start - 3), m.start)


#: How a place note begins when the place is a part of a city the sentence also names (:func:`place_score`).
PART_OF = "part of "


def _sentence_around(text: str, start: int, end: int, reach: int = 300) -> str:
    """The sentence a mention stands in (at most ``reach`` characters either side), by its full stops."""
    lo = max(0, start - reach)
    cut = max(text.rfind(". ", lo, start), text.rfind("\n", lo, start))
    hi = min(len(text), end + reach)
    after = [i for i in (text.find(". ", end, hi), text.find("\n", end, hi)) if i >= 0]
    return text[cut + 1 if cut >= 0 else lo:min(after) if after else hi]


_YEAR_RX = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _years_told(index, m: Mention) -> frozenset[str]:
    """The years (four digits) the mention's own sentence names (memoised by start)."""
    years = index.__dict__.setdefault("_years", {})
    known = years.get(m.start)
    if known is None:
        known = years[m.start] = frozenset(_YEAR_RX.findall(_sentence_around(index.text, m.start, m.end))) \
            if index.text else frozenset()
    return known


#: "Bamako - At least …", "Kabul – …": a place opening a paragraph before a dash, the reporter's dateline.
_DATELINE_DASH_AFTER_RX = re.compile(r"[ \t]+[-–—][ \t]+(?=[A-Z0-9\"“‘'])")


def _dateline_like(index, m: Mention) -> bool:
    """True when the mention opens its line before a dash ("X - At least 20 …"): a dateline, not a scene."""
    text = index.text
    return bool(text) and (m.start == 0 or text[m.start - 1] == "\n") \
        and _DATELINE_DASH_AFTER_RX.match(text, m.end) is not None


def _lone_region(index, p: Place) -> bool:
    """True when ``p`` is a province or region of a country the text never names and no other place of which it
    names, while it names another country and a place in it: a namesake of another state ("the Y region" of a
    neighbour), not the story's province. The document's places by country are counted once."""
    if rank(p) != 1 or p.kind == "country" or not p.country_code:
        return False
    counts = index.__dict__.get("_by_country")
    if counts is None:
        places: dict[str, set] = {}
        for _, q in index.pairs:
            if q.country_code:
                places.setdefault(q.country_code, set()).add(q.place_id)
        named = {q.country_code for _, q in index.pairs if q.kind == "country"}
        counts = index.__dict__["_by_country"] = {cc: (len(ids), cc in named) for cc, ids in places.items()}
    n, named = counts.get(p.country_code, (0, False))
    return n <= 1 and not named and any(k >= 2 and told for cc, (k, told) in counts.items() if cc != p.country_code)


def _doubt(index, m: Mention, p: Place) -> tuple[float, list[str]]:
    """The penalties of :data:`SCENE_WEIGHTS` that also count in the sentence's own choice: a dateline-like
    opener, a lone region."""
    score, cues = 0.0, []
    if _dateline_like(index, m):
        score += SCENE_WEIGHTS["dateline"]
        cues.append("dateline")
    if _lone_region(index, p):
        score += SCENE_WEIGHTS["lone region"]
        cues.append("lone region")
    return score, cues


_SIDE = r"(?:far\s+)?(?:north|south|east|west|central|centre|center|upper|lower|mid)(?:ern|-?(?:east|west)(?:ern)?)?"
_AREA_NOUN = (r"provinces?|regions?|states?|districts?|county|counties|governorates?|prefectures?|departments?|"
              r"territor(?:y|ies)|municipalit(?:y|ies)|communes?|townships?|neighbou?rhoods?|"
              r"capital|cities|city|towns?|villages?|borders?|border\s+areas?|coast|outskirts|"
              r"parts?|areas?|mountains|desert|countryside|camps?|heartland|frontier|interior|soil")
#: "in X", "across northern X", "in the far north of X", "the province of X", "in X and Y", "at X", "Y's X" (a part
#: of Y), "in Some Town, X": X is where.
_LOCATIVE_BEFORE_RX = re.compile(
    rf"(?:\b(?:in|inside|into|across|throughout|within|at|near|outside|around|on|over)\s+(?:the\s+)?"
    rf"(?:{_SIDE}\s+(?:part\s+of\s+(?:the\s+)?)?)?"
    rf"|\b(?:in|inside|across|throughout|within)\s+(?:the\s+)?(?:{_SIDE}\s+)?"
    rf"(?-i:[A-Z])[\w'’.-]*\s+(?:(?-i:[A-Z])[\w'’.-]*\s+){{0,2}}(?:and|or)\s+(?:the\s+)?"
    # "in Town Name, X": the region or country of a town named in a locative phrase
    rf"|\b(?:in|at|near|outside|inside)\s+(?:the\s+)?(?:(?-i:[A-Z])[\w'’.-]*\s+){{0,3}}(?-i:[A-Z])[\w'’.-]*,\s+"
    rf"|\b(?:{_SIDE}|{_AREA_NOUN}|resorts?|ports?|suburbs?|hubs?|enclaves?|strongholds?|outposts?|settlements?|"
    rf"oasis|islands?)(?:\s+of\s+(?:the\s+)?|\s+|,\s+)|['’]s\s+"
    # "40 km from X", "close to X": a reference point, near where
    rf"|\b(?:km|kms|kilomet(?:re|er)s|miles|metres|meters|away)\s+(?:\([^)]{{0,20}}\)\s+)?(?:from|of)\s+(?:the\s+)?"
    rf"|\b(?:close|next)\s+to\s+(?:the\s+)?"
    # "the mayor of X", "residents of X", "took control of X": people or a force that is there
    rf"|\b(?:mayor|governor|residents|inhabitants|villagers|people|citizens|civilians|refugees|exiles|families|"
    rf"children|students|workers|worshippers|police\s+chief|control|capture|seizure|fall|recapture|"
    # "at the entrance of X", "the streets of X": a part of it
    rf"entrances?|gates?|edges?|heart|cent(?:re|er)|streets|ruins|remains|rubble)\s+of\s+(?:the\s+)?"
    # "buses bound for X", "a convoy on the road to X": on the way there
    rf"|\b(?:bound\s+for|en\s+route\s+to|on\s+(?:the|its|their)\s+way\s+to|on\s+the\s+road\s+to|heading\s+to|"
    rf"headed\s+(?:to|for))\s+(?:the\s+)?"
    # "gunmen attacked X", "rockets hit X", "the bombing of X", "the siege of X"
    rf"|\b(?:{'|'.join(w for _, w in ATTACK_TYPES)}|siege)\s+of\s+(?:the\s+)?"
    rf")$", re.I)
#: "gunmen attacked X", "soldiers entered X", "gunmen returned to X and killed six" (not "a trip to X", "fled to X": a
#: destination): X is where — a country only when it is the verb's object, not the modifier of one ("attacked X
#: group"; a town's name before a lower-case word is more often the object before a verb: "attacked X fled").
_WENT_THERE_BEFORE_RX = re.compile(
    r"\b(?:(?:attacked|hit|struck|bombed|shelled|stormed|raided|targeted|besieged|overran|seized|captured|entered|"
    r"invaded|occupied|surrounded|encircled|reached|evacuated|fled|left|leaves|leaving|visited|toured)\s+(?:the\s+)?"
    # "withdrew from X", "pulled out of X": where it had been
    r"|(?:withdr[ae]wn?|withdraws|withdrawing|retreated|pulled\s+out)\s+(?:from|of)\s+(?:the\s+)?"
    r"|(?:returned|returning|went|came|drove|rode|marched|advanced|swept|stormed|burst|entered)\s+(?:back\s+)?"
    r"(?:to|into)\s+(?:the\s+)?)$", re.I)
_MODIFIES_NOUN_AFTER_RX = re.compile(r"\s+(?-i:[a-z])[\w-]*")
#: Words between a place and the attack it names ("the X suicide bombing", "X coalition airstrike"); not a verb ("X
#: Condemns Attack" is a state's reaction).
_ATTACK_MODIFIER = (r"suicide|car|truck|deadly|twin|double|triple|terror(?:ist)?|militant|rebel|insurgent|army|"
                    r"military|government|police|coalition|air|drone|mortar|rocket|missile|bomb|border|camp|school|"
                    r"church|mosque|market|hotel|hospital|prison|bus|train|embassy|refugee|IDP")
_SITE_NOUN = (r"universit(?:y|ies)|college|schools?|hospital|market|bazaar|mosque|church|shrine|temple|synagogue|"
              r"hotel|airport|airbase|air\s+base|prison|jail|base|station|stadium|mall|cent(?:er|re)|neighbou?rhood|"
              r"quarter|square|compound|bridge|checkpoint|barracks")
#: "Ituri Province", "Borno State": a region's name that says what it is.
_AREA_NOUN_RX = re.compile(rf"\b(?:{_AREA_NOUN})$", re.I)
#: "X's north", "X's deadliest attack", "X province", "X IDP camp", "the X bombing", "X:" opening a line.
_LOCATIVE_AFTER_RX = re.compile(
    rf"(?:['’]s\s+(?:[\w-]+\s+){{0,2}}?(?:{_SIDE}|{_AREA_NOUN}|{_SITE_NOUN}|deadliest|worst|bloodiest|biggest|largest|latest|"
    # "X province", "X Province", not "the X State Department"
    rf"{'|'.join(w for _, w in ATTACK_TYPES)})\b|\s+(?:(?:{_ATTACK_MODIFIER})\s+){{0,2}}(?:(?-i:{_AREA_NOUN})|"
    rf"(?-i:Provinces?|Regions?|District|Governorate|County|Prefecture)|"
    rf"{'|'.join(w for _, w in ATTACK_TYPES)})\b"
    # "X residents", "X police said": people who are there
    rf"|\s+(?:residents|inhabitants|villagers|police|mayor|governor|municipality|hospitals?)\b"
    rf"|['’]s\s+(?:residents|inhabitants|villagers|civilians|rebels|defenders|police|mayor|governor|hospitals?)\b"
    # "X is the latest city to fall victim", "X, a market town,": named as a place
    rf"|(?:\s+(?:is|was|has\s+become|became)|,)\s+(?:the|a|an)\s+(?:[\w-]+\s+){{0,3}}?"
    rf"(?:city|town|village|capital|port|resort|suburb|place)\b"
    # "X University College", "X International Airport", "X Detention Center": a site in it, by its name
    rf"|\s+(?:(?-i:[A-Z])[\w'’.-]*\s+){{0,2}}(?:{_SITE_NOUN})\b)", re.I)


def _locative(index, m: Mention, p: Place) -> bool:
    """True when a country, region or town is named as a place where something is ("in X", "across northern X",
    "X's north", "X province", "Ituri Province" as its name, "the X bombing", "the X cafe", "gunmen attacked X", "X:"
    opening a headline), not as a state, a people or a name ("X condemns", "X's clerical leaders", "the top X
    general", "militants from X", "the Committee for X Freedom"): only then may it be an event's scene. Memoised by
    the mention's start; True when the index has no text."""
    known = index.__dict__.setdefault("_locative", {})
    hit = known.get(m.start)
    if hit is None:
        text = index.text
        hit = known[m.start] = not text or (not _from_before(text, m) and _named_as_where(index, text, m, p))
    return hit


def _named_as_where(index, text: str, m: Mention, p: Place) -> bool:
    """The shapes of :func:`_locative` (its "from" test aside): the words before the mention, after it, or its own."""
    if (p.kind != "country" and _AREA_NOUN_RX.search(m.text) is not None) or text.startswith(":", m.end):
        return True
    if _LOCATIVE_AFTER_RX.match(text, m.end, min(len(text), m.end + 60)) is not None:
        return True
    before = _words_before(text, m)
    if _LOCATIVE_BEFORE_RX.search(before) is not None:
        return True
    # "attacked X": a country only as the verb's object ("attacked X group" names a group)
    if _WENT_THERE_BEFORE_RX.search(before) is not None and (p.kind != "country"
                                                              or not _MODIFIES_NOUN_AFTER_RX.match(text, m.end)):
        return True
    if _after_a_town(index, m) or (rank(p) == 2 and (_before_its_area(index, m, p) or _town_as_subject(text, m))):
        return True
    return p.kind != "country" and _THING_IN_TOWN_RX.search(text, max(0, m.start - 5), m.start) is not None \
        and _THING_AFTER_RX.match(text, m.end, min(len(text), m.end + 30)) is not None


def _words_before(text: str, m: Mention) -> str:
    """Up to 80 characters before a mention, within its paragraph (a line break inside a hard-wrapped paragraph is a
    space)."""
    return text[max(0, text.rfind("\n\n", 0, m.start) + 2, m.start - 80):m.start]


#: The prepositions that govern a place named after them ("of" is see-through: "from the region of X").
_GOVERNING_RX = re.compile(r"\b(?:from|in|at|on|near|inside|into|across|throughout|within|outside|around|over|to|by|"
                           r"for|with|against)\b", re.I)
#: People before "from": "militants from X", "a delegation from X" came from X; "withdrew from X", "40 km from X",
#: "rockets fired from X" name a place where something was.
_PEOPLE_BEFORE_FROM_RX = re.compile(r"\b(?:\w+(?:ists|ants|ents|ers|ors|ees|men|ans)|people|troops|forces|members|"
                                    r"fighters|citizens|nationals|groups?|delegations?|teams?|youths?|man|woman)\s+"
                                    r"(?:(?:who|that)\s+(?:came|come|hail(?:ed)?)\s+)?$", re.I)


def _from_before(text: str, m: Mention) -> bool:
    """ "militants from the far western region of X", "fighters from X": where someone came from, not where anything
    happened ("withdrew from X", "40 km from X" name a place where something was)."""
    before = _words_before(text, m)
    last = None
    for last in _GOVERNING_RX.finditer(before):
        pass
    return last is not None and last.group(0).lower() == "from" \
        and _PEOPLE_BEFORE_FROM_RX.search(before, 0, last.start()) is not None


#: "the X cafe", "a X hotel": a town before a common noun after a determiner names a thing that is in it ...
_THING_IN_TOWN_RX = re.compile(r"\b(?:the|a|an)\s+$", re.I)
#: ... unless the thing is its government or a meeting named after it ("the X government", "the X talks").
_THING_AFTER_RX = re.compile(r"\s+(?!(?:government|regime|administration|authorities|officials|leadership|ministry|"
                             r"delegation|envoys?|embassy|talks|summit|conference|agreement|accord|deal|process|"
                             r"court|parliament|leaders?|rulers|side|says|said|and|or)\b)[a-z][\w-]*\b")


def _may_be_scene(index, m: Mention, p: Place) -> bool:
    """A site, or a place the text itself placed, may always be a scene; a country, region or town from a gazetteer
    only where the text names it as a place where something is (:func:`_locative`)."""
    return KIND_RANK.get(p.kind, 1) > 2 or p.source == TEXT_SOURCE or _locative(index, m, p)


def _after_a_town(index, m: Mention) -> bool:
    """ "Town, X": X (a region or country) says where the town or site named just before it lies."""
    comma = index.text.rfind(",", max(0, m.start - 3), m.start)
    return comma >= 0 and not index.text[comma + 1:m.start].strip() and any(
        n.end == comma and rank(q) >= 2 for n, q in index.within(max(0, comma - 80), comma))


#: A clause's verb right after its subject ("X had been calm", "X is a market town", "X fell"); a capital acting as
#: a state ("X denies") never gets here (attribution.not_the_scene).
_VERB_AFTER_RX = re.compile(r"\s+(?!(?:welcom|condemn|den[iy]|accus|blam|insist|vow|urg|demand|call|said|say|warn|"
                            r"announc|reject|hail|prais|deplor|protest|support|back|oppos|want|refus|plan|agree|"
                            r"decid|threat|respond|react|and|or)[a-z]*\b)(?-i:[a-z])[a-z]+\b")


#: A time that opens a sentence before its subject: "On Monday, ", "In 2013, ", "Today, ", "Earlier this week, ".
_TIME_OPENER_BEFORE_RX = re.compile(r"(?:^|[.!?\n][\"”’)]?\s+)(?:On|In|At|Today|Yesterday|Tonight|Earlier|Later|Last|This|"
                                    r"Early|Late|Overnight|During|Meanwhile|Then)\b[^,.;:!?\n]{0,40},\s*$")


def _town_as_subject(text: str, m: Mention) -> bool:
    """ "Baghdad had been calm for months.", "On Monday, Baghdad came under attack": a town opening its sentence (or
    its main clause, after a time), before its verb, is a place where things are (a country there is more often a
    state: "X condemned the raid")."""
    before = text[max(0, m.start - 3):m.start].rstrip(" \"“'‘")
    opens = not before or before[-1] in ".!?\n" or (before[-1] == "," and _TIME_OPENER_BEFORE_RX.search(
        text, max(0, m.start - 60), m.start) is not None)
    return opens and _VERB_AFTER_RX.match(text, m.end) is not None


def _before_its_area(index, m: Mention, p: Place) -> bool:
    """ "Myitkyina, Kachin State", "Dunmore, Eastmarch": a town named with the region or country it lies in, as an
    address names a place."""
    at = m.end + 2
    return index.text.startswith(", ", m.end) and any(
        n.start == at and rank(q) <= 1 and q.country_code == p.country_code for n, q in index.within(at, at + 80))


def _tied_to_attack(index, m: Mention) -> bool:
    """True when the mention's own sentence names an attack, a killing or the wounded (memoised by start)."""
    ties = index.__dict__.setdefault("_ties", {})
    known = ties.get(m.start)
    if known is None:
        known = ties[m.start] = bool(index.text) and \
            _ATTACK_WORD_RX.search(_sentence_around(index.text, m.start, m.end)) is not None
    return known


def _holds_place(area: Place | None, p: Place) -> bool:
    """Whether ``p`` may lie in ``area``: anywhere without one, in its country, in a region's reach (:func:`_inside`),
    within SAME_SCENE_KM of a city or site (the scene is a part of it: "a suburb of the capital")."""
    if area is None:
        return True
    if area.kind == "country":
        return p.country_code == area.country_code
    if rank(area) == 1:
        return (not area.country_code or p.country_code == area.country_code) and _inside(area, p)
    return distance_km(area, p) <= SAME_SCENE_KM


def scene_score(index, span: Span, m: Mention, p: Place, year: str | None = None) -> tuple[float, list[str]]:
    """How well place ``p`` (named at mention ``m``) fits as the scene of the event told in ``span`` (of ``year``,
    when known): the weighted sum of :data:`SCENE_WEIGHTS`' cues, and the cues that count."""
    w, cues = SCENE_WEIGHTS, []
    score = w["kind"] * rank(p)
    if span.start <= m.start and m.end <= span.end:
        score += w["sentence"]
        cues.append("sentence")
    if _tied_to_attack(index, m):
        score += w["attack"]
        cues.append("attack")
    if span.para_start <= m.start and m.end <= span.para_end:
        score += w["paragraph"]
        cues.append("paragraph")
    if rank(p) >= 3 and index.text and _CAMP_WORD_RX.search(index.text, span.start, span.end):
        score += w["camp"]
        cues.append("camp")
    if m.end <= span.start:
        score += w["before"]
        cues.append("before")
    if index.text and _NEARBY_BEFORE_RX.search(index.text_before(m)):
        score += w["nearby"]
        cues.append("nearby")
    elif index.reference(m):
        score += w["reference"]
        cues.append("reference")
    if _container(index, m):
        score += w["container"]
        cues.append("container")
    doubt, why = _doubt(index, m, p)
    score += doubt
    cues += why
    if year is not None:
        told = _years_told(index, m)
        if told and year not in told:
            score += w["other year"]
            cues.append("other year")
    gap = max(0, span.start - m.end, m.start - span.end)
    score += w["distance"] * min(6.0, gap / 500)
    return score, cues


def best_scene(span: Span, index, area: Place | None = None, exclude: frozenset[str] = frozenset(),
               skip: tuple[int, int] | None = None, need: str | None = None,
               year: str | None = None, same_rank: bool = False, sites: bool = False,
               least: float = SCENE_MIN) -> tuple[Place, str] | None:
    """The best-scored place (:func:`scene_score`) finer than ``area`` and inside it, named within SCENE_REACH of
    ``span`` (outside ``skip``, a range of the text), with the cue ``need`` when given (``same_rank``: as fine as
    ``area`` will do, for a part of a city; ``sites``: only sites, within NEAR_KM of a city ``area``: "a camp near
    X"; ``least``: the least score taken); ties go to the place named closest, then first. None when none fits."""
    best = None
    for m, p in index.starting_in(max(0, span.start - SCENE_REACH), span.end + SCENE_REACH):
        finer = area is None or rank(p) >= rank(area) + (not same_rank)
        inside = distance_km(area, p) <= NEAR_KM if sites and area is not None and rank(area) == 2 \
            else _holds_place(area, p)
        if p.place_id in exclude or rank(p) < 2 + sites or not finer or not inside \
                or (skip and skip[0] <= m.start < skip[1]) or not _may_be_scene(index, m, p):
            continue
        far = stated_distance_km(index.text_before(m, 80)) if index.text else None
        if far is not None and far > NEAR_KM:
            continue  # "150 km north of X": another place's reference point
        score, cues = scene_score(index, span, m, p, year)
        if score < least or (need is not None and need not in cues):
            continue
        key = (score, -max(0, span.start - m.end, m.start - span.end), -m.start)
        if best is None or key > best[0]:
            best = (key, p, cues)
    if best is None:
        return None
    return best[1], f"{best[1].kind} scored {best[0][0]:.1f} ({', '.join(best[2]) or 'kind only'})"


def choose_place(span: Span, doc_mentions, exclude: frozenset[str] = frozenset(),
                 within: tuple[int, int] | None = None, anaphor: bool = False,
                 dateline: Place | None = None, site_anaphor: bool = False,
                 year: str | None = None) -> tuple[Place | None, str]:
    """The place a sentence ties its event to, and why.

    In the sentence a place scores its kind's rank + 2, elsewhere in the
    paragraph its rank (:data:`SCENE_WEIGHTS` "kind" and "sentence", less the
    "dateline" and "lone region" doubts; below 0 it is not taken): a city
    named in the sentence beats a site named in the paragraph, but a site in
    the paragraph beats a country in the sentence. When the best is a country
    or region named in the sentence, the best-scored site or town of the text
    inside it refines it (:func:`best_scene`, at least SCENE_MIN); failing
    that, when only the paragraph names it, or when nothing is
    named, a site or city of the same country named nearby (the closest
    before, else in the next paragraph); with ``anaphor`` ("the camp",
    "there") the site or city named before wins whatever its country. "A
    suburb of X" takes the part of X the text ties to the attack. ``year``:
    the event's year, when known (the "other year" cue). ``doc_mentions`` is
    a :class:`MentionIndex` (or a list of (mention, place) pairs). The
    ``dateline`` place (where the reporter filed from) is the last resort: it
    refines a country it lies in, or stands alone when the text names nothing.
    """
    index = _index(doc_mentions)
    lo, hi = within or (span.start, span.end)
    best, best_key, best_mention = None, None, None
    back, back_key, back_mention = None, None, None  # with an anaphor: the best named before the sentence's end
    for m, p in index.within(min(lo, span.para_start), max(hi, span.para_end)):
        if p.place_id in exclude or not _may_be_scene(index, m, p):
            continue  # a country, region or town named as a state, a people or a name: not where anything happened
        if lo <= m.start and m.end <= hi:
            score, dist = SCENE_WEIGHTS["kind"] * rank(p) + SCENE_WEIGHTS["sentence"], 0
        elif span.para_start <= m.start and m.end <= span.para_end:
            score, dist = SCENE_WEIGHTS["kind"] * rank(p), min(abs(m.start - span.end), abs(span.start - m.end))
        else:
            continue
        score += _doubt(index, m, p)[0]  # a dateline-like opener, a lone region (SCENE_WEIGHTS)
        if score < 0:
            continue
        if index.declared_scenes() and any(d.start == m.start for d, _ in index.declared_scenes()):
            score += SCENE_WEIGHTS["attack"]  # "… to Camp X where today's attack took place": the scene, said so
        # in the sentence, of two places of one kind a part named after its city ("Y's X district",
        # "X, a suburb of Y") is the finer scene, and a reference point ("east of Y") the lesser
        part = 0 if dist else (index.reference(m) and -1) or (_is_part(index, m) and 1) or 0
        key = (score, -dist, part, -m.start)
        if dist and score < 3 and index.reference(m):
            continue  # another sentence's reference point ("… 200 km east of X", "near Y"): not this one's scene
        if best_key is None or key > best_key:
            best, best_key, best_mention = p, key, m
        if anaphor and m.start < hi and (back_key is None or key > back_key):
            back, back_key, back_mention = p, key, m
    if back is not None and rank(back) >= rank(best):
        # "… fired on the camp": an anaphor refers back, to the place named before it (or in its sentence), not to
        # one of the same kind the paragraph names only after it ("from their former base Camp Y")
        best, best_key, best_mention = back, back_key, back_mention
    where = "sentence" if best_key and best_key[1] == 0 else "paragraph"
    if best is not None and rank(best) >= 2:
        if best_mention is not None and index.reference(best_mention):
            far = stated_distance_km(index.text_before(best_mention, 80))
            if far is not None and far > NEAR_KM:
                if where == "paragraph":  # another sentence's reference point ("… 200 km east of X"): not this one's
                    return choose_place(span, index, exclude | {best.place_id}, within, anaphor, dateline,
                                        site_anaphor, year)
                # "a town 400 miles northeast of Baghdad": the scene is a place the gazetteer lacks, far from
                # the only one named; neither it nor a place borrowed from around the sentence is the scene.
                return None, f"{ELSEWHERE} ({far:.0f} km from {best.name})"
            # "a camp north of Baghdad": the scene is near the city; a site named nearby in the text is it.
            site = best_scene(span, index, best, exclude, year=year, sites=True, least=float("-inf"))
            if site is not None:
                return site[0], f"site near {best.name}"
            return best, f"near {best.name} ({best.kind} in the {where})"
        if anaphor and where == "paragraph":
            return best, f"{best.kind} in the paragraph (the camp)"
        if where == "sentence" and rank(best) == 2 and best_mention is not None and _container(index, best_mention):
            # "a suburb of the capital X": the part of X the text ties to the attack, when it names one
            part = best_scene(span, index, best, exclude | {best.place_id}, need="attack", year=year, same_rank=True)
            if part is not None:
                return part[0], f"{PART_OF}{best.name}: {part[0].kind} named nearby; {part[1]}"
        if where == "sentence" and rank(best) == 2 and best_mention is not None:
            # "X, east of Y", "Y's X district", "X, a suburb of Y": X is a part of Y, finer than Y named alone
            # (a city's metropolitan area or "near" reaches further than SAME_SCENE_KM: "X, a suburb of Y" 33 km off)
            whole = next((q for n, q in index.within(lo, hi) if q.place_id != best.place_id and rank(q) == 2
                          and distance_km(q, best) <= NEAR_KM and (index.reference(n) or _container(index, n))),
                         None)
            if whole is not None:
                return best, f"{PART_OF}{whole.name}: {best.kind} in the sentence"
        return best, f"{best.kind} in the {where}"
    # "the camp", "the compound": the site named last before (else the dateline's, when it is a site).
    if site_anaphor:
        site = index.last_site_before(span.start, exclude)
        if site is None and dateline is not None and rank(dateline) >= 3:
            site = dateline
        if site is not None:
            return site, f"{site.kind} named before (the camp)"
        # a site the text names but places no finer than its country: "the camp" is it, no finer than that
        site = index.last_site_before(span.start, exclude, coarse=True) if best is None or rank(best) <= 1 else None
        if site is not None and (best is None or best.country_code == site.country_code):
            return site, f"{site.kind} named before (the camp), placed by the text no finer than {site.precision_km:.0f} km"
    # Refine a country (or nothing) with the nearest site/city: before the sentence first, then just after it.
    same = best is not None and not anaphor
    country = best.country_code if best is not None else None
    near = None
    # A place named as a scene first; one named only as a reference point ("a camp north of Baghdad") if none is.
    # "near the town", "the camp": the town named before may be in an earlier sentence of the same paragraph,
    # even as that sentence's reference point ("an attack on a bus near X … a similar attack near the town")
    before_at = span.start if anaphor else span.para_start
    scored = None
    # "… moved them to Camp X where today's attack took place": the text says where; no guess by scores or nearness
    declared = next((p for _, p in index.declared_scenes() if p.place_id not in exclude
                     and (country is None or p.country_code == country) and _inside(best, p)), None)
    if same and where == "sentence" and declared is None:
        # the best-scored site or town of the text inside the sentence's country or region (scene_score); when
        # none scores SCENE_MIN, or nothing is named in the sentence, the place named closest before (else after) it
        # (a country only another sentence of the paragraph names, "the situation across X", is no tie to a site
        # the text ties to other attacks: the closest named is the better guess)
        scored = best_scene(span, index, best, exclude, skip=(span.para_start, span.para_end), year=year)
        near = scored[0] if scored else None
    for skip in (() if scored or declared is not None else (True, False)):  # the text said where: no guess
        near = index.last_fine_before(before_at, exclude, country, same, skip)
        if near is not None and not _inside(best, near):
            near = None  # "the county of Mandera" is not refined by a town of the same country 500 km away
        if near is None:
            near = index.first_fine_after(span.para_end, 600, exclude, country, same, skip)
            if near is not None and not _inside(best, near):
                near = None
        if near is not None:
            break
    if declared is not None:  # (then nothing was scored)
        near = declared
    # A dateline site, or a dateline in another country than the place named nearby, is the better guess.
    # A place of another country named nearby stays the scene when the sentence names nothing: a foreign
    # dateline ("CITY:" of one country over a story told in another) is the bureau, not the scene.
    if near is not None and dateline is not None and (rank(dateline) >= 3 or (
            near.country_code != dateline.country_code and best is not None
            and best.country_code == dateline.country_code)):
        near = None
    if near is not None:
        if anaphor:
            return near, f"{near.kind} named before (the camp)" + (f", refines {best.name}" if best else "")
        return near, f"{near.kind} named nearby" + (f" (refines {best.name})" if best else "") + \
            (f"; {scored[1]}" if scored else "")
    if dateline is not None and (best is None or (dateline.country_code == best.country_code and
                                                  rank(dateline) > rank(best) and _inside(best, dateline)
                                                  and _in_part(index.text_before(best_mention), best, dateline))):
        return dateline, "dateline" + (f" (refines {best.name})" if best else "")
    if best is not None:
        return best, f"{best.kind} in the {where}"
    return None, "no place in the sentence, paragraph or nearby"


# --- candidates -----------------------------------------------------------------------------------------------------
_NOT_A_SHOT = re.compile(r"\b(?:snap|mug|long|good|best|big|screen|booster|flu|parting)[\s-]*shots?\b", re.I)
#: Court and police-record wording: the sentence tells of a charge or a sentence, not of the event.
_COURT_RX = re.compile(r"\b(?:charged?\s+with|charges?\s+of|on\s+(?:a|the)\s+\w+\s+charge|convict(?:ed|ions?)|"
                       r"pleaded|sentenced|indicted|arraigned|battery|restitution|acquitted)\b", re.I)


#: The reason a candidate's figure is a total (:data:`_CUMULATIVE_RX`), not one event's toll.
_TOTAL_REASON = "a cumulative toll"
#: A toll over a period or a war, not one event's ("so far this year", "since the war began").
_CUMULATIVE_RX = re.compile(r"\b(?:so\s+far\s+(?:this|in)|since\s+(?:the\s+)?(?:start|beginning|war|conflict|uprising|"
                            r"(?:19|20)\d\d|january|february|march|april|may|june|july|august|september|october|"
                            r"november|december)|over\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:years?|months|decades?)|"
                            r"in\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:years?|months|decades?)|in\s+total|"
                            # "attacks that have to date left 100 dead" (not "To date 33 have been killed": one
                            # event's toll so far, like "so far")
                            r"(?:attacks|bombings|raids|war|conflict|violence|fighting)\b[^.;]{0,60}\bto\s+date|"
                            r"to\s+date\b[^.;]{0,60}\b(?:attacks|bombings|raids|war|conflict|violence|fighting)\b|"
                            r"(?:war|conflict|uprising|insurgency|violence)(?:,[^,.;]{0,40},|\s+in\s+[^,.;]{0,40}?)?\s+"
                            r"(?:has|have|had)\s+(?:\w+\s+)?killed|"
                            # "8,000 have been killed in X since the army launched its offensive on May 7": a tally
                            r"(?:has|have)\s+(?:now\s+)?been\s+killed\s+(?:[^.;]{0,60}?\s)?since\s+(?-i:[A-Z])?[\w’'-]+\s+"
                            r"(?:[\w’'-]+\s+){0,2}?(?:launched|began|started|erupted|broke\s+out|stormed|invaded|"
                            r"attacked|seized)|"
                            r"death\s+toll\s+(?:in|of)\s+the\s+(?:war|conflict)|"
                            r"(?:in|during|over)\s+the\s+same\s+period|statistics|repeatedly|regularly|frequently|"
                            r"constantly|continually|routinely|"
                            # "only one resident was ever killed by such rockets": over all time, not one event
                            r"(?:was|were|has\s+been|have\s+been|had\s+been)\s+ever|(?:has|have|had)\s+ever\s+been|"
                            r"time\s+and\s+again|on\s+several\s+occasions|nationwide|countrywide|"
                            # "the thousands who have died": a tally over the years
                            r"(?:thousands|hundreds)\s+(?:of\s+[\w-]+\s+)?who\s+(?:have|had)\s+(?:died|been\s+killed|"
                            r"perished)|"
                            r"across\s+(?:the\s+)?(?:country|nation|region|province|state|north|south|east|west)|"
                            r"(?:from|between)\s+(?:19|20)\d\d\s+(?:to|and|until|through)\s+(?:19|20)\d\d|"
                            # several events' total: "two attacks … have killed 24", "a series of bombings"
                            r"(?:two|three|four|five|six|several|multiple|separate|a\s+(?:series|wave|string|spate|chain)"
                            r"\s+of)\s+(?:[\w-]+\s+){0,3}(?:attacks|bombings|raids|blasts|explosions|assaults|strikes))\b",
                            re.I)


#: The reason that marks a sentence that only counts the wounded (no attack word, no dead).
WOUNDED_ONLY_REASON = "only the wounded counted: goes with the event told before"
#: "an attack that killed 37 — one of three deadly attacks on Friday": the figure is the one attack's, the set
#: of attacks only a description of it.
_ONE_OF_BEFORE_RX = re.compile(r"\bone\s+of\s+(?:the\s+)?$", re.I)
#: "In all, 63 people were killed": a sum of what the paragraph told before (:func:`_sum_of_several`).
_IN_ALL_RX = re.compile(r"^\W*(?:in\s+all|all\s+told|altogether|all\s+in\s+all|combined)\b", re.I)


def _cumulative(sent: str) -> re.Match | None:
    """The first words of ``sent`` that make its figure a total (:data:`_CUMULATIVE_RX`), or None.

    "one of three deadly attacks" describes the attack the sentence counts the dead of: no total.
    """
    for m in _CUMULATIVE_RX.finditer(sent):
        if _ONE_OF_BEFORE_RX.search(sent, 0, m.start()):
            continue
        if m.group(0).lower().startswith("in") and _COUNT_IN_TOTAL_RX.search(sent, 0, m.end()) \
                and _IN_TOTAL_AFTER_RX.match(sent, m.start() - 1):
            continue  # "the residents, 3,500 in total, …": how many the group was, not a toll over time
        return m
    return None


_COUNT_IN_TOTAL_RX = re.compile(r",\s*(?:some\s+|about\s+|around\s+|nearly\s+)?\d[\d,.]*\s+in\s+total$", re.I)


#: What may stand between an attack word and its scene: "attack last week on the town of", "raid by militants in".
_TO_SCENE_RX = re.compile(r"^(?:['’]s)?\s+(?:[\w'’-]+\s+){0,4}?(?:on|in|at|against)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?"
                          r"(?:(?:town|village|city|district|port|settlement)\s+of\s+)?$", re.I)


_PART_OF_TOWN_AFTER_RX = re.compile(r"\s+(?:district|neighbou?rhood|quarter|suburb|area|ward|sector|camp|market|"
                                   # "the Al Noor mosque in X": a building of the town, not a town
                                   r"mosques?|church|cathedral|temple|synagogue|shrine|hotel|school|hospital|"
                                   r"university|college|mall|base|airport|station|prison|cent(?:re|er)|building|"
                                   r"restaurant|caf[eé]|bakery|club|stadium|bridge|road|street|square|gate)\b", re.I)


def _unplaced_scene(sent: str, span: Span, index) -> Mention | None:
    """A place name the sentence gives as its attack's scene ("an attack on the town of X") that no data places."""
    unplaced = getattr(index, "unplaced", None)
    if not unplaced:
        return None
    starts = index.unplaced_starts  # built once a document: a list per sentence made the stage quadratic
    for m in unplaced[bisect_left(starts, span.start):bisect_left(starts, span.end)]:
        before = sent[max(0, m.start - span.start - 80):m.start - span.start]
        if _PART_OF_TOWN_AFTER_RX.match(sent, m.end - span.start) or re.search(r"['’]s\s+$", before):
            continue  # "the town's X district", "X neighbourhood": a part of the town the sentence places
        base = span.start + max(0, m.start - span.start - 80)
        for _, rx in _ATTACK_RX:
            hit = None
            for hit in rx.finditer(before):
                pass
            # "rockets hit Camp Y in X": a place named between the attack and X is the scene, X only where it lies
            if hit is not None and _TO_SCENE_RX.match(before[hit.end():]) \
                    and not index.within(base + hit.end(), m.start):
                return m
    return None


#: "the X displacement camp", "X refugee camp", "Camp X": a camp named by its proper name.
_NAMED_CAMP_RX = re.compile(r"(?<![\w'’-])(?P<name>(?-i:[A-Z][\w'’-]+)(?:\s+(?-i:[A-Z][\w'’-]+)){0,2})\s+"
                            r"(?:(?:displacement|displaced|refugees?|IDPs?|transit|protection|military|army)\s+)?"
                            r"camps?\b|\b(?-i:Camp)\s+(?P<after>(?-i:[A-Z][\w'’-]+))", re.I)
#: Capitalised words that open a sentence or name no camp ("The camp", "UN camp").
_NOT_A_CAMP_NAME = frozenset("the a an this that its their his her our un u.n. a.u. idp idps refugee refugees "
                             "displacement displaced transit protection military army".split())
#: How far around the event's sentence (characters, within its paragraph) a camp named by its name is looked for.
NAMED_SITE_REACH = 600


def _unplaced_site(text: str, span: Span, index) -> str | None:
    """The name of a site or town the text ties to the event and no offline data places: a mention the geoparser
    found but could not resolve in the event's sentence, or a camp named by its proper name ("the X displacement
    camp", "Camp X") near the sentence in its paragraph that no resolved mention covers; None when there is none."""
    index = _index(index)
    unplaced = getattr(index, "unplaced", None)
    if unplaced:
        starts = index.unplaced_starts
        for m in unplaced[bisect_left(starts, span.start):bisect_left(starts, span.end)]:
            if m.end <= span.end:
                return m.text
    lo, hi = max(span.para_start, span.start - NAMED_SITE_REACH), min(span.para_end, span.end + NAMED_SITE_REACH)
    demonyms = foreign.demonym_words()
    for hit in _NAMED_CAMP_RX.finditer(text, lo, hi):
        name = hit.group("name") or hit.group("after")
        a = hit.start("name") if hit.group("name") else hit.start("after")
        words = name.split()
        while words and (words[0].lower() in _NOT_A_CAMP_NAME or words[0].lower() in demonyms
                         or words[0].endswith(("'s", "’s"))):  # "Y's X camp": Y holds the camp
            a += len(words[0]) + 1
            words = words[1:]
        if not words or any(w.lower() in demonyms for w in words):
            continue  # "the Congolese army camp": a nationality, no name
        if any(m.start < hit.end() and a < m.end for m, _ in index.starting_in(max(0, a - 40), hit.end())):
            continue  # a camp the data places ("Camp X" resolved): not this case
        return " ".join(words)
    return None


WIDE_AREA_REASON = "a province or country wider than NEAR_KM cannot stand for the site or town the text names"


def _off_wide_area(out: list[Candidate], spans_at: dict[int, Span], index, text: str) -> None:
    """Unplace the attacks left at a province or country wider than NEAR_KM (its radius) while one of their sentences
    names the scene as a site or town no offline data places ("the X displacement camp in Y", "a raid on the town of
    X"): Y's centre may lie hundreds of km from X, and an unplaced record (reported skipped) is better than a far
    one. A place the text itself put somewhere ("Camp X in Y", a site however coarse) is kept."""
    for c in out:
        if c.kind != "incident" or c.place is None or c.place.kind == "site" or rank(c.place) > 1 \
                or c.place.precision_km <= NEAR_KM:
            continue
        for claim in c.claims:
            span = spans_at.get(claim.start)
            site = _unplaced_site(text, span, index) if span is not None else None
            if site is not None:
                c.place_note = f"{ELSEWHERE}: {site!r} cannot be placed, and {c.place.name} " \
                    f"(±{c.place.precision_km:.0f} km) cannot stand for it"
                c.place = None
                c.reasons.append(WIDE_AREA_REASON)
                break


def _area_around(span: Span, index) -> Place | None:
    """The province (else the country) named in the sentence's paragraph, nearest first; None when none is."""
    found = [(rank(p), -min(abs(m.start - span.start), abs(m.end - span.end)), p)
             for m, p in _index(index).within(span.para_start, span.para_end) if rank(p) <= 1]
    return max(found, key=lambda t: (t[0], t[1]))[2] if found else None


#: The reason that marks an attack told as another, earlier one ("a previous attack"): never the report's event.
PREVIOUS_REASON = "an earlier event told in passing ('a previous attack')"
#: "a previous rocket attack", "an earlier raid": the attack word after it names an earlier event than the report's.
_PREVIOUS_BEFORE_RX = re.compile(r"\b(?:a|an|the)\s+(?:previous|earlier|prior)\s+(?:[\w-]+\s+)?$", re.I)
#: "Rockets hit a camp in Iraq", "shells hit an Iranian dissident camp": the scene is a site the text names.
_A_SITE_RX = re.compile(r"\b(?:a|an)\s+(?:[\w'’-]+\s+){0,3}(?:camp|compound|base|settlement)\b", re.I)


#: "the previous attack", "an earlier rocket attack": the words that tell an earlier attack (then its tie to a place).
_PREVIOUS_ATTACK_RX = re.compile(r"\b(?:previous|earlier|prior|last)\s+(?:[\w-]+\s+)?(?:attacks?|raids?|assaults?|"
                                 r"bombings?|shellings?|strikes?)\b", re.I)
#: Why an earlier attack told in passing was put at the report's own scene.
PREVIOUS_SCENE_NOTE = "the report's own scene: 'the previous attack' ties no place of its own"


def _previous_at_the_reported_scene(out: list, index: MentionIndex, text: str) -> None:
    """Put "the previous attack" at the scene of the attack the report told before it, when its sentence ties no
    place to it ("Since the previous attack on May 9, the residents' vests were never sent from Camp X": Camp X is
    where the vests are, not where the attack was; the previous attack on the camp is on the report's camp). One
    pass over the document's candidates; an attack "on/in/at X" keeps X."""
    reported = None
    for c in out:
        if c.kind != "incident":
            continue
        if PREVIOUS_REASON not in c.reasons:
            if c.place is not None and not c.background and rank(c.place) >= 2:
                reported = c
            continue
        if reported is None or c.place is None or c.place.place_id == reported.place.place_id:
            continue
        m = _PREVIOUS_ATTACK_RX.search(text, c.start, c.end)
        if m is None:
            continue
        tied = any(p.place_id == c.place.place_id and _TO_SCENE_RX.match(text[m.end():n.start])
                   for n, p in index.within(m.end(), c.end))
        if not tied:
            c.place, c.place_note = reported.place, PREVIOUS_SCENE_NOTE


def _indefinite_site(sent: str, span: Span, place: Place, doc_mentions) -> Place | None:
    """The site the text names for "a camp" the sentence places only by a city or country ("a camp in Iraq",
    "an exile camp" in a sentence naming the capital): the best-scored site (:func:`best_scene`) named within
    SCENE_REACH characters that lies within NEAR_KM of the city, or in the country or region; None without one."""
    if not _A_SITE_RX.search(sent):
        return None
    found = best_scene(span, _index(doc_mentions), place, sites=True, least=float("-inf"))
    return found[0] if found else None


#: "— one of three deadly attacks from Europe to the Middle East": the set the attack belongs to.
_ONE_OF_SET_RX = re.compile(r"\bone\s+of\s+(?:the\s+)?(?:two|three|four|five|six|several|many|multiple|a\s+series\s+of|"
                            r"a\s+wave\s+of|\d+)\s+(?:[\w-]+\s+){0,3}(?:attacks|bombings|raids|blasts|explosions|"
                            r"assaults|strikes|shootings)\b", re.I)


def _set_places(sent: str, span: Span, doc_mentions) -> frozenset[str]:
    """Places named only in a clause that puts the attack in a set ("one of three attacks from X to Y"):
    where the set's other attacks were, not this one's scene."""
    if "one of" not in sent.lower():
        return frozenset()
    m = _ONE_OF_SET_RX.search(sent)
    if m is None:
        return frozenset()
    index = _index(doc_mentions)
    tail = {p.place_id for _, p in index.within(span.start + m.start(), span.end)}
    head = {p.place_id for _, p in index.within(span.start, span.start + m.start())}
    return frozenset(tail - head)


_PLURAL_ATTACKS_RX = re.compile(r"\b(?:attacks|bombings|raids|blasts|explosions|assaults|strikes|shootings|airstrikes)\b",
                                re.I)
#: What may stand between an attack word and the place it happened: "at a Shi'ite mosque in", "on a factory in".
_ATTACK_SCENE_BETWEEN_RX = re.compile(r"(?:['’]s)?\s+(?:[\w'’.-]+\s+){0,6}?(?:in|at|on|near)\s+(?:the\s+)?"
                                      r"(?:[\w'’-]+\s+){0,3}?", re.I)
_ACROSS_BEFORE_RX = re.compile(r"\b(?:across|throughout|around)\s+(?:the\s+)?$", re.I)


def _sum_of_several(text: str, span: Span, sent: str, doc_mentions) -> bool:
    """True when ``sent`` gives a total of several attacks: "In all, 63 were killed" after a paragraph that
    told attacks in several countries, or in "attacks" of its own; "Attacks in X, Y and Z kill 63" (a plural
    attack word and places of two or more countries in the sentence); "… killed in attacks across X".

    "The shooting in X happened as a bomb hit a mosque in Y and a factory was attacked in Z. In all, 63 people
    were killed": the figure is the day's total, not the toll of any one of them. (In a paragraph about one
    attack, "in all" sums its own dead: no total of several.)
    """
    plural = "s" in sent and _PLURAL_ATTACKS_RX.search(sent) is not None
    index = _index(doc_mentions)
    if plural:
        here = index.within(span.start, span.end)
        if len({p.country_code for _, p in here if p.country_code}) >= 2 and all(rank(p) <= 1 for _, p in here):
            return True  # "Attacks in Tunisia, Kuwait and France kill 63"
        if any(rank(p) <= 1 and _ACROSS_BEFORE_RX.search(text, max(0, m.start - 20), m.start) for m, p in here):
            return True  # "19 were killed in attacks across X"
    if not _IN_ALL_RX.match(sent):
        return False
    if plural:
        return True  # "In all, 19 people were killed in attacks on Sunday"
    if span.start <= span.para_start:
        return False
    # the countries of the attacks told before in the paragraph: of the place each attack word is tied to ("a
    # bombing at a mosque in X", "an attack on a factory in Y"), not of who condemned it or where a bomber came from
    countries = set()
    for rx in [r for _, r in _ATTACK_RX] + [_KILL_RX]:
        for hit in rx.finditer(text, span.para_start, span.start):
            for m, p in index.within(hit.end(), min(span.start, hit.end() + 70)):
                if _ATTACK_SCENE_BETWEEN_RX.fullmatch(text, hit.end(), m.start) and p.country_code:
                    countries.add(p.country_code)
                break
    return len(countries) >= 2


def _attack_type(sentence: str) -> tuple[str | None, int]:
    """The most specific attack type a sentence names, and where its trigger word is."""
    sentence = _NOT_A_SHOT.sub(lambda m: " " * len(m.group(0)), sentence)
    if _ANY_ATTACK_RX.search(sentence) is not None:
        for name, rx in _ATTACK_RX:
            m = rx.search(sentence)
            if m:
                return name, m.start()
    m = _KILL_RX.search(sentence)
    return None, (m.start() if m else 0)


#: Between a cue and the trigger word, a break that puts them in different clauses: "killed 12 on Monday, and
#: officials fear the toll could rise"; "feared for exiles seized in a camp where 52 were killed".
_CLAUSE_GAP_RX = re.compile(r",\s+(?:and|but|while|as|although|though)\s|;|\s(?:where|in\s+which|during\s+which)\s",
                            re.I)


#: After the trigger word, a clause telling what the attack did: "… over an attack that left 11 dead", "an inquiry
#: into the raid which killed 34": an attack that happened, whatever is demanded about it.
_DID_AFTER_TRIGGER_RX = re.compile(r"[\w-]*(?:\s+[^\s.;:!?]+){0,8}?\s+(?:that|which)\s+(?:had\s+)?(?:left|killed|"
                                   r"claimed\s+the\s+lives|wounded|injured)\b", re.I)


#: "we swore to protect", "had pledged to guard": a commitment told, not a wish for what may come.
_PROMISED_BEFORE_RX = re.compile(r"\b(?:swore|sworn|promised|pledged|vowed|undertook|undertaken|committed|agreed|"
                                 r"obliged|obligated|supposed|tasked|charged|responsible\s+for|failed)\s+$", re.I)


def _hypothetical(sentence: str, anchor: int) -> bool:
    """True when a cue of wish, fear or demand stands close to the trigger word, in its clause."""
    did = None  # whether a clause after the trigger tells what the attack did (looked up once, if needed)
    for m in _HYPO_RX.finditer(sentence):
        if not (abs(m.start() - anchor) <= HYPOTHETICAL_REACH or m.start() <= anchor <= m.end()) \
                or _CLAUSE_GAP_RX.search(sentence, min(m.end(), anchor), max(m.start(), anchor)):
            continue
        if m.group(0)[:3].lower() == "to " and _PROMISED_BEFORE_RX.search(sentence, max(0, m.start() - 30), m.start()):
            continue  # "residents we swore to protect were massacred": a promise broken, the massacre happened
        if m.end() <= anchor:
            did = _DID_AFTER_TRIGGER_RX.match(sentence, anchor) is not None if did is None else did
            if did:
                continue  # "called for action over the attack that left 11 dead": the demand is about a told attack
        return True
    return _PLANNED_BEFORE_RX.search(sentence, max(0, anchor - 80), anchor) is not None \
        or ("rder" in sentence or "nstruct" in sentence or "ommand" in sentence or "irect" in sentence
            or "ground" in sentence) and _ORDERED_BEFORE_RX.search(sentence, max(0, anchor - 160), anchor) is not None


#: A count of the munitions right before a plural attack word ("two mortar shells", "four rockets", "a number of
#: rockets"): one event told by what hit, not a general statement.
_MUNITIONS_COUNT_RX = re.compile(r"(?:\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|"
                                 r"thirty|forty|fifty|dozens\s+of|scores\s+of|multiple|a\s+number\s+of|"
                                 r"a\s+(?:barrage|salvo|volley|hail)\s+of|\d+)|\d)\s+(?:[\w-]+\s+)?$", re.I)
_MUNITIONS = frozenset(("missiles", "rockets", "katyushas", "mortars", "shells", "bombs"))


#: The reason that marks an attack word told only in the plural, with no figures (:func:`_only_plural`).
PLURAL_REASON = "plural, no figures: a general statement"


def _only_plural(sentence: str) -> bool:
    if _ANY_ATTACK_RX.search(sentence) is None:
        return False  # no attack word at all
    found = [m for _, rx in _ATTACK_RX for m in rx.finditer(sentence)]
    words = [m.group(0).lower() for m in found]
    if not words or not all(w.endswith("s") and not w.endswith("ss") for w in words):
        return False
    # "Two mortars landed on the camp", "multiple rockets hit the base": counted munitions tell one event
    return not any(w in _MUNITIONS and _MUNITIONS_COUNT_RX.search(sentence, 0, m.start())
                   for w, m in zip(words, found))


#: A date right after a verb of saying is when the claim was made, not when the event happened.
_SAID_BEFORE_DATE_RX = re.compile(r"\b(?:said|says|told\s+[\w.]+(?:\s+[\w.]+)?|announced|reported|added|stated|"
                                  r"confirmed|claimed|denied|statement|reports?|news\s+conference|recounted|recalled|"
                                  r"described|remembered)\s+"
                                  # "told reporters in Geneva on Tuesday": where it was said, then when
                                  r"(?:in\s+(?-i:[A-Z][\w.’'-]*)(?:\s+(?-i:[A-Z][\w.’'-]*))?\s+)?"
                                  r"(?:on\s+|late\s+|early\s+|this\s+|last\s+)?$", re.I)


#: "the deadliest attack since violence erupted in the country in 2015": a date inside a "since" clause is a bound.
_SINCE_CLAUSE_BEFORE_RX = re.compile(r"\b(?:deadliest|worst|bloodiest|biggest|largest|heaviest|highest|first|"
                                     r"most\s+[\w-]+)\s+(?:[\w’'-]+\s+){0,4}?since\s+(?!then\b)[^,;:.!?()]{0,100}$",
                                     re.I)
_BACKGROUND_WORD_RX = re.compile(r"\b(?:since|that|which|who|whom|where)\b", re.I)


def _background_clause(text: str, d: DateMention) -> bool:
    """True when ``d`` ends a clause of background opened by "since", "that", "which", "who" or "where" (the last one
    before it, in its sentence) that tells no killing or attack: "an area that was given to the group 25 years ago",
    "attacks since the transfer four years ago" (not "since bombers killed 33 in Casablanca eight years ago")."""
    before = text[max(0, d.start - 160):d.start]
    cut = max(before.rfind(". "), before.rfind(";"), before.rfind("!"), before.rfind("?"))
    last = None
    for last in _BACKGROUND_WORD_RX.finditer(before, cut + 1):
        pass
    return last is not None and _ATTACK_WORD_RX.search(before, last.end()) is None


#: "since eastern forces launched a ground offensive three months ago": a period's start, not an event's day.
_SINCE_LAUNCHED_BEFORE_DATE_RX = re.compile(r"\bsince\s+[^,;:.!?]{0,80}?\b(?:launched|began|started|opened|declared|"
                                            r"took\s+power|came\s+to\s+power)\s+[^,;:.!?]{0,60}$", re.I)


def _since_bound(text: str, d: DateMention) -> bool:
    """True when ``d`` lies in a superlative's "since" clause that tells no attack of its own ("the deadliest attack
    since violence erupted in 2015"); "the worst attack since a 2016 bombing killed 300" dates that bombing."""
    if "since" not in text[max(0, d.start - 110):d.start].lower():
        return False
    m = _SINCE_CLAUSE_BEFORE_RX.search(text, max(0, d.start - 110), d.start)
    if m is None or _ATTACK_NOUN_AFTER_RX.match(text, d.end):
        return False
    stop = re.search(r"[,;:.!?]", text[d.end:d.end + 200])
    clause = text[m.start():d.end + (stop.start() if stop else 200)]
    return _KILL_RX.search(clause) is None


_BOUND_BEFORE_DATE_RX = re.compile(r"\b(?:before|until|till|by|since)\s+(?:on\s+)?$", re.I)


#: "Testifying before a committee on Wednesday, the minister said …": the day of the testimony, not of the event.
_SPEAKING_BEFORE_DATE_RX = re.compile(r"\b(?:testif(?:y|ying|ied)|speaking|spoke|addressing|addressed|briefing|"
                                      r"(?:in|during)\s+an?\s+interview)\b[^,.;:\"“”]{0,70}\s(?:on\s+|late\s+|early\s+)?$",
                                      re.I)


#: "Earlier today, officials confirmed that …", "On Friday, the ministry said …": a date opening the sentence, then
#: its subject (a few words, no comma) and a verb of saying: the day the claim was made.
_OPENS_SENTENCE_BEFORE_RX = re.compile(r"(?:^|[.!?][\"”’)]?\s+|\n\s*)(?:(?:earlier|later|late|early)\s+)?(?:on\s+)?$",
                                       re.I)
_SAYS_AFTER_DATE_RX = re.compile(r"\s*,\s*(?:[\w.'’-]+\s+){1,6}?(?:said|says|confirmed|confirm|announced|reported|"
                                 r"stated|told|added|claimed|denied|acknowledged|admitted)\b", re.I)


#: "exiles today called on X to …", "the ministry on Tuesday said": the date sits between the speaker and the verb.
_STATES_AFTER_DATE_RX = re.compile(r"\s+(?:called\s+(?:on|for)|urged|demanded|appealed|condemned|denounced|accused|"
                                   r"blamed|warned|said|told|announced|confirmed|stated|claimed|denied)\b", re.I)


def _says_after_date(text: str, d: DateMention) -> bool:
    """True when ``d`` opens its sentence and a speaker's verb of saying follows it ("Earlier today, officials
    confirmed that the raid had killed 30"): the day of the statement, not of what it tells."""
    m = _SAYS_AFTER_DATE_RX.match(text, d.end)
    return m is not None and _OPENS_SENTENCE_BEFORE_RX.search(text[max(0, d.start - 12):d.start]) is not None \
        and _ATTACK_WORD_RX.search(m.group(0)) is None


#: "(Reuters, 12 May)", "(News, 13 September, 2013)": a citation of a report in brackets, its date the report's.
_CITATION_BEFORE_RX = re.compile(r"\((?-i:[A-Z])[\w.&’' -]{0,40},\s*$")
_CITATION_AFTER_RX = re.compile(r"(?:\s*,?\s*(?:19|20)\d\d)?\s*\)")


def statement_date(text: str, d: DateMention) -> bool:
    """True when ``d`` dates a statement ("a spokesman said Thursday", a cited report "(Reuters, 12 May)"), not
    the event told."""
    if _SAID_BEFORE_DATE_RX.search(text[max(0, d.start - 70):d.start]) or _says_after_date(text, d) \
            or _STATES_AFTER_DATE_RX.match(text, d.end):
        return True
    if "(" in text[max(0, d.start - 44):d.start] and _CITATION_BEFORE_RX.search(text, max(0, d.start - 44), d.start) \
            and _CITATION_AFTER_RX.match(text, d.end):
        return True
    before = text[max(0, d.start - 110):d.start]
    return any(w in before.lower() for w in ("testif", "speak", "spoke", "address", "briefing", "interview")) \
        and bool(_SPEAKING_BEFORE_DATE_RX.search(before))


#: How a date of the dateline is marked (:func:`extract_document`): the report's date, never the event's.
_DATELINE_DATE = "dateline: "


#: ", where the group was moved last year", ", which was delisted last year": a clause of its own after a noun.
_RELATIVE_RX = re.compile(r"(?P<noun>[\w’'-]+)\s*,\s+(?:where|which|who|whose)\s+[^,;:]*$", re.I)
#: "a transit camp known as Camp X where 3,000 residents were moved last year": "where" after a place, no comma.
_WHERE_RX = re.compile(r"(?:(?-i:[A-Z])[\w’'-]*|camps?|bases?|towns?|villages?|city|site|compound|area)\s+where\s+"
                       r"(?:[^,;:.!?]|(?<=\d)[,.](?=\d))*$", re.I)
#: "a village that was the scene last year of …", "the town that suffered an attack in 2019": a clause after a noun
#: telling what the place (or thing) went through before.
_THAT_CLAUSE_RX = re.compile(r"\b(?:a|an|the|this)\s+(?:[\w’'-]+\s+){0,2}?(?P<noun>[\w’'-]+)\s+that\s+"
                             r"(?:(?:was|were|had\s+been|has\s+been)\s+(?:the\s+|a\s+)?(?:scene|site|target|venue)\b|"
                             r"(?:had\s+)?(?:suffered|saw|witnessed|endured|experienced)\b)[^,;:]*$", re.I)
_EVENT_NOUN_RX = re.compile(r"(?:attacks?|bombings?|raids?|shelling|strikes?|blasts?|explosions?|assaults?|incidents?|"
                            r"killings?|massacres?|ambush|fighting|clashes|violence|\w+day|\d+)$", re.I)


_DATED_THING_AFTER_RX = re.compile(r"\s+(?:deal|agreement|accord|decision|law|resolution|ceasefire|truce|meeting|"
                                   r"talks|summit|vote|election|deadline|order|memorandum|plan)\b", re.I)


#: "the memorandum of understanding of 25 December 2011", "an agreement signed on May 3": the thing's date.
_DATED_THING_BEFORE_RX = re.compile(r"\b(?:deal|agreement|accord|memorandum(?:\s+of\s+understanding)?|resolution|"
                                    r"ceasefire|truce|decree|law|treaty|plan|letter)\s+(?:(?:signed|reached|dated|"
                                    r"adopted|agreed)\s+)?(?:of|on|dated|from)\s+(?:the\s+)?$", re.I)
#: "the memorandum signed between X and Y, on 25 December 2011": the day a text was signed.
_SIGNED_ON_BEFORE_DATE_RX = re.compile(r"\b(?:signed|agreed|adopted|ratified|concluded|issued|published)\b[^.;:]{0,80}?"
                                       r"\bon\s+$", re.I)
#: "the September 1 massacre", "Friday's attack": an attack's date, not a move's (:func:`_relocation`).
_ATTACK_NOUN_AFTER_RX = re.compile(r"(?:['’]s)?\s+(?:[\w-]+\s+)?(?:attacks?|massacres?|raids?|bombings?|shelling|"
                                   r"assaults?|killings?|clashes|violence|strikes?|blasts?)\b", re.I)


def _dated_thing_after(text: str, d: DateMention) -> bool:
    """"a December 25 deal", "the December 25, 2011, Memorandum": the date names a deal, a meeting, a law."""
    if _DATED_THING_AFTER_RX.match(text, d.end):
        return True
    # a full date with its year is set off by commas in US style before the noun it qualifies
    return d.text[-4:].isdigit() and text.startswith(",", d.end) and _DATED_THING_AFTER_RX.match(text, d.end + 1) \
        is not None


#: Mourning or remembrance: "a (national) day of mourning", "memorial service", "vigil", "commemorations".
_MOURNING_RX = re.compile(r"\b(?:mourning|memorial\s+services?|vigils?|commemorat\w+|in\s+(?:memory|remembrance)\s+of)\b",
                          re.I)


def _mourning_day(text: str, d: DateMention) -> bool:
    """True when date ``d`` is a day of mourning or remembrance: "June 9 was declared a day of national mourning",
    "I declare Thursday, June 9, a day of mourning", "The mourning for those killed … was observed today"."""
    near = text[max(0, d.start - 120):d.end + 80].lower()
    if "mourn" not in near and "vigil" not in near and "memor" not in near and "remembr" not in near:
        return False  # most dates: no word of mourning near (one substring scan instead of two regex searches)
    after = _MOURNING_RX.search(text, d.end, d.end + 80)
    if after is not None and not re.search(r"[.;:!?]", text[d.end:after.start()]):
        return True
    before = None
    for before in _MOURNING_RX.finditer(text, max(0, d.start - 120), d.start):
        pass
    return before is not None and not re.search(r"[.;:!?]|,\s+(?:and|but|while|as)\s", text[before.end():d.start])


def _in_relative_clause(text: str, at: int, anchor: int) -> bool:
    """True when position ``at`` (a date) lies in a relative clause about something else than the event.

    "The attack struck the group's base, where authorities moved them last year": the move's year, not the
    attack's; "his son, who entered the school two days ago, when the blast …": the son's day. Not when the
    clause is about the event ("the attack, which happened on Sunday") or holds the trigger (``anchor``).
    """
    back = text[max(0, at - 150):at]
    if ", wh" not in back and ",wh" not in back:
        where = _WHERE_RX.search(back) if " where " in back else None
        if where is not None:
            # "struck Camp X where residents were moved last year": no comma, the same clause about the place
            return not _clause_holds(text, at - len(back) + where.start(), at, anchor)
        if " that " not in back:
            return False
        # "an attack on a village that was the scene last year of a massacre", "the town that suffered an attack
        # in 2019": a clause telling what the place went through before, whatever trigger word it holds
        m = _THAT_CLAUSE_RX.search(back)
        return m is not None and not _EVENT_NOUN_RX.fullmatch(m.group("noun"))
    m = _RELATIVE_RX.search(back)
    if m is None or _EVENT_NOUN_RX.fullmatch(m.group("noun")):
        return False
    return not _clause_holds(text, at - len(back) + m.end("noun"), at, anchor)


def _clause_holds(text: str, begins: int, at: int, anchor: int) -> bool:
    """Whether the relative clause that begins at ``begins`` and runs past ``at`` to the next punctuation holds
    ``anchor`` (the trigger: then the clause tells the event)."""
    stop = re.search(r"[,;:.!?]", text[at:at + 300])
    ends = at + (stop.start() if stop else len(text) - at)
    return begins <= anchor < ends


#: "a civil war that began in late 2013", "the conflict, which erupted in 2011": when a war started, not an event.
_WAR_BEGAN_BEFORE_DATE_RX = re.compile(r"\b(?:war|conflict|crisis|insurgency|uprising|rebellion|revolution|"
                                       r"occupation|siege|unrest)\s*,?\s+(?:that|which)\s+(?:first\s+)?(?:began|started|"
                                       r"erupted|broke\s+out)\s+(?:in\s+|on\s+)?(?:the\s+)?(?:late\s+|early\s+|"
                                       r"mid-?\s*)?$", re.I)


#: "linked to the", "revenge for", "the anniversary of": the dated attack that follows is another than the sentence's.
_OTHER_ATTACK_BEFORE_RX = re.compile(r"\b(?:linked\s+to|tied\s+to|behind|responsible\s+for|blamed\s+for|accused\s+of|"
                                     r"convicted\s+(?:of|for)|charged\s+(?:with|over)|plann(?:ed|ing)|"
                                     r"mastermind(?:ed|ing)?(?:\s+of)?|revenge\s+for|retaliation\s+for|"
                                     r"anniversary\s+of|(?:leaders?|commanders?|head|chief|organi[sz]ers?|"
                                     r"perpetrators?|architects?)\s+of)\s+(?:the\s+|a\s+|an\s+)?$",
                                     re.I)


#: "a village targeted in", "the town hit by": what the target went through before (the dated attack after it).
_TARGET_BEFORE_RX = re.compile(r"\b(?:targeted|hit|struck|attacked|ravaged|devastated)\s+(?:in|by|during)\s+"
                               r"(?:the\s+|a\s+|an\s+)?$", re.I)


def _earlier_attack_on_the_target(text: str, d: DateMention) -> bool:
    """True when date ``d`` dates an attack the sentence's target suffered before the attack it tells: "Gunmen
    raid a village hit in last year's massacre, 20 killed" (an attack word before the participle: the sentence's
    own). "A policeman hit in Sunday's attack died" has none: Sunday's attack is the sentence's event."""
    m = _TARGET_BEFORE_RX.search(text, max(0, d.start - 40), d.start)
    return m is not None and _ATTACK_NOUN_AFTER_RX.match(text, d.end) is not None \
        and _ANY_ATTACK_RX.search(text, 0, m.start()) is not None


_ORDINAL_WORDS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
                  "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
                  "eighteenth", "nineteenth", "twentieth")
#: "Tuesday marks the second anniversary of the massacre": the anniversary's day, that many years after the event.
_ANNIVERSARY_AFTER_RX = re.compile(r"\s+(?:marks|marked|will\s+mark|is|was)\s+the\s+(?P<n>\d{1,2}(?:st|nd|rd|th)|"
                                   + "|".join(_ORDINAL_WORDS) + r")\s+anniversary\s+of\b", re.I)


def _anniversary(text: str, d: DateMention) -> DateMention:
    """``d``, or the year of the event it is the anniversary of ("Tuesday marks the second anniversary of the
    massacre": two years before Tuesday's year; only the year can be told)."""
    m = _ANNIVERSARY_AFTER_RX.match(text, d.end) if d.value else None
    if m is None:
        return d
    word = m.group("n").lower()
    n = int(word[:-2]) if word[0].isdigit() else _ORDINAL_WORDS.index(word) + 1
    year = int(d.value[:4]) - n
    return replace(d, value=f"{year:04d}", precision="year", how=f"{d.text!r} marks the {word} anniversary: {year}")


def _event_date(text: str, dates: list[DateMention], anchor: int) -> tuple[DateMention | None, bool]:
    """The event's date in a sentence, and whether it is only a statement's date (weak)."""
    dates = [_anniversary(text, d) for d in dates if not d.how.startswith(_DATELINE_DATE)]
    # "before Wednesday", "until May": a bound, not the day of the event
    dates = [d for d in dates if not _BOUND_BEFORE_DATE_RX.search(text[max(0, d.start - 12):d.start])
             and not _since_bound(text, d)]
    dates = [d for d in dates if not _in_relative_clause(text, d.start, anchor)]
    # "an area that was given to the group 25 years ago", "attacks since the transfer four years ago": years counted
    # back in a clause of background, not the event's year
    dates = [d for d in dates if not (" ago" in d.text and d.precision in ("year", "month")
                                      and _background_clause(text, d))]
    # "people fleeing a civil war that began in late 2013": the war's start, not the event's date; "since forces
    # launched an offensive three months ago": the start of a period
    dates = [d for d in dates if not _WAR_BEGAN_BEFORE_DATE_RX.search(text[max(0, d.start - 80):d.start])
             and not _SINCE_LAUNCHED_BEFORE_DATE_RX.search(text, max(0, d.start - 160), d.start)]
    # "June 9 was declared a day of mourning", "the mourning … was observed today": the day of mourning
    dates = [d for d in dates if not _mourning_day(text, d)]
    # "a December 25 deal", "the May 3 agreement": the date of the deal, not of the event told
    dates = [d for d in dates if not _dated_thing_after(text, d)
             and not _DATED_THING_BEFORE_RX.search(text, max(0, d.start - 60), d.start)
             and not _SIGNED_ON_BEFORE_DATE_RX.search(text, max(0, d.start - 120), d.start)]
    # "a commander linked to the October 7 attack", "revenge for Friday's bombing": another attack's date
    dates = [d for d in dates if not (_OTHER_ATTACK_BEFORE_RX.search(text, max(0, d.start - 40), d.start)
                                      and _ATTACK_NOUN_AFTER_RX.match(text, d.end))
             and not _earlier_attack_on_the_target(text, d)]
    told = [d for d in dates if not statement_date(text, d)]
    if told:
        return _date(told, anchor), False
    return _date(dates, anchor), bool(dates)


#: "killed … two days earlier", "three days ago": the event that many days before the sentence's day (or the report's).
_DAYS_BACK_RX = re.compile(r"\b(?P<n>an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+"
                           r"(?P<unit>days?|weeks?)\s+(?:(?P<rel>earlier|before|ago)\b|"
                           # "said on Tuesday it had counted 52 bodies, two days after violence": the violence
                           r"(?P<after>after)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:violence|attacks?|raids?|"
                           r"bloodshed|massacres?|killings?|clashes|bombings?|shelling|assaults?|strikes?|blasts?)\b)",
                           re.I)


def _counted_back(sent: str, offset: int, dates: list[DateMention], date: DateMention | None,
                  doc: Document, anchor: int | None = None) -> DateMention | None:
    """The event's date when the sentence counts days back from its own day or the report's; else ``date``.

    "Mourners on Thursday buried the 18 killed two days earlier": Tuesday, not Thursday. "Killed three days ago":
    three days before the report's day (a published day only).
    """
    if " earlier" not in sent and " before" not in sent and " ago" not in sent and " after" not in sent:
        return date
    m = _DAYS_BACK_RX.search(sent)
    if m is None or (anchor is not None and _in_relative_clause(sent, m.start(), anchor)):
        return date  # "his son, who joined two days ago, …": not the event's day
    n = count_word(m.group("n"))
    if not n:
        return date
    days = n * (7 if m.group("unit").lower().startswith("week") else 1)
    start, end = offset + m.start(), offset + m.end()
    if m.group("rel") and m.group("rel").lower() == "ago":
        base = _report_day(doc)
    else:
        own = [d for d in dates if d.value and d.precision == "day" and not (d.start < end and start < d.end)
               and not d.how.startswith(_DATELINE_DATE)]
        base = own[0].value if own else None
    if base is None or len(base) != 10:
        return date
    value = (dt.date.fromisoformat(base) - dt.timedelta(days=days)).isoformat()
    return DateMention(start, end, m.group(0), value, "day", f"{m.group(0)!r} counted back from {base}")


#: "Two days later", "a week later", "the next day", "the following month": counted on from the event told before.
_LATER_RX = re.compile(r"(?:(?P<n>an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(?P<unit>days?|weeks?|"
                       r"months?)\s+later|(?:the\s+)?(?:next|following)\s+(?P<unit1>day|week|month))", re.I)


def _event_dates(text: str, resolved: list[DateMention]) -> list[DateMention]:
    """The dates of a sentence that may be an event's: not a dateline's, not a statement's ("said on Saturday")."""
    return [d for d in resolved if d.precision in ("day", "month", "year") and not d.how.startswith(_DATELINE_DATE)
            and not statement_date(text, d)]


#: How the date of an attack referred back to is noted (:func:`_refers_back`).
REFERS_BACK_DATE = "the date of the sentence before, the event referred back to"


def _refers_back(c: Candidate, sent: str, d: DateMention) -> None:
    """Date an attack told with no date of its own by the sentence before it, when it refers back to it.

    "In late July, forces took control of the camp. The raid sparked clashes in which seven were killed": the
    sentence before tells no attack word, only what happened and when; "The raid" opening the next is that event.
    Only a definite attack noun opening the sentence, only the sentence right before (which told no event), and
    only before any attack is told (after a lede on an attack, "The attack struck …" is that attack again).
    """
    if not _definite_event(sent, len(sent) - len(sent.lstrip())):
        return
    c.date, c.date_precision, c.date_note, c.month_day = d.value, d.precision, f"{d.text!r}: {REFERS_BACK_DATE}", \
        d.month_day
    c.confidence = round(min(1.0, c.confidence + 0.1), 3)
    c.reasons.append(f"date {d.text!r}: {REFERS_BACK_DATE}")


def _near_day_told(text: str, resolved: list[DateMention], report_day: str | None) -> int | None:
    """Where the first full day of these dates within :data:`BACKGROUND_DAYS` before the report's day stands, else
    None: the text has named a day of the report's own time (see :func:`_background`). Not a dateline's, and not a
    date line's ("December 16, 2017" alone on its line: the page's date, over a chronology of old events)."""
    if report_day is None:
        return None
    report = dt.date.fromisoformat(report_day)
    for d in resolved:
        if d.precision == "day" and len(d.value) == 10 and not d.how.startswith(_DATELINE_DATE) \
                and 0 <= (report - dt.date.fromisoformat(d.value)).days <= BACKGROUND_DAYS:
            end = text.find("\n", d.end)
            line = text[text.rfind("\n", 0, d.start) + 1:end if end >= 0 else len(text)]
            if len(line.strip()) > len(d.text) + 12:
                return d.start
    return None


def _day_told(resolved: list[DateMention]) -> str | None:
    """The last full day a sentence tells (not its dateline's): "At midnight on 2 April 2011, vehicles entered the
    camp. Six days later, forces attacked" counts "later" on from it, even though the sentence tells no attack."""
    days = [d for d in resolved if d.precision == "day" and len(d.value) == 10 and not d.how.startswith(_DATELINE_DATE)]
    return days[-1].value if days else None


def _counted_on(d: DateMention, base: str) -> DateMention:
    """``d`` dated from ``base`` (the day of the event told before) when it says "<n> days later", "the next day";
    else ``d`` as it is. A month counted on gives a month (``dateutil.relativedelta``)."""
    m = _LATER_RX.fullmatch(d.text.strip()) if d.value is None else None
    if m is None:
        return d
    unit = (m.group("unit") or m.group("unit1")).lower().rstrip("s")
    n = count_word(m.group("n")) if m.group("n") else 1
    if not n:
        return d
    day = dt.date.fromisoformat(base)
    how = f"{d.text!r} counted on from the day told before, {base}"
    if unit == "month":
        return replace(d, value=(day + relativedelta(months=n)).isoformat()[:7], precision="month", how=how)
    return replace(d, value=(day + dt.timedelta(days=n * (7 if unit == "week" else 1))).isoformat(), precision="day",
                   how=how)


def _photo_date(text: str, d: DateMention) -> bool:
    """A date in brackets closing its line ("A soldier inspects a rocket (21 March 2008)"): when a photo was taken,
    not when the event told beside it happened."""
    if text[d.start - 1:d.start] != "(" or text[d.end:d.end + 1] != ")":
        return False
    line_end = text.find("\n", d.end)
    return not text[d.end + 1:line_end if line_end >= 0 else len(text)].strip()


def _date(dates: list[DateMention], anchor: int) -> DateMention | None:
    """The date of a sentence closest to its trigger word (``anchor``, absolute offset); precision breaks ties."""
    order = {"day": 0, "month": 1, "year": 2}
    dist = lambda d: 0 if d.start <= anchor < d.end else min(abs(d.start - anchor), abs(d.end - anchor))  # noqa: E731
    return min(dates, key=lambda d: (dist(d), order.get(d.precision or "year", 3), d.start)) if dates else None


_UNNAMED_DEST_RX = re.compile(r"\bto\s+(?:a|an|the|another)\s+(?:[\w-]+\s+){0,2}(?:camp|base|site|compound|"
                              r"facility|location|place|city|town|country|prison)\b(?!\s+of\s+[A-Z])", re.I)
#: "… a transit site called X", "a camp known as X": the name that follows a described destination.
_NAMED_AS_RX = re.compile(r"\s*,?\s*(?:(?:which\s+is\s+|now\s+)?(?:called|named|dubbed|known\s+as)|"
                          r"(?:which\s+is\s+)?(?:now\s+)?(?:called|named|dubbed|known\s+as))\s+(?:the\s+)?", re.I)
#: "their transfer to third countries", "resettled in a third country": a move abroad, to no place named.
_THIRD_COUNTRY_RX = re.compile(r"\b(?:to|in|into)\s+(?:(?:a|an|other|another|third|foreign|various|several)\s+){1,2}"
                               r"countr(?:y|ies)\b", re.I)
#: "the city of", "a camp in the province of" right before a name: the name's own kind word, not a place of its own.
_KIND_OF_BEFORE_RX = re.compile(r"\s(?:the|a|an)\s+(?:[\w-]+\s+)?(?:city|town|village|province|district|region|"
                                r"governorate|county|state|capital|port|camp|island)\s+of\s+$", re.I)


#: Between two places, what makes the second the first's location ("Camp X in Iraq", "Camp X, Iraq").
_HOLDS_BETWEEN_RX = re.compile(r"\s*(?:,\s*|\s+in\s+|,\s*(?:also\s+|then\s+|now\s+|still\s+)?in\s+)(?:the\s+)?"
                               r"(?:(?:north|south|east|west)[\w-]*\s+)?", re.I)
#: An office before "to/in/for X": the place is the office's ("the UN envoy to Iraq", "the mission in Iraq").
_OFFICE_BEFORE_RX = re.compile(r"\b(?:envoys?|ambassadors?|representatives?|missions?|delegations?|embassy|embassies|"
                               r"consul(?:ate)?s?|advis[eo]rs?|coordinators?|minister|ministry|office|agency)\s+"
                               r"(?:(?:to|in|for|at|of)\s+)(?:the\s+)?$", re.I)
#: Verbs of arriving: a place named before them ("at the port of X as 1,200 arrived") is the destination.
_ARRIVING = ("arriv", "disembark", "landed", "reached", "docked")
#: Where an attack was, named before a move: "survivors of last week's attack on the town of X", "displaced by the
#: raid on X" came from X.
_ATTACKED_BEFORE_RX = re.compile(r"\b(?:attacks?|raids?|fighting|violence|clashes|assaults?|siege|massacres?|"
                                 r"offensive|bombardment|shelling)\s+(?:[\w’'-]+\s+){0,6}?(?:on|in|at|against)\s+"
                                 r"(?:the\s+)?(?:[\w-]+\s+){0,2}?"
                                 r"(?:(?:town|city|village|port|district|camp)\s+of\s+)?$",
                                 re.I)
#: Words between "from" and a place that make the place only where the origin lies ("from their camp in X").
_DESCRIBED_WORDS = frozenset("camp camps base compound facility site home homes residence settlement".split())
#: Substrings that must be in the words before a place for the patterns below to apply (a cheap test first).
_OFFICE_TAILS = (" to", " in", " for", " at", " of", " the")
_ATTACK_STEMS = ("attack", "raid", "fight", "violen", "clash", "assault", "siege", "massacre", "offensive",
                 "bombard", "shelling")
_RESIDENT_STEMS = ("resid", "living", "lived", "housed", "based", "stay", "shelter", "held", "holed", "detain", "intern",
                   "camped", "inhabitants", "exiles", "refugees", "villagers", "members", "people")
#: Words between "from" and a place that make it no origin ("benefited from the government of X's offer").
_NOT_FROM_WORDS = frozenset("government governments ministry authorities officials offer offers embassy consulate "
                            "side support help president regime".split())
#: Where the people lived: "members residing in Camp X", "exiles based at a camp near X", "who had been living in X".
#: Words that end the phrase after "from" before a place: "from the capital and reached the city of X".
_FROM_ENDED_WORDS = frozenset("and reached arrived landed entered then".split())
_RESIDENT_BEFORE_RX = re.compile(r"\b(?:(?:residents|inhabitants|exiles|refugees|villagers|members|people)\s+of\s+"
                                 r"(?:the\s+)?(?:former\s+)?$|"  # "400 residents of Camp X to Camp Y"
                                 r"(?:residing|resident|residents|living|lived|housed|based|staying|stayed|holed\s+up|"
                                 r"sheltering|sheltered|held|detained|interned|camped)\s+(?:in|at|inside)\s+"
                                 r"(?:(?:a|an|the|their|its|former)\s+)?(?:[\w-]+\s+){0,3}?"
                                 r"(?:(?:near|outside|in|at|of|north\s+of|south\s+of|east\s+of|west\s+of)\s+)?$)",
                                 re.I)
#: A country or region named as a modifier of a noun ("a former U.S. military base", "an Iraqi army camp").
_MODIFIED_AFTER_RX = re.compile(r"(?:['’]s)?\s+(?:[\w-]+\s+)?(?:military|army|air|naval|bases?|camps?|compound|"
                                r"facility|forces|troops|government|officials?|authorities|embassy)\b", re.I)

#: A state's organ after a country's name ("the U.S. State Department said", "Iraqi government officials").
_ORGAN_AFTER_RX = re.compile(r"(?:['’]s)?\s+(?:state\s+department|department|ministry|government|officials|"
                             r"authorities|forces|troops|military|army|embassy|envoy|president|prime\s+minister)\b",
                             re.I)


def _holds(area: Place, p: Place) -> bool:
    """True when ``area`` is a country or region that holds ``p``."""
    if rank(area) >= rank(p) or area.kind not in ("country", "region") or area.country_code != p.country_code:
        return False
    return area.kind == "country" or _inside(area, p)


def _modifier(text: str, m: Mention, p: Place) -> bool:
    """True when a country or region is named as a modifier after an article ("a former U.S. military base")."""
    if rank(p) > 1:
        return False
    if _ORGAN_AFTER_RX.match(text, m.end):
        return True
    before = _words(text[max(0, m.start - 20):m.start].lower())[-1:]
    return bool(before) and before[0] in ("a", "an", "the", "former", "ex") and \
        _MODIFIED_AFTER_RX.match(text, m.end) is not None


#: How far after a relocation clause (characters) the text may name where the people were.
ORIGIN_REACH = 3000

_LEAVE_WORDS = ("left", "departed", "fled", "quit", "vacated", "abandoned", "evacuated", "leaving", "leave", "leaves")


def _described_site(text: str, index: MentionIndex, span: Span, ref: Place | None,
                    origin: Place | None) -> Place | None:
    """The site a report names near a destination it only describes ("a base outside the capital").

    A site (not the origin) named within ORIGIN_REACH characters as where people go or arrive ("to X",
    "into X", "called X", "arrival at X"), the first after the clause, else the latest before it; near ``ref``
    (within NEAR_KM) or in its country when ``ref`` is a country.
    """
    def fits(m: Mention, p: Place) -> bool:
        if p.kind != "site" or (origin is not None and p.place_id == origin.place_id):
            return False
        lead = _words(_KIND_OF_BEFORE_RX.sub(" ", text[max(0, m.start - 40):m.start].lower()))[-3:]
        if not any(w in ("to", "into", "called", "named", "at") for w in lead):
            return False
        if ref is None:
            return origin is None or p.country_code == origin.country_code
        if ref.kind == "country":
            return p.country_code == ref.country_code
        return distance_km(ref, p) <= NEAR_KM
    after = [p for m, p in index.starting_in(span.end, span.end + ORIGIN_REACH) if fits(m, p)]
    if after:
        return after[0]
    before = [p for m, p in index.starting_in(max(0, span.start - ORIGIN_REACH), span.start) if fits(m, p)]
    return before[-1] if before else None


def _placed_after(text: str, index: MentionIndex, pos: int, other: str) -> Place | None:
    """The first site or city (more specific on ties) named within ORIGIN_REACH after ``pos`` as where people are,
    not as where they would go back to (:func:`going_back`); ``other`` (the destination's id) left out."""
    found = [(m, p) for m, p in index.starting_in(pos, pos + ORIGIN_REACH)
             if rank(p) >= 2 and p.place_id != other and not going_back(text, m)]
    return min(found, key=lambda mp: (mp[0].start, -rank(mp[1])))[1] if found else None


#: "arrived in X", "resettled at X", "left for X": a destination "in"/"at"/"for" follows the verb within this many
#: characters; farther on ("the convoy departed …, and they informed their friends in X") it is another clause's.
DEST_IN_REACH = 80


def _to_a_count(words: list[str]) -> bool:
    """True when the last "to" of ``words`` is a count's ("up to 210", "to 44") or an infinitive's, not a move's."""
    at = max(i for i, w in enumerate(words) if w in ("to", "into")) if {"to", "into"} & set(words) else None
    if at is None:
        return False
    return (at > 0 and words[at - 1].lower() == "up") or any(w[:1].isdigit() for w in words[at + 1:])


#: A country named as a move's origin, refined to the site the text says the people lived in: no guess.
RESIDENT_ORIGIN_NOTE = "origin: the site the text says they lived in"


def _resident_site(index: MentionIndex, text: str, country: str | None, dest: Place | None) -> Place | None:
    """The first site of country ``country`` the document names as where people lived ("members residing in Camp
    X", "holed up in Camp X"), not ``dest``; asked once a document (cached on the index)."""
    found = getattr(index, "_resident_sites", None)
    if found is None:
        found = index._resident_sites = []
        # every site the text names, also those left out as a scene: "the group, based at Camp X" reads like an
        # organisation's seat, but says where its people lived
        for m, p in index.everything or [index.pairs[n] for n in index.sites]:
            if rank(p) < 3:
                continue
            before = text[max(0, m.start - 60):m.start]
            if any(w in before.lower() for w in _RESIDENT_STEMS) and _RESIDENT_BEFORE_RX.search(before):
                found.append(p)
    return next((p for p in found if country is not None and p.country_code == country
                 and (dest is None or p.place_id != dest.place_id)), None)


#: "X has accepted 120", "X welcomed the first 14 residents": the subject takes people in; not "X welcomed the
#: departure of 397 residents", "X welcomed the decision": a state that approves of something.
_ACCEPTED_AFTER_RX = re.compile(r"\W*(?:\w+\W+){0,2}(?:has|have|had)?\s*(?:accepted|accepts|took\s+in|taken\s+in|"
                                r"welcomed|received|agreed\s+to\s+(?:take|accept))(?!\s+(?:the|their|this|that|its)\s+"
                                r"(?:[\w-]+\s+){0,2}?(?:departure|arrival|decision|move|relocation|transfer|news|"
                                r"announcement|step|agreement|progress|completion|efforts?|statement|report)\b)",
                                re.I)


def _relocation_ends(text: str, span: Span, doc_mentions, verb_at: int,
                     moved_to: Place | None = None) -> tuple[Place | None, Place | None, list[str]]:
    """Origin and destination of a relocation clause, with notes on how each was found.

    ``verb_at`` is the offset of the moving verb: a destination ("to X", "in X") follows it, so
    "after years in Iran they moved to …" does not take Iran for the destination. ``moved_to``: the site a move
    told before in the document took people to (where they are now, when no origin is written).
    """
    index = _index(doc_mentions)
    notes = []
    inside = index.within(span.start, span.end)
    origin = dest = dest_in = where_before = resident = attacked = None
    origin_described = origin_early = False
    verb = _RELOC_RX.match(text, verb_at)
    # every moving word of the clause from the verb on: "civilians evacuated from X arrived in Y" — Y's "in" is
    # "arrived"'s, within DEST_IN_REACH of it though far from "evacuated"
    verbs = [verb_at] + [v.start() for v in _RELOC_RX.finditer(text, verb_at + 1, span.end)] \
        if verb is not None else [verb_at]
    arriving = verb is not None and verb.group(0).lower().startswith(_ARRIVING)
    prev_m = prev_p = None
    for m, p in inside:
        last_end = prev_m.end if prev_m is not None else span.start
        if prev_p is not None and _HOLDS_BETWEEN_RX.fullmatch(text, prev_m.end, m.start) and _holds(p, prev_p):
            prev_m = m
            continue  # "left Camp X in Iraq", "Camp X, Iraq": where the place named before lies, not an end
        prev_m, prev_p = m, p
        if _modifier(text, m, p):
            continue  # "a former U.S. military base", "the U.S. State Department": no end of the move
        # the words since the place named before ("in Iraq, the U.S. …": the "in" is Iraq's)
        raw = text[max(span.start, m.start - 60, last_end):m.start]
        if raw.rstrip().endswith(_OFFICE_TAILS) and _OFFICE_BEFORE_RX.search(raw):
            continue  # "the UN envoy to Iraq", "the mission in X": an office's place, not an end
        lead = raw.lower()
        # "to the city of X", "from the village of X": the words before the name's own "the <kind> of"
        lead = _KIND_OF_BEFORE_RX.sub(" ", lead)
        if "out of" in lead:
            lead = re.sub(r"\bout\s+of\b", "from", lead)  # "moved 400 exiles out of Camp X": from it
        all_words = _words(lead)
        prev_words = all_words[-4:]
        # "from X", "from their residence in X", "from a former military base near X": an origin unless a "to"
        # comes between (or a government: "benefited from the government of X's offer")
        at_from = len(all_words) - 1 - all_words[::-1].index("from") if "from" in all_words else None
        after_from = all_words[at_from + 1:] if at_from is not None else None
        if after_from is not None and ("to" in after_from or _NOT_FROM_WORDS.intersection(after_from)
                                       or _FROM_ENDED_WORDS.intersection(after_from)):
            after_from = None  # (nor "from the capital and reached X": the "from" had its own object)
        low = raw.lower()
        if attacked is None and m.start < verb_at and any(w in low for w in _ATTACK_STEMS) \
                and _ATTACKED_BEFORE_RX.search(raw):
            attacked = p  # "survivors of last week's attack on X have reached Y": they come from X
            continue
        if resident is None and any(w in low for w in _RESIDENT_STEMS) and _RESIDENT_BEFORE_RX.search(raw):
            resident = p  # "members residing in Camp X", "exiles based at a camp near X": where the people were
            continue
        if origin is None and after_from is not None and _DESCRIBED_WORDS.intersection(after_from):
            origin_described = True  # "from their camp in northwestern X": X only says where the camp lies
        if origin is None and ((after_from is not None)
                               or (prev_words and prev_words[-1] in _LEAVE_WORDS)
                               or (len(prev_words) > 1 and prev_words[-2] in _LEAVE_WORDS
                                   and prev_words[-1] in ("former", "the", "their", "its"))):
            origin, origin_early = p, m.start < verb_at
        elif origin_early and after_from is not None and m.start > verb_at:
            # "an opposition group in exile from X, who were transferred from their home, Camp Y": the move's own
            # "from" after its verb, not a "from" that describes the people before it
            origin, origin_early = p, False
        elif dest is None and m.start >= verb_at and (any(w in ("to", "into") for w in prev_words[-3:])
                                                      or prev_words[-1:] == ["reached"]) \
                and not _to_a_count(prev_words) and (origin is None or p.place_id != origin.place_id):
            dest = p  # (not "accept up to 210 Camp X residents": a count's bound, and those people's camp)
        elif dest_in is None and m.start >= verb_at and any(w in ("for", "in", "at") for w in prev_words[-3:]) \
                and m.start - max(v for v in verbs if v <= m.start) <= DEST_IN_REACH:
            # "in X" is a destination only when no "to Y" follows ("the UN mission in X … flown to Y")
            dest_in = p
        elif m.start < verb_at and where_before is None and (prev_words and prev_words[-1] in ("in", "at")
                                                               or p.kind == "site"):
            # "after a decade in X, they moved to Y": X is where they came from; so is a site named before the
            # verb ("Aiming to close Camp X, the government moved 400 exiles to …")
            where_before = p
    if dest is None and dest_in is not None and dest_in is not origin:
        dest = dest_in
    if dest is None and arriving and where_before is not None and where_before is not origin:
        dest, where_before = where_before, None  # "scenes at the port of X as 1,200 people arrived": X
        notes.append("destination: where they arrived")
    if origin is None and attacked is not None and attacked is not dest:
        origin = attacked
        notes.append("origin: the place attacked that they came from")
    if dest is None:
        # "Norway has accepted 120": the subject of accept/take in/welcome/receive is the destination.
        for m, p in inside:
            rest = text[m.end:span.end]
            if _ACCEPTED_AFTER_RX.match(rest) and p is not origin:
                dest = p
                break
    if origin_described and origin is not None and rank(origin) < 3:
        # the site the text has placed the people at, if it lies there ("their camp in northwestern X" is Camp Y)
        fits = lambda site: site is not None and site.kind == "site" and (  # noqa: E731
            _holds(origin, site) or (rank(origin) >= 2 and distance_km(origin, site) <= NEAR_KM))
        other = frozenset({dest.place_id}) if dest is not None else frozenset()
        site = index.most_named_before(span.start, dest.place_id if dest is not None else None)
        if not fits(site):
            # the site named next after the sentence, unless another town comes first (however it is named)
            site = index.first_fine_after(span.end, ORIGIN_REACH, other, any_use=True)
        if fits(site):
            origin = site
            notes.append("origin described: the site the text places them at")
    if origin is None and resident is not None and resident is not dest:
        origin = resident
    if origin is not None and rank(origin) == 0:
        # "flown from Country A to B … The members had been residing in Camp X": the site the text says they lived
        # in, in that country, is where the move began
        site = _resident_site(index, text, origin.country_code, dest)
        if site is not None:
            origin = site
            notes.append(RESIDENT_ORIGIN_NOTE)
    if origin is None and where_before is not None and where_before is not dest:
        origin = where_before
    clause = text[span.start:span.end]
    if dest is None and origin is not None and _UNNAMED_DEST_RX.search(clause):
        # "… from X to an unnamed camp. Its name? Y." — the next place after the sentence in its paragraph.
        later = [(m, p) for m, p in index.starting_in(span.end, span.para_end) if p.place_id != origin.place_id]
        if later:
            dest = later[0][1]
            notes.append("destination named after the sentence")
    described = _UNNAMED_DEST_RX.search(clause) if dest is None or dest.kind != "site" else None
    if described is not None:
        # "moved to a transit site called X", "to a camp known as X": the phrase names the destination
        named = _NAMED_AS_RX.match(clause, described.end())
        after = index.starting_in(span.start + named.end(), span.start + named.end() + 1) if named else []
        if after and (origin is None or after[0][1].place_id != origin.place_id):
            dest, described = after[0][1], None
            notes.append("destination: the site the text names (\"a site called X\")")
    ref = dest
    if described is not None:
        # "to a deserted military base outside the capital", "to a UN-approved site near X": the destination is
        # described, not named; the place the phrase gives is only where to look for it
        tail = clause[described.end():described.end() + 40]
        if re.match(r"\s*(?:[\w-]+\s+){0,2}(?:near|outside|in|at|north|south|east|west)\b", tail):
            after = index.starting_in(span.start + described.end(), span.start + described.end() + 40)
            if after:
                ref = after[0][1]
                if origin is not None and origin.place_id == ref.place_id:
                    origin = None
        dest = dest or ref
    if origin is None and dest is not None:
        # Where the people were: the site (else city) the text has named most often so far, the latest on ties;
        # else the first site or city named after the clause ("… flown to X. The 2,000 residents of Camp Y …").
        origin = index.most_named_before(span.start, dest.place_id)
        if moved_to is not None and moved_to.place_id != dest.place_id and origin is not None and rank(origin) >= 3:
            # "they were moved to Camp Y in 2012 … on Friday 30 of them were flown to Z": the camp the text has
            # moved them to, not the older camp it names more often
            origin = moved_to
            notes.append("origin: where the text has placed them (the camp a move before took them to)")
        elif origin is not None:
            notes.append("origin: where the text has placed them")
        else:
            origin = _placed_after(text, index, span.end, dest.place_id)
            if origin is not None:
                notes.append("origin: where the text places them after the sentence")
    if origin is not None and dest is not None and any(n.startswith("origin: where the text") for n in notes) \
            and origin.place_id != dest.place_id and (_holds(dest, origin) or _holds(origin, dest)
                                                      or (rank(origin) < rank(dest)
                                                          and distance_km(origin, dest) <= SAME_SCENE_KM)):
        # "at the port in the capital of X province … people disembarking": an origin inferred inside the place
        # they arrived at (or holding it) is where they are now, not where they came from; so is the city a camp
        # lies by ("moved to Camp X outside Y last year": Y only says where Camp X is)
        origin = None
        notes.append("no origin: the place inferred lies where they arrived")
    if described is not None and (ref is not None or origin is not None):
        site = _described_site(text, index, span, ref, origin)
        if site is not None:
            dest = site
            notes.append("destination described: the site the report names as where they went")
    return origin, dest, notes


def _continues(last: Candidate, c: Candidate, hypothetical: bool) -> bool:
    """True when sentence ``c`` goes on telling the event of the sentence before (same paragraph).

    It gives no date of its own, is not hypothetical, adds figures the first
    one lacked, and names no other place in itself.
    """
    adds = (c.killed is not None and last.killed is None) or (c.injured is not None and last.injured is None)
    # a figure the first sentence already gave makes this another claim, kept apart (merge_within joins them)
    clashes = (c.killed is not None and last.killed is not None) or (c.injured is not None and last.injured is not None)
    if clashes:
        return False
    other_place = c.place is not None and last.place is not None and c.place.place_id != last.place.place_id \
        and any(r.endswith("in the sentence") for r in c.reasons)
    total = any(r.startswith(_TOTAL_REASON) for r in c.reasons)  # a sum of several events is no one event's figure
    # a date phrase of its own whose year cannot be told ("on December 26 of last year" in a text dated only by a
    # lower bound) is still a time of its own
    own_date = c.date is not None or c.date_precision not in (None, "week")
    # a feared or demanded attack ("warned about another massacre") takes no figures: they are a told attack's
    return not own_date and not hypothetical and not last.hypothetical and adds and not other_place \
        and SEPARATE_REASON not in c.reasons and not total


def _keep_week(event: Candidate, c: Candidate) -> None:
    """An undated event told again "last week", "three days ago" (a time before the report, with no day): it is
    known not to be of the report's day, so it keeps that precision and takes no report date (:func:`_report_dated`);
    a told day from another sentence still dates it (:func:`_absorb`)."""
    if event.date is None and event.date_precision is None and c.date is None and c.date_precision == "week":
        event.date_precision, event.date_note = c.date_precision, c.date_note


def _extend(last: Candidate, c: Candidate, text: str) -> None:
    """Fold a continuation sentence into the candidate before it: one quote spanning both."""
    last.end, last.quote = c.end, text[last.start:c.end]
    _keep_week(last, c)
    if last.killed is None:
        last.killed = c.killed
    if last.injured is None:
        last.injured = c.injured
    order = [name for name, _ in ATTACK_TYPES]
    if order.index(c.type) < order.index(last.type):
        last.type = c.type
    if last.place is None or (c.place is not None and c.place.place_id == last.place.place_id
                              and place_score(c) > place_score(last)):
        # the same place, now named in the sentence that goes on ("… came under attack. Fourteen were killed in
        # X"): the event is told there, not only near it
        last.place, last.place_note = c.place, c.place_note
    last.actor1, last.actor2 = last.actor1 or c.actor1, last.actor2 or c.actor2
    lead = last.claims[-1]
    own = c.claims[0].claimed_by if c.claims else None
    if own is not None and own != lead.claimed_by and (lead.killed is not None or lead.injured is not None):
        # "… killed 20, a monitor said. A hospital official said 35 were wounded.": each speaker keeps their claim
        # (a first sentence without a figure still takes the next one's into its quote: one claim)
        last.claims.append(Claim(c.start, c.end, text[c.start:c.end], c.killed, c.injured, None, lead.date, own))
    else:
        last.claims[-1] = Claim(lead.start, c.end, text[lead.start:c.end], last.killed, last.injured, None,
                                lead.date, lead.claimed_by or own)
    # one event told by two sentences is at least as sure as its surer one ("Rockets kill …" as a headline, then
    # "… in a rocket attack that killed 23": the headline's plural is no general statement then)
    surest = c.confidence if not last.hypothetical else 0.0  # a wish or demand stays one
    last.confidence = round(min(1.0, max(last.confidence + 0.2, surest)), 3)
    # with the figures, a plural headline is one event told, no generality: it merges like any other (merge_within)
    last.reasons = [r for r in last.reasons if r != PLURAL_REASON]
    last.reasons.append("figures from the next sentence")


_CLAUSE_BREAK = re.compile(r";\s+|,\s+(?=(?:and|while|but|whereas|as)\s)|\s+(?=while\s)")


def clauses(sentence: str) -> list[tuple[int, int]]:
    """Spans of a sentence's clauses ("X accepted 20, and Y welcomed 12" → two), so each move gets its own figures."""
    cuts = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(sentence)] + [len(sentence)]
    out = []
    for a, b in zip(cuts, cuts[1:]):
        # "Germany accepted 40 and Britain took ten": split at "and" + capital only when both halves move people.
        for m in re.finditer(r"\s+(?=and\s+[A-Z])", sentence[a:b]):
            left, right = sentence[a:a + m.end()], sentence[a + m.end():b]
            if _RELOC_RX.search(left) and _RELOC_RX.search(right):
                out.append((a, a + m.end()))
                a = a + m.end()
                break
        if ", after " in sentence[a:b]:
            # "X has now taken in 44, after 30 more arrived on Friday": a tally, then the move that added to it
            m = re.search(r",\s+after\s+", sentence[a:b])
            if m and _MOVES_TOTAL_RX.search(sentence[a:a + m.start()]) and _RELOC_RX.search(sentence, a + m.end(), b):
                out.append((a, a + m.start()))
                a = a + m.end()
        out.append((a, b))
    return [(a, b) for a, b in out if sentence[a:b].strip()]


#: "to evacuate the wounded and a number of dead soldiers", "carried the bodies of the dead": casualties moved or
#: tended, no attack told (unless the sentence also tells a killing or an attack).
_CARRIED_RX = re.compile(r"\b(?:evacuat\w*|carr(?:y|ies|ied|ying)|transport\w*|collect\w*|retriev\w*|airlift\w*|"
                         r"treat(?:ed|ing|s)?|tend(?:ed|ing|s)?|bur(?:y|ied|ying))\s+(?:the\s+)?(?:[\w-]+\s+){0,7}?"
                         r"(?:dead|wounded|injured|bodies)(?:\s+and\s+(?:[\w-]+\s+){0,4}?(?:dead|wounded|injured|"
                         r"bodies))?(?:\s+(?:[\w-]+\s+){0,2}?(?:troops|soldiers|people|civilians|"
                         r"fighters))?\b", re.I)


def _carries_casualties_only(sent: str) -> bool:
    """True when the sentence's only casualty words are the dead or wounded being moved or tended."""
    m = _CARRIED_RX.search(sent)
    if m is None:
        return False
    rest = sent[:m.start()] + " " + sent[m.end():]
    return _KILL_RX.search(rest) is None and _INJURE_RX.search(rest) is None


#: An opening phrase that names an attack to date what the sentence tells: "Hours after Saturday's attack,", "In the
#: wake of the bombing on X,", "Following the raid,", "As the massacre was under way,".
_TIME_REFERENCE_BEFORE_RX = re.compile(r"^\W*(?:(?:just|only|shortly|soon|hours|days|minutes|moments|weeks|a\s+day|"
                                       r"a\s+week|one\s+day|two\s+days|the\s+day)\s+)?(?:after|since|following|"
                                       r"before|in\s+the\s+wake\s+of|in\s+the\s+aftermath\s+of|as|while|when|"
                                       r"even\s+as)\s+"
                                       r"(?:[\w'’-]+\s+){0,3}$", re.I)


def _time_reference(sent: str, anchor: int) -> int | None:
    """Where the opening phrase ends (its comma) when the sentence's trigger at ``anchor`` is named in a phrase that
    only dates the sentence ("Hours after Saturday's attack, …"); None otherwise."""
    if not _TIME_REFERENCE_BEFORE_RX.match(sent[:anchor]):
        return None
    comma = sent.find(",", anchor)
    return comma if 0 < comma - anchor <= 80 else None


def _incident(text: str, span: Span, dates: list[DateMention], figs: dict[str, Quantity], doc: Document,
              doc_mentions: list[tuple[Mention, Place]], dateline: Place | None = None) -> tuple[Candidate | None, bool]:
    """An attack candidate from one sentence (None without a trigger), and whether it reads as hypothetical."""
    sent = text[span.start:span.end]
    atype, anchor = _attack_type(sent)
    hypothetical = _hypothetical(sent, anchor)
    timing = None
    # "Another 35 were wounded, police said": the wounded counted in a sentence of their own, for the event before
    wounded_only = not atype and figs.get("killed") is None and figs.get("injured") is not None \
        and _INJURE_RX.search(sent) is not None and not _ACCIDENT_RX.search(sent)
    if not atype and _carries_casualties_only(sent):
        return None, hypothetical  # "ambulances took part in the operation to evacuate the wounded and the dead"
    if not (atype or wounded_only or (figs.get("killed") is not None and _KILL_RX.search(sent)
                                      and not _ACCIDENT_RX.search(sent))):
        timing = _TIMING_RX.search(sent)
        if timing is None:
            # "… denied anyone died in the clashes on July 28": no attack told, only the day of the one told before
            dated = _dated_event(text, span, dates, doc)
            if dated is None:
                return None, hypothetical
            return _timing(text, span, dated, False, doc, doc_mentions, dateline), hypothetical
        anchor = timing.start()
    date, weak = _event_date(text, dates, span.start + anchor)
    if timing is not None:
        return _timing(text, span, date, weak, doc, doc_mentions, dateline), hypothetical
    back = _counted_back(sent, span.start, dates, date, doc, anchor)
    counted_back = back is not date  # "said on Tuesday …, two days after the violence": the event's own day
    date = back
    c = Candidate("incident", atype or "attack", doc.id, span.start, span.end, sent)
    # a date in a sentence that only counts the dead ("28 bodies were seen during a Wednesday visit") is no
    # better than a statement's: the attack may be days before
    c.date_weak = (weak or (atype is None and not _opens_with_date(sent, date, span.start))) and date is not None \
        and date.value is not None and not counted_back
    c.killed, c.injured = figs.get("killed"), figs.get("injured")
    score, why = 0.35, ["trigger: " + (atype or "casualty verb")]
    if date is not None:
        c.date, c.date_precision, c.date_note = date.value, date.precision, date.how
        c.month_day = date.month_day
        score += 0.2 if date.value else 0.1
        why.append(f"date {date.text!r}: {date.how}" + (" (when it was said)" if c.date_weak else ""))
    told = [q for q in (c.killed, c.injured) if q is not None]
    counted = any(q.value is not None or q.low is not None for q in told)
    if told:
        score += 0.2 if counted else 0.1
        why.append("casualty figures")
    if _PAST_EVENT_RX.search(sent):
        score += 0.1
        why.append("past-tense event verb")
    # "Hours after Saturday's attack, at a rally in X, officials denounced …": the attack only dates the sentence's
    # own news; a place of the opening phrase ("after the attack on Y,") may be its scene, none of the rest is
    opening = _time_reference(sent, anchor) if not told else None
    exclude = _set_places(sent, span, doc_mentions)
    if opening:
        index = _index(doc_mentions)
        named = {p.place_id for _, p in index.within(span.start, span.start + opening)}
        exclude = exclude | {p.place_id for _, p in index.within(span.start + opening, span.end)} - named
    c.place, how = choose_place(span, doc_mentions, exclude=exclude,
                                within=(span.start, span.start + opening) if opening else None,
                                anaphor=bool(_ANAPHOR_RX.search(sent)), dateline=dateline,
                                site_anaphor=bool(_SITE_ANAPHOR_RX.search(sent)), year=c.date[:4] if c.date else None)
    if opening:
        how += " (the attack named only as a time reference: places after it are the sentence's own news)"
    unplaced = _unplaced_scene(sent, span, doc_mentions)
    # "the village of X in central Y" (X placed by the text alone, somewhere in Y): no finer than Y, like a town no
    # data places
    coarse = c.place is not None and c.place.source == TEXT_SOURCE and rank(c.place) < 2
    if (unplaced is not None or coarse) and c.place is not None and rank(c.place) < 2:
        # "the attack on X, in the Y region" (X no data places): the town the text calls nearby, in Y
        nearby = best_scene(span, _index(doc_mentions), c.place, skip=(span.start, span.end), need="nearby",
                            year=c.date[:4] if c.date else None)
        if nearby is not None:
            name = unplaced.text if unplaced is not None else c.place.name
            c.place, how = nearby[0], f"{nearby[0].kind} near {name!r} (a town that cannot be placed; " \
                f"{nearby[1]})"
    elif unplaced is not None and unplaced.reason == foreign.NAMESAKE_REASON:
        # "a bombing on the resort island of X" read as a small X of a country the story never names: the scene is
        # named, and no offline data knows where it is (not even its country): no place, no borrowed one
        c.place, how = None, f"{ELSEWHERE}: {unplaced.text!r} cannot be placed ({foreign.NAMESAKE_REASON})"
    elif unplaced is not None:
        # "an attack on the town of X" where X is a town no data places: not another town of the sentence, but
        # the province or country the paragraph names (else no place)
        area = _area_around(span, doc_mentions)
        c.place, how = area, (f"{area.kind} around {unplaced.text!r} (a town that cannot be placed)" if area
                              else f"{ELSEWHERE}: {unplaced.text!r} cannot be placed")
        # "… mayor of the nearby town of Y": the town the text calls nearest the scene, where it lies in that area
        nearby = best_scene(span, _index(doc_mentions), area if area is not None and area.kind == "country" else None,
                            skip=(span.start, span.end), need="nearby", year=c.date[:4] if c.date else None)
        if nearby is not None and (area is None or _holds_place(area, nearby[0])):
            c.place, how = nearby[0], f"{nearby[0].kind} near {unplaced.text!r} (a town that cannot be placed; " \
                f"{nearby[1]})"
    elif c.place is not None and rank(c.place) < 3 and ("camp" in sent or "base" in sent or "compound" in sent):
        site = _indefinite_site(sent, span, c.place, doc_mentions)
        if site is not None:
            c.place, how = site, f"{site.kind} named in the text (a camp in or near {c.place.name})"
    c.place_note = how
    why.append(f"place: {how}")
    c.actor1, c.actor2 = actors(sent)
    c.claims = [Claim(span.start, span.end, sent, c.killed, c.injured, None, c.date, claimed_by(sent))]
    separate = ("lsewhere" in sent or "eparate" in sent or "another" in sent or "similar" in sent
                or "arlier" in sent[:30]) \
        and _SEPARATE_RX.search(sent)
    if separate:
        why.append(SEPARATE_REASON)
        # "Elsewhere, a bomb killed two": not where the sentences around it are; "a similar incident" and
        # "Earlier, a bomb in a market killed 11" are other events told where the text speaks of
        if not _told_here(c) and not any(w in separate.group(0).lower() for w in ("similar", "earlier")):
            c.place, c.place_note = None, f"{ELSEWHERE}: no place of its own"
            why.append("place: none of its own")
    if how.endswith("in the sentence"):
        score += 0.1
    elif how.endswith("in the paragraph"):
        score += 0.05
    if hypothetical:
        score -= 0.3
        why.append("hypothetical or demanded, not reported")
    if _COURT_RX.search(sent):
        score -= 0.2
        why.append("court or police-record wording")
    if ("previous" in sent or "earlier" in sent or "prior" in sent) and _PREVIOUS_BEFORE_RX.search(sent, 0, anchor):
        # "… behind the strike and a previous rocket attack on December 25": another, earlier event
        why.append(PREVIOUS_REASON)
    if _cumulative(sent) or _sum_of_several(text, span, sent, doc_mentions):
        score -= 0.5
        why.append(_TOTAL_REASON + " (\"so far this year\", \"since 2011\"), not one event's")
    if wounded_only:
        # no attack told: it only adds its figure to the event of the sentence before (:func:`_continues`)
        score -= 0.3
        why.append(WOUNDED_ONLY_REASON)
    if _only_plural(sent) and not counted and not (date is not None and date.value and date.precision == "day"
                                                   and not c.date_weak
                                                   and 0 <= date.start - span.start - anchor <= 80):
        # ("Air strikes hit the camp on Sunday": the attacks of one day, told as one event, are no generality)
        score -= 0.25
        why.append(PLURAL_REASON)
    c.confidence, c.reasons = round(max(0.0, min(1.0, score)), 3), why
    c.hypothetical = hypothetical
    return c, hypothetical


#: "On 9 October, 28 villagers were killed …", "Late on Monday, …": a date that opens the sentence dates its event.
_OPENING_DATE_BEFORE_RX = re.compile(r"\s*(?:(?:late|early)\s+)?(?:on\s+|in\s+)?(?:the\s+)?$", re.I)
#: Bodies found or counted on a day: the deaths may be days before it.
_FOUND_RX = re.compile(r"\b(?:bod(?:y|ies)|corpses?|remains|found|discovered|recovered|seen|unearthed|exhumed)\b", re.I)


def _opens_with_date(sent: str, date: DateMention | None, start: int) -> bool:
    """True when ``date`` opens the sentence ("On 9 October, 28 people were killed"), which tells no finding of
    bodies: the date of the deaths told, not a later day on which they were counted."""
    if date is None or date.start < start or date.start - start > 30:
        return False
    return bool(_OPENING_DATE_BEFORE_RX.fullmatch(sent[:date.start - start])) and not _FOUND_RX.search(sent) \
        and sent[date.end - start:date.end - start + 3].lstrip().startswith(",")


#: "The incident occurred on Friday", "the discovery took place on Monday": no attack word, only when the event
#: told before happened.
_TIMING_NOUNS = r"(?:incident|discovery|killings?|tragedy|violence|strikes?)"
_TIMING_RX = re.compile(rf"\b(?:the|this|that)\s+(?:[\w-]+\s+)?{_TIMING_NOUNS}"
                        # "The latest strikes, the third in four days, occurred …": an apposition between them
                        r"(?:\s*,[^,.;]{1,40},)?\s+"
                        r"(?:had\s+)?(?:occurred|happened|took\s+place)\b", re.I)
#: The reason that marks a timing sentence (:func:`_timing`).
TIMING_REASON = "tells when the event told before happened"

#: "the clashes on July 28", "the invasion of the camp on 28th July 2009", "the raid of 3 May": an event noun, then
#: the day it happened (the noun's own "of/at/in/into <a few words>" between them).
_DATED_EVENT_NOUNS = (r"clashes|invasion|incursion|takeover|crackdown|raid|assault|attack|storming|killings|massacre|"
                      r"violence|incident")
_DATED_EVENT_BEFORE_RX = re.compile(r"\b(?P<noun>" + _DATED_EVENT_NOUNS + r")\s+(?:(?:of|at|in|into|on|against)\s+"
                                    r"(?:the\s+)?(?:[\w'’-]+\s+){0,3}?)?(?:on\s+|of\s+)$", re.I)

#: "the July 28 clashes", "the 3 May raid": the day, then the event noun.
_DATED_EVENT_AFTER_RX = re.compile(r"\s+(?P<noun>" + _DATED_EVENT_NOUNS + r")\b", re.I)
_THE_BEFORE_RX = re.compile(r"\b(?:the|that)\s+$", re.I)
#: The nouns of :data:`_DATED_EVENT_BEFORE_RX` that are no trigger word of their own.
_DATED_NOUN_RX = re.compile(r"\b(?:clashes|invasion|crackdown|takeover)\b")


def _dated_event(text: str, span: Span, dates: list[DateMention], doc: Document) -> DateMention | None:
    """The day a sentence that tells no attack of its own gives an event noun ("Officials had denied anyone died in
    clashes on July 28 between police and residents"): the day of the event told before (:func:`_timing`).

    Only a told day (not a statement's, not the dateline's) at most :data:`BACKGROUND_DAYS` before the report's
    own day: an older day names an earlier event than the one reported, and without the report's day there is
    nothing to bound it by.
    """
    report_day = _report_day(doc)
    if report_day is None:
        return None
    for d in dates:
        if d.value is None or d.precision != "day" or d.start < span.start or d.how.startswith(_DATELINE_DATE) \
                or statement_date(text, d) or _in_relative_clause(text, d.start, d.start):
            continue
        m = _DATED_EVENT_BEFORE_RX.search(text, max(span.start, d.start - 60), d.start)
        if m is None and _THE_BEFORE_RX.search(text, max(span.start, d.start - 8), d.start):
            m = _DATED_EVENT_AFTER_RX.match(text, d.end)  # "The July 28 clashes saw the police …"
        if m is None:
            continue
        days = (dt.date.fromisoformat(report_day) - dt.date.fromisoformat(d.value)).days
        if 0 <= days <= BACKGROUND_DAYS:
            return replace(d, how=f"{d.how}; the day of {m.group('noun').lower()!r} (the event told before)")
    return None


def _timing(text: str, span: Span, date: DateMention | None, weak: bool, doc: Document, doc_mentions,
            dateline: Place | None) -> Candidate | None:
    """A sentence that only dates the event told before ("the incident occurred on Friday in X"): a weak account
    (below every threshold) that joins that event (:func:`merge_within`) with its date and place, else is dropped."""
    if date is None or date.value is None or weak:
        return None
    sent = text[span.start:span.end]
    c = Candidate("incident", "attack", doc.id, span.start, span.end, sent)
    c.date, c.date_precision, c.date_note = date.value, date.precision, date.how
    c.place, c.place_note = choose_place(span, doc_mentions, anaphor=bool(_ANAPHOR_RX.search(sent)), dateline=dateline,
                                         site_anaphor=bool(_SITE_ANAPHOR_RX.search(sent)))
    c.confidence = 0.3
    c.reasons = [TIMING_REASON, f"date {date.text!r}: {date.how}", f"place: {c.place_note}"]
    c.claims = [Claim(span.start, span.end, sent, None, None, None, c.date, claimed_by(sent))]
    return c


#: A move planned, not made: "was due to transfer", "efforts by the UN to move", "set to travel", "plans to relocate".
_PLAN_TO_MOVE_RX = re.compile(r"\b(?:due|set|scheduled|expected|ready|about|going|planning|plans?|planned|preparing|"
                                r"prepared|efforts?|bid|attempts?|aims?|aimed|aiming|seeks?|seeking|sought|wants?|"
                                r"wanted|hopes?|hoped|hoping|intends?|intended|proposals?|proposed|offers?|offered|"
                                r"deadline)\s+(?:(?!to\b)[\w’'.-]+\s+){0,5}?to\s+"
                              r"(?:be\s+)?(?:move|moved|relocate|relocated|transfer|transferred|resettle|resettled|"
                              r"evacuate|evacuated|fly|flown|bring|brought|take|taken|send|sent|travel|leave|deport|"
                              r"deported|expel|expelled|return|returned|go)\b|"
                              # "agreed to help facilitate the relocation of …": a move to be helped along ("42
                              # residents agreed to be transferred", then moved, is no plan)
                              r"\bto\s+(?:help\s+)?(?:facilitate|allow|enable|organi[sz]e|arrange|oversee|complete|"
                              r"speed\s+up)\s+(?:the\s+)?(?:[\w-]+\s+)?(?:relocation|transfer|move|evacuation|"
                              r"resettlement|departure)s?\b", re.I)


#: Moves told as a running total: "so far", "to date", "since 2016", "over the past two years".
_MOVES_TOTAL_RX = re.compile(r"\b(?:so\s+far|to\s+date|(?:have|has)\s+already\s+been|"
                             r"since\s+(?:the\s+)?(?:start|beginning|(?:19|20)\d\d|january|"
                             r"february|march|april|may|june|july|august|september|october|november|december)|"
                             r"over\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:years?|months|decades?)|"
                             r"in\s+(?:two|three|four|five|six|seven|eight|nine|ten|several|many|\d+)\s+"
                             r"(?:groups|convoys|batches|waves|flights|trips|rounds|stages|phases)|"
                             r"(?:previous|earlier|past|prior)\s+(?:transfers|moves|relocations|convoys|groups|"
                             r"batches|evacuations)|"
                             # "a total of 71 now have safely arrived", "X has now taken in 44": the tally of every
                             # group so far
                             r"total\s+of\s+[\d,]+\s+(?:[\w-]+\s+){0,4}?now\s+(?:have|has)\b|"
                             # "159 had been relocated before this latest group": the earlier moves' count
                             r"(?:before|prior\s+to)\s+(?:this|the)\s+(?:latest|last|most\s+recent|new|current)\b|"
                             r"(?:has|have)\s+now\s+(?:\w+\s+)?(?:taken\s+in|accepted|received|welcomed|resettled|"
                             r"relocated|moved|transferred|evacuated))\b", re.I)


def _planned(clause: str) -> bool:
    """True when every moving word of the clause is planned ("due to transfer", "efforts … to move") and no past
    verb of moving stands outside such a plan ("arrived …, the first of 210 set to travel" was made)."""
    if " to " not in clause:
        return False
    plans = [m.span() for m in _PLAN_TO_MOVE_RX.finditer(clause)]
    if not plans:
        return False
    return not any(_PAST_MOVE_RX.fullmatch(m.group(0)) and m.group(0).lower() not in _RECEIVING
                   and not any(a <= m.start() < b for a, b in plans) for m in _RELOC_RX.finditer(clause))


_RANGE_JOIN = re.compile(r"\s*(?:and|to|until|till|through|-|–)\s*", re.I)


def _period(text: str, dates: list[DateMention], date: DateMention) -> tuple[str | None, str | None]:
    """(start, end) of "between 2013 and 2016" / "from May to July 2016" around ``date``; else (date, None)."""
    known = sorted((d for d in dates if d.value), key=lambda d: d.start)
    for a, b in zip(known, known[1:]):
        if date in (a, b) and _RANGE_JOIN.fullmatch(text[a.end:b.start]) and a.value < b.value:
            return a.value, b.value
    if date.precision == "day" and date.value:
        span = _DAY_SPAN_RX.search(date.text)
        if span is not None:
            # "3 and 5 May", "July 28-29, 2009": the span of days is one date phrase (geo.dates), its first day the value
            other = f"{date.value[:8]}{int(span.group('b')):02d}"
            if date.value < other and _valid_day(other):
                return date.value, other
        # "between 3 and 5 May", "from 3 to 5 May", "3-5 May": a first day told by its number alone; "May 3-5": a
        # last day so told
        first = _DAY_BEFORE_RX.search(text, max(0, date.start - 24), date.start)
        last = _DAY_AFTER_RX.match(text, date.end) if first is None else None
        for m, pick in ((first, lambda d: (d, date.value)), (last, lambda d: (date.value, d))):
            if m is not None:
                other = f"{date.value[:8]}{int(m.group('d') or m.group('d2')):02d}"
                lo, hi = pick(other)
                if lo < hi and _valid_day(other):
                    return lo, hi
    return date.value, None


#: The last day of a span of days read as one date phrase ("3 and 5 May", "July 28-29, 2009").
_DAY_SPAN_RX = re.compile(r"\b[0-3]?\d(?:st|nd|rd|th)?\s*(?:-|–|and|to|&)\s*(?:the\s+)?(?P<b>[0-3]?\d)(?:st|nd|rd|th)?\b",
                          re.I)
#: "between 3 and ", "from 3 to ", "3-" right before a day-and-month date: the first day of a period.
_DAY_BEFORE_RX = re.compile(r"(?:\b(?:between|from)\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:and|to|until|till|through)\s+"
                            r"|\b(?P<d2>[0-3]?\d)\s*[-–]\s*)$", re.I)
#: "-5", " to 5", " and 5" right after a month-and-day date ("May 3-5"): the last day of a period.
_DAY_AFTER_RX = re.compile(r"\s*(?:[-–]|\s+(?:to|and|through)\s+)\s*(?P<d>[0-3]?\d)\b(?!\s*(?:,\d|\d|%|[A-Za-z]))")


def _valid_day(iso: str) -> bool:
    try:
        dt.date.fromisoformat(iso)
    except ValueError:
        return False
    return True


#: A move still going on ("are being moved", "is being relocated"), unlike one done ("were moved", "have been flown").
_ONGOING_MOVE_RX = re.compile(r"\b(?:is|are)\s+(?:now\s+|still\s+|gradually\s+|slowly\s+)?being\s+\w+ed\b", re.I)
_DONE_MOVE_RX = re.compile(r"\b(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:\w+\s+)?\w+(?:ed|own|aken|one)\b",
                           re.I)
#: "the 2,000 residents", "all 2,000": a count of a whole population, just before the figure.
_POPULATION_BEFORE_RX = re.compile(r"\b(?:the|all|all\s+the|its|their)\s+(?:(?:some|about|around|roughly|nearly|"
                                   r"remaining|estimated)\s+)?$", re.I)


#: "30 fire trucks arrived": the emergency services, before a moving verb.
_RESPONDERS_RX = re.compile(r"\b(?:fire\s*(?:trucks|engines|fighters)|firemen|ambulances|police\s+cars|paramedics|"
                            r"rescue\s+(?:teams|workers|vehicles)|rescuers)\b", re.I)
#: "casualties were flown to hospitals": the wounded or the dead, before a moving verb.
_CASUALTIES_RX = re.compile(r"\b(?:casualties|injured|wounded|victims|bodies|the\s+dead)\b", re.I)
#: "taken to (a) hospital", "taken to the city's main clinic": casualties taken for care, no move.
_TO_CARE_RX = re.compile(r"\s+(?:to|into)\s+(?:[\w’'-]+\s+){0,4}?(?:hospitals?|clinics?|morgues?|medical|health|"
                         r"care|treatment|custody|prisons?|jails?|court|police)\b", re.I)


def _relocation(text: str, span: Span, dates: list[DateMention], figs: dict[str, Quantity], doc: Document,
                doc_mentions: list[tuple[Mention, Place]], anchor: int, sentence: str | None = None,
                subject: str = "", moved_to: Place | None = None) -> Candidate:
    """A relocation candidate from one clause (``span``), ``anchor`` the verb's offset in it, ``sentence`` the whole
    sentence (whether a convoy of it carries people), ``subject`` the words before a relative clause cut off the
    clause's start ("The exiles, who …, left": who moved)."""
    clause = text[span.start:span.end]
    # "42 residents, among them the wounded of the September 1 massacre, were moved": that date is the attack's
    date, weak = _event_date(text, [d for d in dates if not _ATTACK_NOUN_AFTER_RX.match(text, d.end)],
                             span.start + anchor)
    # "arrived in X three days ago", "the 40 who left two days earlier": counted back, as for attacks
    counted = _counted_back(clause, span.start, dates, date, doc, anchor)
    if counted is not date:
        date, weak = counted, False
    hypothetical = _hypothetical(clause, anchor) or _planned(clause)
    origin, dest, notes = _relocation_ends(text, span, doc_mentions, span.start + anchor, moved_to)
    if dest is None and origin is not None and figs.get("people") is not None and _TO_SAFETY_RX.search(clause, anchor):
        # "179 residents of X were rescued and evacuated to safer areas": an evacuation out of the fighting to no
        # place named; where it lies is only known to be near X, so X stands for both ends
        dest = origin
        notes.append(SAFETY_REASON)
    c = Candidate("relocation", "relocation", doc.id, span.start, span.end, clause.rstrip(" ,;"))
    c.end = c.start + len(c.quote)
    c.from_place, c.to_place, c.people = origin, dest, figs.get("people")
    c.date_weak = weak and date is not None and date.value is not None
    score, why = 0.35, ["trigger: relocation verb"] + notes
    if origin is not None and dest is not None:
        score += 0.1 if [n for n in notes if n != RESIDENT_ORIGIN_NOTE] else 0.2
    if date is not None:
        c.date, c.date_precision, c.date_note = date.value, date.precision, date.how
        score += 0.15 if date.value else 0.05
        why.append(f"date {date.text!r}: {date.how}")
        c.date, c.date_end = _period(text, dates, date)
        if c.date_end is None and date.precision == "day" and date.value and _LEFT_RX.search(clause) \
                and ARRIVAL_RX.search(clause):
            # "left X on Friday and arrived at Y on Saturday", "arrived on Saturday after leaving X on Friday":
            # the move spans both days
            days = sorted({d.value for d in dates if d.value and d.precision == "day" and not weak
                           and 0 <= abs((dt.date.fromisoformat(d.value)
                                         - dt.date.fromisoformat(date.value)).days) <= ARRIVAL_DAYS})
            if len(days) == 2:
                c.date, c.date_end = days
    ongoing = _ONGOING_MOVE_RX.search(clause) is not None and not _DONE_MOVE_RX.search(clause)
    if c.people is not None and ongoing and _POPULATION_BEFORE_RX.search(text, max(0, c.people.start - 12),
                                                                         c.people.start):
        # "The 2,000 residents of Camp X are being moved abroad": the population a process concerns, no move's count
        c.people = None
        why.append("a population moved over time (\"the 2,000 residents … are being moved\"), not one move's count")
    if c.people is not None:
        score += 0.15
        why.append("people counted")
    elif date is not None and not date.value and date.precision != "day":
        # "the exiles were relocated several years ago from X to Y": a move recalled in passing, no count, no day
        # ("arrived on Tuesday" with no day of writing to count from is news, not a move recalled)
        score -= 0.25
        why.append("no count and no day (\"several years ago\"): a move recalled in passing")
    if _PAST_MOVE_RX.search(clause) and not hypothetical and not ongoing:
        score += 0.1
        why.append("past-tense verb")
    if _MOVES_TOTAL_RX.search(clause):
        # "Since 2016, more than 2,000 have been resettled": many moves' total, not one move ("between 2013 and
        # 2016, 2,900 were moved" is a move over a period, kept)
        score -= 0.5
        why.append(_TOTAL_REASON + " (\"so far\", \"since 2016\"), not one move's")
    carrier = _VEHICLE_RX.search(clause) is not None
    verb = _RELOC_RX.match(clause, anchor)
    whole = sentence or clause
    vehicles = carrier and _PEOPLE_RX.search(whole) is None and (
        _attack_type(whole)[0] is not None or _CARGO_RX.search(whole) is not None)
    if c.people is None and clause.startswith("reached", anchor) \
            and (_attack_type(whole)[0] is not None or _KILL_RX.search(whole)):
        score -= 0.35  # "militants reached the town and killed 20": an attack's approach, not a move
        why.append("reached: an attack told, not a move")
    if clause.startswith("taken", anchor) and (c.people is None or _TO_CARE_RX.match(clause, anchor + 5)):
        score -= 0.35  # "the wounded were taken to hospital", "he was taken to X": no group moved
        why.append("taken: no group of people counted, or the wounded taken for care")
    elif _RESPONDERS_RX.search(clause, max(0, anchor - 40), anchor):
        score -= 0.35  # "30 fire trucks arrived at the scene": the emergency services, no people moved
        why.append("emergency services arriving, no people moved")
    elif _CASUALTIES_RX.search(clause, 0, anchor) and verb is not None and _TO_CARE_RX.match(clause, verb.end()):
        score -= 0.35  # "casualties were driven to hospitals in the city": the wounded taken for care, no move
        why.append("the wounded taken for care")
    elif c.people is None and clause.startswith(("crossed", "fled"), anchor):
        score -= 0.35  # "the gunmen fled to X", "two bombers crossed the border into X": only a counted crowd moves
        why.append("crossed/fled: no group of people counted")
    elif c.people is None and clause.startswith("landed", anchor):
        score -= 0.35  # "rockets landed in the camp": only people counted land as a move ("30 exiles landed in X")
        why.append("no group of people counted")
    elif c.people is None and (vehicles or not (carrier or _GROUP_RX.search(clause) or _GROUP_RX.search(subject))):
        score -= 0.35
        why.append("vehicles on the move, no people named" if vehicles else "no group of people named")
    if hypothetical:
        score -= 0.3
        why.append("hypothetical or demanded, not reported")
    if ("not" in clause or "never" in clause or "n't" in clause or "n’t" in clause) \
            and _NEGATED_MOVE_BEFORE_RX.search(clause, max(0, anchor - 80), anchor):
        score = min(score, 0.2)  # however well told otherwise
        why.append(NEGATED_MOVE_REASON)
    if origin is None and dest is None and c.people is None and date is not None and date.value and not weak \
            and not hypothetical and _MOVE_TIMING_RX.match(clause):
        # "The transfer took place on Friday": no move of its own, only the day of the move told before
        score = min(score, 0.3)
        why.insert(0, TIMING_REASON)
    c.confidence, c.reasons = round(max(0.0, min(1.0, score)), 3), why
    c.hypothetical = hypothetical
    c.claims = [Claim(c.start, c.end, c.quote, None, None, c.people, c.date, claimed_by(clause))]
    return c


#: "have not been moved", "has never been transferred", "not even a single family was relocated": a move denied.
_NEGATED_MOVE_BEFORE_RX = re.compile(r"(?:\b(?:has|have|had|was|were|is|are|be|been|did|do|does|will|would|could|can)"
                                     r"\s+(?:not|never)|n[’']t|\bnever|\bnot\s+(?:a|one|even|a\s+single|any)\b"
                                     r"[^,;:.]{0,40}?\b(?:has|have|had|was|were|is|are))"
                                     r"\s+(?:yet\s+|even\s+)?(?:been\s+)?(?:[\w-]+ly\s+)?$", re.I)
NEGATED_MOVE_REASON = "negated: a move said not to have happened"


#: "evacuated to safer areas", "taken to safety", "moved to evacuation centres": a destination told by what it is
#: (out of danger), not named.
_TO_SAFETY_RX = re.compile(r"\b(?:evacuat\w*|moved|relocat\w*|taken|brought|transferred|bus(?:s)?ed|ferried|"
                           r"airlifted|escorted)\s+(?:[\w-]+\s+){0,2}?to\s+(?:safety|(?:the\s+)?(?:safer?|secure|"
                           r"safest)\s+(?:areas?|places?|locations?|ground|zones?|parts?)|(?:temporary\s+)?"
                           r"(?:evacuation\s+cent(?:re|er)s?|shelters))\b", re.I)
SAFETY_REASON = "destination: not named, 'to safer areas' out of the danger near the origin (the origin stands for it)"
_LEFT_RX = re.compile(r"\b(?:left|leaving|departed|departing|set\s+off|setting\s+off)\b", re.I)
#: "The transfer took place on Friday", "The relocation was completed on 3 May": when the move told before happened.
_MOVE_TIMING_RX = re.compile(r"\W*(?:the|this|that)\s+(?:[\w-]+\s+)?(?:transfers?|relocations?|move|moves|"
                             r"evacuations?|departures?|arrivals?|airlifts?|flights?)\s+(?:had\s+)?(?:took\s+place|"
                             r"happened|occurred|began|started|ended|(?:was|were)\s+(?:completed|carried\s+out|made|"
                             r"finished))\b", re.I)


# --- one document's events --------------------------------------------------------------------------------------------
#: Two places of one document this close (km) may be one event's scene told two ways ("the camp", "near the city").
SAME_SCENE_KM = 25.0
#: A scene given only as a reference point ("a camp north of Baghdad", "near the border town of X") may lie
#: this far (km) from the point; a site named elsewhere in the text within it is the scene.
NEAR_KM = 100.0
#: How many of the latest events of a document a new sentence is compared with (keeps merging linear).
OPEN_EVENTS = 8
_TYPE_ORDER = [name for name, _ in ATTACK_TYPES]


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance between two places (haversine, km)."""
    return great_circle_km(a.lat, a.lon, b.lat, b.lon)


def same_scene(a: Place | None, b: Place | None, km: float = SAME_SCENE_KM) -> bool:
    """Same place, one a country/region holding the other, or two sites/cities within ``km``."""
    if a is None or b is None:
        return False
    if a.place_id == b.place_id:
        return True
    coarse, fine = min(a, b, key=rank), max(a, b, key=rank)
    if rank(coarse) <= 1:
        # a province holds the towns within its reach, not every town of its country (:func:`_inside`)
        return rank(fine) > rank(coarse) and coarse.country_code is not None \
            and coarse.country_code == fine.country_code \
            and (coarse.kind in ("country", "region") or coarse.source == TEXT_SOURCE) and _inside(coarse, fine)
    return distance_km(a, b) <= km


def _told_here(c: Candidate) -> bool:
    """True when the candidate's place is named in its own sentence (not borrowed from around it)."""
    return c.place_note.endswith("in the sentence") or c.place_note.startswith("near ")


#: How much the way a place was found counts, beside its kind (:func:`rank`), when one event's
#: sentences give different places: named in the sentence or by "the camp" beats the paragraph,
#: which beats a place named nearby or the dateline.
_HOW_PLACED = (("in the sentence", 2.0), ("the camp", 2.0), ("in the paragraph", 0.0), ("named nearby", -0.5),
               ("dateline", -1.0))


def place_score(c: Candidate) -> float:
    """How well a candidate's place is tied to its event (higher is better); -inf without a place."""
    if c.place is None:
        return float("-inf")
    how = next((v for k, v in _HOW_PLACED if k in c.place_note), 0.0)
    if c.place_note.startswith(PART_OF):
        how += 0.5  # "X, east of Y", "a suburb of Y" with X named: X is finer than Y told alone
    if c.place_note.startswith("near "):
        how -= 1.5  # "north of Baghdad": a reference point, not the scene
    return rank(c.place) + how


#: Below this confidence a sentence neither starts an event others join nor joins one: the corpus stage
#: leaves it out on its own (``--min-confidence``), rather than it adding a doubtful claim to a real event.
MERGE_MIN_CONFIDENCE = DEFAULT_MIN_CONFIDENCE


def _generic(c: Candidate) -> bool:
    """A wish, a general statement or a total: no one event told."""
    return c.hypothetical or any(r.startswith((PLURAL_REASON, _TOTAL_REASON)) for r in c.reasons)


def _mergeable(c: Candidate) -> bool:
    return c.confidence >= MERGE_MIN_CONFIDENCE and not _generic(c)


def _weak_but_placed(c: Candidate) -> bool:
    """A low-confidence sentence that is no wish, generality or total, and names its place (or both ends) itself."""
    if _generic(c):
        return False
    if c.kind == "relocation":
        return c.from_place is not None and c.to_place is not None
    return _told_here(c) and c.place is not None


#: "Elsewhere, …", "In a separate attack, …", "A similar incident was reported in 2009", "Earlier, …": the sentence tells another
#: event than the one before. "Elsewhere" opens a clause ("… had been killed elsewhere" is this event's own story).
_SEPARATE_RX = re.compile(r"(?:^\s*|[,;:]\s*|\b(?:and|but|while)\s+)elsewhere\b|"
                          # "Earlier, a bomb in a market killed 11": another event, before the one just told
                          r"^\W*earlier(?:\s+(?:in\s+the\s+day|that\s+day|on\s+\w+day))?\s*,|"
                          r"\b(?:separately|(?:in\s+(?:a|another)\s+(?:separate\s+|similar\s+)?|"
                          r"(?:a|another)\s+(?:separate|similar)\s+)"
                          r"(?:attack|incident|raid|bombing|blast|explosion|shooting|strike)|in\s+another\s+"
                          r"(?:province|district|town|city|village|part\s+of))\b", re.I)
SEPARATE_REASON = "another event ('elsewhere', 'in a separate attack')"


#: "shooting was still heard on Friday", "sporadic fighting continued": the event told before, going on.
_STILL_RX = re.compile(r"\b(?:still|continu(?:ed|ing|es)|sporadic|persist(?:ed|ing))\b", re.I)
#: How many days after an attack a sentence without figures may tell it still going on.
STILL_DAYS = 2


def _still_going_on(event: Candidate, c: Candidate) -> bool:
    """True when attack sentence ``c``, with no figures, tells the attack ``event`` still going on a day or two later."""
    if c.kind != "incident" or event.kind != "incident" or c.killed is not None or c.injured is not None \
            or not _STILL_RX.search(c.quote) or event.date is None or c.date is None \
            or len(event.date) != 10 or len(c.date) != 10:
        return False
    days = (dt.date.fromisoformat(c.date) - dt.date.fromisoformat(event.date)).days
    return 0 < days <= STILL_DAYS


#: A move's sentence opening with a definite reference to movers already told: "The convoy", "The buses", "They".
_MOVERS_BACK_RX = re.compile(r"\W*(?:(?:the|this|that|these|those)\s+(?:[\w-]+\s+)?(?:convoys?|buses|coaches|"
                             r"flights?|planes?|boats?|ships?|ferry|ferries|trains?|trucks?|groups?|evacuees|"
                             r"refugees|people|exiles|residents|civilians|families)|they)\b", re.I)


def _joins(event: Candidate, c: Candidate, report_day: str | None = None) -> bool:
    """True when sentence candidate ``c`` tells the same event as ``event`` (same document)."""
    if event.kind != c.kind or FAMILY.get(event.type) != FAMILY.get(c.type):
        return False
    if SEPARATE_REASON in c.reasons:
        return False
    if event.background != c.background:
        return False  # the reported event and one told in passing as before it (:func:`_background`)
    if event.kind == "incident" and event.date is not None and c.date is not None \
            and "year" in (event.date_precision, c.date_precision) and event.date[:4] != c.date[:4]:
        return False  # "Last year, militants killed 60 in the same area": another year, another event
    if _other_day(event, c) or _other_day(c, event):
        return False  # "on December 26 of last year" (year unknown) and "on September 1, 2013": two days
    if event.date is not None and c.date is not None and not compatible(event.date, c.date) \
            and not _arrival_after(event, c) and not _still_going_on(event, c):
        if not (event.date_weak or c.date_weak):
            return False
        if not _before_statement(event, c) and not _told_before_statement(event, c) \
                and not _same_toll_before_statement(event, c):
            return False
    if c.kind == "relocation":
        # the same move told again, perhaps with one end left out ("3,000 were evacuated from X")
        ends = [(a, b) for a, b in ((event.from_place, c.from_place), (event.to_place, c.to_place))
                if a is not None and b is not None]
        if c.from_place is None and c.to_place is None:
            # "The latest transferred group of 27 …": a sentence that only counts the people of the move told
            # before (one that has no count yet) goes on with it; so does one that only tells when it happened
            # ("The transfer took place on Friday") or that they arrived a day or two later ("They arrived on
            # Wednesday")
            return (c.people is not None and event.people is None) or TIMING_REASON in c.reasons \
                or (c.people is None and _arrival_after(event, c) and _MOVERS_BACK_RX.match(c.quote) is not None)
        if event.from_place is None and event.to_place is None:
            # "Buses … reached safety on Sunday. The convoy arrived in X after dark, carrying 175": a sentence with no
            # date of its own that refers back to the movers goes on with the move told before, which named no end
            return c.date is None and event.date is not None and not event.date_weak \
                and _MOVERS_BACK_RX.match(c.quote) is not None
        if c.to_place is None and event.to_place is not None and rank(event.to_place) >= 2 \
                and _THIRD_COUNTRY_RX.search(c.quote):
            return False  # "moving to Camp Y" then "… their transfer to third countries": a move abroad, another
        if ROUTE_REASON in c.reasons and event.people is not None and c.people is not None \
                and event.people.value != c.people.value:
            return False  # "A second batch of 300 arrived on Saturday" after 500 on Friday: another group
        return bool(ends) and all(same_scene(a, b, 0) for a, b in ends)
    if c.date is None and c.date_precision == "week" and (event.date is not None or event.date_precision is not None
                                                          or _LATER_RX.search(c.quote)):
        # "ten days later", "last week": another time than the event told before (but a headline with no time
        # over "… were killed last week" is the same event)
        return False
    if c.place_note.startswith(ELSEWHERE) or event.place_note.startswith(ELSEWHERE):
        return False  # a scene far from every place named: another event than any placed one
    if c.place is None or event.place is None or not _told_here(c):
        return True  # "the attack", "the camp": a sentence that names no scene of its own goes on with the last
    if event.place_note.startswith("dateline") and (event.place.country_code == c.place.country_code
                                                    or c.place.country_code is None):
        return True  # "SANAA, Yemen — … an airstrike in the north": where the reporter is, not the scene
    near = c.place_note.startswith("near ") or event.place_note.startswith("near ")
    return same_scene(event.place, c.place, NEAR_KM if near else SAME_SCENE_KM) or _part_and_whole(event, c) \
        or _part_and_whole(c, event)


def _part_and_whole(a: Candidate, b: Candidate) -> bool:
    """True when ``a``'s sentence names its town as a part of, or near, the city that is ``b``'s place ("in X, a
    suburb of Y", "in X, near Y"): the report tells one scene by the town and by the city it belongs to."""
    return a.place_note.startswith(PART_OF) and b.place is not None and a.place is not None \
        and a.place_note.startswith(f"{PART_OF}{b.place.name}:") and distance_km(a.place, b.place) <= NEAR_KM


def _other_day(a: Candidate, b: Candidate) -> bool:
    """True when ``a`` names a month and day whose year cannot be told and ``b`` another month and day (told with
    its year, or also without): not the same day, whatever the years."""
    if a.month_day is None or a.date is not None:
        return False
    other = b.month_day if b.date is None else (b.date[5:] if b.date_precision == "day" and len(b.date) == 10
                                                 and not b.date_weak else None)
    return other is not None and other != a.month_day


#: An event told with only the day a statement was made ("police said Monday") happened at most this many days
#: before it: a date given elsewhere in the text within that span is the event's. Two weeks: statements, releases
#: and follow-up reports still speak of "the recent violence" then (7 days until session 12; 10 and 14 each joined
#: one more split's statement to its event with no loss, 30 began to join a report to an older event).
STATEMENT_DAYS = 14


def within_statement(weak: str | None, told: str | None) -> bool:
    """True when date ``told`` falls on the statement day ``weak`` or at most STATEMENT_DAYS before it."""
    if weak is None or told is None or len(weak) != 10:
        return False
    lo = (dt.date.fromisoformat(weak) - dt.timedelta(days=STATEMENT_DAYS)).isoformat()
    # a partial date ("2011-04") spans from its first to its last day: compare both ends as text
    first, last = told, told + "-99" * ((10 - len(told)) // 3)
    return last >= lo and first <= weak


def _before_statement(a: Candidate, b: Candidate) -> bool:
    """True when one date is a statement's and the other falls on it or at most STATEMENT_DAYS before."""
    weak, told = (a, b) if a.date_weak else (b, a)
    return within_statement(weak.date, told.date)


def _told_before_statement(a: Candidate, b: Candidate) -> bool:
    """True when one date is a statement's and the other, told by a sentence naming no scene of its own, lies before it.

    "X accused Y of a deadly attack last February. Testifying on Wednesday, he said Y was behind the rocket
    assault on Camp Z": the attack of February, at Camp Z (the statement's day is no event date).
    """
    if a.kind != "incident":
        return False
    weak, told = (a, b) if a.date_weak else (b, a)
    return (told.place is None or not _told_here(told)) and weak.date is not None and told.date is not None and told.date[:10] < weak.date


def _same_toll_before_statement(a: Candidate, b: Candidate) -> bool:
    """True when one date is a statement's, the other lies before it, and both give the same exact death toll.

    "Forces raided Camp X in July, killing 11. … Exiles today called for action over the attack that left 11
    dead": the July raid, however long before the statement (the toll names it).
    """
    weak, told = (a, b) if a.date_weak else (b, a)
    if weak.date is None or told.date is None or told.date[:10] >= weak.date:
        return False
    return a.killed is not None and b.killed is not None and a.killed.value is not None \
        and a.killed.value == b.killed.value


def _absorb(event: Candidate, c: Candidate) -> None:
    """Fold a later sentence's account into the document's event: its claims, and what it says better."""
    event.claims.extend(c.claims)
    _keep_week(event, c)
    # a told date beats a statement's, unless it only holds it ("this year" beside "said on Sunday")
    if c.date and (event.date is None
                   or (event.date_weak and not c.date_weak and not (len(c.date) < len(event.date)
                                                                    and compatible(c.date, event.date)))
                   or (event.date_weak == c.date_weak and len(c.date) > len(event.date))):
        event.date, event.date_precision, event.date_note, event.date_end = c.date, c.date_precision, c.date_note, \
            c.date_end
        event.date_weak = c.date_weak
    if c.kind == "incident":
        if _TYPE_ORDER.index(c.type) < _TYPE_ORDER.index(event.type):
            event.type = c.type
        # a sentence that joined without naming its scene itself does not move the event far away (a homonym
        # picked for a village named in the paragraph, hundreds of km from the province the event was placed in)
        if place_score(c) > place_score(event) and (event.place is None or _told_here(c)
                                                    or same_scene(event.place, c.place, NEAR_KM)):
            event.place, event.place_note = c.place, c.place_note
        event.killed = event.killed if event.killed is not None else c.killed
        event.injured = event.injured if event.injured is not None else c.injured
        event.actor1, event.actor2 = event.actor1 or c.actor1, event.actor2 or c.actor2
    else:
        if _arrival_after(event, c):
            event.date_end = c.date  # "left on Wednesday … arrived early Thursday": the move spans both days
        event.people = event.people if event.people is not None else c.people
        # an end told finer by another sentence of the same move ("from Iraq" and "from a camp near Baghdad")
        event.from_place = _finer(event.from_place, c.from_place)
        event.to_place = _finer(event.to_place, c.to_place)
    if c.confidence > event.confidence:
        event.confidence = c.confidence
    event.reasons.append(f"joined by the sentence at {c.start}")


#: A move's arrival told after its departure may fall this many days later ("left Wednesday, arrived Thursday").
ARRIVAL_DAYS = 2
#: A word of arriving: an account that tells when a move ended ("arrived in X on Tuesday").
ARRIVAL_RX = re.compile(r"\b(?:arriv\w*|reached|landed|disembark\w*|docked)\b", re.I)


def _arrival_after(event: Candidate, c: Candidate) -> bool:
    """True when relocation sentence ``c`` tells an arrival one to ARRIVAL_DAYS days after the move ``event``
    (both dated to the day by the text, not by a statement)."""
    if c.kind != "relocation" or event.kind != "relocation" or event.date is None or c.date is None \
            or len(event.date) != 10 or len(c.date) != 10 or event.date_weak or c.date_weak \
            or not ARRIVAL_RX.search(c.quote):
        return False
    days = (dt.date.fromisoformat(c.date) - dt.date.fromisoformat(event.date)).days
    return 0 < days <= ARRIVAL_DAYS


def _finer(a: Place | None, b: Place | None) -> Place | None:
    """``a``, or ``b`` when ``a`` is missing or a country or region that holds the finer ``b``."""
    if a is None:
        return b
    return b if b is not None and rank(b) > rank(a) and same_scene(a, b) else a


def merge_within(candidates: list[Candidate], report_day: str | None = None,
                 near_day_at: int | None = None) -> list[Candidate]:
    """One candidate per event of a document: sentences telling the same event become one, with every claim.

    Candidates come in text order. A sentence joins the latest open event
    (:data:`OPEN_EVENTS` of them, so merging stays linear) of the same type
    family whose date is compatible and whose scene is the same (the same
    place, a country holding it, a site within :data:`SAME_SCENE_KM`); a
    sentence that names no place of its own ("the attack", "the camp") goes on
    with the latest event. Hypothetical and generic sentences stay apart (the
    corpus stage filters them by confidence). ``report_day``: the report's own day (see
    :func:`_background`), None when unknown; ``near_day_at``: where the text first names a day of the
    report's own time (see :func:`_background`).
    """
    out: list[Candidate] = []
    open_events: list[Candidate] = []
    _background(candidates, report_day, near_day_at)
    for c in candidates:
        if not _mergeable(c):
            # A weak sentence that names the scene of an open event ("… said of the attack in X") is that
            # event's: it adds its claim and makes the event the latest, for the sentences after it.
            target = next((e for e in reversed(open_events) if _joins(e, c, report_day)), None) \
                if _weak_but_placed(c) or TIMING_REASON in c.reasons else None
            if target is None:
                out.append(c)
            else:
                _absorb(target, c)
                open_events.remove(target)
                open_events.append(target)
            continue
        target = next((e for e in reversed(open_events) if _joins(e, c, report_day)), None)
        if target is None:
            out.append(c)
            open_events = (open_events + [c])[-OPEN_EVENTS:]
        else:
            _absorb(target, c)
            open_events.remove(target)
            open_events.append(target)
    return out


#: "… came a week after militants killed 12 in X": the clause after "<a time> after" tells an earlier event than
#: the sentence's own, that long before it.
_EARLIER_RX = re.compile(r"\b(?:(?P<n>an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,3}|"
                         r"(?:a\s+)?few|several)\s+(?P<unit>days?|weeks?|months?|years?)|"
                         # "just months after": no count, the time only said to be short
                         r"(?:just|only|barely|mere|merely)\s+(?P<bare>days|weeks|months|years)|"
                         # "the second attack on the camp this month after mortars killed three": one of a series
                         r"(?:second|third|fourth|fifth|another|latest)\s+(?:[\w-]+\s+){1,5}?(?:this|that|last|in\s+a)\s+"
                         r"(?:week|month|year))\s+(?:after|since)\s+",
                         re.I)
#: A definite reference right after "<a time> after" ("the attack", "Friday's bombing"): an event already told.
_DEFINITE_RX = re.compile(r"(?:the|this|that|these|those|its|their|[A-Z]\w+day['’]s)\b", re.I)
#: The words of a definite noun phrase after its determiner ("the deadly rocket attack"): at most three.
_NP_WORDS_RX = re.compile(r"\s+(?:[\w’'-]+\s+){0,2}[\w’'-]+")


def _definite_event(sent: str, at: int) -> bool:
    """True when a definite noun phrase naming an attack starts at ``at`` ("the attack", "Friday's bombing"), not
    any definite subject ("the army killed 60": the army is no event referred back to)."""
    m = _DEFINITE_RX.match(sent, at)
    words = _NP_WORDS_RX.match(sent, m.end()) if m else None
    return words is not None and _ANY_ATTACK_RX.search(words.group(0)) is not None


#: The reason that marks a candidate as an earlier event told in passing (no report date for it).
EARLIER_REASON = "an earlier event told in passing"


#: "More than a week after …", "About two days after …": only how long, the "after" clause still opens the sentence.
_ROUGHLY_RX = re.compile(r"[\s\"“']*(?:(?:more|less|fewer)\s+than|about|around|nearly|almost|some|over|just\s+over|"
                         r"barely|roughly|well\s+over|exactly)\s+", re.I)


def _earlier_cut(sent: str) -> tuple[tuple[int, int], tuple[int, int], re.Match] | None:
    """(main part, earlier part, match) of a sentence that tells an earlier event after "<a time> after".

    "X came a week after gunmen killed 12 in Y, …": main "X came", earlier "gunmen killed 12 in Y".
    "Two days after gunmen killed 12 in Y, police found …": earlier up to the comma, main after it.
    None unless the earlier part has an attack or casualty word of its own.
    """
    if " after " not in sent and " since " not in sent:
        return None  # (cheap test first: most sentences have neither)
    m = _EARLIER_RX.search(sent)
    if m is None:
        return None
    stop = re.compile(r"[,;:]\s|\s[-–—]\s").search(sent, m.end())
    end = stop.start() if stop else len(sent)
    part = sent[m.end():end]
    if not (_KILL_RX.search(part) or _ANY_ATTACK_RX.search(part)):
        return None
    if sent[:m.start()].strip(" \"“'") and not _ROUGHLY_RX.fullmatch(sent[:m.start()]):
        main = (0, m.start())
    elif stop is not None:
        main = (stop.end(), len(sent))
    else:
        main = (0, 0)
    return main, (m.end(), end), m


def _earlier_date(c: Candidate, m: re.Match, day: str | None, later: list[DateMention] = (),
                  base: str = "the report's date") -> None:
    """Date an earlier event told in passing that long before ``day`` (the report's), when the text gives none.

    ``later`` are the dates with a year written out that the sentence gives after the earlier event's clause
    ("… a month after the army killed 60 by bombing X, a village of Y district, on 23 October, 2022"): when one
    alone lies before the report's day, it is the earlier event's own date, better than one counted back."""
    c.reasons.append(f"{EARLIER_REASON} ({m.group(0).strip()!r})")
    own = [d for d in later if d.value and d.how == "year in the text" and (day is None or d.value[:len(day)] < day)]
    if c.date is None and len(own) == 1:
        d = own[0]
        c.date, c.date_precision, c.date_weak = d.value, d.precision, False
        c.date_note = f"{d.text!r}: the date the sentence gives after the earlier event's clause"
        return
    n = count_word(m.group("n")) if m.group("n") else None
    if c.date is not None or day is None or n is None:
        return
    unit, d = m.group("unit").lower().rstrip("s"), dt.date.fromisoformat(day)
    if unit in ("day", "week"):
        c.date, c.date_precision = (d - dt.timedelta(days=n * (7 if unit == "week" else 1))).isoformat(), "day"
    elif unit == "month":
        months = d.year * 12 + d.month - 1 - n
        c.date, c.date_precision = f"{months // 12:04d}-{months % 12 + 1:02d}", "month"
    else:
        c.date, c.date_precision = f"{d.year - n:04d}", "year"
    c.date_weak = False
    c.date_note = f"{m.group(0).strip()!r} counted back from {base} {day}"


def _earlier(c: Candidate) -> bool:
    """Told in passing as earlier than the sentence's own event, and not as the reported event referred back to."""
    return REFERS_BACK_REASON not in c.reasons and any(r.startswith(EARLIER_REASON) for r in c.reasons)


#: "The announcement came on Sunday, a day after the attack killed nine": "the attack", with no scene of its own,
#: is the event the report is about (dated that long before), not an earlier one (:func:`_background`).
REFERS_BACK_REASON = "refers back to the reported event ('the attack')"


#: Every word that can start an attack or relocation candidate, as one pattern: a paragraph without a match
#: yields none, whatever its sentences (the alternation matches where one of the separate patterns would).
_TRIGGER_RX = re.compile(rf"(?<![\w-])(?:{_RELOCATION}|{_KILL_VERBS}|{_INJURE_WORDS}|"
                         rf"{'|'.join(w for _, w in ATTACK_TYPES)})(?![\w-])",
                         re.I)

#: The benchmark (``bench/incidents.py``) sets GEO_INCIDENTS_PREFILTER=0 to time the plain way: every
#: paragraph split whole and read, every mention lookup a scan of the whole document. Output is the same, but
#: where pysbd misses a sentence end that :func:`_safe_cuts` finds (see :func:`_reading_spans`).
PREFILTER_ENV = "GEO_INCIDENTS_PREFILTER"


def _trigger_starts(paragraph: str) -> list[int]:
    """Where each trigger word of a paragraph starts, in order (one scan of the paragraph), with the timing
    phrases ("the incident occurred", :data:`_TIMING_RX`) of the rare paragraphs that have one."""
    starts = [m.start() for m in finditer_fast(_TRIGGER_RX, paragraph)]  # = _TRIGGER_RX.finditer (geo.rescan)
    if "occurred" in paragraph or "happened" in paragraph or "took place" in paragraph:
        starts = sorted(starts + [m.start() for m in _TIMING_RX.finditer(paragraph)])
    if "clashes" in paragraph or "invasion" in paragraph or "crackdown" in paragraph or "takeover" in paragraph:
        # "The July 28 clashes saw the police …": no attack word, only the day of the event told before
        # (:func:`_dated_event`)
        starts = sorted(set(starts) | {m.start() for m in _DATED_NOUN_RX.finditer(paragraph)})
    return starts


def extract_document(doc: Document, mentions: list[Mention], gaz: Gazetteer,
                     prefilter: bool | None = None) -> list[Candidate]:
    """Attack and relocation candidates of one document, in text order.

    Only paragraphs with a trigger word (:data:`_TRIGGER_RX`) are split into
    sentences and read; the others only move the year "that July" refers to.
    What a sentence reads from its context stays whole: the paragraph's
    counts and places, the places named anywhere before or after (through a
    :class:`MentionIndex`). State is kept for the current paragraph only, so
    memory does not grow with the document.

    Parameters
    ----------
    doc : Document
        The text and its published date (for relative dates).
    mentions : list of Mention
        Place mentions of this document (from the geoparse stage); others are ignored.
    gaz : Gazetteer
        To read each mentioned place's kind and country.
    prefilter : bool or None
        False reads every paragraph and scans all mentions for each lookup (the
        slow reference, same output); None: True unless the environment
        variable ``GEO_INCIDENTS_PREFILTER`` is ``0``.

    Returns
    -------
    list of Candidate
        One per event the document tells (:func:`merge_within`), each with every
        sentence's claim, scored; the caller filters by confidence.
    """
    if prefilter is None:
        prefilter = os.environ.get(PREFILTER_ENV, "1") != "0"
    text = doc.text
    pairs = _resolved([m for m in mentions if m.document == doc.id], gaz)
    # Places that only qualify a speaker, an office or a state ("London-based", "in London, said",
    # "the Iraqi government") are no scene; the dateline's place is the last resort (choose_place).
    head = dateline_span(text)
    in_head = lambda m: head[0] <= m.start and m.end <= head[1]  # noqa: E731
    # "Washington/Mogadishu —": the last place of a dateline is where the report is from.
    dateline = next((p for m, p in reversed(pairs) if in_head(m) and rank(p) >= 1), None)
    told = [(m, p) for m, p in pairs if not in_head(m) and not not_the_scene(text, m.start, m.end, "city")]
    scene = [(m, p) for m, p in told if not not_the_scene(text, m.start, m.end, p.kind, kind_only=True)
             and (not _moved_to(text, m) or _WHERE_IT_HAPPENED_AFTER_RX.match(text, m.end))]
    scene = _off_title(text, head, scene, pairs)
    # places foreign to the story (geo.foreign): a foreign capital standing for its government ("condemnation from
    # X") and a town of a country the story never names, tied to no attack ("a spokesman in X"), are no scene; a
    # small namesake of such a country tied to an attack is a place the offline data cannot place
    scene, namesakes = foreign.sort_out(text, scene)
    doc_mentions = MentionIndex(scene, linear=not prefilter, text=text)
    doc_mentions.unplaced = sorted([m for m in mentions if m.document == doc.id and not m.place_id
                                    and not (head[0] <= m.start and m.end <= head[1])]
                                   + [replace(m, place_id=None, reason=foreign.NAMESAKE_REASON) for m in namesakes],
                                   key=lambda m: m.start)
    doc_mentions.unplaced_starts = [m.start for m in doc_mentions.unplaced]
    move_mentions = MentionIndex(told, linear=not prefilter, text=text)
    move_mentions.everything = sorted(pairs, key=lambda mp: mp[0].start)
    out: list[Candidate] = []
    context_year = year_of(doc.published) if doc.published else None
    # "09-01" → "2013-09-01": the days the text told with their year (_with_years_told)
    days_told: dict[str, str] = {}
    weekdays: dict[str, DateMention] = {}  # "last Thursday" told so far: a later bare "Thursday" is that day
    report_day = _report_day(doc)
    read_at: dict[int, Span] = {}  # the span each attack candidate was read from, by id (see _off_background)
    near_day_at: int | None = None  # where the text first names a day of the report's own time (see _background)
    said_before: list[DateMention] = []  # the resolved dates of the sentence before, when it told no event (_refers_back)
    attack_told = False  # an attack told so far: "The attack" then refers to it, not to the sentence before
    told_day: str | None = None  # the day of the latest event told with one ("Two days later, …" counts on from it)
    moved_to: Place | None = None  # the site the latest move so far took people to (see _relocation_ends)
    last_route: Candidate | None = None  # the document's latest move with both ends (see _another_group)
    # the last attack told, and the paragraph it was told in: wire copy gives each sentence a paragraph of its own,
    # so the figures of the next paragraph's first sentences may still go on with it (see _continues)
    last_incident: Candidate | None = None
    last_told: Candidate | None = None  # the last attack told as having happened (not feared or demanded)
    last_incident_para = -2
    for seq, (index, pstart, pend, para) in enumerate(_paragraphs(text)):
        if seq != last_incident_para + 1:
            last_incident = last_told = None
        triggers = _trigger_starts(para) if prefilter else []
        if prefilter and not triggers:
            # No candidate can come from this paragraph; its dates still set the year of a later "that July".
            span = _whole(para, index, pstart, pend)
            found = find_dates(text[span.start:span.end], doc.published, span.start, context_year,
                               bound=doc.date_source == "text")
            resolved = [d for d in _with_years_told(found, days_told) if d.value]
            if resolved:
                context_year = year_of(resolved[-1].value)
                if near_day_at is None:
                    near_day_at = _near_day_told(text, resolved, report_day)
            told_day = _day_told(resolved) or told_day
            said_before = resolved
            continue
        counts = _Counts()  # counts said so far in this paragraph ("half of these")
        last_move: Candidate | None = None  # the paragraph's last move with both ends (see _same_route)
        spans = _reading_spans(para, index, pstart, pend, triggers) if prefilter else \
            ((s, True) for s in _split_paragraph(para, index, pstart, pend))
        for span, read in spans:
            sent = text[span.start:span.end]
            dates = _with_years_told(find_dates(sent, doc.published, span.start, context_year,
                                                bound=doc.date_source == "text"), days_told)
            if told_day is not None and any(d.value is None for d in dates):
                dates = [_counted_on(d, told_day) for d in dates]
            told_from = len(out)
            if span.start < head[1]:
                # "ISLAMABAD, March 3 (Reuters) - … on Friday": the dateline's date is the report's, not the event's
                dates = [replace(d, how=_DATELINE_DATE + d.how) if head[0] <= d.start and d.end <= head[1] else d
                         for d in dates]
            if weekdays or any(d.text[:4].lower() in ("last", "this") for d in dates):
                dates = _same_weekday(dates, weekdays)
            masked = _mask(sent, [(d.start - span.start, d.end - span.start) for d in dates])
            dates = [d for d in dates if not _photo_date(text, d)]  # masked all the same: no count in it
            resolved = [d for d in dates if d.value]
            if resolved and near_day_at is None:
                near_day_at = _near_day_told(text, resolved, report_day)
            before, said_before = said_before, resolved
            if not read:  # sentences without a trigger word: their counts are read only if "half of these" asks
                counts.defer(masked, span.start)
                if resolved:
                    context_year = year_of(resolved[-1].value)
                told_day = _day_told(resolved) or told_day
                continue
            qs = find_quantities(masked)
            figs = figures(sent, span.start, dates, counts, masked=masked, qs=qs)
            if figs and ";" in sent:
                figs = _off_tally_clause(sent, span.start, figs, doc_mentions)
            cut = _earlier_cut(sent)
            ec = None
            reported_after = None  # the reported event told only in the "<a time> after" clause (see below)
            if cut is not None:
                (ma, mb), (ea, eb), how = cut
                ec, _ = _part(text, span, ea, eb, dates, counts, doc, doc_mentions, dateline)
                if ec is not None and ea < eb <= ma and not _ATTACK_WORD_RX.search(sent, ma, mb):
                    # "A week after gunmen raided X, survivors reached Y on Thursday": the main clause tells no
                    # attack of its own, so the one in the opening "after" clause is the event reported
                    reported_after, cut = cut, None
                elif ec is None or (ec.killed is None and ec.injured is None and (
                        not _told_here(ec) or _DEFINITE_RX.match(sent, ea))):
                    cut = None  # "two days after the attack (on the hotel in X), police …": the event reported
            if cut is not None:
                # the earlier event told in passing is a candidate of its own; the sentence's own event is the rest
                if ec is not None:
                    _earlier_date(ec, how, report_day, [d for d in dates if d.start >= span.start + eb
                                                        and not statement_date(text, d)])
                    if _definite_event(sent, ea) and not _told_here(ec):
                        ec.reasons.append(REFERS_BACK_REASON)  # "a day after the attack killed 9": the reported one
                    out.append(ec)
                    read_at[id(ec)] = Span(span.start + ea, span.start + eb, span.para_start, span.para_end,
                                           span.index)
                c, hypothetical = _part(text, span, ma, mb, dates, counts, doc, doc_mentions, dateline) \
                    if mb > ma else (None, False)
                if c is not None:
                    read_at[id(c)] = Span(span.start + ma, span.start + mb, span.para_start, span.para_end,
                                          span.index)
            elif reported_after is not None:
                # "More than a week after militants raided X, survivors streamed into Y on Thursday": the raid is
                # the event reported, that long before the main clause's day (Thursday is the survivors')
                (ma, mb), (ea, eb), how = reported_after
                c, hypothetical = _incident(text, span, [d for d in dates if d.start < span.start + ma], figs, doc,
                                            doc_mentions, dateline)
                if c is not None:
                    read_at[id(c)] = span
                    if c.date is None:
                        own = [d for d in dates if d.start >= span.start + ma and d.value and d.precision == "day"
                               and not statement_date(text, d) and not d.how.startswith(_DATELINE_DATE)]
                        _earlier_date(c, how, own[0].value if own else report_day,
                                      base=f"the day of the main clause ({own[0].text!r})" if own
                                      else "the report's date")
                        c.reasons.append(REFERS_BACK_REASON)
                        if c.date is None:
                            c.date_precision = "week"  # "just days after": not the report's day, no day told
            else:
                c, hypothetical = _incident(text, span, dates, figs, doc, doc_mentions, dateline)
                if c is not None:
                    read_at[id(c)] = span
                    if c.date is None and before and not hypothetical and not attack_told:
                        before = _event_dates(text, before)
                        if before:
                            _refers_back(c, sent, before[-1])
            if c is not None or len(out) > told_from:
                said_before = []  # an event told: "The raid …" next refers to it, not to an older date
                attack_told = attack_told or (c is not None and not hypothetical)
            if c is not None:
                # figures after a feared or demanded attack ("… warned of another massacre. 37 were wounded") go
                # on with the attack told before it
                last = last_told if last_incident is not None and last_incident.hypothetical else last_incident
                if last is not None and _continues(last, c, hypothetical) and (
                        last_incident_para == seq or c.place is None or last.place is None
                        or c.place.place_id == last.place.place_id):
                    _extend(last, c, text)
                else:
                    out.append(c)
                    last_incident = c
                    if not c.hypothetical:
                        last_told = c
                last_incident_para = seq
            for cl_start, cl_end in clauses(sent):
                clause = sent[cl_start:cl_end]
                move = _RELOC_RX.search(clause)
                if move is None:
                    continue
                if "list" in clause or "regist" in clause or "sanction" in clause:
                    off = _OFF_A_LIST_RX.match(clause, move.start())
                    if off is not None:
                        move = _RELOC_RX.search(clause, off.end())  # "removed from the terror list": no move
                        if move is None:
                            continue
                move = _moving(clause, move)
                if move is None:
                    continue
                inserted = _inserted_move(clause, move)
                if inserted is not None:
                    # "The exiles, who were moved from X to Y last year, left for Z on Friday": the relative
                    # clause tells an earlier move (a candidate of its own); the sentence's move is the one after it
                    (ia, ib), nxt = inserted
                    ispan = Span(span.start + cl_start + ia, span.start + cl_start + ib, span.para_start,
                                 span.para_end, span.index)
                    idates = [d for d in dates if ispan.start <= d.start and d.end <= ispan.end]
                    ic = _relocation(text, ispan, idates, figures(clause[ia:ib], ispan.start, idates, counts),
                                     doc, move_mentions, move.start() - ia, sent, moved_to=moved_to)
                    out.append(ic)
                    if ic.to_place is not None and rank(ic.to_place) >= 3 and ic.confidence >= 0.5 \
                            and not ic.hypothetical:
                        moved_to = ic.to_place
                    lead = figures(clause[:ia], span.start + cl_start, dates, counts).get("people")
                    subject = clause[:ia]
                    cl_start, clause = cl_start + ib, clause[ib:]
                    move = _moving(clause, _RELOC_RX.search(clause))
                    if move is None:
                        continue
                else:
                    lead, subject = None, ""
                after = _AFTER_EVENT_RX.search(clause, move.end()) \
                    if "after" in clause or "following" in clause else None
                if after is not None and _told_event(clause[after.end():]):
                    cl_end = cl_start + after.start()  # "The move came days after gunmen killed 12 at X": X is no end
                    clause = sent[cl_start:cl_end]
                cspan = Span(span.start + cl_start, span.start + cl_end, span.para_start, span.para_end, span.index)
                cdates = [d for d in dates if cspan.start <= d.start and d.end <= cspan.end]
                cfigs = figures(clause, cspan.start, cdates, counts)
                if lead is not None and "people" not in cfigs:
                    cfigs["people"] = lead  # "Some 30 exiles, who …, left for Z": the count before the insertion
                rc = _relocation(text, cspan, cdates, cfigs, doc, move_mentions, move.start(), sent, subject,
                                 moved_to)
                if rc.to_place is None and dateline is not None and rank(dateline) >= 2 \
                        and _HERE_RX.match(clause, move.end()) \
                        and (rc.from_place is None or rc.from_place.place_id != dateline.place_id):
                    # "TIRANA (AP) - Thirty exiles from Camp X arrived here on Tuesday": "here" is the dateline's town
                    rc.to_place = dateline
                    rc.confidence = round(min(1.0, rc.confidence + 0.1), 3)
                    rc.reasons.append(HERE_REASON)
                if last_move is not None and _same_route(rc, move_mentions):
                    rc.from_place, rc.to_place = last_move.from_place, last_move.to_place
                    rc.confidence = round(min(1.0, rc.confidence + 0.1), 3)
                    rc.reasons.append(ROUTE_REASON)
                elif last_route is not None and _another_group(rc, clause, move.start(), last_route):
                    rc.to_place = last_route.to_place
                    if rc.date is None and last_route.date is not None:
                        # told with the convoy: on its day
                        rc.date, rc.date_precision, rc.date_end = last_route.date, last_route.date_precision, \
                            last_route.date_end
                        rc.date_note, rc.date_weak = "the move told before", last_route.date_weak
                    rc.confidence = round(min(1.0, rc.confidence + 0.1), 3)
                    rc.reasons.append(ANOTHER_GROUP_REASON)
                elif rc.from_place is not None and rc.to_place is not None and rc.confidence >= 0.5 \
                        and not rc.hypothetical:
                    last_move = rc
                out.append(rc)
                if rc.from_place is not None and rc.to_place is not None and rc.confidence >= 0.5 \
                        and not rc.hypothetical and ANOTHER_GROUP_REASON not in rc.reasons:
                    last_route = rc
                if rc.to_place is not None and rank(rc.to_place) >= 3 and rc.confidence >= 0.5 and not rc.hypothetical:
                    moved_to = rc.to_place  # a camp people were moved to: where they are from then on
            # the latest event told with a date of its own (a year or a month: no day to count on from)
            told = next((x for x in reversed(out[told_from:]) if x.date is not None and not x.date_weak), None)
            if told is not None:
                told_day = told.date if told.date_precision == "day" else None
            else:
                told_day = _day_told(resolved) or told_day
            counts.extend([replace(q, start=q.start + span.start, end=q.end + span.start) for q in qs])
            if resolved:
                context_year = year_of(resolved[-1].value)
    _previous_at_the_reported_scene(out, doc_mentions, text)
    _background(out, report_day, near_day_at)
    _off_background(out, read_at, doc_mentions, text, dateline, report_day)
    _totals_repeated(out)
    spans_at = {s.start: s for s in read_at.values()}  # the sentence each claim was read from
    out = merge_within(out, report_day=report_day, near_day_at=near_day_at)
    _off_wide_area(out, spans_at, doc_mentions, text)
    _headline_totals(out, text, _title_end(text, head), pairs)
    for c in out:
        if c.kind == "incident" and c.place is not None and report_day is not None and (
                (c.place.kind == "country" and c.date is not None and not c.date_weak
                 and c.date_precision in ("month", "year") and c.date < report_day[:len(c.date)])
                or (c.background and rank(c.place) <= 1 and c.date_precision != "day")):
            # "Last month, 30 people died in an attack in eastern X", "the attack on X last March, … in the vast Y
            # region": an earlier event told in passing, with neither its day nor a place finer than a country or
            # a region: nothing a map or a merge can place
            c.confidence = round(max(0.0, c.confidence - BACKGROUND_COUNTRY_PENALTY), 3)
            c.reasons.append(BACKGROUND_COUNTRY_REASON)
    return _report_dated(out, doc)


#: How much an earlier event told in passing at country level only loses (below every threshold).
BACKGROUND_COUNTRY_PENALTY = 0.6
BACKGROUND_COUNTRY_REASON = "an earlier event told in passing, placed only at its country or region"


#: A day more than this many days before the report's is another event's than the report's own news (see
#: :func:`_background`; the same span as an undated account's reach across documents).
BACKGROUND_DAYS = 31


def _dated_before_report(c: Candidate, report_day: str | None, day: bool = True) -> bool:
    """True when ``c``'s own date lies before the report's day: a month or a year before its statement window ("in
    March 2019", "last year" in a report of 2020; a statement's month is a bound: the event is earlier still), or,
    with ``day``, a day more than :data:`BACKGROUND_DAYS` before it ("On March 23, 2019, gunmen killed 160")."""
    if c.date is None or report_day is None:
        return False
    if c.date_precision == "day" and len(c.date) == 10 and not c.date_weak:
        if not day:
            return False
        return (dt.date.fromisoformat(report_day) - dt.date.fromisoformat(c.date)).days > BACKGROUND_DAYS
    return (c.date_precision in ("month", "year") and not compatible(c.date, report_day)
            and not within_statement(report_day, c.date))


#: "The war erupted after militants launched attacks …, killing 1,400": the event that began a war, long before.
_STARTED_THE_WAR_RX = re.compile(r"\b(?:war|conflict|crisis|insurgency|uprising|offensive|siege|fighting)\s+"
                                 r"(?:first\s+)?(?:erupted|began|started|broke\s+out|was\s+(?:triggered|sparked))\s+"
                                 r"(?:after|when|with|following|by)\b", re.I)


def _background(candidates: list[Candidate], report_day: str | None, near_day_at: int | None = None) -> None:
    """Decide, per attack candidate and before merging, whether it is the reported event or a background one.

    A document reports one event (or a few) and recalls others: "… attacked the village on Friday. In the
    attack on the village last March, militiamen killed 150". The decision, in text order:

    - told as earlier by its own words: after "<a time> after" (:func:`_earlier_cut`), "a previous attack"
      (:data:`PREVIOUS_REASON`), "the war erupted after …" (:data:`_STARTED_THE_WAR_RX`): background wherever
      it stands;
    - dated by a month or a year before the report's day (and its statement window): background when an
      event of the report's own time was told before it (the lede tells the reported event; a later
      sentence dated "in March 2019" recalls another). An old date in the lede is the reported event's
      own (a late report, a testimony about "last March", a chronology), and stays so;
    - dated by a day more than :data:`BACKGROUND_DAYS` before the report's: background when an event with a
      date of its own near the report (not only an undated headline: "X attacked; 4 killed" over a
      chronology's "July 28, 2009 Police attacked the camp") was told before it, or an event was and the text
      named a day near the report before (``near_day_at``: "On Friday, October 1, forces set up a post … they
      were attacked … During the attacks of July 28, 2009 …", the day in a sentence with no attack word);
    - anything else (undated, dated by a statement, dated near the report) is the reported event.

    ``c.background`` is set; :func:`_joins` never joins a background candidate with a reported one,
    :func:`_report_dated` never gives it the report's day, :func:`_off_background` keeps it off the
    dateline, and the corpus stage keeps it out of the group of its document's reported event.
    """
    reported = dated = False  # an event of the report's own time told so far; one with a date of its own
    told: list[str] = []  # the dates the reported events were told with (not a statement's)
    for c in candidates:
        if c.kind != "incident":
            continue
        c.background = _earlier(c) or PREVIOUS_REASON in c.reasons or _STARTED_THE_WAR_RX.search(c.quote) is not None \
            or (reported and _dated_before_report(c, report_day,
                                                  day=dated or (near_day_at is not None and near_day_at < c.start))
                # "Forces raided the camp in July" after a lede on the attack "in July": the reported event again
                and not any(compatible(c.date, d) for d in told))
        if not c.background and not c.hypothetical and c.confidence >= MERGE_MIN_CONFIDENCE:
            reported = True
            dated = dated or (c.date is not None and not _dated_before_report(c, report_day))
            if c.date is not None and not c.date_weak:
                told.append(c.date)


def _off_background(out: list[Candidate], read_at: dict[int, Span], index: MentionIndex, text: str,
                    dateline: Place | None, report_day: str | None) -> None:
    """Place again the attacks that borrowed their place from the sentence of an earlier event told in passing.

    "A car bomb exploded in the capital on Saturday. The blast came three days after a bomber killed 10 in X":
    X is the earlier event's scene, not the capital's. A place the text names only in such sentences is left
    out for the sentences that do not name their own scene (one pass over the mentions; nothing to do in most
    documents).

    A background event itself never takes the dateline ("NAIROBI — … In 2014, the group killed 28 in a
    similar attack"): where the report was filed says nothing of where an earlier event happened; it is
    placed again without the dateline (unplaced when its sentence and paragraph name nothing).
    """
    for c in out:
        span = read_at.get(id(c))
        if c.background and span is not None and c.place is not None and c.place_note.startswith("dateline"):
            sent = text[span.start:span.end]
            c.place, c.place_note = choose_place(span, index, anaphor=bool(_ANAPHOR_RX.search(sent)), dateline=None,
                                                 site_anaphor=bool(_SITE_ANAPHOR_RX.search(sent)))
            c.reasons = [r for r in c.reasons if not r.startswith("place: ")] + [
                f"place: {c.place_note} (a background event: not the dateline)"]
    spans = sorted((c.start, c.end) for c in out if c.background)
    if not spans:
        return
    starts = [a for a, _ in spans]
    total: dict[str, int] = {}
    inside: dict[str, int] = {}
    for m, p in index:
        total[p.place_id] = total.get(p.place_id, 0) + 1
        j = bisect_left(starts, m.start + 1) - 1
        if j >= 0 and m.end <= spans[j][1]:
            inside[p.place_id] = inside.get(p.place_id, 0) + 1
    only = frozenset(pid for pid, n in inside.items() if n == total[pid])
    if not only:
        return
    for c in out:
        span = read_at.get(id(c))
        if span is None or c.place is None or c.place.place_id not in only or _told_here(c) \
                or c.background:
            continue
        sent = text[span.start:span.end]
        place, note = choose_place(span, index, exclude=only, anaphor=bool(_ANAPHOR_RX.search(sent)),
                                   dateline=dateline, site_anaphor=bool(_SITE_ANAPHOR_RX.search(sent)))
        if place is not None and rank(place) == 1 and place.kind != "country" \
                and place.country_code == c.place.country_code and _inside(place, c.place):
            continue  # a town inside the province the sentence names refines it, whichever sentence names the town
        c.place, c.place_note = place, note
        c.reasons = [r for r in c.reasons if not r.startswith("place: ")] + [
            f"place: {c.place_note} (not the scene of an earlier event told in passing)"]


def _part(text: str, span: Span, a: int, b: int, dates: list[DateMention], counts, doc: Document, doc_mentions,
          dateline: Place | None) -> tuple[Candidate | None, bool]:
    """:func:`_incident` on the part ``[a, b)`` of sentence ``span`` (offsets in the sentence), with its own figures."""
    part = Span(span.start + a, span.start + b, span.para_start, span.para_end, span.index)
    pdates = [d for d in dates if part.start <= d.start and d.end <= part.end]
    figs = figures(text[part.start:part.end], part.start, pdates, counts)
    return _incident(text, part, pdates, figs, doc, doc_mentions, dateline)


def _totals_repeated(candidates: list[Candidate]) -> None:
    """Take a total's figure off the other sentences of the document that repeat it.

    "Two attacks have killed 24 people" is a total (:data:`_CUMULATIVE_RX`); a headline "24 killed in
    attack" that repeats the figure is that total again, not the toll of the attack the headline goes on
    to tell. The sentence stays (its claim, place and date), without the figure.
    """
    totals = {c.killed.value for c in candidates if c.kind == "incident" and c.killed is not None
              and c.killed.value is not None and c.killed.value > 1
              and any(r.startswith(_TOTAL_REASON) for r in c.reasons)}
    if not totals:
        return
    for c in candidates:
        if c.kind != "incident" or c.killed is None or c.killed.value not in totals \
                or any(r.startswith(_TOTAL_REASON) for r in c.reasons):
            continue
        total = c.killed
        c.killed = None
        c.claims = [Claim(cl.start, cl.end, cl.quote, None if cl.killed is total else cl.killed, cl.injured,
                          cl.people, cl.date, cl.claimed_by) for cl in c.claims]
        c.reasons.append(f"killed {total.text!r}: the document's total of several attacks, not this event's")


def _off_tally_clause(sent: str, offset: int, figs: dict[str, Quantity], index: MentionIndex) -> dict[str, Quantity]:
    """Figures less those of a clause that counts a whole country's dead beside the attack told in another clause.

    "Rockets strike exile camp; 135 killed in Iraq": the headline's second half is a country's tally (that day or
    that month), not the camp attack's toll. A clause of its own (after ";") with no attack word, whose only place
    is a country, while another clause of the sentence tells the attack.
    """
    cuts = [0] + [m.end() for m in re.finditer(r";\s*", sent)] + [len(sent) + 1]
    parts = [(cuts[i], cuts[i + 1] - 1) for i in range(len(cuts) - 1)]
    attack = [_attack_type(sent[a:b])[0] is not None for a, b in parts]
    out = dict(figs)
    for role, q in figs.items():
        at = q.start - offset
        n = next((i for i, (a, b) in enumerate(parts) if a <= at < b), None)
        if n is None or attack[n] or not any(attack):
            continue
        a, b = parts[n]
        places = index.starting_in(offset + a, offset + b)
        if places and all(p.kind == "country" for _, p in places):
            del out[role]
    return out


#: "removed from the US terror list", "taken off the sanctions register": a name taken off a list, nobody moved.
#: Verbs that move people only when people follow ("Norway accepted 120 refugees", not "welcomed the efforts").
_RECEIVING = frozenset(("welcomed", "accepted", "accepts", "took in", "taken in"))
_RECEIVED_RX = re.compile(r"\W+(?:[\w’'-]+\W+){0,3}?(?:\d|(?:" + _PEOPLE_NOUNS + r"|them|group|groups|families|"
                          r"detainees|migrants|evacuees|survivors|dozens|hundreds|thousands|some|about|nearly|more|"
                          r"several|many|all|"
                          r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|"
                          r"forty|fifty|sixty|seventy|eighty|ninety|hundred)\b)",
                          re.I)


def _moving(clause: str, move: re.Match) -> re.Match | None:
    """The clause's moving word from ``move`` on: "welcomed the relocation of 27" moves by "relocation" (whoever
    welcomes it is no end); "welcomed renewed efforts", "accepted the offer" move no one."""
    while move is not None and re.sub(r"\s+", " ", move.group(0).lower()) in _RECEIVING:
        nxt = _RELOC_RX.search(clause, move.end())
        if nxt is not None and nxt.start() - move.end() <= 30:
            return nxt
        if _RECEIVED_RX.match(clause, move.end()):
            return move
        move = nxt
    if move is not None and move.group(0).lower() == "reached" and _GROUP_RX.search(clause) is None \
            and not find_quantities(clause[:move.start()]):
        # "Aid workers reached X on Monday", "the delegation reached X": arriving somewhere moves no one unless the
        # clause names a group of people or counts them ("they reached X", "400 Kurds reached X")
        return None
    return move


ROUTE_REASON = "ends: the route of the move told before in the paragraph"


def _same_route(c: Candidate, index: MentionIndex) -> bool:
    """True when move ``c`` names no place, but its own day and count: another group on the route told just before.

    "On May 31, 30 exiles from Camp X arrived in Y. The first group of 14 arrived on May 16.": the 14 went from X
    to Y too, on their own day (a count without a day is the move told before, :func:`_joins`).
    """
    return c.from_place is None and c.to_place is None and c.people is not None and c.date is not None \
        and not c.date_weak and c.date_precision == "day" and not c.hypothetical \
        and not any(r.startswith(_TOTAL_REASON) for r in c.reasons) and not index.within(c.start, c.end)


HERE_REASON = "destination: 'here', the dateline's town"
#: "arrived here", "were flown here", "landed safely here": the place the report is filed from.
_HERE_RX = re.compile(r"\s+(?:(?:safely|early|late|overnight)\s+)?here\b", re.I)
ANOTHER_GROUP_REASON = "destination: the move told before (another group, from its own origin)"
#: "Another 58 civilians were evacuated from X", "a further 40 left X", "30 more were bused out of X": a group
#: added to the move told before.
_ANOTHER_GROUP_RX = re.compile(r"\b(?:another|a\s+further|further|an\s+additional|additional|a\s+second|"
                               r"a\s+third|a\s+fourth)\b|\b\d[\d,]*\s+more\b", re.I)


def _another_group(c: Candidate, clause: str, verb: int, route: Candidate) -> bool:
    """True when move ``c`` names its origin but no destination and tells, before its moving word, another group
    of counted people ("Another 58 civilians were evacuated from X, the UN said") after a move of the document with
    both ends, told at most ORIGIN_REACH characters before: those people went where that move went (from their own
    origin, on that move's day or an undated one's)."""
    if c.from_place is None or c.to_place is not None or c.people is None or c.hypothetical \
            or c.start - route.end > ORIGIN_REACH \
            or any(r.startswith(_TOTAL_REASON) for r in c.reasons) or not _ANOTHER_GROUP_RX.search(clause, 0, verb):
        return False
    if c.from_place.place_id in (route.from_place.place_id, route.to_place.place_id) \
            or same_scene(c.from_place, route.to_place) or _holds(c.from_place, route.to_place):
        return False  # the same move again, or a place the move went to
    return c.date is None or (route.date is not None and compatible(c.date, route.date))


#: ", who were moved from X to Y last year, ": a relative clause inserted after the subject.
_INSERTED_CLAUSE_RX = re.compile(r",\s+(?:who|which)\s+[^,;]{3,160}?,\s*", re.I)


def _inserted_move(clause: str, move: re.Match) -> tuple[tuple[int, int], re.Match] | None:
    """((start, end) of the inserted relative clause holding ``move``, the clause's next moving word after it), when
    the moving word lies in such an insertion and another follows it; else None."""
    if ", wh" not in clause:
        return None
    for ins in _INSERTED_CLAUSE_RX.finditer(clause):
        if ins.start() > move.start():
            return None
        if move.start() < ins.end():
            nxt = _RELOC_RX.search(clause, ins.end())
            nxt = _moving(clause, nxt) if nxt is not None else None
            return ((ins.start() + 1, ins.end()), nxt) if nxt is not None else None
    return None


#: "… came (just days) after", "following": what follows is another event the move is dated against.
_AFTER_EVENT_RX = re.compile(r"\b(?:(?:came|comes|coming|occurred|happened)\s+)?(?:(?:just|only|barely|shortly|"
                             r"soon)\s+)?(?:(?:a|an|one|two|three|four|five|six|seven|ten|several|few|\d+)\s+)?"
                             r"(?:(?:days?|weeks?|months?|hours?)\s+)?(?:after|following)\s+", re.I)


def _told_event(rest: str) -> bool:
    """True when ``rest`` tells an attack or deaths (the event a move came after)."""
    return _attack_type(rest)[0] is not None or _KILL_RX.search(rest) is not None


_OFF_A_LIST_RX = re.compile(r"(?:removed|taken|struck|deleted|dropped|delisted)\s+(?:off|from)\s+(?:the\s+|its\s+|"
                            r"their\s+|a\s+)?(?:[\w.’'-]+\s+){0,3}(?:list|blacklist|register|registry|roster|"
                            r"sanctions(?:\s+list)?)\b", re.I)


_LAST_WEEKDAY_RX = re.compile(r"(?:last|this\s+past)\s+(\w+day)$", re.I)


_MONTH_NAME_RX = re.compile(r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)")


def _with_years_told(dates: list[DateMention], told: dict[str, str]) -> list[DateMention]:
    """A month and day said again without its year is the day the text gave that year before: "the September 1, 2013
    massacre. As the massacre was under way on September 1, …" is 2013's, whatever the published date makes of a bare
    "September 1" (as :func:`_same_weekday` does for "last Thursday" … "Thursday").

    ``told`` (month-day → date) is filled with the days written with their year, in text order.
    """
    out = []
    for d in dates:
        if d.precision == "day" and d.value and len(d.value) == 10 and d.how == "year in the text":
            told[d.value[5:]] = d.value
            out.append(d)
            continue
        key = d.month_day or (d.value[5:] if d.precision == "day" and d.value and len(d.value) == 10 else None)
        # a weekday ("Tuesday") is a day too, but says no month and day of its own
        if key in told and told[key] != d.value and _MONTH_NAME_RX.search(d.text):
            d = replace(d, value=told[key], how=f"the year the text gave {d.text!r} before", month_day=None)
        out.append(d)
    return out


def _same_weekday(dates: list[DateMention], weekdays: dict[str, DateMention]) -> list[DateMention]:
    """A weekday said again after "last Thursday" in the same report is that Thursday, not this week's.

    ``weekdays`` (weekday name → date) is filled from "last <weekday>" and read for a bare weekday later on.
    """
    out = []
    for d in dates:
        m = _LAST_WEEKDAY_RX.fullmatch(d.text.strip())
        if m and d.value:
            weekdays[m.group(1).lower()] = d
        elif d.text.lower() in weekdays and d.precision == "day":
            ref = weekdays[d.text.lower()]
            d = replace(d, value=ref.value, how=f"the {d.text} told before as {ref.text!r}")
        out.append(d)
    return out


#: A title line (headline, subtitle, date line) is at most this long and ends without a sentence's punctuation.
_TITLE_LINE_MAX = 200
#: A title (headline, subtitle, date line, byline) has at most this many lines.
TITLE_LINES = 4


def _title_end(text: str, head: tuple[int, int]) -> int:
    """Where the body begins after the title lines at the top of ``text`` (0 when there are none): the lines (at most
    TITLE_LINES) that end without a sentence's punctuation, up to the dateline (``head``). A text that is all such
    lines, or opens with more of them, has no title."""
    pos, limit, lines = 0, head[0] if head[1] else len(text), 0
    while pos < limit:
        nl = text.find("\n", pos)
        line = text[pos:len(text) if nl < 0 else nl].strip()
        if line and (len(line) > _TITLE_LINE_MAX or line[-1] in ".!?;\"”’)'"):
            break
        lines += bool(line)
        if nl < 0 or lines > TITLE_LINES:
            return 0
        pos = nl + 1
    return min(pos, limit)


def _off_title(text: str, head: tuple[int, int], scene: list[tuple[Mention, Place]],
               pairs: list[tuple[Mention, Place]]) -> list[tuple[Mention, Place]]:
    """``scene`` without the places named only in a title line that tells no attack ("Move Seen as Sign X Is
    Eclipsing Y's Influence"): a headline's capital standing for its state, or a place the body never names, is not
    where the body's events are ("the camp" does not refer back to it)."""
    title = _title_end(text, head)
    if not title:
        return scene
    body = {p.place_id for m, p in pairs if m.start >= title}

    def tied(m: Mention) -> bool:
        lo, hi = text.rfind("\n", 0, m.start) + 1, text.find("\n", m.end)
        return _ATTACK_WORD_RX.search(text, lo, hi if hi >= 0 else len(text)) is not None

    return [(m, p) for m, p in scene if m.start >= title or p.place_id in body or tied(m)]


#: Why a headline's figure is left out of the event it heads (:func:`_headline_totals`).
HEADLINE_TOTAL_REASON = "the headline's toll, placed only in a country, is more than the body tells: a total"


def _top(q: Quantity) -> int | None:
    return q.value if q.value is not None else (q.high if q.high is not None else q.low)


def _headline_totals(events: list[Candidate], text: str, title: int,
                     pairs: list[tuple[Mention, Place]]) -> None:
    """Leave out a headline's death toll that is a country's total, not the event's.

    "At Least 90 Killed in X as Rockets Hit Camp Y": a title line that places its toll only in a country, over a
    body that tells the event at a finer place with smaller tolls of its own, counts more than this event (the
    day's or the war's dead across the country). Its claim stays a source; its killed figure is dropped.
    """
    if not title:
        return
    for c in events:
        if c.kind != "incident" or c.place is None or rank(c.place) < 2:
            continue
        body = [_top(cl.killed) for cl in c.claims if cl.start >= title and cl.killed is not None]
        body = [n for n in body if n is not None]
        if not body:
            continue
        for n, cl in enumerate(c.claims):
            if cl.start >= title or cl.killed is None or (_top(cl.killed) or 0) <= max(body):
                continue
            named = [p for m, p in pairs if cl.start <= m.start and m.end <= cl.end]
            if not named or any(p.kind != "country" for p in named):
                continue
            if c.killed is cl.killed:
                c.killed = next(x.killed for x in c.claims if x.start >= title and x.killed is not None)
            c.claims[n] = replace(cl, killed=None)
            c.reasons.append(HEADLINE_TOTAL_REASON)


def _report_day(doc: Document) -> str | None:
    """The report's own day when known well enough to date undated accounts by (see :func:`_report_dated`)."""
    if not doc.published or len(doc.published) != 10 or doc.date_source == "text":
        return None
    return doc.published


def _report_dated(events: list[Candidate], doc: Document) -> list[Candidate]:
    """Give an attack or move the text tells without any date the report's own day, as a weak date.

    News tells of what just happened ("gunmen stormed the college", no day given): the report's day
    (its dateline or metadata) bounds the event from above, like a statement's date (:data:`STATEMENT_DAYS`);
    an explicit date from another account replaces it when accounts merge. Only a published day will do.
    """
    if _report_day(doc) is None:
        return events
    for c in events:
        if c.date is None and c.date_precision is None and not c.background:
            c.date, c.date_precision, c.date_weak = doc.published, "day", True
            c.date_note = f"no date in the text: the report's date {doc.published} ({doc.date_source})"
            c.reasons.append(c.date_note)
    return events
