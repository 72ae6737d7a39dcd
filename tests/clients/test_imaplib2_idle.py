#!/usr/bin/python3
"""imaplib2's IDLE (a push client nobody here wrote) against a real qimapd process.

Run by ctest (tests/clients/CMakeLists.txt) with QIMAPD_BIN set to the built server; by hand:
QIMAPD_BIN=build/bin/qimapd /usr/bin/python3 tests/clients/test_imaplib2_idle.py

imaplib2 (Debian's python3-imaplib2 2.57) connects with implicit TLS, verifying the test
certificate (its STARTTLS hangs now and then with any server: DESIGN.md, Tests), selects INBOX
and calls idle() with a callback, as push clients built on it do. Another connection, Python's
imaplib, appends a message, then marks it \\Deleted, then expunges it. Each change must reach the
idling client while it waits (RFC 2177): imaplib2 ends IDLE with DONE as soon as an untagged
response other than OK arrives, the server answers the IDLE with a tagged OK, and imaplib2
calls back. Its untagged responses must be exactly EXISTS and RECENT, then the FETCH of the
flag change, then EXPUNGE (RFC 3501 §7.3.1, §7.3.2, §7.4.2, §7.4.1).
"""

import threading
import time
import unittest
import warnings

import harness
from harness import message

# imaplib2 2.57 calls threading APIs that Python 3.10+ deprecates; that noise is not ours.
warnings.filterwarnings("ignore", category=DeprecationWarning, module="imaplib2")

try:
    import imaplib2
except ImportError:  # registered by CMake only when it imports; by hand, say why
    imaplib2 = None

WAIT = 20  # seconds for a push to arrive (it comes at once; this only bounds a failure)


def verify_name(certificate, host):
    """imaplib2 checks the chain against ca_certs but not the name: check the name too (a
    non-empty return value is the error)."""
    names = [value for kind, value in certificate.get("subjectAltName", ()) if kind in ("DNS", "IP Address")]
    return None if host in names else "certificate is for %r, not %r" % (names, host)


class Imaplib2IdleTest(harness.ServerTestCase):
    PREFIX = "qimapd-imaplib2-"
    USER = "idleuser"
    PASSWORD = "idle-Secret-1"

    @classmethod
    def setUpClass(cls):
        if imaplib2 is None:
            raise unittest.SkipTest("imaplib2 is not installed (installer/deps.sh test installs python3-imaplib2)")
        super().setUpClass()
        cls.log_path = cls.server.path("imaplib2.log")
        harness.remember_log("imaplib2 debug output (the idling client's side of the wire)", cls.log_path)

    def connect_imaplib2(self):
        log = open(self.log_path, "a")
        self.addCleanup(log.close)
        client = imaplib2.IMAP4_SSL("localhost", self.server.ssl_port, ca_certs=self.server.cert,
                                    cert_verify_cb=verify_name, debug=4, debug_file=log,
                                    timeout=harness.TIMEOUT)
        return client

    def idle_count(self):
        """How many IDLEs the server has answered with its continuation (the wire trace)."""
        return self.server.log().count(" S: + idling")

    def idle(self, client):
        """Starts IDLE with a callback and returns once the server is idling; the result is
        an Event set by the callback and a dict that receives the callback's argument."""
        woken = threading.Event()
        outcome = {}

        def callback(args):
            outcome["args"] = args
            woken.set()

        before = self.idle_count()
        client.idle(timeout=WAIT * 3, callback=callback)
        deadline = time.monotonic() + WAIT
        while self.idle_count() == before:
            self.assertFalse(woken.is_set(), "IDLE ended before the server was idling: %r" % outcome)
            self.assertLess(time.monotonic(), deadline, "the server never answered IDLE with '+'")
            time.sleep(0.02)
        return woken, outcome

    def wait_woken(self, woken, outcome, what):
        self.assertTrue(woken.wait(WAIT), "imaplib2's IDLE was not woken by %s" % what)
        result, _, error = outcome["args"]
        self.assertIsNone(error, "IDLE failed: %r" % (error,))
        self.assertEqual(result, ("OK", [b"IDLE terminated"]))

    @staticmethod
    def untagged(client):
        """imaplib2's untagged responses since the last call, in order: [(type, [data...])]."""
        return [(typ, list(data)) for typ, data in client.pop_untagged_responses()]

    def test_idle_push(self):
        server = self.server
        idler = self.connect_imaplib2()
        try:
            self.assertIn("IDLE", idler.capabilities)
            self.assertEqual(idler.login(self.USER, self.PASSWORD)[0], "OK")
            typ, data = idler.select("INBOX")
            self.assertEqual((typ, data), ("OK", [b"0"]))
            self.untagged(idler)  # SELECT's own responses

            other = server.imap()  # Python's imaplib, over implicit TLS
            try:
                # 1. APPEND elsewhere: EXISTS and RECENT pushed; the message is \Recent for the
                # idler, the only session that has INBOX selected (RFC 3501 §2.3.2).
                woken, outcome = self.idle(idler)
                raw = message("pushed to imaplib2", "Hello, idler.\r\n")
                harness.ok(other.append("INBOX", None, None, raw))
                self.wait_woken(woken, outcome, "APPEND")
                self.assertEqual(self.untagged(idler), [("EXISTS", [b"1"]), ("RECENT", [b"1"])])

                # 2. \Deleted set elsewhere: the flag change is pushed (§7.4.2), with the UID.
                harness.ok(other.select("INBOX"))
                woken, outcome = self.idle(idler)
                harness.ok(other.store("1", "+FLAGS.SILENT", "(\\Deleted)"))
                self.wait_woken(woken, outcome, "STORE")
                self.assertEqual(self.untagged(idler), [("FETCH", [b"1 (UID 1 FLAGS (\\Deleted \\Recent))"])])

                # 3. EXPUNGE elsewhere: pushed to the idler (IDLE may see EXPUNGE, §7.4.1).
                woken, outcome = self.idle(idler)
                self.assertEqual(harness.ok(other.expunge()), [b"1"])
                self.wait_woken(woken, outcome, "EXPUNGE")
                self.assertEqual(self.untagged(idler), [("EXPUNGE", [b"1"])])
            finally:
                other.logout()

            # IDLE ended cleanly each time: the session goes on with nothing left over.
            self.assertEqual(idler.noop(), ("OK", [b"NOOP completed"]))
            self.assertEqual(self.untagged(idler), [])
            typ, data = idler.status("INBOX", "(MESSAGES RECENT)")
            self.assertEqual(typ, "OK")
            self.assertEqual(data, [b"INBOX (MESSAGES 0 RECENT 0)"])
        finally:
            typ, _ = idler.logout()
            self.assertEqual(typ, "BYE")

        # The server's side: three IDLEs, each ended by DONE with a tagged OK, and no errors.
        log = server.log()
        self.assertEqual(log.count(" S: + idling"), 3)
        self.assertEqual(len([line for line in log.splitlines() if " IDLE terminated" in line]), 3, log)
        self.assertNotIn(" BAD ", log)


if __name__ == "__main__":
    harness.main()
