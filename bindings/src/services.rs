//! Services, prices, quotes and registrations (R-C1 … R-C9): thin wrappers over
//! `asistent_core::services`.

use std::sync::Arc;

use asistent_core::calendar as cal;
use asistent_core::ids::{GuardianId, InvalidId, SchoolId, StudentId};
use asistent_core::rust_decimal::Decimal;
use asistent_core::services as core;

use crate::calendar::SchoolYear;
use crate::convert::LocalDate;
use crate::policy::Policy;
use crate::AsistentError;

fn id_error(e: InvalidId) -> AsistentError {
    let kind = e.kind;
    let input = e.input.clone();
    AsistentError::invalid(kind, input, e)
}

fn year_of(y: &SchoolYear) -> Result<cal::SchoolYear, AsistentError> {
    y.to_core()
}

fn reasons(rules: &[asistent_core::rules::RuleId]) -> Vec<String> {
    rules.iter().map(|r| r.as_str().to_owned()).collect()
}

/// A communication choice (R-C1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum Service {
    /// mojAsistent MINIMALNI (free).
    Minimalni,
    /// mojAsistent ZA STARŠE.
    ZaStarse,
    /// mojAsistent ZA UČENCE.
    ZaUcence,
    /// mojAsistent POPOLNI.
    Popolni,
    /// "Ne želim elektronskega sodelovanja s šolo".
    NoElectronicContact,
}

impl From<Service> for core::Service {
    fn from(s: Service) -> Self {
        match s {
            Service::Minimalni => core::Service::Minimalni,
            Service::ZaStarse => core::Service::ZaStarse,
            Service::ZaUcence => core::Service::ZaUcence,
            Service::Popolni => core::Service::Popolni,
            Service::NoElectronicContact => core::Service::NoElectronicContact,
        }
    }
}

impl TryFrom<core::Service> for Service {
    type Error = AsistentError;
    fn try_from(s: core::Service) -> Result<Self, AsistentError> {
        Ok(match s {
            core::Service::Minimalni => Service::Minimalni,
            core::Service::ZaStarse => Service::ZaStarse,
            core::Service::ZaUcence => Service::ZaUcence,
            core::Service::Popolni => Service::Popolni,
            core::Service::NoElectronicContact => Service::NoElectronicContact,
            other => return Err(AsistentError::unsupported("service", other)),
        })
    }
}

/// Reads a service's machine name (`"za_starse"`, R-C1); an unknown name is an
/// `InvalidValue` with `what = "service"`.
#[uniffi::export]
pub fn parse_service(code: String) -> Result<Service, AsistentError> {
    code.parse::<core::Service>()
        .map_err(|e| AsistentError::invalid("service", code.clone(), e))?
        .try_into()
}

/// The name parents see (R-C1), e.g. "mojAsistent ZA STARŠE".
#[uniffi::export]
pub fn service_label_sl(service: Service) -> String {
    core::Service::from(service).label_sl().to_owned()
}

/// The standing of the person making a choice, as the rights module establishes it
/// (R-C5, R-C6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum Chooser {
    /// A parent or another legal representative.
    LegalRepresentative,
    /// The student themselves.
    Student,
    /// Anyone else.
    Other,
}

impl From<Chooser> for core::Chooser {
    fn from(c: Chooser) -> Self {
        match c {
            Chooser::LegalRepresentative => core::Chooser::LegalRepresentative,
            Chooser::Student => core::Chooser::Student,
            Chooser::Other => core::Chooser::Other,
        }
    }
}

/// One dated price list (R-C2), euros per child and school year.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PriceList {
    /// The first school year it applies to ("2025/26").
    pub from_school_year: String,
    /// mojAsistent ZA STARŠE.
    pub za_starse: Decimal,
    /// mojAsistent ZA UČENCE alone.
    pub za_ucence: Decimal,
    /// mojAsistent POPOLNI.
    pub popolni: Decimal,
    /// ZA UČENCE with ZA STARŠE.
    pub za_ucence_addon: Decimal,
}

/// The price list a policy applies in a school year (R-C2), if any.
#[uniffi::export]
pub fn price_list_for(
    policy: Arc<Policy>,
    school_year: SchoolYear,
) -> Result<Option<PriceList>, AsistentError> {
    let year = year_of(&school_year)?;
    Ok(policy
        .inner
        .services
        .price_list_for(year)
        .map(|l| PriceList {
            from_school_year: l.from_school_year.label(),
            za_starse: l.za_starse,
            za_ucence: l.za_ucence,
            popolni: l.popolni,
            za_ucence_addon: l.za_ucence_addon,
        }))
}

/// The service ordered for one child (R-C4).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ChildOrder {
    /// The child's identifier.
    pub student: String,
    /// The service.
    pub service: Service,
}

/// What a quote line is for (R-C2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum LineItem {
    /// MINIMALNI, free.
    Minimalni,
    /// No electronic contact, nothing to pay.
    NoElectronicContact,
    /// ZA STARŠE.
    ZaStarse,
    /// ZA UČENCE alone.
    ZaUcence,
    /// ZA UČENCE at the add-on price, with ZA STARŠE.
    ZaUcenceAddon,
}

/// One line of a quote.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct QuoteLine {
    /// What it is for.
    pub item: LineItem,
    /// Its Slovenian text.
    pub label_sl: String,
    /// The amount in euros.
    pub amount: Decimal,
}

/// One child's quote for a school year: one payment (R-C4).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ChildQuote {
    /// The child.
    pub student: String,
    /// The service.
    pub service: Service,
    /// The lines making up the total.
    pub lines: Vec<QuoteLine>,
    /// The one payment for the whole school year.
    pub total: Decimal,
    /// The rule IDs it rests on.
    pub reasons: Vec<String>,
}

/// A family's quote for a school year (R-C4).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FamilyQuote {
    /// The school year.
    pub school_year: SchoolYear,
    /// One quote per child.
    pub children: Vec<ChildQuote>,
    /// The sum of the children's payments.
    pub total: Decimal,
    /// The rule IDs it rests on.
    pub reasons: Vec<String>,
    /// The quote as Slovenian text.
    pub text_sl: String,
    /// The quote as English text.
    pub text_en: String,
}

fn child_quote(q: core::ChildQuote) -> Result<ChildQuote, AsistentError> {
    Ok(ChildQuote {
        student: q.student.to_string(),
        service: q.service.try_into()?,
        lines: q
            .lines
            .iter()
            .map(|l| {
                Ok(QuoteLine {
                    item: match l.item {
                        core::LineItem::Minimalni => LineItem::Minimalni,
                        core::LineItem::NoElectronicContact => LineItem::NoElectronicContact,
                        core::LineItem::ZaStarse => LineItem::ZaStarse,
                        core::LineItem::ZaUcence => LineItem::ZaUcence,
                        core::LineItem::ZaUcenceAddon => LineItem::ZaUcenceAddon,
                        other => return Err(AsistentError::unsupported("quote line item", other)),
                    },
                    label_sl: l.item.label_sl().to_owned(),
                    amount: l.amount,
                })
            })
            .collect::<Result<_, AsistentError>>()?,
        total: q.total,
        reasons: reasons(&q.reasons),
    })
}

/// What a family pays for a school year (R-C2, R-C4, R-C9): one payment per child, so
/// `instalments` must be 1 (otherwise `InstalmentsNotOffered`).
#[uniffi::export]
pub fn quote_family(
    policy: Arc<Policy>,
    school_year: SchoolYear,
    orders: Vec<ChildOrder>,
    instalments: u32,
) -> Result<FamilyQuote, AsistentError> {
    let year = year_of(&school_year)?;
    // A bad order is named by its position, from 0 (`index` and "order 1: …").
    let orders = orders
        .into_iter()
        .enumerate()
        .map(|(i, o)| {
            Ok(core::ChildOrder {
                student: StudentId::new(o.student)
                    .map_err(|e| id_error(e).at_position("order", i))?,
                service: o.service.into(),
            })
        })
        .collect::<Result<Vec<_>, AsistentError>>()?;
    let q = core::quote_family(&policy.inner, year, &orders, instalments)?;
    let (text_sl, text_en) = (q.render_sl(), q.render_en());
    Ok(FamilyQuote {
        school_year: q.school_year.into(),
        total: q.total,
        reasons: reasons(&q.reasons),
        text_sl,
        text_en,
        children: q
            .children
            .into_iter()
            .map(child_quote)
            .collect::<Result<_, AsistentError>>()?,
    })
}

/// The guardians who receive a subscription's notices, with the rules the answer rests
/// on (R-C3; R-E5: students receive none).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NotificationRecipients {
    /// The guardians who receive the notices (empty when the service sends none).
    pub guardians: Vec<String>,
    /// The rule IDs the answer rests on, e.g. "R-C3" — to show the user why.
    pub reasons: Vec<String>,
}

/// The guardians who receive a subscription's notices (R-C3): both parents for ZA
/// STARŠE or POPOLNI, nobody otherwise; more than two is an error. For the rules the
/// answer rests on, use `notificationRecipientsWithReasons`.
#[uniffi::export]
pub fn notification_recipients(
    service: Service,
    guardians: Vec<String>,
) -> Result<Vec<String>, AsistentError> {
    Ok(notification_recipients_with_reasons(service, guardians)?.guardians)
}

/// `notificationRecipients` with the rules the answer rests on (R-C3, R-E5).
#[uniffi::export]
pub fn notification_recipients_with_reasons(
    service: Service,
    guardians: Vec<String>,
) -> Result<NotificationRecipients, AsistentError> {
    let ids = guardians
        .into_iter()
        .enumerate()
        .map(|(i, g)| GuardianId::new(g).map_err(|e| id_error(e).at_position("guardian", i)))
        .collect::<Result<Vec<_>, _>>()?;
    let r = core::notification_recipients(service.into(), &ids)?;
    Ok(NotificationRecipients {
        guardians: r.guardians.into_iter().map(|g| g.to_string()).collect(),
        reasons: reasons(&r.reasons),
    })
}

/// An accepted service choice with the rules it rests on (R-C5, R-C6).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ChosenService {
    /// The child the choice is for; none for the parent's own mode.
    pub student: Option<String>,
    /// The chosen service.
    pub service: Service,
    /// The rule IDs the decision rests on, e.g. "R-C5" — to show the user why.
    pub reasons: Vec<String>,
}

fn chosen(c: core::Choice) -> Result<ChosenService, AsistentError> {
    Ok(ChosenService {
        student: c.student.map(|s| s.to_string()),
        service: c.service.try_into()?,
        reasons: reasons(&c.reasons),
    })
}

/// A parent sets the child's service (R-C5); the student cannot (R-C6): the attempt is
/// `NotAllowedToChoose`. For the rules the decision rests on, use
/// `chooseForChildWithReasons`.
#[uniffi::export]
pub fn choose_for_child(
    chooser: Chooser,
    student: String,
    service: Service,
) -> Result<Service, AsistentError> {
    Ok(choose_for_child_with_reasons(chooser, student, service)?.service)
}

/// `chooseForChild` with the child and the rules the decision rests on (R-C5, R-C6).
#[uniffi::export]
pub fn choose_for_child_with_reasons(
    chooser: Chooser,
    student: String,
    service: Service,
) -> Result<ChosenService, AsistentError> {
    let student = StudentId::new(student).map_err(id_error)?;
    chosen(core::choose_for_child(
        chooser.into(),
        &student,
        service.into(),
    )?)
}

/// A parent chooses their own mode (R-C5). For the rules the decision rests on, use
/// `chooseForSelfWithReasons`.
#[uniffi::export]
pub fn choose_for_self(chooser: Chooser, service: Service) -> Result<Service, AsistentError> {
    Ok(choose_for_self_with_reasons(chooser, service)?.service)
}

/// `chooseForSelf` with the rules the decision rests on (R-C5, R-C6).
#[uniffi::export]
pub fn choose_for_self_with_reasons(
    chooser: Chooser,
    service: Service,
) -> Result<ChosenService, AsistentError> {
    chosen(core::choose_for_self(chooser.into(), service.into())?)
}

/// Why a registration ended by itself (R-C8).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum EndReason {
    /// The child finished schooling.
    FinishedSchooling,
    /// The child moved school; the new one needs a new registration.
    ChangedSchool {
        /// The new school.
        to: String,
    },
}

impl TryFrom<core::EndReason> for EndReason {
    type Error = AsistentError;
    fn try_from(r: core::EndReason) -> Result<Self, AsistentError> {
        Ok(match r {
            core::EndReason::FinishedSchooling => EndReason::FinishedSchooling,
            core::EndReason::ChangedSchool { to } => {
                EndReason::ChangedSchool { to: to.to_string() }
            }
            other => return Err(AsistentError::unsupported("end reason", other)),
        })
    }
}

/// Where a registration stands (R-C8).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum RegistrationStatus {
    /// Holding until revoked.
    Active,
    /// Revoked; must be made again.
    Revoked {
        /// When.
        on: LocalDate,
    },
    /// Ended by itself.
    Ended {
        /// When.
        on: LocalDate,
        /// Why.
        reason: EndReason,
    },
}

/// A dated event on a registration (R-C4 … R-C8).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum RegistrationEvent {
    /// A new service, set by a parent (R-C5, R-C6).
    ChangeService {
        /// The new service.
        service: Service,
        /// Who sets it.
        chooser: Chooser,
    },
    /// The one payment for a school year (R-C4).
    Pay {
        /// The school year.
        school_year: SchoolYear,
    },
    /// The parent revokes it.
    Revoke,
    /// The child finished schooling.
    FinishSchooling,
    /// The child moved to another school.
    ChangeSchool {
        /// The new school.
        to: String,
    },
}

/// What a transition did.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum RegistrationOutcome {
    /// Made.
    Registered,
    /// The service changed.
    ServiceChanged {
        /// Before.
        from: Service,
        /// After.
        to: Service,
    },
    /// A school year was paid.
    Paid {
        /// The school year.
        school_year: SchoolYear,
        /// The amount due.
        amount: Decimal,
    },
    /// Revoked.
    Revoked,
    /// Ended by itself.
    Ended {
        /// Why.
        reason: EndReason,
    },
}

impl TryFrom<core::RegistrationOutcome> for RegistrationOutcome {
    type Error = AsistentError;
    fn try_from(o: core::RegistrationOutcome) -> Result<Self, AsistentError> {
        Ok(match o {
            core::RegistrationOutcome::Registered => RegistrationOutcome::Registered,
            core::RegistrationOutcome::ServiceChanged { from, to } => {
                RegistrationOutcome::ServiceChanged {
                    from: from.try_into()?,
                    to: to.try_into()?,
                }
            }
            core::RegistrationOutcome::Paid {
                school_year,
                amount,
            } => RegistrationOutcome::Paid {
                school_year: school_year.into(),
                amount,
            },
            core::RegistrationOutcome::Revoked => RegistrationOutcome::Revoked,
            core::RegistrationOutcome::Ended { reason } => RegistrationOutcome::Ended {
                reason: reason.try_into()?,
            },
            other => return Err(AsistentError::unsupported("registration outcome", other)),
        })
    }
}

/// For one date: may notices be sent, may the portal be read (R-C7).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PaidPeriod {
    /// The date.
    pub date: LocalDate,
    /// SMS and email notices may be sent.
    pub notices_may_be_sent: bool,
    /// The parent portal may be read.
    pub portal_readable: bool,
    /// The rule IDs it rests on.
    pub reasons: Vec<String>,
}

/// One paid school year (R-C4).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PaidYear {
    /// The school year.
    pub school_year: SchoolYear,
    /// The service paid for.
    pub service: Service,
    /// The amount.
    pub amount: Decimal,
    /// The date of payment.
    pub paid_on: LocalDate,
}

/// A dated change of the service (R-C7, R-E6): from `on` the service in force is `to`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ServiceChange {
    /// The date of the change.
    pub on: LocalDate,
    /// The service in force before it.
    pub from: Service,
    /// The service in force from `on`.
    pub to: Service,
}

/// A registration and what the last transition did.
#[derive(Debug, Clone, uniffi::Record)]
pub struct RegistrationStep {
    /// The registration after the event.
    pub registration: Arc<Registration>,
    /// What happened.
    pub outcome: RegistrationOutcome,
}

/// A parent's registration for a child at a school (R-C8): an immutable value; `apply`
/// returns the next one.
#[derive(Debug, uniffi::Object)]
pub struct Registration {
    pub(crate) inner: core::Registration,
}

fn step(
    (inner, outcome): (core::Registration, core::RegistrationOutcome),
) -> Result<RegistrationStep, AsistentError> {
    Ok(RegistrationStep {
        registration: Arc::new(Registration { inner }),
        outcome: outcome.try_into()?,
    })
}

#[uniffi::export]
impl Registration {
    /// Makes a registration (R-C8); only a parent may (R-C5, R-C6).
    #[uniffi::constructor]
    pub fn register(
        guardian: String,
        student: String,
        school: String,
        service: Service,
        chooser: Chooser,
        on: LocalDate,
    ) -> Result<Arc<Registration>, AsistentError> {
        let (inner, _) = core::Registration::register(
            GuardianId::new(guardian).map_err(id_error)?,
            StudentId::new(student).map_err(id_error)?,
            SchoolId::new(school).map_err(id_error)?,
            service.into(),
            chooser.into(),
            on,
        )?;
        Ok(Arc::new(Registration { inner }))
    }

    /// Reads a registration stored with `toJson`.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Registration>, AsistentError> {
        let inner = core::Registration::from_json(&json)?;
        Ok(Arc::new(Registration { inner }))
    }

    /// The registration as JSON, for storage.
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// Applies a dated event (R-C4 … R-C8); a revoked or ended registration refuses
    /// every event with `WrongRegistrationState`.
    pub fn apply(
        &self,
        event: RegistrationEvent,
        on: LocalDate,
        policy: Arc<Policy>,
    ) -> Result<RegistrationStep, AsistentError> {
        let event = match event {
            RegistrationEvent::ChangeService { service, chooser } => {
                core::RegistrationEvent::ChangeService {
                    service: service.into(),
                    chooser: chooser.into(),
                }
            }
            RegistrationEvent::Pay { school_year } => core::RegistrationEvent::Pay {
                school_year: year_of(&school_year)?,
            },
            RegistrationEvent::Revoke => core::RegistrationEvent::Revoke,
            RegistrationEvent::FinishSchooling => core::RegistrationEvent::FinishSchooling,
            RegistrationEvent::ChangeSchool { to } => core::RegistrationEvent::ChangeSchool {
                to: SchoolId::new(to).map_err(id_error)?,
            },
        };
        step(self.inner.apply(&event, on, &policy.inner)?)
    }

    /// Whether notices may be sent and the portal read on a date (R-C7).
    pub fn period_on(&self, date: LocalDate) -> Result<PaidPeriod, AsistentError> {
        let p = self.inner.period_on(date)?;
        Ok(PaidPeriod {
            date: p.date,
            notices_may_be_sent: p.notices_may_be_sent,
            portal_readable: p.portal_readable,
            reasons: reasons(&p.reasons),
        })
    }

    /// The service in force on a date (R-C7, R-E6), `None` before the registration; a
    /// later change does not alter the answer for an earlier date.
    pub fn service_on(&self, date: LocalDate) -> Result<Option<Service>, AsistentError> {
        self.inner
            .service_on(date)
            .map(Service::try_from)
            .transpose()
    }

    /// What a `Pay` for `school_year` would charge now for the current service (R-C2,
    /// R-C4): after a change within a paid year only the difference to the higher fee,
    /// never below zero (ZA UČENCE → ZA STARŠE owes 0.00, ZA STARŠE → POPOLNI 17.00 with
    /// the default prices).
    pub fn amount_due(
        &self,
        school_year: SchoolYear,
        policy: Arc<Policy>,
    ) -> Result<Decimal, AsistentError> {
        Ok(self
            .inner
            .amount_due(year_of(&school_year)?, &policy.inner)?)
    }

    /// The dated changes of the service, in order (R-C7); `InvalidValue` only if the
    /// core is newer than the bindings.
    pub fn service_changes(&self) -> Result<Vec<ServiceChange>, AsistentError> {
        self.inner
            .service_changes
            .iter()
            .map(|c| {
                Ok(ServiceChange {
                    on: c.on,
                    from: c.from.try_into()?,
                    to: c.to.try_into()?,
                })
            })
            .collect()
    }

    /// The parent.
    pub fn guardian(&self) -> String {
        self.inner.guardian.to_string()
    }

    /// The child.
    pub fn student(&self) -> String {
        self.inner.student.to_string()
    }

    /// The school.
    pub fn school(&self) -> String {
        self.inner.school.to_string()
    }

    /// The current service; `InvalidValue` only if the core is newer than the bindings.
    pub fn service(&self) -> Result<Service, AsistentError> {
        self.inner.service.try_into()
    }

    /// Where it stands; `InvalidValue` only if the core is newer than the bindings.
    pub fn status(&self) -> Result<RegistrationStatus, AsistentError> {
        Ok(match &self.inner.status {
            core::RegistrationStatus::Active => RegistrationStatus::Active,
            core::RegistrationStatus::Revoked { on } => RegistrationStatus::Revoked { on: *on },
            core::RegistrationStatus::Ended { on, reason } => RegistrationStatus::Ended {
                on: *on,
                reason: reason.clone().try_into()?,
            },
            other => return Err(AsistentError::unsupported("registration status", other)),
        })
    }

    /// The school years paid; `InvalidValue` only if the core is newer than the bindings.
    pub fn paid(&self) -> Result<Vec<PaidYear>, AsistentError> {
        self.inner
            .paid
            .iter()
            .map(|p| {
                Ok(PaidYear {
                    school_year: p.school_year.into(),
                    service: p.service.try_into()?,
                    amount: p.amount,
                    paid_on: p.paid_on,
                })
            })
            .collect()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// R-C3, R-C5: the `…WithReasons` calls carry the core's rule IDs; the plain calls
    /// give the same answer without them.
    #[test]
    fn r_c3_r_c5_answers_with_reasons_carry_the_core_rules() {
        let r =
            notification_recipients_with_reasons(Service::ZaStarse, vec!["mama".into()]).unwrap();
        assert_eq!(r.guardians, vec!["mama".to_owned()]);
        assert_eq!(r.reasons, vec!["R-C3".to_owned(), "R-E5".to_owned()]);
        let c = choose_for_child_with_reasons(
            Chooser::LegalRepresentative,
            "ana".into(),
            Service::ZaUcence,
        )
        .unwrap();
        assert_eq!(c.student.as_deref(), Some("ana"));
        assert_eq!(c.reasons, vec!["R-C5".to_owned(), "R-C6".to_owned()]);
        assert_eq!(
            choose_for_child(
                Chooser::LegalRepresentative,
                "ana".into(),
                Service::ZaUcence
            )
            .unwrap(),
            c.service
        );
        let own =
            choose_for_self_with_reasons(Chooser::LegalRepresentative, Service::Minimalni).unwrap();
        assert_eq!((own.student, own.reasons), (None, vec!["R-C5".to_owned()]));
    }

    #[test]
    fn r_c1_every_core_service_maps_to_itself_never_to_a_stand_in() {
        for s in core::Service::ALL {
            let ffi = Service::try_from(s).expect("every current service is mapped");
            assert_eq!(core::Service::from(ffi), s);
        }
        let e = AsistentError::unsupported("service", "Gold");
        assert_eq!(
            e,
            AsistentError::InvalidValue {
                what: "service".into(),
                value: "\"Gold\"".into(),
                reason: "unsupported service (library version mismatch)".into(),
                index: None,
            }
        );
    }

    #[test]
    fn r_c8_statuses_and_outcomes_map_explicitly() {
        let reg = Registration::register(
            "mama".into(),
            "ana".into(),
            "os-a".into(),
            Service::Minimalni,
            Chooser::LegalRepresentative,
            chrono_date(2025, 9, 10),
        )
        .expect("registers");
        assert_eq!(reg.status(), Ok(RegistrationStatus::Active));
        assert_eq!(reg.service(), Ok(Service::Minimalni));
        assert_eq!(
            RegistrationOutcome::try_from(core::RegistrationOutcome::Registered),
            Ok(RegistrationOutcome::Registered)
        );
        assert_eq!(
            EndReason::try_from(core::EndReason::FinishedSchooling),
            Ok(EndReason::FinishedSchooling)
        );
    }

    fn chrono_date(y: i32, m: u32, d: u32) -> LocalDate {
        asistent_core::chrono::NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }
}
