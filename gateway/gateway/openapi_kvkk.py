"""The KVKK data-subject search's part of the OpenAPI document (ilgili kişi başvurusu, KVKK m. 11, 13)."""
from contracts import personal_data as kvkk_schemas

from .openapi_common import AUTH_ERRORS, JSON_BODY_ERRORS, STAFF, json_body, op


def add_paths(spec):
    spec.components.schema("PersonalDataQuery", schema=kvkk_schemas.PersonalDataQuerySchema)
    spec.components.schema("PersonalData", schema=kvkk_schemas.PersonalDataSchema)
    spec.path(path="/api/v1/kvkk/personal-data", operations={
        "post": {"tags": ["KVKK"], **op("KVKK ilgili kişi başvurusu için kişinin verileri: TC Kimlik No, e-posta ya da telefonu (en az "
                   "biri) başvuru sahibininkiyle eşleşen başvurular, saklanan kişisel verileriyle; e-posta ya da "
                   "telefon verildiyse bilgi bankasındaki kayıtlar. Yalnızca halkla ilişkiler masası ve yönetici; "
                   "her arama denetim kaydına kişisel veri okuması olarak yazılır.", "kvkkPersonalData", STAFF,
                   {"200": json_body("PersonalData", "Kişinin başvuruları ve bilgi bankası kayıtları")},
                   (*AUTH_ERRORS, *JSON_BODY_ERRORS), body="PersonalDataQuery")}})
