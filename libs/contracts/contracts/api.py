"""How an operation a service offers through the gateway is declared: once, as data, beside the service's
contract (`contracts.<service>_api`). The service validates its input with the declared schema; the gateway
derives from the same declaration its route, authorisation, input checks, call, audit and answer, and the
OpenAPI document (DESIGN.md §5). Nothing here behaves: it is read by both sides.

    Operation("POST", "/api/v1/press/clippings/{clipping_id}/flag", "press", "flag_clipping",
              rule="press.write", args=("path.clipping_id", "actor"),
              kwargs=(("important", "body.important"), ("directorates", "body.directorates"), ("note", "body.note")),
              input=PressFlag, output=PressClipping, audit=Audit("press.clipping_flag", "clipping", "path.clipping_id"),
              summary="Önemli olarak işaretle", operation_id="flagPressClipping", tag="Basın")

How the RPC's arguments are built, each an entry of `args` (positional) or `kwargs` (name, source):
- `"path.<name>"`: the path parameter, as text;
- `"body"`: the validated body (minus the fields taken one by one as `"body.<field>"`; a missing one is None);
- `"query"`, `"query.<field>"`: the same for the validated query string;
- `"actor"`: who calls, as the service checks it (`{"id", "kind", "role", "directorate"}`, `kind` "staff" or
  "client" for another system);
- `"may.<action>"`: whether the role table lets the caller do `<action>` (True/False), for a rule the service
  applies to the object (only a press conference's invitations for one who may not manage every event);
- `"header.<Name>"`: a request header's value, or None (`"header.Idempotency-Key"`); documented as an optional
  header parameter, refused (422) past its length in `HEADER_LIMITS`;
- a tuple of sources: the list of their values (`("path.contact_id",)` → `["…"]`);
- anything else: that value itself (`True`).
Every value reaches the service as JSON: days and moments as ISO 8601 text.

Path parameters are UUIDs unless `params` says `"date"`, `"string"`, `"int"` (1 to 2^31-1), a tuple of the
words it may be (`("assign", "close")`: any other is no route, 404), or a `Text` (a pattern or a list of values
the document states; any other is refused with 422 once the caller is let in: `Text(pattern=OFFICE_CODE)`).

`rule=PUBLIC` (None): no sign-in, the caller throttled by address, no security in the document; `actor` is None.

A reply that says more than the answer: `answer_from="application"` sends only that key of the RPC's reply,
the other keys steering the call: `created_from="created"` answers `status` (201, with `Location`) when the
reply's key is true, 200 with the original when it is false (a retry seen before); the audit's `personal_data`
may be `"reply.<key>"`, the reply's key saying whether personal data was shown.

A file (`file=("text/csv",)`, the types it may be): the RPC replies `{"filename", "content_type",
"content_base64"}` (`contracts.attachments.AttachmentFileSchema`) and the bytes go out as a download (`inline`
to open in the browser, a PDF to print), never stored by a cache.
"""
import re
from dataclasses import dataclass

DEFAULT_MAX_BODY = 16 * 1024
PATH_TYPES = ("uuid", "date", "string", "int")  # or a tuple of the words the parameter may be, or a Text
PUBLIC = None  # the rule of an operation anyone may call, throttled
HEADER_LIMITS = {"Idempotency-Key": 200}  # longest value of a header a declaration reads


@dataclass(frozen=True)
class Text:
    """A text path parameter the document bounds: a `pattern` (JSON Schema's, i.e. searched, so anchor it) or
    the `enum` of values it may be. A value outside it is refused (422) after the caller is let in, so that
    one who may not call the operation still learns only that (401/403)."""
    pattern: str = None
    enum: tuple = ()
    max_length: int = 200

    def schema(self):
        """The parameter's JSON schema in the API document."""
        if self.enum:
            return {"type": "string", "enum": list(self.enum)}
        found = {"type": "string", "maxLength": self.max_length}
        return {**found, "pattern": self.pattern} if self.pattern else found

    def admits(self, value):
        if self.enum:
            return value in self.enum
        # `$` also matches before a final newline in Python; a path parameter never ends in one
        return len(value) <= self.max_length and not value.endswith("\n") and (
            self.pattern is None or re.search(self.pattern, value) is not None)


@dataclass(frozen=True)
class Audit:
    """What the audit log records of a call that succeeded: `action` on an object of `kind` whose id is
    `id_from` (`"path.<name>"`, `"body.<field>"`, `"answer.<key>"`, a text formatted with the answer's keys and
    the request's `query` and `path`: `"muhtar-{year}-{quarter}"`, `"bilgi-edinme-{query[year]}"`, or None for
    a call on no one object: a search, a listing, a campaign over many records);
    `action` may name path parameters (`"case.{action}"`); `personal_data` for a read or copy of it (True, or
    `"reply.<key>"`: as the RPC's reply says); `only_if` the answer's key that must be non-empty for the call to
    be recorded (a release read once it has recipients). A refusal the service makes on the object (403) is
    recorded too, as denied: on the id when it comes from the path or body, on the kind alone when the id
    would have come from the answer."""
    action: str
    kind: str
    id_from: str = None
    personal_data: object = False
    only_if: str = None


@dataclass(frozen=True)
class Operation:
    method: str
    path: str                 # OpenAPI style: /api/v1/press/releases/{release_id}
    service: str              # the owning service, whose RPC answers
    rpc: str
    rule: str                 # an action of the gateway's role table (gateway/roles.py PERMISSIONS), or PUBLIC
    summary: str              # Turkish, for the API document
    operation_id: str
    tag: str                  # Turkish area of the API document: "Basın", "Bilgi bankası" …
    args: tuple = ()
    kwargs: tuple = ()        # (name, source) pairs
    params: tuple = ()        # (name, type) of path parameters not "uuid": PATH_TYPES, a tuple of words, a Text
    input: type = None        # marshmallow schema of the JSON body
    body_optional: bool = False  # a request without a body reads as {}
    query: type = None        # marshmallow schema of the query string
    output: type = None       # marshmallow schema of the answer (the whole JSON body)
    answer_key: str = None    # the RPC's answer goes out under this key: {"sources": [...]}
    status: int = 200         # 204: the RPC's answer is dropped and no body goes out
    answer_from: str = None   # the reply's key that goes out; the others steer status and audit
    created_from: str = None  # the reply's key: true → `status`, false → 200 (the original, seen before)
    file: tuple = ()          # the answer is a file of one of these types (a download), not JSON
    inline: bool = False      # a file opened in the browser rather than saved
    location: str = None      # Location header (documented), formatted with the answer: /api/v1/press/releases/{id}
    audit: Audit = None
    max_body: int = DEFAULT_MAX_BODY
    errors: tuple = ()        # statuses documented besides those the declaration implies (404, 409, 422)
    security: tuple = ("BearerAuth",)  # who may present themselves: security schemes of the document, each an
    # alternative; a tuple of schemes is one alternative of them together (a signed request's five headers)

    def __post_init__(self):
        if self.rule is PUBLIC and self.security == ("BearerAuth",):
            object.__setattr__(self, "security", ())

    @property
    def path_params(self):
        """(name, type) of every parameter of the path, in order."""
        declared = dict(self.params)
        return tuple((name, declared.get(name, "uuid")) for name in re.findall(r"{(\w+)}", self.path))

    @property
    def headers(self):
        """Names of the request headers the RPC is given (`"header.<Name>"` sources)."""
        specs = [*self.args, *dict(self.kwargs).values()]
        return tuple(spec.split(".", 1)[1] for spec in specs if isinstance(spec, str) and spec.startswith("header."))

