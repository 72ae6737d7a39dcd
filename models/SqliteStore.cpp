#include "SqliteStore.h"

#include "Database.h"
#include "SqlTransaction.h"
#include "StoreRules.h"

#include <QSqlError>

#include <algorithm>
#include <functional>

using namespace Qt::StringLiterals;

namespace qimapd {

using namespace StoreRules;

namespace {

const auto mailboxColumns = u"id, name, noselect, uidvalidity, uidnext, first_recent_uid"_s;

// Added to the UID of a retained expunged message in messageRecords()' statement (UIDs are
// 32-bit): the row says what it is without a column of its own.
constexpr qint64 retainedMark = qint64(1) << 32;

// Values are bound with explicit SQLite types: integers as int64 (UIDs are unsigned 32-bit and
// flag masks use all 64 bits, stored as their signed two's complement), text as text, bytes as
// blobs.
QVariant bindable(qint64 value) { return QVariant(value); }
QVariant bindable(const QString &value) { return QVariant(value); }
QVariant bindable(const QByteArray &value) { return QVariant(value); }

// Resets a SELECT when the caller is done with its rows, also on early returns: a statement
// left mid-iteration would keep its read snapshot open.
struct FinishOnExit
{
    QSqlQuery &query;
    ~FinishOnExit() { query.finish(); }
};

StoreStatus sqlError(const QSqlQuery &query)
{
    return {StoreError::Unavailable, u"database error: "_s % query.lastError().text()};
}

MailboxInfo readMailbox(const QSqlQuery &query)
{
    MailboxInfo info;
    info.id = query.value(0).toLongLong();
    info.name = query.value(1).toString();
    info.noSelect = query.value(2).toBool();
    info.uidValidity = quint32(query.value(3).toLongLong());
    info.uidNext = quint32(query.value(4).toLongLong());
    info.firstRecentUid = quint32(query.value(5).toLongLong());
    return info;
}

// The half-open range [name/, name0) holds exactly the descendants of `name` under the BINARY
// collation ('0' follows '/').
QString descendantsFrom(const QString &name) { return name % separator; }
QString descendantsTo(const QString &name) { return name % u'0'; }

// SQLite counts characters in code points, QString in UTF-16 units.
qint64 sqlLength(const QString &text) { return text.toUcs4().size(); }

// Qt binds a null QByteArray as SQL NULL; an empty message is an empty blob.
QByteArray nonNull(const QByteArray &bytes)
{
    return bytes.isNull() ? QByteArray("", 0) : bytes;
}

QString jsonArray(const QList<quint32> &values)
{
    QString json = u"["_s;
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (i > 0)
            json += u',';
        json += QString::number(values.at(i));
    }
    return json + u']';
}

// A set of UIDs as a condition on `column`, for one statement whatever its size. A JSON array
// goes in as one bound value, but SQLite turns `IN (SELECT value FROM json_each(?))` into a
// temporary index of every UID first (about half a microsecond each). A dense set - FETCH 1:*,
// STORE 1:*, a chunk of a long FETCH - is therefore sent as its UID range minus the UIDs missing
// from it, which SQLite reads as one primary key range scan and a small filter; a sparse set is
// sent as itself. Either way the rows selected are exactly the UIDs of the set.
struct UidCondition
{
    QString sql;
    QVariantList values;
};

UidCondition uidCondition(QList<quint32> uids, const QString &column)
{
    if (std::adjacent_find(uids.cbegin(), uids.cend(), std::greater_equal<quint32>())
        != uids.cend()) {
        std::sort(uids.begin(), uids.end());
        uids.erase(std::unique(uids.begin(), uids.end()), uids.end());
    }
    const qint64 count = uids.size();
    const qint64 missing = count == 0 ? 0 : qint64(uids.last()) - qint64(uids.first()) + 1 - count;
    if (count == 0 || missing >= count)
        return {column % u" IN (SELECT value FROM json_each(?))"_s, {QVariant(jsonArray(uids))}};
    QList<quint32> gaps;
    gaps.reserve(missing);
    for (qsizetype i = 1; i < uids.size(); ++i) {
        for (quint32 uid = uids.at(i - 1) + 1; uid < uids.at(i); ++uid)
            gaps += uid;
    }
    return {column % u" BETWEEN ? AND ? AND "_s % column
                % u" NOT IN (SELECT value FROM json_each(?))"_s,
            {QVariant(qint64(uids.first())), QVariant(qint64(uids.last())),
             QVariant(jsonArray(gaps))}};
}

} // namespace

SqliteStore::SqliteStore(Database &database) : m_database(database) {}

SqliteStore::~SqliteStore() = default;

QString SqliteStore::kind() const
{
    return u"sqlite"_s;
}

// ---- statement helpers ------------------------------------------------------------------------

StoreResult<QSqlQuery *> SqliteStore::prepared(const QString &sql)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        QSqlQuery query(m_database.db());
        query.setForwardOnly(true);
        if (!query.prepare(sql))
            return sqlError(query);
        it = m_statements.emplace(sql, std::move(query)).first;
    }
    return &it->second;
}

StoreResult<QSqlQuery *> SqliteStore::execute(const QString &sql, const QVariantList &values)
{
    auto query = prepared(sql);
    if (!query)
        return query;
    for (qsizetype i = 0; i < values.size(); ++i)
        (*query)->bindValue(int(i), values.at(i));
    if (!(*query)->exec()) {
        StoreStatus status = sqlError(**query);
        (*query)->finish();
        return status;
    }
    return query;
}

template<typename... Values>
StoreResult<QSqlQuery *> SqliteStore::select(const QString &sql, const Values &...values)
{
    return execute(sql, QVariantList{bindable(values)...});
}

template<typename... Values>
StoreResult<qint64> SqliteStore::change(const QString &sql, const Values &...values)
{
    const auto query = execute(sql, QVariantList{bindable(values)...});
    if (!query)
        return query.status();
    const qint64 rows = (*query)->numRowsAffected();
    (*query)->finish();
    return rows;
}

template<typename... Values>
StoreResult<qint64> SqliteStore::insert(const QString &sql, const Values &...values)
{
    const auto query = execute(sql, QVariantList{bindable(values)...});
    if (!query)
        return query.status();
    const qint64 id = (*query)->lastInsertId().toLongLong();
    (*query)->finish();
    return id;
}

// ---- lookups ----------------------------------------------------------------------------------

StoreResult<qint64> SqliteStore::findAccount(const QString &user)
{
    const auto rows = select(u"SELECT id FROM accounts WHERE name = ?"_s, user);
    if (!rows)
        return rows.status();
    QSqlQuery &query = **rows;
    const FinishOnExit done{query};
    if (!query.next())
        return accountNotFound();
    return query.value(0).toLongLong();
}

StoreStatus SqliteStore::requireAccount(qint64 account)
{
    const auto rows = select(u"SELECT 1 FROM accounts WHERE id = ?"_s, account);
    if (!rows)
        return rows.status();
    const FinishOnExit done{**rows};
    return (*rows)->next() ? StoreStatus::ok() : accountNotFound();
}

StoreResult<MailboxInfo> SqliteStore::findMailbox(qint64 account, const QString &name)
{
    const auto rows = select(u"SELECT "_s % mailboxColumns
                                 % u" FROM mailboxes WHERE account_id = ? AND name = ?"_s,
                             account, name);
    if (!rows)
        return rows.status();
    const FinishOnExit done{**rows};
    if (!(*rows)->next())
        return mailboxNotFound(name);
    return readMailbox(**rows);
}

StoreResult<MailboxInfo> SqliteStore::mailboxById(qint64 account, qint64 mailbox)
{
    const auto rows = select(u"SELECT "_s % mailboxColumns
                                 % u" FROM mailboxes WHERE id = ? AND account_id = ?"_s,
                             mailbox, account);
    if (!rows)
        return rows.status();
    const FinishOnExit done{**rows};
    if (!(*rows)->next())
        return mailboxIdNotFound(mailbox);
    return readMailbox(**rows);
}

StoreResult<MailboxInfo> SqliteStore::selectableMailbox(qint64 account, qint64 mailbox)
{
    auto found = mailboxById(account, mailbox);
    if (found && found->noSelect)
        return notSelectable(found->name);
    return found;
}

StoreResult<bool> SqliteStore::hasChildren(qint64 account, const QString &name)
{
    const auto rows = select(u"SELECT 1 FROM mailboxes WHERE account_id = ? "
                             u"AND name >= ? AND name < ? LIMIT 1"_s,
                             account, descendantsFrom(name), descendantsTo(name));
    if (!rows)
        return rows.status();
    const FinishOnExit done{**rows};
    return (*rows)->next();
}

StoreResult<bool> SqliteStore::nameOrDescendantExists(qint64 account, const QString &name)
{
    const auto rows = select(u"SELECT 1 FROM mailboxes WHERE account_id = ? "
                             u"AND (name = ? OR (name >= ? AND name < ?)) LIMIT 1"_s,
                             account, name, descendantsFrom(name), descendantsTo(name));
    if (!rows)
        return rows.status();
    const FinishOnExit done{**rows};
    return (*rows)->next();
}

// The bits are dense (0..n-1, assigned in order), so the table is the names in bit order.
StoreResult<QList<QByteArray>> SqliteStore::keywordTable(qint64 mailbox)
{
    const auto rows = select(u"SELECT name FROM keywords WHERE mailbox_id = ? ORDER BY bit"_s,
                             mailbox);
    if (!rows)
        return rows.status();
    QSqlQuery &query = **rows;
    const FinishOnExit done{query};
    QList<QByteArray> keywords;
    while (query.next())
        keywords += query.value(0).toString().toUtf8();
    return keywords;
}

// ---- mutation helpers (inside the caller's transaction) ---------------------------------------

StoreResult<quint32> SqliteStore::issueUidValidity()
{
    const auto rows = select(u"SELECT value FROM meta WHERE key = 'last_uidvalidity'"_s);
    if (!rows)
        return rows.status();
    quint32 last = 0;
    {
        const FinishOnExit done{**rows};
        if ((*rows)->next())
            last = quint32((*rows)->value(0).toLongLong());
    }
    const auto next = nextUidValidity(last);
    if (!next)
        return StoreStatus{StoreError::Limit, u"UIDVALIDITY values are used up"_s};
    const auto updated = change(u"UPDATE meta SET value = ? WHERE key = 'last_uidvalidity'"_s,
                                qint64(*next));
    if (!updated)
        return updated.status();
    return *next;
}

StoreResult<qint64> SqliteStore::insertMailbox(qint64 account, const QString &name)
{
    const auto uidValidity = issueUidValidity();
    if (!uidValidity)
        return uidValidity.status();
    return insert(u"INSERT INTO mailboxes (account_id, name, uidvalidity) VALUES (?, ?, ?)"_s,
                  account, name, qint64(*uidValidity));
}

// RFC 3501 §6.3.3 / §6.3.5: the superior names a CREATE or RENAME needs are created as ordinary
// mailboxes.
StoreStatus SqliteStore::insertMissingAncestors(qint64 account, const QString &name)
{
    const auto names = ancestors(name);
    for (const QString &ancestor : names) {
        const auto existing = findMailbox(account, ancestor);
        if (existing)
            continue;
        if (existing.error() != StoreError::NotFound)
            return existing.status();
        if (const auto added = insertMailbox(account, ancestor); !added)
            return added.status();
    }
    return StoreStatus::ok();
}

// A \Noselect name becomes a new, selectable incarnation: a new UIDVALIDITY, so its UIDs may
// start again at 1 (RFC 3501 §6.3.3), and a fresh keyword table.
StoreStatus SqliteStore::reviveMailbox(const MailboxInfo &mailbox)
{
    const auto uidValidity = issueUidValidity();
    if (!uidValidity)
        return uidValidity.status();
    auto done = change(u"UPDATE mailboxes SET noselect = 0, uidvalidity = ?, uidnext = 1, "
                       u"first_recent_uid = 1 WHERE id = ?"_s,
                       qint64(*uidValidity), mailbox.id);
    if (done)
        done = change(u"DELETE FROM keywords WHERE mailbox_id = ?"_s, mailbox.id);
    return done.status();
}

// Renaming INBOX moves its messages to a new mailbox and leaves INBOX, empty, in place with its
// UIDVALIDITY and UIDNEXT; its children stay where they are (RFC 3501 §6.3.5). The new mailbox
// numbers the messages 1..n in their order (they are recent there) and shares their bodies.
// INBOX keeps its keyword table: bits stay assigned for the life of a mailbox, so live views
// never see a bit change its name.
StoreStatus SqliteStore::moveInboxMessages(qint64 account, qint64 inbox, const QString &to)
{
    const auto target = insertMailbox(account, to);
    if (!target)
        return target.status();
    auto done = change(u"INSERT INTO keywords (mailbox_id, bit, name) "
                       u"SELECT ?, bit, name FROM keywords WHERE mailbox_id = ?"_s,
                       *target, inbox);
    if (done)
        done = change(u"INSERT INTO messages (mailbox_id, uid, body_id, flags, internal_date, "
                      u"internal_tz, size) SELECT ?, row_number() OVER (ORDER BY uid), body_id, "
                      u"flags, internal_date, internal_tz, size "
                      u"FROM messages WHERE mailbox_id = ?"_s,
                      *target, inbox);
    if (done)
        done = change(u"UPDATE mailboxes SET uidnext = 1 + (SELECT count(*) FROM messages "
                      u"WHERE mailbox_id = ?) WHERE id = ?"_s,
                      *target, *target);
    // Sessions that have INBOX selected see its messages expunged (the server announces them
    // so): they stay readable there as retained expunged messages, like EXPUNGE's.
    if (done)
        done = change(u"INSERT INTO expunged_messages (mailbox_id, uid, body_id, flags, "
                      u"internal_date, internal_tz, size) SELECT mailbox_id, uid, body_id, flags, "
                      u"internal_date, internal_tz, size FROM messages WHERE mailbox_id = ?"_s,
                      inbox);
    if (done)
        done = change(u"DELETE FROM messages WHERE mailbox_id = ?"_s, inbox);
    return done.status();
}

// "a" -> "b" renames "a" and every "a/..." in one statement (RFC 3501 §6.3.5).
StoreStatus SqliteStore::renameSubtree(qint64 account, const QString &from, const QString &to)
{
    return change(u"UPDATE mailboxes SET name = ? || substr(name, ?) WHERE account_id = ? "
                  u"AND (name = ? OR (name >= ? AND name < ?))"_s,
                  to, sqlLength(from) + 1, account, from, descendantsFrom(from),
                  descendantsTo(from))
        .status();
}

StoreStatus SqliteStore::insertKeywords(qint64 mailbox, const QList<QByteArray> &keywords,
                                        qsizetype from)
{
    for (qsizetype bit = from; bit < keywords.size(); ++bit) {
        const auto added = change(
            u"INSERT INTO keywords (mailbox_id, bit, name) VALUES (?, ?, ?)"_s, mailbox,
            qint64(bit), QString::fromUtf8(keywords.at(bit)));
        if (!added)
            return added.status();
    }
    return StoreStatus::ok();
}

StoreResult<quint32> SqliteStore::insertMessage(qint64 mailbox, quint32 uid, FlagMask flags,
                                                const AppendRequest &request,
                                                const QByteArray &header,
                                                const QByteArray &structure)
{
    const qint64 size = request.message.size();
    const auto body = insert(u"INSERT INTO bodies (size, header, structure, data) "
                             u"VALUES (?, ?, ?, ?)"_s,
                             size, header, structure, nonNull(request.message));
    if (!body)
        return body.status();
    const QDateTime date = normalizedInternalDate(request.internalDate);
    const auto added = change(u"INSERT INTO messages (mailbox_id, uid, body_id, flags, "
                              u"internal_date, internal_tz, size) VALUES (?, ?, ?, ?, ?, ?, ?)"_s,
                              mailbox, qint64(uid), *body, qint64(flags),
                              date.toMSecsSinceEpoch(), qint64(date.offsetFromUtc()), size);
    if (!added)
        return added.status();
    return uid;
}

// ---- accounts ---------------------------------------------------------------------------------

StoreResult<qint64> SqliteStore::openAccount(const QString &user)
{
    const auto existing = findAccount(user);
    if (existing || existing.error() != StoreError::NotFound)
        return existing;

    SqlTransaction transaction(m_database);
    if (!transaction.status())
        return transaction.status();
    // Another process (a CLI tool) may have created it since the lookup above.
    if (const auto again = findAccount(user); again || again.error() != StoreError::NotFound)
        return again;
    const auto account = insert(u"INSERT INTO accounts (name) VALUES (?)"_s, user);
    if (!account)
        return account;
    if (const auto inbox = insertMailbox(*account, u"INBOX"_s); !inbox)
        return inbox.status();
    if (StoreStatus committed = transaction.commit(); !committed)
        return committed;
    return account;
}

// The foreign keys cascade to mailboxes, messages, retained expunged messages, keywords and
// subscriptions; the triggers free the bodies.
StoreStatus SqliteStore::deleteAccount(const QString &user)
{
    const auto removed = change(u"DELETE FROM accounts WHERE name = ?"_s, user);
    if (!removed)
        return removed.status();
    return *removed > 0 ? StoreStatus::ok() : accountNotFound();
}

// ---- the mailbox tree -------------------------------------------------------------------------

StoreResult<QList<MailboxInfo>> SqliteStore::mailboxes(qint64 account)
{
    SqlTransaction transaction(m_database, Database::Access::Read);
    if (!transaction.status())
        return transaction.status();
    if (StoreStatus status = requireAccount(account); !status)
        return status;
    const auto rows = select(u"SELECT "_s % mailboxColumns
                                 % u" FROM mailboxes WHERE account_id = ? ORDER BY name"_s,
                             account);
    if (!rows)
        return rows.status();
    QSqlQuery &query = **rows;
    const FinishOnExit done{query};
    QList<MailboxInfo> result;
    while (query.next())
        result += readMailbox(query);
    return result;
}

StoreResult<MailboxInfo> SqliteStore::mailbox(qint64 account, const QString &name)
{
    return findMailbox(account, canonicalName(name));
}

StoreStatus SqliteStore::createMailbox(qint64 account, const QString &name)
{
    const QString canonical = canonicalName(name);
    SqlTransaction transaction(m_database);
    if (!transaction.status())
        return transaction.status();
    if (StoreStatus status = requireAccount(account); !status)
        return status;

    const auto existing = findMailbox(account, canonical);
    if (existing && !existing->noSelect)
        return {StoreError::AlreadyExists, canonical % u" already exists"_s};
    if (!existing && existing.error() != StoreError::NotFound)
        return existing.status();

    StoreStatus status;
    if (existing) {
        status = reviveMailbox(*existing);
    } else {
        status = insertMissingAncestors(account, canonical);
        if (status)
            status = insertMailbox(account, canonical).status();
    }
    return status ? transaction.commit() : status;
}

// RFC 3501 §6.3.4.
StoreStatus SqliteStore::deleteMailbox(qint64 account, const QString &name)
{
    const QString canonical = canonicalName(name);
    SqlTransaction transaction(m_database);
    if (!transaction.status())
        return transaction.status();
    if (StoreStatus status = requireAccount(account); !status)
        return status;
    if (isInbox(canonical))
        return {StoreError::Forbidden, u"INBOX cannot be deleted"_s};
    const auto mailbox = findMailbox(account, canonical);
    if (!mailbox)
        return mailbox.status();
    const auto children = hasChildren(account, canonical);
    if (!children)
        return children.status();

    StoreResult<qint64> done = 0;
    if (!*children) {
        // Cascades to messages, retained expunged messages and keywords; the triggers free the
        // bodies.
        done = change(u"DELETE FROM mailboxes WHERE id = ?"_s, mailbox->id);
    } else if (mailbox->noSelect) {
        return {StoreError::Invalid, canonical % u" is \\Noselect and has inferior names"_s};
    } else {
        // The name stays, as \Noselect, and keeps its uidnext: its UIDs must not come back.
        done = change(u"UPDATE mailboxes SET noselect = 1 WHERE id = ?"_s, mailbox->id);
        if (done)
            done = change(u"DELETE FROM messages WHERE mailbox_id = ?"_s, mailbox->id);
        // Retained expunged messages go too: a later CREATE numbers UIDs from 1 again.
        if (done)
            done = change(u"DELETE FROM expunged_messages WHERE mailbox_id = ?"_s, mailbox->id);
    }
    return done ? transaction.commit() : done.status();
}

// RFC 3501 §6.3.5, all in one transaction.
StoreStatus SqliteStore::renameMailbox(qint64 account, const QString &from, const QString &to)
{
    const QString source = canonicalName(from);
    const QString target = canonicalName(to);
    SqlTransaction transaction(m_database);
    if (!transaction.status())
        return transaction.status();
    if (StoreStatus status = requireAccount(account); !status)
        return status;
    const auto mailbox = findMailbox(account, source);
    if (!mailbox)
        return mailbox.status();
    const auto taken = nameOrDescendantExists(account, target);
    if (!taken)
        return taken.status();
    if (*taken)
        return {StoreError::AlreadyExists, target % u" already exists"_s};
    if (!isInbox(source) && isDescendant(target, source))
        return {StoreError::Invalid, u"cannot rename "_s % source % u" into itself"_s};

    StoreStatus status = insertMissingAncestors(account, target);
    if (status)
        status = isInbox(source) ? moveInboxMessages(account, mailbox->id, target)
                                 : renameSubtree(account, source, target);
    return status ? transaction.commit() : status;
}

// ---- subscriptions (RFC 3501 §6.3.6, §6.3.7) --------------------------------------------------

StoreResult<QStringList> SqliteStore::subscriptions(qint64 account)
{
    SqlTransaction transaction(m_database, Database::Access::Read);
    if (!transaction.status())
        return transaction.status();
    if (StoreStatus status = requireAccount(account); !status)
        return status;
    const auto rows = select(
        u"SELECT name FROM subscriptions WHERE account_id = ? ORDER BY name"_s, account);
    if (!rows)
        return rows.status();
    QSqlQuery &query = **rows;
    const FinishOnExit done{query};
    QStringList names;
    while (query.next())
        names += query.value(0).toString();
    return names;
}

StoreStatus SqliteStore::setSubscribed(qint64 account, const QString &name, bool subscribed)
{
    SqlTransaction transaction(m_database);
    if (!transaction.status())
        return transaction.status();
    if (StoreStatus status = requireAccount(account); !status)
        return status;
    const auto done = subscribed
        ? change(u"INSERT OR IGNORE INTO subscriptions (account_id, name) VALUES (?, ?)"_s,
                 account, canonicalName(name))
        : change(u"DELETE FROM subscriptions WHERE account_id = ? AND name = ?"_s, account,
                 canonicalName(name));
    return done ? transaction.commit() : done.status();
}

// ---- one mailbox's messages -------------------------------------------------------------------

// STATUS (RFC 3501 §6.3.10) in one statement: one range scan over the mailbox's message rows,
// which hold flags and uid but no bodies.
StoreResult<MailboxStatus> SqliteStore::status(qint64 account, qint64 mailbox)
{
    const auto rows = select(
        u"SELECT m.name, m.noselect, m.uidvalidity, m.uidnext, count(x.uid), "
        u"count(CASE WHEN x.uid >= m.first_recent_uid THEN 1 END), "
        u"count(CASE WHEN (x.flags & ?) = 0 THEN 1 END) "
        u"FROM mailboxes m LEFT JOIN messages x ON x.mailbox_id = m.id "
        u"WHERE m.id = ? AND m.account_id = ? GROUP BY m.id"_s,
        qint64(Flag::Seen), mailbox, account);
    if (!rows)
        return rows.status();
    QSqlQuery &query = **rows;
    const FinishOnExit done{query};
    if (!query.next())
        return mailboxIdNotFound(mailbox);
    if (query.value(1).toBool())
        return notSelectable(query.value(0).toString());
    MailboxStatus result;
    result.uidValidity = quint32(query.value(2).toLongLong());
    result.uidNext = quint32(query.value(3).toLongLong());
    result.messages = quint32(query.value(4).toLongLong());
    result.recent = quint32(query.value(5).toLongLong());
    result.unseen = quint32(query.value(6).toLongLong());
    return result;
}

StoreStatus SqliteStore::readUidsAndFlags(qint64 mailbox, MailboxSnapshot &snapshot)
{
    const auto rows = select(
        u"SELECT uid, flags FROM messages WHERE mailbox_id = ? ORDER BY uid"_s, mailbox);
    if (!rows)
        return rows.status();
    QSqlQuery &query = **rows;
    const FinishOnExit done{query};
    while (query.next()) {
        snapshot.uids.push_back(quint32(query.value(0).toLongLong()));
        snapshot.flags.push_back(FlagMask(query.value(1).toLongLong()));
    }
    return StoreStatus::ok();
}

// SELECT's data (RFC 3501 §6.3.1), read in one read transaction so the three statements see the
// same state even if another process writes in between.
StoreResult<MailboxSnapshot> SqliteStore::snapshot(qint64 account, qint64 mailbox)
{
    SqlTransaction transaction(m_database, Database::Access::Read);
    if (!transaction.status())
        return transaction.status();
    MailboxSnapshot result;
    const auto info = selectableMailbox(account, mailbox);
    if (!info)
        return info.status();
    result.info = *info;
    auto keywords = keywordTable(mailbox);
    if (!keywords)
        return keywords.status();
    result.keywords = std::move(*keywords);
    if (StoreStatus status = readUidsAndFlags(mailbox, result); !status)
        return status;
    return result;
}

StoreResult<quint32> SqliteStore::claimRecent(qint64 account, qint64 mailbox)
{
    SqlTransaction transaction(m_database);
    if (!transaction.status())
        return transaction.status();
    const auto info = selectableMailbox(account, mailbox);
    if (!info)
        return info.status();
    // Nothing new since the last claim: no write, so a SELECT costs no disk flush.
    if (info->firstRecentUid == info->uidNext)
        return info->firstRecentUid; // the unused transaction rolls back: no write

    const auto updated =
        change(u"UPDATE mailboxes SET first_recent_uid = uidnext WHERE id = ?"_s, mailbox);
    if (!updated)
        return updated.status();
    if (StoreStatus committed = transaction.commit(); !committed)
        return committed;
    return info->firstRecentUid;
}

// All messages or none: one transaction; the keyword limit is checked before anything is
// written. One body row and one message row per message (a loop over one APPEND's messages).
StoreResult<AppendResult> SqliteStore::append(qint64 account, qint64 mailbox,
                                              const QList<AppendRequest> &messages)
{
    // Parsed before the write lock is taken: the lock is held for the writes only.
    QList<ParsedMessage> parsed;
    parsed.reserve(messages.size());
    for (const AppendRequest &request : messages)
        parsed += parseMessage(request.message);

    SqlTransaction transaction(m_database);
    if (!transaction.status())
        return transaction.status();
    const auto info = selectableMailbox(account, mailbox);
    if (!info)
        return info.status();
    if (quint64(info->uidNext) + quint64(messages.size()) > std::numeric_limits<quint32>::max())
        return StoreStatus{StoreError::Limit, u"this mailbox has used up its UIDs"_s};
    const auto keywords = keywordTable(mailbox);
    if (!keywords)
        return keywords.status();
    const auto assigned = assignKeywords(*keywords, messages);
    if (!assigned)
        return assigned.status();
    const auto &table = assigned->keywords;
    const StoreStatus keywordsStored =
        insertKeywords(mailbox, table, table.size() - assigned->added);
    if (!keywordsStored)
        return keywordsStored;

    AppendResult result{info->uidValidity, {}, table, assigned->flags};
    quint32 uid = info->uidNext;
    for (qsizetype i = 0; i < messages.size(); ++i, ++uid) {
        const auto added = insertMessage(mailbox, uid, assigned->flags.at(i), messages.at(i),
                                         parsed.at(i).header, parsed.at(i).structure);
        if (!added)
            return added.status();
        result.uids += uid;
    }
    const auto moved = change(u"UPDATE mailboxes SET uidnext = ? WHERE id = ?"_s, qint64(uid),
                              mailbox);
    if (!moved)
        return moved.status();
    if (StoreStatus committed = transaction.commit(); !committed)
        return committed;
    return result;
}

StoreResult<QByteArray> SqliteStore::messageData(qint64 account, qint64 mailbox, quint32 uid)
{
    const auto rows = select(u"SELECT b.data FROM messages x "
                             u"JOIN mailboxes m ON m.id = x.mailbox_id "
                             u"JOIN bodies b ON b.id = x.body_id "
                             u"WHERE x.mailbox_id = ? AND x.uid = ? AND m.account_id = ?"_s,
                             mailbox, qint64(uid), account);
    if (!rows)
        return rows.status();
    QSqlQuery &query = **rows;
    const FinishOnExit done{query};
    if (!query.next())
        return StoreStatus{StoreError::NotFound, u"no message with UID "_s % QString::number(uid)};
    return query.value(0).toByteArray();
}

StoreResult<QList<MessageRecord>> SqliteStore::readRecords(qint64 account, qint64 mailbox,
                                                           const QString &condition,
                                                           const QVariantList &conditionValues,
                                                           MessageFields fields, qint64 limit,
                                                           Retained retained)
{
    // Only the columns asked for are read; bodies keep header and structure before the data, so
    // neither reads a message's bytes. A retained row's first column is its UID plus 2^32: a
    // column of its own measured about a sixth more time for FETCH 1:* (Info), all of it in Qt's
    // driver, which converts every column of every row.
    QString columns;
    int columnCount = 1;
    if (fields.testFlag(MessageField::Info)) {
        columns += u", x.flags, x.internal_date, x.internal_tz, x.size"_s;
        columnCount += 4;
    }
    for (const auto &[field, column] : {std::pair{MessageField::Header, u", b.header"_s},
                                        std::pair{MessageField::Structure, u", b.structure"_s},
                                        std::pair{MessageField::Data, u", b.data"_s}}) {
        if (fields.testFlag(field)) {
            columns += column;
            ++columnCount;
        }
    }
    const bool bodies = fields.testAnyFlags(MessageField::Header | MessageField::Structure
                                            | MessageField::Data);
    const QString bodyJoin = bodies ? u" LEFT JOIN bodies b ON b.id = x.body_id"_s : QString();

    Q_ASSERT(limit < 0 || retained == Retained::Excluded);
    QString sql;
    QVariantList values;
    if (retained == Retained::Excluded) {
        // The mailbox row is the outer side of a LEFT JOIN, so one statement both checks the
        // account (no row: NotFound) and reads the messages (a single row of NULLs: none
        // matched).
        sql = u"SELECT x.uid"_s % columns
            % u" FROM mailboxes m LEFT JOIN messages x ON x.mailbox_id = m.id AND "_s % condition
            % bodyJoin % u" WHERE m.id = ? AND m.account_id = ? ORDER BY x.uid"_s
            % (limit >= 0 ? u" LIMIT ?"_s : QString());
        values = conditionValues;
        values << bindable(mailbox) << bindable(account);
        if (limit >= 0)
            values << bindable(limit);
    } else {
        // One row of NULLs for the mailbox itself (no row at all: NotFound), the live rows and
        // the retained rows, each arm scoped by account through the mailbox row. No ORDER BY
        // (the marked UIDs would sort the retained rows last anyway): each arm reads its primary
        // key range in UID order, and the rows are put in UID order below.
        QString nulls;
        for (int i = 0; i < columnCount; ++i)
            nulls += i == 0 ? u"NULL"_s : u", NULL"_s;
        const auto arm = [&](const QString &table, const QString &uid) -> QString {
            return u"SELECT "_s % uid % columns % u" FROM mailboxes m JOIN "_s % table
                % u" x ON x.mailbox_id = m.id AND "_s % condition % bodyJoin
                % u" WHERE m.id = ? AND m.account_id = ?"_s;
        };
        sql = u"SELECT "_s % nulls % u" FROM mailboxes WHERE id = ? AND account_id = ?"_s
            % u" UNION ALL "_s % arm(u"messages"_s, u"x.uid"_s) % u" UNION ALL "_s
            % arm(u"expunged_messages"_s, u"x.uid + "_s % QString::number(retainedMark));
        values << bindable(mailbox) << bindable(account);
        for (int arms = 0; arms < 2; ++arms) {
            values += conditionValues;
            values << bindable(mailbox) << bindable(account);
        }
    }

    const auto rows = execute(sql, values);
    if (!rows)
        return rows.status();
    QSqlQuery &query = **rows;
    const FinishOnExit done{query};
    // Every row, a message's or the NULLs, says the mailbox is the account's.
    bool found = false;
    QList<MessageRecord> result;
    while (query.next()) {
        found = true;
        if (query.value(0).isNull())
            continue;
        MessageRecord record;
        const qint64 uid = query.value(0).toLongLong();
        record.info.uid = quint32(uid);
        record.expunged = uid >= retainedMark;
        int column = 1;
        if (fields.testFlag(MessageField::Info)) {
            record.info.flags = FlagMask(query.value(column).toLongLong());
            record.info.internalDate = QDateTime::fromMSecsSinceEpoch(
                query.value(column + 1).toLongLong(), Qt::OffsetFromUTC,
                query.value(column + 2).toInt());
            record.info.size = query.value(column + 3).toLongLong();
            column += 4;
        }
        if (fields.testFlag(MessageField::Header))
            record.header = query.value(column++).toByteArray();
        if (fields.testFlag(MessageField::Structure))
            record.structure = query.value(column++).toByteArray();
        if (fields.testFlag(MessageField::Data))
            record.data = query.value(column++).toByteArray();
        result += std::move(record);
    }
    if (!found)
        return mailboxIdNotFound(mailbox);
    // Live and retained UIDs are disjoint: when both arms returned rows (or SQLite chose another
    // order), one sort puts them in UID order. The usual case, nothing retained, costs one pass.
    const auto byUid = [](const MessageRecord &a, const MessageRecord &b) {
        return a.info.uid < b.info.uid;
    };
    if (!std::is_sorted(result.cbegin(), result.cend(), byUid))
        std::sort(result.begin(), result.end(), byUid);
    return result;
}

StoreResult<QList<MessageInfo>> SqliteStore::messageInfos(qint64 account, qint64 mailbox,
                                                          quint32 firstUid, quint32 lastUid,
                                                          int limit)
{
    // LIMIT 0 would return no row at all, not even the mailbox's: ask for an empty range.
    if (limit <= 0) {
        firstUid = 1;
        lastUid = 0;
    }
    const auto records = readRecords(account, mailbox, u"x.uid BETWEEN ? AND ?"_s,
                                     {bindable(qint64(firstUid)), bindable(qint64(lastUid))},
                                     MessageField::Info, std::max(limit, 1));
    if (!records)
        return records.status();
    QList<MessageInfo> result;
    result.reserve(records->size());
    for (const MessageRecord &record : *records)
        result += record.info;
    return result;
}

// One statement whatever the number of UIDs (DESIGN.md, Storage; see uidCondition()), retained
// expunged messages included (RFC 3501 §7.4.1; see MailStore::expungeDeleted()).
StoreResult<QList<MessageRecord>> SqliteStore::messageRecords(qint64 account, qint64 mailbox,
                                                              const QList<quint32> &uids,
                                                              MessageFields fields)
{
    const UidCondition selected = uidCondition(uids, u"x.uid"_s);
    return readRecords(account, mailbox, selected.sql, selected.values, fields, -1,
                       Retained::Included);
}

// RFC 3501 §6.4.6. One UPDATE for every message that changes (its WHERE leaves the others
// alone, so they are neither written nor reported); new keywords are written only when some
// message gets them. The changes are read first, in the same write transaction and with the same
// condition: for 100,000 rows a SELECT and a plain UPDATE cost SQLite half of what one
// UPDATE ... RETURNING does (it buffers every returned row in a temporary table).
StoreResult<StoreFlagsResult> SqliteStore::storeFlags(qint64 account, qint64 mailbox,
                                                      const QList<quint32> &uids, FlagUpdate mode,
                                                      const FlagRequest &flags)
{
    SqlTransaction transaction(m_database);
    if (!transaction.status())
        return transaction.status();
    if (const auto info = selectableMailbox(account, mailbox); !info)
        return info.status();
    const auto keywords = keywordTable(mailbox);
    if (!keywords)
        return keywords.status();
    const auto plan = planFlagStore(*keywords, mode, flags);
    if (!plan)
        return plan.status();
    const FlagEdit edit = plan->edit;
    const QVariant keep = bindable(qint64(edit.keep));
    const QVariant set = bindable(qint64(edit.set));
    const UidCondition selected = uidCondition(uids, u"uid"_s);
    const QString changing = u"WHERE mailbox_id = ? AND "_s % selected.sql
        % u" AND flags != ((flags & ?) | ?)"_s;
    const QVariantList changingValues =
        QVariantList{bindable(mailbox)} + selected.values + QVariantList{keep, set};

    StoreFlagsResult result{*keywords, {}};
    {
        const auto rows = execute(u"SELECT uid, flags FROM messages "_s % changing
                                      % u" ORDER BY uid"_s,
                                  changingValues);
        if (!rows)
            return rows.status();
        QSqlQuery &query = **rows;
        const FinishOnExit done{query};
        while (query.next())
            result.changed += FlagChange{quint32(query.value(0).toLongLong()),
                                         edit.apply(FlagMask(query.value(1).toLongLong()))};
    }
    if (result.changed.isEmpty())
        return result; // nothing to write
    const auto updated = execute(u"UPDATE messages SET flags = ((flags & ?) | ?) "_s % changing,
                                 QVariantList{keep, set} + changingValues);
    if (!updated)
        return updated.status();
    const qint64 rows = (*updated)->numRowsAffected();
    (*updated)->finish();
    if (rows != result.changed.size())
        return StoreStatus{StoreError::Unavailable, u"STORE changed "_s % QString::number(rows)
                               % u" messages instead of "_s
                               % QString::number(result.changed.size())};
    if (plan->added > 0) {
        const qsizetype from = plan->keywords.size() - plan->added;
        if (StoreStatus added = insertKeywords(mailbox, plan->keywords, from); !added)
            return added;
        result.keywords = plan->keywords;
    }
    if (StoreStatus committed = transaction.commit(); !committed)
        return committed;
    return result;
}

// RFC 3501 §6.4.7, RFC 4315 §3 (COPYUID). One transaction: read which of the UIDs exist (and
// which keywords they use), give the destination the keywords it lacks, then ONE INSERT ...
// SELECT that numbers the copies from the destination's UIDNEXT in UID order, translates the
// keyword bits and shares the body rows, and last moves UIDNEXT. Copying into the same mailbox
// works the same way: SQLite materialises the SELECT (a window function) before inserting.
StoreResult<CopyResult> SqliteStore::copyMessages(qint64 account, qint64 from,
                                                  const QList<quint32> &uids, qint64 to)
{
    SqlTransaction transaction(m_database);
    if (!transaction.status())
        return transaction.status();
    if (const auto source = selectableMailbox(account, from); !source)
        return source.status();
    const auto destination = selectableMailbox(account, to);
    if (!destination)
        return destination.status();
    const UidCondition selected = uidCondition(uids, u"uid"_s);

    CopyResult result{destination->uidValidity, {}, {}, {}, {}};
    QList<FlagMask> sourceFlags;
    FlagMask used = 0;
    {
        const auto rows = execute(u"SELECT uid, flags FROM messages WHERE mailbox_id = ? AND "_s
                                      % selected.sql % u" ORDER BY uid"_s,
                                  QVariantList{bindable(from)} + selected.values);
        if (!rows)
            return rows.status();
        QSqlQuery &query = **rows;
        const FinishOnExit done{query};
        while (query.next()) {
            result.sourceUids += quint32(query.value(0).toLongLong());
            sourceFlags += FlagMask(query.value(1).toLongLong());
            used |= sourceFlags.last();
        }
    }
    const auto destinationKeywords = keywordTable(to);
    if (!destinationKeywords)
        return destinationKeywords.status();
    result.keywords = *destinationKeywords;
    const qsizetype count = result.sourceUids.size();
    if (count == 0)
        return result; // nothing to copy, nothing changed
    if (quint64(destination->uidNext) + quint64(count) > std::numeric_limits<quint32>::max())
        return StoreStatus{StoreError::Limit, u"the destination has used up its UIDs"_s};

    auto sourceKeywords = from == to ? destinationKeywords : keywordTable(from);
    if (!sourceKeywords)
        return sourceKeywords.status();
    const auto translation = translateKeywords(*sourceKeywords, used, *destinationKeywords);
    if (!translation)
        return translation.status();
    const StoreStatus keywordsStored = insertKeywords(
        to, translation->keywords, translation->keywords.size() - translation->added);
    if (!keywordsStored)
        return keywordsStored;

    // The flags expression depends only on how many bits move (at most Flag::MaxKeywords), so
    // it stays one of few cached statements; the bits themselves are bound.
    QString flagsExpression = u"(flags & ?)"_s;
    QVariantList values{bindable(to), bindable(qint64(destination->uidNext) - 1),
                        bindable(qint64(translation->unchanged))};
    for (const auto &[sourceBit, destinationBit] : translation->moved) {
        flagsExpression += u" | (CASE WHEN (flags & ?) != 0 THEN ? ELSE 0 END)"_s;
        values << bindable(qint64(sourceBit)) << bindable(qint64(destinationBit));
    }
    values << bindable(from) << selected.values;
    const auto inserted = execute(
        u"INSERT INTO messages (mailbox_id, uid, body_id, flags, internal_date, internal_tz, "
        u"size) SELECT ?, ? + row_number() OVER (ORDER BY uid), body_id, "_s
            % flagsExpression
            % u", internal_date, internal_tz, size FROM messages WHERE mailbox_id = ? AND "_s
            % selected.sql,
        values);
    if (!inserted)
        return inserted.status();
    const qint64 rowsInserted = (*inserted)->numRowsAffected();
    (*inserted)->finish();
    if (rowsInserted != count)
        return StoreStatus{StoreError::Unavailable, u"COPY inserted "_s
                               % QString::number(rowsInserted) % u" messages instead of "_s
                               % QString::number(count)};
    const auto moved = change(u"UPDATE mailboxes SET uidnext = ? WHERE id = ?"_s,
                              qint64(destination->uidNext) + count, to);
    if (!moved)
        return moved.status();
    if (StoreStatus committed = transaction.commit(); !committed)
        return committed;

    result.keywords = translation->keywords;
    result.destinationUids.reserve(count);
    result.flags.reserve(count);
    for (qsizetype i = 0; i < count; ++i) {
        result.destinationUids += destination->uidNext + quint32(i);
        result.flags += translation->apply(sourceFlags.at(i));
    }
    return result;
}

// RFC 3501 §6.4.3 (EXPUNGE), RFC 4315 §2.1 (UID EXPUNGE: only the given UIDs). The messages
// move to expunged_messages, retained for the sessions not told yet (RFC 3501 §7.4.1; see
// MailStore::expungeDeleted()): one INSERT ... SELECT and one DELETE with the same condition,
// in one transaction, whatever the number of messages. The bodies stay: the retained rows
// refer to them (the trigger on messages checks both tables).
StoreResult<QList<quint32>> SqliteStore::expungeDeleted(qint64 account, qint64 mailbox,
                                                        const QList<quint32> *onlyUids)
{
    SqlTransaction transaction(m_database);
    if (!transaction.status())
        return transaction.status();
    if (const auto info = selectableMailbox(account, mailbox); !info)
        return info.status();
    QString condition = u"mailbox_id = ? AND (flags & ?) != 0"_s;
    QVariantList values{bindable(mailbox), bindable(qint64(Flag::Deleted))};
    if (onlyUids) {
        const UidCondition only = uidCondition(*onlyUids, u"uid"_s);
        condition += u" AND "_s % only.sql;
        values += only.values;
    }
    const auto retained = execute(u"INSERT INTO expunged_messages (mailbox_id, uid, body_id, "
                                  u"flags, internal_date, internal_tz, size) SELECT mailbox_id, "
                                  u"uid, body_id, flags, internal_date, internal_tz, size "
                                  u"FROM messages WHERE "_s % condition,
                                  values);
    if (!retained)
        return retained.status();
    const qint64 retainedRows = (*retained)->numRowsAffected();
    (*retained)->finish();
    if (retainedRows == 0)
        return QList<quint32>(); // nothing to expunge, nothing written

    const auto rows = execute(u"DELETE FROM messages WHERE "_s % condition % u" RETURNING uid"_s,
                              values);
    if (!rows)
        return rows.status();
    QList<quint32> removed;
    removed.reserve(retainedRows);
    {
        QSqlQuery &query = **rows;
        const FinishOnExit done{query};
        while (query.next())
            removed += quint32(query.value(0).toLongLong());
    }
    if (removed.size() != retainedRows)
        return StoreStatus{StoreError::Unavailable, u"EXPUNGE retained "_s
                               % QString::number(retainedRows) % u" messages but removed "_s
                               % QString::number(removed.size())};
    if (StoreStatus committed = transaction.commit(); !committed)
        return committed;
    std::sort(removed.begin(), removed.end()); // RETURNING promises no order
    return removed;
}

// One DELETE; the trigger on expunged_messages frees the bodies no row refers to any more.
StoreStatus SqliteStore::releaseExpunged(qint64 account, qint64 mailbox,
                                         const QList<quint32> &uids)
{
    SqlTransaction transaction(m_database);
    if (!transaction.status())
        return transaction.status();
    if (const auto info = mailboxById(account, mailbox); !info)
        return info.status();
    if (uids.isEmpty())
        return StoreStatus::ok();
    const UidCondition selected = uidCondition(uids, u"uid"_s);
    const auto released = execute(u"DELETE FROM expunged_messages WHERE mailbox_id = ? AND "_s
                                      % selected.sql,
                                  QVariantList{bindable(mailbox)} + selected.values);
    if (!released)
        return released.status();
    (*released)->finish();
    return transaction.commit();
}

StoreStatus SqliteStore::releaseAllExpunged()
{
    return change(u"DELETE FROM expunged_messages"_s).status();
}

// ---- group commit ---------------------------------------------------------------------------

StoreStatus SqliteStore::beginBatch()
{
    StoreStatus status = m_database.begin(Database::Access::Write);
    if (status)
        ++m_batchDepth;
    return status;
}

StoreStatus SqliteStore::commitBatch()
{
    if (m_batchDepth == 0)
        return {StoreError::Invalid, u"commitBatch() without beginBatch()"_s};
    --m_batchDepth;
    return m_database.commit();
}

qint64 SqliteStore::externalChangeVersion()
{
    // PRAGMA data_version changes when another connection commits (not for our own commits).
    const auto rows = select(u"PRAGMA data_version"_s);
    if (!rows)
        return -1;
    QSqlQuery &query = **rows;
    const FinishOnExit done{query};
    return query.next() ? query.value(0).toLongLong() : -1;
}

QString SqliteStore::changeSignalFile() const
{
    return m_database.path() + u"-wal"_s;
}

void SqliteStore::rollbackBatch()
{
    if (m_batchDepth == 0)
        return;
    --m_batchDepth;
    m_database.rollback();
}

} // namespace qimapd
