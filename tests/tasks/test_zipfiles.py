"""Safe in-memory expansion of ZIP attachments."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tasks.zipfiles import ZipMember, ZipProblem, expand_zip
from tests.factories.documents import (
    make_docx,
    make_encrypted_zip,
    make_pdf,
    make_zip,
    make_zip_bomb,
    truncated,
)

pytestmark = pytest.mark.unit


def _problem(data: bytes, **limits: object) -> ZipProblem:
    with pytest.raises(ZipProblem) as caught:
        expand_zip(data, **limits)  # type: ignore[arg-type]
    return caught.value


def test_expand_zip_nested_archives_join_paths_and_skip_junk() -> None:
    pdf = make_pdf(["Voorstel"])
    docx = make_docx(["Bijlage"])
    archive = make_zip(
        {
            "voorstel/": b"",
            "voorstel/voorstel.pdf": pdf,
            "__MACOSX/voorstel/._voorstel.pdf": b"\x00\x05\x16\x07",
            "voorstel/.DS_Store": b"junk",
            "bijlagen.zip": make_zip({"begroting/bijlage.docx": docx, "diep.zip": make_zip({"noot.txt": b"Noot"})}),
        }
    )

    assert expand_zip(archive) == [
        ZipMember(path="voorstel/voorstel.pdf", data=pdf),
        ZipMember(path="bijlagen.zip/begroting/bijlage.docx", data=docx),  # a .docx is a document, not an archive
        ZipMember(path="bijlagen.zip/diep.zip/noot.txt", data=b"Noot"),
    ]


def test_expand_zip_paths_are_tidied_for_display() -> None:
    archive = make_zip({"../../etc/passwd": b"a", "C:\\Users\\an\\voorstel.pdf": b"b", "/abs/pad.txt": b"c"})

    assert [member.path for member in expand_zip(archive)] == ["etc/passwd", "Users/an/voorstel.pdf", "abs/pad.txt"]


def test_expand_zip_bomb_is_refused_by_declared_ratio_without_expanding() -> None:
    started = time.perf_counter()

    problem = _problem(make_zip_bomb())

    assert (problem.code, time.perf_counter() - started < 0.5) == ("zip-bomb", True)
    assert problem.message_nl == (
        "Het ZIP-bestand pakt uit tot een onredelijk grote hoeveelheid gegevens en is daarom niet geopend; "
        "stuur de documenten los mee."
    )


def test_expand_zip_member_lying_about_its_size_is_corrupt_not_expanded() -> None:
    # Headers claim 1000 bytes; the data expands to 50 MB. Reading stops at the claimed size.
    started = time.perf_counter()

    problem = _problem(make_zip_bomb(expanded_mb=50, declared_bytes=1000))

    assert (problem.code, time.perf_counter() - started < 0.5) == ("corrupt", True)


def test_expand_zip_too_many_members_is_too_large() -> None:
    archive = make_zip({f"bijlage-{n}.txt": b"x" for n in range(51)})

    problem = _problem(archive)

    assert problem.code == "too-large"
    assert problem.message_nl == (
        "Het ZIP-bestand bevat te veel of te grote bestanden (hoogstens 50 bestanden en 200 MB samen); "
        "stuur de documenten los of in kleinere delen."
    )


def test_expand_zip_members_of_nested_archives_count_towards_the_limit() -> None:
    inner = make_zip({f"b-{n}.txt": b"x" for n in range(3)})

    assert _problem(make_zip({"a.txt": b"x", "in.zip": inner}), max_members=3).code == "too-large"
    assert len(expand_zip(make_zip({"a.txt": b"x", "in.zip": inner}), max_members=4)) == 4


def test_expand_zip_declared_total_over_limit_is_too_large() -> None:
    archive = make_zip({"a.txt": bytes(3 * 2**20), "b.txt": bytes(3 * 2**20)})

    assert _problem(archive, max_total_bytes=5 * 2**20, max_ratio=10_000).code == "too-large"


def test_expand_zip_nested_deeper_than_limit_is_zip_bomb() -> None:
    archive = make_zip({"noot.txt": b"diep"})
    for level in range(4):
        archive = make_zip({f"niveau-{level}.zip": archive})

    assert _problem(archive).code == "zip-bomb"
    assert expand_zip(archive, max_depth=4) == [
        ZipMember(path="niveau-3.zip/niveau-2.zip/niveau-1.zip/niveau-0.zip/noot.txt", data=b"diep")
    ]


@pytest.mark.parametrize("damage", [lambda z: truncated(z), lambda z: b"PK\x03\x04" + bytes(100), lambda z: z[:-30]])
def test_expand_zip_damaged_archive_is_corrupt(damage) -> None:
    problem = _problem(damage(make_zip({"voorstel.txt": b"Voorstel " * 1000})))

    assert problem.code == "corrupt"


def test_expand_zip_encrypted_without_password_is_encrypted() -> None:
    problem = _problem(make_encrypted_zip({"voorstel.txt": b"Geheim voorstel"}, "haspengouw"), passwords=["fout"])

    assert problem.code == "encrypted"
    assert problem.message_nl == (
        "Het ZIP-bestand is beveiligd met een wachtwoord; stuur de documenten opnieuw zonder wachtwoord "
        "of vermeld het wachtwoord in uw mail."
    )


def test_expand_zip_encrypted_with_password_from_mail_is_expanded() -> None:
    archive = make_encrypted_zip({"voorstel.txt": b"Geheim voorstel"}, "haspengouw")

    assert expand_zip(archive, passwords=["fout", "haspengouw"]) == [ZipMember(path="voorstel.txt", data=b"Geheim voorstel")]


def test_expand_zip_empty_archive_has_no_members() -> None:
    assert expand_zip(make_zip({})) == []


@settings(max_examples=200, deadline=None)
@given(tail=st.binary(max_size=600), cut=st.integers(min_value=0, max_value=2000))
def test_expand_zip_only_ever_raises_zip_problem(tail: bytes, cut: int) -> None:
    base = make_zip({"a.txt": b"Voorstel " * 50, "b.zip": make_zip({"c.txt": b"x"})})
    data = base[:cut] + tail
    try:
        members = expand_zip(data)
    except ZipProblem as problem:
        assert problem.code in ("zip-bomb", "too-large", "corrupt", "encrypted")
    else:
        assert all(isinstance(member, ZipMember) for member in members)
