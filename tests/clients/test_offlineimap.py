#!/usr/bin/python3
"""offlineimap (Debian's offlineimap3, a client nobody here wrote) against a real qimapd process.

Run by ctest (tests/clients/CMakeLists.txt) with QIMAPD_BIN set to the built server; by hand:
QIMAPD_BIN=build/bin/qimapd /usr/bin/python3 tests/clients/test_offlineimap.py

offlineimap syncs one account with a Maildir in a temporary directory, over implicit TLS only:
it does not verify certificates over STARTTLS. `sslcacertfile` is the test certificate and the
host is localhost (offlineimap matches DNS names only). First server -> maildir, then changes on
both sides (local: a new message, new flags, a deleted message, a new folder; server: a new
message, flags set and cleared, an expunged message), then a sync that must change nothing.
Every run must exit 0.

What offlineimap itself does to messages, and the test allows for: Maildir files have LF line
ends, the server's copies CRLF.
"""

import os

import harness
from harness import Maildir, message, ok, to_crlf, to_lf

OFFLINEIMAP = harness.client_program("offlineimap")


class OfflineimapTest(harness.ServerTestCase):
    PREFIX = "qimapd-offlineimap-"
    USER = "offlineuser"
    PASSWORD = "offline-Secret-1"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.home = cls.server.path("home")
        cls.maildir = cls.server.path("maildir")
        cls.metadata = cls.server.path("metadata")
        os.mkdir(cls.home)
        os.mkdir(cls.maildir)
        cls.log = cls.server.path("offlineimap.log")
        harness.remember_log("offlineimap -d imap (the client's side of the wire)", cls.log)

    def config(self, name, certificate=None, maildir=None, metadata=None):
        path = self.server.path(name)
        with open(path, "w") as rc:
            rc.write("""[general]
accounts = qimapd
metadata = {metadata}
ui = basic

[Account qimapd]
localrepository = local
remoterepository = remote

[Repository local]
type = Maildir
localfolders = {maildir}
sep = /

[Repository remote]
type = IMAP
remotehost = localhost
remoteport = {port}
ssl = yes
sslcacertfile = {cert}
remoteuser = {user}
remotepass = {password}
expunge = yes
""".format(metadata=metadata or self.metadata, maildir=maildir or self.maildir, port=self.server.ssl_port,
           cert=certificate or self.server.cert, user=self.USER, password=self.PASSWORD))
        return path

    def offlineimap(self, config, expect_code=0):
        # -o: one sync, -1: no threads (a fixed order), -d imap: the IMAP conversation.
        code, _ = harness.run_client([OFFLINEIMAP, "-c", config, "-o", "-1", "-u", "basic", "-d", "imap"],
                                     self.log, env=harness.client_environment(self.home),
                                     input=b"", expect_code=expect_code)
        return code

    def server_by_subject(self, mailbox):
        result = {}
        for uid, (flags, raw) in self.server.messages(mailbox).items():
            result[harness.subject_of(raw)] = (flags, raw, uid)
        return result

    def test_certificate_is_verified(self):
        # A certificate offlineimap was not told to trust: it must not log in, and must say so
        # with its exit code. Proof that sslcacertfile in the other test is really checked.
        maildir = self.server.path("untrusting-maildir")
        os.mkdir(maildir)
        config = self.config("untrusting.rc", certificate=self.server.untrusted_certificate(),
                             maildir=maildir, metadata=self.server.path("untrusting-metadata"))
        before = self.server.log()
        code = self.offlineimap(config, expect_code=None)
        self.assertNotEqual(code, 0)
        self.assertNotIn(" logged in as ", self.server.log()[len(before):])
        self.assertEqual(os.listdir(maildir), [])

    def test_sync_both_ways(self):
        server = self.server
        inbox = {
            "oi plain": message("oi plain", "Nothing special.\r\n"),
            "oi seen": message("oi seen", "Already read.\r\n"),
            "oi flagged": message("oi flagged", "Important, and answered.\r\n"),
            "oi to delete": message("oi to delete", "Deleted on the local side later.\r\n"),
            "oi to flag": message("oi to flag", "Flagged on the local side later.\r\n"),
            "oi gone": message("oi gone", "Expunged on the server later.\r\n"),
            "oi utf8": message("oi utf8", "Gr\u00fc\u00dfe \u2603\r\n",
                               extra="Content-Type: text/plain; charset=utf-8\r\n"),
        }
        initial_flags = {"oi plain": None, "oi seen": r"(\Seen)", "oi flagged": r"(\Flagged \Answered)",
                         "oi to delete": r"(\Seen)", "oi to flag": None, "oi gone": None,
                         "oi utf8": r"(\Draft)"}
        for subject, raw in inbox.items():
            server.append("INBOX", raw, initial_flags[subject])
        client = server.imap()
        try:
            ok(client.create("Lists/Qt"))
        finally:
            client.logout()
        qt_message = message("oi list", "In a sub-folder.\r\n")
        server.append("Lists/Qt", qt_message, r"(\Seen)")
        config = self.config("offlineimap.rc")

        # ---- sync 1: server -> maildir
        self.offlineimap(config)
        local_inbox = Maildir(os.path.join(self.maildir, "INBOX"))
        local = local_inbox.read()
        self.assertEqual(set(local), set(inbox))
        expected_flags = {"oi plain": set(), "oi seen": {"\\Seen"}, "oi flagged": {"\\Flagged", "\\Answered"},
                          "oi to delete": {"\\Seen"}, "oi to flag": set(), "oi gone": set(),
                          "oi utf8": {"\\Draft"}}
        for subject, raw in inbox.items():
            flags, local_raw, _ = local[subject]
            self.assertEqual(flags, expected_flags[subject], subject)
            self.assertEqual(local_raw, to_lf(raw), subject)
        local_qt = Maildir(os.path.join(self.maildir, "Lists", "Qt")).read()
        self.assertEqual(list(local_qt), ["oi list"])
        self.assertEqual(local_qt["oi list"][0], {"\\Seen"})
        self.assertEqual(local_qt["oi list"][1], to_lf(qt_message))
        on_server = self.server_by_subject("INBOX")
        self.assertEqual({s: f for s, (f, _, _) in on_server.items()}, expected_flags)

        # ---- changes on both sides
        new_local = to_lf(message("oi local new", "Written into the Maildir.\r\n\u00c4\u00d6\u00dc\r\n"))
        with open(os.path.join(self.maildir, "INBOX", "new", "1709205255.P1Q1.testhost"), "wb") as out:
            out.write(new_local)
        _, _, path = local["oi to flag"]
        base = os.path.basename(path).split(":2,", 1)[0]
        os.rename(path, os.path.join(self.maildir, "INBOX", "cur", base + ":2,FS"))
        os.remove(local["oi to delete"][2])
        made_dir = os.path.join(self.maildir, "Made Here")
        for sub in ("cur", "new", "tmp"):
            os.makedirs(os.path.join(made_dir, sub))
        made_message = to_lf(message("oi made here", "In a folder made on the local side.\r\n"))
        with open(os.path.join(made_dir, "cur", "1709205256.P1Q2.testhost:2,S"), "wb") as out:
            out.write(made_message)
        server_new = message("oi server new", "Appended between the syncs.\r\n")
        server.append("INBOX", server_new)
        client = server.imap()
        try:
            ok(client.select("INBOX"))
            ok(client.uid("STORE", str(on_server["oi plain"][2]), "+FLAGS", r"(\Answered)"))
            ok(client.uid("STORE", str(on_server["oi gone"][2]), "+FLAGS.SILENT", r"(\Deleted)"))
            ok(client.expunge())
            ok(client.uid("STORE", str(on_server["oi utf8"][2]), "-FLAGS", r"(\Draft)"))
            client.close()
        finally:
            client.logout()

        # ---- sync 2: both ways
        self.offlineimap(config)
        on_server = self.server_by_subject("INBOX")
        self.assertEqual(set(on_server), {"oi plain", "oi seen", "oi flagged", "oi to flag", "oi utf8",
                                          "oi local new", "oi server new"})
        self.assertEqual(on_server["oi to flag"][0], {"\\Flagged", "\\Seen"})
        self.assertEqual(on_server["oi local new"], (set(), to_crlf(new_local), on_server["oi local new"][2]))
        self.assertEqual(on_server["oi plain"][0], {"\\Answered"})
        self.assertEqual(on_server["oi utf8"][0], set())
        self.assertNotIn("oi to delete", on_server)  # expunged, not just flagged
        self.assertIn("Made Here", server.mailbox_names())
        made_on_server = self.server_by_subject("Made Here")
        self.assertEqual(list(made_on_server), ["oi made here"])
        self.assertEqual(made_on_server["oi made here"][:2], ({"\\Seen"}, to_crlf(made_message)))

        local = local_inbox.read()
        self.assertNotIn("oi gone", local)  # expunged on the server: gone here too
        self.assertEqual(set(local), set(on_server))
        self.assertEqual(local["oi server new"][:2], (set(), to_lf(server_new)))
        for subject, (flags, raw, _) in on_server.items():
            self.assertEqual(local[subject][0], flags, subject)
            self.assertEqual(local[subject][1], to_lf(raw), subject)

        # ---- sync 3: nothing left to do on either side
        before_local = Maildir(self.maildir).snapshot()
        before_server = {box: server.messages(box) for box in ("INBOX", "Lists/Qt", "Made Here")}
        log_before = len(server.log())
        self.offlineimap(config)
        traffic = server.log()[log_before:]
        self.assertIn(" logged in as %s" % self.USER, traffic)
        changes = [line for line in traffic.splitlines() if harness.CHANGING.search(line)]
        self.assertEqual(changes, [], "a sync with nothing to do changed the server")
        self.assertEqual(Maildir(self.maildir).snapshot(), before_local)
        self.assertEqual({box: server.messages(box) for box in before_server}, before_server)


if __name__ == "__main__":
    harness.main()
