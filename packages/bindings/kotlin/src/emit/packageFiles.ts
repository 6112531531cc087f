// Emits the Android library module's files (build.gradle.kts, settings.gradle.kts, ProGuard rules, the Android build
// script), the Kotlin templates filled for the package, and the README. Reads the `KotlinBinding` fields only.

import type { TemplateSet } from '@ingot/bindings-common';
import type { KotlinBinding } from '../pass';
import { JNA_VERSION, KOTLIN_VERSION } from '../versions';

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
  };
}

function readme(b: KotlinBinding, t: TemplateSet): string {
  const usage = [`import ${b.kotlinPackage}.*`, ''];
  const first = b.functions[0];
  if (first) usage.push(`println(${first.name}(${first.params.filter((p) => p.defaultKt === null).map((p) => sample(p.type)).join(', ')}))`);
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
  return t.fill('README.md.tmpl', {
    ...fields(b),
    usageLines: usage.join('\n'),
    functionList: b.functions.map((f) => `- \`${f.name}\`: \`${f.signature}\``).join('\n'),
    clientSection,
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
  if (b.client) out[`${kotlinDir}/Client.kt`] = t.fill('Client.kt.tmpl', f);
  return out;
}
