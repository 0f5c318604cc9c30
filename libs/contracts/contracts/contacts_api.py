"""The operations contacts offers through the gateway, declared once (`contracts.api.Operation`): the
information bank's records, upkeep, duplicates and imports (what they take and answer: `contacts_records`),
its segments (below), and protocol's precedence list, events, invitations, seating and speaking order
(`contacts_protocol`). Contacts validates with these input schemas; the gateway serves, authorises, audits
and documents each from its declaration. The vocabularies are `contracts.contacts`'.

What a declaration cannot say stays a hand-written route of the gateway (gateway/routes/contacts.py,
invitations.py), which still takes its schemas from here: the export (a file with its record count in a
header) and the invitee's page and reply (HTML or JSON on one route)."""
from functools import partial

from marshmallow import Schema, ValidationError, fields, validates_schema

from .api import Audit, Operation, Text
from .contacts import CATEGORIES, OFFICE_CODE, SEGMENT_KINDS
from .contacts_fields import codes, day, enum_of, ids, line, one_of, texts
from .contacts_protocol import (Attendance, CheckedIn, CheckInInput, EventInput, EventQuery,  # noqa: F401
                                EventView, InvitationReply, InvitationReplyRecord, InvitationsInput,
                                InvitationsSent, PrecedenceInput, PrecedenceList, PrecedenceSet, ProtocolEvent,
                                ProtocolEventList, Seating, SeatingInput, SeatMoveInput, SpeakingOrder,
                                SpeakingOrderInput)
from .contacts_records import (IMPORT_BODY_BYTES, RECORD_BYTES, Contact, ContactChanges, ContactImport,
                               ContactImportInput, ContactInput, ContactMerge, ContactOptOut, ContactPage,
                               ContactReverification, ContactRoleEnd, ContactRoleInput, ContactSearchQuery,
                               ContactsMerged, ContactVerified, DuplicateDismissal, DuplicateDismissalInput,
                               DuplicateList, DuplicateQuery, ReverificationStarted, StaleContactPage, StaleQuery)
from .inbound import StrictSchema

TAG = "Bilgi bankası"
PROTOCOL_TAG = "Protokol"
OPTIONAL_BODY_BYTES = 4 * 1024


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
read = partial(contacts, rule="contacts.read")


def _record_audit(action, id_from="path.contact_id"):
    """Every write and every read of a record is one of personal data."""
    return Audit(action, "contact", id_from, personal_data=True)


RECORDS = (
    # a search, a listing or a campaign is on no one record; what it shows of the records is personal data
    read("GET", "/api/v1/contacts", rpc="search_contacts",
         args=("query.q", "query", "actor", "query.limit", "query.offset"), query=ContactSearchQuery,
         output=ContactPage, audit=_record_audit("contact.search", None),
         summary="Kayıt arama: Türkçe harflere duyarsız, yazım hatasına dayanıklı (\"isik\" Işık'ı bulur); telefon "
                 "ya da e-posta tam eşleşir; kategori, etiket, mahalle, makam, kurum süzgeçleri; sayfalı",
         operation_id="searchContacts"),
    read("GET", "/api/v1/contacts/stale", rpc="stale_contacts",
         args=("query.older_than_days", "actor", "query.limit", "query.offset"), query=StaleQuery,
         output=StaleContactPage, audit=_record_audit("contact.stale_list", None),
         summary="Güncelleme kuyruğu: kampanyayla işaretlenenler, hiç doğrulanmamışlar, uzun süredir "
                 "doğrulanmamışlar", operation_id="staleContacts"),
    write("POST", "/api/v1/contacts/reverification", rpc="start_reverification", args=("body", "body.reason", "actor"),
          input=ContactReverification, output=ReverificationStarted,
          audit=Audit("contact.reverification", "contact"),
          summary="Yeniden doğrulama kampanyası (ör. seçimden sonra tüm muhtarlar)",
          operation_id="startReverification"),
    read("GET", "/api/v1/contacts/duplicates", rpc="duplicate_candidates", args=("actor", "query.limit"),
         query=DuplicateQuery, output=DuplicateList, answer_key="candidates",
         audit=_record_audit("contact.duplicates", None),
         summary="Aynı kişi ya da kurum olabilecek kayıt çiftleri (aynı telefon, e-posta, ad; benzer ad)",
         operation_id="duplicateContacts"),
    # audited on the record folded away
    write("POST", "/api/v1/contacts/merge", rpc="merge_contacts", args=("body.keep_id", "body.other_id", "actor"),
          input=ContactMerge, output=ContactsMerged, errors=("404", "409"),
          audit=_record_audit("contact.merge", "body.other_id"),
          summary="İki kaydı birleştir: görevler, telefonlar, liste üyelikleri ve davetler kalan kayda geçer",
          operation_id="mergeContacts"),
    write("POST", "/api/v1/contacts", rpc="create_contact", args=("body", "actor"), input=ContactInput,
          max_body=RECORD_BYTES, output=Contact, status=201, audit=_record_audit("contact.create", "answer.id"),
          summary="Bilgi bankasına kayıt (kişi ya da kurum); aynı olabilecek kayıtların kimlikleriyle döner",
          operation_id="createContact"),
    read("GET", "/api/v1/contacts/{contact_id}", rpc="get_contact", args=("path.contact_id", "actor"),
         output=Contact, audit=_record_audit("contact.read"),
         summary="Kayıt: tüm telefon, e-posta, adresleri ve görev geçmişi (biten görevler dahil)",
         operation_id="getContact"),
    write("PATCH", "/api/v1/contacts/{contact_id}", rpc="update_contact", args=("path.contact_id", "body", "actor"),
          input=ContactChanges, max_body=RECORD_BYTES, output=Contact, errors=("409",),
          audit=_record_audit("contact.update"),
          summary="Kaydın verilen alanlarını değiştir (görevler ve KVKK reddi kendi adreslerinden)",
          operation_id="updateContact"),
    write("POST", "/api/v1/contacts/{contact_id}/roles", rpc="add_role", args=("path.contact_id", "body", "actor"),
          input=ContactRoleInput, output=Contact, status=201, errors=("409",), audit=_record_audit("contact.role_add"),
          summary="Yeni görev (seçim, atama); önceki görevler geçmişte kalır", operation_id="addContactRole"),
    write("POST", "/api/v1/contacts/{contact_id}/roles/{role_id}/end", rpc="end_role", params=(("role_id", "int"),),
          args=("path.role_id", "body.ended_on", "actor"), kwargs=(("contact_id", "path.contact_id"),),
          input=ContactRoleEnd, body_optional=True, max_body=OPTIONAL_BODY_BYTES, output=Contact, errors=("409",),
          audit=_record_audit("contact.role_end"),
          summary="Görevi sona erdir (tarih yoksa bugün); görev geçmişte kalır; zaten bittiyse 409",
          operation_id="endContactRole"),
    write("POST", "/api/v1/contacts/{contact_id}/verified", rpc="mark_verified",
          args=("path.contact_id", "actor", "body.verified_on"), input=ContactVerified, body_optional=True,
          max_body=OPTIONAL_BODY_BYTES, output=Contact, errors=("409",), audit=_record_audit("contact.verified"),
          summary="Kayıt sahibiyle doğrulandı: güncelleme kuyruğundan çıkar", operation_id="markContactVerified"),
    write("POST", "/api/v1/contacts/{contact_id}/opt-out", rpc="opt_out",
          args=("path.contact_id", "actor", "body.opted_out_on"), input=ContactOptOut, body_optional=True,
          max_body=OPTIONAL_BODY_BYTES, output=Contact, errors=("409",), audit=_record_audit("contact.opt_out"),
          summary="KVKK: kişi iletişimi reddetti; toplu listelere, davetlere ve dışa aktarmaya bir daha girmez",
          operation_id="optContactOut"),
    # the pair is audited on its first record (the smaller id)
    write("POST", "/api/v1/contacts/duplicates/dismissals", rpc="dismiss_duplicate",
          args=("body.contact_ids", "actor"), kwargs=(("reason", "body.reason"),), input=DuplicateDismissalInput,
          output=DuplicateDismissal, errors=("404", "409"),
          audit=Audit("contact.duplicate_dismiss", "contact", "{ids[0]}", personal_data=True),
          summary="İki kayıt aynı kişi ya da kurum değil (ör. farklı mahallelerde iki Mehmet Yılmaz): çift bir daha "
                  "önerilmez; kayıtların başka kayıtlarla çiftleri önerilmeye devam eder; yeniden gönderilirse bir "
                  "şey değişmez", operation_id="dismissDuplicate"),
    # answered at once; contacts reads the file in batches (`work_imports`) and shows how far it got
    write("POST", "/api/v1/contacts/imports", rpc="import_contacts",
          args=("body.format", "body.filename", "body.content_base64", "body.dry_run", "actor"),
          input=ContactImportInput, max_body=IMPORT_BODY_BYTES, output=ContactImport, status=202,
          location="/api/v1/contacts/imports/{import_id}",
          audit=Audit("contact.import", "contact_import", "answer.import_id", personal_data=True),
          summary="İçe aktarma (Excel'in yazdığı CSV ya da vCard, base64, en çok 20 MB): hemen 202 ve içe aktarmanın "
                  "kimliği; dry_run hiçbir şey yazmaz; aynı dosya yeniden yeni kayıt açmaz",
          operation_id="importContacts"),
    read("GET", "/api/v1/contacts/imports/{import_id}", rpc="import_status", args=("path.import_id", "actor"),
         output=ContactImport,
         audit=Audit("contact.import_status", "contact_import", "path.import_id", personal_data=True),
         summary="İçe aktarmanın ilerlemesi (işlenen / toplam satır), sayıları ve satır hataları",
         operation_id="contactImportStatus"),
)

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


# -- protocol: the operations ------------------------------------------------------------------------
protocol = partial(Operation, service="contacts", tag=PROTOCOL_TAG)
# the press office (protocol.invite) invites the media to press conferences: contacts lets one who may not
# manage every event act only on an event of that kind, from the role table's answer it is given
invites = partial(protocol, rule="protocol.invite", kwargs=(("may_manage_events", "may.protocol.manage"),))


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
    # printouts (files): nobody to print for yet is a state of the event, 409
    protocol("GET", "/api/v1/events/{event_id}/name-cards.pdf", rpc="name_cards_pdf", rule="protocol.read",
             args=("path.event_id", "actor"), file=("application/pdf",), inline=True, errors=("409",),
             audit=_event_audit("protocol.name_cards"),
             summary="İsimlikler (PDF), en kıdemli önce; katılacağını bildiren yoksa 409", operation_id="nameCardsPdf"),
    protocol("GET", "/api/v1/events/{event_id}/seating-plan.pdf", rpc="seating_plan_pdf", rule="protocol.read",
             args=("path.event_id", "actor"), file=("application/pdf",), inline=True, errors=("409",),
             audit=_event_audit("protocol.seating_plan"),
             summary="Basılı oturma planı (PDF), ön sıra üstte; plan oluşturulmadıysa 409",
             operation_id="seatingPlanPdf"),
    # the office code in the path: documented, and checked by the gateway and by contacts, as OFFICE_CODE
    protocol("PUT", "/api/v1/protocol/precedence/{office}", rpc="set_precedence", rule="protocol.manage",
             params=(("office", Text(pattern=OFFICE_CODE)),), args=("path.office", "body.rank", "body.title", "actor"),
             kwargs=(("source", "body.source"),), input=PrecedenceInput, output=PrecedenceSet,
             audit=Audit("protocol.precedence_set", "office", "path.office"),
             summary="Makamı bir sıraya koy (yeni ya da taşınan); o sıradan sonrakiler bir aşağı kayar",
             operation_id="setPrecedence"),
    invites("POST", "/api/v1/events", rpc="create_event", args=("body", "actor"), input=EventInput,
            output=ProtocolEvent, status=201, audit=Audit("protocol.event_create", "event", "answer.id"),
            summary="Etkinlik (tören, açılış, basın toplantısı…) ve salon düzeni; basın servisi yalnızca basın "
                    "toplantısı açar", operation_id="createEvent"),
    invites("POST", "/api/v1/events/{event_id}/invitations", rpc="invite",
            args=("path.event_id", "body.contact_ids", "body.segment_ids", "actor"), input=InvitationsInput,
            max_body=256 * 1024, output=InvitationsSent, errors=("409",), audit=_event_audit("protocol.invite"),
            summary="Kişileri ve listeleri davet et: herkese bir kez, kişisel yanıt bağlantısıyla (notify gönderir); "
                    "iletişimi reddedenler gerekçesiyle atlanır", operation_id="inviteToEvent"),
    invites("POST", "/api/v1/events/{event_id}/invitations/{invitation_id}/reply", rpc="record_reply",
            args=("path.invitation_id", "body.reply", "actor"),
            kwargs=(("event_id", "path.event_id"), ("may_manage_events", "may.protocol.manage")),
            input=InvitationReplyRecord, output=InvitationReply, errors=("409",),
            audit=Audit("protocol.reply_record", "invitation", "path.invitation_id", personal_data=True),
            summary="Telefonla ya da yüz yüze verilen yanıtı protokol birimi kaydeder (değiştirebilir)",
            operation_id="recordInvitationReply"),
    invites("POST", "/api/v1/events/{event_id}/check-ins", rpc="check_in",
            args=("path.event_id", "body.contact_id", "actor"), input=CheckInInput, output=CheckedIn,
            errors=("409",), audit=_event_audit("protocol.check_in"),
            summary="Kapıda giriş: davetli geldi (ilk geliş saati kalır)", operation_id="checkInGuest"),
)

OPERATIONS = RECORDS + SEGMENTS + PROTOCOL
