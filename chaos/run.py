"""One chaos run: start the platform, run the load, play every fault in turn with calm load between
them, bring the infrastructure back whatever happened, let the system settle, check, and gather the
figures."""
import time
import traceback
import uuid
from dataclasses import asdict

from . import checks, faults, infra, metrics
from .launch import running_platform
from .load import Load


def run(settings, log_dir):
    """Returns the results as a dict (see `report.print_report`); raises only when the platform
    did not start."""
    began = time.monotonic()
    results = {"form": settings.form, "settings": asdict(settings), "run_id": uuid.uuid4().hex[:8]}
    try:
        with running_platform(settings, log_dir) as platform:
            results["start_s"] = round(time.monotonic() - began, 1)
            schedule = faults.cycle(settings.only) * settings.cycles
            load = Load(platform, settings, results["run_id"], settings.planned_seconds(len(schedule))).start()
            try:
                results["faults"] = play(platform, settings, schedule, load)
            except BaseException:  # interrupted (SIGTERM, Ctrl-C): clients stop now, the servers come back below
                load.abandon()
                raise
            finally:
                infra.ensure_up()  # a fault that failed half-way must not leave the broker or the database down
                results["load_s"] = round(load.wait() - load.started, 1)
            faults.recover(platform.system, settings.recover_seconds)
            settle_s, _ = checks.settle(platform, load.submitted, settings.settle_seconds)
            results["settle_s"] = settle_s
            results["figures"] = checks.final(platform, load.submitted)
            for sample in results["figures"]["samples"]:  # monotonic clock -> seconds since the load began
                sample["sent_at_s"] = round(sample.pop("first_sent") - load.started, 1)
                acked = sample.pop("acknowledged_at")
                sample["acknowledged_at_s"] = round(acked - load.started, 1) if acked else None
            results["clients"] = client_figures(load.submitted)
    finally:
        infra.ensure_up()
        results["total_s"] = round(time.monotonic() - began, 1)
    return results


def play(platform, settings, schedule, load):
    """Each fault, then calm load; the timings of each, with what clients and the system felt of it."""
    timings = []
    time.sleep(settings.calm_seconds)
    for fault in schedule:
        before = metrics.retries(platform.ops_ports)
        started = time.monotonic()
        try:
            timing = fault.play(platform, settings)
        except Exception as exc:  # a fault the system did not recover from is a finding, not a crash of the suite
            timing = {"error": f"{type(exc).__name__}: {exc}"[:300]}
            traceback.print_exc()
            _bring_back(platform, settings)
        time.sleep(settings.calm_seconds)
        ended = time.monotonic()
        timing.update(fault=fault.name, at_s=round(started - load.started, 1),
                      system_retries=metrics.delta(before, metrics.retries(platform.ops_ports)),
                      **window_figures(load.submitted, started, ended))
        timings.append(timing)
    return timings


def _bring_back(platform, settings):
    try:
        infra.ensure_up()
        faults.recover(platform.system, settings.recover_seconds)
    except Exception:
        traceback.print_exc()


def window_figures(submitted, started, ended):
    """What clients saw from a fault's start until the next one: failed attempts, and the slowest
    acknowledgement of a submission first sent in that time."""
    failed = sum(1 for s in list(submitted) for at, _ in list(s.errors) if started <= at < ended)
    waits = [s.acknowledged_at - s.first_sent for s in list(submitted)
             if s.acknowledged and s.first_sent is not None and started <= s.first_sent < ended]
    return {"client_retries": failed, "slowest_ack_s": round(max(waits), 2) if waits else None}


def client_figures(submitted):
    """Per door: submitted, acknowledged, attempts, and the final answers of what was not acknowledged."""
    doors = {}
    for s in submitted:
        door = doors.setdefault(s.channel, {"submitted": 0, "acknowledged": 0, "attempts": 0, "gave_up_with": {}})
        door["submitted"] += 1
        door["attempts"] += s.attempts
        if s.acknowledged:
            door["acknowledged"] += 1
        else:
            door["gave_up_with"][str(s.status)] = door["gave_up_with"].get(str(s.status), 0) + 1
    return doors


def succeeded(results):
    """Nothing lost, nothing twice, nothing left unsent, one receipt per acknowledged application,
    settled in time, and every fault recovered from."""
    figures = results.get("figures")
    if not figures:
        return False
    return (figures["lost"] == 0 and figures["duplicates"] == 0 and not any(figures["outbox_unsent"].values())
            and figures["receipts"] == figures["acknowledged"] and results.get("settle_s") is not None
            and not any("error" in timing for timing in results.get("faults", ())))
