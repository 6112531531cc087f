import os


# os.path's text functions compile; a check of the file system is declined with the reason.
def f(root: str, name: str) -> str:
    path = os.path.join(root, os.path.basename(name))
    # error: E0209
    if os.path.exists(path):
        return path
    return ""
