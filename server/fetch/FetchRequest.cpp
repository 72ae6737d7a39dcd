#include "FetchRequest.h"

namespace qimapd {

namespace {

using Kind = FetchItem::Kind;

FetchItem simple(Kind kind)
{
    FetchItem item;
    item.kind = kind;
    return item;
}

// "<" number "." nz-number ">" after a section; the response labels it "<start>" (seed bug 3).
bool parsePartial(QByteArrayView text, FetchItem *item)
{
    if (text.isEmpty())
        return true;
    if (!text.startsWith('<') || !text.endsWith('>'))
        return false;
    text = text.sliced(1, text.size() - 2);
    const qsizetype dot = text.indexOf('.');
    if (dot <= 0 || dot == text.size() - 1)
        return false;
    bool startOk = false;
    bool lengthOk = false;
    const qint64 start = text.first(dot).toLongLong(&startOk);
    const qint64 length = text.sliced(dot + 1).toLongLong(&lengthOk);
    if (!startOk || !lengthOk || start < 0 || length <= 0 || start > 0xffffffffLL || length > 0xffffffffLL)
        return false;
    item->partial = true;
    item->partialStart = start;
    item->partialLength = length;
    return true;
}

// BODY[...] and BODY.PEEK[...] with an optional partial.
std::optional<FetchItem> parseSectionItem(const QByteArray &atom, QByteArray *error)
{
    const bool peek = atom.startsWith("BODY.PEEK[");
    const qsizetype open = atom.indexOf('[');
    const qsizetype close = atom.lastIndexOf(']');
    if (close < open) {
        *error = "Missing ] in " + atom.left(64);
        return std::nullopt;
    }
    const QByteArray spec = atom.mid(open + 1, close - open - 1);
    const std::optional<fetchformat::Section> section = fetchformat::parseSection(spec);
    if (!section) {
        *error = "Invalid section " + spec.left(64);
        return std::nullopt;
    }
    FetchItem item;
    item.kind = Kind::Section;
    item.section = *section;
    item.setsSeen = !peek;
    if (!parsePartial(QByteArrayView(atom).sliced(close + 1), &item)) {
        *error = "Invalid partial " + atom.mid(close + 1).left(64);
        return std::nullopt;
    }
    item.label = "BODY[" + fetchformat::sectionLabel(item.section) + ']';
    if (item.partial)
        item.label += '<' + QByteArray::number(item.partialStart) + '>';
    return item;
}

std::optional<FetchItem> parseItem(const ImapArg &arg, QByteArray *error)
{
    if (!arg.isAtom()) {
        *error = "Invalid fetch item";
        return std::nullopt;
    }
    // Item names are case-insensitive; section contents keep their spelling (header names).
    const QByteArray &raw = arg.value;
    const qsizetype bracket = raw.indexOf('[');
    const QByteArray name = bracket < 0 ? raw.toUpper() : raw.left(bracket).toUpper() + raw.mid(bracket);
    if (name == "FLAGS")
        return simple(Kind::Flags);
    if (name == "UID")
        return simple(Kind::Uid);
    if (name == "INTERNALDATE")
        return simple(Kind::InternalDate);
    if (name == "RFC822.SIZE")
        return simple(Kind::Rfc822Size);
    if (name == "ENVELOPE")
        return simple(Kind::Envelope);
    if (name == "BODY")
        return simple(Kind::Body);
    if (name == "BODYSTRUCTURE")
        return simple(Kind::BodyStructure);
    if (name == "RFC822" || name == "RFC822.HEADER" || name == "RFC822.TEXT") {
        // RFC822 = BODY[], RFC822.HEADER = BODY.PEEK[HEADER], RFC822.TEXT = BODY[TEXT];
        // RFC822 and RFC822.TEXT set \Seen (seed bug 4).
        FetchItem item;
        item.kind = Kind::Section;
        item.label = name;
        if (name == "RFC822.HEADER") {
            item.section.text = fetchformat::Section::Text::Header;
        } else {
            item.setsSeen = true;
            if (name == "RFC822.TEXT")
                item.section.text = fetchformat::Section::Text::Text;
        }
        return item;
    }
    if (name.startsWith("BODY[") || name.startsWith("BODY.PEEK["))
        return parseSectionItem(name, error);
    *error = "Unknown fetch item " + raw.left(64);
    return std::nullopt;
}

void account(FetchRequest *request, const FetchItem &item)
{
    request->items.append(item);
    switch (item.kind) {
    case Kind::Flags:
        request->wantsFlags = true;
        break;
    case Kind::Uid:
        request->wantsUid = true;
        break;
    case Kind::InternalDate:
    case Kind::Rfc822Size:
        request->fields |= MessageField::Info;
        break;
    case Kind::Envelope:
    case Kind::Body:
    case Kind::BodyStructure:
        request->fields |= MessageField::Structure;
        break;
    case Kind::Section: {
        using Text = fetchformat::Section::Text;
        const bool headerOnly = item.section.part.isEmpty()
            && (item.section.text == Text::Header || item.section.text == Text::HeaderFields
                || item.section.text == Text::HeaderFieldsNot);
        if (headerOnly) {
            request->fields |= MessageField::Header;
        } else {
            request->fields |= MessageField::Data;
            // Everything but the whole message needs the part offsets.
            if (!(item.section.part.isEmpty() && item.section.text == Text::Body))
                request->fields |= MessageField::Structure;
        }
        request->setsSeen = request->setsSeen || item.setsSeen;
        break;
    }
    }
}

} // namespace

std::optional<FetchRequest> FetchRequest::parse(const ImapArg &arg, QByteArray *error)
{
    FetchRequest request;
    if (arg.isAtom()) {
        // Macros (RFC 3501 §6.4.5).
        const QByteArray macro = arg.value.toUpper();
        QList<Kind> kinds;
        if (macro == "ALL")
            kinds = {Kind::Flags, Kind::InternalDate, Kind::Rfc822Size, Kind::Envelope};
        else if (macro == "FAST")
            kinds = {Kind::Flags, Kind::InternalDate, Kind::Rfc822Size};
        else if (macro == "FULL")
            kinds = {Kind::Flags, Kind::InternalDate, Kind::Rfc822Size, Kind::Envelope, Kind::Body};
        if (!kinds.isEmpty()) {
            for (Kind kind : std::as_const(kinds))
                account(&request, simple(kind));
            return request;
        }
        const std::optional<FetchItem> item = parseItem(arg, error);
        if (!item)
            return std::nullopt;
        account(&request, *item);
        return request;
    }
    if (!arg.isList() || arg.children.isEmpty()) {
        *error = "Expected fetch items";
        return std::nullopt;
    }
    for (const ImapArg &child : arg.children) {
        const std::optional<FetchItem> item = parseItem(child, error);
        if (!item)
            return std::nullopt;
        account(&request, *item);
    }
    return request;
}

void FetchRequest::addUid()
{
    if (wantsUid)
        return;
    wantsUid = true;
    items.prepend(simple(Kind::Uid));
}

} // namespace qimapd
