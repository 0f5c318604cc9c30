"""Reply links: a token per invitation, computed again on use, compared in constant time."""
from contacts import tokens

KEY = "anahtar"
ID = "3b5d7f9a-1c3e-4a5b-8d7f-9a1c3e5b7d9f"


def test_the_link_carries_the_invitation_and_its_token():
    url = tokens.reply_url("https://gaziemir.bel.tr/", KEY, ID)
    assert url == f"https://gaziemir.bel.tr/api/v1/invitations/{ID}/reply?token={tokens.reply_token(KEY, ID)}"
    assert len(tokens.reply_token(KEY, ID)) == 32


def test_only_the_token_of_this_invitation_under_this_key_matches():
    token = tokens.reply_token(KEY, ID)
    assert tokens.token_matches(KEY, ID, token)
    assert not tokens.token_matches("başka-anahtar", ID, token)
    assert not tokens.token_matches(KEY, "7d9f1b3c-5e7a-4c9b-9e1d-3f5a7c9e1b3d", token)
    assert not tokens.token_matches(KEY, ID, token[:-1])
    assert not tokens.token_matches(KEY, ID, None)
    assert not tokens.token_matches(KEY, ID, "ğüşıöç")  # not even ASCII: refused, not an error
