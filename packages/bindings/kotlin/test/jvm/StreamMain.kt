// Drives the `gen` fixture's generator functions as Flows on the JVM and prints `key=value` lines for stream.test.ts.
import ingot.gen.*
import kotlinx.coroutines.flow.*
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout

fun main() = runBlocking {
    // Items arrive before the error: collect until the exception, keeping what came first.
    val got = mutableListOf<String>()
    try {
        words("a b bad c").collect { got.add(it) }
        println("words.error=none")
    } catch (e: IngotException) {
        println("words.error=${e::class.simpleName}|${e.message}")
    }
    println("words.before=${got.joinToString(",")}")
    println("words.limit=${words("x y z", limit = 2).toList().joinToString(",")}")
    // An infinite generator: take() cancels the collection, which stops the generator.
    println("naturals.take=${naturals(5).take(3).toList().joinToString(",")}")
    // An endless loop after the first item: only the first is computed.
    println("spin.first=${withTimeout(60_000) { firstThenSpin(7).first() }}")
    println("halves=${halves(5.0).toList().joinToString(",")}")
    println("pairs=${pairs(listOf("p", "q")).toList().joinToString(";")}")
    println("maybe=${maybe(listOf(1L, 0L, 2L)).toList().joinToString(";")}")
    // A cold flow: each collection runs the generator anew.
    val n = naturals(1).take(2)
    println("cold=${n.toList().joinToString(",")}|${n.toList().joinToString(",")}")
}
