#include "AdminSocketReplies.h"

#include <QJsonDocument>
#include <QLocalSocket>
#include <QTest>

using namespace Qt::StringLiterals;

namespace qimapd::test {

QJsonObject readAdminReply(QLocalSocket &socket)
{
    if (!QTest::qWaitFor([&] { return socket.canReadLine(); }, 5000))
        return {};
    return QJsonDocument::fromJson(socket.readLine()).object();
}

QString adminErrorCode(QLocalSocket &socket, const QByteArray &bytes)
{
    socket.write(bytes);
    return readAdminReply(socket).value(u"error"_s).toObject().value(u"code"_s).toString();
}

} // namespace qimapd::test
