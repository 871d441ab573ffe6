//! Notifications to parents (R-E1 … R-E7, R-C3, R-C7, R-A10): which notices go out, when,
//! by which channel, and what the SMS among them cost.
//!
//! So far this module holds [`sms`]: the exact GSM-7 / UCS-2 segment counter, SMS costs,
//! the optional Slovenian transliteration and the monthly cost report. The notification
//! planner joins it once the visibility engine exists.

pub mod sms;
