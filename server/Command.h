#pragma once

#include "CommandRegistry.h"
#include "Session.h"
#include "StoreResult.h"
#include "mailbox/MailboxName.h"
#include "mailbox/MailboxView.h"
#include "protocol/ImapArg.h"

#include <QObject>
#include <QPointer>

namespace qimapd {

class ImapServer;
class MailStore;

// Base of every IMAP command: one subclass per command, in server/commands/. A command reads
// its arguments, does its work through the session and the store, writes untagged responses
// and ends with exactly one of ok()/no()/bad(). It never touches the socket: everything goes
// through the session's writer, which owns ordering and backpressure.
//
// A command may finish later (a password check in a thread pool, a long FETCH): execute()
// simply returns without finishing, and the session runs nothing else until it does. Commands
// are QObjects so that timers and callbacks die with them when the connection goes away.
class Command : public QObject
{
    Q_OBJECT
public:
    Command();
    ~Command() override;

    // Called by the session.
    void start(Session *session, const CommandSpec *spec, ImapCommand request);
    bool isFinished() const { return m_finished; }
    bool wantsLine() const { return m_wantsLine; }
    void deliverLine(const QByteArray &line);
    void deliverOverlongLine();
    // True for a command that waits for mailbox changes (IDLE): the session pushes them to the
    // client while it runs instead of holding them until the command ends.
    virtual bool acceptsPushedUpdates() const { return false; }
    const ImapCommand &request() const { return m_request; }
    const CommandSpec &spec() const { return *m_spec; }

protected:
    virtual void execute() = 0;
    // A raw client line requested with requestLine() (AUTHENTICATE, IDLE).
    virtual void lineReceived(const QByteArray &line);

    const ImapArgs &args() const { return m_request.args; }
    const QByteArray &tag() const { return m_request.tag; }
    Session &session() const { return *m_session; }
    ImapServer &server() const;
    MailStore &store() const;

    void untagged(const QByteArray &line);
    void continuation(const QByteArray &text);
    void requestLine();

    void ok(const QByteArray &text, const QByteArray &code = {});
    void no(const QByteArray &text, const QByteArray &code = {});
    void bad(const QByteArray &text, const QByteArray &code = {});

    // Argument helpers: on a mismatch they answer BAD and return false.
    bool expectArgCount(qsizetype count);
    bool expectArgCount(qsizetype min, qsizetype max);
    // An astring argument's bytes (atom, quoted or literal); BAD otherwise.
    bool takeAstring(qsizetype index, QByteArray *out, const char *what);
    // A mailbox name argument in canonical form; BAD when it is not an astring, NO [CANNOT]
    // when the name itself is unacceptable.
    bool takeMailbox(qsizetype index, mailboxname::Use use, QString *name);
    // Answers NO with the response code that fits a store failure (RFC 5530).
    void noFromStore(const StoreStatus &status);
    // The same for the target mailbox of APPEND or COPY: a missing one gets [TRYCREATE]
    // (RFC 3501 §6.3.11, §6.4.7).
    void noForDestination(const StoreStatus &status);

    // The messages a sequence-set argument names in the selected mailbox (byUid: a UID set),
    // numbered as this client knows them; BAD when the set is malformed or out of range.
    std::optional<MessageTargets> takeMessages(qsizetype index, bool byUid);

    // Long commands (FETCH or SEARCH over a whole mailbox): runInSlices() calls work() until it
    // says Done, then finished(); it yields to the event loop every few milliseconds and while
    // the client's output is backed up, so one client cannot stall the others, and
    // currentSession() is right every time the command resumes.
    enum class Slice { More, Done, Answered };
    void runInSlices();
    virtual Slice work() { return Slice::Done; }
    virtual void finished() {}

private:
    void finish(const QByteArray &status, const QByteArray &code, const QByteArray &text);

    QPointer<Session> m_session;
    const CommandSpec *m_spec = nullptr;
    ImapCommand m_request;
    bool m_finished = false;
    bool m_wantsLine = false;
};

// The registry's factory for a command class.
template<typename T>
CommandFactory factoryFor()
{
    return [] { return std::unique_ptr<Command>(new T()); };
}

} // namespace qimapd
