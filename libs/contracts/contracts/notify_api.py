"""The operations notify offers through the gateway, each declared once (`contracts.api.Operation`), with
their input and answer schemas and notify's vocabularies: notify loads every RPC's input through these
schemas, the gateway checks requests with the same ones and serves, authorises, audits and documents each
operation from its declaration, a post-room letter's PDF too (a file, `file=`)."""
from functools import partial

from marshmallow import Schema, ValidationError, fields, validate, validates

from .api import Audit, Operation, Text
from .inbound import StrictSchema
from .notify import WEBHOOK_FIELDS

SERVICE = "notify"
TAG = "Bildirimler"
TEMPLATE_BODY_BYTES = 64 * 1024
TEMPLATE_MAX_CHARS = 20000

# what each message is about: one subject and one body template per kind, and one SMS template for all
MESSAGE_KINDS = ("answer", "conference_materials", "digest", "extension", "fee", "forwarded", "invitation",
                 "not_processed", "press_release", "publication_issue", "receipt")
SMS_TEMPLATE = "sms.j2"
TEMPLATE_NAMES = tuple(sorted([f"{kind}.{part}.j2" for kind in MESSAGE_KINDS for part in ("subject", "body")]
                              + [SMS_TEMPLATE]))
# what a letter of the post room can be
LETTER_KINDS = ("receipt", "not_processed", "extension", "forwarded", "fee", "answer")
# a letter waits for the post room ("post") until it is recorded as posted ("sent")
LETTER_STATUSES = {"post": "basılmayı bekliyor", "sent": "postaya verildi"}
# an outgoing message: queued, being handed to its channel, accepted, refused for good or retries ran out
DELIVERY_STATUSES = ("queued", "sending", "sent", "failed")
# what another system may subscribe to: the events whose outgoing fields the contract lists
WEBHOOK_EVENT_TYPES = tuple(WEBHOOK_FIELDS)


# -- what the operations take -------------------------------------------------------------------------
class InboxQuery(StrictSchema):
    unread = fields.Boolean(load_default=False)
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))


class TemplateEdit(StrictSchema):
    content = fields.String(required=True, validate=validate.Length(min=1, max=TEMPLATE_MAX_CHARS))


class TemplatePreviewRequest(StrictSchema):
    content = fields.String(validate=validate.Length(min=1, max=TEMPLATE_MAX_CHARS))


class WebhookSubscriptionRequest(StrictSchema):
    url = fields.String(required=True, validate=validate.Length(min=1, max=500))
    event_types = fields.List(fields.String(validate=validate.Length(max=60),
                                            metadata={"enum": list(WEBHOOK_EVENT_TYPES)}),
                              required=True, validate=validate.Length(min=1, max=20))

    @validates("event_types")
    def _known(self, event_types, **_kwargs):
        if set(event_types) - set(WEBHOOK_EVENT_TYPES):
            raise ValidationError(f"Şunlardan biri ya da birkaçı olmalı: {', '.join(sorted(WEBHOOK_EVENT_TYPES))}.")


class PostRoomQuery(StrictSchema):
    posted = fields.Boolean(load_default=False)
    limit = fields.Integer(load_default=200, validate=validate.Range(min=1, max=500))


# -- what they answer ---------------------------------------------------------------------------------
class InboxMessage(Schema):
    id = fields.UUID()
    audience = fields.String()
    title = fields.String()
    body = fields.String()
    case_id = fields.UUID(allow_none=True)
    created_at = fields.DateTime()
    read_at = fields.DateTime(allow_none=True)
    read = fields.Boolean()


class Inbox(Schema):
    messages = fields.List(fields.Nested(InboxMessage))


class WebhookSubscription(Schema):
    id = fields.UUID()
    url = fields.String()
    event_types = fields.List(fields.String())
    active = fields.Boolean()
    created_at = fields.DateTime()
    secret = fields.String(metadata={"description": "İmza anahtarı: yalnız oluşturulurken bir kez gösterilir"})


class WebhookList(Schema):
    subscriptions = fields.List(fields.Nested(WebhookSubscription))


class WebhookDelivery(Schema):
    id = fields.UUID()
    event_type = fields.String(metadata={"enum": list(WEBHOOK_EVENT_TYPES)})
    event_id = fields.String()
    status = fields.String(metadata={"enum": list(DELIVERY_STATUSES)})
    attempts = fields.Integer()
    created_at = fields.DateTime()
    sent_at = fields.DateTime(allow_none=True)
    last_error = fields.String(allow_none=True)
    provider_response = fields.String(allow_none=True, metadata={"description": "Adresin cevabı (durum kodu)"})


class WebhookDeliveries(Schema):
    deliveries = fields.List(fields.Nested(WebhookDelivery))


class Template(Schema):
    name = fields.String(metadata={"enum": list(TEMPLATE_NAMES)})
    version = fields.Integer()
    saved_at = fields.DateTime(allow_none=True)
    content = fields.String()


class TemplateList(Schema):
    templates = fields.List(fields.Nested(Template))


class TemplatePreview(Schema):
    subject = fields.String()
    body = fields.String()
    rendered_at = fields.DateTime()

    class Meta:
        description = (f"Konu, metin ve işlendiği an; {SMS_TEMPLATE} için bunların yerine her ileti türünün SMS "
                       "metni (tür → metin)")


class TemplateSaved(Schema):
    name = fields.String(metadata={"enum": list(TEMPLATE_NAMES)})
    version = fields.Integer()
    preview = fields.Dict()


class PostLetter(Schema):
    id = fields.UUID()
    kind = fields.String(metadata={"description": ", ".join(LETTER_KINDS)})
    tracking_number = fields.String(allow_none=True)
    application_id = fields.UUID(allow_none=True)
    case_id = fields.UUID(allow_none=True)
    attach_receipt = fields.Boolean()
    attachments = fields.List(fields.String(), metadata={"description": "Yazının ekleri (dosya adları)"})
    status = fields.String(metadata={"description": "; ".join(f"{status}: {said}"
                                                              for status, said in LETTER_STATUSES.items())})
    created_at = fields.DateTime()
    sent_at = fields.DateTime(allow_none=True)
    posted_by = fields.String(allow_none=True)


class PostRoom(Schema):
    letters = fields.List(fields.Nested(PostLetter))


class LetterPosted(Schema):
    id = fields.UUID()
    status = fields.String()
    posted_at = fields.DateTime()
    posted_by = fields.String()


# -- the operations -----------------------------------------------------------------------------------
notify = partial(Operation, service=SERVICE, tag=TAG)
# a template's name is one of TEMPLATE_NAMES: documented so, any other refused (422) by the gateway
TEMPLATE = {"params": (("name", Text(enum=TEMPLATE_NAMES)),), "max_body": TEMPLATE_BODY_BYTES}
# another system signs every request: the five headers together are its one way in
SIGNED = (("ClientId", "KeyId", "Timestamp", "Nonce", "Signature"),)
webhooks = partial(notify, rule="webhooks.manage", security=SIGNED)

OPERATIONS = (
    notify("GET", "/api/v1/inbox", rpc="inbox", rule="inbox.read", args=("actor", "query.unread", "query.limit"),
           query=InboxQuery, output=Inbox, answer_key="messages",
           summary="Personelin gelen kutusu (müdürlüğüne ve rolüne gelenler)", operation_id="inbox"),
    notify("POST", "/api/v1/inbox/{message_id}/read", rpc="mark_read", rule="inbox.read",
           args=("actor", "path.message_id"), status=204, summary="İletiyi okundu işaretle",
           operation_id="markInboxRead"),
    notify("GET", "/api/v1/templates", rpc="templates", rule="templates.read", output=TemplateList,
           answer_key="templates", summary="İleti şablonları (Türkçe, sürümlü)", operation_id="listTemplates"),
    notify("PUT", "/api/v1/templates/{name}", rpc="save_template", rule="templates.manage",
           args=("path.name", "body.content", "actor"), input=TemplateEdit, output=TemplateSaved,
           audit=Audit("template.save", "template", "path.name"),
           summary="Şablonun yeni sürümü (örnek dosyada işlenemezse reddedilir)", operation_id="saveTemplate",
           **TEMPLATE),
    notify("POST", "/api/v1/templates/{name}/preview", rpc="preview_template", rule="templates.read",
           args=("path.name", "body.content"), input=TemplatePreviewRequest, output=TemplatePreview,
           summary="Şablonun örnek bir dosya için önizlemesi", operation_id="previewTemplate", **TEMPLATE),
    webhooks("POST", "/api/v1/webhooks", rpc="subscribe_webhook", args=("actor", "body"),
             input=WebhookSubscriptionRequest, output=WebhookSubscription, status=201,
             audit=Audit("webhook.subscribe", "webhook", "answer.id"),
             summary="Webhook aboneliği (imza anahtarı bir kez gösterilir)", operation_id="subscribeWebhook"),
    webhooks("GET", "/api/v1/webhooks", rpc="webhook_subscriptions", args=("actor",), output=WebhookList,
             answer_key="subscriptions", summary="Sistemin webhook abonelikleri", operation_id="listWebhooks"),
    webhooks("DELETE", "/api/v1/webhooks/{subscription_id}", rpc="unsubscribe_webhook",
             args=("actor", "path.subscription_id"), status=204,
             audit=Audit("webhook.unsubscribe", "webhook", "path.subscription_id"),
             summary="Aboneliği kaldır", operation_id="unsubscribeWebhook"),
    webhooks("GET", "/api/v1/webhooks/{subscription_id}/deliveries", rpc="webhook_deliveries",
             args=("actor", "path.subscription_id"), output=WebhookDeliveries, answer_key="deliveries",
             summary="Webhook teslim kaydı", operation_id="webhookDeliveries"),
    notify("GET", "/api/v1/post-room/letters", rpc="post_room", rule="post_room.manage",
           args=("query.posted", "query.limit"), query=PostRoomQuery, output=PostRoom, answer_key="letters",
           summary="Posta odası: postayla gidecek mektuplar (adres ve metin içermez)", operation_id="postRoomLetters"),
    notify("POST", "/api/v1/post-room/letters/{letter_id}/posted", rpc="mark_posted", rule="post_room.manage",
           args=("path.letter_id", "actor"), output=LetterPosted, errors=("409",),
           audit=Audit("post_room.posted", "notification", "path.letter_id"),
           summary="Mektup postaya verildi (bir kez kaydedilir; başvuru dosyasında görünür)",
           operation_id="markLetterPosted"),
    notify("GET", "/api/v1/post-room/letters/{letter_id}/letter.pdf", rpc="post_letter", rule="post_room.manage",
           args=("path.letter_id",), file=("application/pdf",), inline=True,
           audit=Audit("post_room.print", "notification", "path.letter_id", personal_data=True),
           summary="Bir zarfın basılacak PDF'i: pencereli zarfa uygun adresli yazı, ardından alındı belgesi veya ekler",
           operation_id="postRoomLetterPdf"),
)
