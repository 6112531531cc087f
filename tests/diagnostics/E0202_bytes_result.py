import base64


# error: E0202
def f(payload: str):
    return base64.b64decode(payload)
