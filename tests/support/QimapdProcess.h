#pragma once

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

namespace qimapd::test {

// The qimapd executable ($QIMAPD_BIN) in a process of its own, started with --no-gui. The ports
// it picked (port 0) are read from its log: "qimapd.server: listening on 127.0.0.1 port 40123
// (STARTTLS)" and "... (TLS)". Killed if still running when destroyed.
class QimapdProcess
{
public:
    explicit QimapdProcess(QStringList arguments, QProcessEnvironment environment = cleanEnvironment());
    ~QimapdProcess();

    // The server's log format and levels are what tests read: a developer's own Qt logging
    // settings must not change them.
    static QProcessEnvironment cleanEnvironment();
    static QString binary();

    // Starts and waits until the log says it serves (" serving "); false if it exits first.
    // `program`/`prefix` run it through another program (sh -c ...).
    bool start(int timeoutMs = 15000);
    void setProgram(const QString &program, const QStringList &prefix)
    {
        m_program = program;
        m_prefix = prefix;
    }
    // Waits until its log contains `text`.
    bool waitForLog(const QByteArray &text, int timeoutMs = 5000);

    bool terminate(int timeoutMs = 5000); // SIGTERM and wait
    void signal(int number);
    bool waitForExit(int timeoutMs = 5000);

    qint64 pid() const { return m_process.processId(); }
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    quint16 port() const { return m_plainPort; }
    quint16 sslPort() const { return m_tlsPort; }
    int exitCode() const { return m_process.exitCode(); }
    QProcess::ExitStatus exitStatus() const { return m_process.exitStatus(); }
    QByteArray log(); // standard error so far

private:
    QStringList m_arguments;
    QString m_program;
    QStringList m_prefix;
    QProcess m_process;
    QByteArray m_err;
    quint16 m_plainPort = 0;
    quint16 m_tlsPort = 0;
};

// A qimapd command that ends by itself (--check-config, `qimapd user ...`, a bad option).
struct QimapdRun
{
    bool ended = false;
    int exitCode = -1; // -1 unless it exited normally: a signal's number is no exit code
    QProcess::ExitStatus exitStatus = QProcess::CrashExit;
    QByteArray out;
    QByteArray err;
};
// Headless (--no-gui) in cleanEnvironment(). `input` is all of its standard input (a pipe,
// never a terminal: passwords come from here).
QimapdRun runQimapd(const QStringList &arguments, const QByteArray &input = {}, int timeoutMs = 20000);
// The arguments and environment exactly as given, no --no-gui added: for what a command does
// without it (tests/gui/tst_headless) and as an administrator types it (tests/admin/tst_admin).
QimapdRun runQimapdAsGiven(const QStringList &arguments, const QProcessEnvironment &environment,
                           const QByteArray &input = {}, int timeoutMs = 20000);

} // namespace qimapd::test
