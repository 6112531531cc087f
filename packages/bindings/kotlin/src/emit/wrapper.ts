// Emits the Kotlin wrapper file: one top-level function per manifest function with the Python parameter order and defaults,
// calling the uniffi function; and, for an embedding or chat module, the model tables the Client templates read.
// Reads the `KotlinBinding` fields only.

import type { KotlinBinding, KotlinFunction } from '../pass';
import { kotlinString } from '../names';

/**
 * A generator function as a cold Flow: each collection opens the compiled generator and asks for one item at a time,
 * each `next()` on Dispatchers.IO (the native call blocks), with no item computed before the collector wants it.
 */
function emitStreamFunction(f: KotlinFunction, params: string[], call: string): string[] {
  const s = f.stream!;
  const doc = [`/**`, ` * \`${f.signature.replace(/\*\//g, '* /')}\``, ' *'];
  doc.push(
    ' * A cold Flow: each collection runs the generator anew, one item per request, on Dispatchers.IO; a Python',
    ' * exception arrives as an IngotException after the items before it; cancelling the collection stops the generator.',
  );
  if (f.json) doc.push(' *', ' * Dicts, tuples, sets and other non-native values are value JSON text.');
  doc.push(' */');
  const next = s.convert ? `{ it.next()?.let ${s.convert} }` : '{ it.next() }';
  return [...doc, `fun ${f.name}(${params.join(', ')}): ${f.ret.type} = ingotFlow({ ${call} }, ${next})`];
}

/** The Flow over a uniffi stream object (an AutoCloseable whose close frees the generator). */
const INGOT_FLOW = [
  '/** Opens a stream at collection, emits its items until `next` gives null, and frees it however the collection ends. */',
  'private fun <S : AutoCloseable, T : Any> ingotFlow(open: () -> S, next: (S) -> T?): kotlinx.coroutines.flow.Flow<T> = kotlinx.coroutines.flow.flow {',
  '    val stream = kotlinx.coroutines.withContext(kotlinx.coroutines.Dispatchers.IO) { open() }',
  '    try {',
  '        while (true) {',
  '            val item = kotlinx.coroutines.withContext(kotlinx.coroutines.Dispatchers.IO) { next(stream) } ?: break',
  '            emit(item)',
  '        }',
  '    } finally {',
  '        stream.close()',
  '    }',
  '}',
];

function emitFunction(f: KotlinFunction): string[] {
  const params = f.params.map((p) => `${p.name}: ${p.type}${p.defaultKt !== null ? ` = ${p.defaultKt}` : ''}`);
  const call = `${f.ffiCall}(${f.params.map((p) => p.ffiArg).join(', ')})`;
  if (f.stream) return emitStreamFunction(f, params, call);
  const body =
    f.ret.crossing === 'matrix'
      ? `${call}.let { Float32Matrix.fromLittleEndian(it.shape, it.data) }`
      : f.ret.crossing === 'image'
        ? `IngotImage.fromFfi(${call})`
        : f.retDecode
          ? `${call}.let { ${f.retDecode} }`
          : call;
  const doc = [`/**`, ` * \`${f.signature.replace(/\*\//g, '* /')}\``];
  if (f.json) doc.push(' *', ' * Dicts, tuples, sets and other non-native values are value JSON text.');
  doc.push(' */');
  return [...doc, `@Throws(IngotException::class)`, `fun ${f.name}(${params.join(', ')}): ${f.ret.type} = ${body}`];
}

/**
 * The module's Enums as `enum class`es (each member carries its Python value) and its dataclasses and pydantic models as
 * `data class`es (Kotlin property names, value-JSON keys as in Python; a pydantic model checks its Literal fields in `init`).
 */
function emitRecords(b: KotlinBinding): string[] {
  const out: string[] = [];
  for (const en of b.records.enums) {
    out.push(
      '',
      `/** The Python Enum \`${en.name}\`; \`value\` is the member's value, which is its value JSON. */`,
      `enum class ${en.name}(val value: ${en.valueType}) {`,
      ...en.members.map((m, i) => `    ${m.name}(${m.valueKt})${i === en.members.length - 1 ? ';' : ','}`),
      '',
      '    internal companion object {',
      `        fun fromJson(v: Any?): ${en.name} =`,
      `            values().firstOrNull { it.value == v } ?: throw IllegalArgumentException("\${IngotJson.show(v)} is not a valid ${en.name}")`,
      '    }',
      '}',
    );
  }
  for (const st of b.records.structs) {
    const about =
      st.origin === 'pydantic'
        ? `The pydantic model \`${st.name}\` (its Literal fields are checked on construction)`
        : `The Python dataclass \`${st.name}\``;
    out.push('', `/** ${about}; its value JSON is an object of its fields. */`, `data class ${st.name}(`);
    for (const f of st.fields)
      out.push(`    val ${f.name}: ${f.type}${f.defaultKt !== null ? ` = ${f.defaultKt}` : ''},`);
    out.push(') {');
    const checks = st.fields.filter((f) => f.allowed);
    if (checks.length) {
      out.push('    init {');
      for (const f of checks)
        out.push(
          `        IngotJson.requireOneOf(${f.name}, listOf(${f.allowed!.join(', ')}), ${kotlinString(`${st.name}.${f.jsonName}`)})`,
        );
      out.push('    }', '');
    }
    out.push(
      `    internal fun toJson(): Map<String, Any?> = linkedMapOf(${st.fields.map((f) => `${kotlinString(f.jsonName)} to ${f.encode}`).join(', ')})`,
      '',
      '    internal companion object {',
      `        fun fromJson(v: Any?): ${st.name} {`,
      `            val o = IngotJson.obj(v)`,
      `            return ${st.name}(${st.fields.map((f) => `${f.decode}`).join(', ')})`,
      '        }',
      '    }',
      '}',
    );
  }
  return out;
}

export function emitWrapper(b: KotlinBinding): string {
  const out = [
    `// Generated by ingot (Kotlin target) for the Python module \`${b.moduleName}\`; do not edit.`,
    `// Each function calls the compiled Rust function through uniffi's bindings in ${b.ffiPackage}.`,
    `@file:JvmName(${kotlinString(b.wrapperClass)})`,
    '',
    `package ${b.kotlinPackage}`,
    '',
    `/** A Python exception raised by compiled code; its message is "Kind: msg". */`,
    `typealias IngotException = ${b.ffiPackage}.IngotException`,
  ];
  if (b.resources) {
    // A top-level property is initialised with this file's class, i.e. before the first of its functions runs.
    out.push(
      '',
      `/** The model files: unpacked from the package and handed to the library before the first call (see IngotResources). */`,
      `private val ingotResourceDir: java.io.File = IngotResources.ensure()`,
    );
  }
  if (b.usesRecords) out.push(...emitRecords(b));
  for (const f of b.functions) out.push('', ...emitFunction(f));
  if (b.usesStreams) out.push('', ...INGOT_FLOW);
  const tables: string[] = [];
  if (b.client) {
    // A module with a tokenizer also has its token counter (for `usage`), decoder (for token-id input) and untruncated
    // token ids (for `countTokens` and `truncate = false`), and the embedding function with a per-call truncation side
    // (for `truncationDirection`).
    const model = [
      `embed = { texts -> ${b.client.embedName}(texts) }`,
      ...(b.client.countTokensName ? [`countTokens = { texts -> ${b.client.countTokensName}(texts) }`] : []),
      ...(b.client.decodeTokensName ? [`decodeTokens = { ids -> ${b.client.decodeTokensName}(ids) }`] : []),
      ...(b.client.tokenIdsName ? [`tokenIds = { texts -> ${b.client.tokenIdsName}(texts) }`] : []),
      ...(b.client.embedTruncatingName
        ? [`embedTruncating = { texts, side -> ${b.client.embedTruncatingName}(texts, side) }`]
        : []),
      ...(Object.keys(b.client.prompts).length
        ? [
            `prompts = mapOf(${Object.entries(b.client.prompts)
              .map(([k, v]) => `${kotlinString(k)} to ${kotlinString(v)}`)
              .join(', ')})`,
          ]
        : []),
    ];
    tables.push(
      `    val embedders: Map<String, IngotModel> = mapOf(`,
      `        ${kotlinString(b.client.modelName)} to IngotModel(${model.join(', ')}),`,
      `    )`,
    );
  }
  if (b.chat) {
    // The manifest's chat entry as data: the runtime's rules (ChatCompletions.kt) read it to plan each call.
    const e = b.chat.entry;
    const params = Object.entries(e.params).map(
      ([field, param]) => `${kotlinString(field)} to ${kotlinString(param!)}`,
    );
    tables.push(
      `    val chatModels: Map<String, IngotChatModel> = mapOf(`,
      `        ${kotlinString(b.chat.modelName)} to IngotChatModel(`,
      `            messages = ${kotlinString(e.messages)},`,
      `            params = mapOf(${params.join(', ')}),`,
      `            output = ${kotlinString(e.output)},`,
      `            contextLength = ${e.context_length === null ? 'null' : `${e.context_length}L`},`,
      `            defaults = IngotJson.obj(IngotJson.parse(${kotlinString(b.chat.defaultsJson)})),`,
      `            call = ${b.chat.call},`,
      `            countTokens = ${b.chat.countTokens ?? 'null'},`,
      `        ),`,
      `    )`,
    );
  }
  if (b.rerank) {
    tables.push(
      `    val rerankModels: Map<String, IngotRerankModel> = mapOf(`,
      `        ${kotlinString(b.rerank.modelName)} to IngotRerankModel(score = ${b.rerank.score}, countTokens = ${b.rerank.countTokens ?? 'null'}),`,
      `    )`,
    );
  }
  if (tables.length)
    out.push(
      '',
      `/** The models the OpenAI-style Client answers to. */`,
      `internal object IngotModels {`,
      ...tables,
      `}`,
    );
  return out.join('\n') + '\n';
}
