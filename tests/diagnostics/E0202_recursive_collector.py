def f(tree: dict[str, list[str]], root: str) -> list[str]:
    order: list[str] = []

    # error: E0202
    def visit(node: str) -> None:
        order.append(node)
        for child in tree.get(node, []):
            # What the inner call appended before raising would be lost with its result.
            try:
                visit(child)
            except KeyError:
                order.append("?")

    visit(root)
    return order
