"""Pre-processing of scraped web text: HTML entities, URLs and query strings, file paths,
as a crawler's cleaning step writes it with html, urllib.parse and os.path."""
import html
import os
import posixpath
import re
from typing import Optional
from urllib.parse import parse_qs, parse_qsl, quote, unquote_plus, urlencode, urljoin, urlparse, urlsplit, urlunparse

TAG = re.compile(r"<[^>]+>")
TRACKING = ("utm_source", "utm_medium", "utm_campaign", "fbclid", "gclid")


# case: {"raw": "<p>Caf&eacute; &amp; cr&egrave;me &ndash; 5&nbsp;&euro;</p>"}
# case: {"raw": "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &notanentity; &copy 2024"}
# case: {"raw": ""}
def html_to_text(raw: str) -> str:
    text = TAG.sub(" ", raw)
    text = html.unescape(text)
    return " ".join(text.split())


# case: {"title": "Tom & Jerry's \"Best\" <Episodes>", "href": "/watch?v=1&t=2"}
def render_link(title: str, href: str) -> str:
    return f'<a href="{html.escape(href)}" title="{html.escape(title)}">{html.escape(title, quote=False)}</a>'


# case: {"url": "HTTPS://Example.COM:443/a/./b/../c/?utm_source=x&id=7&utm_medium=y&q=caf%C3%A9#frag"}
# case: {"url": "http://example.com"}
# case: {"url": "https://user:pw@shop.example.org/cart?fbclid=abc"}
def canonical_url(url: str) -> str:
    parts = urlparse(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in TRACKING]
    path = posixpath.normpath(parts.path) if parts.path else "/"
    if parts.path.endswith("/") and path != "/":
        path += "/"
    host = parts.hostname or ""
    port = parts.port
    netloc = host if port is None or port in (80, 443) else f"{host}:{port}"
    return urlunparse((parts.scheme.lower(), netloc, path, "", urlencode(sorted(query)), ""))


# case: {"url": "https://docs.python.org:8443/3/library/urllib.parse.html?highlight=url#module-urllib.parse"}
# case: {"url": "mailto:someone@example.com"}
# case: {"url": "//cdn.example.net/lib.js"}
def url_features(url: str) -> dict[str, str]:
    s = urlsplit(url)
    return {
        "scheme": s.scheme,
        "host": s.hostname or "",
        "port": str(s.port),
        "ext": os.path.splitext(s.path)[1],
        "file": posixpath.basename(s.path),
        "depth": str(len([p for p in s.path.split("/") if p])),
        "query_keys": ",".join(sorted(parse_qs(s.query))),
        "fragment": s.fragment,
    }


# case: {"base": "https://example.com/blog/2024/post.html", "hrefs": ["../about", "img/a.png", "/root", "https://other.org/x", "#top", "?page=2", ""]}
def resolve_links(base: str, hrefs: list[str]) -> list[str]:
    return [urljoin(base, h) for h in hrefs]


# case: {"query": "machine learning & AI", "page": 2, "tags": ["nlp", "c++"]}
# case: {"query": "", "page": 1, "tags": []}
def search_url(query: str, page: int, tags: list[str]) -> str:
    params = {"q": query, "page": page}
    base = "https://search.example.com/find?" + urlencode(params)
    if tags:
        base += "&" + urlencode({"tag": tags}, doseq=True)
    return base


# case: {"body": "name=J%C3%BCrgen+M%C3%BCller&email=j%40example.de&tags=a&tags=b&empty="}
def form_fields(body: str) -> dict[str, list[str]]:
    return parse_qs(body, keep_blank_values=True)


# case: {"paths": ["data/raw/2024/file.CSV", "/abs/./x/../y.tar.gz", "notes", ".hidden", "a//b/"]}
def dataset_layout(paths: list[str]) -> list[tuple[str, str, str]]:
    out = []
    for p in paths:
        head, tail = os.path.split(os.path.normpath(p))
        root, ext = os.path.splitext(tail)
        out.append((head or ".", root, ext.lower()))
    return out


# case: {"root": "/srv/corpus", "names": ["en/wiki.txt", "de/news.txt", "/etc/passwd"]}
def shard_paths(root: str, names: list[str]) -> list[str]:
    shards = [os.path.join(root, "shards", n) for n in names]
    common = os.path.commonpath(shards) if shards else root
    return [os.path.relpath(s, common) for s in shards] + [common, os.path.commonprefix(shards)]


# case: {"name": "Résumé (final) v2.pdf"}
# case: {"name": "a/b c?d#e"}
def safe_filename(name: str) -> str:
    encoded = quote(name, safe="")
    return encoded + " <- " + unquote_plus(encoded)


# case: {"url": "https://a.example/p?x=1#sec"}
def strip_fragment(url: str) -> Optional[str]:
    parts = urlparse(url)
    if not parts.fragment:
        return None
    return parts._replace(fragment="").geturl()


# case: {"query": "vector search", "filters": ["lang:en", "year>2020"], "k": 5}
# case: {"query": "", "filters": [], "k": 0}
def search_url(query: str, filters: list[str], k: int) -> str:
    """A search API URL whose parameters mix single values and repeated ones."""
    params = {"q": query, "filter": filters, "k": k}
    return "https://api.example.com/search?" + urlencode(params, doseq=True)
