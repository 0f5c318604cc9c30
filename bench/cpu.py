"""CPU time used by processes, read from /proc: a cheap look at where a run's time went.

    meter = Meter({"intake": pid}, commands={"PostgreSQL": "postgres"})
    meter.start()
    ... load ...
    meter.stop(wall_seconds)   # {"intake": 0.4, "PostgreSQL": 0.6, "machine": 1.9}; 1.0 = one core busy
"""
import os

_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def cpu_seconds(pid):
    """User + system CPU seconds of `pid` (all its threads) so far; None when it cannot be read."""
    stat = _read(f"/proc/{pid}/stat")
    if stat is None:
        return None
    fields = stat.rsplit(")", 1)[1].split()  # the name may hold spaces: split after it
    return (int(fields[11]) + int(fields[12])) / _TICKS  # utime, stime


def command_cpu_seconds(command):
    """CPU seconds of every live process whose name (`comm`) is `command`, e.g. all PostgreSQL
    backends; a process that exits during a run takes its share with it. None off Linux."""
    try:
        pids = [entry for entry in os.listdir("/proc") if entry.isdigit()]
    except OSError:
        return None
    total = 0.0
    for pid in pids:
        if (_read(f"/proc/{pid}/comm") or "").strip() == command:
            total += cpu_seconds(pid) or 0.0
    return total


def machine_busy_seconds():
    """CPU seconds all cores spent neither idle nor waiting on I/O since boot; None off Linux."""
    line = (_read("/proc/stat") or "").split("\n", 1)[0]
    if not line.startswith("cpu "):
        return None
    values = [int(v) for v in line.split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return (sum(values[:8]) - idle) / _TICKS


def _read(path):
    try:
        with open(path, encoding="ascii", errors="replace") as handle:
            return handle.read()
    except OSError:
        return None


class Meter:
    """Cores kept busy, on average, by named processes, by named commands and by the whole machine,
    between `start()` and `stop(wall_seconds)`."""

    def __init__(self, pids, commands=None):
        self.sources = {name: (lambda pid=pid: cpu_seconds(pid)) for name, pid in pids.items()}
        for name, command in (commands or {}).items():
            self.sources[name] = lambda command=command: command_cpu_seconds(command)
        self.sources["machine"] = machine_busy_seconds
        self._before = {}

    def start(self):
        self._before = {name: read() for name, read in self.sources.items()}

    def stop(self, wall_seconds):
        used = {}
        for name, read in self.sources.items():
            before, after = self._before.get(name), read()
            if before is None or after is None or wall_seconds <= 0:
                used[name] = None
            else:
                used[name] = round((after - before) / wall_seconds, 2)
        return used
