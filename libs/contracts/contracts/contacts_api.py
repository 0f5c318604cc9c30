"""The operations contacts offers through the gateway, declared once (`contracts.api.Operation`), with what
they take and answer and the vocabularies they use: contacts validates with these input schemas, the gateway
serves and documents each from its declaration, press reads a conference as an `EventView`. So far the
segments, and protocol's precedence list, event list, attendance, seating and speaking order; the rest of
the information bank and protocol are still the gateway's hand-written routes."""
import datetime as dt
from functools import partial

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from .api import Audit, Operation
from .contacts import SEGMENT_KINDS
from .inbound import StrictSchema, no_control_characters, one_line

TAG = "Bilgi bankası"
PROTOCOL_TAG = "Protokol"
INVITATION_STATUSES = ("invited", "accepted", "declined")
# contact categories (contacts.categories names each and says whether a person or an organisation)
CATEGORIES = ("stk", "dernek", "vakif", "siyasi_parti", "esnaf_odasi", "meslek_odasi", "medya", "kamu_kurumu",
              "mudurluk", "egitim_kurumu", "il_protokolu", "ilce_protokolu", "gazeteci", "muhtar")
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2100, 12, 31)

# kinds of events the protocol desk runs, with their Turkish names
EVENT_KINDS = {
    "toren": "Tören",
    "acilis": "Açılış",
    "basin_toplantisi": "Basın toplantısı",
    "mahalle_toplantisi": "Mahalle toplantısı",
    "personel_egitimi": "Personel eğitimi",
}
EVENT_STATUSES = ("planned", "held", "cancelled")


class ProtocolEvent(Schema):
    """An event as contacts shows it (ids and moments as text)."""
    id = fields.UUID()
    kind = fields.String(metadata={"enum": list(EVENT_KINDS)})
    title = fields.String()
    starts_at = fields.DateTime()
    place = fields.String(allow_none=True)
    rows = fields.List(fields.Integer())
    status = fields.String(metadata={"enum": list(EVENT_STATUSES)})
    created_by = fields.String(allow_none=True)
    created_at = fields.DateTime()


# -- fields ------------------------------------------------------------------------------------------------
def text(max_length, required=False, min_length=None, **kwargs):
    least = (1 if required else 0) if min_length is None else min_length
    return fields.String(required=required, validate=[validate.Length(min=least, max=max_length),
                                                      no_control_characters], **kwargs)


def texts(max_items, max_length, **kwargs):
    """A list of short texts (the inner strings are checked here: StrictSchema binds only the outer field)."""
    return fields.List(fields.String(validate=[validate.Length(min=1, max=max_length), no_control_characters]),
                       validate=validate.Length(max=max_items), **kwargs)


def line(max_length, required=False, min_length=None, **kwargs):
    """A one-line text (a name, a title, a place, a file name): no CR/LF (`contracts.inbound.one_line`)."""
    field = text(max_length, required=required, min_length=min_length, **kwargs)
    field.validators.append(one_line)
    return field


def one_of(choices, **kwargs):
    return fields.String(validate=validate.OneOf(choices, error="Şunlardan biri olmalı: " + ", ".join(choices) + "."),
                         **kwargs)


def enum_of(choices, nullable=False):
    """An OpenAPI enum of `choices` (with null when the field takes none)."""
    return [*choices, None] if nullable else list(choices)


def code(choices, min_length=None, **kwargs):
    """A code of one of contacts' vocabularies: listed in the document, judged by contacts with its own words."""
    metadata = {"enum": enum_of(choices, kwargs.get("allow_none", False)), **kwargs.pop("metadata", {})}
    return text(40, min_length=min_length, metadata=metadata, **kwargs)


def codes(choices, max_items, **kwargs):
    return fields.List(code(choices, min_length=1), validate=validate.Length(max=max_items), **kwargs)


def day(**kwargs):
    return fields.Date(validate=validate.Range(min=FIRST_DAY, max=LAST_DAY,
                                               error="1900-01-01 ile 2100-12-31 arasında olmalı."), **kwargs)


def ids(max_items, min_items=0, **kwargs):
    return fields.List(fields.UUID(), validate=validate.Length(min=min_items, max=max_items), **kwargs)


def page_limit(default=50, most=200):
    return fields.Integer(load_default=default, validate=validate.Range(min=1, max=most))


def page_offset():
    return fields.Integer(load_default=0, validate=validate.Range(min=0, max=1_000_000))


# -- segments: what they take ---------------------------------------------------------------------------------
class SegmentFilter(StrictSchema):
    """A saved filter: every criterion given narrows the list; within a list any value will do."""
    categories = codes(CATEGORIES, 20)
    tags = texts(30, 100)
    neighbourhoods = texts(50, 100)
    organisation_id = fields.UUID(allow_none=True)
    offices = texts(50, 60)
    active_on = day(allow_none=True)
    has_email = fields.Boolean(allow_none=True)
    has_phone = fields.Boolean(allow_none=True)


class SegmentInput(StrictSchema):
    name = line(200, required=True, metadata={"example": "İlçe protokolü"})
    kind = one_of(SEGMENT_KINDS, required=True)
    filter = fields.Nested(SegmentFilter, metadata={"description": "kind = filter için"})
    members = ids(5000, metadata={"description": "kind = fixed için kayıt kimlikleri"})

    @validates_schema
    def _fits_its_kind(self, data, **_):
        if data.get("kind") == "fixed" and "filter" in data:
            raise ValidationError("Elle tutulan bir listenin süzgeci olmaz.", "filter")
        if data.get("kind") == "filter" and data.get("members"):
            raise ValidationError("Süzgeçle tanımlı bir listeye elle kişi eklenmez.", "members")


class SegmentChanges(StrictSchema):
    name = line(200, min_length=1)
    filter = fields.Nested(SegmentFilter)


class SegmentMembersInput(StrictSchema):
    contact_ids = ids(1000, min_items=1, required=True)


# -- segments: what they answer -------------------------------------------------------------------------------
class Segment(Schema):
    id = fields.UUID()
    name = fields.String()
    kind = fields.String(metadata={"enum": enum_of(SEGMENT_KINDS)})
    filter = fields.Dict(allow_none=True)
    created_by = fields.String(allow_none=True)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()
    members = fields.Integer(metadata={"description": "Bugünkü toplu gönderim listesindeki kişi sayısı"})


class SegmentList(Schema):
    segments = fields.List(fields.Nested(Segment))


class SegmentDeleted(Schema):
    id = fields.UUID()
    deleted = fields.Boolean()


class SegmentMember(Schema):
    contact_id = fields.UUID()
    full_name = fields.String()
    email = fields.String(allow_none=True)
    phone = fields.String(allow_none=True, metadata={"description": "Cep telefonu (SMS), yoksa boş"})
    address = fields.String(allow_none=True,
                            metadata={"description": "İlk posta adresi (basılı gönderiler için), yoksa boş"})
    organisation = fields.String(allow_none=True, metadata={"description": "Bugün görev yaptığı kurum, yoksa boş"})


class SegmentMembers(Schema):
    members = fields.List(fields.Nested(SegmentMember))


# -- the operations -------------------------------------------------------------------------------------------
contacts = partial(Operation, service="contacts", tag=TAG)
write = partial(contacts, rule="contacts.write")

SEGMENTS = (
    write("POST", "/api/v1/segments", rpc="create_segment", args=("body", "actor"), input=SegmentInput,
          max_body=256 * 1024, output=Segment, status=201, errors=("409",),
          audit=Audit("segment.create", "segment", "answer.id"),
          summary="Liste: elle tutulan (fixed) ya da kayıtlı süzgeç (filter); ad alınmışsa 409",
          operation_id="createSegment"),
    contacts("GET", "/api/v1/segments", rpc="list_segments", rule="contacts.read", args=("actor",),
             output=SegmentList, answer_key="segments",
             summary="Listeler ve bugünkü toplu gönderim listelerinin büyüklüğü", operation_id="listSegments"),
    write("PATCH", "/api/v1/segments/{segment_id}", rpc="update_segment", args=("path.segment_id", "body", "actor"),
          input=SegmentChanges, output=Segment, errors=("409",),
          audit=Audit("segment.update", "segment", "path.segment_id"),
          summary="Listeyi yeniden adlandır ya da süzgecini değiştir", operation_id="updateSegment"),
    write("DELETE", "/api/v1/segments/{segment_id}", rpc="delete_segment", args=("path.segment_id", "actor"),
          output=SegmentDeleted, audit=Audit("segment.delete", "segment", "path.segment_id"),
          summary="Listeyi sil", operation_id="deleteSegment"),
    # the bulk list as it stands today (name, e-mail, phone, address of each): a read of personal data
    contacts("GET", "/api/v1/segments/{segment_id}/members", rpc="segment_members", rule="contacts.read",
             args=("path.segment_id",), output=SegmentMembers, answer_key="members",
             audit=Audit("segment.members_read", "segment", "path.segment_id", personal_data=True),
             summary="Listenin bugünkü toplu gönderim listesi (yasal dayanağı olan, iletişimi reddetmemiş kişiler)",
             operation_id="segmentMembers"),
    write("POST", "/api/v1/segments/{segment_id}/members", rpc="add_to_segment",
          args=("path.segment_id", "body.contact_ids", "actor"), input=SegmentMembersInput, max_body=128 * 1024,
          output=Segment, errors=("409",), audit=Audit("segment.members_add", "segment", "path.segment_id"),
          summary="Elle tutulan listeye kayıt ekle (süzgeçli listede 409)", operation_id="addSegmentMembers"),
    write("DELETE", "/api/v1/segments/{segment_id}/members/{contact_id}", rpc="remove_from_segment",
          args=("path.segment_id", ("path.contact_id",), "actor"), output=Segment, errors=("409",),
          audit=Audit("segment.member_remove", "segment", "path.segment_id"),
          summary="Kaydı elle tutulan listeden çıkar (süzgeçli listede 409)", operation_id="removeSegmentMember"),
)


# -- protocol: what it takes ------------------------------------------------------------------------------------
class EventQuery(StrictSchema):
    limit = page_limit(50, 500)
    offset = page_offset()


class ReservedSeat(StrictSchema):
    row = fields.Integer(required=True, validate=validate.Range(min=1, max=50))
    seat = fields.Integer(required=True, validate=validate.Range(min=1, max=200))
    contact_id = fields.UUID(allow_none=True,
                             metadata={"description": "Boşsa koltuk kapalı; doluysa o kişiye ayrılmış"})


class SeatingInput(StrictSchema):
    reserved = fields.List(fields.Nested(ReservedSeat), load_default=list, validate=validate.Length(max=500))


class SeatMoveInput(StrictSchema):
    contact_id = fields.UUID(required=True)
    row = fields.Integer(required=True, validate=validate.Range(min=1, max=50))
    seat = fields.Integer(required=True, validate=validate.Range(min=1, max=200))


class SpeakingOrderInput(StrictSchema):
    contact_ids = ids(200, required=True, metadata={"description": "İlk konuşan önce; boş liste: protokol sırası"})


# -- protocol: what it answers ----------------------------------------------------------------------------------
class PrecedenceOffice(Schema):
    office = fields.String()
    title = fields.String()
    rank = fields.Integer()
    source = fields.String(allow_none=True)
    updated_by = fields.String(allow_none=True)
    updated_at = fields.DateTime(allow_none=True)


class PrecedenceList(Schema):
    offices = fields.List(fields.Nested(PrecedenceOffice))


class ProtocolEventList(Schema):
    events = fields.List(fields.Nested(ProtocolEvent))


class SeatPlace(Schema):
    row = fields.Integer()
    seat = fields.Integer()


class Guest(Schema):
    invitation_id = fields.UUID()
    contact_id = fields.UUID()
    name = fields.String()
    status = fields.String(metadata={"enum": list(INVITATION_STATUSES)})
    replied_at = fields.DateTime(allow_none=True)
    checked_in_at = fields.DateTime(allow_none=True)
    seat = fields.Nested(SeatPlace, allow_none=True)


class AttendanceCounts(Schema):
    total = fields.Integer()
    invited = fields.Integer()
    accepted = fields.Integer()
    declined = fields.Integer()
    checked_in = fields.Integer()


class Attendance(Schema):
    event = fields.Nested(ProtocolEvent)
    counts = fields.Nested(AttendanceCounts)
    guests = fields.List(fields.Nested(Guest))


class Seat(Schema):
    row = fields.Integer()
    seat = fields.Integer(metadata={"description": "Oturanın solundan sağına 1..n"})
    contact_id = fields.UUID(allow_none=True, metadata={"description": "Boşsa kapalı koltuk"})
    reserved = fields.Boolean()
    name = fields.String(allow_none=True)
    title = fields.String(allow_none=True)


class Seating(Schema):
    event_id = fields.UUID()
    rows = fields.List(fields.Integer())
    seats = fields.List(fields.Nested(Seat))


class Speaker(Schema):
    contact_id = fields.UUID()
    name = fields.String()
    title = fields.String(allow_none=True)
    rank = fields.Integer(allow_none=True)


class SpeakingOrder(Schema):
    event_id = fields.UUID()
    by_hand = fields.Boolean()
    speakers = fields.List(fields.Nested(Speaker))


EventView = ProtocolEvent  # as press reads a press conference

protocol = partial(Operation, service="contacts", tag=PROTOCOL_TAG)


def _event_audit(action):
    """What protocol shows or changes of an event names its guests: a read or change of personal data."""
    return Audit(action, "event", "path.event_id", personal_data=True)


PROTOCOL = (
    protocol("GET", "/api/v1/protocol/precedence", rpc="list_precedence", rule="protocol.read", args=("actor",),
             output=PrecedenceList, answer_key="offices",
             summary="İlçe protokol listesi, en kıdemli önce (sırayı kişi değil makam belirler)",
             operation_id="listPrecedence"),
    protocol("GET", "/api/v1/events", rpc="list_events", rule="protocol.read",
             args=("actor", "query.limit", "query.offset"), query=EventQuery, output=ProtocolEventList,
             answer_key="events", summary="Etkinlikler (en yeni önce)", operation_id="listEvents"),
    protocol("GET", "/api/v1/events/{event_id}/attendance", rpc="attendance", rule="protocol.read",
             args=("path.event_id", "actor"), output=Attendance, audit=_event_audit("protocol.attendance"),
             summary="Katılım: sayılar ve her davetlinin yanıtı, gelişi, koltuğu", operation_id="eventAttendance"),
    protocol("POST", "/api/v1/events/{event_id}/seating", rpc="generate_seating", rule="protocol.manage",
             args=("path.event_id", "body.reserved", "actor"), input=SeatingInput, body_optional=True,
             max_body=4 * 1024,
             output=Seating, errors=("409",), audit=_event_audit("protocol.seating_generate"),
             summary="Oturma planı: katılacağını bildirenler etkinlik günündeki protokol sırasıyla; en kıdemli ön "
                     "sıranın ortasında, sonrakiler oturanın sağına ve soluna dönüşümlü",
             operation_id="generateSeating"),
    protocol("GET", "/api/v1/events/{event_id}/seating", rpc="get_seating", rule="protocol.read",
             args=("path.event_id", "actor"), output=Seating, audit=_event_audit("protocol.seating_read"),
             summary="Oturma planı", operation_id="getSeating"),
    protocol("POST", "/api/v1/events/{event_id}/seating/move", rpc="move_seat", rule="protocol.manage",
             args=("path.event_id", "body.contact_id", "body.row", "body.seat", "actor"), input=SeatMoveInput,
             output=Seating, errors=("409",), audit=_event_audit("protocol.seat_move"),
             summary="Konuğu başka koltuğa al; orada oturan onun koltuğuna geçer", operation_id="moveSeat"),
    protocol("GET", "/api/v1/events/{event_id}/speaking-order", rpc="speaking_order", rule="protocol.read",
             args=("path.event_id", "actor"), output=SpeakingOrder, audit=_event_audit("protocol.speaking_order_read"),
             summary="Konuşma sırası: elle belirlenmişse o, değilse kıdemsizden kıdemliye (en kıdemli en son)",
             operation_id="speakingOrder"),
    protocol("PUT", "/api/v1/events/{event_id}/speaking-order", rpc="set_speaking_order", rule="protocol.manage",
             args=("path.event_id", "body.contact_ids", "actor"), input=SpeakingOrderInput, output=SpeakingOrder,
             errors=("409",), audit=_event_audit("protocol.speaking_order_set"),
             summary="Konuşma sırasını elle belirle (boş liste: protokol sırası)", operation_id="setSpeakingOrder"),
)

OPERATIONS = SEGMENTS + PROTOCOL
