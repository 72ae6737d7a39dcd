#pragma once

#include "MailStore.h"

#include <QList>
#include <QString>

#include <functional>
#include <optional>

#include <vector>

namespace qimapd {

class MailboxView;

// The in-memory index of one mailbox, loaded once from the store and shared by every session of
// this process that has the mailbox selected (DESIGN.md "Storage"): UIDs in order and their
// flags. Changes made through this process are applied here and pushed to the attached views,
// so a view costs only what its client has not been told yet.
class MailboxIndex
{
public:
    MailboxIndex(qint64 account, MailboxSnapshot snapshot);
    ~MailboxIndex();
    MailboxIndex(const MailboxIndex &) = delete;
    MailboxIndex &operator=(const MailboxIndex &) = delete;

    qint64 account() const { return m_account; }
    qint64 mailboxId() const { return m_info.id; }
    const QString &name() const { return m_info.name; }
    quint32 uidValidity() const { return m_info.uidValidity; }
    quint32 uidNext() const { return m_info.uidNext; }
    const QList<QByteArray> &keywords() const { return m_keywords; }

    qsizetype count() const { return qsizetype(m_uids.size()); }
    const std::vector<quint32> &uids() const { return m_uids; }
    const std::vector<FlagMask> &flags() const { return m_flags; }
    // Number of live messages with uid < `uid`.
    qsizetype countBelow(quint32 uid) const;
    // Position of `uid`, or -1.
    qsizetype indexOf(quint32 uid) const;

    // Applied after the store committed the change.
    void applyAppend(const AppendResult &result);
    void applyExpunge(const QList<quint32> &expungedUids);
    // Flag changes from STORE or an implicit \Seen; every view but `origin` records them to
    // tell its client (the origin answers for itself, or asked for silence).
    void applyFlags(const StoreFlagsResult &result, MailboxView *origin);
    // What another process changed, found by comparing with a fresh snapshot of the store.
    struct ExternalChanges
    {
        AppendResult arrived;          // new messages (uids, flags), keyword table
        QList<quint32> expunged;
        StoreFlagsResult flagsChanged;
        bool isEmpty() const { return arrived.uids.isEmpty() && expunged.isEmpty() && flagsChanged.changed.isEmpty(); }
    };
    ExternalChanges diff(const MailboxSnapshot &snapshot) const;

    // The flags of a live message, or nullopt.
    std::optional<FlagMask> flagsOf(quint32 uid) const;
    void applyRename(const QString &newName) { m_info.name = newName; }

    // Expunged messages stay readable in the store while some view still lists them (pending
    // EXPUNGE, RFC 3501 §7.4.1); `release` frees them once no view does.
    void setReleaser(std::function<void(const QList<quint32> &)> release) { m_release = std::move(release); }
    // Views call this when they stop listing `uids` (told the client, or deselected).
    void releaseUnheld(const std::vector<quint32> &uids);

    void attach(MailboxView *view);
    void detach(MailboxView *view);
    const QList<MailboxView *> &views() const { return m_views; }

private:
    qint64 m_account;
    MailboxInfo m_info;
    QList<QByteArray> m_keywords;
    std::vector<quint32> m_uids;
    std::vector<FlagMask> m_flags;
    QList<MailboxView *> m_views;
    std::function<void(const QList<quint32> &)> m_release;
};

} // namespace qimapd
