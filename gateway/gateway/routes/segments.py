"""Segments of the information bank: fixed lists kept by hand and saved filters. Invitations, press
releases and publications go to a segment's bulk list, which never holds a record without a lawful basis
or whose owner opted out (contacts sees to that)."""
from .. import contacts_schemas as schemas
from ..http import http, json_response
from .common import actor, load
from .contacts import ContactsRpc


class SegmentRoutes(ContactsRpc):
    @http("POST", "/api/v1/segments")
    def create_segment(self, request):
        """`{"name": "İlçe protokolü", "kind": "filter", "filter": {"categories": ["ilce_protokolu"]}}` or
        `{"name": "Basın", "kind": "fixed", "members": [ids]}`; 409 when the name is taken."""
        principal = self.guard.require(self.db, request, "contacts.write")
        segment = load(schemas.SegmentSchema, request, max_bytes=256 * 1024)
        created = self._contacts("create_segment", schemas.as_rpc(segment), actor(principal))
        self.guard.audit(self.db, request, principal, "segment.create", "segment", created["id"])
        return json_response(created, status=201)

    @http("GET", "/api/v1/segments")
    def list_segments(self, request):
        """Every segment with the size of its bulk list today."""
        principal = self.guard.require(self.db, request, "contacts.read")
        return json_response({"segments": self._contacts("list_segments", actor(principal))})

    @http("PATCH", "/api/v1/segments/<uuid:segment_id>")
    def update_segment(self, request, segment_id):
        """Rename a segment (`{"name"}`) or change its filter (`{"filter"}`)."""
        principal = self.guard.require(self.db, request, "contacts.write")
        changes = load(schemas.SegmentChangesSchema, request)
        segment = self._contacts("update_segment", str(segment_id), schemas.as_rpc(changes), actor(principal))
        self.guard.audit(self.db, request, principal, "segment.update", "segment", segment_id)
        return json_response(segment)

    @http("DELETE", "/api/v1/segments/<uuid:segment_id>")
    def delete_segment(self, request, segment_id):
        principal = self.guard.require(self.db, request, "contacts.write")
        deleted = self._contacts("delete_segment", str(segment_id), actor(principal))
        self.guard.audit(self.db, request, principal, "segment.delete", "segment", segment_id)
        return json_response(deleted)

    @http("GET", "/api/v1/segments/<uuid:segment_id>/members")
    def segment_members(self, request, segment_id):
        """The bulk list as it stands today: name, e-mail and mobile phone of each."""
        principal = self.guard.require(self.db, request, "contacts.read")
        members = self._contacts("segment_members", str(segment_id))
        self.guard.audit(self.db, request, principal, "segment.members_read", "segment", segment_id,
                         personal_data=True)
        return json_response({"members": members})

    @http("POST", "/api/v1/segments/<uuid:segment_id>/members")
    def add_segment_members(self, request, segment_id):
        """`{"contact_ids": [...]}` join a fixed list (409 for a saved filter: change its filter)."""
        principal = self.guard.require(self.db, request, "contacts.write")
        form = load(schemas.MembersSchema, request, max_bytes=128 * 1024)
        segment = self._contacts("add_to_segment", str(segment_id), schemas.as_rpc(form["contact_ids"]),
                                 actor(principal))
        self.guard.audit(self.db, request, principal, "segment.members_add", "segment", segment_id)
        return json_response(segment)

    @http("DELETE", "/api/v1/segments/<uuid:segment_id>/members/<uuid:contact_id>")
    def remove_segment_member(self, request, segment_id, contact_id):
        """The record leaves a fixed list."""
        principal = self.guard.require(self.db, request, "contacts.write")
        segment = self._contacts("remove_from_segment", str(segment_id), [str(contact_id)], actor(principal))
        self.guard.audit(self.db, request, principal, "segment.member_remove", "segment", segment_id)
        return json_response(segment)

