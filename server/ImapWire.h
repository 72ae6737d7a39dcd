#pragma once

#include <QByteArray>
#include <QString>

// Formatting of IMAP wire syntax (RFC 3501 §4, §9). Everything that puts a string on the wire
// goes through here, so escaping is decided in one place (seed bug 8: strings quoted without
// escaping, 8-bit text in quoted strings).
namespace qimapd::wire {

// A string as `string` (RFC 3501 §4.3): a quoted string when every byte may appear in one
// (7-bit, no CR/LF/NUL) and it is short; otherwise a synchronizing-form literal {n}\r\n...
// (servers always send literals as "{n}"; the client never answers them).
QByteArray string(const QByteArray &value);

// nstring: NIL for a null array, otherwise string().
QByteArray nstring(const QByteArray &value);

// astring: an atom when the value is a non-empty run of ASTRING-CHARs, otherwise string().
QByteArray astring(const QByteArray &value);

// A mailbox name as sent in LIST/LSUB/STATUS: astring, with INBOX as is.
QByteArray mailbox(const QString &name);

// True when every byte is an ATOM-CHAR (RFC 3501 §9) and the value is non-empty.
bool isAtom(const QByteArray &value);
// ASTRING-CHAR: ATOM-CHAR or resp-specials ("]").
bool isAstringChar(char c);
bool isAtomChar(char c);

} // namespace qimapd::wire
