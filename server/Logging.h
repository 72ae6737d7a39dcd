#pragma once

#include <QLoggingCategory>

// Log categories (STYLE.md): enable with --log-level or QT_LOGGING_RULES.
// Wire traces are debug-level in qimapd.protocol and never contain credentials.
Q_DECLARE_LOGGING_CATEGORY(lcServer)
Q_DECLARE_LOGGING_CATEGORY(lcSession)
Q_DECLARE_LOGGING_CATEGORY(lcProtocol)
Q_DECLARE_LOGGING_CATEGORY(lcAuth)
Q_DECLARE_LOGGING_CATEGORY(lcTls)
