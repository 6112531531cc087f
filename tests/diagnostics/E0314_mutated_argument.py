from typing import Any


# `acc` is declared `list[list[str]]` but is given lists holding `Any` values, so the helper works on a converted copy:
# its appends would not reach the caller's list. (A helper whose parameter keeps its type takes the list by reference.)
def collect(node: dict[str, Any], path: list[str], acc: list[list[str]]) -> None:
    acc.append(path + [node["name"]])
    for child in node.get("children", []):
        # error: E0314
        collect(child, path + [node["name"]], acc)


def f(tree: dict[str, Any]) -> int:
    acc: list[list[str]] = []
    # error: E0314
    collect(tree, [], acc)
    return len(acc)
