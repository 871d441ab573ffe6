//! SMS segments and costs (rule R-A10) as a school's notification sender meets them:
//! typical Slovenian notices, their cost as written and transliterated, and a month's
//! cost report for one family.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::fmt::Write;

use asistent_core::chrono::{TimeZone, Utc};
use asistent_core::ids::{GuardianId, StudentId};
use asistent_core::notify::sms::{self, SentSms, SmsEncoding, SmsError};
use asistent_core::policy::Policy;
use asistent_core::rust_decimal::Decimal;

const NOTICES: &[&str] = &[
    "Ana je bila 12. 11. odsotna pri 3. in 4. uri.",
    "Obvestilo: Ana je pri matematiki dobila oceno prav dobro (4).",
    "Napovedana preverjanja za naslednje 3 tedne: 2. 12. slovenščina (pisno), 9. 12. fizika (ustno), 15. 12. zgodovina (pisno). Vabljeni na govorilne ure v četrtek ob 17. uri.",
    "Tedenski povzetek: 3 ocene, 1 odsotnost, 2 pohvali. Podrobnosti: eAsistent → Redovalnica. Strošek [SMS] 0,05 €.",
    "Čestitamo! Žan je na šolskem tekmovanju iz logike osvojil zlato priznanje 🏆",
];

#[test]
fn r_a10_typical_notices_cost_as_written_and_transliterated() {
    let policy = Policy::default();
    let mut out = String::new();
    for text in NOTICES {
        let q = sms::quote(text, &policy).expect("fits");
        let line = |c: &sms::SmsCost| {
            format!(
                "{} {} seg, {} units, {} free, {} EUR",
                c.count.encoding,
                c.count.segments,
                c.count.units,
                c.count.remaining_in_last_part,
                c.total
            )
        };
        writeln!(out, "{text}").unwrap();
        writeln!(out, "  as written:      {}", line(&q.as_written)).unwrap();
        writeln!(out, "  transliterated:  {}", line(&q.transliterated)).unwrap();
        writeln!(out, "  saving:          {} EUR", q.saving).unwrap();
    }
    insta::assert_snapshot!(out);
}

#[test]
fn r_a10_a_huge_segment_price_is_refused_by_the_policy_not_a_panic() {
    let err =
        Policy::from_json(r#"{"sms": {"price_per_segment": "79228162514264337593543950335"}}"#)
            .unwrap_err();
    assert_eq!(
        err.to_string(),
        "policy field `sms.price_per_segment` is invalid: a segment may cost at most 10 EUR (79228162514264337593543950335)"
    );
    assert!(Policy::from_json(r#"{"sms": {"price_per_segment": "10.0000"}}"#).is_ok());
    assert!(Policy::from_json(r#"{"sms": {"price_per_segment": "10.0001"}}"#).is_err());
    // A Policy built in code skips validate: costs are a typed error, never a panic.
    let mut p = Policy::default();
    p.sms.price_per_segment = Decimal::MAX;
    let long = "a".repeat(400); // 3 segments
    assert_eq!(
        sms::cost(&long, &p).unwrap_err(),
        SmsError::AmountTooLarge { what: "cost" }
    );
    let sent = SentSms {
        recipient: GuardianId::new("skrbnik-17").unwrap(),
        child: StudentId::new("ucenec-4411").unwrap(),
        sent_at: Utc.with_ymd_and_hms(2026, 11, 3, 16, 0, 0).unwrap(),
        text: long,
    };
    assert_eq!(
        sms::cost_report(&[sent], &p).unwrap_err(),
        SmsError::AmountTooLarge {
            what: "cost of a line"
        }
    );
}

#[test]
fn r_a10_a_month_of_one_family_in_the_cost_report() {
    let mama = GuardianId::new("skrbnik-17").unwrap();
    let oce = GuardianId::new("skrbnik-18").unwrap();
    let ana = StudentId::new("ucenec-4411").unwrap();
    let mut sent = Vec::new();
    // Both guardians get every notice (R-C3) on school days in November 2026.
    for day in [3, 5, 10, 12, 17, 24, 26] {
        for (i, text) in NOTICES.iter().enumerate() {
            for who in [&mama, &oce] {
                sent.push(SentSms {
                    recipient: who.clone(),
                    child: ana.clone(),
                    sent_at: Utc
                        .with_ymd_and_hms(2026, 11, day, 16, u32::try_from(i).unwrap(), 0)
                        .unwrap(),
                    text: (*text).to_owned(),
                });
            }
        }
    }
    let report = sms::cost_report(&sent, &Policy::default()).unwrap();
    let per_day: u64 = NOTICES
        .iter()
        .map(|t| u64::from(sms::count(t).unwrap().segments))
        .sum();
    assert_eq!(report.lines.len(), 2);
    assert!(report
        .lines
        .iter()
        .all(|l| l.messages == 35 && l.segments == 7 * per_day));
    assert_eq!(report.segments, 2 * 7 * per_day);
    assert_eq!(
        report.total,
        Decimal::new(5, 2) * Decimal::from(2 * 7 * per_day)
    );
}

#[test]
fn r_a10_a_notice_longer_than_the_policy_allows_is_refused_before_sending() {
    let policy = Policy::from_json(r#"{"sms": {"max_segments": 2}}"#).unwrap();
    let err = sms::cost(NOTICES[2], &policy).unwrap_err();
    assert!(matches!(
        err,
        SmsError::TooLong {
            segments: 3,
            max: 2,
            encoding: SmsEncoding::Ucs2,
            ..
        }
    ));
    // Transliterated it fits two GSM-7 parts.
    let t = sms::transliterate(NOTICES[2]);
    assert_eq!(sms::cost(&t, &policy).unwrap().count.segments, 2);
}
