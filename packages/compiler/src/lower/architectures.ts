/**
 * The encoder architectures Ingot runs, read from the one list both sides share:
 * native-rust/models/architectures.json (ingot-models' loader table is tested against it).
 * Lowering uses it twice: to accept a model folder by its config.json `model_type` (and to say
 * which architectures exist when it cannot), and to know the transformers classes
 * (`XLMRobertaModel.from_pretrained`) that load an encoder like `AutoModel` does.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** One entry of architectures.json. */
export interface EncoderArchitecture {
  /** config.json's `model_type`. */
  model_type: string;
  /** Other `model_type` spellings the same loader takes. */
  aliases: string[];
  /** transformers classes whose `from_pretrained` loads this architecture's bare encoder. */
  classes: string[];
  name: string;
  /** Models people know it by, for the help line of a diagnostic. */
  examples: string;
}

/** The repository root: this file is packages/compiler/{src,dist}/lower/architectures.*. */
const ARCHITECTURES_JSON = path.resolve(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  'native-rust',
  'models',
  'architectures.json',
);

function readArchitectures(): EncoderArchitecture[] {
  const table = JSON.parse(fs.readFileSync(ARCHITECTURES_JSON, 'utf8')) as { encoders: EncoderArchitecture[] };
  return table.encoders;
}

export const ENCODER_ARCHITECTURES: readonly EncoderArchitecture[] = readArchitectures();

/** The architecture a config.json `model_type` names, if Ingot runs it. */
export function encoderArchitecture(modelType: string | undefined): EncoderArchitecture | undefined {
  if (modelType === undefined) return undefined;
  return ENCODER_ARCHITECTURES.find((a) => a.model_type === modelType || a.aliases.includes(modelType));
}

/** "bert (all-MiniLM-L6-v2, ...), gemma3_text (EmbeddingGemma)": for a diagnostic's help. */
export function supportedEncoders(): string {
  return ENCODER_ARCHITECTURES.map((a) => `${a.model_type} (${a.examples})`).join(', ');
}

/** The `tokenizers` section of architectures.json: which tokenizer classes return `token_type_ids`. */
interface TokenizerInputs {
  with_token_type_ids: string[];
  class_by_model_type: Record<string, string>;
}

const TOKENIZER_INPUTS: TokenizerInputs = (
  JSON.parse(fs.readFileSync(ARCHITECTURES_JSON, 'utf8')) as { tokenizers: TokenizerInputs }
).tokenizers;

/**
 * The tensors a tokenizer returns, as transformers decides its `model_input_names`: tokenizer_config.json's list,
 * else the tokenizer class's default (the constructor's class when it is not `AutoTokenizer`, else the config's
 * `tokenizer_class`, else the class AutoTokenizer picks for config.json's `model_type`).
 */
export function tokenizerInputNames(
  tokenizerConfig: Record<string, unknown> | undefined,
  modelType: string | undefined,
  constructorClass: string | undefined,
): string[] {
  const listed = tokenizerConfig?.model_input_names;
  if (Array.isArray(listed) && listed.every((x) => typeof x === 'string')) return listed as string[];
  const configured = typeof tokenizerConfig?.tokenizer_class === 'string' ? tokenizerConfig.tokenizer_class : undefined;
  const cls = (
    constructorClass ??
    configured ??
    (modelType !== undefined ? TOKENIZER_INPUTS.class_by_model_type[modelType] : undefined)
  )?.replace(/Fast$/, '');
  return cls !== undefined && TOKENIZER_INPUTS.with_token_type_ids.includes(cls)
    ? ['input_ids', 'token_type_ids', 'attention_mask']
    : ['input_ids', 'attention_mask'];
}
