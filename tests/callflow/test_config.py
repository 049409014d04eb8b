from __future__ import annotations

from pathlib import Path

import pytest

from callflow.config import ConfigError, load_call_config, load_timeline_config
from callflow.workspace import DEFAULT_CONFIG_DIR

pytestmark = pytest.mark.unit


def _write(tmp_path: Path, name: str, replace: tuple[str, str]) -> Path:
    text = (DEFAULT_CONFIG_DIR / name).read_text(encoding="utf-8")
    assert replace[0] in text
    path = tmp_path / name
    path.write_text(text.replace(*replace), encoding="utf-8")
    return path


def test_default_config_is_valid_and_localised():
    call = load_call_config(DEFAULT_CONFIG_DIR / "call.yaml", environ={})
    timeline = load_timeline_config(DEFAULT_CONFIG_DIR / "timeline.yaml")
    assert (call.call.reference_prefix, len(call.service_types), sorted(call.municipalities)) == (
        "HAS-2023", 12, ["alken", "gingelom", "heers", "nieuwerkerken", "sint-truiden", "wellen"])
    assert timeline.submission_deadline.isoformat() == "2023-06-01T23:59:00+02:00"
    assert timeline.review_deadline.isoformat() == "2023-06-16T23:59:00+02:00"


def test_call_config_unknown_timezone_names_file_key_and_fix(tmp_path):
    path = _write(tmp_path, "call.yaml", ("timezone: Europe/Brussels", "timezone: Europe/Brusels"))
    with pytest.raises(ConfigError) as error:
        load_call_config(path, environ={})
    assert str(error.value).splitlines() == [
        f"{path}: invalid configuration",
        "  call.timezone: unknown time zone 'Europe/Brusels'; use an IANA name such as Europe/Brussels",
    ]


def test_call_config_typo_key_is_reported(tmp_path):
    path = _write(tmp_path, "call.yaml", ("grace_minutes: 0", "grace_minuts: 0"))
    with pytest.raises(ConfigError) as error:
        load_call_config(path, environ={})
    assert "  intake.grace_minuts: unknown key; remove it or check its spelling" in str(error.value)


def test_call_config_unknown_persona_in_challenge_is_reported(tmp_path):
    path = _write(tmp_path, "call.yaml", ("personas: [marlies, nora]", "personas: [marlies, noor]"))
    with pytest.raises(ConfigError, match="challenges.uitdaging-1.personas names 'noor'"):
        load_call_config(path, environ={})


def test_timeline_deadline_before_launch_is_refused(tmp_path):
    path = _write(tmp_path, "timeline.yaml", ("launch: 2023-04-21T00:00", "launch: 2023-06-21T00:00"))
    with pytest.raises(ConfigError, match="submission_deadline .* must come after launch"):
        load_timeline_config(path)


def test_timeline_invalid_yaml_names_file(tmp_path):
    path = tmp_path / "timeline.yaml"
    path.write_text("launch: [unclosed\n")
    with pytest.raises(ConfigError, match=f"{path}: not valid YAML"):
        load_timeline_config(path)


def test_environment_override_switches_transport():
    call = load_call_config(DEFAULT_CONFIG_DIR / "call.yaml", environ={"CALLFLOW__MAIL__TRANSPORT": "smtp",
                                                                         "CALLFLOW__MAIL__SMTP__PORT": "2525"})
    assert (call.mail.transport, call.mail.smtp.port) == ("smtp", 2525)
