#pragma once

#include <QObject>

class QSocketNotifier;

namespace qimapd {

// Turns SIGTERM, SIGINT and SIGHUP into Qt signals on the event loop (self-pipe), so shutdown
// runs as ordinary code instead of inside a signal handler.
class SignalHandler : public QObject
{
    Q_OBJECT
public:
    explicit SignalHandler(QObject *parent = nullptr);
    ~SignalHandler() override;

Q_SIGNALS:
    void terminateRequested(int signal);
    void reloadRequested();

private:
    void onReadable();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace qimapd
