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
- `"actor"`: who calls, as the service checks it (`{"id", "role", "directorate"}`);
- `"may.<action>"`: whether the role table lets the caller do `<action>` (True/False), for a rule the service
  applies to the object (only a press conference's invitations for one who may not manage every event);
- `"header.<Name>"`: a request header's value, or None (`"header.Idempotency-Key"`);
- a tuple of sources: the list of their values (`("path.contact_id",)` → `["…"]`);
- anything else: that value itself (`True`).
Every value reaches the service as JSON: days and moments as ISO 8601 text.
"""
import re
from dataclasses import dataclass

DEFAULT_MAX_BODY = 16 * 1024
PATH_TYPES = ("uuid", "date", "string")


@dataclass(frozen=True)
class Audit:
    """What the audit log records of a call that succeeded: `action` on an object of `kind` whose id is
    `id_from` (`"path.<name>"` or `"answer.<key>"`); `personal_data` for a read or copy of it; `only_if`
    the answer's key that must be non-empty for the call to be recorded (a release read once it has
    recipients)."""
    action: str
    kind: str
    id_from: str
    personal_data: bool = False
    only_if: str = None


@dataclass(frozen=True)
class Operation:
    method: str
    path: str                 # OpenAPI style: /api/v1/press/releases/{release_id}
    service: str              # the owning service, whose RPC answers
    rpc: str
    rule: str                 # an action of the gateway's role table (gateway/roles.py PERMISSIONS)
    summary: str              # Turkish, for the API document
    operation_id: str
    tag: str                  # Turkish area of the API document: "Basın", "Bilgi bankası" …
    args: tuple = ()
    kwargs: tuple = ()        # (name, source) pairs
    params: tuple = ()        # (name, type) of path parameters that are not "uuid" (PATH_TYPES)
    input: type = None        # marshmallow schema of the JSON body
    body_optional: bool = False  # a request without a body reads as {}
    query: type = None        # marshmallow schema of the query string
    output: type = None       # marshmallow schema of the answer (the whole JSON body)
    answer_key: str = None    # the RPC's answer goes out under this key: {"sources": [...]}
    status: int = 200         # 204: the RPC's answer is dropped and no body goes out
    location: str = None      # Location header, formatted with the answer: /api/v1/press/releases/{id}
    audit: Audit = None
    max_body: int = DEFAULT_MAX_BODY
    errors: tuple = ()        # statuses documented besides those the declaration implies (404, 409, 422)
    security: tuple = ("BearerAuth",)  # who may present themselves (security schemes of the document)

    @property
    def path_params(self):
        """(name, type) of every parameter of the path, in order."""
        declared = dict(self.params)
        return tuple((name, declared.get(name, "uuid")) for name in re.findall(r"{(\w+)}", self.path))

