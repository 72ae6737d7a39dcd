#pragma once

#include <QLoggingCategory>

// Log categories (STYLE.md): enable with --log-level or QT_LOGGING_RULES.
// Wire traces are debug-level in qimapd.protocol and never contain credentials.
Q_DECLARE_LOGGING_CATEGORY(lcServer)
Q_DECLARE_LOGGING_CATEGORY(lcSession)
Q_DECLARE_LOGGING_CATEGORY(lcProtocol)
Q_DECLARE_LOGGING_CATEGORY(lcAuth)
Q_DECLARE_LOGGING_CATEGORY(lcTls)
Q_DECLARE_LOGGING_CATEGORY(lcAdmin)

namespace qimapd {

class LogRing;

// From now on every message of a qimapd.* category also goes into `ring` (the dashboard's log
// view, the admin socket); what reaches stderr does not change (the previous handler still
// writes it). Null stops the capture. The ring must outlive the capture.
void installLogCapture(LogRing *ring);

} // namespace qimapd
