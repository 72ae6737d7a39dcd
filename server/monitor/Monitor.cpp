#include "Monitor.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace qimapd {

// The JSON form of the snapshots, shared by the admin socket, `qimapd sessions --json` and the
// dashboard attached to a remote server. Field names are the C++ member names. Dates are ISO
// 8601 in UTC with milliseconds ("2026-11-26T21:04:35.123Z"), or null when unset. Counters are
// JSON numbers (exact up to 2^53). fromJson() accepts anything: a missing or mistyped field
// reads as its default, so a malformed message from a peer can never crash its reader.

namespace {

QJsonValue dateToJson(const QDateTime &time)
{
    if (!time.isValid())
        return QJsonValue(QJsonValue::Null);
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime dateFromJson(const QJsonValue &value)
{
    if (!value.isString())
        return {};
    QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return time.isValid() ? time.toUTC() : QDateTime();
}

quint64 unsignedFromJson(const QJsonValue &value)
{
    const double number = value.toDouble(0);
    return number > 0 ? quint64(number) : 0;
}

template <typename T>
QJsonArray listToJson(const QList<T> &items)
{
    QJsonArray array;
    for (const T &item : items)
        array.append(item.toJson());
    return array;
}

template <typename T>
QList<T> listFromJson(const QJsonValue &value)
{
    QList<T> items;
    const QJsonArray array = value.toArray();
    items.reserve(array.size());
    for (const QJsonValue &item : array)
        items.append(T::fromJson(item.toObject()));
    return items;
}

} // namespace

QJsonObject CommandSnapshot::toJson() const
{
    return {{u"startedAt"_s, dateToJson(startedAt)}, {u"text"_s, text}, {u"result"_s, result}};
}

CommandSnapshot CommandSnapshot::fromJson(const QJsonObject &object)
{
    CommandSnapshot command;
    command.startedAt = dateFromJson(object.value(u"startedAt"_s));
    command.text = object.value(u"text"_s).toString();
    command.result = object.value(u"result"_s).toString();
    return command;
}

QJsonObject SessionSnapshot::toJson() const
{
    QJsonArray pending;
    for (quint32 sequence : pendingExpunges)
        pending.append(qint64(sequence));
    return {
        {u"id"_s, double(id)},
        {u"peerAddress"_s, peerAddress},
        {u"peerPort"_s, int(peerPort)},
        {u"tls"_s, tls},
        {u"user"_s, user},
        {u"state"_s, state},
        {u"mailbox"_s, mailbox},
        {u"readOnly"_s, readOnly},
        {u"pendingExpunges"_s, pending},
        {u"connectedAt"_s, dateToJson(connectedAt)},
        {u"idleMs"_s, double(idleMs)},
        {u"currentCommand"_s, currentCommand},
        {u"commands"_s, double(commands)},
        {u"bytesIn"_s, double(bytesIn)},
        {u"bytesOut"_s, double(bytesOut)},
        {u"clientName"_s, clientName},
        {u"clientVersion"_s, clientVersion},
        {u"recentCommands"_s, listToJson(recentCommands)},
    };
}

SessionSnapshot SessionSnapshot::fromJson(const QJsonObject &object)
{
    SessionSnapshot session;
    session.id = unsignedFromJson(object.value(u"id"_s));
    session.peerAddress = object.value(u"peerAddress"_s).toString();
    session.peerPort = quint16(qBound(0, object.value(u"peerPort"_s).toInt(), 65535));
    session.tls = object.value(u"tls"_s).toString();
    session.user = object.value(u"user"_s).toString();
    session.state = object.value(u"state"_s).toString();
    session.mailbox = object.value(u"mailbox"_s).toString();
    session.readOnly = object.value(u"readOnly"_s).toBool();
    const QJsonArray pending = object.value(u"pendingExpunges"_s).toArray();
    session.pendingExpunges.reserve(pending.size());
    for (const QJsonValue &sequence : pending)
        session.pendingExpunges.append(quint32(qBound<qint64>(0, sequence.toInteger(), 0xffffffffLL)));
    session.connectedAt = dateFromJson(object.value(u"connectedAt"_s));
    session.idleMs = qMax<qint64>(0, qint64(object.value(u"idleMs"_s).toDouble(0)));
    session.currentCommand = object.value(u"currentCommand"_s).toString();
    session.commands = unsignedFromJson(object.value(u"commands"_s));
    session.bytesIn = unsignedFromJson(object.value(u"bytesIn"_s));
    session.bytesOut = unsignedFromJson(object.value(u"bytesOut"_s));
    session.clientName = object.value(u"clientName"_s).toString();
    session.clientVersion = object.value(u"clientVersion"_s).toString();
    session.recentCommands = listFromJson<CommandSnapshot>(object.value(u"recentCommands"_s));
    return session;
}

QJsonObject ListenerSnapshot::toJson() const
{
    return {{u"address"_s, address}, {u"port"_s, int(port)}, {u"implicitTls"_s, implicitTls}};
}

ListenerSnapshot ListenerSnapshot::fromJson(const QJsonObject &object)
{
    ListenerSnapshot listener;
    listener.address = object.value(u"address"_s).toString();
    listener.port = quint16(qBound(0, object.value(u"port"_s).toInt(), 65535));
    listener.implicitTls = object.value(u"implicitTls"_s).toBool();
    return listener;
}

QJsonObject ServerSnapshot::toJson() const
{
    return {
        {u"version"_s, version},
        {u"pid"_s, double(pid)},
        {u"dataDir"_s, dataDir},
        {u"startedAt"_s, dateToJson(startedAt)},
        {u"listeners"_s, listToJson(listeners)},
        {u"certificateSubject"_s, certificateSubject},
        {u"certificateExpiry"_s, dateToJson(certificateExpiry)},
        {u"totalConnections"_s, double(totalConnections)},
        {u"totalCommands"_s, double(totalCommands)},
        {u"failedLogins"_s, double(failedLogins)},
    };
}

ServerSnapshot ServerSnapshot::fromJson(const QJsonObject &object)
{
    ServerSnapshot server;
    server.version = object.value(u"version"_s).toString();
    server.pid = qint64(object.value(u"pid"_s).toDouble(0));
    server.dataDir = object.value(u"dataDir"_s).toString();
    server.startedAt = dateFromJson(object.value(u"startedAt"_s));
    server.listeners = listFromJson<ListenerSnapshot>(object.value(u"listeners"_s));
    server.certificateSubject = object.value(u"certificateSubject"_s).toString();
    server.certificateExpiry = dateFromJson(object.value(u"certificateExpiry"_s));
    server.totalConnections = unsignedFromJson(object.value(u"totalConnections"_s));
    server.totalCommands = unsignedFromJson(object.value(u"totalCommands"_s));
    server.failedLogins = unsignedFromJson(object.value(u"failedLogins"_s));
    return server;
}

QJsonObject LogEntry::toJson() const
{
    return {{u"time"_s, dateToJson(time)}, {u"category"_s, category}, {u"level"_s, level}, {u"message"_s, message}};
}

LogEntry LogEntry::fromJson(const QJsonObject &object)
{
    LogEntry entry;
    entry.time = dateFromJson(object.value(u"time"_s));
    entry.category = object.value(u"category"_s).toString();
    entry.level = object.value(u"level"_s).toString();
    entry.message = object.value(u"message"_s).toString();
    return entry;
}

} // namespace qimapd
