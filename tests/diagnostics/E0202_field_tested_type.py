from dataclasses import dataclass, field
from typing import Any, Dict, List


@dataclass
class GenConfig:
    temperature: float = 0.7
    stop: List[str] = field(default_factory=list)


def f(overrides: Dict[str, Any]) -> List[str]:
    cfg = GenConfig(**overrides)
    # error: E0202
    if isinstance(cfg.stop, str):
        cfg.stop = [cfg.stop]
    return cfg.stop
