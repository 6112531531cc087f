// Emits the Swift package's files: Package.swift, the Linux system-library module map, the xcframework build script,
// the Swift templates the package uses, and the README. Reads the `SwiftBinding` fields only.

import type { TemplateSet } from '@ingot/bindings-common';
import type { SwiftBinding } from '../pass';

function fields(b: SwiftBinding): Record<string, string> {
  return {
    moduleName: b.moduleName,
    target: b.target,
    ffiModule: b.ffiModule,
    namespace: b.namespace,
    libraryFile: b.libraryFile,
    hostLibFolder: b.hostLibFolder,
    version: b.version,
    targetResources: b.hasResources ? ', resources: [.copy("resources")]' : '',
  };
}

function sample(type: string): string {
  if (type === 'Double') return '1.5';
  if (type === 'Int64') return '1';
  if (type === 'Bool') return 'true';
  if (type === 'String') return '"Which planet is red?"';
  if (type === '[String]') return '["Which planet is red?"]';
  if (type.startsWith('[')) return '[]';
  return 'nil';
}

/** The generated README's hybrid-routing section, for a package with a Client. */
function hybridSection(b: SwiftBinding): string {
  if (!b.client && !b.chat && !b.rerank) return '';
  return [
    '',
    '## Hybrid routing',
    '',
    '`Client(remoteBaseURL: "https://api.openai.com/v1", remoteAPIKey: key, fallback: [...])` answers the models this package compiles in-process and sends every other model name to that OpenAI-compatible API; a model in `fallback` goes there too when it fails to load, fails with a server error or the prompt exceeds its context.',
    'Every response (and every streamed chunk) says where it ran: `ingot.route` is "local" or "remote", and `ingot.fallback` is true when a local failure sent it there.',
    'The remote is reached with URLSession; its error bodies are thrown as `OpenAIError` with its status, type, param and code.',
    '',
  ].join('\n');
}

function readme(b: SwiftBinding, t: TemplateSet): string {
  const usage = [`import ${b.target}`, ''];
  const first = b.functions[0];
  const firstCall = first
    ? `${first.name}(${first.params
        .filter((p) => p.defaultSwift === null)
        .map((p) => `${p.name}: ${sample(p.type)}`)
        .join(', ')})`
    : '';
  // A generator function gives an AsyncThrowingStream: iterate it.
  if (first?.stream) usage.push(`for try await item in try ${firstCall} {`, '    print(item)', '}');
  else if (first) usage.push(`print(try ${firstCall})`);
  if (b.client) {
    usage.push(
      `let res = try Client().embeddings.create(model: ${JSON.stringify(b.client.modelName)}, input: ["Which planet is red?"], dimensions: 4)`,
      `print(res.data[0].embedding)`,
      `print(res.usage.promptTokens)`,
    );
  }
  const clientSection = b.client
    ? [
        '',
        '## OpenAI-style client',
        '',
        `\`try Client().embeddings.create(model:input:dimensions:encodingFormat:)\` runs \`${b.client.embedName}\` in-process and answers with the official SDK's response shape (\`data[i].embedding\`, \`usage.promptTokens\`).`,
        '`dimensions` truncates each embedding and rescales it to unit length (Matryoshka); `encodingFormat: "base64"` also fills `embeddingBase64` with little-endian float32.',
        'Any other model name throws `OpenAIError` with `statusCode` 404.',
        '',
      ].join('\n')
    : '';
  const chatSection = b.chat
    ? [
        '',
        '## Chat completions',
        '',
        `\`try await Client().chat.completions.create(model: ${JSON.stringify(b.chat.modelName)}, messages: [ChatMessage(role: "user", content: "Hi")], maxCompletionTokens: 64)\` runs the chat function in-process and answers with a \`ChatCompletion\` (\`choices[0].message.content\`, \`usage\`); \`try createStreaming(...)\` gives an \`AsyncThrowingStream<ChatCompletionChunk, Error>\` (\`streamOptions: ChatCompletionStreamOptions(includeUsage: true)\` adds the usage chunk), and dropping it stops the generation.`,
        'A broken request throws `OpenAIError` (`statusCode` 400, `param` and `code` as the API answers), a setting the compiled function does not take is `unsupported_parameter`, and a prompt longer than the context is `context_length_exceeded`.',
        '',
      ].join('\n')
    : '';
  return t.fill('README.md.tmpl', {
    ...fields(b),
    usageLines: usage.join('\n'),
    functionList: b.functions.map((f) => `- \`${f.name}\`: \`${f.signature}\``).join('\n'),
    clientSection: clientSection + chatSection + hybridSection(b),
    recordsLine: b.usesRecords
      ? `\nThe module's dataclasses and pydantic models are \`Codable\` structs (${b.records.structs.map((s) => `\`${s.name}\``).join(', ') || 'none typed'}) and its Enums \`Codable\` enums whose raw value is the Python value (${b.records.enums.map((e) => `\`${e.name}\``).join(', ') || 'none'}), also inside arrays, optionals and string-keyed dictionaries.`
      : '',
    resourcesSection: b.hasResources
      ? `\n## Model files\n\nThe model files are in \`Sources/${b.target}/resources/\`, declared as a resource of the \`${b.target}\` target, so SwiftPM copies them into its bundle (into the app on iOS). Before the first call the library is pointed at \`Bundle.module\`'s copy.\n`
      : '',
  });
}

export function emitPackageFiles(b: SwiftBinding, t: TemplateSet): Record<string, string> {
  const f = fields(b);
  const src = `Sources/${b.target}`;
  const out: Record<string, string> = {
    'Package.swift': t.fill('Package.swift.tmpl', f),
    [`Sources/${b.ffiModule}/module.modulemap`]: t.fill('module.modulemap.tmpl', f),
    'build-xcframework.sh': t.fill('build-xcframework.sh.tmpl', f),
    'README.md': readme(b, t),
  };
  if (b.usesMatrix) out[`${src}/Float32Matrix.swift`] = t.read('Float32Matrix.swift');
  if (b.usesImage) out[`${src}/IngotImage.swift`] = t.read('IngotImage.swift');
  // The Client answers every surface the module serves: embeddings for an embedding function, chat for a chat function.
  if (b.client || b.chat || b.rerank) {
    const properties = [
      ...(b.client ? ['    public let embeddings: Embeddings'] : []),
      ...(b.chat ? ['    public let chat: Chat'] : []),
      ...(b.rerank ? ['    public let rerank: Rerank'] : []),
    ];
    const inits = [
      ...(b.client ? ['        self.embeddings = Embeddings(models: ingotModels, router: router)'] : []),
      ...(b.chat ? ['        self.chat = Chat(models: ingotChatModels, router: router)'] : []),
      ...(b.rerank ? ['        self.rerank = Rerank(models: ingotRerankModels, router: router)'] : []),
    ];
    out[`${src}/Client.swift`] = t.fill('Client.swift.tmpl', {
      ...f,
      clientProperties: properties.join('\n'),
      clientInits: inits.join('\n'),
    });
    // Hybrid routing: the router and the remote's HTTP, then each surface's remote call beside the surface.
    out[`${src}/IngotRemote.swift`] = t.read('IngotRemote.swift');
  }
  if (b.client) {
    out[`${src}/Embeddings.swift`] = t.read('Embeddings.swift');
    out[`${src}/EmbeddingsRemote.swift`] = t.read('EmbeddingsRemote.swift');
  }
  if (b.chat) {
    out[`${src}/ChatCompletions.swift`] = t.read('ChatCompletions.swift');
    out[`${src}/ChatCompletionsRemote.swift`] = t.read('ChatCompletionsRemote.swift');
  }
  if (b.rerank) {
    out[`${src}/Rerank.swift`] = t.read('Rerank.swift');
    out[`${src}/RerankRemote.swift`] = t.read('RerankRemote.swift');
  }
  return out;
}
