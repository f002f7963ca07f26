"""Run the server in a background thread on a free loopback port (tests, benchmark, screenshot).

The server stops when the ``with`` block ends; every wait is bounded, so a server
that fails to start or stop raises instead of hanging.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from pipeline.serve.checker import Checker


@contextmanager
def serve_in_thread(checker: Checker, host: str = "127.0.0.1", start_timeout: float = 30.0) -> Iterator[str]:
    """Yield the base URL (``http://127.0.0.1:PORT``) of a running server around ``checker``."""
    import uvicorn

    from pipeline.serve.app import create_app
    from pipeline.serve.cli import bind

    sock = bind(host, 0)
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(checker), log_level="warning", timeout_graceful_shutdown=2))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name=f"report-lint-serve-{port}",
                              daemon=True)
    thread.start()
    deadline = time.monotonic() + start_timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            sock.close()
            raise RuntimeError(f"report-lint serve did not start on {host}:{port}")
        time.sleep(0.02)
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
