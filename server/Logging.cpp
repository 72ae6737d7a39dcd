#include "Logging.h"

Q_LOGGING_CATEGORY(lcServer, "qimapd.server", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSession, "qimapd.session", QtInfoMsg)
Q_LOGGING_CATEGORY(lcProtocol, "qimapd.protocol", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAuth, "qimapd.auth", QtInfoMsg)
Q_LOGGING_CATEGORY(lcTls, "qimapd.tls", QtInfoMsg)
