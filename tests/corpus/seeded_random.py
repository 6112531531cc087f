"""Seeded randomness in pre-processing: splits, batches, augmentation and sampling with
`random.Random(seed)`, `random.seed(seed)` and numpy's legacy `np.random.seed` / `RandomState`.
With a seed the results are deterministic, so they must be CPython's and numpy's exactly."""

import random

import numpy as np


# case: {"items": ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"], "test_fraction": 0.2, "seed": 42}
# case: {"items": ["x", "y", "z"], "test_fraction": 0.5, "seed": 0}
# case: {"items": [], "test_fraction": 0.3, "seed": 7}
def train_test_split(items: list[str], test_fraction: float, seed: int) -> tuple[list[str], list[str]]:
    rng = random.Random(seed)
    shuffled = list(items)
    rng.shuffle(shuffled)
    n_test = int(len(shuffled) * test_fraction)
    return shuffled[n_test:], shuffled[:n_test]


# case: {"n": 10, "batch_size": 3, "epoch": 0}
# case: {"n": 10, "batch_size": 3, "epoch": 1}
# case: {"n": 5, "batch_size": 8, "epoch": 2}
def shuffled_batches(n: int, batch_size: int, epoch: int) -> list[list[int]]:
    random.seed(1234 + epoch)
    order = list(range(n))
    random.shuffle(order)
    return [order[i : i + batch_size] for i in range(0, n, batch_size)]


def _augment_token(rng: random.Random, token: str, vocab: list[str], p: float) -> str:
    r = rng.random()
    if r < p / 2:
        return rng.choice(vocab)
    if r < p:
        return token.upper()
    return token


# case: {"tokens": ["the", "cat", "sat", "on", "the", "mat"], "vocab": ["dog", "rug", "ran"], "p": 0.5, "seed": 3}
# case: {"tokens": ["hello", "world"], "vocab": ["x"], "p": 0.0, "seed": 3}
# case: {"tokens": ["a", "b", "c"], "vocab": ["z"], "p": 1.0, "seed": 11}
def augment_sentence(tokens: list[str], vocab: list[str], p: float, seed: int) -> str:
    rng = random.Random(seed)
    out = [_augment_token(rng, t, vocab, p) for t in tokens]
    if len(out) > 1 and rng.random() < p:
        i = rng.randrange(len(out) - 1)
        out[i], out[i + 1] = out[i + 1], out[i]
    return " ".join(out)


# case: {"labels": ["pos", "neg", "neg", "neg", "pos", "neu", "neg", "neg"], "k": 4, "seed": "balanced-v1"}
# case: {"labels": ["a", "b"], "k": 3, "seed": "x"}
def weighted_resample(labels: list[str], k: int, seed: str) -> list[str]:
    rng = random.Random(seed)
    counts: dict[str, int] = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    weights = [1.0 / counts[label] for label in labels]
    return rng.choices(labels, weights=weights, k=k)


# case: {"n_users": 1000, "k": 5, "seed": 2024}
# case: {"n_users": 4, "k": 4, "seed": 1}
# case: {"n_users": 3, "k": 5, "seed": 1}
def pick_users(n_users: int, k: int, seed: int) -> list[int]:
    random.seed(seed)
    return sorted(random.sample(range(n_users), k))


# case: {"n": 6, "seed": 5}
# case: {"n": 0, "seed": 5}
def noisy_measurements(n: int, seed: int) -> list[float]:
    rng = random.Random(seed)
    values = []
    for i in range(n):
        jitter = rng.gauss(0.0, 0.1) + rng.uniform(-0.05, 0.05)
        values.append(round(i * 1.5 + jitter, 9))
    return values


# case: {"seed": 0}
# case: {"seed": 99}
def dice_statistics(seed: int) -> dict[str, float]:
    rng = random.Random(seed)
    rolls = [rng.randint(1, 6) + rng.randint(1, 6) for _ in range(200)]
    waits = [rng.expovariate(2.0) for _ in range(50)]
    return {
        "mean_roll": sum(rolls) / len(rolls),
        "sevens": float(rolls.count(7)),
        "mean_wait": sum(waits) / len(waits),
        "beta": rng.betavariate(2.0, 5.0),
        "tri": rng.triangular(0.0, 10.0, 3.0),
    }


# case: {"n_rows": 10, "test_fraction": 0.3, "seed": 0}
# case: {"n_rows": 7, "test_fraction": 0.5, "seed": 123}
def numpy_split_indices(n_rows: int, test_fraction: float, seed: int) -> tuple[list[int], list[int]]:
    np.random.seed(seed)
    order = np.random.permutation(n_rows)
    n_test = int(n_rows * test_fraction)
    return sorted(order[n_test:].tolist()), sorted(order[:n_test].tolist())


# case: {"x": [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], "sigma": 0.1, "seed": 0}
# case: {"x": [[0.0]], "sigma": 1.0, "seed": 7}
def add_gaussian_noise(x: list[list[float]], sigma: float, seed: int) -> list[list[float]]:
    rs = np.random.RandomState(seed)
    a = np.array(x)
    noisy = a + rs.normal(0.0, sigma, size=a.shape)
    return np.round(noisy, 10).tolist()


# case: {"n": 8, "batch": 3, "seed": 1}
# case: {"n": 4, "batch": 4, "seed": 2}
def numpy_minibatches(n: int, batch: int, seed: int) -> list[list[int]]:
    rs = np.random.RandomState(seed)
    idx = np.arange(n)
    rs.shuffle(idx)
    draws = rs.randint(0, 100, size=3).tolist()
    return [idx[i : i + batch].tolist() for i in range(0, n, batch)] + [draws]


# case: {"classes": ["cat", "dog", "bird"], "probs": [0.5, 0.3, 0.2], "k": 6, "seed": 10}
# case: {"classes": ["cat", "dog"], "probs": [0.5, 0.6], "k": 2, "seed": 10}
def numpy_sample_labels(classes: list[str], probs: list[float], k: int, seed: int) -> list[str]:
    np.random.seed(seed)
    picks = np.random.choice(len(classes), size=k, p=probs)
    return [classes[i] for i in picks.tolist()]


# case: {"n": 10, "k": 4, "seed": 0}
# case: {"n": 3, "k": 5, "seed": 42}
# case: {"n": 0, "k": 0, "seed": 1}
def generator_pipeline(n: int, k: int, seed: int) -> dict[str, list[float] | list[int]]:
    rng = np.random.default_rng(seed)
    order = rng.permutation(n)
    mask = rng.random(n) < 0.5
    picks = rng.choice(max(n, 1), size=k)
    offsets = rng.integers(-3, 4, size=k)
    scale = rng.uniform(0.5, 1.5, size=2)
    return {
        "order": order.tolist(),
        "kept": [int(i) for i in order[mask[order]].tolist()],
        "picks": (picks + offsets).tolist(),
        "scale": np.round(scale, 12).tolist(),
    }


# case: {"h": 4, "w": 6, "crop": 3, "seed": 0}
# case: {"h": 3, "w": 3, "crop": 3, "seed": 5}
def random_crop_box(h: int, w: int, crop: int, seed: int) -> tuple[int, int, int, int, bool]:
    np.random.seed(seed)
    top = np.random.randint(0, h - crop + 1)
    left = np.random.randint(0, w - crop + 1)
    flip = np.random.rand() < 0.5
    return top, left, top + crop, left + crop, bool(flip)
