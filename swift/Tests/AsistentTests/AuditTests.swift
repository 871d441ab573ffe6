import XCTest
@testable import Asistent

/// The tamper-evident audit trail (R-F6) as an iOS app developer uses it. Runs with
/// `swift test` on macOS.
final class AuditTests: XCTestCase {
    let signerSeed = Data(repeating: 7, count: 32)

    func entry(_ key: PseudonymKey, _ i: Int, subject: String? = nil) throws -> AuditEntry {
        AuditEntry(
            actor: try key.staff(id: "T-7"),
            role: .teacher,
            subject: try subject ?? key.student(id: "2026-0042"),
            category: "grades",
            purpose: "ocenjevanje \(i)",
            basis: ["R-F5"],
            at: Date(timeIntervalSince1970: 1_791_184_500 + Double(60 * i))
        )
    }

    func testRF6InclusionProofVerifiesAgainstASignedCheckpoint() throws {
        let key = try PseudonymKey(secret: Data("OS Prule -- secret pseudonym key 2026".utf8))
        let signer = try CheckpointSigner.fromSeed(seed: signerSeed)
        let log = AuditLog()
        for i in 0..<6 { _ = try log.append(entry: try entry(key, i)) }
        let checkpoint = try log.checkpoint(signer: signer, now: Date(timeIntervalSince1970: 1_791_244_800))
        XCTAssertEqual(checkpoint.count, 117)
        let info = try decodeCheckpoint(checkpoint: checkpoint, publicKey: signer.publicKey())
        XCTAssertEqual(info.treeSize, 6)
        XCTAssertEqual(info.root, log.root())
        let proof = try log.inclusionProof(index: 3, treeSize: 6)
        try verifyAuditInclusion(entry: try entry(key, 3), proof: proof, checkpoint: checkpoint,
                                 publicKey: signer.publicKey())
        XCTAssertThrowsError(try verifyAuditInclusion(entry: try entry(key, 4), proof: proof,
                                                      checkpoint: checkpoint, publicKey: signer.publicKey())) { error in
            guard case let AsistentError.AuditFailed(check, _) = error else {
                return XCTFail("expected AuditFailed, got \(error)")
            }
            XCTAssertEqual(check, "proof_mismatch")
        }
    }

    func testRF6AnEntrysCanonicalBytesReadBackAsTheSameEntry() throws {
        let key = try PseudonymKey(secret: Data(repeating: 1, count: 32))
        let bytes = try encodeAuditEntry(entry: try entry(key, 2))
        XCTAssertEqual(try decodeAuditEntry(bytes: bytes), try entry(key, 2))
        XCTAssertThrowsError(try decodeAuditEntry(bytes: bytes.dropLast())) { error in
            guard case let AsistentError.AuditTruncated(what, needed, available, _) = error else {
                return XCTFail("expected AuditTruncated, got \(error)")
            }
            XCTAssertEqual(what, "audit entry")
            XCTAssertEqual(needed, UInt64(bytes.count))
            XCTAssertEqual(available, UInt64(bytes.count - 1))
        }
    }

    func testRF6ConsistencyAndWhoViewedMyChildsData() throws {
        let key = try PseudonymKey(secret: Data(repeating: 1, count: 32))
        let signer = try CheckpointSigner.fromSeed(seed: signerSeed)
        let log = AuditLog()
        for i in 0..<5 { _ = try log.append(entry: try entry(key, i)) }
        let old = try log.checkpoint(signer: signer, now: Date(timeIntervalSince1970: 1_791_244_800))
        _ = try log.append(entry: try entry(key, 5, subject: try key.student(id: "2026-0043")))
        let new = try log.checkpoint(signer: signer, now: Date(timeIntervalSince1970: 1_791_331_200))
        try verifyAuditConsistency(proof: try log.consistencyProof(oldSize: 5, newSize: 6), old: old, new: new,
                                   publicKey: signer.publicKey())
        let lines = try log.reportFor(subject: try key.student(id: "2026-0042"),
                                      from: Date(timeIntervalSince1970: 1_791_100_000),
                                      until: Date(timeIntervalSince1970: 1_791_400_000))
        XCTAssertEqual(lines.map { $0.leafIndex }, [0, 1, 2, 3, 4])
        XCTAssertEqual(lines[0].roleSl, "učitelj")
    }

    func testRF6BadInputTruncatedProofAndBadSignature() throws {
        let key = try PseudonymKey(secret: Data(repeating: 1, count: 32))
        let signer = try CheckpointSigner.fromSeed(seed: signerSeed)
        let log = AuditLog()
        for i in 0..<8 { _ = try log.append(entry: try entry(key, i)) }
        let checkpoint = try log.checkpoint(signer: signer, now: Date(timeIntervalSince1970: 1_791_244_800))
        let proof = try log.inclusionProof(index: 5, treeSize: 8)
        XCTAssertThrowsError(try verifyAuditInclusion(entry: try entry(key, 5), proof: proof.dropLast(),
                                                      checkpoint: checkpoint, publicKey: signer.publicKey())) { error in
            guard case let AsistentError.AuditTruncated(what, needed, available, reason) = error else {
                return XCTFail("expected AuditTruncated, got \(error)")
            }
            XCTAssertEqual(what, "inclusion proof")
            XCTAssertEqual([needed, available], [115, 114])
            XCTAssertEqual(reason, "the inclusion proof is truncated: 115 bytes needed, only 114 given")
        }
        var forged = checkpoint
        forged[forged.startIndex + 10] ^= 1
        XCTAssertThrowsError(try decodeCheckpoint(checkpoint: forged, publicKey: signer.publicKey())) { error in
            guard case let AsistentError.AuditBadSignature(treeSize, reason) = error else {
                return XCTFail("expected AuditBadSignature, got \(error)")
            }
            XCTAssertEqual(treeSize, 8)
            XCTAssertEqual(reason,
                           "the checkpoint of tree size 8 has a bad signature: it was not signed by this key or was altered")
        }
    }

    func testRF6ASignerFromAPkcs8DocumentSignsLikeTheOneFromItsSeed() throws {
        let fromSeed = try CheckpointSigner.fromSeed(seed: signerSeed)
        // PKCS#8 v2 (RFC 5958) for Ed25519: version 1, the algorithm, the seed, the public key.
        var pkcs8 = Data([0x30, 0x53, 0x02, 0x01, 0x01, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20])
        pkcs8.append(signerSeed)
        pkcs8.append(Data([0xa1, 0x23, 0x03, 0x21, 0x00]))
        pkcs8.append(fromSeed.publicKey())
        let signer = try CheckpointSigner.fromPkcs8(pkcs8: pkcs8)
        XCTAssertEqual(signer.publicKey(), fromSeed.publicKey())
        XCTAssertThrowsError(try CheckpointSigner.fromPkcs8(pkcs8: pkcs8.prefix(40))) { error in
            guard case let AsistentError.AuditFailed(check, _) = error else {
                return XCTFail("expected AuditFailed, got \(error)")
            }
            XCTAssertEqual(check, "bad_key")
        }
    }
}
