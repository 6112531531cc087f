"""The official Python `openai` client, unchanged, against `ingot serve` (argv[1] is the base URL
ending in /v1, argv[2] the model). Prints one JSON object with what each call gave back."""
import base64
import json
import struct
import sys

import openai
from openai import OpenAI

base_url, model = sys.argv[1], sys.argv[2]
client = OpenAI(base_url=base_url, api_key="x", max_retries=0)
texts = ["The quick brown fox.", "Mars is red.", "Jupiter is big."]
out = {"version": openai.__version__}

# The SDK's default encoding (it asks for base64 and decodes it itself).
r = client.embeddings.create(model=model, input=texts)
out["default"] = [list(map(float, d.embedding)) for d in r.data]
out["usage"] = r.usage.prompt_tokens
out["model"] = r.model

raw = client.embeddings.with_raw_response.create(model=model, input="one", encoding_format="float")
out["route_header"] = raw.headers.get("x-ingot-route")
out["float_single"] = raw.parse().data[0].embedding

r = client.embeddings.create(model=model, input=texts, encoding_format="float")
out["float"] = [d.embedding for d in r.data]

# Asked for explicitly, base64 comes back as the string: little-endian float32, decoded here.
r = client.embeddings.create(model=model, input=texts, encoding_format="base64")
out["base64"] = [list(struct.unpack(f"<{len(base64.b64decode(d.embedding)) // 4}f", base64.b64decode(d.embedding))) for d in r.data]

r = client.embeddings.create(model=model, input=texts, dimensions=8, encoding_format="float")
out["dims8"] = [d.embedding for d in r.data]

many = [f"sentence number {i} about topic {i % 7}" for i in range(100)]
r = client.embeddings.create(model=model, input=many)
out["many"] = {"count": len(r.data), "indices": [d.index for d in r.data], "first": list(map(float, r.data[0].embedding)), "last": list(map(float, r.data[99].embedding))}


def expect_error(name, cls, **kwargs):
    try:
        client.embeddings.create(**kwargs)
        out[name] = {"raised": None}
    except cls as e:
        out[name] = {"raised": type(e).__name__, "status": e.status_code, "body": e.body}
    except openai.APIError as e:
        out[name] = {"raised": type(e).__name__, "status": getattr(e, "status_code", None), "body": e.body}


# Token ids ("Which planet is known as the Red Planet?" and "Hello, world!" in the model's own tokenizer).
ids = [[101, 2029, 4774, 2003, 2124, 2004, 1996, 2417, 4774, 1029, 102], [101, 7592, 1010, 2088, 999, 102]]
r = client.embeddings.create(model=model, input=ids)
out["tokens"] = {"vectors": [list(map(float, d.embedding)) for d in r.data], "usage": r.usage.prompt_tokens}
r = client.embeddings.create(model=model, input=ids[0], encoding_format="float")
out["tokens_flat"] = {"vectors": [d.embedding for d in r.data], "usage": r.usage.prompt_tokens}
expect_error("tokens_bad", openai.BadRequestError, model=model, input=[[101, 30522, 102]])
expect_error("unknown", openai.NotFoundError, model="no-such-model", input="x")
expect_error("dims_big", openai.BadRequestError, model=model, input="x", dimensions=100000)
expect_error("dims_zero", openai.BadRequestError, model=model, input="x", dimensions=0)
print(json.dumps(out))
