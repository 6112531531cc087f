"""Lookups with a key that may be None, as config and routing code does them: CPython finds nothing for None (`None in
d` is False, `d.get(None, 0)` is 0, `xs.count(None)` is 0) rather than raising."""

from typing import Optional


# case: {"routes": {"en": "english", "de": "german"}, "lang": null}
# case: {"routes": {"en": "english", "de": "german"}, "lang": "de"}
# case: {"routes": {"en": "english"}, "lang": "fr"}
def route(routes: dict[str, str], lang: Optional[str]) -> tuple[bool, bool, str, Optional[str]]:
    return lang in routes, lang not in routes, routes.get(lang, "default"), routes.get(lang)


# case: {"tags": ["a", "b", "a"], "tag": null}
# case: {"tags": ["a", "b", "a"], "tag": "a"}
def tag_stats(tags: list[str], tag: Optional[str]) -> tuple[int, bool]:
    return tags.count(tag), tag in set(tags)


# case: {"ids": [3, 1], "want": null}
# case: {"ids": [3, 1], "want": 3}
def has_id(ids: list[int], want: Optional[int]) -> bool:
    return want in ids and want is not None
