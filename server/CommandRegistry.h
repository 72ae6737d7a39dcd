#pragma once

#include <QByteArray>
#include <QByteArrayList>
#include <QFlags>
#include <QHash>

#include <functional>
#include <memory>

namespace qimapd {

class Command;

// IMAP connection states (RFC 3501 §3).
enum class SessionState : quint8 {
    NotAuthenticated = 0x1,
    Authenticated = 0x2,
    Selected = 0x4,
    Logout = 0x8,
};
Q_DECLARE_FLAGS(SessionStates, SessionState)
Q_DECLARE_OPERATORS_FOR_FLAGS(SessionStates)

namespace States {
constexpr SessionStates Any = SessionStates(SessionState::NotAuthenticated) | SessionState::Authenticated
                              | SessionState::Selected;
constexpr SessionStates NotAuthenticated = SessionStates(SessionState::NotAuthenticated);
constexpr SessionStates Authenticated = SessionStates(SessionState::Authenticated) | SessionState::Selected;
constexpr SessionStates Selected = SessionStates(SessionState::Selected);
} // namespace States

// What the shared mechanisms need to know about a command. The session decides from these
// alone which pending mailbox updates may follow a command (RFC 3501 §7.4.1) — no command
// sends EXPUNGE responses of its own.
enum class CommandFlag : quint8 {
    None = 0,
    // Refers to messages by sequence number (FETCH, STORE, SEARCH, COPY): pending EXPUNGEs
    // must not renumber messages under it.
    UsesSequenceNumbers = 0x1,
    // RFC 3501 §7.4.1: no EXPUNGE response may be sent while responding to it (FETCH, STORE,
    // SEARCH). UID versions may see EXPUNGE.
    NoExpungeResponses = 0x2,
    // Never followed by mailbox updates (LOGOUT; STARTTLS, whose reply precedes the handshake).
    NoUpdates = 0x4,
    // Carries a secret after its first argument (LOGIN's password, AUTHENTICATE's initial
    // response): logs and the session's command history show "***" instead.
    Secret = 0x8,
};
Q_DECLARE_FLAGS(CommandFlags, CommandFlag)
Q_DECLARE_OPERATORS_FOR_FLAGS(CommandFlags)

using CommandFactory = std::function<std::unique_ptr<Command>()>;

struct CommandSpec
{
    QByteArray name;        // upper case; "UID FETCH" for UID forms
    SessionStates states;   // where it is valid; elsewhere the client gets BAD
    CommandFlags flags;
    CommandFactory factory;
};

// The one table of commands: name, valid states, flags and how to make one. Extensions and
// embedders add rows with ImapServer::addCommand (the seed's add_command).
class CommandRegistry
{
public:
    void add(CommandSpec spec);
    const CommandSpec *find(const QByteArray &upperName) const;
    QByteArrayList names() const;

private:
    QHash<QByteArray, CommandSpec> m_specs;
};

// The standard rows (CommandTable.cpp).
void registerStandardCommands(CommandRegistry &registry);

} // namespace qimapd
