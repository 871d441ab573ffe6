"""R-A10: SMS segments and costs, as a school scripter uses them."""

import datetime as dt
from decimal import Decimal

import pytest

from asistent import (
    AsistentError,
    EmptySmsError,
    InvalidSentSmsError,
    InvalidValueError,
    Policy,
    PolicyError,
    SentSms,
    SmsError,
    SmsTooLongError,
    sms_cost,
    sms_cost_report,
    sms_count,
    sms_quote,
    sms_transliterate,
)

UTC = dt.timezone.utc


def test_r_a10_gsm7_counts_160_and_153_per_part():
    c = sms_count("a" * 161)
    assert (c.encoding, c.segments, c.units, c.characters) == ("gsm7", 2, 161, 161)
    assert (c.per_part_limit, c.remaining_in_last_part) == (153, 145)
    assert sms_count("€" * 80).segments == 1
    assert sms_count("€" * 80 + "a").segments == 2


def test_r_a10_slovenian_letters_and_emoji_force_ucs2():
    c = sms_count("Žan je dobil 5 🎉")
    assert (c.encoding, c.units, c.characters, c.per_part_limit) == ("ucs2", 17, 16, 70)
    assert sms_count("č" * 71).segments == 2
    assert sms_count("a" * 66 + "😀" + "b" * 10).remaining_in_last_part == 55


def test_r_a10_cost_is_segments_times_the_policy_price():
    cost = sms_cost("a" * 161)
    assert cost.total == Decimal("0.10")
    assert cost.price_per_segment == Decimal("0.05")
    assert cost.count.segments == 2
    policy = Policy.from_json('{"sms": {"price_per_segment": "0.0375"}}')
    assert sms_cost("a" * 307, policy).total == Decimal("0.1125")


def test_r_a10_transliteration_shows_the_cost_both_ways():
    text = "Vaš otrok je bil odsoten pri športni vzgoji. " * 3
    q = sms_quote(text)
    assert q.as_written.count.encoding == "ucs2"
    assert q.as_written.total == Decimal("0.15")
    assert q.transliterated.count.encoding == "gsm7"
    assert q.transliterated.total == Decimal("0.05")
    assert q.saving == Decimal("0.10")
    assert q.transliterated_text.startswith("Vas otrok je bil odsoten pri sportni vzgoji.")
    assert sms_transliterate("ČŠŽĆĐ čšžćđ 🎉") == "CSZCD cszcd 🎉"


def test_r_a10_cost_report_per_recipient_child_and_month():
    nov = dt.datetime(2026, 11, 10, 12, 0, tzinfo=UTC)
    late = dt.datetime(2026, 11, 30, 23, 30, tzinfo=UTC)  # 1 December in Ljubljana
    messages = (
        SentSms(r, c, t, text)
        for r, c, t, text in [
            ("mama", "ana", nov, "Ana je bila odsotna."),
            ("mama", "ana", late, "Test iz fizike v petek."),
            ("oce", "ana", nov, "Ocena: 5. " * 20),
        ]
    )
    report = sms_cost_report(messages)
    rows = [(l.recipient, l.child, l.year, l.month, l.messages, l.segments, l.cost) for l in report.lines]
    assert rows == [
        ("mama", "ana", 2026, 11, 1, 1, Decimal("0.05")),
        ("mama", "ana", 2026, 12, 1, 1, Decimal("0.05")),
        ("oce", "ana", 2026, 11, 1, 2, Decimal("0.10")),
    ]
    assert (report.messages, report.segments, report.total) == (3, 4, Decimal("0.20"))


def test_r_a10_an_empty_text_is_a_typed_error():
    with pytest.raises(EmptySmsError) as e:
        sms_count("")
    assert isinstance(e.value, SmsError) and isinstance(e.value, AsistentError)
    assert str(e.value) == "the SMS text is empty: there is nothing to send"


def test_r_a10_an_oversized_text_is_a_typed_error_with_its_fields():
    with pytest.raises(SmsTooLongError) as e:
        sms_cost("č" * 671)
    assert (e.value.segments, e.value.max, e.value.encoding, e.value.units) == (11, 10, "ucs2", 671)
    assert str(e.value) == "the SMS text needs 11 segments (UCS-2, 671 units), more than the 10 allowed"
    with pytest.raises(SmsTooLongError) as e:
        sms_count("a" * (153 * 255 + 1))
    assert (e.value.segments, e.value.max) == (256, 255)


def test_r_a10_a_bad_sent_message_is_refused_with_its_index():
    nov = dt.datetime(2026, 11, 10, 12, 0, tzinfo=UTC)
    with pytest.raises(InvalidSentSmsError) as e:
        sms_cost_report([SentSms("mama", "ana", nov, "ok"), SentSms("mama", "ana", nov, "")])
    assert (e.value.index, e.value.reason) == (1, "the SMS text is empty: there is nothing to send")
    with pytest.raises(InvalidValueError) as e2:
        sms_cost_report([("mama", "ana", nov, "ok")])  # type: ignore[list-item]
    assert e2.value.what == "sent SMS"
    with pytest.raises(InvalidValueError) as e2:
        SentSms("", "ana", nov, "ok")
    assert e2.value.what == "guardian ID"
    with pytest.raises(InvalidValueError) as e2:
        SentSms("mama", "ana", dt.datetime(2026, 11, 10, 12, 0), "ok")
    assert e2.value.what == "instant"


@pytest.mark.parametrize(
    ("json", "field", "message"),
    [
        ('{"sms": {"price_per_segment": "-0.01"}}', "sms.price_per_segment", "a price cannot be negative (-0.01)"),
        ('{"sms": {"price_per_segment": "0.00001"}}', "sms.price_per_segment", "has more than 4 decimal places"),
        ('{"sms": {"price_per_segment": 0.05}}', "sms.price_per_segment", "expected a string"),
        ('{"sms": {"max_segments": 256}}', "sms.max_segments", "256 is outside 1–255"),
        # Once a panic ("Multiplication overflowed") when costing a long text.
        (
            '{"sms": {"price_per_segment": "79228162514264337593543950335"}}',
            "sms.price_per_segment",
            "a segment may cost at most 10 EUR",
        ),
    ],
)
def test_r_a10_a_bad_sms_policy_is_a_typed_error_naming_the_field(json, field, message):
    with pytest.raises(PolicyError) as e:
        Policy.from_json(json)
    assert e.value.field == field
    assert message in str(e.value)
