// Emits the npm package files around the addon: package.json (napi config, platform package as optional dependency),
// the platform package under npm/<platform>/, and the README. Reads the `NodeBinding` fields only.

import { hasClient, type NodeBinding } from '../pass';
import { nodeTemplates, sharedClientFiles } from '../templates';

export function nodeFileName(b: NodeBinding): string {
  return `${b.binaryName}.${b.platform.key}.node`;
}

function packageFields(b: NodeBinding): Record<string, string> {
  // The addon ships in the platform package only (napi-rs' layout); the copy next to index.js serves the unpacked folder.
  const files = ['index.js', 'index.d.ts', 'manifest.json', 'README.md'];
  if (hasClient(b)) files.push('client.js', 'client.d.ts', 'openai.js');
  if (b.hasResources) files.push('resources');
  return {
    packageNameJson: JSON.stringify(b.packageName),
    versionJson: JSON.stringify(b.version),
    descriptionJson: JSON.stringify(`Native bindings for the Python module ${b.moduleName}, compiled by Ingot`),
    filesJson: JSON.stringify(files),
    binaryNameJson: JSON.stringify(b.binaryName),
    targetsJson: JSON.stringify([b.platform.rustTriple]),
    platformPackageNameJson: JSON.stringify(b.platformPackageName),
    osJson: JSON.stringify([b.platform.os]),
    cpuJson: JSON.stringify([b.platform.cpu]),
    libcLine: b.platform.libc ? `\n  "libc": ${JSON.stringify([b.platform.libc])},` : '',
    nodeFileJson: JSON.stringify(nodeFileName(b)),
  };
}

function readme(b: NodeBinding): string {
  const first = b.functions[0];
  const requireBinding = `{ ${[...b.functions.slice(0, 3).map((f) => f.jsName), ...(hasClient(b) ? ['Client'] : [])].join(', ')} }`;
  const firstCall = first
    ? `${first.jsName}(${first.params
        .filter((p) => !p.hasDefault)
        .map((p) => p.exampleJs)
        .join(', ')})`
    : '';
  // A generator function gives an async iterator.
  const usage = first?.stream
    ? [`for await (const item of ${firstCall}) console.log(item);`]
    : first
      ? [`console.log(${firstCall});`]
      : [];
  if (b.client) {
    usage.push(
      `const client = new Client();`,
      `const res = await client.embeddings.create({ model: '${b.client.modelName}', input: ['Which planet is red?'] });`,
      `console.log(res.data[0].embedding.length);`,
    );
  }
  if (b.chatClient) {
    usage.push(
      ...(b.client ? [] : [`const client = new Client();`]),
      `const stream = await client.chat.completions.create({ model: '${b.chatClient.modelName}', messages: [{ role: 'user', content: 'Hi' }], stream: true });`,
      `for await (const chunk of stream) process.stdout.write(chunk.choices[0]?.delta?.content ?? '');`,
    );
  }
  if (b.rerankClient) {
    usage.push(
      ...(b.client || b.chatClient ? [] : [`const client = new Client();`]),
      `const ranked = await client.rerank.create({ model: '${b.rerankClient.modelName}', query: 'Which planet is red?', documents: ['Mars', 'Venus'], top_n: 1 });`,
      `console.log(ranked.results[0].index, ranked.results[0].relevance_score);`,
    );
  }
  const clientSection = b.client
    ? [
        '',
        '## OpenAI-style client',
        '',
        `\`new Client().embeddings.create({ model: '${b.client.modelName}', input, dimensions, encoding_format })\` runs \`${b.client.embedJsName}\` in-process and answers with the official \`openai\` SDK's response shape.`,
        '`dimensions` truncates each embedding and rescales it to unit length (Matryoshka); `encoding_format: "base64"` gives little-endian float32.',
        b.client.decoder
          ? "`input` is a string, an array of strings, an array of token ids (one input) or an array of arrays of them; token ids are decoded with the model's own tokenizer and the text embedded, and `usage` counts the ids given."
          : '`input` is a string or an array of strings (the module has no tokenizer to decode token ids with: they are a `BadRequestError` with code `unsupported_input`).',
        "Any other model name throws a `NotFoundError` (status 404) like the SDK's.",
        '',
      ].join('\n')
    : '';
  const chatSection = b.chatClient
    ? [
        '',
        '## Chat completions',
        '',
        `\`new Client().chat.completions.create({ model: '${b.chatClient.modelName}', messages, stream, max_tokens, ... })\` runs \`${b.chatClient.callJsName}\` in-process and answers with the official \`openai\` SDK's \`ChatCompletion\`, or with \`stream: true\` an async iterator of \`ChatCompletionChunk\`s.`,
        `It takes ${
          Object.keys(b.chatClient.chat.params).length
            ? Object.keys(b.chatClient.chat.params)
                .map((k) => `\`${k}\``)
                .join(', ')
            : 'no generation settings'
        } (the settings the compiled function takes); any other setting is a \`BadRequestError\` with code \`unsupported_parameter\`.`,
        'A second argument `{ signal }` (an `AbortSignal`) stops the generation, as does leaving a `for await` loop early.',
        '',
      ].join('\n')
    : '';
  return nodeTemplates.fill('README.md.tmpl', {
    packageName: b.packageName,
    moduleName: b.moduleName,
    requireBinding,
    usageLines: usage.join('\n'),
    functionList: b.functions.map((f) => `- \`${f.jsName}\`: \`${f.signature}\``).join('\n'),
    clientSection: clientSection + chatSection,
    recordsLine:
      b.structs.length || b.enums.length
        ? `\nA Python dataclass or pydantic model is a plain object of its fields (an interface of the same name in \`index.d.ts\`; as an argument, fields with defaults may be left out), and an Enum member is its value (a literal union type, and a frozen object of the members exported under the Enum's name).`
        : '',
  });
}

export function emitPackageFiles(b: NodeBinding): Record<string, string> {
  const fields = packageFields(b);
  const pretty = (text: string) => JSON.stringify(JSON.parse(text), null, 2) + '\n';
  const out: Record<string, string> = {
    'package.json': pretty(nodeTemplates.fill('package.json.tmpl', fields)),
    'README.md': readme(b),
    [`npm/${b.platform.key}/package.json`]: pretty(nodeTemplates.fill('platform-package.json.tmpl', fields)),
    [`npm/${b.platform.key}/README.md`]: `# ${b.platformPackageName}\n\nThe ${b.platform.rustTriple} addon of [${b.packageName}](../../README.md).\n`,
  };
  if (hasClient(b)) {
    out['client.js'] = nodeTemplates.read('client.js');
    out['client.d.ts'] = nodeTemplates.read('client.d.ts');
    Object.assign(out, sharedClientFiles());
  }
  return out;
}
