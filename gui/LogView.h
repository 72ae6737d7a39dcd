#pragma once

#include "monitor/Monitor.h"

#include <QList>
#include <QWidget>

class QComboBox;
class QPlainTextEdit;

namespace qimapd::gui {

// The server's own log (the qimapd.* categories), with a minimum-level filter. A bounded ring:
// it keeps the last `capacity` entries, and the text view never holds more lines than that,
// however long the server runs.
class LogView : public QWidget
{
    Q_OBJECT
public:
    explicit LogView(QWidget *parent = nullptr);

    void setEntries(const QList<LogEntry> &entries);
    void append(const LogEntry &entry);

    void setMinimumLevel(const QString &level); // debug, info, warning, critical
    int capacity() const { return m_capacity; }
    qsizetype entryCount() const { return m_entries.size(); }
    QPlainTextEdit *text() const { return m_text; }

    static int levelRank(const QString &level);

private:
    bool accepts(const LogEntry &entry) const;
    void render();
    static QString format(const LogEntry &entry);

    QList<LogEntry> m_entries; // oldest first, at most m_capacity
    int m_capacity = 2000;
    int m_minimumRank = 0;
    QComboBox *m_level;
    QPlainTextEdit *m_text;
};

} // namespace qimapd::gui
