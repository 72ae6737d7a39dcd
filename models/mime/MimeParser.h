#pragma once

#include "MessagePart.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace qimapd {

// Parses a message once, at APPEND, into the structure FETCH answers from (DESIGN.md, "MIME").
//
// Tolerant of real-world mail and of garbage: bare LF line ends, a missing final boundary, a
// multipart without a boundary parameter (read as one text part), 8-bit headers, header lines
// without a colon, no blank line after the header, empty input. It never fails and always
// returns a structure whose offsets lie inside the message. One pass over the lines, so time is
// linear in the size of the message.
class MimeParser
{
public:
    // Multipart and message/rfc822 parts nested deeper than this are not opened: they are
    // reported as application/octet-stream, so hostile nesting costs neither stack nor time.
    static constexpr int MaxDepth = 100;
    // At most this many parts per message (the root, every body part, every encapsulated
    // message), so that a message of nothing but delimiter lines cannot cost a structure far
    // larger than itself. Past it, delimiters are left in the body of the part they are in and
    // message/rfc822 parts are not opened. A 10,000-part digest (20,001 parts) still fits.
    static constexpr int MaxParts = 30000;

    MimeParser() = delete;

    // The structure of `message`, with offsets into it.
    static MessageStructure parse(const QByteArray &message);

    // The RFC 3501 §7.4.2 envelope of an RFC 2822 header block (Sender and Reply-To defaulted
    // to From).
    static Envelope parseEnvelope(QByteArrayView header);

    // An RFC 2822 §3.4 address-list (folded or not) as IMAP address structures: groups become
    // start and end markers; a display name is the phrase with quoting removed, or failing that
    // a trailing comment ("user@host (Name)"), or NIL. Never fails: what cannot be read is
    // skipped.
    static QList<Address> parseAddresses(QByteArrayView value);
};

} // namespace qimapd
