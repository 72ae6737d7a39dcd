#include "DataDirLock.h"

#include <QCoreApplication>
#include <QDir>

namespace qimapd {

DataDirLock::DataDirLock(const QString &dataDir) : m_path(QDir(dataDir).filePath(QStringLiteral("qimapd.lock")))
{
}

bool DataDirLock::acquire(QString *error)
{
    m_lock = std::make_unique<QLockFile>(m_path);
    m_lock->setStaleLockTime(0); // only a dead process makes a lock stale, never its age
    if (m_lock->tryLock(0))
        return true;
    if (m_lock->error() == QLockFile::LockFailedError) {
        qint64 pid = 0;
        QString host;
        QString application;
        m_lock->getLockInfo(&pid, &host, &application);
        *error = QCoreApplication::translate("DataDirLock",
                     "another server (PID %1 on %2) is using this data directory (lock %3)")
                     .arg(pid).arg(host, m_path);
    } else {
        *error = QCoreApplication::translate("DataDirLock", "cannot create lock file %1").arg(m_path);
    }
    return false;
}

} // namespace qimapd
