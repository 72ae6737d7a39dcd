#pragma once

#include "MessageFlags.h"
#include "SequenceSet.h"
#include "protocol/ImapArg.h"

#include <QByteArray>
#include <QDate>
#include <QFlags>
#include <QList>
#include <QString>

namespace qimapd {

// The search criteria of SEARCH and UID SEARCH (RFC 3501 §6.4.4), parsed from the command's
// arguments into a tree of keys. Pure data: no store, no session. SearchEvaluator decides
// whether one message matches.
//
//   search = "SEARCH" [SP "CHARSET" SP astring] 1*(SP search-key)      (RFC 3501 §9)
//
// Several keys side by side are ANDed (§6.4.4), so the root is always an And key. Search
// strings are decoded to text with the CHARSET at parse time; evaluation only sees QString.
class SearchQuery
{
public:
    // NOT, OR and parenthesized lists nested deeper than this are a syntax error, so hostile
    // input costs neither stack nor time. A right-nested chain "OR a OR b OR c d", as clients
    // generate for "any of these", nests once per alternative.
    static constexpr int MaxDepth = 1000;

    enum class Error {
        None,
        Syntax,     // the command answers BAD with errorText()
        BadCharset, // the command answers NO [badCharsetCode()] (RFC 3501 §6.4.4, §7.1)
    };

    // What a query reads from each message, so the command fetches no more than that. Sequence
    // numbers and UIDs are always known and are not listed.
    enum class Need : quint8 {
        Flags = 0x1,   // system flags, keywords (with the mailbox's keyword table), \Recent
        Info = 0x2,    // internal date and RFC822.SIZE (MailStore's MessageInfo)
        Header = 0x4,  // the message's header bytes
        Message = 0x8, // the whole message and its MessageStructure (BODY, TEXT); it also
                       // provides the header, so Header need not be fetched separately
    };
    Q_DECLARE_FLAGS(Needs, Need)

    struct Key
    {
        enum class Kind : quint8 {
            All,         // ALL
            And,         // a parenthesized list, or the keys of the command side by side
            Or,          // OR key1 key2: children has two keys
            Not,         // NOT key: children has one key
            Flag,        // ANSWERED DELETED DRAFT FLAGGED SEEN: `flag`; negated for UN…
            Keyword,     // KEYWORD flag: `name`; negated for UNKEYWORD
            Recent,      // RECENT; negated for OLD ("NOT RECENT", §6.4.4)
            New,         // NEW: "(RECENT UNSEEN)"
            SequenceSet, // a bare sequence-set: `set` of message sequence numbers
            Uid,         // UID sequence-set: `set` of UIDs
            Before,      // internal date, `date` (§6.4.4: "disregarding time and timezone")
            On,
            Since,
            SentBefore,  // RFC 2822 Date: header, `date`
            SentOn,
            SentSince,
            Larger,      // RFC822.SIZE > `number`
            Smaller,     // RFC822.SIZE < `number`
            Bcc,         // `text` in the header field
            Cc,
            From,
            Subject,
            To,
            Header,      // HEADER field-name string: `name`, `text`
            Body,        // `text` in the decoded body
            Text,        // `text` in the decoded header or body
        };

        Kind kind = Kind::All;
        bool negated = false; // UN… flags, UNKEYWORD, OLD
        FlagMask flag = 0;
        QByteArray name; // KEYWORD / UNKEYWORD flag-keyword; HEADER field-name
        QString text;    // the search string, decoded from the CHARSET
        QDate date;
        quint32 number = 0;
        SequenceSet set;
        QList<Key> children;
    };

    // Parses `args` from index `first` to the end: [CHARSET astring] 1*search-key. Key names
    // are case-insensitive; date arguments are RFC 3501 `date` (quoted or not); string
    // arguments are astrings (atom, quoted or literal). Never fails silently: check error().
    static SearchQuery parse(const ImapArgs &args, qsizetype first = 0);

    bool isValid() const { return m_error == Error::None; }
    Error error() const { return m_error; }
    // A readable reason, printable ASCII, for the BAD or NO text.
    QByteArray errorText() const { return m_errorText; }
    // "BADCHARSET (UTF-8 US-ASCII)": the response code for Error::BadCharset (RFC 3501 §7.1).
    static QByteArray badCharsetCode();

    // The CHARSET as the client named it; empty when it named none (US-ASCII, §6.4.4).
    QByteArray charset() const { return m_charset; }
    // The And of every key of the command.
    const Key &root() const { return m_root; }

    // What evaluation reads (see Need).
    Needs needs() const { return m_needs; }
    // True when a key names message sequence numbers (a bare sequence-set), so even UID SEARCH
    // depends on them (RFC 3501 §5.5, §7.4.1).
    bool usesSequenceNumbers() const { return m_usesSequenceNumbers; }

    // The needs of one key and everything under it.
    static Needs needsOf(const Key &key);

private:
    SearchQuery failed(Error error, const QByteArray &text);

    Error m_error = Error::None;
    QByteArray m_errorText;
    QByteArray m_charset;
    Key m_root;
    Needs m_needs;
    bool m_usesSequenceNumbers = false;
};

Q_DECLARE_OPERATORS_FOR_FLAGS(SearchQuery::Needs)

} // namespace qimapd
