"""Dutch text handling for the proposal analysis: normalisation, stemming, layout and sentence splitting.

Proposals arrive as extracted page text (PDF, DOCX, mail bodies). PDF text wraps lines in the middle of a
sentence, numbers its headings, and turns tables into loose lines; the functions here turn a page into
*units* (headings, sentences, table rows, bullet items) that the matcher can classify one by one, while
keeping the original wording for the evidence quote.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer
from babel.numbers import parse_decimal

# snowballstemmer 3 ships two Dutch stemmers. "dutch" is now Kraaij-Pohlmann, which strips the ge- prefix
# and so merges unrelated words (begeleiden -> beleid, gezin -> zin, gemeenten -> meen); the original
# Snowball Dutch stemmer ("dutch_porter") only trims endings, which is what matching on inflections needs.
_STEMMER = snowballstemmer.stemmer("dutch_porter")

_PUNCT_MAP = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2010": "-",
        "\u2011": "-",
        "\u00ad": "",  # soft hyphen left by PDF extraction
        "\u00a0": " ",
        "\u202f": " ",
        "\ufffe": "-",  # pdfium's mark for a hyphen at a line break ("Sint-" / "Truiden")
        "\ufb01": "fi",
        "\ufb02": "fl",
    }
)

TOKEN_RE = re.compile(r"[^\W_]+", re.UNICODE)


def strip_accents(text: str) -> str:
    """é -> e, ë -> e, ï -> i; keeps case. Accents are optional in practice (financiën/financien)."""
    text = text.translate(_PUNCT_MAP)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Case- and accent-insensitive form used for every comparison."""
    return strip_accents(text).lower()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball (Porter) Dutch stem of one folded word; cached because proposals repeat their words."""
    return _STEMMER.stemWord(word)


def tokens(text: str) -> list[str]:
    """Word tokens of accent-stripped text, case kept (hyphens and punctuation split words)."""
    return TOKEN_RE.findall(strip_accents(text))


# --- layout: lines -> blocks -> units ----------------------------------------------------------------------

BULLET_RE = re.compile(r"^\s*(?:[-*\u2022\u25cf\u25c6\u25aa\u25a0\u25e6\u27a4\u2794\u2192\u2023\u2043>o]|\(?[a-z0-9]\))\s+")
NUMBERED_HEADING_RE = re.compile(r"^\s*(?:#{1,6}\s*|(?:\d{1,2}(?:\.\d{1,2})*|[A-H]|[IVX]{1,4})[.)]?\s+)")
# "Partner 1 - vzw Thuishaven", "Deel 2: Aanpak", "Module 3 - Digitaal": a named part with its number
NAMED_PART_RE = re.compile(r"^\s*[A-Z][a-z]{2,15}\s+\d{1,2}\s*[-\u2013:]\s+\S")
AMOUNT_RE = re.compile(
    r"(?:\u20ac|\beur\b|\beuro\b)\s*\d|\d[\d.,\s]*\s*k?\s?(?:\u20ac|\beur\b|\beuro\b|,-)|"
    r"\b\w*(?:duizend|honderd|miljoen)\s+euro\b",  # "35 k\u20ac", "tienduizend euro"
    re.IGNORECASE,
)
_ENDS_SENTENCE = (".", ";", ",", "!")
WEEKDAY_NAMES = (
    "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
)
MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    "january|february|march|june|july|august|october|"
    # French, for proposals from the language border ("septembre 2023 : recrutement")
    "janvier|fevrier|mars|avril|juin|juillet|aout|septembre|octobre|novembre|decembre"
)
# Abbreviated months ("jan", "dec") are also names and words: they count only next to a day or a year.
SHORT_MONTHS = "jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
# Months, quarters, phases and dates: what a planning is made of, with or without a heading.
YEAR_RE = re.compile(r"\b(19[5-9]\d|20\d\d)\b")  # a year of the organisation's history or of the project
TIME_RE = re.compile(
    rf"\b(?:{MONTHS})\b|\b\d{{1,2}}\s+(?:{SHORT_MONTHS})\b|\b(?:{SHORT_MONTHS})\.?\s*'?(?:20)?\d{{2}}\b|"
    r"\bq[1-4]\b|\bkwarta(?:a)?l\w*|\btrimester\w*|\bsemester\w*|"
    # "fase 2", "jaar 1" (not "dit jaar 31", "per jaar 20 gezinnen": a count in a year)
    r"\b(?:fase|fasen|fases|phase|stap|maand|maanden|jaar(?<!dit jaar)(?<!per jaar)(?<!elk jaar)(?<!vorig jaar)|year|month)"
    r"\s*\d|"
    r"\b(?:eerste|tweede|derde|vierde)\s+(?:fase|jaar|kwartaal|maand|winter|zomer|voorjaar|najaar|"
    r"schooljaar|werkjaar|projectjaar)\b|"
    # "de tweede helft van 2024", not a club called "Tweede Helft" or football's "derde helft"
    r"\b(?:eerste|tweede)\s+helft\s+van\s+(?:20\d{2}|het\s+(?:jaar|schooljaar|werkjaar|project))\b|"
    r"\b(?:voorjaar|najaar|zomer|winter|lente|herfst)\s+(?:van\s+)?(?:volgend|komend|dit)\s+jaar\b|"
    r"\bvanaf\s+(?:het|de)\s+(?:voorjaar|najaar|zomer|winter|lente|herfst)\b|"
    # "vanaf het nieuwe schooljaar", "na de herfstvakantie": a start in the school calendar
    r"\b(?:vanaf|na|voor|tegen|tot)\s+(?:het|de)\s+(?:nieuwe|volgende|komende)\s+schooljaar\b|"
    r"\b(?:vanaf|na|voor|tegen|tot)\s+de\s+(?:herfst|kerst|krokus|paas|zomer|voorjaars)vakantie\b|"
    r"\b(?:voorjaar|najaar|zomer|winter|lente|herfst|begin|eind|einde|midden|spring|summer|autumn|fall)"
    r"\s+(?:van\s+|of\s+)?(?:20)\d{2}\b|"
    # "15/09/2023", "1.9.23" (not a time span such as "9.00-12.00" or "9.30-11.30": a date keeps its separator)
    r"\b(?:0?[1-9]|[12]\d|3[01])(?:/(?:0?[1-9]|1[0-2])/|\.(?:0?[1-9]|1[0-2])\.|-(?:0?[1-9]|1[0-2])-)(?:20)?\d{2}\b(?![.:]\d)|"
    r"\b\d{1,2}/20\d{2}\b",
)
LABEL_RE = re.compile(r"^([A-Z\u00c0-\u00de][^:.!?]{1,60}):\s+(\S.*)$")
MAX_LABEL_WORDS = 4


# A word ending in one of these names someone in a helping job of the sector ("maatschappelijk werker",
# "budgetbegeleidster", "jobcoach", "trajectconsulente", "schuldbemiddelaar"); each reading adds the words it
# needs besides (volunteers, teachers, councillors, ...).
# how an organisation began: "Groenwerk begon in 1987 als beschutte werkplaats", "is in 2015 gestart in een garage"
FOUNDING_WORDS = frozenset(
    {"ontstaan", "ontstond", "opgericht", "begon", "begonnen", "gestart", "startte", "founded", "started"}
)
HELPER_ENDINGS = (
    "werker", "werkster", "begeleider", "begeleidster", "coach", "consulent", "consulente", "hulpverlener",
    "bemiddelaar", "psycholoog", "psychologe",
)  # fmt: skip


def names_staff(word: str, endings: tuple[str, ...] = HELPER_ENDINGS) -> bool:
    """"begeleidsters", "consulenten", "budgetbemiddelaar": a word for one or more staff members (singular or
    plural) of the given kinds."""
    return word.removesuffix("en").removesuffix("s").endswith(endings)


# "hun moeder", "his appointment": someone else's, not the applicant's own ("onze", "ons")
THEIR = frozenset({"zijn", "haar", "hun", "his", "her", "their"})
SOMEONES = THEIR | {"mijn", "je", "jouw", "my"}  # (the tokens split "z'n" into "z" and "n")

# A label names a topic ("Doelgroep", "CAD Limburg"); a clause with a pronoun ("Daaraan koppelen we") does not.
PRONOUNS = frozenset("ik we wij je jij u ze zij hij het dit dat daar hier er zich".split())
# A line that ends in one of these before its colon runs on into the list below it ("werkzoekenden die:").
LEAD_IN_ENDINGS = frozenset("die dat wie welke om zoals namelijk volgende als waarbij met voor aan op van te en of".split())
# A finite verb makes it a sentence: "Onze trajectbegeleiding is empowerend: we vertrekken ..." is no label.
FINITE_VERBS = frozenset(
    "is zijn wordt worden was waren blijft blijven heeft hebben kan kunnen zal zullen moet moeten gebeurt gebeuren loopt "
    "lopen vindt gaat gaan doet komt".split()
)
NOT_IN_LABEL = PRONOUNS | FINITE_VERBS


def is_label(text: str) -> bool:
    words = text.split()
    if len(words) > MAX_LABEL_WORDS or '"' in text or "," in text:
        return False
    return not any(word.lower().strip(",'") in NOT_IN_LABEL for word in words)


def starts_with_time(line: str) -> bool:
    return bool(TIME_RE.match(fold(line[:40]).lstrip("-*\u2022 ")))


ABBREVIATIONS = frozenset(
    "bv bijv o.a oa nl enz ca nr i.s.m ism m.b.t mbt t.e.m tem incl excl tel vnl evt resp e.d dhr mevr mw "
    "st sr jr vs etc d.w.z dwz z.g.a.n.s o.m a.d.h.v adhv i.f.v ifv p.p max min gem".split()
) | frozenset(SHORT_MONTHS.split("|")) | {"febr"}  # "sept. 2023 - aanstelling opvangcoach"


@dataclass(frozen=True)
class Unit:
    """One heading, sentence, bullet item or table row of a document, with where it was found."""

    document: str
    page: int  # 1-based
    text: str  # original wording, whitespace collapsed
    kind: str  # heading | label | sentence | bullet | table | row (a cost line)
    block: int  # index of the paragraph/list/table block on the page (units of one paragraph share it)
    raw: list[str] = field(default_factory=list, compare=False)  # tokens, case kept, accents stripped
    norm: list[str] = field(default_factory=list, compare=False)  # folded tokens
    joined: str = ""  # " tok tok tok " of folded tokens, for regex search
    stems: list[str] = field(default_factory=list, compare=False)  # Snowball stems of norm
    folded: str = ""  # the text folded (lower case, no accents), for regex tests on the whole unit
    breaks: tuple[tuple[int, str], ...] = ()  # (token index, punctuation) where , ; : or a dash follows it

    @property
    def paragraph(self) -> tuple[str, int, int]:
        """Document, page and block: units with the same key belong to one paragraph, list or table."""
        return self.document, self.page, self.block

    @property
    def is_heading(self) -> bool:
        """Headings and labels ("Doelgroep:", a table's first cell) name a topic; they do not offer it."""
        return self.kind in ("heading", "label")


def cell_spans(unit: Unit) -> list[tuple[int, int]]:
    """Token ranges of the cells of a table unit ("a | b | c"); one range for any other unit."""
    if " | " not in unit.text:
        return [(0, len(unit.norm))]
    spans: list[tuple[int, int]] = []
    start = 0
    for cell in unit.text.split(" | "):
        count = len(TOKEN_RE.findall(strip_accents(cell)))
        spans.append((start, start + count))
        start += count
    return spans


def make_unit(document: str, page: int, text: str, kind: str, block: int) -> Unit:
    stripped = strip_accents(text)
    matches = list(TOKEN_RE.finditer(stripped))
    raw = [match.group() for match in matches]
    breaks: list[tuple[int, str]] = []
    if len(matches) > 1:
        starts = [match.start() for match in matches]
        for separator in CLAUSE_BREAK_RE.finditer(stripped):
            if _in_parentheses(stripped, separator.start()):
                continue  # "(onthaalouder, crèche of IBO)" is one list, not three clauses
            # the separator ends the clause of the last token before it
            index = bisect.bisect_right(starts, separator.start()) - 1
            if 0 <= index < len(matches) - 1 and (not breaks or breaks[-1][0] != index):
                breaks.append((index, separator.group().strip()))
    norm = [word.lower() for word in raw]
    joined = " " + " ".join(norm) + " "
    return Unit(document, page, text, kind, block, raw, norm, joined, [stem(w) for w in norm], stripped.lower(), tuple(breaks))


def _in_parentheses(text: str, position: int) -> bool:
    before = text[:position]
    return before.count("(") > before.count(")") and ")" in text[position:]


QUOTE_CHARS = '"\u201c\u201d\u201e'


def quoted_tokens(unit: Unit) -> frozenset[int]:
    """Indexes of the tokens between double quotes: quoted speech ("bij ons ging nooit iemand naar de
    dokter") says what someone else says, not what the applicant does."""
    if not any(mark in unit.text for mark in QUOTE_CHARS):
        return frozenset()
    text = strip_accents(unit.text)
    inside = False
    found: set[int] = set()
    index = 0
    position = 0
    for match in TOKEN_RE.finditer(text):
        inside ^= sum(text.count(mark, position, match.start()) for mark in QUOTE_CHARS) % 2 == 1
        position = match.end()
        if inside:
            found.add(index)
        index += 1
    return frozenset(found)


# An unticked box and its item, up to the next box: "[ ] huisvesting [x] administratie" keeps the ticked one.
UNTICKED_RE = re.compile(r"(?:\[\s?\]|\u2610|\u25a1|\u25fb)[^\[\u2610\u2611\u2612\u25a1\u25a0\u25fb\u25fc|]*")
TICKED_RE = re.compile(r"\[[xX\u2713\u2714]\]|[\u2611\u2612\u25a0\u25fc]")


ALIGNED_GAP_RE = re.compile(r"(?<=\S)(?:\t+| {3,})(?=\S)")
MIN_ALIGNED_GAPS = 2


ONE_GAP_RE = re.compile(r"(?<=\S) {3,}(?=\S)")
MIN_TWO_COLUMN_ROWS = 2


def _second_column(line: str) -> int | None:
    """Where the second of two columns lined up with spaces starts ("  GTB Limburg      overname ..."), or None."""
    if "|" in line or "\t" in line:
        return None
    gaps = ONE_GAP_RE.findall(line)
    return ONE_GAP_RE.search(line).end() if len(gaps) == 1 else None  # type: ignore[union-attr]


def _two_column_rows(lines: list[str]) -> list[str]:
    """Two columns lined up with spaces over two lines or more ("BuSO De Klimop     toeleiding schoolverlaters" /
    "GTB Limburg        overname jobbegeleiding") are table rows; one wide gap on a line of its own is not
    ("Sint-Truiden, 29 mei 2023          Lotte Bormans")."""
    starts = [_second_column(line) for line in lines]
    rows = list(lines)
    index = 0
    while index < len(lines):
        end = index
        while end < len(lines) and starts[end] is not None and starts[end] == starts[index]:
            end += 1
        if end - index >= MIN_TWO_COLUMN_ROWS:
            for row in range(index, end):
                rows[row] = ONE_GAP_RE.sub(" | ", lines[row])
        index = max(end, index + 1)
    return rows


def _clean_line(line: str) -> str:
    if "|" not in line and len(ALIGNED_GAP_RE.findall(line)) >= MIN_ALIGNED_GAPS:
        # columns lined up with spaces or tabs ("Gezinsbegeleider 0,8 VTE      14.000   42.000   84.000"): a row
        line = ALIGNED_GAP_RE.sub(" | ", line)
    if "[" in line or any("\u2610" <= ch <= "\u2612" or "\u25a0" <= ch <= "\u25fc" for ch in line):
        # a form's tick boxes: only the ticked items are said, and a ticked item is an answer, not a heading
        ticked = bool(TICKED_RE.search(line))
        line = TICKED_RE.sub(" ", UNTICKED_RE.sub(" ", line)).rstrip()
        if ticked and line and not line.endswith((".", "!", "?")):
            line += "."
    return re.sub(r"\s+", " ", line.translate(_PUNCT_MAP)).strip()


EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
PHONE_RE = re.compile(r"(?:\+32|\b0)\s?\d{1,3}[\s/.]?\d{2}[\s.]?\d{2}[\s.]?\d{2}\b")
# "3.200 euro", "€ 12.500,50", "1200 EUR": an amount in euro with its value
EURO_VALUE_RE = re.compile(
    r"(?P<before>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)\s*(?:\u20ac|\beuros?\b|\beur\b)"
    r"|(?:\u20ac|\beur\b)\s*(?P<after>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)",
    re.IGNORECASE,
)
NUMBER_RE = re.compile(r"(?<![\w.,])(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?(?![\w]|[.,]\d)")
ITEMISED_PARTS = 2
# a sum in thousands without a currency (a budget column whose header or heading names it): "31.000", "1,900"
THOUSANDS_RE = re.compile(
    r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?:,\d{2})?(?![\d.,])|(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d{2})?(?![\d.,])"
    # "33 600": thousands set apart by a (narrow) space, as French and Flemish typesetting does
    r"|(?<![\d.,])(?<!\d\s)\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,]|\s\d)"
)

# (not "Sint-Truiden 712 338 121": figures in a table of counts, where a space parts the columns)
THOUSANDS_END_RE = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:\.\d{3})+(?:,\d{2})?|\d{1,3}(?:,\d{3})+(?:\.\d{2})?)\s*$")


def _value(number: str) -> float:
    return float(parse_decimal(number, locale="nl_BE", strict=False))


def itemised_total(text: str) -> bool:
    """A total in euro followed by its parts as bare numbers that add up to it: "Wij vragen 3.200 euro: tablets
    (1.200), koffie (600), oppas (900), bus (500)" is a costed budget like a cost table."""
    for total in EURO_VALUE_RE.finditer(text):
        value = _value(total.group("before") or total.group("after"))
        parts = [_value(match.group()) for match in NUMBER_RE.finditer(text, total.end())]
        if value > 0 and len(parts) >= ITEMISED_PARTS and abs(sum(parts) - value) <= value / 100:
            return True
    return False


def is_amount_line(line: str) -> bool:
    # cheap test first: most lines have no euro sign or word at all
    if "\u20ac" not in line and ",-" not in line and "eur" not in line.lower():
        return False
    return bool(AMOUNT_RE.search(line))


def looks_like_heading(line: str, previous: str | None, following: str | None) -> bool:
    """A short line that starts a block, has no sentence punctuation and is not continued in lower case.

    Numbered ("2. Ons plan"), markdown ("## Timing"), all-caps and ':'/'?' endings are headings too.
    """
    text = line.strip()
    if not text or len(text) > 90 or is_amount_line(text) or starts_with_time(text):
        return False
    if EMAIL_RE.search(text) or PHONE_RE.search(text):
        return False  # "0478 55 12 90 - lieve@papierwinkel.be": a contact line
    words = text.split()
    # a separator ("/", "-") or a heading number is not a word: "Ce que nous ne faisons pas / Wat we niet doen"
    alpha_words = sum(1 for word in words if any(ch.isalpha() for ch in word))
    if alpha_words > 10 or not any(ch.isalpha() for ch in text):
        return False
    numbered = bool(NUMBERED_HEADING_RE.match(text) or NAMED_PART_RE.match(text)) and any(
        ch.isalpha() for ch in text[:30]
    )
    if numbered and len(words) <= MAX_LABEL_WORDS + 1 and text.endswith("."):
        return True  # "1. Outreach."
    if THOUSANDS_END_RE.search(text):
        return False  # "2 woonbegeleiders (1,6 VTE)   88.000": a budget line whose amount the heading's currency names
    if text.endswith(_ENDS_SENTENCE):
        return False
    # a form's numbered question may be longer than a question of the text ("2. Wie wilt u met dit project bereiken?")
    if text.endswith("?") and alpha_words > (MAX_NUMBERED_QUESTION_WORDS if numbered else MAX_QUESTION_WORDS):
        return False
    if text.startswith(CONCLUSION_MARKS):
        return False  # "= Roy en John uit het addendum": what a list adds up to, under the list's heading
    first_alpha = next(ch for ch in text if ch.isalnum())
    if not (first_alpha.isupper() or first_alpha.isdigit() or numbered or text.startswith("#")):
        return False
    if text.endswith(":"):
        # "Partners:" is a heading; "Met steun van het partnerschap willen we:" and "WorkReady richt zich op
        # werkzoekenden die:" lead into a list
        if words[-1].lower().strip(",:") in LEAD_IN_ENDINGS:
            return False
        if INNER_SENTENCE_END_RE.search(text):
            return False  # "Marcel, Roy en John. Concreet:": the end of a wrapped sentence and a lead-in
        return len(words) <= 6 and not any(word.lower().strip(",:") in PRONOUNS for word in words)
    continued = bool(following and following.strip() and following.strip()[0].islower())
    if continued and not numbered:
        return False
    if numbered or text.isupper() or previous is None or not previous.strip():
        return True
    if previous.rstrip().endswith((".", ":", "!", "?")):
        return True
    # PDF text often loses blank lines: a short capitalised line after a line that does not run on
    # (no trailing comma or hyphen) is still a heading, e.g. "Probleemstelling" after a contact line.
    return len(text) <= SHORT_HEADING_CHARS and len(words) <= 8 and not previous.rstrip().endswith((",", "-", "(", "/"))


SHORT_HEADING_CHARS = 60
INNER_SENTENCE_END_RE = re.compile(r"[a-z\u00e0-\u00ff]\.\s+[A-Z]")
CONCLUSION_MARKS = ("=", "\u2192", "\u21d2")  # =, ->, =>
MAX_QUESTION_WORDS = 7
MAX_NUMBERED_QUESTION_WORDS = 9


def _is_run_in_heading(sentence: str) -> bool:
    text = NUMBERED_HEADING_RE.sub("", sentence, count=1)
    words = text.split()
    # "Aanklampend contact. We bellen ...", "Met wie? De jobcoach van VDAB en ..." (a short question as lead-in),
    # "Wat we willen doen. Elke week ..."
    return (0 < len(words) <= 3 and text.endswith((".", "?")) and text[:1].isupper()) or _is_question_heading(sentence)


QUESTION_HEADING_WORDS = frozenset({"wat", "wie", "waar", "hoe", "wanneer", "waarom", "what", "who", "where", "how", "when"})
MAX_QUESTION_HEADING_WORDS = 6


def _is_question_heading(sentence: str) -> bool:
    """"Wat we willen doen.", "Waar we werken.": an indirect question that names the part below it."""
    text = NUMBERED_HEADING_RE.sub("", sentence, count=1).strip()
    words = text.split()
    return (
        0 < len(words) <= MAX_QUESTION_HEADING_WORDS and text.endswith((".", ":")) and text[:1].isupper()
        and words[0].lower() in QUESTION_HEADING_WORDS and "," not in text  # (not "Wie wil, kan komen.")
    )


# "[14/05/23 21:18] Samira: ...": a chat pasted into a mail, one message after another on a line
CHAT_STAMP_RE = re.compile(r"(?=\[\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4},? \d{1,2}:\d{2}(?::\d{2})?\])")


def _split_sentences(paragraph: str) -> list[str]:
    """Split at . ! ? followed by a capital or digit, but not after common Dutch abbreviations (bv., o.a.), and
    before each time stamp of a pasted chat; a run-on sentence also where a comma and a linking word open its
    next statement."""
    messages = [message.strip() for message in CHAT_STAMP_RE.split(paragraph) if message.strip()]
    return [piece for message in messages for part in _split_plain(message) for piece in _split_run_on(part)]


# A mail written as one long sentence ("..., en daarom willen wij drie dingen doen, ten eerste ..., want ...,
# en ...") holds many statements; read as one, a 'niet' or a partner anywhere in it would speak for all of them.
RUN_ON_SENTENCE_WORDS = 60
RUN_ON_BREAK_RE = re.compile(
    r",\s+(?=(?:en|want|maar|dus|daarom|daarnaast|verder|ten eerste|ten tweede|ten derde|ten vierde|ten slotte|"
    r"and|but|so)\s)",
    re.IGNORECASE,
)


def _split_run_on(sentence: str) -> list[str]:
    if len(sentence.split()) <= RUN_ON_SENTENCE_WORDS:
        return [sentence]
    return [piece.strip() for piece in RUN_ON_BREAK_RE.split(sentence) if piece.strip()]


def _split_plain(paragraph: str) -> list[str]:
    parts: list[str] = []
    start = 0
    # (also before "'s Morgens", "'s Avonds": a sentence that starts with the old genitive; and before a legal form
    # written in lower case: "... volgt na het Pinksterweekend. vzw Gezinsbrug wil ...")
    for match in re.finditer(r"[.!?](?:[\"')\]]*)\s+(?=[\"'(\[]?[A-Z0-9\u00c0-\u00de]|'s\s+[A-Z]|(?:vzw|ivzw|cvba|bvba)\s+[A-Z])", paragraph):
        before = paragraph[start : match.start()]
        last_word = before.rsplit(" ", 1)[-1].lower().rstrip(".").lstrip("([\"'")  # "(max. 5 deelnemers)"
        # "bv.", "J. Peeters" (an initial); "regio-uitdaging 2. Mannen" does end a sentence
        if paragraph[match.start()] == "." and (last_word in ABBREVIATIONS or (len(last_word) == 1 and last_word.isalpha())):
            continue
        parts.append(paragraph[start : match.end()].strip())
        start = match.end()
    tail = paragraph[start:].strip()
    if tail:
        parts.append(tail)
    return parts


def _runs_on(line: str, following: str | None) -> bool:
    """A line of prose wrapped in the middle of a sentence, the next line going on in lower case ("de club heeft
    een jaaromzet van ongeveer 212.000 euro (lidgelden 96.000" / "euro, kantine 58.000 euro, ..."): not a cost line."""
    nxt = (following or "").strip()
    return bool(nxt) and nxt[:1].islower() and not line.rstrip().endswith((":", ";", "|")) and len(line.split()) > RUN_ON_WORDS


RUN_ON_WORDS = 8  # a short cost line ("Huur zaal: 1.200 euro") stays a row even when the next line is lower case


def _join_wrapped(previous: str, line: str) -> str:
    # "ver-" + "slaving" is a word broken by the PDF's line wrap; "drug-" + "en alcohol" is not.
    if previous.endswith("-") and line[:1].islower() and not previous.endswith(" -"):
        return previous[:-1] + line
    return previous + " " + line


ACTIVITY_ROW_WORDS = 12


def table_cells(line: str) -> list[str]:
    """The cells of a table row, empty ones included (they keep the columns aligned with the header)."""
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


CURRENCY_HEADER_RE = re.compile(r"\u20ac|\beur\b|\beuro\b", re.IGNORECASE)
BARE_AMOUNT_RE = re.compile(r"^\s*\d[\d.,\s]*\s*$")


def currency_columns(header: list[str]) -> frozenset[int]:
    """Columns whose header names the currency ("Bedrag (EUR)", "Kost in €"): their cells are amounts."""
    return frozenset(index for index, cell in enumerate(header) if CURRENCY_HEADER_RE.search(cell))


def _with_currency(cells: list[str], money: frozenset[int]) -> list[str]:
    """"118.400" under "Bedrag (EUR)" is 118.400 euro: the unit says so, so the budget is recognised."""
    return [f"{cell} EUR" if index in money and BARE_AMOUNT_RE.match(cell) else cell for index, cell in enumerate(cells)]


def _table_row_units(
    document: str,
    page_number: int,
    line: str,
    block: int,
    dropped: frozenset[int] = frozenset(),
    money: frozenset[int] = frozenset(),
) -> list[Unit]:
    """A table row ("| Wonen | nee | niet in dit project |", or cells joined by " | " by the extractor).

    A cost row stays one 'row' unit (budget evidence, not an offer); otherwise a short first cell is a
    label (like a heading) and the other cells are read as one sentence. Cells in the `dropped` columns
    (a change table's old version) are not read.
    """
    cells = [cell for index, cell in enumerate(_with_currency(table_cells(line), money)) if cell and index not in dropped]
    if not any(ch.isalnum() for cell in cells for ch in cell):
        return []  # the |-----|-----| line under a header
    text = " | ".join(cells)
    if is_amount_line(text):
        row = make_unit(document, page_number, text, "row", block)
        described = [cell for cell in cells if not is_amount_line(cell)]
        if sum(len(cell.split()) for cell in described) < ACTIVITY_ROW_WORDS:
            return [row]
        # an activity table with a cost column: the cost line for the budget, the description as a sentence
        return [row, make_unit(document, page_number, text, "table", block)]
    if len(cells) > 1 and is_label(cells[0]) and not starts_with_time(cells[0]):
        label = make_unit(document, page_number, cells[0], "label", block)
        if not any(ch.isalnum() for cell in cells[1:] for ch in cell):
            return [label]  # "Nachtopvang | – | –": a label with empty cells has no value to read
        return [label, make_unit(document, page_number, " | ".join(cells[1:]), "table", block)]
    return [make_unit(document, page_number, text, "table", block)]


MAX_ROW_LINES = 8


def _join_wrapped_rows(lines: list[str]) -> list[str]:
    """A table row drawn wider than the page wraps: "| Wonen | Vóór de vrijlating zoeken we" + "die we
    kennen ... via het OCMW. |" is one row again (a row opens and closes with '|')."""
    joined: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if line.startswith("|") and not line.endswith("|"):
            following = index
            while following < len(lines) and following - index < MAX_ROW_LINES:
                candidate = lines[following]
                if not candidate or candidate.startswith("|") or NUMBERED_ROW_RE.match(candidate):
                    break  # ("11 | Herstelcafé | ...": the next numbered row, not the rest of this one)
                following += 1
                if candidate.endswith("|"):
                    line = " ".join([line, *lines[index:following]])
                    index = following
                    break
        joined.append(line)
    return _join_split_cells(joined)


NUMBERED_ROW_RE = re.compile(r"^\d{1,3}\s*\|\s")


def _is_row(line: str) -> bool:
    return line.startswith("|") or " | " in line


def _join_split_cells(lines: list[str]) -> list[str]:
    """A row without outer bars that wraps: "Schulden, administratie | - | - | sociale dienst OCMW van de" +
    "woonplaats | doorverwijzing, niet in dit project" is one row again when the two lines together hold exactly
    as many cells as the table's header (counting the cell cut in two once)."""
    joined: list[str] = []
    columns = 0  # cells of the current table's header; 0 outside a table
    for line in lines:
        previous = joined[-1] if joined else ""
        if not _is_row(line):
            columns = 0
            joined.append(line)
            continue
        if not columns:
            columns = len(table_cells(line))
            joined.append(line)
            continue
        cut = len(table_cells(previous)) if _is_row(previous) and not previous.startswith("|") else 0
        # wrapped at a bar ("... lotgenotengroep |" + "1,0 VTE | n.v.t.") no cell is cut in two
        at_bar = previous.endswith("|") or line.startswith("|")
        if cut and cut < columns and cut + len(table_cells(line)) == columns + (0 if at_bar else 1):
            joined[-1] = f"{previous} {line}"
            continue
        joined.append(line)
    return joined


ColumnFilter = Callable[[list[str]], frozenset[int]]


def _quoted_mail_lines(lines: list[str]) -> set[int]:
    """Indexes of lines in a block of two or more lines that start with '>' (a quoted mail, not an arrow list)."""
    found: set[int] = set()
    run: list[int] = []
    for index, line in enumerate([*lines, ""]):
        if line.startswith(">"):
            run.append(index)
            continue
        if len(run) >= 2:
            found.update(run)
        run = []
    return found


def page_units(document: str, page_number: int, text: str, superseded: ColumnFilter | None = None) -> list[Unit]:
    """Turn one page into units, following the layout of extracted text.

    `superseded` gets the header cells of each table and names the columns not to read: a change table
    ("| Onderdeel | Versie 1 | Versie 2 |") describes the old version of the proposal next to the new one.
    """
    lines = _join_wrapped_rows([_clean_line(line) for line in _two_column_rows(text.splitlines())])
    units: list[Unit] = []
    block = 0
    dropped: frozenset[int] | None = None  # columns not read in the current table; None: not in a table
    money: frozenset[int] = frozenset()  # columns of the current table that hold amounts
    paragraph = ""
    paragraph_kind = "sentence"
    line_openings: list[str] = []  # the lines the paragraph was joined from: a lead-in opens one of them
    label_value = ""  # the value of the last "Label: value" line, while it is the whole paragraph

    def flush() -> None:
        nonlocal paragraph, block, paragraph_kind
        if paragraph:
            sentences = _split_sentences(paragraph)
            for index, sentence in enumerate(sentences):
                kind = paragraph_kind
                opens_a_line = index == 0 or (
                    not sentence.isupper() and any(line.startswith(sentence) for line in line_openings)
                )  # (in a text in capitals every short sentence looks like a lead-in: "NEE. WE ZIJN GEEN ...")
                if opens_a_line and index + 1 < len(sentences) and _is_run_in_heading(sentence):
                    # "Aanklampend contact. We bellen wie afhaakt ..." - a bold lead-in, also where a PDF lost the
                    # blank line above it ("... lucht. / Psychische hulp. Wij zijn geen psychologen ...")
                    kind = "label"
                elif len(sentences) == 1 and paragraph_kind == "sentence" and _is_question_heading(sentence):
                    kind = "label"  # "Wat we willen doen." on a line of its own, like "Wie we zijn. ..." before it
                units.append(make_unit(document, page_number, sentence, kind, block))
            block += 1
        paragraph = ""
        paragraph_kind = "sentence"
        line_openings.clear()

    quoted_mail = _quoted_mail_lines(lines)
    for index, line in enumerate(lines):
        if not line:
            flush()
            continue
        if index in quoted_mail:
            # "> Kinderopvang: wie gaat dat doen?": a mail quoted in a reply is someone else's earlier words
            flush()
            units.extend(make_unit(document, page_number, "> " + part, "sentence", block) for part in _split_sentences(line.lstrip("> ")))
            block += 1
            continue
        previous = lines[index - 1] if index > 0 else None
        following = lines[index + 1] if index + 1 < len(lines) else None  # "" after a blank line: not continued
        if _is_row(line):
            flush()
            if dropped is None:  # the table's first row: its header
                dropped = superseded(table_cells(line)) if superseded else frozenset()
                money = currency_columns(table_cells(line))
            units.extend(_table_row_units(document, page_number, line, block, dropped, money))
            block += 1
            continue
        dropped = None
        if BULLET_RE.match(line) and not NUMBERED_HEADING_RE.match(line):
            flush()
            paragraph = BULLET_RE.sub("", line, count=1)
            paragraph_kind = "bullet"
            label = LABEL_RE.match(paragraph)
            if label and is_label(label.group(1)) and not starts_with_time(label.group(1)):
                # "- CAD Limburg: verslavingsbegeleiding": the label names a partner or topic
                units.append(make_unit(document, page_number, label.group(1).strip(), "label", block))
                paragraph = label.group(2).strip()
            continue
        # (also right after a label's value: "Dinsdag: parochiezaal van Herten" / "Vrijdag: buurthuis in Zepperen")
        after_value = bool(paragraph) and paragraph == label_value
        label_value = ""
        ends = not paragraph or paragraph.endswith((".", "!", "?", ";")) or after_value
        label = LABEL_RE.match(line) if ends else None
        if label and is_label(label.group(1)) and not starts_with_time(line):
            # "Doelgroep: alleenstaande moeders": the label names the section, the rest is content.
            flush()
            units.append(make_unit(document, page_number, label.group(1).strip(), "label", block))
            block += 1
            line = label.group(2).strip()
            if looks_like_heading(line, None, following) and not line.endswith(":"):
                units.append(make_unit(document, page_number, line, "sentence", block))
                block += 1
                continue
            label_value = line
        if looks_like_heading(line, previous if not paragraph else paragraph, following):
            flush()
            units.append(make_unit(document, page_number, line.lstrip("# ").strip(), "heading", block))
            block += 1
            continue
        if is_amount_line(line) and len(line.split()) <= 16 and not line.endswith(".") and not _runs_on(line, following):
            # A table row (cost line): its own unit, so a budget table is recognised even without a heading.
            flush()
            units.append(make_unit(document, page_number, line, "row", block))
            continue
        if paragraph and paragraph_kind == "bullet" and line[:1].isupper() and paragraph.endswith((".", ";")):
            flush()
        if paragraph and starts_with_time(line):
            flush()  # "Oktober 2023: werving" is one line of a planning, not the rest of a sentence
        if after_value and line[:1].isupper() and len(paragraph.split()) <= RUN_ON_WORDS and not paragraph.endswith((".", "!", "?", ";")):
            flush()  # "Vrijdag: buurthuis De Kring in Zepperen" / "Beide locaties zijn ...": the value ends at its line
        if paragraph and NOTE_OPENER_RE.match(line):
            flush()  # "NB tot 2021 hadden we ook een atelier ...": a note of its own, not the rest of the line above
        if paragraph.endswith(";") and (line[:1].isupper() or line[:1].isdigit()):
            flush()  # "Gelet op ...;" / "5° budgetbegeleiding ...;": recitals and articles are one sentence each
        paragraph = _join_wrapped(paragraph, line) if paragraph else line
        line_openings.append(line)
    flush()
    return units


NOTE_OPENER_RE = re.compile(r"^(?:NB|N\.B\.|PS|P\.S\.|Opm\.|Opmerking:)(?=[\s:,])")


# --- clauses ---------------------------------------------------------------------------------------------

# Conjunctions and punctuation that end the scope of a negation ("wij bieden geen X, maar wel Y").
# ("echter" is mostly an adverb inside its clause: "dit jaar zetten we echter geen groep op" stays one clause.)
CLAUSE_BREAK_WORDS = frozenset({"maar", "doch", "terwijl", "want", "wel", "daarentegen", "behalve"})
# A comma or colon between digits is a number or a time ("0,5 VTE", "9:30"), not the end of a clause.
CLAUSE_BREAK_RE = re.compile(r"((?<!\d)[,;:]|[,;:](?!\d)|\s[-\u2013|]\s)")  # "|": table cells


@dataclass(frozen=True)
class Clause:
    start: int  # first token
    end: int  # token after the clause
    separator: str  # the punctuation that ends it ("," ";" ":" "-"), or "" at a conjunction or the end


def clauses(unit: Unit) -> list[Clause]:
    """The clauses of a unit: split at , ; : and dashes, and before 'maar', 'wel', 'terwijl', …"""
    result: list[Clause] = []
    clause_start = 0
    separators = dict(unit.breaks)
    for index, word in enumerate(unit.norm):
        if index > clause_start and word in CLAUSE_BREAK_WORDS:
            result.append(Clause(clause_start, index, ""))
            clause_start = index
        if index in separators:
            result.append(Clause(clause_start, index + 1, separators[index]))
            clause_start = index + 1
    if clause_start < len(unit.norm):
        result.append(Clause(clause_start, len(unit.norm), ""))
    return result or [Clause(0, len(unit.norm), "")]


def clause_spans(unit: Unit) -> list[tuple[int, int]]:
    """Token index ranges [start, end) of the clauses of a unit."""
    return [(clause.start, clause.end) for clause in clauses(unit)]


def clause_of(unit: Unit, token_index: int) -> tuple[int, int]:
    for start, end in clause_spans(unit):
        if start <= token_index < end:
            return start, end
    return 0, len(unit.norm)


def char_to_token(joined: str, char_index: int) -> int:
    """Index of the token containing position char_index of a unit's joined string."""
    return joined.count(" ", 0, char_index + 1) - 1
