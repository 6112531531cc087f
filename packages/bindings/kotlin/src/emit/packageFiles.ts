// Emits the Android library module's files (build.gradle.kts, settings.gradle.kts, ProGuard rules, the Android build
// script), the Kotlin templates filled for the package, and the README. Reads the `KotlinBinding` fields only.

import type { TemplateSet } from '@ingot/bindings-common';
import type { KotlinBinding } from '../pass';
import { COROUTINES_VERSION, JNA_VERSION, KOTLIN_VERSION } from '../versions';
import { kotlinString } from '../names';

function fields(b: KotlinBinding): Record<string, string> {
  return {
    moduleName: b.moduleName,
    kotlinPackage: b.kotlinPackage,
    ffiPackage: b.ffiPackage,
    artifact: b.artifact,
    version: b.version,
    jnaVersion: JNA_VERSION,
    kotlinVersion: KOTLIN_VERSION,
    jnaResourcePrefix: b.jnaResourcePrefix,
    // The Android-only sources (the Bitmap extensions) are an extra source folder of the module, so kotlinc's JVM jar,
    // built from src/main/kotlin, never sees android.graphics.
    androidSources: b.usesImage
      ? '\n    // Android-only sources (android.graphics.Bitmap extensions), kept out of the desktop JVM jar.\n    sourceSets["main"].java.srcDir("src/android/kotlin")'
      : '',
    coroutinesDependency: b.usesCoroutines
      ? `\n    // Generator functions and chat streams are kotlinx.coroutines Flows.\n    api("org.jetbrains.kotlinx:kotlinx-coroutines-core:${COROUTINES_VERSION}")`
      : '',
  };
}

/** The generated README's hybrid-routing section, for a package with a Client. */
function hybridSection(b: KotlinBinding): string {
  if (!b.client && !b.chat && !b.rerank) return '';
  return [
    '',
    '## Hybrid routing',
    '',
    '`Client(remoteBaseUrl = "https://api.openai.com/v1", remoteApiKey = System.getenv("OPENAI_API_KEY"), fallback = listOf(...))` answers the models this package compiles in-process and sends every other model name to that OpenAI-compatible API; a model in `fallback` goes there too when it fails to load, fails with a server error or the prompt exceeds its context.',
    'Every response (and every streamed chunk) says where it ran: `ingot.route` is "local" or "remote", and `ingot.fallback` is true when a local failure sent it there.',
    'The remote is reached with `java.net.HttpURLConnection`; its error bodies are thrown as `BadRequestException`, `NotFoundException` or `OpenAIServiceException` with its status, type, param and code.',
    '',
  ].join('\n');
}

function readme(b: KotlinBinding, t: TemplateSet): string {
  const usage = [`import ${b.kotlinPackage}.*`, ''];
  const first = b.functions[0];
  const firstCall = first
    ? `${first.name}(${first.params
        .filter((p) => p.defaultKt === null)
        .map((p) => sample(p.type))
        .join(', ')})`
    : '';
  // A generator function gives a Flow: collect it (inside a coroutine).
  if (first?.stream) usage.push(`${firstCall}.collect { println(it) }`);
  else if (first) usage.push(`println(${firstCall})`);
  if (b.client) {
    usage.push(
      `val res = Client().embeddings.create(model = ${JSON.stringify(b.client.modelName)}, input = listOf("Which planet is red?"), dimensions = 4)`,
      `println(res.data[0].embedding)`,
      `println(res.usage.promptTokens)`,
    );
  }
  const clientSection = b.client
    ? [
        '',
        '## OpenAI-style client',
        '',
        `\`Client().embeddings.create(model, input, dimensions, encodingFormat)\` runs \`${b.client.embedName}\` in-process and answers with the official SDK's response shape (\`data[i].embedding\`, \`usage.promptTokens\`).`,
        '`dimensions` truncates each embedding and rescales it to unit length (Matryoshka); `encodingFormat = "base64"` also fills `embeddingBase64` with little-endian float32.',
        'Any other model name throws `NotFoundException` (`statusCode` 404).',
        '',
      ].join('\n')
    : '';
  const chatSection = b.chat
    ? [
        '',
        '## Chat completions',
        '',
        `\`Client().chat.completions.create(model = ${JSON.stringify(b.chat.modelName)}, messages = listOf(ChatMessage("user", "Hi")), maxCompletionTokens = 64)\` (a \`suspend\` function) runs the chat function in-process and answers with a \`ChatCompletion\` (\`choices[0].message.content\`, \`usage\`); \`createStreaming(...)\` gives a cold \`Flow<ChatCompletionChunk>\` (\`streamOptions = ChatCompletionStreamOptions(includeUsage = true)\` adds the usage chunk), and cancelling its collection stops the generation.`,
        'A broken request throws `BadRequestException` (`statusCode` 400, `param` and `code` as the API answers), a setting the compiled function does not take is `unsupported_parameter`, and a prompt longer than the context is `context_length_exceeded`.',
        '',
      ].join('\n')
    : '';
  return t.fill('README.md.tmpl', {
    ...fields(b),
    usageLines: usage.join('\n'),
    functionList: b.functions.map((f) => `- \`${f.name}\`: \`${f.signature}\``).join('\n'),
    clientSection: clientSection + chatSection + hybridSection(b),
    recordsLine: b.usesRecords
      ? `\nThe module's dataclasses and pydantic models are \`data class\`es (${[...b.records.structs.map((s) => s.name)].map((n) => `\`${n}\``).join(', ') || 'none typed'}) and its Enums \`enum class\`es whose \`value\` is the Python value (${b.records.enums.map((e) => `\`${e.name}\``).join(', ') || 'none'}), also inside lists, optionals and str-keyed maps; a pydantic model checks its Literal fields on construction.`
      : '',
    resourcesLine: b.resources
      ? `\n- \`src/main/resources/${b.resources.root}/\`: the model files, as Java resources (packed into the Android app and into the jar). On first use they are unpacked once to \`<java.io.tmpdir>/ingot-resources/${b.resources.cacheName}/\` (system property \`ingot.resources.cache\` moves it; on Android java.io.tmpdir is the app's cache dir) and the library loads them from there; set \`IngotResources.directory\` before the first call to use a folder of your own.`
      : '',
  });
}

function sample(type: string): string {
  if (type === 'Double') return '1.5';
  if (type === 'Long') return '1L';
  if (type === 'Boolean') return 'true';
  if (type === 'String') return '"Which planet is red?"';
  if (type.startsWith('List<String>')) return 'listOf("Which planet is red?")';
  if (type.startsWith('List<')) return 'listOf()';
  return 'null';
}

/** Paths are relative to the module root. */
export function emitPackageFiles(b: KotlinBinding, t: TemplateSet, kotlinDir: string): Record<string, string> {
  const f = fields(b);
  const out: Record<string, string> = {
    'build.gradle.kts': t.fill('build.gradle.kts.tmpl', f),
    'settings.gradle.kts': t.fill('settings.gradle.kts.tmpl', f),
    'consumer-rules.pro': t.read('consumer-rules.pro'),
    'build-android.sh': t.fill('build-android.sh.tmpl', f),
    'README.md': readme(b, t),
  };
  if (b.usesMatrix) out[`${kotlinDir}/Float32Matrix.kt`] = t.fill('Float32Matrix.kt.tmpl', f);
  if (b.usesImage) {
    out[`${kotlinDir}/IngotImage.kt`] = t.fill('IngotImage.kt.tmpl', f);
    out[`${kotlinDir.replace(/^src([\\/])main(?=[\\/])/, 'src$1android')}/IngotImageBitmap.kt`] = t.fill(
      'IngotImageBitmap.kt.tmpl',
      f,
    );
  }
  if (b.usesJson) out[`${kotlinDir}/IngotJson.kt`] = t.fill('IngotJson.kt.tmpl', f);
  // The Client answers every surface the module serves: embeddings for an embedding function, chat for a chat function.
  if (b.client || b.chat || b.rerank) {
    const properties = [
      ...(b.client ? ['    val embeddings = Embeddings(IngotModels.embedders, router)'] : []),
      ...(b.chat ? ['    val chat = Chat(IngotModels.chatModels, router)'] : []),
      ...(b.rerank ? ['    val rerank = Rerank(IngotModels.rerankModels, router)'] : []),
    ];
    out[`${kotlinDir}/Client.kt`] = t.fill('Client.kt.tmpl', { ...f, clientProperties: properties.join('\n') });
    // Hybrid routing: the router and the remote's HTTP, then each surface's remote call beside the surface.
    out[`${kotlinDir}/IngotRemote.kt`] = t.fill('IngotRemote.kt.tmpl', f);
  }
  if (b.client) {
    out[`${kotlinDir}/Embeddings.kt`] = t.fill('Embeddings.kt.tmpl', f);
    out[`${kotlinDir}/EmbeddingsRemote.kt`] = t.fill('EmbeddingsRemote.kt.tmpl', f);
  }
  if (b.chat) {
    out[`${kotlinDir}/ChatCompletions.kt`] = t.fill('ChatCompletions.kt.tmpl', f);
    out[`${kotlinDir}/ChatCompletionsRemote.kt`] = t.fill('ChatCompletionsRemote.kt.tmpl', f);
  }
  if (b.rerank) {
    out[`${kotlinDir}/Rerank.kt`] = t.fill('Rerank.kt.tmpl', f);
    out[`${kotlinDir}/RerankRemote.kt`] = t.fill('RerankRemote.kt.tmpl', f);
  }
  if (b.resources) {
    out[`${kotlinDir}/IngotResources.kt`] = t.fill('IngotResources.kt.tmpl', {
      ...f,
      resourceRoot: b.resources.root,
      cacheName: b.resources.cacheName,
      resourceFiles: b.resources.files.map((x) => `        ${kotlinString(x.path)} to ${x.size}L,`).join('\n'),
    });
  }
  return out;
}
