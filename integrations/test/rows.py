"""Test data for the batch integrations: a Parquet file of N rows with shuffled int64 ids and a binary text column
holding UTF-8 sentences, in which three rows cannot be embedded (invalid UTF-8, an empty string, a null).
Output: the file, and on stdout a JSON line naming the failing rows' ids and why each fails.
"""

import json
import random
import sys

import pyarrow as pa
import pyarrow.parquet as pq

WORDS = (
    "the a red planet ocean music quiet river storm bright cat engine paper glass winter train coffee ancient city "
    "café naïve über 東京 слово"
).split()


def main(path: str, n: int) -> None:
    rnd = random.Random(7)
    texts = [" ".join(rnd.choice(WORDS) for _ in range(rnd.randint(3, 40))).encode("utf-8") for _ in range(n)]
    bad = {17: (b"caf\xc3 truncated \xff", "invalid UTF-8"), n // 3: (b"", "empty"), n // 2: (None, "null")}
    for i, (value, _) in bad.items():
        texts[i] = value
    ids = list(range(1_000_000, 1_000_000 + n))
    rnd.shuffle(ids)
    # Several row groups, so the engines split the file into several blocks and batches.
    pq.write_table(
        pa.table({"id": pa.array(ids, pa.int64()), "text": pa.array(texts, pa.binary())}), path, row_group_size=n // 6
    )
    print(json.dumps({"bad": {str(ids[i]): why for i, (_, why) in bad.items()}}))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
