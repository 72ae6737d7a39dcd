#include "QimapdProcess.h"

#include <QRegularExpression>
#include <QTest>

#include <csignal>
#include <sys/types.h>

using namespace Qt::StringLiterals;

namespace qimapd::test {

QimapdProcess::QimapdProcess(QStringList arguments, QProcessEnvironment environment)
    : m_arguments(std::move(arguments)), m_program(binary())
{
    m_process.setProcessEnvironment(environment);
    QObject::connect(&m_process, &QProcess::readyReadStandardError, &m_process,
                     [this] { m_err += m_process.readAllStandardError(); });
}

QimapdProcess::~QimapdProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

QProcessEnvironment QimapdProcess::cleanEnvironment()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString &name : {u"QT_LOGGING_RULES"_s, u"QT_MESSAGE_PATTERN"_s, u"QT_LOGGING_CONF"_s, u"JOURNAL_STREAM"_s})
        environment.remove(name);
    return environment;
}

QString QimapdProcess::binary()
{
    return qEnvironmentVariable("QIMAPD_BIN");
}

bool QimapdProcess::start(int timeoutMs)
{
    m_err.clear();
    m_plainPort = m_tlsPort = 0;
    m_process.start(m_program, m_prefix + QStringList{u"--no-gui"_s} + m_arguments);
    if (!m_process.waitForStarted(timeoutMs))
        return false;
    const bool serving = QTest::qWaitFor(
        [&] { return m_err.contains(" serving ") || m_process.state() == QProcess::NotRunning; }, timeoutMs);
    if (!serving || m_process.state() == QProcess::NotRunning)
        return false;
    static const QRegularExpression listening(u"listening on \\S+ port (\\d+) \\((STARTTLS|TLS)\\)"_s);
    for (auto it = listening.globalMatch(QString::fromUtf8(m_err)); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        (match.captured(2) == u"TLS"_s ? m_tlsPort : m_plainPort) = match.captured(1).toUShort();
    }
    return true;
}

bool QimapdProcess::waitForLog(const QByteArray &text, int timeoutMs)
{
    return QTest::qWaitFor([&] { return log().contains(text); }, timeoutMs);
}

bool QimapdProcess::terminate(int timeoutMs)
{
    m_process.terminate();
    return waitForExit(timeoutMs);
}

void QimapdProcess::signal(int number)
{
    ::kill(pid_t(m_process.processId()), number);
}

bool QimapdProcess::waitForExit(int timeoutMs)
{
    return QTest::qWaitFor([&] { return m_process.state() == QProcess::NotRunning; }, timeoutMs);
}

QByteArray QimapdProcess::log()
{
    m_err += m_process.readAllStandardError();
    return m_err;
}

QimapdRun runQimapd(const QStringList &arguments, const QByteArray &input, int timeoutMs)
{
    // Headless, like the servers QimapdProcess starts: these runs are about the command line,
    // and without --no-gui the dashboard (and its platform's chatter) would join in.
    return runQimapdAsGiven(QStringList{u"--no-gui"_s} + arguments, QimapdProcess::cleanEnvironment(), input, timeoutMs);
}

QimapdRun runQimapdAsGiven(const QStringList &arguments, const QProcessEnvironment &environment,
                           const QByteArray &input, int timeoutMs)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QimapdProcess::binary(), arguments);
    QimapdRun result;
    if (!process.waitForStarted(timeoutMs))
        return result;
    process.write(input);
    process.closeWriteChannel();
    // The wait spins this thread's event loop, so the test's own clients and servers keep
    // reading meanwhile (a server's log pipe must not fill while `qimapd kick` runs).
    result.ended = QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, timeoutMs);
    if (!result.ended) {
        process.kill();
        process.waitForFinished();
    }
    result.exitStatus = process.exitStatus();
    result.exitCode = result.exitStatus == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

} // namespace qimapd::test
