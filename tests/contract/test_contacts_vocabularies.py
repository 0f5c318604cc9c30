"""The gateway's copies of contacts' fixed vocabularies are contacts' own: the gateway does not depend on the
contacts package, yet its OpenAPI document lists these codes as enums, and a code missing there would be a
valid request the document calls invalid (or an answer it calls malformed)."""
import pytest

from contacts import categories, duplicates, exports, imports, segments_store
from contracts import contacts as contract
from gateway import contacts_schemas, contacts_views
from gateway.openapi import build_spec


@pytest.mark.parametrize("copy,original", [
    (contacts_schemas.CATEGORIES, categories.CATEGORIES),
    (contacts_schemas.LAWFUL_BASES, categories.LAWFUL_BASES),
    (contacts_schemas.EVENT_KINDS, categories.EVENT_KINDS),
    (contacts_schemas.KINDS, categories.KINDS),
    (contacts_schemas.FILE_FORMATS, imports.FORMATS),
    (contacts_schemas.FILE_FORMATS, exports.FILES),
    (contacts_views.DUPLICATE_REASONS, duplicates.REASONS),
    (contract.SEGMENT_KINDS, segments_store.KINDS),
], ids=["categories", "lawful_bases", "event_kinds", "kinds", "import_formats", "export_formats",
        "duplicate_reasons", "segment_kinds"])
def test_the_gateway_lists_the_codes_contacts_accepts(copy, original):
    assert list(copy) == list(original)


def test_the_press_conference_is_an_event_kind_of_contacts():
    assert contacts_schemas.PRESS_CONFERENCE in categories.EVENT_KINDS


def test_the_document_states_contacts_codes_as_enums():
    schemas = build_spec()["components"]["schemas"]
    assert schemas["ContactInput"]["properties"]["category"]["enum"] == [*categories.CATEGORIES, None]
    assert schemas["ContactConsentInput"]["properties"]["basis"]["enum"] == [*categories.LAWFUL_BASES, None]
    assert schemas["EventInput"]["properties"]["kind"]["enum"] == list(categories.EVENT_KINDS)
    assert schemas["SegmentFilter"]["properties"]["categories"]["items"]["enum"] == list(categories.CATEGORIES)
    assert schemas["ContactSummary"]["properties"]["category"]["enum"] == [*categories.CATEGORIES, None]
