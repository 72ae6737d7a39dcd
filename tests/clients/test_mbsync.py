#!/usr/bin/python3
"""mbsync (isync 1.4, a client nobody here wrote) against a real qimapd process.

Run by ctest (tests/clients/CMakeLists.txt) with QIMAPD_BIN set to the built server; by hand:
QIMAPD_BIN=build/bin/qimapd /usr/bin/python3 tests/clients/test_mbsync.py

mbsync syncs the server (IMAPStore over implicit TLS, the test certificate as CertificateFile,
Host localhost: isync 1.4 matches DNS names only) with a Maildir in a temporary directory:
first server -> maildir (a folder of 600 messages among them, fetched with pipelined commands),
then local changes (a new message, new flags, a deleted message, a new folder) and server
changes (a new message, a new flag, an expunged message) both ways, then a sync that must change
nothing, over STARTTLS this time. Every mbsync run must exit 0.

What mbsync itself does to messages, and the test allows for: Maildir files have LF line ends
(the server's copies CRLF), and mbsync adds an "X-TUID: ..." line to the end of the header of
every message it copies (its way of finding the copy again).
"""

import re

import harness
from harness import message, to_crlf, to_lf

MBSYNC = harness.client_program("mbsync")
BULK = 600  # messages in the folder Bulk

TUID = re.compile(rb"\nX-TUID: [A-Za-z0-9+/]{12}\r?\n(?=\r?\n)")


def without_tuid(raw):
    """A message as mbsync copied it, minus the X-TUID line mbsync added."""
    return TUID.sub(b"\n", raw, count=1)


class MbsyncTest(harness.SyncTestCase):
    PREFIX = "qimapd-mbsync-"
    USER = "mbsyncuser"
    PASSWORD = "mbsync-Secret-1"
    CLIENT_LOG = ("mbsync.log", "mbsync -V -Dn (the client's side of the wire)")

    def config(self, name, starttls=False, certificate=None):
        """An mbsync configuration file; implicit TLS unless starttls."""
        path = self.server.path(name)
        with open(path, "w") as rc:
            rc.write("""IMAPAccount qimapd
Host localhost
Port {port}
User {user}
Pass {password}
SSLType {ssltype}
CertificateFile {cert}
PipelineDepth 4

IMAPStore remote
Account qimapd

MaildirStore local
Path {maildir}/
Inbox {maildir}/INBOX
SubFolders Verbatim

Channel qimapd
Far :remote:
Near :local:
Patterns *
Create Both
Remove None
Expunge Both
SyncState *
""".format(port=self.server.port if starttls else self.server.ssl_port, user=self.USER,
           password=self.PASSWORD, ssltype="STARTTLS" if starttls else "IMAPS",
           cert=certificate or self.server.cert, maildir=self.maildir))
        return path

    def mbsync(self, config, expect_code=0):
        # -V: what it does; -Dn: the IMAP conversation, for the failure report.
        code, _ = harness.run_client([MBSYNC, "-V", "-Dn", "-c", config, "-a"], self.log,
                                     env=harness.client_environment(self.home),
                                     input=b"", expect_code=expect_code)
        return code

    def assertSameMessage(self, maildir_raw, server_raw, msg=None):
        """A Maildir file (LF, maybe an X-TUID line from mbsync) against the server's bytes."""
        self.assertEqual(to_lf(without_tuid(maildir_raw)), to_lf(without_tuid(server_raw)), msg)
        self.assertNotIn(b"\r", maildir_raw, msg)

    # ---- the whole story, in order --------------------------------------------------------

    def test_certificate_is_verified(self):
        # A certificate mbsync was not told to trust: it must refuse to sync. Proof that the
        # CertificateFile check in the other test is real.
        config = self.config("untrusting.rc", certificate=self.server.untrusted_certificate())
        self.assertLoginRefused(lambda: self.mbsync(config, expect_code=None))

    def test_sync_both_ways(self):
        server = self.server
        # ---- on the server, before anything is synced
        inbox = {
            "mb plain": message("mb plain", "Nothing special.\r\n"),
            "mb seen": message("mb seen", "Already read.\r\n"),
            "mb flagged": message("mb flagged", "Important, and answered.\r\n"),
            "mb to delete": message("mb to delete", "Deleted on the near side later.\r\n"),
            "mb to flag": message("mb to flag", "Flagged on the near side later.\r\n"),
            "mb gone": message("mb gone", "Expunged on the server later.\r\n"),
        }
        initial_flags = {"mb plain": None, "mb seen": r"(\Seen)", "mb flagged": r"(\Flagged \Answered)",
                         "mb to delete": r"(\Seen)", "mb to flag": None, "mb gone": None}
        for subject, raw in inbox.items():
            server.append("INBOX", raw, initial_flags[subject])
        server.create("Lists/Qt", "Bulk")
        qt_message = message("mb list", "In a sub-folder.\r\n", extra="List-Id: <qt.example.org>\r\n")
        server.append("Lists/Qt", qt_message, r"(\Seen)")
        # More messages than the server reads from its store in one chunk (FETCH (UID FLAGS)),
        # fetched with pipelined commands.
        bulk = [message("mb bulk %03d" % n, "Bulk message %d.\r\n" % n) for n in range(BULK)]
        server.append_many("Bulk", bulk)
        implicit = self.config("mbsync.rc")

        # ---- sync 1: server -> maildir
        self.mbsync(implicit)
        expected_flags = {"mb plain": set(), "mb seen": {"\\Seen"}, "mb flagged": {"\\Flagged", "\\Answered"},
                          "mb to delete": {"\\Seen"}, "mb to flag": set(), "mb gone": set()}
        local = self.assertFolderHolds("INBOX", inbox, expected_flags)
        local_bulk = self.folder("Bulk").read()
        self.assertEqual(sorted(local_bulk), ["mb bulk %03d" % n for n in range(BULK)])
        for n, raw in enumerate(bulk):
            self.assertSameMessage(local_bulk["mb bulk %03d" % n][1], raw)
        self.assertFolderHolds("Lists/Qt", {"mb list": qt_message}, {"mb list": {"\\Seen"}})
        # Syncing read nothing as \Seen and changed no flag on the server.
        on_server = self.assertFlagsOnServer("INBOX", expected_flags)

        # ---- changes on both sides
        # near side: a new message, a new flag, a deleted message, a new folder
        new_local = to_lf(message("mb local new", "Written into the Maildir.\r\n\u00c4\u00d6\u00dc\r\n"))
        made_message = to_lf(message("mb made here", "In a folder made on the near side.\r\n"))
        self.change_near_side(local, new_local, to_flag="mb to flag", to_delete="mb to delete", made=made_message)
        # far side: a new message, a new flag, an expunged message
        server_new = message("mb server new", "Appended between the syncs.\r\n")
        self.change_far_side(on_server, server_new, answered="mb plain", expunged="mb gone")

        # ---- sync 2: both ways
        self.mbsync(implicit)
        on_server = server.messages_by_subject("INBOX")
        self.assertEqual(set(on_server), {"mb plain", "mb seen", "mb flagged", "mb to flag", "mb local new",
                                          "mb server new"})
        self.assertEqual(on_server["mb to flag"][0], {"\\Flagged", "\\Seen"})
        self.assertEqual(on_server["mb local new"][0], set())
        self.assertSameMessage(new_local, on_server["mb local new"][1])
        self.assertEqual(to_crlf(without_tuid(on_server["mb local new"][1])), to_crlf(new_local))
        self.assertEqual(on_server["mb plain"][0], {"\\Answered"})
        # The deleted message is gone for good (Expunge Both), not just flagged.
        self.assertNotIn("mb to delete", on_server)
        self.assertIn("Made Here", server.mailbox_names())
        made_on_server = server.messages_by_subject("Made Here")
        self.assertEqual(list(made_on_server), ["mb made here"])
        self.assertEqual(made_on_server["mb made here"][0], {"\\Seen"})
        self.assertEqual(to_crlf(without_tuid(made_on_server["mb made here"][1])), to_crlf(made_message))

        local = self.folder("INBOX").read()
        self.assertNotIn("mb gone", local)  # expunged on the server: gone here too
        self.assertEqual(set(local), set(on_server))
        self.assertSameMessage(local["mb server new"][1], server_new)
        self.assertEqual(local["mb server new"][0], set())
        self.assertEqual(local["mb plain"][0], {"\\Answered"})
        for subject, (flags, _, _) in on_server.items():
            self.assertEqual(local[subject][0], flags, subject)

        # ---- sync 3, over STARTTLS this time: nothing left to do on either side
        starttls = self.config("mbsync-starttls.rc", starttls=True)
        traffic = self.assertSyncChangesNothing(lambda: self.mbsync(starttls),
                                                ("INBOX", "Lists/Qt", "Made Here", "Bulk"))
        self.assertIn("TLS established", traffic)


if __name__ == "__main__":
    harness.main()
