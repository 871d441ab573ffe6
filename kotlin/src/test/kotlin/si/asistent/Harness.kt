// A small test harness for the Kotlin face: plain JVM, JNA, no Gradle.
// Every suite registers named tests; main() runs them all, prints one line per test and
// "N passed, N failed", and exits non-zero when anything failed.
package si.asistent

import kotlin.system.exitProcess

class Suite(val name: String) {
    val tests = mutableListOf<Pair<String, () -> Unit>>()
    fun test(name: String, body: () -> Unit) {
        tests += name to body
    }
}

/** Every suite of the Kotlin face; a new test file adds its suite here. */
val suites: List<Suite> = listOf(
    calendarSuite(),
    moneySuite(),
    auditSuite(),
    gdprSuite(),
    verifySuite(),
    notifySuite(),
    rightsSuite(),
    servicesSuite(),
    smsSuite(),
    visibilitySuite(),
    faceErrorsSuite(),
)

/** Runs `body`, which must throw [T]; returns the exception for its fields. */
inline fun <reified T : Throwable> expectThrows(body: () -> Unit): T {
    try {
        body()
    } catch (e: Throwable) {
        if (e is T) return e
        throw AssertionError("expected ${T::class.simpleName}, got ${e::class.qualifiedName}: ${e.message}", e)
    }
    throw AssertionError("expected ${T::class.simpleName}, nothing was thrown")
}

fun main() {
    var passed = 0
    var failed = 0
    for (suite in suites) {
        for ((name, body) in suite.tests) {
            try {
                body()
                passed++
                println("ok   ${suite.name} :: $name")
            } catch (e: Throwable) {
                failed++
                println("FAIL ${suite.name} :: $name\n     $e")
                e.cause?.let { println("     caused by $it") }
            }
        }
    }
    println("kotlin: $passed passed, $failed failed")
    if (failed > 0 || passed == 0) exitProcess(1)
}
