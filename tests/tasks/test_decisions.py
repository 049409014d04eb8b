from __future__ import annotations

import email
import email.policy
import io
import shutil
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from callflow.workspace import Workspace, init_workspace
from tasks import decisions
from tasks.decisions import DecisionFileError, DecisionRecord, RowError
from tasks.outbox import OutboxOnlyTransport, approve, deliver, deliver_for_workspace
from tasks.registry import Application, Decision, Mail, Message, Registry
from tests.factories.mails import brussels

pytestmark = pytest.mark.integration

RECORDED = brussels(2023, 7, 3, 10, 0)
APPLIED = brussels(2023, 7, 13, 9, 0)
SENT = brussels(2023, 7, 13, 11, 0)
APPLICANTS = (
    ("an.peeters@vzwdebrug.be", "vzw De Brug", "Samen Sterk"),
    ("sara@ocmw-heers.be", "OCMW Heers", "Werk in Heers"),
    ("jan@cafedekring.be", "Café De Kring", "Buurtwerk Alken"),
    ("els@kansen.be", "vzw Kansen", "Taal en werk"),
)


def preload_config(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """The default configuration, parsed once per test module (see fresh_workspace)."""
    base = Workspace(init_workspace(tmp_path_factory.mktemp("base") / "ws"), environ={})
    base.validate()
    return base.root, {"call": base.call, "timeline": base.timeline, "reviewers": base.reviewers}


@pytest.fixture(scope="module")
def loaded_config(tmp_path_factory) -> tuple[Path, dict]:
    return preload_config(tmp_path_factory)


def fresh_workspace(tmp_path: Path, loaded_config: tuple[Path, dict]) -> Workspace:
    """A new workspace with the default configuration, without parsing call.yaml again (most of a second)."""
    root, configs = loaded_config
    shutil.copytree(root / "config", tmp_path / "ws" / "config")
    ws = Workspace(tmp_path / "ws", environ={})
    ws.__dict__.update(configs)  # the cached_property values: the same frozen, validated models
    ws.ensure_dirs()
    return ws


@pytest.fixture
def ws(tmp_path, loaded_config) -> Workspace:
    return fresh_workspace(tmp_path, loaded_config)


def seed_applications(ws: Workspace, count: int = 3) -> list[str]:
    """Applications as intake leaves them (an application message as current version), without the intake."""
    registry = Registry(ws.database_url)
    with registry.session() as session:
        for number, (sender, organisation, title) in enumerate(APPLICANTS[:count], start=1):
            message = Message(
                file=f"kandidatuur-{number}.eml", sha256=f"{number:064x}", size=100, status="processed",
                recorded_at=brussels(2023, 5, 20), message_id=f"<kandidatuur-{number}@{sender.split('@')[1]}>",
                kind="application", sender=sender, subject=f"Kandidatuur {title}", title=title,
                organisation=organisation, received_at=brussels(2023, 5, 20 + number), on_time=True, version=1,
                in_reply_to=[], problems=[], problem_messages=[])
            session.add(message)
            session.flush()
            application = Application(
                reference=f"HAS-2023-{number:03d}", number=number, organisation=organisation,
                organisation_key=organisation.lower(), sender=sender, sender_domain=sender.split("@")[1],
                created_at=brussels(2023, 5, 20 + number), current_message_id=message.id)
            session.add(application)
            session.flush()
            message.application_id = application.id
    return [f"HAS-2023-{number:03d}" for number in range(1, count + 1)]


def record(ws: Workspace, *items: tuple[str, str, str], now=RECORDED) -> decisions.RecordReport:
    with Registry(ws.database_url).session() as session:
        records = [DecisionRecord(reference=r, outcome=o, motivation=m) for r, o, m in items]
        return decisions.record_decisions(session, records, now, "test")


def send_decisions(ws: Workspace, at=SENT) -> list[str]:
    """Approve every decision draft and deliver it (outbox transport), as the coordinator would."""
    registry = Registry(ws.database_url)
    with registry.session() as session:
        approve(session, at, kinds=["decision"])
    return deliver_for_workspace(ws, registry, at).sent


def mail_text(ws: Workspace, mail_key: str) -> tuple[str, str]:
    with Registry(ws.database_url).session() as session:
        row = session.scalar(select(Mail).where(Mail.key == mail_key))
        folder = "sent" if row.status == "sent" else "pending"
        path = ws.outbox / folder / row.eml_file
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    # The standard library folds a long subject with an encoded word into "a \r\n =?utf-8?…" and reads it
    # back with two spaces; mail clients show one. Compare words, not that artefact.
    return " ".join(str(message["Subject"]).split()), message.get_body(("plain",)).get_content()


def statuses(ws: Workspace) -> list[tuple[str, str]]:
    with Registry(ws.database_url).session() as session:
        return [(m.key, m.status) for m in session.scalars(select(Mail).where(Mail.kind == "decision").order_by(Mail.id))]


def workspace_with(tmp_path: Path, **environ: str) -> Workspace:
    return Workspace(init_workspace(tmp_path / "ws"), environ=environ)


# --- reading and validating ----------------------------------------------------------------------


@pytest.mark.unit
def test_parse_outcome_english_and_dutch_labels():
    labels = ["approved", "Goedgekeurd", " afgewezen ", "REJECTED", "goedgekeurd onder voorwaarden",
              "Goedgekeurd  onder voorwaarden", "conditional", "misschien", ""]
    assert [decisions.parse_outcome(label) for label in labels] == [
        "approved", "approved", "rejected", "rejected", "conditional", "conditional", "conditional", None, None]


@pytest.mark.unit
def test_validate_rows_every_problem_names_row_and_column():
    rows = [
        (2, {"reference": "HAS-2023-001", "outcome": "goedgekeurd", "motivation": "Sterk plan."}),
        (3, {"reference": "HAS-2023-009", "outcome": "approved", "motivation": "x"}),
        (4, {"reference": "has-2023-002", "outcome": "misschien", "motivation": ""}),
        (5, {"reference": "HAS-2023-001", "outcome": "rejected", "motivation": "Dubbel."}),
        (6, {"reference": "", "outcome": "", "motivation": ""}),
        (7, {"reference": "HAS-2023-003", "outcome": "", "motivation": ""}),
        (8, {"reference": "", "outcome": "", "motivation": "Zonder beslissing."}),
    ]
    result = decisions.validate_rows(rows, {"HAS-2023-001", "HAS-2023-002", "HAS-2023-003"})
    assert result.records == [DecisionRecord(reference="HAS-2023-001", outcome="approved", motivation="Sterk plan.")]
    assert result.undecided == ["HAS-2023-003"]
    assert [(e.row, e.column) for e in result.errors] == [
        (3, "reference"), (4, "outcome"), (4, "motivation"), (5, "reference"), (8, "reference"), (8, "outcome")]
    assert str(result.errors[0]) == (
        "rij 3, kolom reference: onbekende referentie HAS-2023-009; zie callflow decisions list "
        "(row 3, column reference: unknown reference HAS-2023-009)")
    assert result.errors[3] == RowError(5, "reference", "HAS-2023-001 staat ook al op rij 2",
                                        "HAS-2023-001 is also on row 2")


def test_import_csv_with_semicolons_bom_and_dutch_labels_records_pending(ws, tmp_path):
    seed_applications(ws, 2)
    path = tmp_path / "beslissingen.csv"
    path.write_bytes("\ufeffReference;Outcome;Motivation\r\nHAS-2023-001;Goedgekeurd;\"Sterk; goed plan.\"\r\n"
                     "HAS-2023-002;goedgekeurd onder voorwaarden;Meer partners in Wellen.\r\n".encode())
    with Registry(ws.database_url).session() as session:
        validated, recorded = decisions.import_file(ws, session, path, RECORDED)
        rows = [(d.application, d.outcome, d.motivation, d.status, d.version, d.source)
                for d in session.scalars(select(Decision).order_by(Decision.application))]
    assert (validated.errors, recorded.new) == ([], ["HAS-2023-001", "HAS-2023-002"])
    assert rows == [
        ("HAS-2023-001", "approved", "Sterk; goed plan.", "pending", 1, "import:beslissingen.csv"),
        ("HAS-2023-002", "conditional", "Meer partners in Wellen.", "pending", 1, "import:beslissingen.csv"),
    ]


def test_import_file_with_one_bad_row_records_nothing(ws, tmp_path):
    seed_applications(ws, 2)
    path = tmp_path / "d.csv"
    path.write_text("reference,outcome,motivation\nHAS-2023-001,approved,Goed.\nHAS-2023-002,approved,\n")
    with Registry(ws.database_url).session() as session:
        validated, recorded = decisions.import_file(ws, session, path, RECORDED)
        count = len(list(session.scalars(select(Decision))))
    assert (recorded, count, [(e.row, e.column) for e in validated.errors]) == (None, 0, [(3, "motivation")])


def test_import_csv_without_motivation_column_is_a_file_error(ws, tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("reference,outcome\nHAS-2023-001,approved\n")
    with Registry(ws.database_url).session() as session:
        with pytest.raises(DecisionFileError, match="mist de kolom\\(men\\) motivation"):
            decisions.import_file(ws, session, path, RECORDED)


def test_template_xlsx_lists_every_application_and_imports_back_once_filled(ws, tmp_path):
    seed_applications(ws, 3)
    record(ws, ("HAS-2023-002", "rejected", "Buiten het werkingsgebied."))
    with Registry(ws.database_url).session() as session:
        data = decisions.template_xlsx(session)
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book["beslissingen"]
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        ["reference", "organisation", "title", "outcome", "motivation", "status"],
        ["HAS-2023-001", "vzw De Brug", "Samen Sterk", None, None, "nog niet beslist"],
        ["HAS-2023-002", "OCMW Heers", "Werk in Heers", "afgewezen", "Buiten het werkingsgebied.", "nog toe te passen"],
        ["HAS-2023-003", "Café De Kring", "Buurtwerk Alken", None, None, "nog niet beslist"],
    ]
    sheet["D2"], sheet["E2"] = "goedgekeurd", "Sterke aanpak met\nvier partners."
    filled = tmp_path / "ingevuld.xlsx"
    book.save(filled)
    with Registry(ws.database_url).session() as session:
        validated, recorded = decisions.import_file(ws, session, filled, RECORDED)
    assert (validated.errors, validated.undecided) == ([], ["HAS-2023-003"])
    assert (recorded.new, recorded.unchanged) == (["HAS-2023-001"], ["HAS-2023-002"])


# --- recording -----------------------------------------------------------------------------------


def test_record_decisions_same_again_is_unchanged_and_change_of_pending_edits_in_place(ws):
    seed_applications(ws, 1)
    first = record(ws, ("HAS-2023-001", "approved", "Goed."))
    same = record(ws, ("HAS-2023-001", "approved", "Goed."))
    changed = record(ws, ("HAS-2023-001", "rejected", "Toch niet."))
    with Registry(ws.database_url).session() as session:
        rows = [(d.version, d.outcome, d.status) for d in session.scalars(select(Decision))]
    assert (first.new, same.unchanged, changed.changed, rows) == (
        ["HAS-2023-001"], ["HAS-2023-001"], ["HAS-2023-001"], [(1, "rejected", "pending")])


# --- applying ------------------------------------------------------------------------------------


def test_apply_decisions_queues_one_dutch_mail_per_outcome_with_rebuttal_deadline(ws):
    seed_applications(ws, 4)
    record(ws, ("HAS-2023-001", "approved", "Sterke aanpak in zes gemeenten."),
           ("HAS-2023-002", "rejected", "Het project valt buiten het werkingsgebied."),
           ("HAS-2023-003", "conditional", "Voorwaarde: een partner uit Alken."))

    report = decisions.apply_decisions(ws, Registry(ws.database_url), APPLIED)

    assert report.queued == ["decision:HAS-2023-001:v1", "decision:HAS-2023-002:v1", "decision:HAS-2023-003:v1"]
    assert (report.missing, report.blocked, report.approved) == (["HAS-2023-004"], {}, [])
    assert statuses(ws) == [(key, "draft") for key in report.queued]
    subjects_and_lines = {}
    for key in report.queued:
        subject, body = mail_text(ws, key)
        subjects_and_lines[key] = (subject.split(" – ")[0], body.splitlines()[2])
        assert "tot en met donderdag 27 juli 2023 om 23:59" in body
        assert "met HAS-2023-00" in body and "in het onderwerp" in body
    assert subjects_and_lines == {
        "decision:HAS-2023-001:v1": ("Beslissing over uw kandidatuur HAS-2023-001: goedgekeurd",
                                     'Met plezier laten we u weten dat uw kandidatuur HAS-2023-001 ("Samen Sterk") '
                                     'voor de oproep "Capacity Building Lokale Partnerschappen — Lokaal addendum '
                                     'Haspengouw" is goedgekeurd.'),
        "decision:HAS-2023-002:v1": ("Beslissing over uw kandidatuur HAS-2023-002",
                                     'Dank u voor uw kandidatuur HAS-2023-002 ("Werk in Heers") voor de oproep '
                                     '"Capacity Building Lokale Partnerschappen — Lokaal addendum Haspengouw". Na '
                                     'een zorgvuldige beoordeling moeten we u helaas meedelen dat de jury uw '
                                     'kandidatuur heeft afgewezen.'),
        "decision:HAS-2023-003:v1": ("Beslissing over uw kandidatuur HAS-2023-003: goedgekeurd onder voorwaarden",
                                     'De jury heeft uw kandidatuur HAS-2023-003 ("Buurtwerk Alken") voor de oproep '
                                     '"Capacity Building Lokale Partnerschappen — Lokaal addendum Haspengouw" '
                                     'goedgekeurd onder voorwaarden. Uw project kan van start gaan zodra aan de '
                                     'voorwaarden hieronder is voldaan.'),
    }
    assert "Voorwaarde: een partner uit Alken." in mail_text(ws, "decision:HAS-2023-003:v1")[1]


def test_apply_decisions_twice_queues_nothing_more(ws):
    seed_applications(ws, 1)
    record(ws, ("HAS-2023-001", "approved", "Goed."))
    registry = Registry(ws.database_url)
    first = decisions.apply_decisions(ws, registry, APPLIED)
    second = decisions.apply_decisions(ws, registry, APPLIED)
    assert (first.queued, second.queued, len(statuses(ws))) == (["decision:HAS-2023-001:v1"], [], 1)


def test_apply_changed_decision_before_sending_replaces_the_draft(ws):
    seed_applications(ws, 1)
    registry = Registry(ws.database_url)
    record(ws, ("HAS-2023-001", "approved", "Goed."))
    decisions.apply_decisions(ws, registry, APPLIED)
    record(ws, ("HAS-2023-001", "rejected", "Bij nader inzien te weinig partners."))

    report = decisions.apply_decisions(ws, registry, APPLIED)

    assert (report.queued, report.superseded) == (["decision:HAS-2023-001:v2"], ["decision:HAS-2023-001:v1"])
    assert statuses(ws) == [("decision:HAS-2023-001:v1", "superseded"), ("decision:HAS-2023-001:v2", "draft")]
    assert send_decisions(ws) == ["decision:HAS-2023-001:v2"]
    with registry.session() as session:
        assert [(d.version, d.status) for d in session.scalars(select(Decision).order_by(Decision.version))] == [
            (1, "replaced"), (2, "applied")]


def test_apply_changed_decision_after_sending_is_an_explicit_correction(ws):
    seed_applications(ws, 1)
    registry = Registry(ws.database_url)
    record(ws, ("HAS-2023-001", "rejected", "Te weinig partners."))
    decisions.apply_decisions(ws, registry, APPLIED)
    send_decisions(ws)
    record(ws, ("HAS-2023-001", "approved", "Na correctie: de partners staan in bijlage 2."))

    report = decisions.apply_decisions(ws, registry, brussels(2023, 7, 14, 9))
    send_decisions(ws, brussels(2023, 7, 14, 10))

    assert (report.queued, report.corrections) == ([], ["decision:HAS-2023-001:v2"])
    assert statuses(ws) == [("decision:HAS-2023-001:v1", "sent"), ("decision:HAS-2023-001:v2", "sent")]
    subject, body = mail_text(ws, "decision:HAS-2023-001:v2")
    assert subject.startswith("Correctie – beslissing over uw kandidatuur HAS-2023-001: goedgekeurd")
    assert body.splitlines()[2] == ("Deze e-mail vervangt onze e-mail van donderdag 13 juli 2023 over de beslissing "
                                    "voor uw kandidatuur HAS-2023-001. Enkel deze e-mail geldt nog.")
    assert "tot en met vrijdag 28 juli 2023 om 23:59" in body  # a new window from the correction


def test_apply_change_undone_before_its_correction_went_out_withdraws_it_and_mails_nothing(ws):
    seed_applications(ws, 1)
    registry = Registry(ws.database_url)
    record(ws, ("HAS-2023-001", "approved", "Goed."))
    decisions.apply_decisions(ws, registry, APPLIED)
    send_decisions(ws)
    record(ws, ("HAS-2023-001", "rejected", "Vergissing."))
    decisions.apply_decisions(ws, registry, APPLIED)  # a correction draft, not approved yet
    record(ws, ("HAS-2023-001", "approved", "Goed."))

    report = decisions.apply_decisions(ws, registry, APPLIED)

    assert (report.queued, report.corrections, report.superseded) == ([], [], ["decision:HAS-2023-001:v2"])
    assert statuses(ws) == [("decision:HAS-2023-001:v1", "sent"), ("decision:HAS-2023-001:v2", "superseded")]
    assert send_decisions(ws) == []


def test_record_back_to_the_applied_decision_withdraws_the_pending_change(ws):
    seed_applications(ws, 1)
    registry = Registry(ws.database_url)
    record(ws, ("HAS-2023-001", "approved", "Goed."))
    decisions.apply_decisions(ws, registry, APPLIED)
    record(ws, ("HAS-2023-001", "rejected", "Vergissing."))
    back = record(ws, ("HAS-2023-001", "approved", "Goed."))
    report = decisions.apply_decisions(ws, registry, APPLIED)
    assert (back.withdrawn, report.queued, report.corrections) == (["HAS-2023-001"], [], [])


def test_decision_mail_states_the_deadline_of_the_day_it_is_sent(ws):
    seed_applications(ws, 1)
    record(ws, ("HAS-2023-001", "approved", "Goed."))
    decisions.apply_decisions(ws, Registry(ws.database_url), APPLIED)
    assert "tot en met donderdag 27 juli 2023 om 23:59" in mail_text(ws, "decision:HAS-2023-001:v1")[1]

    send_decisions(ws, brussels(2023, 7, 20, 8, 30))  # approved a week later

    subject, body = mail_text(ws, "decision:HAS-2023-001:v1")
    assert "tot en met donderdag 3 augustus 2023 om 23:59" in body
    assert "27 juli" not in body


def test_apply_with_auto_send_approves_and_extension_lengthens_the_window(tmp_path):
    ws = workspace_with(tmp_path, CALLFLOW__DECISIONS__AUTO_SEND="true",
                        CALLFLOW__DECISIONS__REBUTTAL_EXTENSIONS="{HAS-2023-002: 7}")
    seed_applications(ws, 2)
    record(ws, ("HAS-2023-001", "approved", "Goed."), ("HAS-2023-002", "rejected", "Niet goed."))
    report = decisions.apply_decisions(ws, Registry(ws.database_url), APPLIED)
    deliver(Registry(ws.database_url), ws.outbox, ws.call.mail, OutboxOnlyTransport(), SENT)
    assert report.approved == ["decision:HAS-2023-001:v1", "decision:HAS-2023-002:v1"]
    assert "tot en met donderdag 3 augustus 2023 om 23:59" in mail_text(ws, "decision:HAS-2023-002:v1")[1]


def test_decision_mail_goes_to_reply_to_and_threads_under_the_proposal(ws):
    seed_applications(ws, 1)
    with Registry(ws.database_url).session() as session:
        message = session.scalar(select(Message))
        message.facts = {"reply_to": "secretariaat@vzwdebrug.be"}
    record(ws, ("HAS-2023-001", "approved", "Goed."))
    decisions.apply_decisions(ws, Registry(ws.database_url), APPLIED)
    with Registry(ws.database_url).session() as session:
        row = session.scalar(select(Mail).where(Mail.kind == "decision"))
        eml = (ws.outbox / "pending" / row.eml_file).read_bytes()
    parsed = email.message_from_bytes(eml, policy=email.policy.default)
    assert (row.to_addr, parsed["In-Reply-To"]) == ("secretariaat@vzwdebrug.be", "<kandidatuur-1@vzwdebrug.be>")


# --- the warning ---------------------------------------------------------------------------------


def test_queue_warning_lists_missing_decisions_once_per_day(ws):
    seed_applications(ws, 3)
    record(ws, ("HAS-2023-002", "rejected", "Niet goed."))
    registry = Registry(ws.database_url)
    now = brussels(2023, 7, 10, 9, 0)
    with registry.session() as session:
        first = decisions.queue_warning(ws, session, now)
    with registry.session() as session:
        again = decisions.queue_warning(ws, session, brussels(2023, 7, 10, 15, 0))
        assert (first.key, again.key, first.status, first.to_addr) == (
            "decision-warning:2023-07-10", "decision-warning:2023-07-10", "approved", "info@bijzig.be")
    subject, body = mail_text(ws, first.key)
    assert subject == "Nog 2 beslissingen ontbreken – beslissen vóór zaterdag 15 juli 2023"
    assert "- HAS-2023-001 – vzw De Brug – Samen Sterk" in body
    assert "- HAS-2023-003 – Café De Kring – Buurtwerk Alken" in body
    assert "1 beslissing is wel geregistreerd maar nog niet toegepast: HAS-2023-002." in body
    assert "over 4 dagen" in body


def test_queue_warning_when_every_application_is_decided_sends_nothing(ws):
    seed_applications(ws, 1)
    record(ws, ("HAS-2023-001", "approved", "Goed."))
    with Registry(ws.database_url).session() as session:
        assert decisions.queue_warning(ws, session, brussels(2023, 7, 10, 9)) is None


def test_warning_due_at_follows_the_timeline_milestone(ws):
    assert decisions.warning_due_at(ws) == brussels(2023, 7, 10, 9, 0)


def test_missing_decisions_after_every_application_has_one(ws):
    seed_applications(ws, 2)
    record(ws, ("HAS-2023-001", "approved", "Goed."))
    with Registry(ws.database_url).session() as session:
        assert [a.reference for a in decisions.missing_decisions(session)] == ["HAS-2023-002"]
        assert session.scalar(select(Application.reference).where(Application.number == 2)) == "HAS-2023-002"
