"""Staff sign-in: tokens, refresh, sign-out, password change, who am I."""
from werkzeug.wrappers import Response

from .. import accounts, roles, schemas
from ..http import http, json_response
from .common import load, named


class AuthRoutes:
    @http("POST", "/api/v1/auth/sign-in")
    def sign_in(self, request):
        """`{"username", "password"}` -> access token (JWT, minutes) and refresh token (hours)."""
        self.guard.throttle(request)
        form = load(schemas.SignInSchema, request)
        try:
            issued, user = accounts.sign_in(self.db, self.guard.token_settings, form["username"], form["password"])
        except Exception:
            self.guard.audit(self.db, request, named(form["username"]), "auth.sign_in", outcome="failed")
            raise
        self.guard.audit(self.db, request, named(user["username"], user), "auth.sign_in")
        return json_response(dict(issued, role=user["role"], directorate=user["directorate"]))

    @http("POST", "/api/v1/auth/refresh")
    def refresh(self, request):
        """`{"refresh_token"}` -> new tokens; the old refresh token is used up."""
        self.guard.throttle(request)
        form = load(schemas.RefreshSchema, request)
        issued, user = accounts.refresh(self.db, self.guard.token_settings, form["refresh_token"])
        return json_response(dict(issued, role=user["role"], directorate=user["directorate"]))

    @http("POST", "/api/v1/auth/sign-out")
    def sign_out(self, request):
        """`{"refresh_token"}`: ends that sign-in. 204 whether or not the token was known."""
        self.guard.throttle(request)
        accounts.sign_out(self.db, load(schemas.RefreshSchema, request)["refresh_token"])
        return Response(status=204)

    @http("POST", "/api/v1/auth/password")
    def change_password(self, request):
        """`{"current_password", "new_password"}`: every sign-in of the user ends."""
        principal = self.guard.require(self.db, request, "account.self")
        form = load(schemas.PasswordChangeSchema, request)
        accounts.change_password(self.db, principal.id, form["current_password"], form["new_password"])
        self.guard.audit(self.db, request, principal, "auth.password_change", "staff_user", principal.id)
        return Response(status=204)

    @http("GET", "/api/v1/auth/me")
    def me(self, request):
        principal = self.guard.require(self.db, request, "account.self")
        return json_response({"id": principal.id, "username": principal.name, "role": principal.role,
                              "role_label": roles.STAFF_ROLES[principal.role], "directorate": principal.directorate})
