#pragma once

#include <QByteArray>
#include <QList>

namespace qimapd {

// One argument of a client command, as the parser found it. The parser only frames and
// tokenizes; each command decides what its arguments mean.
struct ImapArg
{
    enum class Type {
        Atom,    // atoms, NIL, flags (\Seen), sequence sets, fetch items with [section]<partial>
        Quoted,  // "quoted string", unescaped
        Literal, // {n} or {n+} string
        List,    // ( ... )
    };

    Type type = Type::Atom;
    QByteArray value;        // atom text or string content
    QList<ImapArg> children; // list members

    bool isAtom() const { return type == Type::Atom; }
    bool isString() const { return type == Type::Quoted || type == Type::Literal; }
    bool isList() const { return type == Type::List; }
    // astring = 1*ASTRING-CHAR / string (RFC 3501 §9)
    bool isAstring() const { return isAtom() || isString(); }
    bool isNil() const { return isAtom() && value.compare("NIL", Qt::CaseInsensitive) == 0; }
    bool atomIs(const char *name) const
    {
        return isAtom() && value.compare(name, Qt::CaseInsensitive) == 0;
    }
};

using ImapArgs = QList<ImapArg>;

// A complete client command: tag, upper-cased name ("UID FETCH" for the UID forms) and
// arguments after the name.
struct ImapCommand
{
    QByteArray tag;
    QByteArray name;
    ImapArgs args;
};

} // namespace qimapd
