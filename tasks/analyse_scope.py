"""Scope rules: is a mention of a concept something the applicant offers?

A proposal names many things it does not offer: what it refers elsewhere ("we verwijzen door naar het
CAD", "de begeleiding blijft bij het CGG"), what it explicitly leaves out ("wij bieden geen
verslavingszorg", "valt niet onder dit voorstel"), what it may do one day ("optioneel, bij bijkomende
financiering"), the needs of the region ("in onze regio is er veel armoede"), the call's own wording, what
partners do, and headings. Each mention gets one status; OFFER counts as evidence of a service, TARGET
(who the project is for) counts for challenges, personas, exclusions and target-group services.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
from itertools import pairwise

from tasks.analyse_lexicon import CANCELLED, Hit, Lexicon
from tasks.dutch import Clause, Unit, cell_spans, clauses, quoted_tokens, tokens


class Status(Enum):
    OFFER = "offer"
    TARGET = "target"  # says who the project is for, not what it does
    NEGATED = "negated"
    REFERRAL = "referral"
    CONDITIONAL = "conditional"
    CONTEXT = "context"
    PARTNER = "partner"  # what a partner does, in the partners section
    INSTRUCTION = "instruction"  # a template's instruction ("Beschrijf welke hulp u biedt")
    HEADING = "heading"


# "geen X" negates the noun right after it: "wij bieden geen woonbegeleiding", "geen eigen verslavingszorg".
NOUN_NEGATIONS = frozenset({"geen", "noch", "niets"})
NOUN_SCOPE = 4
RELATIVE_SCOPE = 3
TARGET_SECTION = "doelgroep"
PARTNER_SECTION = "samenwerking"


@dataclass
class UnitInfo:
    """A unit with its lexicon hits and the section it sits in, computed once per analysis."""

    unit: Unit
    cues: dict[str, list[Hit]]  # cue name -> hits
    hits: dict[str, list[Hit]]  # lexicon group -> hits (service_types, challenges, personas, …)
    section: str | None = None  # id of the section heading above it, if recognised
    context_section: bool = False  # under a heading such as 'Probleemstelling' or 'Context'
    persona_description: bool = False  # starts with a persona's name: describes her, does not offer
    established: bool = False  # work the organisation has done "sinds 2012": a place there is a fallback only
    history: bool = False  # a line of the organisation's history or a CV ("2006: opening van ...", "2013 - 2019
    # maatschappelijk werker, dienst budgetbeheer"): what was, not what the project will do
    scope: Status | None = None  # under a heading that leaves its content out ("Wat we niet doen") or makes
    # it optional ("Later, enkel met extra middelen"): NEGATED or CONDITIONAL for everything below it
    clauses: list[Clause] = field(default_factory=list)
    memo: dict[tuple[str, int, int], bool] = field(default_factory=dict)  # per-clause results
    statuses: dict[Hit, Status] = field(default_factory=dict)  # per-hit results (several steps ask)
    quoted_tokens: frozenset[int] | None = None  # tokens between double quotes, computed once (see quoted())
    cancelled: frozenset[str] = frozenset()  # "group:concept" a not_with phrase of the unit cancels

    def cue(self, name: str) -> list[Hit]:
        return self.cues.get(name, [])

    def clause(self, token: int) -> tuple[int, int]:
        for clause in self.clauses:
            if clause.start <= token < clause.end:
                return clause.start, clause.end
        return 0, len(self.unit.norm)


def unit_info(unit: Unit, lexicon: Lexicon, antecedent: str = "") -> UnitInfo:
    hits = lexicon.find(unit, antecedent)
    by_name: dict[str, list[Hit]] = {}
    # a cue does not run across a semicolon: "... elkaar blijven zien; we helpen hen ..." holds no "zien we"
    stops = [index for index, separator in unit.breaks if separator == ";"]
    for hit in hits.pop("cues", []):
        if not any(hit.start <= stop < hit.end - 1 for stop in stops):
            by_name.setdefault(hit.concept, []).append(hit)
    cancelled = frozenset(hit.concept for hit in hits.pop(CANCELLED, ()))
    info = UnitInfo(unit=unit, cues=by_name, hits=hits, clauses=clauses(unit), cancelled=cancelled)
    if "offer" in by_name:
        by_name["offer"] = [
            verb for verb in by_name["offer"] if not (_separated_other_verb(info, verb) or _applicant_receives(info, verb))
        ]
    _mark_perfect_tense(info)
    _mark_separated_referral(info)
    _mark_routed_via_partner(info)
    return info


def _mark_separated_referral(info: UnitInfo) -> None:
    """"Voor jonge moeders verwijzen we in deze projectperiode door naar het CAW": the particle of 'doorverwijzen'
    may stand further from its verb than a lexicon phrase reaches; the clause still refers."""
    norm = info.unit.norm
    for index, word in enumerate(norm):
        if not word.startswith(REFERRING_VERBS) or any(cue.start <= index < cue.end for cue in info.cue("referral")):
            continue
        _, end = info.clause(index)
        particle = next((i for i in range(index + 1, end) if norm[i] == "door"), None)
        if particle is not None:
            info.cues.setdefault("referral", []).append(Hit("referral", index, particle + 1, "verwijz* ... door"))


REFERRING_VERBS = ("verwijs", "verwijz")


def _mark_routed_via_partner(info: UnitInfo) -> None:
    """"Budgetbeheer loopt, voor wie het nodig heeft, via het OCMW van de woonplaats": the service runs through
    another organisation or the people's own helper, however far 'via' stands from its verb (not "De nazorg gebeurt
    via huisbezoeken": how the project works)."""
    norm = info.unit.norm
    orgs = [org.start for org in info.cue("partner_org")]
    for index, word in enumerate(norm):
        if word not in ROUTING_VERBS or any(cue.start <= index < cue.end for cue in info.cue("referral")):
            continue
        via = next((i for i in range(index + 1, min(len(norm), index + ROUTE_REACH)) if norm[i] == "via"), None)
        if via is None:
            continue
        after = norm[via + 1 : via + 1 + ORG_AFTER_VIA]
        # "via het OCMW", "via hun eigen begeleider (CAW, OCMW)"; not "via huisbezoeken"
        if any(0 < org - via <= ORG_AFTER_VIA for org in orgs) or "eigen" in after or any(
            following.endswith(HELPER_ENDINGS) for following in after
        ):
            info.cues.setdefault("referral", []).append(Hit("referral", index, via + 1, "loopt ... via"))


ROUTING_VERBS = frozenset({"loopt", "lopen", "verloopt", "verlopen", "gebeurt", "gebeuren"})
ROUTE_REACH = 10
ORG_AFTER_VIA = 3  # "via het OCMW", "via de sociale dienst van"


PERFECT_AUXILIARIES = frozenset({"hebben", "heeft", "hebt"})
PARTICIPLE_RE = re.compile(r"^\w*?ge\w{2,}[dtn]$")  # "gegeven", "begeleid", "aangeboden" (not "lopen")


def _mark_perfect_tense(info: UnitInfo) -> None:
    """"Samen met een SVK hebben we vier mannen van straat naar een studio begeleid": what the applicant did
    (a past cue), not an offer; the participle at the clause's end is no offer verb. Only the applicant's own
    perfect: "Een paar hebben al een straf gekregen" describes the people."""
    norm = info.unit.norm
    future = info.cue("future")
    for clause in info.clauses:
        last = clause.end - 1
        auxiliaries = [index for index in range(clause.start, last) if norm[index] in PERFECT_AUXILIARIES]
        if not auxiliaries or last - auxiliaries[0] < 2 or any(clause.start <= cue.start < clause.end for cue in future):
            continue
        if not agents(info, clause.start, clause.end):
            continue  # "Een paar hebben al een straf gekregen": the people's past describes them
        offers = info.cues.get("offer", [])
        # "ondersteund" is a participle too; "ze hebben een sollicitatie lopen" is no perfect tense
        offer_participle = any(verb.start == last for verb in offers) and not norm[last].endswith("en")
        if not (PARTICIPLE_RE.match(norm[last]) or offer_participle):
            continue
        info.cues["offer"] = [verb for verb in offers if verb.start != last]
        info.cues.setdefault("past", []).append(Hit("past", auxiliaries[0], auxiliaries[0] + 1, "perfect"))


RECEIVING_WORDS = frozenset({"krijgt", "krijgen", "gets", "get"})


def _applicant_receives(info: UnitInfo, verb: Hit) -> bool:
    """"Het project krijgt onderdak in onze loods", "We krijgen de mannen aangemeld door ...": the applicant that
    opens the sentence gets something; not people who get a service ("Elke deelnemer krijgt een buddy")."""
    return info.unit.norm[verb.start] in RECEIVING_WORDS and any(agent.start == 0 for agent in agents(info))


# Separable verbs whose particle, at the end of the main clause, turns a verb of offering into something that
# happens to people: "Dikwijls komen daar schulden bij" (are added), "Verslaving komt vaak voor" (occurs), "Het
# gaat dan snel achteruit" (goes downhill).
SEPARATED_PARTICLES = {
    "komt": ("bij", "voor", "neer", "tekort"), "komen": ("bij", "voor", "neer", "tekort"),
    "gaat": ("achteruit", "mis", "verloren"), "gaan": ("achteruit", "mis", "verloren"),
}


def _separated_other_verb(info: UnitInfo, verb: Hit) -> bool:
    norm = info.unit.norm
    if norm[verb.start] in ("gaat", "ging") and (norm[verb.start + 1 : verb.start + 3] == ["het", "om"] or (
        norm[verb.start - 1 : verb.start] == ["het"] and norm[verb.start + 1 : verb.start + 2] == ["om"]
    )):
        return True  # "Concreet gaat het om mannen met ...", "het gaat om": what it is about
    particles = SEPARATED_PARTICLES.get(norm[verb.start])
    if particles is None:
        return False
    _, end = info.clause(verb.start)
    return end - verb.start > 1 and info.unit.norm[end - 1] in particles


def _inside(hit: Hit, spans: list[Hit]) -> bool:
    return any(span.start <= hit.start < span.end for span in spans)


def _in_clause(hits: list[Hit], start: int, end: int) -> list[Hit]:
    return [hit for hit in hits if start <= hit.start < end]


def agents(info: UnitInfo, start: int = 0, end: int | None = None) -> list[Hit]:
    """The applicant as actor ("we", "het project"), not counting "onze" in "in onze regio"."""
    stop = len(info.unit.norm) if end is None else end
    context = info.cue("context")
    norm = info.unit.norm
    return [
        hit for hit in _in_clause(info.cue("agent"), start, stop)
        if not _inside(hit, context) and norm[hit.start - 1 : hit.start] not in COMPARED
    ]


COMPARED = (["dan"], ["than"])  # "Het CAW en het SVK doen dat beter dan wij": who is compared does not act


# --- negation ----------------------------------------------------------------------------------------------


def clause_negated(info: UnitInfo, start: int, end: int) -> bool:
    """The whole clause says the applicant does not do something ("bieden wij niet aan", "valt buiten")."""
    key = ("negated", start, end)
    if key not in info.memo:
        info.memo[key] = _in_clause(info.cue("negation_phrases"), start, end) != [] or any(
            _agent_negation(info, negation, start, end) for negation in negations(info, start, end)
        )
    return info.memo[key]


def field_answer_start(info: UnitInfo, section: str) -> int | None:
    """A form field answered on its own line ("9. Werkingsgebied (gemeenten): Truiense binnenstad.", "Wat het kost:
    ongeveer 9.500 euro"): where the answer starts (a token index), when the part before the colon names the
    section; None otherwise."""
    label, colon, _ = info.unit.text.partition(":")
    if not colon:
        return None
    answer_start = len(tokens(label))
    named = any(hit.concept == section and hit.start < answer_start for hit in info.hits.get("sections", ()))
    return answer_start if named else None


def has_negation(info: UnitInfo) -> bool:
    """The unit says no somewhere (not "niet alleen", not inside quoted speech)."""
    return bool(info.cue("negation")) and bool(negations(info, 0, len(info.unit.norm)))


def negations(info: UnitInfo, start: int = 0, end: int | None = None) -> list[Hit]:
    """The unit's own 'no' words between start and end (not "niet alleen", not inside quoted speech)."""
    end = len(info.unit.norm) if end is None else end
    exceptions = info.cue("negation_exceptions")
    quoted = quoted_tokens(info.unit) if info.cue("negation") else frozenset()
    return [
        hit
        for hit in _in_clause(info.cue("negation"), start, end)
        if not _inside(hit, exceptions) and hit.start not in quoted  # quoted speech is not the applicant's "no"
    ]


def _agent_negation(info: UnitInfo, negation: Hit, start: int, end: int) -> bool:
    # "mensen die niet kunnen lezen": the negation belongs to a relative clause about the target group;
    # "... dat wij niemand aan een woning kunnen helpen": not when the applicant is that clause's subject.
    for relative in _relatives(info):
        if _after_a_verb(info, relative):
            continue  # "wij nemen die rol niet over": 'die' is a demonstrative after the verb, not a relative
        if 0 < negation.start - relative.start <= RELATIVE_SCOPE and not agents(info, relative.end, negation.start):
            return False
    # (also an organisation that opens the clause: "het CGG neemt het casemanagement niet over")
    return bool(agents(info, start, end)) or any(start <= org.start <= start + 1 for org in info.cue("partner_org"))


def _after_a_verb(info: UnitInfo, word: Hit) -> bool:
    return any(verb.end == word.start for verb in info.cue("offer"))


def is_negated(info: UnitInfo, hit: Hit, start: int, end: int) -> bool:
    if _table_says_no(info):
        return True
    if info.unit.kind == "table" and _row_says_no(info, hit):
        return True  # a row is one item: "Zoeken naar kinderopvang | - | niet in project (€ 0)"
    if _in_clause(info.cue("negation_phrases"), start, end):
        return True
    for negation in negations(info, start, end):
        if hit.start <= negation.start < hit.end:
            if "+" in hit.term and info.unit.norm[negation.start] in NOUN_NEGATIONS:
                return True  # a word pair around a 'geen': "zoekt geen kinderopvang"
            continue  # part of the phrase itself
        word = info.unit.norm[negation.start]
        if word in NOUN_NEGATIONS and 0 < hit.start - negation.start <= NOUN_SCOPE:
            return True
        if word in NOUN_NEGATIONS and _negated_noun_phrase(info, negation, hit):
            return True  # "het zijn geen jongeren in een zware verslaving": the 'geen' covers the whole group
        if _subordinate_after(info, hit, negation):
            continue  # "we bemiddelen kinderopvang wanneer de uren niet aansluiten": the negation is the when
        if _agent_negation(info, negation, start, end):
            return True
    return _negated_elsewhere(info, start)


SUBJECT_GROUPS = ("service_types", "challenges", "personas", "exclusions")


NOUN_PHRASE_SCOPE = 7
NOUN_LINKS = frozenset({"in", "met", "zonder", "uit", "op", "een", "de", "het", "with", "a", "the"})


def _negated_noun_phrase(info: UnitInfo, negation: Hit, hit: Hit) -> bool:
    """'geen' + a noun + a prepositional phrase that holds the hit ("geen jongeren in een zware verslaving", "geen
    mannen met een verslavingsverleden"): no verb, no clause break and a link word right after the noun."""
    norm = info.unit.norm
    if not 0 < hit.start - negation.start <= NOUN_PHRASE_SCOPE or info.clause(negation.start) != info.clause(hit.start):
        return False
    between = range(negation.start + 1, hit.start)
    if any(any(cue.start <= index < cue.end for cue in info.cue("offer")) for index in between):
        return False
    return negation.start + 2 < hit.start and norm[negation.start + 2] in NOUN_LINKS and norm[negation.start + 1] not in NOUN_LINKS


def _row_says_no(info: UnitInfo, hit: Hit) -> bool:
    """A 'no' in a row covers the row, unless it sits in another cell that names its own subject: in "persona's
    Roy en John | luik verslaving geschrapt" the cut is the addiction part, not Roy and John."""
    phrases = info.cue("negation_phrases")
    if not phrases:
        return False
    spans = cell_spans(info.unit)
    subjects = [other for group in SUBJECT_GROUPS for other in info.hits.get(group, ())]
    for phrase in phrases:
        cell = next(((start, end) for start, end in spans if start <= phrase.start < end), None)
        if cell is None or cell[0] <= hit.start < cell[1]:
            return True
        if not any(cell[0] <= other.start < cell[1] and other.concept != hit.concept for other in subjects):
            return True
    return False


def _subordinate_after(info: UnitInfo, hit: Hit, negation: Hit) -> bool:
    """The negation sits in a subordinate clause that begins after the concept ("..., wanneer de uren niet
    aansluiten", "... voor wie dat niet lukt"): it says something about that clause, not about the offer."""
    return any(hit.end <= relative.start < negation.start for relative in _relatives(info))


def _relatives(info: UnitInfo) -> list[Hit]:
    """Relative and subordinating words, without the 'als' of "wij als school" (as, not if)."""
    norm = info.unit.norm
    return [
        relative for relative in info.cue("relative")
        if not (norm[relative.start] == "als" and relative.start > 0 and norm[relative.start - 1] in FIRST_PERSON)
    ]


def _negated_elsewhere(info: UnitInfo, start: int) -> bool:
    """A negation in another clause can cover this one.

    "Taalles bieden wij niet aan: deelnemers volgen NT2 bij het CVO" - the colon explains the negation;
    "... zoeken naar opvang ...; het project voorziet daar geen ondersteuning voor" - 'daar' points back.
    """
    if _item_of_a_negated_list(info, start) or _cleft_negated(info, start) or _after_negated_noun(info, start):
        return True
    # "dit" in "dit project" names the project, it does not point back
    anaphors = [anaphor for anaphor in info.cue("anaphor") if not _inside(anaphor, info.cue("agent"))]
    own_start, own_end = info.clause(start)
    # (not when the applicant acts after the colon: "dit project draait niet daar: we gaan op huisbezoek in Kozen")
    acting_after = _main_agent(info, own_start, own_end) and not clause_negated(info, own_start, own_end)
    for clause in info.clauses:
        if clause.start >= start:
            break
        if clause.separator == ":" and clause_negated(info, clause.start, clause.end) and not acting_after:
            return True
    previous_separator = ""
    own_agent = False  # the concept's clause has the applicant acting in it
    pointing = False  # the clauses before this one, joined by commas, point back ('dat', 'die')
    for clause in info.clauses:
        if clause.start <= start:
            previous_separator = clause.separator
            own_agent = clause.end > start and _main_agent(info, clause.start, clause.end)
            continue
        if _in_clause(anaphors, clause.start, clause.end) and not _opens_on_own_subject(info, clause.start) and (
            clause_negated(info, clause.start, clause.end) or _dislocated_negation(info, clause.start, clause.end)
        ):
            return True
        # "..., maar dat is een bijkomstigheid, geen doel van ons project": the verdict after the comma goes on
        # about what 'dat' points back to (a verdict in so many words; not "..., ook wanneer wij er niet zijn")
        if pointing and _in_clause(info.cue("negation_phrases"), clause.start, clause.end):
            return True
        pointing = clause.separator == "," and (pointing or bool(_in_clause(anaphors, clause.start, clause.end)))
        if not own_agent and _fronted_negation(info, clause.start, clause.end):
            return True
        if start == 0 and _shared_subject_negated(info, clause.start, clause.end):
            return True
        if own_agent and previous_separator == "," and _resumed_negation(info, clause.start, clause.end):
            return True
        # "Hulp bij het zoeken naar kinderopvang: niet van toepassing." - a short verdict after the colon
        if previous_separator == ":" and clause.end - clause.start <= VERDICT_WORDS:
            if _in_clause(info.cue("negation_phrases"), clause.start, clause.end):
                return True
        previous_separator = clause.separator
    # "Taalles valt buiten dit project; daarvoor kunnen deelnemers bij het CVO terecht" - the clause that
    # points back ('daarvoor', 'daar') to a negated clause is about what is not offered either.
    if info.unit.norm[start : start + 1] and info.unit.norm[start] in POINTING_BACK:
        for clause in info.clauses:
            if clause.start >= start:
                break
            if clause_negated(info, clause.start, clause.end):
                return True
    return False


def _opens_on_own_subject(info: UnitInfo, start: int) -> bool:
    """"...; Marcel nemen we in dit voorstel niet mee": the clause opens with a concept of its own, and its 'no'
    (and its 'dit') is about that one, not about the clauses before it (unlike "die huurders nemen we niet op")."""
    return any(hit.start == start for group in SUBJECT_GROUPS for hit in info.hits.get(group, ()))


def _cleft_negated(info: UnitInfo, start: int) -> bool:
    """"Wat wij niet kunnen, is computerles geven": the clause before says no to what this one names."""
    norm = info.unit.norm
    if norm[start : start + 1] not in (["is"], ["zijn"]):
        return False
    before = [clause for clause in info.clauses if clause.end <= start]
    return bool(before) and norm[before[-1].start] in ("wat", "what") and clause_negated(info, before[-1].start, before[-1].end)


LIST_ITEM_WORDS = 4


def _item_of_a_negated_list(info: UnitInfo, start: int) -> bool:
    """"Taalcoaching, jobcoaching en psychologische begeleiding doen wij niet": the commas cut the list into
    clauses, and the clause with the last items and the verb says no for all of them."""
    clauses = [clause for clause in info.clauses if clause.start >= start]
    for index, clause in enumerate(clauses):
        if clause.separator != "," or clause.end - clause.start > LIST_ITEM_WORDS or agents(info, clause.start, clause.end):
            return False  # not a bare item of a list
        following = clauses[index + 1] if index + 1 < len(clauses) else None
        if following is None:
            return False
        if following.end - following.start > LIST_ITEM_WORDS:
            return clause_negated(info, following.start, following.end)
    return False


def list_opening(info: UnitInfo, start: int) -> int:
    """Where the comma list that a bare item (the clause at start) belongs to opens: "welke jobs er zijn in de
    fruitsector, de zorg, de schoonmaak, de kinderopvang" - the clause before the first bare item. The item's
    own start when it is no bare item of a list."""
    index = next((i for i, clause in enumerate(info.clauses) if clause.start <= start < clause.end), 0)
    own = info.clauses[index]
    if own.end - own.start > LIST_ITEM_WORDS:
        return start
    while index > 0:
        index -= 1
        previous = info.clauses[index]
        if previous.separator != "," or previous.end - previous.start > LIST_ITEM_WORDS:
            return previous.start if previous.separator in (",", ":") else info.clauses[index + 1].start
    return info.clauses[0].start


ITEM_PREPOSITIONS = frozenset({"bij", "in", "naar", "voor", "met", "op"})


def _after_negated_noun(info: UnitInfo, start: int) -> bool:
    """"... is er geen sprake van verslaving, psychiatrie of dakloosheid": the commas cut the list after 'geen' into
    clauses; a bare item that follows the negated noun's clause is negated with it."""
    index = next((i for i, clause in enumerate(info.clauses) if clause.start <= start < clause.end), 0)
    own = info.clauses[index]
    # (a longer item that goes on with a preposition: "wij zoeken geen plaats in een kinderdagverblijf, bij een
    # onthaalouder of in de naschoolse opvang")
    item = own.end - own.start <= LIST_ITEM_WORDS or info.unit.norm[own.start] in ITEM_PREPOSITIONS
    if index == 0 or not item or agents(info, own.start, own.end):
        return False
    if _in_clause(info.cue("offer"), own.start, own.end):
        return False
    previous = info.clauses[index - 1]
    if previous.separator != ",":
        return False
    nouns = [hit for hit in negations(info, previous.start, previous.end) if info.unit.norm[hit.start] in NOUN_NEGATIONS]
    return bool(nouns) and previous.end - nouns[-1].start <= NOUN_SCOPE + 3


def _shared_subject_negated(info: UnitInfo, start: int, end: int) -> bool:
    """"De crèche draait vandaag nog, ..., en staat volledig los van onze werking": a clause opened by 'en' and
    a verb goes on about the sentence's subject, and says it is not the project's (not "..., en budgetbeheer
    valt buiten het project", which has a subject of its own)."""
    norm = info.unit.norm
    if norm[start : start + 1] != ["en"] or start + 1 >= end or norm[start + 1] in DETERMINERS:
        return False
    for phrase in _in_clause(info.cue("negation_phrases"), start, end):
        subjects = [hit for group in SUBJECT_GROUPS for hit in info.hits.get(group, ()) if start < hit.start < phrase.start]
        if not subjects and not agents(info, start, phrase.start):
            return True
    return False


DETERMINERS = frozenset(
    "de het een dit dat deze die onze ons mijn hun zijn haar elke iedere alle geen veel the a an our".split()
)


def _main_agent(info: UnitInfo, start: int, end: int) -> bool:
    """The applicant acts in the clause itself, not only in a relative clause inside it ("De wijkwerking die
    we wilden opstarten, gaat niet door": 'we' belongs to 'die ...')."""
    relatives = [relative.start for relative in _in_clause(info.cue("relative"), start, end)]
    return any(not any(r < agent.start for r in relatives) for agent in agents(info, start, end))


VERDICT_WORDS = 5
DEMONSTRATIVES = frozenset({"dat", "dit", "deze", "die", "that", "this", "these", "those"})
INVERSION_REACH = 2


def _dislocated_negation(info: UnitInfo, start: int, end: int) -> bool:
    """"Een plaats in de crèche zoeken, dat kunnen wij niet": the clause opens with a demonstrative that
    takes up the part before the comma, and the applicant says no ('dat' is not a relative pronoun here)."""
    if info.unit.norm[start] not in DEMONSTRATIVES or not agents(info, start, end):
        return False
    return bool(negations(info, start, end))


def _resumed_negation(info: UnitInfo, start: int, end: int) -> bool:
    """"In Wellen zijn we, in tegenstelling tot versie 1, niet meer actief": after an inserted phrase the
    clause goes on with its negation. Not "..., niet in groep maar individueel" (a contrast follows)."""
    said = negations(info, start, end)
    if not said or said[0].start != start or end - start > VERDICT_WORDS:
        return False
    return end >= len(info.unit.norm) or info.unit.norm[end] not in CONTRAST_WORDS


CONTRAST_WORDS = frozenset({"maar", "wel", "doch", "but"})


def _fronted_negation(info: UnitInfo, start: int, end: int) -> bool:
    """The part before the comma is the fronted object or subject of a negated main clause:
    "Mensen bij wie een verstandelijke beperking op de voorgrond staat, bereiken we via dit project niet"
    (verb and 'we' inverted right after the comma), "Mensen met een verslaving of zonder woning zijn niet
    de doelgroep" (the clause is only the verdict on them)."""
    inverted = [hit for hit in agents(info, start, end) if 0 < hit.start - start <= INVERSION_REACH]
    if inverted and any(n.start > inverted[0].start for n in negations(info, start, end)):
        return True
    # the verdict ends the list of groups before it, with nobody acting in between
    return any(
        not agents(info, start, verdict.start) and not _in_clause(info.cue("offer"), start, verdict.start)
        for verdict in _in_clause(info.cue("negation_verdict"), start, end)
    )

# Pronominal adverbs that point back to the previous clause ("dat"/"die" also start relative clauses).
POINTING_BACK = frozenset({"daar", "daarvoor", "hiervoor", "daarin", "hierin", "daarbij", "hiervan", "daarvan"})
THAT_WORDS = frozenset({"dat", "dit", "that", "this"})  # "Dat zit niet in deze aanvraag"


def turned_down_next(info: UnitInfo, following: UnitInfo) -> bool:
    """The next sentence of the paragraph points back and the applicant says no: "... zou het netwerk van onze
    mensen versterken. Daar vragen we in deze aanvraag geen middelen voor", "Mielen-boven-Aalst ligt vlak bij
    onze route. Daar gaan we niet naartoe" (not "Daar is geen aanbod", which describes a need)."""
    norm = following.unit.norm
    if following.unit.paragraph != info.unit.paragraph or not norm or norm[0] not in POINTING_BACK | THAT_WORDS:
        return False
    start, end = following.clause(0)
    # (or a phrase that leaves it out of the project: "Dat zit niet in deze aanvraag en ook niet in de begroting")
    scoped = bool(agents(following, start, end)) or bool(_in_clause(following.cue("negation_phrases"), start, end))
    return scoped and clause_negated(following, start, end)


def taken_up_next(info: UnitInfo, following: UnitInfo) -> bool:
    """The next sentence of the paragraph points back and has the applicant's own people do it: "Daar komt veel
    papierwerk bij kijken: de post openen, een afbetalingsplan met een deurwaarder. Dat doet de begeleider samen
    met de persoon" (not "Dat doet de maatschappelijk werker van het OCMW", nor "Dat doen we niet")."""
    norm = following.unit.norm
    if following.unit.paragraph != info.unit.paragraph or len(norm) < 3 or norm[0] not in THAT_WORDS:
        return False
    if norm[1] not in DOING_VERBS:
        return False
    start, end = following.clause(0)
    return (
        bool(agents(following, start, end)) and not clause_negated(following, start, end)
        and not following.cue("partner_org") and not following.cue("referral")
    )


def _table_says_no(info: UnitInfo) -> bool:
    """A table row with a cell 'nee' ("| Wonen | nee | niet in dit project |") is not offered."""
    if info.unit.kind != "table":
        return False
    cells = [cell.strip().lower() for cell in info.unit.text.split("|")]
    for hit in info.cue("table_no"):
        word = " ".join(info.unit.norm[hit.start : hit.end])
        # "nee", or "nee - verwijzing NARIC" / "neen, via het OCMW": the cell starts with the refusal
        if any(cell == word or re.match(rf"{re.escape(word)}\b\W", cell) for cell in cells):
            return True
    return False


# --- referral, condition, context, target ------------------------------------------------------------------


MESSAGES = frozenset(
    "mail mails email brief brieven sms bericht berichtje berichten foto fotos document documenten attest attesten "
    "formulier formulieren".split()  # ("e-mail": "e", "mail"; "foto's": "foto", "s")
)


def is_referral(info: UnitInfo, hit: Hit, start: int, end: int) -> bool:
    """Someone else does it: "we verwijzen door naar het CAD", "Voor verslavingszorg verwijzen we door",
    "Wanneer iemand drinkt, verwijzen we door", "de psychische opvolging blijft bij het CGG"."""
    offers = info.cue("offer")
    for referral in info.cue("referral"):
        if "thuis" in info.unit.norm[referral.end : referral.end + HOME_REACH]:
            continue  # "De begeleiding gebeurt bij de huurders thuis": at home, not at another service
        if MESSAGES & set(info.unit.norm[max(0, referral.start - 1) : referral.end]):
            continue  # "een mail sturen naar de juf", "foto's doorsturen naar de dokter": a thing sent, not a person
        if referral.term in STEP_REFERRALS and not any(
            0 <= org.start - referral.end <= STEP_REACH for org in info.cue("partner_org")
        ):
            continue  # "de stap naar werk niet durven zetten" is no referral; "de stap naar het CGG" is
        if hit.start >= referral.start:
            if start <= referral.start or _listed_after(info, referral, hit, start):
                return True  # the concept follows the referral in the same clause, or in the list it opens
            continue
        # The concept comes first: it is what gets referred ("Voor verslaving verwijzen we door", "Wanneer
        # iemand drinkt, verwijzen we door"), unless the applicant says it does something itself between the
        # start of the concept's clause and the referral ("we begeleiden mensen met een verslaving en
        # verwijzen waar nodig door").
        concepts = [other for found in info.hits.values() for other in found]
        said_no = info.cue("negation")
        own_action = [
            offer
            for offer in offers
            if start <= offer.start < referral.start
            and not _inside(offer, [referral])
            and not _inside(offer, concepts)  # "Nederlands leren en alfabetisering laten we over aan Ligo"
            # "Vragen over huisvesting neemt de coach niet op; daarvoor verwijzen we naar het OCMW"
            and not _in_clause(said_no, *info.clause(offer.start))
            # "Voor echte kinderopvang, als een vrouw gaat werken, verwijzen wij naar ...": the condition's verb,
            # also without a comma before it ("Voor een vaste plaats in de kinderopvang als een vrouw gaat werken, ...")
            and not _in_a_condition(info, offer)
        ]
        if not own_action:
            return True
    return False


def _in_a_condition(info: UnitInfo, verb: Hit) -> bool:
    """The verb belongs to a condition: its clause opens with 'als', 'wanneer', ..., or one stands between the
    clause's start and the verb with nobody of the applicant after it."""
    start, _ = info.clause(verb.start)
    norm = info.unit.norm
    opener = next((index for index in range(verb.start - 1, start - 1, -1) if norm[index] in CONDITION_OPENERS), None)
    return norm[start] in CONDITION_OPENERS or (opener is not None and not agents(info, opener, verb.start))


HOME_REACH = 4
CONDITION_OPENERS = frozenset({"als", "wanneer", "indien", "zodra", "if", "when", "once"})
PURPOSE_WORDS = frozenset({"zodat", "opdat", "so that"})
PLACE_RELATIVES = frozenset({"waar", "waarin", "waarbij", "where"})
def _listed_after(info: UnitInfo, referral: Hit, hit: Hit, start: int) -> bool:
    """"We verwijzen naar Ligo, het CBE en de Digipunten": the clauses after the referral are the rest of
    its list (only commas between, nobody acting before the concept in its own clause)."""
    between = [clause for clause in info.clauses if referral.start < clause.end and clause.start < start]
    if not between or any(clause.separator != "," for clause in between):
        return False
    if agents(info, start, hit.start + 1):
        return False
    return not any(start <= offer.start < hit.start for offer in info.cue("offer"))


STEP_REFERRALS = frozenset({"de stap naar", "stap zetten naar"})
STEP_REACH = 2
PEOPLE_PRONOUNS = frozenset({"ze", "zij", "they", "wie"})
ELSEWHERE_REACH = 2


def _done_elsewhere(info: UnitInfo, start: int, end: int) -> bool:
    """The participants do it at another organisation: "Nederlandse les volgen de vrouwen bij het CVO",
    "Ouders met een opvangvraag gaan naar het lokaal loket" - nobody of the project acts in the clause."""
    norm = info.unit.norm
    if norm[:1] == ["wie"] and info.clause(0)[1] >= start:
        # "Wie itsme moet leren gebruiken, gaat mee naar het Digipunt van de bib": the 'wie' clause and its verb
        start, end = 0, info.clause(max(end, info.clause(0)[1]))[1]
    if agents(info, start, end):
        return False
    people = any(start <= group.start < end for group in info.cue("groups")) or any(
        word in PEOPLE_PRONOUNS for word in norm[start:end]
    )
    if not people:
        return False
    return any(
        start <= org.start < end and _at_or_to(norm[start : org.start], _reach(norm, org))
        for org in info.cue("partner_org")
    )


# "Dat doet de begeleider", "..., doet de medewerker van het Huis van het Kind", "het SVK doen dat al"
DOING_VERBS = frozenset(
    {"doet", "doen", "regelt", "regelen", "verzorgt", "verzorgen", "neemt", "nemen", "do", "does"}
)
ALREADY_WORDS = frozenset({"al", "reeds", "already"})


def partner_already_there(info: UnitInfo, start: int, end: int) -> bool:
    """The clause says a partner organisation already does or has something, and nobody of the project acts in it:
    "het SVK doen dat al", "In Wellen heeft het OCMW al een wekelijkse zitdag"."""
    if not ALREADY_WORDS & set(info.unit.norm[start:end]) or agents(info, start, end):
        return False
    return bool(_in_clause(info.cue("partner_org"), start, end))


def _partner_already_does_it(info: UnitInfo, start: int, end: int) -> bool:
    """Other organisations already do it, outside the project: "Het CAW Limburg (woonbegeleiding) en het SVK doen
    dat al en doen dat beter dan wij"."""
    return bool(DOING_VERBS & set(info.unit.norm[start:end])) and partner_already_there(info, start, end)


# "Het OCMW Wellen doet de budgetbegeleiding", "Beide sociale diensten bieden ... aan": a partner's own work
PARTNER_WORK_VERBS = frozenset(
    {"doet", "doen", "biedt", "bieden", "verzorgt", "verzorgen", "regelt", "regelen", "does", "offers", "provides"}
)
PARTNER_VERB_REACH = 3  # "Het OCMW Wellen doet", "CAW Limburg (team Sint-Truiden) biedt"
IN_THE_PROJECT = frozenset({"project", "projectteam", "mee", "samen", "zal", "zullen", "will"})


def _partner_does_it(info: UnitInfo, start: int, end: int) -> bool:
    """The clause opens with a partner organisation that does it, in the present and not in the project: "Het OCMW
    Wellen doet de budgetbegeleiding en het leefloon" (not "Het CAW zal in het project de woonbegeleiding doen"),
    also for the later items of its list ("Beide sociale diensten bieden leefloon, ..., en een huurwaarborg aan")."""
    norm = info.unit.norm
    index = next((i for i, clause in enumerate(info.clauses) if clause.start == start), None)
    if index is not None:
        while index > 0 and info.clauses[index - 1].separator == ",":
            index -= 1
        start = info.clauses[index].start
    if agents(info, start, end) or IN_THE_PROJECT & set(norm[start:end]):
        return False
    for org in info.cue("partner_org"):
        if start <= org.start <= start + 1:
            return any(word in PARTNER_WORK_VERBS for word in norm[org.end : org.end + PARTNER_VERB_REACH])
    return False


def _reach(norm: list[str], org: Hit) -> int:
    """How far before a partner to look for 'bij' or 'naar': further for a service of that partner ("naar het
    Digipunt van de bibliotheek")."""
    owned = org.start >= 2 and norm[org.start - 2] == "van" and norm[org.start - 1] in ("de", "het")
    return ELSEWHERE_REACH + 5 if owned else ELSEWHERE_REACH


GOING_VERBS = frozenset({"gaan", "gaat", "komen", "komt", "stappen", "stapt"})


def _at_or_to(clause: list[str], reach: int) -> bool:
    """`clause`: its words up to the organisation. "bij het CVO", or "gaan naar het loket", "Voor schulden gaan ze
    naar het OCMW" ('bij' or 'naar' within `reach` words before the organisation, the going verb anywhere before
    it in the clause; not "naar school gingen": the past, and no going now)."""
    near = max(0, len(clause) - 1 - reach)
    if "bij" in clause[near:]:
        return True
    to = next((index for index in range(near, len(clause)) if clause[index] == "naar"), None)
    if to is None or (clause[to - 1 : to] == ["mee"] and clause[:1] != ["wie"]):
        return False  # "gaat zij mee naar het CAD": going along with them is the offer ("Wie ..., gaat mee naar" is not)
    return any(word in GOING_VERBS for word in clause[:to])


MANNER_WORDS = frozenset({"met", "with"})
# "na een moeilijk bezoekmoment kan je iemand bellen", "elkaar vinden als het moeilijk wordt": when the offer is
# there, not the region's need
WHEN_WORDS = (
    ["na", "een"], ["na", "de"], ["na", "het"], ["after", "a"], ["after", "the"], ["als", "het"], ["wanneer", "het"],
    ["when", "it"], ["if", "it"],
)  # fmt: skip


def is_context(info: UnitInfo, start: int, end: int) -> bool:
    key = ("context", start, end)
    if key not in info.memo:
        info.memo[key] = _is_context(info, start, end)
    return info.memo[key]


def _is_context(info: UnitInfo, start: int, end: int) -> bool:
    if agents(info, start, end):
        return False
    norm = info.unit.norm
    # "met veel herhaling", "met veel geduld": how it is done, not the need ("er zijn veel moeders die ..."); nor
    # a need in a relative clause that says who the people are ("Werkzoekenden ... bij wie vervoer het enige
    # probleem is, naar hun werk brengen")
    cues = [
        cue for cue in info.cue("context")
        if not (cue.start > 0 and norm[cue.start - 1] in MANNER_WORDS) and norm[max(0, cue.start - 2) : cue.start] not in WHEN_WORDS
        and not _about_the_group(info, cue.start)
        and not _describes_a_noun(info, cue.start)
    ]
    if _in_clause(cues, start, end):
        return True
    unit_agents = agents(info)
    if unit_agents and not info.cue("observation"):
        return False
    first = info.clauses[0] if info.clauses else None
    if first and not unit_agents and _in_clause(cues, first.start, first.end):
        return True  # "Veel moeders zitten in de put, wonen in slechte huurwoningen": the main clause sets it
    return info.context_section or info.persona_description


NOUN_RELATIVES = frozenset({"die", "which", "who"})


def _describes_a_noun(info: UnitInfo, token: int, relatives: frozenset[str] = NOUN_RELATIVES) -> bool:
    """"(we) werken met het hele gezin aan de patronen die het moeilijk maken": a relative clause in the middle
    of the clause describes a noun of the offer, it does not describe the region's need."""
    start, _ = info.clause(token)
    return any(
        start < relative.start < token and relative.term in relatives
        and info.unit.norm[relative.start - 1] not in NOT_BEFORE_A_RELATIVE
        for relative in info.cue("relative")
    )


# after these, "die" is a demonstrative ("Achter die dossiers", "en die mensen"), not a relative pronoun
NOT_BEFORE_A_RELATIVE = frozenset(
    "en maar of want and but or achter in op aan naar voor met bij tot van over onder door uit om zonder na tussen".split()
)


def _about_the_group(info: UnitInfo, token: int) -> bool:
    """The token sits in a "bij wie ..." clause about the group the sentence opens with ("Werkzoekenden die klaar
    zijn om te werken en bij wie vervoer het enige probleem is")."""
    groups = info.cue("groups")
    if not groups or groups[0].start > 1:
        return False
    return any(
        relative.term == "wie" and groups[0].end <= relative.start < token for relative in info.cue("relative")
    )


def is_target(info: UnitInfo, start: int, end: int) -> bool:
    """Says who the project is for ("Onze doelgroep: ...", "richt zich op ...") without saying what it does."""
    # (an offer word in a relative clause about the people is not the project's: "Dit project is voor mannen ...
    # die uit de gevangenis komen")
    groups = info.cue("groups")
    about_people = [
        relative.start for relative in _in_clause(info.cue("relative"), start, end)
        if relative.term not in PURPOSE_WORDS and any(group.end <= relative.start for group in groups)
    ]
    if not about_people and groups and groups[0].start <= 1:
        # "- mama's die nieuw zijn in België, nog Nederlands leren en ...": the relative clause about the group that
        # opens the sentence goes on past the comma
        about_people = [
            relative.start for relative in info.cue("relative")
            if groups[0].end <= relative.start < start and relative.term not in PURPOSE_WORDS
            and not agents(info, relative.start, end)
        ]
    offers = [
        hit for hit in _in_clause(info.cue("offer"), start, end)
        if not _inside(hit, info.cue("target")) and not (about_people and hit.start > about_people[0])
    ]
    if offers:
        return False
    # a target cue before or in this clause ("Onze doelgroep: mannen met ..."), not one in a later clause
    # ("Die begeleidt ... drug- en gameverslaving, en stemt af met het MSOC voor wie ...")
    return info.section == TARGET_SECTION or any(cue.start < end for cue in info.cue("target"))


GROUP_TO_RELATIVE = 5
# a finite verb that opens a sentence with a "dan" later is a condition: "Komt er een moeder met zware psychische
# problemen binnen, dan helpen we ..." (if one comes in)
CONDITION_VERBS = frozenset({
    "komt", "komen", "is", "zijn", "heeft", "hebben", "loopt", "lopen", "staat", "staan", "meldt", "melden",
    "vraagt", "vragen", "blijkt", "blijken", "gaat", "gaan", "wil", "willen",
})  # fmt: skip


def _if_it_happens(info: UnitInfo, hit: Hit) -> bool:
    """The concept is in the condition of a sentence that opens with its verb and hands the case on: "Komt er
    iemand met een verslaving binnen, dan brengen we hem in contact met het OCMW" (a case that may occur, not who
    the project is for; not "Heeft een man ... geen dak, dan zoeken we samen met hem een kamer")."""
    norm = info.unit.norm
    if not norm or norm[0] not in CONDITION_VERBS or "dan" not in norm[hit.end :] or agents(info, 0, hit.start):
        return False
    then = hit.end + norm[hit.end :].index("dan")
    return any(cue.start > then for cue in [*info.cue("partner_org"), *info.cue("referral")])


def _where_people_already_go(info: UnitInfo, hit: Hit, start: int) -> bool:
    """The concept is what a place is already known for: "in het gebouw waar mensen al komen voor hun leefloon of
    hun budgetbegeleiding", "op plekken waar de moeders toch al komen" (someone else's service there; not "waar al
    onze activiteiten plaatsvinden", all of them)."""
    norm = info.unit.norm
    for relative in info.cue("relative"):
        if relative.term in PLACE_RELATIVES and start <= relative.start < hit.start:
            already = [
                index for index in range(relative.end, hit.start)
                if norm[index] in ALREADY_WORDS and norm[index + 1] not in ALL_FOLLOWERS
            ]
            if already and not agents(info, relative.start, hit.start):
                return True
    return False


ALL_FOLLOWERS = frozenset({"onze", "ons", "de", "het", "die", "deze", "hun", "mijn", "zijn", "haar", "our", "the"})  # "al onze"


def describes_people(info: UnitInfo, hit: Hit, start: int) -> bool:
    """The concept sits in a relative clause about people: "moeders die in een vochtige huurwoning wonen"."""
    # "zodat mannen elkaar leren kennen" says what the activity is for, not who the people are
    relatives = [r for r in info.cue("relative") if start <= r.start < hit.start and r.term not in PURPOSE_WORDS]
    if relatives and relatives[0].start == 0 and info.unit.kind == "sentence" and info.unit.norm[0] in ("die", "dat"):
        relatives = relatives[1:]  # "Die consulent neemt ... op": a demonstrative (unlike "Wie een kind ... heeft")
    if not relatives:
        return False
    relative = relatives[-1]
    if agents(info, relative.start, hit.start):
        return False
    if "elkaar" in hit.term.split() and relative.term == "die" and not has_negation(info):
        return False  # "een vaste groep van acht moeders die elkaar leren kennen en steunen": what they do together
    groups = info.cue("groups")
    if relative.term in PLACE_RELATIVES and not any(group.end == relative.start for group in groups):
        return False  # "een ouderkoffie, waar mama's elkaar leren kennen": what happens there (not "gezinnen waar ...")
    # "mannen die ... of die na een behandeling voor hun verslaving ...": the relative clauses go on about the same people
    norm = info.unit.norm
    while relative.start >= 2 and norm[relative.start - 1] in ("of", "en"):
        earlier = [r for r in relatives if r.start < relative.start - 1]
        if not earlier:
            break
        relative = earlier[-1]
    # "mannen die ...", also "Mannen tussen 20 en 50 die uit een verslaving komen"
    return relative.start == start or any(
        0 <= relative.start - group.end <= GROUP_TO_RELATIVE and start <= group.start and not agents(info, group.end, relative.start)
        for group in groups
    )


def status(info: UnitInfo, hit: Hit) -> Status:
    found = info.statuses.get(hit)
    if found is None:
        found = info.statuses[hit] = _status(info, hit)
    return found


LABEL_TERM = "label"  # the term of a cue a value inherits from its label (tasks/analyse.py)


GLOSSARY_ENTRY_RE = re.compile(r"\b[A-Z][A-Z0-9]+[a-z']{0,2}\s*=\s*\w")  # "VAPH = Vlaams Agentschap ...", "BB = budgetbeheer"


def _glossary(info: UnitInfo) -> bool:
    """"OCJ = ondersteuningscentrum jeugdzorg; VAPH = Vlaams Agentschap voor Personen met een Handicap": a line that
    spells out abbreviations explains words, it offers nothing."""
    return "=" in info.unit.text and len(GLOSSARY_ENTRY_RE.findall(info.unit.text)) >= 2


def _observations(info: UnitInfo) -> list[Hit]:
    """Observation cues, except the ones that describe a group ("gezinnen die al jaren in de schulden zitten" says
    who the families are, not what the applicant has long been doing)."""
    groups = {cue.end for cue in info.cue("groups")}
    norm = info.unit.norm
    return [
        cue for cue in info.cue("observation")
        if not (cue.start >= 2 and norm[cue.start - 1] == "die" and cue.start - 1 in groups)
        and not _composition_of_a_noun(info, cue)
    ]


def _composition_of_a_noun(info: UnitInfo, cue: Hit) -> bool:
    """"een kring opbouwen die niet bestaat uit hun oude vrienden": what a noun of the offer is made of, in a
    relative clause, is no observation of the organisation ("ons team bestaat uit ...")."""
    norm = info.unit.norm
    # ("die" opening the sentence is a demonstrative: "Die bestaat uit vier vrijwilligers")
    return norm[cue.start] in ("bestaat", "bestaan") and "die" in norm[max(1, cue.start - 2) : cue.start]


def _status(info: UnitInfo, hit: Hit) -> Status:
    if info.unit.is_heading:
        return Status.HEADING
    if info.scope is not None:
        return info.scope
    if any(cue.term == LABEL_TERM for cue in info.cue("negation_phrases")):
        return Status.NEGATED  # the value of a label that says no ("Out of scope: ...", "Niet voor: ...")
    if any(cue.term == LABEL_TERM for cue in info.cue("referral")):
        return Status.REFERRAL  # "- Doorverwijzen waar nodig: voor verslaving naar CAD Limburg, ..."
    if info.unit.text.lstrip().startswith("[") and info.cue("placeholder"):
        return Status.CONDITIONAL  # "[in te vullen - CAD Limburg vragen of zij een consulent willen inzetten]"
    if _data_row(info) and info.cue("negation_phrases"):
        return Status.NEGATED  # "Niet in dit project. Bij middelengebruik verwijzen we door naar CAD. | - | -"
    if info.history or _data_row(info) or _glossary(info):
        return Status.CONTEXT
    start, end = info.clause(hit.start)
    if is_negated(info, hit, start, end):
        return Status.NEGATED
    # (also "zijn eigen CAD-consulent", and a fronted list: "Voor huisvesting, schulden en ... blijft het CAW aan zet")
    if _their_own(info, hit) or is_referral(info, hit, start, end) or _done_elsewhere(info, start, end):
        return Status.REFERRAL
    if _partner_already_does_it(info, start, end) or _partner_does_it(info, start, end):
        return Status.REFERRAL
    if _stays_with_partner(info, start, _end_of_fronted_list(info, start, end)) or _done_by_a_partner_next(info, start, end):
        return Status.REFERRAL
    if _after_referral_lead_in(info, start) and not agents(info, start, end):
        return Status.REFERRAL  # "De jobcoach verwijst door: bij een verslaving naar CAD, bij schulden naar ..."
    if _condition_of_a_referral(info, hit):
        return Status.REFERRAL  # "Loopt een huurder vast (verslaving, ...), dan verwijzen we door naar het OCMW"
    if info.cue("conditional"):
        return Status.CONDITIONAL
    if info.cue("instruction") and not agents(info):  # "we help to fill in the form" is no instruction
        return Status.INSTRUCTION  # a template's "Beschrijf hier welke hulp u biedt (bv. woonbegeleiding)"
    if any(topic.start < hit.start for topic in _in_clause(info.cue("topic"), start, end)):
        return Status.CONTEXT  # "vrijwilligers vormen over verslaving" is training, not an offer
    observations = _observations(info)
    if _in_clause(observations, start, end) or _opens_the_list(info, observations, start):
        return Status.CONTEXT  # "we stellen vast dat ...", "ons team bestaat uit ..., een psycholoog en ..."
    if in_the_past(info, start, end) or quoted(info, hit):
        return Status.CONTEXT  # "Op dinsdag gaven vrijwilligers computerles", the call's text in quotes
    if is_target(info, start, end):
        return Status.TARGET
    if is_context(info, start, end):
        return Status.CONTEXT
    if describes_people(info, hit, start):
        return Status.TARGET
    if _where_people_already_go(info, hit, start) or _if_it_happens(info, hit):
        return Status.CONTEXT
    if info.section == PARTNER_SECTION and not agents(info, start, end):
        return Status.PARTNER
    # (under the partners' heading, a partner's label governs its value; elsewhere "CAD: een consulent 0,2 VTE
    # gedetacheerd in het project" says what the project gets from it)
    if (_partner_item(info) or (info.cue(PARTNER_LABEL) and info.section == PARTNER_SECTION)) and not any(
        a.term.split()[0] in FIRST_PERSON or a.term.split()[-1] in PROJECT_WORDS for a in agents(info, start, end)
    ):
        # "- OCMW Heers: zij blijven de trajectbegeleider" ('de trajectbegeleider' is theirs); not "| CAD Limburg |
        # Consulent 0,2 VTE in het project (verslavingsbegeleiding)", their consultant working in the project
        return Status.PARTNER
    if _delegated(info, start, end):
        return Status.PARTNER
    return Status.OFFER


PARTNER_ITEM_WORDS = 6
FIRST_PERSON = frozenset({"we", "wij", "ik", "ons", "onze", "our", "us", "we're"})
PROJECT_WORDS = frozenset({"project", "projectteam"})
POSSESSIVE_WORDS = frozenset({"onze", "ons", "mijn", "our", "my"})  # the applicant's own: "onze school", "mijn praktijk"


def _partner_item(info: UnitInfo) -> bool:
    """A list item that opens with a partner and a colon ("- OCMW Sint-Truiden en OCMW Nieuwerkerken: zij
    brengen gezinnen bij ons, blijven de trajectbegeleider"): what follows is that partner's part."""
    if info.unit.kind != "bullet" or not info.clauses or info.clauses[0].separator != ":":
        return False
    return _opens_with_partner(info, info.clauses[0].start, info.clauses[0].end)


def _opens_with_partner(info: UnitInfo, start: int, end: int) -> bool:
    """A short span (a label, a list item's lead) that opens with a partner organisation."""
    return end - start <= PARTNER_ITEM_WORDS and any(hit.start == start for hit in info.cue("partner_org"))


PARTNER_LABEL = "partner_label"  # the cue a value inherits from a label that names a partner (tasks/analyse.py)


def names_a_partner_only(label: UnitInfo) -> bool:
    """A short label that opens with a partner ("Agentschap Integratie en Inburgering:"): its value, on a line of
    its own ("de trajectbegeleiders melden vrouwen aan"), is that partner's part, as in a partner item."""
    return _opens_with_partner(label, 0, len(label.unit.norm))


NUMBER_CELL_RE = re.compile(r"^[\d\s.,%\u20ac/-]+(?:eur)?$", re.IGNORECASE)


def _data_row(info: UnitInfo) -> bool:
    """A row of figures ("waarvan met inkomenstarief, per 100 kinderen | 12 | 29"): statistics, not an offer."""
    if info.unit.kind != "table":
        return False
    cells = [cell.strip() for cell in info.unit.text.split(" | ")]
    # a description and then only figures ("plaatsen met inkomenstarief, per 100 kinderen | 12 | 29"); not an
    # activity with its cost ("Buddywerking: ... | Heers | € 4.000")
    return len(cells) >= 3 and all(NUMBER_CELL_RE.match(cell) for cell in cells[1:])


def incidental(info: UnitInfo, start: int, end: int) -> bool:
    """Reached only as well ("bereiken we ook", "af en toe een nieuwkomer") between tokens start and end,
    taken as the clauses they fall in."""
    first = info.clause(start)[0]
    last = info.clause(max(start, end - 1))[1]  # a word pair ("vrouw ... nieuwkomer") spans clauses
    # "bij een paar gezinnen is er een kind geplaatst": a trait of part of the group, not people met as well
    cues = [cue for cue in info.cue("incidental") if info.unit.norm[cue.start - 1 : cue.start] != ["bij"]]
    if any(first <= cue.start < last for cue in cues):
        return True
    # "Jonge mama's ..., en mannen die uit de gevangenis komen, kennen we in het dorp ook": the fronted people
    # are what the later verb says the applicant only meets as well
    if agents(info, 0, last):
        return False  # the people are the fronted object of the sentence: nobody acts before them
    return any(
        cue.start >= last and not agents(info, end, info.clause(cue.start)[0]) and agents(info, *info.clause(cue.start))
        for cue in cues
    )


def _after_referral_lead_in(info: UnitInfo, start: int) -> bool:
    """The clause is an item of the list after a referral that ends in a colon ("verwijst door wanneer ...:")."""
    referrals = info.cue("referral")
    lead_ins = [clause for clause in info.clauses if clause.separator == ":" and clause.end <= start]
    if not lead_ins or not any(lead_ins[-1].start <= cue.start < lead_ins[-1].end for cue in referrals):
        return False
    between = [clause for clause in info.clauses if lead_ins[-1].end <= clause.start < start]
    return all(clause.separator == "," for clause in between)


def _condition_of_a_referral(info: UnitInfo, hit: Hit) -> bool:
    """The words are in the condition of a sentence whose consequence ('dan ...') refers people on, or in a "wie
    ..." clause whose main clause sends them outside the project ("wie wil minderen of stoppen, zoeken we samen hulp
    buiten dit project")."""
    norm = info.unit.norm
    start, _ = info.clause(hit.start)
    for clause in info.clauses:
        if clause.start > hit.start and norm[clause.start] == "dan":
            return bool(_in_clause(info.cue("referral"), clause.start, clause.end))
        if clause.start > hit.start and "wie" in norm[start : start + 2]:  # ("maar wie ...")
            return bool(_in_clause(info.cue("referral"), clause.start, clause.end)) or any(
                phrase.term.startswith("buiten") for phrase in _in_clause(info.cue("negation_phrases"), clause.start, clause.end)
            )
    return False


def _opens_the_list(info: UnitInfo, found: list[Hit], start: int) -> bool:
    """A cue stands earlier in the sentence and only commas lie between: the clause is an item of its list."""
    # (not one in a relative clause about a noun: "met twee scholen waar we al jaren een anker hebben: VBS ...")
    cues = [cue for cue in found if cue.start < start and not _describes_a_noun(info, cue.start, PLACE_RELATIVES | {"die"})]
    if not cues:
        return False
    between = [clause for clause in info.clauses if cues[0].start < clause.end and clause.start < start]
    # "Ons team bestaat uit 23 medewerkers: instructeurs, taalcoaches, trajectbegeleiders"
    return bool(between) and all(clause.separator in (",", ":") for clause in between)


def in_the_past(info: UnitInfo, start: int, end: int) -> bool:
    """A clause about what was ("vroeger gaven vrijwilligers computerles", "Toen haar dochter geplaatst werd,
    dronk ze"), with nothing in it that the project does now."""
    # "Marlies, die 30 jaar bij de bank gewerkt heeft, zit aan de tafel met de gsm's": a relative clause about
    # someone's past does not set the time of the sentence
    past = [cue for cue in info.cue("past") if start <= cue.start < end or not _relative_clause(info, cue.start)]
    if not past:
        return False
    if info.unit.norm[0] in PAST_OPENERS or not (info.cue("offer") or info.cue("future")):
        return True  # "Toen ...", or a sentence that tells only what was ("Hoe je itsme installeert, leerde ze ...")
    if past[0].start <= PAST_OPENING and not info.cue("future"):
        return True  # "Twee jaar geleden vroeg een consulent van het CAD of ...": the opening sets the time
    return bool(_in_clause(past, start, end)) and not (
        _in_clause(info.cue("offer"), start, end) or _in_clause(info.cue("future"), start, end)
    )


PAST_OPENERS = frozenset({"toen", "vroeger", "destijds"})  # open a sentence and set its time
PAST_OPENING = 2  # a past phrase this early ("Twee jaar geleden ...") sets the time of the sentence too
RELATIVE_OPENERS = frozenset({"die", "dat", "wie", "who", "which"})


def _relative_clause(info: UnitInfo, token: int) -> bool:
    """The token sits in a relative clause: one that opens the clause, or one about a group earlier in it
    ("recent arrivals or women who have been here for years but never worked")."""
    start, _ = info.clause(token)
    if start > 0 and info.unit.norm[start] in RELATIVE_OPENERS:
        return True
    return group_relative(info, start, token) is not None


def group_relative(info: UnitInfo, start: int, token: int) -> int | None:
    """Where a relative clause about a group opens between start and token ("vrouwen die ...", "gedetineerden die
    terug willen naar ..."): the last relative pronoun right after a group noun, or None."""
    after_group = {group.end for group in info.cue("groups")}
    openings = [
        relative.start for relative in info.cue("relative")
        if start <= relative.start < token and relative.term in RELATIVE_OPENERS and relative.start in after_group
    ]
    return max(openings, default=None)

QUOTE_WORDS = 6
CLOSING_QUOTE_RE = re.compile(r"[\"\u201d]\W*$")


def _closes_a_quote(text: str) -> bool:
    """'De hulpverlener blijft het centrale aanspreekpunt";' - the end of a quotation opened in an earlier
    sentence (one unmatched closing mark at the end)."""
    marks = sum(text.count(mark) for mark in '"\u201c\u201d\u201e')
    return marks == 1 and bool(CLOSING_QUOTE_RE.search(text))


def quoted(info: UnitInfo, hit: Hit) -> bool:
    """The mention sits in a longer quotation (the call's own text, someone's words), not in a short quoted
    name such as "Nederlands om te overleven"."""
    if info.unit.text.startswith(">"):
        return True  # a line quoted from an earlier mail ("> Kinderopvang: wie gaat dat doen?")
    if _closes_a_quote(info.unit.text):
        return True
    if info.quoted_tokens is None:
        info.quoted_tokens = quoted_tokens(info.unit)
    quoted = info.quoted_tokens
    if hit.start not in quoted:
        return False
    if len(quoted) == len(info.unit.norm):
        return True  # the whole line is a quotation: '"laagdrempelige psychische hulpverlening";'
    first = last = hit.start
    while first - 1 in quoted:
        first -= 1
    while last + 1 in quoted:
        last += 1
    return last - first + 1 >= QUOTE_WORDS


OWN_HELP = (("zijn", "eigen"), ("haar", "eigen"), ("hun", "eigen"), ("his", "own"), ("her", "own"), ("their", "own"))


def _their_own(info: UnitInfo, hit: Hit) -> bool:
    """The people's own helper ("contacteren we zijn eigen CAD-consulent"): someone else's service they already
    have (not "zijn eigen papieren en geld op orde zetten")."""
    norm = info.unit.norm
    if norm[max(0, hit.start - 2) : hit.start] == ["naar", "hun"]:
        return True  # "sturen wij mama's met een woonprobleem naar hun woonbegeleiding": where they go themselves
    return tuple(norm[max(0, hit.start - 2) : hit.start]) in OWN_HELP and norm[hit.end - 1].endswith(HELPER_ENDINGS)


HELPER_ENDINGS = ("consulent", "begeleider", "psycholoog", "behandelaar", "werker", "coach", "bewindvoerder", "therapeut")


FRONTED_WORDS = frozenset({"voor", "bij", "rond", "for"})


def _end_of_fronted_list(info: UnitInfo, start: int, end: int) -> int:
    """"Voor huisvesting, schulden en middelengebruik blijft ...": a fronted list cut by its commas reaches to the
    clause with the verb."""
    if info.unit.norm[start : start + 1] and info.unit.norm[start] not in FRONTED_WORDS:
        return end
    return max([end, *(clause.end for _, clause in comma_joined(info, end))])


def comma_joined(info: UnitInfo, end: int) -> Iterator[tuple[Clause, Clause]]:
    """The clauses after the one ending at `end` that a comma joins to the one before, each with that one (a list
    cut into clauses by its commas: "Voor huisvesting, schulden en middelengebruik blijft ...")."""
    for previous, clause in pairwise(info.clauses):
        if clause.start < end:
            continue
        if previous.separator != ",":
            return
        yield previous, clause


def _stays_with_partner(info: UnitInfo, start: int, end: int) -> bool:
    """"Het centrale aanspreekpunt blijft de maatschappelijk werker van het sociaal huis": a partner keeps
    doing it."""
    norm = info.unit.norm[start:end]
    if not any(word in STAY_VERBS for word in norm):
        return False
    if not _in_clause(info.cue("partner_org"), start, end) and not _partner_role(info, start, end):
        return False
    return not any(a.term.split()[0] in FIRST_PERSON for a in agents(info, start, end))


def _partner_role(info: UnitInfo, start: int, end: int) -> bool:
    """"De maatschappelijk werker blijft hun vaste aanspreekpunt": the social worker of the OCMW or sociaal huis,
    not "onze maatschappelijk werker"."""
    # (the subject that opens the clause; not "een maatschappelijk werker van ons regioteam die ... blijft")
    return info.unit.norm[start : start + 3] in (["de", "maatschappelijk", "werker"], ["de", "maatschappelijk", "werkster"])


STAY_VERBS = frozenset({"blijft", "blijven", "remains", "remain", "stays"})


def _done_by_a_partner_next(info: UnitInfo, start: int, end: int) -> bool:
    """"Een plekje in de crèche zoeken, doet de medewerker van het Huis van het Kind": a task that opens the
    sentence, and the next clause has a partner do it."""
    if start != 0:
        return False
    following = next((clause for clause in info.clauses if clause.start == end), None)
    if following is None or info.unit.norm[following.start] not in DOING_VERBS:
        return False
    subject = info.unit.norm[following.start + 1 : following.start + 2]
    if not subject or subject[0] in POSSESSIVE_WORDS or subject[0] in FIRST_PERSON:
        return False  # "..., doet onze gezinsondersteuner de huisbezoeken"
    doer = following.start + 1 + PARTNER_SUBJECT_REACH
    return any(following.start < org.start <= doer for org in info.cue("partner_org"))


PARTNER_SUBJECT_REACH = 5  # "doet de medewerker van het Huis van het Kind"


def heading_scope(info: UnitInfo) -> Status | None:
    """What a heading says about the text below it: "Wat we niet doen", "Wat niet", "Buiten dit project" leave
    it out (NEGATED); "Later, als er middelen zijn", "Fase 2 (optioneel)" make it a maybe (CONDITIONAL).
    A plain negation counts when the heading speaks of the applicant or its work ("Wat doen wij niet?") or is
    a bare "Wat niet"; "Mensen die niet kunnen lezen" (a relative clause) does not."""
    if info.cue("conditional"):
        return Status.CONDITIONAL
    if _both_announced(info.unit.norm):
        return None  # "Wat zit in het project en wat niet": both follow, row by row
    if info.cue("negation_phrases"):
        return Status.NEGATED
    if "wel" in info.unit.norm:  # (norm is folded: "wél" too)
        return None  # "Wat doen wij wel en wat niet?": both follow, row by row
    words = len(info.unit.norm)
    for negation in negations(info, 0, words):
        if words <= SHORT_SCOPE_HEADING:
            return Status.NEGATED  # "Wat niet", "Voor wie niet?"
        # "Mensen die niet kunnen lezen", "Wat als deelnemers niet meer komen?"; not "Met wie we in dit project
        # niet werken:", where the applicant is the relative clause's subject
        own = {agent.start for agent in agents(info)}
        if any(relative.start < negation.start and relative.end not in own for relative in info.cue("relative")):
            continue
        if agents(info) or info.cue("offer"):
            return Status.NEGATED
    return None


SHORT_SCOPE_HEADING = 3
BOTH_ENDINGS = (("en", "wat", "niet"), ("en", "wie", "niet"), ("en", "waar", "niet"), ("and", "what", "not"),
                ("and", "what", "is", "not"), ("and", "who", "not"))  # fmt: skip


def _both_announced(norm: list[str]) -> bool:
    """A heading that announces what is in and then what is not: a positive part before "en wat niet"."""
    return any(len(norm) > len(ending) and tuple(norm[-len(ending) :]) == ending for ending in BOTH_ENDINGS)


def _delegated(info: UnitInfo, start: int, end: int) -> bool:
    """"Voor woonbegeleiding werken we samen met het CAW": a partner does it, the applicant does not say it
    does so itself ("samen met het CAW bieden we woonbegeleiding" does)."""
    cooperation = _in_clause(info.cue("cooperation"), start, end)
    if not cooperation or not _in_clause(info.cue("partner_org"), start, end):
        return False
    own = [hit for hit in _in_clause(info.cue("offer"), start, end) if not _inside(hit, cooperation)]
    return not own


def strength(info: UnitInfo, hit: Hit) -> int:
    """Rank of a mention as evidence: the applicant acting in the same clause beats a bare list item."""
    start, end = info.clause(hit.start)
    score = 0
    if agents(info, start, end):
        score += 2
    elif agents(info):
        score += 1
    if _in_clause(info.cue("offer"), start, end):
        score += 1
    if info.unit.kind == "row":
        score -= 2
    return score
