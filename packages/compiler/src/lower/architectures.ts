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
