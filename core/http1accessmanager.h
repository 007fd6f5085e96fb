#pragma once

#include "core/http1pool.h"

#include <QNetworkAccessManager>

namespace Ferry {

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

protected:
    QNetworkReply *createRequest(Operation operation,
                                 const QNetworkRequest &request,
                                 QIODevice *outgoingData = nullptr) override;

private:
    bool isDirect(const QUrl &url);

    Http1Pool m_pool;
};

} // namespace Ferry
