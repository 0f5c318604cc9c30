"""A caller of the gateway whose every answer is checked against the gateway's own OpenAPI document."""
import pytest
import schemathesis

from .conftest import Api, staff


class Documented:
    """One caller of the gateway; every answer must be one the OpenAPI document describes for the
    operation (status, content type, schema)."""

    def __init__(self, api, schema):
        self.api, self.schema = api, schema

    def __call__(self, method, template, json=None, params=None, data=None, headers=None, **ids):
        response = self.api.request(method, template.format(**ids), json=json, params=params, data=data,
                                    headers=headers)
        self.schema[template][method].validate_response(response)
        return response

    def ok(self, method, template, json=None, params=None, status=200, **ids):
        response = self(method, template, json=json, params=params, **ids)
        assert response.status_code == status, response.text[:500]
        return response.json() if response.headers["Content-Type"].startswith("application/json") else response


@pytest.fixture(scope="module")
def openapi(system):
    return schemathesis.openapi.from_url(f"{system.url}/api/openapi.json")


@pytest.fixture(scope="module")
def desk(system, openapi):
    """The public relations desk (pr_officer)."""
    return Documented(staff(system, "pr"), openapi)


@pytest.fixture(scope="module")
def press(system, openapi):
    return Documented(staff(system, "press"), openapi)


@pytest.fixture(scope="module")
def public(system, openapi):
    return Documented(Api(system.url), openapi)


@pytest.fixture(scope="module")
def makam(system, openapi):
    """The mayor's office (mayor_office)."""
    return Documented(staff(system, "makam"), openapi)


@pytest.fixture(scope="module")
def fen(system, openapi):
    """Fen İşleri's staff (directorate_staff)."""
    return Documented(staff(system, "fen"), openapi)


@pytest.fixture(scope="module")
def admin(system, openapi):
    return Documented(staff(system, "admin"), openapi)
