#pragma once

#include <QByteArray>
#include <QDateTime>

#include <optional>

namespace qimapd {

// date-time = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE
// (RFC 3501 §9), e.g. "17-Jul-1996 02:44:25 -0700". The result keeps the client's offset, so
// INTERNALDATE returns it as given. nullopt for anything else (out-of-range fields included).
std::optional<QDateTime> parseImapDateTime(const QByteArray &text);

// The same form for output.
QByteArray formatImapDateTime(const QDateTime &dateTime);

} // namespace qimapd
