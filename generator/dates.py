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
# The last moment a DOCX's zip entries can be stamped with (their DOS dates end in
# 2107); a PDF's dates (four-digit years) reach further.
LATEST = dt.datetime(2107, 12, 31, 23, 59, 58, tzinfo=dt.timezone.utc)


def source_date_epoch() -> dt.datetime | None:
    """SOURCE_DATE_EPOCH as an aware UTC datetime, or None when it is not set."""
    raw = os.environ.get(ENV, "").strip()
    if not raw:
        return None
    try:
        seconds = int(raw)
        moment = dt.datetime.fromtimestamp(seconds, dt.timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise RenderFailure(f"{ENV}='{raw}' är inget giltigt antal sekunder sedan "
                            "1970-01-01 00:00 UTC") from None
    if moment > LATEST:
        raise RenderFailure(f"{ENV}='{raw}' är {moment:%Y-%m-%d %H:%M:%S} UTC, efter "
                            f"{LATEST:%Y-%m-%d %H:%M:%S}, den sista tid en DOCX-fil kan bära "
                            "(zip-formatets tidsstämplar slutar år 2107)")
    return moment


def midnight_utc(day: dt.date) -> dt.datetime:
    """*day* at 00:00 UTC: the moment a paper's date stands for in its files."""
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def modified_moment(day: dt.date) -> dt.datetime:
    """The paper's modification moment: *day* at 00:00 UTC, or SOURCE_DATE_EPOCH when
    it is set and later than that (never earlier than the paper's own date)."""
    created = midnight_utc(day)
    epoch = source_date_epoch()
    return epoch if epoch is not None and epoch > created else created

