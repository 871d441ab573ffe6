//! SMS segments and costs (R-A10).
//!
//! An SMS notice costs money per *segment*, not per message, so the library counts
//! segments exactly as a GSM network does (3GPP TS 23.038 and TS 23.040):
//!
//! - A text made only of characters of the GSM 7-bit default alphabet is sent as
//!   **GSM-7**: 160 septets in one SMS, 153 per part once it must be split (the user data
//!   header of a concatenated SMS takes the other 7). The characters of the extension
//!   table — `^ { } \ [ ~ ] | €` and form feed — are sent as ESC + character and take two
//!   septets.
//! - Any other character (č, š, ž, ć, đ, emoji, …) makes the whole text **UCS-2**: 70
//!   UTF-16 units in one SMS, 67 per part. A character outside the Basic Multilingual
//!   Plane (most emoji) is a surrogate pair of two units.
//! - A text is split greedily, and nothing is ever cut in two: an extension character
//!   (ESC and its character) and a surrogate pair always stay in one part. A part that
//!   cannot take the next character is closed one septet or unit short — what real
//!   encoders do (a receiver that saw a lone ESC at the end of a part would show a space
//!   or drop it, TS 23.038 §6.2.1.1, and half a surrogate pair is no character at all).
//! - U+001B (ESC) itself is *not* a character of the alphabet: in GSM-7 it is the escape
//!   code, so a text that contains it is counted as UCS-2.
//! - Code 0x09 is `Ç` (capital), as in Unicode's GSM0338.TXT; a small `ç` is not GSM-7.
//!   Greek capitals count only as themselves (Δ Φ Γ Λ Ω Π Ψ Σ Θ Ξ), never as Latin
//!   look-alikes.
//!
//! Cost = segments × the policy's price per segment (default 0.05 EUR). [`quote`] shows
//! the cost both as written and after the optional transliteration č→c, š→s, ž→z, ć→c,
//! đ→d (and capitals), which keeps a Slovenian text in GSM-7. [`cost_report`] totals the
//! cost of sent messages per recipient, child and month.
//!
//! ```
//! use asistent_core::notify::sms::{self, SmsEncoding};
//! use asistent_core::policy::Policy;
//!
//! let count = sms::count("Jutri je tehniški dan.")?;
//! assert_eq!(count.encoding, SmsEncoding::Ucs2); // "š" is not GSM-7
//! assert_eq!((count.segments, count.per_part_limit, count.remaining_in_last_part), (1, 70, 48));
//!
//! let quote = sms::quote(&"Ocena pri matematiki: prav dobro (4). ".repeat(3), &Policy::default())?;
//! assert_eq!(quote.as_written.total.to_string(), "0.05"); // GSM-7 already: 114 septets
//!
//! let quote = sms::quote(&"Vaš otrok je bil odsoten pri športni vzgoji. ".repeat(3), &Policy::default())?;
//! assert_eq!(quote.as_written.count.segments, 3); // UCS-2: 135 units
//! assert_eq!(quote.transliterated.count.segments, 1); // GSM-7: 135 septets
//! assert_eq!(quote.saving.to_string(), "0.10");
//! # Ok::<(), asistent_core::notify::sms::SmsError>(())
//! ```

use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::clock::Clock;
use crate::calendar;
use crate::ids::{GuardianId, StudentId};
use crate::policy::Policy;

/// Septets in one GSM-7 SMS (R-A10).
pub const GSM7_SINGLE: u32 = 160;
/// Septets in each part of a concatenated GSM-7 SMS (R-A10).
pub const GSM7_PART: u32 = 153;
/// UTF-16 units in one UCS-2 SMS (R-A10).
pub const UCS2_SINGLE: u32 = 70;
/// UTF-16 units in each part of a concatenated UCS-2 SMS (R-A10).
pub const UCS2_PART: u32 = 67;
/// The most parts a concatenated SMS can have: its part counter is one octet (3GPP TS
/// 23.040 §9.2.3.24.1). [`count`] refuses a longer text (R-A10).
pub const MAX_CONCATENATED_SEGMENTS: u32 = 255;

/// The characters of the GSM 7-bit default alphabet, in code order 0x00–0x7F (3GPP TS
/// 23.038 §6.2.1, as mapped by Unicode's GSM0338.TXT); 0x1B is the escape code, not a
/// character, and stands here as U+001B only to keep the positions.
const GSM7_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u{1b}ÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?\
¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

/// The characters of the extension table, each sent as ESC + character (two septets).
const GSM7_EXTENSION: &str = "\u{c}^{}\\[~]|€";

/// Septets of each ASCII character (0: not GSM-7), built from the two tables above.
const ASCII_SEPTETS: [u8; 128] = ascii_septets();

const fn ascii_septets() -> [u8; 128] {
    let mut table = [0u8; 128];
    let (basic, ext) = (GSM7_BASIC.as_bytes(), GSM7_EXTENSION.as_bytes());
    let mut i = 0;
    while i < basic.len() {
        if basic[i] < 128 && basic[i] != 0x1b {
            table[basic[i] as usize] = 1;
        }
        i += 1;
    }
    let mut i = 0;
    while i < ext.len() {
        if ext[i] < 128 {
            table[ext[i] as usize] = 2;
        }
        i += 1;
    }
    table
}

/// How a text is encoded on the air (R-A10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SmsEncoding {
    /// The GSM 7-bit default alphabet with its extension table: 160 / 153 septets.
    Gsm7,
    /// UCS-2 (UTF-16 units): 70 / 67 units.
    Ucs2,
}

impl SmsEncoding {
    /// Both encodings.
    pub const ALL: [SmsEncoding; 2] = [SmsEncoding::Gsm7, SmsEncoding::Ucs2];

    /// The machine name: `"gsm7"` or `"ucs2"`.
    pub const fn code(self) -> &'static str {
        match self {
            SmsEncoding::Gsm7 => "gsm7",
            SmsEncoding::Ucs2 => "ucs2",
        }
    }
}

impl fmt::Display for SmsEncoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SmsEncoding::Gsm7 => "GSM-7",
            SmsEncoding::Ucs2 => "UCS-2",
        })
    }
}

/// What is wrong with an SMS text or a list of sent messages (R-A10).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SmsError {
    /// The text is empty: there is nothing to send.
    #[error("the SMS text is empty: there is nothing to send")]
    Empty,
    /// The text needs more segments than allowed.
    #[error(
        "the SMS text needs {segments} segments ({encoding}, {units} units), more than the {max} allowed"
    )]
    TooLong {
        /// The segments the text would take.
        segments: u64,
        /// The most segments allowed: the policy's `sms.max_segments`, or 255 for a
        /// message already sent.
        max: u32,
        /// The encoding the text needs.
        encoding: SmsEncoding,
        /// Septets (GSM-7) or UTF-16 units (UCS-2) of the whole text.
        units: u64,
    },
    /// A cost too large to compute (only with a price over the policy's bound, e.g. a
    /// `Policy` built in code without [`crate::policy::Policy::validate`]) (R-A10).
    #[error("the {what} is too large to compute: check sms.price_per_segment (at most {max} EUR)", max = crate::policy::MAX_SMS_SEGMENT_PRICE_EUR)]
    AmountTooLarge {
        /// Which amount (`"cost"`, `"cost report total"`, …).
        what: &'static str,
    },
    /// One message of a list (a cost report's input) cannot be counted.
    #[error("sent message {index}: {reason}")]
    InvalidMessage {
        /// Its position in the list, from 0.
        index: usize,
        /// What is wrong with it.
        reason: String,
    },
}

/// The segments of one text and how full its last part is (R-A10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SmsCount {
    /// GSM-7, or UCS-2 when any character is outside the GSM alphabet.
    pub encoding: SmsEncoding,
    /// The number of SMS segments the network bills.
    pub segments: u32,
    /// Septets (GSM-7: an extension character counts two) or UTF-16 units (UCS-2: a
    /// character outside the Basic Multilingual Plane counts two) of the whole text.
    pub units: u32,
    /// Characters (Unicode scalar values) of the text.
    pub characters: u32,
    /// What one part holds in this text's encoding: 160 / 153 (GSM-7) or 70 / 67 (UCS-2),
    /// the first when the text fits one SMS.
    pub per_part_limit: u32,
    /// Septets or units still free in the last part. A part closed early (an extension
    /// character or a surrogate pair did not fit) does not add its gap here.
    pub remaining_in_last_part: u32,
}

/// The cost of one text (R-A10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SmsCost {
    /// Its segments.
    pub count: SmsCount,
    /// The policy's price of one segment, EUR.
    pub price_per_segment: Decimal,
    /// segments × price, EUR (not rounded: a price may have up to 4 decimals).
    pub total: Decimal,
}

/// A text's cost as written and after transliteration, side by side (R-A10).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SmsQuote {
    /// The cost of the text as written.
    pub as_written: SmsCost,
    /// The text with č, š, ž, ć, đ (and capitals) replaced by c, s, z, c, d.
    pub transliterated_text: String,
    /// The cost of the transliterated text.
    pub transliterated: SmsCost,
    /// How much the transliteration saves, EUR (zero when it changes nothing).
    pub saving: Decimal,
}

/// How many septets a character takes in GSM-7: 1 (default alphabet), 2 (extension
/// table), or `None` when it is not in the alphabet (R-A10).
pub fn gsm7_septets(c: char) -> Option<u32> {
    if c.is_ascii() {
        // Fast path (a planner counts ~100 million texts): the ASCII table.
        return match ASCII_SEPTETS[c as usize] {
            0 => None,
            n => Some(u32::from(n)),
        };
    }
    if GSM7_BASIC.contains(c) {
        Some(1)
    } else if GSM7_EXTENSION.contains(c) {
        Some(2)
    } else {
        None
    }
}

/// Whether an ASCII byte is in the extension table (two septets): the entries of
/// [`ASCII_SEPTETS`] that are 2, as comparisons (a test checks them against the table).
#[inline]
const fn ascii_extension(b: u8) -> bool {
    matches!(
        b,
        0x0c | b'^' | b'{' | b'}' | b'\\' | b'[' | b'~' | b']' | b'|'
    )
}

/// Whether an ASCII byte is outside GSM-7: the entries of [`ASCII_SEPTETS`] that are 0.
#[inline]
const fn ascii_outside(b: u8) -> bool {
    (b < 0x20 && b != b'\n' && b != b'\r' && b != 0x0c) || b == b'`' || b >= 0x7f
}

/// The fast path of [`count`] for an ASCII text (a planner counts ~100 million texts):
/// `(septets, parts, septets in the last part)` when every byte is in the GSM-7
/// alphabet, the same greedy split as the general path; `None` otherwise.
fn ascii_gsm7(bytes: &[u8]) -> Option<(u64, u64, u64)> {
    // First the septets and whether any byte is outside the alphabet (comparisons only,
    // no branches); a text that fits one SMS needs no split.
    let (ext, bad) = bytes.iter().fold((0_u64, 0_u64), |(ext, bad), &b| {
        (
            ext + u64::from(ascii_extension(b)),
            bad + u64::from(ascii_outside(b)),
        )
    });
    if bad > 0 {
        return None;
    }
    let sum = bytes.len() as u64 + ext;
    if sum <= u64::from(GSM7_SINGLE) {
        return Some((sum, 1, sum));
    }
    let part = u64::from(GSM7_PART);
    let (mut units, mut parts, mut in_part) = (0_u64, 1_u64, 0_u64);
    for &b in bytes {
        let w = u64::from(*ASCII_SEPTETS.get(usize::from(b))?);
        if w == 0 {
            return None;
        }
        units += w;
        if in_part + w > part {
            parts += 1;
            in_part = w;
        } else {
            in_part += w;
        }
    }
    Some((units, parts, in_part))
}

/// A greedy split into parts of `part` units: a character that does not fit whole in
/// the current part opens the next one (R-A10).
#[derive(Clone, Copy)]
struct Split {
    part: u64,
    units: u64,
    parts: u64,
    in_part: u64,
}

impl Split {
    fn new(part: u32) -> Split {
        Split {
            part: u64::from(part),
            units: 0,
            parts: 1,
            in_part: 0,
        }
    }

    #[inline]
    fn add(&mut self, w: u64) {
        self.units += w;
        if self.in_part + w > self.part {
            self.parts += 1;
            self.in_part = w;
        } else {
            self.in_part += w;
        }
    }
}

/// The fast path of [`count`] for a UCS-2 text (a Slovenian letter is enough) without
/// characters outside the Basic Multilingual Plane: every character is one unit, so the
/// greedy split is `units / 67` rounded up. `(units, parts, units in the last part)`;
/// `None` when the text is GSM-7 or has a surrogate pair (the general path).
fn ucs2_without_pairs(text: &str) -> Option<(u64, u64, u64)> {
    // A four-byte UTF-8 sequence (lead byte 0xF0 or above) is a surrogate pair in UTF-16.
    if text.bytes().any(|b| b >= 0xf0) || is_gsm7(text) {
        return None;
    }
    let units = text.chars().count() as u64;
    let part = u64::from(UCS2_PART);
    let parts = units.div_ceil(part).max(1);
    Some((units, parts, units - (parts - 1) * part))
}

/// Whether a whole text can be sent in GSM-7 (R-A10).
pub fn is_gsm7(text: &str) -> bool {
    text.chars().all(|c| gsm7_septets(c).is_some())
}

/// Counts the SMS segments of a text exactly (R-A10). An empty text, or one that would
/// need more than 255 parts, is refused.
pub fn count(text: &str) -> Result<SmsCount, SmsError> {
    count_within(text, MAX_CONCATENATED_SEGMENTS)
}

fn count_within(text: &str, max: u32) -> Result<SmsCount, SmsError> {
    if text.is_empty() {
        return Err(SmsError::Empty);
    }
    let ascii = if text.is_ascii() {
        ascii_gsm7(text.as_bytes())
    } else {
        None
    };
    let (encoding, single, part, units, characters, parts, in_part) =
        if let Some((units, parts, in_part)) = ascii {
            let characters = text.len() as u64;
            let (single, part) = (GSM7_SINGLE, GSM7_PART);
            (
                SmsEncoding::Gsm7,
                single,
                part,
                units,
                characters,
                parts,
                in_part,
            )
        } else if let Some((units, parts, in_part)) = ucs2_without_pairs(text) {
            (
                SmsEncoding::Ucs2,
                UCS2_SINGLE,
                UCS2_PART,
                units,
                units,
                parts,
                in_part,
            )
        } else {
            // One pass for both encodings: GSM-7 while every character is in the
            // alphabet, UCS-2 always; the text is GSM-7 if it got to the end.
            let (mut gsm, mut ucs) = (Split::new(GSM7_PART), Split::new(UCS2_PART));
            let (mut is_gsm, mut characters) = (true, 0_u64);
            for c in text.chars() {
                characters += 1;
                if is_gsm {
                    match gsm7_septets(c) {
                        Some(w) => gsm.add(u64::from(w)),
                        None => is_gsm = false,
                    }
                }
                ucs.add(c.len_utf16() as u64);
            }
            let (encoding, single, part, split) = if is_gsm {
                (SmsEncoding::Gsm7, GSM7_SINGLE, GSM7_PART, gsm)
            } else {
                (SmsEncoding::Ucs2, UCS2_SINGLE, UCS2_PART, ucs)
            };
            let Split {
                units,
                parts,
                in_part,
                ..
            } = split;
            (encoding, single, part, units, characters, parts, in_part)
        };
    let (segments, limit, remaining) = if units <= u64::from(single) {
        (1, single, u64::from(single) - units)
    } else {
        (parts, part, u64::from(part) - in_part)
    };
    if segments > u64::from(max) {
        return Err(SmsError::TooLong {
            segments,
            max,
            encoding,
            units,
        });
    }
    // Within 255 parts every figure fits a u32.
    let small = |v: u64| u32::try_from(v).unwrap_or(u32::MAX);
    Ok(SmsCount {
        encoding,
        segments: small(segments),
        units: small(units),
        characters: small(characters),
        per_part_limit: limit,
        remaining_in_last_part: small(remaining),
    })
}

/// The cost of a text: segments × the policy's price per segment (R-A10). A text longer
/// than the policy's `sms.max_segments` is refused.
pub fn cost(text: &str, policy: &Policy) -> Result<SmsCost, SmsError> {
    let count = count_within(text, policy.sms.max_segments.min(MAX_CONCATENATED_SEGMENTS))?;
    priced(count, policy.sms.price_per_segment)
}

/// [`cost`] with the totals of the first few segment counts remembered in `totals` (a
/// planner prices ~100 million texts at one price; `totals[n]` is the total of `n`
/// segments). The same answer as [`cost`].
pub(crate) fn cost_memo(
    text: &str,
    policy: &Policy,
    totals: &mut [Option<Decimal>; 8],
) -> Result<SmsCost, SmsError> {
    let count = count_within(text, policy.sms.max_segments.min(MAX_CONCATENATED_SEGMENTS))?;
    let price = policy.sms.price_per_segment;
    let slot = usize::try_from(count.segments)
        .ok()
        .and_then(|n| totals.get_mut(n));
    match slot {
        Some(Some(total)) => Ok(SmsCost {
            count,
            price_per_segment: price,
            total: *total,
        }),
        Some(slot) => {
            let c = priced(count, price)?;
            *slot = Some(c.total);
            Ok(c)
        }
        None => priced(count, price),
    }
}

fn priced(count: SmsCount, price: Decimal) -> Result<SmsCost, SmsError> {
    Ok(SmsCost {
        count,
        price_per_segment: price,
        total: price
            .checked_mul(Decimal::from(count.segments))
            .ok_or(SmsError::AmountTooLarge { what: "cost" })?,
    })
}

/// Replaces the Slovenian and Croatian letters outside GSM-7 — č, š, ž, ć, đ and their
/// capitals — by c, s, z, c, d (R-A10). Every other character is kept, so a text with
/// emoji stays UCS-2.
pub fn transliterate(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'č' | 'ć' => 'c',
            'Č' | 'Ć' => 'C',
            'š' => 's',
            'Š' => 'S',
            'ž' => 'z',
            'Ž' => 'Z',
            'đ' => 'd',
            'Đ' => 'D',
            other => other,
        })
        .collect()
}

/// The cost of a text as written and transliterated, side by side (R-A10). Both forms
/// must fit the policy's `sms.max_segments`.
pub fn quote(text: &str, policy: &Policy) -> Result<SmsQuote, SmsError> {
    let as_written = cost(text, policy)?;
    let transliterated_text = transliterate(text);
    let transliterated = cost(&transliterated_text, policy)?;
    Ok(SmsQuote {
        saving: as_written
            .total
            .checked_sub(transliterated.total)
            .ok_or(SmsError::AmountTooLarge { what: "saving" })?,
        as_written,
        transliterated_text,
        transliterated,
    })
}

/// A calendar month in Ljubljana (R-A10: cost reports are monthly).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct YearMonth {
    /// The year.
    pub year: i32,
    /// The month, 1–12.
    pub month: u32,
}

impl YearMonth {
    /// The Ljubljana month an instant falls in.
    pub fn of(instant: DateTime<Utc>) -> YearMonth {
        let date = calendar::local_date(instant);
        YearMonth {
            year: date.year(),
            month: date.month(),
        }
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// One SMS that was sent: to whom, about which child, when, and its text (R-A10).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentSms {
    /// The recipient (a parent or guardian: students get no SMS notices, R-E5).
    pub recipient: GuardianId,
    /// The child the message was about.
    pub child: StudentId,
    /// When it was sent.
    pub sent_at: DateTime<Utc>,
    /// Its text.
    pub text: String,
}

/// The SMS cost of one recipient, about one child, in one month (R-A10).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SmsCostLine {
    /// The recipient.
    pub recipient: GuardianId,
    /// The child.
    pub child: StudentId,
    /// The month in Ljubljana.
    pub month: YearMonth,
    /// Messages sent.
    pub messages: u64,
    /// Segments billed.
    pub segments: u64,
    /// Cost in EUR.
    pub cost: Decimal,
}

/// SMS costs per recipient, child and month, with totals (R-A10).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SmsCostReport {
    /// One line per recipient, child and month, sorted by them.
    pub lines: Vec<SmsCostLine>,
    /// Messages in all.
    pub messages: u64,
    /// Segments in all.
    pub segments: u64,
    /// Cost in all, EUR.
    pub total: Decimal,
}

/// Totals the cost of sent messages per recipient, child and month at the policy's price
/// (R-A10). A message already sent is counted even when it is longer than the policy's
/// `sms.max_segments` (it was billed); an empty one, or one past 255 parts, cannot have
/// been sent and is refused with its index.
pub fn cost_report(messages: &[SentSms], policy: &Policy) -> Result<SmsCostReport, SmsError> {
    cost_report_of(
        messages
            .iter()
            .map(|m| (&m.recipient, &m.child, m.sent_at, m.text.as_str())),
        policy,
    )
}

/// A run of consecutive messages of one line: (recipient, child, month), (messages,
/// segments).
type Run<'m> = Option<((&'m GuardianId, &'m StudentId, YearMonth), (u64, u64))>;

/// [`cost_report`] over borrowed messages (recipient, child, sent at, text) — a plan's
/// SMS notices without copying their texts.
pub(crate) fn cost_report_of<'m>(
    messages: impl Iterator<Item = (&'m GuardianId, &'m StudentId, DateTime<Utc>, &'m str)>,
    policy: &Policy,
) -> Result<SmsCostReport, SmsError> {
    let price = policy.sms.price_per_segment;
    let mut lines: BTreeMap<(GuardianId, StudentId, YearMonth), (u64, u64)> = BTreeMap::new();
    // Local dates from the table of midnights (the same as `YearMonth::of`).
    let mut clock = Clock::new(NaiveDate::MIN, 0);
    let flush = |lines: &mut BTreeMap<(GuardianId, StudentId, YearMonth), (u64, u64)>,
                 run: Run<'_>| {
        if let Some(((r, c, m), (messages, segments))) = run {
            let line = lines.entry((r.clone(), c.clone(), m)).or_default();
            line.0 += messages;
            line.1 += segments;
        }
    };
    let mut run: Run<'_> = None;
    for (index, (recipient, child, sent_at, text)) in messages.enumerate() {
        let counted = count(text).map_err(|e| SmsError::InvalidMessage {
            index,
            reason: e.to_string(),
        })?;
        let date = clock.date(sent_at);
        let month = YearMonth {
            year: date.year(),
            month: date.month(),
        };
        // Consecutive messages are mostly of one line: add them up before looking the
        // line up (and cloning its IDs).
        let segments = u64::from(counted.segments);
        match &mut run {
            Some(((r, c, m), n)) if *r == recipient && *c == child && *m == month => {
                n.0 += 1;
                n.1 += segments;
            }
            _ => {
                flush(&mut lines, run.take());
                run = Some(((recipient, child, month), (1, segments)));
            }
        }
    }
    flush(&mut lines, run);
    let too_large = |what| SmsError::AmountTooLarge { what };
    let lines: Vec<SmsCostLine> = lines
        .into_iter()
        .map(|((recipient, child, month), (messages, segments))| {
            Ok(SmsCostLine {
                recipient,
                child,
                month,
                messages,
                segments,
                cost: price
                    .checked_mul(Decimal::from(segments))
                    .ok_or(too_large("cost of a line"))?,
            })
        })
        .collect::<Result<_, SmsError>>()?;
    Ok(SmsCostReport {
        messages: lines.iter().map(|l| l.messages).sum(),
        segments: lines.iter().map(|l| l.segments).sum(),
        total: lines
            .iter()
            .try_fold(Decimal::ZERO, |sum, l| sum.checked_add(l.cost))
            .ok_or(too_large("cost report total"))?,
        lines,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    #[test]
    fn r_a10_the_ascii_fast_path_agrees_with_the_table() {
        for b in 0..128u8 {
            let w = ASCII_SEPTETS[usize::from(b)];
            assert_eq!(ascii_extension(b), w == 2, "{b:#x}");
            assert_eq!(ascii_outside(b), w == 0, "{b:#x}");
            assert_eq!(gsm7_septets(char::from(b)), (w > 0).then_some(u32::from(w)));
        }
    }

    fn n(c: &SmsCount) -> (SmsEncoding, u32, u32, u32, u32) {
        (
            c.encoding,
            c.segments,
            c.units,
            c.per_part_limit,
            c.remaining_in_last_part,
        )
    }

    fn counted(text: &str) -> (SmsEncoding, u32, u32, u32, u32) {
        n(&count(text).expect("countable"))
    }

    use SmsEncoding::{Gsm7, Ucs2};

    #[test]
    fn r_a10_the_alphabet_tables_have_the_sizes_of_the_standard() {
        assert_eq!(GSM7_BASIC.chars().count(), 128);
        assert_eq!(GSM7_EXTENSION.chars().count(), 10);
        assert_eq!(gsm7_septets('@'), Some(1));
        assert_eq!(gsm7_septets('€'), Some(2));
        assert_eq!(gsm7_septets('\u{c}'), Some(2));
        assert_eq!(gsm7_septets('\u{1b}'), None);
        for c in [
            'č', 'š', 'ž', 'ć', 'đ', 'Č', 'Š', 'Ž', 'Ć', 'Đ', 'ç', '😀', '\t',
        ] {
            assert_eq!(gsm7_septets(c), None, "{c:?}");
        }
    }

    #[test]
    fn r_a10_gsm7_fits_160_in_one_and_153_per_part() {
        assert_eq!(counted("a"), (Gsm7, 1, 1, 160, 159));
        assert_eq!(counted(&"a".repeat(160)), (Gsm7, 1, 160, 160, 0));
        assert_eq!(counted(&"a".repeat(161)), (Gsm7, 2, 161, 153, 145));
        assert_eq!(counted(&"a".repeat(306)), (Gsm7, 2, 306, 153, 0));
        assert_eq!(counted(&"a".repeat(307)), (Gsm7, 3, 307, 153, 152));
    }

    #[test]
    fn r_a10_extension_characters_take_two_septets() {
        assert_eq!(counted("€"), (Gsm7, 1, 2, 160, 158));
        assert_eq!(counted(&"€".repeat(80)), (Gsm7, 1, 160, 160, 0));
        assert_eq!(counted(&("a".repeat(159) + "€")), (Gsm7, 2, 161, 153, 145));
        assert_eq!(count("{}[]~|^\\\u{c}€").expect("ok").units, 20);
    }

    #[test]
    fn r_a10_an_escape_is_never_split_across_parts() {
        // 152 septets, then "€": the escape would be the 153rd septet and its character
        // the 154th, so the first part closes at 152 and "€" opens the second.
        let text = "a".repeat(152) + "€" + &"b".repeat(10);
        assert_eq!(counted(&text), (Gsm7, 2, 164, 153, 141));
        // With 151 septets before it, "€" ends the first part exactly.
        let text = "a".repeat(151) + "€" + &"b".repeat(10);
        assert_eq!(counted(&text), (Gsm7, 2, 163, 153, 143));
    }

    #[test]
    fn r_a10_slovenian_letters_force_ucs2_at_70_and_67() {
        assert_eq!(counted("č"), (Ucs2, 1, 1, 70, 69));
        assert_eq!(counted(&"ž".repeat(70)), (Ucs2, 1, 70, 70, 0));
        assert_eq!(counted(&"ž".repeat(71)), (Ucs2, 2, 71, 67, 63));
        assert_eq!(counted(&("a".repeat(133) + "š")), (Ucs2, 2, 134, 67, 0));
        // One "đ" in 160 GSM characters turns 1 SMS into 3.
        assert_eq!(counted(&("a".repeat(159) + "đ")), (Ucs2, 3, 160, 67, 41));
    }

    #[test]
    fn r_a10_emoji_take_two_units_and_are_never_split() {
        assert_eq!(counted("😀"), (Ucs2, 1, 2, 70, 68));
        assert_eq!(counted(&"😀".repeat(35)), (Ucs2, 1, 70, 70, 0));
        // 66 units then an emoji: the pair does not fit the 67th unit, opens part two.
        assert_eq!(
            counted(&("a".repeat(66) + "😀" + &"b".repeat(10))),
            (Ucs2, 2, 78, 67, 55)
        );
        // In UCS-2 an extension character is one unit like any other.
        assert_eq!(counted("€č"), (Ucs2, 1, 2, 70, 68));
        assert_eq!(count("😀€").expect("ok").characters, 2);
    }

    #[test]
    fn r_a10_the_escape_code_itself_is_not_a_gsm_character() {
        assert_eq!(counted("a\u{1b}b"), (Ucs2, 1, 3, 70, 67));
    }

    #[test]
    fn r_a10_empty_and_oversized_texts_are_typed_errors() {
        assert_eq!(count(""), Err(SmsError::Empty));
        assert_eq!(
            SmsError::Empty.to_string(),
            "the SMS text is empty: there is nothing to send"
        );
        assert_eq!(count(&"a".repeat(153 * 255)).expect("ok").segments, 255);
        let err = count(&"a".repeat(153 * 255 + 1)).unwrap_err();
        assert_eq!(
            err,
            SmsError::TooLong {
                segments: 256,
                max: 255,
                encoding: Gsm7,
                units: 39_016
            }
        );
        let err = cost(&"č".repeat(671), &Policy::default()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the SMS text needs 11 segments (UCS-2, 671 units), more than the 10 allowed"
        );
        assert_eq!(
            cost(&"č".repeat(670), &Policy::default())
                .expect("ok")
                .count
                .segments,
            10
        );
    }

    #[test]
    fn r_a10_cost_is_segments_times_the_policy_price() {
        let c = cost(&"a".repeat(161), &Policy::default()).expect("ok");
        assert_eq!(c.total, Decimal::new(10, 2));
        let policy =
            Policy::from_json(r#"{"sms": {"price_per_segment": "0.0375", "max_segments": 3}}"#)
                .expect("valid");
        let c = cost(&"a".repeat(307), &policy).expect("ok");
        assert_eq!(c.total.to_string(), "0.1125");
        assert!(matches!(
            cost(&"a".repeat(460), &policy),
            Err(SmsError::TooLong {
                segments: 4,
                max: 3,
                ..
            })
        ));
    }

    #[test]
    fn r_a10_transliteration_shows_the_cost_both_ways() {
        let text =
            "Čestitamo! Žan je dobil odlično oceno pri športni vzgoji, Đurđa pa pri šahu. Ćao!";
        let q = quote(&text.repeat(2), &Policy::default()).expect("ok");
        assert_eq!(q.as_written.count.encoding, Ucs2);
        assert_eq!(q.as_written.count.segments, 3);
        assert_eq!(q.transliterated.count.encoding, Gsm7);
        assert_eq!(q.transliterated.count.segments, 2);
        assert_eq!(q.saving, Decimal::new(5, 2));
        assert!(q.transliterated_text.starts_with(
            "Cestitamo! Zan je dobil odlicno oceno pri sportni vzgoji, Durda pa pri sahu. Cao!"
        ));
        // An emoji is kept: the text stays UCS-2.
        let q = quote("Bravo 🎉 čestitke", &Policy::default()).expect("ok");
        assert_eq!(q.transliterated.count.encoding, Ucs2);
        assert_eq!(q.transliterated_text, "Bravo 🎉 cestitke");
    }

    #[test]
    fn r_a10_a_bad_price_in_the_policy_is_refused_by_field() {
        for (json, reason) in [
            (
                r#"{"sms": {"price_per_segment": "-0.01"}}"#,
                "policy field `sms.price_per_segment` is invalid: a price cannot be negative (-0.01)",
            ),
            (
                r#"{"sms": {"price_per_segment": "0.00001"}}"#,
                "policy field `sms.price_per_segment` is invalid: 0.00001 has more than 4 decimal places",
            ),
            (
                r#"{"sms": {"max_segments": 0}}"#,
                "policy field `sms.max_segments` is invalid: 0 is outside 1–255 (a concatenated SMS has at most 255 parts)",
            ),
        ] {
            assert_eq!(
                Policy::from_json(json).unwrap_err().to_string(),
                reason,
                "{json}"
            );
        }
        let err = Policy::from_json(r#"{"sms": {"price_per_segment": 0.05}}"#).unwrap_err();
        assert!(
            matches!(&err, crate::policy::PolicyError::Parse { field, .. } if field == "sms.price_per_segment"),
            "{err:?}"
        );
        let err = Policy::from_json(r#"{"sms": {"price_per_segment": "pet centov"}}"#)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("`pet centov` is not a decimal amount"),
            "{err}"
        );
        // Trailing zeros are no extra precision.
        assert!(Policy::from_json(r#"{"sms": {"price_per_segment": "0.050000"}}"#).is_ok());
    }

    fn sent(recipient: &str, child: &str, at: DateTime<Utc>, text: &str) -> SentSms {
        SentSms {
            recipient: GuardianId::new(recipient).expect("id"),
            child: StudentId::new(child).expect("id"),
            sent_at: at,
            text: text.into(),
        }
    }

    #[test]
    fn r_a10_the_cost_report_totals_per_recipient_child_and_ljubljana_month() {
        let nov = Utc.with_ymd_and_hms(2026, 11, 10, 12, 0, 0).unwrap();
        // 23:30 UTC on 30 November is already 1 December in Ljubljana.
        let dec_local = Utc.with_ymd_and_hms(2026, 11, 30, 23, 30, 0).unwrap();
        let messages = [
            sent("mama", "ana", nov, "Ana je bila odsotna."),
            sent("mama", "ana", nov, &"Ocena: 5. ".repeat(20)),
            sent("mama", "ana", dec_local, "Test iz fizike v petek."),
            sent("oce", "ana", nov, "Ana je bila odsotna."),
            sent("mama", "bor", nov, "Bor: pohvala 👍"),
        ];
        let r = cost_report(&messages, &Policy::default()).expect("ok");
        let rows: Vec<_> = r
            .lines
            .iter()
            .map(|l| {
                (
                    l.recipient.as_str(),
                    l.child.as_str(),
                    l.month.to_string(),
                    l.messages,
                    l.segments,
                    l.cost.to_string(),
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                ("mama", "ana", "2026-11".into(), 2, 3, "0.15".into()),
                ("mama", "ana", "2026-12".into(), 1, 1, "0.05".into()),
                ("mama", "bor", "2026-11".into(), 1, 1, "0.05".into()),
                ("oce", "ana", "2026-11".into(), 1, 1, "0.05".into()),
            ]
        );
        assert_eq!((r.messages, r.segments), (5, 6));
        assert_eq!(r.total, Decimal::new(30, 2));
        let err = cost_report(
            &[messages[0].clone(), sent("mama", "ana", nov, "")],
            &Policy::default(),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "sent message 1: the SMS text is empty: there is nothing to send"
        );
        let empty = cost_report(&[], &Policy::default()).expect("ok");
        assert_eq!((empty.lines.len(), empty.total), (0, Decimal::ZERO));
    }

    fn gsm_char() -> impl Strategy<Value = char> {
        prop::sample::select(
            GSM7_BASIC
                .chars()
                .filter(|&c| c != '\u{1b}')
                .chain(GSM7_EXTENSION.chars())
                .collect::<Vec<_>>(),
        )
    }

    fn slovenian_char() -> impl Strategy<Value = char> {
        prop_oneof![
            4 => gsm_char(),
            1 => prop::sample::select(vec!['č', 'š', 'ž', 'ć', 'đ', 'Č', 'Š', 'Ž', 'Ć', 'Đ']),
        ]
    }

    fn any_sms_char() -> impl Strategy<Value = char> {
        prop_oneof![
            4 => slovenian_char(),
            1 => prop::sample::select(vec!['😀', '🎉', '👍', '中', 'я', '\u{1b}', '𝄞']),
        ]
    }

    /// The counter as first written (two passes, character by character): the fast paths
    /// must give exactly its answers.
    fn reference_count(text: &str) -> SmsCount {
        let gsm = text.chars().all(|c| gsm7_septets(c).is_some());
        let (encoding, single, part) = if gsm {
            (SmsEncoding::Gsm7, GSM7_SINGLE, GSM7_PART)
        } else {
            (SmsEncoding::Ucs2, UCS2_SINGLE, UCS2_PART)
        };
        let (mut units, mut characters, mut parts, mut in_part) = (0u64, 0u64, 1u64, 0u64);
        for c in text.chars() {
            let w = if gsm {
                u64::from(gsm7_septets(c).unwrap())
            } else {
                c.len_utf16() as u64
            };
            units += w;
            characters += 1;
            if in_part + w > u64::from(part) {
                parts += 1;
                in_part = w;
            } else {
                in_part += w;
            }
        }
        let (segments, limit, remaining) = if units <= u64::from(single) {
            (1, single, u64::from(single) - units)
        } else {
            (parts, part, u64::from(part) - in_part)
        };
        SmsCount {
            encoding,
            segments: u32::try_from(segments).unwrap(),
            units: u32::try_from(units).unwrap(),
            characters: u32::try_from(characters).unwrap(),
            per_part_limit: limit,
            remaining_in_last_part: u32::try_from(remaining).unwrap(),
        }
    }

    proptest! {
        #[test]
        fn r_a10_the_fast_counters_agree_with_the_reference(
            chars in prop::collection::vec(
                prop_oneof![
                    6 => (0x20u8..0x7f).prop_map(char::from),
                    1 => prop::sample::select(vec!['\n', '\r', '\u{c}', '`', '\u{7f}', '\t']),
                    2 => any_sms_char(),
                ],
                1..500,
            ),
        ) {
            let text: String = chars.iter().collect();
            prop_assert_eq!(count(&text).unwrap(), reference_count(&text), "{:?}", text);
            let ascii: String = text.chars().filter(char::is_ascii).collect();
            if !ascii.is_empty() {
                prop_assert_eq!(count(&ascii).unwrap(), reference_count(&ascii));
            }
        }

        #[test]
        fn r_a10_segments_grow_with_the_text_within_one_encoding(
            chars in prop::collection::vec(any_sms_char(), 1..700),
            extra in prop::collection::vec(any_sms_char(), 1..50),
        ) {
            let short: String = chars.iter().collect();
            let long: String = chars.iter().chain(extra.iter()).collect();
            let a = count(&short).expect("countable");
            let b = count(&long).expect("countable");
            if a.encoding == b.encoding {
                prop_assert!(a.segments <= b.segments, "{a:?} {b:?}");
                prop_assert!(a.units < b.units);
            }
            // Never fewer segments than the units need, never a part over its limit.
            prop_assert!(u64::from(b.segments) * u64::from(b.per_part_limit) >= u64::from(b.units));
        }

        #[test]
        fn r_a10_transliterated_slovenian_text_is_gsm7(
            chars in prop::collection::vec(slovenian_char(), 1..400),
        ) {
            let text: String = chars.iter().collect();
            let t = transliterate(&text);
            prop_assert!(is_gsm7(&t));
            prop_assert_eq!(t.chars().count(), text.chars().count());
            let before = count(&text).expect("countable");
            let after = count(&t).expect("countable");
            prop_assert_eq!(after.encoding, SmsEncoding::Gsm7);
            // Transliteration never costs more when the original was UCS-2 … and is a
            // no-op on a text already in GSM-7.
            if before.encoding == SmsEncoding::Gsm7 {
                prop_assert_eq!(&t, &text);
            } else {
                prop_assert!(after.segments <= before.segments, "{before:?} {after:?}");
            }
        }
    }
}
