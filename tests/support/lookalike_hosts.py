"""Look-alike hosts on loopback, reached through a loopback proxy (tests only).

Every host name the client asks for (``api.openai.com``, ``evilopenai.com``)
is answered by one loopback server: over TLS with a certificate for that name
(signed by a test authority the client is told to trust), or over plain HTTP.
The proxy never forwards anything off this machine. Each request's host and
``Authorization`` header are recorded, so a test sees which key went where.
"""

from __future__ import annotations

import datetime as dt
import json
import select
import socket
import ssl
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


@dataclass(frozen=True)
class Arrival:
    """One request as the look-alike host saw it."""

    host: str
    scheme: str
    path: str
    authorization: str


@dataclass
class Hosts:
    """What the stand-in hosts received, and how to reach them."""

    proxy_url: str
    ca_file: Path
    arrivals: list[Arrival] = field(default_factory=list)
    connects: list[str] = field(default_factory=list)

    def keys_at(self, host: str) -> list[str]:
        """The Authorization headers that reached ``host``."""
        return [a.authorization for a in self.arrivals if a.host == host]


def _certificates(folder: Path, names: Sequence[str]) -> tuple[Path, Path, Path]:
    """A test authority and one server certificate for every name in ``names``."""
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "BlogIdeas test CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0])]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.DNSName(name) for name in names]), critical=False
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .add_extension(
            x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    ca_file, cert_file, key_file = folder / "ca.pem", folder / "cert.pem", folder / "key.pem"
    ca_file.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return ca_file, cert_file, key_file


MODELS = {"object": "list", "data": [{"id": "m", "object": "model", "created": 0, "owned_by": "t"}]}


def _read_head(stream: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = stream.recv(4096)
        if not chunk:
            break
        data += chunk
    return data


def _answer(conn: socket.socket, head: bytes, host: str, scheme: str, hosts: Hosts) -> None:
    """Record one request and answer it as an OpenAI-compatible server would."""
    lines = head.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    target = lines[0].split(" ", 2)[1]
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0") or 0)
    rest = head.split(b"\r\n\r\n", 1)[1]
    while len(rest) < length:
        chunk = conn.recv(4096)
        if not chunk:
            break
        rest += chunk
    # A proxied plain request names the whole URL; a tunnelled one only the path.
    path = "/" + target.split("://", 1)[1].split("/", 1)[1] if "://" in target else target
    hosts.arrivals.append(Arrival(host, scheme, path, headers.get("authorization", "")))
    body = json.dumps(MODELS).encode()
    conn.sendall(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
        + f"Content-Length: {len(body)}\r\n\r\n".encode()
        + body
    )


def _serve_tls(raw: socket.socket, context: ssl.SSLContext, host: str, hosts: Hosts) -> None:
    with context.wrap_socket(raw, server_side=True) as conn:
        head = _read_head(conn)
        if head:
            _answer(conn, head, host, "https", hosts)


def _handle(client: socket.socket, context: ssl.SSLContext, hosts: Hosts) -> None:
    with client:
        try:
            head = _read_head(client)
            if not head:
                return
            first = head.split(b"\r\n", 1)[0].decode("latin-1")
            method, target, _ = first.split(" ", 2)
            if method == "CONNECT":
                host = target.rsplit(":", 1)[0]
                hosts.connects.append(target)
                client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
                _serve_tls(client, context, host, hosts)
                return
            host = target.split("://", 1)[1].split("/", 1)[0].split(":")[0]
            _answer(client, head, host, "http", hosts)
        except (OSError, ValueError, ssl.SSLError):
            return


@contextmanager
def lookalike_hosts(folder: Path, names: Sequence[str]) -> Iterator[Hosts]:
    """A loopback proxy whose every host is a loopback stand-in; yields what arrived."""
    ca_file, cert_file, key_file = _certificates(folder, names)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    hosts = Hosts(f"http://127.0.0.1:{port}", ca_file)
    stop = threading.Event()
    threads: list[threading.Thread] = []

    def accept() -> None:
        while not stop.is_set():
            ready, _, _ = select.select([listener], [], [], 0.05)
            if not ready:
                continue
            client, _ = listener.accept()
            thread = threading.Thread(target=_handle, args=(client, context, hosts), daemon=True)
            threads.append(thread)
            thread.start()

    acceptor = threading.Thread(target=accept, daemon=True)
    acceptor.start()
    try:
        yield hosts
    finally:
        stop.set()
        acceptor.join(5)
        for thread in threads:
            thread.join(5)
        listener.close()
