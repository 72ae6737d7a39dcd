#pragma once

#include <QLoggingCategory>

// The dashboard's log category (STYLE.md: qimapd.gui).
Q_DECLARE_LOGGING_CATEGORY(lcGui)
