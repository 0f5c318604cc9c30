"""KVKK's periodic destruction (periyodik imha): intake anonymises the applicants of applications whose
retention period ended, at most six months apart, and keeps a log of every run. Operations and the
auditor read the log; only the administrator starts a run by hand."""
from .. import retention_views
from ..http import http, json_response
from .common import actor, query_args


class RetentionRoutes:
    @http("GET", "/api/v1/ops/retention/runs")
    def destruction_runs(self, request):
        """The destruction log, newest first: when, what started it, how many applications per retention
        rule were anonymised (no personal data)."""
        self.guard.require(self.db, request, "retention.read")
        query = query_args(retention_views.RunQuerySchema, request)
        return json_response({"runs": self._call("destruction_runs", query["limit"], service="intake")})

    @http("POST", "/api/v1/ops/retention/runs")
    def run_destruction(self, request):
        """Start a destruction run now (besides the scheduled ones): what is past its retention period is
        anonymised at once and cannot be undone; answers the run's log entry."""
        principal = self.guard.require(self.db, request, "retention.run")
        run = self._call("run_destruction", actor(principal), service="intake")
        self.guard.audit(self.db, request, principal, "retention.run", "destruction_run", run["id"],
                         personal_data=True)
        return json_response(run)
