"""Chat in Python, in process: the generated package's Client (whole, a stream, a stream closed early), its AsyncClient
(an async iterator), and the official `openai` client, unchanged, over the package's `Transport` (whole and
streamed). argv[1] is where the package is installed, argv[2] the module and model name. Prints one JSON object."""
import asyncio
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
kw = dict(model=model, messages=[{"role": "user", "content": "Name a red planet."}], temperature=0, max_tokens=12)
out = {}

# The typed API's own text, from the compiled generator.
out["typed"] = "".join((c["choices"][0]["delta"].get("content") or "") for c in pkg.chat(kw["messages"], 12, 0.0))

client = pkg.Client()
out["whole"] = client.chat.completions.create(**kw).choices[0].message.content
out["streamed"] = "".join((c.choices[0].delta.content or "") for c in client.chat.completions.create(stream=True, **kw) if c.choices)
stream = client.chat.completions.create(stream=True, **dict(kw, max_tokens=400))
first = [next(stream), next(stream)]
stream.close()
out["after_close"] = list(stream)


async def main():
    s = await pkg.AsyncClient().chat.completions.create(stream=True, **kw)
    return "".join([(c.choices[0].delta.content or "") async for c in s if c.choices])


out["async_streamed"] = asyncio.run(main())

sdk = openai.OpenAI(api_key="local", base_url="http://ingot.invalid/v1", http_client=httpx.Client(transport=pkg.Transport()), max_retries=0)
r = sdk.chat.completions.create(**kw)
out["sdk_whole"] = r.choices[0].message.content
out["sdk_usage"] = r.usage.completion_tokens
out["sdk_streamed"] = "".join((c.choices[0].delta.content or "") for c in sdk.chat.completions.create(stream=True, **kw) if c.choices)
try:
    sdk.chat.completions.create(model=model, messages=[])
except openai.BadRequestError as e:
    out["sdk_error"] = {"status": e.status_code, "param": e.body.get("param")}
print(json.dumps(out))
