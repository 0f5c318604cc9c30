"""The SMTP sink's handler for the fault suite: the tests' sink (one `.eml` file per message), which
answers `451` (try again later) to every message while a file named `REFUSE_FLAG` is in its folder,
as a real mail server does when it is overloaded or greylisting."""
from tests.support.smtp_handler import Sink

REFUSE_FLAG = "refuse-with-451"


class FlakySink(Sink):
    async def handle_DATA(self, server, session, envelope):
        if (self.folder / REFUSE_FLAG).exists():
            return "451 4.3.0 Gecici hata, daha sonra tekrar deneyin"
        return await super().handle_DATA(server, session, envelope)
