#include "SelectCommand.h"
#include "ImapServer.h"
#include "MailStore.h"
#include "Session.h"
#include "mailbox/LiveMailboxes.h"
#include "mailbox/MailboxIndex.h"
#include "mailbox/MailboxView.h"

namespace qimapd {

void SelectCommand::execute()
{
    if (!expectArgCount(1))
        return;
    // "The SELECT command automatically deselects any currently selected mailbox before
    // attempting the new selection": a failure leaves none selected, an unacceptable name
    // included (RFC 3501 §6.3.1). Deselecting never expunges (RFC 3501 §6.4.2; seed bug 16).
    // Re-selecting the same mailbox reuses its loaded index: hold it across the deselect.
    std::shared_ptr<MailboxIndex> previous;
    if (const MailboxView *current = session().selectedMailbox())
        previous = current->sharedIndex();
    session().deselect();
    QString name;
    if (!takeMailbox(0, mailboxname::Use::Existing, &name))
        return;

    const qint64 account = session().account();
    const StoreResult<MailboxInfo> mailbox = store().mailbox(account, name);
    if (!mailbox) {
        noFromStore(mailbox.status());
        return;
    }
    if (mailbox->noSelect) {
        no("Mailbox cannot be selected", "CANNOT");
        return;
    }
    const StoreResult<std::shared_ptr<MailboxIndex>> index = server().mailboxes().open(account, *mailbox);
    if (!index) {
        noFromStore(index.status());
        return;
    }
    auto view = std::make_unique<MailboxView>(*index, m_readOnly);
    // \Recent belongs to the first session that sees a message; EXAMINE shows it without
    // taking it (RFC 3501 §2.3.2, §6.3.2).
    if (m_readOnly) {
        view->addRecent(mailbox->firstRecentUid, (*index)->uidNext());
    } else if (const StoreResult<quint32> claimed = store().claimRecent(account, mailbox->id)) {
        view->addRecent(*claimed, (*index)->uidNext());
    }
    view->markAllKnown();

    const MailboxIndex &live = **index;
    const QByteArray flags = flagNames(Flag::SystemMask, {}) + (live.keywords().isEmpty() ? "" : " ")
        + live.keywords().join(' ');
    untagged("FLAGS (" + flags + ')');
    untagged(QByteArray::number(view->exists()) + " EXISTS");
    untagged(QByteArray::number(view->recentCount()) + " RECENT");
    // [UNSEEN n] only when a message is unseen (seed bug 10).
    if (const quint32 unseen = view->firstUnseenSequence())
        untagged("OK [UNSEEN " + QByteArray::number(unseen) + "] First unseen message");
    untagged("OK [UIDVALIDITY " + QByteArray::number(live.uidValidity()) + "] UIDs valid");
    untagged("OK [UIDNEXT " + QByteArray::number(live.uidNext()) + "] Predicted next UID");
    // "\*": clients may create keywords (seed bug 19). A read-only mailbox changes nothing.
    if (m_readOnly)
        untagged("OK [PERMANENTFLAGS ()] Read-only mailbox");
    else
        untagged("OK [PERMANENTFLAGS (" + flags + " \\*)] Flags permitted");

    session().select(std::move(view));
    if (m_readOnly)
        ok("EXAMINE completed", "READ-ONLY");
    else
        ok("SELECT completed", "READ-WRITE");
}

} // namespace qimapd
