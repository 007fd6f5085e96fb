#pragma once

#include "core/aria2endpoint.h"
#include "core/aria2reply.h"
#include "core/transferclient.h"

#include <QHash>
#include <QJsonObject>
#include <QSet>
#include <QTimer>

namespace Ferry {

class Aria2Rpc;

// A remote aria2 daemon as a TransferClient: the same list, window and tray work on it as on
// Ferry's own engine. Commands become aria2 JSON-RPC calls; the daemon's downloads are read back
// by polling tellActive/tellWaiting/tellStopped (and at once on its notifications) and become
// snapshots. Each download keeps one TransferId for the client's lifetime: the gid is chosen
// here when adding, so a daemon restarted with its session, or a reconnect, maps back to the
// same rows; a daemon that forgot an unfinished download gets it again under the same gid.
class Aria2Client final : public TransferClient
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Aria2Client)

public:
    explicit Aria2Client(const Aria2Endpoint &endpoint, QObject *parent = nullptr);
    ~Aria2Client() override;

    // Connects, and keeps connecting with backoff until the client is destroyed.
    void open();
    void setPollInterval(int ms);

    // Whether a request's directory is sent as aria2's `dir` (default). Off, downloads go to the
    // daemon's own --dir: a folder of this computer means nothing on a server.
    void setUseRequestDirectory(bool use) { m_useRequestDirectory = use; }

    // The RPC connection (timeouts, backoff figures); owned by this client.
    Aria2Rpc *rpc() const { return m_rpc; }

    QList<TransferId> add(const QList<TransferRequest> &requests) override;
    QList<TransferId> restore(const QList<TransferRecord> &records) override;
    void pause(const QList<TransferId> &ids) override;
    void resume(const QList<TransferId> &ids) override;
    void cancel(const QList<TransferId> &ids) override;
    void move(const QList<TransferId> &ids, QueueMove where) override;
    void changeUrl(TransferId id, const QUrl &url) override;
    // The daemon forgets the downloads; files on its disk stay (RPC cannot delete them).
    void remove(const QList<TransferId> &ids, bool deleteFiles) override;
    void pauseAll() override;
    void resumeAll() override;
    // The daemon's downloads keep running: a front end quitting does not stop a server.
    void stopAll() override;
    // max-concurrent-downloads, the overall and per-download speed limits (changeGlobalOption);
    // split and connections per server for downloads added later.
    void setOptions(const EngineOptions &options) override;
    // One download's own limit (changeOption max-download-limit); 0 = none.
    void setSpeedLimit(const QList<TransferId> &ids, qint64 bytesPerSecond);

    ConnectionState connectionState() const override;

    bool isLocal() const override { return false; }

    // The daemon's gid for `id`; empty when unknown.
    QString gid(TransferId id) const;

private:
    struct Item
    {
        TransferRequest request;
        QString gid;
        TransferSnapshot snapshot;
        bool addPending = false; // addUri not answered yet
        bool unsent = false;     // to be sent once connected
        bool startPaused = false;
    };

    void handleStateChanged(ConnectionState state);
    void sendAdd(TransferId id);
    void handleAddReply(TransferId id, const QString &gid, const Aria2Reply &reply);
    void applyGlobalOptions();
    void poll();
    void requestPoll();
    // wholeList: every download the daemon holds is in entries (no page was full).
    void applyPoll(const QList<QJsonObject> &entries, bool wholeList);
    TransferId
    adopt(const QJsonObject &entry, QList<TransferId> *ids, QList<TransferRecord> *records);
    void emitChanges(const QList<TransferId> &changed);
    void callEach(const QList<TransferId> &ids, const QString &method);
    QJsonObject addOptions(const Item &item) const;
    QString newGid();

    Aria2Rpc *m_rpc;
    QTimer m_pollTimer;
    EngineOptions m_options;
    bool m_optionsSet = false;
    bool m_useRequestDirectory = true;
    QHash<TransferId, Item> m_items;
    QHash<QString, TransferId> m_byGid;
    QSet<QString> m_forgotten; // removed here; the daemon may still list them for a moment
    TransferId m_nextId = 1;
    TransferTotals m_lastTotals;
    bool m_polling = false;
    bool m_pollScheduled = false;
    bool m_pollAgain = false;
    bool m_firstPollAfterConnect = false;
};

} // namespace Ferry
