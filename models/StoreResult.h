#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace qimapd {

// Why a store operation failed. The protocol layer maps each kind to a response code
// (RFC 5530): NotFound -> [NONEXISTENT] / [TRYCREATE], AlreadyExists -> [ALREADYEXISTS], ...
enum class StoreError {
    None,
    NotFound,       // the mailbox (or account) does not exist
    AlreadyExists,  // the target name is taken
    NotSelectable,  // \Noselect mailbox where a selectable one is needed
    Invalid,        // the request itself is not acceptable (bad name, renaming into itself...)
    Forbidden,      // allowed in general, not here (deleting INBOX...)
    Limit,          // a store limit was reached (too many keywords, ...)
    Unavailable,    // the storage failed (I/O, database error): try again later
};

// The result of an operation with no value: either ok or an error with a human-readable text.
class StoreStatus
{
public:
    StoreStatus() = default;
    StoreStatus(StoreError error, QString message) : m_error(error), m_message(std::move(message)) {}

    static StoreStatus ok() { return {}; }

    bool isOk() const { return m_error == StoreError::None; }
    explicit operator bool() const { return isOk(); }
    StoreError error() const { return m_error; }
    const QString &message() const { return m_message; }

private:
    StoreError m_error = StoreError::None;
    QString m_message;
};

// A value or an error (std::expected is C++23).
template<typename T>
class StoreResult
{
public:
    StoreResult(T value) : m_value(std::move(value)) {}
    StoreResult(StoreStatus status) : m_status(std::move(status)) {}
    StoreResult(StoreError error, QString message) : m_status(error, std::move(message)) {}

    bool isOk() const { return m_status.isOk() && m_value.has_value(); }
    explicit operator bool() const { return isOk(); }
    const StoreStatus &status() const { return m_status; }
    StoreError error() const { return m_status.error(); }
    const QString &message() const { return m_status.message(); }

    const T &value() const { return *m_value; }
    T &value() { return *m_value; }
    const T &operator*() const { return *m_value; }
    T &operator*() { return *m_value; }
    const T *operator->() const { return &*m_value; }
    T *operator->() { return &*m_value; }

private:
    StoreStatus m_status;
    std::optional<T> m_value;
};

} // namespace qimapd
