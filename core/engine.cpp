#include "engine.h"

#include "core/authhandler.h"
#include "core/checkpointstore.h"
#include "core/concurrencytuner.h"
#include "core/connectionpool.h"
#include "core/cookiestore.h"
#include "core/download.h"
#include "core/filejobqueue.h"
#include "core/hostscheduler.h"
#include "core/memorybudget.h"
#include "core/nameregistry.h"
#include "core/ratelimiter.h"
#include "core/retrypolicy.h"
#include "core/snapshotbatcher.h"
#include "core/speedmeter.h"
#include "core/tlspolicy.h"
#include "core/transferitem.h"

#include <QAuthenticator>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QRandomGenerator>

#include <algorithm>
#include <vector>

using namespace Qt::StringLiterals;

namespace Ferry {

Q_LOGGING_CATEGORY(lcEngine, "ferry.core.engine", QtWarningMsg)

namespace {

constexpr int FileThreads = 4;
constexpr qint64 MinRetryDelayMs = 50; // --retry-wait 0 must not become a busy loop
constexpr int TuneEveryMs = 100;
// Downloads finishing on disk that do not count against the limit, per download it allows.
constexpr int TransferredPerSlot = 4;

QString cleanDirectory(const QString &directory)
{
    const QString base = directory.isEmpty() ? QDir::currentPath() : directory;
    return QDir::cleanPath(QFileInfo(base).absoluteFilePath());
}

} // namespace

// Lists usually share one directory: clean it once and share the string.
class Engine::DirectoryCleaner
{
public:
    const QString &clean(const QString &directory)
    {
        if (directory != m_raw || m_clean.isEmpty()) {
            m_raw = directory;
            m_clean = cleanDirectory(directory);
        }
        return m_clean;
    }

private:
    QString m_raw;
    QString m_clean;
};

Engine::Engine(const EngineOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_pool(new ConnectionPool(options.maxConnectionsPerHost, this))
    , m_limiter(new RateLimiter(this))
    , m_auth(new AuthHandler(this))
    , m_budget(std::make_unique<MemoryBudget>(options.globalBufferBytes))
    , m_names(std::make_unique<NameRegistry>())
    , m_cookies(std::make_unique<CookieStore>())
    , m_checkpoints(std::make_unique<CheckpointStore>(options.stateDirectory.isEmpty()
                                                          ? CheckpointStore::defaultStateDirectory()
                                                          : options.stateDirectory))
    , m_scheduler(std::make_unique<HostScheduler>(options))
    , m_tuner(std::make_unique<ConcurrencyTuner>(ConcurrencyTuner::optionsFor(options)))
    , m_scheduleTimer(this)
    , m_retryTimer(this)
    , m_wakeTimer(this)
    , m_tuneTimer(this)
{
    connect(m_pool, &ConnectionPool::released, this, &Engine::scheduleSoon);
    m_pool->setHostLimits(options.hostConnectionLimits);
    m_auth->attach(m_pool); // servers' and proxies' logins
    connect(m_auth, &AuthHandler::lookupFinished, this, &Engine::handleLookupFinished);
    m_limiter->setGlobalLimit(options.maxOverallBytesPerSecond);
    m_pool->setProxySettings(options.proxy);
    m_tls = std::make_unique<TlsPolicy>(options.caCertificateFile.isEmpty()
                                            ? QList<QSslCertificate>()
                                            : QSslCertificate::fromPath(options.caCertificateFile),
                                        options.trustedCertificates);
    m_filePool.setMaxThreadCount(FileThreads);
    m_filePool.setObjectName(u"ferry-files"_s);
    m_fileJobs = new FileJobQueue(&m_filePool, this);

    m_scheduleTimer.setSingleShot(true);
    m_scheduleTimer.setInterval(0);
    connect(&m_scheduleTimer, &QTimer::timeout, this, &Engine::schedule);
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &Engine::handleRetryTimer);
    m_wakeTimer.setSingleShot(true);
    connect(&m_wakeTimer, &QTimer::timeout, this, &Engine::schedule);
    m_tuneTimer.setInterval(TuneEveryMs);
    connect(&m_tuneTimer, &QTimer::timeout, this, &Engine::handleTuneTimer);
    SnapshotBatcher::Hooks hooks;
    hooks.sample = [this] { sampleSpeeds(); };
    hooks.take = [this](TransferId id) -> std::optional<TransferSnapshot> {
        Item *item = find(id);
        if (!item)
            return std::nullopt;
        item->dirty = false;
        TransferSnapshot snapshot = makeSnapshot(*item);
        if (!item->download)
            item->endedUrl.clear(); // back to the encoded form alone
        return snapshot;
    };
    hooks.deliver = [this](const QList<TransferSnapshot> &batch) {
        emit transfersChanged(batch, totals());
    };
    hooks.busy = [this] { return m_active > 0; };
    m_batcher = new SnapshotBatcher(m_options.progressIntervalMs, std::move(hooks), this);
    m_clock.start();
}

Engine::~Engine()
{
    // Downloads go first, quietly: none may report back into a half-destroyed engine, and
    // finished ones still waiting for deleteLater() use the budget and names we own. The
    // file pool then waits for their sinks' last jobs when it is destroyed.
    m_budget->disconnect();
    m_pool->disconnect(this);
    for (auto &[id, item] : m_items) {
        if (item.download)
            item.download->disconnect(this);
    }
    m_items.clear();
    qDeleteAll(findChildren<Download *>(Qt::FindDirectChildrenOnly));
    // It starts the jobs it still holds; m_filePool waits for them when it is destroyed.
    delete m_fileJobs;
}

TransferId Engine::allocateIds(int count)
{
    return m_nextId.fetch_add(TransferId(count));
}

QList<TransferId> Engine::add(const QList<TransferRequest> &requests)
{
    const TransferId first = allocateIds(int(requests.size()));
    addWithIds(first, requests);
    QList<TransferId> ids;
    ids.reserve(requests.size());
    for (qsizetype i = 0; i < requests.size(); ++i)
        ids.append(first + TransferId(i));
    return ids;
}

void Engine::addWithIds(TransferId firstId, const QList<TransferRequest> &requests)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    DirectoryCleaner directories;
    for (qsizetype i = 0; i < requests.size(); ++i) {
        Item &item = insertItem(firstId + TransferId(i), requests.at(i), directories);
        item.addedAtMs = now;
        ++m_counts[int(TransferState::Queued)];
        enqueue(item);
        markDirty(item);
    }
    if (!requests.isEmpty())
        m_busy = true;
    flushSoon();
    scheduleSoon();
}

Engine::Item &
Engine::insertItem(TransferId id, const TransferRequest &request, DirectoryCleaner &directories)
{
    Item &item = m_items[id];
    item.id = id;
    item.request = request;
    item.request.directory = directories.clean(request.directory);
    item.host = internHost(item.request.url.host().toLower());
    // A password in the URL is kept in memory by the auth handler, never with the item.
    item.encodedUrl = m_auth->takeUrlCredentials(item.request.url).toEncoded();
    item.request.url.clear();
    item.key = {-item.request.priority, qint64(id)}; // ids grow: arrival order
    return item;
}

void Engine::addRestored(TransferId firstId, const QList<TransferRecord> &records)
{
    DirectoryCleaner directories;
    for (qsizetype i = 0; i < records.size(); ++i) {
        const TransferRecord &record = records.at(i);
        Item &item = insertItem(firstId + TransferId(i), record.request, directories);
        item.addedAtMs = record.addedAtMs;
        item.fileName = record.fileName;
        item.state = record.state == TransferState::Active || record.state == TransferState::Waiting
                         ? TransferState::Queued
                         : record.state;
        ++m_counts[int(item.state)];
        setBytes(item, record.bytesDone, record.bytesTotal);
        item.setError(record.error);
        if (item.state == TransferState::Queued) {
            enqueue(item);
            m_busy = true;
        }
        if (item.state != record.state)
            markDirty(item); // the caller shows the record's state: tell it the new one
    }
    flushSoon();
    emit transfersChanged({}, totals());
    scheduleSoon();
}

Engine::Item *Engine::find(TransferId id)
{
    const auto it = m_items.find(id);
    return it == m_items.end() ? nullptr : &it->second;
}

const Engine::Item *Engine::find(TransferId id) const
{
    const auto it = m_items.find(id);
    return it == m_items.end() ? nullptr : &it->second;
}

QString Engine::internHost(const QString &host)
{
    auto it = m_hosts.constFind(host);
    if (it == m_hosts.constEnd())
        it = m_hosts.insert(host, host);
    return it.value();
}

void Engine::setState(Item &item, TransferState state)
{
    if (item.state == state)
        return;
    --m_counts[int(item.state)];
    ++m_counts[int(state)];
    item.state = state;
    if (isFinished(state))
        item.finishedAtMs = QDateTime::currentMSecsSinceEpoch();
    markDirty(item);
    flushSoon();
}

void Engine::setBytes(Item &item, qint64 done, qint64 total)
{
    m_sumDone += done - item.bytesDone;
    m_sumTotal += qMax<qint64>(total, 0) - qMax<qint64>(item.bytesTotal, 0);
    item.bytesDone = done;
    item.bytesTotal = total;
}

void Engine::enqueue(Item &item)
{
    m_scheduler->push(item.host, item.key, item.id);
}

void Engine::dequeue(Item &item)
{
    m_scheduler->erase(item.host, item.key);
}

void Engine::scheduleSoon()
{
    if (!m_scheduleTimer.isActive())
        m_scheduleTimer.start();
}

int Engine::activeLimit() const
{
    return m_options.autoConcurrency ? m_tuner->limit() : m_options.maxActive;
}

int Engine::slotsInUse() const
{
    // A download that has all its bytes leaves its slot to the next one while its file is
    // written and renamed, so the connections do not wait for the disk. Their number is bounded
    // all the same, and their bytes by the memory budget.
    return m_active - std::min(m_transferred, TransferredPerSlot * activeLimit());
}

void Engine::handleDownloadTransferred(TransferId id)
{
    Item *item = find(id);
    if (!item || std::exchange(item->transferred, true))
        return;
    ++m_transferred;
    scheduleSoon();
}

bool Engine::hostHasRoom(const QString &host) const
{
    return m_pool->hasRoom(host)
           && (!m_options.autoConcurrency || m_pool->inUse(host) < m_tuner->hostCeiling(host));
}

void Engine::schedule()
{
    const auto hasRoom = [this](const QString &host) { return hostHasRoom(host); };
    bool heldBack = false;
    m_queueStarved = false;
    while (!m_halted && slotsInUse() < activeLimit()) {
        // The earliest (priority, then arrival) head among hosts that may start one now.
        const std::optional<TransferId> id = m_scheduler->takeNext(m_clock.elapsed(), hasRoom);
        if (!id) {
            heldBack = m_scheduler->wakeAtMs() > 0;
            m_queueStarved = true;
            break;
        }
        if (Item *item = find(*id))
            startItem(*item);
    }
    if (heldBack && !m_halted) {
        const qint64 wait = m_scheduler->wakeAtMs() - m_clock.elapsed();
        m_wakeTimer.start(int(std::clamp<qint64>(wait, 0, 24 * 3600 * 1000)));
    }
    checkIdle();
}

bool Engine::mayAddConnection(const QString &host)
{
    // Segments beyond a download's first connection yield to queued downloads of the host,
    // and obey its cool-down, pacing and (automatic) ceiling like any request.
    const qsizetype waiting = m_halted ? 0 : m_scheduler->waiting(host);
    const qsizetype starting = std::clamp<qsizetype>(activeLimit() - slotsInUse(), 0, waiting);
    const qint64 now = m_clock.elapsed();
    if (m_pool->inUse(host) + starting >= m_pool->capFor(host) || !hostHasRoom(host)
        || !m_scheduler->mayStart(host, now)) {
        return false;
    }
    m_scheduler->noteStart(host, now, QRandomGenerator::global()->generateDouble());
    return true;
}

void Engine::startItem(Item &item)
{
    ++item.attempts;
    item.error.reset();
    item.httpStatus = 0;
    item.meter = std::make_unique<SpeedMeter>();
    item.speed = 0;
    item.startedAtMs = m_clock.elapsed();
    item.sawResponse = false;
    if (item.firstStartedAtMs == 0)
        item.firstStartedAtMs = QDateTime::currentMSecsSinceEpoch();
    m_scheduler->noteStart(
        item.host, item.startedAtMs, QRandomGenerator::global()->generateDouble());
    if (m_options.autoConcurrency && !m_tuneTimer.isActive())
        m_tuneTimer.start();
    ++m_active;
    m_running.append(item.id);
    setState(item, TransferState::Active);
    const QString host = item.host;
    Download::Services services;
    // schedule() saw room
    services.network = m_pool->acquire(host, item.encodedUrl.startsWith("http:"));
    services.pool = m_pool;
    services.poolHost = host;
    services.mayAddConnection = [this, host] { return mayAddConnection(host); };
    services.transferred = [this, id = item.id] { handleDownloadTransferred(id); };
    services.fileJobs = m_fileJobs;
    services.budget = m_budget.get();
    services.limiter = m_limiter;
    services.names = m_names.get();
    services.checkpoints = m_checkpoints.get();
    services.tls = m_tls.get();
    services.http1Hosts = &m_http1Hosts;
    services.cookies = m_cookies.get();
    EngineOptions options = m_options;
    if (item.singleConnection)
        options.split = 1;
    item.download = std::make_unique<Download>(item.fullRequest(), options, services);
    Download *download = item.download.get();
    const TransferId id = item.id;
    connect(download, &Download::finished, this, [this, id](const TransferError &error) {
        handleDownloadFinished(id, error);
    });
    connect(download, &Download::metadataChanged, this, [this, id] {
        Item *changed = find(id);
        if (!changed || !changed->download)
            return;
        if (!changed->sawResponse) {
            changed->sawResponse = true;
            m_tuner->noteFirstByteLatency(m_clock.elapsed() - changed->startedAtMs);
        }
        changed->fileName = QFileInfo(changed->download->filePath()).fileName();
        setBytes(*changed, changed->download->bytesDone(), changed->download->bytesTotal());
        markDirty(*changed);
    });
    m_batcher->keepTicking();
    download->start(); // may finish at once (already complete, bad URL)
}

void Engine::stopItem(Item &item, TransferState target, bool removeAfter, bool deleteFiles)
{
    item.stopTarget = target;
    item.removeAfterStop = removeAfter;
    item.deleteFilesAfterStop = deleteFiles;
    // May finish synchronously: `item` must not be used after this line.
    item.download->stop(TransferError::make(
        TransferError::Kind::Cancelled, TransferError::Recovery::Fatal, u"stopped"_s));
}

void Engine::handleDownloadFinished(TransferId id, const TransferError &error)
{
    Item *item = find(id);
    if (!item || !item->download)
        return;
    const QString host = item->host;
    Download *download = item->download.release();
    download->disconnect(this);
    download->setParent(this); // so ~Engine can delete it if the event loop never does
    download->deleteLater();   // we are inside its signal
    item->endedUrl = download->url();

    --m_active;
    if (std::exchange(item->transferred, false))
        --m_transferred;
    m_running.removeOne(id);
    if (download->refusedSegments())
        item->singleConnection = true;
    item->fileName = QFileInfo(download->filePath()).fileName();
    item->httpStatus = download->httpStatus();
    item->skipped = download->wasSkipped();
    setBytes(*item, download->bytesDone(), download->bytesTotal());
    item->meter.reset();
    item->speed = 0;
    m_fetchedByFinished += download->bytesReceived();

    const std::optional<TransferState> stopTarget = std::exchange(item->stopTarget, std::nullopt);
    // A stop on the user's request says nothing about the host.
    const HostScheduler::Verdict verdict = stopTarget || item->skipped
                                               ? HostScheduler::Verdict::ItemsFault
                                               : noteHostResult(*item, error);
    if (stopTarget && item->removeAfterStop) {
        // Removal wins even when the download completed while it was being stopped.
        eraseItem(id, item->deleteFilesAfterStop);
        emit transfersRemoved({id});
    } else if (error.isNone()) {
        item->error.reset();
        setState(*item, TransferState::Completed);
    } else if (stopTarget) {
        --item->attempts; // the user's stop is not a failed try
        // A real failure that raced the user's stop (a full disk, say) still shows.
        item->setError(error);
        setState(*item, *stopTarget);
        if (*stopTarget == TransferState::Queued)
            enqueue(*item);
    } else if (error.isRetryable() && verdict == HostScheduler::Verdict::HostsFault) {
        // The host's trouble, not the item's: no try used, back when the host opens again.
        --item->attempts;
        const qint64 now = m_clock.elapsed();
        scheduleRetry(*item, error, m_scheduler->breaker().coolingUntil(item->host, now) - now);
    } else if (error.isRetryable() && verdict != HostScheduler::Verdict::GaveUp
               && (m_options.maxTries <= 0 || item->attempts < m_options.maxTries)) {
        scheduleRetry(*item, error, 0);
    } else if (error.isAuthentication() && m_auth->lookUp(error.credentialKey)) {
        --item->attempts; // asking the keychain is not a failed try
        item->setError(error);
        item->retryAtMs = 0;
        m_authWaiting[error.credentialKey].append(id);
        setState(*item, TransferState::Waiting);
    } else {
        item->setError(error);
        setState(*item, TransferState::Failed);
    }
    if (verdict == HostScheduler::Verdict::GaveUp)
        failWaitingOn(host, error);

    if (m_stopping && m_active == 0) {
        m_stopping = false;
        flushAll();
        emit stopped();
    }
    scheduleSoon();
}

HostScheduler::Verdict Engine::noteHostResult(Item &item, const TransferError &error)
{
    const qint64 now = m_clock.elapsed();
    const HostScheduler::Result result = m_scheduler->recordResult(item.host, error, now);
    if (m_options.autoConcurrency) {
        const bool throttled = error.kind == TransferError::Kind::Http
                               && (error.httpStatus == 429 || error.httpStatus == 503);
        if (throttled)
            m_tuner->noteThrottled(item.host, m_pool->inUse(item.host) + 1, now);
        else if (error.isNone())
            m_tuner->noteHostSuccess(item.host, now);
    }
    if (result.coolingChanged) {
        qCDebug(lcEngine) << "host" << item.host
                          << "cooling:" << m_scheduler->breaker().isCooling(item.host);
        markQueuedDirty(item.host); // "waiting for host" comes and goes
        scheduleSoon();
    }
    return result.verdict;
}

void Engine::markQueuedDirty(const QString &host)
{
    if (const HostScheduler::Queue *queue = m_scheduler->queue(host)) {
        for (const auto &[key, id] : *queue) {
            if (Item *item = find(id))
                markDirty(*item);
        }
    }
    flushSoon();
}

void Engine::failWaitingOn(const QString &host, const TransferError &error)
{
    QList<TransferId> ids;
    if (const HostScheduler::Queue *queue = m_scheduler->queue(host)) {
        for (const auto &[key, id] : *queue)
            ids.append(id);
    }
    for (auto &[id, item] : m_items) {
        if (item.host == host && item.state == TransferState::Waiting)
            ids.append(id);
    }
    for (const TransferId id : std::as_const(ids)) {
        Item *item = find(id);
        if (!item)
            continue;
        if (item->state == TransferState::Queued)
            dequeue(*item);
        item->setError(error);
        setState(*item, TransferState::Failed);
    }
}

void Engine::handleTuneTimer()
{
    if (m_active == 0) {
        m_tuneTimer.stop();
        return;
    }
    // The limit holds work back while items wait that a host would take (not "the limit is
    // reached": small files free a slot for part of every turnover, and few periods counted).
    const bool bound = m_counts[int(TransferState::Queued)] > 0 && !m_queueStarved;
    m_tuner->sample(m_clock.elapsed(), totals().bytesFetched, bound);
    if (slotsInUse() < m_tuner->limit())
        scheduleSoon();
}

void Engine::scheduleRetry(Item &item, const TransferError &error, qint64 atLeastMs)
{
    item.setError(error);
    const qint64 backoff = RetryPolicy::backoffMs(std::max(1, item.attempts),
                                                  m_options.retryWaitMs,
                                                  m_options.maxRetryWaitMs,
                                                  QRandomGenerator::global()->generateDouble());
    const qint64 delay = std::max({backoff, error.retryAfterMs, atLeastMs, MinRetryDelayMs});
    item.retryAtMs = QDateTime::currentMSecsSinceEpoch() + delay;
    m_retryAt.emplace(item.retryAtMs, item.id);
    qCDebug(lcEngine) << "transfer" << item.id << "retrying in" << delay << "ms:" << error.detail;
    setState(item, TransferState::Waiting);
    armRetryTimer();
}

void Engine::setCredentialStore(CredentialStore *store)
{
    m_auth->setStore(store);
}

void Engine::setDefaultCredentials(const Credentials &credentials, bool saveWhenAccepted)
{
    m_auth->setDefaultCredentials(credentials, saveWhenAccepted);
}

void Engine::provideCredentials(const CredentialKey &key,
                                const Credentials &credentials,
                                bool remember)
{
    m_auth->provide(key, credentials, remember);
    QList<TransferId> again = m_authWaiting.take(key);
    for (const auto &[id, item] : m_items) {
        if (item.state == TransferState::Failed && item.error && item.error->isAuthentication()
            && item.error->credentialKey == key) {
            again.append(id);
        }
    }
    for (const TransferId id : std::as_const(again)) {
        Item *item = find(id);
        if (!item
            || (item->state != TransferState::Failed && item->state != TransferState::Waiting))
            continue;
        item->attempts = 0;
        setState(*item, TransferState::Queued);
        enqueue(*item);
        m_busy = true;
    }
    flushAll(); // the restarts go out before the news that the login is in
    emit credentialsProvided(key);
    scheduleSoon();
}

void Engine::handleLookupFinished(const CredentialKey &key, bool found)
{
    const QList<TransferId> waiting = m_authWaiting.take(key);
    for (const TransferId id : waiting) {
        Item *item = find(id);
        if (!item || item->state != TransferState::Waiting || item->retryAtMs != 0)
            continue;
        if (found) {
            setState(*item, TransferState::Queued);
            enqueue(*item);
        } else {
            setState(*item, TransferState::Failed); // its error names the space
        }
    }
    scheduleSoon();
}

void Engine::armRetryTimer()
{
    if (m_retryAt.empty()) {
        m_retryTimer.stop();
        return;
    }
    const qint64 wait = m_retryAt.begin()->first - QDateTime::currentMSecsSinceEpoch();
    m_retryTimer.start(int(std::clamp<qint64>(wait, 0, 24 * 3600 * 1000)));
}

void Engine::handleRetryTimer()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    while (!m_retryAt.empty() && m_retryAt.begin()->first <= now) {
        const auto [due, id] = *m_retryAt.begin();
        m_retryAt.erase(m_retryAt.begin());
        Item *item = find(id);
        if (!item || item->state != TransferState::Waiting || item->retryAtMs != due)
            continue;
        setState(*item, TransferState::Queued);
        enqueue(*item); // keeps its original place in the queue
    }
    armRetryTimer();
    scheduleSoon();
}

void Engine::setOptions(const EngineOptions &options)
{
    if (!(options.proxy == m_options.proxy))
        m_pool->setProxySettings(options.proxy); // for requests sent from now on
    m_tls->setTrusted(options.trustedCertificates);
    if (!m_options.trustedCertificates.isEmpty()
        && options.trustedCertificates != m_options.trustedCertificates) {
        m_pool->dropIdleConnections(); // a certificate trusted no more is checked afresh
    }
    if (options.autoConcurrency != m_options.autoConcurrency
        || options.autoMaxActive != m_options.autoMaxActive
        || (!options.autoConcurrency && options.maxActive != m_options.maxActive)) {
        m_tuner = std::make_unique<ConcurrencyTuner>(ConcurrencyTuner::optionsFor(options));
    }
    m_options = options;
    m_budget->setLimit(options.globalBufferBytes);
    m_pool->setMaxPerHost(options.maxConnectionsPerHost);
    m_pool->setHostLimits(options.hostConnectionLimits);
    m_scheduler->setOptions(options);
    m_limiter->setGlobalLimit(options.maxOverallBytesPerSecond);
    for (auto &[id, item] : m_items) {
        if (item.download)
            item.download->setSpeedLimit(options.maxBytesPerSecond);
    }
    m_batcher->setInterval(options.progressIntervalMs);
    scheduleSoon();
}

std::optional<TransferSnapshot> Engine::snapshot(TransferId id) const
{
    const Item *item = find(id);
    if (!item)
        return std::nullopt;
    return makeSnapshot(*item);
}

TransferTotals Engine::totals() const
{
    TransferTotals totals;
    totals.queued = m_counts[int(TransferState::Queued)];
    totals.active = m_counts[int(TransferState::Active)];
    totals.waiting = m_counts[int(TransferState::Waiting)];
    totals.paused = m_counts[int(TransferState::Paused)];
    totals.completed = m_counts[int(TransferState::Completed)];
    totals.failed = m_counts[int(TransferState::Failed)];
    totals.cancelled = m_counts[int(TransferState::Cancelled)];
    totals.bytesDone = m_sumDone;
    totals.bytesTotal = m_sumTotal;
    totals.bytesFetched = m_fetchedByFinished;
    for (const TransferId id : m_running) {
        if (const Item *item = find(id)) {
            totals.speed += item->speed;
            if (item->download)
                totals.bytesFetched += item->download->bytesReceived();
        }
    }
    return totals;
}

TransferSnapshot Engine::makeSnapshot(const Item &item) const
{
    qint64 hostWaitUntilMs = 0;
    if (item.state == TransferState::Queued) {
        const qint64 now = m_clock.elapsed();
        if (const qint64 until = m_scheduler->breaker().coolingUntil(item.host, now))
            hostWaitUntilMs = QDateTime::currentMSecsSinceEpoch() + (until - now);
    }
    return item.snapshot(hostWaitUntilMs);
}

void Engine::markDirty(Item &item)
{
    if (!item.dirty) {
        item.dirty = true;
        m_batcher->markDirty(item.id);
    }
    m_batcher->keepTicking();
}

void Engine::flushSoon()
{
    m_batcher->flushSoon();
}

void Engine::flushAll()
{
    m_batcher->flushAll();
}

void Engine::sampleSpeeds()
{
    if (m_active == 0)
        return;
    const qint64 now = m_clock.elapsed();
    for (const TransferId id : std::as_const(m_running)) {
        Item *item = find(id);
        if (!item || !item->download)
            continue;
        setBytes(*item, item->download->bytesDone(), item->download->bytesTotal());
        item->meter->addSample(now, item->bytesDone);
        item->speed = item->meter->bytesPerSecond();
        markDirty(*item);
    }
}

void Engine::checkIdle()
{
    if (!m_busy)
        return;
    const int unfinished = m_counts[int(TransferState::Queued)]
                           + m_counts[int(TransferState::Active)]
                           + m_counts[int(TransferState::Waiting)];
    if (unfinished > 0)
        return;
    m_busy = false;
    flushAll();
    emit drained();
}

} // namespace Ferry
