"""`attachment(kind, id)`: the one operation by which a service hands over a file it keeps.

Whoever sends a file out (notify's e-mails, the post room's envelopes) asks the file's owner by the
file's kind; each owner offers the same RPC, serves only the kinds it owns and answers with
`AttachmentFileSchema`, e.g. `intake.attachment("receipt_pdf", "<application id>")` ->
`{"filename": "alindi-belgesi.pdf", "content_type": "application/pdf", "content_base64": "JVBERi0..."}`.
"""
from marshmallow import EXCLUDE, Schema, fields

ATTACHMENT = "attachment"  # the RPC's name, the same in every owning service

# kinds of file, and what the id names
RECEIPT_PDF = "receipt_pdf"  # an application's receipt (alındı belgesi); id: the application's
ANSWER_FILE = "answer_file"  # a file of a case's answer; id: the file's
RELEASE_PHOTO = "release_photo"  # a press release's photo; id: the photo's
DIGEST_PDF = "digest_pdf"  # the morning press digest; id: the digest's
CLIPPING_SCAN = "clipping_scan"  # a clipping's scan; id: the clipping's
ISSUE_PDF = "issue_pdf"  # an issue of a municipal publication; id: the issue's
CONFERENCE_MATERIAL = "conference_material"  # a press conference's material; id: the material's

OWNERS = {
    RECEIPT_PDF: "intake",
    ANSWER_FILE: "routing",
    RELEASE_PHOTO: "press",
    DIGEST_PDF: "press",
    CLIPPING_SCAN: "press",
    ISSUE_PDF: "press",
    CONFERENCE_MATERIAL: "press",
}


def kinds_of(service):
    """The kinds `service` serves: `kinds_of("routing")` -> `("answer_file",)`."""
    return tuple(kind for kind, owner in OWNERS.items() if owner == service)


class AttachmentFileSchema(Schema):
    """The answer of `attachment(kind, id)`."""

    class Meta:
        unknown = EXCLUDE

    filename = fields.String(required=True)
    content_type = fields.String(required=True)
    content_base64 = fields.String(required=True)
