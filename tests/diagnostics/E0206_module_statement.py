NAMES = []
LENGTHS = []
# error: E0206
for word in ["a", "bb"]:
    NAMES.append(word)
    LENGTHS.append(len(word))


def f() -> int:
    return len(NAMES)
