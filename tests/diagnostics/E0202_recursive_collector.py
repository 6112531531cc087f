def f(tree: dict[str, list[str]], root: str) -> list[str]:
    order: list[str] = []

    # error: E0202
    def visit(node: str) -> None:
        order.append(node)
        for child in tree.get(node, []):
            visit(child)

    visit(root)
    return order
