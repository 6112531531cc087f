"""Dataclass configs built from parsed JSON or filtered dicts with Cls(**mapping), as config loaders do:
known keys kept, defaults filled, CPython's TypeErrors for unknown keys and missing fields."""
import json
from dataclasses import asdict, dataclass, field
from typing import Any, Dict, List, Optional


@dataclass
class SamplingConfig:
    max_new_tokens: int = 64
    temperature: float = 1.0
    top_p: float = 1.0
    stop: List[str] = field(default_factory=list)
    seed: Optional[int] = None


@dataclass(frozen=True)
class Endpoint:
    url: str
    timeout: float
    retries: int = 3


# case: {"text": "{\"max_new_tokens\": 16, \"temperature\": 0.2, \"stop\": [\"</s>\"]}"}
# case: {"text": "{}"}
# case: {"text": "{\"top_k\": 5}"}
def load_sampling(text: str) -> Dict[str, Any]:
    cfg = SamplingConfig(**json.loads(text))
    return asdict(cfg)


# case: {"raw": {"max_new_tokens": 8, "junk": 1, "seed": 7}}
def known_only(raw: Dict[str, Any]) -> List[Any]:
    known = {"max_new_tokens", "temperature", "top_p", "stop", "seed"}
    cfg = SamplingConfig(**{k: v for k, v in raw.items() if k in known})
    return [cfg.max_new_tokens, cfg.seed, cfg.temperature, cfg.stop]


# case: {"url": "http://x", "timeout": 2.5}
# case: {"url": "http://y", "timeout": 0.5, "retries": 0}
def endpoint(url: str, timeout: float, retries: int = -1) -> str:
    opts: Dict[str, Any] = {"url": url, "timeout": timeout}
    if retries >= 0:
        opts["retries"] = retries
    ep = Endpoint(**opts)
    return f"{ep.url} {ep.timeout} {ep.retries}"


# case: {"opts": {"timeout": 1.5}}
# case: {"opts": {"url": "u", "timeout": 1.5, "verify": true}}
def endpoint_errors(opts: Dict[str, Any]) -> str:
    try:
        return repr(Endpoint(**opts))
    except TypeError as e:
        return "TypeError: " + str(e)
