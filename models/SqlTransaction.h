#pragma once

#include "Database.h"

namespace qimapd {

// A Database transaction for one scope: begun on construction, rolled back on destruction unless
// commit() succeeded. Store methods use it so that every early error return leaves nothing half
// written ("all or none", MailStore::append; RENAME in one step).
class SqlTransaction
{
public:
    explicit SqlTransaction(Database &database, Database::Access access = Database::Access::Write);
    ~SqlTransaction();
    Q_DISABLE_COPY_MOVE(SqlTransaction)

    // Whether the transaction could be begun (e.g. the write lock was obtained).
    const StoreStatus &status() const { return m_status; }
    StoreStatus commit();

private:
    Database &m_database;
    StoreStatus m_status;
    bool m_open = false;
};

} // namespace qimapd
