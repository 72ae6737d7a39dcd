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

import os
import re

import harness
from harness import Maildir, message, ok, subject_of, to_crlf, to_lf

MBSYNC = harness.client_program("mbsync")
BULK = 600  # messages in the folder Bulk

TUID = re.compile(rb"\nX-TUID: [A-Za-z0-9+/]{12}\r?\n(?=\r?\n)")


def without_tuid(raw):
    """A message as mbsync copied it, minus the X-TUID line mbsync added."""
    return TUID.sub(b"\n", raw, count=1)


class MbsyncTest(harness.ServerTestCase):
    PREFIX = "qimapd-mbsync-"
    USER = "mbsyncuser"
    PASSWORD = "mbsync-Secret-1"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.home = cls.server.path("home")
        cls.maildir = cls.server.path("maildir")
        os.mkdir(cls.home)
        os.mkdir(cls.maildir)
        cls.log = cls.server.path("mbsync.log")
        harness.remember_log("mbsync -V -Dn (the client's side of the wire)", cls.log)

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

    def assertSameMessage(self, maildir_raw, server_raw):
        """A Maildir file (LF, maybe an X-TUID line from mbsync) against the server's bytes."""
        self.assertEqual(to_lf(without_tuid(maildir_raw)), to_lf(without_tuid(server_raw)))
        self.assertNotIn(b"\r", maildir_raw)

    def server_by_subject(self, mailbox):
        result = {}
        for uid, (flags, raw) in self.server.messages(mailbox).items():
            result[subject_of(raw)] = (flags, raw, uid)
        return result

    # ---- the whole story, in order --------------------------------------------------------

    def test_certificate_is_verified(self):
        # A certificate mbsync was not told to trust: it must refuse to sync. Proof that the
        # CertificateFile check in the other test is real.
        other = self.server.untrusted_certificate()
        before = self.server.log()
        code = self.mbsync(self.config("untrusting.rc", certificate=other), expect_code=None)
        self.assertNotEqual(code, 0)
        self.assertNotIn(" logged in as ", self.server.log()[len(before):])

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
        client = server.imap()
        try:
            ok(client.create("Lists/Qt"))
            ok(client.create("Bulk"))
        finally:
            client.logout()
        qt_message = message("mb list", "In a sub-folder.\r\n", extra="List-Id: <qt.example.org>\r\n")
        server.append("Lists/Qt", qt_message, r"(\Seen)")
        # More messages than the server reads from its store in one chunk (FETCH (UID FLAGS)),
        # fetched with pipelined commands.
        bulk = [message("mb bulk %03d" % n, "Bulk message %d.\r\n" % n) for n in range(BULK)]
        server.append_many("Bulk", bulk)
        implicit = self.config("mbsync.rc")

        # ---- sync 1: server -> maildir
        self.mbsync(implicit)
        local_inbox = Maildir(os.path.join(self.maildir, "INBOX"))
        local = local_inbox.read()
        self.assertEqual(set(local), set(inbox))
        expected_flags = {"mb plain": set(), "mb seen": {"\\Seen"}, "mb flagged": {"\\Flagged", "\\Answered"},
                          "mb to delete": {"\\Seen"}, "mb to flag": set(), "mb gone": set()}
        for subject, raw in inbox.items():
            flags, local_raw, _ = local[subject]
            self.assertEqual(flags, expected_flags[subject], subject)
            self.assertSameMessage(local_raw, raw)
        local_bulk = Maildir(os.path.join(self.maildir, "Bulk")).read()
        self.assertEqual(sorted(local_bulk), ["mb bulk %03d" % n for n in range(BULK)])
        for n, raw in enumerate(bulk):
            self.assertSameMessage(local_bulk["mb bulk %03d" % n][1], raw)
        local_qt = Maildir(os.path.join(self.maildir, "Lists", "Qt")).read()
        self.assertEqual(list(local_qt), ["mb list"])
        self.assertEqual(local_qt["mb list"][0], {"\\Seen"})
        self.assertSameMessage(local_qt["mb list"][1], qt_message)
        # Syncing read nothing as \Seen and changed no flag on the server.
        on_server = self.server_by_subject("INBOX")
        self.assertEqual({s: f for s, (f, _, _) in on_server.items()}, expected_flags)

        # ---- changes on both sides
        # near side: a new message, a new flag, a deleted message, a new folder
        new_local = to_lf(message("mb local new", "Written into the Maildir.\r\n\u00c4\u00d6\u00dc\r\n"))
        with open(os.path.join(self.maildir, "INBOX", "new", "1709205255.P1Q1.testhost"), "wb") as out:
            out.write(new_local)
        _, _, path = local["mb to flag"]
        base = path.split(":2,", 1)[0] if ":2," in path else path
        flagged_path = os.path.join(self.maildir, "INBOX", "cur", os.path.basename(base) + ":2,FS")
        os.rename(path, flagged_path)
        os.remove(local["mb to delete"][2])
        made_dir = os.path.join(self.maildir, "Made Here")
        for sub in ("cur", "new", "tmp"):
            os.makedirs(os.path.join(made_dir, sub))
        made_message = to_lf(message("mb made here", "In a folder made on the near side.\r\n"))
        with open(os.path.join(made_dir, "cur", "1709205256.P1Q2.testhost:2,S"), "wb") as out:
            out.write(made_message)
        # far side: a new message and a new flag
        server_new = message("mb server new", "Appended between the syncs.\r\n")
        server.append("INBOX", server_new)
        client = server.imap()
        try:
            ok(client.select("INBOX"))
            ok(client.uid("STORE", str(on_server["mb plain"][2]), "+FLAGS", r"(\Answered)"))
            ok(client.uid("STORE", str(on_server["mb gone"][2]), "+FLAGS.SILENT", r"(\Deleted)"))
            ok(client.expunge())
            client.close()
        finally:
            client.logout()

        # ---- sync 2: both ways
        self.mbsync(implicit)
        on_server = self.server_by_subject("INBOX")
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
        made_on_server = self.server_by_subject("Made Here")
        self.assertEqual(list(made_on_server), ["mb made here"])
        self.assertEqual(made_on_server["mb made here"][0], {"\\Seen"})
        self.assertEqual(to_crlf(without_tuid(made_on_server["mb made here"][1])), to_crlf(made_message))

        local = local_inbox.read()
        self.assertNotIn("mb gone", local)  # expunged on the server: gone here too
        self.assertEqual(set(local), set(on_server))
        self.assertSameMessage(local["mb server new"][1], server_new)
        self.assertEqual(local["mb server new"][0], set())
        self.assertEqual(local["mb plain"][0], {"\\Answered"})
        for subject, (flags, _, _) in on_server.items():
            self.assertEqual(local[subject][0], flags, subject)

        # ---- sync 3, over STARTTLS this time: nothing left to do on either side
        starttls = self.config("mbsync-starttls.rc", starttls=True)
        before_local = Maildir(self.maildir).snapshot()
        before_server = {box: self.server.messages(box) for box in ("INBOX", "Lists/Qt", "Made Here", "Bulk")}
        log_before = len(self.server.log())
        self.mbsync(starttls)
        traffic = self.server.log()[log_before:]
        self.assertIn(" logged in as %s" % self.USER, traffic)
        self.assertIn("TLS established", traffic)
        changes = [line for line in traffic.splitlines() if harness.CHANGING.search(line)]
        self.assertEqual(changes, [], "a sync with nothing to do changed the server")
        self.assertEqual(Maildir(self.maildir).snapshot(), before_local)
        self.assertEqual({box: self.server.messages(box) for box in before_server}, before_server)


if __name__ == "__main__":
    harness.main()
