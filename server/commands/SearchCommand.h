#pragma once

#include "Command.h"
#include "search/SearchEvaluator.h"
#include "search/SearchQuery.h"

#include <memory>
#include <vector>

namespace qimapd {

class MailboxView;

// SEARCH and UID SEARCH (RFC 3501 §6.4.4, §6.4.8). Messages are examined in time-sliced
// chunks, cheapest data first: flags from the shared index, then dates and sizes, then headers,
// and whole messages only for those the cheaper data could not decide.
class SearchCommand : public Command
{
public:
    explicit SearchCommand(bool byUid = false);
    ~SearchCommand() override;

protected:
    void execute() override;
    Slice work() override;
    void finished() override;

private:
    bool searchChunk();

    bool m_byUid;
    SearchQuery m_query;
    std::unique_ptr<SearchEvaluator> m_evaluator;
    MailboxView *m_view = nullptr;
    std::vector<quint32> m_sequences;
    std::vector<quint32> m_uids;
    size_t m_next = 0;
    QByteArray m_results;
};

class UidSearchCommand : public SearchCommand
{
public:
    UidSearchCommand() : SearchCommand(true) {}
};

} // namespace qimapd
