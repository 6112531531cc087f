"""Runs conformance cases through a Python client shaped like the official `openai` SDK and prints one JSON object:
case id -> {response} | {error: {status, type, param, code}} | {crash}. stdin: {"cases": [RunnableCase]}.
argv[1]: "ingot:<module>" (a generated package's in-process Client) or "openai:<base URL>" (the official `openai`
client, unchanged, against a server; fields it has no keyword for go in `extra_body`, as its users send them).
The call is the surface's SDK path (client.embeddings.create), so every surface runs alike."""
import importlib
import json
import sys
import traceback

kind, _, where = sys.argv[1].partition(":")
if kind == "ingot":
    client = importlib.import_module(where).Client()
    status_error = importlib.import_module(where).APIStatusError
else:
    import inspect

    import openai

    client = openai.OpenAI(base_url=where, api_key="unused", max_retries=0)
    status_error = openai.APIStatusError


def jsonable(v):
    if hasattr(v, "model_dump"):
        return v.model_dump()
    return v


out = {}
for c in json.load(sys.stdin)["cases"]:
    target = client
    for k in c["sdkCall"]:
        target = getattr(target, k)
    request = dict(c["request"])
    call = target
    if kind != "ingot":
        known = inspect.signature(target).parameters
        extra = {k: request.pop(k) for k in list(request) if k not in known}
        if extra:
            request["extra_body"] = extra
        try:
            inspect.signature(target).bind(**request)
        except TypeError:
            # A request without a field the SDK's signature requires: the SDK's own generic POST sends the body as is.
            body = dict(c["request"])
            route = c["path"][len("/v1"):] if c["path"].startswith("/v1/") else c["path"]
            call, request = (lambda: client.post(route, body=body, cast_to=object)), {}
    try:
        out[c["id"]] = {"response": json.loads(json.dumps(jsonable(call(**request))))}
    except status_error as e:
        body = e.body if isinstance(e.body, dict) else {}
        body = body.get("error", body) if isinstance(body.get("error"), dict) else body
        out[c["id"]] = {"error": {"status": e.status_code, "type": body.get("type"), "param": body.get("param"), "code": body.get("code")}}
    except Exception:
        out[c["id"]] = {"crash": traceback.format_exc()}
print(json.dumps(out))
