/**
 * Resources as the IR holds them: the models, tokenizers and tensors a module uses, each with
 * the files found for it at compile time. Data only: lower recognises and resolves resources,
 * the registry types what can be done with them, emit loads them in the generated crate.
 */
export type ResourceKind =
  | 'Tokenizer'
  | 'AutoModel'
  | 'SentenceTransformer'
  | 'Tensor'
  | RerankResourceKind
  | ChatResourceKind;

/**
 * Sequence classifiers: `CrossEncoder` (sentence-transformers' reranker: the model and its tokenizer) and
 * `SequenceClassifier` (`AutoModelForSequenceClassification`: the model alone, called on a tokenizer's pairs).
 */
export type RerankResourceKind = 'CrossEncoder' | 'SequenceClassifier';

/** Chat models: `Llama` (llama-cpp-python over one GGUF file), `CausalLM` (a transformers model folder). */
export type ChatResourceKind = 'Llama' | 'CausalLM';

export function isChatResource(kind: ResourceKind): kind is ChatResourceKind {
  return kind === 'Llama' || kind === 'CausalLM';
}

export interface ResourceFile {
  /** The path relative to the resource folder, e.g. `model.safetensors` or `2_Dense/model.safetensors`. */
  rel: string;
  /** The absolute path found at compile time. */
  abs: string;
  sha256: string;
  size: number;
}

export interface IrResource {
  /** The Python name it is bound to (`model`), or `encoder.m` for an attribute of a module object. */
  name: string;
  kind: ResourceKind;
  /** The id or path as written in the source. */
  id: string;
  dir: string;
  files: ResourceFile[];
  /** `model_type` from config.json (bert, gemma3_text), when there is one. */
  architecture: string | undefined;
  /** Constructor options that change results: SentenceTransformer's `truncate_dim`. */
  truncateDim: number | undefined;
  /**
   * A tokenizer's `padding_side=` / `truncation_side=` constructor keywords (literals), which override
   * tokenizer_config.json; set by lower.
   */
  sides?: { padding?: 'left' | 'right'; truncation?: 'left' | 'right' };
  /** A tokenizer's `model_input_names`: the tensors its call returns (`lower/architectures.ts` `tokenizerInputNames`). */
  inputNames?: string[];
  /** A sequence classifier's labels (config.json's `id2label`, else `num_labels`, else 2), set by lower. */
  numLabels?: number;
  /** A transformers chat model whose generation_config.json sets `do_sample: true`: `generate` samples unless told not to. */
  samples?: boolean;
  /** The source line of the constructor call. */
  line: number;
  /** A `Tokenizer` of a module with a chat model: it also renders the folder's chat template (`apply_chat_template`). */
  chatTokenizer?: boolean;
  /**
   * A chat model's context in tokens as the Python runs it: the model's own, cut to a constructor's
   * `n_ctx` (llama-cpp-python's default is 512). Undefined when the model does not say.
   */
  contextLength?: number;
  /**
   * A SentenceTransformer's prompts that a surface may apply as text put before each input (config_sentence_transformers.json;
   * only when that equals `encode(prompt_name=...)`: no default prompt, Pooling counts prompt tokens).
   */
  prompts?: Record<string, string>;
  /** A `Tensor` resource: the tensor's name in the file (files[0]), its dtype and shape from the header. */
  tensor?: TensorInfo;
}

export interface TensorInfo {
  key: string;
  dtype: 'float32' | 'float64' | 'int64' | 'bool';
  shape: number[];
}
