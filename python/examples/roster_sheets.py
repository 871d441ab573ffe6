"""The class teacher's security-code sheets and a bulk-send cost estimate from a roster.

    python roster_sheets.py roster_7a.csv --school "OŠ Prule" --out sheets/

Reads a class roster (CSV: student_id, student_name, class, birth_date, guardian_id,
guardian_name, email, phone), issues one security code per parent and child (R-B1,
R-B10), writes one printable HTML sheet per class (R-B2) and the stored code records
(hashes only, one JSON per line: keep these, never the codes), and estimates what one
SMS to every parent with a mobile number costs as written and without č/š/ž (R-A10).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import decimal
import json
import pathlib
from dataclasses import dataclass, field
from typing import Iterable, Optional

import asistent

MESSAGE = (
    "Spoštovani, razrednik vam je poslal varnostno kodo za mojAsistent. "
    "Prijavite se do {until} in potrdite e-pošto ter telefonsko številko."
)


@dataclass
class Estimate:
    """What a bulk SMS to the parents costs (R-A10)."""

    recipients: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    segments: int = 0
    cost: decimal.Decimal = decimal.Decimal("0")
    cost_transliterated: decimal.Decimal = decimal.Decimal("0")


@dataclass
class Result:
    sheets: dict[str, pathlib.Path]
    records: pathlib.Path
    estimate: Estimate


def read_roster(path: pathlib.Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def estimate_bulk_sms(
    rows: Iterable[dict[str, str]], text: str, policy: Optional[asistent.Policy] = None
) -> Estimate:
    est = Estimate()
    quote = asistent.sms_quote(text, policy)
    for row in rows:
        phone = (row.get("phone") or "").strip()
        if not phone:
            est.skipped.append((row["guardian_name"], "no phone number"))
            continue
        try:
            kind = asistent.phone_kind(phone)
        except asistent.AsistentError as e:
            est.skipped.append((row["guardian_name"], str(e)))
            continue
        if kind != "slovenian_mobile":
            est.skipped.append((row["guardian_name"], f"{kind} number cannot receive SMS"))
            continue
        est.recipients.append(asistent.normalize_phone(phone))
        est.segments += quote.as_written.count.segments
        est.cost += quote.as_written.total
        est.cost_transliterated += quote.transliterated.total
    return est


def _record_key(record_json: str) -> str:
    """A stored record's identity: its hash (salted, so one per issued code)."""
    return json.dumps(json.loads(record_json)["hash"], sort_keys=True)


def make_sheets(
    roster: pathlib.Path,
    out: pathlib.Path,
    school_name: str,
    school_id: str,
    now: dt.datetime,
    policy: Optional[asistent.Policy] = None,
) -> Result:
    rows = read_roster(roster)
    out.mkdir(parents=True, exist_ok=True)
    by_class: dict[str, list[tuple[str, str, str, str, str]]] = {}
    records = out / "security_code_records.jsonl"
    # The records of an earlier run: a new code revokes the parent's still-active one for
    # the same child (R-B8), so they are handed in and stored back as revoked.
    previous = records.read_text(encoding="utf-8").splitlines() if records.exists() else []
    stored = {_record_key(r): r for r in previous}
    until = None
    for row in rows:
        issued = asistent.issue_security_code(
            row["guardian_id"], row["student_id"], school_id, now, policy, previous=previous
        )
        for revoked in issued.revoked_json:
            stored[_record_key(revoked)] = revoked
        stored[_record_key(issued.record_json)] = issued.record_json
        record = json.loads(issued.record_json)
        # A code expires at Ljubljana midnight after its last valid day (R-B10).
        expires = dt.datetime.fromisoformat(record["expires_at"].replace("Z", "+00:00"))
        until = asistent.local_date(expires - dt.timedelta(microseconds=1))
        by_class.setdefault(row["class"], []).append(
            (row["guardian_name"], row["student_name"], row["class"], issued.code, issued.record_json)
        )
    records.write_text("".join(r + "\n" for r in stored.values()), encoding="utf-8")
    sheets = {}
    for class_id, entries in sorted(by_class.items()):
        sheet = asistent.security_code_sheet(school_name, entries, policy)
        path = out / f"security_codes_{class_id.replace('.', '')}.html"
        path.write_text(sheet.html, encoding="utf-8")
        sheets[class_id] = path
    text = MESSAGE.format(until=f"{until.day}. {until.month}. {until.year}" if until else "")
    return Result(sheets, records, estimate_bulk_sms(rows, text, policy))


def main(argv: Optional[list[str]] = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("roster", type=pathlib.Path)
    p.add_argument("--out", type=pathlib.Path, default=pathlib.Path("sheets"))
    p.add_argument("--school", default="OŠ Prule")
    p.add_argument("--school-id", default="os-prule")
    p.add_argument("--policy", type=pathlib.Path, help="the school's policy JSON")
    args = p.parse_args(argv)
    policy = asistent.Policy.from_json(args.policy.read_text()) if args.policy else None
    now = dt.datetime.now(dt.timezone.utc)  # the clock is read here, never in the library
    result = make_sheets(args.roster, args.out, args.school, args.school_id, now, policy)
    for class_id, path in result.sheets.items():
        print(f"{class_id}: {path}")
    print(f"records (hashes only): {result.records}")
    e = result.estimate
    print(
        f"bulk SMS to {len(e.recipients)} parents: {e.segments} segments, {e.cost} EUR "
        f"({e.cost_transliterated} EUR without č/š/ž)"
    )
    for name, why in e.skipped:
        print(f"  not by SMS: {name} — {why}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
