// Versions the Kotlin package names. JNA must be 5.12 or later for uniffi's Kotlin bindings.
export const JNA_VERSION = '5.17.0';
/** The Kotlin Gradle plugin in settings.gradle.kts, the same as the pinned kotlinc (root package.json `kotlin-compiler`). */
export const KOTLIN_VERSION = '2.4.20';
/** kotlinx-coroutines (Maven Central): generator functions return its `Flow`. */
export const COROUTINES_VERSION = '1.10.2';
