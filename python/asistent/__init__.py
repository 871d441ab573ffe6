"""asistent — the rules of a Slovenian school–parent portal, for school scripts.

Dates are ``datetime.date``, instants timezone-aware ``datetime.datetime``, money
``decimal.Decimal``. Every error is an ``asistent.AsistentError`` (a ``ValueError``).
"""

from asistent._asistent import (
    AccessRecord,
    AsistentError,
    Calendar,
    ChildView,
    DatedBeforeBirthError,
    Decision,
    InvalidValueError,
    LegalBasis,
    Policy,
    PolicyError,
    Reason,
    RelationshipToSelfError,
    RightsError,
    RightsFacts,
    SchoolYear,
    UnknownCategoryError,
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
    "AccessRecord",
    "AsistentError",
    "Calendar",
    "ChildView",
    "DatedBeforeBirthError",
    "Decision",
    "InvalidValueError",
    "LegalBasis",
    "Policy",
    "PolicyError",
    "Reason",
    "RelationshipToSelfError",
    "RightsError",
    "RightsFacts",
    "SchoolYear",
    "UnknownCategoryError",
    "WorkFreeDay",
    "YearOutOfRangeError",
    "easter_sunday",
    "format_eur",
    "local_date",
    "local_instant",
    "local_midnight",
    "parse_date",
]
