#include "DashboardWindow.h"
#include "SessionTableModel.h"
#include "TestMonitor.h"
#include "cli/Translations.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;
using namespace qimapd;

// translations/ (issue 5): complete German and French — no unfinished entry, the .ts files
// are what lupdate makes of today's sources — and the translation really reaches the window.

namespace {

const QString SourceDir = QStringLiteral(QIMAPD_SOURCE_DIR);

QStringList tsFiles()
{
    return {SourceDir + u"/translations/qimapd_de.ts"_s, SourceDir + u"/translations/qimapd_fr.ts"_s};
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void noUnfinishedEntries_data()
    {
        QTest::addColumn<QString>("path");
        for (const QString &path : tsFiles())
            QTest::newRow(qPrintable(QFileInfo(path).fileName())) << path;
    }
    void noUnfinishedEntries()
    {
        QFETCH(QString, path);
        QFile file(path);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
        QXmlStreamReader xml(&file);
        QString source;
        int messages = 0;
        QStringList bad;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement)
                continue;
            if (xml.name() == u"source"_s) {
                source = xml.readElementText();
            } else if (xml.name() == u"translation"_s) {
                ++messages;
                const QString type = xml.attributes().value(u"type"_s).toString();
                const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
                if (!type.isEmpty() || text.trimmed().isEmpty())
                    bad.append(source + u" ["_s + (type.isEmpty() ? u"empty"_s : type) + u']');
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY2(messages > 150, "the file holds the whole program's strings");
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(u"\n"_s)));
    }

    // Running lupdate over the tree changes nothing: every string in the sources is in the
    // files, and nothing stale is left in them.
    void lupdateChangesNothing()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        for (const QString &path : tsFiles()) {
            const QString copy = dir.filePath(QFileInfo(path).fileName());
            QVERIFY(QFile::copy(path, copy));
            QProcess lupdate;
            lupdate.setWorkingDirectory(SourceDir);
            lupdate.start(QStringLiteral(LUPDATE), {u"-no-obsolete"_s, u"-locations"_s, u"none"_s, u"models"_s, u"server"_s,
                                                   u"gui"_s, u"-ts"_s, copy});
            QVERIFY(lupdate.waitForFinished(120000));
            QCOMPARE(lupdate.exitCode(), 0);
            QFile before(path);
            QFile after(copy);
            QVERIFY(before.open(QIODevice::ReadOnly) && after.open(QIODevice::ReadOnly));
            const QByteArray updated = after.readAll();
            QVERIFY2(before.readAll() == updated,
                     qPrintable(u"lupdate changed %1: run it and translate the new strings"_s.arg(path)));
            QVERIFY2(!updated.contains("type=\"unfinished\""), "new strings without a translation");
        }
    }

    // The last test: it installs the German translation in this process.
    void germanWindow()
    {
        QCOMPARE(installTranslations(u"de"_s), u"de"_s);
        test::TestMonitor monitor;
        SessionSnapshot s;
        s.id = 1;
        s.state = u"not authenticated"_s;
        monitor.setSessions({s});
        gui::DashboardWindow window(&monitor, gui::DashboardWindow::Mode::InProcess);
        QCOMPARE(window.windowTitle(), u"qimapd-Dashboard"_s);
        QCOMPARE(window.tabs()->tabText(0), u"Sitzungen"_s);
        QCOMPARE(window.tabs()->tabText(1), u"Postfächer"_s);
        QCOMPARE(window.sessionModel()->headerData(gui::SessionTableModel::Peer, Qt::Horizontal).toString(), u"Gegenstelle"_s);
        QCOMPARE(window.sessionModel()->index(0, gui::SessionTableModel::State).data().toString(), u"nicht angemeldet"_s);
        QCOMPARE(window.sessionModel()->index(0, gui::SessionTableModel::Tls).data().toString(), u"unverschlüsselt"_s);
        // Protocol words stay as they are.
        QCOMPARE(window.sessionModel()->headerData(gui::SessionTableModel::Tls, Qt::Horizontal).toString(), u"TLS"_s);
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
