// imap-loadgen smoke run (label benchmark-smoke): every scenario, briefly, against a real
// qimapd in its own process over implicit TLS with LOGIN, so the load generator cannot rot.
// Checks what a benchmark run relies on: exit code 0, well-formed JSON, non-zero command
// counts and figures, zero errors. No timing thresholds (DESIGN.md: benchmarks print numbers).

#include "TestCertificate.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_LoadgenSmoke : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        const QString qimapd = qEnvironmentVariable("QIMAPD_BIN");
        QVERIFY2(!qimapd.isEmpty(), "QIMAPD_BIN is not set (ctest sets it)");
        m_qimapd = qimapd;
        m_loadgen = QFileInfo(qimapd).dir().filePath(u"imap-loadgen"_s);
        QVERIFY2(QFileInfo(m_loadgen).isExecutable(), qPrintable(m_loadgen));
        const auto &certificate = qimapd::test::TestCertificate::instance();
        QVERIFY2(certificate.isValid(), qPrintable(certificate.error()));
        QVERIFY(m_dir.isValid());

        // Users as an administrator makes them: `qimapd user add`, the password on stdin.
        for (const QString &user : {u"smoke1"_s, u"smoke2"_s}) {
            QProcess add;
            add.start(m_qimapd, {u"--data-dir"_s, dataDir(), u"user"_s, u"add"_s, user});
            add.write("smoke-password\n");
            add.closeWriteChannel();
            QVERIFY(add.waitForFinished(30000));
            QVERIFY2(add.exitCode() == 0, add.readAllStandardError().constData());
        }

        m_server.setProcessChannelMode(QProcess::SeparateChannels);
        m_server.start(m_qimapd, {u"--no-gui"_s, u"--listen"_s, u"127.0.0.1"_s, u"--port"_s, u"0"_s,
                                  u"--ssl-port"_s, u"0"_s, u"--cert"_s, certificate.certPath(), u"--key"_s,
                                  certificate.keyPath(), u"--data-dir"_s, dataDir()});
        QByteArray log;
        static const QRegularExpression listening(u"listening on \\S+ port (\\d+) \\(TLS\\)"_s);
        QVERIFY(QTest::qWaitFor([&] {
            log += m_server.readAllStandardError();
            return log.contains(" serving ") || m_server.state() == QProcess::NotRunning;
        }, 20000));
        const QRegularExpressionMatch match = listening.match(QString::fromUtf8(log));
        QVERIFY2(match.hasMatch(), log.constData());
        m_tlsPort = match.captured(1).toUShort();
    }

    void cleanupTestCase()
    {
        m_server.terminate();
        m_server.waitForFinished(10000);
    }

    void scenario_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("figure"); // one figure that must be present and non-zero
        QTest::newRow("mixed") << QStringList{u"--scenario"_s, u"mixed"_s, u"--duration"_s, u"2"_s, u"--clients"_s,
                                              u"4"_s, u"--commands"_s, u"8"_s}
                               << u"mixed commands/s"_s;
        QTest::newRow("append") << QStringList{u"--scenario"_s, u"append"_s, u"--duration"_s, u"1"_s, u"--clients"_s,
                                               u"3"_s}
                                << u"APPEND messages/s, 3 clients"_s;
        QTest::newRow("large-mailbox") << QStringList{u"--scenario"_s, u"large-mailbox"_s, u"--messages"_s, u"500"_s,
                                                      u"--rounds"_s, u"2"_s}
                                       << u"UID FETCH 1:* (UID FLAGS) p50"_s;
        QTest::newRow("idle-fanout") << QStringList{u"--scenario"_s, u"idle-fanout"_s, u"--sessions"_s, u"20"_s,
                                                    u"--rounds"_s, u"2"_s, u"--round-timeout"_s, u"10"_s}
                                     << u"IDLE APPEND->EXISTS p99"_s;
        QTest::newRow("connections") << QStringList{u"--scenario"_s, u"connections"_s, u"--connections"_s, u"30"_s,
                                                    u"--hold"_s, u"0.5"_s}
                                     << u"connections open"_s;
        QTest::newRow("fetch-stream") << QStringList{u"--scenario"_s, u"fetch-stream"_s, u"--messages"_s, u"2"_s,
                                                     u"--message-size"_s, u"300000"_s, u"--duration"_s, u"1"_s,
                                                     u"--clients"_s, u"2"_s}
                                      << u"fetch-stream BODY[] MB/s"_s;
    }

    void scenario()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, figure);
        const QString json = m_dir.filePath(QString::fromLatin1(QTest::currentDataTag()) + u".json"_s);
        QProcess loadgen;
        loadgen.start(m_loadgen, arguments + QStringList{
            u"--host"_s, u"127.0.0.1"_s, u"--port"_s, QString::number(m_tlsPort), u"--tls"_s, u"tls"_s,
            u"--ca"_s, qimapd::test::TestCertificate::instance().certPath(), u"--user-pattern"_s, u"smoke%d"_s,
            u"--password"_s, u"smoke-password"_s, u"--users"_s, u"2"_s, u"--server-pid"_s,
            QString::number(m_server.processId()), u"--json"_s, json});
        QVERIFY(loadgen.waitForFinished(60000));
        const QByteArray out = loadgen.readAllStandardOutput() + loadgen.readAllStandardError();
        QVERIFY2(loadgen.exitStatus() == QProcess::NormalExit && loadgen.exitCode() == 0, out.constData());

        QFile file(json);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(json));
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        const QJsonObject root = document.object();
        QCOMPARE(root.value(u"scenario"_s).toString(), arguments.at(1));
        QVERIFY2(root.value(u"commands"_s).toDouble() > 0, out.constData());
        QVERIFY2(root.value(u"errors"_s).toDouble() == 0, out.constData());
        const QJsonObject value = root.value(u"figures"_s).toObject().value(figure).toObject();
        QVERIFY2(value.value(u"value"_s).toDouble() > 0, qPrintable(figure + u"\n"_s + QString::fromUtf8(out)));
        // The memory figures exist and are numbers; their sign is noise at 30 connections (the
        // server's heap reuses what earlier rows freed, and PSS falls when pages become shared).
        if (arguments.at(1) == u"connections"_s) {
            QCOMPARE(value.value(u"value"_s).toDouble(), 30.0);
            const QJsonObject figures = root.value(u"figures"_s).toObject();
            for (const QString &memory : {u"server RSS per connection"_s, u"server PSS per connection"_s})
                QVERIFY2(figures.value(memory).toObject().value(u"value"_s).isDouble(), qPrintable(memory));
        }
        QVERIFY2(!root.value(u"latency_ms"_s).toObject().isEmpty(), out.constData());
    }

private:
    QString dataDir() const { return m_dir.filePath(u"data"_s); }

    QTemporaryDir m_dir;
    QString m_qimapd;
    QString m_loadgen;
    QProcess m_server;
    quint16 m_tlsPort = 0;
};

QTEST_GUILESS_MAIN(tst_LoadgenSmoke)
#include "tst_loadgen_smoke.moc"
