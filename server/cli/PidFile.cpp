#include "PidFile.h"
#include "Logging.h"

#include <QCoreApplication>
#include <QFile>
#include <QSaveFile>

#include <cerrno>
#include <csignal>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace qimapd {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("qimapd::PidFile", text); // the context lupdate gives tr() here
}

qint64 readPid(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    bool ok = false;
    const qint64 pid = file.read(32).trimmed().toLongLong(&ok);
    return ok && pid > 0 ? pid : 0;
}
} // namespace

bool PidFile::isRunningQimapd(qint64 pid)
{
    if (pid <= 0 || pid == ::getpid())
        return false;
    if (::kill(pid_t(pid), 0) != 0 && errno != EPERM)
        return false;
    // After a reboot the PID may belong to any program: only a qimapd counts.
    QFile comm(u"/proc/%1/comm"_s.arg(pid));
    if (!comm.open(QIODevice::ReadOnly))
        return true; // no /proc: be careful, assume it is one
    return comm.readAll().trimmed() == "qimapd";
}

bool PidFile::isFree(QString *error) const
{
    if (m_path.isEmpty())
        return true;
    if (const qint64 old = readPid(m_path); isRunningQimapd(old)) {
        *error = tr("pid file %1 names PID %2, a running qimapd").arg(m_path).arg(old);
        return false;
    }
    return true;
}

bool PidFile::write(QString *error)
{
    if (m_path.isEmpty())
        return true;
    if (!isFree(error))
        return false;
    if (const qint64 old = readPid(m_path); old > 0) {
        qCInfo(lcServer).noquote() << "replacing stale pid file" << m_path << "of PID" << old;
    }
    // Written to a temporary file and renamed: a reader never sees half a PID.
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = tr("cannot write pid file %1: %2").arg(m_path, file.errorString());
        return false;
    }
    file.write(QByteArray::number(qint64(::getpid())) + '\n');
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                        | QFileDevice::ReadOther);
    if (!file.commit()) {
        *error = tr("cannot write pid file %1: %2").arg(m_path, file.errorString());
        return false;
    }
    m_written = true;
    return true;
}

PidFile::~PidFile()
{
    if (!m_written || readPid(m_path) != ::getpid())
        return;
    // After a privilege drop the directory may no longer be ours (/run): the file stays,
    // and the next start sees that its PID is gone.
    if (!QFile::remove(m_path))
        qCInfo(lcServer).noquote() << "cannot remove pid file" << m_path << "(it will be replaced at the next start)";
}

} // namespace qimapd
