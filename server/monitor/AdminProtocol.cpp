#include "AdminProtocol.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace qimapd::adminprotocol {

QByteArray encode(const QJsonObject &object)
{
    // Compact JSON escapes control characters, so the line holds no newline of its own.
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

QJsonObject reply(const QJsonValue &id, const QJsonValue &result)
{
    return {{u"id"_s, id}, {u"result"_s, result}};
}

QJsonObject error(const QJsonValue &id, const QString &code, const QString &message)
{
    return {{u"id"_s, id}, {u"error"_s, QJsonObject{{u"code"_s, code}, {u"message"_s, message}}}};
}

} // namespace qimapd::adminprotocol
