#include "Logging.h"
#include "monitor/LogRing.h"

#include <QDateTime>

#include <atomic>
#include <cstdio>

Q_LOGGING_CATEGORY(lcServer, "qimapd.server", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSession, "qimapd.session", QtInfoMsg)
Q_LOGGING_CATEGORY(lcProtocol, "qimapd.protocol", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAuth, "qimapd.auth", QtInfoMsg)
Q_LOGGING_CATEGORY(lcTls, "qimapd.tls", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAdmin, "qimapd.admin", QtInfoMsg)

namespace qimapd {

namespace {

std::atomic<LogRing *> captureRing = nullptr;
QtMessageHandler previousHandler = nullptr;

QString levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return QStringLiteral("debug");
    case QtInfoMsg:
        return QStringLiteral("info");
    case QtWarningMsg:
        return QStringLiteral("warning");
    case QtCriticalMsg:
    case QtFatalMsg:
        return QStringLiteral("critical");
    }
    return QStringLiteral("info");
}

// Runs for every message that passed its category's filter, on whatever thread logged it.
void captureHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    LogRing *ring = captureRing.load();
    if (ring && context.category && qstrncmp(context.category, "qimapd.", 7) == 0)
        ring->append({QDateTime::currentDateTimeUtc(), QString::fromLatin1(context.category), levelName(type), message});
    if (previousHandler)
        previousHandler(type, context, message);
    else // Qt 6 hands back its default handler; this is only a fallback
        std::fprintf(stderr, "%s\n", qPrintable(qFormatLogMessage(type, context, message)));
}

} // namespace

void installLogCapture(LogRing *ring)
{
    // The handler is installed once and stays; the ring it feeds can change (tests).
    static const bool installed = [] {
        previousHandler = qInstallMessageHandler(captureHandler);
        return true;
    }();
    Q_UNUSED(installed);
    captureRing = ring;
}

} // namespace qimapd
