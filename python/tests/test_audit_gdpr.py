"""The audit trail (R-F6) and GDPR requests (R-F7, R-F8, R-F9) as a school's Python
scripter uses them."""

import datetime as dt

import pytest

import asistent
from asistent import AuditEntry, AuditLog, CheckpointSigner, PseudonymKey

UTC = dt.timezone.utc
KEY = PseudonymKey(b"OS Prule -- secret pseudonym key 2026")
SIGNER = CheckpointSigner.from_seed(bytes([7]) * 32)
CHILD = KEY.student("2026-0042")


def entry(i, subject=CHILD, role="teacher", purpose=None, category="grades"):
    return AuditEntry(
        actor=KEY.staff("T-7"),
        role=role,
        subject=subject,
        category=category,
        purpose=purpose or f"ocenjevanje {i}",
        basis=["R-F5"],
        at=dt.datetime(2026, 10, 5, 7, 15, tzinfo=UTC) + dt.timedelta(minutes=i),
    )


def test_r_f6_a_log_of_pseudonymous_entries_with_proofs_against_a_checkpoint():
    assert len(CHILD) == 64 and "2026-0042" not in CHILD
    log = AuditLog(entry(i) for i in range(6))
    assert len(log) == 6
    checkpoint = log.checkpoint(SIGNER, dt.datetime(2026, 10, 6, tzinfo=UTC))
    assert isinstance(checkpoint, bytes) and len(checkpoint) == 117
    info = asistent.decode_checkpoint(checkpoint, SIGNER.public_key)
    assert (info.tree_size, info.root) == (6, log.root)
    proof = log.inclusion_proof(3)
    asistent.verify_audit_inclusion(entry(3), proof, checkpoint, SIGNER.public_key)
    with pytest.raises(asistent.AuditError) as e:
        asistent.verify_audit_inclusion(entry(4), proof, checkpoint, SIGNER.public_key)
    assert e.value.check == "proof_mismatch"
    assert AuditEntry.decode(entry(2).encode()) == entry(2)


def test_r_f6_consistency_and_tampering_against_an_earlier_checkpoint():
    log = AuditLog(entry(i) for i in range(5))
    old = log.checkpoint(SIGNER, dt.datetime(2026, 10, 6, tzinfo=UTC))
    log.extend(entry(i) for i in range(5, 9))
    new = log.checkpoint(SIGNER, dt.datetime(2026, 10, 7, tzinfo=UTC))
    asistent.verify_audit_consistency(log.consistency_proof(5), old, new, SIGNER.public_key)
    log.verify_against(old, SIGNER.public_key)
    entries = log.entries()
    entries[1], entries[2] = entries[2], entries[1]
    with pytest.raises(asistent.AuditError) as e:
        AuditLog(entries).verify_against(old, SIGNER.public_key)
    assert e.value.check == "log_altered"
    assert "do not match the checkpoint" in str(e.value)


def test_r_f6_who_viewed_my_childs_data_and_vendor_access_needs_a_request():
    log = AuditLog([entry(0), entry(1, subject=KEY.student("2026-0043"))])
    log.append(
        AuditEntry(
            actor=KEY.vendor_staff("es-17"),
            role="vendor_support",
            subject=CHILD,
            category="personal_data",
            purpose="zahtevek šole 2026-118",
            basis=("R-F6",),
            at=dt.datetime(2026, 10, 5, 13, 0, tzinfo=UTC),
        )
    )
    lines = log.report_for(
        CHILD, dt.datetime(2026, 10, 5, tzinfo=UTC), dt.datetime(2026, 10, 6, tzinfo=UTC)
    )
    assert [line.leaf_index for line in lines] == [0, 2]
    assert lines[1].role_sl == "podpora ponudnika (na zahtevo šole)"
    assert lines[1].entry.basis == ["R-F6"]
    with pytest.raises(asistent.AuditError) as e:
        entry(3, role="vendor_support", purpose="just looking")
    assert e.value.check == "vendor_access_without_request"


def test_r_f6_bad_input_truncated_proof_and_bad_signature():
    log = AuditLog(entry(i) for i in range(8))
    checkpoint = log.checkpoint(SIGNER, dt.datetime(2026, 10, 6, tzinfo=UTC))
    proof = log.inclusion_proof(5, 8)
    with pytest.raises(asistent.AuditTruncatedError) as t:
        asistent.verify_audit_inclusion(entry(5), proof[:-1], checkpoint, SIGNER.public_key)
    assert (t.value.what, t.value.needed, t.value.available) == ("inclusion proof", 115, 114)
    assert str(t.value) == "the inclusion proof is truncated: 115 bytes needed, only 114 given"
    forged = bytearray(checkpoint)
    forged[10] ^= 1
    with pytest.raises(asistent.AuditSignatureError) as b:
        asistent.decode_checkpoint(bytes(forged), SIGNER.public_key)
    assert b.value.tree_size == 8
    assert str(b.value) == (
        "the checkpoint of tree size 8 has a bad signature: it was not signed by this key or was altered"
    )
    with pytest.raises(asistent.InvalidValueError) as v:
        entry(0, category="report_cards")
    assert v.value.what == "category"
    with pytest.raises(asistent.InvalidValueError):
        entry(0, role="janitor")


def test_r_f7_r_f9_erasure_of_certificates_is_refused_naming_the_provision():
    out = asistent.gdpr_decide("erasure", "certificates", dt.date(2026, 11, 2), standing="parent_of_minor")
    assert out.decision == "refused"
    assert out.provisions == ["GDPR Art. 17(3)(b)", "ZOsn Art. 98"]
    assert out.complaint_to == "Informacijski pooblaščenec"
    assert "trajno hrambo" in out.text_sl and "Dunajska cesta 22" in out.text_sl
    assert out.controller == "school"


def test_r_f9_retention_dates_and_collections():
    assert asistent.deletion_date("counselling", dt.date(2026, 6, 15)) == dt.date(2027, 6, 15)
    assert asistent.deletion_date("progress", dt.date(2026, 6, 15)) == "permanent"
    out = asistent.gdpr_decide(
        "erasure", "parent_data", dt.date(2027, 7, 1), end_of_schooling=dt.date(2026, 6, 15),
        standing="parent_of_minor",
    )
    assert out.decision == "granted"
    collections = asistent.statutory_collections()
    assert [c.point for c in collections] == [1, 2, 3, 4]
    assert [c.code for c in collections if c.needs_parental_consent] == ["physical_abilities"]
    assert {c.code for c in collections if c.special_category} == {
        "physical_abilities",
        "help_and_counselling",
    }


def test_r_f8_controller_and_processor():
    assert asistent.data_roles("student_record") == ("school", "vendor")
    assert asistent.data_roles("subscriber_billing") == ("vendor", None)


def test_r_f7_restriction_and_telling_before_lifting():
    out = asistent.gdpr_decide(
        "restriction", "parent_data", dt.date(2026, 11, 2), accuracy_contested=True,
        standing="adult_student",
    )
    assert out.decision == "granted" and out.notify_before_lifting
    r = asistent.GdprRestriction.start("parent_data", dt.datetime(2026, 11, 2, 8, tzinfo=UTC))
    with pytest.raises(asistent.RestrictionStepError) as e:
        r.lift(dt.datetime(2026, 11, 2, 9, tzinfo=UTC))
    assert (e.value.state, e.value.event) == ("active", "lift")
    assert str(e.value) == (
        "the restriction on `parent_data` cannot be lifted before the person is told that it will be"
    )
    lifted = r.notify_person(dt.datetime(2026, 11, 2, 9, tzinfo=UTC)).lift(
        dt.datetime(2026, 11, 2, 10, tzinfo=UTC)
    )
    assert lifted.state == "lifted" and not lifted.is_restricted


def test_r_f7_a_restriction_is_stored_between_its_steps():
    told_at = dt.datetime(2026, 11, 2, 9, tzinfo=UTC)
    r = asistent.GdprRestriction.start("parent_data", dt.datetime(2026, 11, 2, 8, tzinfo=UTC))
    assert r.last_step is None and r.record_kind == "parent_data"
    told = r.notify_person(told_at)
    assert told.last_step.rule_ids == ["R-F7"]
    assert told.last_step.text_en == "The requester has been told that the restriction will be lifted."
    stored = told.to_json()
    back = asistent.GdprRestriction.from_json(stored)
    assert (back.state, back.since, back.notified_at, back.lifted_at) == (
        "lifting_notified", dt.datetime(2026, 11, 2, 8, tzinfo=UTC), told_at, None,
    )
    assert back.last_step is None
    lifted = back.lift(dt.datetime(2026, 11, 30, 10, tzinfo=UTC))
    assert lifted.lifted_at == dt.datetime(2026, 11, 30, 10, tzinfo=UTC)
    assert lifted.last_step.text_sl == "Omejitev obdelave je preklicana."
    with pytest.raises(asistent.InvalidValueError) as e:
        asistent.GdprRestriction.from_json('{"state": "paused"}')
    assert (e.value.what, e.value.value) == ("stored restriction", '{"state": "paused"}')
    assert str(e.value).startswith("the stored restriction cannot be read: ")
    # A record kind a later policy no longer lists still loads, to be told and lifted.
    assert asistent.GdprRestriction.from_json(stored.replace("parent_data", "old_kind")).record_kind == "old_kind"
    # A step dated before the previous one is refused.
    with pytest.raises(asistent.RestrictionStepError) as early:
        back.lift(dt.datetime(2026, 11, 2, 8, 30, tzinfo=UTC))
    assert (early.value.state, early.value.event) == ("lifting_notified", "lift")


def test_r_f9_bad_input_unknown_record_kind():
    with pytest.raises(asistent.UnknownRecordKindError) as e:
        asistent.gdpr_decide("erasure", "report_cards", dt.date(2026, 11, 2), standing="parent_of_minor")
    assert e.value.record_kind == "report_cards"
    assert e.value.known.startswith("student_record, parent_data")
    assert str(e.value).startswith("`report_cards` is not a record kind of the retention table")
    with pytest.raises(asistent.InvalidValueError) as v:
        asistent.gdpr_decide("forget_me", "progress", dt.date(2026, 11, 2), standing="parent_of_minor")
    assert v.value.what == "request kind"


def test_r_f6_an_altered_entry_at_the_purpose_limit_never_passes_as_the_logged_one():
    logged = entry(1, purpose="a" * 1024)
    log = AuditLog([entry(0), logged])
    checkpoint = log.checkpoint(SIGNER, dt.datetime(2026, 10, 6, tzinfo=UTC))
    proof = log.inclusion_proof(1)
    asistent.verify_audit_inclusion(logged, proof, checkpoint, SIGNER.public_key)
    # The forged copy (text appended past 1024 bytes) cannot even be made, so it can
    # never share the logged entry's (formerly cut) encoding.
    with pytest.raises(asistent.AuditError) as e:
        entry(1, purpose="a" * 1024 + " in pogledal še zdravstvene podatke")
    assert e.value.check == "bad_purpose"
    assert str(e.value) == "the purpose of an audit entry must be 1–1024 bytes, got 1060"
    with pytest.raises(asistent.AuditError) as b:
        AuditEntry(
            actor=KEY.staff("T-7"),
            role="teacher",
            subject=CHILD,
            category="grades",
            purpose="ocenjevanje",
            basis=["R-F5"] * 256,
            at=dt.datetime(2026, 10, 5, 7, 15, tzinfo=UTC),
        )
    assert b.value.check == "bad_basis"
    assert str(b.value) == "the basis of an audit entry may name at most 255 rules, got 256"


def test_r_f7_a_refusal_names_where_to_complain_with_every_contact():
    out = asistent.gdpr_decide("erasure", "certificates", dt.date(2026, 11, 2), standing="parent_of_minor")
    c = out.complaint
    assert isinstance(c, asistent.ComplaintAuthority)
    assert (c.authority_sl, c.authority_en) == (
        "Informacijski pooblaščenec", "Information Commissioner of the Republic of Slovenia",
    )
    assert "Dunajska cesta 22" in c.address and "@" in c.email and c.phone
    granted = asistent.gdpr_decide("access", "progress", dt.date(2026, 11, 2), standing="parent_of_minor")
    assert granted.complaint is None and granted.complaint_to is None


def test_r_f6_a_signer_from_a_pkcs8_document_signs_like_the_one_from_its_seed():
    seed = bytes([7]) * 32
    # PKCS#8 v2 (RFC 5958) for Ed25519: version 1, the algorithm, the seed, the public key.
    pkcs8 = (bytes.fromhex("3053020101300506032b657004220420") + seed
             + bytes.fromhex("a123032100") + SIGNER.public_key)
    signer = CheckpointSigner.from_pkcs8(pkcs8)
    assert signer.public_key == SIGNER.public_key
    log = AuditLog([entry(0)])
    checkpoint = log.checkpoint(signer, dt.datetime(2026, 10, 6, tzinfo=UTC))
    assert asistent.decode_checkpoint(checkpoint, SIGNER.public_key).tree_size == 1
    with pytest.raises(asistent.AuditError) as e:
        CheckpointSigner.from_pkcs8(pkcs8[:40])
    assert e.value.check == "bad_key"
