// Argument errors name the function and the parameter, as CPython's do: `fma(): argument 'x' must be a number, got string`.
function __ingot_typeName(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (ArrayBuffer.isView(v)) return v.constructor.name;
  if (v instanceof Map) return 'Map';
  if (v instanceof Set) return 'Set';
  return typeof v;
}

function __ingot_argError(fn, path, expected, v) {
  return new TypeError(`${fn}(): argument '${path}' must be ${expected}, got ${__ingot_typeName(v)}`);
}

function __ingot_arityError(fn, params, required, given) {
  if (given > params.length) {
    return new TypeError(`${fn}(): takes ${params.length} argument${params.length === 1 ? '' : 's'} but ${given} were given`);
  }
  const missing = params.slice(given, required).map((p) => `'${p}'`);
  return new TypeError(`${fn}(): missing required argument${missing.length === 1 ? '' : 's'} ${missing.join(', ')}`);
}
