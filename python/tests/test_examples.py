"""The school script in python/examples/roster_sheets.py, run on its sample roster."""

import datetime as dt
import importlib.util
import pathlib
import sys
from decimal import Decimal

import pytest

import asistent

EXAMPLES = pathlib.Path(__file__).resolve().parent.parent / "examples"
FAST = asistent.Policy.from_json('{"verify": {"code_iterations": 100000}}')
NOW = dt.datetime(2026, 9, 1, 7, 0, tzinfo=dt.timezone.utc)


@pytest.fixture(scope="module")
def roster_sheets():
    spec = importlib.util.spec_from_file_location("roster_sheets", EXAMPLES / "roster_sheets.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["roster_sheets"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_r_b2_sheets_per_class_with_one_code_per_parent_and_child(roster_sheets, tmp_path):
    result = roster_sheets.make_sheets(EXAMPLES / "roster_7a.csv", tmp_path, "OŠ Prule", "os-prule", NOW, FAST)
    assert list(result.sheets) == ["7.a"]
    html = result.sheets["7.a"].read_text(encoding="utf-8")
    assert "Varnostne kode za preverjanje identitete staršev (GDPR)" in html
    assert html.count("Mojca Novak") == 1 and "Nina Šuštar" in html
    # R-B10: the stored records hold hashes, never the codes; codes expire in 30 days.
    lines = result.records.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 7
    assert all('"hash"' in line for line in lines)
    assert "2026-10-01" in lines[0]


def test_r_a10_bulk_send_estimate_skips_parents_without_a_mobile(roster_sheets, tmp_path):
    result = roster_sheets.make_sheets(EXAMPLES / "roster_7a.csv", tmp_path, "OŠ Prule", "os-prule", NOW, FAST)
    e = result.estimate
    assert e.recipients[0] == "+38641123456" and len(e.recipients) == 5
    assert [name for name, _ in e.skipped] == ["Vesna Kos", "Irena Mlakar"]
    assert "slovenian_fixed" in e.skipped[1][1]
    # The message has č/š/ž: UCS-2 costs more than the transliterated GSM-7 text.
    quote = asistent.sms_quote(roster_sheets.MESSAGE.format(until="1. 10. 2026"))
    assert e.segments == 5 * quote.as_written.count.segments
    assert e.cost == 5 * quote.as_written.total
    assert e.cost_transliterated < e.cost
    assert e.cost_transliterated == 5 * quote.transliterated.total
    assert isinstance(e.cost, Decimal)


def test_a_bad_phone_number_is_reported_not_fatal(roster_sheets):
    rows = [{"guardian_name": "X", "phone": "abc"}]
    e = roster_sheets.estimate_bulk_sms(rows, "Pozdrav")
    assert e.recipients == [] and e.skipped[0][0] == "X"


def test_r_b8_a_second_run_revokes_the_codes_of_the_first(roster_sheets, tmp_path):
    roster_sheets.make_sheets(EXAMPLES / "roster_7a.csv", tmp_path, "OŠ Prule", "os-prule", NOW, FAST)
    result = roster_sheets.make_sheets(EXAMPLES / "roster_7a.csv", tmp_path, "OŠ Prule", "os-prule", NOW, FAST)
    lines = result.records.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 14
    assert sum('"revoked"' in line for line in lines) == 7
    assert sum('"active"' in line for line in lines) == 7
