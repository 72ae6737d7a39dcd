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
from harness import message, to_crlf, to_lf

OFFLINEIMAP = harness.client_program("offlineimap")


class OfflineimapTest(harness.SyncTestCase):
    PREFIX = "qimapd-offlineimap-"
    USER = "offlineuser"
    PASSWORD = "offline-Secret-1"
    CLIENT_LOG = ("offlineimap.log", "offlineimap -d imap (the client's side of the wire)")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.metadata = cls.server.path("metadata")

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

    def test_certificate_is_verified(self):
        # A certificate offlineimap was not told to trust: it must not log in, and must say so
        # with its exit code. Proof that sslcacertfile in the other test is really checked.
        maildir = self.server.path("untrusting-maildir")
        os.mkdir(maildir)
        config = self.config("untrusting.rc", certificate=self.server.untrusted_certificate(),
                             maildir=maildir, metadata=self.server.path("untrusting-metadata"))
        self.assertLoginRefused(lambda: self.offlineimap(config, expect_code=None))
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
        server.create("Lists/Qt")
        qt_message = message("oi list", "In a sub-folder.\r\n")
        server.append("Lists/Qt", qt_message, r"(\Seen)")
        config = self.config("offlineimap.rc")

        # ---- sync 1: server -> maildir
        self.offlineimap(config)
        expected_flags = {"oi plain": set(), "oi seen": {"\\Seen"}, "oi flagged": {"\\Flagged", "\\Answered"},
                          "oi to delete": {"\\Seen"}, "oi to flag": set(), "oi gone": set(),
                          "oi utf8": {"\\Draft"}}
        local = self.assertFolderHolds("INBOX", inbox, expected_flags)
        self.assertFolderHolds("Lists/Qt", {"oi list": qt_message}, {"oi list": {"\\Seen"}})
        on_server = self.assertFlagsOnServer("INBOX", expected_flags)

        # ---- changes on both sides
        new_local = to_lf(message("oi local new", "Written into the Maildir.\r\n\u00c4\u00d6\u00dc\r\n"))
        made_message = to_lf(message("oi made here", "In a folder made on the local side.\r\n"))
        self.change_near_side(local, new_local, to_flag="oi to flag", to_delete="oi to delete", made=made_message)
        server_new = message("oi server new", "Appended between the syncs.\r\n")
        self.change_far_side(on_server, server_new, answered="oi plain", expunged="oi gone",
                             stores=[("oi utf8", "-FLAGS", r"(\Draft)")])

        # ---- sync 2: both ways
        self.offlineimap(config)
        on_server = server.messages_by_subject("INBOX")
        self.assertEqual(set(on_server), {"oi plain", "oi seen", "oi flagged", "oi to flag", "oi utf8",
                                          "oi local new", "oi server new"})
        self.assertEqual(on_server["oi to flag"][0], {"\\Flagged", "\\Seen"})
        self.assertEqual(on_server["oi local new"], (set(), to_crlf(new_local), on_server["oi local new"][2]))
        self.assertEqual(on_server["oi plain"][0], {"\\Answered"})
        self.assertEqual(on_server["oi utf8"][0], set())
        self.assertNotIn("oi to delete", on_server)  # expunged, not just flagged
        self.assertIn("Made Here", server.mailbox_names())
        made_on_server = server.messages_by_subject("Made Here")
        self.assertEqual(list(made_on_server), ["oi made here"])
        self.assertEqual(made_on_server["oi made here"][:2], ({"\\Seen"}, to_crlf(made_message)))

        local = self.folder("INBOX").read()
        self.assertNotIn("oi gone", local)  # expunged on the server: gone here too
        self.assertEqual(set(local), set(on_server))
        self.assertEqual(local["oi server new"][:2], (set(), to_lf(server_new)))
        for subject, (flags, raw, _) in on_server.items():
            self.assertEqual(local[subject][0], flags, subject)
            self.assertEqual(local[subject][1], to_lf(raw), subject)

        # ---- sync 3: nothing left to do on either side
        self.assertSyncChangesNothing(lambda: self.offlineimap(config), ("INBOX", "Lists/Qt", "Made Here"))


if __name__ == "__main__":
    harness.main()
