//! Decoding of inclusion proofs, consistency proofs, checkpoints and entries from
//! untrusted bytes (R-F6): never panics; whatever decodes re-encodes to the same bytes;
//! verifying a decoded proof or checkpoint never panics either.
#![no_main]

use asistent_core::audit::{
    check_consistency, root_from_inclusion, AuditEntry, Checkpoint, ConsistencyProof,
    InclusionProof,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(p) = InclusionProof::decode(data) {
        assert_eq!(p.encode(), data);
        let _ = root_from_inclusion(p.leaf_index, p.tree_size, &[0; 32], &p.path);
    }
    if let Ok(p) = ConsistencyProof::decode(data) {
        assert_eq!(p.encode(), data);
        let _ = check_consistency(p.old_size, p.new_size, &[0; 32], &[1; 32], &p.path);
    }
    if let Ok(c) = Checkpoint::decode(data) {
        assert_eq!(c.encode(), data);
        let _ = c.verify(&[0; 32]);
    }
    if let Ok(e) = AuditEntry::decode(data) {
        // Decoding accepts only what encoding accepts: a decoded entry re-encodes.
        let encoded = e.encode().expect("a decoded entry re-encodes");
        assert_eq!(encoded, data);
        let _ = e.leaf_hash();
    }
});
