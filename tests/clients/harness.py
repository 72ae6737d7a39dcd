"""Shared scaffolding for the real-client tests (DESIGN.md, Tests): a real qimapd process with a
certificate and a user of its own, Python's imaplib to set up and check what the client under
test did, and a main() that prints every log (the server's wire trace and the clients' own
debug output) when something fails.

Import it from a test script in this folder; the scripts run under Debian's /usr/bin/python3.
Set QIMAPD_KEEP_TEST_DIRS=1 to keep each test's temporary directory (certificate, data, logs).
"""

import ctypes
import imaplib
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import unittest

QIMAPD = os.environ.get("QIMAPD_BIN", "")
TIMEOUT = 15  # seconds, per imaplib socket operation
CLIENT_TIMEOUT = 40  # seconds, per run of a client program

LISTENING = re.compile(r"listening on \S+ port (\d+) \((STARTTLS|TLS)\)")
APPENDUID = re.compile(rb"\[APPENDUID (\d+) (\d+)\]")
FETCH_FLAGS = re.compile(rb"FLAGS \(([^)]*)\)")
FETCH_UID = re.compile(rb"UID (\d+)")
LIST_LINE = re.compile(rb'^\((?P<attrs>[^)]*)\) (?P<delim>"[^"]*"|NIL) (?P<name>.+)$')

# Every file whose text main() prints when a test fails: (title, path); the temporary
# directories main() removes once it has printed them.
_LOGS = []
_DIRECTORIES = []


def remember_log(title, path):
    _LOGS.append((title, path))


def _die_with_parent():
    """In the server process before exec: SIGTERM it when this script dies, however it dies
    (ctest's timeout kills the script, not its children)."""
    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def server_environment():
    """The log format and levels are what we parse: a developer's Qt logging settings must not
    change them."""
    environment = dict(os.environ)
    for name in ("QT_LOGGING_RULES", "QT_MESSAGE_PATTERN", "QT_LOGGING_CONF"):
        environment.pop(name, None)
    return environment


class QimapdServer:
    """qimapd in its own process, in a temporary directory of its own, with a certificate for
    localhost and 127.0.0.1 and one user. Its log is at debug level: the wire trace."""

    def __init__(self, prefix, user, password):
        if not QIMAPD or not os.access(QIMAPD, os.X_OK):
            raise unittest.SkipTest("QIMAPD_BIN does not name the qimapd executable")
        self.directory = tempfile.mkdtemp(prefix=prefix)
        _DIRECTORIES.append(self.directory)
        self.data_dir = os.path.join(self.directory, "data")
        self.cert = os.path.join(self.directory, "server-cert.pem")
        self.key = os.path.join(self.directory, "server-key.pem")
        self.log_path = os.path.join(self.directory, "qimapd.log")
        self.user = user
        self.password = password
        self.process = None
        self.port = None
        self.ssl_port = None
        remember_log("qimapd log (wire trace; client lines show the command name only)", self.log_path)
        self.make_certificate()
        self.add_user(user, password)
        # Verify the server's certificate against the one we made; never switch checks off.
        self.context = ssl.create_default_context(cafile=self.cert)

    def make_certificate(self):
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
             "-nodes", "-days", "2", "-subj", "/CN=localhost",
             "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
             "-keyout", self.key, "-out", self.cert],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)

    def untrusted_certificate(self):
        """Another self-signed certificate for localhost, which the server does not use: a
        client told to trust only this one must refuse to talk to the server."""
        cert = os.path.join(self.directory, "untrusted-cert.pem")
        if not os.path.exists(cert):
            subprocess.run(
                ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                 "-nodes", "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
                 "-keyout", os.path.join(self.directory, "untrusted-key.pem"), "-out", cert],
                check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)
        return cert

    def add_user(self, name, password):
        # stdin is a pipe, not a terminal: qimapd reads one line as the password.
        done = subprocess.run([QIMAPD, "user", "add", name, "--data-dir", self.data_dir],
                              input=(password + "\n").encode(), capture_output=True, timeout=60)
        if done.returncode != 0:
            raise RuntimeError("qimapd user add failed: " + done.stderr.decode(errors="replace"))

    def start(self):
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                [QIMAPD, "--no-gui", "--listen", "127.0.0.1", "--port", "0", "--ssl-port", "0",
                 "--cert", self.cert, "--key", self.key, "--data-dir", self.data_dir,
                 "--log-level", "debug"],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log,
                env=server_environment(), preexec_fn=_die_with_parent)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            text = self.log()
            if " serving " in text:
                for port, kind in LISTENING.findall(text):
                    if kind == "TLS":
                        self.ssl_port = int(port)
                    else:
                        self.port = int(port)
                if self.port and self.ssl_port:
                    return self
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("qimapd did not start:\n" + self.log())

    def stop(self):
        """SIGTERM and wait; returns the exit code."""
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode

    def log(self):
        with open(self.log_path, "r", errors="replace") as log:
            return log.read()

    def path(self, *names):
        return os.path.join(self.directory, *names)

    # ---- imaplib, to set up and to check what the client under test did --------------------

    def imap(self):
        """A logged-in imaplib session over implicit TLS."""
        client = imaplib.IMAP4_SSL("localhost", self.ssl_port, ssl_context=self.context,
                                   timeout=TIMEOUT)
        ok(client.login(self.user, self.password))
        return client

    def append(self, mailbox, message, flags=None):
        """APPEND over imaplib; returns the new UID (APPENDUID)."""
        client = self.imap()
        try:
            data = ok(client.append(mailbox, flags, None, message))
            match = APPENDUID.search(data[-1])
            if not match:
                raise AssertionError("APPEND without APPENDUID: %r" % data)
            return int(match.group(2))
        finally:
            client.logout()

    def append_many(self, mailbox, messages):
        """Many APPENDs at once: pipelined, with LITERAL+ (non-synchronizing) literals, on a
        raw TLS socket (imaplib waits for each one, and each one's commit, in turn). Returns the
        UIDs from APPENDUID, in order."""
        with socket.create_connection(("localhost", self.ssl_port), timeout=60) as raw:
            with self.context.wrap_socket(raw, server_hostname="localhost") as tls:
                replies = tls.makefile("rb")
                replies.readline()  # greeting
                login = b'L LOGIN %s {%d+}\r\n%s\r\n' % (self.user.encode(), len(self.password.encode()),
                                                         self.password.encode())
                commands = [login]
                for n, raw_message in enumerate(messages):
                    head = b"A%d APPEND %s {%d+}\r\n" % (n, quoted(mailbox).encode(), len(raw_message))
                    commands.append(head + raw_message + b"\r\n")
                commands.append(b"Z LOGOUT\r\n")
                tls.sendall(b"".join(commands))
                uids = []
                while True:
                    line = replies.readline()
                    if not line:
                        raise AssertionError("connection closed during pipelined APPENDs")
                    tag, _, rest = line.partition(b" ")
                    if tag == b"Z":
                        break
                    if tag == b"*" or tag == b"+":
                        continue
                    if not rest.startswith(b"OK"):
                        raise AssertionError("pipelined APPEND failed: %r" % line)
                    if tag.startswith(b"A"):
                        match = APPENDUID.search(line)
                        if not match:
                            raise AssertionError("APPEND without APPENDUID: %r" % line)
                        uids.append(int(match.group(2)))
        if len(uids) != len(messages):
            raise AssertionError("%d of %d pipelined APPENDs answered" % (len(uids), len(messages)))
        return uids

    def messages(self, mailbox="INBOX"):
        """{uid: (flags as a set, RFC822 bytes)} of a mailbox, read with EXAMINE so nothing
        changes (no \\Seen, no \\Recent taken away)."""
        client = self.imap()
        try:
            typ, data = client.select(quoted(mailbox), readonly=True)
            if typ != "OK":
                raise AssertionError("EXAMINE %s: %s %r" % (mailbox, typ, data))
            result = {}
            if int(data[0]) > 0:
                data = ok(client.uid("FETCH", "1:*", "(UID FLAGS BODY.PEEK[])"))
                for item in data:
                    if not isinstance(item, tuple):
                        continue
                    uid = int(FETCH_UID.search(item[0]).group(1))
                    flags = set(FETCH_FLAGS.search(item[0]).group(1).decode().split())
                    flags.discard("\\Recent")
                    result[uid] = (flags, item[1])
            client.close()
            return result
        finally:
            client.logout()

    def messages_by_subject(self, mailbox="INBOX"):
        """{subject: (flags as a set, RFC822 bytes, uid)} of a mailbox, read as messages() reads."""
        return {subject_of(raw): (flags, raw, uid) for uid, (flags, raw) in self.messages(mailbox).items()}

    def create(self, *names):
        """CREATE of every name, in one imaplib session."""
        client = self.imap()
        try:
            for name in names:
                ok(client.create(name))
        finally:
            client.logout()

    def mailbox_names(self):
        """Every mailbox LIST "" "*" shows."""
        client = self.imap()
        try:
            return set(mailboxes(ok(client.list('""', "*"))))
        finally:
            client.logout()


class ServerTestCase(unittest.TestCase):
    """One qimapd for the whole class. tearDownClass stops it and fails unless it exits with code
    0 on SIGTERM; a class cleanup stops it in any case, even when setUpClass fails."""

    PREFIX = "qimapd-client-"
    USER = "clientuser"
    PASSWORD = "client-Secret-1"
    server = None

    @classmethod
    def setUpClass(cls):
        cls.server = QimapdServer(cls.PREFIX, cls.USER, cls.PASSWORD)
        cls.server.start()
        # Runs even when a subclass's setUpClass fails after this (tearDownClass would not).
        cls.addClassCleanup(cls.server.stop)

    @classmethod
    def tearDownClass(cls):
        if cls.server is None:
            return
        code = cls.server.stop()
        if code != 0:
            raise AssertionError("qimapd exited with %r on SIGTERM" % code)


def quoted(name):
    """A mailbox name as an IMAP quoted string (imaplib sends names as they are)."""
    return '"%s"' % name.replace("\\", "\\\\").replace('"', '\\"')


def mailboxes(data):
    """LIST/LSUB data from imaplib -> {name: set of attributes}."""
    result = {}
    for item in data:
        if item is None:  # imaplib's way of saying "no untagged response"
            continue
        if isinstance(item, tuple):  # a name sent as a literal: (b'... {n}', b'name')
            line, literal = item
        else:
            line, literal = item, None
        match = LIST_LINE.match(line)
        if not match:
            raise AssertionError("unexpected LIST response: %r" % (item,))
        name = match.group("name") if literal is None else literal
        if literal is None and name.startswith(b'"'):
            name = name[1:-1].replace(b'\\"', b'"').replace(b"\\\\", b"\\")
        result[name.decode()] = set(match.group("attrs").decode().split())
    return result


def ok(result):
    typ, data = result
    if typ != "OK":
        raise AssertionError("IMAP command failed: %s %r" % (typ, data))
    return data


def message(subject, body, sender="Alice <alice@example.org>", extra=""):
    """A small RFC 5322 message with CRLF line ends, unique by subject."""
    return ("From: %s\r\nTo: someone@localhost\r\nSubject: %s\r\n"
            "Date: Thu, 29 Feb 2024 13:14:15 +0200\r\n"
            "Message-ID: <%s@example.org>\r\n%s\r\n%s"
            % (sender, subject, subject.replace(" ", "-"), extra, body)).encode()


# ---- Maildir, for the sync clients -------------------------------------------------------------

# Maildir flags (the info after ":2,") <-> IMAP flags
MAILDIR_FLAGS = {"D": "\\Draft", "F": "\\Flagged", "R": "\\Answered", "S": "\\Seen", "T": "\\Deleted"}
# Lines of the server's wire trace for commands that change something
CHANGING = re.compile(r" C: \S+ (?:UID )?(?:APPEND|STORE|EXPUNGE|COPY|MOVE|CREATE|DELETE|RENAME)\b")


def to_lf(raw):
    return raw.replace(b"\r\n", b"\n")


def to_crlf(raw):
    return to_lf(raw).replace(b"\n", b"\r\n")


def subject_of(raw):
    match = re.search(rb"^Subject: (.*?)\r?$", raw, re.M)
    return match.group(1).decode() if match else None


class Maildir:
    """A read of one Maildir folder: {subject: (IMAP flags, bytes, path)}; and the changes a
    user's mail program makes to one."""

    def __init__(self, path):
        self.path = path

    @classmethod
    def make(cls, path):
        """A new, empty folder (cur, new and tmp)."""
        for sub in ("cur", "new", "tmp"):
            os.makedirs(os.path.join(path, sub))
        return cls(path)

    def add(self, name, raw, sub="new"):
        """Writes a message file `name` into new (or `sub`); returns its path."""
        path = os.path.join(self.path, sub, name)
        with open(path, "wb") as out:
            out.write(raw)
        return path

    def set_flags(self, path, letters):
        """Moves the message file at `path` to cur with the Maildir flags `letters` (":2,FS")."""
        base = os.path.basename(path).split(":2,", 1)[0]
        new_path = os.path.join(self.path, "cur", base + ":2," + letters)
        os.rename(path, new_path)
        return new_path

    def read(self):
        result = {}
        for sub in ("cur", "new"):
            directory = os.path.join(self.path, sub)
            for name in sorted(os.listdir(directory)) if os.path.isdir(directory) else []:
                path = os.path.join(directory, name)
                with open(path, "rb") as mail:
                    raw = mail.read()
                flags = set()
                if ":2," in name:
                    flags = {MAILDIR_FLAGS[c] for c in name.split(":2,", 1)[1] if c in MAILDIR_FLAGS}
                subject = subject_of(raw)
                if subject in result:
                    raise AssertionError("two messages with subject %r in %s" % (subject, self.path))
                result[subject] = (flags, raw, path)
        return result

    def snapshot(self):
        """Every file name and content under the folder, a client's state files included."""
        result = {}
        for root, _, files in os.walk(self.path):
            for name in files:
                path = os.path.join(root, name)
                with open(path, "rb") as content:
                    result[os.path.relpath(path, self.path)] = content.read()
        return result


class ClientTestCase(ServerTestCase):
    """The server and a client program under test: the client's own HOME (cls.home, see
    client_environment) and the log of its output (cls.log; CLIENT_LOG: file name, title),
    which main() prints when a test fails."""

    CLIENT_LOG = ("client.log", "the client's output")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.home = cls.server.path("home")
        os.mkdir(cls.home)
        cls.log = cls.server.path(cls.CLIENT_LOG[0])
        remember_log(cls.CLIENT_LOG[1], cls.log)


class SyncTestCase(ClientTestCase):
    """A client that syncs the server with a Maildir (mbsync, offlineimap): the Maildir root
    (cls.maildir) and the checks every such test makes. assertSameMessage says how a Maildir
    copy must match the server's bytes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.maildir = cls.server.path("maildir")
        os.mkdir(cls.maildir)

    def folder(self, name):
        """The Maildir folder of a mailbox name ("/" its hierarchy delimiter)."""
        return Maildir(os.path.join(self.maildir, *name.split("/")))

    def assertSameMessage(self, maildir_raw, server_raw, msg=None):
        """A Maildir file (LF line ends) against the server's bytes (CRLF)."""
        self.assertEqual(maildir_raw, to_lf(server_raw), msg)

    def assertLoginRefused(self, sync):
        """`sync()` runs the client told to trust another certificate: it must exit non-zero
        without logging in. Proof that the certificate check in the other tests is real."""
        before = self.server.log()
        code = sync()
        self.assertNotEqual(code, 0)
        self.assertNotIn(" logged in as ", self.server.log()[len(before):])

    def assertFlagsOnServer(self, mailbox, flags):
        """The server's `mailbox` holds exactly the messages of `flags` ({subject: set of IMAP
        flags}), with those flags; returns its messages_by_subject()."""
        on_server = self.server.messages_by_subject(mailbox)
        self.assertEqual({s: f for s, (f, _, _) in on_server.items()}, flags)
        return on_server

    def assertFolderHolds(self, name, messages, flags):
        """The Maildir folder of mailbox `name` holds exactly `messages` ({subject: the bytes
        as appended}), each with `flags` ({subject: set of IMAP flags}); returns its read()."""
        local = self.folder(name).read()
        self.assertEqual(set(local), set(messages))
        for subject, raw in messages.items():
            local_flags, local_raw, _ = local[subject]
            self.assertEqual(local_flags, flags[subject], subject)
            self.assertSameMessage(local_raw, raw, subject)
        return local

    def change_near_side(self, local, new, to_flag, to_delete, made):
        """The Maildir's changes between two syncs, in INBOX (`local` its read() before): the
        message `new` (LF bytes) arrives, `to_flag` gets \\Flagged \\Seen, `to_delete` is
        deleted; and a new folder "Made Here" holds `made` (LF bytes), \\Seen."""
        inbox = self.folder("INBOX")
        inbox.add("1709205255.P1Q1.testhost", new)
        inbox.set_flags(local[to_flag][2], "FS")
        os.remove(local[to_delete][2])
        made_here = Maildir.make(os.path.join(self.maildir, "Made Here"))
        made_here.add("1709205256.P1Q2.testhost:2,S", made, sub="cur")

    def change_far_side(self, on_server, new, answered, expunged, stores=()):
        """The server's changes between two syncs, in INBOX (`on_server` its messages_by_subject()
        before): `new` is appended, `answered` gets \\Answered, `expunged` is expunged; then
        every (subject, STORE item, flag list) of `stores`."""
        self.server.append("INBOX", new)
        client = self.server.imap()
        try:
            ok(client.select("INBOX"))
            ok(client.uid("STORE", str(on_server[answered][2]), "+FLAGS", r"(\Answered)"))
            ok(client.uid("STORE", str(on_server[expunged][2]), "+FLAGS.SILENT", r"(\Deleted)"))
            ok(client.expunge())
            for subject, item, flags in stores:
                ok(client.uid("STORE", str(on_server[subject][2]), item, flags))
            client.close()
        finally:
            client.logout()

    def assertSyncChangesNothing(self, sync, mailboxes):
        """`sync()` runs the client with nothing left to do: it logs in, and changes nothing on
        the server (no changing command in the wire trace, the same messages in `mailboxes`)
        nor in the Maildir (the client's state files included). Returns the run's wire trace."""
        before_local = Maildir(self.maildir).snapshot()
        before_server = {box: self.server.messages(box) for box in mailboxes}
        log_before = len(self.server.log())
        sync()
        traffic = self.server.log()[log_before:]
        self.assertIn(" logged in as %s" % self.USER, traffic)
        changes = [line for line in traffic.splitlines() if CHANGING.search(line)]
        self.assertEqual(changes, [], "a sync with nothing to do changed the server")
        self.assertEqual(Maildir(self.maildir).snapshot(), before_local)
        self.assertEqual({box: self.server.messages(box) for box in before_server}, before_server)
        return traffic


def client_program(name):
    """The client under test: QIMAPD_CLIENT_BIN (set by ctest), else Debian's /usr/bin/NAME."""
    program = os.environ.get("QIMAPD_CLIENT_BIN") or "/usr/bin/" + name
    if not os.access(program, os.X_OK):
        raise SystemExit("%s is not installed (installer/deps.sh test installs it)" % program)
    return program


def client_environment(home):
    """An environment for a client program: its own HOME (no user's ~/.mbsyncrc, .fetchmailrc,
    .offlineimaprc gets read), C locale."""
    environment = dict(os.environ)
    environment.update(HOME=home, LC_ALL="C.UTF-8", LANG="C.UTF-8")
    return environment


def run_client(args, log_path, *, env, timeout=CLIENT_TIMEOUT, expect_code=0, input=None):
    """Runs a client program and returns (exit code, stdout bytes). Its stderr and stdout are
    appended to log_path, so that a failure shows the client's side of the conversation.
    An exit code other than expect_code (None: any) fails the test."""
    with open(log_path, "ab") as log:
        log.write(("\n$ %s\n" % " ".join(args)).encode())
        log.flush()
        try:
            done = subprocess.run(args, env=env, input=input, timeout=timeout,
                                  stdout=subprocess.PIPE, stderr=log)
        except subprocess.TimeoutExpired:
            log.write(b"\n*** timed out\n")
            raise AssertionError("%s did not finish within %d s (log: %s)" % (args[0], timeout, log_path))
        log.write(done.stdout)
        log.write(("\n[exit code %d]\n" % done.returncode).encode())
    if expect_code is not None and done.returncode != expect_code:
        raise AssertionError("%s exited with %d, expected %d: %s"
                             % (args[0], done.returncode, expect_code, " ".join(args)))
    return done.returncode, done.stdout


def main():
    """unittest.main, then every log when something failed; exit code 0 only on success."""
    program = unittest.main(verbosity=2, exit=False)
    result = program.result
    if not result.wasSuccessful():
        for title, path in _LOGS:
            sys.stderr.write("\n===== %s: %s =====\n" % (title, path))
            try:
                with open(path, "r", errors="replace") as log:
                    text = log.read()
            except OSError as error:
                text = "(cannot read: %s)\n" % error
            if len(text) > 200000:
                text = "[... %d characters left out ...]\n" % (len(text) - 200000) + text[-200000:]
            sys.stderr.write(text)
        sys.stderr.flush()
    for directory in _DIRECTORIES:
        if os.environ.get("QIMAPD_KEEP_TEST_DIRS"):
            sys.stderr.write("kept %s (QIMAPD_KEEP_TEST_DIRS)\n" % directory)
        else:
            shutil.rmtree(directory, ignore_errors=True)
    sys.exit(0 if result.wasSuccessful() else 1)
