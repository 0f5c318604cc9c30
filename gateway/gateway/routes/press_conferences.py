"""A press conference's materials (the presentation, the press kit, photos, a short film), kept with the
conference (an event of the information bank of kind `basin_toplantisi`) and shared by e-mail with its
guests. press keeps the files and a record of each sharing (when, by whom, to how many), never the guests."""
from .. import press_schemas
from ..errors import RouteNotFound
from ..http import http, json_response
from .common import actor, load
from .press_releases import attachment_response

SHARE_BODY_BYTES = 16 * 1024  # a 2000-character note, escaped


class PressConferenceRoutes:
    @http("POST", "/api/v1/press/conferences/<uuid:event_id>/materials")
    def add_press_conference_material(self, request, event_id):
        """`{"title": "Sunum", "file": {"filename", "content_type" (PDF, JPEG, PNG, MP4, Word, PowerPoint,
        Excel), "content_base64"}}`, at most 20 MB; 422 when the event is not a press conference."""
        principal = self.guard.require(self.db, request, "press.write")
        material = load(press_schemas.ConferenceMaterialSchema, request,
                        max_bytes=press_schemas.body_limit(press_schemas.MAX_MATERIAL_BYTES))
        added = self._call("add_conference_material", str(event_id), material, actor(principal), service="press")
        self.guard.audit(self.db, request, principal, "press.conference_material_add", "conference_material",
                         added["id"])
        return json_response(added, status=201)

    @http("GET", "/api/v1/press/conferences/<uuid:event_id>/materials")
    def list_press_conference_materials(self, request, event_id):
        """The conference as the information bank shows it, its materials, and each time they were shared."""
        principal = self.guard.require(self.db, request, "press.read")
        return json_response(self._call("conference_materials", str(event_id), actor(principal), service="press"))

    @http("GET", "/api/v1/press/conferences/<uuid:event_id>/materials/<uuid:material_id>")
    def get_press_conference_material(self, request, event_id, material_id):
        """One material's file; 404 unless it is this conference's (press serves any material by its id)."""
        principal = self.guard.require(self.db, request, "press.read")
        listing = self._call("conference_materials", str(event_id), actor(principal), service="press")
        if str(material_id) not in {material["id"] for material in listing["materials"]}:
            raise RouteNotFound()
        return attachment_response(self._call("conference_material", str(material_id), service="press"))

    @http("DELETE", "/api/v1/press/conferences/<uuid:event_id>/materials/<uuid:material_id>")
    def remove_press_conference_material(self, request, event_id, material_id):
        """Remove a material; answers the conference's materials left."""
        principal = self.guard.require(self.db, request, "press.write")
        remaining = self._call("remove_conference_material", str(event_id), str(material_id), actor(principal),
                               service="press")
        self.guard.audit(self.db, request, principal, "press.conference_material_remove", "conference_material",
                         material_id)
        return json_response({"materials": remaining})

    @http("POST", "/api/v1/press/conferences/<uuid:event_id>/share")
    def share_press_conference_materials(self, request, event_id):
        """E-mail every material to the guests: `{"audience": "attended" | "accepted" | "invited", "note":
        "…"}` (invited: every guest who did not decline); answers the record of the sharing. 422 when there
        is nothing to share, the materials pass 20 MB together, or no such guest has an e-mail address."""
        principal = self.guard.require(self.db, request, "press.write")
        form = load(press_schemas.ConferenceShareSchema, request, max_bytes=SHARE_BODY_BYTES)
        shared = self._call("share_conference_materials", str(event_id), form["audience"], form.get("note", ""),
                            actor(principal), service="press")
        self.guard.audit(self.db, request, principal, "press.conference_share", "conference_share", shared["id"])
        return json_response(shared)
