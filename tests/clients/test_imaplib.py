#!/usr/bin/python3
"""Python's imaplib (a client nobody here wrote) against a real qimapd process.

Run by ctest (tests/clients/CMakeLists.txt) with QIMAPD_BIN set to the built server; it can also
run by hand: QIMAPD_BIN=build/bin/qimapd /usr/bin/python3 tests/clients/test_imaplib.py

The server comes from harness.py: its own certificate made with the openssl CLI (SAN localhost
and 127.0.0.1), a user added with `qimapd user add` (password on stdin), qimapd on free ports
(--port 0 --ssl-port 0, read back from its log). The test drives it over STARTTLS and implicit
TLS with certificate verification on, as a real deployment would be used.
"""

import datetime
import imaplib
import ssl
import time

import harness
from harness import APPENDUID, TIMEOUT, mailboxes

USER = "pyuser"
PASSWORD = "py-Secret-1"


def status_items(data):
    """STATUS data -> {item: int}."""
    line = data[0]
    inner = line[line.rindex(b"(") + 1:line.rindex(b")")].split()
    return {inner[i].decode(): int(inner[i + 1]) for i in range(0, len(inner), 2)}


class ImaplibTest(harness.ServerTestCase):
    """The server, its certificate and user, start and stop: harness.ServerTestCase."""

    PREFIX = "qimapd-imaplib-"
    USER = USER
    PASSWORD = PASSWORD

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Verifies the server's certificate against the one the harness made.
        cls.context = cls.server.context

    # ---- connections ----------------------------------------------------------------------

    def starttls_client(self):
        client = imaplib.IMAP4("localhost", self.server.port, timeout=TIMEOUT)
        client.starttls(ssl_context=self.context)
        return client

    def tls_client(self):
        return imaplib.IMAP4_SSL("localhost", self.server.ssl_port, ssl_context=self.context,
                                 timeout=TIMEOUT)

    def login(self, client):
        typ, data = client.login(USER, PASSWORD)
        self.assertEqual(typ, "OK", data)
        return client

    # ---- tests ----------------------------------------------------------------------------

    def test_login_refused_before_starttls(self):
        client = imaplib.IMAP4("localhost", self.server.port, timeout=TIMEOUT)
        try:
            self.assertIn("LOGINDISABLED", client.capabilities)
            self.assertIn("STARTTLS", client.capabilities)
            self.assertNotIn("AUTH=PLAIN", client.capabilities)
            with self.assertRaises(imaplib.IMAP4.error) as refused:
                client.login(USER, PASSWORD)
            self.assertIn("PRIVACYREQUIRED", str(refused.exception))
            # The same connection may still upgrade and log in.
            client.starttls(ssl_context=self.context)
            self.assertNotIn("LOGINDISABLED", client.capabilities)
            self.assertIn("AUTH=PLAIN", client.capabilities)
            self.assertNotIn("STARTTLS", client.capabilities)
            self.login(client)
        finally:
            client.logout()

    def test_certificate_is_verified(self):
        # A client that trusts only the system CAs must refuse the test certificate: proof that
        # the other tests really verify it.
        with self.assertRaises(ssl.SSLCertVerificationError):
            imaplib.IMAP4_SSL("localhost", self.server.ssl_port,
                              ssl_context=ssl.create_default_context(), timeout=TIMEOUT)

    def test_wrong_password(self):
        client = self.tls_client()
        try:
            with self.assertRaises(imaplib.IMAP4.error) as refused:
                client.login(USER, "not-the-password")
            self.assertIn("AUTHENTICATIONFAILED", str(refused.exception))
        finally:
            client.logout()

    def test_authenticate_plain(self):
        client = self.tls_client()
        try:
            typ, data = client.authenticate(
                "PLAIN", lambda _: ("\0%s\0%s" % (USER, PASSWORD)).encode())
            self.assertEqual(typ, "OK", data)
            self.assertEqual(client.state, "AUTH")
        finally:
            client.logout()

    def test_session_over_starttls(self):
        self.run_session(self.login(self.starttls_client()), "StartTLS")

    def test_session_over_implicit_tls(self):
        self.run_session(self.login(self.tls_client()), "Implicit")

    def test_message_session(self):
        """FETCH of every item, SEARCH, STORE, COPY, EXPUNGE and the UID forms, as imaplib
        users write them (RFC 3501 §6.4)."""
        client = self.login(self.tls_client())
        try:
            mailbox = "Messages"
            self.assertEqual(client.create(mailbox)[0], "OK")
            plain = (b"From: Alice Example <alice@example.com>\r\nTo: bob@example.com\r\n"
                     b"Subject: first\r\nDate: Mon, 7 Feb 1994 21:52:25 -0800\r\n\r\nhello world\r\n")
            multipart = (b"From: carol@example.com\r\nSubject: =?utf-8?q?caf=C3=A9?=\r\n"
                         b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=xx\r\n\r\n"
                         b"--xx\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nbonjour\r\n"
                         b"--xx\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                         b"AAEC\r\n--xx--\r\n")
            for message in (plain, multipart, plain.replace(b"first", b"third")):
                self.assertEqual(client.append(mailbox, None, None, message)[0], "OK")
            typ, data = client.select(mailbox)
            self.assertEqual((typ, data), ("OK", [b"3"]))

            # Every item at once, then the sections.
            typ, data = client.fetch("1", "(UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODY BODYSTRUCTURE)")
            self.assertEqual(typ, "OK")
            line = data[0]
            self.assertIn(b"UID 1 ", line)
            self.assertIn(b"RFC822.SIZE %d " % len(plain), line)
            self.assertIn(b'ENVELOPE ("Mon, 7 Feb 1994 21:52:25 -0800" "first" '
                          b'(("Alice Example" NIL "alice" "example.com"))', line)
            self.assertIn(b'BODYSTRUCTURE ("TEXT" "PLAIN" ("CHARSET" "US-ASCII") NIL NIL "7BIT" 13 1 NIL NIL NIL NIL)', line)
            typ, data = client.fetch("2", "(BODY.PEEK[1] BODY.PEEK[HEADER.FIELDS (Subject)] BODY.PEEK[]<0.4>)")
            self.assertEqual(typ, "OK")
            self.assertEqual(data[0][1], b"bonjour")
            self.assertEqual(data[1][1], b"Subject: =?utf-8?q?caf=C3=A9?=\r\n\r\n")
            self.assertEqual(data[2][1], b"From")
            typ, data = client.fetch("1", "(RFC822)")
            self.assertEqual(data[0][1], plain)
            self.assertIn(b"\\Seen", data[1] if isinstance(data[1], bytes) else data[0][0])

            # SEARCH, with a UTF-8 string as imaplib sends it.
            self.assertEqual(client.search(None, "SEEN"), ("OK", [b"1"]))
            self.assertEqual(client.search(None, "SUBJECT", "third"), ("OK", [b"3"]))
            self.assertEqual(client.search("UTF-8", "SUBJECT", "caf\u00e9".encode()), ("OK", [b"2"]))
            self.assertEqual(client.search(None, "FROM", "nobody"), ("OK", [b""]))
            self.assertEqual(client.uid("SEARCH", None, "TEXT", "bonjour"), ("OK", [b"2"]))

            # STORE with a keyword, COPY with COPYUID, EXPUNGE.
            typ, data = client.store("2:3", "+FLAGS", "($Label1 \\Flagged)")
            self.assertEqual(typ, "OK")
            self.assertEqual(sorted(data), [b"2 (FLAGS (\\Flagged $Label1 \\Recent))",
                                            b"3 (FLAGS (\\Flagged $Label1 \\Recent))"])
            self.assertEqual(client.create("Archive")[0], "OK")
            typ, data = client.copy("1:2", "Archive")
            self.assertEqual(typ, "OK")
            self.assertRegex(data[0], rb"^\[COPYUID \d+ 1:2 1:2\] ")
            self.assertEqual(client.store("1", "+FLAGS.SILENT", "(\\Deleted)"), ("OK", [None]))
            typ, data = client.expunge()
            self.assertEqual((typ, data), ("OK", [b"1"]))
            typ, data = client.uid("FETCH", "1:*", "(FLAGS)")
            self.assertEqual(typ, "OK")
            self.assertEqual([item.split(b" (", 1)[1] for item in data],
                             [b"UID 2 FLAGS (\\Flagged $Label1 \\Recent))", b"UID 3 FLAGS (\\Flagged $Label1 \\Recent))"])
            typ, data = client.status("Archive", "(MESSAGES)")
            self.assertEqual(data, [b"Archive (MESSAGES 2)"])
            with self.assertRaises(imaplib.IMAP4.error):
                client.fetch("0", "(FLAGS)")  # sequence number 0 is BAD (seed bug 5)
            self.assertEqual(client.close()[0], "OK")
        finally:
            client.logout()

    # ---- one whole session, the same over both transports ----------------------------------

    def run_session(self, client, top):
        try:
            self.hierarchy(client, top)
            self.subscriptions(client, top)
            uidvalidity = self.appends(client, top + "/Work/Alpha")
            self.select_and_examine(client, top + "/Work/Alpha", uidvalidity)
            self.bad_append_stores_nothing(client)
            self.deletes(client, top)
        finally:
            typ, _ = client.logout()
        self.assertEqual(typ, "BYE")

    def ok(self, result):
        typ, data = result
        self.assertEqual(typ, "OK", data)
        return data

    def hierarchy(self, client, top):
        self.ok(client.create(top + "/Projects/Alpha"))  # RFC 3501 6.3.3: parents too
        self.ok(client.create(top + "/Projects/Beta"))
        self.ok(client.create('"%s/Space Folder"' % top))
        typ, data = client.create(top + "/Projects/Alpha")
        self.assertEqual(typ, "NO", data)
        self.assertIn(b"ALREADYEXISTS", data[0])

        self.ok(client.rename(top + "/Projects", top + "/Work"))  # children move along

        everything = mailboxes(self.ok(client.list('""', top + "*")))
        self.assertEqual(set(everything), {top, top + "/Work", top + "/Work/Alpha", top + "/Work/Beta",
                                           top + "/Space Folder"})
        self.assertIn("\\HasChildren", everything[top + "/Work"])
        self.assertIn("\\HasNoChildren", everything[top + "/Work/Alpha"])

        level = mailboxes(self.ok(client.list('""', top + "/%")))
        self.assertEqual(set(level), {top + "/Work", top + "/Space Folder"})
        children = mailboxes(self.ok(client.list(top + "/Work/", "%")))
        self.assertEqual(set(children), {top + "/Work/Alpha", top + "/Work/Beta"})
        # LIST matching is case-insensitive only for INBOX; the old name is gone.
        self.assertEqual(mailboxes(self.ok(client.list('""', top + "/Projects*"))), {})
        self.assertIn("INBOX", mailboxes(self.ok(client.list('""', "inbox"))))
        # The hierarchy delimiter (RFC 3501 6.3.8: empty name).
        self.assertIn(b'"/"', self.ok(client.list('""', '""'))[0])

    def subscriptions(self, client, top):
        self.ok(client.subscribe(top + "/Work/Alpha"))
        self.ok(client.subscribe(top + "/Work/Beta"))
        self.assertEqual(set(mailboxes(self.ok(client.lsub('""', top + "/*")))),
                         {top + "/Work/Alpha", top + "/Work/Beta"})
        self.ok(client.unsubscribe(top + "/Work/Beta"))
        self.assertEqual(set(mailboxes(self.ok(client.lsub('""', top + "/Work/%")))), {top + "/Work/Alpha"})

    def appends(self, client, mailbox):
        when = datetime.datetime(2024, 2, 29, 13, 14, 15,
                                 tzinfo=datetime.timezone(datetime.timedelta(hours=2)))
        uids = []
        uidvalidity = None
        for flags, date, subject in [(r"(\Flagged \Seen)", imaplib.Time2Internaldate(when), "first"),
                                     (r"(\Draft)", None, "second"),
                                     ("($Label1)", imaplib.Time2Internaldate(time.time()), "third")]:
            message = ("From: Py <py@example.org>\r\nTo: %s@localhost\r\nSubject: %s\r\n"
                       "Message-ID: <%s@example.org>\r\n\r\nHello from imaplib.\r\n"
                       % (USER, subject, subject)).encode()
            data = self.ok(client.append(mailbox, flags, date, message))
            match = APPENDUID.search(data[-1])
            self.assertIsNotNone(match, data)  # RFC 4315 UIDPLUS
            uidvalidity = uidvalidity or int(match.group(1))
            self.assertEqual(int(match.group(1)), uidvalidity)
            uids.append(int(match.group(2)))
        self.assertEqual(uids, [1, 2, 3])

        status = status_items(self.ok(client.status(mailbox, "(MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN)")))
        self.assertEqual(status, {"MESSAGES": 3, "RECENT": 3, "UIDNEXT": 4, "UIDVALIDITY": uidvalidity,
                                  "UNSEEN": 2})
        return uidvalidity

    def select_and_examine(self, client, mailbox, uidvalidity):
        # EXAMINE (imaplib: select readonly) - imaplib raises unless the reply says READ-ONLY.
        self.assertEqual(self.ok(client.select(mailbox, readonly=True)), [b"3"])
        responses = client.untagged_responses
        self.assertEqual(responses["UIDVALIDITY"], [str(uidvalidity).encode()])
        self.assertEqual(responses["UIDNEXT"], [b"4"])
        self.assertIn("READ-ONLY", responses)
        self.ok(client.unselect())
        self.assertEqual(client.state, "AUTH")

        self.assertEqual(self.ok(client.select(mailbox)), [b"3"])
        responses = client.untagged_responses
        self.assertEqual(responses["EXISTS"], [b"3"])
        self.assertEqual(responses["UIDVALIDITY"], [str(uidvalidity).encode()])
        self.assertIn(b"$Label1", responses["FLAGS"][0])
        self.assertIn("READ-WRITE", responses)
        self.assertEqual(client.state, "SELECTED")

        # Seed bug 9: an APPEND to the selected mailbox tells the appending client EXISTS.
        client.response("EXISTS")  # forget the SELECT's
        self.ok(client.append(mailbox, None, None, b"Subject: fourth\r\n\r\nfour\r\n"))
        self.assertEqual(client.response("EXISTS"), ("EXISTS", [b"4"]))
        self.ok(client.check())
        self.ok(client.close())
        self.assertEqual(client.state, "AUTH")
        status = status_items(self.ok(client.status(mailbox, "(MESSAGES UIDNEXT)")))
        self.assertEqual(status, {"MESSAGES": 4, "UIDNEXT": 5})

    def bad_append_stores_nothing(self, client):
        # Seed bug 9: a bad date is refused before anything is stored.
        before = status_items(self.ok(client.status("INBOX", "(MESSAGES UIDNEXT)")))
        try:
            typ, _ = client.append("INBOX", None, '"31-Foo-2024 25:00:00 +0000"', b"Subject: x\r\n\r\nx\r\n")
        except imaplib.IMAP4.error:
            typ = "BAD"
        self.assertNotEqual(typ, "OK")
        self.assertEqual(status_items(self.ok(client.status("INBOX", "(MESSAGES UIDNEXT)"))), before)

    def deletes(self, client, top):
        self.ok(client.delete(top + "/Work/Beta"))
        # Seed bug 15: a mailbox with children may be deleted; it stays as \Noselect.
        self.ok(client.delete(top + "/Work"))
        listed = mailboxes(self.ok(client.list('""', top + "/Work*")))
        self.assertEqual(set(listed), {top + "/Work", top + "/Work/Alpha"})
        self.assertIn("\\Noselect", listed[top + "/Work"])
        typ, data = client.select(top + "/Work")
        self.assertEqual(typ, "NO", data)
        self.ok(client.delete(top + "/Work/Alpha"))
        self.ok(client.delete(top + "/Work"))
        self.ok(client.delete('"%s/Space Folder"' % top))
        self.ok(client.delete(top))
        self.assertEqual(mailboxes(self.ok(client.list('""', top + "*"))), {})
        typ, data = client.delete("INBOX")
        self.assertEqual(typ, "NO", data)


if __name__ == "__main__":
    harness.main()
