"""Control flow: if/elif/else, for over ranges and lists, while, break, continue, tuples."""


# case: {"n": 15}
# case: {"n": 7}
# case: {"n": 0}
def fizz(n: int) -> str:
    if n % 15 == 0:
        return "FizzBuzz"
    elif n % 3 == 0:
        return "Fizz"
    elif n % 5 == 0:
        return "Buzz"
    else:
        return str(n)


# case: {"n": 30}
# case: {"n": 2}
def primes(n: int) -> list[int]:
    found = []
    k = 2
    while len(found) < n and k < 200:
        is_prime = True
        for p in found:
            if p * p > k:
                break
            if k % p == 0:
                is_prime = False
                break
        if is_prime:
            found.append(k)
        k += 1
    return found


# case: {"xs": [4, -2, 9, 0, 7]}
# case: {"xs": [1]}
# case: {"xs": []}
def min_max(xs: list[int]) -> tuple[int, int]:
    lo = 0
    hi = 0
    first = True
    for x in xs:
        if first:
            lo = x
            hi = x
            first = False
            continue
        if x < lo:
            lo = x
        if x > hi:
            hi = x
    return lo, hi


# case: {"xs": [3, 8, 1]}
# case: {"xs": []}
def last_item(xs: list[int]) -> int:
    for x in xs:
        last = x
    return last


# case: {"n": 6}
def countdown(n: int) -> list[int]:
    out = []
    for i in range(n, 0, -2):
        out.append(i)
    else:
        out.append(-1)
    return out


# case: {"target": 12}
# case: {"target": 100}
def find_pair(target: int) -> tuple[int, int]:
    i = 0
    while i < 10:
        j = 0
        while j < 10:
            if i * j == target:
                return i, j
            j += 1
        i += 1
    return -1, -1
