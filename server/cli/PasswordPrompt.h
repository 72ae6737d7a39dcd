#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace qimapd {

// A new password for `qimapd user add|passwd`: read from standard input when it is not a
// terminal (one line, for scripts), otherwise asked for twice without echo.
std::optional<QByteArray> readNewPassword(QString *error);

} // namespace qimapd
