#pragma once

#include <QLockFile>
#include <QString>

#include <memory>

namespace qimapd {

// One server per data directory: a lock file holding the server's PID. A stale lock (its
// process gone) is taken over; a live one is reported with its PID.
class DataDirLock
{
public:
    explicit DataDirLock(const QString &dataDir);
    bool acquire(QString *error);

private:
    QString m_path;
    std::unique_ptr<QLockFile> m_lock;
};

} // namespace qimapd
