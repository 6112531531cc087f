// Drives the `records` fixture's dataclasses, pydantic models and Enums on the JVM and prints `key=value` lines for records.test.ts.
import ingot.records.*

/** The exception a call throws, as `Class|message`. */
fun thrown(call: () -> Any?): String = try {
    "none|${call()}"
} catch (e: Exception) {
    "${e::class.simpleName}|${e.message}"
}

fun main() {
    val m: Match = best(listOf("a", "b", "c"), listOf(0.2, 0.9, 0.5))
    println("best=$m")
    println("best.eq=${m == Match("b", 0.9, 2L)}")
    println("allMatches=${allMatches(listOf("x", "y"))}")
    val v: Verdict = classify(0.9)
    println("classify.high=$v")
    println("classify.low=${classify(0.2)}")
    println("classify.types=${v.priority::class.simpleName}|${v.best?.let { it::class.simpleName }}|${v.priority == Priority.HIGH}")
    val p: Priority = triage(0.9)
    println("triage=$p|${p.value}|${triage(0.1)}")
    val t: Task = flip(Task.QUERY)
    println("flip=$t|${t.value}|${flip(Task.DOCUMENT)}")
    println("describe=${describe(Match("z", 1.5))}|${describe(Match("z", 1.5, rank = 4L))}|${describe(best(listOf("q"), listOf(0.25)))}")
    println("explain=${explain(classify(0.8))}|${explain(Verdict(label = "ham", confidence = 1.0, priority = Priority.LOW, tags = listOf("t"), best = null))}")
    println("prompt=${prompt(Task.QUERY, "mars")}|${prompt(Task.DOCUMENT, "mars")}")
    println("rankOf=${rankOf(Priority.HIGH)}")
    // A pydantic model checks its Literal fields on construction.
    println("literal=${thrown { Verdict(label = "eggs", confidence = 1.0, priority = Priority.LOW, tags = listOf(), best = null) }}")
    // A float field that is not finite crosses in value JSON's special form and back.
    println("nan=${describe(Match("n", Double.NaN))}")
}
