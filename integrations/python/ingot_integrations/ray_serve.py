"""Ray Serve: the compiled model behind the OpenAI embeddings API, as a Serve deployment. Input: HTTP requests on
`/v1/embeddings` (what the official `openai` clients send, base64 by default), `/v1/models` and `/health`; output:
the compiled package's own `Client` answers, so the request rules, error bodies and base64 encoding are the ones the
package and `ingot serve` share. Each replica loads the package once; Ray Serve scales replicas
(`num_replicas`, or `autoscaling_config`).

    from ray import serve
    from ingot_integrations.ray_serve import app
    serve.run(app("minilm"), route_prefix="/")
"""

import asyncio
import json
from typing import Any, Optional

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from ray import serve

from .core import BatchEmbedder

# No `from __future__ import annotations` here: FastAPI reads the handlers' annotations at run time, and a string
# `Request` under Serve's class wrapper is taken for a query parameter (every request a 422).
api = FastAPI()


def _error(status: int, message: str, param: Optional[str] = None, code: Optional[str] = None) -> JSONResponse:
    body = {"message": message, "type": "invalid_request_error", "param": param, "code": code}
    return JSONResponse({"error": body}, status_code=status)


@serve.deployment
@serve.ingress(api)
class IngotEmbeddings:
    def __init__(self, package: str, model: Optional[str] = None):
        self.embedder = BatchEmbedder(package, model)
        self.model = self.embedder.model
        self.client = self.embedder.client
        self.api_error = self.embedder.module.APIStatusError

    @api.get("/health")
    def health(self) -> dict[str, Any]:
        return {"status": "ok", "models": {self.model: {"status": "ready"}}}

    @api.get("/v1/models")
    def models(self) -> dict[str, Any]:
        return {"object": "list", "data": [{"id": self.model, "object": "model", "owned_by": "ingot"}]}

    @api.post("/v1/embeddings")
    async def embeddings(self, request: Request):
        try:
            body = json.loads(await request.body())
        except ValueError as e:
            return _error(400, "the request body is not valid JSON: {}".format(e))
        if not isinstance(body, dict):
            return _error(400, "the request body must be a JSON object")
        # The model runs on a worker thread, so one replica keeps answering /health while it embeds.
        loop = asyncio.get_running_loop()
        try:
            res = await loop.run_in_executor(None, lambda: self.client.embeddings.create(**body))
        except self.api_error as e:
            return JSONResponse({"error": e.body}, status_code=e.status_code)
        return res.model_dump()


def app(package: str, model: Optional[str] = None, **options: Any):
    """The bound application for `serve.run`; `options` go to `.options()` (num_replicas, ray_actor_options, ...)."""
    deployment = IngotEmbeddings.options(**options) if options else IngotEmbeddings
    return deployment.bind(package, model)
