//! A registration for a service (R-C7, R-C8): a state value and dated events, no clock.
//! It keeps the dated history of its service changes, so that a question about a past
//! date is answered with the service then in force (R-C7, R-E6).

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

/// A dated change of the service within a registration (R-C5, R-C7): from `on` the
/// service in force is `to`; before it (back to the previous change or the registration)
/// it was `from`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceChange {
    /// The date of the change; `to` is in force from this day on.
    pub on: NaiveDate,
    /// The service in force before the change.
    pub from: Service,
    /// The service in force from `on`.
    pub to: Service,
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
    /// The dated changes of the service, in order (R-C7, R-E6): which service was in
    /// force on a past date ([`Registration::service_on`]). Empty when the service never
    /// changed — and in states stored before this field existed, which read as "the
    /// current service since the registration" (it is then left out of the JSON too).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service_changes: Vec<ServiceChange>,
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
    /// or, after a change of service within a year already paid, the difference to the
    /// higher fee — never less than zero, never twice for the same year
    /// ([`Registration::amount_due`]: ZA STARŠE → POPOLNI owes 17.00 with the default
    /// prices, R-C2; ZA UČENCE → ZA STARŠE owes 0.00, the 38.90 already paid covering the
    /// 35.90). It makes the year paid for the current service from its date on. Refused
    /// as [`ServiceError::AlreadyPaid`] when a payment for that year already covers the
    /// current service.
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
    /// A school year was paid (or topped up after a change of service within it).
    Paid {
        /// The school year.
        school_year: SchoolYear,
        /// The amount paid now: the price list's price for the current service, less what
        /// was already paid for that school year, never below zero (R-C2, R-C4;
        /// [`Registration::amount_due`]).
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
/// price for that year) less everything already paid for it, never below zero. The fee
/// is one payment per child and year, never instalments; a change within a paid year
/// owes only the difference to the higher fee (ZA STARŠE or ZA UČENCE → POPOLNI: 17.00
/// or 14.00 with the default prices), and a change to a service costing no more than
/// what was paid owes nothing (no refund is made here).
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
    Ok(price
        .checked_sub(already)
        .ok_or_else(too_large)?
        .max(nothing_due()))
}

/// Nothing due, in cents like every price (0.00): the faces show it as "0.00".
const fn nothing_due() -> Decimal {
    Decimal::from_parts(0, 0, 0, false, 2)
}

/// Whether a payment for `paid` also pays for `wanted` (R-C2): each part `wanted` opens
/// (the parents' notices, the student's full view) was paid for.
const fn pays_for(paid: Service, wanted: Service) -> bool {
    (paid.covers_parents() || !wanted.covers_parents())
        && (paid.covers_student() || !wanted.covers_student())
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
                service_changes: Vec::new(),
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
                if *service != self.service {
                    next.service_changes.push(ServiceChange {
                        on,
                        from: self.service,
                        to: *service,
                    });
                }
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
                if self.paid_for(*school_year, self.service) {
                    return Err(ServiceError::AlreadyPaid {
                        school_year: *school_year,
                    });
                }
                let amount = self.amount_due(*school_year, policy)?;
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
    /// last change, in payment order, for the school year of its date or the next one;
    /// each service change between the registration and the last change, in order, to
    /// another service, chaining to the current service; a revocation or end dated on the
    /// last change; a change of school to another school.
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
        self.check_service_changes()?;
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

    /// The service history's part of [`Registration::check`] (R-C7): each change between
    /// the registration and the last change, in order, to another service, chaining to
    /// the current service.
    fn check_service_changes(&self) -> Result<(), ServiceError> {
        let bad = |field: String, reason: String| ServiceError::InconsistentRegistration {
            field,
            reason,
        };
        let mut since = self.registered_on;
        for (i, c) in self.service_changes.iter().enumerate() {
            let field = |name: &str| format!("service_changes[{i}].{name}");
            if c.on < since || c.on > self.last_change {
                return Err(bad(
                    field("on"),
                    format!(
                        "{} is not between {} (the registration or the previous change) and the last change on {}",
                        c.on, since, self.last_change
                    ),
                ));
            }
            since = c.on;
            if c.from == c.to {
                return Err(bad(
                    field("to"),
                    format!("{} is the service before the change too", c.to),
                ));
            }
            let next_from = self
                .service_changes
                .get(i + 1)
                .map_or(self.service, |n| n.from);
            if c.to != next_from {
                return Err(bad(
                    field("to"),
                    format!(
                        "{} is not the service in force after it ({next_from})",
                        c.to
                    ),
                ));
            }
        }
        Ok(())
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

    /// The service in force on a date (R-C7, R-E6): the one chosen at the registration,
    /// then each dated change from its day on; `None` before the registration. A state
    /// without recorded changes answers the current service from the registration on.
    /// Revocations and ends do not change the answer (see [`Registration::period_on`]).
    pub fn service_on(&self, date: NaiveDate) -> Option<Service> {
        if date < self.registered_on {
            return None;
        }
        Some(
            self.service_changes
                .iter()
                .find(|c| c.on > date)
                .map_or(self.service, |c| c.from),
        )
    }

    /// Whether a payment for `school_year` already pays for `service` (R-C2, R-C4): one
    /// payment for that year whose service opens everything `service` opens.
    fn paid_for(&self, school_year: SchoolYear, service: Service) -> bool {
        self.paid
            .iter()
            .any(|p| p.school_year == school_year && pays_for(p.service, service))
    }

    /// What a [`RegistrationEvent::Pay`] for `school_year` would charge now for the
    /// current service (R-C2, R-C4), from the policy's price list for that year.
    ///
    /// The fee is paid once per child and school year (seeds 001:38, 44, 55), so after a
    /// change of service within a year already paid the family pays only the difference
    /// to the higher fee: the new service's price less everything already paid for that
    /// year, never below zero and never pro rata (no monthly instalments, R-C4). The seeds
    /// say nothing else about a change within the year; the one figure they give — ZA
    /// UČENCE "17 € v kompletu s storitvijo mojAsistent ZA STARŠE" (001:93) — is exactly
    /// this difference from ZA STARŠE to POPOLNI (52.90 − 35.90). A change to a service
    /// costing no more than what was paid owes 0.00 (ZA UČENCE 38.90 → ZA STARŠE 35.90),
    /// and no refund is made. Zero as well when the year is already paid for the current
    /// service or the service is free.
    pub fn amount_due(
        &self,
        school_year: SchoolYear,
        policy: &Policy,
    ) -> Result<Decimal, ServiceError> {
        if self.paid_for(school_year, self.service)
            || !(self.service.covers_parents() || self.service.covers_student())
        {
            return Ok(nothing_due());
        }
        let order = ChildOrder {
            student: self.student.clone(),
            service: self.service,
        };
        let price = quote_child(policy, school_year, &order, 1)?.total;
        amount_due(price, &self.paid, school_year)
    }

    /// For a date: whether notices may be sent and whether the portal may be read (R-C7).
    ///
    /// Notices need the registration in force, the service in force on that date
    /// ([`Registration::service_on`]) being one for the parents (ZA STARŠE or POPOLNI;
    /// R-E5, R-E6), and a payment for the date's school year made on or before the date
    /// for a service for the parents — outside the paid period no SMS or email is sent
    /// (seeds 001:39), and a change within the year is paid for from its payment on
    /// ([`Registration::amount_due`]). A later change of service does not change the
    /// answer for an earlier date. The portal stays readable with any service but "no
    /// electronic contact" in force while the registration is in force; after a
    /// revocation or after the child finished schooling it stays readable until the end
    /// of that school year, then not (the child is no longer enrolled). After a change of
    /// school the old school's portal is closed at once (R-C8).
    pub fn period_on(&self, date: NaiveDate) -> Result<PaidPeriod, ServiceError> {
        let year = SchoolYear::containing(date)?;
        let in_force = self.in_force_on(date);
        // Before the registration the portal is closed (`in_force` is false); the
        // current service only stands in for the answer's other half.
        let service = self.service_on(date).unwrap_or(self.service);
        let paid_for_parents = self
            .paid
            .iter()
            .any(|p| p.school_year == year && p.paid_on <= date && p.service.covers_parents());
        let notices = in_force && service.covers_parents() && paid_for_parents;
        let until_year_end = match &self.status {
            RegistrationStatus::Revoked { on }
            | RegistrationStatus::Ended {
                on,
                reason: EndReason::FinishedSchooling,
            } => date >= *on && SchoolYear::containing(*on)? == year,
            _ => false,
        };
        let portal = service.activates_portal() && (in_force || until_year_end);
        Ok(PaidPeriod {
            date,
            notices_may_be_sent: notices,
            portal_readable: portal,
            reasons: vec![RuleId::C7, RuleId::C8, RuleId::E6],
        })
    }

    /// The service a notice plan for `from ..= until` works with (R-C3, R-E5): the last
    /// service for the parents in force on a day of that span, else the current one.
    /// Whether a notice goes out on a given day is still decided day by day by
    /// [`Registration::period_on`].
    pub(crate) fn notice_service(&self, from: NaiveDate, until: NaiveDate) -> Service {
        let mut in_span: Vec<Service> = Vec::with_capacity(self.service_changes.len() + 1);
        if let Some(s) = self.service_on(from.max(self.registered_on)) {
            in_span.push(s);
        }
        in_span.extend(
            self.service_changes
                .iter()
                .filter(|c| c.on > from && c.on <= until)
                .map(|c| c.to),
        );
        // Without a parents' service in the span, the span's first service: a later
        // change (after `until`) must not change the plan of an earlier period.
        let first = in_span.first().copied();
        in_span
            .into_iter()
            .rev()
            .find(|s| s.covers_parents())
            .or(first)
            .unwrap_or(self.service)
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

    fn pay(r: &Registration, y: i32, on: NaiveDate) -> (Registration, RegistrationOutcome) {
        r.apply(
            &RegistrationEvent::Pay {
                school_year: year(y),
            },
            on,
            &Policy::default(),
        )
        .unwrap()
    }

    fn change(r: &Registration, service: Service, on: NaiveDate) -> Registration {
        r.apply(
            &RegistrationEvent::ChangeService {
                service,
                chooser: Chooser::LegalRepresentative,
            },
            on,
            &Policy::default(),
        )
        .unwrap()
        .0
    }

    fn notices(r: &Registration, on: NaiveDate) -> bool {
        r.period_on(on).unwrap().notices_may_be_sent
    }

    fn eur(cents: i64) -> Decimal {
        Decimal::new(cents, 2)
    }

    /// R-C7, R-E6: ZA STARŠE paid for 2026/27, changed to MINIMALNI on 1 Dec 2026: the
    /// October answer is the same before and after the change (seeds 001:38-39).
    #[test]
    fn r_c7_r_e6_period_on_answers_with_the_service_in_force_on_that_date() {
        let (r, _) = pay(&make(Service::ZaStarse), 2026, d(2026, 9, 2));
        let october = d(2026, 10, 15);
        let before = r.period_on(october).unwrap();
        assert!(before.notices_may_be_sent);
        let changed = change(&r, Service::Minimalni, d(2026, 12, 1));
        assert_eq!(changed.period_on(october).unwrap(), before);
        assert_eq!(changed.service_on(october), Some(Service::ZaStarse));
        assert_eq!(changed.service_on(d(2026, 11, 30)), Some(Service::ZaStarse));
        assert_eq!(changed.service_on(d(2026, 12, 1)), Some(Service::Minimalni));
        assert_eq!(
            changed.service_on(d(2025, 9, 9)),
            None,
            "before the registration"
        );
        assert!(!notices(&changed, d(2026, 12, 1)));
        assert!(changed.period_on(d(2026, 12, 1)).unwrap().portal_readable);
        assert_eq!(
            changed.service_changes,
            [ServiceChange {
                on: d(2026, 12, 1),
                from: Service::ZaStarse,
                to: Service::Minimalni
            }]
        );
        // To "no electronic contact" and back: the portal follows the service of the day.
        let off = change(&changed, Service::NoElectronicContact, d(2027, 1, 10));
        let back = change(&off, Service::ZaStarse, d(2027, 2, 1));
        assert!(!back.period_on(d(2027, 1, 20)).unwrap().portal_readable);
        assert!(back.period_on(d(2026, 12, 20)).unwrap().portal_readable);
        // Back to ZA STARŠE within the year paid for it: notices again, nothing to pay.
        assert!(notices(&back, d(2027, 2, 1)) && !notices(&back, d(2027, 1, 31)));
        assert_eq!(back.amount_due(year(2026), &Policy::default()), Ok(eur(0)));
        // The notice plan of a span works with the parents' service in force in it.
        assert_eq!(
            back.notice_service(d(2026, 10, 1), d(2026, 10, 31)),
            Service::ZaStarse
        );
        assert_eq!(
            changed.notice_service(d(2026, 11, 20), d(2026, 12, 10)),
            Service::ZaStarse
        );
        assert_eq!(
            changed.notice_service(d(2026, 12, 2), d(2026, 12, 10)),
            Service::Minimalni
        );
    }

    /// R-C2, R-C4, R-C7, R-E5: ZA UČENCE paid, changed to ZA STARŠE within the year: the
    /// 38.90 paid covers the 35.90, so the payment owes 0.00 and opens the parents'
    /// notices from its date on; October stays a ZA UČENCE month without notices.
    #[test]
    fn r_c2_r_c4_r_c7_r_e5_za_ucence_to_za_starse_within_a_paid_year_owes_nothing_more() {
        let p = Policy::default();
        let (r, out) = pay(&make(Service::ZaUcence), 2025, d(2025, 9, 12));
        assert_eq!(
            out,
            RegistrationOutcome::Paid {
                school_year: year(2025),
                amount: eur(3890)
            }
        );
        assert!(
            !notices(&r, d(2025, 10, 15)),
            "R-E5: no notices for students"
        );
        let r = change(&r, Service::ZaStarse, d(2025, 11, 1));
        assert_eq!(r.amount_due(year(2025), &p), Ok(eur(0)));
        assert_eq!(r.amount_due(year(2025), &p).unwrap().to_string(), "0.00");
        assert!(!notices(&r, d(2025, 11, 3)), "not yet paid for the parents");
        let (r, out) = pay(&r, 2025, d(2025, 11, 5));
        assert_eq!(
            out,
            RegistrationOutcome::Paid {
                school_year: year(2025),
                amount: eur(0)
            }
        );
        assert!(notices(&r, d(2025, 11, 5)) && notices(&r, d(2026, 6, 20)));
        assert!(!notices(&r, d(2025, 11, 4)) && !notices(&r, d(2025, 10, 15)));
        assert_eq!(
            r.apply(
                &RegistrationEvent::Pay {
                    school_year: year(2025)
                },
                d(2025, 11, 6),
                &p
            ),
            Err(ServiceError::AlreadyPaid {
                school_year: year(2025)
            })
        );
        assert_eq!(
            r.paid
                .iter()
                .map(|y| (y.service, y.amount))
                .collect::<Vec<_>>(),
            [(Service::ZaUcence, eur(3890)), (Service::ZaStarse, eur(0))]
        );
    }

    /// R-C2, R-C4: a change within a paid year pays the difference to the higher fee,
    /// once (seeds 001:93: "17 € v kompletu s storitvijo mojAsistent ZA STARŠE").
    #[test]
    fn r_c2_r_c4_a_change_within_a_paid_year_pays_the_difference_to_the_higher_fee() {
        let p = Policy::default();
        let (starse, _) = pay(&make(Service::ZaStarse), 2025, d(2025, 9, 12));
        let popolni = change(&starse, Service::Popolni, d(2025, 10, 1));
        assert_eq!(popolni.amount_due(year(2025), &p), Ok(eur(1700)));
        assert_eq!(popolni.amount_due(year(2026), &p), Ok(eur(5290)));
        let (ucence, _) = pay(&make(Service::ZaUcence), 2025, d(2025, 9, 12));
        let popolni = change(&ucence, Service::Popolni, d(2025, 10, 1));
        assert_eq!(popolni.amount_due(year(2025), &p), Ok(eur(1400)));
        // ZA STARŠE → ZA UČENCE (3.00) → ZA STARŠE: the parents' payment still holds.
        let ucence = change(&starse, Service::ZaUcence, d(2025, 10, 1));
        assert_eq!(ucence.amount_due(year(2025), &p), Ok(eur(300)));
        let (ucence, out) = pay(&ucence, 2025, d(2025, 10, 2));
        assert_eq!(
            out,
            RegistrationOutcome::Paid {
                school_year: year(2025),
                amount: eur(300)
            }
        );
        let again = change(&ucence, Service::ZaStarse, d(2025, 11, 1));
        assert_eq!(again.amount_due(year(2025), &p), Ok(eur(0)));
        assert!(matches!(
            again.apply(
                &RegistrationEvent::Pay {
                    school_year: year(2025)
                },
                d(2025, 11, 2),
                &p
            ),
            Err(ServiceError::AlreadyPaid { .. })
        ));
        assert!(!notices(&again, d(2025, 10, 15)) && notices(&again, d(2025, 11, 1)));
        assert_eq!(
            make(Service::Minimalni)
                .amount_due(year(2025), &p)
                .unwrap()
                .to_string(),
            "0.00"
        );
    }

    /// R-C7, R-E6: a stored state from before the service history (no
    /// `service_changes`) still loads and answers as before: the current service since
    /// the registration; without changes the field stays out of the JSON.
    #[test]
    fn r_c7_r_e6_a_state_stored_without_service_changes_loads_and_answers_as_before() {
        let old = r#"{"guardian":"mama","student":"s1","school":"os-a","service":"za_starse",
            "registered_on":"2025-09-10","last_change":"2025-09-12",
            "paid":[{"school_year":"2025/26","service":"za_starse","amount":"35.90","paid_on":"2025-09-12"}],
            "status":{"state":"active"}}"#;
        let r = Registration::from_json(old).unwrap();
        assert!(r.service_changes.is_empty());
        let (fresh, _) = pay(&make(Service::ZaStarse), 2025, d(2025, 9, 12));
        assert_eq!(r, fresh);
        assert!(!r.to_json().contains("service_changes"));
        assert_eq!(r.service_on(d(2025, 9, 10)), Some(Service::ZaStarse));
        assert!(notices(&r, d(2026, 3, 1)) && !notices(&r, d(2026, 9, 1)));
        // A change on an old state starts the history from the current service.
        let changed = change(&r, Service::Minimalni, d(2025, 12, 1));
        assert_eq!(changed.service_on(d(2025, 11, 30)), Some(Service::ZaStarse));
        assert!(notices(&changed, d(2025, 11, 30)) && !notices(&changed, d(2025, 12, 1)));
    }

    /// R-C7, R-E6: the history round-trips through JSON, and a history no events could
    /// produce is refused naming the field.
    #[test]
    fn r_c7_r_e6_the_service_history_round_trips_and_is_checked() {
        let (r, _) = pay(&make(Service::ZaUcence), 2025, d(2025, 9, 12));
        let r = change(&r, Service::ZaStarse, d(2025, 11, 1));
        let (r, _) = pay(&r, 2025, d(2025, 11, 5));
        let r = change(&r, Service::Popolni, d(2026, 1, 10));
        let json = r.to_json();
        assert!(json.contains(
            r#""service_changes":[{"on":"2025-11-01","from":"za_ucence","to":"za_starse"}"#
        ));
        assert_eq!(Registration::from_json(&json).unwrap(), r);
        let refused = |edit: &dyn Fn(&mut Registration)| {
            let mut bad = r.clone();
            edit(&mut bad);
            match Registration::from_json(&bad.to_json()) {
                Err(ServiceError::InconsistentRegistration { field, .. }) => field,
                other => panic!("expected InconsistentRegistration, got {other:?}"),
            }
        };
        assert_eq!(
            refused(&|b| b.service_changes[0].on = d(2025, 9, 1)),
            "service_changes[0].on"
        );
        assert_eq!(
            refused(&|b| b.service_changes[1].on = d(2025, 10, 1)),
            "service_changes[1].on"
        );
        assert_eq!(
            refused(&|b| b.service_changes[1].on = d(2026, 2, 1)),
            "service_changes[1].on"
        );
        assert_eq!(
            refused(&|b| b.service_changes[0].to = Service::Popolni),
            "service_changes[0].to"
        );
        assert_eq!(
            refused(&|b| b.service = Service::Minimalni),
            "service_changes[1].to"
        );
        assert_eq!(
            refused(&|b| b.service_changes[1].from = Service::Popolni),
            "service_changes[0].to"
        );
    }
}
