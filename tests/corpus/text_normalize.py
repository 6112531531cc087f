"""Text normalisation before tokenisation: unicodedata, string constants, translation tables."""
import string
import unicodedata


# case: {"text": "Héllo, Wörld!  ﬁne ①"}
# case: {"text": ""}
def clean(text: str) -> str:
    t = unicodedata.normalize("NFKC", text)
    t = "".join(c for c in unicodedata.normalize("NFD", t) if not unicodedata.combining(c))
    t = t.translate(str.maketrans("", "", string.punctuation))
    return " ".join(t.lower().split())


# case: {"text": "Tab\there, 3 numbers: 1.5 and 42!"}
def char_classes(text: str) -> dict[str, int]:
    counts = {"letter": 0, "digit": 0, "space": 0, "punct": 0, "other": 0}
    for c in text:
        cat = unicodedata.category(c)
        if cat.startswith("L"):
            counts["letter"] += 1
        elif cat == "Nd":
            counts["digit"] += 1
        elif c in string.whitespace:
            counts["space"] += 1
        elif cat.startswith("P"):
            counts["punct"] += 1
        else:
            counts["other"] += 1
    return counts


# case: {"s": "the quick  brown fox"}
def headline(s: str) -> str:
    return string.capwords(s)


# case: {"s": "smart “quotes” – and ‘dashes’"}
def ascii_quotes(s: str) -> str:
    table = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-"})
    return s.translate(table)
