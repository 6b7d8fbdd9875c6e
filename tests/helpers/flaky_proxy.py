"""A TCP proxy that cuts connections at random, mid-request or mid-answer."""

from __future__ import annotations

import contextlib
import random
import socket
import threading


class FlakyProxy:
    """Forwards 127.0.0.1:<port> to ``upstream``; cuts a share of connections.

    A cut connection is closed after a random number of bytes in one direction, so
    some requests never reach the hub and some answers never reach the kiosk (the hub
    stored the records, the kiosk did not hear it: the case idempotence is for).
    """

    def __init__(self, upstream_port: int, cut_share: float = 0.3, seed: int = 7) -> None:
        self.upstream_port = upstream_port
        self.cut_share = cut_share
        self.random = random.Random(seed)
        self.cuts = 0
        self.connections = 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self.listener.getsockname()[1]
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> FlakyProxy:
        self.thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self.listener.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._pipe_pair, args=(client,), daemon=True).start()

    def _pipe_pair(self, client: socket.socket) -> None:
        try:
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port), timeout=5)
        except OSError:
            client.close()  # the hub is down: the kiosk sees the connection drop
            return
        limits: list[int | None] = [None, None]
        if self.random.random() < self.cut_share:
            self.cuts += 1
            limits[self.random.randrange(2)] = self.random.randrange(0, 20_000)
        done = threading.Event()
        for source, sink, limit in ((client, upstream, limits[0]), (upstream, client, limits[1])):
            threading.Thread(
                target=self._pipe, args=(source, sink, limit, done), daemon=True
            ).start()
        done.wait(60)
        for sock in (client, upstream):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    @staticmethod
    def _pipe(
        source: socket.socket, sink: socket.socket, limit: int | None, done: threading.Event
    ) -> None:
        sent = 0
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                if limit is not None and sent + len(data) > limit:
                    sink.sendall(data[: max(0, limit - sent)])
                    break
                sink.sendall(data)
                sent += len(data)
        except OSError:
            pass
        done.set()
