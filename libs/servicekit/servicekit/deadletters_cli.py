"""`deadletters list|show|replay|purge SERVICE [--id ID]`: the operations tool for dead letters.

The broker is the one SERVICE's settings name (`AMQP_URI` in its `config.yml`, with the environment:
`servicekit.settings`), unless `--amqp-uri` says otherwise."""
import argparse
import importlib
import json

from . import deadletters, settings


def service_settings(service):
    """The settings `service` runs with (its package's `settings` module declares them)."""
    try:
        importlib.import_module(f"{service}.settings")
        return settings.registered(service).from_environment()
    except (ImportError, KeyError):
        return None


def main(argv=None):
    parser = argparse.ArgumentParser(prog="deadletters",
                                     description="Ölü mektuplar: listele, göster, yeniden oynat, sil.")
    parser.add_argument("action", choices=("list", "show", "replay", "purge"))
    parser.add_argument("service", help="servis adı, örn. intake")
    parser.add_argument("--id", dest="letter_id", help="yalnız bu ölü mektup (list çıktısındaki id)")
    parser.add_argument("--amqp-uri", help="RabbitMQ adresi (verilmezse servisin kendi AMQP_URI ayarı)")
    args = parser.parse_args(argv)
    if not args.amqp_uri:
        found = service_settings(args.service)
        if found is None:
            parser.error(f"{args.service} servisinin ayarları bulunamadı: --amqp-uri verin")
        args.amqp_uri = found.amqp_uri
    if args.action == "list":
        for entry in deadletters.list_dead_letters(args.amqp_uri, args.service):
            print(json.dumps(entry, ensure_ascii=False))
    elif args.action == "show":
        if not args.letter_id:
            parser.error("show için --id gerekli")
        found = deadletters.inspect(args.amqp_uri, args.service, args.letter_id)
        if found is None:
            parser.exit(1, "böyle bir ölü mektup yok\n")
        print(json.dumps(found, ensure_ascii=False, indent=2))
    elif args.action == "replay":
        print(f"{deadletters.replay(args.amqp_uri, args.service, args.letter_id)} mesaj yeniden kuyruğa gönderildi")
    else:
        print(f"{deadletters.purge(args.amqp_uri, args.service, args.letter_id)} mesaj silindi")


if __name__ == "__main__":
    main()
