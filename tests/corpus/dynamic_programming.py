"""Dynamic-programming helpers of the kind text and sequence post-processing uses: rows of a
table rebuilt per step, kept as the previous row, swapped, and filled in place. Python shares
a list between two names after `prev = cur`; the compiled code copies it. The two agree
because each shared row is rebound before it is mutated, which the aliasing check follows
in program order."""


# case: {"s": "kitten", "t": "sitting"}
# case: {"s": "", "t": "abc"}
# case: {"s": "flaw", "t": "lawn"}
def edit_distance(s: str, t: str) -> int:
    prev = list(range(len(t) + 1))
    for i, cs in enumerate(s, 1):
        cur = [i]
        for j, ct in enumerate(t, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (cs != ct)))
        prev = cur
    return prev[-1]


# case: {"a": "ABCBDAB", "b": "BDCABA"}
# case: {"a": "", "b": "x"}
def lcs_length(a: str, b: str) -> int:
    prev = [0] * (len(b) + 1)
    cur = [0] * (len(b) + 1)
    for ca in a:
        for j, cb in enumerate(b, 1):
            cur[j] = prev[j - 1] + 1 if ca == cb else max(prev[j], cur[j - 1])
        prev, cur = cur, prev
    return prev[len(b)]


# case: {"emissions": [[0.6, 0.4], [0.3, 0.7], [0.8, 0.2]], "trans": [[0.7, 0.3], [0.4, 0.6]]}
def viterbi(emissions: list[list[float]], trans: list[list[float]]) -> list[int]:
    n = len(emissions[0])
    score = list(emissions[0])
    back: list[list[int]] = []
    for em in emissions[1:]:
        new_score = []
        ptr = []
        for j in range(n):
            best = max(range(n), key=lambda i: score[i] * trans[i][j])
            ptr.append(best)
            new_score.append(score[best] * trans[best][j] * em[j])
        back.append(ptr)
        score = new_score
    state = max(range(n), key=lambda i: score[i])
    path = [state]
    for ptr in reversed(back):
        state = ptr[state]
        path.append(state)
    return path[::-1]


# case: {"rows": 4}
def pascal(rows: int) -> list[list[int]]:
    out = []
    row = [1]
    for _ in range(rows):
        out.append(row)
        row = [1] + [row[k] + row[k + 1] for k in range(len(row) - 1)] + [1]
    return out
