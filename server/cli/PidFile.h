#pragma once

#include <QString>

namespace qimapd {

// The seed's pid_file (Net::Server's pid_file): the server's PID, written once the ports are
// bound, removed at exit if it still names this process. A file left by a server that died
// (its PID gone, or now some other program's) is replaced; one naming a running qimapd is
// refused, so two init scripts cannot fight over one file.
class PidFile
{
public:
    explicit PidFile(QString path) : m_path(std::move(path)) {}
    ~PidFile();
    Q_DISABLE_COPY_MOVE(PidFile)

    // Whether no running qimapd holds the file (checked before the ports are bound, so that a
    // second server is refused before it logs anything).
    bool isFree(QString *error) const;
    bool write(QString *error);
    // Whether `pid` is a live qimapd process (not ourselves).
    static bool isRunningQimapd(qint64 pid);

private:
    QString m_path;
    bool m_written = false;
};

} // namespace qimapd
