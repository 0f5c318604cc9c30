"""Press releases, from draft to the media: versions, photos, the mayor's office's approval; and what the
public sees of them: the RSS feed of published releases and their photos."""
import base64
import re
from urllib.parse import quote

from marshmallow import ValidationError
from werkzeug.wrappers import Response

from .. import press_schemas
from ..errors import RouteNotFound, ValidationFailed
from ..http import body_bytes, http, json_response
from .common import actor, load, query_args

RELEASE_BODY_BYTES = 512 * 1024  # a 50 000-character body, escaped
OPTIONAL_BODY_BYTES = 16 * 1024


class PressReleaseRoutes:
    @http("POST", "/api/v1/press/releases")
    def create_press_release(self, request):
        """A draft: `{"title", "summary", "body", "url", "embargo_until", "segment_id"}` (the contacts
        segment of the media it goes to)."""
        principal = self.guard.require(self.db, request, "press.write")
        release = load(press_schemas.ReleaseSchema, request, max_bytes=RELEASE_BODY_BYTES)
        created = self._call("create_release", press_schemas.as_rpc(release), actor(principal), service="press")
        self.guard.audit(self.db, request, principal, "press.release_create", "release", created["id"])
        return json_response(created, status=201, headers={"Location": f"/api/v1/press/releases/{created['id']}"})

    @http("GET", "/api/v1/press/releases")
    def list_press_releases(self, request):
        """Releases latest first; `state` one of taslak, onay_bekliyor, onaylandi, iade, yayimlandi."""
        self.guard.require(self.db, request, "press.read")
        query = query_args(press_schemas.ReleaseQuerySchema, request)
        return json_response(self._call("list_releases", query.get("state"), query["limit"], query["offset"],
                                        service="press"))

    @http("GET", "/api/v1/press/releases/<uuid:release_id>")
    def get_press_release(self, request, release_id):
        """A release with its photos, versions, the mayor's office's comments, the actions its state
        allows and, once out, who it went to (the media's e-mail addresses: a read of personal data)."""
        principal = self.guard.require(self.db, request, "press.read")
        release = self._call("get_release", str(release_id), service="press")
        if release["recipients"]:
            self.guard.audit(self.db, request, principal, "press.release_read", "release", release_id,
                             personal_data=True)
        return json_response(release)

    @http("PUT", "/api/v1/press/releases/<uuid:release_id>")
    def edit_press_release(self, request, release_id):
        """A new version of a draft or returned release with the fields sent (409 in any other state)."""
        principal = self.guard.require(self.db, request, "press.write")
        changes = load(press_schemas.ReleaseEditSchema, request, max_bytes=RELEASE_BODY_BYTES)
        release = self._call("edit_release", str(release_id), press_schemas.as_rpc(changes), actor(principal),
                             service="press")
        self.guard.audit(self.db, request, principal, "press.release_edit", "release", release_id)
        return json_response(release)

    @http("POST", "/api/v1/press/releases/<uuid:release_id>/photos")
    def add_press_release_photo(self, request, release_id):
        """A photo or short video of a draft or returned release: `{"filename", "content_type" (image/jpeg,
        image/png, video/mp4), "content_base64", "caption"}`, at most 20 MB."""
        principal = self.guard.require(self.db, request, "press.write")
        photo = load(press_schemas.PhotoUploadSchema, request,
                     max_bytes=press_schemas.body_limit(press_schemas.MAX_PHOTO_BYTES))
        added = self._call("add_release_photo", str(release_id), photo, actor(principal), service="press")
        self.guard.audit(self.db, request, principal, "press.release_photo_add", "release_photo", added["id"])
        return json_response(added, status=201)

    @http("GET", "/api/v1/press/releases/<uuid:release_id>/photos/<uuid:photo_id>")
    def get_press_release_photo(self, request, release_id, photo_id):
        """A photo of a release in any state, for the office and the mayor's office before approving."""
        self.guard.require(self.db, request, "press.read")
        release = self._call("get_release", str(release_id), service="press")
        if str(photo_id) not in {photo["id"] for photo in release["photos"]}:
            raise RouteNotFound()
        return attachment_response(self._call("release_photo", str(photo_id), service="press"))

    @http("DELETE", "/api/v1/press/releases/<uuid:release_id>/photos/<uuid:photo_id>")
    def remove_press_release_photo(self, request, release_id, photo_id):
        principal = self.guard.require(self.db, request, "press.write")
        release = self._call("remove_release_photo", str(release_id), str(photo_id), actor(principal),
                             service="press")
        self.guard.audit(self.db, request, principal, "press.release_photo_remove", "release_photo", photo_id)
        return json_response(release)

    @http("POST", "/api/v1/press/releases/<uuid:release_id>/submit")
    def submit_press_release(self, request, release_id):
        """To the mayor's office for approval."""
        return self._release_action(request, release_id, "submit", "press.write")

    @http("POST", "/api/v1/press/releases/<uuid:release_id>/withdraw")
    def withdraw_press_release(self, request, release_id):
        """Back to draft from the mayor's office's queue."""
        return self._release_action(request, release_id, "withdraw", "press.write")

    @http("POST", "/api/v1/press/releases/<uuid:release_id>/approve")
    def approve_press_release(self, request, release_id):
        """The mayor's office approves (optional body `{"comment"}`); it goes to the media and the feed
        once its embargo has passed."""
        return self._release_action(request, release_id, "approve", "press.approve", press_schemas.ApprovalSchema)

    @http("POST", "/api/v1/press/releases/<uuid:release_id>/return")
    def return_press_release(self, request, release_id):
        """The mayor's office sends it back with what to correct: `{"comment": "İkinci paragrafı kısaltın."}`."""
        return self._release_action(request, release_id, "return", "press.approve", press_schemas.ReturnSchema)

    def _release_action(self, request, release_id, action, permission, schema=None):
        principal = self.guard.require(self.db, request, permission)
        comment = _optional_body(schema, request).get("comment") if schema else None
        who = actor(principal)
        if action == "approve":
            release = self._call("approve_release", str(release_id), who, comment, service="press")
        elif action == "return":
            release = self._call("return_release", str(release_id), comment, who, service="press")
        else:
            release = self._call(f"{action}_release", str(release_id), who, service="press")
        self.guard.audit(self.db, request, principal, f"press.release_{action}", "release", release_id)
        return json_response(release)

    # -- what the public sees -----------------------------------------------------------------------
    @http("GET", "/press/releases.rss")
    def press_releases_rss(self, request):
        """RSS 2.0 of the published releases, for the website and the media; no sign-in."""
        self.guard.throttle(request)
        return Response(self._call("releases_rss", service="press"), mimetype="application/rss+xml",
                        headers={"Cache-Control": "public, max-age=60"})

    @http("GET", "/api/v1/press/photos/<uuid:photo_id>")
    def public_press_photo(self, request, photo_id):
        """A photo of a published release, as the releases feed links it; no sign-in. A photo of a
        release not yet published, or under embargo, is 404 here whoever asks (press checks); staff see
        any release's photos under `/api/v1/press/releases/{release_id}/photos/{photo_id}`."""
        self.guard.throttle(request)
        return attachment_response(self._call("public_release_photo", str(photo_id), service="press"),
                                   cache="public, max-age=3600")


def attachment_response(found, cache="private, no-store"):
    """A file press keeps (`{"filename", "content_type", "content_base64"}`) as the HTTP answer."""
    name = found["filename"] or "dosya"
    plain = re.sub(r"[^A-Za-z0-9._-]", "_", name)
    return Response(base64.b64decode(found["content_base64"]), mimetype=found["content_type"], headers={
        "Content-Disposition": f"inline; filename=\"{plain}\"; filename*=UTF-8''{quote(name, safe='')}",
        "Cache-Control": cache, "X-Content-Type-Options": "nosniff"})


def _optional_body(schema, request):
    """The body through `schema`; a request without one is read as `{}`."""
    if body_bytes(request, OPTIONAL_BODY_BYTES):
        return load(schema, request, max_bytes=OPTIONAL_BODY_BYTES)
    try:
        return schema().load({})
    except ValidationError as exc:
        raise ValidationFailed(errors=exc.messages) from None
