#pragma once

#include <QString>

namespace qimapd {

// Loads qimapd's translation (built into the binary from translations/*.ts) and Qt's own for
// `language` ("de", "fr_FR"…), or for the system locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG)
// when it is empty, and installs them in the application. Needs the application object.
// Returns the language loaded, or an empty string when messages stay in English.
QString installTranslations(const QString &language);

// The languages translations/ has, besides English.
QStringList availableLanguages();

} // namespace qimapd
