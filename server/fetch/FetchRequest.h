#pragma once

#include "FetchFormat.h"
#include "MailStore.h"
#include "protocol/ImapArg.h"

#include <QByteArray>
#include <QList>

#include <optional>

namespace qimapd {

// One FETCH data item (RFC 3501 §6.4.5).
struct FetchItem
{
    enum class Kind {
        Flags,
        Uid,
        InternalDate,
        Rfc822Size,
        Envelope,
        Body,          // BODY: the structure without extension data
        BodyStructure,
        Section,       // BODY[...] / BODY.PEEK[...], RFC822, RFC822.HEADER, RFC822.TEXT
    };

    Kind kind = Kind::Flags;
    // Section items.
    fetchformat::Section section;
    QByteArray label;          // the response's item name: "BODY[HEADER]<0>", "RFC822.TEXT"...
    bool setsSeen = false;     // BODY[...] (not PEEK), RFC822, RFC822.TEXT (RFC 3501 §6.4.5)
    bool partial = false;      // <start.length>
    qint64 partialStart = 0;
    qint64 partialLength = 0;
};

// A parsed FETCH request: the items in the order asked for, and what the store must read.
struct FetchRequest
{
    QList<FetchItem> items;
    MessageFields fields;      // store fields the items need
    bool setsSeen = false;     // some item sets \Seen
    bool wantsFlags = false;
    bool wantsUid = false;

    // Parses the item argument of FETCH: a macro (ALL, FAST, FULL), one item, or a list.
    // nullopt with `error` set when it is not valid.
    static std::optional<FetchRequest> parse(const ImapArg &arg, QByteArray *error);
    // UID FETCH always includes UID (RFC 3501 §6.4.8).
    void addUid();
};

} // namespace qimapd
