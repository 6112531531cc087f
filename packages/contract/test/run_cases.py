"""Runs conformance cases through a Python client shaped like the official `openai` SDK and prints one JSON object:
case id -> {response} | {error: {status, type, param, code}} | {crash}. stdin: {"cases": [RunnableCase]}.
argv[1]: "ingot:<module>" (a generated package's in-process Client) or "openai:<base URL>" (the official `openai`
client, unchanged, against a server; fields it has no keyword for go in `extra_body`, as its users send them).
The call is the surface's SDK path (client.embeddings.create), so every surface runs alike; a surface the official SDK
lacks (rerank) goes through its generic `client.post`. A streamed answer (an
iterator) is the list of its chunks; a response object is the fields the answer set (`model_dump(exclude_unset=True)`),
so the SDK's defaults for fields the server did not send are not mistaken for what it sent."""
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
        return v.model_dump(exclude_unset=True)
    if isinstance(v, (dict, list, str, int, float, bool)) or v is None:
        return v
    if hasattr(v, "__iter__"):
        return [jsonable(x) for x in v]
    return v


out = {}
for c in json.load(sys.stdin)["cases"]:
    target = client
    for k in c["sdkCall"]:
        target = getattr(target, k, None)
    request = dict(c["request"])
    call = target
    if kind != "ingot" and target is None:
        # A surface the official SDK lacks (rerank): its generic POST, as its users call such routes.
        body = dict(c["request"])
        route = c["path"][len("/v1"):] if c["path"].startswith("/v1/") else c["path"]
        call, request = (lambda: client.post(route, body=body, cast_to=object)), {}
    elif kind != "ingot":
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
        try:
            result = call(**request)
        except UnicodeEncodeError:
            if kind == "ingot":
                raise
            # A string the SDK cannot encode (a lone surrogate: invalid UTF-8 on the wire). The runner sends the body
            # as escaped JSON over the SDK's own HTTP client, as a user of another library would, and reads the answer.
            route = c["path"][len("/v1"):] if c["path"].startswith("/v1/") else c["path"]
            r = client._client.post(str(client.base_url).rstrip("/") + route, content=json.dumps(c["request"]).encode("ascii"),
                                    headers={"content-type": "application/json", "authorization": "Bearer unused"})
            body = r.json()
            if r.status_code != 200:
                err = body.get("error", {})
                out[c["id"]] = {"error": {"status": r.status_code, "type": err.get("type"), "param": err.get("param"), "code": err.get("code")}}
                continue
            result = body
        out[c["id"]] = {"response": json.loads(json.dumps(jsonable(result)))}
    except status_error as e:
        body = e.body if isinstance(e.body, dict) else {}
        body = body.get("error", body) if isinstance(body.get("error"), dict) else body
        out[c["id"]] = {"error": {"status": e.status_code, "type": body.get("type"), "param": body.get("param"), "code": body.get("code")}}
    except Exception:
        out[c["id"]] = {"crash": traceback.format_exc()}
print(json.dumps(out))
