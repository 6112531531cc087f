// Value JSON (DESIGN.md) on the JS side, for arguments and returns that are not scalars.
// `__ingot_encode` checks a JS value against a manifest type and turns it into value JSON, naming the failing path;
// `__ingot_decode` turns value JSON back into the JS shapes index.d.ts declares.
const __ingot_TYPED_ARRAYS = {
  float32: Float32Array, float64: Float64Array, float16: Float32Array,
  int8: Int8Array, int16: Int16Array, int32: Int32Array,
  uint8: Uint8Array, uint16: Uint16Array, uint32: Uint32Array,
};

const __ingot_EXPECTED = {
  int: 'an integer', float: 'a number', bool: 'a boolean', str: 'a string', none: 'null',
  list: 'an array', tuple: 'an array', set: 'an array or Set', dict: 'an object or Map',
  optional: 'a value or null', union: 'one of the union types', ndarray: 'an ndarray {dtype, shape, data}', stream: 'an array',
  struct: 'an object of its fields', enum: 'a member value', image: 'an image {width, height, mode, data}',
};

const __ingot_IMAGE_CHANNELS = { L: 1, RGB: 3, RGBA: 4 };

/**
 * An image argument: `{width, height, mode, data}` with `mode` L, RGB or RGBA (RGBA when left out, as a canvas ImageData
 * has it) and `data` the raw row-major bytes (a Buffer, Uint8Array, Uint8ClampedArray or array of bytes).
 */
function __ingot_encodeImage(v, fn, path) {
  if (!__ingot_isPlainObject(v) || v.data == null || typeof v.data.length !== 'number') {
    throw __ingot_argError(fn, path, __ingot_EXPECTED.image, v);
  }
  const mode = v.mode ?? 'RGBA';
  const channels = __ingot_IMAGE_CHANNELS[mode];
  if (!channels) throw __ingot_argError(fn, `${path}.mode`, "'L', 'RGB' or 'RGBA'", mode);
  if (!Number.isInteger(v.width) || !Number.isInteger(v.height) || v.width < 0 || v.height < 0) {
    throw new TypeError(`${fn}(): argument '${path}' must have integer width and height >= 0`);
  }
  if (v.data.length !== v.width * v.height * channels) {
    throw new TypeError(`${fn}(): argument '${path}' is ${v.width}x${v.height} ${mode} but has ${v.data.length} bytes, not ${v.width * v.height * channels}`);
  }
  const bytes = Buffer.from(v.data instanceof Uint8Array || v.data instanceof Uint8ClampedArray ? v.data.buffer.slice(v.data.byteOffset, v.data.byteOffset + v.data.byteLength) : Uint8Array.from(v.data));
  return { image: { width: v.width, height: v.height, mode, data: bytes.toString('base64') } };
}

function __ingot_decodeImage(v) {
  const { width, height, mode, data } = v.image;
  return { width, height, mode, data: Buffer.from(data, 'base64') };
}

/** An argument error that shows the value itself (`got 'eggs'`), for enum members and Literal fields. */
function __ingot_valueError(fn, path, allowed, v) {
  const shown = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? JSON.stringify(v) : __ingot_typeName(v);
  return new TypeError(`${fn}(): argument '${path}' must be one of ${allowed.map((x) => JSON.stringify(x)).join(', ')}, got ${shown}`);
}

/**
 * A dataclass or pydantic model: a plain object (a Map too) with every field that has no default and no other key;
 * a missing field with a default gets it. A pydantic model's Literal fields must hold one of their values.
 */
function __ingot_encodeStruct(v, t, fn, path) {
  const st = __ingot_TYPES.structs[t.name];
  if (!(v instanceof Map) && !__ingot_isPlainObject(v)) throw __ingot_argError(fn, path, `a ${t.name} object`, v);
  const get = (k) => (v instanceof Map ? v.get(k) : Object.prototype.hasOwnProperty.call(v, k) ? v[k] : undefined);
  const keys = v instanceof Map ? [...v.keys()] : Object.keys(v);
  for (const k of keys) {
    if (!st.fields.some((f) => f.name === k) && get(k) !== undefined) {
      throw new TypeError(`${fn}(): argument '${path}' has no field ${JSON.stringify(String(k))} (${t.name} has ${st.fields.map((f) => f.name).join(', ')})`);
    }
  }
  const out = {};
  for (const f of st.fields) {
    const x = get(f.name);
    if (x === undefined) {
      if (!f.has_default) throw new TypeError(`${fn}(): argument '${path}' is missing field '${f.name}' of ${t.name}`);
      out[f.name] = f.default;
      continue;
    }
    out[f.name] = __ingot_encode(x, f.type, fn, `${path}.${f.name}`);
    if (st.origin === 'pydantic' && f.allowed && !f.allowed.includes(out[f.name]) && !(out[f.name] === null && f.type.kind === 'optional')) {
      throw __ingot_valueError(fn, `${path}.${f.name}`, f.allowed, x);
    }
  }
  return out;
}

function __ingot_isPlainObject(v) {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v) && !(v instanceof Map) && !(v instanceof Set);
}

function __ingot_encodeFloat(v) {
  if (Number.isFinite(v)) return v;
  return { float: Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf' };
}

function __ingot_encode(v, t, fn, path) {
  const fail = () => __ingot_argError(fn, path, t.kind === 'tuple' ? `an array of length ${t.items.length}` : __ingot_EXPECTED[t.kind], v);
  switch (t.kind) {
    case 'int':
      if (!Number.isInteger(v)) throw fail();
      return v;
    case 'float':
      if (typeof v !== 'number') throw fail();
      return __ingot_encodeFloat(v);
    case 'bool':
      if (typeof v !== 'boolean') throw fail();
      return v;
    case 'str':
      if (typeof v !== 'string') throw fail();
      return v;
    case 'none':
      if (v !== null && v !== undefined) throw fail();
      return null;
    case 'optional':
      return v === null || v === undefined ? null : __ingot_encode(v, t.item, fn, path);
    case 'list':
    case 'stream':
      if (!Array.isArray(v) && !(ArrayBuffer.isView(v) && !(v instanceof DataView))) throw fail();
      return Array.from(v, (x, i) => __ingot_encode(x, t.item, fn, `${path}[${i}]`));
    case 'set':
      if (!Array.isArray(v) && !(v instanceof Set)) throw fail();
      return Array.from(v, (x, i) => __ingot_encode(x, t.item, fn, `${path}[${i}]`));
    case 'tuple':
      if (!Array.isArray(v) || v.length !== t.items.length) throw fail();
      return t.items.map((it, i) => __ingot_encode(v[i], it, fn, `${path}[${i}]`));
    case 'dict': {
      if (!(v instanceof Map) && !__ingot_isPlainObject(v)) throw fail();
      const entries = v instanceof Map ? [...v.entries()] : Object.entries(v);
      const out = {};
      for (const [k, x] of entries) {
        let key = k;
        if (!(v instanceof Map) && (t.key.kind === 'int' || t.key.kind === 'float')) key = Number(k);
        const encodedKey = __ingot_encode(key, t.key, fn, `${path} key ${JSON.stringify(String(k))}`);
        const keyText = typeof encodedKey === 'string' ? encodedKey : JSON.stringify(encodedKey);
        out[keyText] = __ingot_encode(x, t.value, fn, `${path}[${JSON.stringify(String(k))}]`);
      }
      return out;
    }
    case 'union':
      for (const variant of t.variants) {
        try {
          return __ingot_encode(v, variant, fn, path);
        } catch {
          // Try the next variant.
        }
      }
      throw fail();
    case 'ndarray': {
      if (!__ingot_isPlainObject(v) || !Array.isArray(v.shape) || v.data == null || typeof v.data.length !== 'number') throw fail();
      if (t.dtype !== null && v.dtype !== undefined && v.dtype !== t.dtype) {
        throw __ingot_argError(fn, `${path}.dtype`, JSON.stringify(t.dtype), v.dtype);
      }
      // A parameter of any dtype takes the array's own (given, or read from its typed array).
      const dtype = t.dtype ?? v.dtype ?? __ingot_dtypeOf(v.data);
      if (!(dtype in __ingot_TYPED_ARRAYS) && dtype !== 'bool' && dtype !== 'int64') {
        throw __ingot_argError(fn, `${path}.dtype`, 'float32, float64, int64 or bool', dtype);
      }
      const size = v.shape.reduce((a, b) => a * b, 1);
      if (!v.shape.every(Number.isInteger) || size !== v.data.length) {
        throw new TypeError(`${fn}(): argument '${path}' has shape [${v.shape}] but ${v.data.length} elements`);
      }
      const data = Array.from(v.data, dtype.startsWith('float') ? __ingot_encodeFloat : (x) => x);
      return { ndarray: { dtype, shape: v.shape.slice(), data } };
    }
    case 'struct':
      return __ingot_encodeStruct(v, t, fn, path);
    case 'enum': {
      const values = __ingot_TYPES.enums[t.name];
      if (!values.includes(v)) throw __ingot_valueError(fn, path, values, v);
      return v;
    }
    case 'any':
      return __ingot_encodeAny(v, fn, path);
    case 'image':
      return __ingot_encodeImage(v, fn, path);
    default:
      throw new TypeError(`${fn}(): argument '${path}' has a type this package cannot pass (${t.kind})`);
  }
}

/**
 * A value whose type is known only at run time (`Any`, `object`): JSON's own values pass as they are, a number that is
 * not finite as its value JSON wrapper; anything JSON cannot carry is a TypeError naming where it is.
 */
function __ingot_encodeAny(v, fn, path) {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return __ingot_encodeFloat(v);
  if (Array.isArray(v)) return v.map((x, i) => __ingot_encodeAny(x, fn, `${path}[${i}]`));
  if (__ingot_isPlainObject(v)) {
    const out = {};
    for (const k of Object.keys(v)) if (v[k] !== undefined) out[k] = __ingot_encodeAny(v[k], fn, `${path}[${JSON.stringify(k)}]`);
    return out;
  }
  throw __ingot_argError(fn, path, 'a JSON value (null, boolean, number, string, array or plain object)', v);
}

function __ingot_decodeFloat(v) {
  if (typeof v === 'number') return v;
  if (v && typeof v === 'object' && typeof v.float === 'string') {
    return v.float === 'nan' ? NaN : v.float === '-inf' ? -Infinity : Infinity;
  }
  return v;
}

function __ingot_decodeNdArray(v) {
  const { dtype, shape, data } = v.ndarray;
  const Typed = __ingot_TYPED_ARRAYS[dtype];
  return { dtype, shape, data: Typed ? Typed.from(data, __ingot_decodeFloat) : data };
}

/** The dtype of an array's data when the caller names none: from its typed array, else float64 (or bool). */
function __ingot_dtypeOf(data) {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Float64Array) return 'float64';
  if (data instanceof BigInt64Array || data instanceof Int32Array) return 'int64';
  if (data.length > 0 && typeof data[0] === 'boolean') return 'bool';
  return 'float64';
}

/** Decoding without a type, for union members: the value JSON wrappers are recognised by shape. */
function __ingot_decodeAny(v) {
  if (Array.isArray(v)) return v.map(__ingot_decodeAny);
  if (v && typeof v === 'object') {
    const keys = Object.keys(v);
    if (keys.length === 1 && keys[0] === 'float' && typeof v.float === 'string') return __ingot_decodeFloat(v);
    if (keys.length === 1 && keys[0] === 'ndarray') return __ingot_decodeNdArray(v);
    if (keys.length === 1 && keys[0] === 'image') return __ingot_decodeImage(v);
    const out = {};
    for (const k of keys) out[k] = __ingot_decodeAny(v[k]);
    return out;
  }
  return v;
}

function __ingot_decode(v, t) {
  switch (t.kind) {
    case 'float':
      return __ingot_decodeFloat(v);
    case 'optional':
      return v === null ? null : __ingot_decode(v, t.item);
    case 'list':
    case 'set':
    case 'stream':
      return v.map((x) => __ingot_decode(x, t.item));
    case 'tuple':
      return t.items.map((it, i) => __ingot_decode(v[i], it));
    case 'dict': {
      const out = {};
      for (const k of Object.keys(v)) out[k] = __ingot_decode(v[k], t.value);
      return out;
    }
    case 'union':
    case 'any':
      return __ingot_decodeAny(v);
    case 'ndarray':
      return __ingot_decodeNdArray(v);
    case 'image':
      return __ingot_decodeImage(v);
    case 'struct': {
      const out = {};
      for (const f of __ingot_TYPES.structs[t.name].fields) out[f.name] = __ingot_decode(v[f.name], f.type);
      return out;
    }
    default:
      return v;
  }
}
