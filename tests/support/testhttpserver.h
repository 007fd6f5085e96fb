#pragma once

#include "tests/support/recordedrequest.h"
#include "tests/support/response.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>
#include <optional>
#include <unordered_map>
#include <utility>

class QTcpServer;
class QTcpSocket;

namespace Ferry::Test {

// A loopback HTTP/1.1 server for tests, with per-path content, faults and request records.
//
// Fully asynchronous (QTcpServer, QTcpSocket and QTimer signals only), so it can run in the same
// thread as the code under test. Binds 127.0.0.1 on a free port. Supports GET and HEAD,
// keep-alive (Connection: close and HTTP/1.0 honoured), pipelining, single byte ranges
// ("a-b", "a-", "-n"; several ranges get the whole body with 200), If-Range (exact match on the
// ETag or the Last-Modified string) and 416 with "Content-Range: bytes */size". Bodies are
// streamed with at most ~256 KiB queued ahead of what the socket has flushed, so a slow client
// pushes back and a generated file of any size costs bounded memory.
//
// Per path, requests are answered by, in this order: the status sequence while it lasts, the
// redirect, the file; otherwise 404. Paths are matched without the query string, as sent or
// percent-decoded. Unknown methods get 405.
//
// 200 and 206 carry Accept-Ranges (unless ranges are ignored), Content-Type, ETag and
// Last-Modified, then the path's setHeader() headers, which replace defaults of the same name.
// An idle connection, or one whose client stops reading, is closed after idleTimeout (30 s);
// a stalled response (setStallAfterHeaders) stays open until the client goes away.
// Destroying the server closes every socket and stops every timer.
class TestHttpServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TestHttpServer)

public:
    explicit TestHttpServer(QObject *parent = nullptr);
    ~TestHttpServer() override;

    // Listens on 127.0.0.1, port 0 (a free port). False if that failed.
    bool listen();
    quint16 port() const;
    // http://127.0.0.1:<port><path>; `path` may carry a query string.
    QUrl url(const QString &path) const;
    // Default 30 000 ms. Applies to connections accepted afterwards.
    void setIdleTimeout(int msecs);

    // --- Content. Each call to these four makes a new version of the path: a new strong ETag
    // and a later Last-Modified (both derived from the path and the version), so a client sees
    // "content changed between requests". Responses already under way keep the old content.
    void addFile(const QString &path, const QByteArray &body);
    // Served slice by slice from generatedData(); never held in memory whole (fine for 2 GiB+).
    void addGeneratedFile(const QString &path, qint64 size, quint32 seed);
    void replaceContent(const QString &path, const QByteArray &body);
    void replaceGeneratedContent(const QString &path, qint64 size, quint32 seed);
    // The current validators as sent, e.g. "\"1a2b3c4d-1\"" and "Wed, 01 Jan 2020 00:00:00 GMT".
    QByteArray eTag(const QString &path) const;
    QByteArray lastModified(const QString &path) const;

    // --- Headers on the path's file (200, 206, 416) and redirect responses.
    void setContentDisposition(const QString &path, const QByteArray &headerValue); // sent raw
    // Any header, sent verbatim; replaces an earlier or default header of the same name. Setting
    // Content-Length or Transfer-Encoding makes the server close the connection after responses.
    void setHeader(const QString &path, const QByteArray &name, const QByteArray &value);
    // Leaves a header out, e.g. "ETag", "Last-Modified" or "Accept-Ranges".
    void removeHeader(const QString &path, const QByteArray &name);
    // Sends "Set-Cookie: setCookie" with each 206 (range) answer for `path`, not with a whole
    // 200 one: a server that hands out its session cookie on segment requests.
    void setRangeCookie(const QString &path, const QByteArray &setCookie);
    // Refuses requests for `path` with 403 unless their Cookie header holds `cookie` (name=value).
    void requireCookie(const QString &path, const QByteArray &cookie);

    // --- Faults, per path. The request counters of drop and stall are used up only by GET
    // requests answered with the file (200 or 206); when both apply, the stall wins.
    // Answer 200 with the whole body (and no Accept-Ranges) even when a Range is asked for.
    void setIgnoreRange(const QString &path, bool ignore);
    // For the first `requests` such requests: send complete headers (Content-Length says the full
    // length), then `bodyBytes` bytes of body, wait until they are flushed, then abort the socket.
    // With bodyBytes >= the body length the whole body goes out before the abort.
    void setDropAfter(const QString &path, qint64 bodyBytes, int requests);
    // For the first `requests` such requests: send the headers, then nothing; the socket stays
    // open until the client goes away or the server is destroyed.
    void setStallAfterHeaders(const QString &path, int requests);
    // Paces file body bytes smoothly (checked every 20 ms, bursts of at most 200 ms worth).
    // 0 turns it off.
    void setThrottle(const QString &path, qint64 bytesPerSecond);
    // The next `requests` GET requests answered with the file are paced at `bytesPerSecond`
    // instead (a slow route for some connections while others are fast).
    void setSlowRequests(const QString &path, qint64 bytesPerSecond, int requests);
    // Send file bodies with Transfer-Encoding: chunked instead of Content-Length (unknown size).
    void setChunked(const QString &path, bool chunked);
    // The next responses.size() requests (any method) get these canned responses in order, then
    // the path behaves normally (404 if it has no file and no redirect). Replaces what is left
    // of an earlier sequence.
    void setStatusSequence(const QString &path, QList<Response> responses);
    // `location` is sent verbatim (absolute, relative or hostile).
    void addRedirect(const QString &fromPath, const QByteArray &location, int status = 302);

    // --- Faults of the whole server.
    // A GET for a file that arrives while `requests` file responses are being sent gets 429 with
    // "Retry-After: <retryAfterSeconds>" instead (a server that limits clients' concurrency).
    // 0 turns it off.
    void setMaxInFlight(int requests, int retryAfterSeconds);

    // The most file responses sent at once, and how many requests got the 429 above.
    int peakInFlight() const { return m_peakInFlight; }

    int throttledCount() const { return m_throttledCount; }

    // Down: stops listening and aborts every connection, so clients see refused connections.
    // Up: listens again on the same port. False if the port could not be had again.
    void goDown();
    bool comeBack();
    // --- Authentication, per path. A GET or HEAD without the right Authorization is answered
    // 401 with a challenge for `realm`: Basic, or Digest (MD5, qop "auth", one nonce per server).
    // The records count what clients sent (see below); the challenge comes before every other
    // answer of the path.
    enum class AuthScheme {
        None,
        Basic,
        Digest,
    };

    void setAuth(const QString &path,
                 AuthScheme scheme,
                 const QByteArray &realm,
                 const QByteArray &user,
                 const QByteArray &password);

    // --- Records, per path (no query string). Kept until resetRecords().
    int requestCount(const QString &path) const;
    // File body bytes (200/206 payload, without chunk framing) that sockets reported written
    // with bytesWritten; bytes only queued, or dropped with an aborted socket, do not count.
    // Canned, redirect and error bodies are not counted.
    qint64 bodyBytesSent(const QString &path) const;
    QList<RecordedRequest> requests(const QString &path) const;
    // Requests of an authenticated path: with the right credentials, without an Authorization
    // header (challenged), and with wrong ones (refused).
    int authAccepted(const QString &path) const;
    int authChallenged(const QString &path) const;
    int authRefused(const QString &path) const;

    qint64 totalBodyBytesSent() const { return m_totalBodyBytesSent; }

    // Connections accepted since listen() or resetRecords(), and connections open now.
    int connectionCount() const { return m_connectionCount; }

    int openConnectionCount() const { return static_cast<int>(m_connections.size()); }

    void resetRecords();

    // Aborts every open connection now (the server keeps listening).
    void closeAllConnections();

signals:
    // After the request's headers were parsed and recorded, before it is answered.
    void requestReceived(const QString &path);

private:
    struct Content
    {
        QByteArray data; // the body, unless generated
        qint64 generatedSize = 0;
        quint32 seed = 0;
        bool isGenerated = false;

        qint64 size() const { return isGenerated ? generatedSize : data.size(); }

        QByteArray slice(qint64 offset, qint64 length) const;
    };

    struct PathState
    {
        bool hasContent = false;
        Content content;
        int version = 0;
        QList<std::pair<QByteArray, QByteArray>> headers;
        QList<QByteArray> removedHeaders; // lower-cased
        bool ignoreRange = false;
        qint64 dropAfterBytes = 0;
        int dropRequests = 0;
        int stallRequests = 0;
        qint64 throttle = 0;
        qint64 slowThrottle = 0;
        int slowRequests = 0;
        bool chunked = false;
        QList<Response> statusSequence;
        bool hasRedirect = false;
        QByteArray redirectLocation;
        int redirectStatus = 302;
        AuthScheme authScheme = AuthScheme::None;
        QByteArray authRealm;
        QByteArray authUser;
        QByteArray authPassword;
        QByteArray rangeCookie;
        QByteArray requiredCookie;
    };

    struct PathRecord
    {
        int requestCount = 0;
        qint64 bodyBytesSent = 0;
        QList<RecordedRequest> requests;
        int authAccepted = 0;
        int authChallenged = 0;
        int authRefused = 0;
    };

    struct Connection;
    struct Outgoing;
    enum class CloseMode {
        Graceful,
        Abort,
    };

    void handleNewConnection();
    void handleReadyRead(QTcpSocket *socket);
    void handleBytesWritten(QTcpSocket *socket, qint64 bytes);
    void handleIdleTimeout(QTcpSocket *socket);
    void handleThrottleTick(QTcpSocket *socket);

    Connection *connectionFor(const QTcpSocket *socket) const;
    void forgetConnection(QTcpSocket *socket);
    void closeLater(QTcpSocket *socket, CloseMode mode);

    void processInput(Connection &connection);
    void respond(Connection &connection, const RecordedRequest &request, bool keepAlive);
    static void
    prepareFileResponse(const RecordedRequest &request, PathState &state, Outgoing &out);
    static Outgoing textResponse(int status, const QByteArray &text);
    // Null when `request` may pass; otherwise the 401 to send (and the records are counted).
    std::optional<Outgoing> checkAuth(const RecordedRequest &request, const PathState &state);
    void send(Connection &connection, Outgoing &&out);
    void pump(Connection &connection);
    void finishResponse(Connection &connection);
    void endInFlight(Connection &connection);
    void write(Connection &connection, const QByteArray &bytes, const QString &payloadPath = {});

    PathState &pathState(const QString &path);
    void setContent(const QString &path, Content content);
    QString resolvePath(const QByteArray &rawPath) const;
    QByteArray fileHeader(const QString &path, const QByteArray &name) const;
    static QList<std::pair<QByteArray, QByteArray>> fileHeaders(const QString &path,
                                                                const PathState &state);
    static void applyPathHeaders(QList<std::pair<QByteArray, QByteArray>> &headers,
                                 const PathState &state);
    static QString withoutQuery(const QString &path);

    QTcpServer *m_server = nullptr;
    QHash<QString, PathState> m_paths;
    QHash<QString, PathRecord> m_records;
    std::unordered_map<const QTcpSocket *, std::unique_ptr<Connection>> m_connections;
    qint64 m_totalBodyBytesSent = 0;
    int m_connectionCount = 0;
    int m_idleTimeoutMs = 30000;
    int m_maxInFlight = 0;
    int m_retryAfterSeconds = 1;
    int m_inFlight = 0;
    int m_peakInFlight = 0;
    int m_throttledCount = 0;
    quint16 m_port = 0;       // kept while down
    QByteArray m_digestNonce; // one per server: Qt counts nc up on it
};

} // namespace Ferry::Test
