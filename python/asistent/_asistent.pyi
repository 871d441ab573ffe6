# Type stubs for the native module, written by hand and checked with mypy.stubtest.
import array
import datetime
import decimal
from typing import Any, Iterable, Literal, Mapping, Optional, Union, final

__all__ = [
    "AccessRecord",
    "AccessReportLine",
    "AsistentError",
    "AuditEntry",
    "AuditError",
    "AuditLog",
    "AuditSignatureError",
    "AuditTruncatedError",
    "Calendar",
    "Checkpoint",
    "CheckpointSigner",
    "ChildPassword",
    "ChildQuote",
    "ChildView",
    "ChosenService",
    "CollectionInfo",
    "ComplaintAuthority",
    "ConfirmationSent",
    "DatedBeforeBirthError",
    "Decision",
    "EmptySmsError",
    "EmptyTextError",
    "EventRefusedError",
    "FamilyQuote",
    "FlowOutcome",
    "GdprOutcome",
    "GdprRestriction",
    "GdprRestrictionStep",
    "InstalmentsNotOfferedError",
    "InvalidContactError",
    "InvalidItemError",
    "InvalidSentSmsError",
    "InvalidValueError",
    "IssuedSecurityCode",
    "LegalBasis",
    "MalformedCodeError",
    "MissingContactError",
    "NotAllowedToChooseError",
    "NotTheClassTeacherError",
    "Notice",
    "NotificationRecipients",
    "NotifyChild",
    "NotifyError",
    "NotifyEvent",
    "NotifyPlan",
    "PaidPeriod",
    "Payment",
    "ParentFlow",
    "PasswordRefusedError",
    "PasswordResetRequest",
    "Policy",
    "PolicyError",
    "PriceList",
    "Printout",
    "PseudonymKey",
    "QuoteLine",
    "Reason",
    "Recipient",
    "Registration",
    "RelationshipToSelfError",
    "RestrictionStepError",
    "RightsError",
    "RightsFacts",
    "SchoolYear",
    "SentSms",
    "ServiceChange",
    "ServiceError",
    "SmsCost",
    "SmsCostLine",
    "SmsCostReport",
    "SmsCount",
    "SmsError",
    "SmsQuote",
    "SmsTooLongError",
    "StudentCredentials",
    "SystemRandomError",
    "TextTooLongError",
    "UnknownCategoryError",
    "UnknownItemKindError",
    "UnknownRecordKindError",
    "UnknownSchoolYearError",
    "VerificationRefusedError",
    "Visibility",
    "VisibilityBatch",
    "VisibilityEngine",
    "VisibilityError",
    "Withheld",
    "WorkFreeDay",
    "WrongRegistrationStateError",
    "YearOutOfRangeError",
    "bulk_send_plan",
    "change_password",
    "check_security_code",
    "choose_for_child",
    "choose_for_child_with_reasons",
    "choose_for_self",
    "choose_for_self_with_reasons",
    "class_overview",
    "credentials_printout",
    "data_roles",
    "decode_checkpoint",
    "deletion_date",
    "easter_sunday",
    "format_eur",
    "gdpr_decide",
    "hash_password",
    "issue_security_code",
    "local_date",
    "local_instant",
    "local_midnight",
    "normalize_email",
    "normalize_phone",
    "notification_recipients",
    "notification_recipients_with_reasons",
    "parse_date",
    "phone_kind",
    "phone_can_receive_sms",
    "plan_notices",
    "price_list_for",
    "quote_family",
    "redeem_reset_token",
    "request_password_reset",
    "reset_child_password",
    "security_code_sheet",
    "service_label_sl",
    "category_label_sl",
    "item_kind_label_sl",
    "viewer_from_registration",
    "sms_cost",
    "sms_cost_report",
    "sms_count",
    "sms_quote",
    "sms_transliterate",
    "statutory_collections",
    "verify_audit_consistency",
    "verify_audit_inclusion",
    "verify_password",
]

class AsistentError(ValueError): ...

class InvalidValueError(AsistentError):
    what: str
    value: str
    index: Optional[int]

class YearOutOfRangeError(AsistentError):
    year: int
    first: int
    last: int

class PolicyError(AsistentError):
    field: str

class SmsError(AsistentError): ...
class EmptySmsError(SmsError): ...

class SmsTooLongError(SmsError):
    segments: int
    max: int
    encoding: Literal["gsm7", "ucs2"]
    units: int

class InvalidSentSmsError(SmsError):
    index: int
    reason: str

class RightsError(AsistentError):
    field: str
    index: Optional[int]

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

class SystemRandomError(RuntimeError): ...

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
class ConfirmationSent:
    @property
    def code(self) -> str: ...
    @property
    def flow(self) -> ParentFlow: ...
    @property
    def outcome(self) -> FlowOutcome: ...

@final
class ChildPassword:
    @property
    def password(self) -> str: ...
    @property
    def hash_json(self) -> str: ...

@final
class ParentFlow:
    @staticmethod
    def start(record_json: str) -> ParentFlow: ...
    @staticmethod
    def from_json(json: str) -> ParentFlow: ...
    def to_json(self) -> str: ...
    def resume(self, record_json: str) -> ParentFlow: ...
    def record_json(self) -> str: ...
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
    ) -> ConfirmationSent: ...
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
def phone_can_receive_sms(text: str) -> bool: ...
def check_security_code(text: str) -> str: ...
def issue_security_code(
    guardian: str,
    student: str,
    school: str,
    now: datetime.datetime,
    policy: Optional[Policy] = None,
    *,
    previous: Iterable[str],
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
) -> ChildPassword: ...
def security_code_sheet(
    school_name: str,
    entries: Iterable[tuple[str, str, str, str, str]],
    policy: Optional[Policy] = None,
) -> Printout: ...
def class_overview(entries: Iterable[tuple[str, str, str, str, Optional[str]]]) -> Printout: ...
def credentials_printout(
    students: Iterable[StudentCredentials], one_page_each: bool = False
) -> Printout: ...
def bulk_send_plan(
    students: Iterable[StudentCredentials],
    channel: Literal["email", "sms"],
    message: str,
    policy: Optional[Policy] = None,
) -> tuple[list[str], list[tuple[str, Literal["already_active", "no_contact"]]], int, decimal.Decimal]: ...

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
        concerns_student_status: bool,
        policy: Optional[Policy] = None,
    ) -> Decision: ...
    def decide_many(
        self,
        questions: Iterable[tuple[tuple[_PersonKind, str], str, str, str, datetime.date, bool]],
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

# ---- services (R-C1 … R-C9) ----------------------------------------------------------
_ServiceName = Literal["minimalni", "za_starse", "za_ucence", "popolni", "no_electronic_contact"]
_ChooserName = Literal["legal_representative", "student", "other"]

class ServiceError(AsistentError):
    kind: str

class InstalmentsNotOfferedError(ServiceError):
    requested: int

class NotAllowedToChooseError(ServiceError):
    chooser: str

class WrongRegistrationStateError(ServiceError):
    event: str
    state: str
    since: datetime.date

@final
class PriceList:
    @property
    def from_school_year(self) -> str: ...
    @property
    def za_starse(self) -> decimal.Decimal: ...
    @property
    def za_ucence(self) -> decimal.Decimal: ...
    @property
    def popolni(self) -> decimal.Decimal: ...
    @property
    def za_ucence_addon(self) -> decimal.Decimal: ...

@final
class QuoteLine:
    @property
    def item(self) -> str: ...
    @property
    def label_sl(self) -> str: ...
    @property
    def amount(self) -> decimal.Decimal: ...

@final
class ChildQuote:
    @property
    def student(self) -> str: ...
    @property
    def service(self) -> str: ...
    @property
    def lines(self) -> list[QuoteLine]: ...
    @property
    def total(self) -> decimal.Decimal: ...
    @property
    def reasons(self) -> list[str]: ...

@final
class NotificationRecipients:
    @property
    def guardians(self) -> list[str]: ...
    @property
    def reasons(self) -> list[str]: ...

@final
class ChosenService:
    @property
    def student(self) -> Optional[str]: ...
    @property
    def service(self) -> str: ...
    @property
    def reasons(self) -> list[str]: ...

@final
class FamilyQuote:
    @property
    def school_year(self) -> str: ...
    @property
    def children(self) -> list[ChildQuote]: ...
    @property
    def total(self) -> decimal.Decimal: ...
    @property
    def reasons(self) -> list[str]: ...
    @property
    def text_sl(self) -> str: ...
    @property
    def text_en(self) -> str: ...

@final
class PaidPeriod:
    @property
    def date(self) -> datetime.date: ...
    @property
    def notices_may_be_sent(self) -> bool: ...
    @property
    def portal_readable(self) -> bool: ...
    @property
    def reasons(self) -> list[str]: ...

@final
class Payment:
    @property
    def school_year(self) -> str: ...
    @property
    def service(self) -> str: ...
    @property
    def amount(self) -> decimal.Decimal: ...
    @property
    def paid_on(self) -> datetime.date: ...

@final
class ServiceChange:
    @property
    def on(self) -> datetime.date: ...
    @property
    def from_service(self) -> _ServiceName: ...
    @property
    def to_service(self) -> _ServiceName: ...

_Step = tuple[Registration, dict[str, Any]]

@final
class Registration:
    @staticmethod
    def register(
        guardian: str,
        student: str,
        school: str,
        service: _ServiceName,
        on: datetime.date,
        *,
        chooser: _ChooserName,
    ) -> Registration: ...
    @staticmethod
    def from_json(json: str) -> Registration: ...
    def to_json(self) -> str: ...
    def change_service(
        self, service: _ServiceName, on: datetime.date, *, chooser: _ChooserName
    ) -> _Step: ...
    def pay(
        self, school_year: Union[SchoolYear, str], on: datetime.date, policy: Optional[Policy] = None
    ) -> _Step: ...
    def revoke(self, on: datetime.date) -> _Step: ...
    def finish_schooling(self, on: datetime.date) -> _Step: ...
    def change_school(self, to: str, on: datetime.date) -> _Step: ...
    def period_on(self, date: datetime.date) -> PaidPeriod: ...
    def service_on(self, date: datetime.date) -> Optional[_ServiceName]: ...
    def amount_due(
        self, school_year: Union[SchoolYear, str], policy: Optional[Policy] = None
    ) -> decimal.Decimal: ...
    @property
    def service_changes(self) -> list[ServiceChange]: ...
    @property
    def guardian(self) -> str: ...
    @property
    def student(self) -> str: ...
    @property
    def school(self) -> str: ...
    @property
    def service(self) -> str: ...
    @property
    def status(self) -> Literal["active", "revoked", "ended"]: ...
    @property
    def paid_years(self) -> list[str]: ...
    @property
    def payments(self) -> list[Payment]: ...
    def status_detail(self) -> dict[str, Any]: ...

def price_list_for(
    school_year: Union[SchoolYear, str], policy: Optional[Policy] = None
) -> Optional[PriceList]: ...
def quote_family(
    school_year: Union[SchoolYear, str],
    orders: Union[Mapping[str, _ServiceName], Iterable[tuple[str, _ServiceName]]],
    policy: Optional[Policy] = None,
    instalments: int = 1,
) -> FamilyQuote: ...
def notification_recipients(service: _ServiceName, guardians: Iterable[str]) -> list[str]: ...
def choose_for_child(chooser: _ChooserName, student: str, service: _ServiceName) -> str: ...
def choose_for_self(chooser: _ChooserName, service: _ServiceName) -> str: ...
def notification_recipients_with_reasons(
    service: _ServiceName, guardians: Iterable[str]
) -> NotificationRecipients: ...
def choose_for_child_with_reasons(
    chooser: _ChooserName, student: str, service: _ServiceName
) -> ChosenService: ...
def choose_for_self_with_reasons(chooser: _ChooserName, service: _ServiceName) -> ChosenService: ...
def service_label_sl(service: str) -> str: ...
def category_label_sl(category: str) -> str: ...
def item_kind_label_sl(kind: str) -> str: ...
@final
class SmsCount:
    @property
    def encoding(self) -> Literal["gsm7", "ucs2"]: ...
    @property
    def segments(self) -> int: ...
    @property
    def units(self) -> int: ...
    @property
    def characters(self) -> int: ...
    @property
    def per_part_limit(self) -> int: ...
    @property
    def remaining_in_last_part(self) -> int: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...

@final
class SmsCost:
    @property
    def count(self) -> SmsCount: ...
    @property
    def price_per_segment(self) -> decimal.Decimal: ...
    @property
    def total(self) -> decimal.Decimal: ...

@final
class SmsQuote:
    @property
    def as_written(self) -> SmsCost: ...
    @property
    def transliterated_text(self) -> str: ...
    @property
    def transliterated(self) -> SmsCost: ...
    @property
    def saving(self) -> decimal.Decimal: ...

@final
class SentSms:
    def __new__(
        cls, recipient: str, child: str, sent_at: datetime.datetime, text: str
    ) -> SentSms: ...
    @property
    def recipient(self) -> str: ...
    @property
    def child(self) -> str: ...
    @property
    def sent_at(self) -> datetime.datetime: ...
    @property
    def text(self) -> str: ...

@final
class SmsCostLine:
    @property
    def recipient(self) -> str: ...
    @property
    def child(self) -> str: ...
    @property
    def year(self) -> int: ...
    @property
    def month(self) -> int: ...
    @property
    def messages(self) -> int: ...
    @property
    def segments(self) -> int: ...
    @property
    def cost(self) -> decimal.Decimal: ...

@final
class SmsCostReport:
    @property
    def lines(self) -> list[SmsCostLine]: ...
    @property
    def messages(self) -> int: ...
    @property
    def segments(self) -> int: ...
    @property
    def total(self) -> decimal.Decimal: ...

def sms_count(text: str) -> SmsCount: ...
def sms_cost(text: str, policy: Optional[Policy] = None) -> SmsCost: ...
def sms_transliterate(text: str) -> str: ...
def sms_quote(text: str, policy: Optional[Policy] = None) -> SmsQuote: ...
def sms_cost_report(
    messages: Iterable[SentSms], policy: Optional[Policy] = None
) -> SmsCostReport: ...

# ---- audit trail (R-F6) and GDPR (R-F7 … R-F9) --------------------------------------

# ---- audit trail (R-F6) ----------------------------------------------------------------

class AuditError(AsistentError):
    check: str

class AuditTruncatedError(AuditError):
    what: str
    needed: int
    available: int

class AuditSignatureError(AuditError):
    tree_size: int

class UnknownRecordKindError(AsistentError):
    record_kind: str
    known: str

class RestrictionStepError(AsistentError):
    state: str
    event: str

_Role = Literal[
    "guardian",
    "student",
    "class_teacher",
    "teacher",
    "counsellor",
    "school_administrator",
    "vendor_support",
]

@final
class PseudonymKey:
    def __new__(cls, secret: bytes) -> PseudonymKey: ...
    def student(self, id: str) -> str: ...
    def guardian(self, id: str) -> str: ...
    def staff(self, id: str) -> str: ...
    def vendor_staff(self, id: str) -> str: ...

@final
class CheckpointSigner:
    @staticmethod
    def from_pkcs8(pkcs8: bytes) -> CheckpointSigner: ...
    @staticmethod
    def from_seed(seed: bytes) -> CheckpointSigner: ...
    @property
    def public_key(self) -> bytes: ...

@final
class AuditEntry:
    def __new__(
        cls,
        actor: str,
        role: str,
        subject: str,
        category: str,
        purpose: str,
        basis: Iterable[str],
        at: datetime.datetime,
    ) -> AuditEntry: ...
    @staticmethod
    def decode(data: bytes) -> AuditEntry: ...
    @staticmethod
    def from_access(record: AccessRecord, key: PseudonymKey) -> AuditEntry: ...
    def encode(self) -> bytes: ...
    @property
    def actor(self) -> str: ...
    @property
    def role(self) -> _Role: ...
    @property
    def subject(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def purpose(self) -> str: ...
    @property
    def basis(self) -> list[str]: ...
    @property
    def at(self) -> datetime.datetime: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class Checkpoint:
    @property
    def tree_size(self) -> int: ...
    @property
    def root(self) -> bytes: ...
    @property
    def at(self) -> datetime.datetime: ...

@final
class AccessReportLine:
    @property
    def leaf_index(self) -> int: ...
    @property
    def entry(self) -> AuditEntry: ...
    @property
    def role_sl(self) -> str: ...
    @property
    def role_en(self) -> str: ...

@final
class AuditLog:
    def __new__(cls, entries: Optional[Iterable[AuditEntry]] = None) -> AuditLog: ...
    def append(self, entry: AuditEntry) -> int: ...
    def append_access(self, record: AccessRecord, key: PseudonymKey) -> int: ...
    def extend(self, entries: Iterable[AuditEntry]) -> None: ...
    def __len__(self) -> int: ...
    def entries(self) -> list[AuditEntry]: ...
    @property
    def root(self) -> bytes: ...
    def checkpoint(self, signer: CheckpointSigner, now: datetime.datetime) -> bytes: ...
    def inclusion_proof(self, index: int, tree_size: Optional[int] = None) -> bytes: ...
    def consistency_proof(self, old_size: int, new_size: Optional[int] = None) -> bytes: ...
    def verify_against(self, checkpoint: bytes, public_key: bytes) -> None: ...
    def report_for(
        self, subject: str, start: datetime.datetime, until: datetime.datetime
    ) -> list[AccessReportLine]: ...

def decode_checkpoint(checkpoint: bytes, public_key: bytes) -> Checkpoint: ...
def verify_audit_inclusion(
    entry: AuditEntry, proof: bytes, checkpoint: bytes, public_key: bytes
) -> None: ...
def verify_audit_consistency(proof: bytes, old: bytes, new: bytes, public_key: bytes) -> None: ...

# ---- GDPR (R-F7, R-F8, R-F9) -----------------------------------------------------------

@final
class CollectionInfo:
    @property
    def code(self) -> str: ...
    @property
    def point(self) -> int: ...
    @property
    def label_sl(self) -> str: ...
    @property
    def label_en(self) -> str: ...
    @property
    def needs_parental_consent(self) -> bool: ...
    @property
    def special_category(self) -> bool: ...
    @property
    def legal_basis_sl(self) -> str: ...
    @property
    def legal_basis_en(self) -> str: ...

@final
class ComplaintAuthority:
    @property
    def authority_sl(self) -> str: ...
    @property
    def authority_en(self) -> str: ...
    @property
    def address(self) -> str: ...
    @property
    def email(self) -> str: ...
    @property
    def phone(self) -> str: ...

@final
class GdprOutcome:
    @property
    def decision(self) -> Literal["granted", "refused"]: ...
    @property
    def controller(self) -> Literal["school", "vendor"]: ...
    @property
    def processor(self) -> Optional[Literal["school", "vendor"]]: ...
    @property
    def provisions(self) -> list[str]: ...
    @property
    def text_sl(self) -> str: ...
    @property
    def text_en(self) -> str: ...
    @property
    def notify_before_lifting(self) -> bool: ...
    @property
    def delete_on(self) -> Optional[datetime.date]: ...
    @property
    def provide_copy(self) -> bool: ...
    @property
    def complaint_to(self) -> Optional[str]: ...
    @property
    def complaint(self) -> Optional[ComplaintAuthority]: ...
    @property
    def rules(self) -> list[str]: ...

@final
class GdprRestriction:
    @staticmethod
    def start(
        record_kind: str, now: datetime.datetime, policy: Optional[Policy] = None
    ) -> GdprRestriction: ...
    @property
    def state(self) -> Literal["active", "lifting_notified", "lifted"]: ...
    @property
    def is_restricted(self) -> bool: ...
    @staticmethod
    def from_json(json: str, policy: Optional[Policy] = None) -> GdprRestriction: ...
    def to_json(self) -> str: ...
    @property
    def record_kind(self) -> str: ...
    @property
    def since(self) -> Optional[datetime.datetime]: ...
    @property
    def notified_at(self) -> Optional[datetime.datetime]: ...
    @property
    def lifted_at(self) -> Optional[datetime.datetime]: ...
    @property
    def last_step(self) -> Optional[GdprRestrictionStep]: ...
    def notify_person(self, now: datetime.datetime) -> GdprRestriction: ...
    def lift(self, now: datetime.datetime) -> GdprRestriction: ...

@final
class GdprRestrictionStep:
    @property
    def text_sl(self) -> str: ...
    @property
    def text_en(self) -> str: ...
    @property
    def rule_ids(self) -> list[str]: ...

def statutory_collections() -> list[CollectionInfo]: ...
def data_roles(
    record_kind: str, policy: Optional[Policy] = None
) -> tuple[Literal["school", "vendor"], Optional[Literal["school", "vendor"]]]: ...
def deletion_date(
    record_kind: str, end_of_schooling: datetime.date, policy: Optional[Policy] = None
) -> Union[datetime.date, Literal["permanent", "not_statutory"]]: ...
def gdpr_decide(
    kind: Literal["access", "rectification", "erasure", "restriction"],
    record_kind: str,
    today: datetime.date,
    *,
    standing: Literal[
        "parent_of_minor", "legal_representative_of_minor", "adult_student", "not_entitled"
    ],
    end_of_schooling: Optional[datetime.date] = None,
    accuracy_contested: bool = False,
    consent_withdrawn: bool = False,
    policy: Optional[Policy] = None,
) -> GdprOutcome: ...

class NotifyError(AsistentError):
    kind: str

class UnknownSchoolYearError(NotifyError):
    event: int
    entered_on: datetime.date
    event_year: str
    planned: str

class MissingContactError(NotifyError):
    recipient: str
    channel: Literal["email", "sms"]

class EmptyTextError(NotifyError):
    event: int
    field: str

class EventRefusedError(NotifyError):
    event: int
    problem: str
    student: str

class TextTooLongError(NotifyError):
    recipient: str
    student: str
    channel: Literal["email", "sms"]
    characters: int

@final
class Recipient:
    def __new__(
        cls,
        id: str,
        mode: Literal["daily", "weekly"],
        channels: Iterable[str],
        *,
        is_student: bool,
        email: Optional[str] = None,
        phone: Optional[str] = None,
        quiet_hours: Optional[tuple[datetime.time, datetime.time]] = None,
        language: str = "sl",
        transliterate_sms: bool = False,
    ) -> Recipient: ...

@final
class NotifyChild:
    def __new__(
        cls,
        student_id: str,
        name: str,
        registration: Registration,
        recipients: Iterable[str],
    ) -> NotifyChild: ...

@final
class NotifyEvent:
    @staticmethod
    def absence(
        id: int,
        student: str,
        entered_at: datetime.datetime,
        date: datetime.date,
        lessons: int,
    ) -> NotifyEvent: ...
    @staticmethod
    def grade(
        id: int, student: str, entered_at: datetime.datetime, subject: str, grade: int
    ) -> NotifyEvent: ...
    @staticmethod
    def observation(
        id: int,
        student: str,
        entered_at: datetime.datetime,
        kind: Literal["praise", "comment", "observation"],
        text: str,
        lesson_closed_at: Optional[datetime.datetime] = None,
    ) -> NotifyEvent: ...
    @staticmethod
    def announced_assessment(
        id: int,
        student: str,
        entered_at: datetime.datetime,
        subject: str,
        date: datetime.date,
    ) -> NotifyEvent: ...
    @property
    def id(self) -> int: ...

@final
class Notice:
    @property
    def recipient(self) -> str: ...
    @property
    def channel(self) -> Literal["email", "sms"]: ...
    @property
    def student(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def due_at(self) -> datetime.datetime: ...
    @property
    def send_at(self) -> datetime.datetime: ...
    @property
    def items(self) -> list[int]: ...
    @property
    def text(self) -> str: ...
    @property
    def sms(self) -> Optional[SmsCost]: ...
    @property
    def reasons(self) -> list[str]: ...

@final
class Withheld:
    @property
    def recipient(self) -> str: ...
    @property
    def recipient_is_student(self) -> bool: ...
    @property
    def student(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def reason(self) -> str: ...
    @property
    def items(self) -> int: ...

@final
class NotifyPlan:
    @property
    def notices(self) -> list[Notice]: ...
    @property
    def withheld(self) -> list[Withheld]: ...
    @property
    def sms_cost(self) -> SmsCostReport: ...

def plan_notices(
    recipients: Iterable[Recipient],
    children: Iterable[NotifyChild],
    events: Iterable[NotifyEvent],
    start: datetime.date,
    until: datetime.date,
    facts: RightsFacts,
    policy: Optional[Policy] = None,
) -> NotifyPlan: ...

# ---- visibility (R-D1 … R-D11, R-C7, R-C9, R-C10, R-G1, R-G2) ----

class VisibilityError(AsistentError):
    problem: str
    index: Optional[int]

class UnknownItemKindError(VisibilityError):
    input: str

class NotTheClassTeacherError(VisibilityError):
    student: str
    by: str
    student_class: str

class InvalidItemError(VisibilityError):
    student: str

_ItemKind = Literal[
    "grade",
    "announced_assessment",
    "absence",
    "praise",
    "comment",
    "observation",
    "remark",
    "homework",
    "message",
    "subject_list",
    "parent_teacher_meeting",
    "article",
    "meal",
    "absence_excuse",
]
_Instant = Union[datetime.datetime, int]
_Item = tuple[Any, ...]
_Viewer = Union[
    tuple[Literal["guardian", "student"], str, str, _ServiceName],
    tuple[Literal["guardian", "student"], str, str, _ServiceName, Optional[datetime.date]],
    tuple[Literal["guardian", "student"], str, str, _ServiceName, Optional[datetime.date], bool],
]

def viewer_from_registration(
    registration: Registration, on: datetime.date
) -> tuple[Literal["guardian", "student"], str, str, _ServiceName, Optional[datetime.date], bool]: ...

@final
class Visibility:
    @property
    def state(self) -> Literal["visible", "pending", "never"]: ...
    @property
    def visible_from(self) -> Optional[datetime.datetime]: ...
    @property
    def revised_from(self) -> Optional[datetime.datetime]: ...
    @property
    def waiting(self) -> Optional[Literal["lesson_close", "class_teacher_forwarding"]]: ...
    @property
    def hidden(
        self,
    ) -> Optional[
        Literal[
            "service",
            "not_latest_grade",
            "rights",
            "period",
            "meals_not_run",
            "excuses_not_agreed",
            "withdrawn",
        ]
    ]: ...
    @property
    def decision(self) -> Optional[Decision]: ...
    @property
    def rule_ids(self) -> list[str]: ...
    @property
    def text_sl(self) -> str: ...
    @property
    def text_en(self) -> str: ...
    def is_visible_at(self, now: _Instant) -> bool: ...

@final
class VisibilityBatch:
    def __len__(self) -> int: ...
    def __getitem__(self, key: int, /) -> tuple[int, int, Visibility]: ...
    @property
    def items(self) -> list[int]: ...
    @property
    def viewers(self) -> list[int]: ...
    @property
    def states(self) -> list[str]: ...
    @property
    def causes(self) -> list[Optional[str]]: ...
    def timestamps(self) -> list[Optional[int]]: ...
    def timestamp_array(self, missing: int) -> array.array[int]: ...
    def instants(self) -> list[Optional[datetime.datetime]]: ...

@final
class VisibilityEngine:
    def __new__(
        cls,
        facts: RightsFacts,
        on: datetime.date,
        *,
        policy: Optional[Policy] = None,
        meals_through_system: bool = False,
        absence_excuses_agreed: bool = False,
    ) -> VisibilityEngine: ...
    @property
    def on(self) -> datetime.date: ...
    def visible_from(
        self, item: _Item, viewer: _Viewer, *, grades: Optional[Iterable[_Item]] = None
    ) -> Visibility: ...
    def visible_from_many(
        self, items: Iterable[_Item], viewers: Iterable[_Viewer]
    ) -> VisibilityBatch: ...
    def may_send_absence_excuse(self, viewer: _Viewer) -> tuple[bool, list[str]]: ...
