"""A TCP proxy on loopback that a test controls: forward, hang, or refuse, like a sick dependency.

Put it between the stack and a real server (PostgreSQL, Redis) and switch it:

- `forward()`: relay bytes both ways (the normal state);
- `hang()`: keep accepting connections but stop relaying in both directions, as a server that
  is up on the network but does not answer (a stuck database, a frozen Redis);
- `refuse()`: stop listening and reset every open connection, as a server that has stopped: new
  connections are refused at once. `forward()` listens again on the same port, as a restart.

Each connection is relayed by one thread; `stop()` ends them all.
"""

import selectors
import socket
import struct
import threading

FORWARD, HANG, REFUSE = "forward", "hang", "refuse"


class TcpProxy:
    def __init__(self, target_host, target_port, *, host="127.0.0.1"):
        self.target = (target_host, int(target_port))
        self.host = host
        self.mode = FORWARD
        self.port = None
        self._listener = None
        self._lock = threading.Lock()
        self._connections = set()  # (client socket, server socket) pairs
        self._resumed = threading.Condition(self._lock)
        self._stopping = False

    # Control -----------------------------------------------------------------------------------

    def start(self):
        self._listen()
        return self

    def forward(self):
        with self._lock:
            self.mode = FORWARD
            self._resumed.notify_all()
        if self._listener is None:
            self._listen()

    def hang(self):
        with self._lock:
            self.mode = HANG

    def refuse(self):
        with self._lock:
            self.mode = REFUSE
            listener, self._listener = self._listener, None
            connections = list(self._connections)
            self._resumed.notify_all()
        if listener is not None:
            listener.close()
        for pair in connections:
            for sock in pair:
                _reset(sock)

    def stop(self):
        self._stopping = True
        self.refuse()

    def url(self, scheme, path=""):
        return f"{scheme}://{self.host}:{self.port}{path}"

    # Work --------------------------------------------------------------------------------------

    def _listen(self):
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((self.host, self.port or 0))
        listener.listen(128)
        self.port = listener.getsockname()[1]
        with self._lock:
            self._listener = listener
        threading.Thread(target=self._accept, args=[listener], daemon=True, name="proxy-accept").start()

    def _accept(self, listener):
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return  # closed by refuse() or stop()
            try:
                server = socket.create_connection(self.target, timeout=5)
            except OSError:
                _reset(client)
                continue
            with self._lock:
                self._connections.add((client, server))
            threading.Thread(
                target=self._relay, args=[client, server], daemon=True, name="proxy-relay"
            ).start()

    def _relay(self, client, server):
        peers = {client: server, server: client}
        with selectors.DefaultSelector() as selector:
            for sock in peers:
                selector.register(sock, selectors.EVENT_READ)
            try:
                while not self._stopping:
                    with self._lock:
                        while self.mode == HANG and not self._stopping:
                            self._resumed.wait()  # read nothing, send nothing: the peer just waits
                        if self.mode == REFUSE:
                            return
                    for key, _events in selector.select(timeout=0.1):
                        with self._lock:
                            if self.mode != FORWARD:
                                break
                        data = key.fileobj.recv(65536)
                        if not data:
                            return
                        peers[key.fileobj].sendall(data)
            except OSError:
                return
            finally:
                with self._lock:
                    self._connections.discard((client, server))
                for sock in peers:
                    sock.close()


def _reset(sock):
    """Close with a TCP reset, as a server process that dies does: the peer learns at once."""
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.close()
    except OSError:
        pass
