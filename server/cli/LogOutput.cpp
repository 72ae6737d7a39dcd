#include "LogOutput.h"
#include "ServerConfig.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>

namespace qimapd {

namespace {

LogOutput::Target currentTarget = LogOutput::Target::Stderr;
int fileDescriptor = -1;
QByteArray filePath;

// sd-daemon(3) / syslog(3) priorities.
int priority(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return LOG_DEBUG;
    case QtInfoMsg:
        return LOG_INFO;
    case QtWarningMsg:
        return LOG_WARNING;
    case QtCriticalMsg:
        return LOG_ERR;
    case QtFatalMsg:
        return LOG_CRIT;
    }
    return LOG_INFO;
}

void writeAll(int fd, const QByteArray &bytes)
{
    qsizetype done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.constData() + done, size_t(bytes.size() - done));
        if (n <= 0) {
            if (n < 0 && errno == EINTR)
                continue;
            return; // a full disk must not stop the server; there is nowhere to report it
        }
        done += n;
    }
}

void handleMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QByteArray text = qFormatLogMessage(type, context, message).toUtf8();
    switch (currentTarget) {
    case LogOutput::Target::Syslog:
        ::syslog(priority(type), "%s", text.constData());
        break;
    case LogOutput::Target::File: {
        const QByteArray stamp = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toLatin1();
        writeAll(fileDescriptor, stamp + ' ' + text + '\n');
        break;
    }
    case LogOutput::Target::Journal: {
        // journald reads the prefix of every line (SyslogLevelPrefix=yes, its default).
        const QByteArray prefix = '<' + QByteArray::number(priority(type)) + '>';
        QByteArray lines = prefix + text;
        lines.replace("\n", QByteArray('\n' + prefix));
        writeAll(STDERR_FILENO, lines + '\n');
        break;
    }
    case LogOutput::Target::Stderr:
        writeAll(STDERR_FILENO, text + '\n');
        break;
    }
}

int openLogFile(const QByteArray &path)
{
    return ::open(path.constData(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
}

QString tr(const char *text)
{
    return QCoreApplication::translate("qimapd::LogOutput", text); // the context lupdate gives tr() here
}

} // namespace

bool LogOutput::stderrIsJournal()
{
    // systemd.exec(5): JOURNAL_STREAM is "device:inode" of the stream it connected; a child
    // that inherited the variable but not the stream must not use the prefixes.
    const QByteArray stream = qgetenv("JOURNAL_STREAM");
    if (stream.isEmpty())
        return false;
    struct stat info = {};
    if (::fstat(STDERR_FILENO, &info) != 0)
        return false;
    return stream == QByteArray::number(quint64(info.st_dev)) + ':' + QByteArray::number(quint64(info.st_ino));
}

bool LogOutput::install(const ServerConfig &config, QString *error)
{
    if (!config.logFile.isEmpty()) {
        const QByteArray path = QFile::encodeName(config.logFile);
        const int fd = openLogFile(path);
        if (fd < 0) {
            *error = tr("cannot open log file %1: %2").arg(config.logFile, QString::fromLocal8Bit(::strerror(errno)));
            return false;
        }
        fileDescriptor = fd;
        filePath = path;
        currentTarget = Target::File;
    } else if (config.syslog) {
        // LOG_NDELAY: connect to /dev/log now, while the process may still see it (before
        // the privilege drop).
        ::openlog("qimapd", LOG_PID | LOG_NDELAY, LOG_MAIL);
        currentTarget = Target::Syslog;
    } else {
        currentTarget = stderrIsJournal() ? Target::Journal : Target::Stderr;
    }
    qInstallMessageHandler(handleMessage);
    return true;
}

bool LogOutput::reopen(QString *error)
{
    if (currentTarget != Target::File)
        return true;
    const int fd = openLogFile(filePath);
    if (fd < 0) {
        *error = tr("cannot reopen log file %1: %2").arg(QFile::decodeName(filePath), QString::fromLocal8Bit(::strerror(errno)));
        return false;
    }
    ::dup2(fd, fileDescriptor); // atomic for a message being written meanwhile
    ::close(fd);
    return true;
}

LogOutput::Target LogOutput::target()
{
    return currentTarget;
}

} // namespace qimapd
