#include "Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

using namespace Qt::StringLiterals;

// Outside any namespace (Q_INIT_RESOURCE declares a global function): the translations live in
// an object library, and a static link would drop them without this reference.
static void initTranslationResources()
{
    Q_INIT_RESOURCE(qimapd_translations_translations);
}

namespace qimapd {

QStringList availableLanguages()
{
    return {u"de"_s, u"fr"_s};
}

QString installTranslations(const QString &language)
{
    initTranslationResources();
    // The user's languages in order of preference: --lang, else LANGUAGE (a list) or the
    // LC_ALL / LC_MESSAGES / LANG locale, as QLocale::system() reports them.
    const QStringList wanted = language.isEmpty() ? QLocale::system().uiLanguages() : QStringList{language};
    for (QString name : wanted) {
        name.replace(u'-', u'_');
        const QLocale locale(name);
        // English is the source language: an English (or C) preference ahead of any other
        // means no translation at all.
        if (locale.language() == QLocale::English || locale.language() == QLocale::C)
            return {};
        auto *ours = new QTranslator(QCoreApplication::instance());
        if (!ours->load(u"qimapd_"_s + name, u":/qimapd/i18n"_s)) {
            delete ours;
            continue;
        }
        QCoreApplication::installTranslator(ours);
        // Qt's own strings (standard buttons, the command-line parser's "Displays help…").
        auto *qt = new QTranslator(QCoreApplication::instance());
        if (qt->load(u"qtbase_"_s + name, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QCoreApplication::installTranslator(qt);
        else
            delete qt;
        return ours->language();
    }
    return {};
}

} // namespace qimapd
