"""Review fixtures: a reviewers.yaml with conflicts, applications seeded straight into the registry, analyses
shaped like tasks.analyse produces them, and scoring sheets filled in the way a reviewer fills them in."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import yaml
from openpyxl import load_workbook

from callflow.workspace import Workspace
from tasks.registry import Application, Attachment, Message, Registry
from tasks.scoresheets import FIRST_DATA_ROW, SHEET
from tasks.storage import archive_blob, sha256_hex, write_atomic
from tests.factories.mails import Attached, MailSpec, brussels

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Four reviewers; each kind of conflict occurs once:
#   Els Moors (CAW Limburg) declares vzw De Brug, and CAW Limburg itself applies (same organisation + domain);
#   Bart Claes declares the domain buurtwerk-alken.be; Tom Gijbels declares the reference HAS-2023-003;
#   the gmail.com applicant shares a public domain with nobody in particular (never a conflict).
REVIEWERS = [
    {"name": "Katrien Vanherck", "email": "katrien.vanherck@vdab.be", "organisation": "VDAB", "conflicts": []},
    {"name": "Bart Claes", "email": "bart.claes@sint-truiden.be", "organisation": "OCMW Sint-Truiden",
     "conflicts": ["buurtwerk-alken.be"]},
    {"name": "Els Moors", "email": "els.moors@cawlimburg.be", "organisation": "CAW Limburg",
     "conflicts": ["vzw De Brug"]},
    {"name": "Tom Gijbels", "email": "tom.gijbels@limburg.be", "organisation": "Provincie Limburg",
     "conflicts": ["HAS-2023-003"]},
]


@dataclass(frozen=True)
class SeedApplication:
    reference: str
    organisation: str
    sender: str
    title: str = "Samen sterk in Haspengouw"
    service_types: tuple[str, ...] = ("trajectbegeleiding",)
    complete: bool | None = True  # None: no analysis ran
    on_time: bool = True
    pdf: bytes | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def write_reviewers(ws: Workspace, reviewers: Sequence[Mapping[str, Any]] = REVIEWERS, **review: Any) -> Workspace:
    """Replace the workspace's reviewers.yaml (keeping its pitches: section) and return a fresh Workspace."""
    path = ws.config_dir / "reviewers.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["reviewers"] = [dict(r) for r in reviewers]
    data["review"] = {**data.get("review", {}), **review}
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return Workspace(ws.root, environ=ws.environ)


def analysis(service_types: Sequence[str] = ("trajectbegeleiding",), *, complete: bool = True,
             document: str = "voorstel.pdf", **changes: Any) -> dict[str, Any]:
    result: dict[str, Any] = {
        "service_types": [
            {"id": s, "evidence": [{"document": document, "page": 2, "quote": f"Wij bieden {s} aan in Sint-Truiden."}]}
            for s in service_types
        ],
        "challenges": [{"id": "uitdaging-1", "evidence": [
            {"document": document, "page": 1, "quote": "Wij richten ons op Marlies en Nora."}]}],
        "personas": [],
        "municipalities": [{"id": "sint-truiden", "evidence": [
            {"document": document, "page": 2, "quote": "Het project werkt in Sint-Truiden."}]}],
        "sections": [],
        "missing_sections": [] if complete else [{"id": "begroting", "looked_for": "een begroting met bedragen"}],
        "exclusions": [],
        "complete": complete,
        "incomplete_reasons": [] if complete else ["Er ontbreekt een begroting."],
    }
    result.update(changes)
    return result


def seed_applications(ws: Workspace, applications: Sequence[SeedApplication], now: datetime | None = None) -> None:
    """Applications as the intake leaves them (current message, attachments in the archive), without a mailbox."""
    now = now or brussels(2023, 6, 2, 9, 0)
    registry = Registry(ws.database_url)
    with registry.session() as session:
        for number, seed in enumerate(applications, start=1):
            domain = seed.sender.rsplit("@", 1)[1]
            message = Message(
                file=f"{seed.reference}.eml", sha256=sha256_hex(seed.reference.encode()), size=1, status="processed",
                recorded_at=now, processed_at=now, kind="application", received_at=brussels(2023, 5, 20 + number % 10),
                received_at_source="received-header", on_time=seed.on_time, sender=seed.sender, subject="Kandidatuur",
                organisation=seed.organisation, title=seed.title, version=1, problems=[], problem_messages=[],
                in_reply_to=[], message_id=f"<{seed.reference}@{domain}>", facts={},
                analysis=None if seed.complete is None else analysis(seed.service_types, complete=seed.complete),
            )
            if seed.pdf is not None:
                digest, relative = archive_blob(ws.archive, seed.pdf, "attachments", ".pdf")
                message.attachments.append(Attachment(
                    position=1, filename="voorstel.pdf", stored_as=relative, sha256=digest, size=len(seed.pdf),
                    content_type="application/pdf", origin="attachment", detected_type="pdf", readable=True, pages=2,
                ))
                _cache_extraction(ws, digest, [f"Projectvoorstel {seed.organisation}", "Aanpak"])
            session.add(message)
            session.flush()
            application = Application(
                reference=seed.reference, number=int(seed.reference.rsplit("-", 1)[1]), organisation=seed.organisation,
                organisation_key=seed.organisation.lower(), sender=seed.sender, sender_domain=domain,
                current_message_id=message.id, created_at=now,
            )
            session.add(application)
            session.flush()
            message.application_id = application.id


def _cache_extraction(ws: Workspace, digest: str, pages: list[str]) -> None:
    from tasks.extract import Extraction

    result = Extraction(detected_type="pdf", mislabelled=False, readable=True, problem=None, problem_message=None,
                        pages=pages, chars=sum(map(len, pages)), ocr=False, method="test")
    write_atomic(ws.extraction_cache / digest[:2] / f"{digest}.json", result.model_dump_json().encode())


def fill_sheet(sheet: bytes, scores: Mapping[str, Sequence[object]], comments: Mapping[str, str] | None = None,
               extra_rows: Sequence[Sequence[object]] = ()) -> bytes:
    """Type scores into the score cells of the given references (in criterion order), as a reviewer does."""
    workbook = load_workbook(io.BytesIO(sheet))
    worksheet = workbook[SHEET]
    last = worksheet.max_row
    for row in range(FIRST_DATA_ROW, last + 1):
        reference = worksheet.cell(row, 1).value
        if reference in scores:
            for column, value in enumerate(scores[reference], start=4):
                worksheet.cell(row, column).value = value
            if comments and reference in comments:
                worksheet.cell(row, 4 + len(scores[reference])).value = comments[reference]
    for offset, values in enumerate(extra_rows, start=1):
        for column, value in enumerate(values, start=1):
            worksheet.cell(last + offset, column).value = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def return_mail(sender: str, sheet: bytes, received_at: datetime, filename: str = "scoreblad.xlsx") -> MailSpec:
    return MailSpec(
        sender=sender, subject="RE: Beoordelingspakket", body="Beste,\n\nIn bijlage mijn scores.\n\nGroeten",
        received_at=received_at, attachments=[Attached(filename, sheet, XLSX_MIME)],
    )


def record_scores(ws: Workspace, returns: Mapping[str, Mapping[str, Sequence[float]]],
                  received_at: datetime | None = None) -> None:
    """Accepted, current score returns as the intake records them: reviewer → reference → scores in criterion
    order. A stand-in message row is written for each, since a return belongs to a received mail."""
    from tasks.registry import ReviewScore, ScoreReturn

    criteria = [criterion.id for criterion in ws.reviewers.review.criteria]
    moment = received_at or brussels(2023, 6, 12, 10, 0)
    with Registry(ws.database_url).session() as session:
        for reviewer, by_reference in returns.items():
            message = Message(file=f"return-{reviewer}.eml", sha256=sha256_hex(reviewer.encode()), size=1,
                              status="processed", recorded_at=moment, kind="review-return", sender=reviewer,
                              received_at=moment, problems=[], problem_messages=[], in_reply_to=[])
            session.add(message)
            session.flush()
            score_return = ScoreReturn(message_id=message.id, reviewer_email=reviewer, received_at=moment,
                                       recorded_at=moment, status="accepted", current=True, late=False, problems=[],
                                       comments={})
            for reference, values in by_reference.items():
                for criterion, value in zip(criteria, values, strict=True):
                    score_return.scores.append(ReviewScore(reviewer_email=reviewer, application_reference=reference,
                                                           criterion=criterion, score=float(value)))
            session.add(score_return)
