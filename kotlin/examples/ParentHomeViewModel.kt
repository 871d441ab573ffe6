// An Android app's parent home screen, written the way a view model uses the bindings:
// plain state in, one immutable UiState out, every library error turned into a message.
// (No androidx here so that it runs on the JVM in scripts/test-all; in an app the class
// extends ViewModel and `state` is a StateFlow.)
package si.asistent.examples

import java.math.BigDecimal
import java.time.Instant
import java.time.LocalDate
import si.asistent.AccessRole
import si.asistent.AsistentException
import si.asistent.AuditLog
import si.asistent.ChildOrder
import si.asistent.DataCategory
import si.asistent.Policy
import si.asistent.PseudonymKey
import si.asistent.RightsAction
import si.asistent.RightsFacts
import si.asistent.RightsPerson
import si.asistent.Service
import si.asistent.categoryLabelSl
import si.asistent.parseSchoolYear
import si.asistent.quoteFamily
import si.asistent.smsQuote

data class ChildCard(val student: String, val visible: List<String>, val mayDecide: Boolean)

data class UiState(
    val children: List<ChildCard> = emptyList(),
    val yearlyFee: BigDecimal? = null,
    val message: String? = null,
)

class ParentHomeViewModel(
    private val guardian: String,
    private val facts: RightsFacts,
    private val policy: Policy,
    private val audit: AuditLog,
    private val key: PseudonymKey,
) {
    var state = UiState()
        private set

    /** The children this login may see today and what the family pays for the year. */
    fun load(today: LocalDate, schoolYear: String, services: Map<String, Service>) {
        state = try {
            val children = facts.childrenOf(guardian, today, policy).map { view ->
                ChildCard(view.student, view.visible.map(::categoryLabelSl), view.mayAct)
            }
            val orders = children.map { ChildOrder(it.student, services[it.student] ?: Service.MINIMALNI) }
            val quote = quoteFamily(policy, parseSchoolYear(schoolYear), orders, 1u)
            UiState(children, quote.total, null)
        } catch (e: AsistentException) {
            state.copy(message = e.message)
        }
    }

    /** Opens a child's grades: allowed accesses are audited (R-F6), refusals explained. */
    fun openGrades(child: String, now: Instant): Boolean {
        return try {
            val out = facts.access(RightsPerson.Guardian(guardian), child, DataCategory.GRADES, RightsAction.SEE,
                "pregled ocen v aplikaciji", now, policy)
            if (out.decision.allowed) {
                audit.appendAccess(out.record, key)
                true
            } else {
                state = state.copy(message = out.decision.textSl)
                false
            }
        } catch (e: AsistentException) {
            state = state.copy(message = e.message)
            false
        }
    }

    /** What a notice would cost by SMS, as written and without č/š/ž (R-A10). */
    fun smsPrice(text: String): Pair<BigDecimal, BigDecimal> {
        val q = smsQuote(text, policy)
        return q.asWritten.total to q.transliterated.total
    }
}

private const val FACTS = """
{"families": [
  {"student": {"id": "luka", "birth_date": "2013-09-15", "class": "7.a", "level": "primary"},
   "relations": [{"guardian": "petra", "relationship": "parent"}, {"guardian": "marko", "relationship": "parent"}],
   "court_decisions": [{"reference": "I R 55/2025", "date": "2025-02-01", "final_on": "2025-03-01", "parent": "marko",
                        "effect": {"kind": "restricts_categories", "categories": ["absences"]}}]},
  {"student": {"id": "maja", "birth_date": "2016-05-05", "level": "primary"},
   "relations": [{"guardian": "marko", "relationship": "parent"}]}]}
"""

fun main() {
    val policy = Policy.defaults()
    val facts = RightsFacts.fromJson(FACTS)
    val audit = AuditLog()
    val key = PseudonymKey("demo pseudonym key, not a secret".toByteArray())
    val vm = ParentHomeViewModel("marko", facts, policy, audit, key)

    vm.load(LocalDate.of(2026, 11, 23), "2026/27", mapOf("luka" to Service.POPOLNI))
    println("children: ${vm.state.children}")
    println("yearly fee: ${vm.state.yearlyFee} €")
    check(vm.state.children.map { it.student } == listOf("luka", "maja"))
    check("izostanki" !in vm.state.children[0].visible) { "the court decision restricts absences" }
    check(vm.state.yearlyFee == BigDecimal("52.90")) { "POPOLNI for luka, MINIMALNI for maja" }

    check(vm.openGrades("luka", Instant.parse("2026-11-23T17:00:00Z")))
    check(audit.size() == 1uL && audit.entries()[0].role == AccessRole.GUARDIAN)

    vm.load(LocalDate.of(2026, 11, 23), "1800/01", emptyMap())
    println("bad year: ${vm.state.message}")
    check(vm.state.message != null && vm.state.children.size == 2) { "a typed error becomes a message" }

    val (asWritten, transliterated) = vm.smsPrice("Luka je danes prejel oceno pri matematiki. Več v aplikaciji.")
    println("SMS: $asWritten € as written, $transliterated € without č/š/ž")
    check(transliterated <= asWritten)
    println("example ParentHomeViewModel: ok")
}
