"""``python -m device_simulators sbi --port N``: an SBI device service for trainers and tests.

It prints one JSON line when it listens (port and the CA certificate file to trust), then
serves until interrupted. Drive it live through its admin endpoints, e.g.::

    curl -X POST 127.0.0.1:N/admin/fault -d '{"type":"Finger","fault":"finger_lifted"}'
"""

from __future__ import annotations

import argparse
import contextlib
import json
import signal
import sys
import threading
from pathlib import Path

from device_simulators.behaviour import SimulatorControl
from device_simulators.sbi.service import SbiService, standard_devices
from kiosk.devices.sbi.jws import certificate_pem


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m device_simulators")
    commands = parser.add_subparsers(dest="command", required=True)
    sbi = commands.add_parser("sbi", help="run an SBI device service on 127.0.0.1")
    sbi.add_argument("--port", type=int, default=4501, help="4501-4600 to be discovered")
    sbi.add_argument("--latency", type=float, default=0.6, help="seconds a capture takes")
    sbi.add_argument("--trust-out", type=Path, default=None,
                     help="write the simulator's CA certificate (PEM) here for the kiosk")
    args = parser.parse_args(argv)
    try:
        service = SbiService(standard_devices(lambda _k: SimulatorControl(args.latency)),
                             port=args.port)
    except OSError as error:
        print(f"cannot listen on 127.0.0.1:{args.port}: {error.strerror}", file=sys.stderr)
        return 2
    if args.trust_out is not None:
        args.trust_out.write_bytes(certificate_pem(service.authority.certificate))
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with service:
        print(json.dumps({"port": service.port, "trust": str(args.trust_out or "")}),
              flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            stop.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
