#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace qimapd {

// The admin socket's protocol, spoken by AdminConnection (server side) and RemoteMonitor
// (`qimapd sessions`, `qimapd kick`, the dashboard attached to a running server).
//
// Transport: a Unix-domain socket, `<data-dir>/admin.sock` or `--admin-socket PATH`, mode 0600
// (0660 with group qimapd-admin when that group exists). Whoever can connect is an
// administrator: there is no other authentication.
//
// Framing: one JSON object per line (UTF-8, "\n"-terminated, no newline inside). A request
// line is at most MaxRequestLine bytes; a longer one is answered with a `line-too-long` error
// and skipped up to its newline. Server lines can be long (all sessions at once).
//
// Requests (client -> server); `id` is any JSON number or string, echoed in the reply:
//   {"id": 1, "method": "server"}                    -> result: ServerSnapshot
//   {"id": 2, "method": "sessions"}                  -> result: [SessionSnapshot, ...]
//   {"id": 3, "method": "log"}                       -> result: [LogEntry, ...] (oldest first)
//   {"id": 4, "method": "subscribe", "params": {"topics": ["server", "sessions", "log"]}}
//        -> first the current state as events (server; sessions with "full": true; log),
//           then result: {}; after that, events as things change
//   {"id": 5, "method": "disconnect", "params": {"session": 42, "reason": "text"}}
//        -> result: {}; the client reads "* BYE text"        (not-found: no such session)
//   {"id": 6, "method": "users.list"}                -> result: ["alice", "bob"]
//   {"id": 7, "method": "users.add", "params": {"name": "carol", "password": "<base64>"}}
//   {"id": 8, "method": "users.passwd", "params": {"name": "carol", "password": "<base64>"}}
//   {"id": 9, "method": "users.remove", "params": {"name": "carol"}}   (removes their mail too)
// Passwords travel base64-encoded (any bytes) and are never logged.
//
// Replies: {"id": 1, "result": ...} or {"id": 1, "error": {"code": "...", "message": "..."}}
// with codes parse-error (not JSON; id null), line-too-long (id null), invalid-request (not
// an object, no method, bad params), unknown-method, not-found, failed (the operation itself
// failed; the message says why).
//
// Events (server -> subscribed client; no id), coalesced like the Monitor's signals (a few
// per second at most):
//   {"event": "server", "server": ServerSnapshot}
//   {"event": "sessions", "full": false, "changed": [SessionSnapshot...], "removed": [ids],
//    "idle": {"<id>": idleMs, ...}}
//        "changed" holds every session that differs in anything but its idle time from what
//        was sent before (all of them when "full"), "removed" the ids that are gone, "idle"
//        the idle time of every live session.
//   {"event": "log", "entries": [LogEntry...]}
//
// A client that does not read its events is disconnected once MaxPendingOutput bytes are
// waiting for it; it can reconnect and subscribe again.
namespace adminprotocol {

constexpr qsizetype MaxRequestLine = 64 * 1024;
constexpr qint64 MaxPendingOutput = 32 * 1024 * 1024;
// What a client accepts from the server in one line (every session with its history).
constexpr qsizetype MaxServerLine = 256 * 1024 * 1024;
constexpr int MaxConnections = 64;

inline const QString TopicServer = QStringLiteral("server");
inline const QString TopicSessions = QStringLiteral("sessions");
inline const QString TopicLog = QStringLiteral("log");

// One object as one line.
QByteArray encode(const QJsonObject &object);
QJsonObject reply(const QJsonValue &id, const QJsonValue &result);
QJsonObject error(const QJsonValue &id, const QString &code, const QString &message);

} // namespace adminprotocol

} // namespace qimapd
