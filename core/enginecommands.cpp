// The user's commands on items: pause, resume, cancel, remove, move, change the URL, and the
// same for all at once. Split from engine.cpp, which holds the rest of Engine.
#include "engine.h"

#include "core/authhandler.h"
#include "core/checkpointstore.h"
#include "core/download.h"
#include "core/hostscheduler.h"
#include "core/transferitem.h"

#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <vector>

using namespace Qt::StringLiterals;

namespace Ferry {

void Engine::pause(const QList<TransferId> &ids)
{
    for (const TransferId id : ids) {
        Item *item = find(id);
        if (!item)
            continue;
        switch (item->state) {
        case TransferState::Queued:
            dequeue(*item);
            setState(*item, TransferState::Paused);
            break;
        case TransferState::Waiting:
            setState(*item, TransferState::Paused);
            break;
        case TransferState::Active:
            if (!item->stopTarget)
                stopItem(*item, TransferState::Paused, false, false);
            break;
        default:
            break;
        }
    }
    scheduleSoon();
}

void Engine::resume(const QList<TransferId> &ids)
{
    for (const TransferId id : ids) {
        Item *item = find(id);
        if (!item)
            continue;
        switch (item->state) {
        case TransferState::Failed:
        case TransferState::Cancelled:
            item->attempts = 0;
            item->error.reset();
            [[fallthrough]];
        case TransferState::Paused:
            setState(*item, TransferState::Queued);
            enqueue(*item);
            m_busy = true;
            break;
        case TransferState::Waiting:
            // Retry now rather than at the scheduled time.
            setState(*item, TransferState::Queued);
            enqueue(*item);
            break;
        case TransferState::Active:
            // Resumed while a pause or cancel is still winding down: it goes back in line.
            if (item->stopTarget && !item->removeAfterStop) {
                item->stopTarget = TransferState::Queued;
                m_busy = true;
            }
            break;
        default:
            break;
        }
    }
    m_halted = false;
    scheduleSoon();
}

void Engine::cancel(const QList<TransferId> &ids)
{
    for (const TransferId id : ids) {
        Item *item = find(id);
        if (!item)
            continue;
        switch (item->state) {
        case TransferState::Queued:
            dequeue(*item);
            [[fallthrough]];
        case TransferState::Waiting:
        case TransferState::Paused:
            setState(*item, TransferState::Cancelled);
            break;
        case TransferState::Active:
            stopItem(*item, TransferState::Cancelled, false, false);
            break;
        default:
            break;
        }
    }
    scheduleSoon();
}

void Engine::remove(const QList<TransferId> &ids, bool deleteFiles)
{
    QList<TransferId> removed;
    for (const TransferId id : ids) {
        Item *item = find(id);
        if (!item)
            continue;
        if (item->state == TransferState::Active) {
            stopItem(*item, TransferState::Cancelled, true, deleteFiles);
            continue;
        }
        if (item->state == TransferState::Queued)
            dequeue(*item);
        eraseItem(id, deleteFiles);
        removed.append(id);
    }
    if (!removed.isEmpty())
        emit transfersRemoved(removed);
    scheduleSoon();
}

void Engine::eraseItem(TransferId id, bool deleteFiles)
{
    Item *item = find(id);
    if (!item)
        return;
    if (deleteFiles)
        m_checkpoints->discard(item->request.directory, item->url(), item->request.fileName);
    --m_counts[int(item->state)];
    setBytes(*item, 0, -1);
    m_items.erase(id);
}

void Engine::move(const QList<TransferId> &ids, QueueMove where)
{
    const auto byKey = [](const Item *a, const Item *b) { return a->key < b->key; };
    const auto setSequence = [this](Item &item, qint64 sequence) {
        const bool waiting = item.state == TransferState::Queued;
        if (waiting)
            dequeue(item);
        item.key.second = sequence;
        if (waiting)
            enqueue(item);
        markDirty(item);
    };
    QList<Item *> chosen;
    QSet<TransferId> chosenIds;
    for (const TransferId id : ids) {
        Item *item = find(id);
        if (item && !isFinished(item->state) && !chosenIds.contains(id)) {
            chosen.append(item);
            chosenIds.insert(id);
        }
    }
    if (chosen.isEmpty())
        return;
    std::sort(chosen.begin(), chosen.end(), byKey);
    switch (where) {
    case QueueMove::Top: {
        m_firstSequence -= chosen.size();
        qint64 sequence = m_firstSequence;
        for (Item *item : std::as_const(chosen))
            setSequence(*item, sequence++);
        break;
    }
    case QueueMove::Bottom:
        for (Item *item : std::as_const(chosen))
            setSequence(*item, qint64(allocateIds(1)));
        break;
    case QueueMove::Up:
    case QueueMove::Down: {
        std::vector<Item *> order;
        for (auto &[id, item] : m_items) {
            if (!isFinished(item.state))
                order.push_back(&item);
        }
        std::sort(order.begin(), order.end(), byKey);
        const auto swapWith = [&](std::size_t chosenAt, std::size_t otherAt) {
            Item *mover = order[chosenAt];
            Item *other = order[otherAt];
            if (chosenIds.contains(other->id) || mover->key.first != other->key.first)
                return; // keeps the chosen block together; priorities decide on their own
            // Through a fresh number: two queued items never share a key, even for a moment.
            const qint64 moverSequence = mover->key.second;
            const qint64 otherSequence = other->key.second;
            setSequence(*mover, qint64(allocateIds(1)));
            setSequence(*other, moverSequence);
            setSequence(*mover, otherSequence);
            std::swap(order[chosenAt], order[otherAt]);
        };
        if (where == QueueMove::Up) {
            for (std::size_t i = 1; i < order.size(); ++i) {
                if (chosenIds.contains(order[i]->id))
                    swapWith(i, i - 1);
            }
        } else {
            for (std::size_t i = order.size(); i-- > 1;) {
                if (chosenIds.contains(order[i - 1]->id))
                    swapWith(i - 1, i);
            }
        }
        break;
    }
    }
    flushSoon();
    scheduleSoon();
}

bool Engine::changeUrl(TransferId id, const QUrl &url)
{
    Item *item = find(id);
    if (!item || item->state == TransferState::Active || !url.isValid()
        || (url.scheme() != "http"_L1 && url.scheme() != "https"_L1) || url.host().isEmpty()) {
        return false;
    }
    m_checkpoints->rekey(item->request.directory, item->url(), url, item->request.fileName);
    const bool waiting = item->state == TransferState::Queued;
    if (waiting)
        dequeue(*item);
    item->encodedUrl = m_auth->takeUrlCredentials(url).toEncoded();
    item->endedUrl.clear();
    item->host = internHost(url.host().toLower());
    if (waiting)
        enqueue(*item);
    markDirty(*item);
    flushSoon();
    scheduleSoon();
    return true;
}

void Engine::pauseAll()
{
    QList<TransferId> ids;
    for (const auto &[id, item] : m_items) {
        if (!isFinished(item.state))
            ids.append(id);
    }
    pause(ids);
}

void Engine::resumeAll()
{
    m_halted = false;
    QList<TransferId> ids;
    for (const auto &[id, item] : m_items) {
        if (item.state == TransferState::Paused)
            ids.append(id);
    }
    resume(ids);
}

void Engine::stopAll()
{
    m_halted = true;
    m_stopping = true;
    QList<TransferId> running;
    for (const auto &[id, item] : m_items) {
        if (item.state == TransferState::Active && !item.stopTarget)
            running.append(id);
    }
    if (running.isEmpty() && m_active == 0) {
        m_stopping = false;
        QTimer::singleShot(0, this, [this] {
            flushAll();
            emit stopped();
        });
        return;
    }
    for (const TransferId id : running) {
        if (Item *item = find(id))
            stopItem(*item, TransferState::Queued, false, false);
    }
}

} // namespace Ferry
