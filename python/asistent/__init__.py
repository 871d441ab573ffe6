"""asistent — the rules of a Slovenian school–parent portal, for school scripts.

Dates are ``datetime.date``, instants timezone-aware ``datetime.datetime``, money
``decimal.Decimal``. Every error is an ``asistent.AsistentError`` (a ``ValueError``).
"""

from asistent._asistent import (
    AsistentError,
    Calendar,
    InvalidValueError,
    Policy,
    PolicyError,
    SchoolYear,
    WorkFreeDay,
    YearOutOfRangeError,
    easter_sunday,
    format_eur,
    local_date,
    local_instant,
    local_midnight,
    parse_date,
)

__all__ = [
    "AsistentError",
    "Calendar",
    "InvalidValueError",
    "Policy",
    "PolicyError",
    "SchoolYear",
    "WorkFreeDay",
    "YearOutOfRangeError",
    "easter_sunday",
    "format_eur",
    "local_date",
    "local_instant",
    "local_midnight",
    "parse_date",
]
