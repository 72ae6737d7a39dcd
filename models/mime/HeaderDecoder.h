#pragma once

#include "MessagePart.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

namespace qimapd {

// Reading header fields and turning transport bytes into text: what the MIME parser, FETCH
// HEADER.FIELDS and SEARCH (HEADER, SUBJECT, FROM, BODY, TEXT) need. Stateless; every
// function is tolerant of real-world mail and never fails, it only decodes less.
class HeaderDecoder
{
public:
    // One field of a header block (RFC 2822 §2.2). Views point into the block passed to
    // fields(), which must outlive them.
    struct Field
    {
        QByteArrayView name;  // as written, without trailing blanks ("Subject :" is obsolete
                              // syntax, RFC 2822 §4.5); empty for a line without a colon
        QByteArrayView value; // everything after the colon, folds included, without the final
                              // line break
        qsizetype start = 0;  // offset of the field's first byte in the block
        qsizetype end = 0;    // offset just past its last line break
    };

    HeaderDecoder() = delete;

    // The fields of a header block, in order, up to the first empty line (the separator,
    // which is not a field) or the end of the block. A line without a colon is kept as a
    // nameless field so that subsets of the header lose no bytes; a continuation line before
    // any field is one too.
    static QList<Field> fields(QByteArrayView header);
    // The same one at a time, without building a list: reads the field at `pos` into `field`
    // and moves `pos` past it; false at the empty line or the end of the block.
    static bool nextField(QByteArrayView header, qsizetype &pos, Field &field);

    // RFC 2822 §2.2.3 unfolding: removes every line break that is followed by a space or tab
    // (the blank itself stays) and a final line break.
    static QByteArray unfold(QByteArrayView value);

    // The unfolded, trimmed values of every field called `name` (case-insensitive), in order.
    static QList<QByteArray> values(QByteArrayView header, QByteArrayView name);
    // The first of those, or a null QByteArray when the field is absent (an empty field gives
    // an empty, non-null value).
    static QByteArray value(QByteArrayView header, QByteArrayView name);

    // RFC 2047 encoded words (B and Q, any charset QStringDecoder knows, an RFC 2231 language
    // suffix ignored) decoded into text. Whitespace between two adjacent encoded words is
    // dropped (RFC 2047 §6.2), and adjacent words in one charset are decoded together so a
    // character split between words survives. A malformed word, or one in an unknown charset,
    // is left as it is. Bytes outside encoded words are read as UTF-8 when valid, otherwise as
    // Windows-1252 (8-bit headers).
    static QString decodeWords(QByteArrayView text);

    // A body in its Content-Transfer-Encoding (RFC 2045 §6) decoded to octets: quoted-printable
    // and base64, tolerantly; every other encoding (7bit, 8bit, binary, unknown) as is.
    static QByteArray decodeTransferEncoding(QByteArrayView body, QByteArrayView encoding);
    // RFC 2045 §6.7, tolerant: soft line breaks, trailing blanks removed, a malformed "="
    // sequence kept literally.
    static QByteArray decodeQuotedPrintable(QByteArrayView body);
    // RFC 2045 §6.8, tolerant: characters outside the alphabet (line breaks, junk) skipped.
    static QByteArray decodeBase64(QByteArrayView body);

    // `bytes` in `charset` as text. An empty or unknown charset reads as UTF-8 when the bytes
    // are valid UTF-8, otherwise as Windows-1252.
    static QString toUnicode(QByteArrayView bytes, QByteArrayView charset);
    // A body part's text: transfer decoding, then the charset.
    static QString decodeBody(QByteArrayView body, QByteArrayView encoding,
                              QByteArrayView charset);

    // The value of parameter `name` as text: RFC 2231 extended values ("name*=utf-8''a%20b")
    // and continuations ("name*0*", "name*1", …) joined and decoded, or a plain value with any
    // RFC 2047 encoded words decoded (common in filenames, although RFC 2047 §5 forbids it).
    // A null QString when the parameter is absent.
    static QString parameterValue(const QList<MessagePart::Parameter> &parameters,
                                  QByteArrayView name);
};

} // namespace qimapd
