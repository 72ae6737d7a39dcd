#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <memory>
#include <optional>

// The MIME structure of a stored message, computed once at APPEND (DESIGN.md, "MIME") so that
// FETCH BODYSTRUCTURE, ENVELOPE and BODY[section] never re-parse the message. Everything here is
// a plain value; byte offsets point into the message exactly as it was stored.
//
// Null versus empty matters throughout: a null QByteArray is IMAP's NIL (RFC 3501 §7.4.2: a
// header that is absent), an empty one is a header that is present but empty.

namespace qimapd {

struct MessageStructure;

// An RFC 3501 §7.4.2 address structure. RFC 2822 groups are spelt the way IMAP spells them:
// a start marker (mailbox = group name, host = NIL), the members, then an end marker
// (mailbox = NIL, host = NIL).
struct Address
{
    QByteArray name;    // addr-name: the display name with RFC 2822 quoting removed; NIL when
                        // the message gives none (seed bug 13: never made up)
    QByteArray adl;     // addr-adl: obsolete source route ("@a,@b"), normally NIL
    QByteArray mailbox; // addr-mailbox: local-part, the group name, or NIL ending a group
    QByteArray host;    // addr-host: the domain; NIL only in group markers

    bool isGroupStart() const { return host.isNull() && !mailbox.isNull(); }
    bool isGroupEnd() const { return host.isNull() && mailbox.isNull(); }

    bool operator==(const Address &other) const;
};

// RFC 3501 §7.4.2 envelope. The string members are the raw header values, unfolded and trimmed
// but otherwise as sent (8-bit and RFC 2047 encoded words included): IMAP clients decode them.
struct Envelope
{
    QByteArray date;
    QByteArray subject;
    QList<Address> from;
    QList<Address> sender;  // From when Sender is absent or empty (RFC 3501 §7.4.2)
    QList<Address> replyTo; // From when Reply-To is absent or empty (RFC 3501 §7.4.2)
    QList<Address> to;
    QList<Address> cc;
    QList<Address> bcc;
    QByteArray inReplyTo;
    QByteArray messageId;

    bool operator==(const Envelope &other) const;
};

// One body part (RFC 2045/2046), or the message itself as the root part.
//
// Types, subtypes, encodings, disposition types and parameter names are stored lower-cased (they
// are case-insensitive, RFC 2045 §5.1, §6.1) so code compares them without care; the wire
// formatter upper-cases them as RFC 3501's examples do. Parameter values are kept as given.
struct MessagePart
{
    struct Parameter
    {
        QByteArray name;  // lower-case attribute, RFC 2231 suffixes ("*0*") kept as written
        QByteArray value; // unquoted, otherwise as sent
        bool operator==(const Parameter &other) const;
    };

    // Offsets into the whole stored message. [headerStart, bodyStart) is the part's header
    // including the blank line that ends it (RFC 3501 §6.4.5: HEADER and MIME include it);
    // [bodyStart, bodyEnd) is the body, without the line break that precedes the next boundary
    // delimiter (RFC 2046 §5.1.1: that CRLF belongs to the delimiter).
    qint64 headerStart = 0;
    qint64 bodyStart = 0;
    qint64 bodyEnd = 0;
    // RFC 3501 body-fld-lines: line breaks in the body, plus one for a last line without one.
    qint64 bodyLines = 0;

    QByteArray type = QByteArrayLiteral("text");
    QByteArray subtype = QByteArrayLiteral("plain");
    QList<Parameter> parameters;
    QByteArray contentId;
    QByteArray description;
    QByteArray encoding = QByteArrayLiteral("7bit"); // RFC 2045 §6.1 default
    QByteArray md5;
    QByteArray disposition; // RFC 2183 type, null when there is no Content-Disposition
    QList<Parameter> dispositionParameters;
    QList<QByteArray> language; // RFC 3282 Content-Language tags
    QByteArray location;        // RFC 2557 Content-Location

    // multipart/*: the body parts in order (never empty: the parser turns a multipart without
    // parts into a text part).
    QList<MessagePart> children;
    // message/rfc822: the encapsulated message (its envelope and root part). Shared and
    // immutable, so copying a structure stays cheap.
    std::shared_ptr<const MessageStructure> message;

    qint64 bodySize() const { return bodyEnd - bodyStart; }
    bool isMultipart() const { return type == "multipart"; }
    bool isMessageRfc822() const { return type == "message" && subtype == "rfc822"; }
    bool isText() const { return type == "text"; }

    // The first parameter called `name` (case-insensitive), null when absent.
    QByteArray parameter(QByteArrayView name) const;

    // The part that section-part numbers `path` denote, with this part as the root of a message
    // (RFC 3501 §6.4.5): in a multipart, n is the n-th body part; in a non-multipart, 1 is the
    // body itself; a message/rfc822 part's numbers continue into the encapsulated message.
    // nullptr when there is no such part.
    const MessagePart *partAt(const QList<int> &path) const;

    bool operator==(const MessagePart &other) const;
};

// What the store keeps per message: the root part and the envelope.
struct MessageStructure
{
    MessagePart root;
    Envelope envelope;

    // A compact binary form for a BLOB column (QDataStream, led by a format version byte).
    QByteArray serialize() const;
    // nullopt for data this version cannot read (unknown version, truncated or corrupt).
    static std::optional<MessageStructure> deserialize(const QByteArray &data);

    bool operator==(const MessageStructure &other) const;
};

} // namespace qimapd
