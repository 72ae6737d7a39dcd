#include "PasswordPrompt.h"

#include <QCoreApplication>

#include <cstdio>
#include <string>
#include <termios.h>
#include <unistd.h>

namespace qimapd {

namespace {
constexpr size_t MaxPasswordBytes = 1024;

QString tr(const char *text)
{
    return QCoreApplication::translate("qimapd", text); // the context lupdate gives tr() here
}

// One line without its end; nullopt at end of input or (with `tooLong` set) past the limit.
std::optional<QByteArray> readLine(FILE *input, bool *tooLong = nullptr)
{
    std::string line;
    int c = 0;
    while ((c = std::fgetc(input)) != EOF && c != '\n') {
        if (line.size() > MaxPasswordBytes) {
            if (tooLong)
                *tooLong = true;
            return std::nullopt;
        }
        line.push_back(char(c));
    }
    if (c == EOF && line.empty())
        return std::nullopt;
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    return QByteArray(line.data(), qsizetype(line.size()));
}

std::optional<QByteArray> promptHidden(const char *prompt)
{
    std::fputs(prompt, stderr);
    std::fflush(stderr);
    termios saved{};
    tcgetattr(STDIN_FILENO, &saved);
    termios silent = saved;
    silent.c_lflag &= ~tcflag_t(ECHO);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent);
    std::optional<QByteArray> line = readLine(stdin);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    std::fputc('\n', stderr);
    return line;
}
} // namespace

std::optional<QByteArray> readNewPassword(QString *error)
{
    if (!isatty(STDIN_FILENO)) {
        bool tooLong = false;
        std::optional<QByteArray> line = readLine(stdin, &tooLong);
        if (!line || line->isEmpty()) {
            *error = tooLong ? tr("the password on standard input is longer than %1 bytes").arg(MaxPasswordBytes)
                             : tr("no password on standard input");
            return std::nullopt;
        }
        return line;
    }
    const std::optional<QByteArray> first = promptHidden("New password: ");
    if (!first || first->isEmpty()) {
        *error = tr("no password given");
        return std::nullopt;
    }
    const std::optional<QByteArray> second = promptHidden("Repeat password: ");
    if (!second || *second != *first) {
        *error = tr("the passwords do not match");
        return std::nullopt;
    }
    return first;
}

} // namespace qimapd
