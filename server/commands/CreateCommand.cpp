#include "CreateCommand.h"
#include "MailStore.h"
#include "Session.h"

namespace qimapd {

void CreateCommand::execute()
{
    QString name;
    if (!expectArgCount(1) || !takeMailbox(0, mailboxname::Use::New, &name))
        return;
    if (mailboxname::isInbox(name)) {
        no("INBOX always exists", "ALREADYEXISTS");
        return;
    }
    const StoreStatus status = store().createMailbox(session().account(), name);
    if (!status) {
        noFromStore(status);
        return;
    }
    ok("CREATE completed");
}

} // namespace qimapd
