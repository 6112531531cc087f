"""Writing model results as CSV text: predictions, eval tables and token listings through csv.writer and
csv.DictWriter into an io.StringIO buffer, as reports and dataset exports do."""

import csv
import io


# case: {"texts": ["great movie", "bad, boring", "say \"meh\""], "labels": ["pos", "neg", "neu"], "scores": [0.91, 0.08, 0.5]}
# case: {"texts": [], "labels": [], "scores": []}
def predictions_csv(texts: list[str], labels: list[str], scores: list[float]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["text", "label", "score"])
    for text, label, score in zip(texts, labels, scores):
        writer.writerow([text, label, round(score, 3)])
    return buf.getvalue()


# case: {"metrics": [{"model": "base", "acc": 0.81, "f1": 0.77}, {"model": "large", "acc": 0.86}], "sep": "\t"}
# case: {"metrics": [{"model": "x", "acc": 0.5, "f1": 0.25, "notes": 3.5}], "sep": ","}
def metrics_table(metrics: list[dict[str, float | str]], sep: str) -> str:
    buf = io.StringIO()
    fields = ["model", "acc", "f1"]
    writer = csv.DictWriter(buf, fieldnames=fields, restval="-", extrasaction="ignore", delimiter=sep)
    writer.writeheader()
    writer.writerows(metrics)
    return buf.getvalue()


# case: {"tokens": ["[CLS]", "hello", ",", "world", "[SEP]"], "ids": [101, 7592, 1010, 2088, 102]}
def token_listing(tokens: list[str], ids: list[int]) -> list:
    buf = io.StringIO()
    buf.write("# tokens\n")
    w = csv.writer(buf, delimiter="|", quotechar="'", lineterminator="\n")
    sizes = [w.writerow((i, pos, tok)) for pos, (tok, i) in enumerate(zip(tokens, ids))]
    w.writerows([[len(tokens), None, ""]])
    text = buf.getvalue()
    rows = list(csv.reader(io.StringIO(text.split("\n", 1)[1]), delimiter="|", quotechar="'"))
    return [sizes, text, rows]


# case: {"rows": [{"id": "1", "answer": "yes"}, {"id": "2", "answer": "no", "extra": "x"}]}
def strict_export(rows: list[dict[str, str]]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=["id", "answer"])
    w.writeheader()
    for r in rows:
        w.writerow(r)
    return buf.getvalue()


# case: {"names": ["acc", "f1", "loss"], "values": [0.91, 0.875, 0.3333333], "title": "eval \u00e9"}
# case: {"names": [], "values": [], "title": ""}
def report_text(names: list[str], values: list[float], title: str) -> str:
    """A plain-text eval report built with print(file=...) and a csv block, inside a with block."""
    with io.StringIO() as out:
        print(f"== {title} ==", file=out)
        for name, value in zip(names, values):
            print(f"{name:>6}", f"{value:.3f}", sep=": ", file=out)
        print(*names, sep=",", end="\n\n", file=out)
        csv.writer(out, lineterminator="\n").writerow(values)
        return out.getvalue()
