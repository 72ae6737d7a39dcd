#include "ImapGrammar.h"
#include "ImapWire.h"

namespace qimapd::grammar {

namespace {

// A position in the framed command: which line, which byte.
class Cursor
{
public:
    Cursor(const QList<QByteArray> &lines, const QList<QByteArray> &literals)
        : m_lines(lines), m_literals(literals)
    {
    }

    bool atLineEnd() const { return m_pos >= m_lines.at(m_line).size(); }
    bool atEnd() const { return atLineEnd() && m_line == m_lines.size() - 1; }
    char peek() const { return atLineEnd() ? '\0' : m_lines.at(m_line).at(m_pos); }
    char take() { return m_lines.at(m_line).at(m_pos++); }
    const QByteArray &line() const { return m_lines.at(m_line); }
    qsizetype pos() const { return m_pos; }
    void skipTo(qsizetype pos) { m_pos = pos; }
    // After a "[" without its "]", the rest of the line has no section specs (and is not
    // rescanned for one at every later "[").
    bool bracketsArePlain() const { return m_plainBracketsLine == m_line; }
    void setBracketsPlain() { m_plainBracketsLine = m_line; }

    // After a "{n}" marker at the end of a line: the literal's data, and on to the next line.
    bool takeLiteral(QByteArray *data)
    {
        if (m_line >= m_literals.size() || m_line + 1 >= m_lines.size())
            return false;
        *data = m_literals.at(m_line);
        ++m_line;
        m_pos = 0;
        return true;
    }

private:
    const QList<QByteArray> &m_lines;
    const QList<QByteArray> &m_literals;
    int m_line = 0;
    qsizetype m_pos = 0;
    int m_plainBracketsLine = -1;
};

struct Failure
{
    QByteArray message;
};

bool isTagChar(char c)
{
    return wire::isAstringChar(c) && c != '+';
}

// Characters of the loose atom we accept: ATOM-CHAR plus list-wildcards, "\" (flags) and "]"
// (resp-specials, allowed in astrings). Commands check their own stricter grammar.
bool isLooseAtomChar(char ch)
{
    const auto c = static_cast<unsigned char>(ch);
    // 8-bit bytes are not ATOM-CHARs in RFC 3501, but real clients (Python's imaplib with
    // a SEARCH CHARSET UTF-8 string) send them unquoted; the command decides what they mean.
    if (c <= 0x20 || c == 0x7f)
        return false;
    return c != '(' && c != ')' && c != '{' && c != '"';
}

QByteArray readAtom(Cursor &cursor, Failure *failure)
{
    const QByteArray &line = cursor.line();
    qsizetype pos = cursor.pos();
    const qsizetype start = pos;
    // "[...]" inside an atom is a section spec (BODY[HEADER.FIELDS (From To)]<0.100>): spaces,
    // parentheses and quoted strings are part of the atom until the closing bracket.
    while (pos < line.size()) {
        const char c = line.at(pos);
        if (c == '[' && !cursor.bracketsArePlain()) {
            const qsizetype open = pos;
            int depth = 1;
            ++pos;
            bool quoted = false;
            while (pos < line.size() && depth > 0) {
                const char d = line.at(pos);
                if (quoted) {
                    if (d == '\\' && pos + 1 < line.size())
                        ++pos;
                    else if (d == '"')
                        quoted = false;
                } else if (d == '"') {
                    quoted = true;
                } else if (d == '[') {
                    ++depth;
                } else if (d == ']') {
                    --depth;
                } else if (static_cast<unsigned char>(d) < 0x20 || static_cast<unsigned char>(d) >= 0x7f) {
                    break;
                }
                ++pos;
            }
            if (depth > 0) {
                // No section after all: "[" is an ordinary ATOM-CHAR (RFC 3501 §9), as in a
                // mailbox named "[Gmail" or a password "pa[ss" sent as an atom.
                cursor.setBracketsPlain();
                pos = open + 1;
            }
            continue;
        }
        if (!isLooseAtomChar(c))
            break;
        ++pos;
    }
    cursor.skipTo(pos);
    return line.mid(start, pos - start);
}

bool readQuoted(Cursor &cursor, QByteArray *out, Failure *failure)
{
    cursor.take(); // opening quote
    const QByteArray &line = cursor.line();
    qsizetype pos = cursor.pos();
    QByteArray value;
    while (pos < line.size()) {
        const char c = line.at(pos++);
        if (c == '"') {
            cursor.skipTo(pos);
            *out = std::move(value);
            return true;
        }
        if (c == '\\') {
            // quoted-specials are the only escapes (RFC 3501 §9).
            if (pos >= line.size() || (line.at(pos) != '"' && line.at(pos) != '\\')) {
                failure->message = QByteArrayLiteral("Invalid escape in quoted string");
                return false;
            }
            value += line.at(pos++);
            continue;
        }
        if (c == '\0' || c == '\r') {
            failure->message = QByteArrayLiteral("Invalid character in quoted string");
            return false;
        }
        value += c;
    }
    failure->message = QByteArrayLiteral("Unterminated quoted string");
    return false;
}

bool readLiteral(Cursor &cursor, QByteArray *out, Failure *failure)
{
    const QByteArray &line = cursor.line();
    const qsizetype close = line.indexOf('}', cursor.pos());
    // The framer only hands over a literal when the marker ends the line.
    if (close != line.size() - 1 || !cursor.takeLiteral(out)) {
        failure->message = QByteArrayLiteral("Literal marker must end the line");
        return false;
    }
    return true;
}

bool readArg(Cursor &cursor, ImapArg *arg, int depth, int maxDepth, Failure *failure);

bool readList(Cursor &cursor, ImapArg *arg, int depth, int maxDepth, Failure *failure)
{
    if (depth >= maxDepth) {
        failure->message = QByteArrayLiteral("Lists nested too deeply");
        return false;
    }
    cursor.take(); // '('
    arg->type = ImapArg::Type::List;
    if (cursor.peek() == ')') {
        cursor.take();
        return true;
    }
    for (;;) {
        ImapArg child;
        if (!readArg(cursor, &child, depth + 1, maxDepth, failure))
            return false;
        arg->children.append(std::move(child));
        const char c = cursor.peek();
        if (c == ')') {
            cursor.take();
            return true;
        }
        if (c != ' ') {
            failure->message = cursor.atLineEnd() ? QByteArrayLiteral("Unterminated list")
                                                  : QByteArrayLiteral("Expected space or ) in list");
            return false;
        }
        cursor.take();
    }
}

bool readArg(Cursor &cursor, ImapArg *arg, int depth, int maxDepth, Failure *failure)
{
    const char c = cursor.peek();
    switch (c) {
    case '(':
        return readList(cursor, arg, depth, maxDepth, failure);
    case '"':
        arg->type = ImapArg::Type::Quoted;
        return readQuoted(cursor, &arg->value, failure);
    case '{':
        arg->type = ImapArg::Type::Literal;
        return readLiteral(cursor, &arg->value, failure);
    default:
        break;
    }
    arg->type = ImapArg::Type::Atom;
    arg->value = readAtom(cursor, failure);
    if (!failure->message.isEmpty())
        return false;
    if (arg->value.isEmpty()) {
        if (cursor.atLineEnd())
            failure->message = QByteArrayLiteral("Missing argument");
        else
            failure->message = QByteArrayLiteral("Unexpected character in argument");
        return false;
    }
    return true;
}

QByteArray readWord(Cursor &cursor)
{
    const QByteArray &line = cursor.line();
    qsizetype pos = cursor.pos();
    const qsizetype start = pos;
    while (pos < line.size() && wire::isAtomChar(line.at(pos)))
        ++pos;
    cursor.skipTo(pos);
    return line.mid(start, pos - start);
}

} // namespace

bool isValidTag(const QByteArray &tag)
{
    if (tag.isEmpty())
        return false;
    for (char c : tag) {
        if (!isTagChar(c))
            return false;
    }
    return true;
}

Result parseCommand(const QList<QByteArray> &lines, const QList<QByteArray> &literals, int maxDepth)
{
    Result result;
    Cursor cursor(lines, literals);
    const QByteArray &first = lines.first();
    qsizetype tagEnd = 0;
    while (tagEnd < first.size() && isTagChar(first.at(tagEnd)))
        ++tagEnd;
    if (tagEnd == 0 || (tagEnd < first.size() && first.at(tagEnd) != ' ')) {
        result.error = first.isEmpty() ? QByteArrayLiteral("Empty command line")
                                       : QByteArrayLiteral("Invalid tag");
        return result;
    }
    result.command.tag = first.left(tagEnd);
    cursor.skipTo(tagEnd);
    if (cursor.peek() != ' ') {
        result.error = QByteArrayLiteral("Missing command");
        return result;
    }
    cursor.take();
    QByteArray name = readWord(cursor).toUpper();
    if (name.isEmpty()) {
        result.error = QByteArrayLiteral("Missing command");
        return result;
    }
    if (name == "UID") {
        if (cursor.peek() != ' ') {
            result.error = QByteArrayLiteral("UID needs a command");
            return result;
        }
        cursor.take();
        const QByteArray sub = readWord(cursor).toUpper();
        if (sub.isEmpty()) {
            result.error = QByteArrayLiteral("UID needs a command");
            return result;
        }
        name += ' ' + sub;
    }
    result.command.name = name;

    Failure failure;
    while (!cursor.atEnd()) {
        if (cursor.peek() != ' ') {
            result.error = QByteArrayLiteral("Expected space between arguments");
            return result;
        }
        cursor.take();
        ImapArg arg;
        if (!readArg(cursor, &arg, 0, maxDepth, &failure)) {
            result.error = failure.message;
            return result;
        }
        result.command.args.append(std::move(arg));
    }
    result.ok = true;
    return result;
}

} // namespace qimapd::grammar
