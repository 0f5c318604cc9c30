"""Wall screens: the press board on a screen in the office, without a staff sign-in on it.

A staff sign-in ends after the refresh token's 8 hours and leaves a person's account open on a screen
in a corridor. A screen key instead is made for one screen (`gateway-admin create-screen`), reads the
press board and nothing else, does not expire, and is revoked the moment the screen is lost
(`gateway-admin revoke-screen`). The page takes it from the address's fragment (never sent to the
server, so it is in no access log), keeps it in the browser and sends `Authorization: Screen <key>`.
"""
import hashlib
import secrets
import uuid

from . import storage

# what a screen may do: read the board (its page is public and holds nothing)
ACTIONS = frozenset({"press.board.read"})
ROLE = "board_screen"


def _hash(key):
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def create(store, name):
    """A new screen: `(id, key)`; the key is shown once and only its hash is kept."""
    key = secrets.token_urlsafe(32)
    screen_id = uuid.uuid4()
    with store.transaction() as tx:
        storage.insert_screen(tx.cursor, screen_id, name, _hash(key))
    return str(screen_id), key


def revoke(store, screen_id):
    """True when a screen with this id was active and is now refused."""
    with store.transaction() as tx:
        return storage.revoke_screen(tx.cursor, screen_id)


def listing(store):
    with store.transaction() as tx:
        return storage.screens(tx.cursor)


def find(store, key):
    """The active screen holding `key` (`{"id", "name"}`), its last visit recorded; None otherwise."""
    if not key or len(key) > 200:
        return None
    with store.transaction() as tx:
        return storage.screen_seen(tx.cursor, _hash(key))
