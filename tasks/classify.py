"""Rules that decide what a received message is and who sent it. Pure functions, no I/O."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

KINDS = ("application", "duplicate", "auto-reply", "spam", "review-return", "rebuttal", "question", "other")

ORGANISATION_LINE = re.compile(
    r"(?im)^[ \t|]*(?:naam(?: van)?(?: de)?(?: aanvragende| indienende)? organisatie|aanvragende organisatie|"
    r"indienende organisatie|organisatie|aanvrager|indiener|ingediend door|promotor|organisation|applicant)"
    r"[ \t]*[:|\-–][ \t]*(?P<name>[^\n\r|]{2,120})"
)
LEGAL_FORM = r"(?:vzw|v\.z\.w\.|cvba|cv|bv|nv|vof|ivzw|so|ocmw|caw|cgg|sociaal huis)"
# Names are written in capitals: "vzw De Brug", "Opvang De Vlinder vzw", "OCMW Sint-Truiden".
_WORD = r"[A-ZÀ-Ý][\w'’À-ÿ-]*"
_NAME = rf"{_WORD}(?:[ \t]+(?:{_WORD}|de|het|van|der|en|voor|'t)){{0,5}}"  # never across a line break
_FORM_BEFORE = r"(?:vzw|VZW|v\.z\.w\.|cv|CV|cvba|bv|BV|nv|NV|ivzw)"
ORGANISATION_PHRASES = (
    re.compile(rf"(?P<name>\b{_FORM_BEFORE}[ \t]+{_NAME})"),
    re.compile(rf"(?P<name>{_NAME}[ \t]+(?:vzw|VZW|v\.z\.w\.|cv|CV|cvba|bv|BV|nv|NV|ivzw))\b"),
    re.compile(rf"(?P<name>\b(?:OCMW|CAW|CGG|CAD|Sociaal Huis|Lokaal bestuur|Gemeente|Stad)[ \t]+{_WORD}(?:-{_WORD})*)"),
    re.compile(rf"(?m)^(?P<name>{_NAME}) is een (?:vzw|organisatie|vereniging|sociale onderneming|coöperatie|burgerinitiatief)"),
)
LEGAL_WORDS = {"vzw", "v.z.w.", "cv", "cvba", "bv", "nv", "ivzw"}
_NOT_A_NAME = re.compile(r"(?i)^(contactpersoon|inleiding|context|doelgroep|aanpak|begroting|planning|partners?)\b")
TITLE_LINE = re.compile(
    r"(?im)^[ \t]*(?:titel(?: van het project)?|projecttitel|projectnaam|naam van het project|project)[ \t]*[:\-–]"
    r"[ \t]*(?P<title>[^\n\r]{3,160})$"
)
SUBJECT_NOISE = re.compile(
    r"(?i)^\s*((re|aw|antw|fw|fwd|tr|wg|doorst)\s*:\s*|\[[^\]]*\]\s*)+"
)
SUBJECT_LEADS = re.compile(
    r"(?i)^\s*((aangepaste|nieuwe|gecorrigeerde|herziene|definitieve|correctie)\s+(versie\s+)?)?"
    r"(kandidatuur|projectvoorstel|projectaanvraag|aanvraag|indiening|voorstel|inzending)\s*"
    r"(capacity building|lokaal partnerschap|haspengouw|oproep)?\s*[:\-–]?\s*"
)
QUESTION_WORDS = re.compile(r"(?i)(\?|\bvraag\b|\bvragen\b|\bmogen we\b|\bkunnen we\b|\bis het mogelijk\b|\bquestion\b)")
PROPOSAL_WORDS = re.compile(
    r"(?i)\b(doelgroep|begroting|budget|aanpak|planning|partners?|samenwerking|projectvoorstel|kandidatuur|"
    r"werkingsgebied|gemeenten?|trajectbegeleiding|activiteiten|doelstelling(en)?)\b"
)


def normalise_name(name: str | None) -> str | None:
    """Organisation identity for matching: no accents, case, punctuation or legal form."""
    if not name:
        return None
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(rf"\b{LEGAL_FORM}\b", " ", text)
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return text or None


def reference_in(text: str, prefix: str) -> str | None:
    match = re.search(rf"\b{re.escape(prefix)}-(\d{{3,}})\b", text or "", re.IGNORECASE)
    return f"{prefix}-{match.group(1)}" if match else None


def body_is_proposal(body: str) -> bool:
    """A proposal written in the mail body: long enough and shaped like a proposal, not a question."""
    words = len(body.split())
    hits = len(set(match.group(0).lower() for match in PROPOSAL_WORDS.finditer(body)))
    return words >= 350 or (words >= 150 and hits >= 3)


@dataclass(frozen=True)
class MessageFacts:
    """What classification needs to know about a parsed message and its surroundings."""

    unparseable: bool
    duplicate: bool
    auto_reply: bool
    spam: bool
    from_reviewer: bool
    has_sheet: bool
    answers_decision: bool  # In-Reply-To/References names one of our decision mails
    decision_sent_for_sender: bool  # a decision went to this sender or the reference in the subject
    has_documents: bool
    body: str


def classify(facts: MessageFacts) -> str:
    """The kind of a message; the order matters: a duplicate auto-reply is a duplicate."""
    if facts.unparseable:
        return "other"
    if facts.duplicate:
        return "duplicate"
    if facts.auto_reply:
        return "auto-reply"
    if facts.spam:
        return "spam"
    if facts.from_reviewer and facts.has_sheet:
        return "review-return"
    if facts.answers_decision or facts.decision_sent_for_sender:
        return "rebuttal"
    if facts.has_documents or body_is_proposal(facts.body):
        return "application"
    if facts.body.strip() and QUESTION_WORDS.search(facts.body + " "):
        return "question"
    return "other"


def guess_organisation(texts: list[str], sender_name: str | None, sender_domain: str | None,
                       public_domain: bool) -> tuple[str | None, str]:
    """(organisation, how it was found). Only 'labelled' and 'named' are trusted enough to link versions
    of one application by name; the sender's name or domain only describe."""
    for text in texts:
        match = ORGANISATION_LINE.search(text[:6000])
        if match and not _NOT_A_NAME.match(match.group("name").strip()):
            return _clean(match.group("name")), "labelled"
    for pattern in ORGANISATION_PHRASES:
        for text in texts:
            for match in pattern.finditer(text[:6000]):
                name = _clean(match.group("name"))
                words = name.split()
                first = words[1] if len(words) >= 2 and words[0].lower() in LEGAL_WORDS else words[0]
                if len(words) >= 2 and not _NOT_A_NAME.match(first):
                    return name, "named"
    if sender_name and re.search(rf"(?i)\b{LEGAL_FORM}\b", sender_name):
        return _clean(sender_name), "sender-name"
    if sender_domain and not public_domain:
        return sender_domain, "domain"
    return (sender_name or None), "sender-name"


def guess_title(texts: list[str], subject: str) -> str | None:
    for text in texts:
        match = TITLE_LINE.search(text[:6000])
        if match:
            return _clean(match.group("title"))
    cleaned = SUBJECT_LEADS.sub("", SUBJECT_NOISE.sub("", subject or "")).strip(" -–:\"'")
    return cleaned or None


def _clean(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip(" .,;:-–\"'“”")[:200]
