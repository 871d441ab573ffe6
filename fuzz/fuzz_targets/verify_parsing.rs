//! Code and contact parsing never panics, and whatever parses is canonical: a parsed
//! security code re-parses to itself from its grouped form; a normalised email or
//! phone number normalises to itself (R-B5, R-B10).
#![no_main]

use asistent_core::verify::confirmation::parse_confirmation_code;
use asistent_core::verify::contact::{Email, Phone};
use asistent_core::verify::security_code::SecurityCode;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(code) = SecurityCode::parse(text) {
        assert_eq!(SecurityCode::parse(&code.grouped()).ok(), Some(code));
    }
    if let Ok(email) = Email::parse(text) {
        assert_eq!(Email::parse(email.as_str()).ok(), Some(email));
    }
    if let Ok(phone) = Phone::parse(text) {
        assert_eq!(Phone::parse(phone.e164()).ok(), Some(phone));
    }
    let _ = parse_confirmation_code(text);
});
