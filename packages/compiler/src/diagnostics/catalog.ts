/**
 * The diagnostic catalog: every message the compiler can give, with a stable code.
 * Code elsewhere refers to entries by code and fills the named placeholders; free-text
 * messages are not allowed. A structure test checks that every entry has a sample under
 * tests/diagnostics/.
 */
export type Severity = 'error' | 'warning';

export interface CatalogEntry {
  severity: Severity;
  message: string;
  help?: string;
}

export const CATALOG = {
  // Parsing and validation (E01xx).
  E0101: { severity: 'error', message: 'invalid syntax', help: 'this is not valid Python 3 source' },
  E0102: {
    severity: 'error',
    message: 'non-default argument `{name}` follows default argument',
    help: 'move parameters with defaults after those without',
  },
  E0103: { severity: 'error', message: '`{what}` outside {where}' },
  E0105: { severity: 'error', message: 'duplicate argument `{name}` in function definition' },
  E0106: { severity: 'error', message: 'cannot read `{file}`: {reason}' },

  // Module analysis and lowering (E02xx).
  E0201: {
    severity: 'error',
    message: 'no function `{name}` in `{file}`',
    help: 'functions defined here: {available}',
  },
  E0202: { severity: 'error', message: '{construct} is not supported', help: '{hint}' },
  E0203: {
    severity: 'error',
    message: 'parameter `{name}` has no type annotation',
    help: 'annotate it, for example `{name}: str`; Ingot takes types from the signature',
  },
  E0204: {
    severity: 'error',
    message: 'unknown type `{name}`',
    help: 'supported types: int, float, bool, str, None, list[T], dict[K, V], set[T], tuple[...], Optional[T]',
  },
  E0205: { severity: 'error', message: 'name `{name}` is not defined', help: '{hint}' },
  E0206: {
    severity: 'error',
    message: 'module-level `{name}` cannot be evaluated at compile time',
    help: '{hint}',
  },
  E0207: {
    severity: 'error',
    message: 'the global `{name}` is changed, but its type `{type}` is not known',
    help: '{hint}',
  },
  E0208: {
    severity: 'error',
    message: 'the global `{name}` is mutated',
    help: 'compiled code keeps the module-level values the module binds (a constant, or a value it computes) for the life of the process; bind `{name}` at module level first, for example `{name}: list[str] = []`, or copy it into a local (`{name}_copy = list({name})`)',
  },
  E0209: { severity: 'error', message: 'unsupported operation `{op}`', help: '{hint}' },
  E0210: {
    severity: 'error',
    message: '`{name}` in the entry signature is not supported',
    help: 'entry functions take named, typed parameters; use a list parameter instead of *args and a dict parameter instead of **kwargs',
  },

  E0220: {
    severity: 'error',
    message: 'cannot find the model `{id}`',
    help: 'looked in: {searched}. Nothing is downloaded at compile time: pass a local folder, or put the model in the Hugging Face cache (for all-MiniLM-L6-v2: `bash tools/models/fetch_minilm.sh`)',
  },
  E0221: { severity: 'error', message: 'the model files of `{id}` cannot be used: {reason}', help: '{hint}' },
  E0222: {
    severity: 'error',
    message: '{what} must be a constant string known at compile time',
    help: 'write the model id or folder as a literal, or as a module-level constant',
  },
  E0223: {
    severity: 'error',
    message: 'this `with` statement is not supported',
    help: "Ingot accepts `with` over `io.StringIO()`, `torch.no_grad()`/`torch.inference_mode()`, `np.errstate(...)`, `warnings.catch_warnings()`, contextlib's `suppress`, `nullcontext`, `closing`, `redirect_stdout`/`redirect_stderr` and `ExitStack` (registrations first), and a call of a `@contextmanager` generator function of the module",
  },
  E0230: {
    severity: 'error',
    message: '{what} does not compile: {reason}',
    help: 'CPython raises this where it is used; a raw string (`r"..."`) keeps backslashes as written',
  },

  E0240: { severity: 'error', message: '`{op}` does not support `{arg}`', help: '{hint}' },
  E0241: {
    severity: 'error',
    message: 'a function may not be named `{name}`',
    help: 'Ingot generates a function of that name for the OpenAI-style surfaces; rename yours',
  },

  // Types (E03xx).
  E0301: { severity: 'error', message: 'no overload of `{op}` accepts ({args})', help: '{hint}' },
  E0302: {
    severity: 'error',
    message: 'cannot infer the type of `{name}`',
    help: 'bind it to a value of a known type first, or annotate it, for example `{name}: list[str] = []`',
  },
  E0303: {
    severity: 'error',
    message: 'variable `{name}` is {first} here but {second} elsewhere',
    help: 'values of different types share a variable as a variant, but functions, ranges, models and other library objects cannot be part of one (nor can more than six types); use another variable',
  },
  E0304: {
    severity: 'error',
    message: '`{name}` returns {actual}, but its signature says {declared}',
    help: 'its calls to itself take the signature at its word; correct the return annotation',
  },
  W0304: {
    severity: 'warning',
    message: '`{name}` returns {actual}, but its signature says {declared}',
    help: 'CPython ignores return annotations, so it is compiled as returning {real}, and its bindings say so; correct the annotation to silence this',
  },
  E0305: { severity: 'error', message: 'wrong number of arguments for `{name}`: expected {expected}, got {actual}' },
  E0306: { severity: 'error', message: 'unknown keyword argument `{kw}` for `{name}`' },
  E0307: { severity: 'error', message: '`{name}` has no attribute `{attr}`', help: '{hint}' },
  E0309: { severity: 'error', message: 'recursive function `{name}` needs a return annotation' },
  E0310: {
    severity: 'error',
    message: 'branches of this expression have types {a} and {b}',
    help: 'unlike branches become a variant, but functions, ranges, models and other library objects cannot be part of one (nor can more than six types); give both branches one type',
  },
  E0311: { severity: 'error', message: 'cannot unpack {type} into {count} names' },
  E0312: { severity: 'error', message: '`{name}` is not callable' },
  E0313: {
    severity: 'error',
    message: '`{name}` shares its container with `{source}`, and one of them is mutated',
    help: 'in Python the change would show through both names, which compiled code does not follow yet; copy it instead: `{name} = list(...)` or `dict(...)` for flat items, `copy.deepcopy(...)` when its items are containers themselves (a shallow copy shares them)',
  },
  E0314: {
    severity: 'error',
    message: "`{name}` mutates its parameter `{param}`, which would change the caller's container",
    help: 'pass a copy (`list(x)`), or return the new value instead of mutating the argument',
  },
  E0315: {
    severity: 'error',
    message: '`{name}` changes `{captured}`, a container of the function it is defined in',
    help: 'compiled inner functions read copies of the enclosing values, so the change would be lost; return the new items from `{name}` and add them in the enclosing function, or make `{captured}` a parameter and return it',
  },

  E0316: {
    severity: 'error',
    message: "unhashable type: '{type}'",
    help: 'CPython raises TypeError here ({what}); use a hashable value instead: a tuple for a list (`tuple(xs)`), a frozen dataclass (`@dataclass(frozen=True)`) for a class instance, a sorted tuple of items for a set or dict',
  },
  E0317: {
    severity: 'error',
    message: '`{name}` calls itself with ever deeper types ({type}), which no set of compiled instances covers',
    help: "each call of a helper is compiled for its arguments' types, and this recursion builds a new type at every level; build the nested value in a loop, or give the parameter a type that does not grow (a JSON value, `Any`)",
  },

  // Build (E04xx).
  E0401: {
    severity: 'error',
    message: 'cargo failed to build the generated crate',
    help: 'this is a bug in Ingot; the crate is kept at {dir} and the cargo log at {log}',
  },
  E0402: {
    severity: 'error',
    message: 'the machine stopped cargo building the generated crate',
    help: 'not a bug in the crate: {cause}; the crate is kept at {dir} and the cargo log at {log}',
  },
} as const satisfies Record<string, CatalogEntry>;

export type DiagnosticCode = keyof typeof CATALOG;
