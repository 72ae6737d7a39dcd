#include "LogView.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace qimapd::gui {

LogView::LogView(QWidget *parent)
    : QWidget(parent)
    , m_level(new QComboBox(this))
    , m_text(new QPlainTextEdit(this))
{
    m_level->setObjectName(u"logLevel"_s);
    m_text->setObjectName(u"logText"_s);
    m_level->addItem(tr("Debug and above"), u"debug"_s);
    m_level->addItem(tr("Info and above"), u"info"_s);
    m_level->addItem(tr("Warnings and errors"), u"warning"_s);
    m_level->addItem(tr("Errors only"), u"critical"_s);
    m_text->setReadOnly(true);
    m_text->setMaximumBlockCount(m_capacity);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Show:"), this));
    top->addWidget(m_level);
    top->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_text, 1);

    connect(m_level, &QComboBox::currentIndexChanged, this, [this] {
        m_minimumRank = levelRank(m_level->currentData().toString());
        render();
    });
}

int LogView::levelRank(const QString &level)
{
    if (level == u"debug"_s)
        return 0;
    if (level == u"info"_s)
        return 1;
    if (level == u"warning"_s)
        return 2;
    return 3; // critical, fatal
}

void LogView::setMinimumLevel(const QString &level)
{
    const int index = m_level->findData(level);
    if (index >= 0)
        m_level->setCurrentIndex(index);
}

bool LogView::accepts(const LogEntry &entry) const
{
    return levelRank(entry.level) >= m_minimumRank;
}

QString LogView::format(const LogEntry &entry)
{
    return entry.time.toLocalTime().toString(u"HH:mm:ss.zzz"_s) + u' ' + entry.level.leftJustified(8) + u' '
        + entry.category + u": "_s + entry.message;
}

void LogView::setEntries(const QList<LogEntry> &entries)
{
    m_entries = entries.mid(std::max<qsizetype>(0, entries.size() - m_capacity));
    render();
}

void LogView::append(const LogEntry &entry)
{
    m_entries.append(entry);
    if (m_entries.size() > m_capacity)
        m_entries.removeFirst();
    if (!accepts(entry))
        return;
    QScrollBar *bar = m_text->verticalScrollBar();
    const bool atEnd = bar->value() == bar->maximum();
    m_text->appendPlainText(format(entry));
    if (atEnd)
        bar->setValue(bar->maximum());
}

void LogView::render()
{
    QStringList lines;
    for (const LogEntry &entry : std::as_const(m_entries)) {
        if (accepts(entry))
            lines.append(format(entry));
    }
    m_text->setPlainText(lines.join(u'\n'));
    m_text->verticalScrollBar()->setValue(m_text->verticalScrollBar()->maximum());
}

} // namespace qimapd::gui
