#!/usr/bin/python3
"""Perl's Mail::IMAPClient (a client nobody here wrote) against a real qimapd process.

Run by ctest (tests/clients/CMakeLists.txt) with QIMAPD_BIN set to the built server; by hand:
QIMAPD_BIN=build/bin/qimapd /usr/bin/python3 tests/clients/test_mail_imapclient.py

This script starts the server and seeds INBOX with imaplib; mail_imapclient.pl (next to it)
does the talking: implicit TLS and STARTTLS with the test certificate verified, folders,
append_string, select/examine, message_string, search, flags, copy, move, expunge, rename,
delete, logout. Its TAP output and exit code decide; afterwards imaplib checks what it left.
"""

import os

import harness
from harness import message

PERL = harness.client_program("perl")
SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "mail_imapclient.pl")


class MailImapClientTest(harness.ServerTestCase):
    PREFIX = "qimapd-perl-"
    USER = "perluser"
    PASSWORD = "perl-Secret-1"

    def test_mail_imapclient(self):
        server = self.server
        seeded = message("seeded by imaplib", "For Mail::IMAPClient to read.\r\n")
        server.append("INBOX", seeded)
        seeded_path = server.path("seeded.eml")
        with open(seeded_path, "wb") as out:
            out.write(seeded)
        home = server.path("home")
        os.mkdir(home)
        log = server.path("perl.log")
        harness.remember_log("mail_imapclient.pl: TAP and Mail::IMAPClient's Debug output", log)
        environment = harness.client_environment(home)
        environment.update(QIMAPD_PORT=str(server.port), QIMAPD_SSL_PORT=str(server.ssl_port),
                           QIMAPD_CERT=server.cert, QIMAPD_USER=self.USER, QIMAPD_PASSWORD=self.PASSWORD,
                           QIMAPD_SEEDED=seeded_path)
        code, tap = harness.run_client([PERL, SCRIPT], log, env=environment, expect_code=None)
        failed = [line for line in tap.decode(errors="replace").splitlines()
                  if line.startswith("not ok") or line.startswith("Bail out!")]
        self.assertEqual(failed, [], "mail_imapclient.pl failed checks")
        self.assertEqual(code, 0, "mail_imapclient.pl exited with %d" % code)
        self.assertRegex(tap.decode(), r"(?m)^1\.\.\d+$")  # done_testing: the plan was reached

        # What the Perl client left behind, seen by another client.
        self.assertNotIn("Perl", server.mailbox_names())
        inbox = server.messages("INBOX")
        self.assertEqual(len(inbox), 3)
        self.assertEqual(inbox[min(inbox)], (set(), seeded))  # Peek => 1: still unseen
        self.assertEqual(sorted(harness.subject_of(raw) for _, raw in inbox.values()),
                         ["perl first", "perl second", "seeded by imaplib"])


if __name__ == "__main__":
    harness.main()
