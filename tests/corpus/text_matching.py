"""Matching text against text the way retrieval and eval code does: vocabulary overlap through dict views
(set-like keys and items), tee'd token streams, and fuzzy matching of model output to labels."""

import difflib
from collections import Counter
from itertools import tee


# case: {"query": "how do cats sleep", "doc": "cats sleep a lot and cats purr"}
# case: {"query": "", "doc": "anything"}
def vocab_overlap(query: str, doc: str) -> list[list[str]]:
    q = Counter(query.lower().split())
    d = Counter(doc.lower().split())
    shared = q.keys() & d.keys()
    only_query = q.keys() - d.keys()
    either = q.keys() | d.keys()
    one_side = q.keys() ^ d.keys()
    return [sorted(shared), sorted(only_query), sorted(either), sorted(one_side)]


# case: {"gold": {"PER": 3, "LOC": 1, "ORG": 2}, "pred": {"PER": 3, "LOC": 2, "MISC": 1}}
def exact_label_counts(gold: dict[str, int], pred: dict[str, int]) -> dict[str, int]:
    agree = gold.items() & pred.items()
    missing = gold.keys() - pred.keys() - {"O"}
    extra = set(pred) - gold.keys()
    return {"agree": len(agree), "missing": len(missing), "extra": len(extra), "dot": sum(gold[k] * pred[k] for k in gold.keys() & pred)}


# case: {"tokens": ["the", "cat", "sat", "on", "the", "mat"]}
# case: {"tokens": ["solo"]}
def bigrams_and_rest(tokens: list[str]) -> list[list[str]]:
    a, b = tee(tokens)
    next(b, None)
    bigrams = [f"{x} {y}" for x, y in zip(a, b)]
    left, right = tee(tokens)
    head = [next(left, "<s>"), next(left, "<s>")]
    return [bigrams, head, list(left), list(right), list(left)]


# case: {"answer": "The capital is Paris.", "choices": ["Paris", "London", "Berlin"]}
# case: {"answer": "berln", "choices": ["Paris", "London", "Berlin"]}
# case: {"answer": "", "choices": ["a"]}
def best_choice(answer: str, choices: list[str]) -> list:
    """Maps free-form model output to the closest allowed label, with its score."""
    scored = [(difflib.SequenceMatcher(None, answer.lower(), c.lower()).ratio(), c) for c in choices]
    best_score, best = max(scored)
    close = difflib.get_close_matches(answer.strip().lower(), [c.lower() for c in choices], n=2, cutoff=0.5)
    return [best, round(best_score, 4), close]


# case: {"before": "the model was trained on web text", "after": "the model was fine-tuned on curated web text"}
# case: {"before": "", "after": "new"}
def word_diff(before: str, after: str) -> list[str]:
    """A word-level edit script, as eval reports show what a rewrite changed."""
    a, b = before.split(), after.split()
    m = difflib.SequenceMatcher(a=a, b=b)
    out = []
    for tag, i1, i2, j1, j2 in m.get_opcodes():
        if tag == "equal":
            continue
        out.append(f"{tag}: {' '.join(a[i1:i2])!r} -> {' '.join(b[j1:j2])!r}")
    longest = m.find_longest_match(0, len(a), 0, len(b))
    out.append(f"longest run of {longest.size} words at {longest.a}/{longest.b}")
    return out


# case: {"ref": [101, 7592, 2088, 102], "hyp": [101, 7592, 2045, 2088, 102]}
def token_overlap(ref: list[int], hyp: list[int]) -> dict[str, float]:
    m = difflib.SequenceMatcher(None, ref, hyp, autojunk=False)
    matched = sum(block.size for block in m.get_matching_blocks())
    return {"ratio": m.ratio(), "upper": m.quick_ratio(), "bound": m.real_quick_ratio(), "matched": float(matched)}


# case: {"old": "You are a helpful assistant.\nAnswer briefly.\nUse English.\n", "new": "You are a helpful assistant.\nAnswer in detail.\nUse English.\nCite sources.\n"}
# case: {"old": "same\n", "new": "same\n"}
def prompt_change_report(old: str, new: str) -> list[str]:
    """What changed between two versions of a system prompt, as a unified diff and a count of edited lines."""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    diff = list(difflib.unified_diff(a, b, fromfile="prompt@v1", tofile="prompt@v2"))
    changed = sum(1 for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---")))
    brief = "\n".join(difflib.context_diff(old.splitlines(), new.splitlines(), n=0, lineterm=""))
    return diff + [f"changed={changed}", brief]
