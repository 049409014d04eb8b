"""The one Jinja2 environment for every word a person reads (templates/), with Dutch dates via Babel.

Autoescape is on for HTML templates, and StrictUndefined turns a missing value into an error instead of a
blank in a decision mail. Text templates (.txt.j2) are not escaped: they become text/plain mail bodies.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime, format_time
from babel.numbers import format_currency
from jinja2 import FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.sandbox import SandboxedEnvironment

from callflow.workspace import TEMPLATES_DIR

DEFAULT_LOCALE = "nl_BE"


def dutch_datetime(value: datetime, tz: str = "Europe/Brussels", locale: str = DEFAULT_LOCALE) -> str:
    """'donderdag 1 juni 2023 om 23:59' in the call's time zone."""
    return f"{_date_in(value, tz, locale)} om {format_time(value, 'HH:mm', tzinfo=_zone(tz), locale=locale)}"


def _zone(tz: str) -> ZoneInfo:
    return ZoneInfo(tz)


def _date_in(value: datetime, tz: str, locale: str) -> str:
    local = value.astimezone(_zone(tz)) if value.tzinfo else value
    return format_date(local.date(), "EEEE d MMMM y", locale=locale)


def dutch_date(value: date | datetime, tz: str = "Europe/Brussels", locale: str = DEFAULT_LOCALE) -> str:
    """'donderdag 1 juni 2023'."""
    if isinstance(value, datetime):
        return _date_in(value, tz, locale)
    return format_date(value, "EEEE d MMMM y", locale=locale)


def dutch_short_datetime(value: datetime, tz: str = "Europe/Brussels", locale: str = DEFAULT_LOCALE) -> str:
    """'01-06-2023 23:59' for tables."""
    return format_datetime(value, "dd-MM-yyyy HH:mm", tzinfo=_zone(tz), locale=locale)


def euro(value: float, locale: str = DEFAULT_LOCALE) -> str:
    return format_currency(value, "EUR", locale=locale)


@lru_cache(maxsize=4)
def environment(templates_dir: Path = TEMPLATES_DIR) -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        loader=FileSystemLoader(str(templates_dir)),
        # Templates are named like packet.html.j2: the extension before .j2 decides escaping.
        autoescape=select_autoescape(
            enabled_extensions=("html", "htm", "xml", "html.j2", "htm.j2", "xml.j2"), default_for_string=True
        ),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        dutch_datetime=dutch_datetime,
        dutch_date=dutch_date,
        dutch_short_datetime=dutch_short_datetime,
        euro=euro,
    )
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def render_blocks(template: str, **context: Any) -> dict[str, str]:
    """Render each top-level block of a template separately (a mail's subject and body)."""
    compiled = environment().get_template(template)
    jinja_context = compiled.new_context(context)
    return {name: "".join(block(jinja_context)).strip() for name, block in compiled.blocks.items()}
