"""Binary-text pre- and post-processing: content hashing for dedup, cache keys, base64 payloads, checksums,
length-prefixed framing, token ids packed into bytes, and text repair with the codecs' error handlers."""

import base64
import binascii
import hashlib
import hmac
import struct
import zlib

MAGIC = b"\x89ING"
SEPARATOR = b"\x1f"


def _normalize(text: str) -> bytes:
    return " ".join(text.lower().split()).encode("utf-8")


# case: {"docs": ["Hello  world", "hello world", "Bonjour le monde", "HELLO WORLD ", "naïve café"]}
# case: {"docs": []}
def dedup_by_content_hash(docs: list[str]) -> list[int]:
    seen: set[str] = set()
    keep: list[int] = []
    for i, doc in enumerate(docs):
        digest = hashlib.sha256(_normalize(doc)).hexdigest()
        if digest not in seen:
            seen.add(digest)
            keep.append(i)
    return keep


# case: {"model": "all-MiniLM-L6-v2", "text": "What is the capital of France?", "dim": 384}
# case: {"model": "e5", "text": "", "dim": 0}
def cache_key(model: str, text: str, dim: int) -> str:
    h = hashlib.blake2b(digest_size=16)
    h.update(model.encode())
    h.update(SEPARATOR)
    h.update(str(dim).encode())
    h.update(SEPARATOR)
    h.update(text.encode("utf-8"))
    return f"{h.name}:{h.hexdigest()}"


# case: {"payload": "eyJ1c2VyIjogImFkYSIsICJyb2xlIjogImFkbWluIn0"}
# case: {"payload": "eyJ1c2VyIjogImFkYSJ9"}
# case: {"payload": "not base64!"}
# case: {"payload": "_w"}
def decode_jwt_segment(payload: str) -> str:
    padded = payload + "=" * (-len(payload) % 4)
    try:
        raw = base64.urlsafe_b64decode(padded)
    except binascii.Error as e:
        return f"invalid: {e}"
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        return f"not text: {e}"


# case: {"text": "grüße, 世界", "strict": true}
# case: {"text": "plain ascii", "strict": true}
# case: {"text": "grüße, 世界", "strict": false}
def to_ascii(text: str, strict: bool) -> str:
    if strict:
        try:
            return text.encode("ascii").decode("ascii")
        except UnicodeEncodeError as e:
            return f"error: {e}"
    return text.encode("ascii", "backslashreplace").decode("ascii") + " | " + text.encode("ascii", "ignore").decode()


# case: {"data": [104, 101, 108, 108, 111, 255, 32, 119, 195, 182, 114, 108, 100, 226, 130]}
# case: {"data": []}
def repair_text(data: list[int]) -> list[str]:
    raw = bytes(data)
    return [
        raw.decode("utf-8", errors="replace"),
        raw.decode("utf-8", "ignore"),
        raw.decode("latin-1"),
        raw.decode("ascii", "replace"),
    ]


# case: {"ids": [101, 7592, 2088, 102, 0, 65535], "width": 2}
# case: {"ids": [1, 2, 70000], "width": 2}
# case: {"ids": [], "width": 4}
def pack_token_ids(ids: list[int], width: int) -> str:
    try:
        packed = b"".join(i.to_bytes(width, "little") for i in ids)
    except OverflowError as e:
        return f"overflow: {e}"
    blob = MAGIC + len(ids).to_bytes(4, "big") + packed
    return base64.b64encode(blob).decode("ascii")


# case: {"blob": "iUlORwAAAAZlAKgdKAhmAAAA//8=", "width": 2}
# case: {"blob": "iUlORwAAAAA=", "width": 4}
# case: {"blob": "AAAA", "width": 2}
# case: {"blob": "iUlORwAAAAlAAA==", "width": 2}
def unpack_token_ids(blob: str, width: int) -> list[int]:
    raw = base64.b64decode(blob, validate=True)
    if not raw.startswith(MAGIC):
        raise ValueError(f"bad magic {raw[:4]!r}")
    n = int.from_bytes(raw[4:8], "big")
    body = raw[8:]
    if len(body) != n * width:
        raise ValueError(f"expected {n * width} bytes, got {len(body)}")
    return [int.from_bytes(body[k : k + width], "little") for k in range(0, len(body), width)]


# case: {"records": ["alpha", "beta", "", "gamma delta"]}
# case: {"records": []}
def frame_records(records: list[str]) -> list[str]:
    out = bytearray()
    for r in records:
        data = r.encode()
        out += len(data).to_bytes(2, "big")
        out.extend(data)
        out.append(zlib.crc32(data) & 0xFF)
    return [out.hex(" ", 4), str(len(out)), f"{zlib.crc32(out):08x}", f"{zlib.adler32(bytes(out)):08x}"]


# case: {"hexdump": "48 65 6c 6c 6f 0a 57 6f 72 6c 64"}
# case: {"hexdump": "de ad be ef"}
# case: {"hexdump": "4x"}
def inspect_hexdump(hexdump: str) -> list[str]:
    data = bytes.fromhex(hexdump)
    lines = data.splitlines()
    printable = bytes(b if 32 <= b < 127 else 46 for b in data)
    return [repr(data), repr(lines), printable.decode("ascii"), str(sum(data) % 256), str(b"\n" in data)]


# case: {"header": "Content-Type: text/plain; charset=utf-8\r\nX-Id:  42 \r\n\r\nbody"}
# case: {"header": "no headers here"}
def parse_headers(header: str) -> list[list[str]]:
    raw = header.encode("latin-1")
    head, _, body = raw.partition(b"\r\n\r\n")
    fields: list[list[str]] = []
    for line in head.split(b"\r\n"):
        name, sep, value = line.partition(b":")
        if sep:
            fields.append([name.strip().lower().decode(), value.strip().decode("latin-1")])
    fields.append(["body", repr(body)])
    return fields


# case: {"name": "sha1", "chunks": ["The quick brown fox ", "jumps over the lazy dog"]}
# case: {"name": "md5", "chunks": []}
# case: {"name": "sha512", "chunks": ["x"]}
# case: {"name": "whirlpool", "chunks": ["x"]}
def streaming_digest(name: str, chunks: list[str]) -> list[str]:
    h = hashlib.new(name)
    for c in chunks:
        h.update(c.encode())
    snapshot = h.copy()
    snapshot.update(b"!")
    return [h.hexdigest(), snapshot.hexdigest()[:16], str(h.digest_size), base64.b64encode(h.digest()).decode()]


# case: {"token": "c2VjcmV0LXRva2Vu", "secret": "secret-token"}
# case: {"token": "c2VjcmV0LXRva2Vu", "secret": "other"}
def token_matches(token: str, secret: str) -> bool:
    expected = base64.b64encode(secret.encode())
    given = token.encode("ascii")
    return len(given) == len(expected) and all(a == b for a, b in zip(given, expected)) and given == expected


# case: {"text": "Hello, World"}
# case: {"text": ""}
def byte_stats(text: str) -> list[int]:
    data = text.encode()
    upper = data.upper()
    return [len(data), data.count(b"l"), data.find(b"World"), upper.rfind(b"L"), data[-1] if data else -1, ord(data[:1] or b"\x00")]


HEADER = "<4sHHIf"


# case: {"version": 2, "flags": 5, "count": 1000, "scale": 0.5}
# case: {"version": 70000, "flags": 0, "count": 1, "scale": 1.0}
# case: {"version": 1, "flags": 0, "count": -1, "scale": 1.0}
def roundtrip_header(version: int, flags: int, count: int, scale: float) -> list[str]:
    try:
        raw = struct.pack(HEADER, b"EMB1", version, flags, count, scale)
    except struct.error as e:
        return ["error", str(e)]
    magic, v, f, n, s = struct.unpack(HEADER, raw)
    return [raw.hex(), magic.decode(), str(v), str(f), str(n), repr(s), str(struct.calcsize(HEADER))]


# case: {"blob": "AQAAAAIAAAADAAAA", "offset": 4}
# case: {"blob": "AQAAAAIAAAADAAAA", "offset": 10}
# case: {"blob": "", "offset": 0}
def read_int32s(blob: str, offset: int) -> list[int]:
    raw = base64.b64decode(blob)
    out: list[int] = []
    try:
        while offset + 4 <= len(raw):
            (value,) = struct.unpack_from("<i", raw, offset)
            out.append(value)
            offset += 4
        struct.unpack_from("<i", raw, offset)
    except struct.error:
        out.append(-1)
    return out


WEBHOOK_SECRET = b"whsec_test_secret"


def _sign(timestamp: int, body: str) -> str:
    message = f"{timestamp}.{body}".encode()
    return hmac.new(WEBHOOK_SECRET, message, hashlib.sha256).hexdigest()


# case: {"timestamp": 1700000000, "body": "{\"id\": 1}", "signature": "t=1700000000,v1=0000"}
# case: {"timestamp": 1700000000, "body": "{\"id\": 1}", "signature": ""}
# case: {"timestamp": 5, "body": "", "signature": "v1=abc,v1=b53060ca2ba96bebc66758fa3737eb9b742a2a7e9843c0f245a56d644c011e5f"}
def verify_webhook(timestamp: int, body: str, signature: str) -> list[str]:
    expected = _sign(timestamp, body)
    given = [p.split("=", 1)[1] for p in signature.split(",") if p.startswith("v1=")]
    ok = any(hmac.compare_digest(expected, g) for g in given)
    mac = hmac.new(WEBHOOK_SECRET, digestmod="sha1")
    mac.update(body.encode())
    return [expected, str(ok), mac.hexdigest(), mac.name, str(len(mac.digest()))]


# case: {"data": [239, 187, 191, 104, 105, 44, 195, 169]}
# case: {"data": [104, 105]}
# case: {"data": [239, 187, 191, 255]}
def read_csv_bytes(data: list[int]) -> list[str]:
    raw = bytes(data)
    text = str(raw, "utf-8-sig", "replace")
    return [text, str(raw.startswith(b"\xef\xbb\xbf")), repr(text.encode("utf-8-sig")[:4])]
