# Type stubs for the native module, written by hand and checked with mypy.stubtest.
import datetime
import decimal
from collections.abc import Iterable
from typing import Literal, Optional, Union, final

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

class AsistentError(ValueError): ...

class InvalidValueError(AsistentError):
    what: str
    value: str

class YearOutOfRangeError(AsistentError):
    year: int
    first: int
    last: int

class PolicyError(AsistentError):
    field: str

class RightsError(AsistentError):
    field: str

class DatedBeforeBirthError(RightsError):
    student: str
    what: str
    date: datetime.date
    birth_date: datetime.date

class RelationshipToSelfError(RightsError):
    id: str
    relationship: str

class UnknownCategoryError(RightsError):
    input: str

@final
class Policy:
    @staticmethod
    def default() -> Policy: ...
    @staticmethod
    def from_json(json: str) -> Policy: ...
    def to_json(self) -> str: ...
    @property
    def effective_from(self) -> datetime.date: ...

@final
class WorkFreeDay:
    @property
    def date(self) -> datetime.date: ...
    @property
    def name_sl(self) -> str: ...
    @property
    def name_en(self) -> str: ...
    @property
    def kind(self) -> Literal["statutory", "one_off", "policy_added"]: ...

@final
class SchoolYear:
    def __new__(cls, start_year: int) -> SchoolYear: ...
    @staticmethod
    def containing(date: datetime.date) -> SchoolYear: ...
    @staticmethod
    def parse(label: str) -> SchoolYear: ...
    @property
    def start_year(self) -> int: ...
    @property
    def label(self) -> str: ...
    @property
    def first_day(self) -> datetime.date: ...
    @property
    def last_day(self) -> datetime.date: ...
    def __contains__(self, date: datetime.date, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Calendar:
    def __new__(cls, policy: Optional[Policy] = None) -> Calendar: ...
    def is_working_day(self, date: datetime.date) -> bool: ...
    def next_working_day(self, date: datetime.date) -> datetime.date: ...
    def add_working_days(self, date: datetime.date, n: int) -> datetime.date: ...
    def working_days_between(self, start: datetime.date, until: datetime.date) -> int: ...
    def work_free_day(self, date: datetime.date) -> Optional[WorkFreeDay]: ...
    def work_free_days(self, year: int) -> list[WorkFreeDay]: ...
    def last_lesson_day(self, school_year: SchoolYear, final_year: bool = False) -> datetime.date: ...

def local_date(instant: datetime.datetime) -> datetime.date: ...
def local_midnight(date: datetime.date) -> datetime.datetime: ...
def local_instant(date: datetime.date, hour: int, minute: int) -> datetime.datetime: ...
def parse_date(text: str) -> datetime.date: ...
def easter_sunday(year: int) -> datetime.date: ...
def format_eur(
    amount: Union[decimal.Decimal, int], style: Literal["slovenian", "plain"] = "slovenian"
) -> str: ...

_Category = Literal[
    "grades",
    "absences",
    "announced_assessments",
    "homework",
    "praise_and_comments",
    "remarks",
    "messages",
    "meals",
    "personal_data",
    "contact_data",
    "service_choice",
]
_Action = Literal["see", "decide", "change"]
_PersonKind = Literal["guardian", "student", "staff", "vendor"]
_Capacity = Literal[
    "parent_with_care",
    "parent_without_care",
    "legal_representative",
    "no_rights",
    "student",
    "adult_student",
    "staff",
    "vendor_support",
    "unrelated",
]

@final
class LegalBasis:
    @property
    def reference(self) -> str: ...
    @property
    def date(self) -> datetime.date: ...

@final
class Reason:
    @property
    def rule(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def basis(self) -> Optional[LegalBasis]: ...
    @property
    def text_sl(self) -> str: ...
    @property
    def text_en(self) -> str: ...

@final
class Decision:
    @property
    def allowed(self) -> bool: ...
    @property
    def capacity(self) -> _Capacity: ...
    @property
    def person(self) -> tuple[_PersonKind, str]: ...
    @property
    def student(self) -> str: ...
    @property
    def category(self) -> _Category: ...
    @property
    def action(self) -> _Action: ...
    @property
    def date(self) -> datetime.date: ...
    @property
    def reasons(self) -> list[Reason]: ...
    @property
    def rule_ids(self) -> list[str]: ...
    @property
    def text_sl(self) -> str: ...
    @property
    def text_en(self) -> str: ...

@final
class ChildView:
    @property
    def student(self) -> str: ...
    @property
    def capacity(self) -> _Capacity: ...
    @property
    def may_act(self) -> bool: ...
    @property
    def visible(self) -> list[_Category]: ...
    @property
    def decisions(self) -> list[Decision]: ...

@final
class AccessRecord:
    @property
    def who(self) -> tuple[_PersonKind, str]: ...
    @property
    def role(self) -> _Capacity: ...
    @property
    def staff_role(self) -> Optional[str]: ...
    @property
    def student(self) -> str: ...
    @property
    def category(self) -> _Category: ...
    @property
    def action(self) -> _Action: ...
    @property
    def purpose(self) -> str: ...
    @property
    def basis(self) -> Optional[LegalBasis]: ...
    @property
    def at(self) -> datetime.datetime: ...
    @property
    def allowed(self) -> bool: ...
    @property
    def rules(self) -> list[str]: ...
    def to_json(self) -> str: ...

@final
class RightsFacts:
    @staticmethod
    def from_json(json: str) -> RightsFacts: ...
    def to_json(self) -> str: ...
    def decide(
        self,
        person: tuple[_PersonKind, str],
        student: str,
        category: str,
        action: str,
        date: datetime.date,
        *,
        policy: Optional[Policy] = None,
        concerns_student_status: bool = False,
    ) -> Decision: ...
    def decide_many(
        self,
        questions: Iterable[tuple[tuple[_PersonKind, str], str, str, str, datetime.date]],
        *,
        policy: Optional[Policy] = None,
    ) -> list[Decision]: ...
    def decide_every_guardian(
        self, action: str, date: datetime.date, *, policy: Optional[Policy] = None
    ) -> list[Decision]: ...
    def children_of(
        self, guardian: str, date: datetime.date, *, policy: Optional[Policy] = None
    ) -> list[ChildView]: ...
    def access(
        self,
        person: tuple[_PersonKind, str],
        student: str,
        category: str,
        action: str,
        purpose: str,
        at: datetime.datetime,
        *,
        policy: Optional[Policy] = None,
    ) -> tuple[Decision, AccessRecord]: ...
