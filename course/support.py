"""Crisis and support lines by region, from the support data file shipped with the lessons."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from course.loader import LessonError, default_lessons_dir, file_label, parse_toml
from course.record import Record
from course.terminal_text import first_control_character

SUPPORT_FILE = "support.toml"
FALLBACK = "INTL"
ALIASES = {"UK": "GB"}
"""Codes people use that the support file knows by another name."""
EU_MEMBERS = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IT LV LT LU MT NL PL PT RO SK SI ES SE".split()
)
REGION_CODE = re.compile(r"^(?:[A-Z]{2}(?:-[A-Z0-9]{1,3})?|INTL|EU)$")
CHECKED = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
STALE_AFTER_DAYS = 365


class Service(Record):
    """One line to call, text or visit, with where the facts came from."""

    name: str
    contact: str
    hours: str
    source: str
    checked: dt.date


class Region(Record):
    """The emergency number and support services of one place."""

    code: str
    name: str
    emergency: str
    services: tuple[Service, ...]


class SupportDirectory(Record):
    """Every region in the support file."""

    regions: dict[str, Region]

    def for_region(self, code: str | None) -> list[Region]:
        """The regions to show for a code, most local first; the fallback when none is known."""
        shown: list[Region] = []
        if code:
            code = code.upper()
            country = code.split("-")[0]
            for candidate in dict.fromkeys([code, country, "EU" if country in EU_MEMBERS else ""]):
                if candidate in self.regions:
                    shown.append(self.regions[candidate])
        if not any(region.services for region in shown) and FALLBACK in self.regions:
            shown.append(self.regions[FALLBACK])
        return shown

    def known_code(self, code: str) -> str | None:
        """The code as this directory knows it (UK is GB), or None if it has no lines for it."""
        country, _, part = code.strip().upper().partition("-")
        country = ALIASES.get(country, country)
        code = f"{country}-{part}" if part else country
        has_lines = code in self.regions or country in self.regions
        return code if has_lines or (country in EU_MEMBERS and "EU" in self.regions) else None

    def stale(self, today: dt.date | None = None) -> list[str]:
        """A warning for every service not checked in the last twelve months."""
        today = today or dt.date.today()
        return [
            f"{SUPPORT_FILE}: regions.{region.code}: '{service.name}' was last checked "
            f"{service.checked:%Y-%m} (check it against its source and update 'checked')"
            for region in self.regions.values()
            for service in region.services
            if (today - service.checked).days > STALE_AFTER_DAYS
        ]


def region_from_locale(environ: dict[str, str] | None = None) -> str | None:
    """The country in the learner's locale (en_CA.UTF-8 gives CA), if there is one."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        match = re.match(r"^[a-z]{2,3}_([A-Z]{2})", env.get(name, ""))
        if match:
            return match.group(1)
    return None


def support_for(lessons: Path | None) -> SupportDirectory:
    """The crisis lines for a lessons folder: its own support file, else the built-in one, so
    crisis lines are never missing."""
    own = lessons is not None and (lessons / SUPPORT_FILE).is_file()
    return load_support(lessons if own and lessons is not None else default_lessons_dir())


def load_support(folder: Path) -> SupportDirectory:
    """Read the support file in a lessons folder; an absent file gives an empty directory."""
    path = folder / SUPPORT_FILE
    if not path.is_file():
        return SupportDirectory(regions={})
    where = file_label(path)
    data = parse_toml(path)
    problems: list[str] = []
    regions: dict[str, Region] = {}
    raw_regions = data.get("regions")
    unknown = set(data) - {"regions"}
    for key in sorted(unknown):
        problems.append(f"{where}: {key}: unknown key (put every region under [regions.CODE])")
    if not isinstance(raw_regions, dict):
        problems.append(f"{where}: regions: missing (add [regions.CODE] tables)")
        raise LessonError(problems)
    for code, raw in raw_regions.items():
        region = _region(where, code, raw, problems)
        if region is not None:
            regions[code] = region
    if problems:
        raise LessonError(problems)
    return SupportDirectory(regions=regions)


def _region(where: str, code: str, raw: object, problems: list[str]) -> Region | None:
    place = f"{where}: regions.{code}"
    if not REGION_CODE.match(code):
        problems.append(f"{place}: not a region code (use a country code such as CA, or CA-BC, EU, INTL)")
        return None
    if not isinstance(raw, dict):
        problems.append(f"{place}: must be a table (write [regions.{code}])")
        return None
    before = len(problems)
    _unknown(place, raw, {"name", "emergency", "services"}, problems)
    name = _text(place, raw, "name", problems)
    emergency = _text(place, raw, "emergency", problems)
    services = []
    raw_services = raw.get("services", [])
    if not isinstance(raw_services, list):
        problems.append(f"{place}, services: must be a list (write [[regions.{code}.services]])")
        raw_services = []
    for number, item in enumerate(raw_services, start=1):
        at = f"{place}, service {number}"  # counted as people count: the first [[services]] is 1
        if not isinstance(item, dict):
            problems.append(f"{at}: is not a table (write [[regions.{code}.services]])")
            continue
        _unknown(at, item, {"name", "contact", "hours", "source", "checked"}, problems)
        checked = _month(at, item.get("checked"), problems)
        services.append(
            Service(
                name=_text(at, item, "name", problems),
                contact=_text(at, item, "contact", problems),
                hours=_text(at, item, "hours", problems, required=False),
                source=_text(at, item, "source", problems),
                checked=checked or dt.date.min,
            )
        )
    if len(problems) > before:
        return None
    return Region(code=code, name=name, emergency=emergency, services=tuple(services))


def _unknown(place: str, raw: dict[str, object], allowed: set[str], problems: list[str]) -> None:
    for key in raw:
        if key not in allowed:
            problems.append(f"{place}, {key}: unknown key (use {', '.join(sorted(allowed))})")


def _text(place: str, raw: dict[str, object], key: str, problems: list[str], required: bool = True) -> str:
    value = raw.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        problems.append(f'{place}, {key}: missing or empty (add {key} = "...")')
        return ""
    if first_control_character(value) is not None:
        problems.append(f"{place}, {key}: contains a control character (remove it)")
        return ""
    return value.strip()


def _month(place: str, value: object, problems: list[str]) -> dt.date | None:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    match = CHECKED.match(value) if isinstance(value, str) else None
    if match:
        year, month, day = match.groups()
        try:
            return dt.date(int(year), int(month), int(day or 1))
        except ValueError:
            pass
    problems.append(f'{place}, checked: {value!r} is not a date (write checked = "YYYY-MM")')
    return None
