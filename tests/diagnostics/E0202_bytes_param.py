import hashlib


# error: E0202
def f(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
