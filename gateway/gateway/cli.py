"""`gateway-admin`: the operations tool for staff accounts, API clients and brokers' users.

    gateway-admin create-user ayse.yilmaz --name "Ayşe Yılmaz" --role pr_officer
    gateway-admin create-user mehmet --name "Mehmet Demir" --role directorate_staff --directorate "Fen İşleri"
    gateway-admin disable-user ayse.yilmaz
    gateway-admin create-client cimer --name "CİMER aktarım sistemi" --scope applications:submit --scope applications:read
    gateway-admin rotate-key cimer --overlap-hours 24
    gateway-admin create-amqp-user e-belediye-portal
    gateway-admin create-screen "Basın odası duvar ekranı" --url https://e.gaziemir.bel.tr
    gateway-admin list-screens
    gateway-admin revoke-screen 3f2e1d0c-9b8a-4776-8655-443322110099

It reads the gateway's own settings (`gateway.settings`: its `config.yml` with the environment) and works on
its database (`DB_URL`, or `GATEWAY_DB_URL`, the name `make run` gives it) with the master key `API_KEY_MASTER`
(required, and not a development value, unless `PLATFORM_ENV=development`: `servicekit.secrets`).
Secrets are printed once, to standard output, and never logged.
"""
import argparse
import getpass
import os
import secrets
import subprocess
import sys
from pathlib import Path

from servicekit.db import Pool, Store
from servicekit.migrations import apply_migrations
from servicekit import secrets as platform_secrets
from servicekit.secrets import InsecureSecrets

from . import accounts, clients, screens
from .errors import ValidationFailed
from .roles import STAFF_ROLES
from .settings import GatewaySettings

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def _store():
    url = os.environ.get("GATEWAY_DB_URL") or GatewaySettings.from_environment().db_url
    apply_migrations(url, MIGRATIONS)
    return Store(Pool(url, 2), relay=None, service_name="gateway")


def _master_key():
    try:
        return platform_secrets.secret(GatewaySettings.from_environment(), "API_KEY_MASTER")
    except InsecureSecrets as exc:  # a key derived from a published master key would be anyone's
        raise SystemExit(str(exc)) from None


def _password(args):
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Parola: ")
    if first != getpass.getpass("Parola (tekrar): "):
        raise SystemExit("Parolalar aynı değil.")
    return first


def create_user(args):
    accounts.create_user(_store(), args.username, args.name, _password(args), args.role, args.directorate)
    print(f"kullanıcı oluşturuldu: {args.username} ({args.role})")


def set_user(args, active):
    from . import storage

    store = _store()
    with store.transaction() as tx:
        found = storage.set_user_active(tx.cursor, args.username, active)
        if found is not None and not active:
            storage.revoke_all_for_user(tx.cursor, found["id"])
    if found is None:
        raise SystemExit(f"böyle bir kullanıcı yok: {args.username}")
    print(f"{args.username}: {'etkin' if active else 'devre dışı (oturumları kapatıldı)'}")


def create_client(args):
    master_key = _master_key()  # before the database is touched
    key_id, secret = clients.create_client(_store(), master_key, args.client_id, args.name, args.scope)
    _print_key(args.client_id, key_id, secret)


def rotate_key(args):
    master_key = _master_key()
    key_id, secret = clients.rotate_key(_store(), master_key, args.client_id, int(args.overlap_hours * 3600))
    _print_key(args.client_id, key_id, secret)
    print(f"eski anahtarlar {args.overlap_hours} saat daha geçerli")


def set_client(args, active):
    if not clients.set_active(_store(), args.client_id, active):
        raise SystemExit(f"böyle bir istemci yok: {args.client_id}")
    print(f"{args.client_id}: {'etkin' if active else 'devre dışı'}")


def create_amqp_user(args):
    """A RabbitMQ user for another system: it may publish to `ebelediye.inbound` and do nothing else."""
    password = secrets.token_urlsafe(24)
    ctl = ["rabbitmqctl", "-q"]
    subprocess.run([*ctl, "add_user", args.username, password], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([*ctl, "set_permissions", "-p", args.vhost, args.username, "^$", r"^ebelediye\.inbound$", "^$"],
                   check=True, stdout=subprocess.DEVNULL)
    print(f"RabbitMQ kullanıcısı: {args.username}\nparola (bir kez gösterilir): {password}\n"
          f"izin: yalnız ebelediye.inbound değişimine yayın (vhost {args.vhost})")


def create_screen(args):
    screen_id, key = screens.create(_store(), args.name)
    print(f"ekran: {args.name} ({screen_id})\nekranda açılacak adres (bir kez gösterilir; anahtar # işaretinden "
          f"sonradır ve sunucuya gitmez):\n{args.url.rstrip('/')}/press/board#ekran={key}")


def list_screens(args):
    for screen in screens.listing(_store()):
        state = f"iptal: {screen['revoked_at']:%d.%m.%Y %H:%M}" if screen["revoked_at"] else "etkin"
        seen = f"{screen['last_seen_at']:%d.%m.%Y %H:%M}" if screen["last_seen_at"] else "hiç"
        print(f"{screen['id']}  {screen['name']}  ({state}; son görülme: {seen})")


def revoke_screen(args):
    if not screens.revoke(_store(), args.screen_id):
        raise SystemExit(f"böyle etkin bir ekran yok: {args.screen_id}")
    print(f"{args.screen_id}: iptal edildi; ekran bir sonraki isteğinde reddedilir")


def _print_key(client_id, key_id, secret):
    print(f"istemci: {client_id}\nanahtar kimliği (X-Key-Id): {key_id}\ngizli anahtar (bir kez gösterilir): {secret}")


def parser():
    root = argparse.ArgumentParser(prog="gateway-admin", description="Ağ geçidi işletim aracı")
    commands = root.add_subparsers(dest="command", required=True)

    user = commands.add_parser("create-user", help="personel hesabı oluştur")
    user.add_argument("username")
    user.add_argument("--name", required=True)
    user.add_argument("--role", required=True, choices=sorted(STAFF_ROLES))
    user.add_argument("--directorate")
    user.add_argument("--password-stdin", action="store_true", help="parolayı standart girdiden oku")
    user.set_defaults(run=create_user)
    for name, active in (("disable-user", False), ("enable-user", True)):
        command = commands.add_parser(name)
        command.add_argument("username")
        command.set_defaults(run=lambda args, active=active: set_user(args, active))

    client = commands.add_parser("create-client", help="başka bir sistem için API istemcisi oluştur")
    client.add_argument("client_id")
    client.add_argument("--name", required=True)
    client.add_argument("--scope", action="append", default=[], help=f"one of: {', '.join(clients.KNOWN_SCOPES)}")
    client.set_defaults(run=create_client)
    rotate = commands.add_parser("rotate-key", help="yeni anahtar ver; eskiler bir süre daha geçerli")
    rotate.add_argument("client_id")
    rotate.add_argument("--overlap-hours", type=float, default=24.0)
    rotate.set_defaults(run=rotate_key)
    for name, active in (("disable-client", False), ("enable-client", True)):
        command = commands.add_parser(name)
        command.add_argument("client_id")
        command.set_defaults(run=lambda args, active=active: set_client(args, active))

    screen = commands.add_parser("create-screen", help="basın panosunu gösterecek duvar ekranı için anahtar")
    screen.add_argument("name")
    screen.add_argument("--url", default="http://127.0.0.1:8000", help="ağ geçidinin ekrandan görünen adresi")
    screen.set_defaults(run=create_screen)
    commands.add_parser("list-screens", help="duvar ekranları").set_defaults(run=list_screens)
    revoke = commands.add_parser("revoke-screen", help="bir ekranın anahtarını iptal et")
    revoke.add_argument("screen_id")
    revoke.set_defaults(run=revoke_screen)

    amqp = commands.add_parser("create-amqp-user", help="yalnız ebelediye.inbound'a yayın yapabilen RabbitMQ kullanıcısı")
    amqp.add_argument("username")
    amqp.add_argument("--vhost", default="/")
    amqp.set_defaults(run=create_amqp_user)
    return root


def main(argv=None):
    args = parser().parse_args(argv)
    try:
        args.run(args)
    except ValidationFailed as exc:
        for field, messages in (exc.errors or {}).items():
            print(f"{field}: {' '.join(messages) if isinstance(messages, list) else messages}", file=sys.stderr)
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
