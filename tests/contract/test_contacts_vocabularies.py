"""The information bank's vocabularies are defined once, in the contract (`contracts.contacts`): contacts
judges with them and the gateway's API document lists them as enums. A code the document lists that
contacts refused would be a valid request refused; a code contacts took that the document did not list, an
answer the document calls malformed."""
import pytest

from contacts import categories, duplicates, exports, imports, schemas, segments_store
from contacts.exceptions import InvalidInput
from contracts import contacts as contract
from gateway.openapi import build_spec


@pytest.mark.parametrize("used,defined", [
    (categories.CATEGORIES, contract.CATEGORIES),
    (categories.LAWFUL_BASES, contract.LAWFUL_BASES),
    (categories.EVENT_KINDS, contract.EVENT_KINDS),
    (categories.KINDS, contract.KINDS),
    (imports.FORMATS, contract.FILE_FORMATS),
    (tuple(exports.FILES), contract.FILE_FORMATS),
    (duplicates.REASONS, contract.DUPLICATE_REASONS),
    (segments_store.KINDS, contract.SEGMENT_KINDS),
], ids=["categories", "lawful_bases", "event_kinds", "kinds", "import_formats", "export_formats",
        "duplicate_reasons", "segment_kinds"])
def test_contacts_judges_with_the_contracts_vocabularies(used, defined):
    assert used == defined


def test_the_press_conference_is_an_event_kind():
    assert contract.PRESS_CONFERENCE in contract.EVENT_KINDS


@pytest.fixture(scope="module")
def components():
    return build_spec()["components"]["schemas"]


def test_the_document_states_contacts_codes_as_enums(components):
    assert components["ContactInput"]["properties"]["category"]["enum"] == [*contract.CATEGORIES, None]
    assert components["ContactConsentInput"]["properties"]["basis"]["enum"] == [*contract.LAWFUL_BASES, None]
    assert components["EventInput"]["properties"]["kind"]["enum"] == list(contract.EVENT_KINDS)
    assert components["SegmentFilter"]["properties"]["categories"]["items"]["enum"] == list(contract.CATEGORIES)
    assert components["ContactSummary"]["properties"]["category"]["enum"] == [*contract.CATEGORIES, None]
    assert components["DuplicateCandidate"]["properties"]["reasons"]["items"]["enum"] == list(
        contract.DUPLICATE_REASONS)


def test_every_code_the_document_lists_is_one_contacts_accepts_and_no_other(components):
    listed = components["ContactInput"]["properties"]
    for category in listed["category"]["enum"]:
        record = {"kind": "person", "full_name": "Ayşe Demir", "category": category}
        assert schemas.load(schemas.ContactSchema, record)["category"] == category
    for basis in components["ContactConsentInput"]["properties"]["basis"]["enum"]:
        assert schemas.load(schemas.ConsentSchema, {"basis": basis})["basis"] == basis
    for kind in components["EventInput"]["properties"]["kind"]["enum"]:
        event = {"kind": kind, "title": "Açılış", "starts_at": "2030-05-19T10:00:00+03:00"}
        assert schemas.load(schemas.EventSchema, event)["kind"] == kind
    with pytest.raises(InvalidInput):
        schemas.load(schemas.ContactSchema, {"kind": "person", "full_name": "Ayşe Demir", "category": "uzayli"})
