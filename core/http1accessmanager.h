#pragma once

#include "core/http1pool.h"

#include <QNetworkAccessManager>

namespace Ferry {

class Http1Reply;

// An access manager that sends the requests Http1Reply can carry over a direct connection with
// Http1Reply, and everything else the way Qt does. ConnectionPool uses one for the hosts that
// have answered often enough over Qt's own path to show that they need no login.
class Http1AccessManager final : public QNetworkAccessManager
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Http1AccessManager)

public:
    explicit Http1AccessManager(QObject *parent = nullptr);
    ~Http1AccessManager() override;

    // The kept connections of its Http1Reply requests.
    Http1Pool *http1Pool() { return &m_pool; }

    // network->get(request), but when `network` is an Http1AccessManager and carries the request
    // itself, without what QNetworkAccessManager::get() adds to each reply: two connections by
    // signal name, for TLS signals an Http1Reply never sends (15,000 instructions a request, 3%
    // of Ferry's with 1,000 small files). The manager's finished() still comes first for such a
    // reply. Its manager() is null, which only proxy authentication asks about, and these
    // replies go direct.
    static QNetworkReply *startGet(QNetworkAccessManager *network, const QNetworkRequest &request);

protected:
    QNetworkReply *createRequest(Operation operation,
                                 const QNetworkRequest &request,
                                 QIODevice *outgoingData = nullptr) override;

private:
    bool carries(Operation operation, const QNetworkRequest &request, QIODevice *outgoingData);
    Http1Reply *makeReply(Operation operation, const QNetworkRequest &request);
    bool isDirect(const QUrl &url);

    Http1Pool m_pool;
};

} // namespace Ferry
