#include "PasswordHash.h"

#include <QRandomGenerator>

#include <crypt.h>

#include <array>
#include <cstring>

namespace qimapd::passwordhash {

namespace {
constexpr std::array<const char *, 8> SupportedPrefixes = {"$y$", "$gy$", "$7$", "$6$", "$5$", "$2b$", "$2y$", "$2a$"};
}

bool isSupported(const QByteArray &stored)
{
    for (const char *prefix : SupportedPrefixes) {
        if (stored.startsWith(prefix))
            return true;
    }
    return false;
}

QByteArray hash(const QByteArray &password)
{
    // crypt_gensalt_rn reads its randomness from the OS when rbytes is null.
    std::array<char, CRYPT_GENSALT_OUTPUT_SIZE> salt{};
    if (!crypt_gensalt_rn("$y$", 0, nullptr, 0, salt.data(), int(salt.size())))
        return {};
    crypt_data data{};
    const char *result = crypt_rn(password.constData(), salt.data(), &data, int(sizeof data));
    if (!result || result[0] == '*')
        return {};
    return QByteArray(result);
}

bool verify(const QByteArray &password, const QByteArray &stored)
{
    if (!isSupported(stored) || password.contains('\0'))
        return false;
    crypt_data data{};
    const char *result = crypt_rn(password.constData(), stored.constData(), &data, int(sizeof data));
    if (!result || result[0] == '*')
        return false;
    const size_t length = std::strlen(result);
    if (length != size_t(stored.size()))
        return false;
    // Compare without an early exit.
    unsigned char difference = 0;
    for (size_t i = 0; i < length; ++i)
        difference |= static_cast<unsigned char>(result[i] ^ stored.at(qsizetype(i)));
    return difference == 0;
}

const QByteArray &dummyHash()
{
    static const QByteArray dummy = [] {
        const quint64 random = QRandomGenerator::system()->generate64();
        return hash(QByteArray::number(random, 36));
    }();
    return dummy;
}

} // namespace qimapd::passwordhash
