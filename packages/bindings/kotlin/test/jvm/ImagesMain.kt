// Drives the `images` fixture's PIL-image functions on the JVM and prints `key=value` lines for images.test.ts.
import ingot.images.*
import java.util.Base64

/** The exception a call throws, as `Class|message` (`IngotException` for any of its cases). */
fun thrown(call: () -> Any?): String = try {
    "none|${call()}"
} catch (e: IngotException) {
    "IngotException|${e.message}"
} catch (e: Exception) {
    "${e::class.simpleName}|${e.message}"
}

fun b64(bytes: ByteArray): String = Base64.getEncoder().encodeToString(bytes)

fun show(im: IngotImage): String = "${im.width}x${im.height}|${im.mode}|${b64(im.data)}"

/** 7x5 ARGB pixels as Bitmap.getPixels gives them; images.test.ts builds the same ones. */
fun argbPixels(): IntArray = IntArray(35) { i ->
    val a = if (i % 5 == 0) 0 else if (i % 5 == 1) 255 else (i * 53 + 17) % 256
    val r = (i * 37) % 256
    val g = (i * 91 + 5) % 256
    val b = (i * 13 + 200) % 256
    (a shl 24) or (r shl 16) or (g shl 8) or b
}

fun main() {
    val rgbBytes = ByteArray(7 * 5 * 3) { i -> ((i * 37 + ((i * i) % 91)) % 256).toByte() }
    val rgb = IngotImage(7, 5, "RGB", rgbBytes)
    println("thumbnailGray=${show(thumbnailGray(rgb, 3L))}")
    println("describe.rgb=${describe(rgb)}")
    val px = pixels(rgb)
    println("pixels=${px.shape.joinToString(",")}|${px.data.joinToString(",")}")

    val argb = argbPixels()
    val rgba = IngotImage.fromArgb(argb, 7, 5)
    println("fromArgb.rgba=${show(rgba)}")
    println("fromArgb.rgb=${show(IngotImage.fromArgb(argb, 7, 5, "RGB"))}")
    println("fromArgb.l=${show(IngotImage.fromArgb(argb, 7, 5, "L"))}")
    println("describe.l=${describe(IngotImage.fromArgb(argb, 7, 5, "L"))}")
    val mirrored = mirrorRgba(rgba, 4L)
    println("mirrorRgba=${show(mirrored)}")
    println("mirrorRgba.argb=${mirrored.toArgb().joinToString(",") { Integer.toUnsignedString(it, 16) }}")
    println("roundTrip=${rgba.toArgb().contentEquals(argb)}|${rgba == IngotImage.fromArgb(argb, 7, 5)}")
    println("toArgb.l=${IngotImage(2, 1, "L", byteArrayOf(0, 200.toByte())).toArgb().joinToString(",") { Integer.toUnsignedString(it, 16) }}")
    println("toArgb.rgb=${IngotImage(1, 1, "RGB", byteArrayOf(1, 2, 3)).toArgb().joinToString(",") { Integer.toUnsignedString(it, 16) }}")
    println("empty=${show(mirrorRgba(IngotImage(0, 0, "L", ByteArray(0)), 2L))}")

    // Bad images fail in Kotlin before any native call; a Python exception is an IngotException.
    println("bad.size=${thrown { IngotImage(2, 2, "RGB", ByteArray(5)) }}")
    println("bad.mode=${thrown { IngotImage(1, 1, "CMYK", ByteArray(4)) }}")
    println("bad.argb=${thrown { IngotImage.fromArgb(IntArray(3), 2, 2) }}")
    println("raised=${thrown { thumbnailGray(rgb, 0L) }}")
}
