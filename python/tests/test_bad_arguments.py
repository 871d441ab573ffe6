"""Bad whole numbers and bad items of iterables are the library's InvalidValueError, naming
the argument and the value — not Python's own OverflowError/TypeError/ValueError."""

import datetime as dt

import pytest

import asistent
from asistent import AuditEntry, AuditLog, InvalidValueError, NotifyEvent, PseudonymKey, Recipient, SchoolYear

UTC = dt.timezone.utc
AT = dt.datetime(2026, 11, 5, 9, tzinfo=UTC)


def refused(call, what, value, reason):
    with pytest.raises(InvalidValueError) as err:
        call()
    assert (err.value.what, err.value.value) == (what, value)
    assert str(err.value) == reason
    return err.value


def test_r_e1_notify_event_numbers_are_checked_by_name():
    refused(lambda: NotifyEvent.grade(1, "ana", AT, "fizika", 300), "grade", "300",
            "grade must be a whole number from 0 to 255, got 300")
    refused(lambda: NotifyEvent.grade(-1, "ana", AT, "fizika", 3), "id", "-1",
            "id must be a whole number from 0 to 18446744073709551615, got -1")
    refused(lambda: NotifyEvent.absence(1, "ana", AT, dt.date(2026, 11, 5), 2.0), "lessons", "2.0",
            "lessons must be a whole number from 0 to 4294967295, got float 2.0")
    refused(lambda: NotifyEvent.observation(True, "ana", AT, "praise", "Bravo"), "id", "True",
            "id must be a whole number from 0 to 18446744073709551615, got bool True")
    refused(lambda: NotifyEvent.announced_assessment(2**64, "ana", AT, "fizika", dt.date(2026, 11, 9)),
            "id", str(2**64), f"id must be a whole number from 0 to 18446744073709551615, got {2**64}")
    assert NotifyEvent.grade(2**64 - 1, "ana", AT, "fizika", 3).id == 2**64 - 1


def test_r_e7_calendar_numbers_are_checked_by_name():
    d = dt.date(2026, 3, 29)
    refused(lambda: asistent.local_instant(d, -1, 0), "hour", "-1",
            "hour must be a whole number from 0 to 4294967295, got -1")
    refused(lambda: asistent.local_instant(d, 2, "30"), "minute", "'30'",
            "minute must be a whole number from 0 to 4294967295, got str '30'")
    refused(lambda: asistent.Calendar().add_working_days(d, -5), "n", "-5",
            "n must be a whole number from 0 to 4294967295, got -5")
    refused(lambda: asistent.Calendar().work_free_days(2**40), "year", str(2**40),
            f"year must be a whole number from -2147483648 to 2147483647, got {2**40}")
    refused(lambda: asistent.easter_sunday(2026.0), "year", "2026.0",
            "year must be a whole number from -2147483648 to 2147483647, got float 2026.0")
    refused(lambda: SchoolYear("2026"), "start_year", "'2026'",
            "start_year must be a whole number from -2147483648 to 2147483647, got str '2026'")
    assert asistent.easter_sunday(2026) == dt.date(2026, 4, 5)


def test_r_e1_items_of_iterables_are_checked_by_position():
    refused(lambda: Recipient("mama", "daily", ["email", 1], is_student=False), "channels[1]", "1",
            "channels[1] must be a str, got int 1")
    reg = asistent.Registration.register("mama", "ana", "os-a", "za_starse", dt.date(2025, 9, 10),
                                         chooser="legal_representative")
    refused(lambda: asistent.NotifyChild("ana", "Ana", reg, [None]), "recipients[0]", "None",
            "recipients[0] must be a str, got NoneType None")
    refused(lambda: asistent.notification_recipients("za_starse", ["mama", b"oce"]), "guardians[1]", "b'oce'",
            "guardians[1] must be a str, got bytes b'oce'")


def test_r_c2_quote_family_orders_and_instalments_are_checked_by_name():
    refused(lambda: asistent.quote_family("2025/26", [("ana",)]), "orders[0]", "('ana',)",
            "orders[0] must be a (student, service) pair of str, got tuple ('ana',)")
    refused(lambda: asistent.quote_family("2025/26", {"ana": "popolni"}, instalments=-2), "instalments", "-2",
            "instalments must be a whole number from 0 to 4294967295, got -2")
    assert asistent.quote_family("2025/26", {"ana": "popolni"}).total == asistent.quote_family(
        "2025/26", {"ana": "popolni"}, instalments=1).total


def test_r_b8_r_b2_verify_iterables_are_checked_by_position():
    refused(lambda: asistent.issue_security_code("ana", "mark", "os", AT, previous=[3]), "previous[0]", "3",
            "previous[0] must be a str, got int 3")
    refused(lambda: asistent.reset_child_password(True, ["mark", 7], "mark"), "children[1]", "7",
            "children[1] must be a str, got int 7")
    err = refused(lambda: asistent.security_code_sheet("OŠ", [("a", "b")]), "entries[0]", "('a', 'b')",
                  "entries[0] must be a (guardian_name, student_name, class_id, code, record_json) tuple "
                  "of str, got tuple ('a', 'b')")
    assert isinstance(err, ValueError)


def test_r_f6_audit_numbers_and_basis_are_checked_by_name():
    key = PseudonymKey(b"OS Prule -- secret pseudonym key 2026")
    with pytest.raises(InvalidValueError) as err:
        AuditEntry(actor=key.staff("T-7"), role="teacher", subject=key.student("x"), category="grades",
                   purpose="ocenjevanje", basis=["R-F5", 5], at=AT)
    assert (err.value.what, err.value.value) == ("basis[1]", "5")
    log = AuditLog([AuditEntry(actor=key.staff("T-7"), role="teacher", subject=key.student("x"),
                               category="grades", purpose="ocenjevanje", basis=["R-F5"], at=AT)])
    refused(lambda: log.inclusion_proof(-1), "index", "-1",
            "index must be a whole number from 0 to 18446744073709551615, got -1")
    refused(lambda: log.inclusion_proof(0, 1.5), "tree_size", "1.5",
            "tree_size must be a whole number from 0 to 18446744073709551615, got float 1.5")
    refused(lambda: log.consistency_proof(-3), "old_size", "-3",
            "old_size must be a whole number from 0 to 18446744073709551615, got -3")
    assert isinstance(log.inclusion_proof(0, None), bytes)
