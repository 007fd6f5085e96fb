#pragma once

#include "core/transfersnapshot.h"
#include "core/transferstate.h"

#include <QString>

namespace Ferry {

// Which downloads a list shows: a state category and a search text. Pure logic, so every front
// end filters the same way.
class TransferFilter
{
public:
    enum class Category {
        All,
        Active,    // running or waiting to retry
        Queued,    // waiting for a free slot
        Paused,    // stopped by the user, resumable
        Completed, // the file is in place
        Failed,    // gave up or cancelled
        Count,
    };

    Category category() const { return m_category; }

    void setCategory(Category category) { m_category = category; }

    QString text() const { return m_text; }

    // Matched case-insensitively against the file name and the URL; blank matches everything.
    void setText(const QString &text);

    bool accepts(const TransferSnapshot &snapshot) const;

    static bool inCategory(TransferState state, Category category);
    // What a list shows as the name: the file name once known, else the URL's last segment,
    // else the host.
    static QString displayName(const TransferSnapshot &snapshot);

private:
    Category m_category = Category::All;
    QString m_text;
};

} // namespace Ferry
