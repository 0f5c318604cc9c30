"""The one outbound-address policy: every part that fetches or posts to an address a person gave (a press
officer's news source, another system's webhook, and any later one) goes through here.

- An address is `http(s)://host[:port]/…` with no user name or password in it.
- Its name is resolved, and every address it resolves to must be one the public Internet routes:
  loopback, private, link-local, multicast, reserved, unspecified, shared (CGN) and the IPv6 forms that
  carry such an IPv4 address (mapped, 6to4, NAT64, Teredo) are refused.
- This is checked when the address is given (`Policy.check`), and again by the connection itself each
  time it connects (`Policy.open`/`Policy.request`): the connection resolves the name, checks every
  address and connects to the checked address, so a name that changes its answer between the check and
  the connection (DNS rebinding) reaches nothing inside. Redirects are followed by hand, at most
  `MAX_REDIRECTS`, each hop checked the same way. No proxy, `.netrc` or environment setting is used.
- `OUTBOUND_ALLOW` (host names, addresses or CIDRs, comma-separated) lets a development or test system
  reach its own local servers; it is honoured only when `PLATFORM_ENV` is `development`.

`Refused` carries a Turkish reason fit to show staff; it names neither the address that answered nor
why, so the platform cannot be used to map the network it runs in.
"""
from __future__ import annotations

import contextlib
import ipaddress
import logging
import socket
from dataclasses import dataclass, field, replace
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError
from urllib3.util import connection as urllib3_connection

from . import secrets

log = logging.getLogger(__name__)

MAX_REDIRECTS = 5

# what staff are told (Turkish), by why an address was refused
REASONS = {
    "invalid": "Geçerli bir adres değil.",
    "scheme": "Adres {schemes} ile başlamalı.",
    "credentials": "Adreste kullanıcı adı ya da parola olmamalı.",
    "network": "Adres izin verilmeyen bir ağa çıkıyor (yerel ya da iç ağ adresi); yalnız İnternet'teki "
               "adreslere bağlanılır.",
}

# ranges the public Internet does not route to a server, beyond what `ipaddress` already calls
# non-global: CGN shared space, IETF protocol assignments, the 6to4 relay anycast, and the IPv6 prefixes
# that embed an IPv4 address (their IPv4 part is checked instead where it can be read)
_NOT_PUBLIC = tuple(ipaddress.ip_network(net) for net in (
    "0.0.0.0/8", "100.64.0.0/10", "192.0.0.0/24", "192.88.99.0/24", "198.18.0.0/15", "240.0.0.0/4",
    "64:ff9b::/96", "64:ff9b:1::/48", "2001::/32", "2002::/16", "100::/64", "2001:db8::/32", "fc00::/7",
    "fe80::/10", "fec0::/10", "ff00::/8"))


class Refused(Exception):
    """An address the platform does not fetch from or post to. `reason` is Turkish, for staff; `code`
    is one of `REASONS`."""

    def __init__(self, code, reason):
        super().__init__(reason)
        self.code, self.reason = code, reason


def is_public(ip) -> bool:
    """True for an address on the public Internet (the only kind a person's address may lead to)."""
    ip = ipaddress.ip_address(ip)
    if ip.version == 6 and ip.ipv4_mapped is not None:
        return is_public(ip.ipv4_mapped)
    if any(ip in net for net in _NOT_PUBLIC if net.version == ip.version):
        return False
    return ip.is_global and not (ip.is_multicast or ip.is_private or ip.is_loopback or ip.is_link_local
                                 or ip.is_reserved or ip.is_unspecified)


def _allow_entries(text):
    hosts, networks = set(), []
    for entry in (part.strip() for part in str(text or "").split(",")):
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry.strip("[]"), strict=False))
        except ValueError:
            hosts.add(entry.rstrip(".").lower())
    return frozenset(hosts), tuple(networks)


@dataclass(frozen=True)
class Policy:
    """What may be reached. The default is production's: public addresses only, http and https."""
    schemes: tuple = ("http", "https")
    allowed_hosts: frozenset = field(default_factory=frozenset)
    allowed_networks: tuple = ()

    @classmethod
    def from_config(cls, config) -> Policy:
        """From a service's config: `OUTBOUND_ALLOW` counts only where `PLATFORM_ENV` is `development`."""
        allow = config.get("OUTBOUND_ALLOW") or ""
        if not secrets.is_development(config):
            if str(allow).strip():
                log.warning("OUTBOUND_ALLOW is ignored: %s is not %s", secrets.SETTING, secrets.DEVELOPMENT)
            return cls()
        hosts, networks = _allow_entries(allow)
        return cls(allowed_hosts=hosts, allowed_networks=networks)

    def with_schemes(self, *schemes) -> Policy:
        return replace(self, schemes=tuple(schemes))

    # -- checking ------------------------------------------------------------------------------------
    def refused(self, code) -> Refused:
        schemes = " ya da ".join(f"{scheme}://" for scheme in self.schemes)
        return Refused(code, REASONS[code].format(schemes=schemes))

    def check_url(self, url):
        """The checks that need no network: the form of the address. Answers its parts."""
        if not isinstance(url, str) or not url or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
            raise self.refused("invalid")
        try:
            parts = urlsplit(url)
            parts.port  # noqa: B018 (a port that is not a number, or out of range, raises here)
        except ValueError:
            raise self.refused("invalid") from None
        if parts.scheme.lower() not in self.schemes:
            raise self.refused("scheme")
        if "@" in parts.netloc or parts.username is not None or parts.password is not None:
            raise self.refused("credentials")
        if not parts.hostname:
            raise self.refused("invalid")
        return parts

    def address_allowed(self, host, ip) -> bool:
        if host.rstrip(".").lower() in self.allowed_hosts:
            return True
        address = ipaddress.ip_address(ip)
        if any(address in net for net in self.allowed_networks if net.version == address.version):
            return True
        return is_public(address)

    def resolve(self, host, port):
        """Every address `host` resolves to, each checked; `Refused` if any is not allowed (a name with
        one public and one inside address is refused). `socket.gaierror` if it does not resolve."""
        host = host.strip("[]")
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        addresses = list(dict.fromkeys(info[4][0].split("%", 1)[0] for info in infos
                                       if info[0] in (socket.AF_INET, socket.AF_INET6)))
        if not addresses or not all(self.address_allowed(host, ip) for ip in addresses):
            log.warning("outbound address refused: a name resolved to an address that is not public")
            raise self.refused("network")
        return addresses

    def check(self, url, *, resolve=True):
        """For an address a person gives (a source, a subscription): its form, then what its name resolves
        to. A name that does not resolve now is not refused for that (DNS may be down, or the site not
        yet there); every connection to it is checked again."""
        parts = self.check_url(url)
        if resolve:
            try:
                self.resolve(parts.hostname, parts.port or (443 if parts.scheme.lower() == "https" else 80))
            except (socket.gaierror, UnicodeError):
                pass
        return parts

    # -- connecting ----------------------------------------------------------------------------------
    def session(self) -> requests.Session:
        """A `requests` session whose every connection goes through this policy (no redirects followed:
        `open`/`request` follow them, checking each)."""
        session = requests.Session()
        session.trust_env = False  # no proxy, no .netrc credentials, from the environment
        adapter = _CheckedAdapter(self)
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        return session

    @contextlib.contextmanager
    def open(self, method, url, *, max_redirects=MAX_REDIRECTS, **kwargs):
        """The final response to `method url` (closed on leaving), redirects followed by hand and checked.
        Raises `Refused`, or `requests.RequestException` for what the network or the server did.
        With `max_redirects=0` a redirect is answered as it came."""
        with self.session() as session:
            response = self._send(session, method, url, max_redirects, kwargs)
            with response:
                yield response

    def request(self, method, url, *, max_redirects=MAX_REDIRECTS, **kwargs) -> requests.Response:
        """Like `open`, with the body read."""
        with self.open(method, url, max_redirects=max_redirects, **kwargs) as response:
            response.content  # noqa: B018 (read before the connection closes)
            return response

    def _send(self, session, method, url, max_redirects, kwargs):
        method = method.upper()
        headers = dict(kwargs.pop("headers", None) or {})
        for hop in range(max_redirects + 1):
            parts = self.check_url(url)
            response = session.request(method, url, headers=headers, allow_redirects=False, **kwargs)
            if not response.is_redirect or max_redirects == 0:
                return response
            if hop == max_redirects:
                response.close()
                raise requests.TooManyRedirects(f"more than {max_redirects} redirects", response=response)
            target = urljoin(url, response.headers["Location"])
            response.close()
            if response.status_code in (301, 302, 303) and method not in ("GET", "HEAD"):
                method = "GET"  # what browsers do; the body is not sent on
                kwargs = {k: v for k, v in kwargs.items() if k not in ("data", "json", "files")}
                headers = {k: v for k, v in headers.items() if k.lower() not in ("content-type", "content-length")}
            if urlsplit(target).hostname != parts.hostname:
                headers = {k: v for k, v in headers.items() if k.lower() not in ("authorization", "cookie")}
            url = target
        raise AssertionError("unreachable")


class _CheckedConnection:
    """Resolves its host itself, checks every address with the policy, and connects to a checked one."""
    policy: Policy

    def _new_conn(self):
        try:
            addresses = self.policy.resolve(self.host, self.port)
        except socket.gaierror as exc:
            raise NameResolutionError(self.host, self, exc) from exc
        error = None
        for ip in addresses:
            try:
                return urllib3_connection.create_connection(
                    (ip, self.port), self.timeout, source_address=self.source_address,
                    socket_options=self.socket_options)
            except TimeoutError as exc:
                error = ConnectTimeoutError(self, f"connection timed out (connect timeout={self.timeout})")
                error.__cause__ = exc
            except OSError as exc:
                error = NewConnectionError(self, f"failed to establish a new connection: {exc}")
                error.__cause__ = exc
        raise error


@lru_cache(maxsize=64)
def _pool_classes(policy):
    http = type("CheckedHTTPConnection", (_CheckedConnection, HTTPConnection), {"policy": policy})
    https = type("CheckedHTTPSConnection", (_CheckedConnection, HTTPSConnection), {"policy": policy})
    return {"http": type("CheckedHTTPConnectionPool", (HTTPConnectionPool,), {"ConnectionCls": http}),
            "https": type("CheckedHTTPSConnectionPool", (HTTPSConnectionPool,), {"ConnectionCls": https})}


class _CheckedAdapter(HTTPAdapter):
    def __init__(self, policy):
        self._policy = policy
        super().__init__(max_retries=0)

    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = _pool_classes(self._policy)

    def proxy_manager_for(self, proxy, **proxy_kwargs):
        # a proxy would connect for us, past the check
        raise self._policy.refused("network")
