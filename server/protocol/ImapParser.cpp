#include "ImapParser.h"
#include "ImapGrammar.h"

#include <optional>

namespace qimapd {

namespace {

struct LiteralMarker
{
    qint64 size = 0;
    bool nonSynchronizing = false;
};

// A line announcing a literal ends in "{n}" or "{n+}" (RFC 3501 §4.3, RFC 7888 §3).
std::optional<LiteralMarker> literalAtEnd(const QByteArray &line)
{
    if (!line.endsWith('}'))
        return std::nullopt;
    const qsizetype open = line.lastIndexOf('{');
    if (open < 0)
        return std::nullopt;
    QByteArrayView digits(line.constData() + open + 1, line.size() - open - 2);
    LiteralMarker marker;
    if (digits.endsWith('+')) {
        marker.nonSynchronizing = true;
        digits.chop(1);
    }
    if (digits.isEmpty() || digits.size() > 10)
        return std::nullopt;
    qint64 value = 0;
    for (char c : digits) {
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + (c - '0');
    }
    // number = 1*DIGIT, unsigned 32-bit (RFC 3501 §9).
    if (value > 0xffffffffLL)
        return std::nullopt;
    marker.size = value;
    return marker;
}

// The tag and command name of a first line, for limits and error reports before the grammar
// runs. Best effort: the grammar re-checks everything.
void peekTagAndName(const QByteArray &line, QByteArray *tag, QByteArray *name)
{
    const qsizetype sp = line.indexOf(' ');
    const QByteArray candidate = sp < 0 ? line : line.left(sp);
    *tag = grammar::isValidTag(candidate) ? candidate : QByteArray();
    if (sp < 0 || tag->isEmpty())
        return;
    qsizetype end = line.indexOf(' ', sp + 1);
    if (end < 0)
        end = line.size();
    *name = line.mid(sp + 1, end - sp - 1).toUpper();
    if (*name == "UID" && end < line.size()) {
        qsizetype subEnd = line.indexOf(' ', end + 1);
        if (subEnd < 0)
            subEnd = line.size();
        *name += ' ' + line.mid(end + 1, subEnd - end - 1).toUpper();
    }
}

} // namespace

void ImapParser::feed(QByteArrayView bytes)
{
    m_buffer.append(bytes.constData(), bytes.size());
}

void ImapParser::reset()
{
    m_buffer.clear();
    m_pos = 0;
    m_phase = Phase::Line;
    startCommandState();
}

void ImapParser::startCommandState()
{
    m_lines.clear();
    m_literals.clear();
    m_literal.clear();
    m_literalRemaining = 0;
    m_literalTotal = 0;
    m_discarding = false;
    m_tag.clear();
    m_name.clear();
    m_pendingError.clear();
}

void ImapParser::compact()
{
    if (m_pos == m_buffer.size()) {
        m_buffer.clear();
        m_pos = 0;
    } else if (m_pos > 4096 && m_pos * 2 > m_buffer.size()) {
        m_buffer.remove(0, m_pos);
        m_pos = 0;
    }
}

qint64 ImapParser::literalLimit() const
{
    return m_name == "APPEND" ? m_limits.maxAppendLiteral : m_limits.maxLiteral;
}

qint64 ImapParser::commandLimit() const
{
    return m_name == "APPEND" ? m_limits.maxAppendLiteral : m_limits.maxCommandLiterals;
}

ImapParser::Event ImapParser::next()
{
    for (;;) {
        if (m_phase == Phase::Literal) {
            Event event = takeLiteralBytes();
            if (event.type != Event::NeedMore || m_phase == Phase::Literal)
                return event;
            continue;
        }
        if (m_phase == Phase::SkipLine) {
            Event event = skipLine();
            if (event.type != Event::NeedMore || m_phase == Phase::SkipLine)
                return event;
            continue; // the rest of an already refused command, dropped silently
        }

        const qsizetype newline = m_buffer.indexOf('\n', m_pos);
        if (newline < 0) {
            // One byte more than the limit may be the CR of a line that is exactly at it.
            if (bufferedBytes() > m_limits.maxLineLength + 1) {
                // Keep the tag for the error, then throw the line away as it arrives.
                if (m_lines.isEmpty())
                    peekTagAndName(m_buffer.mid(m_pos, 256), &m_tag, &m_name);
                m_pendingError = QByteArrayLiteral("Line too long");
                m_phase = Phase::SkipLine;
                continue;
            }
            compact();
            return {};
        }
        qsizetype end = newline;
        if (end > m_pos && m_buffer.at(end - 1) == '\r')
            --end;
        QByteArray line = m_buffer.mid(m_pos, end - m_pos);
        m_pos = newline + 1;
        compact();
        Event event = onLine(std::move(line));
        if (event.type != Event::NeedMore)
            return event;
    }
}

ImapParser::Event ImapParser::onLine(QByteArray line)
{
    if (line.size() > m_limits.maxLineLength) {
        if (m_discarding) {
            // Already answered (LiteralTooBig): one tagged response per command.
            startCommandState();
            return {};
        }
        if (m_lines.isEmpty())
            peekTagAndName(line.left(256), &m_tag, &m_name);
        return error(QByteArrayLiteral("Line too long"));
    }
    if (m_lines.isEmpty())
        peekTagAndName(line, &m_tag, &m_name);

    const std::optional<LiteralMarker> literal = literalAtEnd(line);
    m_lines.append(std::move(line));

    if (m_discarding) {
        // The command was already refused: swallow it up to its end. A synchronizing literal
        // ends it, since a correct client will not send that literal's data.
        if (literal && literal->nonSynchronizing) {
            m_literalRemaining = literal->size;
            m_phase = Phase::Literal;
            return {};
        }
        startCommandState();
        return {};
    }

    if (!literal)
        return finishCommand();

    m_literalTotal += literal->size;
    if (literal->size > literalLimit() || m_literalTotal > commandLimit()
        || m_literals.size() >= m_limits.maxLiteralCount) {
        Event event;
        event.type = Event::LiteralTooBig;
        event.tag = m_tag;
        event.name = m_name;
        event.size = literal->size;
        if (literal->nonSynchronizing) {
            // RFC 7888 §4: the tagged answer may go out before the literal is read; its bytes
            // are then read and dropped.
            m_discarding = true;
            m_literalRemaining = literal->size;
            m_phase = Phase::Literal;
        } else {
            startCommandState();
        }
        return event;
    }

    m_literalRemaining = literal->size;
    m_literal = QByteArray();
    m_literal.reserve(qMin<qint64>(literal->size, 1024 * 1024));
    m_phase = Phase::Literal;
    if (literal->nonSynchronizing)
        return {};
    Event event;
    event.type = Event::Continuation;
    return event;
}

ImapParser::Event ImapParser::takeLiteralBytes()
{
    const qint64 available = bufferedBytes();
    const qint64 take = qMin(available, m_literalRemaining);
    if (!m_discarding)
        m_literal.append(m_buffer.constData() + m_pos, take);
    m_pos += take;
    m_literalRemaining -= take;
    compact();
    if (m_literalRemaining > 0)
        return {};
    if (!m_discarding)
        m_literals.append(std::exchange(m_literal, QByteArray()));
    m_phase = Phase::Line;
    return {};
}

ImapParser::Event ImapParser::skipLine()
{
    const qsizetype newline = m_buffer.indexOf('\n', m_pos);
    if (newline < 0) {
        m_buffer.clear();
        m_pos = 0;
        return {};
    }
    m_pos = newline + 1;
    compact();
    m_phase = Phase::Line;
    if (m_discarding) {
        // Already answered (LiteralTooBig): one tagged response per command.
        startCommandState();
        return {};
    }
    return error(std::exchange(m_pendingError, QByteArray()));
}

ImapParser::Event ImapParser::error(QByteArray message)
{
    Event event;
    event.type = Event::Error;
    event.tag = m_tag;
    event.name = m_name;
    event.message = std::move(message);
    startCommandState();
    return event;
}

ImapParser::Event ImapParser::finishCommand()
{
    grammar::Result parsed = grammar::parseCommand(m_lines, m_literals, m_limits.maxDepth);
    if (!parsed.ok) {
        Event event = error(parsed.error);
        if (event.tag.isEmpty())
            event.tag = parsed.command.tag;
        return event;
    }
    Event event;
    event.type = Event::Command;
    event.command = std::move(parsed.command);
    startCommandState();
    return event;
}

ImapParser::Line ImapParser::nextLine()
{
    Line result;
    if (m_phase == Phase::SkipLine) {
        const qsizetype newline = m_buffer.indexOf('\n', m_pos);
        if (newline < 0) {
            m_buffer.clear();
            m_pos = 0;
            return result;
        }
        m_pos = newline + 1;
        compact();
        m_phase = Phase::Line;
        m_pendingError.clear();
        result.type = Line::TooLong;
        return result;
    }
    const qsizetype newline = m_buffer.indexOf('\n', m_pos);
    if (newline < 0) {
        if (bufferedBytes() > m_limits.maxLineLength + 1) { // + 1: room for the CR
            m_phase = Phase::SkipLine;
            return nextLine();
        }
        compact();
        return result;
    }
    qsizetype end = newline;
    if (end > m_pos && m_buffer.at(end - 1) == '\r')
        --end;
    result.text = m_buffer.mid(m_pos, end - m_pos);
    m_pos = newline + 1;
    compact();
    if (result.text.size() > m_limits.maxLineLength) {
        result.text.clear();
        result.type = Line::TooLong;
        return result;
    }
    result.type = Line::Complete;
    return result;
}

} // namespace qimapd
