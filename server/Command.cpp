#include "Command.h"
#include "ImapServer.h"
#include "SequenceSet.h"
#include "Session.h"

#include <QElapsedTimer>
#include <QTimer>

namespace qimapd {

Command::Command() = default;
Command::~Command() = default;

void Command::start(Session *session, const CommandSpec *spec, ImapCommand request)
{
    m_session = session;
    m_spec = spec;
    m_request = std::move(request);
    execute();
}

ImapServer &Command::server() const
{
    return *m_session->server();
}

MailStore &Command::store() const
{
    return m_session->server()->store();
}

void Command::lineReceived(const QByteArray &)
{
    bad("Unexpected continuation");
}

void Command::deliverLine(const QByteArray &line)
{
    m_wantsLine = false;
    lineReceived(line);
}

void Command::deliverOverlongLine()
{
    m_wantsLine = false;
    bad("Line too long");
}

void Command::untagged(const QByteArray &line)
{
    if (m_session)
        m_session->writeUntagged(line);
}

void Command::continuation(const QByteArray &text)
{
    if (m_session)
        m_session->writeContinuation(text);
}

void Command::requestLine()
{
    m_wantsLine = true;
}

void Command::ok(const QByteArray &text, const QByteArray &code)
{
    finish(QByteArrayLiteral("OK"), code, text);
}

void Command::no(const QByteArray &text, const QByteArray &code)
{
    finish(QByteArrayLiteral("NO"), code, text);
}

void Command::bad(const QByteArray &text, const QByteArray &code)
{
    finish(QByteArrayLiteral("BAD"), code, text);
}

void Command::finish(const QByteArray &status, const QByteArray &code, const QByteArray &text)
{
    Q_ASSERT(!m_finished);
    if (m_finished)
        return;
    m_finished = true;
    m_wantsLine = false;
    if (m_session)
        m_session->finishCommand(this, status, code, text);
}

bool Command::expectArgCount(qsizetype count)
{
    return expectArgCount(count, count);
}

bool Command::expectArgCount(qsizetype min, qsizetype max)
{
    const qsizetype n = args().size();
    if (n >= min && n <= max)
        return true;
    if (n < min)
        bad("Missing arguments");
    else
        bad("Too many arguments");
    return false;
}

bool Command::takeAstring(qsizetype index, QByteArray *out, const char *what)
{
    if (index < args().size() && args().at(index).isAstring()) {
        *out = args().at(index).value;
        return true;
    }
    bad(QByteArray("Expected ") + what);
    return false;
}

bool Command::takeMailbox(qsizetype index, mailboxname::Use use, QString *name)
{
    QByteArray raw;
    if (!takeAstring(index, &raw, "mailbox name"))
        return false;
    QByteArray error;
    std::optional<QString> canonical = mailboxname::canonical(raw, use, &error);
    if (!canonical) {
        no(error, "CANNOT");
        return false;
    }
    *name = std::move(*canonical);
    return true;
}

void Command::noForDestination(const StoreStatus &status)
{
    if (status.error() == StoreError::NotFound)
        no("Mailbox does not exist", "TRYCREATE");
    else
        noFromStore(status);
}

std::optional<MessageTargets> Command::takeMessages(qsizetype index, bool byUid)
{
    QByteArray error;
    const ImapArg *arg = index < args().size() ? &args().at(index) : nullptr;
    const std::optional<SequenceSet> set = arg && arg->isAtom() ? SequenceSet::parse(arg->value, &error) : std::nullopt;
    if (!set) {
        bad(error.isEmpty() ? QByteArray(byUid ? "Expected a UID set" : "Expected a sequence set") : error);
        return std::nullopt;
    }
    std::optional<MessageTargets> targets = session().selectedMailbox()->resolve(*set, byUid, &error);
    if (!targets)
        bad(error);
    return targets;
}

void Command::runInSlices()
{
    // The time one slice may hold the event loop.
    constexpr qint64 SliceMs = 10;
    server().setCurrentSession(&session());
    QElapsedTimer slice;
    slice.start();
    for (;;) {
        switch (work()) {
        case Slice::Answered:
            return;
        case Slice::Done:
            finished();
            return;
        case Slice::More:
            break;
        }
        // What is not sent yet waits in the command, not in the socket: a client that does not
        // read gets no more than the high-water mark (DESIGN.md, Session).
        if (session().isOutputBacklogged()) {
            session().whenOutputDrained(this, [this] { runInSlices(); });
            return;
        }
        if (slice.elapsed() >= SliceMs) {
            QTimer::singleShot(0, this, [this] { runInSlices(); });
            return;
        }
    }
}

void Command::noFromStore(const StoreStatus &status)
{
    QByteArray code;
    switch (status.error()) {
    case StoreError::None:
        break;
    case StoreError::NotFound:
        code = "NONEXISTENT";
        break;
    case StoreError::AlreadyExists:
        code = "ALREADYEXISTS";
        break;
    case StoreError::NotSelectable:
    case StoreError::Invalid:
        code = "CANNOT";
        break;
    case StoreError::Forbidden:
        code = "NOPERM";
        break;
    case StoreError::Limit:
        code = "LIMIT";
        break;
    case StoreError::Unavailable:
        code = "UNAVAILABLE";
        break;
    }
    // The store's text is for people; internal details stay in the server log.
    if (status.error() == StoreError::Unavailable) {
        qWarning("store failure: %s", qPrintable(status.message()));
        no("Server error, please try again later", code);
        return;
    }
    no(status.message().toUtf8(), code);
}

} // namespace qimapd
