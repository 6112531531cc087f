"""Tooling around model files and launch commands: glob filters over checkpoint names (fnmatch), ignore lists,
and launch command lines split and rebuilt with shlex."""

import fnmatch
import shlex
from fnmatch import fnmatchcase


# case: {"files": ["model-00001-of-00002.safetensors", "config.json", "tokenizer.json", "model-00002-of-00002.safetensors", "README.md"], "patterns": ["*.safetensors", "config.json"]}
# case: {"files": ["a.bin", "b.pt"], "patterns": ["*.gguf"]}
def select_files(files: list[str], patterns: list[str]) -> list[str]:
    keep: list[str] = []
    for pat in patterns:
        for name in fnmatch.filter(files, pat):
            if name not in keep:
                keep.append(name)
    return sorted(keep)


# case: {"paths": ["src/a.py", "build/x.o", "cache/__pycache__/m.pyc", "notes.TXT", "data/[raw].csv"], "ignore": ["build/*", "*.pyc", "*.txt", "data/[[]raw].csv"]}
def not_ignored(paths: list[str], ignore: list[str]) -> list[str]:
    return [p for p in paths if not any(fnmatch.fnmatch(p, pat) for pat in ignore)]


# case: {"name": "layer.3.attn.q_proj.weight", "rules": ["*.q_proj.*", "*.k_proj.*", "layer.[0-2].*"]}
# case: {"name": "layer.1.mlp.up.weight", "rules": ["*.q_proj.*", "layer.[!0-2].*"]}
def matching_rules(name: str, rules: list[str]) -> list[int]:
    return [i for i, r in enumerate(rules) if fnmatchcase(name, r)]


# case: {"cmd": "python -m train --lr 3e-4 --run-name 'base run' --tags \"a b\" # nightly"}
# case: {"cmd": "torchrun --nproc 2 train.py --out \"dir with \\\"quotes\\\"\""}
# case: {"cmd": "echo 'unclosed"}
def parse_launch(cmd: str) -> dict[str, str]:
    words = shlex.split(cmd, comments=True)
    opts: dict[str, str] = {"prog": words[0]}
    i = 1
    while i < len(words):
        w = words[i]
        if w.startswith("--") and i + 1 < len(words):
            opts[w[2:]] = words[i + 1]
            i += 2
        else:
            opts.setdefault("args", "")
            opts["args"] = (opts["args"] + " " + w).strip()
            i += 1
    return opts


# case: {"prog": "python", "args": ["serve.py", "--model", "my model/v1", "--note", "it's fine", ""]}
def build_launch(prog: str, args: list[str]) -> str:
    return shlex.join([prog, *args]) + " # " + shlex.quote(prog)
