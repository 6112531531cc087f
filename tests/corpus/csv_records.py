"""Reading CSV-ish text the way data-cleaning code does: csv.reader over io.StringIO or split lines,
a header taken with next(), DictReader rows with missing fields, and per-column summaries."""
import csv
import io
import statistics
from typing import Dict, List, Optional


# case: {"text": "name,score\nann,3.5\nbob,\n\"lee, k\",4\n"}
# case: {"text": "name,score\n"}
def mean_score(text: str) -> Optional[float]:
    scores = []
    for row in csv.DictReader(io.StringIO(text)):
        raw = (row.get("score") or "").strip()
        if raw:
            scores.append(float(raw))
    return statistics.mean(scores) if scores else None


# case: {"text": "id;label;note\n1;cat;\"a;b\"\n2;dog\n\n3;cat;x\n"}
def label_counts(text: str) -> Dict[str, int]:
    counts: Dict[str, int] = {}
    for row in csv.DictReader(text.splitlines(), delimiter=";"):
        label = row["label"] or "?"
        counts[label] = counts.get(label, 0) + 1
    return counts


# case: {"text": "a,b\n1,2\n3,4\n"}
# case: {"text": "only\n"}
# case: {"text": ""}
def header_and_rows(text: str) -> List[List[str]]:
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None:
        return []
    return [header] + [[f"{h}={v}" for h, v in zip(header, row)] for row in reader]


# case: {"line": "x, \"y, z\", w", "sep": ","}
# case: {"line": "a\tb\t", "sep": "\t"}
def split_fields(line: str, sep: str) -> List[str]:
    return next(csv.reader([line], delimiter=sep, skipinitialspace=True))


# case: {"lines": ["k|v", "a|1", "b", "c|3|extra"]}
def padded_rows(lines: List[str]) -> List[Dict[str, str]]:
    rows = csv.DictReader(lines[:3], delimiter="|", restval="")
    return [dict(r) for r in rows]


# case: {"text": "col\n\"multi\nline\"\nplain\n"}
def multiline_cells(text: str) -> List[int]:
    return [len(r["col"] or "") for r in csv.DictReader(io.StringIO(text))]


# case: {"text": "# comment\nx=1\n\ny=2\n"}
def config_lines(text: str) -> Dict[str, str]:
    out: Dict[str, str] = {}
    for line in io.StringIO(text):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, _, value = line.partition("=")
        out[key] = value
    return out
