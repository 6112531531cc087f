"""In-process Python: the official `openai` client, unchanged, over the generated Python package's
`Transport` (no server, no socket). argv[1] is where the package is installed, argv[2] the module and model name."""
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
model = sys.argv[2]
client = openai.OpenAI(api_key="local", base_url="http://ingot.invalid/v1", http_client=httpx.Client(transport=pkg.Transport()), max_retries=0)
texts = ["The quick brown fox.", "Mars is red.", "Jupiter is big."]
out = {}
r = client.embeddings.create(model=model, input=texts)
out["default"] = [list(map(float, d.embedding)) for d in r.data]
out["ingot"] = (r.model_extra or {}).get("_ingot")
raw = client.embeddings.with_raw_response.create(model=model, input=texts, encoding_format="float", dimensions=8)
out["route_header"] = raw.headers.get("x-ingot-route")
out["dims8"] = [d.embedding for d in raw.parse().data]
# Token ids ("Which planet is known as the Red Planet?" and "Hello, world!" in the model's own tokenizer).
ids = [[101, 2029, 4774, 2003, 2124, 2004, 1996, 2417, 4774, 1029, 102], [101, 7592, 1010, 2088, 999, 102]]
r = client.embeddings.create(model=model, input=ids)
out["tokens"] = {"vectors": [list(map(float, d.embedding)) for d in r.data], "usage": r.usage.prompt_tokens}
for name, kwargs, cls in [
    ("unknown", {"model": "no-such-model", "input": "x"}, openai.NotFoundError),
    ("tokens_bad", {"model": model, "input": [[101, 30522, 102]]}, openai.BadRequestError),
]:
    try:
        client.embeddings.create(**kwargs)
        out[name] = {"raised": None}
    except cls as e:
        out[name] = {"raised": type(e).__name__, "status": e.status_code, "body": e.body}
print(json.dumps(out))
