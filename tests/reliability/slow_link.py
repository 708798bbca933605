"""A TCP proxy that holds back what the client sends: a slow network link, on loopback.

With it, a test makes a call reach the server late while the client's deadline
runs from the moment it sent the call, so the server is still working when the
client has already given up and retried elsewhere.
"""

from __future__ import annotations

import contextlib
import queue
import socket
import threading
import time


class SlowLink:
    """Listens on 127.0.0.1 (an OS-chosen `port`) and forwards to target_port, client bytes `delay` s late."""

    def __init__(self, target_port: int) -> None:
        self.delay = 0.0  # seconds; read for each chunk, so a test may change it between calls
        self._target_port = target_port
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self._sockets: list[socket.socket] = [self._listener]
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self) -> None:
        for sock in self._sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return  # closed
            server = socket.create_connection(("127.0.0.1", self._target_port))
            for sock in (client, server):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._sockets += [client, server]
            due: queue.Queue[tuple[float, bytes]] = queue.Queue()
            threading.Thread(target=self._read, args=(client, due), daemon=True).start()
            threading.Thread(target=self._deliver, args=(due, server), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client), daemon=True).start()

    def _read(self, source: socket.socket, due: queue.Queue[tuple[float, bytes]]) -> None:
        while chunk := _receive(source):
            due.put((time.monotonic() + self.delay, chunk))
        due.put((0.0, b""))

    @staticmethod
    def _deliver(due: queue.Queue[tuple[float, bytes]], target: socket.socket) -> None:
        # In order: a chunk waits for its own time and for every chunk before it.
        while True:
            at, chunk = due.get()
            if not chunk:
                break
            time.sleep(max(0.0, at - time.monotonic()))
            try:
                target.sendall(chunk)
            except OSError:
                break
        _close_write(target)

    @staticmethod
    def _pump(source: socket.socket, target: socket.socket) -> None:
        while chunk := _receive(source):
            try:
                target.sendall(chunk)
            except OSError:
                break
        _close_write(target)


def _receive(sock: socket.socket) -> bytes:
    try:
        return sock.recv(65536)
    except OSError:
        return b""


def _close_write(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_WR)
