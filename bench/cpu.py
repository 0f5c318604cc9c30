"""CPU time used by groups of processes, read from /proc: a cheap look at where a run's time went.

    meter = Meter(lambda pid, comm, cmdline: "intake" if pid == intake_pid else None)
    meter.start()
    ... load ...
    meter.stop(wall_seconds)   # {"intake": 0.4, "other": 0.1, "machine": 1.2}; 1.0 = one core busy

"machine" is every core's non-idle time; "other" is what no group accounts for (the kernel, other
people's processes, processes that came and went during the run).
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


def machine_busy_seconds():
    """CPU seconds all cores spent working since boot (not idle, not waiting on I/O, not stolen by a
    hypervisor); None off Linux."""
    line = (_read("/proc/stat") or "").split("\n", 1)[0]
    if not line.startswith("cpu "):
        return None
    user, nice, system, _idle, _iowait, irq, softirq = (int(v) for v in line.split()[1:8])
    return (user + nice + system + irq + softirq) / _TICKS


def cpu_by_group(classify):
    """{group: {pid: cpu seconds}} for every live process that `classify(pid, comm, cmdline)` names."""
    groups = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        pid = int(entry)
        comm = (_read(f"/proc/{pid}/comm") or "").strip()
        cmdline = (_read(f"/proc/{pid}/cmdline") or "").replace("\0", " ")
        group = classify(pid, comm, cmdline)
        seconds = cpu_seconds(pid) if group else None
        if seconds is not None:
            groups.setdefault(group, {})[pid] = seconds
    return groups


def _read(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read()
    except OSError:
        return None


class Meter:
    """Cores kept busy, on average, by each group of processes and by the whole machine, between
    `start()` and `stop(wall_seconds)`. A process that starts during the run counts in full; one
    that ends during it is lost (and shows under "other")."""

    def __init__(self, classify):
        self.classify = classify
        self._groups = {}
        self._machine = None

    def start(self):
        self._groups = cpu_by_group(self.classify)
        self._machine = machine_busy_seconds()

    def stop(self, wall_seconds):
        after = cpu_by_group(self.classify)
        machine = machine_busy_seconds()
        if wall_seconds <= 0:
            return {}
        used = {}
        for group in sorted(set(self._groups) | set(after), key=str):
            before = self._groups.get(group, {})
            seconds = sum(now - before.get(pid, 0.0) for pid, now in after.get(group, {}).items())
            used[group] = round(seconds / wall_seconds, 2)
        if machine is not None and self._machine is not None:
            used["machine"] = round((machine - self._machine) / wall_seconds, 2)
            used["other"] = round(max(0.0, used["machine"] - sum(v for k, v in used.items() if k != "machine")), 2)
        return used
