"""The core judgement on a proposal: what it really offers, where it works, what it lacks.

Per application version this finds the call's service types, challenges and personas the proposal offers
or targets, the municipalities of the working area where it works, the sections it has and lacks, and
whether it aims at a group the call excludes. Every finding carries evidence (document, page, quoted
sentence) and every missing item says what was looked for, so a reviewer can check it in seconds.

Pure and deterministic: the same documents and call give the same Analysis. The vocabulary lives in the
`lexicon:` section of config/call.yaml (see tasks/analyse_lexicon.py); the rules that tell an offer from a
negation, a referral, a description of needs or a heading live in tasks/analyse_scope.py.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise, takewhile

from pydantic import BaseModel

from callflow.config import CallConfig
from tasks.analyse_lexicon import (
    ANCHOR_GROUP,
    SHARED,
    WEAK,
    WITH_CHALLENGE,
    Hit,
    Lexicon,
    LexiconError,
    Terms,
    compile_lexicon,
    validate_lexicon,
)
from tasks.analyse_places import APPOINTMENT_WORDS, has_postal_address, only_elsewhere, places_of_work
from tasks.analyse_scope import (
    FIRST_PERSON,
    LABEL_TERM,
    PARTNER_LABEL,
    PARTNER_SECTION,
    POINTING_BACK,
    POSSESSIVE_WORDS,
    PROJECT_WORDS,
    Status,
    UnitInfo,
    agents,
    clause_negated,
    has_negation,
    heading_scope,
    in_the_past,
    incidental,
    list_opening,
    names_a_partner_only,
    negations,
    quoted,
    status,
    strength,
    taken_up_next,
    turned_down_next,
    unit_info,
)
from tasks.analyse_sections import Found, find_sections, heading_sections, names_sections
from tasks.dutch import (
    EMAIL_RE,
    FOUNDING_WORDS,
    HELPER_ENDINGS,
    PHONE_RE,
    SOMEONES,
    WEEKDAY_NAMES,
    YEAR_RE,
    Unit,
    fold,
    make_unit,
    names_staff,
    page_units,
    quoted_tokens,
    tokens,
)

__all__ = [
    "Analysis",
    "DocumentText",
    "Evidence",
    "Finding",
    "Lexicon",
    "LexiconError",
    "MissingItem",
    "analyse",
    "build_lexicon",
    "lexicon_for",
]

MAX_EVIDENCE = 3
MAX_QUOTE = 300
FIELDS = ("service_types", "challenges", "personas", "municipalities", "sections", "missing_sections", "exclusions")


class Evidence(BaseModel):
    document: str
    page: int  # 1-based
    quote: str  # the sentence, trimmed to at most ~300 characters


class Finding(BaseModel):
    id: str
    evidence: list[Evidence]  # best evidence first, at most three


class MissingItem(BaseModel):
    id: str
    looked_for: str  # Dutch, plain: what we looked for


class Analysis(BaseModel):
    service_types: list[Finding]
    challenges: list[Finding]
    personas: list[Finding]
    municipalities: list[Finding]
    sections: list[Finding]
    missing_sections: list[MissingItem]
    exclusions: list[Finding]
    complete: bool
    incomplete_reasons: list[str]  # Dutch sentences for the applicant

    def ids(self, field: str) -> list[str]:
        if field not in FIELDS:
            raise ValueError(f"unknown field {field!r}; one of {', '.join(FIELDS)}")
        return [item.id for item in getattr(self, field)]


@dataclass(frozen=True)
class DocumentText:
    name: str
    pages: list[str]
    readable: bool = True


def build_lexicon(call: CallConfig) -> Lexicon:
    """Validate call.lexicon against the call's IDs and compile it; reuse the result for many proposals."""
    return compile_lexicon(validate_lexicon(call.lexicon, call))


# Compiled once per call object (callflow.config hands out one object per version of call.yaml); the last
# few are kept so repeated analyses stay cheap.
_COMPILED: dict[int, tuple[CallConfig, Lexicon]] = {}
_COMPILED_LIMIT = 8


def lexicon_for(call: CallConfig) -> Lexicon:
    cached = _COMPILED.get(id(call))
    if cached is not None and cached[0] is call:
        return cached[1]
    lexicon = build_lexicon(call)
    if len(_COMPILED) >= _COMPILED_LIMIT:
        _COMPILED.clear()
    _COMPILED[id(call)] = (call, lexicon)
    return lexicon


# --- evidence ----------------------------------------------------------------------------------------------


def quote(unit: Unit, token: int = 0) -> str:
    """The unit's sentence, cut to MAX_QUOTE characters around the matched word when it is longer."""
    text = unit.text
    if len(text) <= MAX_QUOTE:
        return text
    word = unit.raw[token] if token < len(unit.raw) else ""
    position = max(0, text.find(word)) if word else 0
    start = max(0, min(position - MAX_QUOTE // 3, len(text) - MAX_QUOTE))
    start = text.rfind(" ", 0, start) + 1 if start else 0
    # (at a word's end, and never before the matched word: moving the start back to a word's beginning must not
    # push a word at the very end of the sentence out of the quote)
    end = max(start + MAX_QUOTE, position + len(word))
    if end < len(text):
        end = max(text.rfind(" ", start, end), position + len(word))
    if not text[end:].strip(" .!?;:)\"'"):
        end = len(text)  # only the closing punctuation is left
    return ("… " if start else "") + text[start:end].strip() + (" …" if end < len(text) else "")


@dataclass(frozen=True)
class Candidate:
    concept: str
    unit: Unit
    token: int
    rank: int  # higher is better evidence
    order: int  # position in the proposal, for stable ordering
    term: str = ""  # the lexicon entry that matched (for debugging and the evaluation report)


def _beyond_introduction(candidates: list[Candidate], infos: Sequence[UnitInfo]) -> list[Candidate]:
    """What the organisation does in general ("Wie zijn wij: onze vzw biedt woonbegeleiding") is not yet what
    it offers in this project: a service named only in the introduction of the applicant does not count."""
    in_project = {c.concept for c in candidates if infos[c.order].section != ORGANISATION_SECTION}
    return [c for c in candidates if c.concept in in_project]


ORGANISATION_SECTION = "organisatie"


def _not_short_for_a_compound(
    candidates: list[Candidate], infos: Sequence[UnitInfo], lexicon: Lexicon
) -> list[Candidate]:
    """A bare word is short for the compound the proposal uses that the concept leaves out: in a proposal about
    "taalmaatjes", "meer maatjes zoeken" and "een maatje en een vrouw zien elkaar" are the language buddies, not a
    network (unless the bare word is the proposal's usual one: more bare mentions than compounds)."""
    words = Counter(word for info in infos for word in info.unit.norm)
    short: dict[tuple[str, str], bool] = {}  # (concept, term) -> the term is short for a left-out compound here
    kept = []
    for candidate in candidates:
        term = fold(candidate.term)
        if term.isalpha() and len(term) >= SHORT_FORM_LETTERS:
            key = (candidate.concept, term)
            if key not in short:
                exceptions = lexicon.matcher.exceptions[f"service_types:{candidate.concept}"]
                compounds = sum(n for w, n in words.items() if w.find(term) > 0 and any(e in w for e in exceptions))
                bare = sum(n for w, n in words.items() if w.startswith(term))
                short[key] = bool(compounds) and bare <= compounds
            if short[key]:
                continue
        kept.append(candidate)
    return kept


SHORT_FORM_LETTERS = 5  # "maatje", "buddy": a word long enough to stand for its compound


def _weak_cluster(candidates: Sequence[Candidate]) -> bool:
    """Two different weak words in one sentence do make a finding: "workshops (smartphone, e-mail, itsme)"."""
    words_per_unit: dict[int, set[str]] = {}
    for candidate in candidates:
        if candidate.term.startswith(WITH_CHALLENGE):
            continue  # ("bedrijfsbezoeken en een snuffelstage" is activation, of whomever)
        words_per_unit.setdefault(candidate.order, set()).add(candidate.unit.norm[candidate.token])
    return any(len(words) >= 2 for words in words_per_unit.values())


def _findings(
    candidates: Iterable[Candidate], order: Sequence[str], weak_suffices: frozenset[str] = frozenset()
) -> list[Finding]:
    """One finding per concept (in config order), with its best distinct sentences as evidence. Weak words
    alone make a finding only for the concepts in weak_suffices."""
    by_concept: dict[str, list[Candidate]] = {}
    for candidate in candidates:
        by_concept.setdefault(candidate.concept, []).append(candidate)
    findings: list[Finding] = []
    for concept in order:
        ranked = sorted(by_concept.get(concept, []), key=lambda c: (-c.rank, c.order))
        weak_only = ranked and all(c.term.startswith(WEAK) for c in ranked)
        if weak_only and concept not in weak_suffices and not _weak_cluster(ranked):
            continue  # one weak word ("outreach", "smartphone") supports a finding but does not make one
        evidence: list[Evidence] = []
        seen: set[tuple[str, int, str]] = set()
        for candidate in ranked:
            key = (candidate.unit.document, candidate.unit.page, candidate.unit.text)
            if key in seen:
                continue
            seen.add(key)
            evidence.append(Evidence(document=candidate.unit.document, page=candidate.unit.page, quote=quote(candidate.unit, candidate.token)))
            if len(evidence) == MAX_EVIDENCE:
                break
        if evidence:
            findings.append(Finding(id=concept, evidence=evidence))
    return findings


# --- reading -----------------------------------------------------------------------------------------------


# "1991:", "2006 - opening van ...", "1999-2014:", "2013 - 2019 maatschappelijk werker", "2019 tot nu:", "In 2006
# kwam er een regiokantoor in Sint-Truiden", "Tussen 2019 en 2021 liep ons winterproject ook in Heers"
LEADING_YEARS_RE = re.compile(
    r"^\W*(?:(?:[Ii]n|[Tt]ussen|[Vv]an)\s+)?(19[5-9]\d|20\d\d)"
    r"(?:\s*(?:[-\u2013/]|\sen\s|\stot\s)\s*(19[5-9]\d|20\d\d)|\s+tot\s+(?:nu|heden))?\b"
)
HISTORY_GAP = 3  # a line dated this many years before the latest year in the proposal is history or a CV


def _mark_history(infos: Sequence[UnitInfo], outside_towns: frozenset[str]) -> None:
    """Lines that open with a year well before the proposal's own dates (its planning) tell the past."""
    years = [int(year) for info in infos for year in YEAR_RE.findall(info.unit.text)]
    if not years:
        return
    latest = max(years)
    for info in infos:
        match = LEADING_YEARS_RE.match(info.unit.text)
        if match and int(match.group(2) or match.group(1)) <= latest - HISTORY_GAP:
            info.history = True
        # "Groenwerk begon in 1987 als beschutte werkplaats in de oude pastorij van Herten", "We zijn in 2011
        # begonnen met één klas in de school van Kozen": how the organisation started, years before the project
        founding = FOUNDING_WORDS & set(info.unit.norm)
        if founding and any(int(year) <= latest - HISTORY_GAP for year in YEAR_RE.findall(info.unit.text)):
            if not info.cue("future"):
                info.history = True
        # "Sinds 2012 een antenne in Sint-Truiden", "taalcafés in de bib van Gingelom (sinds 2014)": where the
        # organisation has worked for years, unless the line names the project
        since = [int(year) for year in SINCE_RE.findall(info.unit.text)]
        if since and min(since) <= latest - HISTORY_GAP and not info.cue("future") and not PROJECT_RE.search(info.unit.folded):
            # (not "Sinds 2014 huren we een oude schuur in Binderveld": our own venue, unless other towns are listed)
            info.established = not agents(info) or bool(outside_towns & set(info.unit.norm))


SINCE_RE = re.compile(r"\b(?:[Ss]inds|[Ss]ince)\s+((?:19|20)\d\d)\b")
PROJECT_RE = re.compile(r"\b(?:dit|het|ons|deze)\s+(?:project|voorstel|aanvraag)\b|\bthis project\b")


def _units(documents: Sequence[DocumentText], lexicon: Lexicon) -> list[UnitInfo]:
    """All units of all readable documents, each with its cue hits and the section it sits in."""
    infos: list[UnitInfo] = []

    def superseded(header: list[str]) -> frozenset[int]:
        return superseded_columns(header, lexicon)

    persona_names = {word.lower() for terms in lexicon.spec.personas.values() for word in terms.phrases}
    for document in documents:
        if not document.readable:
            continue
        section: str | None = None
        context_section = False
        scope: Status | None = None  # what the last heading says about its content (see heading_scope)
        scope_number = ""  # the number of that heading: its numbered sub-headings ("5.1") stay in its scope
        overview = False  # the scope is an overview of regular work: plain sub-headings stay in it as well
        context_number = ""  # the number of the context heading we are under, likewise
        label_section: tuple[str, int, int] | None = None  # section named by a label: (id, page, block)
        list_scope: Status | None = None  # what a lead-in sentence ending in ':' says about its list
        introducing = False  # after a sentence that announces the applicant's introduction, up to a heading
        for number, page in enumerate(document.pages, start=1):
            label: UnitInfo | None = None
            for unit in page_units(document.name, number, page, superseded):
                info = unit_info(unit, lexicon, _antecedent(infos[-1] if infos else None, unit))
                if label is not None and (
                    unit.is_heading
                    or unit.block - label.unit.block > LABEL_REACH
                    or (unit.kind in ("table", "row") and unit.block != label.unit.block)  # a row's label: its row
                ):
                    label = None
                if label is not None and not unit.is_heading:
                    _inherit(label, info)  # the paragraph after a label ("Optioneel: ...") is its value
                if names_sections(info, HEADER_SECTIONS):
                    # "Wat doen we | Voor wie | Waar | Met wie | Kost": the table is the whole proposal, not a part
                    # of the section above it
                    section, label_section, context_section = None, None, False
                if unit.kind == "label":
                    label = info
                if unit.is_heading:
                    named = heading_sections(info, lexicon)
                    heading_no = _heading_number(unit.text) if unit.kind == "heading" else ""
                    lead_in = unit.kind == "heading" and not named and unit.text.rstrip().endswith(":")
                    if lead_in:
                        pass  # "Volwassenen vanaf 18 jaar:" under 'Doelgroep' opens a list; the section goes on
                    elif section == PARTNER_SECTION and not named and names_a_partner_only(info):
                        pass  # "CAW Limburg", "OCMW Sint-Truiden en OCMW Nieuwerkerken": one partner's part of it
                    elif unit.kind == "label" and named:
                        # a label ("Doelgroep. Anderstalige volwassenen ...", "| Doelgroep | ...") names the section
                        # of its own paragraph and value, not of everything up to the next heading
                        label_section = (named[0], number, unit.block)
                    elif named or unit.kind == "heading":  # an unknown table label keeps the section
                        section = named[0] if named else None
                        label_section = None
                        # a numbered sub-heading ("1.5 Huisvesting") stays in the context part ("1. Probleemstelling")
                        within = bool(context_number) and heading_no.startswith(context_number + ".")
                        context_section = (bool(info.cue("context_headings")) and not named) or (context_section and within)
                        if not within:
                            context_number = heading_no if context_section else ""
                    # a lead-in that leaves out or makes optional ("5.5 Valt niet onder het project:") governs
                    # its list like a heading
                    says = heading_scope(info) if unit.kind == "heading" else None
                    if unit.kind == "heading" and (not lead_in or says):
                        sub_heading = bool(scope_number) and (
                            heading_no.startswith(scope_number + ".") or (overview and not heading_no)
                        )
                        if not (scope and sub_heading):
                            scope, scope_number, overview = says, heading_no, False
                elif scope is None and _announces_regular_work(info, infos[-1] if infos else None):
                    # "... geven we eerst een overzicht van de reguliere dienstverlening. Deze diensten maken geen
                    # deel uit van deze aanvraag.": the overview below it, with its own plain sub-headings ("Wonen",
                    # "Gezin en kinderen"), is the organisation's regular work, up to the next numbered heading
                    scope, overview = Status.CONTEXT, True
                if unit.is_heading or unit.text.rstrip().endswith("?"):
                    introducing = False  # "Wat willen we nu doen?", "Concreet:": the project's part begins
                elif INTRODUCTION_ANNOUNCED_RE.search(unit.joined):
                    introducing = True  # "..., stellen we ons eerst even voor."
                info.section = ORGANISATION_SECTION if introducing else section
                if label_section and label_section[1] == number and unit.block - label_section[2] <= LABEL_REACH:
                    info.section = label_section[0]
                info.context_section = context_section
                if label is not None and label is not info and _context_label(label):
                    info.context_section = True  # "Sponsors (niet inhoudelijk betrokken): ... bakkerij Vranken in Alken"
                info.scope = None if unit.is_heading else scope
                # "De volgende zaken bieden we niet aan:" - the list after a sentence that leaves out
                if list_scope and unit.kind in ("bullet", "label") and info.scope is None:
                    info.scope = list_scope
                elif unit.kind not in ("bullet", "label"):
                    list_scope = heading_scope(info) if unit.text.rstrip().endswith(":") else None
                info.persona_description = (
                    bool(unit.norm) and unit.norm[0] in persona_names and not info.cue("offer")
                    # "Marlies, die 30 jaar bij de bank gewerkt heeft, zit aan de tafel met de gsm's": a volunteer
                    and not any(hit.start == 0 and _real_person(info, hit, persona_names) for hit in info.hits.get("personas", ()))
                )
                infos.append(info)
    _mark_history(infos, lexicon.outside_towns)
    _carry_negation(infos)
    _list_left_out(infos)
    _why_not(infos)
    return infos


REGULAR_WORK_RE = re.compile(r"\b(?:reguliere?|gewone|bestaande) (?:dienstverlening|werking|aanbod|diensten)\b")
FORWARD_RE = re.compile(r"\b(?:overzicht|hieronder|onderstaande|volgende|below)\b")


def _announces_regular_work(info: UnitInfo, previous: UnitInfo | None) -> bool:
    """A sentence that announces an overview of the organisation's regular work and says it is no part of the
    application, itself or in the next sentence: "We geven eerst een overzicht van de reguliere dienstverlening.
    Deze diensten maken geen deel uit van deze aanvraag"."""
    def announces(unit: UnitInfo) -> bool:
        return bool(REGULAR_WORK_RE.search(unit.unit.folded) and FORWARD_RE.search(unit.unit.folded))

    if not has_negation(info):
        return False
    return announces(info) or (previous is not None and not previous.unit.is_heading and announces(previous))


# A sentence that announces the applicant's introduction opens its part, as a heading 'Wie zijn wij' would: "Omdat
# wij nog niet zo bekend zijn, stellen we ons eerst even voor.", "Eerst iets over onszelf." (not "stellen ons
# kandidaat voor")
INTRODUCTION_ANNOUNCED_RE = re.compile(
    r" (?:stellen (?:we|wij) ons (?:eerst |even |kort |graag )*voor|(?:eerst )?(?:iets|wat|even|kort) over (?:ons|onszelf)"
    r"|introduce ourselves) "
)


SUBJECT_PRONOUNS = (("ze",), ("zij",), ("they",), ("de", "meesten"), ("velen",), ("sommigen",), ("veel", "van", "hen"))


def _antecedent(previous: UnitInfo | None, unit: Unit) -> str:
    """What a unit takes from the one before it in its paragraph for the lexicon's word pairs: a label's words
    for its value ("- Nederlands: twee keer per week een praatgroep"), or the group a sentence's opening pronoun
    stands for, the one group noun of the sentence before ("... een twaalftal vrouwen naaien. Ze komen uit
    Turkije, Marokko ..." - 'vrouwen')."""
    if previous is None or unit.is_heading:
        return ""
    if previous.unit.paragraph != unit.paragraph:
        return ""
    if previous.unit.kind == "label":
        # (not a table row's first cell: "Online inschrijving | we vullen het formulier samen in" is a row)
        return previous.unit.joined if unit.kind != "table" else ""
    if previous.unit.is_heading:
        return ""
    if not _opens_with_subject_pronoun(unit):
        return ""
    nouns = {previous.unit.norm[cue.start] for cue in previous.cue("groups")}
    return nouns.pop() if len(nouns) == 1 else ""


def _opens_with_subject_pronoun(unit: Unit) -> bool:
    """The sentence opens with a pronoun for a group of people ("Ze ...", "Velen ...", "Veel van hen ...")."""
    return any(tuple(unit.norm[: len(pronoun)]) == pronoun for pronoun in SUBJECT_PRONOUNS)


def _context_label(label: UnitInfo) -> bool:
    """A label that opens with a context heading's own words ("Sponsors", "Eerdere projecten"), not with a word
    that merely begins like one ("Contextbegeleiding")."""
    return any(
        cue.start == 0 and " ".join(label.unit.norm[cue.start : cue.end]) == fold(cue.term)
        for cue in label.cue("context_headings")
    )


HEADER_CELL_WORDS = 5  # "Wie niét (en waarheen)": a header cell names its column in a few words
HEADER_SECTIONS = 3  # a table header naming this many sections opens a table that is the whole proposal


def superseded_columns(header: list[str], lexicon: Lexicon) -> frozenset[int]:
    """Columns not to read: the old version in a change table (a header with a cell for the earlier version,
    "Versie 1", and one for the current version, "Versie 2 (deze versie)"), the partners' regular work
    next to their role in the project ("| Partner | Reguliere werking | Rol in het project |"), and the people
    the project turns away next to those it takes ("Criterium | Wie wel | Wie niet (en waarheen)")."""
    kinds = [unit_info(make_unit("", 0, cell, "label", 0), lexicon) for cell in header]
    old = {index for index, info in enumerate(kinds) if info.cue("superseded_column") and not info.cue("current_column")}
    current = any(info.cue("current_column") for info in kinds)
    regular = {index for index, info in enumerate(kinds) if info.cue("regular_column")}
    refused = {index for index, info in enumerate(kinds) if _refusing_header(info)} if _header_like(kinds) else set()
    # regular-work columns only beside at least two others (the partner and its role in the project); a column
    # that says no only beside one that does not
    dropped = (old if old and current else set()) | (regular if len(regular) < len(header) - 1 else set())
    dropped |= refused if len(refused) < len(header) else set()
    return frozenset(dropped)


def _header_like(cells: list[UnitInfo]) -> bool:
    """A header's cells are short names without lists: "Niet voor | werkzoekenden die enkel een vervoersprobleem
    hebben" and "Budgetbeheer, referentieadres | OCMW | nee, blijft bij het OCMW" are rows."""
    return all(len(cell.unit.norm) <= HEADER_CELL_WORDS and not cell.unit.breaks for cell in cells)


YES_WORDS = frozenset({"ja", "yes", "wel"})


def _refusing_header(cell: UnitInfo) -> bool:
    """A column for what the project turns away: "Wie niét (en waarheen)", "Nee (doorverwijzing)"; not a bare
    "Nee" (a row's answer) nor a "Ja/Nee" column."""
    says_no = has_negation(cell) or bool(cell.cue("table_no"))
    return says_no and len(cell.unit.norm) > 1 and not YES_WORDS & set(cell.unit.norm)


ParagraphKey = tuple[str, int, int]  # document, page, block


SAME_AS_BEFORE = (("hetzelfde", "geldt"), ("dat", "geldt", "ook"), ("dit", "geldt", "ook"), ("same", "goes"), ("the", "same", "applies"))


def _carry_negation(infos: Sequence[UnitInfo]) -> None:
    """"... vallen niet onder dit project. Hetzelfde geldt voor hoogopgeleide nieuwkomers": a sentence that says
    the same holds takes over the negation of the sentence before it in the paragraph."""
    for previous, info in pairwise(infos):
        opens = any(tuple(info.unit.norm[: len(opener)]) == opener for opener in SAME_AS_BEFORE)
        if opens and info.scope is None and _paragraph_key(previous) == _paragraph_key(info) and has_negation(previous):
            info.scope = Status.NEGATED


def _why_not(infos: Sequence[UnitInfo]) -> None:
    """"Waarom niet Chadia? Er wonen geregeld anderstalige moeders bij ons, ... Maar een taaltraject kunnen we niet
    aanbieden": a paragraph that answers why not argues, it does not offer nor aim."""
    for index, info in enumerate(infos):
        if tuple(info.unit.norm[:2]) not in WHY_NOT or not info.unit.text.rstrip().endswith("?"):
            continue
        for following in infos[index + 1 :]:
            if _paragraph_key(following) != _paragraph_key(info):
                break
            if following.scope is None and not (has_negation(following) or following.cue("negation_phrases")):
                following.scope = Status.CONTEXT  # (a sentence that says no keeps saying so: "zitten dus niet in")


WHY_NOT = frozenset({("waarom", "niet"), ("why", "not")})


def _list_left_out(infos: Sequence[UnitInfo]) -> None:
    """"- het digipunt in de bibliotheek; - een zitdag van de psycholoog. Al deze diensten staan open voor elke
    inwoner. Ze maken echter geen deel uit van dit project": the list before a sentence that says so is left out."""
    for index, info in enumerate(infos):
        norm = info.unit.norm
        if not (norm[:1] and norm[0] in BACK_OPENERS and LISTED_THINGS & set(norm[:BACK_REACH])):
            continue
        saying = [info]
        following = infos[index + 1] if index + 1 < len(infos) else None
        if following is not None and following.unit.norm[:1] and following.unit.norm[0] in PRONOUNS_BACK:
            saying.append(following)  # "Ze maken echter geen deel uit van dit project"
        if not any(said.cue("negation_phrases") for said in saying):
            continue
        before = index - 1
        while before >= 0 and infos[before].unit.kind == "bullet":
            if infos[before].scope is None:
                infos[before].scope = Status.NEGATED
            before -= 1


BACK_OPENERS = frozenset({"al", "deze", "die", "dit", "dat", "these", "all", "none"})
LISTED_THINGS = frozenset({"diensten", "alles", "aanbod", "activiteiten", "werkingen", "services", "activities"})
BACK_REACH = 3  # "Al deze diensten", "Dit alles"
PRONOUNS_BACK = frozenset({"ze", "zij", "die", "they"})


def _paragraph_key(info: UnitInfo) -> ParagraphKey:
    return info.unit.paragraph


def _paragraphs(infos: Sequence[UnitInfo]) -> dict[ParagraphKey, list[UnitInfo]]:
    """The units of each paragraph (a block of one page), in text order."""
    paragraphs: dict[ParagraphKey, list[UnitInfo]] = {}
    for info in infos:
        paragraphs.setdefault(_paragraph_key(info), []).append(info)
    return paragraphs


def _anchor_hits(infos: Sequence[UnitInfo], lexicon: Lexicon) -> None:
    """A fixed person ("Iedere deelnemer krijgt één vaste begeleider") is trajectbegeleiding when the same
    paragraph shows that person follows several life domains ("houdt alles mee in de gaten: uitkering,
    schulden, gezondheid, justitie, de kinderen"). Adds those hits to the units' service hits."""
    anchored = [key for key, terms in lexicon.spec.service_types.items() if terms.anchors]
    role_lists = _role_lists(infos)
    for key, paragraph in _paragraphs(infos).items():
        for index, info in enumerate(paragraph):
            for hit in [*info.hits.get(ANCHOR_GROUP, ()), *_fixed_roles(info, anchored)]:
                terms = lexicon.spec.service_types.get(hit.concept)
                # the person is introduced first, then what he or she follows; in klare taal the domains may come
                # first ("Ook werk. Ook geld. Ook een woning. Tom is de vaste persoon.")
                following = paragraph[index : index + 1 + ANCHOR_REACH]
                lead_in, items = role_lists.get(key, ((), []))
                if info.unit.norm[hit.end - 1] in lead_in:
                    following = [*following, *items]  # "... één vaste begeleider. / De begeleider: / - zoekt ..."
                preceding = paragraph[max(0, index - ANCHOR_REACH) : index + 1]
                if terms is None or max(
                    _domains_named(following, terms.domains), _domains_named(preceding, terms.domains)
                ) < terms.min_domains:
                    continue
                if info.unit.is_heading and index + 1 < len(paragraph):
                    # a lead-in ("4.2 Eén vaste begeleider. Hij volgt ...") names the person; the text after it offers
                    paragraph[index + 1].hits.setdefault("service_types", []).append(Hit(hit.concept, 0, 1, f"{hit.term} (kop)"))
                    continue
                info.hits.setdefault("service_types", []).append(Hit(hit.concept, hit.start, hit.end, hit.term))


ROLE_LEAD_IN_WORDS = 3  # "De begeleider:", "Onze coach doet:"


def _role_lists(infos: Sequence[UnitInfo]) -> dict[ParagraphKey, tuple[tuple[str, ...], list[UnitInfo]]]:
    """Per paragraph, the list right after it that a short lead-in gives to a person ("De begeleider:" and its
    bullets): the lead-in's words and the list items."""
    lists: dict[ParagraphKey, tuple[tuple[str, ...], list[UnitInfo]]] = {}
    for index in range(1, len(infos)):
        lead_in = infos[index]
        if not (lead_in.unit.is_heading and lead_in.unit.text.rstrip().endswith(":")):
            continue
        if not 0 < len(lead_in.unit.norm) <= ROLE_LEAD_IN_WORDS:
            continue
        items = list(takewhile(lambda item: item.unit.kind == "bullet", infos[index + 1 :]))
        if items:
            lists[_paragraph_key(infos[index - 1])] = (tuple(lead_in.unit.norm), items)
    return lists


FIXED_WORDS = frozenset({"vaste", "vast", "fixed"})
SINGLE_TRADE_PREFIXES = ("job", "medewerk", "digi", "taal", "budget", "schuld", "lees", "huiswerk", "computer", "sport", "psycholo")
ROLE_ENDINGS = (*HELPER_ENDINGS, "figuur")  # "een vaste vertrouwensfiguur"


def _fixed_roles(info: UnitInfo, concepts: list[str]) -> list[Hit]:
    """A fixed worker in any trade of the sector ("één vaste straathoekwerker", "een vaste buurtwerker"): the
    lexicon's anchors name the common ones, this finds the rest."""
    norm = info.unit.norm
    return [
        Hit(concept, index, index + 2, f"{word} {norm[index + 1]}")
        for index, word in enumerate(norm[:-1])
        if word in FIXED_WORDS and norm[index + 1].endswith(ROLE_ENDINGS)
        # a job coach follows the work only, a digicoach or taalcoach one skill; a staff member is anyone
        and not norm[index + 1].startswith(SINGLE_TRADE_PREFIXES)
        for concept in concepts
    ]


def _named_activity_hits(infos: Sequence[UnitInfo]) -> None:
    """An activity heading or label that is just a service's name ("1. Nederlands oefenen", "- Nederlands
    babbelen: every Tuesday ...") followed by a sentence that says what is done: that sentence offers the
    service, with its own negations and referrals ("Psychologische hulp / Daarvoor verwijzen we door")."""
    blocks = _paragraphs(infos)
    for info, following in zip(infos, infos[1:], strict=False):
        if not info.unit.is_heading or following.unit.is_heading or following.unit.page != info.unit.page:
            continue
        own_value = info.unit.kind == "label" and following.unit.block == info.unit.block  # "Label: value"
        if not (own_value or following.cue("offer") or following.cue("service_nouns")):
            continue
        # "- Woonbegeleiding. Dak- en thuisloosheid komt vaak voor. ... blijft de opdracht van het CAW."
        paragraph = blocks[_paragraph_key(following)]
        if has_negation(following) or any(_declines(other) for other in paragraph):
            continue  # also "Budgetbegeleiding / Wie al budgetbeheer heeft bij het OCMW, kan niet deelnemen."
        for hit in info.hits.get("service_types", ()):
            if hit.term.startswith(WEAK) or len(_heading_words(info)) - (hit.end - hit.start) > NAME_EXTRA_WORDS:
                continue
            following.hits.setdefault("service_types", []).append(Hit(hit.concept, 0, 1, f"{hit.term} (kop)"))


BUDDY_RE = re.compile(
    # "krijgt een 'buur'", "krijgt iedereen die alleen woont en dat wil een vaste "buur": iemand die belt", "We
    # koppelen elk gezin dat dat wil aan een 'dorpsgenoot': een vrijwilliger uit hetzelfde dorp"
    r"\b(?:krijgt|krijgen|gets|get|koppelen|koppelt)\s+(?:[^.:;]{0,60}?\s)?(?:een|a|an)\s+(?:vaste\s+|eigen\s+)?"
    r"[\"'\u201c\u2018](?P<role>[\w-]+(?:\s[\w-]+)?)[\"'\u201d\u2019]"
    # 'Elke mama heeft één van ons als "vaste vriendin", die ze ook buiten de woensdag eens opbelt'
    r"|\b(?:heeft|hebben|has|have)\s+(?:[^.:;]{0,40}?\s)?(?:als|as)\s+[\"'\u201c\u2018](?P<role_as>[\w-]+(?:\s[\w-]+)?)[\"'\u201d\u2019]"
    # "kan elke deelnemer een "maat" krijgen: een peer die meegaat"
    r"|\b(?:een|a|an)\s+[\"'\u201c\u2018](?P<role_first>[\w-]+)[\"'\u201d\u2019]\s+(?:krijgen|krijgt)\b"
    # 'Een "babbelmaat": wie wil, krijgt een vaste vrijwilliger die belt'
    r"|\b(?:een|a|an)\s+[\"'\u201c\u2018](?P<role_label>[\w-]+)[\"'\u201d\u2019]\s*:[^.]*\b(?:krijgt|krijgen|gets)\b"
)
PERSON_WORDS = frozenset(
    "iemand vrijwilliger vrijwilligster vrouw man lid leden buur buurvrouw buurman persoon moeder mama vader papa peer "
    "lotgenoot ervaringsdeskundige someone volunteer woman member person mother".split()
)
PERSON_REACH = 8
CONTACT_WORDS = frozenset(
    "bellen belt bel opbelt opbellen sms sms'en langskomen langskomt binnenspringt meeneemt meenemen call calls".split()
)
CONTACT_REACH = 12


COMPANION_TERM = "krijgt een "


def _buddy_hits(infos: Sequence[UnitInfo], lexicon: Lexicon) -> None:
    """"Elke nieuwe bezoeker krijgt een 'buur' uit de vaste kern: iemand die ...", "each new woman gets a "zus":
    a woman who ...": a person of their own, named in quotes by the writer, is a network that lasts."""
    concepts = [key for key, terms in lexicon.spec.service_types.items() if terms.companions]
    if not concepts:
        return
    for index, info in enumerate(infos):
        match = BUDDY_RE.search(info.unit.folded)
        if match is None:
            continue
        role = fold(match.group("role") or match.group("role_first") or match.group("role_label") or match.group("role_as"))
        parts = tokens(role)  # "duo-mama" is two tokens
        norm = info.unit.norm
        start = next((i for i in range(len(norm)) if norm[i : i + len(parts)] == parts), None)
        if start is None:
            continue
        after = norm[start + len(parts) : start + len(parts) + CONTACT_REACH]
        if len(after) < CONTACT_REACH and index + 1 < len(infos):  # a table cell wrapped onto the next line
            after += infos[index + 1].unit.norm[: CONTACT_REACH - len(after)]
        # a person ("een vrijwilliger die belt"), or someone they can call ("die ze tussendoor mag bellen")
        if not (PERSON_WORDS & set(after[:PERSON_REACH]) or CONTACT_WORDS & set(after)):
            continue
        for concept in concepts:
            info.hits.setdefault("service_types", []).append(Hit(concept, start, start + 1, f"{COMPANION_TERM}'{role}'"))


PROFILE_REACH = 3  # the sentences after the one naming the people that may complete their profile
# a profile's items after a colon describe one group ("jonge moeders, vaak alleen ..., angstig of depressief"), so
# the hit is shared (it yields) but not one group of a list
PROFILE_TERM = f"{SHARED}profiel"


WHO_ENDING = 2  # the people themselves ("vrouwen", "moeders"), not an activity named after them ("vrouwengroep")


def _trait_at(info: UnitInfo, pieces: tuple[str, ...], longer: int | None = None) -> int | None:
    """The first token that begins with one of a trait's word pieces (and is at most `longer` letters longer),
    outside an organisation's name ("het Agentschap Integratie en Inburgering" says nothing about the people)."""
    for index, word in enumerate(info.unit.norm):
        if not word.startswith(pieces):
            continue
        if longer is not None and not any(word.startswith(piece) and len(word) - len(piece) <= longer for piece in pieces):
            continue
        if not any(name.start <= index < name.end for name in info.cue("partner_org")):
            return index
    return None


def _profile_hits(infos: Sequence[UnitInfo], lexicon: Lexicon) -> None:
    """A challenge's profile told over a few sentences of one paragraph ("Mama's die er alleen voor staan ...
    Veel vrouwen die we zien slapen slecht, zijn angstig of depressief"): the sentence that names the people
    gets a hit when it and the next few sentences hold every trait, none of them said no to or left for later.
    Such a hit is shared: it yields to a challenge found through its own words (tasks/analyse_lexicon.py)."""
    profiles = {
        key: [tuple(fold(piece) for piece in trait) for trait in terms.profile]
        for key, terms in lexicon.spec.challenges.items()
        if terms.profile
    }
    if not profiles:
        return
    order_of = {id(info): order for order, info in enumerate(infos)}
    for paragraph in _paragraphs(infos).values():
        for index, info in enumerate(paragraph):
            if info.unit.is_heading or info.unit.kind == "row":
                continue
            window: list[UnitInfo] | None = None  # (built only for a sentence that names the people)
            for concept, (who, *traits) in profiles.items():
                start = _trait_at(info, who, WHO_ENDING)
                own = [hit for hit in info.hits.get("challenges", ()) if hit.concept == concept]
                if start is None or any(not hit.term.startswith(WEAK) for hit in own):
                    continue  # (a weak word there, "pleeggezin", does not make the finding alone: the profile may)
                if window is None:
                    window = [
                        other for other in paragraph[index : index + 1 + PROFILE_REACH]
                        if not _declined_in_next_sentence(infos, order_of[id(other)])
                    ]
                if any(f"challenges:{concept}" in other.cancelled for other in window):
                    continue  # "Mannen en vrouwen, uit Syrië, Oekraïne, ...": the concept's not_with holds here too
                if start and info.unit.norm[start - 1] in SOMEONES:
                    continue  # "Ze slapen bij een vriend, bij hun moeder": someone's mother, not the people
                if all(_trait_in(window, trait, concept) for trait in traits):
                    hit = Hit(concept, start, start + 1, PROFILE_TERM)
                    info.hits.setdefault("challenges", []).append(hit)


def _trait_in(window: Sequence[UnitInfo], pieces: tuple[str, ...], concept: str) -> bool:
    """A word of the trait in one of the sentences, not said no to or left for later there."""
    for info in window:
        if info.unit.norm[:1] == ["wie"]:
            continue  # "Wie met meerdere problemen zit (psychisch, ...), hoort bij het OCMW": whoever, not them
        token = _trait_at(info, pieces)
        if token is None:
            continue
        found = status(info, Hit(concept, token, token + 1, "profiel"))
        if found not in NOT_NAMED or (found is Status.NEGATED and _only_lacking(info)):
            return True
    return False


ABILITY_VERBS = frozenset(
    "spreken spreekt praten praat kennen kent verstaan verstaat begrijpen begrijpt lezen leest schrijven schrijft "
    "speak speaks understand understands".split()
)
LACKING = frozenset({"geen", "weinig", "amper", "nauwelijks", "no", "little"})


def _only_lacking(info: UnitInfo) -> bool:
    """Every 'no' of the sentence says what the people lack: "mama's die nog weinig of geen Nederlands spreken: twee
    uit Syrië, ..." (a 'no' that describes them, not one that says the project does not do something)."""
    norm = info.unit.norm
    return all(
        norm[negation.start] in LACKING and bool(ABILITY_VERBS & set(norm[negation.start + 1 : negation.start + 4]))
        for negation in negations(info)
    )


def _heading_names_its_group(infos: Sequence[UnitInfo], order: int) -> bool:
    """A heading that names the group the project is for: "Groep 2 - nieuwkomende moeders (persona Chadia)", a
    profile's label under the target group's heading ("- Nora (regio-uitdaging 1): een jonge moeder ..."), or a
    label whose next sentences take it on ("- Uitdaging 3 (Chadia): ... Hier willen we op inzetten."); not a label
    whose value says no or only maybe ("Chadia | 3 | Nee | ...", "Nora | deels | ... als er bijkomende middelen
    komen")."""
    info = infos[order]
    if info.cue("groups"):
        return True
    if info.unit.kind != "label":
        return False
    value = [other for other in infos[order + 1 : order + 1 + VALUE_SENTENCES] if _paragraph_key(other) == _paragraph_key(info)]
    if info.section == TARGET_SECTION and not (value[:1] and _says_no_or_maybe(value[0])):
        return True
    if any(_says_no_or_maybe(other) for other in value):
        return False
    return any(agents(other) and (other.cue("offer") or other.cue("future")) for other in value)


VALUE_SENTENCES = 2


def _says_no_or_maybe(info: UnitInfo) -> bool:
    return bool(
        has_negation(info) or info.cue("table_no") or info.cue("negation_phrases") or info.cue("conditional")
    )


def _declines(info: UnitInfo) -> bool:
    """The applicant says it does not do it, leaves it to others, or only maybe ("Het is geen cursus" is not;
    nor is "Wie een echte les wil, sturen wij naar Ligo": that refers on who needs more)."""
    norm = info.unit.norm
    if norm[:1] == ["wie"]:
        return False
    if info.cue("conditional") or info.cue("negation_phrases"):
        return True
    # "Dit is geen NT2-cursus; wie een echte cursus wil volgen, leiden we toe naar Ligo": the referral is for
    # whoever needs more, the 'no' is not the applicant's
    if any(not _for_who_needs_more(info, cue.start) for cue in info.cue("referral")):
        return True
    return any(clause_negated(info, clause.start, clause.end) for clause in info.clauses)


def _for_who_needs_more(info: UnitInfo, token: int) -> bool:
    """The clause of the token, or the clause before it that a comma joins to it, opens with 'wie'."""
    norm = info.unit.norm
    for index, clause in enumerate(info.clauses):
        if clause.start <= token < clause.end:
            previous = info.clauses[index - 1] if index else None
            joined = previous is not None and previous.separator == "," and norm[previous.start] == "wie"
            return norm[clause.start] == "wie" or joined
    return False


NAME_EXTRA_WORDS = 1  # "Een psycholoog", "Nederlands oefenen": the heading is the service's name


def _heading_words(info: UnitInfo) -> list[str]:
    """The words of a heading without its number or letter ("3.2", "a)") and without the activity's own name
    in quotes ('3. Lotgenotengroep "Ouders op afstand"')."""
    words = info.unit.norm
    skip = len(_heading_number(info.unit.text).split(".")) if _heading_number(info.unit.text) else 0
    if not skip and len(words) > 1 and len(words[0]) == 1:
        skip = 1  # "a) Opvang regelen"
    named = quoted_tokens(info.unit)
    return [word for index, word in enumerate(words) if index >= skip and index not in named]


ANCHOR_REACH = 4  # sentences after (or before) the one that names the fixed person


def _domains_named(paragraph: Sequence[UnitInfo], domains: dict[str, list[str]]) -> int:
    """How many of the life domains the paragraph names (an entry is a word, or a word beginning with '*')."""
    text = " " + " ".join(word for info in paragraph for word in info.unit.norm) + " "
    return sum(1 for entries in domains.values() if any(_names(text, entry) for entry in entries))


def _names(text: str, entry: str) -> bool:
    folded = fold(entry.rstrip("*"))
    return f" {folded}" in text if entry.endswith("*") else f" {folded} " in text


LABEL_REACH = 1  # a label's section covers its own block and the next one ("Doelgroep:" + its value)
HEADING_NUMBER_RE = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})*)")


def _heading_number(text: str) -> str:
    """"5.1" of "5.1 Buddywerking", "5" of "5. Later of enkel met extra middelen", "" without a number."""
    match = HEADING_NUMBER_RE.match(text)
    return match.group(1).rstrip(".") if match else ""


# What a label says about its value: "Optioneel: een digipunt", "Niet in dit project: woonbegeleiding".
INHERITED_CUES = ("conditional", "negation_phrases", "contact_label", "referral", "schedule")  # "Startdatum" + its date


def _inherit(label: UnitInfo, value: UnitInfo) -> None:
    for name in INHERITED_CUES:
        if label.cue(name):
            value.cues.setdefault(name, []).append(Hit(name, 0, 0, LABEL_TERM))
    if names_a_partner_only(label):
        value.cues.setdefault(PARTNER_LABEL, []).append(Hit(PARTNER_LABEL, 0, 0, LABEL_TERM))
    if label.unit.norm[:1] in (["niet"], ["geen"], ["not"], ["no"]):
        # "Niet voor: werkzoekenden die enkel een vervoersprobleem hebben": the label says no to its value
        value.cues.setdefault("negation_phrases", []).append(Hit("negation_phrases", 0, 0, LABEL_TERM))


Accept = Callable[[UnitInfo, Hit, Status], bool]


def _mentions(infos: Sequence[UnitInfo], group: str, accept: Accept) -> list[Candidate]:
    """Mentions of a group's concepts whose status the caller accepts. Cost lines are never evidence."""
    candidates: list[Candidate] = []
    for order, info in enumerate(infos):
        if info.unit.kind == "row":
            continue
        for hit in info.hits.get(group, ()):
            if accept(info, hit, status(info, hit)):
                candidates.append(Candidate(hit.concept, info.unit, hit.start, strength(info, hit), order, hit.term))
    return candidates


def _about_target(info: UnitInfo, hit: Hit, found: Status) -> bool:
    """Who the project is for, or who the applicant sees among its people ("we zien steeds meer
    jongvolwassenen met een verstandelijke beperking") - not the region in general."""
    if found is Status.TARGET:
        return True
    start, end = info.clause(hit.start)
    if any(word in cue.term for cue in info.cue("observation") for word in CALL_NAMES):
        return False  # "In het addendum lezen we de vraag hoe je mensen kan ontlasten van de zorgtaken": the call's words
    # under 'Waarom dit project?' the applicant describes the region ("in onze dorpen zien we gezinnen die al
    # generaties lang ..."), not yet its target group
    return found is Status.CONTEXT and bool(agents(info, start, end)) and not info.context_section


CALL_NAMES = ("addendum", "oproep", "the call")


def _offered_service(lexicon: Lexicon, infos: Sequence[UnitInfo]) -> Accept:
    """A service counts when the applicant offers it; a target-group service (lexicon target_counts, e.g.
    women with a migration background) also when the project is said to be for that group."""
    services = lexicon.spec.service_types
    target_concepts = frozenset(key for key, terms in services.items() if terms.target_counts)
    action_concepts = frozenset(key for key, terms in services.items() if terms.needs_action)
    service_pieces = tuple(fold(piece) for piece in lexicon.spec.cues.service_nouns.stems)
    actions = {key: tuple(fold(piece) for piece in terms.action) for key, terms in services.items() if terms.action}
    acting = [_with_its_label(infos, order) for order, info in enumerate(infos) if _acts(info)]
    # the concepts of a fixed person who follows life domains (trajectbegeleiding in this call), with those domains
    followed = {key: terms.domains for key, terms in services.items() if terms.domains}
    offered_actions = {key: any(piece in joined for joined in acting for piece in pieces) for key, pieces in actions.items()}
    turned_down = {id(info) for info, following in pairwise(infos) if turned_down_next(info, following)}
    partners_own = _partner_table_rows(infos)
    taken_up = {id(info) for info, following in pairwise(infos) if taken_up_next(info, following)}
    elaborated = {id(following) for info, following in pairwise(infos) if _elaborates(info, following)}
    # "- Samen de brieven openen: met een map met kleuren (rood = betalen, ...)": the value of a label that names
    # the service says how it is done
    named_by_label = {
        (id(value), hit.concept)
        for label, value in pairwise(infos)
        if label.unit.kind == "label" and label.unit.block == value.unit.block
        for hit in label.hits.get("service_types", ())
        if _with_action(label, hit, service_pieces)  # a service or what is done, not a problem ("Middelengebruik:")
    }

    def accept(info: UnitInfo, hit: Hit, found: Status) -> bool:
        pieces = actions.get(hit.concept)
        if info.history or _contact_line(info) or _job_sector(info, hit) or id(info) in turned_down:
            return False
        if _life_domain_item(info, hit) or _domain_of_the_fixed_person(info, hit, followed) or _kind_of_paper(info, hit):
            return False
        if id(info) in partners_own:
            return False  # "OCMW Alken | lokaal bestuur | toeleiding, leefloon / GPMI, schuldbemiddeling": the partner's part
        if _staff_training(info, hit):
            return False  # "Elke buddy volgt drie vormingsavonden (luisteren, grenzen, omgaan met verslaving)"
        if _own_appointment(info, hit) or _in_brackets_after(info, hit, "|".join(APPOINTMENT_WORDS)):
            return False  # "zodat de moeder naar haar afspraak bij de psycholoog kan gaan", "mee naar afspraken (OCMW,
            # justitieassistent, schuldbemiddelaar)": where they go themselves
        if _past_of_the_people(info, hit):
            return False  # "werkervaring voor mannen met een verslavings- of detentieverleden", "na detentie of verslaving"
        if _people_do_not(info, hit):
            return False  # "Naar een psycholoog gaan ze niet": what the people do not do, nobody offers it
        if _background_of_someone(info, hit):
            return False  # "liefst iemand met ervaring in de verslavingszorg": who is hired, not what is offered
        if _contact_point_for_others(info, hit):
            return False  # "een vast aanspreekpunt voor onze psychologen": the partners' contact, not the people's
        if _partners_worker_addressed(info, hit):
            return False  # "we verwittigen de budgetbeheerder van het OCMW als het misloopt"
        if _partners_worker_does_it(info, hit):
            return False  # "een eigen begeleider bij het CAW, die ... het centrale aanspreekpunt blijft"
        if _messages_from_their_workers(info, hit):
            return False  # "We krijgen steeds vaker telefoontjes van trajectbegeleiders over mama's die ..."
        if found is Status.OFFER and _question(info):
            return False  # "Hoe kunnen we hun netwerk versterken?" - the call's question, not an answer
        if found in (Status.OFFER, Status.TARGET) and _trait_of_some(info):
            return False  # "Bij enkele ouders is er een vermoeden van een verstandelijke beperking"
        if (
            found is Status.OFFER and hit.term.startswith(WEAK) and hit.concept not in target_concepts
            and not _acting_clause(info, hit) and id(info) not in elaborated
        ):
            return False  # a weak word ("vaste vrijwilliger", "smartphone") where nobody offers anything
        if hit.concept in target_concepts and found is Status.TARGET and _regional_need(info, hit):
            return False  # "In onze regio is er veel generatiearmoede": the region's need, not the target group
        if hit.concept in target_concepts and incidental(info, hit.start, hit.end):
            return False  # "via de speel-o-theek bereiken we ook veel anderstalige mama's"
        if hit.concept in target_concepts and (found is Status.OFFER or _about_target(info, hit, found)):
            # a target group: any mention that is not negated, referred or mere regional context counts,
            # when the proposal also does what the group needs (its action words), there or in this very
            # sentence ("Dit blok is specifiek gericht op de activering van deze vrouwen: ..., een snuffelstage")
            return not pieces or offered_actions[hit.concept] or any(piece in _unnegated(info) for piece in pieces)
        if found is Status.CONTEXT and id(info) in taken_up:
            found = Status.OFFER  # "Daar komt veel papierwerk bij kijken: ... Dat doet de begeleider samen met de persoon"
        if found is Status.TARGET and hit.term.startswith(COMPANION_TERM):
            found = Status.OFFER  # "Elke mama heeft één van ons als 'vaste vriendin'": who, then the person they get
        if found is not Status.OFFER:
            return False
        if only_elsewhere(info, hit, lexicon):
            return False  # "Schuldbegeleiding en budgetcoaching vanuit de antennes Hasselt en Genk"
        if _apart_from_the_project(info):
            return False  # "daarvoor werken de OCMW's met het SVK en de woonmaatschappij, los van dit project"
        if _negated_in_sentence(info, hit):
            return False  # "... met de woonbegeleiders van het CAW, maar woonbegeleiding zit niet in dit project"
        if _said_no_in_its_clause(info, hit):
            return False  # "Huisvesting zoeken we niet mee: als de woning ...": the word pair starts where it is said no
        if _pair_reaching_into_a_no(info, hit):
            return False  # "blijft de administratieve basis; daar gebeurt geen begeleiding"
        if pieces:
            said = _unnegated(info)
            if not any(piece in said for piece in pieces):
                return False  # "kinderopvang tijdens de sessies" is not helping to find childcare
        if hit.concept not in action_concepts or (id(info), hit.concept) in named_by_label:
            return True
        return _with_action(info, hit, service_pieces)

    return accept


def _with_its_label(infos: Sequence[UnitInfo], order: int) -> str:
    """A unit's words with those of the label it answers ("- Richting werk: we bezoeken samen een bedrijf")."""
    unit = infos[order].unit
    label = infos[order - 1].unit if order else None
    if label is not None and label.kind == "label" and label.block == unit.block:
        return label.joined + unit.joined
    return unit.joined


def _partner_table_rows(infos: Sequence[UnitInfo]) -> set[int]:
    """Rows (by info id) of a table of partners ("Partner | Type | Rol in het project") that open with a local
    government ("OCMW Alken | lokaal bestuur | toeleiding, leefloon, schuldbemiddeling"): what that partner brings,
    not what the applicant offers."""
    rows: set[int] = set()
    inside = False
    previous: UnitInfo | None = None
    for info in infos:
        unit = info.unit
        if unit.kind not in ("table", "row"):
            inside = inside and unit.kind == "label"  # (a PDF's first cell may come out as a label of its own)
            previous = info
            continue
        label = previous if previous and previous.unit.kind == "label" and previous.unit.block == unit.block else None
        first_cell = label.unit.text if label else unit.text.split("|", 1)[0]
        if first_cell.strip().lower().startswith(PARTNER_HEADER_WORDS) and not any(ch.isdigit() for ch in unit.text):
            inside = True
        elif inside and _opens_with_local_government(info, label) and not _in_the_project(info):
            rows.add(id(info))
        previous = info
    return rows


def _in_the_project(row: UnitInfo) -> bool:
    """"CAD Limburg | Consulent 0,2 VTE in het project (verslavingsbegeleiding)": the partner's worker is part of
    the project's team, so the project offers what he does."""
    return any(agent.term.split()[-1] in PROJECT_WORDS for agent in agents(row))


def _opens_with_local_government(row: UnitInfo, label: UnitInfo | None) -> bool:
    """The row opens with an OCMW, sociaal huis or municipality: those keep their statutory tasks (leefloon,
    budgetbeheer, their own casemanagement); a care partner's row (CAD, CGG) may well be work in the project."""
    if label is not None:
        return any(cue.term.lower() in LOCAL_GOVERNMENT for cue in label.cue("partner_org"))
    first_cell = len(tokens(row.unit.text.split("|", 1)[0]))
    return any(cue.start < first_cell and cue.term.lower() in LOCAL_GOVERNMENT for cue in row.cue("partner_org"))


LOCAL_GOVERNMENT = frozenset({"ocmw", "ocmw's", "sociaal huis", "lokaal bestuur", "lokale besturen", "gemeente", "stad"})


PARTNER_HEADER_WORDS = ("partner", "partners", "partnerorganisatie")


HAVING = frozenset({"heeft", "hebben", "kampt", "kampen", "lijdt", "lijden", "has", "have"})
SOME_WORDS = frozenset({"enkele", "sommige", "meerdere", "veel", "vele", "de meeste", "een aantal", "een paar", "een tiental", "een deel", "heel wat"})


def _trait_of_some(info: UnitInfo) -> bool:
    """"Bij enkele ouders is er een vermoeden van een verstandelijke beperking", "Bij een tiental cliënten vermoeden
    de maatschappelijk werkers ...": what some of the people have, with nobody of the project acting on it."""
    norm = info.unit.norm
    if agents(info):
        return False
    if norm[:1] != ["bij"]:
        # "Een deel van de doelgroep heeft een (vermoeden van een) verstandelijke beperking"
        return (" ".join(norm[:2]) in SOME_WORDS or " ".join(norm[:1]) in SOME_WORDS) and bool(HAVING & set(norm))
    return " ".join(norm[1:2]) in SOME_WORDS or " ".join(norm[1:3]) in SOME_WORDS


def _job_sector(info: UnitInfo, hit: Hit) -> bool:
    """The concept names a sector to work in ("jobs leren kennen (zorg, schoonmaak, kinderopvang)", "een
    opleiding tot begeleider in de kinderopvang"), not a service for the participant."""
    if hit.term.startswith(WITH_CHALLENGE):
        return False  # activation words are about jobs by nature: "welke jobs er zijn (bedrijfsbezoeken, ...)"
    if _in_brackets_after(info, hit, WORKPLACE_WORDS):
        return True  # "we bezoeken samen een bedrijf of een opleiding (fruitbedrijf, schoonmaak, kinderopvang, zorg)"
    start, _ = info.clause(hit.start)
    # an item of a comma list the sector words open: "welke jobs er zijn in de fruitsector, de zorg, de kinderopvang"
    opening = list_opening(info, start)
    first_item = next((clause.end for clause in info.clauses if clause.start == opening), start)
    return any(
        (start <= cue.start and 0 < hit.start - cue.start <= SECTOR_REACH)
        or (opening <= cue.start < start and first_item - cue.start <= SECTOR_REACH)
        for cue in info.cue("job_sector")
    )


SECTOR_REACH = 8
GOING_REACH = 8  # "om naar de huisarts, de psycholoog of de rechtbank te gaan"


def _own_appointment(info: UnitInfo, hit: Hit) -> bool:
    """The concept is where the participant goes for an appointment of her own ("een afspraak bij de psycholoog",
    "om naar de huisarts, de psycholoog of de rechtbank te gaan"), not the project's service."""
    norm = info.unit.norm
    before = norm[max(0, hit.start - 3) : hit.start]
    if len(before) == 3 and before[0] in APPOINTMENT_WORDS and before[1] in ("bij", "met") and before[2] in ("de", "het", "een", "haar", "zijn", "hun"):
        return True
    opening = norm[max(0, hit.start - GOING_REACH) : hit.start]
    if "om" not in opening or "naar" not in opening[opening.index("om") :]:
        return False
    return "te gaan" in " ".join(norm[hit.end : hit.end + GOING_REACH])


PAST_WORD = "verleden"
PAST_LIST_REACH = 3  # "een verslavings-, psychiatrisch of detentieverleden"


def _past_of_the_people(info: UnitInfo, hit: Hit) -> bool:
    """The concept names the people's past ("mannen met een verslavingsverleden", "een verslavings- of
    detentieverleden", "vaders na detentie of verslaving"): who they are, not a service the project offers."""
    norm = info.unit.norm
    if norm[hit.end - 1].endswith(PAST_WORD):
        return True
    following = norm[hit.end : hit.end + PAST_LIST_REACH]
    if LIST_JOINERS & set(following) and any(word.endswith(PAST_WORD) for word in following):
        return True
    before = norm[max(0, hit.start - 3) : hit.start]
    if before[-2:] in (["verleden", "van"], ["history", "of"]):
        return True  # "mannen met een detentieverleden en/of een verleden van verslaving"
    return before[-1:] == ["na"] or (len(before) == 3 and before[0] == "na" and before[2] in LIST_JOINERS)


PARTNER_STAFF_ENDINGS = (*ROLE_ENDINGS, "beheerder")  # "de budgetbeheerder van het OCMW"
# "we schakelen de woonbegeleiding van het OCMW in": the partner's own service, called in
PARTNER_SERVICE_ENDINGS = ("begeleiding", "bemiddeling", "hulpverlening")
PARTNER_NAME_REACH = 3  # "van het OCMW", "van het Agentschap Integratie en Inburgering"


def _partners_worker_addressed(info: UnitInfo, hit: Hit) -> bool:
    """The concept is a partner's worker or service whom the applicant contacts or works with ("we verwittigen de
    budgetbeheerder van het OCMW", "we overleggen met de trajectbegeleider van het Agentschap", "schakelen we de
    woonbegeleiding van het OCMW in"): that worker's regular job, not the project's service (a partner's worker who
    comes to the project is its subject instead)."""
    norm = info.unit.norm
    if not norm[hit.end - 1].endswith(PARTNER_STAFF_ENDINGS + PARTNER_SERVICE_ENDINGS) or norm[hit.end : hit.end + 1] != ["van"]:
        return False
    if not any(hit.end < org.start <= hit.end + PARTNER_NAME_REACH for org in info.cue("partner_org")):
        return False
    start, _ = info.clause(hit.start)
    return bool(agents(info, start, hit.start))


def _partners_worker_does_it(info: UnitInfo, hit: Hit) -> bool:
    """The concept is in a relative clause about another organisation's worker: "Elke bewoner houdt een eigen
    begeleider bij het CAW, die voor werk, inkomen en justitie het centrale aanspreekpunt blijft"."""
    norm = info.unit.norm
    for relative in info.cue("relative"):
        if relative.start >= hit.start or norm[relative.start] not in ("die", "who"):
            continue
        before = norm[max(0, relative.start - WORKER_REACH) : relative.start]
        orgs = [org for org in info.cue("partner_org") if relative.start - WORKER_REACH <= org.start < relative.start]
        if orgs and any(
            word.endswith(PARTNER_STAFF_ENDINGS) and set(before[index + 1 : index + 3]) & {"bij", "van"}
            for index, word in enumerate(before)
        ):
            return True
    return False


WORKER_REACH = 6  # "een eigen begeleider bij het CAW, die"


TRAINEES = frozenset(
    "vrijwilliger vrijwilligers vrijwilligster vrijwilligsters buddy buddy's buddies medewerker medewerkers "
    "begeleiders meters peters mentoren volunteers staff team teams".split()
)
# ("intervisie", "supervisie": a team's case discussion with an outside expert, "over omgaan met herval")
TRAINING_WORDS = ("vorming", "opleiding", "training", "bijscholing", "intervisie", "supervisie")
TRAINING_REACH = 12  # from the training to the subject it covers: "drie vormingsavonden (luisteren, grenzen, ...)"
TRAINEE_REACH = 4  # "vorming voor onze vrijwilligers", "Elke buddy volgt drie vormingsavonden"


MESSAGE_WORDS = ("telefoon", "oproep", "vraag", "vragen", "mail", "aanmelding", "signa", "doorverwijzing", "melding", "bericht")


def _messages_from_their_workers(info: UnitInfo, hit: Hit) -> bool:
    """The concept's workers are who calls or writes to the applicant ("telefoontjes van trajectbegeleiders",
    "aanmeldingen van budgetbegeleiders"): other organisations' staff, not the project's service."""
    norm = info.unit.norm
    return (
        hit.start >= 2 and norm[hit.start - 1] == "van" and norm[hit.start - 2].startswith(MESSAGE_WORDS)
        and names_staff(norm[hit.end - 1], PARTNER_STAFF_ENDINGS)
    )


def _staff_training(info: UnitInfo, hit: Hit) -> bool:
    """The concept is a subject of the training of the applicant's volunteers or staff ("Elke buddy volgt drie
    vormingsavonden (luisteren, grenzen, omgaan met crisis en verslaving)"), not a service for the participants."""
    norm = info.unit.norm
    for index in range(max(0, hit.start - TRAINING_REACH), hit.start):
        # (not "opleidingstraject": the participants' own course, which volunteers may accompany)
        if norm[index].startswith(TRAINING_WORDS) and "traject" not in norm[index]:
            near = norm[max(0, index - TRAINEE_REACH) : index + 1 + TRAINEE_REACH]
            if TRAINEES & set(near):
                return True
    return False


WORKPLACE_WORDS = (
    "bedrijf|bedrijven|werkplek|werkplekken|werkgever|werkgevers|sector|sectoren|beroepen|jobs|companies"
    "|bedrijfsbezoek|bedrijfsbezoeken|snuffelstage|snuffelstages|stage|stages"  # "op bedrijfsbezoek (schoonmaak, kinderopvang)"
)


def _contact_line(info: UnitInfo) -> bool:
    """A line with an e-mail address or phone number, or the value of a label such as "Contactpersonen:",
    names people and titles ("coördinator NT2 en trajectbegeleiding, marleen@...", "Hatice Yilmaz,
    zorgcoördinator"), not what the project offers."""
    key = ("contact_line", 0, 0)  # asked for every mention in the unit: read the line once
    if key not in info.memo:
        info.memo[key] = _reads_as_contact_line(info)
    return info.memo[key]


def _reads_as_contact_line(info: UnitInfo) -> bool:
    # "Ik ben Katrien Bollen, zorgcoördinator", "Groetjes, Katrien Bollen zorgcoördinator VBS De Fruitgaard"
    introduced = info.unit.norm[:2] in SELF_INTRODUCTIONS or info.unit.norm[:1] in SIGN_OFFS
    if (introduced or any(cue.term == LABEL_TERM for cue in info.cue("contact_label"))) and PERSON_WITH_TITLE_RE.search(
        info.unit.text
    ):
        return True  # also "Ik ben Katrien Bollen, zorgcoördinator van de school"
    text = info.unit.text
    if EMAIL_RE.search(text) or PHONE_RE.search(text) or LETTER_ADDRESS_RE.search(text):
        return True
    # "Schepen Dejonghstraat 21, 3800 Sint-Truiden | ma-vr 9u-17u, open spreekuur woensdag": an office's address and hours
    return has_postal_address(info.unit)


# "Budgetmaatjes Haspengouw p/a Jef Moermans", "t.a.v. de heer ...": a letter's address block
LETTER_ADDRESS_RE = re.compile(r"(?<![\w/.])(?:p/a|c/o|t\.a\.v\.)\s", re.IGNORECASE)


SELF_INTRODUCTIONS = (["ik", "ben"], ["mijn", "naam"], ["i", "am"], ["my", "name"], ["kind", "regards"])
SIGN_OFFS = (["groetjes"], ["groeten"], ["groet"], ["vriendelijke"], ["hartelijke"], ["regards"], ["cheers"])
PERSON_WITH_TITLE_RE = re.compile(r"\b[A-Z][a-zà-ÿ]+(?: (?:van|de|der|den|el))* [A-Z][\w'-]+(?:\s*[,(]|\s+[a-z])")


LIFE_DOMAIN_WORDS = ("levensdomein", "domeinen", "levensgebied", "life domain")
DOMAIN_REACH = 15


def _life_domain_item(info: UnitInfo, hit: Hit) -> bool:
    """An item in the list of life domains a trajectbegeleider follows ("volgt alle levensdomeinen op: inkomen,
    woonsituatie, gezondheid") names a domain, not a separate service."""
    if hit.concept == "trajectbegeleiding":
        return False
    for domain in info.hits.get("service_types", ()):
        if domain.concept != "trajectbegeleiding" or not 0 < hit.start - domain.start <= DOMAIN_REACH:
            continue
        if not any(word in " ".join(info.unit.norm[domain.start : domain.end]) for word in LIFE_DOMAIN_WORDS):
            continue
        # the list opens with a colon or a bracket after the domain words, before the mention
        if any(domain.start <= index < hit.start and mark == ":" for index, mark in info.unit.breaks):
            return True
        if re.search(r"(?:domeinen|domains)(?:\s+\w+)?\s*\(", info.unit.text):
            return True
    return False


def _kind_of_paper(info: UnitInfo, hit: Hit) -> bool:
    """"de brieven en papieren die ze niet verstaan (facturen, mutualiteit, huurcontract)": an item in brackets
    after a word for papers is a kind of paper to read, not a service of its own."""
    if any(other.concept == hit.concept and other.start < hit.start for other in info.hits.get("service_types", ())):
        return False  # the papers are this concept's own ("administratie (facturen, ...)")
    return _in_brackets_after(info, hit, PAPER_WORDS) or _a_paper_among_papers(info, hit)


PAPER_WORDS = "papieren|brieven|paperassen?|documenten|formulieren|administratie|post"
HOUSING_PAPERS = ("huurcontract", "huurovereenkomst", "plaatsbeschrijving")
OTHER_PAPERS = (
    "loonbrie", "loonfiche", "groeipakket", "mutualiteit", "belastingaangifte", "aanslagbiljet", "factu", "brieven",
    "formulier", "vdab-mail", "attest",
)
PAPERS_REACH = 8
MIN_OTHER_PAPERS = 2


def _a_paper_among_papers(info: UnitInfo, hit: Hit) -> bool:
    """"mutualiteit, groeipakket, VDAB-mails, loonbrief, huurcontract van een eerste studio lezen": a lease listed with
    other papers to read is a paper, not help to find or keep a home."""
    norm = info.unit.norm
    if not any(word.startswith(HOUSING_PAPERS) for word in norm[hit.start : hit.end]):
        return False
    around = norm[max(0, hit.start - PAPERS_REACH) : hit.start] + norm[hit.end : hit.end + PAPERS_REACH]
    return sum(word.startswith(OTHER_PAPERS) for word in around) >= MIN_OTHER_PAPERS


def _in_brackets_after(info: UnitInfo, hit: Hit, words: str) -> bool:
    """The hit is an item in the brackets that follow (within a few words) one of `words` (a regex alternation)."""
    if "(" not in info.unit.text:
        return False  # (most sentences: no brackets)
    word = info.unit.norm[hit.start]
    return any(_has_word(match.group(1), word) for match in _brackets_after(words).finditer(info.unit.folded))


@lru_cache(maxsize=16)
def _brackets_after(words: str) -> re.Pattern[str]:
    """Brackets within a few words after one of `words` (compiled once per alternation, not once per sentence)."""
    return re.compile(rf"\b(?:{words})\b[^()]{{0,40}}\(([^()]*)\)")


def _has_word(text: str, word: str) -> bool:
    """`word` occurs in `text` as a word of its own (not inside a longer word)."""
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        if (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            return True
        start = text.find(word, start + 1)
    return False
LIST_ITEM_WORDS = 5
DOMAIN_LIST = 3  # "niet alleen het werk, maar ook woning, schulden, gezondheid": a list of what one person follows


def _domain_of_the_fixed_person(info: UnitInfo, hit: Hit, followed: dict[str, dict[str, list[str]]]) -> bool:
    """"Elke deelnemer heeft één vaste trajectbegeleider die niet alleen het werk opvolgt, maar ook woning,
    schulden, gezondheid, justitie en familie": a single word after the person, in a list of life domains,
    is what that person follows, not a service of its own."""
    # (a word pair taken from two items of the list - "papieren, gezondheid, de school, geld" - is the list too)
    across_items = PAIR_JOINER in hit.term and any(hit.start <= index < hit.end - 1 for index, mark in info.unit.breaks if mark == ",")
    if hit.concept in followed or (hit.end - hit.start > DOMAIN_WORDS and not across_items):
        return False
    if info.unit.norm[hit.end - 1].endswith(ROLE_ENDINGS):
        return False  # "de casemanager roept ... de budgetbegeleider erbij": a person of a service, not a domain
    word = " " + info.unit.norm[hit.end - 1] + " "  # "sociaal netwerk": the domain is its last word
    for concept, domains in followed.items():
        people = [other.end for other in info.hits.get("service_types", ()) if other.concept == concept and other.end <= hit.start]
        if not people:
            continue
        text = " " + " ".join(info.unit.norm[min(people) :]) + " "
        named = sum(1 for entries in domains.values() if any(_names(text, entry) for entry in entries))
        if named >= DOMAIN_LIST and any(_names(word, entry) for entries in domains.values() for entry in entries):
            return True
    return False


POSSESSIVES = frozenset({"ons", "onze", "our"})
DOMAIN_WORDS = 2  # "schulden", "sociaal netwerk"


APART_FROM_THE_PROJECT = (("los", "van"), ("buiten", "dit"), ("buiten", "het"), ("apart", "from"))


def _apart_from_the_project(info: UnitInfo) -> bool:
    """A clause of its own at the end says the whole sentence is apart from the project ("..., los van dit project",
    "..., buiten het project om"); not "budgetbeheer staat los van dit project", which has its own subject."""
    norm = info.unit.norm
    for clause in info.clauses:
        if clause.start and tuple(norm[clause.start : clause.start + 2]) in APART_FROM_THE_PROJECT and "project" in norm[clause.start : clause.end]:
            return True
    return False


def _negated_in_sentence(info: UnitInfo, hit: Hit) -> bool:
    """The sentence names the same service again in another clause, to say in so many words that it is not
    offered ("zit niet in dit project")."""
    clause = info.clause(hit.start)
    phrases = info.cue("negation_phrases")
    return any(
        other.concept == hit.concept
        and (other_clause := info.clause(other.start)) != clause
        and any(other_clause[0] <= phrase.start < other_clause[1] for phrase in phrases)
        and status(info, other) is Status.NEGATED
        for other in info.hits.get("service_types", ())
    )


def _said_no_in_its_clause(info: UnitInfo, hit: Hit) -> bool:
    """Another mention of the same concept in the hit's clause is said no to."""
    clause = info.clause(hit.start)
    return any(
        other.concept == hit.concept and other != hit and info.clause(other.start) == clause
        and status(info, other) is Status.NEGATED
        for other in info.hits.get("service_types", ())
    )


def _people_do_not(info: UnitInfo, hit: Hit) -> bool:
    """The hit's clause says no about the people ("gaan ze niet", "zij willen niet") and nobody of the applicant
    acts in it (not a 'niet' further on: "zodat ze elkaar leren kennen en niet meer alleen zitten")."""
    start, end = info.clause(hit.start)
    norm = info.unit.norm
    if agents(info, start, end):
        return False
    return any(
        any(word in SUBJECT_THEY for word in norm[max(start, negation.start - 2) : negation.start])
        for negation in negations(info, start, end)
    )


BACKGROUND_WORDS = frozenset({"ervaring", "achtergrond", "experience", "background"})
BACKGROUND_LINKS = frozenset({"in", "met", "uit", "binnen", "de", "het", "with", "the"})


def _background_of_someone(info: UnitInfo, hit: Hit) -> bool:
    """The concept is someone's background: "iemand met ervaring in de verslavingszorg", "een achtergrond in de
    schuldhulpverlening" (only link words between the background word and the concept)."""
    norm = info.unit.norm
    index = hit.start - 1
    while index >= 0 and norm[index] in BACKGROUND_LINKS:
        index -= 1
    return index >= 0 and index < hit.start - 1 and norm[index] in BACKGROUND_WORDS


CONTACT_POINT_WORDS = ("aanspreekpunt", "contactpunt", "aanspreekpersoon", "contactpersoon")
# who else may get a fixed contact: "een vast aanspreekpunt voor onze psychologen", "voor de verhuurders"
OTHERS_THAN_PARTICIPANTS = (
    "verhuurder", "huisbaas", "huisbazen", "eigenaar", "werkgever", "school", "scholen", "partner", "huisarts",
    "dokter", "psycholo", "collega", "diensten", "organisaties", "team", "dossier",
)  # fmt: skip
CONTACT_POINT_REACH = 3  # "voor onze psychologen", "voor de private verhuurders"


def _contact_point_for_others(info: UnitInfo, hit: Hit) -> bool:
    """A fixed contact point the project gives to others than its participants: "afspraken over warme overdracht en
    een vast aanspreekpunt voor onze psychologen", "een vast aanspreekpunt voor de verhuurders"."""
    norm = info.unit.norm
    if not norm[hit.end - 1].startswith(CONTACT_POINT_WORDS) or norm[hit.end : hit.end + 1] != ["voor"]:
        return False
    return any(
        word.startswith(OTHERS_THAN_PARTICIPANTS) or names_staff(word)
        for word in norm[hit.end + 1 : hit.end + 1 + CONTACT_POINT_REACH]
    )


def _pair_reaching_into_a_no(info: UnitInfo, hit: Hit) -> bool:
    """Word pieces found together ("administratie" + "begeleid") whose last piece stands in another clause that
    says no: "Het kantoor blijft de administratieve basis; daar gebeurt geen begeleiding"."""
    if PAIR_JOINER not in hit.term:
        return False
    first, last = info.clause(hit.start), info.clause(hit.end - 1)
    return first != last and bool(negations(info, *last))


PAIR_JOINER = "+"  # how a 'together' hit names its pieces ("administratie+begeleid")


def _question(info: UnitInfo) -> bool:
    return info.unit.text.rstrip().rstrip("\"'\u201d\u2019)").endswith("?")


def _acting_clause(info: UnitInfo, hit: Hit) -> bool:
    """Someone acts in the mention's sentence (an agent or an offer verb; an enumeration after a comma shares
    the actor of its sentence), or a list item names a service."""
    if info.cue("agent") or info.cue("offer"):
        return True
    if info.unit.kind in ("bullet", "table") or len(info.unit.norm) <= LIST_ITEM_WORDS:
        return True  # "- lotgenotengroep voor moeders", "| Buddywerking | ja |", "4. Digitale vaardigheden."
    if hit.start and info.unit.norm[hit.start - 1] in POSSESSIVES:
        return True  # "In ons digipunt kunnen deelnemers terecht": the applicant's own service
    start, end = info.clause(hit.start)
    if any(start <= cue.start < end for cue in info.cue("service_nouns")):
        return True
    # "Laptop corner after cooking: itsme, e-mail, Smartschool": the list says what the service of its lead-in does;
    # "Kitchen traineeship "Kook & Werk" - women only": the dash adds who it is for
    lead_ins = [clause for clause in info.clauses if clause.separator in (":", "-") and clause.end <= hit.start]
    if not lead_ins:
        return False
    lead_in = lead_ins[-1]
    if RECURRING_RE.search(" ".join(info.unit.norm[lead_in.start : lead_in.end])):
        return True  # "Elke vrijdag een uur na de middag: smartphone, e-mail, itsme": a time slot and what it holds
    return any(lead_in.start <= cue.start < lead_in.end for cue in info.cue("service_nouns"))


SUBJECT_OPENINGS = frozenset(
    "de het een ze zij hij wij we ik dit dat die deze er men the a an they he she we i it this that there".split()
)


def _elaborates(info: UnitInfo, following: UnitInfo) -> bool:
    """The next sentence of the paragraph lists what the applicant just said it helps with, without a subject of its
    own: "... and we help them with whatever is stuck. Setting up itsme, reading their e-mails, online banking."""
    if following.unit.paragraph != info.unit.paragraph or not following.unit.norm or following.unit.kind != "sentence":
        return False
    if following.cue("agent") or following.unit.norm[0] in SUBJECT_OPENINGS or has_negation(following):
        return False
    return bool(agents(info)) and bool(info.cue("offer")) and not has_negation(info)


def _regional_need(info: UnitInfo, hit: Hit) -> bool:
    """The clause describes a need before naming the group, and nobody in it acts: "in onze regio is er veel
    generatiearmoede", "er zijn steeds meer vrouwen met een migratieachtergrond" (even under 'Doelgroep')."""
    start, end = info.clause(hit.start)
    if agents(info, start, end):
        return False
    return any(start <= cue.start < hit.start for cue in info.cue("context"))


NEGATION_REACH = 8


def _unnegated(info: UnitInfo) -> str:
    """The sentence's words without those a negation covers ("Stop bij de crèche mogelijk (geen hulp bij het
    zoeken naar een plaats)": the search is what is not offered), joined like Unit.joined."""
    norm = info.unit.norm
    covered: set[int] = set()
    for negation in info.cue("negation"):
        _, end = info.clause(negation.start)
        covered.update(range(negation.start, min(end, negation.start + NEGATION_REACH)))
    if not covered:
        return info.unit.joined
    return " " + " ".join(word for index, word in enumerate(norm) if index not in covered) + " "


def _acts(info: UnitInfo) -> bool:
    """The applicant says what it does in this sentence (not a heading, need or negation)."""
    return not info.unit.is_heading and bool(info.cue("offer")) and not has_negation(info)


def _with_action(info: UnitInfo, hit: Hit, service_pieces: tuple[str, ...]) -> bool:
    """The mention is a service ("verslavingsbegeleiding") or its clause says what is done ("we begeleiden
    jongeren met een verslaving"), not just a problem named ("ze hebben schulden")."""
    matched = info.unit.norm[hit.start : hit.end]
    if any(piece in word for word in matched for piece in service_pieces):
        return True
    start, end = info.clause(hit.start)
    if any(start <= cue.start < end for name in ("offer", "service_nouns") for cue in info.cue(name)):
        return True
    if _we_do_it(info, hit, start, end):
        return True  # "Wij vullen samen de formulieren in, ... en samen doen we Tax-on-web": the applicant acts
    if _taken_up_in_next_clause(info, end):
        return True  # "Mensen komen binnen met hun brieven, facturen en formulieren, en wij helpen ze die te lezen"
    # an enumeration after a service word: "6 workshops (budget opmaken, facturen begrijpen, ...)"
    if any(0 < hit.start - cue.start <= ENUMERATION_REACH for cue in info.cue("service_nouns")):
        return True
    # a list item is one offer: '- "Geld en papieren": een brief lezen, een budget bijhouden (module maatschappij)'
    if info.unit.kind in ("bullet", "table") and bool(info.cue("service_nouns") or info.cue("offer")):
        return True
    # someone who is there at set times is a service: "Een psychologe zit elke eerste donderdag in de kantine"
    return bool(RECURRING_RE.search(info.unit.folded))


def _taken_up_in_next_clause(info: UnitInfo, end: int) -> bool:
    """The clause after the mention, joined by 'en', has the applicant act on it with a pronoun that points back
    ("..., en wij helpen ze die te lezen")."""
    following = next((clause for clause in info.clauses if clause.start >= end), None)
    if following is None or info.unit.norm[following.start : following.start + 1] not in (["en"], ["and"]):
        return False
    inside = [cue for name in ("agent", "offer", "anaphor") for cue in info.cue(name) if following.start <= cue.start < following.end]
    return {cue.concept for cue in inside} == {"agent", "offer", "anaphor"} and not has_negation(info)


WE = frozenset({"we", "wij"})
WE_REACH = 6
OTHER_SUBJECTS = frozenset({"ze", "zij", "hij", "ik", "je", "jij", "u", "they", "he", "she", "i", "you"})


def _we_do_it(info: UnitInfo, hit: Hit, start: int, end: int) -> bool:
    """'we' or 'wij' right before the concept in its clause, in the present and without a no or a condition:
    "Wij vullen samen de formulieren in", "samen doen we Tax-on-web" (not "Ik ben opgegroeid in een sociale woning",
    "Met een steun zouden we vrijwilligers kunnen vormen over verslaving")."""
    norm = info.unit.norm
    # (or the sentence opens with it, and a list of what we do follows: "We lezen ze samen, leggen uit wat er moet
    # gebeuren, vullen formulieren in, kijken facturen na")
    listed = norm[:1] in (["we"], ["wij"]) and not (OTHER_SUBJECTS & set(norm[start : hit.start]))
    if not listed and not any(word in WE and 0 < hit.start - index <= WE_REACH for index, word in enumerate(norm[start:end], start)):
        return False
    if info.cue("observation") or info.cue("conditional") or has_negation(info):
        return False
    return not in_the_past(info, start, end)


WEEKDAYS = "|".join(WEEKDAY_NAMES)
RECURRING_RE = re.compile(
    rf"\b(?:elke|iedere|om de|every)\s+(?:\w+\s+)?(?:week|weken|maand|dag|{WEEKDAYS})\w*|"
    r"\b(?:wekelijks|tweewekelijks|maandelijks|weekly|monthly|fortnightly)\b|"
    r"\b\d+\s*(?:u|uur|uren|dag|dagen|hours?|days?)\s*(?:/|per|a)\s*(?:week|maand|month)\b|"
    r"(?:^|\s)'?s\s+(?:middags|avonds|morgens|ochtends|namiddags)\b"  # "'s middags zit hij met wie wil aan tafel"
)


ENUMERATION_REACH = 12


def _targeted(info: UnitInfo, hit: Hit, found: Status) -> bool:
    """A challenge's profile counts when the project offers to or aims at those people, or describes its own
    people outside a context part ("Veel van hen staan er alleen voor": 'hen' are the project's mothers).
    People it only happens to reach as well ("via de speel-o-theek bereiken we ook anderstalige mama's", "en
    af en toe een nieuwkomer") are not its target group."""
    if info.history or incidental(info, hit.start, hit.end) or _describes_persona(info, hit):
        return False
    if _case_handed_on(info, hit) or _describes_the_challenge(info):
        return False  # (the call's challenges described: "Uitdaging 1 gaat over kwetsbare moeders")
    if _question(info) or quoted(info, hit):
        return False  # a question is answered by what follows, the call's text is the call's ("Hoe kunnen we ...?")
    if (hit.term.startswith(SHARED) and hit.term != PROFILE_TERM and _one_of_a_list(info, hit)) or _one_of_many_groups(info, hit):
        return False  # "gezinnen: gepensioneerden, mensen met een leefloon, eenoudergezinnen (vooral alleenstaande mama's), ..."
    if _relatives_of(info, hit):
        return False  # "een vereniging van ouders en partners van mensen met een verslaving": the relatives are the group
    if found is Status.OFFER or (_about_target(info, hit, found) and not in_the_past(info, *info.clause(hit.start))):
        return True  # (not "In de eerste jaren baatten we een winteropvang uit voor dakloze mannen")
    if found is not Status.CONTEXT or info.context_section or info.persona_description:
        return False
    if info.section == TARGET_SECTION and _opens_with_subject_pronoun(info.unit):
        return True  # under 'Over wie gaat het': "Ze zijn naar hier gekomen via gezinshereniging" - the group's past
    if info.section == TARGET_SECTION and ABOUT_WHOM_RE.match(info.unit.folded):
        return True  # under the target group's heading: "Het gaat in de praktijk vaak om jonge moeders die ..."
    start, end = info.clause(hit.start)
    return any(word in OUR_PEOPLE for word in info.unit.norm[start:end])


ABOUT_WHOM_RE = re.compile(r"^(?:het|dit|dat) (?:gaat|gaan)\b[^.;:]{0,30}?\bom\b")
CASE_REACH = 3  # "Bij (ernstige) verslavingsproblemen ...": the problem right after the opening "bij"
KIN_WORDS = frozenset(
    "ouders partners partner familie familieleden naasten kinderen broers zussen mantelzorgers relatives families "
    "parents".split()
)
KIN_REACH = 6  # "ouders en partners van mensen met een verslaving"


def _relatives_of(info: UnitInfo, hit: Hit) -> bool:
    """The profile is that of the people whose relatives the project is for: "ouders en partners van mensen met een
    verslaving", "naasten van iemand met een psychische kwetsbaarheid"."""
    norm = info.unit.norm
    start, _ = info.clause(hit.start)
    if norm[start : start + 1] and norm[start] in SOMEONES and norm[start + 1 : start + 2] and norm[start + 1] in KIN_SUBJECTS:
        return True  # "Haar ex zit in de gevangenis", "Haar dochter verblijft in een ontwenningskliniek": a relative's lot
    for index in range(max(start, hit.start - KIN_REACH), hit.start - 1):
        if norm[index] in KIN_WORDS and norm[index + 1] in ("van", "of"):
            return True
    return False


KIN_SUBJECTS = frozenset(
    "ex partner man vrouw vriend vriendin zoon dochter vader moeder broer zus papa mama husband wife son daughter "
    "father mother brother sister".split()
)


def _case_handed_on(info: UnitInfo, hit: Hit) -> bool:
    """"Bij verslavingsproblemen schakelen we het CAD in": how a case is handled when it occurs, by a partner,
    not who the project is for."""
    norm = info.unit.norm
    if norm[:1] != ["bij"] or hit.start > CASE_REACH:
        return False
    return any(cue.start >= hit.end for cue in [*info.cue("partner_org"), *info.cue("referral")])


def _describes_persona(info: UnitInfo, hit: Hit) -> bool:
    """"de persona Chadia: een alleenstaande moeder die ...": the words describe a named persona, whose own
    challenge already counts; they do not add another one."""
    return any(
        persona.start < hit.start and info.unit.raw[persona.start][:1].isupper()
        for persona in info.hits.get("personas", ())
    )


GROUP_LIST = 3  # a list after a colon with this many items is a general clientele


def _one_of_a_list(info: UnitInfo, hit: Hit) -> bool:
    """The words are one item of a list after a colon ("210 gezinnen: gepensioneerden, ..., eenoudergezinnen
    (vooral alleenstaande mama's), een paar studenten, ...")."""
    colons = [index for index, clause in enumerate(info.clauses) if clause.separator == ":" and clause.end <= hit.start]
    if not colons:
        return False
    items = info.clauses[colons[-1] + 1 :]
    return len(items) >= GROUP_LIST and all(item.separator in (",", "") for item in items[:-1])


def _one_of_many_groups(info: UnitInfo, hit: Hit) -> bool:
    """The words are one group in a list of different groups ("Bij ons komen alleenstaande moeders,
    gepensioneerden, grote gezinnen, jonge werkende koppels", "een breed publiek: gepensioneerden met een klein
    pensioen, werkende alleenstaanden, jonge koppels, ..."): a general clientele, not the target group (unlike a
    list of what one group goes through: "mannen die drinken, drugs gebruiken, uit de gevangenis komen")."""
    own = next(index for index, clause in enumerate(info.clauses) if clause.start <= hit.start < clause.end)
    groups = [cue.start for cue in info.cue("groups")]
    run = [own]
    for index in range(own + 1, len(info.clauses)):  # the items after this one
        clause = info.clauses[index]
        if info.clauses[index - 1].separator != "," or clause.end - clause.start > _item_words(info, clause.start):
            break
        if not any(clause.start <= start < clause.end for start in groups):
            break
        run.append(index)
    for index in range(own - 1, -1, -1):  # and before it, back to a colon
        clause = info.clauses[index]
        if clause.separator != "," or clause.end - clause.start > GROUP_ITEM_WORDS + 2:
            break
        if not any(clause.start <= start < clause.end for start in groups):
            break
        run.append(index)
    return len(run) >= GROUP_LIST


GROUP_ITEM_WORDS = 7  # "grote gezinnen", "gezinnen met een leefloon of een werkloosheidsuitkering"
DESCRIBED_ITEM_WORDS = 16  # "mensen die al tien jaar tussen het OCMW en de VDAB heen en weer worden gestuurd"


def _item_words(info: UnitInfo, start: int) -> int:
    """How long an item of a list of groups may be: longer when it is a group with its relative clause."""
    norm = info.unit.norm
    described = any(cue.start == start for cue in info.cue("groups")) and norm[start + 1 : start + 2] == ["die"]
    return DESCRIBED_ITEM_WORDS if described else GROUP_ITEM_WORDS


OUR_PEOPLE = frozenset({"hen", "sommigen", "velen", "them"})  # "veel van hen", not every "ze"


def _aimed_at(info: UnitInfo, hit: Hit, found: Status) -> bool:
    """An excluded group counts only when the applicant says it aims at it ("ons project richt zich op")."""
    if found not in (Status.OFFER, Status.TARGET) or incidental(info, hit.start, hit.end):
        return False  # "Een paar mama's hebben een universitair diploma": some among them, not the target group
    if info.unit.norm[hit.end : hit.end + 1] in (["worden"], ["maken"]):
        return False  # "deelnemers die arbeidsrijp worden": where the project leads them, not who they are
    if info.context_section:
        return False  # under 'Waarom dit project?': the region's people, not yet the project's
    if _says_no_to_the_group(info):
        return False  # "..., zijn niet onze groep", "horen niet tot onze doelgroep", "helpen wij daar niet mee"
    # "Die mensen hebben verder geen problemen", "Voor hen is vervoer echt het enige probleem": the people the
    # applicant works with
    return bool(agents(info) or info.cue("target") or info.section == "doelgroep" or THEY & set(info.unit.norm))


THEY = frozenset({"ze", "zij", "hen", "die", "they", "them"})
VERDICT_NOUNS = frozenset({"groep", "doelgroep", "bedoeld", "project", "aanbod", "target", "group"})
VERDICT_REACH = 4  # "niet onze groep", "horen niet tot onze doelgroep", "is dit project niet bedoeld"


def _says_no_to_the_group(info: UnitInfo) -> bool:
    """A 'no' near the words for the target group or the project, or the applicant's own 'no' in a clause."""
    norm = info.unit.norm
    for negation in negations(info):
        near = norm[max(0, negation.start - VERDICT_REACH) : negation.start + VERDICT_REACH + 1]
        if VERDICT_NOUNS & set(near):
            return True
    return any(clause_negated(info, clause.start, clause.end) for clause in info.clauses)


def _ruled_out_in_paragraph(candidates: list[Candidate], infos: Sequence[UnitInfo]) -> list[Candidate]:
    """An excluded group described and then ruled out in the same paragraph ("Er zijn ook zusters met een
    diploma van de universiteit ... Voor hen is dit project niet bedoeld.") is not aimed at."""
    verdicts: dict[ParagraphKey, list[int]] = {}
    for order, info in enumerate(infos):
        if info.cue("negation_verdict") and BACK_REFERENCES & set(info.unit.norm):
            verdicts.setdefault(_paragraph_key(info), []).append(order)
    # the verdict points back to the sentence right before it ("... Voor hen is dit project niet bedoeld"), not to
    # the target group stated further up the paragraph
    return [
        c
        for c in candidates
        if not any(0 < order - c.order <= VERDICT_SENTENCES for order in verdicts.get(_paragraph_key(infos[c.order]), ()))
    ]


VERDICT_SENTENCES = 2  # sentences between the group described and the verdict that points back to it


BACK_REFERENCES = frozenset({"hen", "hun", "zij", "ze", "deze", "die", "them", "they", "those"})


CHALLENGE_NUMBER_RE = re.compile(
    r"\b(?:regio\s?)?uitdaging(?:en)?\s+((?:\d|een|twee|drie|vier|vijf)(?:\s*(?:,|en|&|\+|/)\s*(?:\d|een|twee|drie|vier|vijf))*)\b"
)
ORDINAL_CHALLENGE_RE = re.compile(r"\b(eerste|tweede|derde|vierde|vijfde)\s+(?:regio\s?)?uitdaging\b")
NUMBER_WORDS = {"een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "vijfde": 5}


def _challenge_numbers(unit: Unit) -> list[int]:
    """Numbers of the regional challenges a sentence names: "uitdaging 1 en 3", "de tweede regio-uitdaging"."""
    text = " ".join(unit.norm)
    numbers: list[int] = []
    for match in CHALLENGE_NUMBER_RE.finditer(text):
        for part in re.findall(r"\d|een|twee|drie|vier|vijf", match.group(1)):
            numbers.append(int(part) if part.isdigit() else NUMBER_WORDS[part])
    for match in ORDINAL_CHALLENGE_RE.finditer(text):
        numbers.append(NUMBER_WORDS[match.group(1)])
    return numbers


DESCRIBING_WORDS = frozenset({"gaat", "over", "draait", "beschrijft", "handelt", "focust"})
NUMBER_TOKENS = frozenset({"1", "2", "3", "een", "twee", "drie"})
# the applicant as a group taking a challenge on ("Wij kiezen voor uitdaging 2"), not a writer who read about it
# ("Ik heb in jullie tekst gelezen dat regio-uitdaging 2 over mannen gaat")
TAKING_ON = frozenset({"we", "wij", "ons", "onze"})


def _describes_the_challenge(info: UnitInfo) -> bool:
    """"Uitdaging 1 gaat over kwetsbare moeders, uitdaging 2 over mannen met een verslaving", "Ik heb gelezen dat
    regio-uitdaging 2 over mannen gaat": what the call's challenge is about, said by nobody who takes it on."""
    norm = info.unit.norm
    for index, word in enumerate(norm[:-2]):
        if word.startswith("uitdaging") and norm[index + 1] in NUMBER_TOKENS and norm[index + 2] in DESCRIBING_WORDS:
            start, end = info.clause(index)
            return not any(agent.term.split()[0] in TAKING_ON for agent in agents(info, start, end))
    return False


def _challenge_candidates(
    infos: Sequence[UnitInfo], lexicon: Lexicon, call: CallConfig, personas: list[Candidate]
) -> list[Candidate]:
    ids_by_number = {int(m.group(1)): cid for cid in call.challenges if (m := re.search(r"(\d+)$", cid))}
    candidates: list[Candidate] = []
    for order, info in enumerate(infos):
        if info.unit.is_heading or info.unit.kind == "row":
            continue
        declined = _declined_soon_after(infos, order)
        for number in _challenge_numbers(info.unit):
            if declined:
                break
            concept = ids_by_number.get(number)
            position = next((i for i, word in enumerate(info.unit.norm) if word.startswith("uitdaging")), 0)
            hit = Hit(concept or "", position, position + 1, "uitdaging")
            if concept and status(info, hit) not in NOT_NAMED and not _left_out_later(info, hit) and not quoted(info, hit):
                if not _describes_the_challenge(info):
                    candidates.append(Candidate(concept, info.unit, position, 4, order, "uitdaging"))
    for persona in personas:
        for challenge_id, challenge in call.challenges.items():
            if persona.concept in challenge.personas:
                candidates.append(Candidate(challenge_id, persona.unit, persona.token, 3, persona.order, persona.term))
    echoed = _profiles_echoed_in_target(infos, lexicon)
    candidates.extend(_mentions(
        infos, "challenges",
        lambda info, hit, found: _targeted(info, hit, found) or (
            hit.term.startswith(SHARED) and found is Status.CONTEXT and info.context_section and hit.concept in echoed
        ),
    ))
    return _without_yielding(candidates, lexicon.spec.challenges)


def _profiles_echoed_in_target(infos: Sequence[UnitInfo], lexicon: Lexicon) -> set[str]:
    """Challenges whose people the target group part names again ("Wat we zien: ... een mama die er alleen voor staat,
    psychische klachten, ..." and then "Voor wie: voor moeders in een kwetsbare situatie"): a profile told under a
    context heading ('Wat we zien', 'Situering') then describes the project's own people."""
    echoed: set[str] = set()
    for key, terms in lexicon.spec.challenges.items():
        if not terms.profile:
            continue
        who = tuple(fold(piece) for piece in terms.profile[0])
        if any(
            info.section == TARGET_SECTION and not info.context_section and not has_negation(info)
            and _trait_at(info, who, WHO_ENDING) is not None
            for info in infos
        ):
            echoed.add(key)
    return echoed


def _without_yielding(candidates: list[Candidate], terms: Mapping[str, Terms]) -> list[Candidate]:
    """A challenge found only through words it shares with another ("een flink deel staat er alleen voor" in a
    proposal for newcomer mothers) yields when that other challenge is found through its own words; so does an
    excluded group ("klaar om te werken" said of graduates whose diploma is not recognised)."""
    own = {c.concept for c in candidates if not c.term.startswith(SHARED)}
    yielding = {concept for concept in {c.concept for c in candidates} - own if set(terms[concept].yields_to) & own}
    return [c for c in candidates if c.concept not in yielding]


# A persona or challenge named in a negation, a maybe-later plan, a referral or a heading is not targeted.
NOT_NAMED = frozenset({Status.NEGATED, Status.CONDITIONAL, Status.REFERRAL, Status.HEADING, Status.INSTRUCTION})


def _persona_candidates(infos: Sequence[UnitInfo], lexicon: Lexicon) -> list[Candidate]:
    """Personas named as such: capitalised, not negated or conditional, and not a real person who happens to
    share the name ("John Peeters", "onze vrijwilligster Nora", "ik ben Roy", "Onze koster, Marcel, zegt")."""
    names = {word.lower() for terms in lexicon.spec.personas.values() for word in terms.phrases}
    candidates: list[Candidate] = []
    real_people: set[str] = set()  # names the proposal uses for a real person somewhere
    left_out: set[str] = set()  # personas the proposal explicitly leaves out ("valt buiten onze doelgroep")
    for order, info in enumerate(infos):
        hits = [hit for hit in info.hits.get("personas", ()) if info.unit.raw[hit.start][:1].isupper()]
        if len({hit.concept for hit in hits}) >= PERSONA_LIST and not (
            (info.cue("target") and not _the_call_aims(info)) or (agents(info) and info.cue("offer"))
            or (info.section == TARGET_SECTION and FOCUS_WORDS & set(info.unit.norm))
        ):
            # "zes persona's (Marlies, Nora, Marcel, Roy, John en Chadia)": the call's method, not a target; nor
            # "De persona's uit het addendum (...) herkennen we in onze gemeente": what the applicant sees
            continue
        if _declined_soon_after(infos, order):
            continue  # "Het addendum noemt ook regio-uitdaging 1 (Marlies en Nora). Daarvoor dienen wij niet in."
        if _question(info):
            continue  # "Zijn dat de persona's Marcel, Roy en John uit het addendum?": the answer says
        for hit in hits:
            if info.unit.norm[hit.start - 1 : hit.start] == ["naam"]:
                continue  # "De naam Marcel staat ook in het addendum, maar dat is toeval": the name, not the persona
            if _said_not_to_be(info, hit):
                continue  # "onze Marcel is niet de Marcel uit jullie addendum", "niet de Marlies of Nora uit het addendum"
            if _real_person(info, hit, names) and not _from_the_call(info, hit):
                real_people.add(hit.concept)
                continue
            if incidental(info, hit.start, hit.end):
                continue  # "Marcel is een generatie ouder; die zien we hier zelden"
            if quoted(info, hit):
                continue  # '"Regio-uitdaging 2 gebaseerd op persona Marcel, Roy en John: Hoe kunnen we ...': the call quoted
            if _the_calls_priority(info, hit):
                continue  # "we read the addendum and we know the priority goes to Chadia, Marlies, Nora"
            found = status(info, hit)
            if found not in NOT_NAMED and _aside_of_a_refusal(info, hit):
                continue  # "Vrouwen - in het addendum Marlies en Nora - kunnen hier niet terecht"
            explicit = _left_out_later(info, hit) or (found is Status.NEGATED and _left_out_here(info, hit))
            if explicit:
                left_out.add(hit.concept)  # an explicit "valt buiten onze doelgroep" outweighs other mentions
                # ... for the names listed before it too: "de persona's Marcel, Roy en John ... niet tot de doelgroep"
                first = _first_of_listed_names(info, hit)
                left_out.update(other.concept for other in hits if first <= other.start < hit.start)
            # a heading that names the project's group still names the persona ("Groep 2 - nieuwkomende moeders
            # (persona Chadia, regio-uitdaging 3)")
            group_heading = (
                found is Status.HEADING and heading_scope(info) is None and not has_negation(info)
                and _heading_names_its_group(infos, order)
            )
            if (found in NOT_NAMED and not group_heading) or explicit:
                continue
            candidates.append(Candidate(hit.concept, info.unit, hit.start, 2, order, hit.term))
    return [
        candidate
        for candidate in candidates
        if candidate.concept not in left_out
        and (candidate.concept not in real_people or _names_the_call(infos[candidate.order]))
    ]


def _aside_of_a_refusal(info: UnitInfo, hit: Hit) -> bool:
    """The name stands in an aside between dashes whose sentence goes on to say no or to send elsewhere ("Vrouwen -
    in het addendum Marlies en Nora - kunnen in het herstelhuis niet terecht", "Wie met meerdere problemen zit - de
    persona's zoals Nora of Chadia - hoort bij de trajectbegeleiders van het OCMW")."""
    clauses = info.clauses
    index = next((i for i, clause in enumerate(clauses) if clause.start <= hit.start < clause.end), None)
    if index is None or index == 0 or index + 1 >= len(clauses):
        return False
    if clauses[index - 1].separator != "-" or clauses[index].separator != "-":
        return False
    following = clauses[index + 1]
    said_no = [cue for cue in info.cue("negation") if following.start <= cue.start < following.end]
    refers = any(following.start <= cue.start < following.end for cue in [*info.cue("referral"), *info.cue("negation_phrases")])
    belongs = info.unit.norm[following.start : following.start + 2] in (["hoort", "bij"], ["horen", "bij"])
    return bool(said_no) or refers or belongs


def _names_the_call(info: UnitInfo) -> bool:
    return any(word in info.unit.joined for word in CALL_WORDS)


CALL_REACH = 8
PRIORITY_WORDS = frozenset({"prioriteit", "voorrang", "priority", "focus", "nadruk"})
CONTRAST_WORDS = frozenset({"maar", "echter", "but", "however"})


def _the_calls_priority(info: UnitInfo, hit: Hit) -> bool:
    """After naming the call, the sentence says whom the call gives priority, nobody of the applicant acts between
    that and the name, and the sentence goes on to set the applicant apart ("we read the addendum and we know the
    priority goes to Chadia, Marlies, Nora ..., and that highly educated newcomers ... are not the focus"): what the
    call asks, not whom the applicant reaches (unlike "Het addendum geeft voorrang aan Marlies en Nora, en net die
    moeders willen wij bereiken")."""
    norm = info.unit.norm
    priority = next((index for index in range(hit.start - 1, -1, -1) if norm[index] in PRIORITY_WORDS), None)
    if priority is None or not any(word in " " + " ".join(norm[:priority]) for word in CALL_WORDS):
        return False
    contrast = CONTRAST_WORDS & set(norm[hit.end :]) or any(cue.start >= hit.end for cue in info.cue("negation"))
    return bool(contrast) and not agents(info, priority, hit.start)


def _the_call_aims(info: UnitInfo) -> bool:
    """Each word of aim in the sentence has the call for its subject: "We know the partnership focuses on the
    personas Marlies, Nora, ...", "Het addendum richt zich op ..." (not "Wij richten ons op ...")."""
    norm = info.unit.norm
    for target in info.cue("target"):
        start, _ = info.clause(target.start)
        call = next(
            (index for index in range(target.start - 1, start - 1, -1) if any(
                (" " + norm[index]).startswith(word) for word in CALL_OR_PARTNERSHIP_WORDS
            )),
            None,
        )
        if call is None or agents(info, call + 1, target.start):
            return False  # ("we know the partnership focuses on": nobody of the applicant between the call and its aim)
    return True


def _from_the_call(info: UnitInfo, hit: Hit) -> bool:
    """"de Marlies uit jullie addendum", "De Roy's en de John's uit jullie persona's": the call's persona all
    the same (call words later in the same clause)."""
    end = min(info.clause(hit.start)[1], hit.end + CALL_REACH)
    # (up to the name's next mention: in "onze Marcel is niet de Marcel uit jullie addendum" the call's words are
    # the second's)
    end = min([end, *(other.start for other in info.hits.get("personas", ()) if other.start >= hit.end and other.concept == hit.concept)])
    after = " " + " ".join(info.unit.norm[hit.end : end]) + " "
    if any(word in after for word in CALL_WORDS):
        return True
    # ... or a lead-in that names the call: "In de taal van het addendum: het zijn de Marlies'en en de Nora's van
    # onze dorpen"
    start, _ = info.clause(hit.start)
    lead_in = next((clause for clause in info.clauses if clause.end == start and clause.separator == ":"), None)
    if lead_in is None or not IN_THE_CALLS_WORDS & set(info.unit.norm[lead_in.start : lead_in.end]):
        return False  # (not "... lokaal addendum Haspengouw Contactpersoon: Roy Lenaerts")
    before = " " + " ".join(info.unit.norm[lead_in.start : hit.start]) + " "
    return any(word in before for word in CALL_WORDS)


IN_THE_CALLS_WORDS = frozenset({"taal", "woorden", "termen", "zoals", "volgens", "language", "words", "terms"})


PERSONA_LIST = 4  # a sentence naming this many personas lists the call's personas
TARGET_SECTION = "doelgroep"
# "Onze doelgroep: iedereen ..., en in het bijzonder alle persona's uit het addendum: Marlies, Nora, ..."
FOCUS_WORDS = frozenset({"bijzonder", "vooral", "specifiek", "especially", "particular"})


def _said_not_to_be(info: UnitInfo, hit: Hit) -> bool:
    """The name follows "niet de", directly or further on in the same list of names."""
    index = _first_of_listed_names(info, hit)
    return info.unit.norm[max(0, index - 2) : index] in (["niet", "de"], ["not", "the"])


def _first_of_listed_names(info: UnitInfo, hit: Hit) -> int:
    """Where a list of persona names that ends with this one starts ("Marlies of Nora", "Roy, John")."""
    starts = {other.start for other in info.hits.get("personas", ())}
    commas = {index for index, separator in info.unit.breaks if separator == ","}
    norm = info.unit.norm
    index = hit.start
    while True:
        if index >= 2 and norm[index - 1] in LIST_JOINERS and index - 2 in starts:
            index -= 2
        elif index >= 1 and index - 1 in starts and index - 1 in commas:
            index -= 1  # "Marcel, Roy en John"
        else:
            return index


def _declined_in_next_sentence(infos: Sequence[UnitInfo], order: int) -> bool:
    """The next sentence of the paragraph points back and says no: "Daarvoor dienen wij niet in", "Ons aanbod staat
    open voor moeders met een migratieachtergrond, maar het is niet specifiek op hen gericht"."""
    following = _next_in_paragraph(infos, order)
    if following is None:
        return False
    if infos[order].unit.kind == "label" and _declined_in_next_sentence(infos, order + 1):
        return True  # "- Uitdaging 2 (Marcel, Roy en John): verslaving en dakloosheid. Dat past niet bij ons werk."
    if following.unit.norm[0] in POINTING_BACK and has_negation(following):
        return True
    if following.cue("contrast"):
        return True  # "... de persona's Marcel, Roy en John: ... Wij herkennen er stukjes van, maar onze bewoners zijn anders"
    if following.unit.norm[0] in ("dat", "dit") and any(phrase.start <= 2 for phrase in following.cue("negation_phrases")):
        return True  # "Uitdaging 2 (Marcel, Roy en John): ... Dat past niet bij ons werk"
    # "Die vrouwen zijn welkom bij ons, maar we zijn niet de organisatie met de beste expertise voor hen"
    opens_on_them = following.unit.norm[0] in ("die", "deze") and any(cue.start == 1 for cue in following.cue("groups"))
    if opens_on_them and any(clause_negated(following, clause.start, clause.end) for clause in following.clauses):
        return True
    return _says_no_about_them(following)


def _declined_soon_after(infos: Sequence[UnitInfo], order: int) -> bool:
    """Declined in the next sentence, or in the one after when the sentence between goes on about the same people
    ("... (het profiel van de persona Chadia). In onze gemeenten zijn zij een kleine groep; ze volgen NT2 bij het
    CVO. Wij richten ons niet specifiek op hen.")."""
    if _declined_in_next_sentence(infos, order):
        return True
    following = _next_in_paragraph(infos, order)
    after = _next_in_paragraph(infos, order + 1)
    if following is None or after is None:
        return False
    goes_on = bool(SUBJECT_THEY & set(following.unit.norm[:THEY_REACH])) and not following.cue("groups")
    return goes_on and not after.cue("groups") and _says_no_about_them(after)


def _next_in_paragraph(infos: Sequence[UnitInfo], order: int) -> UnitInfo | None:
    if order + 1 >= len(infos):
        return None
    following = infos[order + 1]
    if _paragraph_key(following) != _paragraph_key(infos[order]) or following.unit.norm[:1] == []:
        return None
    return following


def _says_no_about_them(info: UnitInfo) -> bool:
    """A sentence that says no about the people named before: "niet specifiek op hen gericht", "Onze senioren
    passen niet in die profielen", or sends them elsewhere ("We verwijzen hen door", "voor hen verwijzen we naar
    het Agentschap"; not "met een busje brengen we hen naar hun werkplek")."""
    norm = info.unit.norm
    people = [anaphor for anaphor in info.cue("anaphor") if anaphor.term in PEOPLE_ANAPHORS]
    if any(
        any(start <= anaphor.start < end for anaphor in people)
        for phrase in info.cue("negation_phrases")
        for start, end in [info.clause(phrase.start)]
    ):
        return True
    profiles = [index for index, word in enumerate(norm[1:], 1) if norm[index - 1] in ("die", "deze") and word.startswith(PROFILE_NOUNS)]
    if any(negations(info, *info.clause(index)) for index in profiles):
        return True  # "Onze senioren passen niet in die profielen"
    return any(
        phrase.term.startswith(REFERRING) and any(phrase.start - PEOPLE_REACH <= anaphor.start <= phrase.end for anaphor in people)
        for phrase in info.cue("referral")
    )


SUBJECT_THEY = frozenset({"zij", "ze", "they"})
THEY_REACH = 6
PROFILE_NOUNS = ("profiel", "persona")  # "die profielen", "deze persona's"
PEOPLE_ANAPHORS = frozenset({"hen", "them"})
PEOPLE_REACH = 3
REFERRING = ("verwij", "doorverwij", "refer")


# "de persona Roy", "Nora uit het addendum" is the persona even when a real Roy or Nora signs the proposal
CALL_WORDS = (
    " persona", " addendum", " uitdaging", " oproep", " jullie tekst", " uw tekst", " your text", " jullie document",
    " uw document",
)
CALL_OR_PARTNERSHIP_WORDS = (*CALL_WORDS, " partnerschap", " partnership")  # who sets the call's aims
# "Nora van het addendum", "Roy van de regio-uitdaging": the word after "van de/het" that keeps the persona
CALL_STEMS = ("addendum", "oproep", "persona", "uitdaging", "regio", "call", "tekst")


def _real_person(info: UnitInfo, hit: Hit, names: set[str]) -> bool:
    """A real person with a persona's name: a first and last name ("John Peeters", not "John (RU2)"), a role
    right before the name ("vrijwilligster Nora") or an apposition after a possessive ("onze koster, Marcel")."""
    raw = info.unit.raw
    if re.search(rf"\b{re.escape(raw[hit.start])}\s*<[^>\s]+@", info.unit.text):
        return True  # "Van: Roy <vuurtoren.herstelgroep@gmail.com>": the sender
    word = info.unit.norm[hit.end - 1]
    if info.unit.norm[hit.end : hit.end + 1] == ["s"] or (word.endswith("s") and word[:-1] in names):
        return False  # a name in the plural ("de Chadia's van Sint-Truiden", "de Marcels van onze wijk"): a kind of people
    following = raw[hit.start + 1] if hit.start + 1 < len(raw) else ""
    if following[:1].isupper() and following.lower() not in names and len(following) > 1:
        if not any(ch.isdigit() for ch in following) and not _bracketed_after(info.unit.text, raw[hit.start]):
            return True
    if any(0 <= hit.start - cue.end <= 1 for cue in info.cue("not_persona")):
        return True
    if any(0 < cue.start - hit.end <= APPOSITION_REACH for cue in info.cue("not_persona")):
        return True  # "Chadia, een van onze vaste vrijwilligsters, leidt die groep"
    after = info.unit.norm[hit.start + 1 : hit.start + 1 + AGE_REACH]
    if after[:1] == ["die"] and len(after) == AGE_REACH and _an_age(after[1], after[2]):
        return True  # "en Roy, die negen is": a child of the family in the story (not "Chadia, die drie kinderen heeft")
    if after[:1] == ["die"] and re.search(rf"\b{re.escape(raw[hit.start])},\s+die\b[^.;:]*\b(?:19|20)\d\d\b", info.unit.text):
        return True  # "Roy, die hier zelf in 2019 begon als gast en nu bij ons in dienst is": someone's own history
    partner = raw[hit.start + 2] if hit.start + 2 < len(raw) else ""
    if following.lower() in LIST_JOINERS and partner[:1].isupper() and partner.lower() not in names:
        return True  # "Marlies en Jos, twee gepensioneerde kleuterjuffen": a persona is not listed with a real person
    name = re.escape(raw[hit.start])
    listed = re.search(rf"\b{name}\s*\([^)]*\)\s*(?:en|of|and)\s+([A-Z]\w+)", info.unit.text)
    if listed and listed.group(1).lower() not in names:
        return True  # "Marcel (gepensioneerd boekhouder) en Lieve (vroeger bediende op het OCMW)"
    before = set(info.unit.norm[max(0, hit.start - NAMING_REACH) : hit.start])
    if NAMING_WORDS & before and FIRST_PERSON & before and NAMED_PEOPLE & before:
        # "we noemen hem hier John, want hij wil niet herkend worden": someone under another name (not "Het
        # addendum noemt hen Marcel, Roy en John")
        return True
    if following == "van" and any(hit.start + 2 <= org.start <= hit.start + 3 for org in info.cue("partner_org")):
        return True  # "Nora van het OCMW Nieuwerkerken belde": someone of an organisation
    of_whom = info.unit.norm[hit.start + 2 : hit.start + 4]
    if following == "van" and of_whom[:1] in (["de"], ["het"]) and len(of_whom) == 2 and not of_whom[1].startswith(CALL_STEMS):
        return True  # "de soep krijgen we van Marcel van de frituur": someone of a place (not "Nora van het addendum")
    if following == "uit" and hit.start + 2 < len(raw) and raw[hit.start + 2][:1].isupper():
        return True  # "Marcel uit Herk-de-Stad (71 jaar)": someone from a town (the call's persona is "uit het addendum")
    if re.search(rf"\b{name}\s*\(\d{{1,2}}(?:\s*jaar)?\)", info.unit.text):
        return True  # "Marcel (82) zegt het zo": someone's age
    if re.search(rf"\b{name},\s*\d{{1,2}}\s*(?:,|jaar\b|\))", info.unit.text):
        return True  # "(Nora, 34, mama van drie)": someone's age
    if re.search(rf"\b{name},\s*(?:[A-Z]\.\s*)+(?:[,&(]|$)|&\s*{name}\b", info.unit.text):
        return True  # "Vandeputte, K. & Roy, M. (2019)": an author in a reference, surname and initials
    if re.search(rf"\b{name}\s*\([^)]*{CHANGED_NAME}", info.unit.text, re.IGNORECASE):
        return True  # "Roy (19, naam veranderd) belde ons": a real client under another name
    if hit.start == 0 and info.unit.norm[1:2] and info.unit.norm[1] in RUNNING_VERBS:
        return True  # "Chadia leidt het praatcafé": someone who runs an activity is staff, not a client
    if after[:1] == ["die"] and RUNNING_VERBS & set(info.unit.norm[hit.start + 2 : info.clause(hit.start + 1)[1]]):
        return True  # "Roy, die de groep mee trekt, is twaalf jaar droog": who runs the group
    if info.unit.norm[hit.end : hit.end + 2] in (["bij", "ons"], ["bij", "mij"]) and in_the_past(info, *info.clause(hit.start)):
        return True  # "Twee jaar geleden hadden we Roy bij ons in een artikel 60": someone who was with us
    if hit.start == 0 and re.match(rf"{name},\s+(?:een|a|an)\s", info.unit.text) and not _names_the_call(info):
        return True  # "Chadia, een jonge vrouw uit Syrië, is de lieveling van de koffienamiddag": someone introduced
    if hit.start == 0 and re.match(rf"{name},\s+de\s+\w+\s+van\s+(?:een|onze|ons|mijn)\b", info.unit.text):
        if not _names_the_call(info):
            return True  # "Marlies, de mama van een van onze deelnemers, zei het zo": someone of the applicant's
    before = info.unit.norm[max(0, hit.start - 2) : hit.start]
    # "De Marcel van de frituur": in Flemish speech a name with an article is someone you know; not "het zijn de
    # Marcel, Roy en John van regio-uitdaging 2", "de Roy's en John's": the call's people as a kind
    if before and before[-1] in ARTICLES and not names & set(info.unit.norm[hit.end : hit.end + PERSONA_LIST_REACH]):
        return True
    if before and before[-1] in POSSESSIVE_WORDS:
        return True  # "Onze Nora, een gepensioneerde kleuterjuf, heeft dat al toegezegd"
    if before[-2:] in (["van", "hen"], ["van", "ons"], ["of", "them"], ["of", "us"]):
        return True  # "Eén van hen, Nora, begeleidt nu al de kookgroep"
    after_name = info.unit.norm[hit.end : hit.end + 2]
    if after_name[:1] and after_name[0] in POSSESSIVE_WORDS and not after_name[1:2] == ["persona"]:
        return True  # "Marcel, onze koster, zorgt voor de sleutel"
    opening = info.unit.norm[max(0, hit.start - 3) : hit.start]
    if len(opening) == 3 and opening[0] in POSSESSIVE_WORDS and opening[2] in NAMING_VERBS:
        role = hit.start - 2  # "Onze kok is Marcel", "mijn collega heet Nora"; not "Onze doelgroep is Marlies"
        if not any(cue.start <= role < cue.end for cue in info.cue("target")) and not opening[1].startswith("persona"):
            return True
    # "onze kok Marcel"; not "we richten ons op Roy", where "ons" is the reflexive pronoun before a preposition
    return (
        len(before) == 2 and before[0] in POSSESSIVE_WORDS and not before[1].startswith("persona")
        and before[1] not in PREPOSITIONS
    )


ARTICLES = frozenset({"de", "den"})
PERSONA_LIST_REACH = 3  # "de Roy's en John's": another persona's name within this many words
RUNNING_VERBS = frozenset({"leidt", "geeft", "trekt", "coördineert", "coordineert", "organiseert", "runs", "leads"})
NAMING_VERBS = frozenset({"is", "heet", "was"})
NAMING_WORDS = frozenset({"noemen", "noem", "noemt", "noemden"})
NAMED_PEOPLE = frozenset({"hem", "haar", "hen", "ze", "zijn"})
NAMING_REACH = 4
CHANGED_NAME = r"(?:echte naam|naam veranderd|naam gewijzigd|schuilnaam|fictieve naam|andere naam|name changed|real name|haar naam|zijn naam|her name|his name)"
PREPOSITIONS = frozenset({"op", "aan", "naar", "voor", "met", "bij", "tot", "on", "to", "at", "for", "with"})
LIST_JOINERS = frozenset({"en", "of", "and", "or", "&"})
AGE_REACH = 3
APPOSITION_REACH = 6


def _an_age(number: str, following: str) -> bool:
    """"negen is", "14 jaar": an age."""
    return (number.isdigit() or number in NUMBER_NAMES) and following in ("is", "jaar", "was")
NUMBER_NAMES = frozenset(
    "een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien vijftien zestien zeventien "
    "achttien negentien twintig".split()
)


def _bracketed_after(text: str, name: str) -> bool:
    """"Roy en John (RU2)": what follows the name in brackets is a note, not a last name."""
    return bool(re.search(rf"\b{re.escape(name)}\s*\(", text))


def _left_out_here(info: UnitInfo, hit: Hit) -> bool:
    """The persona's own clause leaves it out in so many words ("De persona Marcel valt buiten onze doelgroep"),
    not just any negation ("we laten Marlies niet los")."""
    start, end = info.clause(hit.start)
    first = _first_of_listed_names(info, hit)  # "Onze gasten zijn geen Roy of John": John too
    if any(0 < first - cue.start <= 2 for cue in info.cue("negation")):
        return True  # "Our participants are not Chadia", "Onze mensen zijn geen Marcel"
    return any(start <= cue.start < end for cue in info.cue("negation_phrases"))


def _left_out_later(info: UnitInfo, hit: Hit) -> bool:
    """The persona opens the sentence and its verb, in a later clause, leaves it out: "De persona's Marcel en
    John, bij wie ..., horen niet tot onze doelgroep", "de profielen van Marlies ... vallen buiten de scope"."""
    _, end = info.clause(hit.start)
    if any(_relative_refusal(info, index, end) for index in range(hit.end, end)):
        return True  # "De profielen van Marlies en Nora vragen een welzijnsaanpak die wij niet kunnen bieden"
    if agents(info, 0, end) or any(clause.end == end and clause.separator in (";", ":", "|") for clause in info.clauses):
        return False
    for clause in info.clauses:
        if clause.start < end:
            continue
        if info.cue("negation_phrases") and any(clause.start <= cue.start < clause.end for cue in info.cue("negation_phrases")):
            return True
        if _relative_refusal(info, clause.start, clause.end):
            return True
        if clause.separator in (";", ":") or agents(info, clause.start, clause.end):
            return False
    return False


def _relative_refusal(info: UnitInfo, start: int, end: int) -> bool:
    """A relative clause in which the applicant says it cannot or does not offer it: "die wij als
    onderwijsinstelling niet kunnen bieden"."""
    norm = info.unit.norm
    return (
        norm[start] in ("die", "dat", "which")
        and bool(agents(info, start, end))
        and any(start <= cue.start < end for cue in info.cue("negation"))
        and any(start <= cue.start < end for cue in info.cue("offer"))
    )


def _place_candidates(infos: Sequence[UnitInfo], lexicon: Lexicon) -> list[Candidate]:
    index = {id(info.unit): order for order, info in enumerate(infos)}
    return [
        Candidate(mention.municipality, mention.unit, mention.start, 1 if mention.collective else 2, index[id(mention.unit)])
        for mention in places_of_work(list(infos), lexicon)
    ]


# --- completeness ------------------------------------------------------------------------------------------


def _incomplete_reasons(
    call: CallConfig,
    lexicon: Lexicon,
    readable: bool,
    missing: list[MissingItem],
    counts: dict[str, int],
) -> list[str]:
    rule = call.completeness
    reasons: list[str] = []
    if rule.require_readable_document and not readable:
        reasons.append(
            "We konden geen leesbaar projectvoorstel vinden (bijvoorbeeld een gescand document zonder tekst of "
            "een bestand dat niet opent)."
        )
    if rule.require_all_sections:
        reasons.extend(lexicon.spec.sections[item.id].missing for item in missing)
    if counts["challenges"] < rule.min_challenges:
        reasons.append("Het voorstel maakt niet duidelijk op welke regio-uitdaging(en) het inspeelt.")
    if counts["service_types"] < rule.min_service_types:
        reasons.append("We vonden geen dienstverlening uit de oproep die het project zelf aanbiedt.")
    if counts["municipalities"] < rule.min_municipalities:
        names = ", ".join(m.name for m in call.municipalities.values())
        reasons.append(f"Er staat niet in in welke gemeente(n) van het werkingsgebied het project werkt ({names}).")
    return reasons


# --- the analysis ------------------------------------------------------------------------------------------


def analyse(documents: Sequence[DocumentText], call: CallConfig, lexicon: Lexicon | None = None) -> Analysis:
    """Analyse the documents of one application version against the call."""
    lexicon = lexicon or lexicon_for(call)
    infos = _units(documents, lexicon)
    _anchor_hits(infos, lexicon)
    _named_activity_hits(infos)
    _buddy_hits(infos, lexicon)
    _profile_hits(infos, lexicon)
    service_candidates = _mentions(infos, "service_types", _offered_service(lexicon, infos))
    persona_candidates = _persona_candidates(infos, lexicon)
    place_candidates = _place_candidates(infos, lexicon)

    challenge_candidates = _challenge_candidates(infos, lexicon, call, persona_candidates)
    personas = _findings(persona_candidates, list(call.personas))
    challenges = _findings(challenge_candidates, list(call.challenges))
    # "een traject alleen voor onze vrouwen" is activation of migrant women in a proposal for newcomer mothers
    found_challenges = {finding.id for finding in challenges}
    weak_suffices = frozenset(
        key for key, terms in lexicon.spec.service_types.items() if found_challenges & set(terms.weak_with)
    )
    service_types = _findings(
        _beyond_introduction(_not_short_for_a_compound(service_candidates, infos, lexicon), infos),
        list(call.service_types),
        weak_suffices,
    )
    municipalities = _findings(place_candidates, list(call.municipalities))
    exclusion_candidates = _ruled_out_in_paragraph(_mentions(infos, "exclusions", _aimed_at), infos)
    exclusions = _findings(_without_yielding(exclusion_candidates, lexicon.spec.exclusions), list(call.exclusions))

    target_groups = {key for key, terms in lexicon.spec.service_types.items() if terms.target_counts}
    target_units = [c.unit for c in [*persona_candidates, *challenge_candidates]] + [
        c.unit for c in service_candidates if c.concept in target_groups
    ]
    found = Found(
        offer=[c.unit for c in service_candidates],
        places=[c.unit for c in place_candidates],
        target_group=target_units,
        call_contacts=frozenset({call.call.submit_to.lower(), call.call.coordinator_email.lower()}),
    )
    section_units = find_sections(infos, lexicon, found)
    section_order = list(dict.fromkeys([*call.required_sections, *lexicon.spec.sections]))
    sections = [
        Finding(id=section, evidence=_unit_evidence(section_units[section]))
        for section in section_order
        if section in section_units
    ]
    missing_sections = [
        MissingItem(id=section, looked_for=lexicon.looked_for("sections", section))
        for section in call.required_sections
        if section not in section_units
    ]
    readable = any(document.readable and any(page.strip() for page in document.pages) for document in documents)
    counts = {"challenges": len(challenges), "service_types": len(service_types), "municipalities": len(municipalities)}
    reasons = _incomplete_reasons(call, lexicon, readable, missing_sections, counts)
    return Analysis(
        service_types=service_types,
        challenges=challenges,
        personas=personas,
        municipalities=municipalities,
        sections=sections,
        missing_sections=missing_sections,
        exclusions=exclusions,
        complete=not reasons,
        incomplete_reasons=reasons,
    )


def _unit_evidence(units: Sequence[Unit]) -> list[Evidence]:
    evidence: list[Evidence] = []
    seen: set[tuple[str, int, str]] = set()
    for unit in units:
        key = (unit.document, unit.page, unit.text)
        if key not in seen:
            seen.add(key)
            evidence.append(Evidence(document=unit.document, page=unit.page, quote=quote(unit)))
        if len(evidence) == MAX_EVIDENCE:
            break
    return evidence
