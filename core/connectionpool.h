#pragma once

#include "core/answersizes.h"
#include "core/proxysettings.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QNetworkProxy>
#include <QObject>
#include <QSet>
#include <QString>

#include <memory>

class QAuthenticator;
class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

namespace Ferry {

class Http1AccessManager;
class ProxyFactory;

// Connection slots per host, shared by every download of one engine, and the access managers
// the requests go out on. The cap counts requests in flight to a host, segments included, so a
// thousand-file batch never opens hundreds of sockets to one server. Qt 6.4 opens at most six
// HTTP/1.1 connections per host per access manager and queues the rest; a slot therefore names
// a manager with room, and more managers are made as the cap needs them. Engine thread only.
class ConnectionPool final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionPool)

public:
    static constexpr int ConnectionsPerManager = 6;

    explicit ConnectionPool(int maxPerHost, QObject *parent = nullptr);
    ~ConnectionPool() override;

    int maxPerHost() const { return m_maxPerHost; }

    // Takes effect for slots taken afterwards; slots in use are never revoked.
    void setMaxPerHost(int maxPerHost);
    // Caps for particular hosts (lower or higher than maxPerHost), e.g. a polite 2 for one
    // site; the same rules as setMaxPerHost.
    void setHostLimits(const QHash<QString, int> &limits);
    int capFor(const QString &host) const;
    int inUse(const QString &host) const;

    bool hasRoom(const QString &host) const { return inUse(host) < capFor(host); }

    // The proxies of every manager, those made later included. Requests already sent keep
    // theirs.
    void setProxySettings(const ProxySettings &settings);

    // An answer from `host` announced a body of `bytes` (-1: unknown). A host answering small
    // files gets slots on managers of its own, whose plain-HTTP sockets are buffered: Qt keeps
    // one connection per host and manager, and a connection's socket never changes its kind.
    void noteAnswerSize(const QString &host, qint64 bytes) { m_answerSizes.note(host, bytes); }

    // Whether the next slot for an http:// request to `host` is sent with Http1Reply: after
    // AnswerSizes::OftenAnswers answers from it, as long as it never asked for a login and is
    // reached directly. Its slots are then on one Http1AccessManager, which has no cap of its
    // own (Qt's six connections per manager do not apply to Http1Reply).
    bool usesOwnHttp(const QString &host);
    // To call just before `network` sends `request`. A request Qt carries for a host that may
    // later move to Http1Reply asks the server to close the connection after its answer: Qt
    // would keep the connection idle for minutes, next to Http1Reply's own, and the host would
    // see more connections than its cap.
    void prepare(QNetworkRequest &request, const QNetworkAccessManager *network);

    // On by default; off, every request goes through Qt's HTTP.
    void setOwnHttpEnabled(bool enabled) { m_ownHttpEnabled = enabled; }

    // Closes the managers' idle connections, so that requests from now on connect (and check
    // certificates) afresh; requests under way keep theirs.
    void dropIdleConnections();

    // A slot for one request to `host`: the manager to send it with, or null at the cap.
    // `plainHttp`: whether the request is for an http:// URL (see usesOwnHttp()).
    QNetworkAccessManager *acquire(const QString &host, bool plainHttp = false);
    void release(const QString &host, QNetworkAccessManager *network);

signals:
    void released(); // a slot became free
    // Any manager's server challenge, forwarded directly: fill `authenticator` before returning.
    void authenticationRequired(QNetworkReply *reply, QAuthenticator *authenticator);
    // Any manager's proxy challenge (Qt names no reply, only the manager), forwarded directly
    // likewise.
    void proxyAuthenticationRequired(QNetworkAccessManager *network,
                                     const QNetworkProxy &proxy,
                                     QAuthenticator *authenticator);
    // Every reply of every manager as it finishes, before the reply's own finished() reaches
    // the connections made after the request (the manager connects first).
    void replyFinished(QNetworkReply *reply);

private:
    QNetworkAccessManager *addManager(bool bufferDirectHttp, bool ownHttp = false);
    void noteChallenge(const QString &host);
    bool isDirect(const QString &host);

    int m_maxPerHost;
    ProxySettings m_proxy;
    AnswerSizes m_answerSizes;
    QHash<QString, int> m_hostLimits;
    QList<QNetworkAccessManager *> m_managers;  // children
    QList<bool> m_buffered;                     // per manager: plain-HTTP sockets buffered
    QHash<QString, QList<int>> m_inUse;         // per host: requests in flight per manager
    Http1AccessManager *m_http1 = nullptr;      // one of m_managers, made when first needed
    std::unique_ptr<ProxyFactory> m_proxyCheck; // is a host reached directly?

    // isDirect()'s answers of the last second, by host: asked before each request, it parsed a
    // URL and queried the system's proxy settings each time.
    struct DirectAnswer
    {
        bool direct = false;
        qint64 atMs = 0;
    };

    QHash<QString, DirectAnswer> m_directAnswers;
    QElapsedTimer m_clock;
    QSet<QString> m_challenged; // hosts that asked for a login
    bool m_ownHttpEnabled = true;
};

} // namespace Ferry
