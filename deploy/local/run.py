"""`make run`: every service and the gateway as processes under one supervisor (honcho).

One log stream, each line prefixed with its process; Ctrl-C stops them all cleanly. Prints the
gateway's URL when it answers. Configuration comes from the environment (README.md).
"""
import os
import sys

from honcho.manager import Manager

from .processes import PROCESSES, ROOT, command


def process_env(name, port):
    # the log stream is JSON lines; library deprecation notices would only break it
    env = dict(os.environ, PYTHONUNBUFFERED="1", PYTHONWARNINGS="ignore")
    env.setdefault("AMQP_URI", "amqp://guest:guest@127.0.0.1:5672/")
    env["DB_URL"] = os.environ.get(f"{name.upper()}_DB_URL", f"postgresql://{name}:{name}@127.0.0.1:5432/{name}")
    if name == "gateway":
        env.setdefault("GATEWAY_ADDRESS", f"127.0.0.1:{port}")
    else:
        env["OPS_PORT"] = os.environ.get(f"{name.upper()}_OPS_PORT", str(port))
    return env


def main():
    manager = Manager()
    for name, folder, module, port in PROCESSES:
        argv = " ".join(command(module, sys.executable))
        manager.add_process(name, argv, cwd=str(folder), env=process_env(name, port))
    address = os.environ.get("GATEWAY_ADDRESS", "127.0.0.1:8000")
    probes = " ".join(f"http://127.0.0.1:{process_env(name, port)['OPS_PORT']}/health/ready"
                      for name, _folder, _module, port in PROCESSES if name != "gateway")
    manager.add_process("ready", f"{sys.executable} -m deploy.local.announce http://{address} {probes}",
                        cwd=str(ROOT), env=dict(os.environ, PYTHONUNBUFFERED="1"))
    manager.loop()
    sys.exit(manager.returncode)


if __name__ == "__main__":
    main()
