//! Who may set a service (R-C5, R-C6) and who receives the notices (R-C3).

use serde::{Deserialize, Serialize};

use super::{Service, ServiceError};
use crate::ids::{GuardianId, StudentId};
use crate::rules::RuleId;

/// The standing of the person making a choice, as the rights module establishes it
/// (R-C5, R-C6). This module does not decide who is a parent; it is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Chooser {
    /// A parent or another legal representative of the child (zakoniti zastopnik).
    LegalRepresentative,
    /// The student themselves.
    Student,
    /// Anyone else (a step-parent without rights, a teacher, …).
    Other,
}

/// An accepted choice of a service, with the rules it rests on (R-C5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    /// The child the choice is for, or `None` for the parent's own mode.
    pub student: Option<StudentId>,
    /// The chosen service.
    pub service: Service,
    /// The rules the decision rests on.
    pub reasons: Vec<RuleId>,
}

fn check_chooser(chooser: Chooser) -> Result<(), ServiceError> {
    match chooser {
        Chooser::LegalRepresentative => Ok(()),
        Chooser::Student => Err(ServiceError::StudentCannotChoose),
        Chooser::Other => Err(ServiceError::NotALegalRepresentative),
    }
}

/// A parent sets the child's service (R-C5); the child cannot (R-C6), nor can anyone who
/// is not a legal representative.
pub fn choose_for_child(
    chooser: Chooser,
    student: &StudentId,
    service: Service,
) -> Result<Choice, ServiceError> {
    check_chooser(chooser)?;
    Ok(Choice {
        student: Some(student.clone()),
        service,
        reasons: vec![RuleId::C5, RuleId::C6],
    })
}

/// A parent chooses their own mode of electronic communication (R-C5); a student cannot
/// (R-C6).
pub fn choose_for_self(chooser: Chooser, service: Service) -> Result<Choice, ServiceError> {
    check_chooser(chooser)?;
    Ok(Choice {
        student: None,
        service,
        reasons: vec![RuleId::C5],
    })
}

/// Who receives the notices of one subscription (R-C3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recipients {
    /// The guardians who receive the notices (empty when the service sends none).
    pub guardians: Vec<GuardianId>,
    /// The rules the answer rests on.
    pub reasons: Vec<RuleId>,
}

/// The recipients of a child's subscription (R-C3): one ZA STARŠE or POPOLNI covers both
/// parents or guardians; MINIMALNI, ZA UČENCE alone and no electronic contact send the
/// parents no notices (R-E5: students receive none). Duplicates are dropped; more than two
/// distinct guardians is an error.
pub fn notification_recipients(
    service: Service,
    guardians: &[GuardianId],
) -> Result<Recipients, ServiceError> {
    let mut distinct: Vec<GuardianId> = Vec::with_capacity(2);
    for g in guardians {
        if !distinct.contains(g) {
            distinct.push(g.clone());
        }
    }
    if distinct.len() > 2 {
        return Err(ServiceError::TooManyRecipients {
            given: distinct.len(),
        });
    }
    if !service.covers_parents() {
        distinct.clear();
    }
    Ok(Recipients {
        guardians: distinct,
        reasons: vec![RuleId::C3, RuleId::E5],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(s: &str) -> GuardianId {
        GuardianId::new(s).unwrap()
    }

    #[test]
    fn r_c3_one_subscription_reaches_both_parents() {
        let both = [g("mama"), g("oce")];
        let r = notification_recipients(Service::ZaStarse, &both).unwrap();
        assert_eq!(r.guardians, both);
        let r = notification_recipients(Service::Popolni, &[g("mama"), g("mama")]).unwrap();
        assert_eq!(r.guardians, [g("mama")]);
        assert!(notification_recipients(Service::Minimalni, &both)
            .unwrap()
            .guardians
            .is_empty());
        assert!(notification_recipients(Service::ZaUcence, &both)
            .unwrap()
            .guardians
            .is_empty());
        let err =
            notification_recipients(Service::ZaStarse, &[g("a"), g("b"), g("c")]).unwrap_err();
        assert_eq!(err, ServiceError::TooManyRecipients { given: 3 });
    }

    #[test]
    fn r_c5_a_parent_sets_their_own_mode_and_the_childs() {
        let child = StudentId::new("s1").unwrap();
        let c = choose_for_child(Chooser::LegalRepresentative, &child, Service::ZaUcence).unwrap();
        assert_eq!(c.student, Some(child));
        assert_eq!(c.service, Service::ZaUcence);
        let own = choose_for_self(Chooser::LegalRepresentative, Service::Minimalni).unwrap();
        assert_eq!(own.student, None);
    }

    #[test]
    fn r_c6_the_child_cannot_set_the_service() {
        let child = StudentId::new("s1").unwrap();
        let err = choose_for_child(Chooser::Student, &child, Service::ZaUcence).unwrap_err();
        assert_eq!(err, ServiceError::StudentCannotChoose);
        assert_eq!(
            err.to_string(),
            "a student cannot set the service: only a parent or legal representative can (R-C6)"
        );
        assert_eq!(
            choose_for_self(Chooser::Other, Service::ZaStarse),
            Err(ServiceError::NotALegalRepresentative)
        );
    }
}
