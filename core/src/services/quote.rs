//! What a family pays for a school year (R-C2, R-C4, R-C9).

use std::fmt::Write as _;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{Service, ServiceError};
use crate::calendar::SchoolYear;
use crate::ids::StudentId;
use crate::money::{format_eur, MoneyStyle};
use crate::policy::{Policy, PriceList};
use crate::rules::RuleId;

/// The service ordered for one child for a school year (R-C4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildOrder {
    /// The child.
    pub student: StudentId,
    /// The service ordered for the child and the child's parents.
    pub service: Service,
}

/// What a line of a quote is for (R-C2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum LineItem {
    /// mojAsistent MINIMALNI: free (R-C9, R-C10).
    Minimalni,
    /// No electronic contact: nothing to pay.
    NoElectronicContact,
    /// mojAsistent ZA STARŠE.
    ZaStarse,
    /// mojAsistent ZA UČENCE bought alone.
    ZaUcence,
    /// ZA UČENCE together with ZA STARŠE, at the add-on price (the two make POPOLNI).
    ZaUcenceAddon,
}

impl LineItem {
    /// The Slovenian text of the line (R-C2).
    pub const fn label_sl(self) -> &'static str {
        match self {
            LineItem::Minimalni => "mojAsistent MINIMALNI (brezplačno)",
            LineItem::NoElectronicContact => "brez elektronskega sodelovanja",
            LineItem::ZaStarse => "mojAsistent ZA STARŠE",
            LineItem::ZaUcence => "mojAsistent ZA UČENCE",
            LineItem::ZaUcenceAddon => "mojAsistent ZA UČENCE v kompletu z ZA STARŠE",
        }
    }

    /// The English text of the line.
    pub const fn label_en(self) -> &'static str {
        match self {
            LineItem::Minimalni => "mojAsistent MINIMAL (free)",
            LineItem::NoElectronicContact => "no electronic contact",
            LineItem::ZaStarse => "mojAsistent FOR PARENTS",
            LineItem::ZaUcence => "mojAsistent FOR STUDENTS",
            LineItem::ZaUcenceAddon => "mojAsistent FOR STUDENTS with FOR PARENTS",
        }
    }
}

/// One line of a quote (R-C2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteLine {
    /// What it is for.
    pub item: LineItem,
    /// The amount in euros.
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
}

/// What one child's service costs for one school year, paid at once (R-C4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildQuote {
    /// The child.
    pub student: StudentId,
    /// The service ordered.
    pub service: Service,
    /// The school year it pays for.
    pub school_year: SchoolYear,
    /// The lines that make up the total.
    pub lines: Vec<QuoteLine>,
    /// The one payment for the whole school year.
    #[serde(with = "rust_decimal::serde::str")]
    pub total: Decimal,
    /// The rules the quote rests on.
    pub reasons: Vec<RuleId>,
}

/// What a family pays for one school year: one payment per child (R-C4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyQuote {
    /// The school year.
    pub school_year: SchoolYear,
    /// One quote per child, in the order given.
    pub children: Vec<ChildQuote>,
    /// The sum of the children's payments.
    #[serde(with = "rust_decimal::serde::str")]
    pub total: Decimal,
    /// The rules the quote rests on.
    pub reasons: Vec<RuleId>,
}

fn price_list(policy: &Policy, year: SchoolYear) -> Result<&PriceList, ServiceError> {
    policy
        .services
        .price_list_for(year)
        .ok_or_else(|| ServiceError::NoPriceList {
            school_year: year,
            earliest: policy
                .services
                .price_lists
                .first()
                .map_or_else(|| "(none)".to_owned(), |l| l.from_school_year.label()),
        })
}

fn check_instalments(instalments: u32) -> Result<(), ServiceError> {
    if instalments == 1 {
        Ok(())
    } else {
        Err(ServiceError::InstalmentsNotOffered {
            requested: instalments,
        })
    }
}

fn lines_for(list: &PriceList, service: Service) -> Vec<QuoteLine> {
    let line = |item, amount| QuoteLine { item, amount };
    match service {
        Service::ZaStarse => vec![line(LineItem::ZaStarse, list.za_starse)],
        Service::ZaUcence => vec![line(LineItem::ZaUcence, list.za_ucence)],
        Service::Popolni => vec![
            line(LineItem::ZaStarse, list.za_starse),
            line(LineItem::ZaUcenceAddon, list.za_ucence_addon),
        ],
        Service::NoElectronicContact => {
            vec![line(LineItem::NoElectronicContact, Decimal::ZERO)]
        }
        // MINIMALNI, and any service added later until it is priced, is free (R-C9).
        _ => vec![line(LineItem::Minimalni, Decimal::ZERO)],
    }
}

/// Adds amounts, refusing a sum beyond `Decimal`'s range instead of panicking (R-C4).
fn checked_sum(
    amounts: impl IntoIterator<Item = Decimal>,
    what: &'static str,
) -> Result<Decimal, ServiceError> {
    amounts
        .into_iter()
        .try_fold(Decimal::ZERO, Decimal::checked_add)
        .ok_or(ServiceError::AmountTooLarge { what })
}

/// The quote of one child for a school year (R-C2, R-C4): one payment for the whole year,
/// so `instalments` must be 1; MINIMALNI is free (R-C9).
pub fn quote_child(
    policy: &Policy,
    school_year: SchoolYear,
    order: &ChildOrder,
    instalments: u32,
) -> Result<ChildQuote, ServiceError> {
    check_instalments(instalments)?;
    let list = price_list(policy, school_year)?;
    let lines = lines_for(list, order.service);
    let total = checked_sum(lines.iter().map(|l| l.amount), "child total")?;
    Ok(ChildQuote {
        student: order.student.clone(),
        service: order.service,
        school_year,
        lines,
        total,
        reasons: vec![RuleId::C2, RuleId::C4, RuleId::C9],
    })
}

/// The quote of a family for a school year (R-C4): one payment per child, each child
/// once, the total the sum of the children's.
pub fn quote_family(
    policy: &Policy,
    school_year: SchoolYear,
    orders: &[ChildOrder],
    instalments: u32,
) -> Result<FamilyQuote, ServiceError> {
    check_instalments(instalments)?;
    let mut children: Vec<ChildQuote> = Vec::with_capacity(orders.len());
    for order in orders {
        if children.iter().any(|c| c.student == order.student) {
            return Err(ServiceError::DuplicateChild {
                student: order.student.clone(),
            });
        }
        children.push(quote_child(policy, school_year, order, instalments)?);
    }
    let total = checked_sum(children.iter().map(|c| c.total), "family total")?;
    Ok(FamilyQuote {
        school_year,
        children,
        total,
        reasons: vec![RuleId::C2, RuleId::C4, RuleId::C9],
    })
}

impl FamilyQuote {
    /// The quote as Slovenian text for parents (R-C2, R-C4): one block per child with its
    /// lines, then the family's total and how it is paid.
    pub fn render_sl(&self) -> String {
        let mut out = String::new();
        let eur = |d| format_eur(d, MoneyStyle::Slovenian);
        let _ = writeln!(out, "Ponudba za šolsko leto {}", self.school_year);
        for child in &self.children {
            let _ = writeln!(out, "Otrok {}: {}", child.student, child.service.label_sl());
            for line in &child.lines {
                let _ = writeln!(
                    out,
                    "  {:<46}{:>12}",
                    line.item.label_sl(),
                    eur(line.amount)
                );
            }
            let _ = writeln!(out, "  {:<46}{:>12}", "Skupaj za otroka", eur(child.total));
        }
        let _ = writeln!(out, "Skupaj za družino: {}", eur(self.total));
        let _ = writeln!(
            out,
            "Plačilo: v enkratnem znesku za celo šolsko leto, za vsakega otroka posebej."
        );
        out
    }

    /// The quote as English text, amounts written plainly (R-C2, R-C4).
    pub fn render_en(&self) -> String {
        let mut out = String::new();
        let eur = |d| format!("EUR {}", format_eur(d, MoneyStyle::Plain));
        let _ = writeln!(out, "Quote for school year {}", self.school_year);
        for child in &self.children {
            let _ = writeln!(out, "Child {}: {}", child.student, child.service.label_en());
            for line in &child.lines {
                let _ = writeln!(
                    out,
                    "  {:<46}{:>12}",
                    line.item.label_en(),
                    eur(line.amount)
                );
            }
            let _ = writeln!(
                out,
                "  {:<46}{:>12}",
                "Total for the child",
                eur(child.total)
            );
        }
        let _ = writeln!(out, "Total for the family: {}", eur(self.total));
        let _ = writeln!(
            out,
            "Payment: one payment per child for the whole school year."
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn year(y: i32) -> SchoolYear {
        SchoolYear::starting(y).unwrap()
    }

    fn order(s: &str, service: Service) -> ChildOrder {
        ChildOrder {
            student: StudentId::new(s).unwrap(),
            service,
        }
    }

    #[test]
    fn r_c2_popolni_is_za_starse_plus_the_addon() {
        let p = Policy::default();
        let q = quote_child(&p, year(2025), &order("a", Service::Popolni), 1).unwrap();
        assert_eq!(q.total, Decimal::new(5290, 2));
        assert_eq!(
            q.lines.iter().map(|l| l.item).collect::<Vec<_>>(),
            [LineItem::ZaStarse, LineItem::ZaUcenceAddon]
        );
        let family = quote_family(&p, year(2025), &[order("a", Service::Popolni)], 1).unwrap();
        assert!(family
            .render_en()
            .contains("Total for the family: EUR 52.90"));
        assert!(family.render_sl().contains("Skupaj za družino: 52,90 €"));
        let alone = quote_child(&p, year(2025), &order("a", Service::ZaUcence), 1).unwrap();
        assert_eq!(alone.total, Decimal::new(3890, 2));
    }

    #[test]
    fn r_c9_minimalni_and_no_contact_cost_nothing() {
        let p = Policy::default();
        for s in [Service::Minimalni, Service::NoElectronicContact] {
            let q = quote_child(&p, year(2026), &order("a", s), 1).unwrap();
            assert_eq!(q.total, Decimal::ZERO);
            assert!(q.reasons.contains(&RuleId::C9));
        }
    }

    #[test]
    fn r_c10_minimalni_is_free_for_every_student_and_parent() {
        let orders: Vec<_> = (0..5)
            .map(|i| order(&format!("s{i}"), Service::Minimalni))
            .collect();
        let q = quote_family(&Policy::default(), year(2025), &orders, 1).unwrap();
        assert_eq!(q.total, Decimal::ZERO);
        assert!(q
            .children
            .iter()
            .all(|c| c.lines[0].item == LineItem::Minimalni));
        // MINIMALNI opens the portal (messages, meals, timetable, events) but not the
        // full view of parents or student.
        assert!(Service::Minimalni.activates_portal());
        assert!(!Service::Minimalni.covers_parents() && !Service::Minimalni.covers_student());
    }

    #[test]
    fn r_c4_an_instalment_request_is_refused_with_the_reason() {
        let p = Policy::default();
        let err = quote_family(&p, year(2025), &[order("a", Service::ZaStarse)], 10).unwrap_err();
        assert_eq!(err, ServiceError::InstalmentsNotOffered { requested: 10 });
        assert!(err.to_string().contains("in one payment (R-C4)"), "{err}");
        let dup = [order("a", Service::ZaStarse), order("a", Service::Popolni)];
        assert!(matches!(
            quote_family(&p, year(2025), &dup, 1),
            Err(ServiceError::DuplicateChild { .. })
        ));
    }

    #[test]
    fn r_c2_a_year_before_every_list_has_no_price() {
        let err = quote_child(
            &Policy::default(),
            year(2024),
            &order("a", Service::ZaStarse),
            1,
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "no price list covers school year 2024/25 (the earliest applies from 2025/26)"
        );
    }
}
