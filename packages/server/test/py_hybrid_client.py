"""Hybrid routing in Python: the official `openai` client over the generated package's `Transport`
with a remote server. argv: the package's src dir, the module name, the remote base URL."""
import importlib
import json
import sys

import openai

try:  # openai 3.x is built on the httpx2 fork; 1.x/2.x on httpx
    import httpx2 as httpx
except ImportError:
    import httpx

sys.path.insert(0, sys.argv[1])
pkg = importlib.import_module(sys.argv[2])
transport = pkg.Transport(remote_base_url=sys.argv[3], remote_api_key="remote-key")
client = openai.OpenAI(api_key="user-key", base_url="http://ingot.invalid/v1", http_client=httpx.Client(transport=transport), max_retries=0)
texts = ["The quick brown fox.", "Mars is red."]
out = {}
for model in (sys.argv[2], "other"):
    raw = client.embeddings.with_raw_response.create(model=model, input=texts, encoding_format="float")
    r = raw.parse()
    out[model] = {"route": raw.headers.get("x-ingot-route"), "ingot": (r.model_extra or {}).get("_ingot"), "vectors": [d.embedding for d in r.data]}
try:
    client.embeddings.create(model="nope", input="x")
    out["nope"] = None
except openai.NotFoundError as e:
    out["nope"] = {"status": e.status_code, "code": (e.body or {}).get("code")}
print(json.dumps(out))
