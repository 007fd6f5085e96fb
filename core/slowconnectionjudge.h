#pragma once

#include <QHash>
#include <QList>
#include <QtGlobal>

namespace Ferry {

class Connection;

// Which connection of a download to replace. A connection far slower than the best rate the
// download has seen (8x), for 5 s, with nothing waiting unread (so the network, not our writer,
// holds it back), is on a bad route or a throttled server process: stealing halves its part
// while others are busy, but the last piece would still keep everyone waiting. Plain logic over
// the caller's clock; the caller stops the connection and hands its part to a fresh one.
class SlowConnectionJudge
{
public:
    struct Sample
    {
        Connection *connection = nullptr;
        qint64 received = 0;     // bytes so far
        bool hasUnread = false;  // our side holds it back
        bool splittable = false; // enough of its part is left to be worth moving
    };

    // Called every tick with every connection. `enabled` is false when slowness is ours (a
    // speed limit) or the part cannot move (no ranges, unknown size): rates are still
    // followed, nobody is judged. Returns the connection to replace, if any.
    Connection *judge(qint64 nowMs, const QList<Sample> &samples, bool enabled);
    // A finished connection: its average counts as what is possible, when it moved enough.
    void noteFinished(Connection *connection, qint64 received, qint64 ageMs, bool succeeded);

    qint64 bestRate() const { return m_bestRate; }

private:
    struct Stats
    {
        qint64 receivedAtTick = 0;
        qint64 slowSinceMs = -1;
    };

    QHash<Connection *, Stats> m_stats;
    qint64 m_bestRate = 0;   // bytes per second of the fastest connection at any tick
    qint64 m_lastTickMs = 0; // the caller's clock starts with the download
};

} // namespace Ferry
