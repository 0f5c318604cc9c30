"""A post-room letter's PDF, a file download: written by hand because a declared operation answers JSON.
The rest of what notify offers (inbox, templates, webhooks, the post room's list) is declared once in
`contracts.notify_api` and served from there (`gateway.declared`)."""
import base64

from werkzeug.wrappers import Response

from ..http import http


class NotificationRoutes:
    @http("GET", "/api/v1/post-room/letters/<uuid:letter_id>/letter.pdf")
    def post_room_letter_pdf(self, request, letter_id):
        """One envelope's printable PDF (a file, not JSON): the letter with the address in the window, then
        the receipt or the answer's files."""
        principal = self.guard.require(self.db, request, "post_room.manage")
        pdf = base64.b64decode(self._call("post_letter", str(letter_id), service="notify"))
        self.guard.audit(self.db, request, principal, "post_room.print", "notification", letter_id,
                         personal_data=True)
        return Response(pdf, mimetype="application/pdf", headers={
            "Content-Disposition": f'inline; filename="mektup-{letter_id}.pdf"'})
