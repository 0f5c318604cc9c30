"""The press area's hand-written routes: only what a declaration (`contracts.press_api`, served by
`gateway.declared`) cannot say. Each says in its first line why it is special. The files here go out with
headers a declared file (`gateway.downloads.file_response`) does not carry: the name also as UTF-8
(`filename*`, a photo or scan named in Turkish), `nosniff`, and a cache rule of their own."""
import base64
import re
from urllib.parse import quote

from werkzeug.wrappers import Response

from contracts import attachments

from .. import press_board
from ..errors import RouteNotFound
from ..http import http
from .common import actor


class PressRoutes:
    # -- files ---------------------------------------------------------------------------------------
    @http("GET", "/api/v1/press/clippings/<uuid:clipping_id>/scan")
    def get_press_clipping_scan(self, request, clipping_id):
        """Special: a file. The scan of a clipping entered from print (404 when it has none)."""
        self.guard.require(self.db, request, "press.coverage.read")
        return attachment_response(self._call(attachments.ATTACHMENT, attachments.CLIPPING_SCAN, str(clipping_id),
                                                    service="press"))

    @http("GET", "/api/v1/press/releases/<uuid:release_id>/photos/<uuid:photo_id>")
    def get_press_release_photo(self, request, release_id, photo_id):
        """Special: a file, served only under its own release. A photo of a release in any state, for the
        office and the mayor's office before approving."""
        self.guard.require(self.db, request, "press.read")
        release = self._call("get_release", str(release_id), service="press")
        if str(photo_id) not in {photo["id"] for photo in release["photos"]}:
            raise RouteNotFound()
        return attachment_response(self._call("release_photo", str(photo_id), service="press"))

    @http("GET", "/api/v1/press/issues/<uuid:issue_id>/pdf")
    def get_press_issue_pdf(self, request, issue_id):
        """Special: a file. Any issue's PDF, sent out or not, for the office (404 when it has none)."""
        self.guard.require(self.db, request, "press.read")
        return attachment_response(self._call(attachments.ATTACHMENT, attachments.ISSUE_PDF, str(issue_id),
                                                    service="press"))

    @http("GET", "/api/v1/press/conferences/<uuid:event_id>/materials/<uuid:material_id>")
    def get_press_conference_material(self, request, event_id, material_id):
        """Special: a file, served only under its own conference (press serves any material by its id)."""
        principal = self.guard.require(self.db, request, "press.read")
        listing = self._call("conference_materials", str(event_id), actor(principal), service="press")
        if str(material_id) not in {material["id"] for material in listing["materials"]}:
            raise RouteNotFound()
        return attachment_response(self._call("conference_material", str(material_id), service="press"))

    # -- what the public reads, without signing in -----------------------------------------------------
    @http("GET", "/press/board")
    def press_board_page(self, request):
        """Special: a public HTML page. The board for the office's wall screen: large text, refreshed
        every minute. Public, because the page holds nothing: the items (internal assessments, not for
        the public internet) are read by the page's script from `GET /api/v1/press/board` with the
        screen's key or a staff sign-in made once on the screen."""
        self.guard.throttle(request)
        return press_board.page()

    @http("GET", "/press/releases.rss")
    def press_releases_rss(self, request):
        """Special: a public feed (RSS 2.0) of the published releases, for the website and the media."""
        self.guard.throttle(request)
        return Response(self._call("releases_rss", service="press"), mimetype="application/rss+xml",
                        headers={"Cache-Control": "public, max-age=60"})

    @http("GET", "/api/v1/press/photos/<uuid:photo_id>")
    def public_press_photo(self, request, photo_id):
        """Special: a public file. A photo of a published release, as the releases feed links it; a photo
        of a release not yet published, or under embargo, is 404 here whoever asks (press checks); staff
        see any release's photos under `/api/v1/press/releases/{release_id}/photos/{photo_id}`."""
        self.guard.throttle(request)
        return attachment_response(self._call("public_release_photo", str(photo_id), service="press"),
                                   cache="public, max-age=3600")

    @http("GET", "/api/v1/press/issues/<uuid:issue_id>.pdf")
    def public_press_issue_pdf(self, request, issue_id):
        """Special: a public file. The PDF of an issue that has been sent out, as its e-mail links it; an
        issue not sent yet is 404 here whoever asks (staff read it under `/api/v1/press/issues/{issue_id}/pdf`)."""
        self.guard.throttle(request)
        return attachment_response(self._call("public_issue_pdf", str(issue_id), service="press"),
                                   cache="public, max-age=300")


def attachment_response(found, cache="private, no-store"):
    """A file press keeps (`{"filename", "content_type", "content_base64"}`) as the HTTP answer."""
    name = found["filename"] or "dosya"
    plain = re.sub(r"[^A-Za-z0-9._-]", "_", name)
    return Response(base64.b64decode(found["content_base64"]), mimetype=found["content_type"], headers={
        "Content-Disposition": f"inline; filename=\"{plain}\"; filename*=UTF-8''{quote(name, safe='')}",
        "Cache-Control": cache, "X-Content-Type-Options": "nosniff"})
