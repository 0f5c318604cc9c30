"""What contacts' operations answer and the vocabularies they use, defined once: contacts, press (a press
conference is a contacts event) and the gateway import them from here."""
from marshmallow import Schema, fields

# kinds of events the protocol desk runs, with their Turkish names
EVENT_KINDS = {
    "toren": "Tören",
    "acilis": "Açılış",
    "basin_toplantisi": "Basın toplantısı",
    "mahalle_toplantisi": "Mahalle toplantısı",
    "personel_egitimi": "Personel eğitimi",
}
EVENT_STATUSES = ("planned", "held", "cancelled")


class EventView(Schema):
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
