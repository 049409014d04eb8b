"""The analysis lexicon: its shape in config/call.yaml, validation, and compiled matchers.

The coordinator edits the `lexicon:` section of config/call.yaml; nothing here needs to change to add a
phrase. Every concept (service type, challenge, persona, exclusion, section heading, cue) is a `Terms`
entry (the comment above `lexicon:` in config/call.yaml explains each key for the coordinator):

    phrases        words or word groups; each word may be inflected or extended at its end
                   ("woning" also finds "woningen", "woningnood"). `*` ends a literal prefix
                   ("schulden*"), `...` allows up to three words in between ("verwijz* ... door").
    words          whole words exactly as written ("werken", not "werkzoekenden").
    weak           phrases that support a finding; alone they need a second weak word in the sentence,
                   or one of the challenges listed under weak_with found in the proposal.
    with_challenge phrases that count only when one of the challenges under weak_with is found ("bedrijfsbezoeken"
                   in a proposal for newcomer mothers); unlike weak phrases they never add up on their own.
    shared         a challenge's or excluded group's phrases that another one shares ("alleenstaande moeders",
                   "klaar om te werken"); found only through these, it yields to a concept of yields_to found
                   through its own words.
    stems          word pieces found anywhere inside a word, so compounds match
                   ("verslav" finds "gameverslaving", "verslavingszorg").
    endings        the last part of a compound ("meter" finds "tafelmeter", "mama-meters", "gezinsmetertje"), not
                   the word on its own ("200 meter"); measures and the like go under except ("kilometer").
    abbreviations  written exactly so, case included ("NT2", "SVK"), as a word of their own.
    together       word pieces that must all occur within a few words of each other ([zoek, woning]); a
                   piece of three letters or fewer only at the start of a word ("gsm", not "trainingsmodules").
    profile        a challenge's traits as lists of word beginnings ([[moeder, mama], [depress, angstig]]): found
                   when a paragraph about the project's people has a word of each, the first trait first, over a
                   few sentences; found through a profile alone, it yields like a shared phrase.
    except         words that contain a stem or extend a one-word phrase but do not count ("totaal" for the
                   stem "taal", "alcoholvrij" for the phrase "alcohol").
    not_with       phrases that cancel the concept in the same sentence ("vrouwen en mannen").
    action, needs_action, target_counts: when a mention counts as an offer (see Terms).

All concepts and cues are compiled into one TermMatcher, run once per sentence; hits carry the group
("service_types:huisvesting") so every later step reads the same matches.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal, NamedTuple, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

from callflow.config import CallConfig, ConfigError
from tasks.dutch import Unit, fold, stem, tokens

CONFIG_FILE = os.path.join("config", "call.yaml")

# Function words are matched exactly: stemming or prefixing "en" or "de" would match half the language.
STOPWORDS = frozenset(
    "de het een en of van in op met voor naar aan te om bij uit door over tot die dat er ze we wij zij hij "
    "hun hen ons onze is zijn was waren wordt worden niet geen als dan ook nog al wel zo".split()
)
GAP = "..."
WEAK = "~"  # marks a hit from a weak entry (Hit.term starts with it)
WITH_CHALLENGE = WEAK + "~"  # a hit from a with_challenge entry: weak, and never part of a cluster of weak words
SHARED = "="  # marks a hit from a challenge's shared entry
PREFIX_KEY = 4
MIN_PIECE = 3
MAX_GAP = 3


class LexiconError(ConfigError):
    """The lexicon in config/call.yaml has the wrong shape; the message names the key and the fix."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Terms(_Strict):
    """How one concept is written in proposals (see the module docstring for each list)."""

    phrases: list[str] = []
    words: list[str] = []  # whole words exactly as written (no inflection): "werken" but not "werkzoekenden"
    weak: list[str] = []  # phrases that only count together with a second, different weak or strong entry
    shared: list[str] = []  # a challenge's profile words that another challenge shares ("alleenstaande
    # moeders": challenges 1 and 3); found through these alone, it yields to the challenges in yields_to
    yields_to: list[str] = []  # ... when one of those is found through its own words
    companions: bool = False  # a person of one's own, named in quotes ("elke nieuwe bezoeker krijgt een 'buur':
    # iemand die ..."), shows this concept
    with_challenge: list[str] = []  # phrases that count only when a challenge of weak_with is found
    weak_with: list[str] = []  # challenges in whose presence the weak phrases suffice on their own ("alleen
    # voor vrouwen" is activation of migrant women in a proposal for newcomer mothers)
    stems: list[str] = []
    endings: list[str] = []  # the last part of a compound: "meter" in "tafelmeter", "mama-meters"
    abbreviations: list[str] = []
    together: list[list[str]] = []
    profile: list[list[str]] = []  # a challenge's traits, one list of word beginnings per trait: a paragraph
    # about the project's people with a word of each, the first (who) before the others, shows the challenge
    # ("jonge moeders, vaak alleen met de kinderen, ... angstig of depressief")
    except_: list[str] = Field([], alias="except")
    not_with: list[str] = []  # phrases that cancel the concept in the same sentence ("vrouwen en mannen")
    target_counts: bool = False  # a target-group statement ("onze doelgroep: ...") is evidence for it
    action: list[str] = []  # word pieces of which one must occur in the sentence (kinderopvang: zoek, vind,
    # inschrijv) - for a target-group concept, somewhere in what the proposal offers
    needs_action: bool = False  # its words are often problems ("verslaving", "schulden"): count only when
    # the sentence also says what is done (an offer verb, or a service word such as begeleiding or hulp)
    looked_for: str | None = None  # Dutch, plain: what the analysis looked for, shown when it is missing
    anchors: list[str] = []  # a fixed person ("één vaste begeleider", "vaste persoon"): counts as the concept
    domains: dict[str, list[str]] = {}  # ... when its paragraph names min_domains of these life domains
    # (each a list of word beginnings: wonen: [woon, woning, huur]) - "houdt alles mee in de gaten: uitkering,
    # schulden, gezondheid, justitie, de kinderen"
    min_domains: int = 3

    @field_validator("stems", "endings", "abbreviations")
    @classmethod
    def _single_words(cls, values: list[str], info: ValidationInfo) -> list[str]:
        for value in values:
            if info.field_name in ("stems", "endings") and len(fold(value)) < MIN_PIECE:
                raise ValueError(
                    f"{value!r} is shorter than {MIN_PIECE} letters and would match inside too many words; "
                    "use phrases: for short words"
                )
            if len(tokens(value)) != 1:
                raise ValueError(
                    f"{value!r} is not one word piece; put word groups under phrases:, and write a stem "
                    "without spaces or hyphens"
                )
        return values

    @field_validator("together")
    @classmethod
    def _groups(cls, groups: list[list[str]]) -> list[list[str]]:
        for group in groups:
            if len(group) < 2:
                raise ValueError(f"{group!r} needs at least two word pieces, e.g. [begeleid, huur]")
        return groups

    @field_validator("profile")
    @classmethod
    def _traits(cls, traits: list[list[str]]) -> list[list[str]]:
        if traits and len(traits) < 2:
            raise ValueError("a profile needs at least two traits (who, and what they face), e.g. [[moeder], [depress]]")
        for trait in traits:
            if not trait:
                raise ValueError("a trait of a profile is an empty list; give it at least one word beginning")
            for piece in trait:
                if len(fold(piece)) < MIN_PIECE or len(tokens(piece)) != 1:
                    raise ValueError(
                        f"{piece!r} in a profile must be one word beginning of at least {MIN_PIECE} letters"
                    )
        return traits

    def is_empty(self) -> bool:
        return not (
            self.phrases or self.words or self.weak or self.shared or self.with_challenge or self.stems
            or self.endings or self.abbreviations or self.together
        )


class Place(_Strict):
    """A municipality of the working area and every way proposals name it."""

    names: list[str] = Field(min_length=1)  # official name and spellings: Sint-Truiden, St.-Truiden
    adjectives: list[str] = []  # Truiense, Sint-Truidense (matched as word beginnings)
    deelgemeenten: list[str] = []  # villages of the municipality, written with a capital
    neighbourhoods: list[str] = []  # its wijken and hamlets (Schurhoven, Terlogt), matched like the villages
    ambiguous: list[str] = []  # villages that are also other places (Aalst): need their municipality nearby
    common_words: list[str] = []  # villages named like an ordinary word (Herten = deer): count written with a
    # capital inside a sentence after a place word ("in Herten", "van Kozen"), else like `ambiguous`
    postcodes: list[str] = []  # a postcode before the name marks an address, not a place of work


class WorkingArea(_Strict):
    """Ways of saying 'the whole working area' (all municipalities at once)."""

    phrases: list[str] = []  # "de zes gemeenten", "heel Haspengouw"
    region_names: list[str] = []  # "Haspengouw": counts only after a word from region_lead_words
    region_lead_words: list[str] = []  # "in", "heel", "regio", "werkingsgebied"
    outside_towns: list[str] = []  # towns and regions around the area: "in mijn praktijk in Landen" is work
    # outside it


SectionContent = Literal["amounts", "timeline", "contact", "partners", "places", "target_group", "offer", "none"]


class Section(_Strict):
    headings: Terms  # words a heading of this section contains
    content: SectionContent = "none"  # how the section is recognised without a heading
    heading_suffices: bool = True  # false: only the content counts (a 'Werkingsgebied' heading naming
    # only towns outside the area does not make the section present); for amounts and timeline content the
    # heading counts when its own text has one amount or date ("Centen: we vragen 12.000 euro")
    looked_for: str  # Dutch: what we looked for, for the applicant
    missing: str  # Dutch sentence for the applicant when the section is missing


class Cues(_Strict):
    """Words that change what a concept's mention means; each cue is written like a concept (Terms)."""

    negation: Terms  # geen, niet, nooit
    negation_exceptions: Terms = Terms()  # "niet alleen", "niet enkel": not a negation
    negation_phrases: Terms = Terms()  # whole-clause negations: "niet zelf", "valt buiten", "zit niet in"
    negation_verdict: Terms = Terms()  # a predicate that rules out what precedes it: "zijn niet de doelgroep"
    contrast: Terms = Terms()  # the people named before are not the project's own: "maar onze bewoners zijn anders"
    table_no: Terms = Terms()  # a table cell that says no: "nee", "neen"
    superseded_column: Terms = Terms()  # a change table's column for the old version: "versie 1", "oud"
    current_column: Terms = Terms()  # ... and for the current one: "versie 2", "nieuw", "aangepast"
    referral: Terms = Terms()  # someone else does it: "doorverwijz*", "verwijz* ... door", "blijft bij"
    topic: Terms = Terms()  # the concept is a topic of training for staff or volunteers: "vorming over"
    conditional: Terms = Terms()  # only maybe, later: "optioneel", "indien bijkomende financiering"
    agent: Terms = Terms()  # the applicant as the one who acts: we, wij, het project, de begeleider
    offer: Terms = Terms()  # offer verbs: bieden, organiseren, begeleiden, opzetten
    observation: Terms = Terms()  # the applicant observes or quotes the call: "we stellen vast", "de oproep"
    context: Terms = Terms()  # describing needs: "er is nood aan", "wachtlijst", "steeds meer"
    context_headings: Terms = Terms()  # headings of a context part: probleemstelling, situering, noden
    target: Terms = Terms()  # "richt zich op", "doelgroep", "voor wie"
    anaphor: Terms = Terms()  # "daar", "daarvoor": a later negation can point back to the concept
    venue: Terms = Terms()  # where activities take place: "ons lokaal", "open huis", "zaal", "antenne"
    home_visit: Terms = Terms()  # the project goes to people's homes: "huisbezoek", "bezoeken we thuis"
    seat: Terms = Terms()  # the organisation's seat or address: "maatschappelijke zetel", "adres"
    biography: Terms = Terms()  # someone's life story: "groeide op in", "geboren in", "grew up in"
    outside: Terms = Terms()  # place is excluded: "buiten", "behalve", "met uitzondering van"
    relative: Terms = Terms()  # relative pronouns: "die niet kunnen lezen" negates the reader, not the offer
    not_persona: Terms = Terms()  # "vrijwilligster Nora", "ik ben Roy": a real person, not the persona
    contact_label: Terms = Terms()  # a label whose value names people and their titles: "Contactpersonen:"
    past: Terms = Terms()  # what was: "vroeger", "toen", past verbs ("gaven", "begeleidden", "zocht")
    future: Terms = Terms()  # what will be: "zullen", "gaan we", "in dit project" (outweighs a past word)
    regular_work: Terms = Terms()  # the organisation's regular work: "reguliere werking", "gewone werking"
    regular_column: Terms = Terms()  # a table column of the partners' regular work, not the project's
    job_sector: Terms = Terms()  # a sector to work in: "jobs in", "sectoren", "opleiding tot", "werken in de"
    incidental: Terms = Terms()  # people reached only as well: "ook wel eens", "af en toe", "bereiken we ook"
    everyone: Terms = Terms()  # no target group: "voor iedereen", "iedereen welkom", "open to all"
    groups: Terms = Terms()  # nouns for groups of people: moeders, mannen, jongeren, gezinnen
    self_intro: Terms = Terms()  # the applicant introduces itself: "wij zijn", "ik ben", "onze vzw"
    partner_org: Terms = Terms()  # organisations that can be partners: OCMW, CAW, VDAB, Huis van het Kind
    partner_kinds: Terms = Terms()  # kinds of organisation in the plural ("scholen", "lokale besturen"): working
    # with them names no partner
    cooperation: Terms = Terms()  # working together: "samenwerk*", "partners", "in overleg met"
    placeholder: Terms = Terms()  # unfilled template text: "[in te vullen]", "volgt later", "nog te bepalen"
    instruction: Terms = Terms()  # a template's instructions: "beschrijf", "geef aan", "vermeld"
    service_nouns: Terms = Terms()  # words for a service: begeleiding, hulp, coaching, lessen, groep
    schedule: Terms = Terms()  # when it starts or runs: "starten in", "vanaf", "loopt tot"


class LexiconSpec(_Strict):
    service_types: dict[str, Terms]
    challenges: dict[str, Terms]
    personas: dict[str, Terms]
    exclusions: dict[str, Terms] = {}
    municipalities: dict[str, Place]
    working_area: WorkingArea = WorkingArea()
    sections: dict[str, Section]
    cues: Cues


# --- validation ------------------------------------------------------------------------------------------

_FIXES = {
    "missing": "required key is missing; add it",
    "list_type": "expected a list, e.g. [woonbegeleiding, huurwoning]",
    "string_type": "expected a text",
    "dict_type": "expected a mapping of names to entries",
    "too_short": "expected at least one entry",
}


def _describe(error: Mapping[str, Any]) -> str:
    key = ".".join(["lexicon", *(str(part) for part in error["loc"])]).replace(".except_", ".except")
    message = _FIXES.get(error["type"], error["msg"].removeprefix("Value error, "))
    if error["type"] == "extra_forbidden":
        model = _model_at(error["loc"][:-1])
        keys = ", ".join(field.alias or name for name, field in model.model_fields.items())
        if model is Cues:
            message = f"unknown cue; the cues are {keys}"
        else:
            message = f"unknown key; use one of {keys} (see the comment above lexicon: in the file)"
    return f"  {key}: {message}"


def _model_at(loc: tuple[Any, ...]) -> type[BaseModel]:
    """The model an error location points into (the lexicon, a concept's Terms, a Place, a Section, the cues)."""
    model: type[BaseModel] = LexiconSpec
    parts = list(loc)
    while parts:
        field = model.model_fields.get(str(parts.pop(0)))
        if field is None:
            break
        annotation = field.annotation
        if get_origin(annotation) is dict:
            annotation = get_args(annotation)[1]
            if parts:
                parts.pop(0)  # the concept's or municipality's own name
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            break
        model = annotation
    return model


# Keys of a concept that only some groups read: elsewhere they would be ignored without a word.
GROUP_KEYS = {
    "shared": ("challenges", "exclusions"),
    "profile": ("challenges",),
    "yields_to": ("challenges", "exclusions"),
    "weak_with": ("service_types",),
    "with_challenge": ("service_types",),
    "companions": ("service_types",),
    "anchors": ("service_types",),
}


def validate_lexicon(raw: Mapping[str, Any], call: CallConfig) -> LexiconSpec:
    """Check the lexicon's shape and that it covers exactly the call's IDs; errors name file, key and fix."""
    if not raw:
        raise LexiconError(
            f"{CONFIG_FILE}: lexicon: is missing or empty; the analysis needs it (copy the lexicon section "
            "from the default config/call.yaml)"
        )
    try:
        spec = LexiconSpec.model_validate(raw)
    except ValidationError as exc:
        lines = [f"{CONFIG_FILE}: invalid lexicon"] + [_describe(item) for item in exc.errors()]
        raise LexiconError("\n".join(lines)) from exc
    problems: list[str] = []
    groups: list[tuple[str, Mapping[str, Any], Mapping[str, Any]]] = [
        ("service_types", call.service_types, spec.service_types),
        ("challenges", call.challenges, spec.challenges),
        ("personas", call.personas, spec.personas),
        ("exclusions", call.exclusions, spec.exclusions),
        ("municipalities", call.municipalities, spec.municipalities),
        ("sections", call.required_sections, spec.sections),
    ]
    for group, configured, lexical in groups:
        for missing in sorted(set(configured) - set(lexical)):
            problems.append(
                f"  lexicon.{group}.{missing}: missing; every ID under {group} needs a lexicon entry "
                "(add at least one phrase)"
            )
        extra_allowed = group == "sections"  # sections may list optional extra sections
        for extra in sorted(set(lexical) - set(configured)) if not extra_allowed else []:
            problems.append(
                f"  lexicon.{group}.{extra}: not an ID under {group} in this file; correct the name or remove it"
            )
        for key, entry in lexical.items():
            if isinstance(entry, Terms) and entry.is_empty():
                problems.append(f"  lexicon.{group}.{key}: has no phrases, stems, abbreviations or together; add one")
    for group in TERM_GROUPS:
        for key, entry in getattr(spec, group).items():
            for name, groups in GROUP_KEYS.items():
                if group not in groups and name in entry.model_fields_set:
                    problems.append(
                        f"  lexicon.{group}.{key}.{name}: only read under {' and '.join(groups)}; remove it here"
                    )
    for key, entry in spec.service_types.items():
        if entry.with_challenge and not entry.weak_with:
            problems.append(
                f"  lexicon.service_types.{key}.with_challenge: counts only when a challenge under weak_with is "
                "found, and weak_with is empty; add the challenges to weak_with or remove with_challenge"
            )
        for challenge in entry.weak_with:
            if challenge not in call.challenges:
                problems.append(
                    f"  lexicon.service_types.{key}.weak_with: {challenge!r} is not a challenge of this call; "
                    f"use one of {', '.join(sorted(call.challenges))}"
                )
    for group, configured in (("challenges", call.challenges), ("exclusions", call.exclusions)):
        for key, entry in getattr(spec, group).items():
            for other in entry.yields_to:
                if other not in configured or other == key:
                    problems.append(
                        f"  lexicon.{group}.{key}.yields_to: {other!r} is not another ID under {group} of this "
                        f"call; use one of {', '.join(sorted(set(configured) - {key}))}"
                    )
    if problems:
        raise LexiconError("\n".join([f"{CONFIG_FILE}: invalid lexicon", *problems]))
    return spec


# --- compiled phrases ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WordPattern:
    kind: str  # exact | prefix | stem | gap
    value: str

    def matches(self, word: str, word_stem: str) -> bool:
        if self.kind == "prefix":
            return word.startswith(self.value)
        if self.kind == "stem":
            return word_stem == self.value or word == self.value
        return word == self.value

    @property
    def key(self) -> str:
        # Index key of a phrase's first word: the whole word or stem, or the first four letters of a prefix.
        return self.value[:PREFIX_KEY] if self.kind == "prefix" else self.value


def compile_word(word: str) -> WordPattern:
    if word == GAP:
        return WordPattern("gap", "")
    if word.endswith("*"):
        return WordPattern("prefix", fold(word[:-1]))
    folded = fold(word)
    if folded in STOPWORDS or len(folded) <= 3 or folded.isdigit():
        return WordPattern("exact", folded)
    word_stem = stem(folded)
    common = os.path.commonprefix([folded, word_stem])
    # The stem as a prefix finds inflections and compounds (woning -> woningen, woningnood); a short or
    # vowel-changed stem (wonen -> won, huur -> hur) would match unrelated words, so compare stems instead.
    if len(common) >= 4:
        return WordPattern("prefix", common)
    return WordPattern("stem", word_stem)


def compile_phrase(text: str) -> tuple[WordPattern, ...]:
    parts: list[WordPattern] = []
    for raw_word in text.replace(GAP, f" {GAP} ").split():
        if raw_word == GAP:
            parts.append(compile_word(GAP))
            continue
        pieces = tokens(raw_word.rstrip("*"))
        for index, piece in enumerate(pieces):
            star = "*" if raw_word.endswith("*") and index == len(pieces) - 1 else ""
            parts.append(compile_word(piece + star))
    while parts and parts[0].kind == "gap":
        parts.pop(0)
    return tuple(parts)


CLAUSE_MARKS = frozenset({",", ";", ":"})


def _across_a_clause_mark(unit: Unit, start: int, end: int) -> bool:
    """A phrase without a gap found over a comma, semicolon or colon ("alleenstaanden, oudere mensen" is not
    "alleenstaande ouders"): its words belong to different list items or clauses."""
    return any(start <= index < end - 1 and mark in CLAUSE_MARKS for index, mark in unit.breaks)


def _match_from(patterns: tuple[WordPattern, ...], unit: Unit, start: int) -> int:
    """End token index of patterns matched at start, or -1 (gaps take the shortest fit)."""
    norm, stems = unit.norm, unit.stems
    position = start
    index = 0
    while index < len(patterns):
        pattern = patterns[index]
        if pattern.kind == "gap":
            rest = patterns[index + 1 :]
            for skip in range(MAX_GAP + 1):
                end = _match_from(rest, unit, position + skip) if rest else position
                if end >= 0:
                    return end
            return -1
        if position >= len(norm) or not pattern.matches(norm[position], stems[position]):
            return -1
        position += 1
        index += 1
    return position


class Hit(NamedTuple):
    """A match of a lexicon entry in a unit (a named tuple: created by the thousand, so kept light)."""

    concept: str
    start: int  # first token
    end: int  # token after the match
    term: str  # the lexicon entry that matched


@dataclass(frozen=True)
class PhraseEntry:
    concept: str
    patterns: tuple[WordPattern, ...]
    phrase: str
    anchor: int  # index of the word the phrase is indexed by: its first content word before any gap


def _anchor(patterns: tuple[WordPattern, ...]) -> int:
    """Index a phrase by a rare word: "de begeleider*" by "begeleider", not by every "de" in the text."""
    for index, pattern in enumerate(patterns):
        if pattern.kind == "gap":
            break
        if pattern.value not in STOPWORDS and (pattern.kind != "prefix" or len(pattern.value) >= PREFIX_KEY):
            return index
    return 0


WORD_CACHE_LIMIT = 200_000
INFLECTIONS = ("s", "en", "tje", "tjes", "je", "jes")  # plural and diminutive endings of a compound's last part


def ends_compound(word: str, ending: str, hyphenated: bool) -> bool:
    """The word is a compound whose last part is the ending, inflected or not ("tafelmeters"); the ending on its
    own counts only as the second half of a hyphenated compound ("mama-meter")."""
    base = next((word[: -len(inflection)] for inflection in INFLECTIONS if word.endswith(ending + inflection)), word)
    return base.endswith(ending) and (len(base) > len(ending) or hyphenated)


@dataclass
class TermMatcher:
    """Concepts compiled for fast matching of many units.

    Concept keys may carry a group prefix ("service_types:huisvesting") so that one matcher, run once per
    unit, serves every group of the lexicon.
    """

    exact_index: dict[str, list[PhraseEntry]] = field(default_factory=dict)  # whole word or stem
    prefix_index: dict[str, list[PhraseEntry]] = field(default_factory=dict)  # first PREFIX_KEY letters
    short_prefixes: frozenset[int] = frozenset()  # lengths of prefixes shorter than PREFIX_KEY
    piece_concepts: dict[str, list[str]] = field(default_factory=dict)  # piece -> concepts having it
    piece_index: dict[str, list[str]] = field(default_factory=dict)  # first three letters -> pieces
    exceptions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    abbreviations: dict[str, list[str]] = field(default_factory=dict)
    together: dict[str, list[tuple[str, tuple[str, ...]]]] = field(default_factory=dict)  # by first piece
    endings: dict[str, list[str]] = field(default_factory=dict)  # compound ending -> concepts
    word_pieces: dict[str, tuple[str, ...]] = field(default_factory=dict)  # cache: pieces inside a word
    word_endings: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=dict)  # cache: endings
    word_phrases: dict[str, tuple[PhraseEntry, ...]] = field(default_factory=dict)  # cache: phrases anchored

    @classmethod
    def build(cls, concepts: Mapping[str, Terms]) -> TermMatcher:
        matcher = cls()
        exact_index: dict[str, list[PhraseEntry]] = defaultdict(list)
        prefix_index: dict[str, list[PhraseEntry]] = defaultdict(list)
        abbreviations: dict[str, list[str]] = defaultdict(list)
        piece_concepts: dict[str, list[str]] = defaultdict(list)
        short: set[int] = set()
        for concept, terms in concepts.items():
            entries = [(phrase, compile_phrase(phrase)) for phrase in terms.phrases]
            entries += [(WEAK + phrase, compile_phrase(phrase)) for phrase in terms.weak]
            entries += [(WITH_CHALLENGE + phrase, compile_phrase(phrase)) for phrase in terms.with_challenge]
            entries += [(SHARED + phrase, compile_phrase(phrase)) for phrase in terms.shared]
            entries += [(word, tuple(WordPattern("exact", piece.lower()) for piece in tokens(word))) for word in terms.words]
            for phrase, patterns in entries:
                if not patterns:
                    continue
                anchor = _anchor(patterns)
                entry = PhraseEntry(concept, patterns, phrase, anchor)
                key = patterns[anchor]
                if key.kind == "prefix":
                    prefix_index[key.value[:PREFIX_KEY]].append(entry)
                    if len(key.value) < PREFIX_KEY:
                        short.add(len(key.value))
                else:
                    exact_index[key.value].append(entry)
            for piece in {fold(piece) for piece in terms.stems}:
                piece_concepts[piece].append(concept)
            for ending in {fold(ending) for ending in terms.endings}:
                matcher.endings.setdefault(ending, []).append(concept)
            matcher.exceptions[concept] = tuple(fold(word) for word in terms.except_)
            for abbreviation in terms.abbreviations:
                abbreviations[strip_token(abbreviation)].append(concept)
            for group in terms.together:
                pieces_of_group = tuple(fold(piece) for piece in group)
                matcher.together.setdefault(pieces_of_group[0], []).append((concept, pieces_of_group))
                piece_concepts.setdefault(pieces_of_group[0], [])  # the first piece triggers the group
        matcher.exact_index = dict(exact_index)
        matcher.prefix_index = dict(prefix_index)
        matcher.short_prefixes = frozenset(short)
        matcher.abbreviations = dict(abbreviations)
        matcher.piece_concepts = dict(piece_concepts)
        piece_index: dict[str, list[str]] = defaultdict(list)
        for piece in piece_concepts:
            piece_index[piece[:MIN_PIECE]].append(piece)
        matcher.piece_index = dict(piece_index)
        return matcher

    def find(self, unit: Unit) -> list[Hit]:
        hits: list[Hit] = []
        hits.extend(self._phrase_hits(unit))
        for position, word in enumerate(unit.raw):
            for concept in self.abbreviations.get(word, ()):
                hits.append(Hit(concept, position, position + 1, word))
        if self.endings:
            hits.extend(self._ending_hits(unit))
        if self.piece_index:
            triggered: set[str] = set()
            hits.extend(self._piece_hits(unit, triggered))
            if triggered:
                hits.extend(self._together_hits(unit, triggered))
        return hits

    def _phrase_hits(self, unit: Unit) -> Iterable[Hit]:
        for position, word in enumerate(unit.norm):
            for entry in self.anchored_at(word, unit.stems[position]):
                start = position - entry.anchor
                if start < 0:
                    continue
                if len(entry.patterns) == 1:
                    if not any(exception in word for exception in self.exceptions.get(entry.concept, ())):
                        yield Hit(entry.concept, start, start + 1, entry.phrase)  # "alcohol" is not "alcoholvrij"
                    continue
                end = _match_from(entry.patterns, unit, start)
                if end > start and (GAP in entry.phrase or not _across_a_clause_mark(unit, start, end)):
                    yield Hit(entry.concept, start, end, entry.phrase)

    def anchored_at(self, word: str, word_stem: str) -> tuple[PhraseEntry, ...]:
        """Phrases whose anchor word matches this word (cached per word: proposals repeat their words)."""
        cached = self.word_phrases.get(word)
        if cached is not None:
            return cached
        exact, prefixes = self.exact_index, self.prefix_index
        candidates = [*exact.get(word, ()), *prefixes.get(word[:PREFIX_KEY], ())]
        if word_stem != word:
            candidates.extend(exact.get(word_stem, ()))
        for length in self.short_prefixes:
            candidates.extend(prefixes.get(word[:length], ()))
        result = tuple(
            entry for entry in dict.fromkeys(candidates) if entry.patterns[entry.anchor].matches(word, word_stem)
        )
        if len(self.word_phrases) > WORD_CACHE_LIMIT:
            self.word_phrases.clear()
        self.word_phrases[word] = result
        return result

    def pieces_in(self, word: str) -> tuple[str, ...]:
        """Lexicon pieces found anywhere inside a word (cached: proposals repeat their words)."""
        cached = self.word_pieces.get(word)
        if cached is not None:
            return cached
        found = []
        index = self.piece_index
        for offset in range(len(word) - MIN_PIECE + 1):
            for piece in index.get(word[offset : offset + MIN_PIECE], ()):
                if word.startswith(piece, offset):
                    found.append(piece)
        result = tuple(dict.fromkeys(found))
        if len(self.word_pieces) > WORD_CACHE_LIMIT:
            self.word_pieces.clear()
        self.word_pieces[word] = result
        return result

    def _piece_hits(self, unit: Unit, triggered: set[str]) -> Iterable[Hit]:
        for position, word in enumerate(unit.norm):
            for piece in self.pieces_in(word):
                if piece in self.together:
                    triggered.add(piece)
                for concept in self.piece_concepts[piece]:
                    if not any(exception in word for exception in self.exceptions[concept]):
                        yield Hit(concept, position, position + 1, piece)

    def endings_of(self, word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The endings a word ends in as a compound ("tafelmeters"), and those it is on its own ("meters"): the
        latter count only as the second half of a hyphenated compound (cached: proposals repeat their words)."""
        cached = self.word_endings.get(word)
        if cached is not None:
            return cached
        compound = tuple(ending for ending in self.endings if ends_compound(word, ending, hyphenated=False))
        bare = tuple(ending for ending in self.endings if ending not in compound and ends_compound(word, ending, hyphenated=True))
        if len(self.word_endings) > WORD_CACHE_LIMIT:
            self.word_endings.clear()
        self.word_endings[word] = (compound, bare)
        return compound, bare

    def _ending_hits(self, unit: Unit) -> Iterable[Hit]:
        for position, word in enumerate(unit.norm):
            compound, bare = self.endings_of(word)
            if bare and position > 0 and f"{unit.norm[position - 1]}-{word}" in unit.folded:
                compound = (*compound, *bare)  # "mama-meters": a compound written with a hyphen
            for ending in compound:
                for concept in self.endings[ending]:
                    if not any(exception in word for exception in self.exceptions[concept]):
                        yield Hit(concept, position, position + 1, f"*{ending}")

    def continuing_hits(self, unit: Unit, antecedent: str) -> list[Hit]:
        """'Together' hits of a sentence whose subject is a pronoun for the group named just before ("... een
        twaalftal vrouwen. Ze komen uit Turkije, Marokko en Eritrea"): the pieces the antecedent word holds count
        as said, and the others must all lie near each other in this sentence."""
        hits: list[Hit] = []
        for group_lists in self.together.values():
            for concept, group in group_lists:
                rest = tuple(piece for piece in group if piece not in antecedent)
                if len(rest) == len(group) or not rest or not all(piece in unit.joined for piece in rest):
                    continue
                span = _nearby(unit, rest, self.exceptions[concept])
                if span is not None:
                    hits.append(Hit(concept, span[0], span[1], "+".join(group)))
        return list(dict.fromkeys(hits))

    def _together_hits(self, unit: Unit, triggered: set[str]) -> Iterable[Hit]:
        joined = unit.joined
        for first in sorted(triggered):
            for concept, group in self.together[first]:
                if not all(piece in joined for piece in group):
                    continue  # cheap substring test first; positions only for the rare full match
                span = _nearby(unit, group, self.exceptions[concept])
                if span is not None:
                    yield Hit(concept, span[0], span[1], "+".join(group))


TOGETHER_WINDOW = 8  # the pieces of a 'together' group must lie within this many words of each other
SHORT_PIECE = 3  # a piece this short only opens a word: "gsm" is not inside "trainingsmodules", nor "oma" in "diploma"


def _has_piece(word: str, piece: str) -> bool:
    return word.startswith(piece) if len(piece) <= SHORT_PIECE else piece in word


def _nearby(unit: Unit, group: tuple[str, ...], excluded: tuple[str, ...]) -> tuple[int, int] | None:
    """Token span where every piece of the group occurs within TOGETHER_WINDOW words, or None."""
    positions = [
        [index for index, word in enumerate(unit.norm) if _has_piece(word, piece) and not any(e in word for e in excluded)]
        for piece in group
    ]
    for anchor in positions[0]:
        chosen = [anchor]
        for others in positions[1:]:
            near = [index for index in others if abs(index - anchor) <= TOGETHER_WINDOW]
            if not near:
                break
            chosen.append(min(near, key=lambda index: abs(index - anchor)))
        else:
            return min(chosen), max(chosen) + 1
    return None


def strip_token(text: str) -> str:
    found = tokens(text)
    return found[0] if found else text




# --- places ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlacePattern:
    municipality: str
    words: tuple[str, ...]  # folded tokens of the name
    kind: str  # name | adjective | deelgemeente | ambiguous | common_word
    label: str  # as written in the lexicon

    @property
    def needs_capital(self) -> bool:
        return self.kind in ("deelgemeente", "ambiguous", "common_word")


@dataclass(frozen=True)
class PlaceHit:
    pattern: PlacePattern
    start: int
    end: int


@dataclass
class PlaceMatcher:
    by_first: dict[str, list[PlacePattern]]
    adjectives: dict[str, list[PlacePattern]]  # keyed by the first four letters
    postcodes: frozenset[str]

    @classmethod
    def build(cls, places: Mapping[str, Place]) -> PlaceMatcher:
        by_first: dict[str, list[PlacePattern]] = defaultdict(list)
        adjectives: dict[str, list[PlacePattern]] = defaultdict(list)
        postcodes: set[str] = set()
        for municipality, place in places.items():
            groups = (
                ("name", place.names),
                ("adjective", place.adjectives),
                ("deelgemeente", place.deelgemeenten),
                ("deelgemeente", place.neighbourhoods),
                ("ambiguous", place.ambiguous),
                ("common_word", place.common_words),
            )
            for kind, labels in groups:
                for label in labels:
                    words = tuple(word.lower() for word in tokens(label))
                    if not words:
                        continue
                    pattern = PlacePattern(municipality, words, kind, label)
                    if kind == "adjective":
                        adjectives["".join(words)[:4]].append(pattern)
                        continue
                    by_first[words[0]].append(pattern)
                    # A line break after a hyphen glues the parts in extracted text ("Niel-" + "bij-Sint-Truiden"
                    # becomes "Nielbij-Sint-Truiden"): match those spellings of a compound name too.
                    for cut in range(len(words) - 1) if kind != "name" else ():
                        glued = (*words[:cut], words[cut] + words[cut + 1], *words[cut + 2 :])
                        by_first[glued[0]].append(PlacePattern(municipality, glued, kind, label))
            postcodes.update(place.postcodes)
        return cls(dict(by_first), dict(adjectives), frozenset(postcodes))

    def find(self, unit: Unit) -> list[PlaceHit]:
        hits: list[PlaceHit] = []
        for position, word in enumerate(unit.norm):
            # adjectives are matched as word beginnings: "Truiense", "Truienaars"
            for pattern in self.adjectives.get(word[:4], ()):
                end = position + len(pattern.words)
                if tuple(unit.norm[position : end - 1]) == pattern.words[:-1] and unit.norm[end - 1].startswith(
                    pattern.words[-1]
                ):
                    hits.append(PlaceHit(pattern, position, end))
            for pattern in self.by_first.get(word, ()):
                end = position + len(pattern.words)
                if tuple(unit.norm[position:end]) != pattern.words:
                    continue
                if pattern.needs_capital and not unit.raw[position][:1].isupper():
                    continue
                hits.append(PlaceHit(pattern, position, end))
        # "Mielen-boven-Aalst" is a village of Gingelom, not Aalst; "Niel-bij-Sint-Truiden" is not Sint-Truiden.
        return [
            hit
            for hit in hits
            if not any(
                other is not hit and other.start <= hit.start and hit.end <= other.end
                and (other.end - other.start) > (hit.end - hit.start)
                for other in hits
            )
        ]


# --- the compiled lexicon --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lexicon:
    """The lexicon of one call, validated and compiled; build once with build_lexicon() and reuse."""

    spec: LexiconSpec
    matcher: TermMatcher  # every group at once; hit concepts are "group:id"
    places: PlaceMatcher
    region_names: frozenset[str]
    region_lead_words: frozenset[str]
    outside_towns: frozenset[str] = frozenset()

    def find(self, unit: Unit, antecedent: str = "") -> dict[str, list[Hit]]:
        """Hits of one unit per group (service_types, challenges, personas, exclusions, sections,
        working_area, cues), with the group prefix removed from each hit's concept. `antecedent`: the group noun
        a sentence's opening pronoun stands for ("vrouwen" for "Ze komen uit Eritrea")."""
        grouped: dict[str, list[Hit]] = {}
        hits = self.matcher.find(unit)
        if antecedent:
            own = set(hits)
            hits.extend(hit for hit in self.matcher.continuing_hits(unit, antecedent) if hit not in own)
        cancelled: dict[str, list[Hit]] = {}
        for hit in hits:
            if hit.concept.endswith(NOT_WITH):
                cancelled.setdefault(hit.concept.removesuffix(NOT_WITH), []).append(hit)
        for hit in hits:
            key = hit.concept.removesuffix(ANCHOR)
            if hit.concept.endswith(NOT_WITH):
                continue
            # "vrouwen en mannen met een migratieachtergrond" is not about women specifically; a fixed person still
            # needs the life domains it follows, so only a cancelling phrase at the anchor itself ("aanspreekpunt voor
            # alles wat met de opvang ...") takes it away, not "jobcoaching op de werkvloer + een vaste IMW'er als
            # aanspreekpunt voor alles buiten het werk"
            if key == hit.concept and key in cancelled:
                continue
            if key != hit.concept and any(
                other.start < hit.end + ANCHOR_CANCEL_REACH and hit.start - ANCHOR_CANCEL_REACH < other.end
                for other in cancelled.get(key, ())
            ):
                continue
            group, concept = _split_key(key)
            if key != hit.concept:
                group = ANCHOR_GROUP  # a fixed person of a concept, which still needs its life domains
            grouped.setdefault(group, []).append(Hit(concept, hit.start, hit.end, hit.term))
        for key, found in cancelled.items():  # (for steps that read a concept over several sentences)
            grouped.setdefault(CANCELLED, []).extend(Hit(key, hit.start, hit.end, hit.term) for hit in found)
        return grouped

    def looked_for(self, group: str, concept: str) -> str:
        if group == "sections":
            return self.spec.sections[concept].looked_for
        if group == "municipalities":
            place = self.spec.municipalities[concept]
            return f"de gemeente {place.names[0]} of haar deelgemeenten als plaats waar het project werkt"
        terms: Terms = getattr(self.spec, group)[concept]
        if terms.looked_for:
            return terms.looked_for
        examples = [*terms.phrases[:4], *terms.abbreviations[:2]]
        return "woorden als " + ", ".join(f"'{example}'" for example in examples)


@lru_cache(maxsize=4096)
def _split_key(key: str) -> tuple[str, str]:
    group, _, concept = key.partition(":")
    return group, concept


CUE_NAMES = tuple(Cues.model_fields)
NOT_WITH = "!not"
CANCELLED = "cancelled"  # the group of a unit's not_with hits, by "group:concept" (see Lexicon.find)
ANCHOR_CANCEL_REACH = 3  # words between a fixed person and a phrase that cancels it
ANCHOR = "!anchor"
ANCHOR_GROUP = "anchors"
TERM_GROUPS = ("service_types", "challenges", "personas", "exclusions")


def compile_lexicon(spec: LexiconSpec) -> Lexicon:
    concepts: dict[str, Terms] = {}
    for group in TERM_GROUPS:
        for key, terms in getattr(spec, group).items():
            concepts[f"{group}:{key}"] = terms
            if terms.not_with:
                concepts[f"{group}:{key}{NOT_WITH}"] = Terms(phrases=terms.not_with)
            if terms.anchors:
                concepts[f"{group}:{key}{ANCHOR}"] = Terms(phrases=terms.anchors)
    for key, section in spec.sections.items():
        concepts[f"sections:{key}"] = section.headings
    concepts["working_area:all"] = Terms(phrases=spec.working_area.phrases)
    for name in CUE_NAMES:
        concepts[f"cues:{name}"] = getattr(spec.cues, name)
    return Lexicon(
        spec=spec,
        matcher=TermMatcher.build(concepts),
        places=PlaceMatcher.build(spec.municipalities),
        region_names=frozenset(fold(name) for name in spec.working_area.region_names),
        region_lead_words=frozenset(fold(word) for word in spec.working_area.region_lead_words),
        outside_towns=frozenset(fold(town) for town in spec.working_area.outside_towns),
    )
