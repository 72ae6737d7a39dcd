#include "StoreCommand.h"
#include "ImapServer.h"
#include "MailStore.h"
#include "SequenceSet.h"
#include "Session.h"
#include "mailbox/LiveMailboxes.h"
#include "mailbox/MailboxIndex.h"
#include "mailbox/MailboxView.h"
#include "protocol/FlagList.h"

namespace qimapd {

void StoreCommand::execute()
{
    // store = "STORE" SP sequence-set SP store-att-flags
    // store-att-flags = (["+" / "-"] "FLAGS" [".SILENT"]) SP (flag-list / (flag *(SP flag)))
    if (!expectArgCount(3, 1000))
        return;
    QByteArray error;
    // Item names are case-insensitive (seed bug 11).
    QByteArray item = args().at(1).isAtom() ? args().at(1).value.toUpper() : QByteArray();
    FlagUpdate mode = FlagUpdate::Replace;
    if (item.startsWith('+') || item.startsWith('-')) {
        mode = item.startsWith('+') ? FlagUpdate::Add : FlagUpdate::Remove;
        item.remove(0, 1);
    }
    const bool silent = item.endsWith(".SILENT");
    if (silent)
        item.chop(7);
    if (item != "FLAGS") {
        bad("Expected FLAGS, +FLAGS or -FLAGS, optionally .SILENT");
        return;
    }
    FlagRequest flags;
    if (args().size() == 3) {
        if (!parseFlagList(args().at(2), &flags, &error)) {
            bad(error);
            return;
        }
    } else {
        ImapArg list;
        list.type = ImapArg::Type::List;
        list.children = args().mid(2);
        if (!parseFlagList(list, &flags, &error)) {
            bad(error);
            return;
        }
    }

    MailboxView *view = session().selectedMailbox();
    const std::optional<MessageTargets> targets = takeMessages(0, m_byUid);
    if (!targets)
        return;
    if (view->isReadOnly()) {
        no("The mailbox is read-only", "READ-ONLY");
        return;
    }
    const QList<quint32> uids(targets->uids.cbegin(), targets->uids.cend());
    const StoreResult<StoreFlagsResult> stored = server().mailboxes().storeFlags(
        session().account(), view->index().mailboxId(), uids, mode, flags, view);
    if (!stored) {
        noFromStore(stored.status());
        return;
    }
    if (!silent) {
        // The new flags of every message named (RFC 3501 §6.4.6), \Recent included since it is
        // this session's (seed bug 11); UID STORE adds the UID (§6.4.8).
        for (size_t i = 0; i < targets->uids.size(); ++i) {
            const quint32 uid = targets->uids[i];
            const std::optional<FlagMask> current = view->flagsOf(uid);
            if (!current)
                continue;
            QByteArray names = flagNames(*current, view->index().keywords());
            if (view->isRecent(uid))
                names += names.isEmpty() ? "\\Recent" : " \\Recent";
            QByteArray line = QByteArray::number(targets->sequences[i]) + " FETCH (";
            if (m_byUid)
                line += "UID " + QByteArray::number(uid) + ' ';
            untagged(line + "FLAGS (" + names + "))");
        }
    }
    ok(m_byUid ? "UID STORE completed" : "STORE completed");
}

} // namespace qimapd
