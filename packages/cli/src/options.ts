/**
 * Every command's options, defined once. The CLI parser and the exported functions both
 * read this table, so `ingot run --help` and `run({...})` always agree.
 */
export interface OptionSpec {
  type: 'string' | 'boolean';
  help: string;
  default?: string | boolean;
  multiple?: boolean;
}

export interface CommandSpec {
  usage: string;
  summary: string;
  options: Record<string, OptionSpec>;
}

const json: OptionSpec = { type: 'boolean', help: 'print diagnostics as JSON (with end positions)', default: false };
const quiet: OptionSpec = { type: 'boolean', help: 'do not print build progress', default: false };

export const COMMANDS: Record<string, CommandSpec> = {
  run: {
    usage: 'ingot run FILE.py:FUNC [--args JSON]',
    summary:
      'compile (cached by content), call FUNC natively, print the result as value JSON on the last line of stdout',
    options: {
      args: {
        type: 'string',
        help: 'the arguments: a JSON object mapping parameter names to value JSON',
        default: '{}',
      },
      json,
      quiet,
    },
  },
  compile: {
    usage: 'ingot compile FILE.py[:FUNC] --out DIR',
    summary: 'write the crate, the built libraries, the C header and manifest.json to DIR',
    options: {
      out: { type: 'string', help: 'output directory' },
      'embed-weights': {
        type: 'boolean',
        help: 'compile the model files into the library (single-file shipping, as on iOS) instead of placing them next to it',
        default: false,
      },
      quantize: {
        type: 'string',
        help: "int8: run the encoder's linear layers in int8 (weights per output channel, quantized when the model loads; activations per row; AVX-512 VNNI where the CPU has it). none (the default): f32",
      },
      features: {
        type: 'string',
        help: 'cargo features of the generated crate, comma-separated: cuda, metal (GPU backends of the model runtime; INGOT_DEVICE=cuda|metal picks the device at run time, the CPU stays the default)',
      },
      json,
      quiet,
    },
  },
  ir: {
    usage: 'ingot ir FILE.py:FUNC',
    summary: 'print the typed IR',
    options: { json },
  },
  bindings: {
    usage: 'ingot bindings DIR --lang node|python|swift|kotlin --out DIR',
    summary: 'generate a language package from a compiled DIR (the output of `ingot compile`)',
    options: {
      lang: { type: 'string', help: 'node, python, swift or kotlin' },
      out: { type: 'string', help: 'output directory' },
      name: { type: 'string', help: 'the package name (default: the module name)' },
      quiet,
    },
  },
  serve: {
    usage: 'ingot serve MODEL=DIR [MODEL=DIR ...] [--host 127.0.0.1] [--port N]',
    summary:
      'serve compiled models over the OpenAI embeddings API (DIR: an `ingot compile` output dir or a generated Node package)',
    options: {
      host: { type: 'string', help: 'address to listen on', default: '127.0.0.1' },
      port: { type: 'string', help: 'port to listen on (0 picks a free one)', default: '8000' },
      'max-inputs': { type: 'string', help: 'most inputs per request', default: '2048' },
      'max-input-chars': { type: 'string', help: 'most characters per input', default: '32768' },
      'max-body-bytes': { type: 'string', help: 'largest request body; larger is a 413', default: '16777216' },
      'max-batch': {
        type: 'string',
        help: 'most inputs in one model call when requests are batched together',
        default: '64',
      },
      'api-key': {
        type: 'string',
        help: 'require `Authorization: Bearer KEY` on every route but /health (default: $INGOT_API_KEY; unset: open)',
      },
    },
  },
};
