#include "MessagePart.h"

#include <QDataStream>
#include <QIODevice>

namespace qimapd {

namespace {

// Version 1: the layout written by writePart()/writeEnvelope() below. Bump it whenever the
// layout changes; the store re-parses messages whose structure it cannot read.
constexpr quint8 FormatVersion = 1;
// Deeper than the parser ever nests (MimeParser stops at 100); a guard against corrupt data
// recursing without end.
constexpr int MaxReadDepth = 256;

// NIL and "" are different on the wire (RFC 3501 §7.4.2), but QByteArray's == calls them equal.
bool same(const QByteArray &a, const QByteArray &b)
{
    return a.isNull() == b.isNull() && a == b;
}

template<typename T>
bool sameLists(const QList<T> &a, const QList<T> &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (!(a.at(i) == b.at(i)))
            return false;
    }
    return true;
}

bool sameByteLists(const QList<QByteArray> &a, const QList<QByteArray> &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (!same(a.at(i), b.at(i)))
            return false;
    }
    return true;
}

// QDataStream keeps null and empty QByteArrays apart (0xffffffff length for null), which is
// what NIL needs.
void writeAddresses(QDataStream &out, const QList<Address> &list)
{
    out << quint32(list.size());
    for (const Address &a : list)
        out << a.name << a.adl << a.mailbox << a.host;
}

void writeEnvelope(QDataStream &out, const Envelope &e)
{
    out << e.date << e.subject;
    writeAddresses(out, e.from);
    writeAddresses(out, e.sender);
    writeAddresses(out, e.replyTo);
    writeAddresses(out, e.to);
    writeAddresses(out, e.cc);
    writeAddresses(out, e.bcc);
    out << e.inReplyTo << e.messageId;
}

void writeParameters(QDataStream &out, const QList<MessagePart::Parameter> &list)
{
    out << quint32(list.size());
    for (const auto &p : list)
        out << p.name << p.value;
}

void writePart(QDataStream &out, const MessagePart &p)
{
    out << qint64(p.headerStart) << qint64(p.bodyStart) << qint64(p.bodyEnd)
        << qint64(p.bodyLines);
    out << p.type << p.subtype;
    writeParameters(out, p.parameters);
    out << p.contentId << p.description << p.encoding << p.md5 << p.disposition;
    writeParameters(out, p.dispositionParameters);
    out << quint32(p.language.size());
    for (const QByteArray &l : p.language)
        out << l;
    out << p.location;
    out << quint32(p.children.size());
    for (const MessagePart &c : p.children)
        writePart(out, c);
    out << quint8(p.message ? 1 : 0);
    if (p.message) {
        writeEnvelope(out, p.message->envelope);
        writePart(out, p.message->root);
    }
}

// A count read from the stream is believed only if the remaining bytes could hold that many
// elements (each at least 4 bytes), so corrupt data cannot ask for a huge allocation.
bool readCount(QDataStream &in, quint32 &n)
{
    in >> n;
    if (in.status() != QDataStream::Ok)
        return false;
    return qint64(n) * 4 <= in.device()->bytesAvailable();
}

bool readAddresses(QDataStream &in, QList<Address> &list)
{
    quint32 n = 0;
    if (!readCount(in, n))
        return false;
    list.reserve(n);
    for (quint32 i = 0; i < n; ++i) {
        Address a;
        in >> a.name >> a.adl >> a.mailbox >> a.host;
        if (in.status() != QDataStream::Ok)
            return false;
        list.append(std::move(a));
    }
    return true;
}

bool readEnvelope(QDataStream &in, Envelope &e)
{
    in >> e.date >> e.subject;
    return in.status() == QDataStream::Ok && readAddresses(in, e.from)
        && readAddresses(in, e.sender) && readAddresses(in, e.replyTo)
        && readAddresses(in, e.to) && readAddresses(in, e.cc) && readAddresses(in, e.bcc)
        && (in >> e.inReplyTo >> e.messageId, in.status() == QDataStream::Ok);
}

bool readParameters(QDataStream &in, QList<MessagePart::Parameter> &list)
{
    quint32 n = 0;
    if (!readCount(in, n))
        return false;
    list.reserve(n);
    for (quint32 i = 0; i < n; ++i) {
        MessagePart::Parameter p;
        in >> p.name >> p.value;
        if (in.status() != QDataStream::Ok)
            return false;
        list.append(std::move(p));
    }
    return true;
}

bool readPart(QDataStream &in, MessagePart &p, int depth)
{
    if (depth > MaxReadDepth)
        return false;
    qint64 headerStart = 0, bodyStart = 0, bodyEnd = 0, lines = 0;
    in >> headerStart >> bodyStart >> bodyEnd >> lines;
    if (in.status() != QDataStream::Ok || headerStart < 0 || bodyStart < headerStart
        || bodyEnd < bodyStart || lines < 0)
        return false;
    p.headerStart = headerStart;
    p.bodyStart = bodyStart;
    p.bodyEnd = bodyEnd;
    p.bodyLines = lines;
    in >> p.type >> p.subtype;
    if (in.status() != QDataStream::Ok || !readParameters(in, p.parameters))
        return false;
    in >> p.contentId >> p.description >> p.encoding >> p.md5 >> p.disposition;
    if (in.status() != QDataStream::Ok || !readParameters(in, p.dispositionParameters))
        return false;
    quint32 n = 0;
    if (!readCount(in, n))
        return false;
    for (quint32 i = 0; i < n; ++i) {
        QByteArray tag;
        in >> tag;
        if (in.status() != QDataStream::Ok)
            return false;
        p.language.append(tag);
    }
    in >> p.location;
    if (!readCount(in, n))
        return false;
    p.children.reserve(n);
    for (quint32 i = 0; i < n; ++i) {
        MessagePart child;
        if (!readPart(in, child, depth + 1))
            return false;
        p.children.append(std::move(child));
    }
    quint8 hasMessage = 0;
    in >> hasMessage;
    if (in.status() != QDataStream::Ok || hasMessage > 1)
        return false;
    if (hasMessage) {
        auto message = std::make_shared<MessageStructure>();
        if (!readEnvelope(in, message->envelope) || !readPart(in, message->root, depth + 1))
            return false;
        p.message = std::move(message);
    }
    return true;
}

} // namespace

bool Address::operator==(const Address &other) const
{
    return same(name, other.name) && same(adl, other.adl) && same(mailbox, other.mailbox)
        && same(host, other.host);
}

bool Envelope::operator==(const Envelope &other) const
{
    return same(date, other.date) && same(subject, other.subject) && from == other.from
        && sender == other.sender && replyTo == other.replyTo && to == other.to
        && cc == other.cc && bcc == other.bcc && same(inReplyTo, other.inReplyTo)
        && same(messageId, other.messageId);
}

bool MessagePart::Parameter::operator==(const Parameter &other) const
{
    return same(name, other.name) && same(value, other.value);
}

bool MessagePart::operator==(const MessagePart &other) const
{
    if (bool(message) != bool(other.message))
        return false;
    if (message && !(*message == *other.message))
        return false;
    return headerStart == other.headerStart && bodyStart == other.bodyStart
        && bodyEnd == other.bodyEnd && bodyLines == other.bodyLines && same(type, other.type)
        && same(subtype, other.subtype) && sameLists(parameters, other.parameters)
        && same(contentId, other.contentId) && same(description, other.description)
        && same(encoding, other.encoding) && same(md5, other.md5)
        && same(disposition, other.disposition)
        && sameLists(dispositionParameters, other.dispositionParameters)
        && sameByteLists(language, other.language) && same(location, other.location)
        && sameLists(children, other.children);
}

bool MessageStructure::operator==(const MessageStructure &other) const
{
    return root == other.root && envelope == other.envelope;
}

QByteArray MessagePart::parameter(QByteArrayView name) const
{
    for (const Parameter &p : parameters) {
        if (QByteArrayView(p.name).compare(name, Qt::CaseInsensitive) == 0)
            return p.value;
    }
    return {};
}

const MessagePart *MessagePart::partAt(const QList<int> &path) const
{
    if (path.isEmpty())
        return nullptr;
    // RFC 3501 §6.4.5: inside a message, a multipart body numbers its parts; any other body is
    // part 1 on its own.
    const auto inMessage = [](const MessagePart *root, int n) -> const MessagePart * {
        if (root->isMultipart() && !root->children.isEmpty())
            return n >= 1 && n <= root->children.size() ? &root->children.at(n - 1) : nullptr;
        return n == 1 ? root : nullptr;
    };
    const MessagePart *current = inMessage(this, path.first());
    for (qsizetype i = 1; current && i < path.size(); ++i) {
        const int n = path.at(i);
        if (current->isMultipart() && !current->children.isEmpty()) {
            current = n >= 1 && n <= current->children.size() ? &current->children.at(n - 1)
                                                               : nullptr;
        } else if (current->isMessageRfc822() && current->message) {
            // "A part of type MESSAGE/RFC822 also has nested part numbers, referring to parts
            // of the MESSAGE part's body."
            current = inMessage(&current->message->root, n);
        } else {
            current = nullptr;
        }
    }
    return current;
}

QByteArray MessageStructure::serialize() const
{
    QByteArray data;
    QDataStream out(&data, QIODevice::WriteOnly);
    // Pinned so a Qt upgrade cannot change the bytes of stored structures.
    out.setVersion(QDataStream::Qt_6_4);
    out << FormatVersion;
    writeEnvelope(out, envelope);
    writePart(out, root);
    return data;
}

std::optional<MessageStructure> MessageStructure::deserialize(const QByteArray &data)
{
    QDataStream in(data);
    in.setVersion(QDataStream::Qt_6_4);
    quint8 version = 0;
    in >> version;
    if (in.status() != QDataStream::Ok || version != FormatVersion)
        return std::nullopt;
    MessageStructure s;
    if (!readEnvelope(in, s.envelope) || !readPart(in, s.root, 0))
        return std::nullopt;
    if (!in.atEnd())
        return std::nullopt;
    return s;
}

} // namespace qimapd
