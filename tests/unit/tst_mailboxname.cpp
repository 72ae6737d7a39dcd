// Mailbox names (RFC 3501 §5.1): INBOX, the "/" hierarchy, modified UTF-7 (§5.1.3, whose own
// examples are used below), and LIST pattern matching (§6.3.8).

#include "mailbox/MailboxName.h"

#include <QRandomGenerator>
#include <QTest>

using namespace qimapd;
using namespace Qt::StringLiterals;
namespace mn = qimapd::mailboxname;

Q_DECLARE_METATYPE(qimapd::mailboxname::Use)

namespace {

// `levels` hierarchy levels of `width` characters each.
QByteArray levels(int count, int width)
{
    QByteArrayList parts;
    for (int i = 0; i < count; ++i)
        parts << QByteArray(width, char('a' + i % 26));
    return parts.join('/');
}

// A random string of Unicode text: printable ASCII (with "&" and "-" often), controls, BMP
// characters and astral characters as surrogate pairs.
QString randomText(QRandomGenerator &random)
{
    QString out;
    const int length = random.bounded(0, 24);
    for (int i = 0; i < length; ++i) {
        switch (random.bounded(0, 7)) {
        case 0:
            out += QChar(u'&');
            break;
        case 1:
            out += QChar(u'-');
            break;
        case 2:
            out += QChar(char16_t(random.bounded(0x20, 0x7f)));
            break;
        case 3:
            out += QChar(char16_t(random.bounded(0x00, 0x20)));
            break;
        case 4: {
            char16_t c;
            do {
                c = char16_t(random.bounded(0x7f, 0x10000));
            } while (QChar::isSurrogate(c));
            out += QChar(c);
            break;
        }
        default: {
            const char32_t c = char32_t(random.bounded(0x10000, 0x110000));
            out += QString::fromUcs4(&c, 1);
            break;
        }
        }
    }
    return out;
}

} // namespace

class tst_MailboxName : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void canonical_data();
    void canonical();
    void isInbox();
    void validModifiedUtf7_data();
    void validModifiedUtf7();
    void decode_data();
    void decode();
    void encode_data();
    void encode();
    void roundTripRandomText();
    void matches_data();
    void matches();
    void manyWildcardsStayLinear();
    void parent();
};

void tst_MailboxName::canonical_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<mn::Use>("use");
    QTest::addColumn<QString>("expected"); // null: refused

    const auto Existing = mn::Use::Existing;
    const auto New = mn::Use::New;
    const QString refused;

    // INBOX is case-insensitive; only as the first level (RFC 3501 §5.1, §9 "mailbox").
    QTest::newRow("inbox-lower") << QByteArray("inbox") << Existing << u"INBOX"_s;
    QTest::newRow("inbox-mixed") << QByteArray("iNbOx") << New << u"INBOX"_s;
    QTest::newRow("inbox-child") << QByteArray("inbox/Foo") << Existing << u"INBOX/Foo"_s;
    QTest::newRow("inbox-grandchild-case-kept") << QByteArray("Inbox/foo/inbox") << Existing << u"INBOX/foo/inbox"_s;
    QTest::newRow("inboxes-unchanged") << QByteArray("Inboxes") << Existing << u"Inboxes"_s;
    QTest::newRow("inbox-prefix-unchanged") << QByteArray("inboxfoo/bar") << Existing << u"inboxfoo/bar"_s;
    QTest::newRow("inbox-below-other") << QByteArray("Foo/inbox") << Existing << u"Foo/inbox"_s;
    QTest::newRow("plain") << QByteArray("Work/2024 Q1") << Existing << u"Work/2024 Q1"_s;
    QTest::newRow("case-kept") << QByteArray("wOrK") << New << u"wOrK"_s;

    // Empty names and levels.
    QTest::newRow("empty") << QByteArray() << Existing << refused;
    QTest::newRow("empty-new") << QByteArray("") << New << refused;
    QTest::newRow("leading-separator") << QByteArray("/Foo") << Existing << refused;
    QTest::newRow("leading-separator-new") << QByteArray("/Foo") << New << refused;
    QTest::newRow("empty-level") << QByteArray("a//b") << Existing << refused;
    QTest::newRow("empty-level-new") << QByteArray("a//b") << New << refused;
    QTest::newRow("separator-only") << QByteArray("/") << Existing << refused;
    QTest::newRow("separator-only-new") << QByteArray("/") << New << refused;

    // A trailing separator only on CREATE (RFC 3501 §6.3.3), and only one.
    QTest::newRow("trailing-separator") << QByteArray("Foo/") << Existing << refused;
    QTest::newRow("trailing-separator-new") << QByteArray("Foo/") << New << u"Foo"_s;
    QTest::newRow("trailing-separator-new-child") << QByteArray("Foo/bar/") << New << u"Foo/bar"_s;
    QTest::newRow("trailing-separator-new-inbox") << QByteArray("inbox/") << New << u"INBOX"_s;
    QTest::newRow("two-trailing-separators-new") << QByteArray("Foo//") << New << refused;

    // Wildcards cannot be part of a new name (they could never be selected by LIST).
    QTest::newRow("star-new") << QByteArray("a*b") << New << refused;
    QTest::newRow("percent-new") << QByteArray("a%") << New << refused;
    QTest::newRow("star-new-nested") << QByteArray("x/y*") << New << refused;
    QTest::newRow("star-existing") << QByteArray("a*b") << Existing << u"a*b"_s;

    // Names are 7-bit modified UTF-7 (RFC 3501 §5.1.3).
    QTest::newRow("raw-8bit") << QByteArray("Entw\xc3\xbcrfe") << Existing << refused;
    QTest::newRow("raw-8bit-new") << QByteArray("Entw\xc3\xbcrfe") << New << refused;
    QTest::newRow("latin1-8bit") << QByteArray("caf\xe9") << New << refused;
    QTest::newRow("control-tab") << QByteArray("a\tb") << New << refused;
    QTest::newRow("control-del") << QByteArray("a\x7f") << New << refused;
    QTest::newRow("nul") << QByteArray("a\0b", 3) << Existing << refused;
    QTest::newRow("utf7") << QByteArray("Entw&APw-rfe") << New << u"Entw&APw-rfe"_s;
    QTest::newRow("utf7-under-inbox") << QByteArray("inbox/&ZeVnLIqe-") << New << u"INBOX/&ZeVnLIqe-"_s;
    QTest::newRow("utf7-case-kept") << QByteArray("&U,BTFw-") << Existing << u"&U,BTFw-"_s;
    QTest::newRow("utf7-unterminated") << QByteArray("&Jjo") << New << refused;
    QTest::newRow("utf7-encoded-ascii") << QByteArray("&AGE-") << Existing << refused;
    QTest::newRow("bare-ampersand") << QByteArray("Tom & Jerry") << New << refused;
    QTest::newRow("escaped-ampersand") << QByteArray("Tom &- Jerry") << New << u"Tom &- Jerry"_s;

    // Limits: 1000 bytes, 255 per level, 32 levels.
    const QByteArray name1000 = levels(3, 255) + "/" + QByteArray(1000 - 3 * 255 - 3, 'z');
    Q_ASSERT(name1000.size() == 1000);
    QTest::newRow("length-1000") << name1000 << New << QString::fromLatin1(name1000);
    QTest::newRow("length-1001") << name1000 + "z" << New << refused;
    QTest::newRow("length-1001-existing") << name1000 + "z" << Existing << refused;
    QTest::newRow("level-255") << QByteArray(255, 'l') << New << QString(255, u'l');
    QTest::newRow("level-256") << QByteArray(256, 'l') << New << refused;
    QTest::newRow("level-256-deep") << "a/" + QByteArray(256, 'l') + "/b" << Existing << refused;
    QTest::newRow("depth-32") << levels(32, 1) << New << QString::fromLatin1(levels(32, 1));
    QTest::newRow("depth-33") << levels(33, 1) << New << refused;
    QTest::newRow("depth-33-existing") << levels(33, 1) << Existing << refused;
}

void tst_MailboxName::canonical()
{
    QFETCH(QByteArray, raw);
    QFETCH(mn::Use, use);
    QFETCH(QString, expected);

    QByteArray error;
    const std::optional<QString> result = mn::canonical(raw, use, &error);
    if (expected.isNull()) {
        QVERIFY2(!result, qPrintable(result.value_or(QString())));
        QVERIFY(!error.isEmpty());
    } else {
        QVERIFY2(result, error.constData());
        QCOMPARE(*result, expected);
        // Canonical is a fixed point.
        const std::optional<QString> again = mn::canonical(result->toLatin1(), use, &error);
        QVERIFY(again);
        QCOMPARE(*again, expected);
    }
}

void tst_MailboxName::isInbox()
{
    QVERIFY(mn::isInbox(u"INBOX"_s));
    QVERIFY(mn::isInbox(u"inbox"_s));
    QVERIFY(mn::isInbox(u"InBoX"_s));
    QVERIFY(!mn::isInbox(u"INBOX/a"_s));
    QVERIFY(!mn::isInbox(u"INBOXES"_s));
    QVERIFY(!mn::isInbox(u"INBO"_s));
    QVERIFY(!mn::isInbox(QString()));
}

void tst_MailboxName::validModifiedUtf7_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<bool>("valid");

    QTest::newRow("ascii") << QByteArray("INBOX/Sent Items") << true;
    QTest::newRow("ampersand") << QByteArray("&-") << true;
    QTest::newRow("ampersand-in-text") << QByteArray("Tom &- Jerry") << true;
    QTest::newRow("plus-is-plain") << QByteArray("+AOQ-") << true;
    QTest::newRow("german") << QByteArray("Entw&APw-rfe") << true;
    QTest::newRow("japanese") << QByteArray("&ZeVnLIqe-") << true;
    QTest::newRow("rfc3501-example") << QByteArray("~peter/mail/&U,BTFw-/&ZeVnLIqe-") << true;
    QTest::newRow("rfc3501-correct-form") << QByteArray("&U,BTF2XlZyyKng-") << true;
    QTest::newRow("rfc3501-jjo-correct") << QByteArray("&Jjo-!") << true;
    QTest::newRow("surrogate-pair") << QByteArray("&2D3eAA-") << true;
    QTest::newRow("two-astral") << QByteArray("&2D3eAA-x&2DzfiQ-") << true;
    QTest::newRow("run-then-ampersand") << QByteArray("&AOQ-&-") << true;
    QTest::newRow("run-then-dash") << QByteArray("&AOQ--") << true;
    QTest::newRow("encoded-control") << QByteArray("&AAk-") << true; // U+0009 must be encoded

    QTest::newRow("unterminated") << QByteArray("&Jjo") << false;
    QTest::newRow("rfc3501-no-shift-back") << QByteArray("&Jjo!") << false;
    QTest::newRow("bare-ampersand") << QByteArray("a&b") << false;
    QTest::newRow("trailing-ampersand") << QByteArray("a&") << false;
    QTest::newRow("encoded-printable-ascii") << QByteArray("&AGE-") << false;
    QTest::newRow("encoded-ampersand") << QByteArray("&ACY-") << false;
    QTest::newRow("encoded-space") << QByteArray("&ACA-") << false;
    QTest::newRow("null-shift") << QByteArray("&AOQ-&AOQ-") << false;
    QTest::newRow("rfc3501-superfluous-shift") << QByteArray("&U,BTFw-&ZeVnLIqe-") << false;
    QTest::newRow("bad-padding-bits") << QByteArray("&AOR-") << false;
    QTest::newRow("odd-byte-count") << QByteArray("&AOQA-") << false;
    QTest::newRow("extra-base64-char") << QByteArray("&AOQAA-") << false;
    QTest::newRow("single-base64-char") << QByteArray("&A-") << false;
    QTest::newRow("standard-base64-slash") << QByteArray("&U/BTFw-") << false;
    QTest::newRow("base64-padding") << QByteArray("&AOQ=-") << false;
    QTest::newRow("lone-high-surrogate") << QByteArray("&2D0-") << false;
    QTest::newRow("lone-low-surrogate") << QByteArray("&3gA-") << false;
    QTest::newRow("swapped-surrogates") << QByteArray("&3gDYPQ-") << false;
    QTest::newRow("raw-8bit") << QByteArray("\xc3\xa4") << false;
    QTest::newRow("raw-control") << QByteArray("a\x01") << false;
}

void tst_MailboxName::validModifiedUtf7()
{
    QFETCH(QByteArray, name);
    QFETCH(bool, valid);
    QCOMPARE(mn::isValidModifiedUtf7(name), valid);
}

void tst_MailboxName::decode_data()
{
    QTest::addColumn<QByteArray>("encoded");
    QTest::addColumn<QString>("text");

    QTest::newRow("ascii") << QByteArray("Sent") << u"Sent"_s;
    QTest::newRow("ampersand") << QByteArray("Tom &- Jerry") << u"Tom & Jerry"_s;
    QTest::newRow("german") << QByteArray("Entw&APw-rfe") << u"Entw\u00fcrfe"_s;
    QTest::newRow("rfc3501-example") << QByteArray("~peter/mail/&U,BTFw-/&ZeVnLIqe-")
                                     << u"~peter/mail/\u53f0\u5317/\u65e5\u672c\u8a9e"_s;
    QTest::newRow("rfc3501-correct-form") << QByteArray("&U,BTF2XlZyyKng-") << u"\u53f0\u5317\u65e5\u672c\u8a9e"_s;
    QTest::newRow("surrogate-pair") << QByteArray("&2D3eAA-") << QString::fromUtf8("\xf0\x9f\x98\x80");
    QTest::newRow("run-then-dash") << QByteArray("&AOQ--") << u"\u00e4-"_s;
}

void tst_MailboxName::decode()
{
    QFETCH(QByteArray, encoded);
    QFETCH(QString, text);
    QCOMPARE(mn::decodeModifiedUtf7(encoded), text);
}

void tst_MailboxName::encode_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("encoded");

    QTest::newRow("ascii") << u"Sent Items"_s << QByteArray("Sent Items");
    QTest::newRow("ampersand") << u"&"_s << QByteArray("&-");
    QTest::newRow("german") << u"Entw\u00fcrfe"_s << QByteArray("Entw&APw-rfe");
    QTest::newRow("rfc3501-example") << u"~peter/mail/\u53f0\u5317/\u65e5\u672c\u8a9e"_s
                                     << QByteArray("~peter/mail/&U,BTFw-/&ZeVnLIqe-");
    // One run for adjacent non-ASCII characters: no superfluous shift (RFC 3501 §5.1.3).
    QTest::newRow("rfc3501-one-run") << u"\u53f0\u5317\u65e5\u672c\u8a9e"_s << QByteArray("&U,BTF2XlZyyKng-");
    QTest::newRow("astral") << QString::fromUtf8("\xf0\x9f\x98\x80") << QByteArray("&2D3eAA-");
    QTest::newRow("control") << u"a\tb"_s << QByteArray("a&AAk-b");
    QTest::newRow("del") << u"\u007f"_s << QByteArray("&AH8-");
    QTest::newRow("non-ascii-then-ampersand") << u"\u00e4&"_s << QByteArray("&AOQ-&-");
    QTest::newRow("non-ascii-then-dash") << u"\u00e4-"_s << QByteArray("&AOQ--");
}

void tst_MailboxName::encode()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, encoded);
    QCOMPARE(mn::encodeModifiedUtf7(text), encoded);
    QVERIFY(mn::isValidModifiedUtf7(encoded));
}

void tst_MailboxName::roundTripRandomText()
{
    QRandomGenerator random(3501);
    for (int i = 0; i < 5000; ++i) {
        const QString text = randomText(random);
        const QByteArray encoded = mn::encodeModifiedUtf7(text);
        for (char c : encoded)
            QVERIFY(c >= 0x20 && c <= 0x7e);
        QVERIFY2(mn::isValidModifiedUtf7(encoded), encoded.constData());
        QCOMPARE(mn::decodeModifiedUtf7(encoded), text);
        // The encoding is the one canonical form: decoding and encoding again gives it back.
        QCOMPARE(mn::encodeModifiedUtf7(mn::decodeModifiedUtf7(encoded)), encoded);
    }
}

void tst_MailboxName::matches_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<bool>("match");

    // "*" matches zero or more characters, "%" the same but not the hierarchy delimiter
    // (RFC 3501 §6.3.8).
    QTest::newRow("star-all") << u"a/b/c"_s << u"*"_s << true;
    QTest::newRow("star-crosses-levels") << u"a/b/c"_s << u"a/*"_s << true;
    QTest::newRow("star-infix") << u"a/b/c"_s << u"a*c"_s << true;
    QTest::newRow("star-empty") << u"ab"_s << u"a*b"_s << true;
    QTest::newRow("percent-top") << u"abc"_s << u"%"_s << true;
    QTest::newRow("percent-not-deeper") << u"a/b/c"_s << u"%"_s << false;
    QTest::newRow("percent-one-level") << u"a/b/c"_s << u"a/%"_s << false;
    QTest::newRow("percent-two-levels") << u"a/b/c"_s << u"a/%/%"_s << true;
    QTest::newRow("percent-last-level") << u"a/b/c"_s << u"a/b/%"_s << true;
    QTest::newRow("percent-infix") << u"abc"_s << u"a%c"_s << true;
    QTest::newRow("percent-infix-no-separator") << u"a/c"_s << u"a%c"_s << false;
    QTest::newRow("percent-empty") << u"a/b"_s << u"a/b%"_s << true;
    QTest::newRow("percent-then-star") << u"a/b/c"_s << u"%/*"_s << true;
    QTest::newRow("exact") << u"Work"_s << u"Work"_s << true;
    QTest::newRow("prefix-is-not-a-match") << u"Workshop"_s << u"Work"_s << false;
    QTest::newRow("longer-pattern") << u"Work"_s << u"Workshop"_s << false;
    QTest::newRow("empty-pattern") << u"Work"_s << QString() << false;
    QTest::newRow("wildcard-chars-in-name") << u"a*b"_s << u"a*b"_s << true;

    // INBOX is case-insensitive (RFC 3501 §5.1); other names are not.
    QTest::newRow("inbox-lower") << u"INBOX"_s << u"inbox"_s << true;
    QTest::newRow("inbox-mixed-percent") << u"INBOX"_s << u"In%"_s << true;
    QTest::newRow("inbox-star") << u"INBOX"_s << u"*"_s << true;
    QTest::newRow("inbox-percent") << u"INBOX"_s << u"%"_s << true;
    QTest::newRow("inbox-child") << u"INBOX/a"_s << u"inbox/%"_s << true;
    QTest::newRow("inbox-child-star") << u"INBOX/a/b"_s << u"iNbOx/*"_s << true;
    QTest::newRow("inbox-child-case-sensitive") << u"INBOX/a"_s << u"INBOX/A"_s << false;
    QTest::newRow("inbox-longer-pattern") << u"INBOX"_s << u"inboxx"_s << false;
    QTest::newRow("inboxes-case-sensitive") << u"Inboxes"_s << u"inboxes"_s << false;
    QTest::newRow("inboxes-exact") << u"Inboxes"_s << u"Inboxes"_s << true;
    QTest::newRow("inbox-prefix-name-case-sensitive") << u"INBOXfoo"_s << u"inboxfoo"_s << false;
    QTest::newRow("other-case-sensitive") << u"Work"_s << u"work"_s << false;
    QTest::newRow("other-case-sensitive-percent") << u"Work"_s << u"w%"_s << false;
    QTest::newRow("other-under-other") << u"Foo/INBOX"_s << u"Foo/inbox"_s << false;
    // The modified BASE64 part is case-sensitive (RFC 3501 §5.1.3).
    QTest::newRow("utf7-case-sensitive") << u"&AOQ-"_s << u"&aoq-"_s << false;

    // Inputs that make a backtracking matcher explode: they must still be answered right.
    QString stars;
    for (int i = 0; i < 127; ++i)
        stars += u"*a"_s;
    QTest::newRow("stars-match") << QString(1000, u'a') << stars << true;
    QTest::newRow("stars-no-match") << QString(1000, u'a') << stars + u'b' << false;
    QTest::newRow("stars-too-short") << QString(126, u'a') << stars << false;
    QString percents;
    for (int i = 0; i < 127; ++i)
        percents += u"%a"_s;
    QTest::newRow("percents-no-match") << QString(1000, u'a') << percents + u'b' << false;
    QTest::newRow("percents-match") << QString(1000, u'a') << percents << true;
    QTest::newRow("percents-stop-at-separator") << QString(500, u'a') + u'/' + QString(499, u'a') << percents << false;
}

void tst_MailboxName::matches()
{
    QFETCH(QString, name);
    QFETCH(QString, pattern);
    QFETCH(bool, match);
    QCOMPARE(mn::matches(name, pattern), match);
}

void tst_MailboxName::manyWildcardsStayLinear()
{
    // 255-character patterns against 1000-character names, repeated: finishes only if the
    // matcher does not backtrack exponentially. Only results are asserted.
    QString pattern;
    while (pattern.size() + 2 <= 254)
        pattern += u"*a"_s;
    pattern += u'b';
    QCOMPARE(pattern.size(), 255);
    const QString name(1000, u'a');
    for (int i = 0; i < 20; ++i)
        QVERIFY(!mn::matches(name, pattern));
    QVERIFY(mn::matches(name + u'b', pattern));
}

void tst_MailboxName::parent()
{
    QCOMPARE(mn::parent(u"a/b/c"_s), u"a/b"_s);
    QCOMPARE(mn::parent(u"a/b"_s), u"a"_s);
    QCOMPARE(mn::parent(u"INBOX"_s), QString());
}

QTEST_GUILESS_MAIN(tst_MailboxName)
#include "tst_mailboxname.moc"
