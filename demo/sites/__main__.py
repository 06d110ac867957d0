"""`python -m demo.sites serve [--port 18080]`: serve the demo websites until Ctrl+C."""

from __future__ import annotations

import argparse
import signal
import threading

from demo.sites.server import DemoWorld


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m demo.sites")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="Uruchamia demonstracyjne strony WWW na 127.0.0.x.")
    serve.add_argument("--port", type=int, default=18080)
    args = parser.parse_args()
    world = DemoWorld(port=args.port).start()
    for key, url in world.urls.items():
        print(f"{key:16} {url}", flush=True)
    print(f"{'dns':16} {world.dns_server}  (AUDITOR_DNS_SERVER={world.dns_server})", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        while not stop.wait(0.5):  # a timed wait lets the SIGTERM handler run
            pass
    except KeyboardInterrupt:
        pass
    world.stop()


if __name__ == "__main__":
    main()
