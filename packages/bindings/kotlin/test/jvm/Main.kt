// Calls the generated fma and embed packages the way a JVM user does; prints one `key=value` line per check.
// The jest test compiles this against the generated jars and asserts on the lines.

import ingot.embed.Client
import ingot.embed.NotFoundException

fun line(key: String, value: Any?) = println("$key=$value")

fun main() {
    line("fma", ingot.fma.fma(3.0, -1.0, 2.0))
    line("prefix.default", ingot.fma.prefix(listOf("a")))
    line("prefix.task", ingot.fma.prefix(listOf("a"), "search result"))
    line("scale", ingot.fma.scale(listOf(1.0, 2.5)))
    line("greet", ingot.fma.greet("x") + "|" + ingot.fma.greet("x", "?"))
    line("countWords", ingot.fma.countWords("a b a"))
    try {
        ingot.fma.requirePositive(-1.0)
        line("raised", "none")
    } catch (e: ingot.fma.IngotException) {
        line("raised", "${e.javaClass.simpleName}|${e.message}")
    }
    try {
        ingot.fma.boom(1)
        line("panic", "none")
    } catch (e: ingot.fma.IngotException) {
        line("panic", "${e.javaClass.simpleName}|${e.message}")
    }

    val m = ingot.embed.embed(listOf("hi", "there"))
    line("matrix.shape", m.shape.toList())
    val res = Client().embeddings.create(model = "embed", input = listOf("Which planet is red?", "Mars"))
    line("emb.object", res.`object` + "|" + res.data[0].`object` + "|" + res.model)
    line("emb.count", res.data.size)
    line("emb.dim", res.data[0].embedding.size)
    line("emb.norm", res.data[0].embedding.sumOf { it.toDouble() * it })
    line("emb.usage", res.usage.promptTokens)
    line("emb.sameAsTyped", res.data[1].embedding == ingot.embed.embed(listOf("Mars")).row(0).toList())
    val cut = Client().embeddings.create("embed", "Mars", dimensions = 3, encodingFormat = "base64")
    line("cut.dim", cut.data[0].embedding.size)
    line("cut.norm", cut.data[0].embedding.sumOf { it.toDouble() * it })
    val raw = java.util.Base64.getDecoder().decode(cut.data[0].embeddingBase64)
    val back = java.nio.ByteBuffer.wrap(raw).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
    line("cut.base64", (0 until 3).all { back.get(it) == cut.data[0].embedding[it] })
    try {
        Client().embeddings.create(model = "gpt-4", input = "x")
        line("notFound", "none")
    } catch (e: NotFoundException) {
        line("notFound", "${e.statusCode}|${e.code}|${e.message}")
    }
    // Token ids, decoded by the module's ingot_token_decode (the fixture's fake tokenizer: a text's tokens are its UTF-8 bytes).
    val mars = Client().embeddings.create(model = "embed", input = "Mars")
    val byIds = Client().embeddings.create(model = "embed", input = listOf(listOf(77L, 97L, 114L, 115L), listOf(104L, 105L)))
    line("ids.same", byIds.data[0].embedding == mars.data[0].embedding)
    line("ids.usage", "${byIds.usage.promptTokens}|${byIds.usage.totalTokens}")
    line("ids.decoded", ingot.embed.ingotTokenDecode(listOf(listOf(77L, 97L, 114L, 115L))))
    val flat = Client().embeddings.create(model = "embed", input = listOf(77, 97, 114, 115), dimensions = 3)
    line("ids.flat", "${flat.data.size}|${flat.data[0].embedding.size}|${flat.usage.promptTokens}")
    val bad = listOf<Pair<String, List<List<Long>>>>("ids.bad" to listOf(listOf(77L, 300L)), "ids.emptyRow" to listOf(listOf(77L), listOf()), "ids.empty" to listOf())
    for ((name, input) in bad) {
        try {
            Client().embeddings.create(model = "embed", input = input)
            line(name, "none")
        } catch (e: ingot.embed.BadRequestException) {
            line(name, "${e.statusCode}|${e.param}|${e.message}")
        }
    }
    line("resources.dir", ingot.embed.IngotResources.directory)
    try {
        ingot.embed.embed(listOf("a"), "nope")
        line("embedRaised", "none")
    } catch (e: ingot.embed.IngotException) {
        line("embedRaised", e.message)
    }
}
