"""Where a site is published: a folder, an FTP(S) server or an SFTP server, behind one
small interface (read a file, put a file, delete a file). Each put is atomic on the
server: the file is sent under a temporary name and renamed, so a reader never gets
half a page and an interrupted upload leaves at most a stray temporary file, which the
next deploy overwrites.
"""
from __future__ import annotations

import ftplib
import io
import os
import posixpath
import re
import shutil
import ssl
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from sitegen.lang import _


TEMP_SUFFIX = ".sitegen-up"


class DeployError(Exception):
    """A failure to report in one line: connection, login, permission, dropped link."""


@dataclass(frozen=True)
class Where:
    scheme: str        # folder | ftp | ftps | sftp
    host: str
    port: int
    user: str
    path: str          # the remote folder (or the local folder)

    def shown(self) -> str:
        """The target as printed: never with a password."""
        if self.scheme == "folder":
            return self.path
        user = f"{self.user}@" if self.user else ""
        return f"{self.scheme}://{user}{self.host}:{self.port}{self.path}"


def parse(url: str, site_root: str, paths=os.path) -> Where:
    """Where a target's URL points. `paths` is os.path, or ntpath to read a URL as
    Windows would (the tests do)."""
    if "://" not in url or url.startswith("file://"):
        return Where("folder", "", 0, "", folder_path(url, site_root, paths))
    parts = urlsplit(url)
    scheme = parts.scheme
    default = {"ftp": 21, "ftps": 21, "sftp": 22}[scheme]
    path = unquote(parts.path) or "/"
    return Where(scheme, parts.hostname or "", parts.port or default, unquote(parts.username or ""),
                 path if path.endswith("/") else path + "/")


def folder_path(url: str, site_root: str, paths=os.path) -> str:
    """A folder target: a path (relative to the site, `~` for home), or a file:// URL.
    On Windows `file:///D:/Web/tin-dang` is D:\\Web\\tin-dang, and `file://server/share/x`
    a network share."""
    path = url
    if url.startswith("file://"):
        parts = urlsplit(url)
        path = unquote(parts.path)
        if re.fullmatch(r"[A-Za-z]:", parts.netloc):  # file://D:/Web
            path = parts.netloc + path
        elif parts.netloc and parts.netloc.lower() != "localhost":  # file://server/share/...
            path = "//" + parts.netloc + path
        if re.match(r"^/[A-Za-z]:[/\\]", path):  # file:///D:/Web
            path = path[1:]
    return paths.abspath(paths.join(site_root, paths.expanduser(path)))


def connect(where: Where, password: str | None, host_key: str = "", timeout: float = 30.0):
    if where.scheme == "folder":
        return FolderRemote(where.path)
    if where.scheme in ("ftp", "ftps"):
        return FtpRemote(where, password, timeout)
    return SftpRemote(where, password, host_key, timeout)


class FolderRemote:
    """A local or mounted folder (a network share, a USB disk)."""

    def __init__(self, root: str):
        self.root = root
        os.makedirs(root, exist_ok=True)

    def _full(self, rel: str) -> str:
        return os.path.join(self.root, *rel.split("/"))

    def read(self, rel: str) -> bytes | None:
        try:
            with open(self._full(rel), "rb") as f:
                return f.read()
        except FileNotFoundError:
            return None

    def put(self, rel: str, local: str | None = None, data: bytes | None = None) -> None:
        target = self._full(rel)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        temp = target + TEMP_SUFFIX
        try:
            if data is not None:
                with open(temp, "wb") as f:
                    f.write(data)
            else:
                shutil.copyfile(local, temp)
            os.replace(temp, target)
        except BaseException:
            if os.path.exists(temp):
                os.remove(temp)
            raise

    def listdir(self, rel: str) -> set | None:
        try:
            return set(os.listdir(self._full(rel) if rel else self.root))
        except (FileNotFoundError, NotADirectoryError):
            return None

    def delete(self, rel: str) -> None:
        target = self._full(rel)
        try:
            os.remove(target)
        except FileNotFoundError:
            return
        folder = os.path.dirname(target)
        root = os.path.join(self.root, "")
        while folder.startswith(root) and not os.listdir(folder):  # no empty folders left behind
            os.rmdir(folder)
            folder = os.path.dirname(folder)

    def close(self) -> None:
        pass


class FtpRemote:
    """ftplib, with TLS for ftps:// (the data channel protected too)."""

    def __init__(self, where: Where, password: str | None, timeout: float):
        self.base = where.path
        self.made: set = set()
        if where.scheme == "ftps":  # the certificate is checked: a password never goes to an impostor
            self.ftp = ftplib.FTP_TLS(context=ssl.create_default_context(), timeout=timeout)
        else:
            self.ftp = ftplib.FTP(timeout=timeout)
        try:
            self.ftp.connect(where.host, where.port)
            self.ftp.login(where.user or "anonymous", password or "")
            if where.scheme == "ftps":
                self.ftp.prot_p()
        except ssl.SSLCertVerificationError as e:
            self.ftp.close()
            raise DeployError(_("the certificate of {host} cannot be trusted ({why}); "
                                "use the server name your host gives for FTPS, which its certificate "
                                "names").format(host=where.host, why=e.verify_message)) from None
        except ftplib.error_perm as e:
            self.ftp.close()
            raise DeployError(_("the server refused the login for '{user}': {why}").format(user=where.user, why=_reply(e))) from None
        except (OSError, EOFError, ftplib.Error) as e:
            self.ftp.close()
            raise DeployError(_("cannot connect to {host}:{port}: {why}").format(host=where.host, port=where.port, why=e)) from None

    def _path(self, rel: str) -> str:
        return self.base + rel

    def _folders(self, path: str) -> None:
        for folder in _new_folders(path, self.made):
            try:
                self.ftp.mkd(folder)
            except ftplib.error_perm:
                pass  # it exists already (servers word this differently)

    def listdir(self, rel: str) -> set | None:
        try:
            found = self.ftp.nlst(self._path(rel).rstrip("/") or "/")
        except ftplib.error_perm:
            return None
        except (OSError, EOFError, ftplib.Error) as e:
            raise DeployError(_("the connection failed while listing {path}: {why}").format(path=rel or "/", why=e)) from None
        return {posixpath.basename(name.rstrip("/")) for name in found}

    def read(self, rel: str) -> bytes | None:
        out = io.BytesIO()
        try:
            self.ftp.retrbinary(f"RETR {self._path(rel)}", out.write)
        except ftplib.error_perm:
            return None
        except (OSError, EOFError, ftplib.Error) as e:
            raise DeployError(_("the connection failed while reading {path}: {why}").format(path=rel, why=e)) from None
        return out.getvalue()

    def put(self, rel: str, local: str | None = None, data: bytes | None = None) -> None:
        path = self._path(rel)
        try:
            self._folders(path)
            source = io.BytesIO(data) if data is not None else open(local, "rb")
            with source:
                self.ftp.storbinary(f"STOR {path}{TEMP_SUFFIX}", source)
            try:
                self.ftp.rename(path + TEMP_SUFFIX, path)
            except ftplib.error_perm:  # some servers refuse to rename over a file
                self.ftp.delete(path)
                self.ftp.rename(path + TEMP_SUFFIX, path)
        except ftplib.error_perm as e:
            raise DeployError(_("the server refused {path}: {why}").format(path=rel, why=_reply(e))) from None
        except (OSError, EOFError, ftplib.Error) as e:
            raise DeployError(_("the connection failed while sending {path}: {why}").format(path=rel, why=e)) from None

    def delete(self, rel: str) -> None:
        try:
            self.ftp.delete(self._path(rel))
        except ftplib.error_perm:
            pass  # already gone
        except (OSError, EOFError, ftplib.Error) as e:
            raise DeployError(_("the connection failed while deleting {path}: {why}").format(path=rel, why=e)) from None

    def close(self) -> None:
        try:
            self.ftp.quit()
        except Exception:
            self.ftp.close()


class SftpRemote:
    """paramiko. The server's key must be known (~/.ssh/known_hosts) or pinned in
    site.yaml (`host_key: SHA256:...`): a deploy never sends a password to a stranger."""

    def __init__(self, where: Where, password: str | None, host_key: str, timeout: float):
        import paramiko

        self.base = where.path
        self.made: set = set()
        self.errors = (OSError, EOFError, paramiko.SSHException)  # a dropped link raises any
        client = paramiko.SSHClient()
        try:
            client.load_system_host_keys()
        except OSError:
            pass
        client.set_missing_host_key_policy(_Pinned(host_key))
        try:
            client.connect(where.host, port=where.port, username=where.user or None, password=password,
                           timeout=timeout, banner_timeout=timeout, auth_timeout=timeout,
                           allow_agent=not password, look_for_keys=not password)
            self.sftp = client.open_sftp()
        except _UnknownHost as e:
            client.close()
            raise DeployError(str(e)) from None
        except paramiko.AuthenticationException:
            client.close()
            raise DeployError(_("the server refused the login for '{user}'").format(user=where.user)) from None
        except (OSError, paramiko.SSHException, EOFError) as e:
            client.close()
            raise DeployError(_("cannot connect to {host}:{port}: {why}").format(host=where.host, port=where.port, why=e)) from None
        self.client = client

    def _path(self, rel: str) -> str:
        return self.base + rel

    def listdir(self, rel: str) -> set | None:
        try:
            return set(self.sftp.listdir(self._path(rel).rstrip("/") or "/"))
        except FileNotFoundError:
            return None
        except self.errors as e:
            raise DeployError(_("the connection failed while listing {path}: {why}").format(path=rel or "/", why=e)) from None

    def read(self, rel: str) -> bytes | None:
        try:
            with self.sftp.open(self._path(rel), "rb") as f:
                return f.read()
        except FileNotFoundError:
            return None
        except self.errors as e:
            raise DeployError(_("the connection failed while reading {path}: {why}").format(path=rel, why=e)) from None

    def put(self, rel: str, local: str | None = None, data: bytes | None = None) -> None:
        path = self._path(rel)
        try:
            self._folders(path)
            with self.sftp.open(path + TEMP_SUFFIX, "wb") as f:
                if data is not None:
                    f.write(data)
                else:
                    with open(local, "rb") as source:
                        shutil.copyfileobj(source, f, 1 << 16)
            self.sftp.posix_rename(path + TEMP_SUFFIX, path)
        except PermissionError:
            raise DeployError(_("the server refused {path}: permission denied").format(path=rel)) from None
        except self.errors as e:
            raise DeployError(_("the connection failed while sending {path}: {why}").format(path=rel, why=e)) from None

    def _folders(self, path: str) -> None:
        for folder in _new_folders(path, self.made):
            try:
                self.sftp.mkdir(folder)
            except OSError:
                pass  # it exists already (a dropped link fails the upload that follows)

    def delete(self, rel: str) -> None:
        try:
            self.sftp.remove(self._path(rel))
        except FileNotFoundError:
            pass
        except self.errors as e:
            raise DeployError(_("the connection failed while deleting {path}: {why}").format(path=rel, why=e)) from None

    def close(self) -> None:
        self.client.close()


class _UnknownHost(Exception):
    pass


class _Pinned:
    """Accept an unknown server only when its key matches the fingerprint in site.yaml."""

    def __init__(self, fingerprint: str):
        self.fingerprint = fingerprint

    def missing_host_key(self, client, hostname, key) -> None:
        import base64
        import hashlib

        seen = "SHA256:" + base64.b64encode(hashlib.sha256(key.asbytes()).digest()).decode().rstrip("=")
        if self.fingerprint and seen == self.fingerprint.rstrip("="):
            return
        if self.fingerprint:
            raise _UnknownHost(_("the server {host} has the key {seen}, not the {expected} "
                                 "given in site.yaml; do not deploy until your host confirms the new key").format(
                host=hostname, seen=seen, expected=self.fingerprint))
        raise _UnknownHost(_("the server {host} is not known yet; its key is {seen}. Check that "
                             "fingerprint with your host, then add `host_key: {seen}` to this "
                             "target in site.yaml").format(host=hostname, seen=seen))


def _new_folders(path: str, made: set) -> list:
    """The folders above `path` not made (or seen) yet in this session, outermost first;
    they are counted as made from now on."""
    folder = posixpath.dirname(path)
    missing = []
    while folder not in made and folder not in ("", "/"):
        missing.append(folder)
        folder = posixpath.dirname(folder)
    made.update(missing)
    return list(reversed(missing))


def _reply(error: Exception) -> str:
    return str(error).strip() or error.__class__.__name__
