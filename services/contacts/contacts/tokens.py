"""The token of an invitation's personal reply link: HMAC-SHA256 of the invitation id under
`INVITATION_KEY`, truncated. Nothing secret is stored: the token is computed again when the link is
used and compared in constant time, so a leaked database does not let anyone answer for an invitee."""
import hashlib
import hmac
from urllib.parse import quote

TOKEN_HEX_CHARS = 32  # 128 bits: far beyond guessing, short enough for an SMS


def reply_token(key, invitation_id):
    digest = hmac.new(key.encode("utf-8"), str(invitation_id).encode("ascii"), hashlib.sha256).hexdigest()
    return digest[:TOKEN_HEX_CHARS]


def token_matches(key, invitation_id, token):
    expected = reply_token(key, invitation_id).encode("ascii")
    return hmac.compare_digest(expected, str(token or "").encode("utf-8"))


def reply_url(base_url, key, invitation_id):
    """`<PUBLIC_BASE_URL>/api/v1/invitations/<id>/reply?token=<token>`: the gateway serves this address."""
    return (f"{base_url.rstrip('/')}/api/v1/invitations/{quote(str(invitation_id))}/reply"
            f"?token={reply_token(key, invitation_id)}")
