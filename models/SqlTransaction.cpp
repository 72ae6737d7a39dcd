#include "SqlTransaction.h"

namespace qimapd {

SqlTransaction::SqlTransaction(Database &database, Database::Access access)
    : m_database(database), m_status(database.begin(access)), m_open(m_status.isOk())
{
}

SqlTransaction::~SqlTransaction()
{
    if (m_open)
        m_database.rollback();
}

StoreStatus SqlTransaction::commit()
{
    if (!m_open)
        return m_status;
    m_open = false;
    return m_database.commit();
}

} // namespace qimapd
