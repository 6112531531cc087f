"""Dataset bookkeeping on paths as strings: pathlib's pure paths and os.path, as a data loader
names its shards, derives output names and groups files by extension (no file is touched)."""
import os.path
from pathlib import Path, PurePosixPath


# case: {"files": ["/data/train/img_001.JPG", "/data/train/img_002.jpeg", "/data/val/notes.txt", "/data/val/archive.tar.gz", "/data/README"]}
def group_by_extension(files: list[str]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for f in files:
        p = Path(f)
        ext = p.suffix.lower().lstrip(".") or "none"
        groups.setdefault(ext, []).append(p.stem)
    return groups


# case: {"src": "/data/raw/2024/report.final.pdf", "out_root": "/data/processed"}
# case: {"src": "relative/file", "out_root": "out"}
def output_path(src: str, out_root: str) -> str:
    p = PurePosixPath(src)
    target = Path(out_root) / p.parent.name / p.with_suffix(".json").name
    return str(target)


# case: {"root": "/mnt/corpus", "files": ["/mnt/corpus/en/a.txt", "/mnt/corpus/de/b/c.txt", "/elsewhere/x.txt"]}
def relative_names(root: str, files: list[str]) -> list[str]:
    base = Path(root)
    out = []
    for f in files:
        p = Path(f)
        if p.is_relative_to(base):
            out.append(p.relative_to(base).as_posix())
        else:
            out.append("outside: " + os.path.basename(f))
    return out


# case: {"path": "/a/b/c/d.txt"}
# case: {"path": "d.txt"}
def ancestry(path: str) -> list[str]:
    p = Path(path)
    out = []
    while p.parent != p:
        p = p.parent
        out.append(str(p))
    return out


# case: {"name": "model.v2", "stem": "tokenizer"}
# case: {"name": "", "stem": "x"}
def renamed(name: str, stem: str) -> str:
    try:
        return str(Path("/models") / Path(name).with_stem(stem))
    except ValueError as e:
        return f"error: {e}"
