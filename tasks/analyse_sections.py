"""Which sections of a written proposal are present: by heading in any wording, or by their content.

Applicants write "Centen" or "Wat kost het?" instead of "Begroting", or paste a cost table with no heading
at all; a list of months or phases is a planning whatever it is called. So a section is present when a
heading names it, or when the text has the content that makes it (see Section.content in the lexicon).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from tasks.analyse_lexicon import GAP, Hit, Lexicon
from tasks.analyse_scope import (
    PARTNER_SECTION,
    UnitInfo,
    agents,
    field_answer_start,
    has_negation,
    in_the_past,
    is_negated,
)
from tasks.dutch import (
    AMOUNT_RE,
    EMAIL_RE,
    HELPER_ENDINGS,
    NAMED_PART_RE,
    PHONE_RE,
    QUOTE_CHARS,
    THOUSANDS_RE,
    TIME_RE,
    YEAR_RE,
    Unit,
    cell_spans,
    clause_of,
    is_amount_line,
    itemised_total,
    names_staff,
)

# dates that are no planning: of the letter, the organisation, or a law it cites ("het decreet van 7 juli 2017")
SUBMISSION_DATE_RE = re.compile(
    r"\b(?:datum|ingediend|opgericht|sinds|brief van|decreet|besluit|uitvoeringsbesluit|wet|omzendbrief|erkend|"
    # ("goedgekeurd" is the date something was approved, not "Als het goedgekeurd wordt, starten we in september")
    r"goedgekeurd(?!\s+(?:wordt|worden))|zitting)\b|\b\d{1,2}:\d{2}\b"  # ... or a mail's time stamp ("31 mei 2023 22:47")
)

BUDGET_COLUMN_RE = re.compile(r"\b(?:totaal|total|kostenpost|bedrag)\b")
MIN_BUDGET_ROWS = 2
MIN_AMOUNTS = 3
# the sum the applicant asks for or estimates ("Ik schat dat op ongeveer 750 euro per jaar")
REQUEST_WORDS = frozenset({
    "vragen", "vraag", "vraagt", "aanvragen", "request", "requesting", "schat", "schatten", "reken", "rekenen", "nodig", "need",
    "toekomen", "toekomt", "volstaat", "volstaan", "ramen", "raming",  # "dat we met ongeveer 5.000 euro per jaar toekomen"
    "denken", "denk",  # "We denken aan ongeveer 25.000 euro per jaar voor die begeleider"
})  # "We vragen 24.800 euro", "Wat we nodig hebben: ongeveer 3.500 euro"
TOTAL_WORDS = frozenset({"totaal", "total"})
# "Met 6.000 euro kunnen we een vaste inloop en een tweede groep starten": what the sum pays for
WITH_A_SUM_RE = re.compile(r"\s*(?:met|with)\s+(?:ongeveer\s+|zo'n\s+|about\s+)?(?:\u20ac\s*)?\d[\d.,]*\s*(?:euro|eur|\u20ac)")
MIN_TIME_EXPRESSIONS = 2
MIN_OFFER_SENTENCES = 1

@dataclass(frozen=True)
class Found:
    """What the rest of the analysis found, for sections recognised by their content."""

    offer: list[Unit] = field(default_factory=list)  # sentences with an offered service type
    places: list[Unit] = field(default_factory=list)  # sentences placing the work in a municipality
    target_group: list[Unit] = field(default_factory=list)  # personas, challenge profiles, target groups
    call_contacts: frozenset[str] = frozenset()  # the call's own mail addresses: quoting them is no contact


Detector = Callable[[Sequence[UnitInfo], Found], list[Unit]]


def _body(infos: Sequence[UnitInfo]) -> list[UnitInfo]:
    return [info for info in infos if not info.unit.is_heading]


def _amounts(infos: Sequence[UnitInfo], found: Found) -> list[Unit]:
    """A cost table or a costed sum: several euro amounts (with or without a heading)."""
    rows = [info.unit for info in infos if info.unit.kind == "row" and not _other_money(info)]
    if len(rows) >= MIN_BUDGET_ROWS:
        return rows
    with_amounts = [info for info in _body(infos) if is_amount_line(info.unit.text) and not _other_money(info)]
    count = sum(len(AMOUNT_RE.findall(info.unit.text)) for info in with_amounts)
    if count >= MIN_AMOUNTS:
        return [info.unit for info in with_amounts]
    # "Voor één schooljaar vragen we 24.800 euro": the sum the applicant asks for
    requested = [
        info.unit for info in with_amounts
        if (REQUEST_WORDS & set(info.unit.norm) or WITH_A_SUM_RE.match(info.unit.folded)) and agents(info)
    ]
    # "In totaal 41.500 euro voor één werkingsjaar": the project's total, with or without its parts
    totals = [info.unit for info in with_amounts if TOTAL_WORDS & set(info.unit.norm)]
    labelled = [info.unit for info in infos if _costed_label(info) and not _other_money(info)]
    return requested or totals or labelled or [info.unit for info in with_amounts if itemised_total(info.unit.text)]


BUDGET_SECTION = "begroting"


def _costed_label(info: UnitInfo) -> bool:
    """A budget label with its amount on the same line ("Wat het kost: ongeveer 9.500 euro per jaar", "12. Gevraagd
    bedrag: € 15.000"), in a sentence or read as a heading."""
    return field_answer_start(info, BUDGET_SECTION) is not None and is_amount_line(info.unit.text.partition(":")[2])


OTHER_MONEY_WORDS = (
    "jaaromzet", "omzet", "turnover", "jaarrekening", "balanstotaal", "jaarbudget", "jaarbegroting", "bedrijfsopbrengst",
    "bedrijfskost", "bedrijfsresultaat",
)
YEARLY_BUDGET = (("jaarlijkse", "begroting"), ("jaarlijks", "budget"), ("annual", "budget"))
FOR_INFORMATION = (["ter", "informatie"], ["voor", "de", "volledigheid"], ["for", "information"])


def _other_money(info: UnitInfo) -> bool:
    """Amounts that are not the project's: the organisation's turnover or yearly accounts, money spent in the
    past, figures given for information or while describing the need ("een leefloon van 1.600 euro per maand")."""
    if info.context_section:
        return True
    norm = info.unit.norm
    if any(word.startswith(OTHER_MONEY_WORDS) for word in norm) or any(pair in YEARLY_BUDGET for pair in pairwise(norm)):
        return True  # "de kerkfabriek beheert een jaarlijkse begroting van 48.000 euro": the organisation's money
    if any(norm[: len(opening)] == opening for opening in FOR_INFORMATION):
        return True
    return bool(info.cue("past")) and in_the_past(info, 0, len(norm))


def _timeline(infos: Sequence[UnitInfo], found: Found) -> list[Unit]:
    """Dates, months, quarters or phases of the project: a planning, whatever its heading says
    (a weekly rhythm or the date of the letter is not)."""
    timed = [
        info.unit
        for info in infos
        if (not info.unit.is_heading or _dated_start_label(info))
        and TIME_RE.search(info.unit.folded)
        and not SUBMISSION_DATE_RE.search(info.unit.folded)
        and not (EMAIL_RE.search(info.unit.text) or PHONE_RE.search(info.unit.text))  # a contact line
        and not in_the_past(info, 0, len(info.unit.norm))  # "De groep ontstond in 2021", "gebruikten we ... (2020-2022)"
        and not (info.unit.kind in ("table", "row") and BUDGET_COLUMN_RE.search(info.unit.folded))  # "Jaar 1 | Totaal"
        and not _seasonal_work(info)
        and not _bracketed_note(info)
        and not _waiting_time(info)
    ]
    count = sum(len(TIME_RE.findall(unit.folded)) for unit in timed)
    started = [unit for info in infos if (info.cue("schedule") or FROM_DATE_RE.search(info.unit.folded)) and (unit := info.unit) in timed]
    return timed if count >= MIN_TIME_EXPRESSIONS or started else []


# "vanaf 1 september 2023" starts the project; "vanaf de vierde maand", "vanaf het najaar" is a step within it
FROM_DATE_RE = re.compile(r"\b(?:vanaf|from)(?:\s+\S+){0,2}?\s+(?:19|20)\d\d\b")


def _dated_start_label(info: UnitInfo) -> bool:
    """A one-line label with its value in the header block ("Startdatum: 2 oktober 2023", "Looptijd: september 2023
    - juni 2024"): read as a heading, but it dates the project."""
    label, colon, value = info.unit.text.partition(":")
    return bool(colon) and bool(info.cue("schedule")) and bool(YEAR_RE.search(value)) and len(label.split()) <= 2


def _bracketed_note(info: UnitInfo) -> bool:
    """A note in square brackets ("[KV 31/5: ... Wie trekker wordt, beslissen we op de werkgroep van 5 juni.]"):
    the writers talking to each other, not the project's timing."""
    text = info.unit.text.strip()
    return text.startswith("[") or text.endswith("]")


WAITING_REACH = 30  # characters: "een wachtlijst tot eind 2024", "wachttijden van zes maanden tot september"


def _waiting_time(info: UnitInfo) -> bool:
    """Every date in the unit says how long people wait ("ik heb een wachtlijst tot eind 2024"), not when the
    project runs."""
    folded = info.unit.folded
    return all("wacht" in folded[max(0, match.start() - WAITING_REACH) : match.start()] for match in TIME_RE.finditer(folded))


SEASONAL_WORK = ("snoei", "pluk", "dunnen", "maai", "oogst", "zaai", "sorteren", "plant")


def _seasonal_work(info: UnitInfo) -> bool:
    """"In januari en februari snoeien we, van eind juni tot oktober plukken we", "Snoeien (november-maart)": the
    months of the work's yearly round, not when the project runs (no year, no start)."""
    if YEAR_RE.search(info.unit.text) or info.cue("schedule"):
        return False
    return any(word.startswith(SEASONAL_WORK) for word in info.unit.norm)


def _contact(infos: Sequence[UnitInfo], found: Found) -> list[Unit]:
    """Who applies: contact details, or the applicant introducing itself ("Wij zijn ...", "Ik ben ...")."""
    return [info.unit for info in _body(infos) if _own_contact(info, found.call_contacts) or info.cue("self_intro")]


def _own_contact(info: UnitInfo, call_contacts: frozenset[str]) -> bool:
    """Contact details of the applicant, not the call's own address quoted from the addendum or a template."""
    emails = {email.lower() for email in EMAIL_RE.findall(info.unit.text)}
    if emails & call_contacts:
        return False
    return bool(emails) or bool(PHONE_RE.search(info.unit.text))


def _partners(infos: Sequence[UnitInfo], found: Found) -> list[Unit]:
    """A named organisation the applicant works with ("We werken samen met het OCMW", "via de
    eerstelijnszone komt een psycholoog"), or a list of partners with their roles ("- CAD Limburg: wekelijks
    spreekuur in het project")."""
    units = [
        info.unit
        for info in _body(infos)
        if info.cue("partner_org")
        and not info.cue("conditional")  # "via VDAB, maar daar heb ik nog met niemand over gesproken"
        and not _hoping_for_partners(info)
        and (
            (_working_with(info) and (_named_partner(info) or _cooperating(info)))
            or (_named_partner(info) and (
                _through(info) or _partner_staff_acting(info) or _partner_visiting(info) or _partner_sends_us(info)
                or _sent_by_partner(info) or _partner_sends_staff(info)
            ))
            or _partner_provides(info)
        )
    ]
    roles = [
        value.unit
        for label, value in zip(infos, infos[1:], strict=False)
        if label.unit.kind == "label"
        and label.unit.block == value.unit.block
        and not value.unit.is_heading
        and label.cue("partner_org")
        and _named_partner(label)
        and len(value.unit.norm) >= ROLE_WORDS
    ]
    listed = units + roles if len(roles) != 1 or units else []  # one labelled line alone is no partner list
    return listed + _partner_column(infos)


HOPING = frozenset({"hopen", "hoop", "hoopt", "hopelijk", "hope", "hopefully"})


def _hoping_for_partners(info: UnitInfo) -> bool:
    """"We hopen dat het partnerschap ons in contact brengt met de sociale diensten": the partners are a hope (not
    "In januari bekijken we samen met het sociaal huis of het loopt zoals we hopen", a hope about the work)."""
    first_partner = min(hit.start for hit in info.cue("partner_org"))
    return bool(HOPING & set(info.unit.norm[:first_partner]))
LEGAL_FORMS = frozenset({"vzw", "cv", "bv", "nv", "cvba", "ivzw", "asbl"})


def names_sections(info: UnitInfo, minimum: int) -> bool:
    """A table's header row whose cells name at least `minimum` sections of the call ("Wat doen we | Voor wie |
    Waar | Met wie | Kost (€)")."""
    if info.unit.kind not in ("table", "row") or any(ch.isdigit() for ch in info.unit.text):
        return False
    named = {hit.concept for hit in info.hits.get("sections", ())}
    return len(named) >= minimum and len(cell_spans(info.unit)) >= minimum


def _partner_column(infos: Sequence[UnitInfo]) -> list[Unit]:
    """Rows of a table whose header has a partner column ("Wat doen we | Voor wie | Met wie | Kost") and that
    name a partner organisation in it. Cells are counted from the right: a row's leading number may be cut off."""
    rows: list[Unit] = []
    column: int | None = None  # the partner column, counted from the right (-1 is the last cell)
    for info in infos:
        unit = info.unit
        if unit.kind not in ("table", "row"):
            if unit.kind != "label":  # a row's number can come out as a label of its own
                column = None
            continue
        spans = cell_spans(unit)
        partner_cells = [
            index - len(spans)
            for index, (start, end) in enumerate(spans)
            if any(hit.concept == PARTNER_SECTION and start <= hit.start < end for hit in info.hits.get("sections", ()))
        ]
        if len(partner_cells) == 1 and names_sections(info, 2):
            column = partner_cells[0]  # the header row
            continue
        if column is None or len(spans) < -column:
            continue
        start, end = spans[column]
        raw = unit.raw
        named_org = any(
            start <= hit.start < end and any(word[:1].isupper() for word in raw[hit.start : hit.end])
            for hit in info.cue("partner_org")
        )
        # "Buurthuis De Linde vzw": an association by its name
        association = bool(LEGAL_FORMS & set(unit.norm[start:end])) and any(w[:1].isupper() for w in raw[start:end])
        if named_org or association:
            rows.append(unit)
    return rows



ROLE_WORDS = 2
THROUGH_WORDS = frozenset({"via", "through"})


def _through(info: UnitInfo) -> bool:
    """"Via de eerstelijnszone komt een psycholoog", "Through the OCMW ...": the organisation delivers."""
    norm = info.unit.norm
    return any(THROUGH_WORDS & set(norm[max(0, hit.start - 2) : hit.start]) for hit in info.cue("partner_org"))


STAFF_WORDS = (*HELPER_ENDINGS, "vrijwilliger", "vrijwilligster", "lesgever", "lesgeefster", "medewerker", "medewerkster", "dokter")
STAFF_REACH = 3


def _partner_staff_acting(info: UnitInfo) -> bool:
    """Someone of a partner does something in the project: "Een hulpverlener van het CAW komt 4 keer per jaar
    naar de groep", "een budgetworkshop, gegeven door de budgetbegeleider van het OCMW Sint-Truiden"."""
    if not info.cue("offer") or has_negation(info):
        return False
    norm = info.unit.norm
    for org in info.cue("partner_org"):
        before = norm[max(0, org.start - STAFF_REACH) : org.start]  # "de budgetbegeleider van het OCMW"
        if "van" in before and any(names_staff(word, STAFF_WORDS) for word in before):
            return True
    return False


VISITING_WORDS = frozenset({"komt", "komen", "meekomen", "langskomen", "aansluiten", "aanschuiven", "joins", "join"})
# separable verbs, split in a main clause: "schuift Jos van de bib na het eten aan", "sluit een consulent aan"
VISITING_SPLIT = {"schuift": "aan", "schuiven": "aan", "sluit": "aan", "sluiten": "aan", "zit": "mee", "zitten": "mee"}


def _partner_visiting(info: UnitInfo) -> bool:
    """Someone of a partner comes to the project's own activity: "Lotte, consulente van CAD Limburg, komt elke
    eerste maandag naar de kantine", "De digidokters van de bib willen één keer per maand meekomen", "a VDAB
    jongerenconsulent joins the drop-in once a month"."""
    norm = info.unit.norm
    visits = [clause_of(info.unit, index) for index, word in enumerate(norm) if word in VISITING_WORDS]
    for index, word in enumerate(norm):
        if word in VISITING_SPLIT:
            start, end = clause_of(info.unit, index)
            if VISITING_SPLIT[word] in norm[index + 1 : end]:
                visits.append((start, end))
    negations = [hit.start for hit in info.cue("negation")]
    if not any(not any(start <= at < end for at in negations) for start, end in visits):
        return False  # nobody comes, or only in a clause that says no ("komt niet meer naar de groep")
    if in_the_past(info, 0, len(norm)):
        return False
    return any(
        "van" in norm[max(0, org.start - 2) : org.start]  # "consulente van (het) CAD"
        or (org.end < len(norm) and names_staff(norm[org.end], STAFF_WORDS))  # "a VDAB jongerenconsulent"
        for org in info.cue("partner_org")
    )


GENERIC_COOPERATION = frozenset({"partner", "partners"})


SENDING_VERBS = frozenset(
    "tipt tippen stuurt sturen meldt melden verwijst verwijzen signaleert signaleren brengt brengen leidt leiden "
    "belt bellen contacteert contacteren sends send refers refer".split()
)  # ("De VDAB-bemiddelaars mogen ons rechtstreeks bellen als ze een mama hebben die morgen kan beginnen")
SENDING_REACH = 6  # "VDAB Sint-Truiden tipt ons jongeren", "De VDAB-bemiddelaar in Sint-Truiden mag ons bellen"


def _partner_sends_us(info: UnitInfo) -> bool:
    """A partner sends people to the project: "VDAB Sint-Truiden tipt ons jongeren die ...", "mensen die de
    maatschappelijk werkers van het sociaal huis naar mij sturen" (the partner acts, 'ons' or 'mij' the applicant)."""
    return _partner_acts_for_us(info, SENDING_VERBS, SENDING_REACH) and not has_negation(info)


def _partner_acts_for_us(info: UnitInfo, verbs: frozenset[str], reach: int) -> bool:
    """A partner followed, within reach, by one of the verbs and by the applicant as recipient ("... ons ...")."""
    norm = info.unit.norm
    for org in info.cue("partner_org"):
        # the verb may close the clause after a modal: "De VDAB-bemiddelaars mogen ons rechtstreeks bellen"
        clause_end = info.clause(org.start)[1]
        if RECIPIENT_WORDS & set(norm[org.end : org.end + reach]) and verbs & set(norm[org.end : clause_end]):
            return True
    return False


SENT_PARTICIPLES = frozenset(
    "toegeleid doorverwezen verwezen aangemeld gestuurd doorgestuurd gesignaleerd aangebracht getipt "
    "referred sent".split()
)


def _sent_by_partner(info: UnitInfo) -> bool:
    """People come to the project through a partner, said in the passive: "Zij worden toegeleid door het BuSO De
    Klimop", "deelnemers aangemeld door de VDAB-consulent" (not "... werden vroeger doorverwezen door het CAW")."""
    norm = info.unit.norm
    if has_negation(info) or in_the_past(info, 0, len(norm)):
        return False
    return any(
        {"door", "by"} & set(norm[max(0, org.start - 2) : org.start])
        for org in info.cue("partner_org")
        if SENT_PARTICIPLES & set(norm[max(0, org.start - 4) : org.start])
    )


STAFF_SENDING_VERBS = frozenset(
    "stuurt sturen levert leveren detacheert detacheren zet zetten sends send provides provide".split()
)
STAFF_SENT_REACH = 4  # "stuurt Ligo een lesgever", "het CAW zet twee begeleiders in"


def _partner_sends_staff(info: UnitInfo) -> bool:
    """A partner puts one of its people into the project: "Op donderdag stuurt Ligo een lesgever voor een groepje",
    "VDAB detacheert een consulent" (a partner's staff member doing the project's work)."""
    if has_negation(info) or info.cue("conditional"):
        return False
    norm = info.unit.norm
    for org in info.cue("partner_org"):
        around = norm[max(0, org.start - 2) : org.end + 2]
        after = norm[org.end : org.end + STAFF_SENT_REACH]
        if STAFF_SENDING_VERBS & set(around) and any(names_staff(word, STAFF_WORDS) for word in after):
            return True
    return False


RECIPIENT_WORDS = frozenset({"ons", "mij", "me", "us"})  # "... die het sociaal huis naar mij stuurt"
PROVIDING_VERBS = frozenset(
    "geeft geven leent lenen levert leveren schenkt schenken sponsort sponsoren gives give lends lend provides provide "
    "supplies supply".split()
)
# "houdt de IBO ... vrij", "de kerkfabriek laat ons die gratis gebruiken", "stelt het lokaal ter beschikking"
RESERVING = (
    ("houdt", "vrij"), ("houden", "vrij"), ("reserveert", ""), ("reserveren", ""), ("laat", "gebruiken"),
    ("laten", "gebruiken"), ("stelt", "beschikking"), ("stellen", "beschikking"),
)  # fmt: skip
RECEIVING = (("krijgen", "we", "van"), ("krijgen", "wij", "van"), ("krijg", "ik", "van"), ("we", "krijgen", "van"))
PROVIDING_REACH = 6


def _partner_provides(info: UnitInfo) -> bool:
    """A partner gives the project something it runs on: "de parochieploeg leent ons de zaal", "oude fietsen krijgen
    we van de Kringwinkel", "de bibliotheek geeft ons het lokaal" (not "wij geven de school een folder")."""
    if has_negation(info) or info.cue("conditional"):
        return False
    if _partner_acts_for_us(info, PROVIDING_VERBS, PROVIDING_REACH):
        return True  # "de school geeft ons het lokaal"
    norm = info.unit.norm
    for org in info.cue("partner_org"):
        before = norm[max(0, org.start - PROVIDING_REACH) : org.start]
        if any(tuple(before[index : index + 3]) in RECEIVING for index in range(len(before) - 2)):
            return True  # "krijgen we van de Kringwinkel"
        start, end = info.clause(org.start)
        clause = norm[start:end]
        if any(verb in clause and (not particle or particle in clause) for verb, particle in RESERVING):
            return True  # "Voor de ouders houdt de IBO van de gemeente twee plaatsen vrij"
    return False


def _named_partner(info: UnitInfo) -> bool:
    """An organisation by name ("OCMW Heers", "Huis van het Kind", "de bibliotheek van Alken"), not only a kind
    ("huisartsen en scholen")."""
    raw = info.unit.raw
    norm = info.unit.norm
    return any(
        any(word[:1].isupper() for word in raw[hit.start : hit.end])
        # "de maatschappelijk werker van het buurtwerk van de stad": the one city of the area, not a kind
        or (norm[hit.start : hit.end] in (["stad"], ["gemeente"]) and norm[hit.start - 1 : hit.start] == ["de"])
        or (raw[hit.end : hit.end + 1] == ["van"] and raw[hit.end + 1 : hit.end + 2] != [] and raw[hit.end + 1][:1].isupper())
        or raw[hit.end : hit.end + 1] != [] and raw[hit.end][:1].isupper()  # "het sociaal huis Gingelom"
        for hit in info.cue("partner_org")
    )


def _cooperating(info: UnitInfo) -> bool:
    """Working together ("samenwerken met", "in overleg met") with an organisation of its own, not the word
    'partners' on its own ("de werking bekend maken bij partners") nor kinds of organisation ("Afstemming met
    partners en lokale besturen", "in overleg met de huisartsen")."""
    kinds = info.cue("partner_kinds")
    norm = info.unit.norm
    # "met een sociaal verhuurkantoor, een dienst voor verslavingszorg, een maatwerkbedrijf en het justitiehuis": kinds
    # still to be found, most of them said with "een"
    orgs = info.cue("partner_org")
    of_a_kind = [
        org for org in orgs
        if any(kind.start <= org.start < kind.end for kind in kinds) or norm[org.start - 1 : org.start] in (["een"], ["a"], ["an"])
    ]
    if not orgs or len(of_a_kind) * 2 > len(orgs):
        return False
    return any(hit.term not in GENERIC_COOPERATION for hit in _working_with(info))


def _working_with(info: UnitInfo) -> list[Hit]:
    norm = info.unit.norm
    if any(norm[hit.start - 1 : hit.start] in NOT_PARTNERS for hit in info.cue("cooperation")):
        return []  # "De diensten waarnaar ik toeleid (CGG, ...) zijn geen partners in het project"
    return [hit for hit in info.cue("cooperation") if not _outward(info, hit)] + _together_with(info)


NOT_PARTNERS = (["geen"], ["niet"], ["no"], ["not"])


ORG_REACH = 3  # "samen met het Huis van het Kind": the organisation within a few words


def _together_with(info: UnitInfo) -> list[Hit]:
    """"Samen met het Huis van het Kind zoeken we ...": together with an organisation (not "samen met de
    ouders", which is how the work is done)."""
    norm = info.unit.norm
    return [
        Hit("cooperation", index, index + 2, "samen met")
        for index in range(len(norm) - 1)
        if norm[index] == "samen" and norm[index + 1] == "met"
        and any(0 <= org.start - (index + 2) < ORG_REACH for org in info.cue("partner_org"))
    ]


def _outward(info: UnitInfo, hit: Hit) -> bool:
    """"(we helpen) toeleiden naar het CGG": the applicant sends people on, nobody works with it."""
    following = info.unit.norm[hit.end : hit.end + 2]
    return following[:1] == ["naar"] and following[1:] not in (["ons"], ["onze"])


def _target_group(infos: Sequence[UnitInfo], found: Found) -> list[Unit]:
    """Who the project is for: a persona, a target statement, or a described group ("mannen die ...")."""
    described = [
        info.unit
        for info in _body(infos)
        if info.cue("target") or any(_qualified(info, group.end) or _described_by(info, group.start) for group in info.cue("groups"))
    ]
    return list(found.target_group) + described


def _described_by(info: UnitInfo, start: int) -> bool:
    """A group noun after an adjective that sets the group apart: "oudere mensen", "alleenstaande mama's"."""
    before = info.unit.norm[start - 1] if start else ""
    return before.endswith("e") and len(before) > 3 and before not in NOT_DESCRIBING


# determiners and quantities before a group noun say how many or which, not who: "andere mensen", "alle ouders"
NOT_DESCRIBING = frozenset(
    "deze onze mijne jouwe elke iedere welke sommige andere alle vele meeste zoveel beide hele zelfde "
    "betrokken volgende genoemde".split()
)


def _qualified(info: UnitInfo, after: int, qualifiers: frozenset[str] | None = None) -> bool:
    """A group noun followed by what sets the group apart: "mannen die ...", "vrouwen met een ..."."""
    following = info.unit.norm[after : after + QUALIFIER_REACH]
    return any(word in (qualifiers or QUALIFIERS) for word in following)


QUALIFIERS = frozenset({"die", "met", "zonder", "who", "with", "without"})
RELATIVE_QUALIFIERS = frozenset({"die", "who"})  # a relative clause about the group, not "mensen met hun smartphone"
QUALIFIER_REACH = 4  # "de weduwen en weduwnaars in Boekhout die ..."


def _offer(infos: Sequence[UnitInfo], found: Found) -> list[Unit]:
    """What the project does: a service of the call, or the applicant saying what it will do."""
    acting = [info.unit for info in _body(infos) if agents(info) and info.cue("offer")]
    return list(found.offer) + (acting if len(acting) >= MIN_OFFER_SENTENCES else [])


DETECTORS: dict[str, Detector] = {
    "amounts": _amounts,
    "timeline": _timeline,
    "contact": _contact,
    "partners": _partners,
    "places": lambda infos, found: list(found.places),
    "target_group": _target_group,
    "offer": _offer,
    "none": lambda infos, found: [],
}


NAMED_PART_WORDS = 2  # "Partner 1", "Deel 2"


def heading_sections(info: UnitInfo, lexicon: Lexicon) -> list[str]:
    """Sections a heading names ("Wie zijn wij?" -> organisatie), in lexicon order."""
    if not info.unit.is_heading:
        return []
    # "Partner 1 - vzw Thuishaven" introduces one partner's part of the project, not the list of partners
    skip = NAMED_PART_WORDS if NAMED_PART_RE.match(info.unit.text) else 0
    hits = [hit for hit in info.hits.get("sections", ()) if hit.start >= skip and not _together_with_peers(info, hit)]
    named = {hit.concept for hit in hits}
    # "Notre méthode - Onze werking": a heading that names the approach in words of its own presents the work of the
    # project, whatever "onze werking" (which holds the approach's own word) says of the organisation
    applicant = [hit for hit in hits if hit.concept == APPLICANT_SECTION]
    approach = [hit for hit in hits if hit.concept == APPROACH_SECTION]

    def overlaps(hit: Hit, others: list[Hit]) -> bool:
        return any(other.start < hit.end and hit.start < other.end for other in others)

    if applicant and all(overlaps(hit, approach) for hit in applicant) and any(
        not overlaps(hit, applicant) for hit in approach
    ):
        named.discard(APPLICANT_SECTION)
    return [section for section in lexicon.spec.sections if section in named]


APPROACH_SECTION = "aanpak"


def _together_with_peers(info: UnitInfo, hit: Hit) -> bool:
    """"Samen met lotgenoten", "Samen met een buddy": the heading of an activity with the participants' peers,
    not of the partners (a service of the call follows the "samen met")."""
    return hit.term == "samen met" and any(service.start >= hit.end for service in info.hits.get("service_types", ()))


def _filled(infos: Sequence[UnitInfo], index: int) -> bool:
    """A heading counts when text follows it before the next heading and that text does not open with a
    template placeholder ("Begroting: [in te vullen]", "Partners: still to be confirmed. ...")."""
    return _first_content(infos, index) == "text"


# "[naam organisatie] - we kiezen de naam in juni", "[...]"; not a speaker tag such as "[OCMW Heers] Wij ..."
TEMPLATE_FIELD_RE = re.compile(r"^\s*\[(?:[a-z][^\]]{0,39}|\.{2,}|\u2026)\]")


def _under(infos: Sequence[UnitInfo], index: int) -> Iterator[UnitInfo]:
    """The units under the heading at index, up to the next heading. A heading right under it that names no
    section of its own is its sub-heading, and the text under that counts too ("7. Budget" / "Item Detail
    Amount" / the cost lines)."""
    following = infos[index + 1 :]
    if following and following[0].unit.kind == "heading" and not following[0].hits.get("sections"):
        following = following[1:]
    for info in following:
        if info.unit.kind == "heading":
            return
        yield info


def _first_content(infos: Sequence[UnitInfo], index: int) -> str:
    """What follows the heading at index: "text", "placeholder" or "" (nothing before the next heading)."""
    for info in _under(infos, index):
        if info.cue("placeholder") or TEMPLATE_FIELD_RE.match(info.unit.text):
            return "placeholder"  # also a run-in label: "Nog geen beslissing. OCMW Heers is bereid, maar ..."
        if info.unit.kind == "label" or not info.unit.norm:
            continue
        if info.cue("instruction"):
            continue  # the template's "Beschrijf uw doelgroep (max. 200 woorden)": the answer may follow
        return "text"
    return ""


# What one sentence under a heading must show for a heading that does not suffice on its own: 'Centen' needs
# an amount ("We vragen 12.000 euro"), 'Wanneer' a date, month or phase ("We starten in september").
def _names_a_partner(info: UnitInfo) -> bool:
    """Under the partners' heading, a line that names an organisation ("- OCMW Heers: aanmelding", "Buurthuis De
    Linde vzw"), not kinds still to be found ("een dienst voor verslavingszorg") nor one not yet agreed ("Met het
    CAD hebben we al eens gebeld, afspraken zijn er nog niet")."""
    if info.cue("conditional") or info.cue("placeholder") or has_negation(info):
        return False
    raw = info.unit.raw
    if info.unit.kind == "label" and not info.unit.text.rstrip().endswith("?") and any(w[:1].isupper() for w in raw[1:]):
        return True  # a partner with its role: "basisschool in Nieuwerkerken | contact met ouders"
    association = bool(LEGAL_FORMS & set(info.unit.norm)) and any(word[:1].isupper() for word in raw)
    return _named_partner(info) or association


UNIT_CONTENT: dict[str, Callable[[UnitInfo], bool]] = {
    # under its heading, a cost table's row may leave the currency to a note ("Bedragen in euro")
    "amounts": lambda info: (is_amount_line(info.unit.text) and not _other_money(info)) or _row_of_sums(info),
    "timeline": lambda info: bool(TIME_RE.search(info.unit.folded)) and not SUBMISSION_DATE_RE.search(info.unit.folded),
    "partners": _names_a_partner,
}


def _row_of_sums(info: UnitInfo) -> bool:
    """"Jobcoach 0,5 VTE | 31.000 | 31.000 | 62.000", "Room costs and materials | 1,900": a table row with a sum
    written in thousands (under the budget's heading, which names the currency)."""
    return info.unit.kind in ("table", "row") and bool(THOUSANDS_RE.search(info.unit.text))




COSTS_VERBS = frozenset({"kost", "kostte", "kostten", "costs"})
NOT_APPLICABLE = ("niet van toepassing", "n.v.t", "nvt", "not applicable", "n/a")


def _declared_absent(infos: Sequence[UnitInfo], index: int, section: str) -> bool:
    """The text under the heading says the section is not there: "Met wie / ... Andere partners hebben we
    voor dit project niet", "Centen / Een begroting hebben we nog niet" (not "... zit niet in deze begroting",
    which speaks of the budget that is there), "Partners / Niet van toepassing: we doen alles in eigen beheer"."""
    following = infos[index + 1 : index + 2]
    if following and following[0].unit.folded.startswith(NOT_APPLICABLE):
        return True
    for info in infos[index + 1 :]:
        if info.unit.kind == "heading":
            return False
        if _row_of_sums(info):
            return False  # the costs are there: "... valt buiten de begroting" after them speaks of one item
        for hit in info.hits.get("sections", ()):
            if info.unit.norm[hit.start - 1 : hit.start] in (["deze"], ["dit"], ["this"]):
                continue
            if info.unit.norm[hit.start] in COSTS_VERBS:
                continue  # "... en kost het project niets": something that costs nothing, not a budget that is not there
            if hit.concept != section:
                continue
            # "We werken (nog) met niemand samen": the 'no' sits in the gap of the phrase
            inside = GAP in hit.term and any(hit.start < cue.start < hit.end for cue in info.cue("negation"))
            if inside or is_negated(info, hit, *info.clause(hit.start)):
                return True
    return False


# Who applies, in a consortium's words: when the sentence that names the role says it is still open, the applicant
# is not there ("Wie van ons de penhouder wordt, beslissen we pas na de matching-dagen").
APPLICANT_ROLES = frozenset({"trekker", "penhouder", "penvoerder", "aanvrager", "indiener", "indient", "applicant"})


def _open_role(info: UnitInfo) -> list[str]:
    if info.unit.is_heading or not info.cue("placeholder"):
        return []
    # the role first, then that it is open (not "De begroting wordt nog aangevuld door de aanvrager": the budget)
    norm = info.unit.norm
    roles = [index for index, word in enumerate(norm) if word in APPLICANT_ROLES]
    if not roles:
        return []
    if any(cue.start > roles[0] for cue in info.cue("placeholder")):
        return [APPLICANT_SECTION]
    # "We hebben nog niet beslist wie van ons de trekker wordt": the open question names the role
    asked = any("wie" in norm[cue.end : roles[0]] for cue in info.cue("placeholder") if cue.end <= roles[0])
    return [APPLICANT_SECTION] if asked else []


APPLICANT_SECTION = "organisatie"


def _open_label(info: UnitInfo, lexicon: Lexicon) -> list[str]:
    """Sections a line leaves open in its own words: "- trekker / penhouder: wordt pas aangeduid na matching",
    or a sentence that says who applies is still open."""
    first = info.clauses[0] if info.clauses else None
    if first is None or first.separator != ":" or first.end - first.start > LABEL_WORDS:
        return _open_role(info)
    if not info.cue("placeholder"):
        return []
    named = {hit.concept for hit in info.hits.get("sections", ()) if first.start <= hit.start < first.end}
    return [section for section in lexicon.spec.sections if section in named]


LABEL_WORDS = 4


def _answered_everyone(infos: Sequence[UnitInfo], index: int, lexicon: Lexicon) -> list[str]:
    """The target-group question answered with 'everyone' ("Doelgroep: iedereen welkom", "Voor wie is da
    allemaal? Voor iedereen, eigenlijk."): the target-group section stays open."""
    info = infos[index]
    asks = heading_sections(info, lexicon) if info.unit.is_heading else []
    target_sections = [s for s in asks if lexicon.spec.sections[s].content == "target_group"]
    if not target_sections and info.cue("target") and info.unit.text.rstrip().endswith("?"):
        target_sections = [s for s, spec in lexicon.spec.sections.items() if spec.content == "target_group"]
    if not target_sections:
        return []
    for position in (index, index + 1):  # the heading itself ("Doelgroep: iedereen welkom") or the line after it
        answer = infos[position] if position < len(infos) else None
        if answer is None or (position > index and answer.unit.is_heading):
            break
        if answer.unit.text.lstrip("-\u2022* ").startswith(tuple(QUOTE_CHARS)):
            break  # '- "In ons dorp kent iedereen mijn auto."': a quotation under the heading, not its answer
        if answer.cue("everyone") and not answer.cue("groups") and not CONTRAST_RE.search(answer.unit.folded):
            # "Voor iedereen die het moeilijk heeft met lezen, schrijven of de computer": everyone of a kind
            if any(_qualified(answer, cue.end) for cue in answer.cue("everyone")):
                return []
            if _groups_described_after(infos, position):
                return []  # "Voor iedereen in onze dorpen. ... Er zijn de weduwen en weduwnaars die ...": who, after all
            return target_sections
    return []


def _groups_described_after(infos: Sequence[UnitInfo], index: int) -> bool:
    """The text after an 'everyone' answer, up to the next heading, still describes groups in relative clauses
    ("de weduwen en weduwnaars die alleen achterbleven"; not "we helpen mensen met hun smartphone", the offer)."""
    for info in infos[index + 1 :]:
        if info.unit.kind == "heading":
            return False
        if any(_qualified(info, group.end, RELATIVE_QUALIFIERS) for group in info.cue("groups")):
            return True
    return False


CONTRAST_RE = re.compile(r"\b(?:maar|vooral|in het bijzonder|met name|but|especially)\b")


def _body_shows(infos: Sequence[UnitInfo], index: int, content: str) -> bool:
    """The text under the heading at index (up to the next heading) has the section's content."""
    test = UNIT_CONTENT.get(content)
    if test is None:
        return False
    return any(not _unfilled(info) and test(info) for info in _under(infos, index))


def _unfilled(info: UnitInfo) -> bool:
    """Template text: a placeholder ("[in te vullen]") or an instruction ("Beschrijf uw aanpak")."""
    return bool(info.cue("placeholder") or info.cue("instruction"))


def find_sections(
    infos: Sequence[UnitInfo], lexicon: Lexicon, found: Found
) -> dict[str, list[Unit]]:
    """Evidence units per present section: its headings first, then content that shows it."""
    present: dict[str, list[Unit]] = {}
    left_open: set[str] = set()  # sections whose own heading says "[in te vullen]": missing, whatever else
    for index, info in enumerate(infos):
        if _first_content(infos, index) == "placeholder":
            left_open.update(heading_sections(info, lexicon))
        left_open.update(_open_label(info, lexicon))
        left_open.update(_answered_everyone(infos, index, lexicon))
        named = [
            section
            for section in heading_sections(info, lexicon)
            if (
                lexicon.spec.sections[section].heading_suffices
                or _body_shows(infos, index, lexicon.spec.sections[section].content)
            )
            and not _declared_absent(infos, index, section)
        ]
        if named and _filled(infos, index):
            for section in named:
                present.setdefault(section, []).append(info.unit)
    filled = [info for info in infos if not _unfilled(info)]
    for section_id, section in lexicon.spec.sections.items():
        content = DETECTORS[section.content](filled, found)
        if content:
            present.setdefault(section_id, []).extend(content)
    # "Aanvrager / trekker: [in te vullen - wordt aangeduid op het overleg]": the applicant says the section is
    # still open, so a contact line or another filled heading elsewhere does not fill it in
    return {section_id: units for section_id, units in present.items() if section_id not in left_open}
