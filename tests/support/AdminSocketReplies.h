#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

class QLocalSocket;

namespace qimapd::test {

// The admin socket speaks one JSON object per line (README.md, "Running it"); tst_monitor
// talks to an in-process AdminServer, tst_admin to a real qimapd: both read its replies so.

// The next reply line as an object, waited for on the loop; empty after 5 s without one.
QJsonObject readAdminReply(QLocalSocket &socket);
// Sends `bytes` as they are and returns the reply's error code ("parse-error", ...).
QString adminErrorCode(QLocalSocket &socket, const QByteArray &bytes);

} // namespace qimapd::test
