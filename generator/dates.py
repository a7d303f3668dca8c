"""The dates stamped in files: the paper's own date, or SOURCE_DATE_EPOCH.

A paper never carries the time it was built, so the same plan gives the same bytes
on any day and in any time zone. Two dates are stamped:

* *created* (PDF CreationDate and xmp:CreateDate, DOCX dcterms:created) is always the
  paper's own date (``datum``) at 00:00 UTC: it is part of what the paper says.
* *modified* (PDF ModDate and xmp:ModifyDate, DOCX dcterms:modified and the DOCX zip
  entries' timestamps) is the same date, unless the environment variable
  ``SOURCE_DATE_EPOCH`` (https://reproducible-builds.org/specs/source-date-epoch/) is
  set: then it is that moment in UTC, but never earlier than the paper's date. This lets
  a packager stamp every file with the time of the commit that made it, and still get
  the same bytes from the same commit.

A malformed SOURCE_DATE_EPOCH is an error, as the specification asks: a silently
ignored value would give files that differ from what the packager expected.
"""

from __future__ import annotations

import datetime as dt
import os

from generator.errors import RenderFailure

ENV = "SOURCE_DATE_EPOCH"


def source_date_epoch() -> dt.datetime | None:
    """SOURCE_DATE_EPOCH as an aware UTC datetime, or None when it is not set."""
    raw = os.environ.get(ENV, "").strip()
    if not raw:
        return None
    try:
        seconds = int(raw)
        return dt.datetime.fromtimestamp(seconds, dt.timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise RenderFailure(f"{ENV}='{raw}' är inget giltigt antal sekunder sedan "
                            "1970-01-01 00:00 UTC") from None


def midnight_utc(day: dt.date) -> dt.datetime:
    """*day* at 00:00 UTC: the moment a paper's date stands for in its files."""
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def modified_stamp(day: dt.date) -> str:
    """The paper's modification date for the HTML head (``dcterms.modified``).

    The bare date when SOURCE_DATE_EPOCH is not set (the same as ``dcterms.created``),
    else the epoch as ``YYYY-MM-DDTHH:MM:SSZ``, clamped so it is never before *day*.
    """
    epoch = source_date_epoch()
    if epoch is None or epoch <= midnight_utc(day):
        return day.isoformat()
    return epoch.strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_stamp(text: str) -> dt.datetime:
    """A ``dcterms.*`` value (a date, or a date and time) as an aware UTC datetime."""
    if "T" not in text:
        return midnight_utc(dt.date.fromisoformat(text))
    moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(dt.timezone.utc)
