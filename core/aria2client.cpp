#include "aria2client.h"

#include "core/aria2rpc.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QRandomGenerator>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

namespace Ferry {

Q_LOGGING_CATEGORY(lcAria2Client, "ferry.core.aria2client")

namespace {

constexpr int DefaultPollMs = 1000;
constexpr int ListChunk = 1000; // tellWaiting/tellStopped page size

QJsonArray statusKeys()
{
    return {u"gid"_s,
            u"status"_s,
            u"totalLength"_s,
            u"completedLength"_s,
            u"downloadSpeed"_s,
            u"errorCode"_s,
            u"errorMessage"_s,
            u"dir"_s,
            u"files"_s};
}

qint64 number(const QJsonObject &entry, const QString &key)
{
    return entry.value(key).toString().toLongLong();
}

TransferState stateOf(const QString &status)
{
    if (status == "active"_L1)
        return TransferState::Active;
    if (status == "paused"_L1)
        return TransferState::Paused;
    if (status == "complete"_L1)
        return TransferState::Completed;
    if (status == "error"_L1)
        return TransferState::Failed;
    if (status == "removed"_L1)
        return TransferState::Cancelled;
    return TransferState::Queued; // "waiting"
}

// aria2's exit codes (its manual, "EXIT STATUS") as Ferry's error kinds.
TransferError errorOf(const QJsonObject &entry)
{
    const int code = int(number(entry, u"errorCode"_s));
    QString detail = entry.value(u"errorMessage"_s).toString();
    if (detail.isEmpty())
        detail = u"aria2 error %1"_s.arg(code);
    TransferError::Kind kind = TransferError::Kind::Network;
    switch (code) {
    case 2:
        kind = TransferError::Kind::Timeout;
        break;
    case 9:
        kind = TransferError::Kind::DiskFull;
        break;
    case 13:
    case 15:
    case 16:
    case 17:
    case 18:
        kind = TransferError::Kind::FileSystem;
        break;
    case 32:
        kind = TransferError::Kind::Checksum;
        break;
    default:
        break;
    }
    return TransferError::make(kind, TransferError::Recovery::Fatal, detail);
}

bool sameSnapshot(const TransferSnapshot &a, const TransferSnapshot &b)
{
    return a.state == b.state && a.bytesDone == b.bytesDone && a.bytesTotal == b.bytesTotal
           && a.speed == b.speed && a.filePath == b.filePath && a.url == b.url
           && a.queueOrder == b.queueOrder && a.error.detail == b.error.detail
           && a.directory == b.directory;
}

bool sameTotals(const TransferTotals &a, const TransferTotals &b)
{
    return a.queued == b.queued && a.active == b.active && a.waiting == b.waiting
           && a.paused == b.paused && a.completed == b.completed && a.failed == b.failed
           && a.cancelled == b.cancelled && a.bytesDone == b.bytesDone
           && a.bytesTotal == b.bytesTotal && a.speed == b.speed;
}

} // namespace

Aria2Client::Aria2Client(const Aria2Endpoint &endpoint, QObject *parent)
    : TransferClient(parent)
    , m_rpc(new Aria2Rpc(this))
{
    m_rpc->setEndpoint(endpoint);
    m_pollTimer.setInterval(DefaultPollMs);
    connect(&m_pollTimer, &QTimer::timeout, this, &Aria2Client::poll);
    connect(m_rpc, &Aria2Rpc::stateChanged, this, &Aria2Client::handleStateChanged);
    connect(m_rpc, &Aria2Rpc::notified, this, [this](const QString &, const QString &) {
        requestPoll();
    });
}

Aria2Client::~Aria2Client() = default;

void Aria2Client::open()
{
    m_rpc->open();
}

void Aria2Client::setPollInterval(int ms)
{
    m_pollTimer.setInterval(ms);
}

ConnectionState Aria2Client::connectionState() const
{
    return m_rpc->state();
}

QString Aria2Client::gid(TransferId id) const
{
    return m_items.value(id).gid;
}

QString Aria2Client::newGid()
{
    // aria2 takes a caller's gid of 16 hex digits, not all zero. Chosen here, it survives a
    // lost answer and a daemon restart: the same download is found again, never added twice.
    for (;;) {
        const quint64 value = QRandomGenerator::global()->generate64();
        const QString gid = u"%1"_s.arg(value, 16, 16, QLatin1Char('0'));
        if (value != 0 && !m_byGid.contains(gid))
            return gid;
    }
}

void Aria2Client::handleStateChanged(ConnectionState state)
{
    qCDebug(lcAria2Client) << "connection" << int(state);
    if (state == ConnectionState::Connected) {
        m_firstPollAfterConnect = true;
        if (m_optionsSet)
            applyGlobalOptions();
        for (auto it = m_items.begin(); it != m_items.end(); ++it) {
            if (it->unsent)
                sendAdd(it.key());
        }
        m_pollTimer.start();
        requestPoll();
    } else {
        m_pollTimer.stop();
        m_polling = false;
        m_pollAgain = false;
    }
    emit connectionStateChanged(state);
}

QList<TransferId> Aria2Client::add(const QList<TransferRequest> &requests)
{
    QList<TransferId> ids;
    QList<TransferRecord> records;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const TransferRequest &request : requests) {
        const TransferId id = m_nextId++;
        Item item;
        item.request = request;
        item.gid = newGid();
        item.unsent = true;
        item.snapshot.id = id;
        item.snapshot.url = request.url.adjusted(QUrl::RemovePassword);
        item.snapshot.directory = request.directory;
        item.snapshot.requestedName = request.fileName;
        item.snapshot.addedAtMs = now;
        item.snapshot.queueOrder = qint64(id);
        m_byGid.insert(item.gid, id);
        m_items.insert(id, item);
        TransferRecord record;
        record.request = request;
        record.request.url = item.snapshot.url;
        record.addedAtMs = now;
        record.queueOrder = qint64(id);
        ids.append(id);
        records.append(record);
    }
    if (ids.isEmpty())
        return ids;
    emit transfersAdded(ids, records);
    if (m_rpc->state() == ConnectionState::Connected) {
        for (const TransferId id : std::as_const(ids))
            sendAdd(id);
        requestPoll();
    }
    return ids;
}

QList<TransferId> Aria2Client::restore(const QList<TransferRecord> &records)
{
    QList<TransferRequest> requests;
    requests.reserve(records.size());
    for (const TransferRecord &record : records)
        requests.append(record.request);
    const QList<TransferId> ids = add(requests);
    for (qsizetype i = 0; i < ids.size(); ++i)
        m_items[ids.at(i)].startPaused = records.at(i).state == TransferState::Paused;
    return ids;
}

QJsonObject Aria2Client::addOptions(const Item &item) const
{
    QJsonObject options{{u"gid"_s, item.gid}};
    const TransferRequest &request = item.request;
    if (m_useRequestDirectory && !request.directory.isEmpty())
        options.insert(u"dir"_s, request.directory);
    if (!request.fileName.isEmpty())
        options.insert(u"out"_s, request.fileName);
    if (request.checksum)
        options.insert(u"checksum"_s, request.checksum->toString());
    if (request.allowOverwrite)
        options.insert(u"allow-overwrite"_s, u"true"_s);
    if (m_optionsSet) {
        const int split = std::max(1, std::min(m_options.split, m_options.maxConnectionsPerServer));
        options.insert(u"split"_s, QString::number(split));
        options.insert(u"max-connection-per-server"_s, QString::number(std::min(split, 16)));
    }
    if (item.startPaused)
        options.insert(u"pause"_s, u"true"_s);
    return options;
}

void Aria2Client::sendAdd(TransferId id)
{
    auto it = m_items.find(id);
    if (it == m_items.end())
        return;
    it->unsent = false;
    it->addPending = true;
    const QString gid = it->gid;
    const QJsonArray params{QJsonArray{it->request.url.toString(QUrl::FullyEncoded)},
                            addOptions(*it)};
    m_rpc->call(u"aria2.addUri"_s, params, this, [this, id, gid](const Aria2Reply &reply) {
        handleAddReply(id, gid, reply);
    });
}

void Aria2Client::handleAddReply(TransferId id, const QString &gid, const Aria2Reply &reply)
{
    auto it = m_items.find(id);
    if (it == m_items.end() || it->gid != gid)
        return;
    it->addPending = false;
    if (reply.isOk())
        return;
    qCWarning(lcAria2Client) << "addUri failed:" << int(reply.status) << reply.errorMessage;
    if (reply.status != Aria2Reply::Status::RpcError) {
        // Unknown whether the daemon has it: the gid tells after the reconnect.
        it->unsent = true;
        return;
    }
    if (reply.errorMessage.contains(u"not unique"_s))
        return; // sent twice across a reconnect; the daemon has it once
    it->snapshot.state = TransferState::Failed;
    it->snapshot.error = TransferError::make(
        TransferError::Kind::InvalidUrl, TransferError::Recovery::Fatal, reply.errorMessage);
    it->snapshot.finishedAtMs = QDateTime::currentMSecsSinceEpoch();
    emitChanges({id});
}

void Aria2Client::callEach(const QList<TransferId> &ids, const QString &method)
{
    for (const TransferId id : ids) {
        const QString gid = m_items.value(id).gid;
        if (!gid.isEmpty())
            m_rpc->call(method, {gid}, this, {});
    }
    requestPoll();
}

void Aria2Client::pause(const QList<TransferId> &ids)
{
    for (const TransferId id : ids) {
        auto it = m_items.find(id);
        if (it != m_items.end() && it->unsent)
            it->startPaused = true;
    }
    callEach(ids, u"aria2.forcePause"_s);
}

void Aria2Client::resume(const QList<TransferId> &ids)
{
    QList<TransferId> paused;
    for (const TransferId id : ids) {
        auto it = m_items.find(id);
        if (it == m_items.end())
            continue;
        const TransferState state = it->snapshot.state;
        if (state == TransferState::Failed || state == TransferState::Cancelled) {
            // aria2 cannot restart a stopped download: it is added again under its gid.
            const QString gid = it->gid;
            m_rpc->call(
                u"aria2.removeDownloadResult"_s, {gid}, this, [this, id](const Aria2Reply &) {
                    if (m_items.contains(id))
                        sendAdd(id);
                });
            it->startPaused = false;
            it->addPending = true;
            it->snapshot.state = TransferState::Queued;
            it->snapshot.error = {};
            it->snapshot.finishedAtMs = 0;
            emitChanges({id});
        } else {
            it->startPaused = false;
            paused.append(id);
        }
    }
    callEach(paused, u"aria2.unpause"_s);
}

void Aria2Client::cancel(const QList<TransferId> &ids)
{
    callEach(ids, u"aria2.forceRemove"_s);
}

void Aria2Client::move(const QList<TransferId> &ids, QueueMove where)
{
    // Keep the chosen items' order among themselves: the one nearest the destination moves
    // first.
    QList<TransferId> ordered = ids;
    std::sort(ordered.begin(), ordered.end(), [this](TransferId a, TransferId b) {
        return m_items.value(a).snapshot.queueOrder < m_items.value(b).snapshot.queueOrder;
    });
    if (where == QueueMove::Top || where == QueueMove::Down)
        std::reverse(ordered.begin(), ordered.end());
    for (const TransferId id : std::as_const(ordered)) {
        const QString gid = m_items.value(id).gid;
        if (gid.isEmpty())
            continue;
        QJsonArray params{gid};
        switch (where) {
        case QueueMove::Top:
            params << 0 << u"POS_SET"_s;
            break;
        case QueueMove::Up:
            params << -1 << u"POS_CUR"_s;
            break;
        case QueueMove::Down:
            params << 1 << u"POS_CUR"_s;
            break;
        case QueueMove::Bottom:
            params << 0 << u"POS_END"_s;
            break;
        }
        m_rpc->call(u"aria2.changePosition"_s, params, this, {});
    }
    requestPoll();
}

void Aria2Client::changeUrl(TransferId id, const QUrl &url)
{
    auto it = m_items.find(id);
    if (it == m_items.end())
        return;
    const QUrl old = it->request.url;
    it->request.url = url;
    m_rpc->call(u"aria2.changeUri"_s,
                {it->gid,
                 1,
                 QJsonArray{old.toString(QUrl::FullyEncoded)},
                 QJsonArray{url.toString(QUrl::FullyEncoded)}},
                this,
                {});
    requestPoll();
}

void Aria2Client::remove(const QList<TransferId> &ids, bool deleteFiles)
{
    Q_UNUSED(deleteFiles) // TODO: aria2's RPC has no way to delete files on the daemon's disk.
    QList<TransferId> removed;
    for (const TransferId id : ids) {
        const auto it = m_items.constFind(id);
        if (it == m_items.cend())
            continue;
        const QString gid = it->gid;
        m_forgotten.insert(gid);
        m_byGid.remove(gid);
        m_items.erase(it);
        removed.append(id);
        m_rpc->call(u"aria2.forceRemove"_s, {gid}, this, {});
        m_rpc->call(u"aria2.removeDownloadResult"_s, {gid}, this, [this, gid](const Aria2Reply &r) {
            if (r.isOk())
                m_forgotten.remove(gid);
        });
    }
    if (removed.isEmpty())
        return;
    emit transfersRemoved(removed);
    emitChanges({});
}

void Aria2Client::pauseAll()
{
    m_rpc->call(u"aria2.forcePauseAll"_s, {}, this, {});
    requestPoll();
}

void Aria2Client::resumeAll()
{
    m_rpc->call(u"aria2.unpauseAll"_s, {}, this, {});
    requestPoll();
}

void Aria2Client::stopAll()
{
    m_pollTimer.stop();
    m_rpc->close();
    QMetaObject::invokeMethod(this, &Aria2Client::stopped, Qt::QueuedConnection);
}

void Aria2Client::setOptions(const EngineOptions &options)
{
    m_options = options;
    m_optionsSet = true;
    if (m_rpc->state() == ConnectionState::Connected)
        applyGlobalOptions();
}

void Aria2Client::applyGlobalOptions()
{
    const QJsonObject options{
        {u"max-concurrent-downloads"_s, QString::number(std::max(1, m_options.maxActive))},
        {u"max-overall-download-limit"_s, QString::number(m_options.maxOverallBytesPerSecond)},
        {u"max-download-limit"_s, QString::number(m_options.maxBytesPerSecond)},
    };
    m_rpc->call(u"aria2.changeGlobalOption"_s, {options}, this, [](const Aria2Reply &reply) {
        if (!reply.isOk())
            qCWarning(lcAria2Client) << "options refused:" << reply.errorMessage;
    });
}

void Aria2Client::setSpeedLimit(const QList<TransferId> &ids, qint64 bytesPerSecond)
{
    const QJsonObject options{
        {u"max-download-limit"_s, QString::number(std::max<qint64>(0, bytesPerSecond))}};
    for (const TransferId id : ids) {
        const QString gid = m_items.value(id).gid;
        if (!gid.isEmpty())
            m_rpc->call(u"aria2.changeOption"_s, {gid, options}, this, {});
    }
}

void Aria2Client::requestPoll()
{
    if (m_rpc->state() != ConnectionState::Connected)
        return;
    if (m_polling) {
        m_pollAgain = true;
        return;
    }
    if (m_pollScheduled)
        return;
    m_pollScheduled = true;
    QTimer::singleShot(0, this, &Aria2Client::poll);
}

void Aria2Client::poll()
{
    m_pollScheduled = false;
    if (m_rpc->state() != ConnectionState::Connected)
        return;
    if (m_polling) {
        m_pollAgain = true; // one round at a time; the next starts when this one is in
        return;
    }

    struct Round
    {
        QList<QJsonObject> lists[3];
        int answered = 0;
        bool ok = true;
    };

    auto round = std::make_shared<Round>();
    m_polling = true;
    const auto collect = [this, round](int which, const Aria2Reply &reply) {
        if (reply.isOk()) {
            const QJsonArray array = reply.result.toArray();
            for (const QJsonValue &value : array)
                round->lists[which].append(value.toObject());
        } else {
            qCWarning(lcAria2Client) << "poll failed:" << int(reply.status) << reply.errorMessage;
            round->ok = false;
        }
        if (++round->answered < 3)
            return;
        m_polling = false;
        if (round->ok) {
            // A full page means the daemon holds more than one page shows: what is missing
            // from it may be on the next page, so nothing counts as gone this time.
            const bool whole =
                round->lists[1].size() < ListChunk && round->lists[2].size() < ListChunk;
            QList<QJsonObject> all = round->lists[0];
            all << round->lists[1] << round->lists[2];
            applyPoll(all, whole);
        }
        if (m_pollAgain) {
            m_pollAgain = false;
            requestPoll();
        }
    };
    const QJsonArray keys = statusKeys();
    QJsonArray activeParams; // not {keys}: that would copy the array, not wrap it
    activeParams.append(keys);
    m_rpc->call(u"aria2.tellActive"_s, activeParams, this, [collect](const Aria2Reply &reply) {
        collect(0, reply);
    });
    m_rpc->call(u"aria2.tellWaiting"_s,
                {0, ListChunk, keys},
                this,
                [collect](const Aria2Reply &reply) { collect(1, reply); });
    m_rpc->call(u"aria2.tellStopped"_s,
                {0, ListChunk, keys},
                this,
                [collect](const Aria2Reply &reply) { collect(2, reply); });
}

TransferId
Aria2Client::adopt(const QJsonObject &entry, QList<TransferId> *ids, QList<TransferRecord> *records)
{
    // A download someone else added to the daemon (another front end, its session file).
    const TransferId id = m_nextId++;
    const QJsonObject file = entry.value(u"files"_s).toArray().first().toObject();
    const QString uri =
        file.value(u"uris"_s).toArray().first().toObject().value(u"uri"_s).toString();
    Item item;
    item.gid = entry.value(u"gid"_s).toString();
    item.request.url = QUrl(uri);
    item.request.directory = entry.value(u"dir"_s).toString();
    item.snapshot.id = id;
    item.snapshot.url = item.request.url;
    item.snapshot.directory = item.request.directory;
    item.snapshot.addedAtMs = QDateTime::currentMSecsSinceEpoch();
    item.snapshot.queueOrder = qint64(id);
    m_byGid.insert(item.gid, id);
    m_items.insert(id, item);
    TransferRecord record;
    record.request = item.request;
    record.addedAtMs = item.snapshot.addedAtMs;
    record.queueOrder = qint64(id);
    ids->append(id);
    records->append(record);
    return id;
}

void Aria2Client::applyPoll(const QList<QJsonObject> &entries, bool wholeList)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const bool firstAfterConnect = m_firstPollAfterConnect;
    m_firstPollAfterConnect = false;
    QList<TransferId> adoptedIds;
    QList<TransferRecord> adoptedRecords;
    QList<TransferId> changed;
    QSet<TransferId> seen;
    qint64 position = 0;
    for (const QJsonObject &entry : entries) {
        const QString gid = entry.value(u"gid"_s).toString();
        const QString status = entry.value(u"status"_s).toString();
        if (m_forgotten.contains(gid)) {
            // Removed here while it was still running: its result goes too, once it stopped.
            if (status != "active"_L1 && status != "waiting"_L1 && status != "paused"_L1) {
                m_rpc->call(u"aria2.removeDownloadResult"_s,
                            {gid},
                            this,
                            [this, gid](const Aria2Reply &reply) {
                                if (reply.isOk())
                                    m_forgotten.remove(gid);
                            });
            }
            continue;
        }
        TransferId id = m_byGid.value(gid);
        if (id == 0)
            id = adopt(entry, &adoptedIds, &adoptedRecords);
        seen.insert(id);
        Item &item = m_items[id];
        if (item.addPending)
            item.addPending = false; // the daemon has it, whatever became of the answer
        item.unsent = false;
        TransferSnapshot next = item.snapshot;
        next.state = stateOf(status);
        next.bytesDone = number(entry, u"completedLength"_s);
        const qint64 total = number(entry, u"totalLength"_s);
        next.bytesTotal =
            total > 0 ? total : (next.state == TransferState::Completed ? next.bytesDone : -1);
        next.speed = next.state == TransferState::Active ? number(entry, u"downloadSpeed"_s) : 0;
        next.etaSeconds = next.speed > 0 && next.bytesTotal > next.bytesDone
                              ? (next.bytesTotal - next.bytesDone + next.speed - 1) / next.speed
                              : -1;
        next.directory = entry.value(u"dir"_s).toString();
        const QJsonObject file = entry.value(u"files"_s).toArray().first().toObject();
        next.filePath = file.value(u"path"_s).toString();
        const QString uri =
            file.value(u"uris"_s).toArray().first().toObject().value(u"uri"_s).toString();
        if (!uri.isEmpty())
            next.url = QUrl(uri).adjusted(QUrl::RemovePassword);
        next.error = next.state == TransferState::Failed ? errorOf(entry) : TransferError();
        if (next.state == TransferState::Cancelled) {
            next.error = TransferError::make(
                TransferError::Kind::Cancelled, TransferError::Recovery::Fatal, {});
        }
        if (next.state == TransferState::Active && next.startedAtMs == 0)
            next.startedAtMs = now;
        if (isFinished(next.state) && next.finishedAtMs == 0)
            next.finishedAtMs = now;
        if (!isFinished(next.state))
            next.finishedAtMs = 0;
        // The daemon's queue order: running first, then waiting in its order.
        if (!isFinished(next.state))
            next.queueOrder = position++;
        if (!sameSnapshot(next, item.snapshot))
            changed.append(id);
        item.snapshot = next;
    }
    // Downloads the daemon no longer lists.
    for (auto it = m_items.begin(); wholeList && it != m_items.end(); ++it) {
        if (seen.contains(it.key()) || it->addPending || it->unsent)
            continue;
        TransferSnapshot &snapshot = it->snapshot;
        if (isFinished(snapshot.state))
            continue; // finished: the list keeps what the daemon forgot
        if (firstAfterConnect) {
            // A daemon restarted without its session: the download starts again under its gid
            // (aria2 continues from its control file next to the data).
            it->startPaused = snapshot.state == TransferState::Paused;
            sendAdd(it.key());
            continue;
        }
        snapshot.state = TransferState::Cancelled;
        snapshot.speed = 0;
        snapshot.error = TransferError::make(
            TransferError::Kind::Cancelled, TransferError::Recovery::Fatal, u"removed on aria2"_s);
        snapshot.finishedAtMs = now;
        changed.append(it.key());
    }
    if (!adoptedIds.isEmpty())
        emit transfersAdded(adoptedIds, adoptedRecords);
    emitChanges(changed);
}

void Aria2Client::emitChanges(const QList<TransferId> &changed)
{
    TransferTotals totals;
    for (const Item &item : std::as_const(m_items)) {
        const TransferSnapshot &s = item.snapshot;
        switch (s.state) {
        case TransferState::Queued:
            ++totals.queued;
            break;
        case TransferState::Active:
            ++totals.active;
            break;
        case TransferState::Waiting:
            ++totals.waiting;
            break;
        case TransferState::Paused:
            ++totals.paused;
            break;
        case TransferState::Completed:
            ++totals.completed;
            break;
        case TransferState::Failed:
            ++totals.failed;
            break;
        case TransferState::Cancelled:
            ++totals.cancelled;
            break;
        }
        totals.bytesDone += s.bytesDone;
        if (s.bytesTotal > 0)
            totals.bytesTotal += s.bytesTotal;
        totals.speed += s.speed;
    }
    totals.bytesFetched = totals.bytesDone;
    const bool wasBusy = m_lastTotals.unfinished() > 0;
    if (changed.isEmpty() && sameTotals(totals, m_lastTotals))
        return;
    m_lastTotals = totals;
    QList<TransferSnapshot> snapshots;
    snapshots.reserve(changed.size());
    for (const TransferId id : changed) {
        const auto it = m_items.constFind(id);
        if (it != m_items.cend())
            snapshots.append(it->snapshot);
    }
    emit transfersChanged(snapshots, totals);
    if (wasBusy && totals.unfinished() == 0)
        emit drained();
}

} // namespace Ferry
