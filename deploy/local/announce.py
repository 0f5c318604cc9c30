"""Waits for the gateway and every service to be ready, prints the gateway's URL, then stays (honcho stops everything when one
of its processes ends)."""
import signal
import sys
import time

import requests


def ready(urls):
    try:
        return all(requests.get(url, timeout=2).status_code == 200 for url in urls)
    except requests.RequestException:
        return False


def main(url, *service_probes):
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if ready([url + "/health", *service_probes]):
            print(f"Platform hazır / ready: {url}  (API belgeleri: {url}/api/docs)", flush=True)
            break
        time.sleep(0.5)
    else:
        print(f"gateway did not answer at {url} within 120 s; see the log lines above", flush=True)
    signal.pause()


if __name__ == "__main__":
    main(*sys.argv[1:])
