# Type stubs for the native module, written by hand and checked with mypy.stubtest.
import datetime
import decimal
from typing import Iterable, Literal, Optional, Union, final

__all__ = [
    "AsistentError",
    "Calendar",
    "FlowOutcome",
    "InvalidContactError",
    "InvalidValueError",
    "IssuedSecurityCode",
    "MalformedCodeError",
    "ParentFlow",
    "PasswordRefusedError",
    "PasswordResetRequest",
    "Policy",
    "PolicyError",
    "Printout",
    "SchoolYear",
    "StudentCredentials",
    "VerificationRefusedError",
    "WorkFreeDay",
    "YearOutOfRangeError",
    "bulk_send_plan",
    "change_password",
    "check_security_code",
    "class_overview",
    "credentials_printout",
    "easter_sunday",
    "format_eur",
    "hash_password",
    "issue_security_code",
    "local_date",
    "local_instant",
    "local_midnight",
    "normalize_email",
    "normalize_phone",
    "parse_date",
    "phone_kind",
    "redeem_reset_token",
    "request_password_reset",
    "reset_child_password",
    "security_code_sheet",
    "verify_password",
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

# ---- verify: security codes, the parent's way in, credentials (R-A1 … R-A9, R-B1 … R-B10)

class MalformedCodeError(AsistentError):
    what: str

class InvalidContactError(AsistentError):
    kind: Literal["email", "phone"]
    input: str

class PasswordRefusedError(AsistentError):
    kind: str

class VerificationRefusedError(AsistentError):
    kind: str

@final
class IssuedSecurityCode:
    @property
    def code(self) -> str: ...
    @property
    def record_json(self) -> str: ...
    @property
    def revoked_json(self) -> list[str]: ...

@final
class FlowOutcome:
    @property
    def kind(self) -> str: ...
    @property
    def attempts_left(self) -> Optional[int]: ...
    @property
    def message_sl(self) -> str: ...
    @property
    def rules(self) -> list[str]: ...

@final
class ParentFlow:
    @staticmethod
    def start(record_json: str) -> ParentFlow: ...
    @staticmethod
    def from_json(json: str) -> ParentFlow: ...
    def to_json(self) -> str: ...
    @property
    def step_name(self) -> str: ...
    def enter_code(
        self, code: str, now: datetime.datetime, policy: Optional[Policy] = None
    ) -> tuple[ParentFlow, FlowOutcome]: ...
    def enter_birth_date(
        self,
        given: datetime.date,
        on_record: datetime.date,
        now: datetime.datetime,
        policy: Optional[Policy] = None,
    ) -> tuple[ParentFlow, FlowOutcome]: ...
    def send_confirmation(
        self,
        kind: Literal["email", "phone"],
        contact: str,
        now: datetime.datetime,
        policy: Optional[Policy] = None,
    ) -> tuple[str, ParentFlow, FlowOutcome]: ...
    def enter_confirmation(
        self,
        kind: Literal["email", "phone"],
        contact: str,
        code: str,
        now: datetime.datetime,
        policy: Optional[Policy] = None,
    ) -> tuple[ParentFlow, FlowOutcome]: ...
    def choose_services(
        self,
        for_parent: str,
        for_child: str,
        now: datetime.datetime,
        policy: Optional[Policy] = None,
    ) -> tuple[ParentFlow, FlowOutcome]: ...
    def revoke(
        self, now: datetime.datetime, policy: Optional[Policy] = None
    ) -> tuple[ParentFlow, FlowOutcome]: ...

@final
class PasswordResetRequest:
    @property
    def message_sl(self) -> str: ...
    @property
    def message_en(self) -> str: ...
    @property
    def token(self) -> Optional[str]: ...
    @property
    def record_json(self) -> Optional[str]: ...

@final
class Printout:
    @property
    def html(self) -> str: ...
    @property
    def text(self) -> str: ...

@final
class StudentCredentials:
    def __new__(
        cls,
        student: str,
        name: str,
        class_id: str,
        username: str,
        initial_password: Optional[str] = None,
        has_logged_in: bool = False,
        changed_password: bool = False,
        email: Optional[str] = None,
        phone: Optional[str] = None,
    ) -> StudentCredentials: ...

def normalize_email(text: str) -> str: ...
def normalize_phone(text: str) -> str: ...
def phone_kind(text: str) -> Literal["slovenian_mobile", "slovenian_fixed", "foreign"]: ...
def check_security_code(text: str) -> str: ...
def issue_security_code(
    guardian: str,
    student: str,
    school: str,
    now: datetime.datetime,
    policy: Optional[Policy] = None,
    previous: Optional[Iterable[str]] = None,
) -> IssuedSecurityCode: ...
def hash_password(password: str, policy: Optional[Policy] = None) -> str: ...
def verify_password(hash_json: str, password: str) -> bool: ...
def change_password(
    hash_json: str, old_password: str, new_password: str, policy: Optional[Policy] = None
) -> str: ...
def request_password_reset(
    email: str,
    account: Optional[Literal["parent", "student"]],
    now: datetime.datetime,
    policy: Optional[Policy] = None,
) -> PasswordResetRequest: ...
def redeem_reset_token(record_json: str, token: str, now: datetime.datetime) -> tuple[str, str]: ...
def reset_child_password(
    portal_active: bool, children: Iterable[str], child: str, policy: Optional[Policy] = None
) -> tuple[str, str]: ...
def security_code_sheet(
    school_name: str,
    entries: Iterable[tuple[str, str, str, str, datetime.date]],
    policy: Optional[Policy] = None,
) -> Printout: ...
def class_overview(entries: Iterable[tuple[str, str, str, str, Optional[str]]]) -> Printout: ...
def credentials_printout(
    students: Iterable[StudentCredentials], one_page_each: bool = False
) -> Printout: ...
def bulk_send_plan(
    students: Iterable[StudentCredentials],
    channel: Literal["email", "sms"],
    segments_per_message: int = 1,
    price_per_sms: Union[decimal.Decimal, int, None] = None,
) -> tuple[list[str], list[str], int, decimal.Decimal]: ...
