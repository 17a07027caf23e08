"""Who said it, who did it, and which place names are not the scene.

Small readers of one sentence's words, used by :mod:`geo.extract`:

- :func:`claimed_by`: the speaker the text gives a claim to ("the interior
  ministry said", "according to a police official", "…, a hospital reported");
- :func:`actors`: who acted and who was hit, as the text words them
  ("security forces stormed …", "… killing 12 residents");
- :func:`not_the_scene`: why a place mention only qualifies a speaker, an
  organisation or a government ("London-based", "in London, said",
  "Iraqi government", "the embassy in Paris") rather than naming where
  something happened;
- :func:`dateline_end`: where an agency dateline ("KABUL, Oct 31 (IANS) -",
  "NAIROBI (AP) --") ends, so the dateline's city is used only when the text
  ties no more specific place to the event.

Everything is a regular expression over the words themselves: spaCy's parser
would give subjects and objects, but it is a 12–40 MB model per language and
slower than the whole extraction; these patterns are the few shapes news
wording uses, and return None rather than guess.
"""
from __future__ import annotations

import re

#: What a capital does as a government ("Baghdad has been attempting to close the camp", "Washington denies").
_STATE_ACTS = (r"(?:has|have|had)\s+(?:long\s+)?(?:been\s+)?(?:trying|attempting|seeking|sought|tried|wanted|refused|"
               r"denied|accused|blamed|insisted|vowed|demanded|urged|pledged|promised|threatened)|denies|denied|"
               r"insists|insisted|accuses|accused|blames|blamed|wants|wanted|vowed|vows|refuses|refused|demands|"
               r"demanded|urges|urged|condemns|condemned|pledged|pledges|"
               # reactions: "Britain and Germany condemned the attack", "France denounced"
               r"denounced|denounces|deplored|deplores|expressed|expresses|offered\s+(?:its\s+)?condolences|"
               r"criticised|criticized|mourned")
_SAY = (r"said|says|say|told|tells|reported|reports|stated|states|claimed|claims|announced|announces|confirmed|"
        r"confirms|added|adds|estimated|estimates|put\s+the\s+(?:death\s+)?toll|counted|recorded|documented")
#: Words that open a clause, not a speaker ("… when police said").
_NOT_SPEAKER = {"he", "she", "it", "they", "we", "i", "you", "who", "which", "that", "this", "there", "what",
                "and", "but", "when", "as", "while", "had", "has", "have", "was", "were", "is", "are", "be"}
_PRONOUNS = {"he", "she", "they", "we", "i", "you", "it"}
_NP_WORD = r"[A-Za-z][\w'’.&-]*"
#: A speaker: up to eight words (with "of/for/at/in" and one comma-free run), ending right before the verb.
_SPEAKER_BEFORE_RX = re.compile(
    rf"(?P<np>(?:{_NP_WORD}[\s,]+){{0,10}}{_NP_WORD})\s*,?\s+(?:(?:also|later|earlier|separately|previously)\s+)?"
    rf"(?:had\s+|has\s+|have\s+)?(?P<verb>{_SAY})\b")
_SAY_RX = re.compile(rf"\b(?:{_SAY})\b")
_ACCORDING_RX = re.compile(rf"\baccording\s+to\s+(?P<np>(?:{_NP_WORD}[\s,]+){{0,7}}?{_NP_WORD})(?=\s*[,.;:)]|\s*$)",
                           re.I)
_SAID_AFTER_RX = re.compile(rf"[,\"”]\s*(?:{_SAY})\s+(?P<np>(?:{_NP_WORD}[\s,]+){{0,8}}?{_NP_WORD})(?=\s*[.;:)]|\s*$)")
#: Where a speaker's phrase begins: a determiner or a capitalised word; cut after a clause word before it.
_CUT_RX = re.compile(r"^.*\b(?:that|when|as|after|while|but|because|which|who|where|since|if|however)\s+", re.I)
#: A short phrase after a comma that describes the name before it ("Baqouba, Diyala's capital").
_APPOSITIVE_RX = re.compile(r"^(?:the|a|an|its|their|[A-Z][\w'’.-]*['’]s)\s+(?:[\w'’.-]+\s+){0,3}[\w'’.-]+$")


#: A time said in a chunk ("Homs on Sunday"): the tail of the event's clause, not a name an appositive describes.
_TIME_RX = re.compile(r"\b(?:on|late|early|last|this)\s+(?:\w+\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
                      r"night|morning|evening|week|month|year)\b|\b(?:yesterday|today|overnight)\b", re.I)


_COUNT_WORD_RX = re.compile(r"^(?:two|three|four|five|six|seven|eight|nine|ten|several|many|some|most|other|both)$",
                            re.I)


_SPEAKER_FIRST = {"the", "a", "an", "its", "their", "his", "her", "local", "police", "witnesses", "officials", "residents",
                  "activists", "medics", "doctors", "hospital", "sources", "state", "security", "military", "army"}


def _speaker_start(words: str) -> bool:
    """True when ``words`` can begin a speaker: a determiner, a capital, a count or a plain noun of office."""
    first = words.split()[0] if words.split() else ""
    return bool(first) and (not first[0].islower() or bool(_COUNT_WORD_RX.match(first))
                            or first.lower() in _SPEAKER_FIRST)


def _trim(np: str) -> str | None:  # noqa: C901
    np = re.split(r"\s+(?:who|which|whose)\s", np)[0]  # "the commander who ordered the raid" → "the commander"
    np = re.split(r"[;:(\"“”]\s*", np)[-1]
    chunks = [c.strip() for c in np.split(",")]
    keep = [chunks.pop()]
    # "officials at the hospital in Baqouba, Diyala's capital": a short describing phrase keeps the name before it.
    while chunks and _APPOSITIVE_RX.match(keep[0]) and len(keep) < 3 and not _VERB_RX.search(chunks[-1]) \
            and 2 <= len(chunks[-1].split()) <= 8 and not re.search(r"\bto\s|\w+ed\b", chunks[-1]) \
            and not _TIME_RX.search(chunks[-1]) and _speaker_start(chunks[-1]):
        keep.insert(0, chunks.pop())
    np = ", ".join(keep)
    np = _CUT_RX.sub("", np).strip(" ,;:.")
    words = np.split()
    # A speaker starts with a determiner, a capital or a plain noun of office ("police", "witnesses").
    while words and not _speaker_start(words[0]):
        words = words[1:]
    if not words or words[0].lower() in _NOT_SPEAKER:
        return None
    if len(words) == 1 and words[0].lower() in _PRONOUNS:
        return None
    return " ".join(words)


#: More runs of white space and commas than a match of :data:`_SPEAKER_BEFORE_RX` has before its verb (ten between
#: the speaker's eleven words, one before the verb, one after "also" and one after "had").
_SPEAKER_RUNS = 16
_SEPARATORS_RX = re.compile(r"[\s,]+")


def _speaker_from(sentence: str, verb: int) -> int:
    """Where to look for :data:`_SPEAKER_BEFORE_RX` in ``sentence`` whose first verb of saying starts at ``verb``.

    A match is words and separators (white space, commas) ending at a verb of saying at or after ``verb``, and
    starts with a letter: it cannot start before the :data:`_SPEAKER_RUNS`-th separator run before ``verb``. The
    pattern tried at every word from the sentence's start cost as much as the rest of the sentence's reading (it has
    no lookbehind, so the search from there finds the same matches).
    """
    ends = [m.end() for m in _SEPARATORS_RX.finditer(sentence, 0, verb)]
    return ends[-_SPEAKER_RUNS] if len(ends) >= _SPEAKER_RUNS else 0


def claimed_by(sentence: str) -> str | None:
    """Who the sentence says made its claim, as the text words it; None when it does not say.

    >>> claimed_by("The interior ministry said three people died in the raid.")
    'The interior ministry'
    >>> claimed_by("Twelve bodies were brought in, according to a hospital official.")
    'a hospital official'
    >>> claimed_by("Three people died, said Omar Khan, a police spokesman.")
    'Omar Khan, a police spokesman'
    >>> claimed_by("Three people died.") is None
    True
    """
    m = _ACCORDING_RX.search(sentence) if "ccording" in sentence or "CCORDING" in sentence else None
    if m:
        return _trim(m.group("np"))
    say = _SAY_RX.search(sentence)
    if not say:
        return None  # the other two shapes need a verb of saying (a cheap test before their slow patterns)
    m = _SAID_AFTER_RX.search(sentence)
    if m:
        who = _trim(m.group("np"))
        if who:
            return who
    for m in _SPEAKER_BEFORE_RX.finditer(sentence, _speaker_from(sentence, say.start())):
        np = m.group("np")
        if re.search(r"\b(?:was|were|been|is|are|be|being|those|the)\s*$", np, re.I):
            continue  # passive or a participle ("an attack was reported", "those reported missing")
        who = _trim(np)
        if who and not re.search(r"\d", who):
            return who
    return None


# --- actors ---------------------------------------------------------------------------------------------------------
_ACT_VERBS = (r"stormed|attacked|raided|shot|opened\s+fire|fired|shelled|bombed|killed|ambushed|struck|hit|"
              r"launched|massacred|assaulted|besieged|targeted|overran|clashed")
#: A clause, not a name: a chunk with an action or saying verb is not what an appositive describes.
_VERB_RX = re.compile(rf"\b(?:{_ACT_VERBS}|{_SAY}|killing|is|are|was|were|has|have|had)\b", re.I)
_PEOPLE = (r"residents?|civilians?|refugees?|exiles?|members?|people|protesters?|villagers?|worshippers?|"
           r"students?|children|women|men|families|inhabitants|dissidents?|soldiers?|troops|police(?:men)?|"
           r"officers?|guards?|fighters?|militants?|rebels?|insurgents?|pilgrims?|workers?|passengers?|"
           r"displaced|detainees?|prisoners?|opponents?|supporters?|demonstrators?|shoppers?|patients?")
_ACTOR_HEAD = (r"forces|troops|soldiers|army|police|militia(?:s|men)?|militants?|gunmen|insurgents?|rebels?|"
               r"fighters?|jihadists?|attackers?|assailants?|guards|bombers?|jets|warplanes|aircraft|drones?|"
               r"helicopters?|commandos?|units?|group|security\s+personnel|mob|men|terrorists?|extremists?|"
               r"(?:[A-Z][\w'’-]+\s+)*[A-Z][\w'’-]+")
_DET = r"(?:(?:the|a|an|its|their|some|several|armed|masked|unidentified|unknown)\s+)"
_MOD = r"(?:[\w'’-]+\s+){0,3}"
_ACTOR1_BEFORE_RX = re.compile(rf"(?P<np>\b{_DET}?{_MOD}(?:{_ACTOR_HEAD}))\s+(?:(?:reportedly|allegedly|then|had|have|"
                               rf"has)\s+)?(?:{_ACT_VERBS})\b")
#: "… were killed by militants", "an attack by the army": "by" only after an attack or casualty word.
_ACTOR1_BY_RX = re.compile(rf"\b(?i:attack(?:ed|s)?|raid(?:ed|s)?|killed|shot|stormed|carried\s+out|launched|"
                           rf"massacred|wounded|injured|fired|shelled|bombed|assault(?:ed)?|ambushed|targeted|hit)"
                           rf"\s+(?:[\w'’-]+\s+){{0,2}}?by\s+(?P<np>(?i:{_DET})?(?:[a-z][\w'’-]*\s+){{0,2}}"
                           rf"(?:{_ACTOR_HEAD}))\b")
_ACTOR2_OBJ_RX = re.compile(rf"\b(?:{_ACT_VERBS}|killing|wounding|targeting|attacking|on)\s+(?P<np>(?:(?:the|its|their|"
                            rf"unarmed|[\w'’-]+)\s+){{0,3}}(?:{_PEOPLE}))\b", re.I)
_ACTOR2_COUNT_RX = re.compile(rf"\b(?:\d[\d,]*|[a-z]+(?:-[a-z]+)?)\s+(?:(?:more|other|unarmed|[a-z]+)\s+)?"
                              rf"(?P<np>{_PEOPLE})\b(?:\s+(?:were|was|had\s+been|have\s+been))?\s+(?:killed|died|dead|"
                              rf"wounded|injured|hurt|massacred|shot)", re.I)
_NOT_ACTOR = re.compile(r"^(?:the\s+)?(?:attacks?|raids?|camps?|rockets?|missiles?|shells?|mortars?|bombs?|"
                        r"explosions?|blasts?|strikes?|fire|gunfire|shelling|bullets?|grenades?|it|this|that)\b", re.I)
#: A count or amount before a noun ("12 residents", "at least 30 civilians", "dozens of"): not part of the actor.
_COUNT_LEAD_RX = re.compile(r"^(?:(?:at\s+least|more\s+than|some|about|around|nearly|over|up\s+to|dozens\s+of|"
                            r"hundreds\s+of|scores\s+of)\s+)?(?:\d[\d,]*|(?:one|two|three|four|five|six|seven|eight|"
                            r"nine|ten|eleven|twelve|(?:thir|four|fif|six|seven|eigh|nine)teen|(?:twen|thir|for|fif|six|seven|eigh|nine)ty)"
                            r"(?:-[a-z]+)?(?!\w))?\s*", re.I)


def _clean_actor(np: str | None) -> str | None:
    if not np:
        return None
    np = re.sub(rf"^.*\b(?:{_SAY})\s+", "", np)  # "police said gunmen" → "gunmen"
    np = re.sub(r"^.*\d\S*\s+", "", np)  # "On 3 March 2016 gunmen" → "gunmen"
    np = re.sub(r"^(?:on|at|against|in|into|upon)\s+", "", _CUT_RX.sub("", np), flags=re.I).strip(" ,;:")
    words = np.split()
    while words and words[0].lower() in _NOT_SPEAKER:
        words = words[1:]
    np = _COUNT_LEAD_RX.sub("", " ".join(words), count=1).strip()
    if not np or _NOT_ACTOR.match(np) or re.search(r"\d", np):
        return None
    return np


def actors(sentence: str) -> tuple[str | None, str | None]:
    """(actor1, actor2): who acted and who was hit, as words of ``sentence``; None where it does not say.

    >>> actors("Security forces stormed the camp, killing 12 residents.")
    ('Security forces', 'residents')
    >>> actors("Rockets hit the camp.")
    (None, None)
    """
    a1 = None
    m = _ACTOR1_BEFORE_RX.search(sentence)
    if m:
        a1 = _clean_actor(m.group("np"))
    if a1 is None:
        for m in _ACTOR1_BY_RX.finditer(sentence):
            a1 = _clean_actor(m.group("np"))
            if a1:
                break
    a2 = None
    for rx in (_ACTOR2_OBJ_RX, _ACTOR2_COUNT_RX):
        m = rx.search(sentence)
        if m and not re.match(r"by\s", m.group("np"), re.I):  # "killed by militants": the actor, not the hit
            a2 = _clean_actor(m.group("np"))
            if a2:
                break
    if a1 and a2 and a1.lower() == a2.lower():
        a2 = None
    return a1, a2


# --- places that are not the scene ----------------------------------------------------------------------------------
_BASED_AFTER_RX = re.compile(r"^\s*[-‐–]?\s*based\b", re.I)
_ORG_BEFORE_RX = re.compile(r"\b(?:based|headquartered|embassy|embassies|consulate|headquarters|head\s+office|offices?|"
                            r"bureau|spokes(?:man|woman|person)|correspondent|reporters?|studio|newsroom)\s+(?:in|at)\s+"
                            r"(?:the\s+)?$", re.I)
#: "spokesman X Y in Z", "according to X Y in Z": where a named speaker was, not where the event was (an office
#: holder's or spokesperson's name of one to three capitalised words, then "in").
_NAMED_SPEAKER_IN_BEFORE_RX = re.compile(
    r"\b(?:according\s+to|spokes(?:man|woman|person)|officials?|envoy|ambassador|minister|commissioner|"
    r"representative|director|secretary|chairman|chairwoman|president|chief|coordinator|rapporteur)\s+"
    r"(?-i:[A-Z][\w'’.-]*\s+){1,3}(?:in|at|from)\s+(?:the\s+)?$", re.I)
#: "the MP for Hendon", "Senator from Ohio": a constituency qualifies a person, it is no scene.
_CONSTITUENCY_BEFORE_RX = re.compile(r"\b(?:MPs?|MEPs?|MSPs?|member\s+of\s+(?:the\s+)?(?:European\s+)?parliament|"
                                     r"senators?|congress(?:man|woman|men|women)|representatives?|assemblym[ae]n)"
                                     r"\s+(?:for|from)\s+(?:the\s+)?$", re.I)
#: "University of Maiduguri Teaching Hospital", "the Baghdad Times": a place inside a name of an organisation.
#: (Schools, colleges and markets are left alone: attacks happen there — "gunmen stormed X University College".)
_ORG_NAME_BEFORE_RX = re.compile(r"\b(?:Bank|Council|Diocese|Archdiocese|Bishop|Archbishop|Chamber|Mujahedin|"
                                 r"Mojahedin|Mujahideen|Organi[sz]ation|Resistance|Front|Movement|Party|Union|League|"
                                 r"Federation|Association|Committee|Commission|Ministry|Coalition|Campaign|Alliance|"
                                 r"Society|Foundation|Cent(?:er|re)|Institute|Network|Fund|Forum|Initiative|"
                                 r"Parliamentarians|Lawyers|Friends)\s+(?:of|for)\s+(?:the\s+|a\s+)?(?:Free\s+)?$")
_ORG_NAME_AFTER_RX = re.compile(r"^\s+(?:Teaching\s+Hospital|General\s+Hospital|Times|Post|Reporter|Journal|"
                                r"Inquirer|Examiner|Courier|Dispatch|"
                                r"Tribune|Herald|Chronicle|Gazette|Daily|Observer|Institute|Council|Police\s+"
                                r"(?:Department|Service|Force)|Bar\s+Association)\b")
_SAID_AFTER_PLACE_RX = re.compile(rf"^\W{{0,3}}\s*(?:on\s+\w+\s*,?\s*|late\s+\w+\s*,?\s*|\w+day\s*,?\s*)?(?:{_SAY})\b")
#: "… killed in X on Sunday, said a commander.": the speaker comes after the verb and ends the sentence, so the
#: place before the comma is the event's (unlike "a spokesman in X, said that …").
_INVERTED_SAID_AFTER_RX = re.compile(
    rf"^\s*(?:on\s+\w+\s*|late\s+\w+\s*|\w+day\s*)?,\s*(?:{_SAY})\s+(?!(?:on|in|at|that|late|earlier|later|"
    rf"(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today)\b)(?:the\s+|a\s+|an\s+|[A-Z]"
    # "said police spokesman X Y.": a role before a name
    rf"|(?:[a-z][\w'’-]*\s+){{1,3}}(?=[A-Z]))"
    rf"(?:[\w'’&-]+\s+){{0,7}}[\w'’&-]+\s*[.;]")
_BORDER_BEFORE_RX = re.compile(r"\bborders?\s+(?:with|of)\s+(?:the\s+)?(?:neighbou?ring\s+(?:nation|country)\s+of\s+)?"
                               # "the borders with X and Y": Y too
                               r"(?:[\w’'-]+(?:\s+[\w’'-]+)?\s+and\s+)?$"
                               # "a province that borders X", "bordering X", "across the river from X"
                               r"|\b(?:borders|bordering|bordered\s+by)\s+(?:on\s+)?(?:the\s+)?$"
                               # (not bare "across X": "violence across X" is throughout it)
                               r"|\bacross\s+(?:the\s+)?(?:border\s+(?:from\s+)?|from\s+)(?:the\s+)?$", re.I)
#: "a town across the river from the US state of Texas": what the scene is across from (looked for further back).
_ACROSS_FROM_BEFORE_RX = re.compile(r"\bacross\s+[^.;]{0,40}\bfrom\s+(?:the\s+)?(?:[\w.]+\s+){0,4}$", re.I)
#: "a town across the Rio Grande from X": what is crossed, named before what the scene is across from.
_ACROSS_BEFORE_RX = re.compile(r"\bacross\s+(?:the\s+)?$", re.I)
_FROM_AFTER_RX = re.compile(r"\s+(?:[a-z]+\s+)?from\b")
#: "the regime in Tehran", "the government in Kabul": a state named by its seat (not "police in X", who are there).
_GOVERNMENT_IN_BEFORE_RX = re.compile(r"\b(?:regime|government|rulers|leadership|dictatorship|theocracy|mullahs)\s+in\s+"
                                      r"$", re.I)
#: "U.S.-backed forces", "a Saudi-led coalition": a place that qualifies a party to the conflict.
_PARTY_AFTER_RX = re.compile(r"^\s*[-‐–]\s*(?:led|backed|allied|funded|supported|sponsored|trained|brokered|"
                             r"aligned|armed)\b", re.I)
#: "a coalition backed by the United States": the backer, not the scene.
_BACKER_BEFORE_RX = re.compile(r"\b(?:(?:backed|supported|funded|armed|sponsored|led|trained|brokered|mediated)\s+by"
                               r"|(?:loyal|allied|linked)\s+to)\s+(?:the\s+)?$", re.I)
#: "blamed on Iran", "accused X of", "blaming X for": the alleged perpetrator, not the scene.
_BLAMED_BEFORE_RX = re.compile(r"\b(?:blamed\s+(?:it\s+|them\s+)?on|blam(?:e|es|ed|ing)|accus(?:e|es|ed|ing))\s+(?:the\s+)?$",
                               re.I)
#: "Iran was behind the attack", "X is responsible for": the alleged perpetrator.
_BEHIND_AFTER_RX = re.compile(r"^(?:['’]s\s+\w+)?\s+(?:was|is|were|are|had\s+been|has\s+been)\s+(?:\w+\s+)?"
                              r"(?:behind|responsible\s+for)\b", re.I)
#: "the majority are said to be from Italy", "tourists from Japan": where people come from, not the scene.
_ORIGIN_BEFORE_RX = re.compile(r"\b(?:(?:are|were|is|was|be|being|come|came|comes|hail(?:s|ed|ing)?)\s+"
                               r"(?:(?:mostly|mainly|largely|all|both|originally)\s+)?from"
                               r"|(?:nationals|citizens|tourists|foreigners|visitors|victims|hostages|workers|expatriates"
                               r"|migrants|pilgrims)\s+(?:(?:mostly|mainly|largely|all)\s+)?from)"
                               r"\s+(?:(?:[A-Z][\w.-]*\s*,?\s+)*(?:and|or)\s+)?(?:the\s+)?$")
#: "three X nationals", "two X residents, three Chinese nationals": where victims come from, listed by
#: nationality (a place's "residents" alone may be the scene's: "20 Camp X residents were killed").
_NATIONALS_AFTER_RX = re.compile(r"^\s+(?:nationals|citizens|passport\s+holders)\b"
                                 r"|^\s+residents\b(?=[^.;]{0,60}\b(?:nationals|citizens|foreigners|tourists)\b)",
                                 re.I)
#: "the Arab world": a place word inside a larger name.
_WORLD_AFTER_RX = re.compile(r"^\s+world\b", re.I)
_SPEAKER_NAMED_RX = re.compile(
    # "X and Y condemned", "X, Y and Z said": a place among the subjects of a saying or a state's act
    rf"^(?:(?:\s*,\s*(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,2}}){{0,4}}\s*,?\s+and\s+(?:the\s+)?"
    rf"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,2}}(?:\s+(?:also|both|swiftly|quickly))?)?"
    # "X strongly condemns", and a headline's "X Condemns Deadly Attack"
    rf"(?:['’]s\s+\w+)?(?:\s+(?-i:[a-z]+ly))?\s+(?i:{_SAY}|{_STATE_ACTS})\b")
_IN_FROM_BEFORE_RX = re.compile(r"\b(?:in|from)\s+$", re.I)
#: "police said in Gusau", "told reporters in Kabul", "speaking in Geneva": where the speaker was.
_SAID_IN_BEFORE_RX = re.compile(r"\b(?:said|says|stated|announced|added|told\s+(?:reporters|journalists|a\s+news\s+conference|"
                                # "told AFP in X", "told the BBC in X": an outlet the speaker talked to
                                r"(?:the\s+)?(?-i:[A-Z][A-Za-z.]{1,20}))|speaking|spoke|"
                                r"briefing|a\s+news\s+conference)\s+(?:on\s+\w+\s+|late\s+\w+\s+|\w+day\s+)?"
                                # "said in a statement from Paris", "said in an interview in X"
                                r"(?:in\s+an?\s+(?:[\w-]+\s+)?(?:statement|interview|release|communiqu[eé])\s+)?"
                                r"(?:in|from)\s+(?:the\s+)?$", re.I)
#: "Upon his arrival in X, the minister announced …": where a visitor came, not the scene.
_ARRIVAL_BEFORE_RX = re.compile(r"\b(?:(?:upon|on|after)\s+(?:his|her|their|the\s+\w+['’]s)\s+arrival\s+(?:in|at)"
                                r"|(?:upon|on|after)\s+arriving\s+(?:in|at))\s+(?:the\s+)?$", re.I)
#: What a state or a people has or is ("government", "forces", "exiles", "opposition"): a party, not a place.
_STATE_NOUNS = (
    r"(?:government|forces|army|military|troops|authorities|"
    r"officials?|ministry|ministers?|minister|embassy|police|president|commander|navy|air\s+force|jets|warplanes|"
    # "Russia's air strikes": what a state's forces did, not where
    r"air\s*strikes|airstrikes|bombers|drones|missiles|artillery|"
    r"soldiers|regime|media|television|news\s+agency|parliament|lawmakers|envoy|ambassador|spokes(?:man|woman)|"
    r"delegation|intelligence|security\s+services|allies|ally|partners|coalition|alliance|"
    # "the top US general", "Iran's clerical leaders": its office holders
    r"generals?|leaders?|leadership|rulers|administration|diplomats?|senators?|congress(?:men|women)?|secretary|"
    # "Iran exile camp", "Iraq nationals": the people of a country, not where the event was
    r"exiles?|dissidents?|opposition|nationals|citizens|diaspora)"
)
_GOVERNMENT_AFTER_RX = re.compile(
    r"^(?:['’]s)?\s+(?:(?:central|federal|interim|national|regional|local|foreign|defen[cs]e|interior|security|"
    r"armed|special|military|state|air|naval|prime)\s+)*" + _STATE_NOUNS + r"\b"
    # "Iran's main exiled opposition coalition": a possessive before a party, whatever describes it
    r"|^['’]s\s+(?:[a-z][\w-]*\s+){1,2}" + _STATE_NOUNS + r"\b", re.I)


#: "an X-exile camp", "X-bound", "X-born": a country hyphened to a lower-case word qualifies that word, like "-based"
#: (not "the X-Y border": two places).
_HYPHENED_AFTER_RX = re.compile(r"^[-‐‑](?-i:[a-z]{3,})\b")


#: A capital standing for its government: "Baghdad's Western allies", "the Kabul government".
_CAPITAL_AS_STATE_AFTER_RX = re.compile(r"^(?:['’]s\s+(?:[\w-]+\s+)?(?:allies|ally|partners|rulers|foreign\s+policy)"
                                        r"|(?:['’]s)?\s+(?:government|regime))\b", re.I)


def not_the_scene(text: str, start: int, end: int, kind: str, *, kind_only: bool = False) -> str | None:
    """Why the place named at ``text[start:end]`` only qualifies a speaker, organisation or state; else None.

    ``kind_only``: the caller knows the answer for a city (``kind="city"``) is None, so only the checks that
    read ``kind`` (:func:`_kind_reason`) are made — the same answer, without the others again.

    >>> t = "A spokesman for the London-based council said"
    >>> not_the_scene(t, t.index("London"), t.index("London") + 6, "city")
    'qualifies an organisation ("-based")'
    """
    after, before = text[end:end + 60], text[max(0, start - 40):start]
    if kind_only:
        return _kind_reason(before, after, kind)
    if _BASED_AFTER_RX.match(after):
        return 'qualifies an organisation ("-based")'
    if _ORG_BEFORE_RX.search(before):
        return "where an organisation or office is"
    if (" for " in before[-12:] or " from " in before[-12:]) and _CONSTITUENCY_BEFORE_RX.search(before):
        return 'a constituency ("the MP for X")'
    wide = text[max(0, start - 90):start]
    if _BORDER_BEFORE_RX.search(before) or ("across" in wide and (
            _ACROSS_FROM_BEFORE_RX.search(wide) or (_ACROSS_BEFORE_RX.search(before) and _FROM_AFTER_RX.match(after)))):
        return "a reference point (the border with it)"
    if _PARTY_AFTER_RX.match(after) or ((" by" in before or " to" in before) and _BACKER_BEFORE_RX.search(before)):
        return 'qualifies a party ("-led", "-backed", "backed by", "loyal to")'
    if _WORLD_AFTER_RX.match(after):
        return 'part of a larger name ("the Arab world")'
    if (" to" in after[:40] and _ADDRESSED_BEFORE_RX.search(before) and _ADDRESSED_AFTER_RX.match(after)):
        return "a state asked to act (\"called on X to\")"
    if ("of" in before[-6:] or "from" in before[-6:]) and _HOMETOWN_BEFORE_RX.search(before):
        return "where a person named with their age comes from (\"Jane Roe, 18, of X\")"
    if kind != "site" and _NATIONALS_AFTER_RX.match(after):
        return "where victims come from (\"two X nationals\"), not the scene"
    if _ORG_NAME_BEFORE_RX.search(before) or _ORG_NAME_AFTER_RX.match(after):
        return "part of an organisation's name"
    if _IN_FROM_BEFORE_RX.search(before) and _SAID_AFTER_PLACE_RX.match(after) \
            and not _INVERTED_SAID_AFTER_RX.match(text[end:end + 120]):
        return "where a speaker was"
    tail = before[-12:]
    if (" in " in tail or " at " in tail or " from " in tail) and _NAMED_SPEAKER_IN_BEFORE_RX.search(wide):
        return "where a named speaker was (\"spokesman X Y in Z\")"
    if (" in " in tail or " from " in tail) and _SAID_IN_BEFORE_RX.search(before):
        return "where a speaker was (\"said in\")"
    if "arriv" in before and _ARRIVAL_BEFORE_RX.search(before):
        return "where a visitor arrived (\"upon his arrival in\")"
    if _SPEAKER_NAMED_RX.match(after) and not re.search(r"\b(?:of|in|at|from)\s+(?:the\s+)?$", before, re.I):
        return "names a speaker (a person or a government: \"Washington said\")"
    reason = _kind_reason(before, after, kind)
    if reason is not None:
        return reason
    if _CAPITAL_AS_STATE_AFTER_RX.match(after):
        return "a capital for its government (\"Baghdad's allies\", \"the Kabul government\")"
    if " in " in tail and _GOVERNMENT_IN_BEFORE_RX.search(before):
        return "the seat of a government (\"the regime in X\")"
    return None


#: "called on X and Y to break their silence", "urged X to protect": a state (or its capital) asked to act.
_ADDRESSED_BEFORE_RX = re.compile(r"\b(?:call(?:ed|s|ing)?\s+(?:on|upon)|urg(?:ed|es|ing)|appeal(?:ed|s|ing)?\s+to|"
                                  r"press(?:ed|es|ing)|ask(?:ed|s|ing)|implor(?:ed|es|ing))\s+(?:the\s+)?"
                                  r"(?:(?-i:[A-Z])[\w.]*(?:\s+(?-i:[A-Z])[\w.]*){0,2}\s*(?:,|and)\s+(?:the\s+)?)?$", re.I)
_ADDRESSED_AFTER_RX = re.compile(r"(?:\s*(?:,|and)\s+(?:the\s+)?(?-i:[A-Z])[\w.]*(?:\s+(?-i:[A-Z])[\w.]*){0,2})?"
                                 r"\s+to\s+(?!the\b|a\b|an\b|its\b|their\b)[a-z]+", re.I)
#: "One was Jane Roe, 18, of X", "a 34-year-old teacher from X": a person's home town, not where things happened.
_HOMETOWN_BEFORE_RX = re.compile(r"(?:\b\d{1,3},\s+(?:of|from)|\b\d{1,3}-year-old\s+(?:[\w-]+\s+)?from)\s+$", re.I)


#: "an icon of hope for a free democratic X", "an X war veteran": a country after an indefinite article is an idea
#: of it or a word qualifying a noun, not where something happened ("in a war-torn X" stays a scene).
_INDEFINITE_BEFORE_RX = re.compile(r"(?:^|\W)(?:(?P<prep>in|across|throughout|inside|within)\s+)?"
                                   r"(?-i:[Aa]n?)\s+(?:(?!(?:by|of|in|on|at|to|from|with|for|against|into|near|over|the|that|which)\s)"
                                   r"(?-i:[a-z][\w-]*),?\s+(?:and\s+)?){0,3}$", re.I)


#: "… took over its security from the US", "fighters from X": a country or region after "from" is where someone or
#: something came from (not "15 km from the X border": a distance has its own reference point).
_FROM_BEFORE_RX = re.compile(r"(?<!\d\s)(?<!km\s)(?<!miles\s)\bfrom\s+(?:the\s+)?$", re.I)


def _kind_reason(before: str, after: str, kind: str) -> str | None:
    """The checks of :func:`not_the_scene` that depend on the kind of place (every check that reads ``kind``
    belongs here: ``kind_only`` makes only these)."""
    if kind == "country":
        m = _INDEFINITE_BEFORE_RX.search(before)
        if m and not m.group("prep"):
            return "an idea of a country or a word qualifying a noun (\"for a free X\"), not a scene"
    if kind in ("country", "region") and (_BLAMED_BEFORE_RX.search(before) or _BEHIND_AFTER_RX.match(after)):
        return "the alleged perpetrator (\"blamed on X\", \"X was behind\"), not the scene"
    if kind in ("country", "region") and (_ORIGIN_BEFORE_RX.search(before) or _FROM_BEFORE_RX.search(before)):
        return "where people or things come from (\"tourists from X\", \"took over from X\"), not the scene"
    if kind in ("country", "region") and _GOVERNMENT_AFTER_RX.match(after):
        return "names a state or its forces, not a scene"
    if kind in ("country", "region") and _HYPHENED_AFTER_RX.match(after):
        return "a word qualifying a noun (\"X-exile camp\", \"X-bound\"), not a scene"
    return None


# --- datelines ------------------------------------------------------------------------------------------------------
_MON = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATELINE_RX = re.compile(
    rf"^[ \t]*(?P<place>[A-Z][A-Za-z'’.-]*(?:[ -][A-Z][A-Za-z'’.-]*){{0,3}}(?:\s*/\s*[A-Z][A-Za-z'’.-]*){{0,2}})"
    rf"(?:(?!\s*,\s*{_MON}\s*\d)\s*,\s*[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?)?"  # ", Iraq" / ", Pa."
    rf"(?P<date>\s*,?\s*(?:{_MON}\s*\d{{1,2}}(?:\s*,\s*\d{{4}})?|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MON}(?:\s*,?\s*\d{{4}})?))?"
    # "(Reuters)", "(AP)", and an update note in the agency's place: "(Update 1, 10:23 a.m.)"
    rf"(?P<agency>\s*\((?:[A-Z][\w .&'’-]{{0,40}}|(?i:update[sd]?)[\w .,:&'’-]{{0,40}})\))?"
    rf"\s*(?P<dash>--|//|—|–|-|:|\|)?\s+(?=[A-Z0-9\"“‘'])", re.M)


#: What follows the bar of a page's credit line ("AFP | Last Updated: …", "Reuters | Posted on …").
_CREDIT_AFTER_RX = re.compile(r"(?:last\s+)?(?:updated|published|posted|modified|by)\b", re.I)


def dateline_span(text: str, reach: int = 600) -> tuple[int, int]:
    """``(start, end)`` of an agency dateline near the top of ``text``; ``(0, 0)`` when there is none.

    A dateline is a line-initial place followed by a date and/or an agency in
    brackets ("KABUL, Oct 31 (IANS)", "Kabul, Sept. 1 (Reuters) -"), a place in
    capitals followed by a dash ("BAGHDAD -"), places joined by slashes
    ("Washington/Mogadishu —"), or a short name and a colon or long dash before
    the first sentence ("Nairobi: Gunmen …"; a spaced hyphen only at the very start
    of the text: "Bamako - At least …"). Looked for in the first ``reach``
    characters (a title line may come first); the strongest form wins (an agency
    or a date over a slash or capitals, over a colon), then the first. Only
    resolved place mentions inside it count as the dateline's place, so
    "Update: …" names none.
    """
    best, best_key = (0, 0), 0
    for m in _DATELINE_RX.finditer(text[:reach]):
        place = m.group("place")
        caps = place.upper() == place and len(place) > 2
        dash = (m.group("dash") or "").strip()
        if dash == "|" and not (caps and not m.group("date") and "\n" not in m.group(0)):
            continue  # "BAGHDAD | …" is a dateline; "December 3, 2023 | 9:42am" is a page's date line
        if dash == "|" and _CREDIT_AFTER_RX.match(text, m.end()):
            continue  # "AFP | Last Updated: Saturday, …": a page's credit line, not where the report was filed
        if m.group("agency") or (m.group("date") and (dash or caps)):
            key = 3
        elif (caps and dash) or ("/" in place and dash):
            key = 2
        elif (dash in (":", "—", "–", "--") or (dash == "-" and text[m.start("dash") - 1:m.start("dash")].isspace()
                                                and m.start("place") == 0)) and len(place.split()) <= 3:
            key = 1  # "Nairobi: Gunmen …"; "Bamako - At least …" opening the text
        else:
            continue
        if key > best_key:
            best, best_key = (m.start("place"), m.end()), key
    return best


def dateline_end(text: str, reach: int = 600) -> int:
    """Offset where the dateline (:func:`dateline_span`) ends; 0 when there is none."""
    return dateline_span(text, reach)[1]
