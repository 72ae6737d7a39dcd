#include "AppendCommand.h"
#include "ImapServer.h"
#include "MailStore.h"
#include "Session.h"
#include "mailbox/LiveMailboxes.h"
#include "mailbox/MailboxIndex.h"
#include "mailbox/MailboxView.h"
#include "protocol/DateTime.h"
#include "protocol/FlagList.h"

namespace qimapd {

void AppendCommand::execute()
{
    // append = "APPEND" SP mailbox [SP flag-list] [SP date-time] SP literal (RFC 3501 §6.3.11)
    QString name;
    if (!expectArgCount(2, 4) || !takeMailbox(0, mailboxname::Use::Existing, &name))
        return;
    // Everything is checked before anything is stored (seed bug 9).
    AppendRequest request;
    qsizetype next = 1;
    if (next < args().size() - 1 && args().at(next).isList()) {
        QByteArray error;
        if (!parseFlagList(args().at(next), &request.flags, &error)) {
            bad(error);
            return;
        }
        ++next;
    }
    if (next < args().size() - 1) {
        const ImapArg &date = args().at(next);
        const std::optional<QDateTime> parsed = date.isString() ? parseImapDateTime(date.value) : std::nullopt;
        if (!parsed) {
            bad("Invalid date-time, expected e.g. \"17-Jul-1996 02:44:25 -0700\"");
            return;
        }
        request.internalDate = *parsed;
        ++next;
    }
    if (next != args().size() - 1 || args().at(next).type != ImapArg::Type::Literal) {
        bad("APPEND needs the message as a literal");
        return;
    }
    request.message = args().at(next).value;
    if (request.message.isEmpty()) {
        no("Cannot append an empty message");
        return;
    }

    const StoreResult<MailboxInfo> mailbox = store().mailbox(session().account(), name);
    if (!mailbox) {
        noForDestination(mailbox.status());
        return;
    }
    if (mailbox->noSelect) {
        no("Mailbox cannot hold messages", "CANNOT");
        return;
    }
    const StoreResult<AppendResult> result =
        server().mailboxes().append(session().account(), mailbox->id, {request}, session().selectedMailbox());
    if (!result) {
        noFromStore(result.status());
        return;
    }
    // If the mailbox is selected here, the view now has a new message and the session sends
    // its EXISTS before this tagged reply (seed bug 9).
    ok("APPEND completed", "APPENDUID " + QByteArray::number(result->uidValidity) + ' '
                               + QByteArray::number(result->uids.first()));
}

} // namespace qimapd
