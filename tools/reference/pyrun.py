"""The CPython side of Ingot's differential tests.

Reads a JSON list of calls from stdin, each {"file": path, "function": name, "args": {...}}
with arguments in value JSON (see DESIGN.md), runs each through CPython, and prints one JSON
list of results: {"ok": <value JSON>} or {"error": {"type": "ValueError", "message": "..."}}.
Modules are imported once per file. Needs only the standard library (numpy when a module
imports it, Pillow for image values).
"""
import os
import sys

# str and bytes hash with a per-process random key unless PYTHONHASHSEED says otherwise, and a set's order follows the
# hashes of its items; with 0 the key is all zeros, the one Ingot's runtime hashes with (native-rust/runtime/src/pyhash.rs).
# So every caller gets the same order: the script runs itself again under that seed when started without it.
if os.environ.get("PYTHONHASHSEED") != "0":
    os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"})

import base64
import collections
import contextlib
import dataclasses
import enum
import importlib.util
import json
import math
import traceback
import typing


def decode(v):
    """Value JSON -> Python: objects with a single tag key are special values."""
    if isinstance(v, list):
        return [decode(x) for x in v]
    if isinstance(v, dict):
        if len(v) == 1 and "float" in v and isinstance(v["float"], str):
            return float(v["float"])
        if len(v) == 1 and "bytes" in v:
            return base64.b64decode(v["bytes"])
        if len(v) == 1 and "ndarray" in v:
            import numpy as np
            a = v["ndarray"]
            # Elements may be non-finite floats, written as {"float": "nan"}.
            return np.array([decode(x) for x in a["data"]], dtype=a["dtype"]).reshape(a["shape"])
        if len(v) == 1 and "image" in v and isinstance(v["image"], dict):
            from PIL import Image
            im = v["image"]
            return Image.frombytes(im["mode"], (im["width"], im["height"]), base64.b64decode(im["data"]))
        return {k: decode(x) for k, x in v.items()}
    return v


def encode(v):
    """Python -> value JSON, following DESIGN.md."""
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, enum.Enum):
        return encode(v.value)
    if isinstance(v, int):
        return v
    if isinstance(v, float):
        if math.isnan(v):
            return {"float": "nan"}
        if math.isinf(v):
            return {"float": "inf" if v > 0 else "-inf"}
        return v
    if isinstance(v, (list, tuple)):
        return [encode(x) for x in v]
    if isinstance(v, (set, frozenset)):
        items = [encode(x) for x in v]
        return sorted(items, key=lambda x: json.dumps(x, sort_keys=True))
    if isinstance(v, dict):
        return {(k if isinstance(k, str) else json.dumps(encode(k))): encode(x) for k, x in v.items()}
    if isinstance(v, bytes):
        return {"bytes": base64.b64encode(v).decode()}
    if dataclasses.is_dataclass(v):
        return {f.name: encode(getattr(v, f.name)) for f in dataclasses.fields(v)}
    if hasattr(v, "model_dump"):
        return encode(v.model_dump())
    mod = type(v).__module__
    if mod == "torch" and hasattr(v, "numpy"):
        # A tensor encodes as the ndarray of its data; a 0-d tensor as its scalar (torch.Size is a tuple).
        if v.dim() == 0:
            return encode(v.item())
        v = v.detach().cpu().numpy()
        mod = "numpy"
    if mod.startswith("PIL.") and hasattr(v, "tobytes") and hasattr(v, "mode"):
        return {"image": {"width": v.width, "height": v.height, "mode": v.mode, "data": base64.b64encode(v.tobytes()).decode()}}
    if mod == "numpy":
        import numpy as np
        if isinstance(v, np.ndarray):
            return {"ndarray": {"dtype": str(v.dtype), "shape": list(v.shape), "data": [encode(x) for x in v.reshape(-1).tolist()]}}
        return encode(v.item())
    if hasattr(v, "__iter__"):
        return [encode(x) for x in v]
    raise TypeError(f"cannot encode {type(v).__name__} as value JSON")


_modules = {}


def load(path):
    if path not in _modules:
        spec = importlib.util.spec_from_file_location(f"ingot_ref_{len(_modules)}", path)
        mod = importlib.util.module_from_spec(spec)
        # As an import does: dataclasses resolves string annotations (`from __future__ import annotations`)
        # through sys.modules.
        sys.modules[spec.name] = mod
        spec.loader.exec_module(mod)
        _modules[path] = mod
    return _modules[path]


def convert(value, hint):
    """Turns a decoded argument into the annotated Enum, dataclass, pydantic model, NamedTuple or tuple (also
    inside lists, dicts and Optional), as a typed caller would pass it."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if isinstance(hint, type) and hint.__module__ == "torch" and hint.__name__ == "Tensor" and hasattr(value, "dtype"):
        # A parameter annotated torch.Tensor gets a tensor, as a model's output or a tokenizer's would be.
        import torch
        return torch.from_numpy(value)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return hint(value)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint) and isinstance(value, dict):
        types = typing.get_type_hints(hint)
        return hint(**{k: convert(v, types.get(k)) for k, v in value.items()})
    # A NamedTuple crosses as the list of its fields (trailing ones with defaults may be left out).
    if isinstance(hint, type) and issubclass(hint, tuple) and hasattr(hint, "_fields") and isinstance(value, list):
        types = typing.get_type_hints(hint)
        return hint(*(convert(v, types.get(f)) for f, v in zip(hint._fields, value)))
    if isinstance(hint, type) and hasattr(hint, "model_validate") and isinstance(value, dict):
        return hint(**value)
    # A `deque[T]` (or set, frozenset) parameter receives one built from the list's items in order, as the compiled
    # function builds it (a set adds them in turn, which fixes its layout).
    if origin in (list, set, frozenset, collections.deque) and args and isinstance(value, list):
        return origin(convert(x, args[0]) for x in value)
    # A tuple crosses value JSON as a list; a typed caller passes a tuple (`tuple[int, ...]` too).
    if origin is tuple and isinstance(value, list):
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(convert(x, args[0]) for x in value)
        if len(args) == len(value):
            return tuple(convert(x, a) for x, a in zip(value, args))
        return tuple(value)
    if origin is collections.OrderedDict and len(args) == 2 and isinstance(value, dict):
        return collections.OrderedDict((k, convert(v, args[1])) for k, v in value.items())
    if origin is dict and len(args) == 2 and isinstance(value, dict):
        return {k: convert(v, args[1]) for k, v in value.items()}
    if origin is typing.Union and value is not None:
        inner = [a for a in args if a is not type(None)]
        if len(inner) == 1:
            return convert(value, inner[0])
    return value


_STATE_TYPES = (list, dict, set, int, float, str, bool, tuple, bytes, type(None), collections.deque)


def _state_of(v, mod):
    """A module-level value's state as text, or None for what no call changes (functions, classes, models)."""
    if isinstance(v, _STATE_TYPES):
        return repr(v)
    t = type(v)
    # An instance of one of the module's classes (`TRACKER = Tracker()`), changed by its methods.
    if t.__module__ == mod.__name__ and hasattr(v, "__dict__"):
        return repr(vars(v))
    # A seeded random generator (`random.Random(0)`, `np.random.default_rng(7)`), advanced by every draw.
    if t.__module__ == "random" and hasattr(v, "getstate"):
        return repr(v.getstate())
    if t.__module__.startswith("numpy.random"):
        if hasattr(v, "bit_generator"):
            return repr(v.bit_generator.state)
        if hasattr(v, "get_state"):
            return repr(v.get_state())
    return None


def module_state(mod):
    """What a call may change of a module's own values: each module-level value's identity and state (models,
    functions and classes left out)."""
    out = {}
    for k, v in vars(mod).items():
        if k.startswith("__"):
            continue
        try:
            st = _state_of(v, mod)
        except Exception:  # noqa: BLE001 - an unprintable value is compared by identity only
            st = ""
        if st is not None:
            out[k] = (id(v), st)
    return out


def call(c):
    """One call, in a module whose state is as the import left it: the compiled side runs each call in a process of
    its own, so a call that changed module-level values (a log, a cache, a counter) has the module imported afresh
    for the next one, and both sides see the state a fresh process has."""
    try:
        before = module_state(load(c["file"]))
    except Exception:  # noqa: BLE001 - the call reports the import's error
        before = None
    try:
        return run(c)
    finally:
        mod = _modules.get(c["file"])
        if mod is not None and before is not None and module_state(mod) != before:
            del _modules[c["file"]]


def run(c):
    try:
        fn = getattr(load(c["file"]), c["function"])
        try:
            hints = typing.get_type_hints(fn)
        except Exception:  # noqa: BLE001 - unresolvable annotations just skip conversion
            hints = {}
        args = {k: convert(decode(v), hints.get(k)) for k, v in c.get("args", {}).items()}
        return {"ok": encode(fn(**args))}
    except RecursionError:
        return {"error": {"type": "RecursionError", "message": "maximum recursion depth exceeded"}}
    except Exception as e:  # noqa: BLE001 - every Python error is a result here
        return {"error": {"type": type(e).__name__, "message": str(e) if not isinstance(e, KeyError) else repr(e.args[0]) if e.args else ""}}


def main():
    calls = json.load(sys.stdin)
    out = sys.stdout
    # What the functions print goes to stderr, so that stdout carries only the results.
    with contextlib.redirect_stdout(sys.stderr):
        results = [call(c) for c in calls]
    json.dump(results, out)
    out.write("\n")


if __name__ == "__main__":
    main()
