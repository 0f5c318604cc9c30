"""The outbound-address policy: what a person's address may lead to, checked when it is given, at each
connection and at each redirect (the SSRF issue's attacks, against real local servers)."""
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from servicekit import outbound
from servicekit.outbound import Policy, Refused, is_public

PRODUCTION = Policy()


class Site(BaseHTTPRequestHandler):
    """`/redirect?to=…` answers 302 there; anything else 200 with the path. Every request is noted."""

    def do_GET(self):  # noqa: N802 (http.server's naming)
        self.server.seen.append(self.path)
        if self.path.startswith("/redirect?to="):
            self.send_response(302)
            self.send_header("Location", self.path.split("=", 1)[1])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = f"iç servis {self.path}".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET

    def log_message(self, *args):
        pass


def _serve(address, family=socket.AF_INET):
    server_class = type("Server", (ThreadingHTTPServer,), {"address_family": family})
    httpd = server_class((address, 0), Site)
    httpd.seen = []
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


@pytest.fixture
def inside():
    """A service on this machine's loopback that no person's address may reach."""
    httpd = _serve("127.0.0.1")
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def outside():
    """Stands for a public web site: on 127.0.0.2, which the test's policy alone allows."""
    httpd = _serve("127.0.0.2")
    yield httpd
    httpd.shutdown()
    httpd.server_close()


# -- which addresses are public -------------------------------------------------------------------------
@pytest.mark.parametrize("address", [
    "127.0.0.1", "127.1.2.3", "10.0.0.5", "172.16.3.4", "192.168.1.1", "169.254.169.254", "0.0.0.0", "100.64.0.1",
    "224.0.0.1", "239.255.255.250", "255.255.255.255", "240.0.0.1", "192.0.0.8", "198.18.0.1", "192.0.2.1",
    "::1", "::", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "fe80::1", "fc00::1",
    "fd12:3456::1", "ff02::1", "2002:7f00:1::1", "64:ff9b::7f00:1", "2001:db8::1", "2001:0:4136:e378::1",
])
def test_addresses_inside_or_reserved_are_not_public(address):
    assert not is_public(address)


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:93.184.216.34"])
def test_internet_addresses_are_public(address):
    assert is_public(address)


# -- the form of an address -----------------------------------------------------------------------------
@pytest.mark.parametrize("url, code", [
    ("ftp://example.org/rss", "scheme"), ("file:///etc/passwd", "scheme"), ("gopher://example.org/", "scheme"),
    ("https://kullanici:parola@example.org/rss", "credentials"), ("https://kullanici@example.org/", "credentials"),
    ("https://[", "invalid"), ("https://example.org:port/", "invalid"), ("https://a b.example/", "invalid"),
    ("https:///yol", "invalid"), ("", "invalid"), ("https://example.org/\r\nX-Header: 1", "invalid"),
])
def test_an_address_of_the_wrong_form_is_refused_without_a_lookup(url, code, monkeypatch):
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: pytest.fail("looked up"))
    with pytest.raises(Refused) as refused:
        PRODUCTION.check(url)
    assert refused.value.code == code


def test_a_webhook_policy_can_ask_for_https_only():
    with pytest.raises(Refused, match="https://"):
        PRODUCTION.with_schemes("https").check_url("http://example.org/hook")


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:8000/", "https://127.0.0.1:15672/api", "http://localhost:5432/", "https://[::1]:9103/",
    "http://[::ffff:127.0.0.1]/", "http://0.0.0.0:22/",
    "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://[fe80::1]/",
])
def test_an_address_that_leads_inside_is_refused_when_given(url):
    with pytest.raises(Refused) as refused:
        PRODUCTION.check(url)
    assert refused.value.code == "network"
    assert refused.value.reason == outbound.REASONS["network"]  # the same words whatever is inside


def test_a_name_that_does_not_resolve_yet_is_not_refused_for_that():
    assert PRODUCTION.check("https://yok.invalid/rss").hostname == "yok.invalid"


# -- connecting ----------------------------------------------------------------------------------------
def test_the_loopback_is_not_fetched_by_any_of_its_names(inside):
    port = inside.server_address[1]
    for url in (f"http://127.0.0.1:{port}/", f"http://localhost:{port}/", f"http://[::ffff:127.0.0.1]:{port}/"):
        with pytest.raises(Refused):
            PRODUCTION.request("GET", url, timeout=5)
    for url in (f"http://2130706433:{port}/", f"http://0x7f.1:{port}/", f"http://127.1:{port}/"):
        # the short and numeric spellings: refused, or (eventlet's resolver) not names at all
        with pytest.raises((Refused, requests.ConnectionError)):
            PRODUCTION.request("GET", url, timeout=5)
    assert inside.seen == []


def test_a_redirect_into_the_network_is_refused(inside, outside):
    """A public site (here: the one address the policy allows) that redirects to an inside address."""
    policy = Policy(allowed_networks=(outbound.ipaddress.ip_network("127.0.0.2/32"),))
    public = f"http://127.0.0.2:{outside.server_address[1]}"
    secret = f"http://127.0.0.1:{inside.server_address[1]}/yonetim"
    assert policy.request("GET", f"{public}/haber", timeout=5).text == "iç servis /haber"  # allowed itself
    for method in ("GET", "POST"):
        with pytest.raises(Refused):
            policy.request(method, f"{public}/redirect?to={secret}", timeout=5)
    with pytest.raises(Refused, match="parola"):
        policy.request("GET", f"{public}/redirect?to=http://a:b@127.0.0.2:{outside.server_address[1]}/", timeout=5)
    assert inside.seen == []


def test_redirects_are_followed_within_the_policy_and_bounded(outside):
    policy = Policy(allowed_networks=(outbound.ipaddress.ip_network("127.0.0.2/32"),))
    public = f"http://127.0.0.2:{outside.server_address[1]}"
    response = policy.request("GET", f"{public}/redirect?to=/son", timeout=5)
    assert (response.status_code, response.text, response.url) == (200, "iç servis /son", f"{public}/son")
    loop = f"{public}/redirect?to=/redirect?to=/redirect?to=/son"
    assert policy.request("GET", loop, timeout=5, max_redirects=0).status_code == 302  # as it came
    with pytest.raises(requests.TooManyRedirects):
        policy.request("GET", loop, timeout=5, max_redirects=1)


def test_a_name_that_changes_its_answer_after_the_check_reaches_nothing_inside(inside, monkeypatch):
    """DNS rebinding: public when the address is given, the loopback when the platform connects."""
    real = socket.getaddrinfo
    answers = iter(["93.184.216.34", "127.0.0.1", "127.0.0.1"])

    def rebinding(host, port, *args, **kwargs):
        if host == "haber.example":
            return real(next(answers), port, *args, **kwargs)
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    url = f"http://haber.example:{inside.server_address[1]}/"
    PRODUCTION.check(url)  # given: public then
    with pytest.raises(Refused):
        PRODUCTION.request("GET", url, timeout=5)
    assert inside.seen == []


def test_a_proxy_from_the_environment_is_not_used(outside, monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:9")
    policy = Policy(allowed_networks=(outbound.ipaddress.ip_network("127.0.0.2/32"),))
    assert policy.request("GET", f"http://127.0.0.2:{outside.server_address[1]}/", timeout=5).status_code == 200


# -- the allow-list: development and tests only --------------------------------------------------------
def test_the_allow_list_counts_only_in_development(inside):
    url = f"http://127.0.0.1:{inside.server_address[1]}/yerel"
    for environment in (None, "production", "staging", "Development-ish"):
        policy = Policy.from_config({"PLATFORM_ENV": environment, "OUTBOUND_ALLOW": "127.0.0.1,localhost"})
        assert policy == PRODUCTION
        with pytest.raises(Refused):
            policy.request("GET", url, timeout=5)
    assert inside.seen == []
    development = Policy.from_config({"PLATFORM_ENV": "development", "OUTBOUND_ALLOW": " 127.0.0.0/8 , ::1 "})
    assert development.request("GET", url, timeout=5).text == "iç servis /yerel"
    named = Policy.from_config({"PLATFORM_ENV": "development", "OUTBOUND_ALLOW": "localhost"})
    assert named.request("GET", f"http://localhost:{inside.server_address[1]}/ad", timeout=5).status_code == 200
    with pytest.raises(Refused):  # the name is allowed, not the address it has
        named.request("GET", url, timeout=5)
