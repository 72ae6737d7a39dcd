#include "ProcessMemory.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QList>

using namespace Qt::StringLiterals;

namespace loadgen {

namespace {

qint64 field(const QString &path, const QByteArray &name)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray text = file.readAll();
    const qsizetype at = text.indexOf(QByteArray('\n' + name + ':'));
    if (at < 0)
        return 0;
    const qsizetype end = text.indexOf('\n', at + 1);
    return text.mid(at + name.size() + 2, end - at - name.size() - 2).trimmed().split(' ').value(0).toLongLong();
}

// pid -> parent pid, from field 4 of /proc/PID/stat (after the parenthesised name).
QHash<qint64, qint64> parents()
{
    QHash<qint64, qint64> out;
    const QStringList entries = QDir(u"/proc"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        bool ok = false;
        const qint64 pid = entry.toLongLong(&ok);
        if (!ok)
            continue;
        QFile stat(u"/proc/%1/stat"_s.arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray text = stat.readAll();
        const QList<QByteArray> rest = text.mid(text.lastIndexOf(')') + 2).split(' ');
        out.insert(pid, rest.value(1).toLongLong());
    }
    return out;
}

} // namespace

ProcessMemory ProcessMemory::read(qint64 pid)
{
    ProcessMemory memory;
    if (pid <= 0)
        return memory;
    const QHash<qint64, qint64> parentOf = parents();
    QList<qint64> tree{pid};
    for (qsizetype i = 0; i < tree.size(); ++i)
        for (auto it = parentOf.cbegin(); it != parentOf.cend(); ++it)
            if (it.value() == tree.at(i))
                tree.append(it.key());
    for (qint64 p : tree) {
        // "\nVmRSS:" needs a line before it: both files start with other lines.
        const qint64 rss = field(u"/proc/%1/status"_s.arg(p), "VmRSS");
        if (rss == 0)
            continue;
        memory.rssKiB += rss;
        memory.pssKiB += field(u"/proc/%1/smaps_rollup"_s.arg(p), "Pss");
        ++memory.processes;
    }
    return memory;
}

} // namespace loadgen
