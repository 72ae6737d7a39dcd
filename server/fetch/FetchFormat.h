#pragma once

#include "mime/MessagePart.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <optional>

// FETCH data items that come from a message's stored structure (RFC 3501 §6.4.5, §7.4.2), in
// exact wire syntax (§9). Pure functions over the values MimeParser stored at APPEND: nothing
// here parses a message body again. Every string goes through qimapd::wire, so escaping and
// literals are decided in one place (seed bug 8).
namespace qimapd::fetchformat {

// address = "(" addr-name SP addr-adl SP addr-mailbox SP addr-host ")"
QByteArray address(const Address &address);
// "(" 1*address ")" / nil
QByteArray addressList(const QList<Address> &addresses);
// envelope = "(" env-date SP env-subject SP env-from SP env-sender SP env-reply-to SP env-to
//            SP env-cc SP env-bcc SP env-in-reply-to SP env-message-id ")"
// Header text goes out as sent: 8-bit bytes in a literal, never decoded or re-encoded.
QByteArray envelope(const Envelope &envelope);

// body: BODYSTRUCTURE when `extensible` (with body-ext-1part / body-ext-mpart: MD5 or
// parameters, disposition, language, location), BODY when not. Types, subtypes, encodings,
// disposition types and parameter names are upper-cased, as in RFC 3501's examples.
QByteArray bodyStructure(const MessagePart &part, bool extensible);

// A parsed section-spec (RFC 3501 §9 "section-spec"): the text between "[" and "]".
struct Section
{
    enum class Text {
        Body,            // no suffix: the part's body, or the whole message when part is empty
        Header,          // HEADER
        HeaderFields,    // HEADER.FIELDS (…)
        HeaderFieldsNot, // HEADER.FIELDS.NOT (…)
        Mime,            // MIME
        Text,            // TEXT
    };

    QList<int> part; // section-part, e.g. {1, 2}; empty for the message itself
    Text text = Text::Body;
    QList<QByteArray> fields; // header-list for HEADER.FIELDS[.NOT], as the client spelt them
};

// Parses `spec` (e.g. "1.2.MIME", "HEADER.FIELDS (From \"To\")", ""): nullopt when it does not
// match the grammar (including MIME without a part number and zero part numbers). Field names
// are atoms or quoted strings; a literal has to be resolved by the command parser first.
std::optional<Section> parseSection(QByteArrayView spec);

// The section as it is echoed in the response, "BODY[<this>]".
QByteArray sectionLabel(const Section &section);

// [start, end) in the stored message.
struct ByteRange
{
    qint64 start = 0;
    qint64 end = 0;
};

// The bytes a section denotes, as a range of the stored message, so that a store can read just
// those bytes. For HEADER.FIELDS[.NOT] it is the whole header, which headerSubset() then
// filters. nullopt when the section names no part of this message, or names HEADER/TEXT of a
// part that is not message/rfc822 (RFC 3501 §6.4.5).
std::optional<ByteRange> sectionRange(const MessagePart &root, const Section &section);

// HEADER.FIELDS (exclude = false) or HEADER.FIELDS.NOT (exclude = true) of a header block: the
// fields whose names match (case-insensitively, otherwise exactly) or do not, as the original
// lines in their original order, then the blank line that ended the header (RFC 3501 §6.4.5:
// subsetting keeps it). Seed bug 2: .NOT must actually exclude.
QByteArray headerSubset(QByteArrayView header, const QList<QByteArray> &fields, bool exclude);

// The bytes of a section of `message` (before any <partial> is applied; RFC 3501 §6.4.5 takes
// a substring of HEADER.FIELDS after subsetting). nullopt as for sectionRange().
std::optional<QByteArray> sectionBytes(const QByteArray &message, const MessagePart &root,
                                       const Section &section);
// The same with the section given as text; nullopt also when it does not parse.
std::optional<QByteArray> sectionBytes(const QByteArray &message, const MessagePart &root,
                                       QByteArrayView spec);

} // namespace qimapd::fetchformat
