from __future__ import annotations

import pytest

from tasks.storage import archive_blob, safe_filename

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\an\\voorstel.pdf", "voorstel.pdf"),
        ("/absolute/path/begroting.xlsx", "begroting.xlsx"),
        ("na\x00me\x07.pdf", "name.pdf"),
        ("..", "bijlage"),
        ("", "bijlage"),
        ("café één.docx", "café één.docx"),
        ("a" * 500 + ".pdf", "a" * 116 + ".pdf"),
    ],
)
def test_safe_filename_strips_paths_and_controls(name, expected):
    assert safe_filename(name) == expected


def test_archive_blob_is_content_addressed_and_idempotent(tmp_path):
    digest, relative = archive_blob(tmp_path, b"bytes", "messages", ".eml")
    again = archive_blob(tmp_path, b"bytes", "messages", ".eml")
    assert again == (digest, relative)
    assert (tmp_path / relative).read_bytes() == b"bytes"
    assert relative == f"messages/{digest[:2]}/{digest}.eml"
