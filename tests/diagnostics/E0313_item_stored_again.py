class Node:
    def __init__(self, name: str) -> None:
        self.name = name
        self.kids: list["Node"] = []


def f(edges: list[tuple[str, str]]) -> int:
    nodes: dict[str, Node] = {}
    for parent, child in edges:
        nodes.setdefault(parent, Node(parent))
        nodes.setdefault(child, Node(child))
        # `nodes[parent].kids` holds the very node `nodes[child]` is, so the next edge's change of that node shows in
        # both places in CPython: each place here would hold a copy.
        # error: E0313
        nodes[parent].kids.append(nodes[child])
    return sum(len(n.kids) for n in nodes.values())
