//! Notifications to parents (R-E1 … R-E7, R-C3, R-C7, R-A10): which notices go out, when,
//! by which channel, and what the SMS among them cost.
//!
//! - [`plan`]: the notification planner — a household, its children's events, the
//!   calendar, the rights facts and the policy → the exact list of [`Notice`]s
//!   ([`Planner::plan`]).
//! - [`sms`]: the exact GSM-7 / UCS-2 segment counter, SMS costs, the optional Slovenian
//!   transliteration and the monthly cost report.
//! - `render`: the Slovenian and English texts of notices.

mod clock;
pub mod plan;
mod render;
pub mod sms;

pub use plan::{
    item_of, shift, Addressee, Channel, Child, Event, EventId, EventKind, Household, Language,
    Mode, Notice, NoticeKind, NotifyError, ObservationKind, Period, Plan, Planner, QuietHours,
    Recipient, Withheld,
};
