"""Synthetic call generator: a realistic mailbox for the Haspengouw call, with its ground truth.

`generate_call` writes `NNNN-<kind>.eml` files into an inbox, numbered in order of receipt, and
returns a `Manifest` that says, per file, what the pipeline should conclude (`kind`) and what the
generator put in (`expected`). `make bench` uses it for throughput runs, `callflow demo` to replay
a whole call; `generate_review_returns` and `generate_rebuttals` add the mails of later stages.

Determinism: the same arguments give byte-identical files. All randomness comes from
`random.Random` instances seeded with strings derived from `seed` (string seeds hash with SHA-512,
so they do not depend on PYTHONHASHSEED), documents are rendered by pure functions
(bench/generate_docs.py), and MIME boundaries, Message-IDs and dates are drawn from those seeds.
Documents are rendered in worker processes for large calls; that changes speed, not bytes.

Run `python -m bench.generate --inbox DIR --n 50 --seed 1` for a one-off corpus.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import random
import re
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from zoneinfo import ZoneInfo

from bench.generate_docs import (
    logo_colour,
    make_zip,
    render_budget_xlsx,
    render_docx,
    render_logo_png,
    render_pdf,
    render_photo_jpeg,
    render_scan_pdf,
    render_score_xlsx,
    render_simple_pdf,
)
from bench.generate_mail import (
    Attachment,
    delivered,
    message_id,
    receipt_headers,
    sender_hop,
    sender_message,
    serialise,
)
from bench.generate_text import (
    FILLER,
    SECTIONS,
    Organisation,
    OrganisationFactory,
    Person,
    Proposal,
    ascii_slug,
    build_proposal,
    dutch_date,
    make_person,
    proposal_plain_text,
)

KINDS = ("application", "resubmission", "duplicate", "late", "auto-reply", "question", "spam", "unparseable",
         "review-return", "rebuttal")
PASSWORD = "Haspengouw2023"
LAUNCH_MESSAGE_ID = "<oproep-capacity-building-haspengouw-2023@bijzig.be>"
MIME_PDF = "application/pdf"
MIME_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MIME_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Page counts of the text PDFs: most proposals are 4–8 pages, a few go long.
PAGE_WEIGHTS = {3: 8, 4: 14, 5: 16, 6: 15, 7: 13, 8: 10, 9: 8, 10: 6, 11: 4, 12: 3, 13: 2, 14: 1}
# Which required section an incomplete proposal lacks, by how often coordinators see it missing.
MISSING_WEIGHTS = {"begroting": 35, "planning": 25, "samenwerking": 20, "werkingsgebied": 12, "doelgroep": 8,
                   "organisatie": 4}


# --- public records ----------------------------------------------------------------------------


@dataclass(frozen=True)
class GeneratedMail:
    file: str              # file name under the inbox, e.g. "0001-application.eml"
    kind: str              # what the pipeline should conclude; one of KINDS
    received_at: datetime  # aware; the receipt time in the top Received: header of our server
    organisation: str | None
    sender: str            # the From address ("" when the file has none)
    expected: dict         # ground truth of the generator (JSON-serialisable)

    def to_dict(self) -> dict:
        return {"file": self.file, "kind": self.kind, "received_at": self.received_at.isoformat(),
                "organisation": self.organisation, "sender": self.sender, "expected": self.expected}

    @classmethod
    def from_dict(cls, data: dict) -> GeneratedMail:
        return cls(file=data["file"], kind=data["kind"], received_at=datetime.fromisoformat(data["received_at"]),
                   organisation=data["organisation"], sender=data["sender"], expected=data["expected"])


@dataclass(frozen=True)
class Manifest:
    mails: list[GeneratedMail]

    def to_json(self) -> str:
        return json.dumps({"mails": [m.to_dict() for m in self.mails]}, ensure_ascii=False, indent=1) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        return cls(mails=[GeneratedMail.from_dict(m) for m in json.loads(text)["mails"]])

    def write_manifest(self, path: str | Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.to_json(), encoding="utf-8")
        return path

    def counts(self) -> dict[str, int]:
        c = Counter(m.kind for m in self.mails)
        return {k: c[k] for k in KINDS if c[k]}

    def by_file(self) -> dict[str, GeneratedMail]:
        return {m.file: m for m in self.mails}


def write_manifest(manifest: Manifest, path: str | Path) -> Path:
    return manifest.write_manifest(path)


# --- planning ----------------------------------------------------------------------------------


@dataclass
class _Doc:
    spec: tuple            # argument tuple for render_spec (picklable)
    filename: str
    content_type: str
    role: str              # proposal | budget | annex
    fmt: str               # pdf | docx | xlsx | jpeg
    scanned: bool = False
    encrypted: bool = False
    data: bytes = b""
    pages: int | None = None


@dataclass
class _Event:
    kind: str
    received: datetime
    seq: int
    variant: str = "pdf"
    org: Organisation | None = None
    person: Person | None = None
    proposal: Proposal | None = None
    original: _Event | None = None
    seed: str = ""
    sent: datetime | None = None
    target: int = 5        # page budget of the proposal text
    docs: list[_Doc] = field(default_factory=list)
    file: str = ""
    # Filled during assembly, for events that others refer to (duplicates, redeliveries).
    raw: bytes = b""
    sender_bytes: bytes = b""
    message_id: str = ""
    expected: dict = field(default_factory=dict)


def render_spec(spec: tuple) -> tuple[bytes, int | None]:
    """Render one document from its spec; module-level so worker processes can run it."""
    what = spec[0]
    if what == "pdf":
        return render_pdf(spec[1], password=spec[2])
    if what == "docx":
        return render_docx(spec[1], spec[2]), None
    if what == "scan":
        return render_scan_pdf(spec[1], spec[2], spec[3])
    if what == "jpeg":
        return render_photo_jpeg(spec[1], spec[2]), 1
    if what == "xlsx":
        return render_budget_xlsx(spec[1], spec[2], spec[3]), None
    if what == "letter":
        return render_simple_pdf(*spec[1:])
    raise ValueError(f"unknown document spec {what!r}")


def _aware(value: datetime, tz: ZoneInfo) -> datetime:
    return value.replace(tzinfo=tz) if value.tzinfo is None else value.astimezone(tz)


class _CallBuilder:
    def __init__(self, *, seed: int, tz: ZoneInfo, launch: datetime, deadline: datetime, submit_to: str) -> None:
        self.seed = seed
        self.tz = tz
        self.launch = launch
        self.deadline = deadline
        self.submit_to = submit_to
        self.rng = random.Random(f"{seed}/plan")
        self.factory = OrganisationFactory(random.Random(f"{seed}/organisations"))
        self.events: list[_Event] = []
        self._seq = 0

    # time -------------------------------------------------------------------------------------

    def on_time(self, rng: random.Random) -> datetime:
        """A receipt time between launch and deadline, bunched in the last week and on the last
        evening, mostly in office hours, fewer at weekends (what calls like this one see)."""
        start = self.launch + timedelta(hours=8)
        end = self.deadline - timedelta(minutes=1)
        span = max((end - start).total_seconds() / 86400, 0.01)
        day = end.date()
        for _ in range(4):
            u = rng.random()
            if span > 15 and u < 0.12:
                before = rng.uniform(14, span)
            elif span > 8 and u < 0.30:
                before = rng.uniform(7, min(14, span))
            else:
                before = min(span, 7) * rng.random() ** 2
            day = (end - timedelta(days=before)).date()
            if day.weekday() < 5 or rng.random() < 0.4:
                break
        if day == end.date():
            hour = rng.uniform(8, 18) if rng.random() < 0.45 else rng.uniform(18, 24)
        elif rng.random() < 0.75:
            hour = min(max(rng.gauss(13, 2.6), 7.5), 18.5)
        else:
            hour = rng.uniform(19, 23.5)
        t = datetime(day.year, day.month, day.day, tzinfo=self.tz) + timedelta(hours=hour)
        if t > end:
            t = end - timedelta(minutes=rng.uniform(0, 90))
        if t < start:
            t = start + (end - start) * rng.random()
        return t.replace(microsecond=0)

    def sent_time(self, rng: random.Random, received: datetime) -> datetime:
        """The sender's Date: a little before receipt; a few clocks are minutes off either way."""
        u = rng.random()
        if u < 0.04:
            return received - timedelta(seconds=rng.randrange(300, 1500))
        if u < 0.07:
            return received + timedelta(seconds=rng.randrange(40, 200))
        return received - timedelta(seconds=rng.randrange(2, 90))

    # events -----------------------------------------------------------------------------------

    def add(self, ev: _Event) -> _Event:
        ev.seq = self._seq
        self._seq += 1
        self.events.append(ev)
        return ev

    def application(self, kind: str, variant: str, received: datetime, annex_rng: random.Random) -> _Event:
        org = self.factory.make()
        seed = f"{self.seed}/{kind}/{self._seq}"
        rng = random.Random(seed)
        sent = self.sent_time(rng, received)
        written = (sent - timedelta(days=rng.choice((0, 0, 1, 2, 5)))).date()
        missing: tuple[str, ...] = ()
        if rng.random() < 0.25:
            names = list(MISSING_WEIGHTS)
            first = rng.choices(names, weights=list(MISSING_WEIGHTS.values()))[0]
            missing = (first,)
            if rng.random() < 0.2:
                second = rng.choices(names, weights=list(MISSING_WEIGHTS.values()))[0]
                missing = tuple(s for s in SECTIONS if s in {first, second})
        compact = variant in ("scan", "body", "jpeg")
        target = rng.choices(list(PAGE_WEIGHTS), weights=list(PAGE_WEIGHTS.values()))[0]
        proposal = build_proposal(random.Random(seed + "/proposal"), org, written, target_pages=target,
                                  missing=missing, compact=compact)
        ev = self.add(_Event(kind=kind, received=received, seq=0, variant=variant, org=org, person=org.contact,
                             proposal=proposal, seed=seed, sent=sent, target=target))
        ev.docs = self._documents(ev, rng, annex_rng)
        return ev

    def _proposal_filename(self, rng: random.Random, p: Proposal, ext: str, version: str = "") -> str:
        org = p.organisation
        options = (
            f"Projectvoorstel {p.acronym}{version}.{ext}",
            f"Kandidatuur_{ascii_slug(org.short, '_')}{version}.{ext}",
            f"{org.short} - projectvoorstel Capacity Building{version}.{ext}",
            f"aanvraag_capacity_building_haspengouw_2023{version}.{ext}",
            f"Projectvoorstel {org.short} – {p.acronym}{version}.{ext}",   # en dash: RFC 2231 encoded
            f"Kandidatuur {org.name}{version}.{ext}",
        )
        return rng.choices(options, weights=(22, 18, 15, 10, 15, 20))[0]

    def _documents(self, ev: _Event, rng: random.Random, annex_rng: random.Random) -> list[_Doc]:
        p = ev.proposal
        assert p is not None and ev.sent is not None
        created = (ev.sent - timedelta(hours=rng.randrange(1, 60))).astimezone(ZoneInfo("UTC")).replace(tzinfo=None)
        v = ev.variant
        if v == "body":
            return []
        if v == "scan":
            stamp = ev.sent.strftime("%Y%m%d%H%M%S")
            name = rng.choice((f"Scan_{stamp[:8]}_{stamp[8:]}.pdf", f"SKM_C250i{stamp[2:]}.pdf", f"doc{rng.randrange(10**7, 10**8)}.pdf",
                               f"Kandidatuur {p.organisation.short} (scan).pdf"))
            mode = "bw" if rng.random() < 0.6 else "gray"
            return [_Doc(("scan", p, ev.seed, mode), name, MIME_PDF, "proposal", "pdf", scanned=True)]
        if v == "jpeg":
            # A phone photo saved with a .pdf name: the content type claims PDF, the bytes are JPEG.
            return [_Doc(("jpeg", p, ev.seed), self._proposal_filename(rng, p, "pdf"), MIME_PDF, "proposal", "jpeg")]
        if v == "encrypted":
            return [_Doc(("pdf", p, PASSWORD), self._proposal_filename(rng, p, "pdf"), MIME_PDF, "proposal", "pdf",
                         encrypted=True)]
        docs: list[_Doc] = []
        if v == "docx":
            docs.append(_Doc(("docx", p, created), self._proposal_filename(rng, p, "docx"), MIME_DOCX, "proposal", "docx"))
        else:
            docs.append(_Doc(("pdf", p, None), self._proposal_filename(rng, p, "pdf"), MIME_PDF, "proposal", "pdf"))
        u = annex_rng.random()
        if u < 0.12 and p.budget_rows:
            name = annex_rng.choice((f"Begroting {p.acronym}.xlsx", "budget.xlsx", f"Begroting_{ascii_slug(p.organisation.short, '_')}.xlsx"))
            docs.append(_Doc(("xlsx", p, created, annex_rng.random() < 0.5), name, MIME_XLSX, "budget", "xlsx"))
        elif u < 0.19:
            docs.append(self._annex_pdf(annex_rng, p))
        return docs

    def _annex_pdf(self, rng: random.Random, p: Proposal) -> _Doc:
        org = p.organisation
        if rng.random() < 0.6:
            partner = p.truth["partners"][0] if p.truth["partners"] else "het lokaal bestuur"
            signer = make_person(rng, "ocmw", None, True)
            body = [
                f"{org.place}, {dutch_date(p.written)}",
                "Geachte leden van het lokaal partnerschap,",
                f"Met deze brief bevestigen wij, {partner}, onze steun aan het projectvoorstel \u201c{p.title}\u201d "
                f"van {org.name}. Wij werken al geruime tijd samen en engageren ons om ook tijdens dit project "
                "deelnemers toe te leiden en deel te nemen aan de stuurgroep.",
                "Wij zijn ervan overtuigd dat dit project een meerwaarde betekent voor de regio.",
                f"Met vriendelijke groeten,\n{signer.name}",
            ]
            return _Doc(("letter", f"Steunbrief {partner}", body, signer.name, (), "Helvetica"),
                        f"Steunbrief {ascii_slug(partner, ' ').title()}.pdf", MIME_PDF, "annex", "pdf")
        filler = [FILLER[(i * 7 + len(org.name)) % len(FILLER)] for i in range(24)]
        paras = [" ".join(filler[i:i + 4]) for i in range(0, len(filler), 4)]
        table = (("Kerncijfers 2022", "Aantal"), ("Begeleide personen", str(40 + len(org.name) * 3)),
                 ("Vrijwilligers", str(org.volunteers)), ("Medewerkers", str(org.staff)))
        return _Doc(("letter", f"Jaarverslag 2022 — {org.name}", paras * 2, org.contact.name, table, "Times-Roman"),
                    "Jaarverslag 2022.pdf", MIME_PDF, "annex", "pdf")

    def plan(self, n: int, scans: float, extras: bool) -> None:
        rng = self.rng
        specials = ["body", "zip", "encrypted", "jpeg", "rfc822"][: n] if extras else []
        n_normal = n - len(specials)
        n_scan = min(n_normal, max(1, round(n * scans))) if scans > 0 and n_normal > 0 else 0
        rest = n_normal - n_scan
        n_docx = round(rest * 0.3)
        variants = specials + ["scan"] * n_scan + ["docx"] * n_docx + ["pdf"] * (rest - n_docx)
        rng.shuffle(variants)
        annex_rng = random.Random(f"{self.seed}/annexes")
        apps = [self.application("application", v, self.on_time(rng), annex_rng) for v in variants]
        if not extras:
            return
        d = self.deadline
        # Late: one sent 23:58 but received 00:01 (greylisting), one the next morning, more for big calls.
        late = self.application("late", "pdf", d + timedelta(seconds=120 + rng.randrange(0, 50)), annex_rng)
        late.sent = d - timedelta(seconds=60 - rng.randrange(0, 50))
        morning = d.replace(hour=0, minute=0, second=0) + timedelta(days=1, hours=8, minutes=rng.randrange(0, 150))
        self.application("late", rng.choice(("pdf", "docx")), morning, annex_rng)
        for _ in range(max(0, round(n * 0.015) - 2)):
            when = d + timedelta(minutes=rng.randrange(5, 3 * 24 * 60))
            self.application("late", rng.choice(("pdf", "pdf", "docx")), when.replace(microsecond=0), annex_rng)
        if apps:
            self._resubmissions(apps, max(1, round(n * 0.03)))
            self._duplicates(apps, max(1, round(n * 0.01)), 1 + n // 500)
            self._auto_replies(apps, max(1, round(n * 0.02)))
        self._questions(apps, max(1, round(n * 0.03)))
        for k in range(max(1, round(n * 0.004))):
            self.add(_Event("spam", self._anytime(rng), 0, variant=("phishing", "seo")[k % 2], seed=f"{self.seed}/spam/{k}"))
        self.add(_Event("unparseable", self._anytime(rng), 0, variant="random-bytes", seed=f"{self.seed}/junk/0"))
        self.add(_Event("unparseable", self._anytime(rng), 0, variant="truncated", seed=f"{self.seed}/junk/1"))

    def _anytime(self, rng: random.Random) -> datetime:
        return (self.launch + (self.deadline - self.launch) * rng.uniform(0.05, 0.98)).replace(microsecond=0)

    def _resubmissions(self, apps: list[_Event], count: int) -> None:
        rng = self.rng
        # Corrected versions come from applicants who learnt something was missing, early enough.
        # Prefer incomplete first versions sent at least two days before the deadline; a tiny call
        # falls back on anything sent an hour before it. A corrected version of an odd format
        # (photo, password, ZIP, …) comes as a plain document, as the acknowledgement asked.
        early = [a for a in apps if a.received < self.deadline - timedelta(days=2)]
        if len(early) < count:
            early = [a for a in apps if a.received < self.deadline - timedelta(hours=1)]
        early.sort(key=lambda a: (not a.proposal.truth["missing_sections"], a.variant not in ("pdf", "docx", "scan"),
                                  a.seq))
        for original in early[:count]:
            assert original.proposal is not None and original.sent is not None
            gap = min(timedelta(days=rng.uniform(0.2, 5)), (self.deadline - original.received) * 0.8)
            received = (original.received + gap).replace(microsecond=0)
            seed = f"{self.seed}/resubmission/{self._seq}"
            # The proposal's own seed replays the same first draws: same title, services, challenges
            # and municipalities; with nothing missing this time.
            proposal = build_proposal(random.Random(original.seed + "/proposal"), original.proposal.organisation,
                                      received.date(), target_pages=original.target, compact=False)
            rs = random.Random(seed)
            ev = self.add(_Event("resubmission", received, 0, variant="docx" if original.variant == "docx" else "pdf",
                                 org=original.org, person=original.person, proposal=proposal, original=original,
                                 seed=seed, sent=self.sent_time(rs, received)))
            ext = "docx" if ev.variant == "docx" else "pdf"
            name = self._proposal_filename(rs, proposal, ext, version=rs.choice((" v2", "_v2", " (aangepast)", "_DEF")))
            created = (ev.sent - timedelta(hours=1)).astimezone(ZoneInfo("UTC")).replace(tzinfo=None)
            spec = ("docx", proposal, created) if ext == "docx" else ("pdf", proposal, None)
            ev.docs = [_Doc(spec, name, MIME_DOCX if ext == "docx" else MIME_PDF, "proposal", ext)]

    def _duplicates(self, apps: list[_Event], exact: int, redelivered: int) -> None:
        rng = self.rng
        pool = [a for a in apps if a.variant in ("pdf", "docx")]
        if len(pool) < exact + redelivered:
            pool = list(apps)
        picks = rng.sample(pool, min(len(pool), exact + redelivered))
        for i, original in enumerate(picks):
            if i < exact:
                # The mailbox export holds the same delivery twice: same bytes, same time.
                self.add(_Event("duplicate", original.received, 0, variant="exact", original=original,
                                org=original.org, person=original.person, seed=f"{self.seed}/dup/{i}"))
            else:
                # A retried delivery: same message, same Message-ID, new trace headers minutes later.
                later = original.received + timedelta(seconds=rng.randrange(90, 1800))
                self.add(_Event("duplicate", later, 0, variant="redelivered", original=original,
                                org=original.org, person=original.person, seed=f"{self.seed}/dup/{i}"))

    def _auto_replies(self, apps: list[_Event], count: int) -> None:
        rng = self.rng
        pool = [a for a in apps if a.received < self.deadline - timedelta(hours=1)]
        for i, original in enumerate(rng.sample(pool, min(len(pool), count))):
            # The applicant's out-of-office answers our acknowledgement, sent by the next intake run.
            when = original.received + timedelta(minutes=rng.randrange(6, 25), seconds=rng.randrange(60))
            variant = "no-header" if i == 1 else ("english" if i % 4 == 3 else "dutch")
            self.add(_Event("auto-reply", when, 0, variant=variant, original=original, org=original.org,
                            person=original.person, seed=f"{self.seed}/auto/{i}"))

    def _questions(self, apps: list[_Event], count: int) -> None:
        rng = self.rng
        for i in range(count):
            # Questions come early: in the first weeks after the launch.
            when = self.launch + (self.deadline - self.launch) * (rng.random() ** 1.8) * 0.9
            when = when.replace(hour=rng.randrange(8, 21), minute=rng.randrange(60), second=rng.randrange(60),
                                microsecond=0)
            when = min(max(when, self.launch + timedelta(hours=1)), self.deadline - timedelta(hours=1))
            future = [a for a in apps if a.received > when]
            if future and rng.random() < 0.5:
                org = rng.choice(future).org
            else:
                org = self.factory.make()
            assert org is not None
            self.add(_Event("question", when, 0, variant=str(i % len(QUESTIONS)), org=org, person=org.contact,
                            seed=f"{self.seed}/question/{i}"))


# --- mail texts --------------------------------------------------------------------------------

QUESTIONS = (
    ("Vraag over de oproep: mogen we met twee organisaties samen indienen?",
     "Wij overwegen om samen met een partnerorganisatie één gezamenlijk voorstel in te dienen. Mag dat, en wie "
     "treedt dan op als aanvrager?"),
    ("Vraag i.v.m. de begroting",
     "Mogen overheadkosten in de begroting worden opgenomen, en zo ja, tot welk percentage van het totaal?"),
    ("Is er een sjabloon voor het projectvoorstel?",
     "Is er een vast sjabloon of aanvraagformulier dat we moeten gebruiken, of mogen we zelf een document opmaken?"),
    ("Welke gemeenten vallen onder het werkingsgebied?",
     "Klopt het dat enkel de zes gemeenten uit het addendum tot het werkingsgebied behoren, of kunnen we ook "
     "deelnemers uit Borgloon begeleiden?"),
    ("Vraag over de deadline",
     "Telt voor de deadline van 1 juni om 23u59 het moment van verzending of het moment van ontvangst?"),
    ("Mag de kandidatuur in Word?", "Mogen we ons voorstel als Word-document indienen, of moet het een PDF zijn?"),
    ("Infosessie oproep Capacity Building?",
     "Wordt er nog een infosessie georganiseerd over de oproep? We hebben nog enkele vragen over de persona's."),
)
GREETINGS = ("Beste,", "Geachte,", "Geachte heer Mommeyer,", "Dag Wim,", "Beste Wim,", "Goeiedag,", "Beste heer, mevrouw,")
CLOSINGS = ("Met vriendelijke groeten,", "Vriendelijke groeten,", "Met vriendelijke groet,", "Groeten,", "Hartelijke groeten,")
DISCLAIMER = ("Dit e-mailbericht en eventuele bijlagen zijn vertrouwelijk en uitsluitend bestemd voor de "
              "geadresseerde(n). Hebt u dit bericht per vergissing ontvangen, verwittig dan de afzender en verwijder "
              "het bericht.")


def _signature(org: Organisation, person: Person, rng: random.Random) -> str:
    lines = [person.name, person.role.capitalize(), org.name]
    if rng.random() < 0.6:
        lines.append(f"{org.street}, {org.place}")
    lines.append(person.phone)
    if org.domain and rng.random() < 0.6:
        lines.append(f"www.{org.domain}")
    return "\n".join(lines)


def _cover_letter(ev: _Event, rng: random.Random, docs: list[_Doc]) -> str:
    org, person, p = ev.org, ev.person, ev.proposal
    assert org is not None and person is not None and p is not None
    if rng.random() < 0.08:
        return f"Beste,\n\nZie bijlage.\n\nGroeten,\n{person.first}\n"
    opening = rng.choice((
        "In bijlage vindt u onze kandidatuur voor de oproep Capacity Building Lokale Partnerschappen, werkingsregio "
        "Haspengouw.",
        f"Hierbij bezorgen wij u ons projectvoorstel \u201c{p.title}\u201d voor de oproep van het lokaal partnerschap "
        "Haspengouw.",
        f"In bijlage vindt u de kandidatuur van {org.name} voor het project \u201c{p.title}\u201d.",
        "Zoals aangekondigd sturen we u hierbij ons projectvoorstel voor de oproep Capacity Building.",
    ))
    parts = [rng.choice(GREETINGS), opening]
    if any(d.role == "budget" for d in docs):
        parts.append("De begroting zit als apart Excel-bestand in bijlage.")
    if any(d.role == "annex" for d in docs):
        parts.append("Als extra bijlage voegen we nog een document toe ter ondersteuning van onze kandidatuur.")
    parts.append(rng.choice((
        f"Mocht u nog vragen hebben, dan kunt u mij steeds bereiken op {person.phone}.",
        "Graag ontvangen we een bevestiging van ontvangst.",
        "Alvast bedankt voor de ontvangstbevestiging.",
        "We kijken uit naar uw reactie.",
    )))
    text = "\n\n".join(parts) + f"\n\n{rng.choice(CLOSINGS)}\n\n{_signature(org, person, rng)}\n"
    if org.client == "apple" and rng.random() < 0.5:
        text += "\nVerzonden vanaf mijn iPhone\n"
    elif org.client == "outlook" and rng.random() < 0.3:
        text += f"\n{DISCLAIMER}\n"
    return text


def _subject(ev: _Event, rng: random.Random) -> str:
    org, p = ev.org, ev.proposal
    assert org is not None and p is not None
    return rng.choices((
        f"Kandidatuur {p.title}",
        f"Kandidatuur Capacity Building Haspengouw – {org.name}",
        f"Projectvoorstel {org.short}",
        "Kandidatuur oproep lokaal partnerschap Haspengouw",
        f"indiening kandidatuur {p.acronym}",
        f"Capacity Building: kandidatuur {org.name}",
    ), weights=(25, 25, 15, 15, 10, 10))[0]


def _dutch_when(dt: datetime) -> str:
    return f"{dutch_date(dt.date())} {dt.strftime('%H:%M')}"


# --- assembly ----------------------------------------------------------------------------------


class _Assembler:
    def __init__(self, b: _CallBuilder) -> None:
        self.b = b
        self.tz = b.tz

    def _deliver(self, ev: _Event, rng: random.Random, msg: EmailMessage, envelope_from: str, server: str,
                 client: str, crlf: bool = False) -> bytes:
        ev.sender_bytes = serialise(msg, crlf)
        assert ev.sent is not None
        hop = sender_hop(rng, server, client, ev.sent, self.tz)
        trace = receipt_headers(rng, envelope_from=envelope_from, org_server=server.split(" ")[0],
                                received=ev.received, tz=self.tz, rcpt=self.b.submit_to)
        return delivered(trace, hop, ev.sender_bytes, crlf)

    def _base_expected(self, ev: _Event, subject: str | None, attachments: list[dict]) -> dict:
        assert ev.sent is not None
        return {"message_id": ev.message_id, "subject": subject, "date_header": ev.sent.isoformat(),
                "attachments": attachments}

    def _logo(self, org: Organisation) -> bytes:
        return render_logo_png(org.short, logo_colour(org.name))

    @staticmethod
    def _doc_record(d: _Doc) -> dict:
        return {"filename": d.filename, "content_type": d.content_type, "role": d.role, "format": d.fmt,
                "pages": d.pages, "scanned": d.scanned, "encrypted": d.encrypted,
                "sha256": hashlib.sha256(d.data).hexdigest(), "size": len(d.data)}

    def application(self, ev: _Event) -> tuple[bytes, dict]:
        if ev.kind == "resubmission" and ev.original is not None and ev.original.expected.get("forwarded_by"):
            # Whoever sent the first version sends the corrected one.
            assert ev.org is not None
            ev.person = ev.org.colleague
        org, person, p = ev.org, ev.person, ev.proposal
        assert org is not None and person is not None and p is not None and ev.sent is not None
        rng = random.Random(ev.seed + "/mail")
        domain = person.email.split("@", 1)[1]
        ev.message_id = message_id(rng, org.client, domain)
        docs = ev.docs
        attachments = [Attachment(d.filename, d.content_type, d.data) for d in docs]
        records = [self._doc_record(d) for d in docs]
        subject = _subject(ev, rng)
        text = _cover_letter(ev, rng, docs)
        extra: dict = {}
        in_reply_to = None
        from_person = person
        to = self.b.submit_to
        v = ev.variant
        if ev.kind == "resubmission":
            assert ev.original is not None and ev.original.proposal is not None
            missing = ev.original.proposal.truth["missing_sections"]
            subject = f"Aangepaste versie kandidatuur {p.title}"
            reason = (f"merkten we dat het onderdeel \u2018{missing[0]}\u2019 ontbrak in ons voorstel"
                      if missing else "hebben we nog enkele verbeteringen aangebracht")
            text = (f"{rng.choice(GREETINGS)}\n\nNa uw ontvangstbevestiging {reason}. In bijlage vindt u de aangepaste "
                    f"versie van ons projectvoorstel; deze vervangt de versie die we op "
                    f"{dutch_date(ev.original.received.date())} bezorgden.\n\n{rng.choice(CLOSINGS)}\n\n"
                    f"{_signature(org, person, rng)}\n")
        elif v == "body":
            subject = f"Kandidatuur {p.title}"
            text = (f"{rng.choice(GREETINGS)}\n\nHieronder vindt u ons projectvoorstel voor de oproep Capacity Building "
                    f"Lokale Partnerschappen, werkingsregio Haspengouw.\n\n{proposal_plain_text(p)}\n"
                    f"{rng.choice(CLOSINGS)}\n\n{_signature(org, person, rng)}\n")
            extra["body_only"] = True
        elif v == "encrypted":
            text = text.replace("\n\n", f"\n\nHet document is beveiligd. Het wachtwoord is: {PASSWORD}\n\n", 1)
            extra["password"] = PASSWORD
        elif v == "zip":
            members = [(d.filename, d.data) for d in docs]
            zip_name = f"Kandidatuur {org.short}.zip"
            ctype = "application/x-zip-compressed" if org.client == "outlook" else "application/zip"
            data = make_zip(members, ev.sent.astimezone(self.tz).replace(tzinfo=None))
            attachments = [Attachment(zip_name, ctype, data)]
            records = [{"filename": zip_name, "content_type": ctype, "role": "archive", "format": "zip",
                        "pages": None, "scanned": False, "encrypted": False,
                        "sha256": hashlib.sha256(data).hexdigest(), "size": len(data), "members": records}]
        elif v == "jpeg":
            extra["mislabelled"] = {"claimed": MIME_PDF, "actual": "image/jpeg"}
        elif v == "rfc822":
            # Sent to a mistyped address first, then forwarded as an attachment to the right one.
            inner_sent = ev.sent - timedelta(days=1, minutes=rng.randrange(0, 600))
            inner = sender_message(rng=rng, client=org.client, from_name=person.name, from_addr=person.email,
                                   to="info@bijzig.com", subject=subject, date=inner_sent,
                                   msg_id=message_id(rng, org.client, domain), text=text,
                                   attachments=tuple(attachments))
            eml_name = f"{subject[:60]}.eml"
            attachments = [Attachment(eml_name, "message/rfc822", message=inner)]
            records = [{"filename": eml_name, "content_type": "message/rfc822", "role": "forwarded-message",
                        "format": "eml", "pages": None, "scanned": False, "encrypted": False,
                        "nested": records, "inner_date_header": inner_sent.isoformat()}]
            text = (f"{rng.choice(GREETINGS)}\n\nGisteren stuurden we onze kandidatuur per vergissing naar "
                    "info@bijzig.com. Ik stuur de oorspronkelijke mail hierbij als bijlage door.\n\n"
                    f"{rng.choice(CLOSINGS)}\n\n{_signature(org, person, rng)}\n")
            subject = f"Fwd: {subject}"
            extra["forwarded_as_attachment"] = True
        elif ev.kind == "application" and rng.random() < 0.05:
            # Forwarded inline by a colleague: the colleague is the sender, the text is quoted.
            from_person = org.colleague
            quoted = "\n".join(f"> {line}" if line else ">" for line in text.splitlines())
            text = (f"Beste,\n\nIk stuur de kandidatuur van mijn collega {person.name} nog eens door, want "
                    f"zij/hij is vandaag afwezig.\n\n{from_person.first}\n\n---------- Doorgestuurd bericht ---------\n"
                    f"Van: {person.name} <{person.email}>\nDatum: {_dutch_when(ev.sent - timedelta(hours=3))}\n"
                    f"Onderwerp: {subject}\nAan: {from_person.email}\n\n{quoted}\n")
            subject = f"Fwd: {subject}"
            extra["forwarded_by"] = from_person.email
        elif ev.kind == "application" and rng.random() < 0.05:
            subject = "RE: Oproep Capacity Building Lokale Partnerschappen – Haspengouw"
            in_reply_to = LAUNCH_MESSAGE_ID
            text += ("\n-----Oorspronkelijk bericht-----\nVan: Lokaal Partnerschap Haspengouw <info@bijzig.be>\n"
                     "Onderwerp: Oproep Capacity Building Lokale Partnerschappen – Haspengouw\n\n"
                     "> Beste partner,\n> Vanaf vandaag kunt u een kandidatuur indienen voor de oproep Capacity "
                     "Building.\n> U dient uw kandidatuur voor 1 juni 2023 om 23u59 in via info@bijzig.be.\n")
        elif ev.kind == "application" and rng.random() < 0.01:
            subject = None
        cc = org.colleague.email if rng.random() < 0.12 else None
        logo = self._logo(org) if org.client == "outlook" and org.domain and rng.random() < 0.3 else None
        msg = sender_message(rng=rng, client=org.client, from_name=from_person.name, from_addr=from_person.email,
                             to=to, subject=subject, date=ev.sent, msg_id=ev.message_id, text=text,
                             html=org.client != "webmail" or rng.random() < 0.5, attachments=tuple(attachments),
                             logo=logo, cc=cc, in_reply_to=in_reply_to)
        raw = self._deliver(ev, rng, msg, from_person.email, org.mail_server, org.client,
                            crlf=rng.random() < 0.1)
        expected = self._base_expected(ev, subject, records)
        expected.update({
            "organisation_type": org.kind, "contact": person.name, "contact_email": person.email,
            "organisation_municipality": org.municipality, "format": v,
            "scanned": any(d.scanned for d in docs), "encrypted": any(d.encrypted for d in docs),
            "late": ev.kind == "late", "body_only": False, "inline_images": ["image001.png"] if logo else [],
        })
        expected.update(p.truth)
        expected.update(extra)
        if ev.kind == "resubmission" and ev.original is not None:
            expected["supersedes"] = ev.original.file
        return raw, expected

    def duplicate(self, ev: _Event) -> tuple[bytes, dict]:
        o = ev.original
        assert o is not None
        ev.message_id, ev.sent = o.message_id, o.sent
        expected = dict(self._base_expected(o, o.expected["subject"], o.expected["attachments"]))
        expected.update({"duplicate_of": o.file, "same_bytes": ev.variant == "exact"})
        if ev.variant == "exact":
            return o.raw, expected
        rng = random.Random(ev.seed)
        assert o.org is not None and o.sent is not None
        trace = receipt_headers(rng, envelope_from=o.expected.get("forwarded_by") or o.person.email,
                                org_server=o.org.mail_server, received=ev.received, tz=self.tz, rcpt=self.b.submit_to)
        hop = sender_hop(rng, o.org.mail_server, o.org.client, o.sent, self.tz)
        crlf = b"\r\n" in o.sender_bytes[:200]
        return delivered(trace, hop, o.sender_bytes, crlf), expected

    def auto_reply(self, ev: _Event) -> tuple[bytes, dict]:
        o, org, person = ev.original, ev.org, ev.person
        assert o is not None and org is not None and person is not None
        rng = random.Random(ev.seed)
        ev.sent = ev.received - timedelta(seconds=rng.randrange(1, 20))
        back = ev.received + timedelta(days=rng.randrange(3, 15))
        if ev.variant == "english":
            subject = "Automatic reply: Ontvangstbevestiging van uw kandidatuur"
            text = (f"Thank you for your email. I am out of the office until {back.strftime('%d %B')} with limited "
                    f"access to email. For urgent matters, please contact {org.colleague.email}.\n")
        else:
            subject = rng.choice(("Automatisch antwoord: Ontvangstbevestiging van uw kandidatuur",
                                  "Afwezigheidsmelding: Ontvangstbevestiging kandidatuur",
                                  "Afwezig: Ontvangstbevestiging van uw kandidatuur"))
            text = (f"Beste,\n\nIk ben afwezig tot en met {dutch_date(back.date())} en lees mijn mails niet. Uw bericht "
                    f"wordt niet doorgestuurd. Voor dringende vragen kunt u terecht bij {org.colleague.name} "
                    f"({org.colleague.email}).\n\nMet vriendelijke groeten,\n{person.name}\n")
        headers: tuple[tuple[str, str], ...] = ()
        if ev.variant != "no-header":
            headers = (("Auto-Submitted", "auto-replied"), ("X-Auto-Response-Suppress", "All"))
        else:
            # Older systems only mark the subject and Precedence; the pipeline must still notice.
            subject = f"Out of office - {person.name}"
            headers = (("Precedence", "bulk"),)
        ev.message_id = message_id(rng, org.client, person.email.split("@", 1)[1])
        msg = sender_message(rng=rng, client=org.client, from_name=person.name, from_addr=person.email,
                             to=f"Lokaal Partnerschap Haspengouw <{self.b.submit_to}>", subject=subject, date=ev.sent,
                             msg_id=ev.message_id, text=text, html=False, extra_headers=headers)
        raw = self._deliver(ev, rng, msg, "", org.mail_server, org.client)
        expected = self._base_expected(ev, subject, [])
        expected.update({"in_response_to_file": o.file, "auto_submitted_header": ev.variant != "no-header",
                         "language": "en" if ev.variant == "english" else "nl"})
        return raw, expected

    def question(self, ev: _Event) -> tuple[bytes, dict]:
        org, person = ev.org, ev.person
        assert org is not None and person is not None
        rng = random.Random(ev.seed)
        ev.sent = self.b.sent_time(rng, ev.received)
        subject, question = QUESTIONS[int(ev.variant)]
        text = (f"{rng.choice(GREETINGS)}\n\nWij zijn van plan een kandidatuur in te dienen voor de oproep Capacity "
                f"Building in Haspengouw. {question}\n\nAlvast bedankt voor uw antwoord.\n\n{rng.choice(CLOSINGS)}\n\n"
                f"{_signature(org, person, rng)}\n")
        ev.message_id = message_id(rng, org.client, person.email.split("@", 1)[1])
        msg = sender_message(rng=rng, client=org.client, from_name=person.name, from_addr=person.email,
                             to=self.b.submit_to, subject=subject, date=ev.sent, msg_id=ev.message_id, text=text)
        raw = self._deliver(ev, rng, msg, person.email, org.mail_server, org.client)
        expected = self._base_expected(ev, subject, [])
        expected["question"] = question
        return raw, expected

    def spam(self, ev: _Event) -> tuple[bytes, dict]:
        rng = random.Random(ev.seed)
        ev.sent = ev.received - timedelta(seconds=rng.randrange(1, 30))
        if ev.variant == "phishing":
            sender, name, server = "support@mailbox-quota-alert.top", "IT Helpdesk", "vps-5f2a.mailbox-quota-alert.top"
            subject = "Uw mailbox is bijna vol – actie vereist"
            text = ("Beste gebruiker,\n\nUw mailbox info@bijzig.be heeft 98% van de opslagruimte bereikt. Nieuwe "
                    "berichten worden binnen 24 uur geweigerd.\nKlik op de onderstaande link om uw account te "
                    "verifiëren en gratis extra opslag te activeren:\n\n"
                    "http://mailbox-quota-alert.top/verify?u=info%40bijzig.be\n\nIT Helpdesk\n")
        else:
            sender, name, server = "james@rank-first-seo.biz", "James Miller", "mail.rank-first-seo.biz"
            subject = "Get your website on Google page 1"
            text = ("Hello,\n\nI was checking bijzig.be and noticed it is not ranking for important keywords. We can "
                    "bring your website to the first page of Google within 30 days for only $199.\n\nReply YES for a "
                    "free audit.\n\nJames\n")
        ev.message_id = message_id(rng, "webmail", server.split(".", 1)[1])
        msg = sender_message(rng=rng, client="webmail", from_name=name, from_addr=sender,
                             to="undisclosed-recipients:;", subject=subject, date=ev.sent, msg_id=ev.message_id,
                             text=text)
        raw = self._deliver(ev, rng, msg, sender, server, "webmail")
        return raw, self._base_expected(ev, subject, [])

    def unparseable(self, ev: _Event) -> tuple[bytes, dict]:
        rng = random.Random(ev.seed)
        if ev.variant == "random-bytes":
            # A file that is no mail at all (a sync tool's temp file that ended up in the inbox).
            data = bytes([0x89, 0x00, 0xFF, 0xFE]) + rng.randbytes(rng.randrange(3000, 9000))
            return data, {"reason": "random-bytes", "attachments": []}
        # The delivery was cut off mid-header: a Received: line and nothing else.
        trace = receipt_headers(rng, envelope_from="", org_server="mail.example-vzw.be", received=ev.received,
                                tz=self.tz, rcpt=self.b.submit_to)
        head = trace.encode("ascii")
        return head[: len(head) - rng.randrange(8, 20)], {"reason": "truncated-headers", "attachments": []}


def _render_all(specs: list[tuple], workers: int) -> Iterator[tuple[bytes, int | None]]:
    """Render documents in order; lazily, so the caller assembles mails while workers render."""
    if workers <= 1 or len(specs) < 40:
        yield from map(render_spec, specs)
        return
    # fork is cheap and inherits imported reportlab/PIL, but is unsafe when other threads hold
    # locks (e.g. inside a Prefect flow): use spawn there.
    method = "fork" if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method)) as pool:
        yield from pool.map(render_spec, specs, chunksize=max(1, min(8, len(specs) // (workers * 16))))


def _next_number(inbox: Path) -> int:
    numbers = [int(m.group(1)) for f in inbox.glob("*.eml") if (m := re.match(r"(\d{4,})-", f.name))]
    return max(numbers, default=0) + 1


def _write(inbox: Path, name: str, data: bytes, when: datetime) -> None:
    path = inbox / name
    path.write_bytes(data)
    # Delivery agents stamp the file with the receipt time; some readers fall back on it.
    ts = int(when.timestamp())
    os.utime(path, (ts, ts))


def generate_call(
    inbox: Path,
    n_applications: int,
    *,
    seed: int = 2023,
    timezone: str = "Europe/Brussels",
    launch: datetime,
    deadline: datetime,
    submit_to: str = "info@bijzig.be",
    scans: float = 0.03,
    extras: bool = True,
    workers: int | None = None,
) -> Manifest:
    """Write a realistic call mailbox into `inbox` and return its manifest.

    `n_applications` is the number of on-time first submissions (kind "application"); with
    `extras` the special cases (late, resubmission, duplicate, auto-reply, question, spam,
    unparseable, and applications with unusual formats) are added in proportion to it, at least one
    each. Naive `launch`/`deadline` are read in `timezone`. `workers` processes render documents
    (default: up to 4 for big calls); the bytes do not depend on it.
    """
    if n_applications < 0:
        raise ValueError("n_applications must be >= 0")
    if not 0 <= scans <= 1:
        raise ValueError("scans is a fraction between 0 and 1")
    tz = ZoneInfo(timezone)
    launch, deadline = _aware(launch, tz), _aware(deadline, tz)
    if deadline <= launch:
        raise ValueError("deadline must be after launch")
    inbox = Path(inbox)
    inbox.mkdir(parents=True, exist_ok=True)
    existing = sorted(f.name for f in inbox.iterdir() if re.match(r"\d{4,}-", f.name))
    if existing:
        raise FileExistsError(f"{inbox} already holds generated mail ({existing[0]} …); use an empty inbox")

    builder = _CallBuilder(seed=seed, tz=tz, launch=launch, deadline=deadline, submit_to=submit_to)
    builder.plan(n_applications, scans, extras)
    events = sorted(builder.events, key=lambda e: (e.received, e.seq))
    for i, ev in enumerate(events, start=1):
        ev.file = f"{i:04d}-{ev.kind}.eml"

    docs = [d for ev in events for d in ev.docs]
    if workers is None:
        workers = min(os.cpu_count() or 1, 4) if len(docs) >= 80 else 1
    rendered = _render_all([d.spec for d in docs], workers)

    asm = _Assembler(builder)
    mails: list[GeneratedMail] = []
    # Duplicates reuse their original's bytes; every other mail's bytes are dropped once written.
    referenced = {id(ev.original) for ev in events if ev.kind == "duplicate"}
    for ev in events:
        for d in ev.docs:
            d.data, d.pages = next(rendered)
        if ev.kind in ("application", "late", "resubmission"):
            raw, expected = asm.application(ev)
        elif ev.kind == "duplicate":
            raw, expected = asm.duplicate(ev)
        elif ev.kind == "auto-reply":
            raw, expected = asm.auto_reply(ev)
        elif ev.kind == "question":
            raw, expected = asm.question(ev)
        elif ev.kind == "spam":
            raw, expected = asm.spam(ev)
        else:
            raw, expected = asm.unparseable(ev)
        ev.raw, ev.expected = raw, expected
        _write(inbox, ev.file, raw, ev.received)
        sender = ""
        if ev.kind == "spam":
            sender = "support@mailbox-quota-alert.top" if ev.variant == "phishing" else "james@rank-first-seo.biz"
        elif ev.person is not None and ev.kind != "unparseable":
            sender = expected.get("forwarded_by") or ev.person.email
        mails.append(GeneratedMail(file=ev.file, kind=ev.kind, received_at=ev.received,
                                   organisation=ev.org.name if ev.org and ev.kind != "spam" else None,
                                   sender=sender, expected=expected))
        for d in ev.docs:
            d.data = b""
        if id(ev) not in referenced:
            ev.raw = ev.sender_bytes = b""
    return Manifest(mails=mails)


# --- later stages: review returns and rebuttals ------------------------------------------------


def _client_for(address: str) -> tuple[str, str]:
    """(client style, outgoing server) for a sender we only know by address."""
    domain = address.split("@", 1)[1]
    if domain == "gmail.com":
        return "gmail", "mail-wr1-f54.google.com"
    if domain in ("hotmail.com", "outlook.be", "outlook.com"):
        return "outlook", "EUR05-AM6-obe.outbound.protection.outlook.com"
    return "outlook", f"mail.{domain}"


def _deliver_simple(rng: random.Random, msg: EmailMessage, *, envelope_from: str, client: str, server: str,
                    sent: datetime, received: datetime, tz: ZoneInfo, submit_to: str) -> bytes:
    hop = sender_hop(rng, server, client, sent, tz)
    trace = receipt_headers(rng, envelope_from=envelope_from, org_server=server, received=received, tz=tz,
                            rcpt=submit_to)
    return delivered(trace, hop, serialise(msg))


def generate_review_returns(
    inbox: Path,
    reviewers: list[tuple[str, str]],
    assignments: dict[str, list[str]],
    received_at: datetime,
    criteria: list[str],
    *,
    timezone: str = "Europe/Brussels",
    submit_to: str = "info@bijzig.be",
) -> list[GeneratedMail]:
    """Mails from reviewers returning a filled scoring sheet (xlsx: Referentie + one column per
    criterion, scores 1–5). Files continue the inbox's numbering; the last reviewer's mail arrives
    at `received_at`, the others in the hour before it (none later). Scores are seeded by the
    reviewer's address, so the same inputs give the same sheets."""
    tz = ZoneInfo(timezone)
    received_at = _aware(received_at, tz)
    inbox = Path(inbox)
    inbox.mkdir(parents=True, exist_ok=True)
    number = _next_number(inbox)
    active = [(name, address) for name, address in reviewers if assignments.get(address)]
    mails: list[GeneratedMail] = []
    for i, (name, address) in enumerate(active):
        rng = random.Random(f"review/{address}")
        received = (received_at - timedelta(minutes=7 * (len(active) - 1 - i), seconds=rng.randrange(0, 50)
                                            if i < len(active) - 1 else 0)).replace(microsecond=0)
        sent = received - timedelta(seconds=rng.randrange(2, 60))
        refs = list(assignments[address])
        scores = {ref: {c: rng.choices((1, 2, 3, 4, 5), weights=(5, 15, 35, 30, 15))[0] for c in criteria}
                  for ref in refs}
        created = (sent - timedelta(hours=rng.randrange(1, 30))).astimezone(ZoneInfo("UTC")).replace(tzinfo=None)
        data = render_score_xlsx(name, criteria, scores, created)
        filename = rng.choice((f"Scores {name}.xlsx", f"Beoordeling_{ascii_slug(name, '_')}.xlsx",
                               "scoreformulier ingevuld.xlsx"))
        subject = rng.choice((f"Scores schriftelijke beoordeling – {name}", "Ingevuld scoreformulier",
                              "RE: Beoordelingspakket Capacity Building Haspengouw"))
        text = (f"Beste Wim,\n\nIn bijlage vind je mijn scores voor de {len(refs)} voorstellen die mij werden "
                f"toegewezen ({', '.join(refs)}).\n\nGroeten,\n{name}\n")
        client, server = _client_for(address)
        msg_id = message_id(rng, client, address.split("@", 1)[1])
        msg = sender_message(rng=rng, client=client, from_name=name, from_addr=address, to=submit_to,
                             subject=subject, date=sent, msg_id=msg_id, text=text,
                             attachments=(Attachment(filename, MIME_XLSX, data),))
        raw = _deliver_simple(rng, msg, envelope_from=address, client=client, server=server, sent=sent,
                              received=received, tz=tz, submit_to=submit_to)
        file = f"{number:04d}-review-return.eml"
        number += 1
        _write(inbox, file, raw, received)
        record = {"filename": filename, "content_type": MIME_XLSX, "role": "scores", "format": "xlsx",
                  "pages": None, "scanned": False, "encrypted": False, "sha256": hashlib.sha256(data).hexdigest(),
                  "size": len(data)}
        mails.append(GeneratedMail(file=file, kind="review-return", received_at=received, organisation=None,
                                   sender=address, expected={
                                       "message_id": msg_id, "subject": subject, "date_header": sent.isoformat(),
                                       "attachments": [record], "reviewer": address, "criteria": list(criteria),
                                       "scores": scores}))
    return mails


REBUTTAL_TEXT = (
    "Wij hebben de beslissing over onze kandidatuur goed ontvangen. Graag maken we gebruik van de mogelijkheid om "
    "een weerwoord in te dienen. Volgens ons werd onvoldoende rekening gehouden met de samenwerking die we al "
    "hebben met het OCMW en met de ervaring van ons team met de doelgroep. Ook de begroting werd volgens ons "
    "verkeerd gelezen: de personeelskosten zijn gespreid over twee jaar.\n\nWe vragen de jury om ons voorstel "
    "opnieuw te bekijken."
)


def generate_rebuttals(
    inbox: Path,
    decisions: list[tuple[str, str, str, datetime]],
    seed: int,
    *,
    timezone: str = "Europe/Brussels",
    submit_to: str = "info@bijzig.be",
    window_days: int = 14,
) -> list[GeneratedMail]:
    """Replies to decision mails ('weerwoord'). `decisions` holds (reference, applicant address,
    decision Message-ID, time the decision was sent). With four or more decisions there is always
    one threaded reply (In-Reply-To/References, "Re:"), one new mail with the reference in the
    subject, one with neither (matched only by sender) and one late reply (after 23:59 on the
    `window_days`th day after the decision mail); about a quarter of the rest reply too."""
    tz = ZoneInfo(timezone)
    inbox = Path(inbox)
    inbox.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"{seed}/rebuttals")
    order = list(range(len(decisions)))
    rng.shuffle(order)
    plan: list[tuple[int, str, bool]] = []
    for k, idx in enumerate(order):
        if k < 4:
            plan.append((idx, ("thread", "subject", "sender", "thread")[k], k == 3))
        elif rng.random() < 0.25:
            plan.append((idx, rng.choice(("thread", "thread", "subject", "sender")), False))
    events = []
    for idx, match, late in plan:
        reference, address, decision_id, sent_at = decisions[idx]
        sent_at = _aware(sent_at, tz)
        close_day = sent_at.date() + timedelta(days=window_days)
        closes = datetime(close_day.year, close_day.month, close_day.day, 23, 59, tzinfo=tz)
        r = random.Random(f"{seed}/rebuttal/{reference}")
        if late:
            received = closes + timedelta(hours=r.uniform(9, 30))
        else:
            received = sent_at + (closes - sent_at) * r.uniform(0.05, 0.9)
        events.append((received.replace(microsecond=0), idx, reference, address, decision_id, sent_at, closes, match,
                       late, r))
    events.sort(key=lambda e: (e[0], e[1]))
    number = _next_number(inbox)
    mails: list[GeneratedMail] = []
    for received, _, reference, address, decision_id, sent_at, closes, match, late, r in events:
        sent = received - timedelta(seconds=r.randrange(2, 90))
        local = address.split("@", 1)[0]
        name = " ".join(part.capitalize() for part in re.split(r"[._]", local) if part.isalpha()) or local
        attachments: tuple[Attachment, ...] = ()
        records: list[dict] = []
        in_reply_to = None
        if match == "thread":
            subject = "Re: Beslissing over uw kandidatuur"
            in_reply_to = decision_id
            text = (f"Beste,\n\n{REBUTTAL_TEXT}\n\nMet vriendelijke groeten,\n{name}\n\n"
                    f"Op {_dutch_when(sent_at)} schreef Lokaal Partnerschap Haspengouw <info@bijzig.be>:\n"
                    "> Beste,\n> Het lokaal partnerschap heeft uw kandidatuur besproken.\n"
                    "> U kunt binnen 14 dagen een weerwoord bezorgen door op deze mail te antwoorden.\n")
        elif match == "subject":
            subject = f"Weerwoord kandidatuur {reference}"
            text = f"Beste,\n\nIn bijlage ons weerwoord bij de beslissing over kandidatuur {reference}.\n\n" \
                   f"Met vriendelijke groeten,\n{name}\n"
            data, pages = render_simple_pdf(f"Weerwoord kandidatuur {reference}", REBUTTAL_TEXT.split("\n\n"), name)
            filename = f"Weerwoord {reference}.pdf"
            attachments = (Attachment(filename, MIME_PDF, data),)
            records = [{"filename": filename, "content_type": MIME_PDF, "role": "rebuttal", "format": "pdf",
                        "pages": pages, "scanned": False, "encrypted": False,
                        "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}]
        else:
            subject = "Bezwaar tegen de beslissing"
            text = f"Geachte,\n\n{REBUTTAL_TEXT}\n\n{name}\n"
        client, server = _client_for(address)
        msg_id = message_id(r, client, address.split("@", 1)[1])
        msg = sender_message(rng=r, client=client, from_name=name, from_addr=address, to=submit_to,
                             subject=subject, date=sent, msg_id=msg_id, text=text, attachments=attachments,
                             in_reply_to=in_reply_to)
        raw = _deliver_simple(r, msg, envelope_from=address, client=client, server=server, sent=sent,
                              received=received, tz=tz, submit_to=submit_to)
        file = f"{number:04d}-rebuttal.eml"
        number += 1
        _write(inbox, file, raw, received)
        mails.append(GeneratedMail(file=file, kind="rebuttal", received_at=received, organisation=None,
                                   sender=address, expected={
                                       "message_id": msg_id, "subject": subject, "date_header": sent.isoformat(),
                                       "attachments": records, "reference": reference, "match": match,
                                       "in_reply_to": in_reply_to, "late": late,
                                       "window_closes": closes.isoformat()}))
    return mails


# --- command line ------------------------------------------------------------------------------

DEFAULT_LAUNCH = "2023-04-21T00:00"     # config/timeline.yaml: launch
DEFAULT_DEADLINE = "2023-06-01T23:59"   # config/timeline.yaml: submission_deadline


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.splitlines()[0])
    parser.add_argument("--inbox", type=Path, required=True, help="folder to write NNNN-<kind>.eml files into")
    parser.add_argument("--n", type=int, default=50, help="number of on-time applications (default 50)")
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument("--scans", type=float, default=0.03, help="fraction of scanned proposals (default 0.03)")
    parser.add_argument("--no-extras", action="store_true", help="only applications, no special cases")
    parser.add_argument("--launch", default=DEFAULT_LAUNCH, help="ISO time; without offset read in --timezone")
    parser.add_argument("--deadline", default=DEFAULT_DEADLINE, help="ISO time; without offset read in --timezone")
    parser.add_argument("--timezone", default="Europe/Brussels")
    parser.add_argument("--submit-to", default="info@bijzig.be")
    parser.add_argument("--workers", type=int, default=None, help="document rendering processes")
    parser.add_argument("--manifest", type=Path, default=None, help="also write the manifest JSON here")
    parser.add_argument("--clean", action="store_true", help="first delete NNNN-*.eml files in --inbox")
    args = parser.parse_args(argv)
    if args.clean and args.inbox.is_dir():
        for f in args.inbox.iterdir():
            if re.fullmatch(r"\d{4,}-[a-z-]+\.eml", f.name):
                f.unlink()
    started = time.perf_counter()
    try:
        manifest = generate_call(
            args.inbox, args.n, seed=args.seed, timezone=args.timezone,
            launch=datetime.fromisoformat(args.launch), deadline=datetime.fromisoformat(args.deadline),
            submit_to=args.submit_to, scans=args.scans, extras=not args.no_extras, workers=args.workers)
    except (ValueError, FileExistsError) as exc:
        hint = " (or pass --clean)" if isinstance(exc, FileExistsError) else ""
        print(f"error: {exc}{hint}", file=sys.stderr)
        return 2
    if args.manifest:
        manifest.write_manifest(args.manifest)
    seconds = time.perf_counter() - started
    size = sum((args.inbox / m.file).stat().st_size for m in manifest.mails)
    counts = ", ".join(f"{k} {v}" for k, v in manifest.counts().items())
    print(f"{len(manifest.mails)} mails ({size / 1e6:.1f} MB) in {args.inbox} in {seconds:.1f} s: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
