"""The SSRF issue through the gateway: a news source or a webhook whose address leads inside the
platform's network is refused when given, 422 with the Turkish reason beside `url`. (The e2e system is
a development one whose allow-list holds 127.0.0.1 for its own receivers and feeds; the addresses below
are inside addresses it does not allow.)"""
import pytest

from servicekit import outbound

from .documented import Documented, openapi, press  # noqa: F401 (fixtures)

pytestmark = pytest.mark.e2e

INSIDE = ("http://169.254.169.254/latest/meta-data/", "https://10.0.0.7/rss", "http://192.168.1.1:8080/",
          "https://[fe80::1]/rss")


def _url_errors(response):
    assert response.status_code == 422, response.text[:500]
    assert response.headers["Content-Type"].startswith("application/problem+json")
    return response.json()["errors"]["url"]


def test_a_news_source_inside_the_network_is_refused_with_the_reason(press):  # noqa: F811 (fixture)
    for url in INSIDE:
        response = press("POST", "/api/v1/press/sources", json={"url": url, "outlet": "İç Ağ"})
        assert _url_errors(response) == [outbound.REASONS["network"]]
    response = press("POST", "/api/v1/press/sources", json={"url": "https://a:b@haber.example/rss", "outlet": "X"})
    assert _url_errors(response) == [outbound.REASONS["credentials"]]
    assert press.ok("GET", "/api/v1/press/sources")["sources"] == []


def test_a_webhook_inside_the_network_is_refused_with_the_reason(portal):
    for url in INSIDE:
        response = portal.post("/api/v1/webhooks", {"url": url, "event_types": ["case_opened"]})
        assert _url_errors(response) == [outbound.REASONS["network"]]
    assert portal.get("/api/v1/webhooks").json()["subscriptions"] == []
