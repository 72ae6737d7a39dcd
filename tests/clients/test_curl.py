#!/usr/bin/python3
"""curl's IMAP (a client nobody here wrote) against a real qimapd process.

Run by ctest (tests/clients/CMakeLists.txt) with QIMAPD_BIN set to the built server; by hand:
QIMAPD_BIN=build/bin/qimapd /usr/bin/python3 tests/clients/test_curl.py

curl verifies the test certificate with --cacert, over implicit TLS (imaps://) and over
STARTTLS (imap:// with --ssl-reqd). Every check on what curl prints compares bytes exactly:
message bodies and sections as they were appended, untagged responses line by line.
"""

import harness
from harness import message, ok

CURL = harness.client_program("curl")

FIRST = message("curl first", "Body one.\r\nSecond line.\r\n")
SECOND = message(
    "curl second", "This is a MIME message.\r\n"
    "--XX\r\nContent-Type: text/plain\r\n\r\npart one\r\n"
    "--XX\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
    "part two, gr\u00fc\u00dfe\r\n--XX--\r\n",
    extra="MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=XX\r\n")
THIRD = message("curl third", "Third body.\r\n", sender="Bob <bob@example.net>")


def header_of(raw):
    return raw[:raw.index(b"\r\n\r\n") + 4]


def text_of(raw):
    return raw[raw.index(b"\r\n\r\n") + 4:]


class CurlTest(harness.ClientTestCase):
    PREFIX = "qimapd-curl-"
    USER = "curluser"
    PASSWORD = "curl-Secret-1"
    CLIENT_LOG = ("curl.log", "curl -v")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        server = cls.server
        server.create("Curl/Child", '"Curl Space"', "Scratch", "Copies", "Search")
        cls.uids = [server.append("INBOX", FIRST, r"(\Seen)"), server.append("INBOX", SECOND),
                    server.append("INBOX", THIRD, r"(\Flagged)")]
        # The same again in a mailbox only the SEARCH tests use: curl's FETCH sets \Seen.
        cls.search_uids = [server.append("Search", FIRST, r"(\Seen)"), server.append("Search", SECOND),
                           server.append("Search", THIRD, r"(\Flagged)")]
        client = server.imap()
        try:
            status = ok(client.status("INBOX", "(UIDVALIDITY)"))[0]
            cls.uidvalidity = int(status[status.rindex(b" ") + 1:-1])
        finally:
            client.logout()

    # ---- running curl ---------------------------------------------------------------------

    def url(self, path="", starttls=False, host="localhost"):
        if starttls:
            return "imap://%s:%d/%s" % (host, self.server.port, path)
        return "imaps://%s:%d/%s" % (host, self.server.ssl_port, path)

    def curl(self, url, *options, expect_code=0, starttls=False, user=None):
        args = [CURL, "--silent", "--show-error", "--verbose", "--max-time", "20",
                "--cacert", self.server.cert,
                "--user", "%s:%s" % (self.USER, self.PASSWORD) if user is None else user]
        if starttls:
            args.append("--ssl-reqd")
        args += list(options) + [url]
        _, output = harness.run_client(args, self.log, env=harness.client_environment(self.home),
                                       expect_code=expect_code)
        return output

    def assertLines(self, output, lines):
        """Untagged responses as curl prints them: each line exactly, CRLF-terminated."""
        self.assertEqual(output, b"".join(line.encode() + b"\r\n" for line in lines))

    # ---- transports and certificates -------------------------------------------------------

    def expected_list(self):
        return sorted(['* LIST (\\HasChildren) "/" Curl',
                       '* LIST (\\HasNoChildren) "/" Curl/Child',
                       '* LIST (\\HasNoChildren) "/" "Curl Space"'])

    def list_output(self, output):
        lines = output.split(b"\r\n")
        self.assertEqual(lines[-1], b"", output)  # every line CRLF-terminated
        return sorted(line.decode() for line in lines[:-1] if b"Curl" in line)

    def test_list_over_implicit_tls(self):
        output = self.curl(self.url())
        self.assertEqual(self.list_output(output), self.expected_list())
        self.assertIn(b'* LIST (\\HasNoChildren) "/" INBOX\r\n', output)

    def test_list_over_starttls(self):
        output = self.curl(self.url(starttls=True), starttls=True)
        self.assertEqual(self.list_output(output), self.expected_list())

    def test_ip_address_matches_the_certificate(self):
        output = self.curl(self.url(host="127.0.0.1"))
        self.assertIn(b'"/" INBOX\r\n', output)

    def test_list_with_a_reference(self):
        # curl sends LIST "Curl" * for a URL that names a mailbox and ends with a slash; the
        # reference and the pattern are simply joined (RFC 3501 6.3.8): "Curl*".
        output = self.curl(self.url("Curl/"))
        self.assertEqual(self.list_output(output), self.expected_list())
        self.assertEqual(output.count(b"\r\n"), 3, output)

    def test_certificate_is_verified(self):
        # Without --cacert curl trusts only the system CAs: it must refuse the test certificate
        # (exit 60), proof that the other tests really verify it.
        args = [CURL, "--silent", "--show-error", "--max-time", "20",
                "--user", "%s:%s" % (self.USER, self.PASSWORD), self.url()]
        harness.run_client(args, self.log, env=harness.client_environment(self.home), expect_code=60)

    def test_wrong_password(self):
        self.curl(self.url(), user=self.USER + ":wrong", expect_code=67)  # CURLE_LOGIN_DENIED

    def test_starttls_required(self):
        # The cleartext port says LOGINDISABLED: curl without TLS cannot log in (67), and with
        # --ssl-reqd it upgrades (the LIST test above).
        args = [CURL, "--silent", "--show-error", "--max-time", "20",
                "--user", "%s:%s" % (self.USER, self.PASSWORD), self.url(starttls=True)]
        code, _ = harness.run_client(args, self.log, env=harness.client_environment(self.home),
                                     expect_code=None)
        self.assertNotEqual(code, 0)

    # ---- fetching ---------------------------------------------------------------------------

    def test_fetch_by_uid(self):
        self.assertEqual(self.curl(self.url("INBOX;UID=%d" % self.uids[0])), FIRST)
        self.assertEqual(self.curl(self.url("INBOX/;UID=%d" % self.uids[1])), SECOND)
        self.assertEqual(self.curl(self.url("INBOX;UID=%d" % self.uids[2]), starttls=False), THIRD)

    def test_fetch_over_starttls(self):
        self.assertEqual(self.curl(self.url("INBOX;UID=%d" % self.uids[1], starttls=True),
                                   starttls=True), SECOND)

    def test_fetch_by_sequence_number(self):
        self.assertEqual(self.curl(self.url("INBOX;MAILINDEX=3")), THIRD)

    def test_fetch_sections(self):
        self.assertEqual(self.curl(self.url("INBOX;UID=%d;SECTION=HEADER" % self.uids[0])),
                         header_of(FIRST))
        self.assertEqual(self.curl(self.url("INBOX;UID=%d;SECTION=TEXT" % self.uids[0])),
                         text_of(FIRST))
        # A single-part message's part 1 is its body.
        self.assertEqual(self.curl(self.url("INBOX;UID=%d;SECTION=1" % self.uids[0])),
                         text_of(FIRST))
        self.assertEqual(self.curl(self.url("INBOX;UID=%d;SECTION=1" % self.uids[1])),
                         b"part one")
        self.assertEqual(self.curl(self.url("INBOX;UID=%d;SECTION=2" % self.uids[1])),
                         "part two, gr\u00fc\u00dfe".encode())
        self.assertEqual(self.curl(self.url("INBOX;UID=%d;SECTION=2.MIME" % self.uids[1])),
                         b"Content-Type: text/plain; charset=utf-8\r\n"
                         b"Content-Transfer-Encoding: 8bit\r\n\r\n")
        self.assertEqual(
            self.curl(self.url("INBOX;UID=%d;SECTION=HEADER.FIELDS%%20(SUBJECT%%20FROM)" % self.uids[2])),
            b"From: Bob <bob@example.net>\r\nSubject: curl third\r\n\r\n")

    def test_fetch_partial(self):
        self.assertEqual(self.curl(self.url("INBOX;UID=%d;PARTIAL=0.10" % self.uids[0])), FIRST[:10])
        self.assertEqual(self.curl(self.url("INBOX;UID=%d;PARTIAL=6.20" % self.uids[0])), FIRST[6:26])

    def test_uidvalidity(self):
        path = "INBOX;UIDVALIDITY=%d/;UID=%d" % (self.uidvalidity, self.uids[2])
        self.assertEqual(self.curl(self.url(path)), THIRD)
        # A different UIDVALIDITY: curl refuses (CURLE_REMOTE_FILE_NOT_FOUND).
        self.curl(self.url("INBOX;UIDVALIDITY=%d/;UID=%d" % (self.uidvalidity + 1, self.uids[2])),
                  expect_code=78)

    def test_fetch_missing_uid_fails(self):
        code, output = harness.run_client(
            [CURL, "--silent", "--show-error", "--max-time", "20", "--cacert", self.server.cert,
             "--user", "%s:%s" % (self.USER, self.PASSWORD), self.url("INBOX;UID=999")],
            self.log, env=harness.client_environment(self.home), expect_code=None)
        self.assertNotEqual(code, 0)
        self.assertEqual(output, b"")

    def test_custom_fetch(self):
        output = self.curl(self.url("INBOX"), "--request", "UID FETCH 1:* (UID RFC822.SIZE)")
        self.assertLines(output, ["* 1 FETCH (UID %d RFC822.SIZE %d)" % (self.uids[0], len(FIRST)),
                                  "* 2 FETCH (UID %d RFC822.SIZE %d)" % (self.uids[1], len(SECOND)),
                                  "* 3 FETCH (UID %d RFC822.SIZE %d)" % (self.uids[2], len(THIRD))])

    # ---- searching ----------------------------------------------------------------------------

    def test_search_in_the_url(self):
        self.assertEqual(self.curl(self.url("Search?SUBJECT%20second")), b"* SEARCH 2\r\n")
        self.assertEqual(self.curl(self.url("Search?FROM%20bob")), b"* SEARCH 3\r\n")
        self.assertEqual(self.curl(self.url("Search?UNSEEN%20UNFLAGGED")), b"* SEARCH 2\r\n")
        self.assertEqual(self.curl(self.url("Search?SUBJECT%20nothing-like-this")), b"* SEARCH\r\n")

    def test_uid_search_with_request(self):
        self.assertEqual(self.curl(self.url("Search"), "--request", "UID SEARCH ALL"),
                         ("* SEARCH %d %d %d\r\n" % tuple(self.search_uids)).encode())
        self.assertEqual(self.curl(self.url("Search"), "--request", 'UID SEARCH SUBJECT "curl third"'),
                         ("* SEARCH %d\r\n" % self.search_uids[2]).encode())
        self.assertEqual(self.curl(self.url("Search"), "--request", "UID SEARCH FLAGGED"),
                         ("* SEARCH %d\r\n" % self.search_uids[2]).encode())
        self.assertEqual(self.curl(self.url("Search"), "--request", "UID SEARCH BODY \"part two\""),
                         ("* SEARCH %d\r\n" % self.search_uids[1]).encode())
        self.assertEqual(self.curl(self.url("Search", starttls=True), "--request",
                                   "UID SEARCH UID %d:* SEEN" % self.search_uids[0], starttls=True),
                         ("* SEARCH %d\r\n" % self.search_uids[0]).encode())

    def test_examine_and_status(self):
        output = self.curl(self.url(), "--request", "EXAMINE INBOX")
        lines = output.decode().split("\r\n")
        self.assertEqual(lines[-1], "")
        self.assertIn("* 3 EXISTS", lines)
        self.assertIn("* OK [UIDVALIDITY %d] UIDs valid" % self.uidvalidity, lines)
        self.assertIn("* OK [UIDNEXT %d] Predicted next UID" % (self.uids[2] + 1), lines)
        self.assertIn("* OK [PERMANENTFLAGS ()] Read-only mailbox", lines)
        self.assertEqual(self.curl(self.url(), "--request", "STATUS INBOX (MESSAGES UIDNEXT)"),
                         ("* STATUS INBOX (MESSAGES 3 UIDNEXT %d)\r\n" % (self.uids[2] + 1)).encode())

    # ---- changing things ------------------------------------------------------------------------

    def test_upload(self):
        # curl's APPEND: APPEND "Curl Space" (\Seen) {n}, waiting for the continuation.
        message_file = self.server.path("upload.eml")
        uploaded = message("curl upload", "Uploaded with curl -T.\r\n\u00e9t\u00e9 \u2603\r\n" * 50)
        with open(message_file, "wb") as out:
            out.write(uploaded)
        self.assertEqual(self.curl(self.url("Curl%20Space"), "--upload-file", message_file), b"")
        messages = self.server.messages("Curl Space")
        self.assertEqual(list(messages.values()), [({"\\Seen"}, uploaded)])
        uid = next(iter(messages))
        self.assertEqual(self.curl(self.url("Curl%%20Space;UID=%d" % uid)), uploaded)

        # A large one over STARTTLS, into a child mailbox.
        big = message("curl big", "".join("line %06d of a big message\r\n" % n for n in range(20000)))
        with open(message_file, "wb") as out:
            out.write(big)
        self.curl(self.url("Curl/Child", starttls=True), "--upload-file", message_file, starttls=True)
        messages = self.server.messages("Curl/Child")
        self.assertEqual([raw for _, raw in messages.values()], [big])
        self.assertEqual(self.curl(self.url("Curl/Child;UID=%d" % next(iter(messages)))), big)

    def test_store_copy_expunge(self):
        for n in range(3):
            self.server.append("Scratch", message("scratch %d" % n, "x\r\n"))
        scratch = self.server.messages("Scratch")
        uids = sorted(scratch)
        # curl's SELECT is the first: the messages are \Recent to it.
        output = self.curl(self.url("Scratch"), "--request", "UID STORE %d +FLAGS (\\Flagged)" % uids[0])
        self.assertLines(output, ["* 1 FETCH (UID %d FLAGS (\\Flagged \\Recent))" % uids[0]])
        self.assertEqual(self.curl(self.url("Scratch"), "--request",
                                   "UID STORE %d:%d +FLAGS.SILENT (\\Deleted)" % (uids[1], uids[2])), b"")
        self.assertEqual(self.curl(self.url("Scratch"), "--request", 'UID COPY %d Copies' % uids[1]), b"")
        # Messages 2 and 3 go; either order is right as long as each number is current.
        self.assertIn(self.curl(self.url("Scratch"), "--request", "EXPUNGE"),
                      (b"* 3 EXPUNGE\r\n* 2 EXPUNGE\r\n", b"* 2 EXPUNGE\r\n* 2 EXPUNGE\r\n"))
        left = self.server.messages("Scratch")
        self.assertEqual(list(left), [uids[0]])
        self.assertEqual(left[uids[0]][0], {"\\Flagged"})
        self.assertEqual(list(self.server.messages("Copies").values()),
                         [({"\\Deleted"}, scratch[uids[1]][1])])  # COPY keeps the flags

    def test_create_and_delete(self):
        self.assertEqual(self.curl(self.url(), "--request", 'CREATE "Made by curl/Sub"'), b"")
        self.assertLines(self.curl(self.url(), "--request", 'LIST "" "Made by curl*"'),
                         ['* LIST (\\HasChildren) "/" "Made by curl"',
                          '* LIST (\\HasNoChildren) "/" "Made by curl/Sub"'])
        self.assertEqual(self.curl(self.url(), "--request", 'DELETE "Made by curl/Sub"'), b"")
        self.assertEqual(self.curl(self.url(), "--request", 'DELETE "Made by curl"'), b"")
        self.assertEqual(self.curl(self.url(), "--request", 'LIST "" "Made by curl*"'), b"")
        # A command the server refuses makes curl fail (CURLE_QUOTE_ERROR).
        self.curl(self.url(), "--request", "DELETE INBOX", expect_code=21)


if __name__ == "__main__":
    harness.main()
