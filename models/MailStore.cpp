#include "MailStore.h"

namespace qimapd {

MailStore::~MailStore() = default;

} // namespace qimapd
