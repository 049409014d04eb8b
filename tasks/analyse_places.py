"""Where a proposal works: municipalities of the working area, their villages and 'the whole area'.

A place name is not always a place of work: the organisation's seat or address ("Stationsstraat 5, 3800
Sint-Truiden", "maatschappelijke zetel"), a place-and-date line under a signature, a place the text
excludes ("buiten Alken", "we werken niet in Heers"), or "Haspengouw" inside an organisation's name. The
villages "Aalst", "Herten" or "Kozen" are also a city elsewhere or ordinary words: they count only next to
their own municipality or the word 'deelgemeente'.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

from tasks.analyse_lexicon import Hit, Lexicon, PlaceHit
from tasks.analyse_scope import (
    PARTNER_SECTION,
    POSSESSIVE_WORDS,
    Status,
    UnitInfo,
    agents,
    comma_joined,
    field_answer_start,
    group_relative,
    has_negation,
    incidental,
    is_negated,
    partner_already_there,
    status,
    turned_down_next,
)
from tasks.dutch import (
    FOUNDING_WORDS,
    HELPER_ENDINGS,
    SOMEONES,
    THEIR,
    WEEKDAY_NAMES,
    Unit,
    cell_spans,
    names_staff,
    quoted_tokens,
    strip_accents,
)

STREET_SUFFIXES = (
    "straat", "laan", "weg", "plein", "steenweg", "baan", "lei", "dreef", "markt", "kaai", "singel", "vest",
    "hof", "pad", "park", "veld", "berg", "wal", "poort", "dries", "kouter", "kerkplein",
)  # fmt: skip
DATE_AFTER_RE = re.compile(
    r"^\s*,?\s*(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{1,2}\s+(?:jan|feb|maa|apr|mei|jun|jul|aug|sep|okt|nov|dec))",
    re.IGNORECASE,
)
FULL_DATE_AT_END_RE = re.compile(
    r"^\s*,?\s*\d{1,2}\s+(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|"
    r"december)\s+20\d\d\s*$",
    re.IGNORECASE,
)
OUTSIDE_SCOPE = 4


@dataclass(frozen=True)
class PlaceMention:
    municipality: str
    unit: Unit
    start: int
    collective: bool = False  # found through "de zes gemeenten" / "heel Haspengouw"
    context: bool = False  # named while describing the region or the people, not as where the work happens
    origin: bool = False  # where the people come from ("werkzoekenden uit Sint-Truiden") or where the applicant
    # sees them ("We zien in Sint-Truiden steeds meer jongvolwassenen die ...")
    own_place: bool = False  # where the applicant is, as it introduces itself ("Wij zijn ... een fruitbedrijf in Kortenbos")


def _is_address(info: UnitInfo, hit_start: int, lexicon: Lexicon) -> bool:
    unit = info.unit
    if any(word.isdigit() and len(word) == 4 for word in unit.norm[max(0, hit_start - 2) : hit_start]):
        return True  # "3800 Sint-Truiden", "3800 Brustem (Sint-Truiden)"
    start, end = info.clause(hit_start)
    if any(word in REGISTERED and not _sofa(unit.norm, index) for index, word in enumerate(unit.norm[start:end], start)):
        return True  # "Onze praktijk is gevestigd in Sint-Truiden": where it is registered, whatever it is called
    if any(start <= venue.start < end for venue in info.cue("venue")):
        return False  # "Het project loopt vanuit ons kantoor in Sint-Truiden": where the work is done
    if any(start <= seat.start < end and not _sofa(unit.norm, seat.start) for seat in info.cue("seat")):
        return not _open_to_visitors(unit)  # not "een klein kantoor in de Truiense stationsbuurt (open woensdag en zaterdag)"
    if info.cue("venue"):
        return False  # "In ons lokaal in de Ridderstraat 12 in Sint-Truiden": where the activities take place
    # "Kerkstraat 12, Sint-Truiden", "in Sint-Truiden (Luikersteenweg 220)"
    return any(_street_number_at(unit, index) for index in range(max(0, hit_start - 6), min(len(unit.norm), hit_start + 6)))


def _street_number_at(unit: Unit, index: int) -> bool:
    """A street and its house number start at index: "Kerkstraat 12", "Luikersteenweg 220"."""
    return unit.norm[index].endswith(STREET_SUFFIXES) and unit.norm[index + 1 : index + 2] != [] and unit.norm[index + 1][:1].isdigit()


def has_postal_address(unit: Unit) -> bool:
    """A street with its number and a postcode with its town: "Schepen Dejonghstraat 21, 3800 Sint-Truiden"."""
    norm, raw = unit.norm, unit.raw
    postcode = any(
        len(word) == 4 and word.isdigit() and raw[index + 1 : index + 2] != [] and raw[index + 1][:1].isupper()
        for index, word in enumerate(norm)
    )
    return postcode and any(_street_number_at(unit, index) for index in range(len(norm)))


REGISTERED = frozenset({"gevestigd", "zetel", "hoofdkantoor", "headquartered"})  # words, not the seat cue's terms


def _open_to_visitors(unit: Unit) -> bool:
    """The office has opening days: people come there, so the project works there."""
    return bool({"open", "opened"} & set(unit.norm)) and any(word.startswith(WEEKDAY_NAMES) for word in unit.norm)


def _sofa(norm: list[str], index: int) -> bool:
    """"van zetel naar zetel", "op de zetel bij een vriend": the sofa of people without a home, not a seat."""
    return norm[index] == "zetel" and (
        norm[index - 1 : index] == ["van"] and norm[index + 1 : index + 3] == ["naar", "zetel"]
        or norm[index - 1 : index] == ["naar"] and norm[index - 3 : index - 1] == ["van", "zetel"]
        or norm[max(0, index - 2) : index] in (["op", "de"], ["op", "een"], ["in", "de"])
    )


RELATIVES_WORDS = frozenset(
    "dochter zoon man vrouw broer zus zuster moeder vader kleinzoon kleindochter schoonzoon schoondochter partner "
    "ouders grootouders oma opa tante oom nonkel daughter son husband wife brother sister mother father parents".split()
)
STAFF_HOME_VERBS = frozenset({"woont", "wonen", "rijdt", "rijden", "lives", "live"})


def _staff_home(info: UnitInfo, hit_start: int) -> bool:
    """Where staff or volunteers live or drive from ("Onze medewerkster Mariam woont in Alken"), or where a
    partner is ("De werkwinkel van de VDAB en de scholen liggen in Sint-Truiden")."""
    start, end = info.clause(hit_start)
    norm = info.unit.norm[start:end]
    # (the verb after the staff word: not "team Wonen & Thuisloosheid ... medewerker ... in de Truiense binnenstad")
    staff = [cue.start for cue in info.cue("not_persona") if start <= cue.start < hit_start]
    if staff and STAFF_HOME_VERBS & set(info.unit.norm[staff[0] : hit_start]):
        return True
    if norm[:2] == ["ik", "woon"] or norm[:2] == ["i", "live"]:
        return True  # "Ik woon zelf in Nieuwerkerken": the writer's home
    if norm[:1] in (["mijn"], ["my"]) and norm[1:2] and norm[1] in RELATIVES_WORDS:
        return True  # "Mijn dochter is verpleegster in het ziekenhuis in Sint-Truiden": family, not the project
    whose = info.unit.norm[max(0, hit_start - 3) : hit_start]
    if len(whose) == 3 and whose[0] in SOMEONES and whose[1] in RELATIVES_WORDS and whose[2] in ("in", "uit"):
        return True  # "Kevin belt naar zijn moeder in Gingelom": someone's family
    partner = any(start <= cue.start < hit_start for cue in _partners_named(info))  # not "Onze school ligt in Velm"
    return partner and bool({"ligt", "liggen", "gevestigd"} & set(norm))


def _is_dateline(unit: Unit, hit_end: int) -> bool:
    """'Sint-Truiden, 28 mei 2023' under a letter is where it was signed; so is a place with a full date at the
    end of a title block ("Ingediend door vzw De Perelaar, Terlogt, 26 mei 2023")."""
    if hit_end >= len(unit.norm):
        return False
    tail_words = " ".join(unit.raw[hit_end:])
    if len(unit.norm) <= 8:
        return bool(DATE_AFTER_RE.match(", " + strip_accents(tail_words)))
    return bool(FULL_DATE_AT_END_RE.match(", " + strip_accents(tail_words)))


# Where the text places the work elsewhere, or only maybe later.
# A referral's place ("voor inwoners van Heers verwijzen we door naar het sociaal huis") is someone else's work.
NOT_A_PLACE_OF_WORK = frozenset(
    {Status.NEGATED, Status.CONDITIONAL, Status.HEADING, Status.INSTRUCTION, Status.REFERRAL}
)


def _is_outside(info: UnitInfo, hit_start: int, hit_end: int) -> bool:
    if _left_out(info, hit_start, hit_end):
        return True
    return status(info, Hit("place", hit_start, hit_end, "")) in NOT_A_PLACE_OF_WORK


def _left_out(info: UnitInfo, hit_start: int, hit_end: int) -> bool:
    """The text says in so many words that the work is not there ("buiten Alken", "werken niet in Heers", "...
    in Nieuwerkerken ..., maar dat zijn geen plaatsen van dit project")."""
    start, end = info.clause(hit_start)
    if any(start <= cue.start < hit_start and hit_start - cue.end <= OUTSIDE_SCOPE for cue in info.cue("outside")):
        return True
    if _in_a_later_cell_without_no(info, hit_start):
        return False  # "Werkervaring | eigen ploegbazen | nee - reguliere werking | Sint-Joris": the activity's no
    if any(clause.start > hit_start and _verdict_on_places(info, clause.start, clause.end) for clause in info.clauses):
        return True
    # "In Sint-Truiden werkt het Huis van het Kind al met een gelijkaardig aanbod en dat willen we niet dubbelen"
    norm = info.unit.norm
    if any(norm[index] in JOINING_WORDS and _verdict_on_places(info, index, end) for index in range(hit_end, end - 1)):
        return True
    if _answered_no(info, end):
        return True  # "Gingelom, Heers en Nieuwerkerken: geen eigen werking in dit project."
    return is_negated(info, Hit("place", hit_start, hit_end, ""), start, _end_of_place_list(info, end))


def _in_a_later_cell_without_no(info: UnitInfo, hit_start: int) -> bool:
    """The place sits in a table row's later cell (where an activity happens) that itself says no nothing: a "nee"
    in another cell of the row is about the activity, not about the place."""
    bars = [index for index, separator in info.unit.breaks if separator == "|"]
    cell_start = max((bar + 1 for bar in bars if bar < hit_start), default=0)
    if info.unit.kind != "table" or not cell_start:
        return False
    cell_end = min((bar + 1 for bar in bars if bar >= hit_start), default=len(info.unit.norm))
    said = [*info.cue("negation"), *info.cue("negation_phrases"), *info.cue("outside"), *info.cue("table_no")]
    return not any(cell_start <= cue.start < cell_end for cue in said)


def _end_of_place_list(info: UnitInfo, end: int) -> int:
    """A list of places is cut into clauses by its commas; what its last clause says is said of them all: "in
    Gingelom, Heers, Nieuwerkerken of Alken vinden geen activiteiten plaats"."""
    for previous, clause in comma_joined(info, end):
        if previous.end - previous.start > PLACE_LIST_ITEM_WORDS or not info.unit.raw[clause.start][:1].isupper():
            break  # ("In Heers, waar geen aanbod is, ...": a clause about the place, not the next place)
        end = clause.end
    return end


PLACE_LIST_ITEM_WORDS = 3  # "in Gingelom", "Heers", "Sint-Truiden"


def _answered_no(info: UnitInfo, clause_end: int) -> bool:
    """The place's clause ends in a colon and what follows says no ("Gingelom, Heers en Nieuwerkerken: geen eigen
    werking in dit project") or only maybe."""
    ending = next((clause for clause in info.clauses if clause.end == clause_end), None)
    following = next((clause for clause in info.clauses if clause.start == clause_end), None)
    if ending is None or following is None or ending.separator != ":":
        return False
    first_words = range(following.start, min(following.end, following.start + VERDICT_REACH))
    if any(following.start <= cue.start < following.end for cue in info.cue("conditional")):
        return True  # "Heers en Nieuwerkerken: met beide gemeenten lopen gesprekken over een antenne vanaf 2025"
    return any(cue.start in first_words for cue in [*info.cue("negation"), *info.cue("negation_phrases")])


THIS_REQUEST = frozenset({"project", "aanvraag", "voorstel", "proposal"})  # "dat zijn geen plaatsen van dit project"
VERDICT_OPENERS = frozenset({"dat", "die", "dit", "deze", "those", "these"})
VERDICT_VERBS = frozenset({"blijft", "blijven", "valt", "vallen", "hoort", "horen", "is", "zijn", "wordt", "worden"})
JOINING_WORDS = frozenset({"maar", "en", "but", "and"})
TAKING_PART_VERBS = frozenset({"neemt", "nemen", "doet", "doen", "takes", "take"})  # "neemt niet deel", "doet niet mee"
VERDICT_REACH = 3


def _verdict_on_places(info: UnitInfo, start: int, end: int) -> bool:
    """A later clause that points back and says no about the project: "dat zijn geen plaatsen van dit project"."""
    norm = info.unit.norm
    if norm[start] in JOINING_WORDS and start + 1 < end:
        if _not_there(info, start + 1, end):
            return True
        start += 1  # "..., maar dat zijn geen plaatsen van dit project"
    if norm[start : start + 2] in (["de", "gemeente"], ["het", "gemeentebestuur"], ["het", "college"]) and any(
        start <= cue.start < end for cue in info.cue("negation")
    ):
        return True  # "In Gingelom wilden we op het kerkplein staan, maar de gemeente gaf geen toestemming"
    if norm[start : start + 1] == ["in"] and norm[start + 1 : start + 2] in (["hun"], ["die"], ["deze"], ["those"], ["their"]):
        # "...; in hun gemeenten zelf organiseren we niets": the places named before, and nothing happens there
        said_no = any(start <= cue.start < end for cue in info.cue("negation"))
        if said_no and norm[start + 2 : start + 3] and norm[start + 2].startswith(("gemeente", "dorp", "municipal", "village")):
            return True
    if norm[start] in VERDICT_VERBS and any(start <= cue.start < end for cue in info.cue("negation_phrases")):
        return True  # "De oefengroep die we al in Heers hebben, blijft buiten dit project lopen"
    if norm[start] in TAKING_PART_VERBS and any(start < cue.start <= start + VERDICT_REACH for cue in info.cue("negation")):
        # "Onze tweede vestiging, het atelier in Sint-Truiden, neemt niet deel aan dit project"
        return bool(THIS_REQUEST & set(norm[start:end]))
    if norm[start] not in VERDICT_OPENERS:
        return False
    if any(start <= cue.start < end for cue in info.cue("negation_phrases")):
        return True  # "..., maar dat werd geweigerd"
    said_no = any(start < cue.start <= start + VERDICT_REACH for cue in info.cue("negation"))
    # "dat zijn geen plaatsen van dit project", "dat willen we niet dubbelen": the project or the applicant says no
    return said_no and (bool(THIS_REQUEST & set(norm[start:end])) or bool(agents(info, start, end)))


THERE_WORDS = frozenset({"daar", "there"})
PASSIVE_WORDS = frozenset({"wordt", "worden"})


def _not_there(info: UnitInfo, start: int, end: int) -> bool:
    """A clause joined to the places ("maar", "en") that says the project does not happen there: "In Gingelom,
    Heers en Alken blijft onze gewone werking beschikbaar, maar Mama Mee wordt daar niet aangeboden", "..., maar
    we openen daar geen locatie", "Onze praktijk ligt in Sint-Truiden, maar daar gaat deze aanvraag niet over"
    (not "..., maar daar is geen aanbod", which describes a need)."""
    norm = info.unit.norm
    about_the_request = bool(THIS_REQUEST & set(norm[start:end]))
    actor = any(start <= cue.start < end for cue in [*info.cue("agent"), *info.cue("offer")])
    if not actor and not about_the_request and not (PASSIVE_WORDS & set(norm[start:end])):
        return False
    for index in range(start, end):
        # ("daar gaat deze aanvraag niet over": the request's no may come later in the clause)
        reach = end if about_the_request else min(end, index + VERDICT_REACH + 1)
        if norm[index] in THERE_WORDS and any(index < cue.start < reach for cue in info.cue("negation")):
            return True
    return False


def _is_context(info: UnitInfo, hit_start: int, hit_end: int) -> bool:
    """Named while describing the region or its people. Place lists are cut into clauses by their commas,
    so a description anywhere in the sentence counts ("Mensen uit Gingelom, Heers - trekken vaak naar")."""
    if status(info, Hit("place", hit_start, hit_end, "")) is Status.CONTEXT:
        return True
    if _origin(info, hit_start) or _place_ruled_out(info, hit_start) or _still_to_decide(info, hit_start):
        return True
    if _partner_name(info, hit_start) and not info.cue("venue"):
        return True  # not "gaan door in een spreekkamer die het Sociaal Huis van Nieuwerkerken ons ter beschikking stelt"
    if _partner_location(info, hit_start):
        return True
    if _venue_clause(info, hit_start):
        return False  # "in de parochiezaal in Wijer, omdat daar veel gezinnen wonen": the reason is context
    return bool(info.cue("context")) and not agents(info) and not info.cue("target")


def _venue_clause(info: UnitInfo, hit_start: int) -> bool:
    """The place's own clause names a venue of the project ("in de parochiezaal in de Kerkstraat in Wijer")."""
    start, end = info.clause(hit_start)
    return any(start <= cue.start < end for cue in info.cue("venue"))


ORIGIN_WORDS = frozenset({"uit", "vanuit", "from"})
ORIGIN_REACH = 7  # "komen ook uit de LOI in Heers en in Gingelom"
COMING_VERBS = frozenset({"komen", "komt", "kwamen", "afkomstig"})
CHANNEL_WORDS = frozenset({"via", "through"})
LIVING_VERBS = frozenset({"wonen", "woont", "live", "lives"})
SLEEPING_VERBS = frozenset({"slaapt", "slapen", "sliep", "sliepen", "logeert", "logeren"})
SLEEPING_REACH = 12  # "slaapt bij vrienden, nu eens hier, dan weer in Alken"
WANTING_WORDS = frozenset({"willen", "wil", "terug", "verhuizen", "verhuist", "want", "wants"})
LOCATION_WORDS = frozenset({"in", "te", "op", "naar", "at", "to"})
LIVING_REACH = 7


RESIDENT_WORDS = frozenset({"inwoners", "inwoner", "bewoners", "bewoner", "burgers", "residents", "inhabitants"})


def _origin(info: UnitInfo, hit_start: int) -> bool:
    """Where people come from ("werkzoekenden uit Sint-Truiden en omgeving") is not yet where the project
    works: such a place counts only when the proposal names no place of work. Nor is where the applicant
    introduces itself ("Wij zijn ... een groepspraktijk in Sint-Truiden")."""
    visits = [cue for cue in info.cue("home_visit") if not is_negated(info, cue, *info.clause(cue.start))]
    if visits and agents(info):
        return False  # "Deelnemers uit Heers die slecht te been zijn, bezoeken we thuis" (not "we gaan niet aan huis")
    if _introduction(info, hit_start):
        return True
    before = info.unit.norm[max(0, hit_start - 4) : hit_start]
    venue_before = any(cue.start < hit_start for cue in info.cue("venue"))
    coming = COMING_VERBS & set(info.unit.norm[:hit_start])
    if coming and not venue_before and (ORIGIN_WORDS | CHANNEL_WORDS) & set(info.unit.norm[max(0, hit_start - ORIGIN_REACH) : hit_start]):
        # "Mannen komen ook uit de LOI in Heers", "Ze komen meestal via de nachtopvang in Sint-Truiden": where
        # they come from, or through whom
        return True
    if before[-1:] == ["van"] and coming and not venue_before:
        # "De vrouwen komen van Sint-Truiden, maar ook van Nieuwerkerken" (not "we komen samen in het
        # parochiezaaltje van Ulbeek": the hall of that village)
        return True
    if before[-1:] == ["van"] and before[-2:-1] and before[-2] in RESIDENT_WORDS:
        return True  # "Inwoners van Sint-Truiden en Alken hebben het sociaal huis op fietsafstand"
    # "ze wonen verspreid over Sint-Truiden, Gingelom en Heers", "Andere spelers wonen in Sint-Truiden of Landen"
    # "woont trouwens in Gingelom" (not "die gaan wonen in Alken": who moves there is followed up there)
    # "woont net over de gemeentegrens, in Mielen-boven-Aalst"
    wider = info.unit.norm[max(0, hit_start - LIVING_REACH) : hit_start]
    living = before[-1:] in (["in"], ["van"]) and bool(LIVING_VERBS & set(wider[:-1])) and "gaan" not in wider
    # "slapen bij een vriend op de zetel in Nieuwerkerken": where people without a home stay
    living = living or (before[-1:] == ["in"] and hit_start >= 2 and _sofa(info.unit.norm, hit_start - 2))
    # "Hij slaapt bij vrienden, nu eens hier, dan weer in Alken": where someone without a home stays
    staying = info.unit.norm[max(0, hit_start - SLEEPING_REACH) : hit_start]
    living = living or (
        before[-1:] == ["in"] and not venue_before
        and any(
            word in SLEEPING_VERBS and staying[i + 1 : i + 2] == ["bij"] and staying[i + 2 : i + 3] not in (["ons"], ["onze"])
            for i, word in enumerate(staying)
        )  # (not "De mannen slapen bij ons in de nachtopvang in Sint-Truiden")
    )
    # "wie in Sint-Truiden woont, neemt de bus": the verb after the place
    living = living or (before[-1:] == ["in"] and bool(LIVING_VERBS & set(info.unit.norm[hit_start + 1 : hit_start + 3])))
    # "Mannen die in Alken of Wellen hun woning kwijtraken, komen meestal via de bus bij ons terecht": the people
    # of a place who come to the applicant elsewhere
    norm = info.unit.norm
    relative = next((i for i in range(hit_start - 1, max(-1, hit_start - 4), -1) if norm[i] == "die"), None)
    if relative is not None and any(cue.end == relative for cue in info.cue("groups")):
        if COMING_VERBS & set(norm[hit_start + 1 :]):
            return True
    # "aanmeldingen van gedetineerden die terug willen naar Gingelom of Heers": where those people want to go
    if before[-1:] == ["naar"] and _wanted_by_a_group(info, hit_start):
        return True
    # "uit de Truiense randdorpen", "uit het centrum van Sint-Truiden": an article after the origin word
    with_article = len(before) >= 2 and before[-2] in ORIGIN_WORDS and before[-1] in ("de", "het", "the")
    return bool(before) and (before[-1] in ORIGIN_WORDS or with_article or before[-2:] == ["verspreid", "over"] or living)


def _wanted_by_a_group(info: UnitInfo, hit_start: int) -> bool:
    """"gedetineerden die terug willen naar Gingelom": a relative clause about a group that wants to go there."""
    relative = group_relative(info, max(0, hit_start - WANTING_REACH), hit_start)
    return relative is not None and bool(WANTING_WORDS & set(info.unit.norm[relative:hit_start]))


WANTING_REACH = 6


def _introduction(info: UnitInfo, hit_start: int) -> bool:
    """The applicant introducing itself, with no activity or venue in the place's clause: "Wij zijn Els en Tom,
    klinisch psychologen en sinds 2015 een groepspraktijk in Sint-Truiden"."""
    norm, raw = info.unit.norm, info.unit.raw
    if tuple(norm[:2]) not in INTRO_OPENINGS or len(norm) < 3:
        return False
    if norm[2] not in INTRO_THIRD_WORDS and not raw[2][:1].isupper():
        return False  # who we are ("Wij zijn een vzw ...", "Wij zijn Els en Tom"), not "We zijn actief in ..."
    start, end = info.clause(hit_start)
    return not any(start <= cue.start < end for cue in [*info.cue("offer"), *info.cue("venue")])


def _founded_there(info: UnitInfo, hit_start: int) -> bool:
    """Where the organisation began ("Den Hoek is in 2015 gestart in een oude garage in Sint-Joris"): history, but
    where the applicant is when the proposal names no other place of work."""
    start, end = info.clause(hit_start)
    return bool(FOUNDING_WORDS & set(info.unit.norm[start:end]))


INTRO_OPENINGS = frozenset({("wij", "zijn"), ("we", "zijn"), ("ik", "ben"), ("we", "are"), ("i", "am")})
# "Wij zijn een vzw", "Wij zijn aangesloten bij de Veiling in Sint-Truiden", "Ik ben lid van ..."
INTRO_THIRD_WORDS = frozenset({"een", "de", "het", "a", "an", "the", "aangesloten", "lid", "member"})


def _people_of(info: UnitInfo, hit: PlaceHit) -> bool:
    """"Gingelomse en Heerse mama's": the adjective says where people are from, not where the work is (unlike
    "de Truiense stationsbuurt")."""
    return hit.pattern.kind == "adjective" and any(cue.start == hit.end for cue in info.cue("groups"))


def _place_list(info: UnitInfo, hit: PlaceHit, hits: list[PlaceHit], towns: frozenset[str]) -> list[PlaceHit]:
    """The run of places this one belongs to ("Alken, Heers en Gingelom"), in text order."""
    members = [hit]
    for direction in (-1, 1):
        current = hit
        while True:
            following = [
                other for other in hits
                if other is not current and (other.start > current.start) == (direction > 0)
                and _listed_with(info, current, other, towns)
            ]
            if not following:
                break
            current = min(following, key=lambda other: abs(other.start - current.start))
            if current in members:
                break
            members.append(current)
    return sorted(members, key=lambda member: member.start)


TRANSPORT_WORDS = frozenset(
    "bus busje busroute buslijn buslijnen busrit busritten bushalte belbus trein busverbinding treinverbinding "
    "verbinding rijdt rijden rit ritten verplaatsing verplaatsingen "
    "vervoer chauffeur carpool pendelen pendelt haalt halen brengt brengen station shuttle ritje ritjes uitstap "
    "uitstapje uitstappen verhuizen verhuist verhuis verhuisde verhuisden verhuizing daguitstap match markt "
    "wedstrijd rij camionette toegeleid toeleiden toeleiding doorverwezen doorsturen mee rendent rend".split()
)
TRANSPORT_REACH = 12
APPOINTMENT_WORDS = frozenset(
    {"afspraak", "afspraken", "consultatie", "consultaties", "zitting", "gesprek", "intakegesprek", "appointment", "appointments"}
)  # (also read by tasks/analyse.py: an appointment of the participant's own is no service of the project)
MUST_WORDS = frozenset({"moet", "moeten", "moest", "moesten"})
FAR_RE = re.compile(r" (?:is|ligt|zijn|liggen) (?:\w+ ){0,3}(?:te |erg |heel |zo )?ver(?: weg)? ")


def _transport(info: UnitInfo, hit_start: int) -> bool:
    """A destination or pick-up point of a ride, an outing or a referral ("de bus naar Sint-Truiden rijdt maar één
    keer per uur", "ons busje haalt de deelnemers op aan het station van Sint-Truiden", "gaan we samen naar een
    match van STVV in Sint-Truiden", "wordt toegeleid naar het CGG in Sint-Truiden"), not where the project works."""
    norm = info.unit.norm
    start, end = info.clause(hit_start)
    clause_text = " " + " ".join(norm[start:end]) + " "
    if " te ver " in clause_text or (FAR_RE.search(clause_text) and " niet ver " not in clause_text):
        return True  # "Gingelom en Heers liggen te ver van onze standplaats", "Sint-Truiden is voor ons ver"
    lead_ins = [clause for clause in info.clauses if clause.separator == ":" and clause.end <= hit_start]
    if lead_ins and any(word in TRANSPORT_WORDS for word in norm[lead_ins[-1].start : lead_ins[-1].end]):
        if "naar" in norm[start:hit_start]:
            return True  # "Waar we naartoe rijden is heel verschillend: ..., naar een advocaat in Sint-Truiden"
    if norm[hit_start - 1 : hit_start] == ["naar"] and MUST_WORDS & set(norm[start:hit_start]):
        return True  # "Voor de voedselbank moeten de mensen naar Sint-Truiden": where people have to go
    if norm[start : start + 1] == ["naar"] and _ride_before(info, start):
        return True  # "rijdt mensen naar de dokter in Alken, naar het ziekenhuis in Sint-Truiden": the next stop
    following = next((clause for clause in info.clauses if clause.start == end), None)
    said = set(norm[following.start : following.end]) if following and norm[following.start] == "waar" else set()
    if said & {"naartoe", "heen"} and said & TRANSPORT_WORDS:
        return True  # "werken we met Asster in Sint-Truiden, waar we de mannen naartoe brengen": where they are taken
    if said and not said & {"naartoe", "heen"} and agents(info, following.start, following.end):
        return False  # "rijden we met de soepkar naar het dorpsplein van Kozen, waar we een tiental mannen zien"
    if STANDING & set(norm[start:end]) and agents(info, start, end) and not RIDING & set(norm[start:end]):
        return False  # "Elke zaterdag staan we met de herstelkar op de wekelijkse markt in Sint-Truiden": a stall
    before = norm[max(0, hit_start - TRANSPORT_REACH) : hit_start]
    if APPOINTMENT_WORDS & set(norm[start:hit_start]) and "bij" in before and TRANSPORT_WORDS & set(norm[start:end]):
        return True  # "Voor afspraken bij de dokter in Sint-Truiden rijden we soms mee": where an appointment is
    if _going_to_their_course(info, start, hit_start) and not agents(info, start, end):
        return True  # "Terwijl zij naar haar les Nederlands in Sint-Truiden gaat", "Naar de les in Sint-Truiden gaan"
    if _their_appointments(info, start, hit_start) and not agents(info, start, end):
        return True  # "Zijn afspraken liggen in Hasselt of in Sint-Truiden: het CAD, de probatieassistent, ..."
    indicators = {"naar", "van", "richting", "met", "tussen", "a"} & set(before)  # (a: French "à", accents folded)
    if not indicators:
        return False
    if indicators == {"met"}:
        with_index = max(index for index in range(max(0, hit_start - TRANSPORT_REACH), hit_start) if norm[index] == "met")
        if any(group.end == with_index for group in info.cue("groups")):
            return False  # "mama's met psychische problemen in Heers en Gingelom": who the people are, not a ride
    if indicators == {"van"} and not any(word in TRANSPORT_WORDS - {"mee"} for word in norm[start:end]):
        return False  # "zoeken we mee een plaats in de IBO van Wellen": of a place, not from it
    if indicators == {"van"} and norm[hit_start - 2 : hit_start - 1] and norm[hit_start - 2] in PARTS_OF_A_TOWN:
        return False  # "een ronde langs de dorpen van Heers en Gingelom": the villages of those towns
    if any(start <= venue.start < hit_start for venue in info.cue("venue")) and not any(
        word in TRANSPORT_WORDS for word in norm[start:hit_start]
    ):
        return False  # "koken we soep in de keuken van de parochiezaal in Zepperen en rijden we naar het station"
    # "Naar Sint-Truiden is te ver, bus 1 keer per uur": too far to go is not where the project works
    return any(word in TRANSPORT_WORDS for word in norm[start:end]) or " te ver " in info.unit.joined


COURSE_WORDS = frozenset({"les", "lessen", "cursus", "opleiding", "school", "werk", "job", "sollicitatie", "stage"})


def _going_to_their_course(info: UnitInfo, start: int, hit_start: int) -> bool:
    """The place is where someone goes to a course, school or job of their own ("naar haar les Nederlands in ...")."""
    norm = info.unit.norm
    return any(
        norm[index] == "naar" and COURSE_WORDS & set(norm[index + 1 : index + 3]) for index in range(start, hit_start)
    )


def _their_appointments(info: UnitInfo, start: int, hit_start: int) -> bool:
    """Someone's own appointments ("zijn afspraken", "hun consultaties") named before the place in its clause."""
    norm = info.unit.norm
    return any(
        norm[index] in APPOINTMENT_WORDS and norm[index - 1] in THEIR for index in range(max(start, 1), hit_start)
    )


STANDING = frozenset({"staan", "staat", "sta"})
RIDING = frozenset({"rijden", "rijdt", "rij", "brengen", "brengt", "halen", "haalt", "pendelen", "pendelt"})


PARTS_OF_A_TOWN = frozenset(
    "dorpen dorp deelgemeenten deelgemeente wijken wijk straten buurten kernen kern gehuchten".split()
)


def _ride_before(info: UnitInfo, start: int) -> bool:
    """The clause before the one at start (ending in a comma) is a ride to somewhere ("rijdt mensen naar ...")."""
    norm = info.unit.norm
    return any(
        clause.end == start and clause.separator == "," and "naar" in norm[clause.start : clause.end]
        and any(word in TRANSPORT_WORDS for word in norm[clause.start : clause.end])
        for clause in info.clauses
    )


# Settings that are somewhere else than the project's work: where the jobs are ("werkgevers in de industriezones
# van Sint-Truiden"), where the call met its applicants ("op de infosessie in Sint-Truiden") and the courts people
# are accompanied to ("mee naar de zitting bij de vrederechter in Sint-Truiden").
OTHER_SETTINGS = (
    "industriezone", "industrieterrein", "logistieke", "logistiek", "distributiecentr",
    "bedrijventerrein", "bedrijvenzone", "kmo-zone", "kmo", "zoning", "zone", "fruitsector", "fruitteelt", "veiling",
    "infosessie", "infoavond", "infomoment", "verrijkingssessie", "verrijkingsdag", "matchingsdag",
    "vrederechter", "vredegerecht", "rechtbank", "justitiehuis",
)  # fmt: skip


ERRAND_WORDS = ("boodschappen", "supermarkt", "winkelen")  # "doe ik mijn boodschappen in de Aldi in Sint-Truiden"
EMPLOYER_WORDS = frozenset({"bedrijven", "werkgevers", "firma's", "companies", "employers"})


SETTING_REACH = 6  # "in de logistiek op Schurhovenveld in Sint-Truiden"


def _other_setting(info: UnitInfo, hit_start: int) -> bool:
    norm = info.unit.norm
    before = norm[max(0, hit_start - SETTING_REACH) : hit_start]
    errand = any(word.startswith(ERRAND_WORDS) for word in norm[info.clause(hit_start)[0] : hit_start])
    # "lopen stage bij bedrijven en maatwerkbedrijven in de streek, onder meer in Wellen": where the jobs are
    earlier = norm[:hit_start]
    placement = any(word.startswith("stage") for word in earlier) and bool(EMPLOYER_WORDS & set(earlier))
    return errand or placement or any(word.startswith(OTHER_SETTINGS) for word in before) or _course_elsewhere(info, hit_start)


FOLLOW_VERBS = frozenset({"volgen", "volgt", "volgden", "volgde", "gevolgd", "follow", "follows", "followed"})
COURSE_ENDINGS = ("les", "lessen", "opleiding", "cursus", "school", "nt2")


def _course_elsewhere(info: UnitInfo, hit_start: int) -> bool:
    """People follow a course somewhere, nobody of the project acting: "drie vrijwilligers volgen de
    avondopleiding in het CVO in Sint-Truiden", "anderen volgen avondles Nederlands in Sint-Truiden"."""
    start, end = info.clause(hit_start)
    words = info.unit.norm[start:end]  # (also after the place: "Een paar hebben in Sint-Truiden NT2 gevolgd")
    if agents(info, start, end) or not FOLLOW_VERBS & set(words):
        return False
    return any(word.endswith(COURSE_ENDINGS) for word in words)


FIGURES = 2
CAPACITY_WORDS = frozenset({"plaatsen", "bedden", "kamers", "studio", "leerlingen", "places", "beds", "pupils"})


def _a_figure(info: UnitInfo, hit_start: int, hit_end: int) -> bool:
    """"41 personen in Sint-Truiden", "6 in Gingelom", "Sint-Truiden 201, Alken 29", "Gingelom 11,2%": a count for
    a municipality (several of them in one sentence are figures per municipality, not places of work; not
    "Ridderstraat 12 in Sint-Truiden")."""
    after = info.unit.norm[hit_end : hit_end + 2]
    if after[:1] and after[0].isdigit() and not CAPACITY_WORDS & set(after) and not _bracket_after(info, hit_end):
        return True  # (not "Pimpernel Ulbeek (14 plaatsen)", "Borlo (96 leerlingen)": a site and its size)
    before = info.unit.norm[max(0, hit_start - 4) : hit_start]
    if before[-1:] != ["in"] or CAPACITY_WORDS & set(before):
        return False  # "een buitenschoolse opvang met 40 plaatsen in Kozen" is the project's own venue
    for index in (-2, -3):
        if len(before) >= -index and before[index].isdigit():
            previous = before[index - 1] if len(before) > -index else ""
            return not previous.endswith(STREET_SUFFIXES)
    return False


def _bracket_after(info: UnitInfo, hit_end: int) -> bool:
    """The number after the place name is in brackets ("Borlo (96 leerlingen)"): the size of a site."""
    word = info.unit.raw[hit_end - 1]
    return bool(re.search(rf"\b{re.escape(word)}\s*\(\s*\d", strip_accents(info.unit.text)))


def _biography(info: UnitInfo, hit_start: int) -> bool:
    """Where someone grew up or was born ("onze founder groeide op in Sint-Truiden"), or how things were ("toen
    ik nog werkte", "vroeger"), is not a place of work."""
    start, end = info.clause(hit_start)
    # in the place's clause, or opening the sentence ("Toen ik nog werkte, kon je met de bus naar ..."), or in a
    # clause that only commas separate from it ("Ik heb drie maand gelegen in Asster, in Sint-Truiden")
    commas_only = all(clause.separator == "," for clause in info.clauses if clause.end <= start)
    return any(
        start <= cue.start < end or cue.start == 0 or (cue.start < start and commas_only) for cue in info.cue("biography")
    )


def _municipality_as_partner(info: UnitInfo, hit_start: int) -> bool:
    """The municipality as a body the applicant works with: "organiseren we samen met Gingelom, Heers en
    Nieuwerkerken", "in overleg met Alken", "contact opnemen met Alken"."""
    before = info.unit.norm[max(0, hit_start - 3) : hit_start]
    if before[-1:] != ["met"]:
        return False
    return bool({"samen", "contact"} & set(before)) or any(cue.end == hit_start for cue in info.cue("cooperation"))


def _partner_name(info: UnitInfo, hit_start: int) -> bool:
    """The place is part of a partner's name ("overleg met het lokaal bestuur Alken", "OCMW Heers stuurt ons
    mensen door"), not a location ("in het Sociaal Huis van Gingelom")."""
    raw = info.unit.raw
    cells = cell_spans(info.unit)
    for org in _partners_named(info):
        if not any(start <= org.start and hit_start < end for start, end in cells):
            continue  # "Nisa vzw, met VDAB | Nieuwerkerken (Kozen)": the place is the next cell, not the name
        # "lokaal bestuur Alken", "Sociaal Huis van Gingelom", "maatwerkbedrijf Haspenwerk (Sint-Truiden)"
        between = info.unit.norm[org.end] if org.end + 1 == hit_start else ""
        # "VDAB van / de (fr) / of (en) Sint-Truiden"; "Politiezone Haspengouw (Borgloon, Heers, ...)": the area it covers
        named = org.end == hit_start or between in ("van", "de", "of") or (between and raw[org.end][:1].isupper())
        # not "de drie deelnemende gemeenten: Gingelom, ...", where the colon opens a list of places
        named = named and not any(c.separator == ":" and org.start < c.end <= hit_start for c in info.clauses)
        if named or _bracketed_area(info, org.end, hit_start):
            # "in het Sociaal Huis van Gingelom", "sta ik met de bestelwagen aan het sociaal huis van Nieuwerkerken"
            before = info.unit.norm[max(0, org.start - 2) : org.start]
            return not any(word in LOCATION_WORDS or word == "aan" for word in before)
    return False


def _row_says_no(info: UnitInfo) -> bool:
    """A table row whose first cell opens with a 'no' ("CGG | geen inzet in het project; doorverwijsadres | - |
    Sint-Truiden", with the partner's name as the row's label): the places in its other cells are not the project's."""
    cells = cell_spans(info.unit)
    if info.unit.kind not in ("table", "row") or len(cells) < 2:
        return False
    return any(cue.start == cells[0][0] for cue in [*info.cue("negation"), *info.cue("table_no")])


def _partners_named(info: UnitInfo) -> list[Hit]:
    """Organisations other than the applicant: "onze school in Brustem" is the applicant's own venue."""
    norm = info.unit.norm
    return [org for org in info.cue("partner_org") if not (org.start > 0 and norm[org.start - 1] in POSSESSIVE_WORDS)]


BRACKET_REACH = 12


def _bracketed_area(info: UnitInfo, org_end: int, hit_start: int) -> bool:
    """The place is in brackets after the partner's name (maybe after other places and towns)."""
    norm = info.unit.norm
    if not 0 <= hit_start - org_end <= BRACKET_REACH:
        return False
    org, place = re.escape(norm[org_end - 1]), re.escape(norm[hit_start])
    pattern = rf"\b{org}\b[^()|]{{0,40}}\([^()|]*\b{place}\b[^()|]*\)"
    return re.search(pattern, info.unit.folded) is not None


BRANCH_WORDS = frozenset(
    "in te campus campussen onthaal afdeling afdelingen vestiging vestigingen antenne antennes kantoor kantoren team "
    "teams werkwinkel regioteam regioteams regio region".split()
)
BRANCH_REACH = 3


def _partner_location(info: UnitInfo, hit_start: int) -> bool:
    """Where a partner is ("Ilse, consulente van het CAD in Sint-Truiden, komt naar de boerderij", "CAW Limburg,
    onthaal Sint-Truiden", "PZ Asster, campus Sint-Truiden"), when the clause names no venue of the project
    ("zitdag in het lokaal van het OCMW in Heers" is a place of work)."""
    if _venue_clause(info, hit_start):
        return False
    norm, raw = info.unit.norm, info.unit.raw
    for org in _partners_named(info):
        if not 0 < hit_start - org.end <= BRANCH_REACH:
            continue  # (the branch may follow a comma: "PZ Asster, campus Sint-Truiden")
        between = range(org.end, hit_start)
        if not all(norm[i] in BRANCH_WORDS or raw[i][:1].isupper() or names_staff(norm[i], STAFF_ENDINGS) for i in between):
            continue  # ("de VDAB-bemiddelaar in Sint-Truiden": the partner's worker there)
        if any(org.end - 1 <= index < hit_start and separator == ";" for index, separator in info.unit.breaks):
            continue  # "... in het sociaal huis van zijn gemeente; in Sint-Truiden hebben we ...": a new clause
        if not any(norm[i] in BRANCH_WORDS for i in between):
            continue  # "CAW Limburg Sint-Truiden" without a word for the branch is a name (see _partner_name)
        before = norm[max(0, org.start - 2) : org.start]
        if not any(word in LOCATION_WORDS for word in before):
            return True
        # "Wie wil stoppen, die moet naar het CAD in Sint-Truiden": where people go, with nobody of the project
        if "naar" in before and not agents(info, *info.clause(hit_start)):
            return True
    return False


STAFF_ENDINGS = (*HELPER_ENDINGS, "medewerker", "medewerkster", "schepen", "burgemeester")


def _partner_listed(info: UnitInfo, hit_start: int) -> bool:
    """Under the partners' heading, where a partner is ("Tuincentrum De Linde in Alken: geeft ons plantjes"), unless
    the clause names a venue of the project or the applicant acting there. (A table of partners may have a column
    of the places where each partner works in the project.)"""
    if info.section != PARTNER_SECTION or info.unit.kind in ("table", "row") or _venue_clause(info, hit_start):
        return False
    if _after_a_lead_in(info, hit_start) and not info.cue("partner_org"):
        return False  # "Het thuisoefenen gebeurt waar de jongeren wonen: vooral in Sint-Truiden, maar ook in Alken"
    return not agents(info, *info.clause(hit_start))


# "Het thuisoefenen gebeurt waar de jongeren wonen: vooral in Sint-Truiden", "De begeleiding vindt plaats bij de
# gezinnen thuis, in Heers en Gingelom": the work goes to where the people live
WORK_WHERE_PEOPLE_LIVE_RE = re.compile(
    r" (?:gebeurt|gebeuren|vindt plaats|vinden plaats|gaat door|gaan door) (?:\S+ ){0,4}?"
    r"(?:waar (?:\S+ ){1,3}?(?:wonen|woont)|bij (?:\S+ ){0,2}?thuis) "
)


def _work_where_people_live(info: UnitInfo) -> bool:
    return bool(WORK_WHERE_PEOPLE_LIVE_RE.search(info.unit.joined)) and not has_negation(info)


def _after_a_lead_in(info: UnitInfo, hit_start: int) -> bool:
    """The place follows a colon that ends a clause of its sentence (not a list item's partner before it)."""
    return any(clause.separator == ":" and clause.end <= hit_start for clause in info.clauses)


def _about_the_organisation(info: UnitInfo) -> bool:
    """Under the heading that presents the applicant ("1. Onze dienst", "Wie zijn we"), the whole area is the one
    the organisation serves anyway, unless the sentence speaks of the project ("dit project start in ...")."""
    if info.section != "organisatie" or info.cue("future"):
        return False
    return not (THIS_REQUEST | {"projecten"}) & set(info.unit.norm)


def _regular_work(info: UnitInfo) -> bool:
    """The sentence is about the organisation's regular work, not the project: "Onze reguliere werking strekt zich
    uit over 24 gemeenten; ook de zes gemeenten van het partnerschap behoren daartoe"."""
    return bool(info.cue("regular_work")) and not info.cue("future")


# "hoort bij Heers"; "Klein-Gelmen, dat is al Heers"
BELONGS_REACH = 6  # "Groot-Gelmen, dat bij Sint-Truiden hoort"
MAP_WORDS = frozenset({"ligt", "liggen", "tegen", "naast", "grens", "grenst", "grenzen"})
BELONGS_WORDS = (("hoort", "bij"), ("horen", "bij"), ("behoort", "tot"), ("behoren", "tot"), ("dat", "is"), ("is", "al"))


def _belongs_to(info: UnitInfo, hit: PlaceHit) -> bool:
    """Which municipality a village belongs to ("Groot-Gelmen, dat bij Sint-Truiden hoort", "hoort bij Heers"): the
    map, not the work."""
    norm = info.unit.norm
    before = tuple(norm[max(0, hit.start - 2) : hit.start])
    after = norm[hit.end : hit.end + 1]
    if before in BELONGS_WORDS or (norm[hit.start - 1 : hit.start] == ["bij"] and after in (["hoort"], ["horen"])):
        return True
    # "Klein-Gelmen ligt tegen Groot-Gelmen aan, dat bij Sint-Truiden hoort", "net over de grens in Aalst, dat bij
    # Sint-Truiden hoort": the village being placed on the map (not "De koffienamiddag is in Herten, dat bij Wellen
    # hoort", where it happens)
    start, _ = info.clause(hit.start)
    if not MAP_WORDS & set(norm[start : hit.start]):
        return False
    following = norm[hit.end : hit.end + BELONGS_REACH]
    if following[:1] == ["aan"]:
        following = following[1:]  # "ligt tegen Groot-Gelmen aan, dat ..."
    return following[:2] in (["dat", "bij"], ["die", "bij"]) and ("hoort" in following or "horen" in following)


ALREADY_OPENING = 3  # "In Sint-Truiden-centrum zijn het Huis van het Kind en het CAW al sterk aanwezig"


def _others_already_there(info: UnitInfo, hit_start: int) -> bool:
    """A sentence that opens with the place and says another organisation is already there: "In Wellen heeft het
    OCMW al een wekelijkse zitdag", "In Sint-Truiden-centrum zijn het Huis van het Kind en het CAW al sterk
    aanwezig" - why the project goes elsewhere, not where it works."""
    norm = info.unit.norm
    start, end = info.clause(hit_start)
    opening = start + 1 if norm[start] in JOINING_WORDS else start  # "..., en in het centrum van Sint-Truiden ..."
    # (the clause opens on a place; a village later in it counts too: "... een zitdag in het dorpspunt van Herten")
    named = any(word[:1].isupper() for word in info.unit.raw[opening + 1 : opening + 1 + ALREADY_OPENING])
    if norm[opening : opening + 1] != ["in"] or not named:
        return False
    return partner_already_there(info, start, end)


def _staff_title(info: UnitInfo, hit_start: int) -> bool:
    """"woonbegeleider Heers + maatschappelijk werker Gingelom": a staff member by the municipality that employs
    them; also a person's title in an aside ("Mevrouw Lien Daerden, psychologe in Sint-Truiden, wil dit doen")."""
    norm = info.unit.norm
    if hit_start > 0 and norm[hit_start - 1].endswith(STAFF_ENDINGS):
        return True
    start, end = info.clause(hit_start)
    aside = start > 0 and end - start <= TITLE_ASIDE_WORDS and norm[hit_start - 1 : hit_start] == ["in"]
    return aside and names_staff(norm[start]) and any(
        clause.end == start and clause.separator == "," for clause in info.clauses
    )


TITLE_ASIDE_WORDS = 5  # ", psychologe in Sint-Truiden,": a one-word title, "in" and the town


DECISION_WORDS = frozenset({"beslissing", "beslissen", "beslist", "decision", "decide"})
DECISION_REACH = 6  # "beslissing over antennes Heers en Nieuwerkerken"


def _still_to_decide(info: UnitInfo, hit_start: int) -> bool:
    """"beslissing over antennes Heers en Nieuwerkerken voor 2025": whether the project goes there is still open."""
    before = info.unit.norm[max(0, hit_start - DECISION_REACH) : hit_start]
    return any(word in DECISION_WORDS and following in ("over", "about") for word, following in pairwise(before))


OTHER_AREA_RE = re.compile(
    r" (?:behoort|behoren|valt|vallen) (?:tot|onder) (?:een|de) (?:naburige|andere|aparte) "
    r"| (?:eigen|apart|aparte) (?:aanbod|voorstel|project|aanvraag|aanpak|werking) "  # "Gingelom dient een apart voorstel in"
)
OBSERVER_WORDS = frozenset({"waarnemer", "waarnemers", "observer", "observers"})


def _place_ruled_out(info: UnitInfo, hit_start: int) -> bool:
    """The place opens a sentence (or a clause) that says the project does not go there or that the municipality
    acts on its own: "Sint-Truiden werd bewust niet als pilootgemeente weerhouden", "Alken heeft beslist niet in te
    stappen", "Alken en Wellen behoren tot een naburige eerstelijnszone", "Ook Gingelom en Heers werden
    uitgenodigd als waarnemer", "Gingelom dient een apart voorstel in"."""
    opens_clause = hit_start <= 1 or info.clause(hit_start)[0] == hit_start  # "De werkgroep vindt van niet: Sint-Truiden heeft ..."
    if not opens_clause:
        return False
    if OTHER_AREA_RE.search(info.unit.joined) or OBSERVER_WORDS & set(info.unit.norm):
        return True  # (the list's first place speaks for all of it)
    if info.unit.norm[:hit_start] not in ([], ["in"]):
        return False  # (the place, or "In" and the place, opens the sentence: "In Alken heeft Woonkans geen woningen")
    end = len(info.unit.norm) if hit_start == 0 else info.clause(hit_start)[1]
    if agents(info):
        # "Heers en Gingelom staan niet in de tabel: we hebben er geen woningen": the place's own part says no
        first = next((clause for clause in info.clauses if clause.separator in (":", ";")), None)
        if first is None or agents(info, 0, first.end):
            return False
        end = first.end
    exceptions = info.cue("negation_exceptions")
    return any(n.start < end and not any(e.start <= n.start < e.end for e in exceptions) for n in info.cue("negation"))


AMBIGUOUS_KINDS = frozenset({"ambiguous", "common_word"})
PLACE_WORDS = frozenset({"in", "te", "van", "uit", "vanuit", "naar", "op", "rond", "from"})


LIST_WORDS = frozenset({"en", "of", "and", "or"})
LIST_GAP = 4


def _listed_with(info: UnitInfo, hit: PlaceHit, other: PlaceHit, towns: frozenset[str] = frozenset()) -> bool:
    """Another place of the working area next to this one in the same list (commas are not tokens), maybe with
    towns outside the area in between ("uit Gingelom, Heers, Landen en Sint-Truiden")."""
    if other is hit or other.start == hit.start:
        return False
    norm = info.unit.norm
    between = norm[other.end : hit.start] if other.end <= hit.start else norm[hit.end : other.start]
    others = [word for word in between if word not in towns]
    return len(others) <= 1 and all(word in LIST_WORDS for word in others) and len(between) <= LIST_GAP


def _with_outside_towns(info: UnitInfo, members: list[PlaceHit], towns: frozenset[str]) -> bool:
    """The list also names towns outside the working area ("9 kinderdagverblijven: Sint-Truiden (3), Borgloon,
    Tongeren (2), Heers, Wellen", "Ons werkingsgebied omvat acht gemeenten: ..., Wellen, Borgloon en Kortessem"):
    an organisation's wider area or others' places, not where a project of this call works."""
    norm = info.unit.norm
    first, last = members[0], members[-1]
    if any(word in towns for word in norm[first.start : last.end]):
        return True
    before = norm[max(0, first.start - 2) : first.start]
    after = norm[last.end : last.end + 3]
    if _range_with_outside_towns(norm, first.start, last.end, towns):
        return True
    return bool(
        (before and before[-1] in towns) or (len(before) == 2 and before[1] in LIST_WORDS and before[0] in towns)
        or (after and after[0] in towns) or (len(after) >= 2 and after[0] in LIST_WORDS and after[1] in towns)
        # "in het ziekenhuis van Sint-Truiden of in Hasselt"
        or (len(after) == 3 and after[0] in LIST_WORDS and after[1] in PLACE_WORDS and after[2] in towns)
    )


RANGE_REACH = 6  # "van Tongeren en Borgloon tot Sint-Truiden"


def _range_with_outside_towns(norm: list[str], start: int, end: int, towns: frozenset[str]) -> bool:
    """"van Tongeren tot Sint-Truiden", "van Sint-Truiden tot Hasselt": a stretch of Limburg that reaches beyond the
    working area (where people come from, or an organisation's wider area)."""
    before = norm[max(0, start - RANGE_REACH) : start]
    if before[-1:] == ["tot"] and any(word == "van" and following in towns for word, following in pairwise(before)):
        return True
    after = norm[end : end + RANGE_REACH]
    return norm[start - 1 : start] == ["van"] and "tot" in after and any(word in towns for word in after[after.index("tot") :])


SITE_WORDS = frozenset(
    "vestigingen sites locaties afdelingen antennes kantoren campussen werkplaatsen ateliers winkels onthaalpunten "
    "locations branches offices".split()
)


def _listed_sites(info: UnitInfo, hit_start: int, towns: frozenset[str]) -> bool:
    """The place is one of the organisation's sites, listed after a colon with towns outside the area among
    them ("in vier vestigingen: het hoofdgebouw in Brustem, een inpakafdeling in Tienen, ... in Kozen"): what the
    organisation has, not where this project works."""
    norm = info.unit.norm
    for clause in info.clauses:
        if clause.separator == ":" and clause.end <= hit_start and norm[clause.end - 1] in SITE_WORDS:
            return any(word in towns for word in norm[clause.end :])
    return False


def only_elsewhere(info: UnitInfo, hit: Hit, lexicon: Lexicon) -> bool:
    """The clause places the concept in towns outside the working area only, or in a list that mixes them with
    the area's ("psychosociale begeleiding (onthaalpunten in Hasselt, Sint-Truiden, Tongeren en Bilzen)",
    "Schuldbegeleiding vanuit de antennes Hasselt en Genk"): an organisation's regular work elsewhere."""
    norm, raw = info.unit.norm, info.unit.raw
    towns = lexicon.outside_towns
    start, end = info.clause(hit.start)
    if info.unit.kind == "table" and len(cell_spans(info.unit)) > 1:
        start, end = 0, len(norm)  # "beschermd en begeleid wonen | Tongeren, Hasselt": a row is one item
    outside = [
        index for index in range(max(start, 1), end)
        # a town by its name, not a word ("op te halen") nor part of another name ("Racing Genk")
        if norm[index] in towns and raw[index][:1].isupper() and not raw[index - 1][:1].isupper()
        and not _is_address(info, index, lexicon)
    ]
    if not outside:
        return False
    hits = [place for place in lexicon.places.find(info.unit) if start <= place.start < end]
    return all(_with_outside_towns(info, _place_list(info, place, hits, towns), towns) for place in hits)


def _has_own_context(info: UnitInfo, hit: PlaceHit, block_hits: list[PlaceHit], sentence_hits: list[PlaceHit]) -> bool:
    """An ambiguous village counts next to its municipality, a sibling village or the word 'deelgemeente', or
    after a place word in a sentence that names another place of the area; a village named like an ordinary
    word also as a name after a place word ("zitdag in Herten")."""
    if any("deelgemeente" in word for word in info.unit.norm):
        return True
    if hit.pattern.kind == "common_word" and _after_place_word(info, hit):
        return True
    if any(_listed_with(info, hit, other) for other in block_hits):
        return True  # "actief in Aalst en Jeuk", "Brustem, Aalst en Zepperen": a list of the area's villages
    if _after_place_word(info, hit) and any(
        other.pattern.kind not in AMBIGUOUS_KINDS or (other.pattern.kind == "common_word" and _after_place_word(info, other))
        for other in sentence_hits
        if other is not hit
    ):
        return True  # "in het chirolokaal van Kozen en in het jeugdhuis van Sint-Joris": among the area's places
    return any(
        other.pattern.municipality == hit.pattern.municipality and other.pattern.kind not in AMBIGUOUS_KINDS
        for other in block_hits
    )


def _after_place_word(info: UnitInfo, hit: PlaceHit) -> bool:
    return hit.start > 0 and info.unit.norm[hit.start - 1] in PLACE_WORDS


PlacesFound = list[tuple[UnitInfo, list[PlaceHit]]]


def _places_found(infos: list[UnitInfo], lexicon: Lexicon) -> PlacesFound:
    """The units that name a place of the working area, with those places (found once per analysis)."""
    return [(info, hits) for info in infos if (hits := lexicon.places.find(info.unit))]


def place_mentions(
    infos: list[UnitInfo], lexicon: Lexicon, found: PlacesFound, locations: set[int], destinations: set[int]
) -> Iterator[PlaceMention]:
    """Every mention of a working-area municipality that places the work there (`locations` and `destinations`:
    the rows of tables of the project's locations and of where rides go, by unit id)."""
    blocks: dict[tuple[str, int, int], list[PlaceHit]] = {}
    for info, hits in found:
        blocks.setdefault(info.unit.paragraph, []).extend(hits)
    values = _label_values(infos)
    # municipalities the proposal names by a name of their own: "in Sint-Joris" is Alken's village when Alken is
    # named too (elsewhere in the country a Sint-Joris is rarely the place of a Haspengouw proposal)
    named = {hit.pattern.municipality for _, hits in found for hit in hits if hit.pattern.kind not in AMBIGUOUS_KINDS}
    for info, hits in found:
        if info.unit.text.rstrip().endswith("?"):
            continue  # "En Wellen?": a question, answered (or not) by what follows
        if id(info.unit) in destinations:
            continue  # "Bestemming | Plaats | Aantal ritten": where the rides go, not where the project works
        if info.unit.is_heading:
            value = values.get(id(info))
            # "Lokaal dienstencentrum Heers | A en B | di, vr" in a table of locations
            in_locations = id(info.unit) in locations and not (value is not None and _says_no(value))
            area_field = _area_field(info, hits)  # "9. Werkingsgebied (gemeenten): Truiense binnenstad."
            if in_locations or area_field or (value is not None and _place_label(info, hits) and _work_described(value)):
                for hit in hits:  # "Wellen: digitale workshops in het Digipunt"
                    yield PlaceMention(hit.pattern.municipality, info.unit, hit.start)
            continue
        block_hits = blocks[info.unit.paragraph]
        at_their_homes = _work_where_people_live(info)
        figures = sum(_a_figure(info, hit.start, hit.end) for hit in hits)  # "41 personen in Sint-Truiden, 6 in Gingelom"
        for hit in hits:
            if hit.pattern.kind in AMBIGUOUS_KINDS and not (
                id(info.unit) in locations
                or _has_own_context(info, hit, block_hits, hits)
                or (hit.pattern.kind == "ambiguous" and _after_place_word(info, hit) and hit.pattern.municipality in named)
            ):
                continue  # (a table of the project's stops or locations is the village's context)
            if _road_name(info, hit):
                continue  # "langs de Truiense steenweg naar de veiling": a road named after the town
            if id(info.unit) not in locations and (_is_address(info, hit.start, lexicon) or _is_dateline(info.unit, hit.end)):
                continue  # (in a table of locations, "Vestiging Sint-Truiden, Kazernestraat 11" is where the work is)
            # "In Alken, Heers en Gingelom hebben we nog geen vrijwilligers", "Uit Gingelom, Heers en Wellen
            # krijgen we aanmeldingen": the list's first and last member speak for all of it
            members = _place_list(info, hit, hits, lexicon.outside_towns)
            first, last = members[0], members[-1]
            if _is_outside(info, hit.start, hit.end) or (last is not hit and _is_outside(info, last.start, last.end)):
                continue
            if _biography(info, hit.start) or _transport(info, first.start) or _staff_home(info, hit.start):
                continue
            if _other_setting(info, first.start) or (figures >= FIGURES and _a_figure(info, hit.start, hit.end)):
                continue
            people = _people_of(info, last)
            context = not at_their_homes and (
                _with_outside_towns(info, members, lexicon.outside_towns) or _listed_sites(info, hit.start, lexicon.outside_towns)
                or _is_context(info, hit.start, hit.end) or _origin(info, first.start) or people
                or incidental(info, hit.start, hit.end) or _staff_title(info, hit.start)
                or (_partner_name(info, first.start) and not info.cue("venue")) or _municipality_as_partner(info, first.start)
                or _place_ruled_out(info, first.start) or _regular_work(info) or _belongs_to(info, hit)
                or _partner_listed(info, hit.start) or info.established or _contrasted_with_the_project(info, hit.start)
                or _row_says_no(info) or _others_already_there(info, first.start)
            )  # (a partner's name covers its list: "politiezone Sint-Truiden-Gingelom-Nieuwerkerken")
            # (where the organisation has long worked counts when the proposal names no other place of work)
            founded_there = _founded_there(info, first.start)
            origin = context and (
                _origin(info, first.start) or people or info.established or bool(agents(info, *info.clause(hit.start)))
                or founded_there
            )
            own_place = origin and (_introduction(info, first.start) or founded_there)
            yield PlaceMention(hit.pattern.municipality, info.unit, hit.start, context=context, origin=origin,
                               own_place=own_place)
    for info in infos:
        start = _collective_start(info, lexicon)
        if start is None:
            continue
        for municipality in lexicon.spec.municipalities:
            yield PlaceMention(municipality, info.unit, start, collective=True)


PROJECT_WORDS_AFTER_BUT = frozenset({"project", "projectwerking", "werk", "activiteiten"})


def _contrasted_with_the_project(info: UnitInfo, start: int) -> bool:
    """The place is the organisation's, set against where the project's work goes: "Ons huis staat in Sint-Truiden,
    maar voor dit project trekken we de stad uit", "werken vanuit het kantoor in Sint-Truiden, maar het grootste deel
    van het werk gebeurt in de Huizen van het Kind van de omliggende gemeenten" (not "..., maar ook in Alken")."""
    norm = info.unit.norm
    _, end = info.clause(start)
    for clause in info.clauses:
        if clause.start < end or norm[clause.start : clause.start + 1] not in (["maar"], ["but"]):
            continue
        words = set(norm[clause.start : clause.end])
        return bool(words & PROJECT_WORDS_AFTER_BUT) and not words & {"ook", "also", "eveneens"}
    return False


AREA_SECTION = "werkingsgebied"
ROAD_WORDS = frozenset({"steenweg", "baan", "weg", "straat", "laan", "road"})


def _road_name(info: UnitInfo, hit: PlaceHit) -> bool:
    """The place names a road ("de Truiense steenweg", "de Sint-Truidense baan")."""
    following = info.unit.norm[hit.end : hit.end + 1]
    return hit.pattern.kind == "adjective" and bool(following) and following[0] in ROAD_WORDS


def _area_field(info: UnitInfo, hits: list[PlaceHit]) -> bool:
    """A form's field for the working area with its answer on the same line: the places after the colon."""
    answer_start = field_answer_start(info, AREA_SECTION)
    return answer_start is not None and all(hit.start >= answer_start for hit in hits)


DESTINATION_WORDS = ("bestemming", "destination")
LOCATION_WORDS_IN_HEADER = ("locatie", "leslocatie", "location", "halte", "standplaats")
LOCATION_HEADER_WORDS = frozenset({"plaats", "waar", "where", "place"})  # whole words ("Aantal plaatsen" is no place)


def _column_rows(
    infos: list[UnitInfo], header_words: tuple[str, ...], whole_words: frozenset[str] = frozenset()
) -> set[int]:
    """Rows (by unit id) of tables whose header has a column named by one of header_words (word beginnings) or
    whole_words, from the header up to the first unit that is not a table row or cell label."""
    rows: set[int] = set()
    inside = False
    for info in infos:
        unit = info.unit
        if unit.kind not in TABLE_KINDS:
            # (a cell the PDF wrapped onto a line of its own, such as "74", does not end the table)
            inside = inside and not any(word.isalpha() for word in unit.norm)
            continue
        named = any(word.startswith(header_words) or word in whole_words for word in unit.norm)
        if named and not any(ch.isdigit() for ch in unit.text):
            inside = True  # "Bestemming | Plaats | Aantal ritten", "Locatie | Module | Lesdagen"
        if inside:
            rows.add(id(unit))
    return rows


LABEL_PLACE_WORDS = frozenset({"gemeente", "deelgemeente", "in", "te", "en", "locatie", "location"})


def _label_values(infos: list[UnitInfo]) -> dict[int, UnitInfo]:
    """The value after each label ("Wellen: digitale workshops"), by the label's id."""
    return {
        id(label): value
        for label, value in pairwise(infos)
        if label.unit.kind == "label" and not value.unit.is_heading and value.unit.block == label.unit.block
        and value.unit.page == label.unit.page
    }


def _place_label(info: UnitInfo, hits: list[PlaceHit]) -> bool:
    """A label that is only places ("Wellen", "Gemeente Alken", "Kozen en Wijer")."""
    covered = {index for hit in hits for index in range(hit.start, hit.end)}
    return all(index in covered or word in LABEL_PLACE_WORDS for index, word in enumerate(info.unit.norm))


def _work_described(value: UnitInfo) -> bool:
    """The label's value says what the project does there, not a figure, a need or what it does not do."""
    described = value.cue("offer") or value.cue("agent") or value.cue("service_nouns") or value.cue("venue")
    if not (described or value.cue("home_visit")):  # "Gingelom en Heers: huisbezoeken, omdat ..."
        return False
    return not _says_no(value)


def _says_no(value: UnitInfo) -> bool:
    """The label's value is a need or what the project does not do there ("regionaal woonoverleg | nee")."""
    first = Hit("place", 0, 1, "")
    return status(value, first) in NOT_A_PLACE_OF_WORK | {Status.CONTEXT} or has_negation(value)


def places_of_work(infos: list[UnitInfo], lexicon: Lexicon) -> list[PlaceMention]:
    """Mentions that place the work. Where the people come from or where the applicant sees them counts
    only when the proposal names no other place; a place named in a partner's name or in others' figures
    ("het sociaal huis van Sint-Truiden zag het aantal aanvragen verdubbelen") never."""
    found = _places_found(infos, lexicon)
    left_out = _left_out_places(found, lexicon.outside_towns)
    for municipality, units in _declined_there(infos, found).items():
        left_out.setdefault(municipality, set()).update(units)
    destinations = _column_rows(infos, DESTINATION_WORDS)
    locations = _column_rows(infos, LOCATION_WORDS_IN_HEADER, LOCATION_HEADER_WORDS) - destinations
    mentions = [
        mention
        for mention in place_mentions(infos, lexicon, found, locations, destinations)
        # a table of figures per municipality ("| Alken | 19 woningen |") does not outweigh "Onze woningen in
        # Alken en Wellen vallen niet onder dit project"; nor does the same sentence ("De gezinnen komen naar
        # Sint-Truiden voor het CGG; de coaches werken niet in Sint-Truiden"); a table of the project's
        # locations does
        if not (
            mention.municipality in left_out
            and (
                (mention.unit.kind in TABLE_KINDS and id(mention.unit) not in locations)
                or id(mention.unit) in left_out[mention.municipality]
            )
        )
    ]
    working = [mention for mention in mentions if not mention.context]
    if working or _works_outside(infos, lexicon):
        return working  # "ik reserveer twee dagdelen in mijn praktijk in Landen voor Heerse mama's"
    # the applicant's own place ("Wij zijn ... een fruitbedrijf in Kortenbos") before where its people come from
    # ("mannen uit Sint-Truiden, Gingelom of Nieuwerkerken"): the work is where the applicant is
    own = [mention for mention in mentions if mention.own_place]
    return own or [mention for mention in mentions if mention.origin]


def _works_outside(infos: list[UnitInfo], lexicon: Lexicon) -> bool:
    """The applicant's own venue lies in a town outside the working area ("in mijn praktijk in Landen")."""
    for info in infos:
        if info.unit.is_heading or info.context_section:
            continue
        norm = info.unit.norm
        for venue in info.cue("venue"):
            start, end = info.clause(venue.start)
            for index in range(venue.end, min(end, venue.end + OUTSIDE_SCOPE)):
                if norm[index] in lexicon.outside_towns and norm[index - 1] in LOCATION_WORDS:
                    if not _is_address(info, index, lexicon):
                        return True
    return False


TABLE_KINDS = frozenset({"table", "row", "label"})


def _left_out_places(found: PlacesFound, towns: frozenset[str]) -> dict[str, set[int]]:
    """Municipalities the text explicitly leaves out of the project, with the ids of the units that say so. A
    list that opens with a place left out is left out whole: "We werken niet in Gingelom, Heers, Alken of Wellen"."""
    left_out: dict[str, set[int]] = {}
    for info, hits in found:
        if info.unit.is_heading or not (info.cue("negation") or info.cue("negation_phrases") or info.cue("outside")):
            continue
        for hit in hits:
            if not _left_out(info, hit.start, hit.end):
                continue
            members = _place_list(info, hit, hits, towns)
            for member in members if members[0] is hit else [hit]:
                left_out.setdefault(member.pattern.municipality, set()).add(id(info.unit))
    return left_out


def _declined_there(infos: list[UnitInfo], found: PlacesFound) -> dict[str, set[int]]:
    """Places the next sentence of the paragraph points back to and turns down: "Mielen-boven-Aalst ligt vlak
    naast Aalst. Daar gaan we niet naartoe: daar werkt al een buurtwerker" (not "Daar is geen aanbod", a need)."""
    hits_of = {id(info): hits for info, hits in found}
    declined: dict[str, set[int]] = {}
    for info, following in pairwise(infos):
        hits = hits_of.get(id(info))
        if hits and not info.unit.is_heading and turned_down_next(info, following):
            for hit in hits:
                declined.setdefault(hit.pattern.municipality, set()).add(id(info.unit))
    return declined


PART_WORDS = frozenset(
    {"een", "twee", "drie", "vier", "vijf", "enkele", "sommige", "paar", "one", "two", "three", "four", "five", "some"}
)


def _some_of(norm: list[str], start: int) -> bool:
    """"drie van de zes gemeenten", "twee van de": a part of the area."""
    before = norm[max(0, start - 3) : start]
    return any(
        word == "van" and index > 0 and (before[index - 1] in PART_WORDS or before[index - 1].isdigit())
        for index, word in enumerate(before)
    )


BEYOND_WORDS = frozenset({"daarbuiten", "erbuiten", "beyond"})
BEYOND_REACH = 8


def _and_beyond(info: UnitInfo, end: int, towns: frozenset[str]) -> bool:
    """The whole working area and more ("heel Haspengouw en het Hageland", "de zes gemeenten van het partnerschap
    en vijf gemeenten daarbuiten", "naast de zes gemeenten ... ook Borgloon, Landen en Tienen"): an organisation's
    wider coverage, not the area of a project of this call."""
    norm = info.unit.norm
    clause_end = min(info.clause(end - 1)[1], end + BEYOND_REACH)
    return any(word in towns or word in BEYOND_WORDS for word in norm[end:clause_end])


ORGANISATION_ENDINGS = (
    "dienst", "diensten", "bestuur", "besturen", "vereniging", "verband", "service",
    "huis", "huizen", "ocmw", "ocmw's", "burgemeesters",  # "de sociale huizen van de zes gemeenten"
)
OF_WORDS = frozenset({"van", "voor", "of", "for"})


def _service_of_the_area(norm: list[str], start: int) -> bool:
    """The area follows an organisation that belongs to it ("de lokale integratiedienst van de zes gemeenten",
    "het samenwerkingsverband van heel Haspengouw"), within the few words of its determiner."""
    for index in range(max(1, start - 3), start + 1):
        if norm[index - 1] in OF_WORDS and index >= 2 and norm[index - 2].endswith(ORGANISATION_ENDINGS):
            return True
    return False


def _collective_start(info: UnitInfo, lexicon: Lexicon) -> int | None:
    """Token where the text names the whole working area, or None."""
    unit = info.unit
    if unit.is_heading:
        return None
    candidates = [(hit.start, hit.end) for hit in info.hits.get("working_area", ())]
    for index, word in enumerate(unit.norm):
        if word not in lexicon.region_names or index == 0:
            continue
        if unit.norm[index - 1] not in lexicon.region_lead_words:
            continue  # "vzw Welzijn Haspengouw", "Zuid-Haspengouw": a name, not the working area
        if index >= 2 and unit.norm[index - 2] in ORIGIN_WORDS:
            continue  # "We krijgen klanten uit heel Haspengouw": where people come from
        following = unit.raw[index + 1] if index + 1 < len(unit.raw) else ""
        if following[:1].isupper() and following.lower() not in lexicon.region_lead_words:
            continue  # "in Haspengouw Werkt vzw"
        candidates.append((index, index + 1))
    quoted = quoted_tokens(unit)
    for start, end in sorted(candidates):
        if _is_address(info, start, lexicon) or _is_outside(info, start, start + 1):
            continue
        if _some_of(unit.norm, start):
            continue  # "drie van de zes gemeenten van het partnerschap": some of them
        if _and_beyond(info, end, lexicon.outside_towns):
            continue  # "Daarmee dekken we de zes gemeenten van het partnerschap en vijf gemeenten daarbuiten"
        if start in quoted:
            continue  # '"Heel Haspengouw" was te ruim': the words themselves, quoted, not where the project works
        if _is_context(info, start, start + 1) or info.context_section or _regular_work(info):
            continue  # "mobiliteit is een groot probleem in heel Haspengouw", or under 'Wat de regio nodig heeft'
        if _service_of_the_area(unit.norm, start) or _about_the_organisation(info):
            continue  # "de lokale integratiedienst van de zes gemeenten": whom the organisation serves, not the project
        return start
    return None
