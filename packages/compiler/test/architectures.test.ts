/**
 * The encoder architectures the compiler accepts come from the list ingot-models is tested
 * against (native-rust/models/architectures.json): a folder whose config.json names another
 * `model_type` is E0221 with that list in its help, and each architecture's own transformers
 * class loads a model as `AutoModel.from_pretrained` does.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import '../src/registry';
import { frontend } from '../src/pipeline';
import { ENCODER_ARCHITECTURES } from '../src/lower/architectures';

const root = path.join(__dirname, '..', '..', '..');
const bertTiny = path.join(root, 'tests', 'fixtures', 'models', 'bert_tiny');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingot-architectures-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function compile(name: string, source: string) {
  const file = path.join(dir, `${name}.py`);
  fs.writeFileSync(file, source);
  return frontend({ file });
}

/** A model folder with the fixture BERT's weights under another `model_type`. */
function modelOfType(modelType: string): string {
  const d = fs.mkdtempSync(path.join(dir, `${modelType}-`));
  const cfg = JSON.parse(fs.readFileSync(path.join(bertTiny, 'config.json'), 'utf8')) as Record<string, unknown>;
  fs.writeFileSync(path.join(d, 'config.json'), JSON.stringify({ ...cfg, model_type: modelType }));
  for (const f of ['model.safetensors', 'tokenizer.json', 'tokenizer_config.json'])
    fs.copyFileSync(path.join(bertTiny, f), path.join(d, f));
  return d;
}

const embedFunction = (ctor: string, modelDir: string) => `
import torch
from transformers import AutoTokenizer, ${ctor.split('.')[0]}

tok = AutoTokenizer.from_pretrained(${JSON.stringify(modelDir)})
model = ${ctor}(${JSON.stringify(modelDir)})


def embed(texts: list[str]) -> torch.Tensor:
    enc = tok(texts, padding=True, truncation=True, return_tensors="pt")
    return model(**enc).last_hidden_state[:, 0]
`;

test('the shared list names at least the architectures the runtime had before it', () => {
  const types = ENCODER_ARCHITECTURES.map((a) => a.model_type);
  expect(types).toEqual(expect.arrayContaining(['bert', 'gemma3_text']));
});

test.each([
  ['AutoModel.from_pretrained', 'E0221 for AutoModel'],
  ['SentenceTransformer', 'E0221 for SentenceTransformer'],
])('an unsupported model_type through %s is E0221 listing every supported architecture', async (ctor) => {
  const d = modelOfType('t5');
  const source =
    ctor === 'SentenceTransformer'
      ? `import numpy as np\nfrom sentence_transformers import SentenceTransformer\n\nmodel = SentenceTransformer(${JSON.stringify(d)})\n\n\ndef embed(texts: list[str]) -> np.ndarray:\n    return model.encode(texts)\n`
      : embedFunction('AutoModel.from_pretrained', d);
  const r = await compile(`unsupported_${ctor.split('.')[0]}`, source);
  const diag = r.diagnostics.find((x) => x.code === 'E0221');
  expect(diag?.message).toContain('model_type `t5`');
  for (const a of ENCODER_ARCHITECTURES) expect(diag?.help).toContain(`${a.model_type} (${a.examples})`);
});

test.each(ENCODER_ARCHITECTURES.flatMap((a) => a.classes.map((c) => [c, a.model_type] as const)))(
  '`%s.from_pretrained` loads a %s model as AutoModel does',
  async (cls, modelType) => {
    const r = await compile(`class_${cls}`, embedFunction(`${cls}.from_pretrained`, modelOfType(modelType)));
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
    expect(r.typed).toBeDefined();
  },
);
