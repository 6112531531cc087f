"""TypedDicts whose keys may be missing (`total=False`, `NotRequired`): values are the dicts they are at run time, read
with `.get`, `in` and `[]`, changed with `update`, `pop` and item assignment."""

from typing import Optional, TypedDict

from typing_extensions import NotRequired


class SamplingOptions(TypedDict, total=False):
    max_new_tokens: int
    temperature: float
    stop: list[str]


class Message(TypedDict):
    role: str
    content: str
    name: NotRequired[str]


# case: {"defaults": {"max_new_tokens": 128}, "overrides": {"temperature": 0, "stop": ["</s>"]}}
# case: {"defaults": {}, "overrides": {"temperature": null}}
# case: {"defaults": {"stop": []}}
def merged_options(defaults: dict, overrides: Optional[dict] = None) -> dict:
    opts: SamplingOptions = {"max_new_tokens": 64, "temperature": 0.7}
    opts.update(defaults)
    for key, value in (overrides or {}).items():
        if value is None:
            opts.pop(key, None)
        else:
            opts[key] = value
    if opts.get("temperature", 1.0) == 0:
        opts["max_new_tokens"] = min(opts["max_new_tokens"], 16)
    return dict(sorted(opts.items()))


# case: {"options": {"stop": ["a", "b"], "temperature": 0.5}}
# case: {"options": {}}
def stop_count(options: SamplingOptions) -> int:
    return len(options.get("stop", [])) + ("temperature" in options)


# case: {"messages": [{"role": "user", "content": "hi", "name": "ann"}, {"role": "assistant", "content": "hello"}]}
def speakers(messages: list[Message]) -> list[str]:
    return [m.get("name", m["role"]) + ": " + m["content"] for m in messages]
