"""What the press says about the municipality: news sources read on a schedule, the clippings archive
(search in Turkish, a person's tone, flags for the directorates), the press board and the morning digest."""
import base64

from marshmallow import ValidationError
from werkzeug.wrappers import Response

from .. import press_board, press_schemas
from ..errors import ValidationFailed
from ..http import http, json_response
from .common import actor, load, query_args
from .press_releases import attachment_response


class PressCoverageRoutes:
    # -- sources -----------------------------------------------------------------------------------
    @http("POST", "/api/v1/press/sources")
    def add_press_source(self, request):
        """A news feed to read every `interval_minutes` (5–1440): `{"url", "outlet", "interval_minutes"}`.
        A URL added before answers the source already kept."""
        principal = self.guard.require(self.db, request, "press.write")
        source = load(press_schemas.SourceSchema, request)
        added = self._call("add_source", source, actor(principal), service="press")
        self.guard.audit(self.db, request, principal, "press.source_add", "press_source", added["id"])
        return json_response(added, status=201)

    @http("GET", "/api/v1/press/sources")
    def list_press_sources(self, request):
        """Every source with its schedule, validators (ETag), failures in a row and last outcome."""
        self.guard.require(self.db, request, "press.read")
        return json_response({"sources": self._call("list_sources", service="press")})

    @http("POST", "/api/v1/press/sources/<uuid:source_id>/activate")
    def activate_press_source(self, request, source_id):
        return self._set_source_active(request, source_id, True)

    @http("POST", "/api/v1/press/sources/<uuid:source_id>/deactivate")
    def deactivate_press_source(self, request, source_id):
        return self._set_source_active(request, source_id, False)

    def _set_source_active(self, request, source_id, active):
        principal = self.guard.require(self.db, request, "press.write")
        source = self._call("set_source_active", str(source_id), active, actor(principal), service="press")
        self.guard.audit(self.db, request, principal, "press.source_" + ("activate" if active else "deactivate"),
                         "press_source", source_id)
        return json_response(source)

    # -- clippings ---------------------------------------------------------------------------------
    @http("POST", "/api/v1/press/clippings")
    def add_press_clipping(self, request):
        """A clipping from print, TV or radio, with its scan (base64, JPEG/PNG/PDF, ≤ 20 MB) if there is
        one; answers it with its tone suggestion. The same story entered again is the clipping kept."""
        principal = self.guard.require(self.db, request, "press.write")
        clipping = load(press_schemas.ClippingSchema, request,
                        max_bytes=press_schemas.body_limit(press_schemas.MAX_SCAN_BYTES))
        added = self._call("add_clipping", press_schemas.as_rpc(clipping), actor(principal), service="press")
        self.guard.audit(self.db, request, principal, "press.clipping_add", "clipping", added["id"])
        return json_response(added, status=201)

    @http("GET", "/api/v1/press/clippings")
    def list_press_clippings(self, request):
        """Clippings newest first, filtered by date_from/date_to, outlet, tone (`none`: not yet judged),
        topic, directorate, important, kind; `limit`/`offset` pages."""
        self.guard.require(self.db, request, "press.coverage.read")
        query = query_args(press_schemas.ClippingQuerySchema, request)
        limit, offset = query.pop("limit"), query.pop("offset")
        return json_response(self._call("list_clippings", press_schemas.as_rpc(query), limit, offset,
                                        service="press"))

    @http("GET", "/api/v1/press/clippings/search")
    def search_press_clippings(self, request):
        """Turkish full-text search, newest first (`sort=relevance`: best first): `q` ("su baskını",
        `"yeni park" -otopark`), with the list's filters. `total` is counted up to 10,000 (`total_exact`)."""
        self.guard.require(self.db, request, "press.coverage.read")
        query = query_args(press_schemas.ClippingSearchSchema, request)
        text, limit, offset = query.pop("q"), query.pop("limit"), query.pop("offset")
        return json_response(self._call("search_clippings", text, press_schemas.as_rpc(query), limit, offset,
                                        service="press"))

    @http("GET", "/api/v1/press/clippings/<uuid:clipping_id>")
    def get_press_clipping(self, request, clipping_id):
        """A clipping with its tone suggestion and the words that led to it."""
        self.guard.require(self.db, request, "press.coverage.read")
        return json_response(self._call("get_clipping", str(clipping_id), service="press"))

    @http("GET", "/api/v1/press/clippings/<uuid:clipping_id>/scan")
    def get_press_clipping_scan(self, request, clipping_id):
        """The scan of a clipping entered from print (404 when it has none)."""
        self.guard.require(self.db, request, "press.coverage.read")
        return attachment_response(self._call("attachment", "clipping_scan", str(clipping_id), service="press"))

    @http("PUT", "/api/v1/press/clippings/<uuid:clipping_id>/tone")
    def set_press_clipping_tone(self, request, clipping_id):
        """A person's tone: `{"tone": "lehte" | "aleyhte" | "tarafsiz"}`; the suggestion stays beside it."""
        principal = self.guard.require(self.db, request, "press.write")
        form = load(press_schemas.ToneSchema, request)
        clipping = self._call("set_tone", str(clipping_id), form["tone"], actor(principal), service="press")
        self.guard.audit(self.db, request, principal, "press.clipping_tone", "clipping", clipping_id)
        return json_response(clipping)

    @http("POST", "/api/v1/press/clippings/<uuid:clipping_id>/classify")
    def classify_press_clipping(self, request, clipping_id):
        """`{"topic": "altyapı", "new_practice": true}`: what the digest and the archive group by."""
        principal = self.guard.require(self.db, request, "press.write")
        changes = load(press_schemas.ClassificationSchema, request)
        clipping = self._call("classify_clipping", str(clipping_id), changes, actor(principal), service="press")
        self.guard.audit(self.db, request, principal, "press.clipping_classify", "clipping", clipping_id)
        return json_response(clipping)

    @http("POST", "/api/v1/press/clippings/<uuid:clipping_id>/flag")
    def flag_press_clipping(self, request, clipping_id):
        """`{"important": true, "directorates": ["fen-isleri"], "note": "…"}`: on today's board, and each
        directorate named is told once (inbox and mailbox); `"important": false` takes it off the board."""
        principal = self.guard.require(self.db, request, "press.write")
        flag = load(press_schemas.FlagSchema, request)
        clipping = self._call("flag_clipping", str(clipping_id), actor(principal), important=flag["important"],
                              directorates=flag["directorates"], note=flag.get("note", ""), service="press")
        self.guard.audit(self.db, request, principal, "press.clipping_flag", "clipping", clipping_id)
        return json_response(clipping)

    # -- the press board and the morning digest ----------------------------------------------------
    @http("GET", "/api/v1/press/board")
    def press_board(self, request):
        """Today's important clippings (Istanbul day), newest first, with their tone. Every staff role
        reads it, the directorates included: it is the office's shared screen."""
        self.guard.require(self.db, request, "press.board.read")
        query = query_args(press_schemas.BoardQuerySchema, request)
        return json_response({"items": self._call("board", query["limit"], service="press")})

    @http("GET", "/press/board")
    def press_board_page(self, request):
        """The board for the office's wall screen: large text, refreshed every minute.

        Public, because the page holds nothing: the items (what the office flagged as important and the
        tone it judged: internal assessments, not for the public internet) are read by the page's script
        from `GET /api/v1/press/board` with a staff sign-in made once on the screen. See `press_board`."""
        self.guard.throttle(request)
        return press_board.page()

    @http("GET", "/api/v1/press/digests/<string:day>")
    def press_digest(self, request, day):
        """The morning digest of `day` (YYYY-MM-DD): the one sent to the mayor's office, or, for a day
        not sent yet, as it reads now (`sent: false`); its PDF is at `pdf_url`."""
        self.guard.require(self.db, request, "press.coverage.read")
        digest = self._call("digest", _day(day), service="press")
        digest.pop("pdf", None)
        return json_response({**digest, "pdf_url": f"/api/v1/press/digests/{digest['day']}.pdf"})

    @http("GET", "/api/v1/press/digests/<string:day>.pdf")
    def press_digest_pdf(self, request, day):
        """The morning digest of `day` as the PDF the mayor's office receives."""
        self.guard.require(self.db, request, "press.coverage.read")
        pdf = self._call("digest", _day(day), service="press")["pdf"]
        return Response(base64.b64decode(pdf["content_base64"]), mimetype="application/pdf",
                        headers={"Content-Disposition": f'inline; filename="{pdf["filename"]}"'})


def _day(value):
    """The path's day, checked as press_schemas bounds days."""
    try:
        return press_schemas.DaySchema().load({"day": value})["day"].isoformat()
    except ValidationError as exc:
        raise ValidationFailed(errors=exc.messages) from None
