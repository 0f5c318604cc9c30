"""The press service's part of the OpenAPI document."""
from . import press_schemas
from .openapi_common import AUTH_ERRORS, JSON_BODY_ERRORS, STAFF, json_body, op


def add_paths(spec):
    for name in ("PressRequest", "PressRequestCreated"):
        spec.components.schema(name, schema=getattr(press_schemas, f"{name}Schema"))
    spec.path(path="/api/v1/press/requests", operations={"post": op(
        "Gazetecinin bilgi ya da röportaj talebi: ilgili müdürlüğe yönlendirilir, cevabı Başkanlık Makamı "
        "onayladıktan sonra gazeteciye gider", "submitPressRequest", STAFF,
        {"201": json_body("PressRequestCreated", "Alındı"),
         "200": json_body("PressRequestCreated", "Aynı talep daha önce alınmış: ilk sonuç")},
        (*AUTH_ERRORS, "409", *JSON_BODY_ERRORS), body="PressRequest",
        parameters=[{"name": "Idempotency-Key", "in": "header", "required": False,
                     "schema": {"type": "string", "maxLength": 200}}])})
