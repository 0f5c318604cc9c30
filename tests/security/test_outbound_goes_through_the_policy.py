"""Kept from the SSRF issue on: every outbound fetch or post of the platform goes through the one
outbound-address policy (`servicekit.outbound`). Outside it, the source of services/, gateway/ and libs/
may name a network library only for its exception classes (to catch what the policy's connection raised);
a new `requests.get`, `urlopen`, `socket.create_connection`, `feedparser.parse(url)` … fails here.

The exceptions are addresses an operator configures, not ones a person gives: the SMTP relay and the SMS
provider's API. Each is listed with its reason, and the list may not keep an entry that is no longer used.
"""
import ast
import importlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [path for part in ("services", "gateway", "libs") for path in (ROOT / part).rglob("*.py")
           if "tests" not in path.relative_to(ROOT).parts]
POLICY = "libs/servicekit/servicekit/outbound.py"
# modules that open connections of their own; feedparser fetches when handed an address
NETWORK = ("requests", "urllib3", "urllib.request", "http.client", "httpx", "aiohttp", "socket", "ssl", "smtplib",
           "ftplib", "telnetlib", "imaplib", "poplib", "xmlrpc.client", "pycurl", "eventlet.green", "websocket",
           "feedparser")
OPERATOR_CONFIGURED = {
    "services/notify/notify/email_channel.py": ({"smtplib"}, "the SMTP relay (SMTP_HOST)"),
    "services/notify/notify/sms_channel.py": ({"requests"}, "the SMS provider's API (SMS_PROVIDER_URL)"),
}


def _network_module(dotted):
    return next((name for name in NETWORK if dotted == name or dotted.startswith(name + ".")), None)


def _dotted(node):
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        return ".".join([node.id, *reversed(parts)])
    return None


def _is_exception_class(dotted):
    """True when `dotted` names an exception class (what a caller may catch from the policy)."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            found = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        try:
            for name in parts[cut:]:
                found = getattr(found, name)
        except AttributeError:
            return False
        return isinstance(found, type) and issubclass(found, BaseException)
    return False


def _is_stream(node):
    return isinstance(node, ast.Call) and _dotted(node.func) in ("io.BytesIO", "BytesIO")


def network_uses(source):
    """(module, what) for each use of a network library in `source` other than naming an exception class;
    `feedparser.parse` is a use unless what it parses is an `io.BytesIO` (bytes already fetched)."""
    tree = ast.parse(source)
    aliases, found = {}, []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if _network_module(alias.name):  # `import a.b` binds `a`; `import a.b as c` binds a.b
                    aliases[alias.asname or alias.name.split(".")[0]] = \
                        alias.name if alias.asname else alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                dotted = f"{node.module}.{alias.name}"
                if module := _network_module(dotted):
                    aliases[alias.asname or alias.name] = dotted
                    if not _is_exception_class(dotted):
                        found.append((module, dotted))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    for node in ast.walk(tree):
        if not isinstance(node, (ast.Attribute, ast.Name)) or isinstance(parents.get(node), ast.Attribute):
            continue  # the outermost name of a chain only
        dotted = _dotted(node)
        if not dotted or dotted.split(".")[0] not in aliases:
            continue
        root, _, rest = dotted.partition(".")
        full = aliases[root] + ("." + rest if rest else "")
        module = _network_module(full)
        if module is None:
            continue
        if full == "feedparser.parse":
            call = parents.get(node)
            if isinstance(call, ast.Call) and call.func is node and call.args and _is_stream(call.args[0]):
                continue
            found.append((module, full))
        elif not _is_exception_class(full):
            found.append((module, full))
    return found


def _uses_by_file():
    uses = {}
    for path in SOURCES:
        name = str(path.relative_to(ROOT))
        if found := network_uses(path.read_text(encoding="utf-8")):
            uses[name] = found
    return uses


def test_every_outbound_connection_goes_through_the_address_policy():
    uses = _uses_by_file()
    assert POLICY in uses, "the scan does not see the policy's own connections: it no longer looks at the source"
    outside = {path: sorted(set(found)) for path, found in uses.items()
               if path != POLICY and not {module for module, _ in found} <= OPERATOR_CONFIGURED.get(path, ({},))[0]}
    assert not outside, "fetch or post through servicekit.outbound.Policy (open/request), not directly"


def test_the_operator_configured_exceptions_are_still_what_they_say():
    uses = _uses_by_file()
    for path, (modules, _reason) in OPERATOR_CONFIGURED.items():
        assert modules <= {module for module, _ in uses.get(path, ())}, f"{path} no longer needs its exception"


def test_the_scan_finds_each_way_around_the_policy():
    """The scan itself: each of these would reach an address without the policy."""
    around = {
        "import requests\nrequests.get(url)": "requests.get",
        "import requests\nwith requests.Session() as s:\n    s.post(url)": "requests.Session",
        "from requests import post\npost(url)": "requests.post",
        "import urllib.request\nurllib.request.urlopen(url)": "urllib.request.urlopen",
        "from urllib.request import urlopen\nurlopen(url)": "urllib.request.urlopen",
        "import http.client\nhttp.client.HTTPConnection(host)": "http.client.HTTPConnection",
        "import socket\nsocket.create_connection((host, 80))": "socket.create_connection",
        "import socket as s\ns.socket().connect((host, 80))": "socket.socket",
        "import urllib3\nurllib3.PoolManager().request('GET', url)": "urllib3.PoolManager",
        "import feedparser\nfeedparser.parse(url)": "feedparser.parse",
        "import smtplib\nsmtplib.SMTP(host)": "smtplib.SMTP",
    }
    for source, use in around.items():
        assert use in {what for _, what in network_uses(source)}, source
    allowed = ("import requests\ntry:\n    pass\nexcept requests.RequestException:\n    pass\n"
               "except (requests.Timeout, requests.exceptions.SSLError):\n    pass\n"
               "import io, feedparser\nfeedparser.parse(io.BytesIO(body))\n"
               "import socket\ntry:\n    pass\nexcept socket.timeout:\n    pass\n")
    assert network_uses(allowed) == []
