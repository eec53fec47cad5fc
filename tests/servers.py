"""Real FTP and SFTP servers on loopback for the deploy tests: pyftpdlib, and paramiko's
server interface over a plain folder. Each can drop the connection after a number of
files, as a flaky school line does."""
from __future__ import annotations

import base64
import hashlib
import os
import socket
import threading

import paramiko


def self_signed(folder: str) -> str:
    """A certificate for 127.0.0.1 and its key in one PEM file."""
    import datetime as dt
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
            .sign(key, hashes.SHA256()))
    path = os.path.join(folder, "may-chu.pem")
    with open(path, "wb") as f:
        f.write(cert.public_bytes(serialization.Encoding.PEM))
        f.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption()))
    return path


class _Threaded:
    """A server loop in a thread, stopped when the `with` block ends."""

    def __enter__(self):
        self.running = True
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.running = False
        self.thread.join(10)
        self._closed()

    def _closed(self):
        pass


class FtpServer(_Threaded):
    def __init__(self, home: str, user: str, password: str, drop_after: int | None = None,
                 certificate: str | None = None):
        from pyftpdlib.authorizers import DummyAuthorizer
        from pyftpdlib.handlers import FTPHandler, TLS_FTPHandler
        from pyftpdlib.servers import FTPServer

        os.makedirs(home, exist_ok=True)
        authorizer = DummyAuthorizer()
        authorizer.add_user(user, password, home, perm="elradfmwMT")
        self.received = 0
        self.drop_after = drop_after
        outer = self

        class Handler(TLS_FTPHandler if certificate else FTPHandler):
            def on_file_received(self, file):
                outer.received += 1
                if outer.drop_after and outer.received == outer.drop_after:
                    self.close()  # the line drops right after this file arrived

        Handler.authorizer = authorizer
        if certificate:
            Handler.certfile = certificate
            Handler.tls_control_required = Handler.tls_data_required = True
        Handler.log_prefix = ""
        import logging
        logging.getLogger("pyftpdlib").setLevel(logging.CRITICAL)
        self.server = FTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.address[1]

    def _run(self):
        while self.running:
            self.server.serve_forever(timeout=0.05, blocking=False, handle_exit=False)
        self.server.close_all()


def fingerprint(key) -> str:
    return "SHA256:" + base64.b64encode(hashlib.sha256(key.asbytes()).digest()).decode().rstrip("=")


class SftpServer(_Threaded):
    KEY = None  # one host key for the test run: generating one takes a moment

    def __init__(self, home: str, user: str, password: str, drop_after: int | None = None):
        os.makedirs(home, exist_ok=True)
        if SftpServer.KEY is None:
            SftpServer.KEY = paramiko.RSAKey.generate(2048)
        self.key = SftpServer.KEY
        self.home, self.user, self.password, self.drop_after = home, user, password, drop_after
        self.renamed = 0
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.transports: list = []

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.key)

    def _run(self):
        while self.running:
            try:
                conn, _ = self.sock.accept()
            except (socket.timeout, OSError):
                continue
            transport = paramiko.Transport(conn)
            transport.add_server_key(self.key)
            transport.set_subsystem_handler("sftp", paramiko.SFTPServer, _Folder, self, conn)
            try:
                transport.start_server(server=_Login(self))
            except (paramiko.SSHException, EOFError, OSError):
                continue
            self.transports.append(transport)

    def _closed(self):
        for t in self.transports:
            t.close()
        self.sock.close()


class _Login(paramiko.ServerInterface):
    def __init__(self, server: SftpServer):
        self.server = server

    def check_auth_password(self, username, password):
        ok = (username, password) == (self.server.user, self.server.password)
        return paramiko.AUTH_SUCCESSFUL if ok else paramiko.AUTH_FAILED

    def get_allowed_auths(self, username):
        return "password"

    def check_channel_request(self, kind, chanid):
        return paramiko.OPEN_SUCCEEDED if kind == "session" else paramiko.OPEN_FAILED_ADMINISTRATIVELY_PROHIBITED


class _Handle(paramiko.SFTPHandle):
    def stat(self):
        try:
            return paramiko.SFTPAttributes.from_stat(os.fstat(self.readfile.fileno()))
        except OSError as e:
            return paramiko.SFTPServer.convert_errno(e.errno)


class _Folder(paramiko.SFTPServerInterface):
    """The server's files: a local folder, with / as its root."""

    def __init__(self, login, server: SftpServer, conn, *args, **kwargs):
        super().__init__(login, *args, **kwargs)
        self.server, self.conn = server, conn

    def _real(self, path: str) -> str:
        return os.path.join(self.server.home, self.canonicalize(path).lstrip("/"))

    def _errno(self, call, *args):
        try:
            call(*args)
        except OSError as e:
            return paramiko.SFTPServer.convert_errno(e.errno)
        return paramiko.SFTP_OK

    def list_folder(self, path):
        real = self._real(path)
        try:
            return [paramiko.SFTPAttributes.from_stat(os.stat(os.path.join(real, n)), n) for n in os.listdir(real)]
        except OSError as e:
            return paramiko.SFTPServer.convert_errno(e.errno)

    def stat(self, path):
        try:
            return paramiko.SFTPAttributes.from_stat(os.stat(self._real(path)))
        except OSError as e:
            return paramiko.SFTPServer.convert_errno(e.errno)

    lstat = stat

    def open(self, path, flags, attr):
        try:
            fd = os.open(self._real(path), flags, 0o644)
        except OSError as e:
            return paramiko.SFTPServer.convert_errno(e.errno)
        mode = "wb" if flags & os.O_WRONLY else ("r+b" if flags & os.O_RDWR else "rb")
        handle = _Handle(flags)
        handle.readfile = handle.writefile = os.fdopen(fd, mode)
        return handle

    def remove(self, path):
        return self._errno(os.remove, self._real(path))

    def rename(self, old, new):
        return self._errno(os.rename, self._real(old), self._real(new))

    def posix_rename(self, old, new):
        result = self._errno(os.replace, self._real(old), self._real(new))
        self.server.renamed += 1
        if self.server.drop_after and self.server.renamed == self.server.drop_after:
            self.conn.shutdown(socket.SHUT_RDWR)  # the line drops
        return result

    def mkdir(self, path, attr):
        return self._errno(os.mkdir, self._real(path))

    def rmdir(self, path):
        return self._errno(os.rmdir, self._real(path))
