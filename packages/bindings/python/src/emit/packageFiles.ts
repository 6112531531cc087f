// Emits the files around the Python package: pyproject.toml (maturin's project file) and the README with the usage.
// Reads the `PythonBinding` fields only.

import type { TemplateSet } from '@ingot/bindings-common';
import type { PythonBinding } from '../pass';

function tomlString(s: string): string {
  return JSON.stringify(s);
}

function readme(b: PythonBinding, t: TemplateSet): string {
  const shown = b.functions.slice(0, 3).map((f) => f.pyName);
  const imports = [...shown, ...(b.client ? ['Client'] : [])];
  const usage = [`from ${b.importName} import ${imports.join(', ')}`];
  const first = b.functions[0];
  const firstCall = first
    ? `${first.pyName}(${first.params
        .filter((p) => p.defaultPy === null)
        .map((p) => p.example)
        .join(', ')})`
    : '';
  // A generator function gives a Stream: iterate it.
  if (first?.stream) usage.push(`for item in ${firstCall}:`, '    print(item)');
  else if (first) usage.push(`print(${firstCall})`);
  if (b.client) {
    usage.push(
      'client = Client()',
      `res = client.embeddings.create(model=${JSON.stringify(b.client.modelName)}, input=["Which planet is red?"], dimensions=4)`,
      'print(res.data[0].embedding, res.usage.prompt_tokens)',
    );
  }
  const clientSection = b.client
    ? [
        '',
        '## OpenAI-style client',
        '',
        `\`Client().embeddings.create(model=${JSON.stringify(b.client.modelName)}, input=..., dimensions=..., encoding_format=...)\` runs the embedding function in-process and answers with the official \`openai\` SDK's \`CreateEmbeddingResponse\` shape (\`.data[i].embedding\`, \`.usage.prompt_tokens\`, \`.model_dump()\`).`,
        '`dimensions` truncates each embedding and rescales it to unit length (Matryoshka); `encoding_format="base64"` gives little-endian float32 as base64 text.',
        "Any other model name raises `NotFoundError` (`status_code` 404), shaped like the SDK's.",
        '',
      ].join('\n')
    : '';
  return t.fill('README.md.tmpl', {
    distName: b.distName,
    moduleName: b.moduleName,
    importName: b.importName,
    usageLines: usage.join('\n'),
    wheelGlob: `${b.wheelDistName}-${b.version}-*.whl`,
    functionList: b.functions.map((f) => `- \`${f.signature}\``).join('\n'),
    clientSection,
    recordsLine:
      b.structs.length || b.enums.length
        ? `\nA dataclass or pydantic model comes back as a generated \`@dataclass\` of the same name (a pydantic model's Literal fields are checked when it is built) and an Enum member as a member of a generated \`enum.Enum\`; arguments take those, or a dict of the fields and the member's value.`
        : '',
  });
}

export function emitPackageFiles(b: PythonBinding, t: TemplateSet, maturinVersion: string): Record<string, string> {
  return {
    'pyproject.toml': t.fill('pyproject.toml.tmpl', {
      distNameToml: tomlString(b.distName),
      versionToml: tomlString(b.version),
      descriptionToml: tomlString(`Native bindings for the Python module ${b.moduleName}, compiled by Ingot`),
      importName: b.importName,
      ffiModule: b.ffiModule,
      maturinVersion,
    }),
    'README.md': readme(b, t),
  };
}
