// The Kotlin (JVM) side of the bindings benchmark: calls the generated jars (dist/bench-bindings/<module>/kotlin).
//
//   java -cp ... BenchKt CASE SAMPLES BATCH SENTENCES_FILE
//
// Each sample times BATCH calls and records ns per call, after unrecorded warm-up batches (more for the JIT on tiny
// calls). Prints one JSON line: {"case", "samples": [ns per call, ...]}.
// Cases: fma (the wrapper over uniffi and JNA), matrix (a 32x384 float32 result, packed bytes -> Float32Matrix),
// minilm (embed(32 sentences)), minilmClient (Client().embeddings.create, encodingFormat base64).
// Lines marked MINILM are dropped by run.mjs when the MiniLM package is not built.

import java.io.File

fun main(args: Array<String>) {
    val case = args[0]
    val samples = args[1].toInt()
    val batch = args[2].toInt()
    val texts = File(args[3]).readLines().filter { it.isNotEmpty() }.take(32)
    var sink = 0.0
    val call: (Int) -> Unit = when (case) {
        "fma" -> { i -> sink += ingot.fma.fma(i * 0.5, 1.25, 2.0) }
        "matrix" -> { _ -> sink += ingot.matrix.matrix().data.size }
        "minilm" -> { _ -> sink += ingot.minilm.embed(texts).data.size } // MINILM
        "minilmClient" -> { _ -> sink += ingot.minilm.Client().embeddings.create(model = "minilm", input = texts, encodingFormat = "base64").data.size } // MINILM
        else -> throw IllegalArgumentException("unknown case $case")
    }
    val warm = if (batch == 1) 3 else 10
    repeat(warm) { for (i in 0 until batch) call(i) }
    val out = ArrayList<Double>()
    repeat(samples) {
        val t0 = System.nanoTime()
        for (i in 0 until batch) call(i)
        out.add((System.nanoTime() - t0).toDouble() / batch)
    }
    if (sink == -1.0) System.err.println()
    println("{\"case\": \"$case\", \"samples\": [${out.joinToString(", ") { "%.1f".format(it) }}]}")
}
