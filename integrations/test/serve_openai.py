"""The Ray Serve deployment against the official `openai` client. Starts Ray in local mode, runs
`ingot_integrations.ray_serve.app(PACKAGE)` on a free port, and calls it with `openai.OpenAI(base_url=...)`: the SDK's
default (base64) and float encodings, `dimensions`, `/v1/models`, and an empty string that must come back as the
SDK's BadRequestError. Output: one JSON line of what it saw, compared with the package's in-process client.
"""

import json
import socket
import sys

import numpy as np
import openai
import ray
from ray import serve

from ingot_integrations.ray_serve import app

SENTENCES = ["Which planet is known as the red planet?", "Mars is red.", "A quiet river at night.", "東京の天気"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main(package: str) -> None:
    pkg = __import__(package)
    port = free_port()
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    serve.start(http_options={"host": "127.0.0.1", "port": port})
    serve.run(app(package), route_prefix="/", name="ingot")
    client = openai.OpenAI(api_key="unused", base_url="http://127.0.0.1:{}/v1".format(port), max_retries=0)

    local = pkg.Client().embeddings.create(model=package, input=SENTENCES)
    want = np.asarray([d.embedding for d in local.data])
    default = client.embeddings.create(model=package, input=SENTENCES)
    floats = client.embeddings.create(model=package, input=SENTENCES, encoding_format="float")
    short = client.embeddings.create(model=package, input=SENTENCES[:1], dimensions=8, encoding_format="float")
    local_short = pkg.Client().embeddings.create(model=package, input=SENTENCES[:1], dimensions=8)
    try:
        client.embeddings.create(model=package, input=["fine", ""])
        empty = None
    except openai.BadRequestError as e:
        empty = {"status": e.status_code, "param": e.body.get("param") if isinstance(e.body, dict) else None}
    try:
        client.embeddings.create(model="no-such-model", input=["x"])
        unknown = None
    except openai.NotFoundError as e:
        unknown = {"status": e.status_code, "code": e.body.get("code") if isinstance(e.body, dict) else None}
    models = [m.id for m in client.models.list().data]
    print(
        json.dumps(
            {
                "default_vs_local": float(np.max(np.abs(np.asarray([d.embedding for d in default.data]) - want))),
                "float_vs_local": float(np.max(np.abs(np.asarray([d.embedding for d in floats.data]) - want))),
                "dims": [len(d.embedding) for d in default.data],
                "index": [d.index for d in default.data],
                "tokens": default.usage.prompt_tokens,
                "local_tokens": local.usage.prompt_tokens,
                "short_vs_local": float(
                    np.max(np.abs(np.asarray(short.data[0].embedding) - np.asarray(local_short.data[0].embedding)))
                ),
                "short_dims": len(short.data[0].embedding),
                "empty_error": empty,
                "unknown_model": unknown,
                "models": models,
            }
        )
    )
    serve.shutdown()
    ray.shutdown()


if __name__ == "__main__":
    main(sys.argv[1])
