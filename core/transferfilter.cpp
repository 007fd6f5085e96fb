#include "transferfilter.h"

#include <QFileInfo>

namespace Ferry {

void TransferFilter::setText(const QString &text)
{
    m_text = text.trimmed();
}

bool TransferFilter::accepts(const TransferSnapshot &snapshot) const
{
    if (!inCategory(snapshot.state, m_category))
        return false;
    if (m_text.isEmpty())
        return true;
    return displayName(snapshot).contains(m_text, Qt::CaseInsensitive)
           || snapshot.url.toDisplayString().contains(m_text, Qt::CaseInsensitive);
}

bool TransferFilter::inCategory(TransferState state, Category category)
{
    switch (category) {
    case Category::All:
    case Category::Count:
        return true;
    case Category::Active:
        return state == TransferState::Active || state == TransferState::Waiting;
    case Category::Queued:
        return state == TransferState::Queued;
    case Category::Paused:
        return state == TransferState::Paused;
    case Category::Completed:
        return state == TransferState::Completed;
    case Category::Failed:
        return state == TransferState::Failed || state == TransferState::Cancelled;
    }
    return true;
}

QString TransferFilter::displayName(const TransferSnapshot &snapshot)
{
    if (!snapshot.filePath.isEmpty())
        return QFileInfo(snapshot.filePath).fileName();
    const QString name = snapshot.url.fileName();
    return name.isEmpty() ? snapshot.url.host() : name;
}

} // namespace Ferry
