// The tamper-evident audit trail (R-F6) as a school's Android app uses it.
package si.asistent

import java.time.Instant
import kotlin.test.assertContentEquals
import kotlin.test.assertEquals
import kotlin.test.assertTrue

fun auditSuite() = Suite("audit").apply {
    val key = PseudonymKey("OS Prule -- secret pseudonym key 2026".toByteArray())
    val signer = CheckpointSigner.fromSeed(ByteArray(32) { 7 })
    val child = key.student("2026-0042")
    val teacher = key.staff("T-7")

    fun entry(i: Int, subject: String = child) = AuditEntry(
        actor = teacher,
        role = AccessRole.TEACHER,
        subject = subject,
        category = "grades",
        purpose = "ocenjevanje $i",
        basis = listOf("R-F5"),
        at = Instant.parse("2026-10-05T07:15:00Z").plusSeconds(60L * i),
    )

    test("R-F6 entries name people by pseudonyms; inclusion proofs verify against a signed checkpoint") {
        assertEquals(64, child.length)
        val log = AuditLog()
        for (i in 0 until 6) assertEquals(i.toULong(), log.append(entry(i)))
        val checkpoint = log.checkpoint(signer, Instant.parse("2026-10-06T00:00:00Z"))
        assertEquals(117, checkpoint.size)
        val info = decodeCheckpoint(checkpoint, signer.publicKey())
        assertEquals(6uL, info.treeSize)
        assertContentEquals(log.root(), info.root)
        val proof = log.inclusionProof(3uL, 6uL)
        verifyAuditInclusion(entry(3), proof, checkpoint, signer.publicKey())
        val e = expectThrows<AsistentException.AuditFailed> {
            verifyAuditInclusion(entry(4), proof, checkpoint, signer.publicKey())
        }
        assertEquals("proof_mismatch", e.check)
    }

    test("R-F6 an altered entry at the 1024-byte purpose limit fails the inclusion proof") {
        val logged = entry(1).copy(purpose = "a".repeat(1024))
        val log = AuditLog()
        log.append(entry(0))
        log.append(logged)
        val checkpoint = log.checkpoint(signer, Instant.parse("2026-10-06T00:00:00Z"))
        val proof = log.inclusionProof(1uL, 2uL)
        verifyAuditInclusion(logged, proof, checkpoint, signer.publicKey())
        val forged = logged.copy(purpose = logged.purpose + " in pogledal še zdravstvene podatke")
        val e = expectThrows<AsistentException.AuditFailed> {
            verifyAuditInclusion(forged, proof, checkpoint, signer.publicKey())
        }
        assertEquals("bad_purpose", e.check)
        assertEquals("the purpose of an audit entry must be 1–1024 bytes, got 1060", e.reason)
        val many = logged.copy(basis = List(256) { "R-F6" })
        val b = expectThrows<AsistentException.AuditFailed> {
            verifyAuditInclusion(many, proof, checkpoint, signer.publicKey())
        }
        assertEquals("bad_basis", b.check)
        assertEquals("the basis of an audit entry may name at most 255 rules, got 256", b.reason)
    }

    test("R-F6 an entry's canonical bytes read back as the same entry; truncated or invalid ones are typed errors") {
        val bytes = encodeAuditEntry(entry(2))
        assertEquals(entry(2), decodeAuditEntry(bytes))
        val e = expectThrows<AsistentException.AuditTruncated> { decodeAuditEntry(bytes.copyOf(bytes.size - 1)) }
        assertEquals("audit entry", e.what)
        assertEquals(bytes.size.toULong(), e.needed)
        assertEquals(bytes.size.toULong() - 1uL, e.available)
        expectThrows<AsistentException.AuditFailed> { encodeAuditEntry(entry(2).copy(purpose = "")) }
    }

    test("R-F6 a later checkpoint is consistent with an earlier one; a changed log is not") {
        val log = AuditLog()
        for (i in 0 until 5) log.append(entry(i))
        val old = log.checkpoint(signer, Instant.parse("2026-10-06T00:00:00Z"))
        for (i in 5 until 9) log.append(entry(i))
        val new = log.checkpoint(signer, Instant.parse("2026-10-07T00:00:00Z"))
        verifyAuditConsistency(log.consistencyProof(5uL, 9uL), old, new, signer.publicKey())
        log.verifyAgainst(old, signer.publicKey())
        val tampered = log.entries().toMutableList()
        tampered[2] = tampered[2].copy(purpose = "nothing to see")
        val e = expectThrows<AsistentException.AuditFailed> {
            AuditLog.fromEntries(tampered).verifyAgainst(old, signer.publicKey())
        }
        assertEquals("log_altered", e.check)
        assertTrue(e.reason.contains("do not match the checkpoint"), e.reason)
    }

    test("R-F6 who viewed my child's data") {
        val log = AuditLog()
        log.append(entry(0))
        log.append(entry(1, subject = key.student("2026-0043")))
        log.append(
            entry(2).copy(
                actor = key.vendorStaff("es-17"), role = AccessRole.VENDOR_SUPPORT,
                category = "personal_data", purpose = "zahtevek šole 2026-118", basis = listOf("R-F6"),
            )
        )
        val lines = log.reportFor(child, Instant.parse("2026-10-05T00:00:00Z"), Instant.parse("2026-10-06T00:00:00Z"))
        assertEquals(listOf(0uL, 2uL), lines.map { it.leafIndex })
        assertEquals("podpora ponudnika (na zahtevo šole)", lines[1].roleSl)
        val e = expectThrows<AsistentException.AuditFailed> {
            log.append(entry(3).copy(role = AccessRole.VENDOR_SUPPORT, purpose = "just looking"))
        }
        assertEquals("vendor_access_without_request", e.check)
    }

    test("R-F6 bad input: a truncated proof and a checkpoint with a bad signature") {
        val log = AuditLog()
        for (i in 0 until 8) log.append(entry(i))
        val checkpoint = log.checkpoint(signer, Instant.parse("2026-10-06T00:00:00Z"))
        val proof = log.inclusionProof(5uL, 8uL)
        val t = expectThrows<AsistentException.AuditTruncated> {
            verifyAuditInclusion(entry(5), proof.copyOf(proof.size - 1), checkpoint, signer.publicKey())
        }
        assertEquals("inclusion proof", t.what)
        assertEquals(115uL, t.needed)
        assertEquals(114uL, t.available)
        assertEquals("the inclusion proof is truncated: 115 bytes needed, only 114 given", t.reason)
        val forged = checkpoint.copyOf().also { it[10] = (it[10].toInt() xor 1).toByte() }
        val b = expectThrows<AsistentException.AuditBadSignature> { decodeCheckpoint(forged, signer.publicKey()) }
        assertEquals(8uL, b.treeSize)
        assertEquals(
            "the checkpoint of tree size 8 has a bad signature: it was not signed by this key or was altered",
            b.reason,
        )
        val other = CheckpointSigner.fromSeed(ByteArray(32) { 9 })
        expectThrows<AsistentException.AuditBadSignature> {
            verifyAuditInclusion(entry(5), proof, checkpoint, other.publicKey())
        }
        val bad = expectThrows<AsistentException.InvalidValue> { log.append(entry(0).copy(category = "report_cards")) }
        assertEquals("category", bad.what)
    }

    test("R-F6 a signer from a PKCS#8 v2 document signs like the one from its seed; a bad document is a typed error") {
        val seed = ByteArray(32) { 7 }
        val pub = signer.publicKey()
        // PKCS#8 v2 (RFC 5958) for Ed25519: version 1, the algorithm, the seed, the public key.
        val pkcs8 = byteArrayOf(0x30, 0x53, 0x02, 0x01, 0x01, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20) +
            seed + byteArrayOf(0xa1.toByte(), 0x23, 0x03, 0x21, 0x00) + pub
        val fromDocument = CheckpointSigner.fromPkcs8(pkcs8)
        assertContentEquals(pub, fromDocument.publicKey())
        val log = AuditLog()
        log.append(entry(0))
        val checkpoint = log.checkpoint(fromDocument, Instant.parse("2026-10-06T00:00:00Z"))
        assertEquals(1uL, decodeCheckpoint(checkpoint, pub).treeSize)
        val e = expectThrows<AsistentException.AuditFailed> { CheckpointSigner.fromPkcs8(pkcs8.copyOf(40)) }
        assertEquals("bad_key", e.check)
        assertTrue(e.reason.isNotEmpty(), e.reason)
    }
}
