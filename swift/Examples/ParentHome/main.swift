// An iOS app's parent home screen, written the way a SwiftUI view model uses the
// bindings: plain state in, one immutable UiState out, every library error turned into a
// message. Run on a Mac: `cargo build -p asistent-ffi --release && cd swift &&
// swift run ParentHome` (here it is only parse-checked). Mirrors
// kotlin/examples/ParentHomeViewModel.kt.
import Asistent
import Foundation

struct ChildCard: Equatable {
    let student: String
    let visible: [String]
    let mayDecide: Bool
}

struct UiState: Equatable {
    var children: [ChildCard] = []
    var yearlyFee: Decimal? = nil
    var message: String? = nil
}

final class ParentHomeViewModel {
    private let guardian: String
    private let facts: RightsFacts
    private let policy: Policy
    private let audit: AuditLog
    private let key: PseudonymKey
    private(set) var state = UiState()

    init(guardian: String, facts: RightsFacts, policy: Policy, audit: AuditLog, key: PseudonymKey) {
        self.guardian = guardian
        self.facts = facts
        self.policy = policy
        self.audit = audit
        self.key = key
    }

    /// The children this login may see today and what the family pays for the year.
    func load(today: DateComponents, schoolYear: String, services: [String: Service]) {
        do {
            let children = try facts.childrenOf(guardian: guardian, date: today, policy: policy).map { view in
                ChildCard(student: view.student,
                          visible: view.visible.map { categoryLabelSl(category: $0) },
                          mayDecide: view.mayAct)
            }
            let orders = children.map { ChildOrder(student: $0.student, service: services[$0.student] ?? .minimalni) }
            let quote = try quoteFamily(policy: policy, schoolYear: try parseSchoolYear(label: schoolYear),
                                        orders: orders, instalments: 1)
            state = UiState(children: children, yearlyFee: quote.total, message: nil)
        } catch {
            state.message = "\(error)"
        }
    }

    /// Opens a child's grades: allowed accesses are audited (R-F6), refusals explained.
    func openGrades(child: String, now: Date) -> Bool {
        do {
            let out = try facts.access(person: .guardian(id: guardian), student: child, category: .grades,
                                       action: .see, purpose: "pregled ocen v aplikaciji", at: now, policy: policy)
            guard out.decision.allowed else {
                state.message = out.decision.textSl
                return false
            }
            _ = try audit.appendAccess(record: out.record, key: key)
            return true
        } catch {
            state.message = "\(error)"
            return false
        }
    }

    /// What a notice would cost by SMS, as written and without č/š/ž (R-A10).
    func smsPrice(text: String) throws -> (Decimal, Decimal) {
        let q = try smsQuote(text: text, policy: policy)
        return (q.asWritten.total, q.transliterated.total)
    }
}

let facts = try RightsFacts.fromJson(json: """
{"families": [
  {"student": {"id": "luka", "birth_date": "2013-09-15", "class": "7.a", "level": "primary"},
   "relations": [{"guardian": "petra", "relationship": "parent"}, {"guardian": "marko", "relationship": "parent"}],
   "court_decisions": [{"reference": "I R 55/2025", "date": "2025-02-01", "final_on": "2025-03-01", "parent": "marko",
                        "effect": {"kind": "restricts_categories", "categories": ["absences"]}}]},
  {"student": {"id": "maja", "birth_date": "2016-05-05", "level": "primary"},
   "relations": [{"guardian": "marko", "relationship": "parent"}]}]}
""")
let audit = AuditLog()
let vm = ParentHomeViewModel(guardian: "marko", facts: facts, policy: Policy.defaults(), audit: audit,
                             key: try PseudonymKey(secret: Data("demo pseudonym key, not a secret".utf8)))
let today = DateComponents(year: 2026, month: 11, day: 23)
vm.load(today: today, schoolYear: "2026/27", services: ["luka": .popolni])
precondition(vm.state.children.map { $0.student } == ["luka", "maja"])
precondition(!vm.state.children[0].visible.contains("izostanki"), "the court decision restricts absences")
precondition(vm.state.yearlyFee == Decimal(string: "52.90"))
precondition(vm.openGrades(child: "luka", now: Date(timeIntervalSince1970: 1_795_453_200)))
precondition(audit.size() == 1 && audit.entries()[0].role == .guardian)
vm.load(today: today, schoolYear: "1800/01", services: [:])
precondition(vm.state.message != nil && vm.state.children.count == 2, "a typed error becomes a message")
let (asWritten, transliterated) = try vm.smsPrice(text: "Luka je danes prejel oceno pri matematiki. Več v aplikaciji.")
precondition(transliterated <= asWritten)
print("example ParentHome: ok (\(vm.state.children.count) children, SMS \(asWritten) €)")
