//! A registration for a service (R-C7, R-C8): a state value and dated events, no clock.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::choice::Chooser;
use super::quote::{quote_child, ChildOrder};
use super::{Service, ServiceError};
use crate::calendar::SchoolYear;
use crate::ids::{GuardianId, SchoolId, StudentId};
use crate::policy::Policy;
use crate::rules::RuleId;

/// Why a registration ended by itself (R-C8).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
#[non_exhaustive]
pub enum EndReason {
    /// The child finished schooling: the registration ends automatically.
    FinishedSchooling,
    /// The child moved to another school, or from primary to secondary school: the new
    /// school needs a new registration.
    ChangedSchool {
        /// The new school.
        to: SchoolId,
    },
}

/// Where a registration stands (R-C8).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
#[non_exhaustive]
pub enum RegistrationStatus {
    /// Made and holding until revoked.
    Active,
    /// Revoked by the parent; it must be made again to be used again.
    Revoked {
        /// The date of the revocation.
        on: NaiveDate,
    },
    /// Ended by itself.
    Ended {
        /// The date it ended.
        on: NaiveDate,
        /// Why.
        #[serde(flatten)]
        reason: EndReason,
    },
}

/// One school year paid for, in one payment (R-C4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaidYear {
    /// The school year.
    pub school_year: SchoolYear,
    /// The service paid for.
    pub service: Service,
    /// The amount, from the policy's price list for that year.
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
    /// The date of the payment.
    pub paid_on: NaiveDate,
}

/// A parent's registration for a child at a school (R-C8): made once, holding until
/// revoked, ending by itself when the child finishes schooling or changes school.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Registration {
    /// The parent who registered.
    pub guardian: GuardianId,
    /// The child.
    pub student: StudentId,
    /// The school the registration is for.
    pub school: SchoolId,
    /// The service currently chosen.
    pub service: Service,
    /// The date it was made.
    pub registered_on: NaiveDate,
    /// The date of its last change.
    pub last_change: NaiveDate,
    /// The school years paid for, in order of payment.
    pub paid: Vec<PaidYear>,
    /// Where it stands.
    pub status: RegistrationStatus,
}

/// Something that happens to a registration (R-C4 … R-C8).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
#[non_exhaustive]
pub enum RegistrationEvent {
    /// The chosen service changes; only a parent may change it (R-C5, R-C6).
    ChangeService {
        /// The new service.
        service: Service,
        /// The standing of the person changing it.
        chooser: Chooser,
    },
    /// The payment for a school year (R-C4): the year's price of the current service,
    /// or, after an upgrade within a year already paid (ZA STARŠE → POPOLNI), the
    /// difference still due (R-C2: 17.00 with the default prices). Refused as
    /// [`ServiceError::AlreadyPaid`] when nothing is due.
    Pay {
        /// The school year paid for.
        school_year: SchoolYear,
    },
    /// The parent revokes the registration (R-C8).
    Revoke,
    /// The child finished schooling (R-C8).
    FinishSchooling,
    /// The child moved to another school or from primary to secondary school (R-C8).
    ChangeSchool {
        /// The new school.
        to: SchoolId,
    },
}

impl RegistrationEvent {
    fn name(&self) -> &'static str {
        match self {
            RegistrationEvent::ChangeService { .. } => "change the service",
            RegistrationEvent::Pay { .. } => "pay",
            RegistrationEvent::Revoke => "revoke",
            RegistrationEvent::FinishSchooling => "finish schooling",
            RegistrationEvent::ChangeSchool { .. } => "change school",
        }
    }
}

/// What a transition did (R-C4 … R-C8).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
#[non_exhaustive]
pub enum RegistrationOutcome {
    /// The registration was made.
    Registered,
    /// The service changed.
    ServiceChanged {
        /// The service before.
        from: Service,
        /// The service now.
        to: Service,
    },
    /// A school year was paid (or topped up after an upgrade).
    Paid {
        /// The school year.
        school_year: SchoolYear,
        /// The amount paid now: the price list's price for the current service, less what
        /// was already paid for that school year (R-C2, R-C4).
        #[serde(with = "rust_decimal::serde::str")]
        amount: Decimal,
    },
    /// The registration was revoked; it must be made again to be used again.
    Revoked,
    /// The registration ended by itself; a new school needs a new registration.
    Ended {
        /// Why.
        reason: EndReason,
    },
}

/// For one date: may notices be sent, may the portal be read (R-C7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaidPeriod {
    /// The date asked about.
    pub date: NaiveDate,
    /// Whether SMS and email notices may be sent: only inside a paid school year, with a
    /// service for the parents (R-C7, R-E6).
    pub notices_may_be_sent: bool,
    /// Whether the parent portal may be read: until the end of the school year, not after
    /// the child has left (R-C7).
    pub portal_readable: bool,
    /// The rules the answer rests on.
    pub reasons: Vec<RuleId>,
}

/// What is still due for `school_year` (R-C2, R-C4): `price` (the current service's
/// price for that year) less everything already paid for it. The fee is one payment per
/// child and year, never instalments; an upgrade within a paid year (ZA STARŠE or ZA
/// UČENCE → POPOLNI) owes only the difference, and a downgrade owes nothing (no refund is
/// made here). Zero or less means nothing is due.
fn amount_due(
    price: Decimal,
    paid: &[PaidYear],
    school_year: SchoolYear,
) -> Result<Decimal, ServiceError> {
    let too_large = || ServiceError::AmountTooLarge { what: "amount due" };
    let already = paid
        .iter()
        .filter(|p| p.school_year == school_year)
        .try_fold(Decimal::ZERO, |sum, p| sum.checked_add(p.amount))
        .ok_or_else(too_large)?;
    price.checked_sub(already).ok_or_else(too_large)
}

impl Registration {
    /// Makes a registration (R-C8); the service is the child's too, so only a parent may
    /// make it (R-C5, R-C6).
    pub fn register(
        guardian: GuardianId,
        student: StudentId,
        school: SchoolId,
        service: Service,
        chooser: Chooser,
        on: NaiveDate,
    ) -> Result<(Registration, RegistrationOutcome), ServiceError> {
        super::choose_for_child(chooser, &student, service)?;
        SchoolYear::containing(on)?;
        Ok((
            Registration {
                guardian,
                student,
                school,
                service,
                registered_on: on,
                last_change: on,
                paid: Vec::new(),
                status: RegistrationStatus::Active,
            },
            RegistrationOutcome::Registered,
        ))
    }

    /// Applies a dated event (R-C4 … R-C8). A revoked or ended registration takes no
    /// event: a new one must be made. `policy` gives the price of a payment.
    pub fn apply(
        &self,
        event: &RegistrationEvent,
        on: NaiveDate,
        policy: &Policy,
    ) -> Result<(Registration, RegistrationOutcome), ServiceError> {
        match &self.status {
            RegistrationStatus::Active => {}
            RegistrationStatus::Revoked { on: since } => {
                return Err(ServiceError::WrongState {
                    event: event.name(),
                    state: "revoked",
                    since: *since,
                })
            }
            RegistrationStatus::Ended { on: since, .. } => {
                return Err(ServiceError::WrongState {
                    event: event.name(),
                    state: "ended",
                    since: *since,
                })
            }
        }
        if on < self.last_change {
            return Err(ServiceError::EventOutOfOrder {
                on,
                last: self.last_change,
            });
        }
        let current = SchoolYear::containing(on)?;
        let mut next = self.clone();
        next.last_change = on;
        let outcome = match event {
            RegistrationEvent::ChangeService { service, chooser } => {
                super::choose_for_child(*chooser, &self.student, *service)?;
                next.service = *service;
                RegistrationOutcome::ServiceChanged {
                    from: self.service,
                    to: *service,
                }
            }
            RegistrationEvent::Pay { school_year } => {
                if !(self.service.covers_parents() || self.service.covers_student()) {
                    return Err(ServiceError::NothingToPay {
                        service: self.service,
                    });
                }
                if *school_year != current && Some(*school_year) != current.next().ok() {
                    return Err(ServiceError::PaymentOutOfTerm {
                        school_year: *school_year,
                        on,
                    });
                }
                let order = ChildOrder {
                    student: self.student.clone(),
                    service: self.service,
                };
                let price = quote_child(policy, *school_year, &order, 1)?.total;
                let amount = amount_due(price, &self.paid, *school_year)?;
                let year_paid = self.paid.iter().any(|p| p.school_year == *school_year);
                if year_paid && amount <= Decimal::ZERO {
                    return Err(ServiceError::AlreadyPaid {
                        school_year: *school_year,
                    });
                }
                next.paid.push(PaidYear {
                    school_year: *school_year,
                    service: self.service,
                    amount,
                    paid_on: on,
                });
                RegistrationOutcome::Paid {
                    school_year: *school_year,
                    amount,
                }
            }
            RegistrationEvent::Revoke => {
                next.status = RegistrationStatus::Revoked { on };
                RegistrationOutcome::Revoked
            }
            RegistrationEvent::FinishSchooling => {
                let reason = EndReason::FinishedSchooling;
                next.status = RegistrationStatus::Ended {
                    on,
                    reason: reason.clone(),
                };
                RegistrationOutcome::Ended { reason }
            }
            RegistrationEvent::ChangeSchool { to } => {
                if *to == self.school {
                    return Err(ServiceError::SameSchool { school: to.clone() });
                }
                let reason = EndReason::ChangedSchool { to: to.clone() };
                next.status = RegistrationStatus::Ended {
                    on,
                    reason: reason.clone(),
                };
                RegistrationOutcome::Ended { reason }
            }
        };
        Ok((next, outcome))
    }

    /// The registration as JSON, for the caller's storage; [`Registration::from_json`]
    /// reads it back unchanged.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a registration stored with [`Registration::to_json`], then checks that it
    /// is a state the events could have produced ([`Registration::check`]).
    pub fn from_json(json: &str) -> Result<Registration, ServiceError> {
        let reg: Registration =
            serde_json::from_str(json).map_err(|e| ServiceError::UnreadableRegistration {
                reason: e.to_string(),
            })?;
        reg.check()?;
        Ok(reg)
    }

    /// Checks the invariants every state reached by [`Registration::register`] and
    /// [`Registration::apply`] keeps (R-C4, R-C8): `registered_on` in a known school
    /// year and not after `last_change`; each payment for a paid service, of a
    /// non-negative amount of at most two decimals and at most
    /// [`crate::policy::MAX_SERVICE_PRICE_EUR`], made between the registration and its
    /// last change, in payment order, for the school year of its date or the next one; a
    /// revocation or end dated on the last change; a change of school to another school.
    pub fn check(&self) -> Result<(), ServiceError> {
        let bad = |field: String, reason: String| ServiceError::InconsistentRegistration {
            field,
            reason,
        };
        SchoolYear::containing(self.registered_on)
            .map_err(|e| bad("registered_on".into(), e.to_string()))?;
        if self.last_change < self.registered_on {
            return Err(bad(
                "last_change".into(),
                format!(
                    "{} is before the registration on {}",
                    self.last_change, self.registered_on
                ),
            ));
        }
        let mut previous = self.registered_on;
        for (i, p) in self.paid.iter().enumerate() {
            let field = |name: &str| format!("paid[{i}].{name}");
            if !(p.service.covers_parents() || p.service.covers_student()) {
                return Err(bad(
                    field("service"),
                    format!("{} is free: nothing is paid for it (R-C9)", p.service),
                ));
            }
            if p.amount.is_sign_negative() && !p.amount.is_zero() {
                return Err(bad(
                    field("amount"),
                    format!("a payment cannot be negative ({})", p.amount),
                ));
            }
            if p.amount.normalize().scale() > 2 || p.amount > crate::policy::MAX_SERVICE_PRICE_EUR {
                return Err(bad(
                    field("amount"),
                    format!(
                        "{} is not a price (at most two decimals and {} EUR)",
                        p.amount,
                        crate::policy::MAX_SERVICE_PRICE_EUR
                    ),
                ));
            }
            if p.paid_on < previous || p.paid_on > self.last_change {
                return Err(bad(
                    field("paid_on"),
                    format!(
                        "{} is not between {} (the registration or the previous payment) and the last change on {}",
                        p.paid_on, previous, self.last_change
                    ),
                ));
            }
            previous = p.paid_on;
            let year_paid = SchoolYear::containing(p.paid_on)
                .map_err(|e| bad(field("paid_on"), e.to_string()))?;
            if p.school_year != year_paid && Some(p.school_year) != year_paid.next().ok() {
                return Err(bad(
                    field("school_year"),
                    format!(
                        "{} cannot be paid on {}: only the current or the next school year",
                        p.school_year, p.paid_on
                    ),
                ));
            }
        }
        match &self.status {
            RegistrationStatus::Revoked { on } | RegistrationStatus::Ended { on, .. }
                if *on != self.last_change =>
            {
                Err(bad(
                    "status.on".into(),
                    format!(
                        "{on} is not the last change ({}): nothing happens after a revocation or end",
                        self.last_change
                    ),
                ))
            }
            RegistrationStatus::Ended {
                reason: EndReason::ChangedSchool { to },
                ..
            } if *to == self.school => Err(bad(
                "status.to".into(),
                format!("the registration already belongs to school {to}"),
            )),
            _ => Ok(()),
        }
    }

    /// Whether the registration was in force on a date (made, not yet revoked or ended).
    fn in_force_on(&self, date: NaiveDate) -> bool {
        date >= self.registered_on
            && match &self.status {
                RegistrationStatus::Active => true,
                RegistrationStatus::Revoked { on } | RegistrationStatus::Ended { on, .. } => {
                    date < *on
                }
            }
    }

    /// For a date: whether notices may be sent and whether the portal may be read (R-C7).
    ///
    /// Notices need the registration in force, a service for the parents (ZA STARŠE or
    /// POPOLNI) and the date's school year paid for such a service. The portal stays
    /// readable with any service but "no electronic contact" while the registration is in
    /// force; after a revocation or after the child finished schooling it stays readable
    /// until the end of that school year, then not (the child is no longer enrolled).
    /// After a change of school the old school's portal is closed at once (R-C8).
    pub fn period_on(&self, date: NaiveDate) -> Result<PaidPeriod, ServiceError> {
        let year = SchoolYear::containing(date)?;
        let in_force = self.in_force_on(date);
        let paid_for_parents = self
            .paid
            .iter()
            .any(|p| p.school_year == year && p.service.covers_parents());
        let notices = in_force && self.service.covers_parents() && paid_for_parents;
        let until_year_end = match &self.status {
            RegistrationStatus::Revoked { on }
            | RegistrationStatus::Ended {
                on,
                reason: EndReason::FinishedSchooling,
            } => date >= *on && SchoolYear::containing(*on)? == year,
            _ => false,
        };
        let portal = self.service.activates_portal() && (in_force || until_year_end);
        Ok(PaidPeriod {
            date,
            notices_may_be_sent: notices,
            portal_readable: portal,
            reasons: vec![RuleId::C7, RuleId::C8, RuleId::E6],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn make(service: Service) -> Registration {
        Registration::register(
            GuardianId::new("mama").unwrap(),
            StudentId::new("s1").unwrap(),
            SchoolId::new("os-a").unwrap(),
            service,
            Chooser::LegalRepresentative,
            d(2025, 9, 10),
        )
        .unwrap()
        .0
    }

    fn year(y: i32) -> SchoolYear {
        SchoolYear::starting(y).unwrap()
    }

    #[test]
    fn r_c7_notices_only_inside_the_paid_school_year() {
        let p = Policy::default();
        let r = make(Service::ZaStarse);
        let (r, out) = r
            .apply(
                &RegistrationEvent::Pay {
                    school_year: year(2025),
                },
                d(2025, 9, 12),
                &p,
            )
            .unwrap();
        assert_eq!(
            out,
            RegistrationOutcome::Paid {
                school_year: year(2025),
                amount: Decimal::new(3590, 2)
            }
        );
        let inside = r.period_on(d(2026, 3, 1)).unwrap();
        assert!(inside.notices_may_be_sent && inside.portal_readable);
        let next_year = r.period_on(d(2026, 9, 1)).unwrap();
        assert!(!next_year.notices_may_be_sent);
        assert!(
            next_year.portal_readable,
            "the registration holds until revoked"
        );
        assert!(!r.period_on(d(2025, 9, 9)).unwrap().portal_readable);
    }

    #[test]
    fn r_c7_after_finishing_school_the_portal_closes_with_the_school_year() {
        let p = Policy::default();
        let r = make(Service::Minimalni);
        let (r, _) = r
            .apply(&RegistrationEvent::FinishSchooling, d(2026, 6, 15), &p)
            .unwrap();
        assert!(r.period_on(d(2026, 8, 31)).unwrap().portal_readable);
        assert!(!r.period_on(d(2026, 9, 1)).unwrap().portal_readable);
    }

    #[test]
    fn r_c8_revoked_or_ended_takes_no_event_and_must_be_made_again() {
        let p = Policy::default();
        let r = make(Service::Popolni);
        let (r, _) = r
            .apply(&RegistrationEvent::Revoke, d(2026, 1, 5), &p)
            .unwrap();
        let err = r
            .apply(
                &RegistrationEvent::Pay {
                    school_year: year(2026),
                },
                d(2026, 9, 1),
                &p,
            )
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "cannot pay: the registration is revoked since 2026-01-05; a new registration must be made (R-C8)"
        );
        let moved = make(Service::ZaStarse)
            .apply(
                &RegistrationEvent::ChangeSchool {
                    to: SchoolId::new("ss-b").unwrap(),
                },
                d(2026, 9, 1),
                &p,
            )
            .unwrap()
            .0;
        assert!(!moved.period_on(d(2026, 9, 2)).unwrap().portal_readable);
        assert!(matches!(
            moved.apply(&RegistrationEvent::Revoke, d(2026, 9, 3), &p),
            Err(ServiceError::WrongState { state: "ended", .. })
        ));
    }

    #[test]
    fn r_c4_one_payment_per_school_year_and_none_for_free_services() {
        let p = Policy::default();
        let r = make(Service::Popolni);
        let pay = RegistrationEvent::Pay {
            school_year: year(2025),
        };
        let (r, _) = r.apply(&pay, d(2025, 9, 12), &p).unwrap();
        assert_eq!(
            r.apply(&pay, d(2025, 10, 1), &p),
            Err(ServiceError::AlreadyPaid {
                school_year: year(2025)
            })
        );
        assert!(matches!(
            make(Service::Minimalni).apply(&pay, d(2025, 9, 12), &p),
            Err(ServiceError::NothingToPay { .. })
        ));
        assert!(matches!(
            r.apply(
                &RegistrationEvent::Pay {
                    school_year: year(2027)
                },
                d(2025, 10, 1),
                &p
            ),
            Err(ServiceError::PaymentOutOfTerm { .. })
        ));
        assert!(matches!(
            r.apply(&RegistrationEvent::Revoke, d(2025, 9, 1), &p),
            Err(ServiceError::EventOutOfOrder { .. })
        ));
    }

    #[test]
    fn r_c6_a_student_cannot_change_the_service() {
        let p = Policy::default();
        let err = make(Service::Minimalni)
            .apply(
                &RegistrationEvent::ChangeService {
                    service: Service::ZaUcence,
                    chooser: Chooser::Student,
                },
                d(2025, 10, 1),
                &p,
            )
            .unwrap_err();
        assert_eq!(err, ServiceError::StudentCannotChoose);
    }

    #[test]
    fn a_registration_round_trips_through_json() {
        let p = Policy::default();
        let (r, _) = make(Service::ZaStarse)
            .apply(
                &RegistrationEvent::Pay {
                    school_year: year(2025),
                },
                d(2025, 9, 12),
                &p,
            )
            .unwrap();
        let (r, _) = r
            .apply(&RegistrationEvent::FinishSchooling, d(2026, 6, 20), &p)
            .unwrap();
        assert_eq!(Registration::from_json(&r.to_json()).unwrap(), r);
        assert!(matches!(
            Registration::from_json("{}"),
            Err(ServiceError::UnreadableRegistration { .. })
        ));
    }
}
