#include "CommandRegistry.h"
#include "commands/AppendCommand.h"
#include "commands/AuthenticateCommand.h"
#include "commands/CapabilityCommand.h"
#include "commands/CheckCommand.h"
#include "commands/CloseCommand.h"
#include "commands/CopyCommand.h"
#include "commands/CreateCommand.h"
#include "commands/DeleteCommand.h"
#include "commands/ExpungeCommand.h"
#include "commands/FetchCommand.h"
#include "commands/IdCommand.h"
#include "commands/IdleCommand.h"
#include "commands/ListCommand.h"
#include "commands/LoginCommand.h"
#include "commands/LogoutCommand.h"
#include "commands/LsubCommand.h"
#include "commands/NamespaceCommand.h"
#include "commands/NoopCommand.h"
#include "commands/RenameCommand.h"
#include "commands/SearchCommand.h"
#include "commands/SelectCommand.h"
#include "commands/StartTlsCommand.h"
#include "commands/StatusCommand.h"
#include "commands/StoreCommand.h"
#include "commands/SubscribeCommand.h"
#include "commands/UnselectCommand.h"

namespace qimapd {

// The one table of IMAP commands: where each is valid and the flags that drive the shared
// mechanisms (which pending updates may follow it). Everything a command needs to know about
// states and EXPUNGE rules is here, not in the command.
void registerStandardCommands(CommandRegistry &registry)
{
    using F = CommandFlag;
    const struct Row
    {
        const char *name;
        SessionStates states;
        CommandFlags flags;
        CommandFactory factory;
    } rows[] = {
        // RFC 3501 §6.1: any state
        {"CAPABILITY", States::Any, F::None, factoryFor<CapabilityCommand>()},
        {"NOOP", States::Any, F::None, factoryFor<NoopCommand>()},
        {"LOGOUT", States::Any, F::NoUpdates, factoryFor<LogoutCommand>()},
        {"ID", States::Any, F::None, factoryFor<IdCommand>()}, // RFC 2971
        // RFC 3501 §6.2: not authenticated
        {"STARTTLS", States::NotAuthenticated, F::NoUpdates, factoryFor<StartTlsCommand>()},
        {"AUTHENTICATE", States::NotAuthenticated, F::Secret, factoryFor<AuthenticateCommand>()},
        {"LOGIN", States::NotAuthenticated, F::Secret, factoryFor<LoginCommand>()},
        // RFC 3501 §6.3: authenticated (and selected)
        {"SELECT", States::Authenticated, F::None, factoryFor<SelectCommand>()},
        {"EXAMINE", States::Authenticated, F::None, factoryFor<ExamineCommand>()},
        {"CREATE", States::Authenticated, F::None, factoryFor<CreateCommand>()},
        {"DELETE", States::Authenticated, F::None, factoryFor<DeleteCommand>()},
        {"RENAME", States::Authenticated, F::None, factoryFor<RenameCommand>()},
        {"SUBSCRIBE", States::Authenticated, F::None, factoryFor<SubscribeCommand>()},
        {"UNSUBSCRIBE", States::Authenticated, F::None, factoryFor<UnsubscribeCommand>()},
        {"LIST", States::Authenticated, F::None, factoryFor<ListCommand>()},
        {"LSUB", States::Authenticated, F::None, factoryFor<LsubCommand>()},
        {"STATUS", States::Authenticated, F::None, factoryFor<StatusCommand>()},
        {"APPEND", States::Authenticated, F::None, factoryFor<AppendCommand>()},
        {"NAMESPACE", States::Authenticated, F::None, factoryFor<NamespaceCommand>()}, // RFC 2342
        {"IDLE", States::Authenticated, F::None, factoryFor<IdleCommand>()},           // RFC 2177
        // RFC 3501 §6.4: selected
        {"CHECK", States::Selected, F::None, factoryFor<CheckCommand>()},
        {"CLOSE", States::Selected, F::NoUpdates, factoryFor<CloseCommand>()},
        {"UNSELECT", States::Selected, F::NoUpdates, factoryFor<UnselectCommand>()}, // RFC 3691
        {"EXPUNGE", States::Selected, F::None, factoryFor<ExpungeCommand>()},
        // Sequence-number forms: no EXPUNGE may renumber messages under them (RFC 3501 §7.4.1).
        {"FETCH", States::Selected, F::UsesSequenceNumbers | F::NoExpungeResponses, factoryFor<FetchCommand>()},
        {"STORE", States::Selected, F::UsesSequenceNumbers | F::NoExpungeResponses, factoryFor<StoreCommand>()},
        {"SEARCH", States::Selected, F::UsesSequenceNumbers | F::NoExpungeResponses, factoryFor<SearchCommand>()},
        {"COPY", States::Selected, F::UsesSequenceNumbers, factoryFor<CopyCommand>()},
        // RFC 3501 §6.4.8: the UID forms may see EXPUNGE.
        {"UID FETCH", States::Selected, F::None, factoryFor<UidFetchCommand>()},
        {"UID STORE", States::Selected, F::None, factoryFor<UidStoreCommand>()},
        {"UID SEARCH", States::Selected, F::None, factoryFor<UidSearchCommand>()},
        {"UID COPY", States::Selected, F::None, factoryFor<UidCopyCommand>()},
        {"UID EXPUNGE", States::Selected, F::None, factoryFor<UidExpungeCommand>()}, // RFC 4315 §2.1
    };
    for (const Row &row : rows)
        registry.add({QByteArray(row.name), row.states, row.flags, row.factory});
}

} // namespace qimapd
