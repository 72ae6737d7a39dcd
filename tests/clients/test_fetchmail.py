#!/usr/bin/python3
"""fetchmail (a client nobody here wrote) against a real qimapd process.

Run by ctest (tests/clients/CMakeLists.txt) with QIMAPD_BIN set to the built server; by hand:
QIMAPD_BIN=build/bin/qimapd /usr/bin/python3 tests/clients/test_fetchmail.py

fetchmail polls the server's INBOX over IMAP with implicit TLS (`ssl`) and then over STARTTLS
(`sslproto tls1.2+` on the cleartext port), verifying the test certificate (`sslcertck`,
`sslcertfile`; fetchmail matches DNS names only: host localhost). Messages go to an MDA that
writes each one to a file of its own; without `keep` fetchmail marks them \\Deleted and
expunges, so INBOX must be empty afterwards.

What fetchmail itself does to messages, and the test allows for: the MDA gets LF line ends.
`invisible` (no Received: header) and `norewrite` (no address rewriting) keep the rest as is.
"""

import getpass
import os

import harness
from harness import message, to_lf

FETCHMAIL = harness.client_program("fetchmail")


class FetchmailTest(harness.ClientTestCase):
    PREFIX = "qimapd-fetchmail-"
    USER = "fetchuser"
    PASSWORD = "fetch-Secret-1"
    CLIENT_LOG = ("fetchmail.log", "fetchmail -v -v (the client's side of the wire)")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.delivered = cls.server.path("delivered")
        os.mkdir(cls.delivered)
        # The MDA: one file per message, numbered in delivery order.
        cls.mda = cls.server.path("deliver.sh")
        with open(cls.mda, "w") as script:
            script.write('#!/bin/sh\nn=$(ls "%s" | wc -l)\nexec cat > "%s/$(printf %%03d "$n").eml"\n'
                         % (cls.delivered, cls.delivered))
        os.chmod(cls.mda, 0o755)

    def rcfile(self, name, starttls=False, certificate=None):
        path = self.server.path(name)
        if starttls:
            transport = 'port %d:\n    user "%s" there with password "%s" is "%s" here\n' \
                        '    sslproto "tls1.2+" sslcertck sslcertfile "%s"\n'
            port = self.server.port
        else:
            transport = 'port %d:\n    user "%s" there with password "%s" is "%s" here\n' \
                        '    ssl sslcertck sslcertfile "%s"\n'
            port = self.server.ssl_port
        with open(path, "w") as rc:
            rc.write("set no syslog\nset invisible\n"
                     "poll localhost protocol IMAP auth password " + transport % (
                         port, self.USER, self.PASSWORD, getpass.getuser(),
                         certificate or self.server.cert) +
                     '    fetchall no keep norewrite\n    mda "%s"\n' % self.mda)
        os.chmod(path, 0o600)  # fetchmail refuses an rc file others may read
        return path

    def fetchmail(self, rcfile, expect_code=0):
        environment = harness.client_environment(self.home)
        environment["FETCHMAILHOME"] = self.home  # .fetchids and the PID file
        code, _ = harness.run_client([FETCHMAIL, "--nodetach", "--nosyslog", "-v", "-v", "-f", rcfile],
                                     self.log, env=environment, input=b"", expect_code=expect_code)
        return code

    def delivered_messages(self):
        result = []
        for name in sorted(os.listdir(self.delivered)):
            with open(os.path.join(self.delivered, name), "rb") as mail:
                result.append(mail.read())
        return result

    def test_certificate_is_verified(self):
        # A certificate fetchmail was not told to trust: no login, a non-zero exit, the mail
        # stays. Proof that the sslcertck in the other test is real.
        other = self.server.untrusted_certificate()
        before = self.server.log()
        code = self.fetchmail(self.rcfile("untrusting.rc", certificate=other), expect_code=None)
        self.assertNotIn(code, (0, 1))  # 0: mail fetched, 1: no mail
        self.assertNotIn(" logged in as ", self.server.log()[len(before):])

    def test_fetch_and_delete(self):
        server = self.server
        big_body = "".join("line %05d, with some text to make it longer\r\n" % n for n in range(3000))
        first = [
            message("fm plain", "Plain message.\r\n"),
            message("fm seen", "Already read; fetchall takes it too.\r\n"),
            message("fm utf8", "Gr\u00fc\u00dfe, \u00e9t\u00e9 \u2603\r\n",
                    extra="MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
                          "Content-Transfer-Encoding: 8bit\r\n"),
            message("fm big", big_body),
            message("fm tricky", "A line with a dot:\r\n.\r\nFrom the start of a line\r\n"
                    "A001 OK not a response\r\n* 1 EXPUNGE neither\r\n"),
        ]
        flags = [None, r"(\Seen)", r"(\Flagged)", None, r"(\Answered)"]
        for raw, flag in zip(first, flags):
            server.append("INBOX", raw, flag)

        # ---- implicit TLS
        self.fetchmail(self.rcfile("tls.rc"))
        self.assertEqual(self.delivered_messages(), [to_lf(raw) for raw in first])
        self.assertEqual(server.messages("INBOX"), {})

        # ---- STARTTLS, with new mail
        second = [message("fm after", "Arrived after the first poll.\r\n"),
                  message("fm after 2", "And another.\r\n")]
        for raw in second:
            server.append("INBOX", raw)
        log_before = len(server.log())
        self.fetchmail(self.rcfile("starttls.rc", starttls=True))
        traffic = server.log()[log_before:]
        self.assertRegex(traffic, r" C: \S+ STARTTLS\b")
        self.assertIn("TLS established", traffic)
        self.assertEqual(self.delivered_messages(), [to_lf(raw) for raw in first + second])
        self.assertEqual(server.messages("INBOX"), {})

        # ---- nothing left: fetchmail says so with exit code 1
        self.fetchmail(self.rcfile("tls.rc"), expect_code=1)
        self.assertEqual(len(self.delivered_messages()), len(first + second))
        # Every message was expunged, by fetchmail's own EXPUNGE after STORE +FLAGS (\Deleted).
        self.assertRegex(server.log(), r" C: \S+ EXPUNGE\b")


if __name__ == "__main__":
    harness.main()
