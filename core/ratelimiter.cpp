#include "core/ratelimiter.h"

#include <QElapsedTimer>

#include <algorithm>
#include <limits>
#include <utility>
#include <vector>

namespace Ferry {

namespace {

// Three ticks of tokens: a tick that comes up to two ticks late (a busy engine thread) loses
// nothing, and the most a reader can get at once after a pause is 60 ms of its rate.
constexpr qint64 DepthTicks = 3;
// Small limits get deeper buckets, so a late tick costs them nothing either; 16 KiB at once is
// no burst anyone can see.
constexpr qint64 MinDepth = 16 << 10;
// Keeps rate * elapsed far from overflowing after a long idle spell.
constexpr qint64 MaxElapsedMs = 3600 * 1000;

qint64 clampRate(qint64 bytesPerSecond)
{
    return std::clamp<qint64>(bytesPerSecond, 0, RateLimiter::MaxBytesPerSecond);
}

qint64 saturatedSum(qint64 a, qint64 b)
{
    return a > std::numeric_limits<qint64>::max() - b ? std::numeric_limits<qint64>::max() : a + b;
}

struct Claim
{
    qint64 cap;        // the most this claimant can use
    qint64 *allowance; // where its part goes
};

// Gives every claim an equal part of `pool`, but none more than its cap: what a small claim
// leaves is shared among the bigger ones. Returns what is left.
qint64 shareEqually(std::vector<Claim> claims, qint64 pool)
{
    std::sort(
        claims.begin(), claims.end(), [](const Claim &a, const Claim &b) { return a.cap < b.cap; });
    for (std::size_t i = 0; i < claims.size(); ++i) {
        const qint64 part = pool / qint64(claims.size() - i);
        const qint64 given = std::clamp<qint64>(claims[i].cap, 0, part);
        *claims[i].allowance += given;
        pool -= given;
    }
    return pool;
}

RateLimiter::Clock steadyClock()
{
    QElapsedTimer timer;
    timer.start();
    return [timer] { return timer.elapsed(); };
}

} // namespace

RateLimiter::RateLimiter(QObject *parent)
    : RateLimiter(steadyClock(), parent)
{}

RateLimiter::RateLimiter(Clock clock, QObject *parent)
    : QObject(parent)
    , m_clock(std::move(clock))
    , m_timer(this)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(TickMs);
    connect(&m_timer, &QTimer::timeout, this, &RateLimiter::refill);
    m_lastMs = m_clock();
}

qint64 RateLimiter::depth(qint64 bytesPerSecond)
{
    return std::max(bytesPerSecond * TickMs * DepthTicks / 1000, MinDepth);
}

void RateLimiter::setGlobalLimit(qint64 bytesPerSecond)
{
    bytesPerSecond = clampRate(bytesPerSecond);
    if (bytesPerSecond == m_global.rate)
        return;
    advance(); // time so far is paid at the old rate
    reclaimShares();
    if (m_global.rate == 0 || bytesPerSecond == 0)
        m_global = Bucket{};
    m_global.rate = bytesPerSecond;
    m_global.tokens = std::min(m_global.tokens, depth(bytesPerSecond));
}

quint64 RateLimiter::addConsumer(qint64 bytesPerSecond)
{
    const quint64 id = m_nextId++;
    m_consumers.insert(id, Consumer{});
    setConsumerLimit(id, bytesPerSecond);
    return id;
}

void RateLimiter::setConsumerLimit(quint64 consumer, qint64 bytesPerSecond)
{
    const auto it = m_consumers.find(consumer);
    Q_ASSERT(it != m_consumers.end());
    if (it == m_consumers.end())
        return;
    bytesPerSecond = clampRate(bytesPerSecond);
    Bucket &own = it->own;
    if (bytesPerSecond == own.rate)
        return;
    advance();
    reclaimShares();
    if (own.rate == 0 || bytesPerSecond == 0) {
        m_limitedConsumers += own.rate == 0 ? 1 : -1;
        own = Bucket{};
    }
    own.rate = bytesPerSecond;
    own.tokens = std::min(own.tokens, depth(bytesPerSecond));
}

qint64 RateLimiter::consumerLimit(quint64 consumer) const
{
    const auto it = m_consumers.constFind(consumer);
    return it == m_consumers.cend() ? 0 : it->own.rate;
}

void RateLimiter::removeConsumer(quint64 consumer)
{
    const auto it = m_consumers.find(consumer);
    if (it == m_consumers.end())
        return;
    m_readers.removeIf([consumer](QHash<quint64, Reader>::iterator reader) {
        return reader->consumer == consumer;
    });
    // Its share goes back to the others; the total never exceeds the global depth.
    m_global.tokens += it->allowance;
    m_allowances -= it->allowance;
    if (it->own.rate > 0)
        --m_limitedConsumers;
    m_consumers.erase(it);
}

quint64 RateLimiter::addReader(quint64 consumer)
{
    Q_ASSERT(m_consumers.contains(consumer));
    const quint64 id = m_nextId++;
    m_readers.insert(id, Reader{consumer});
    return id;
}

void RateLimiter::removeReader(quint64 reader)
{
    const auto it = m_readers.find(reader);
    if (it == m_readers.end())
        return;
    const auto consumer = m_consumers.find(it->consumer);
    if (consumer != m_consumers.end())
        consumer->reserved -= it->reserved; // back to its siblings
    m_readers.erase(it);
}

qint64 RateLimiter::take(quint64 reader, qint64 wanted)
{
    if (wanted <= 0)
        return 0;
    if (m_global.rate == 0 && m_limitedConsumers == 0)
        return wanted;
    const auto readerIt = m_readers.find(reader);
    Q_ASSERT(readerIt != m_readers.end());
    if (readerIt == m_readers.end())
        return 0;
    const auto consumerIt = m_consumers.find(readerIt->consumer);
    Q_ASSERT(consumerIt != m_consumers.end());
    if (consumerIt == m_consumers.end())
        return 0;
    Reader &self = *readerIt;
    Consumer &consumer = *consumerIt;
    if (!isLimited(consumer))
        return wanted;

    // While readers wait, tokens arrive only with a tick, where they are shared fairly; a reader
    // asking in between gets only what it was given then, or what nobody was given.
    if (!m_timer.isActive())
        advance();
    const qint64 siblings = consumer.reserved - self.reserved;
    const qint64 granted = std::clamp<qint64>(available(consumer, true) - siblings, 0, wanted);

    if (consumer.own.rate > 0)
        consumer.own.tokens -= granted;
    if (m_global.rate > 0) {
        const qint64 fromAllowance = std::min(granted, consumer.allowance);
        consumer.allowance -= fromAllowance;
        m_allowances -= fromAllowance;
        m_global.tokens -= granted - fromAllowance;
    }
    const qint64 fromReserved = std::min(granted, self.reserved);
    self.reserved -= fromReserved;
    consumer.reserved -= fromReserved;
    if (granted < wanted) {
        self.refused = saturatedSum(self.refused, wanted - granted);
        consumer.refused = saturatedSum(consumer.refused, wanted - granted);
        if (!m_timer.isActive())
            m_timer.start();
    }
    return granted;
}

void RateLimiter::refill()
{
    advance();
    reclaimShares();
    shareOut();
    shareAmongReaders();
    bool anyoneWaited = false;
    for (Reader &reader : m_readers) {
        anyoneWaited = anyoneWaited || reader.refused > 0;
        reader.refused = 0;
    }
    for (Consumer &consumer : m_consumers)
        consumer.refused = 0;
    if (anyoneWaited)
        emit refilled(); // readers ask again here; those still short wait for the next tick
    const bool anyoneWaits = std::any_of(m_readers.cbegin(),
                                         m_readers.cend(),
                                         [](const Reader &reader) { return reader.refused > 0; });
    if (!anyoneWaits)
        m_timer.stop();
}

void RateLimiter::Bucket::earn(qint64 elapsedMs, qint64 room)
{
    remainder += rate * elapsedMs;
    const qint64 whole = remainder / 1000;
    remainder %= 1000;
    tokens += std::max<qint64>(0, std::min(whole, room));
}

void RateLimiter::advance()
{
    const qint64 now = m_clock();
    const qint64 elapsed = std::clamp<qint64>(now - m_lastMs, 0, MaxElapsedMs);
    m_lastMs = std::max(now, m_lastMs);
    if (elapsed == 0)
        return;
    if (m_global.rate > 0)
        m_global.earn(elapsed, depth(m_global.rate) - m_global.tokens - m_allowances);
    if (m_limitedConsumers == 0)
        return;
    for (Consumer &consumer : m_consumers) {
        Bucket &own = consumer.own;
        if (own.rate > 0)
            own.earn(elapsed, depth(own.rate) - own.tokens);
    }
}

// Shares unused at the end of a tick go back where they came from, to be shared out again.
void RateLimiter::reclaimShares()
{
    for (Reader &reader : m_readers)
        reader.reserved = 0;
    for (Consumer &consumer : m_consumers) {
        consumer.reserved = 0;
        consumer.allowance = 0;
    }
    m_global.tokens += std::exchange(m_allowances, 0);
}

// Each waiting consumer gets an equal part of the global tokens; one whose own bucket lets it
// read less leaves the rest to the others. A consumer whose reader cannot use its part (a slow
// server) gives it back at the next tick, where it is shared again: a bucket holds three ticks,
// so nothing is lost, only a tick late.
void RateLimiter::shareOut()
{
    if (m_global.rate == 0)
        return;
    std::vector<Claim> claims;
    for (Consumer &consumer : m_consumers) {
        if (consumer.refused == 0)
            continue;
        const qint64 cap =
            consumer.own.rate > 0 ? consumer.own.tokens : std::numeric_limits<qint64>::max();
        claims.push_back({cap, &consumer.allowance});
    }
    const qint64 before = m_global.tokens;
    m_global.tokens = shareEqually(std::move(claims), m_global.tokens);
    m_allowances += before - m_global.tokens;
}

// Within each waiting consumer, what it may read now is shared equally among its waiting
// readers: set aside for them, so one connection cannot take its siblings' part.
void RateLimiter::shareAmongReaders()
{
    QHash<quint64, std::vector<Claim>> claims; // by consumer
    constexpr qint64 NoCap = std::numeric_limits<qint64>::max();
    for (Reader &reader : m_readers) {
        if (reader.refused > 0)
            claims[reader.consumer].push_back({NoCap, &reader.reserved});
    }
    for (auto it = claims.begin(); it != claims.end(); ++it) {
        const auto consumer = m_consumers.find(it.key());
        if (consumer == m_consumers.end() || !isLimited(*consumer))
            continue;
        const qint64 tokens = available(*consumer, false);
        consumer->reserved = tokens - shareEqually(std::move(it.value()), tokens);
    }
}

bool RateLimiter::isLimited(const Consumer &consumer) const
{
    return m_global.rate > 0 || consumer.own.rate > 0;
}

// What the consumer's readers together may read now: with `unshared`, also global tokens the
// last tick gave nobody (free to all consumers, so not to be set aside for one reader).
qint64 RateLimiter::available(const Consumer &consumer, bool unshared) const
{
    qint64 tokens = std::numeric_limits<qint64>::max();
    if (consumer.own.rate > 0)
        tokens = std::min(tokens, consumer.own.tokens);
    if (m_global.rate > 0)
        tokens = std::min(tokens, consumer.allowance + (unshared ? m_global.tokens : 0));
    return tokens;
}

} // namespace Ferry
