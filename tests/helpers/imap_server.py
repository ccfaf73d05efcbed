"""A real Dovecot on loopback for the tests: IMAP (implicit TLS and STARTTLS) and, when
``dovecot-submissiond`` is installed, SMTP submission (STARTTLS and implicit TLS).

Each server has its own folder: a CA and a server certificate made here, a passwd-file,
maildirs, its configuration, logs and a raw log of every IMAP session (what the server
sent, so a test can prove what it did not send). Mailboxes are filled by IMAP APPEND.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import pwd
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ports import free_port
from servers import missing

PACKAGES = "apt-get install dovecot-imapd dovecot-submissiond"
DOVECOT = "/usr/sbin/dovecot"
DOVEADM = "/usr/bin/doveadm"
MAIL_USER = "vmail"


@dataclass
class Certificates:
    """A CA and a server certificate it signed, for the names given."""

    ca_file: Path
    cert_file: Path
    key_file: Path

    @classmethod
    def make(cls, folder: Path, names: tuple[str, ...]) -> Certificates:
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import NameOID

        now = datetime.datetime.now(datetime.UTC)
        ca_key = ec.generate_private_key(ec.SECP256R1())
        ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "foidesk test CA")])
        ca = (
            x509.CertificateBuilder()
            .subject_name(ca_name)
            .issuer_name(ca_name)
            .public_key(ca_key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=True,
                    crl_sign=True,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(
                x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False
            )
            .sign(ca_key, hashes.SHA256())
        )
        key = ec.generate_private_key(ec.SECP256R1())
        sans: list[x509.GeneralName] = [x509.DNSName(n) for n in names]
        server = (
            x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0])]))
            .issuer_name(ca_name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName(sans), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False
            )
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
                critical=False,
            )
            .sign(ca_key, hashes.SHA256())
        )
        pem = serialization.Encoding.PEM
        made = cls(folder / "ca.pem", folder / "server.pem", folder / "server.key")
        made.ca_file.write_bytes(ca.public_bytes(pem))
        made.cert_file.write_bytes(server.public_bytes(pem))
        made.key_file.write_bytes(
            key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        )
        return made


@dataclass
class ImapServer:
    """One running Dovecot. ``host`` is the name its certificate is for."""

    folder: Path
    certificates: Certificates
    imaps_port: int
    imap_port: int
    submission_port: int | None
    submissions_port: int | None
    users: dict[str, str]
    host: str = "localhost"
    #: Where submission relays the mail it accepts (a receiver the test runs there).
    relay_port: int = 0
    #: A folder Dovecot marks SPECIAL-USE \\Sent and makes for every user ("" for none).
    sent_folder: str = ""
    _process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def config(self) -> Path:
        return self.folder / "dovecot.conf"

    @property
    def log(self) -> Path:
        return self.folder / "dovecot.log"

    def start(self) -> None:
        with (self.folder / "dovecot.stderr").open("ab") as errors:
            self._process = subprocess.Popen(
                [DOVECOT, "-F", "-c", str(self.config)],
                stdout=subprocess.DEVNULL,
                stderr=errors,
            )
        deadline = time.monotonic() + 15
        while not self._listening(self.imaps_port):
            if self._process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"dovecot did not start: {self._errors()}")
            time.sleep(0.05)

    def stop(self) -> None:
        """Stop the server and every session it holds (a client sees its connection cut)."""
        if self._process is None:
            return
        children = _descendants(self._process.pid)  # sessions outlive the master otherwise
        self._process.terminate()
        try:
            self._process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._process = None
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while self._listening(self.imaps_port) and time.monotonic() < deadline:
            time.sleep(0.05)

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def _listening(self, port: int) -> bool:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return True
        return False

    def _errors(self) -> str:
        text = ""
        for name in ("dovecot.stderr", "dovecot.log"):
            path = self.folder / name
            if path.exists():
                text += path.read_text(errors="replace")
        return text[-2000:]

    # --- what the tests do to it ---------------------------------------------------

    def client(self, user: str) -> Any:
        """An IMAPClient logged in as ``user`` over TLS (the test's own, not foidesk's)."""
        from imapclient import IMAPClient

        context = ssl.create_default_context(cafile=str(self.certificates.ca_file))
        client = IMAPClient(self.host, self.imaps_port, ssl=True, ssl_context=context, timeout=10)
        client.login(user, self.users[user])
        return client

    def append(self, user: str, messages: list[bytes], folder: str = "INBOX") -> None:
        client = self.client(user)
        try:
            for message in messages:
                client.append(folder, message)
        finally:
            client.logout()

    def flags(self, user: str, folder: str = "INBOX") -> dict[int, tuple[bytes, ...]]:
        """Every message's flags, read without changing them."""
        client = self.client(user)
        try:
            client.select_folder(folder, readonly=True)
            found = client.fetch(client.search("ALL"), ["FLAGS"])
            return {uid: tuple(data[b"FLAGS"]) for uid, data in found.items()}
        finally:
            client.logout()

    def sent_to_clients(self) -> bytes:
        """Everything the server sent in every IMAP session so far (its raw log)."""
        return b"".join(p.read_bytes() for p in sorted(self.folder.glob("rawlog/**/*.out")))

    def change_uidvalidity(self, user: str, value: int, folder: str = "INBOX") -> None:
        subprocess.run(
            [
                DOVEADM,
                "-c",
                str(self.config),
                "mailbox",
                "update",
                "--uid-validity",
                str(value),
                "-u",
                user,
                folder,
            ],
            check=True,
            capture_output=True,
        )

    def maildir(self, user: str) -> Path:
        return self.folder / "home" / user / "Maildir"

    def deliver_raw(self, user: str, data: bytes) -> None:
        """Put a file straight into the maildir, as a broken mail system might: what
        APPEND would refuse reaches the mailbox all the same."""
        maildir = self.maildir(user)
        for folder in (maildir, maildir / "cur", maildir / "new", maildir / "tmp"):
            if not folder.exists():
                folder.mkdir(mode=0o700)
                _give_to_mail_user(folder)
        path = maildir / "new" / f"{time.time_ns()}.raw.foidesk-test"
        path.write_bytes(data)
        _give_to_mail_user(path)


def _descendants(pid: int) -> list[int]:
    """Every process below ``pid``, read from /proc."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rpartition(")")[2].split()
            parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, waiting = [], [pid]
    while waiting:
        for child in parents.get(waiting.pop(), []):
            found.append(child)
            waiting.append(child)
    return found


def _mail_user() -> tuple[int, int, str]:
    """Who the mail files belong to: the mail user as root, else whoever runs the tests."""
    if os.geteuid() != 0:
        me = pwd.getpwuid(os.geteuid())
        return me.pw_uid, me.pw_gid, me.pw_name
    try:
        entry = pwd.getpwnam(MAIL_USER)
    except KeyError:
        subprocess.run(
            ["useradd", "-r", "-M", "-s", "/usr/sbin/nologin", MAIL_USER],
            check=True,
            capture_output=True,
        )
        entry = pwd.getpwnam(MAIL_USER)
    return entry.pw_uid, entry.pw_gid, entry.pw_name


def _give_to_mail_user(path: Path) -> None:
    uid, gid, _ = _mail_user()
    if os.geteuid() == 0:
        os.chown(path, uid, gid)


def _configuration(server: ImapServer, submission: bool) -> str:
    uid, gid, name = _mail_user()
    folder = server.folder
    me = pwd.getpwuid(os.geteuid()).pw_name
    internal = "dovecot" if os.geteuid() == 0 else me
    login = "dovenull" if os.geteuid() == 0 else me
    lines = [
        f"base_dir = {folder}/run",
        f"state_dir = {folder}/state",
        f"log_path = {folder}/dovecot.log",
        f"info_log_path = {folder}/dovecot.log",
        "protocols = imap" + (" submission" if submission else ""),
        "listen = 127.0.0.1",
        "ssl = yes",
        f"ssl_cert = <{server.certificates.cert_file}",
        f"ssl_key = <{server.certificates.key_file}",
        "ssl_min_protocol = TLSv1.2",
        "auth_mechanisms = plain login",
        "disable_plaintext_auth = no",
        f"default_internal_user = {internal}",
        f"default_login_user = {login}",
        f"first_valid_uid = {uid}",
        f"first_valid_gid = {gid}",
        "mail_location = maildir:~/Maildir",
        f"rawlog_dir = {folder}/rawlog/%u",
        "login_trusted_networks =",
        "passdb {",
        "  driver = passwd-file",
        f"  args = scheme=PLAIN username_format=%u {folder}/passwd",
        "}",
        "userdb {",
        "  driver = static",
        f"  args = uid={uid} gid={gid} home={folder}/home/%u",
        "}",
        "service imap-login {",
        f"  inet_listener imap {{\n    address = 127.0.0.1\n    port = {server.imap_port}\n  }}",
        "  inet_listener imaps {",
        f"    address = 127.0.0.1\n    port = {server.imaps_port}\n    ssl = yes",
        "  }",
        "}",
        "service anvil {\n  chroot =\n}",
        "service imap-login {\n  chroot =\n}",
        "service stats {\n  unix_listener stats-writer {\n    mode = 0666\n  }\n}",
    ]
    if os.geteuid() != 0:
        lines += ["service imap {\n  user = $default_internal_user\n}"]
    if submission:
        lines += [
            "hostname = localhost",
            "submission_relay_host = 127.0.0.1",
            f"submission_relay_port = {server.relay_port or free_port()}",
            "service submission-login {",
            "  chroot =",
            f"  inet_listener submission {{\n    address = 127.0.0.1\n"
            f"    port = {server.submission_port}\n  }}",
            f"  inet_listener submissions {{\n    address = 127.0.0.1\n"
            f"    port = {server.submissions_port}\n    ssl = yes\n  }}",
            "}",
        ]
    if server.sent_folder:
        lines += [
            "namespace inbox {",
            "  inbox = yes",
            f'  mailbox "{server.sent_folder}" {{\n    special_use = \\Sent\n'
            "    auto = subscribe\n  }",
            "}",
        ]
    del name
    return "\n".join(lines) + "\n"


def _prepare_folder(server: ImapServer) -> None:
    uid, gid, _ = _mail_user()
    for sub in ("run", "state", "home", "rawlog"):
        (server.folder / sub).mkdir(exist_ok=True)
    for user in server.users:
        (server.folder / "home" / user).mkdir(exist_ok=True)
        (server.folder / "rawlog" / user).mkdir(exist_ok=True)
    passwd = "".join(f"{user}:{{PLAIN}}{pw}::::::\n" for user, pw in server.users.items())
    (server.folder / "passwd").write_text(passwd)
    if os.geteuid() == 0:
        for path in [*(server.folder / "home").rglob("*"), *(server.folder / "rawlog").rglob("*")]:
            os.chown(path, uid, gid)
        for path in (server.folder / "home", server.folder / "rawlog"):
            os.chown(path, uid, gid)
        (server.folder / "passwd").chmod(0o644)
        server.certificates.key_file.chmod(0o644)


def dovecot_available() -> bool:
    return Path(DOVECOT).exists() and os.access(DOVECOT, os.X_OK)


def submission_available() -> bool:
    return Path("/usr/lib/dovecot/submission").exists()


@contextlib.contextmanager
def running_server(
    users: dict[str, str], *, relay_port: int = 0, sent_folder: str = ""
) -> Iterator[ImapServer]:
    """A Dovecot of its own for ``users`` (name → password), stopped and removed after.
    ``relay_port``: where submission hands on what it accepts; ``sent_folder``: a
    folder marked \\Sent."""
    if not dovecot_available():
        missing("Dovecot", PACKAGES)
    folder = Path(tempfile.mkdtemp(prefix="foidesk-dovecot-"))
    folder.chmod(0o755)  # the mail user and the login processes read under it
    submission = submission_available()
    certificates = Certificates.make(folder, ("localhost",))
    server = ImapServer(
        folder=folder,
        certificates=certificates,
        imaps_port=free_port(),
        imap_port=free_port(),
        submission_port=free_port() if submission else None,
        submissions_port=free_port() if submission else None,
        users=users,
        relay_port=relay_port,
        sent_folder=sent_folder,
    )
    _prepare_folder(server)
    server.config.write_text(_configuration(server, submission))
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)
