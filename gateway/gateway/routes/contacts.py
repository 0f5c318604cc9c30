"""The information bank's one route a declaration cannot say (the rest: `contracts.contacts_api`, served by
`gateway.declared`): the export, a file download whose record count goes out in a header (`X-Record-Count`)
and whose audited kind depends on the query (a segment's list or a filter's records). Its schema is the
contract's, which contacts checks too.
"""
from contracts import contacts_records as records

from ..declared import jsonable
from ..downloads import file_response
from ..http import http
from .common import actor, query_args


class ContactRoutes:
    @http("GET", "/api/v1/contacts/export")
    def export_contacts(self, request):
        """A file download: a segment's bulk list (`segment_id`) or the records of a filter as a spreadsheet
        (`format=csv`: UTF-8 with BOM and `;`, as Turkish Excel opens it) or an address book (`format=vcard`).
        Records whose owners opted out are never exported. Only the bank's writers may take a copy out."""
        principal = self.guard.require(self.db, request, "contacts.write")
        query = jsonable(query_args(records.ExportQuery, request))
        format_, segment_id = query.pop("format"), query.pop("segment_id", None)
        document = self._call("export_contacts", format_, actor(principal), service="contacts",
                              segment_id=segment_id, filters=None if segment_id else query)
        self.guard.audit(self.db, request, principal, f"contact.export_{format_}", "segment" if segment_id else
                         "contact", segment_id, personal_data=True)
        return file_response(document, headers={"X-Record-Count": str(document.get("count", 0))})
