#pragma once

#include "ImapArg.h"

#include <QByteArray>
#include <QByteArrayView>

namespace qimapd {

// The incremental command parser. It never blocks: feed() whatever bytes arrived, then call
// next() until it answers NeedMore. Framing (lines and literals, RFC 3501 §4.3, LITERAL+
// RFC 7888) is separate from the grammar, which runs once a command is complete.
//
// Limits are hard: a line longer than maxLineLength, a literal larger than its limit, lists
// nested deeper than maxDepth. A synchronizing literal that is too large is refused before the
// client is asked for it; a non-synchronizing one is refused at once and its bytes are
// discarded as they arrive (RFC 7888 §4), so memory never grows with what the client claims.
class ImapParser
{
public:
    struct Limits
    {
        qsizetype maxLineLength = 64 * 1024;          // one line, literals excluded
        qint64 maxLiteral = 64 * 1024;                // any literal outside APPEND
        qint64 maxAppendLiteral = 64LL * 1024 * 1024; // APPEND's message literal
        qint64 maxCommandLiterals = 1024 * 1024;      // all literals of one non-APPEND command
        int maxDepth = 16;                            // nested lists
        int maxLiteralCount = 64;                     // literals in one command
    };

    struct Event
    {
        enum Type {
            NeedMore,      // feed more bytes
            Continuation,  // send "+ ..." : the client waits before sending a literal
            Command,       // `command` is complete
            Error,         // a malformed command; `tag` (may be empty) and `message` say why
            LiteralTooBig, // a literal over its limit; `tag`, `name`, `size`
        };
        Type type = NeedMore;
        ImapCommand command;
        QByteArray tag;
        QByteArray name;
        QByteArray message;
        qint64 size = 0;
    };

    struct Line
    {
        enum Type { NeedMore, Complete, TooLong };
        Type type = NeedMore;
        QByteArray text; // without the line ending
    };

    ImapParser() = default;
    explicit ImapParser(const Limits &limits) : m_limits(limits) {}

    void setLimits(const Limits &limits) { m_limits = limits; }
    const Limits &limits() const { return m_limits; }

    void feed(QByteArrayView bytes);
    Event next();
    // A bare line (AUTHENTICATE responses, IDLE's DONE), for a command that asked for one.
    Line nextLine();

    // Drops buffered input and any half-read command (after STARTTLS: RFC 3501 §6.2.1 and the
    // injection attack described in DESIGN.md).
    void reset();

    // Bytes received but not yet consumed.
    qsizetype bufferedBytes() const { return m_buffer.size() - m_pos; }
    // True while a command has been started but is not complete.
    bool inCommand() const { return !m_lines.isEmpty() || m_phase != Phase::Line; }

private:
    enum class Phase { Line, Literal, SkipLine };

    Event onLine(QByteArray line);
    Event takeLiteralBytes();
    Event skipLine();
    Event finishCommand();
    Event error(QByteArray message);
    void startCommandState();
    void compact();
    qint64 literalLimit() const;
    qint64 commandLimit() const;

    Limits m_limits;
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    Phase m_phase = Phase::Line;

    // The command being framed.
    QList<QByteArray> m_lines;    // line i is followed by literal i, if any
    QList<QByteArray> m_literals;
    QByteArray m_literal;         // the literal being read
    qint64 m_literalRemaining = 0;
    qint64 m_literalTotal = 0;
    bool m_discarding = false;    // refusing a LITERAL+ : swallow the rest of the command
    QByteArray m_tag;
    QByteArray m_name;
    QByteArray m_pendingError;    // reported once the over-long line has been skipped
};

} // namespace qimapd
