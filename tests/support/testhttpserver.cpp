#include "testhttpserver.h"

#include "tests/support/generateddata.h"
#include "tests/support/httpsyntax.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QLoggingCategory>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <deque>
#include <optional>
#include <vector>

using namespace Qt::StringLiterals;

namespace Ferry::Test {

using namespace HttpSyntax;

namespace {

Q_LOGGING_CATEGORY(lcTestServer, "ferry.tests.httpserver", QtWarningMsg)

constexpr qint64 WriteAheadBytes = 256 * 1024; // queued beyond what the socket has flushed
constexpr qint64 MaxWriteBytes = 256 * 1024;
constexpr qsizetype MaxHeaderBytes = 64 * 1024;
constexpr qint64 MaxRequestBodyBytes = 1 << 20;
constexpr int ThrottleIntervalMs = 20;
constexpr qint64 ThrottleBurstMs = 200;

} // namespace

struct TestHttpServer::Connection
{
    enum class Phase {
        Reading,  // waiting for (the rest of) a request
        Sending,  // streaming a response body
        Stalled,  // headers sent, nothing more will be
        Dropping, // abort once the queued bytes are flushed
        Closing,  // graceful close under way
    };

    struct Queued
    {
        qint64 bytes = 0;
        QString payloadPath; // empty unless these are file body bytes
    };

    QTcpSocket *socket = nullptr;
    QTimer *idleTimer = nullptr;
    QTimer *throttleTimer = nullptr;
    QByteArray input;
    qint64 requestBodyToSkip = 0;
    Phase phase = Phase::Reading;
    bool closeAfterResponse = false;
    bool inFlight = false; // sending a file response (setMaxInFlight counts these)

    // The body being sent: [next, end) of `body`, stopping (and aborting) at dropAt if >= 0.
    Content body;
    qint64 next = 0;
    qint64 end = 0;
    qint64 dropAt = -1;
    QString payloadPath;
    bool chunked = false;
    qint64 throttle = 0;
    QElapsedTimer throttleClock;
    qint64 throttleClockMs = 0;
    qint64 throttleCredit = 0; // in bytes * 1000

    std::deque<Queued> unflushed; // what was written and not yet reported by bytesWritten
};

struct TestHttpServer::Outgoing
{
    int status = 200;
    HeaderList headers; // without Date, Server, framing and Connection
    Content body;
    qint64 first = 0;
    qint64 length = 0;
    QString payloadPath;
    bool headOnly = false;
    bool closeAfter = false;
    bool http10 = false;
    bool chunked = false;
    bool stall = false;
    qint64 dropAfter = -1;
    qint64 throttle = 0;
};

QByteArray TestHttpServer::Content::slice(qint64 offset, qint64 length) const
{
    return isGenerated ? generatedData(offset, length, seed) : data.mid(offset, length);
}

TestHttpServer::TestHttpServer(QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &TestHttpServer::handleNewConnection);
}

TestHttpServer::~TestHttpServer()
{
    m_server->close();
    for (const auto &[socket, connection] : m_connections) {
        connection->idleTimer->stop();
        connection->throttleTimer->stop();
        connection->socket->disconnect(this);
        connection->socket->abort();
    }
    m_connections.clear(); // the sockets are children of m_server
}

bool TestHttpServer::listen()
{
    return m_server->isListening() || m_server->listen(QHostAddress::LocalHost, 0);
}

quint16 TestHttpServer::port() const
{
    return m_server->isListening() ? m_server->serverPort() : m_port;
}

QUrl TestHttpServer::url(const QString &path) const
{
    return QUrl(u"http://127.0.0.1:"_s + QString::number(port()) + path);
}

void TestHttpServer::setIdleTimeout(int msecs)
{
    m_idleTimeoutMs = msecs;
}

void TestHttpServer::addFile(const QString &path, const QByteArray &body)
{
    Content content;
    content.data = body;
    setContent(path, std::move(content));
}

void TestHttpServer::addGeneratedFile(const QString &path, qint64 size, quint32 seed)
{
    Content content;
    content.isGenerated = true;
    content.generatedSize = size;
    content.seed = seed;
    setContent(path, std::move(content));
}

void TestHttpServer::replaceContent(const QString &path, const QByteArray &body)
{
    addFile(path, body);
}

void TestHttpServer::replaceGeneratedContent(const QString &path, qint64 size, quint32 seed)
{
    addGeneratedFile(path, size, seed);
}

QByteArray TestHttpServer::eTag(const QString &path) const
{
    return fileHeader(path, "etag");
}

QByteArray TestHttpServer::lastModified(const QString &path) const
{
    return fileHeader(path, "last-modified");
}

void TestHttpServer::setContentDisposition(const QString &path, const QByteArray &headerValue)
{
    setHeader(path, "Content-Disposition", headerValue);
}

void TestHttpServer::setHeader(const QString &path, const QByteArray &name, const QByteArray &value)
{
    PathState &state = pathState(path);
    state.removedHeaders.removeAll(name.toLower());
    HttpSyntax::setHeader(state.headers, name, value);
}

void TestHttpServer::removeHeader(const QString &path, const QByteArray &name)
{
    PathState &state = pathState(path);
    HttpSyntax::removeHeader(state.headers, name);
    state.removedHeaders.append(name.toLower());
}

void TestHttpServer::setRangeCookie(const QString &path, const QByteArray &setCookie)
{
    pathState(path).rangeCookie = setCookie;
}

void TestHttpServer::requireCookie(const QString &path, const QByteArray &cookie)
{
    pathState(path).requiredCookie = cookie;
}

void TestHttpServer::setIgnoreRange(const QString &path, bool ignore)
{
    pathState(path).ignoreRange = ignore;
}

void TestHttpServer::setDropAfter(const QString &path, qint64 bodyBytes, int requests)
{
    PathState &state = pathState(path);
    state.dropAfterBytes = std::max<qint64>(0, bodyBytes);
    state.dropRequests = requests;
}

void TestHttpServer::setStallAfterHeaders(const QString &path, int requests)
{
    pathState(path).stallRequests = requests;
}

void TestHttpServer::setThrottle(const QString &path, qint64 bytesPerSecond)
{
    pathState(path).throttle = std::max<qint64>(0, bytesPerSecond);
}

void TestHttpServer::setSlowRequests(const QString &path, qint64 bytesPerSecond, int requests)
{
    PathState &state = pathState(path);
    state.slowThrottle = std::max<qint64>(1, bytesPerSecond);
    state.slowRequests = requests;
}

void TestHttpServer::setChunked(const QString &path, bool chunked)
{
    pathState(path).chunked = chunked;
}

void TestHttpServer::setStatusSequence(const QString &path, QList<Response> responses)
{
    pathState(path).statusSequence = std::move(responses);
}

void TestHttpServer::addRedirect(const QString &fromPath, const QByteArray &location, int status)
{
    PathState &state = pathState(fromPath);
    state.hasRedirect = true;
    state.redirectLocation = location;
    state.redirectStatus = status;
}

void TestHttpServer::setAuth(const QString &path,
                             AuthScheme scheme,
                             const QByteArray &realm,
                             const QByteArray &user,
                             const QByteArray &password)
{
    PathState &state = pathState(path);
    state.authScheme = scheme;
    state.authRealm = realm;
    state.authUser = user;
    state.authPassword = password;
    if (m_digestNonce.isEmpty())
        m_digestNonce =
            QCryptographicHash::hash(QByteArray(QByteArray::number(quintptr(this)) + realm),
                                     QCryptographicHash::Sha256)
                .toHex()
                .left(32);
}

int TestHttpServer::authAccepted(const QString &path) const
{
    return m_records.value(withoutQuery(path)).authAccepted;
}

int TestHttpServer::authChallenged(const QString &path) const
{
    return m_records.value(withoutQuery(path)).authChallenged;
}

int TestHttpServer::authRefused(const QString &path) const
{
    return m_records.value(withoutQuery(path)).authRefused;
}

int TestHttpServer::requestCount(const QString &path) const
{
    return m_records.value(withoutQuery(path)).requestCount;
}

qint64 TestHttpServer::bodyBytesSent(const QString &path) const
{
    return m_records.value(withoutQuery(path)).bodyBytesSent;
}

QList<RecordedRequest> TestHttpServer::requests(const QString &path) const
{
    return m_records.value(withoutQuery(path)).requests;
}

void TestHttpServer::resetRecords()
{
    m_records.clear();
    m_totalBodyBytesSent = 0;
    m_connectionCount = 0;
}

void TestHttpServer::closeAllConnections()
{
    std::vector<QTcpSocket *> sockets;
    for (const auto &[key, connection] : m_connections)
        sockets.push_back(connection->socket);
    for (QTcpSocket *socket : sockets) {
        forgetConnection(socket);
        socket->abort();
    }
}

void TestHttpServer::handleNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        auto connection = std::make_unique<Connection>();
        connection->socket = socket;
        connection->idleTimer = new QTimer(socket);
        connection->idleTimer->setSingleShot(true);
        connection->idleTimer->setInterval(m_idleTimeoutMs);
        connection->throttleTimer = new QTimer(socket);
        connection->throttleTimer->setInterval(ThrottleIntervalMs);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { handleReadyRead(socket); });
        connect(socket, &QTcpSocket::bytesWritten, this, [this, socket](qint64 bytes) {
            handleBytesWritten(socket, bytes);
        });
        connect(
            socket, &QTcpSocket::disconnected, this, [this, socket] { forgetConnection(socket); });
        connect(connection->idleTimer, &QTimer::timeout, this, [this, socket] {
            handleIdleTimeout(socket);
        });
        connect(connection->throttleTimer, &QTimer::timeout, this, [this, socket] {
            handleThrottleTick(socket);
        });
        connection->idleTimer->start();
        m_connections.emplace(socket, std::move(connection));
        ++m_connectionCount;
    }
}

void TestHttpServer::handleReadyRead(QTcpSocket *socket)
{
    Connection *connection = connectionFor(socket);
    if (!connection)
        return;
    connection->input += socket->readAll();
    switch (connection->phase) {
    case Connection::Phase::Reading:
        connection->idleTimer->start();
        processInput(*connection);
        break;
    case Connection::Phase::Sending:
        break; // pipelined; read when the response is done
    case Connection::Phase::Stalled:
    case Connection::Phase::Dropping:
    case Connection::Phase::Closing:
        connection->input.clear(); // never answered
        break;
    }
}

void TestHttpServer::handleBytesWritten(QTcpSocket *socket, qint64 bytes)
{
    Connection *connection = connectionFor(socket);
    if (!connection)
        return;
    auto &unflushed = connection->unflushed;
    while (bytes > 0 && !unflushed.empty()) {
        Connection::Queued &front = unflushed.front();
        const qint64 flushed = std::min(bytes, front.bytes);
        if (!front.payloadPath.isEmpty()) {
            m_records[front.payloadPath].bodyBytesSent += flushed;
            m_totalBodyBytesSent += flushed;
        }
        front.bytes -= flushed;
        bytes -= flushed;
        if (front.bytes == 0)
            unflushed.pop_front();
    }
    switch (connection->phase) {
    case Connection::Phase::Sending:
        connection->idleTimer->start();
        pump(*connection);
        if (connection->phase == Connection::Phase::Reading)
            processInput(*connection);
        break;
    case Connection::Phase::Dropping:
        if (socket->bytesToWrite() == 0)
            closeLater(socket, CloseMode::Abort);
        break;
    case Connection::Phase::Reading:
    case Connection::Phase::Closing:
        connection->idleTimer->start();
        break;
    case Connection::Phase::Stalled:
        break;
    }
}

void TestHttpServer::handleIdleTimeout(QTcpSocket *socket)
{
    Connection *connection = connectionFor(socket);
    if (!connection || connection->phase == Connection::Phase::Stalled)
        return;
    qCDebug(lcTestServer) << "closing idle connection";
    // Both may emit disconnected() at once, which forgets the connection: return right after.
    if (connection->phase == Connection::Phase::Reading && socket->bytesToWrite() == 0)
        socket->disconnectFromHost();
    else
        socket->abort();
}

void TestHttpServer::handleThrottleTick(QTcpSocket *socket)
{
    Connection *connection = connectionFor(socket);
    if (!connection || connection->phase != Connection::Phase::Sending)
        return;
    pump(*connection);
    if (connection->phase == Connection::Phase::Reading)
        processInput(*connection);
}

TestHttpServer::Connection *TestHttpServer::connectionFor(const QTcpSocket *socket) const
{
    const auto it = m_connections.find(socket);
    return it == m_connections.end() ? nullptr : it->second.get();
}

void TestHttpServer::forgetConnection(QTcpSocket *socket)
{
    const auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    it->second->idleTimer->stop();
    it->second->throttleTimer->stop();
    endInFlight(*it->second);
    socket->disconnect(this);
    m_connections.erase(it);
    socket->deleteLater();
}

// Closing may emit disconnected() synchronously, which forgets the connection; deferring it keeps
// every Connection reference on the current call stack valid.
void TestHttpServer::closeLater(QTcpSocket *socket, CloseMode mode)
{
    QTimer::singleShot(0, this, [this, guard = QPointer<QTcpSocket>(socket), mode] {
        if (!guard || !connectionFor(guard.data()))
            return;
        if (mode == CloseMode::Abort)
            guard->abort();
        else
            guard->disconnectFromHost();
    });
}

void TestHttpServer::processInput(Connection &connection)
{
    const QPointer<QTcpSocket> socket = connection.socket;
    QByteArray &input = connection.input;
    while (connection.phase == Connection::Phase::Reading) {
        if (connection.requestBodyToSkip > 0) {
            const qint64 skipped = std::min<qint64>(connection.requestBodyToSkip, input.size());
            input.remove(0, skipped);
            connection.requestBodyToSkip -= skipped;
            if (connection.requestBodyToSkip > 0)
                return;
        }
        // Empty lines before a request line are ignored (RFC 9112, section 2.2).
        qsizetype leading = 0;
        while (leading < input.size() && (input.at(leading) == '\r' || input.at(leading) == '\n'))
            ++leading;
        input.remove(0, leading);

        const qsizetype crlfEnd = input.indexOf("\r\n\r\n");
        const qsizetype lfEnd = input.indexOf("\n\n");
        qsizetype headEnd = crlfEnd;
        qsizetype terminator = 4;
        if (lfEnd >= 0 && (crlfEnd < 0 || lfEnd < crlfEnd)) {
            headEnd = lfEnd;
            terminator = 2;
        }
        if (headEnd < 0) {
            if (input.size() > MaxHeaderBytes) {
                Outgoing out = textResponse(431, "Request header too large\n");
                out.closeAfter = true;
                send(connection, std::move(out));
            }
            return;
        }
        const QByteArray head = input.left(headEnd);
        input.remove(0, headEnd + terminator);

        std::optional<RequestHead> parsed = parseRequestHead(head);
        const RecordedRequest *request = parsed ? &parsed->request : nullptr;
        const QByteArray contentLength = request ? request->header("content-length") : QByteArray();
        const std::optional<qint64> bodyLength = parseDigits(contentLength);
        int rejectStatus = 0;
        if (!request || (!contentLength.isNull() && !bodyLength))
            rejectStatus = 400;
        else if (bodyLength && *bodyLength > MaxRequestBodyBytes)
            rejectStatus = 413;
        else if (request->hasHeader("transfer-encoding"))
            rejectStatus = 501;
        if (rejectStatus != 0) {
            Outgoing out = textResponse(rejectStatus, "Cannot handle this request\n");
            out.closeAfter = true;
            send(connection, std::move(out));
            return;
        }
        connection.requestBodyToSkip = bodyLength.value_or(0);
        parsed->request.path = resolvePath(parsed->rawPath);

        const bool http10 = request->httpVersion == "HTTP/1.0";
        const QByteArray connectionHeader = request->header("connection");
        const bool keepAlive = http10 ? hasToken(connectionHeader, "keep-alive")
                                      : !hasToken(connectionHeader, "close");
        PathRecord &record = m_records[request->path];
        ++record.requestCount;
        record.requests.append(*request);
        qCDebug(lcTestServer) << request->method << request->target;

        emit requestReceived(request->path);
        if (!socket || connectionFor(socket.data()) != &connection)
            return;
        respond(connection, *request, keepAlive);
    }
}

namespace {

// Whether a Cookie header ("a=1; b=2") holds `cookie` ("b=2").
bool holdsCookie(const QByteArray &header, const QByteArray &cookie)
{
    const QList<QByteArray> parts = header.split(';');
    return std::any_of(parts.begin(), parts.end(), [&cookie](const QByteArray &part) {
        return part.trimmed() == cookie;
    });
}

} // namespace

void TestHttpServer::respond(Connection &connection, const RecordedRequest &request, bool keepAlive)
{
    Outgoing out;
    const auto it = m_paths.find(request.path);
    if (request.method != "GET" && request.method != "HEAD") {
        out = textResponse(405, "Method not allowed\n");
        out.headers.emplaceBack("Allow", "GET, HEAD");
    } else if (it == m_paths.end()) {
        out = textResponse(404, "Not found\n");
    } else if (std::optional<Outgoing> challenge = checkAuth(request, *it)) {
        out = std::move(*challenge);
    } else if (!it->requiredCookie.isEmpty()
               && !holdsCookie(request.header("cookie"), it->requiredCookie)) {
        out = textResponse(403, "Cookie required\n");
    } else if (!it->statusSequence.isEmpty()) {
        const Response canned = it->statusSequence.takeFirst();
        out.status = canned.status;
        out.headers = canned.headers;
        out.body.data = canned.body;
        out.length = canned.body.size();
    } else if (it->hasRedirect) {
        out = textResponse(it->redirectStatus, "Redirecting\n");
        out.headers.emplaceBack("Location", it->redirectLocation);
        applyPathHeaders(out.headers, *it);
    } else if (it->hasContent && m_maxInFlight > 0 && request.method == "GET"
               && m_inFlight >= m_maxInFlight) {
        ++m_throttledCount;
        out = textResponse(429, "Too many requests\n");
        out.headers.emplaceBack("Retry-After", QByteArray::number(m_retryAfterSeconds));
    } else if (it->hasContent) {
        prepareFileResponse(request, *it, out);
        if (request.method == "GET") {
            connection.inFlight = true;
            m_peakInFlight = std::max(m_peakInFlight, ++m_inFlight);
        }
    } else {
        out = textResponse(404, "Not found\n");
    }
    out.headOnly = request.method == "HEAD";
    out.closeAfter = out.closeAfter || !keepAlive;
    out.http10 = request.httpVersion == "HTTP/1.0";
    qCDebug(lcTestServer) << request.method << request.target << "->" << out.status;
    send(connection, std::move(out));
}

void TestHttpServer::prepareFileResponse(const RecordedRequest &request,
                                         PathState &state,
                                         Outgoing &out)
{
    const qint64 size = state.content.size();
    out.status = 200;
    out.headers = fileHeaders(request.path, state);
    out.body = state.content;
    out.first = 0;
    out.length = size;

    const QByteArray range = request.header("range");
    const QByteArray ifRange = request.header("if-range");
    const QByteArray eTag = headerValue(out.headers, "etag");
    const QByteArray lastModified = headerValue(out.headers, "last-modified");
    const bool validatorMatches = ifRange.isNull()
                                  || (!eTag.isEmpty() && !eTag.startsWith("W/") && ifRange == eTag)
                                  || (!lastModified.isEmpty() && ifRange == lastModified);
    if (!range.isNull() && !state.ignoreRange && validatorMatches) {
        const ByteRangeSpec spec = parseRange(range, size);
        if (spec.kind == ByteRangeSpec::Kind::Unsatisfiable) {
            const QByteArray text = "Range not satisfiable\n";
            out.status = 416;
            HttpSyntax::setHeader(out.headers, "Content-Type", "text/plain; charset=utf-8");
            out.headers.emplaceBack("Content-Range", "bytes */" + QByteArray::number(size));
            out.body = Content();
            out.body.data = text;
            out.length = text.size();
            return;
        }
        if (spec.kind == ByteRangeSpec::Kind::Satisfiable) {
            out.status = 206;
            out.headers.emplaceBack("Content-Range",
                                    "bytes " + QByteArray::number(spec.first) + '-'
                                        + QByteArray::number(spec.last) + '/'
                                        + QByteArray::number(size));
            out.first = spec.first;
            out.length = spec.last - spec.first + 1;
            if (!state.rangeCookie.isEmpty())
                out.headers.emplaceBack("Set-Cookie", state.rangeCookie);
        }
    }
    out.payloadPath = request.path;
    out.chunked = state.chunked;
    out.throttle = state.throttle;
    if (request.method == "GET") {
        if (state.slowRequests > 0) {
            --state.slowRequests;
            out.throttle = state.slowThrottle;
        }
        if (state.stallRequests > 0) {
            --state.stallRequests;
            out.stall = true;
        }
        if (state.dropRequests > 0) {
            --state.dropRequests;
            if (!out.stall)
                out.dropAfter = state.dropAfterBytes;
        }
    }
}

namespace {

QByteArray md5Hex(const QByteArray &text)
{
    return QCryptographicHash::hash(text, QCryptographicHash::Md5).toHex();
}

// The parameters of a Digest Authorization header: name=token or name="quoted", comma-separated.
QHash<QByteArray, QByteArray> digestParameters(QByteArray text)
{
    QHash<QByteArray, QByteArray> parameters;
    qsizetype at = 0;
    while (at < text.size()) {
        while (at < text.size() && (text.at(at) == ' ' || text.at(at) == ','))
            ++at;
        const qsizetype equals = text.indexOf('=', at);
        if (equals < 0)
            break;
        const QByteArray name = text.mid(at, equals - at).trimmed().toLower();
        at = equals + 1;
        QByteArray value;
        if (at < text.size() && text.at(at) == '"') {
            ++at;
            while (at < text.size() && text.at(at) != '"') {
                if (text.at(at) == '\\' && at + 1 < text.size())
                    ++at;
                value += text.at(at++);
            }
            ++at;
        } else {
            const qsizetype comma = text.indexOf(',', at);
            const qsizetype end = comma < 0 ? text.size() : comma;
            value = text.mid(at, end - at).trimmed();
            at = end;
        }
        parameters.insert(name, value);
    }
    return parameters;
}

} // namespace

std::optional<TestHttpServer::Outgoing> TestHttpServer::checkAuth(const RecordedRequest &request,
                                                                  const PathState &state)
{
    if (state.authScheme == AuthScheme::None)
        return std::nullopt;
    PathRecord &record = m_records[request.path];
    const QByteArray authorization = request.header("authorization");
    bool good = false;
    if (state.authScheme == AuthScheme::Basic && authorization.startsWith("Basic ")) {
        good = QByteArray::fromBase64(authorization.mid(6).trimmed())
               == state.authUser + ':' + state.authPassword;
    } else if (state.authScheme == AuthScheme::Digest && authorization.startsWith("Digest ")) {
        const auto p = digestParameters(authorization.mid(7));
        const QByteArray ha1 =
            md5Hex(state.authUser + ':' + state.authRealm + ':' + state.authPassword);
        const QByteArray ha2 = md5Hex(request.method + ':' + p.value("uri"));
        const QByteArray expected = md5Hex(ha1 + ':' + m_digestNonce + ':' + p.value("nc") + ':'
                                           + p.value("cnonce") + ':' + p.value("qop") + ':' + ha2);
        good = p.value("username") == state.authUser && p.value("realm") == state.authRealm
               && p.value("nonce") == m_digestNonce && p.value("qop") == "auth"
               && p.value("uri") == request.target && p.value("response") == expected;
    }
    if (good) {
        ++record.authAccepted;
        return std::nullopt;
    }
    if (authorization.isNull())
        ++record.authChallenged;
    else
        ++record.authRefused;
    Outgoing out = textResponse(401, "Unauthorized\n");
    if (state.authScheme == AuthScheme::Basic) {
        out.headers.emplaceBack("WWW-Authenticate",
                                "Basic realm=\"" + state.authRealm + "\", charset=\"UTF-8\"");
    } else {
        out.headers.emplaceBack("WWW-Authenticate",
                                "Digest realm=\"" + state.authRealm + "\", qop=\"auth\", nonce=\""
                                    + m_digestNonce + "\", opaque=\"" + md5Hex(state.authRealm)
                                    + "\", algorithm=MD5, charset=UTF-8");
    }
    return out;
}

TestHttpServer::Outgoing TestHttpServer::textResponse(int status, const QByteArray &text)
{
    Outgoing out;
    out.status = status;
    out.headers.emplaceBack("Content-Type", "text/plain; charset=utf-8");
    out.body.data = text;
    out.length = text.size();
    return out;
}

void TestHttpServer::send(Connection &connection, Outgoing &&out)
{
    const bool bodyForbidden = out.status < 200 || out.status == 204 || out.status == 304;
    const bool ownFraming =
        hasHeader(out.headers, "content-length") || hasHeader(out.headers, "transfer-encoding");
    if (ownFraming)
        out.closeAfter = true; // the framing may be a lie; do not reuse the connection
    const bool chunked = out.chunked && !bodyForbidden && !ownFraming;

    QByteArray head = "HTTP/1.1 " + QByteArray::number(out.status) + ' ' + reasonPhrase(out.status)
                      + "\r\nDate: " + httpDate(QDateTime::currentDateTimeUtc())
                      + "\r\nServer: FerryTestHttpServer\r\n";
    for (const auto &[name, value] : std::as_const(out.headers))
        head += name + ": " + value + "\r\n";
    if (chunked)
        head += "Transfer-Encoding: chunked\r\n";
    else if (!ownFraming && !bodyForbidden)
        head += "Content-Length: " + QByteArray::number(out.length) + "\r\n";
    if (out.closeAfter)
        head += "Connection: close\r\n";
    else if (out.http10)
        head += "Connection: keep-alive\r\n";
    head += "\r\n";

    connection.closeAfterResponse = out.closeAfter;
    write(connection, head);
    if (out.headOnly || bodyForbidden) {
        finishResponse(connection);
        return;
    }
    connection.body = std::move(out.body);
    connection.next = out.first;
    connection.end = out.first + out.length;
    connection.dropAt =
        out.dropAfter >= 0 ? std::min(connection.end, out.first + out.dropAfter) : -1;
    connection.payloadPath = out.payloadPath;
    connection.chunked = chunked;
    connection.throttle = out.throttle;
    if (out.stall) {
        connection.phase = Connection::Phase::Stalled;
        connection.idleTimer->stop();
        return;
    }
    connection.phase = Connection::Phase::Sending;
    if (connection.throttle > 0) {
        connection.throttleClock.start();
        connection.throttleClockMs = 0;
        connection.throttleCredit = 0;
        connection.throttleTimer->start();
    }
    pump(connection);
}

void TestHttpServer::pump(Connection &connection)
{
    QTcpSocket *const socket = connection.socket;
    if (connection.throttle > 0) {
        const qint64 now = connection.throttleClock.elapsed();
        connection.throttleCredit = std::min(
            connection.throttleCredit + (now - connection.throttleClockMs) * connection.throttle,
            connection.throttle * ThrottleBurstMs);
        connection.throttleClockMs = now;
    }
    while (connection.phase == Connection::Phase::Sending) {
        const qint64 stopAt = connection.dropAt >= 0 ? connection.dropAt : connection.end;
        if (connection.next >= stopAt) {
            connection.throttleTimer->stop();
            if (connection.dropAt >= 0) {
                connection.phase = Connection::Phase::Dropping;
                if (socket->bytesToWrite() == 0)
                    closeLater(socket, CloseMode::Abort);
                return;
            }
            if (connection.chunked)
                write(connection, "0\r\n\r\n");
            finishResponse(connection);
            return;
        }
        qint64 amount = std::min(
            {MaxWriteBytes, WriteAheadBytes - socket->bytesToWrite(), stopAt - connection.next});
        if (connection.throttle > 0)
            amount = std::min(amount, connection.throttleCredit / 1000);
        if (amount <= 0)
            return; // bytesWritten or the throttle timer calls again
        if (connection.chunked)
            write(connection, QByteArray::number(amount, 16) + "\r\n");
        write(connection, connection.body.slice(connection.next, amount), connection.payloadPath);
        if (connection.chunked)
            write(connection, "\r\n");
        connection.next += amount;
        if (connection.throttle > 0)
            connection.throttleCredit -= amount * 1000;
    }
}

void TestHttpServer::endInFlight(Connection &connection)
{
    if (connection.inFlight) {
        connection.inFlight = false;
        --m_inFlight;
    }
}

void TestHttpServer::setMaxInFlight(int requests, int retryAfterSeconds)
{
    m_maxInFlight = requests;
    m_retryAfterSeconds = retryAfterSeconds;
}

void TestHttpServer::goDown()
{
    if (!m_server->isListening())
        return;
    m_port = m_server->serverPort();
    m_server->close();
    closeAllConnections();
}

bool TestHttpServer::comeBack()
{
    return m_server->isListening() || m_server->listen(QHostAddress::LocalHost, m_port);
}

void TestHttpServer::finishResponse(Connection &connection)
{
    endInFlight(connection);
    connection.throttleTimer->stop();
    connection.body = Content();
    if (connection.closeAfterResponse) {
        connection.phase = Connection::Phase::Closing;
        closeLater(connection.socket, CloseMode::Graceful); // flushes what is queued first
        return;
    }
    connection.phase = Connection::Phase::Reading;
    connection.idleTimer->start();
}

void TestHttpServer::write(Connection &connection,
                           const QByteArray &bytes,
                           const QString &payloadPath)
{
    if (bytes.isEmpty())
        return;
    connection.socket->write(bytes);
    auto &unflushed = connection.unflushed;
    if (!unflushed.empty() && unflushed.back().payloadPath == payloadPath)
        unflushed.back().bytes += bytes.size();
    else
        unflushed.push_back({bytes.size(), payloadPath});
}

TestHttpServer::PathState &TestHttpServer::pathState(const QString &path)
{
    return m_paths[withoutQuery(path)];
}

void TestHttpServer::setContent(const QString &path, Content content)
{
    PathState &state = pathState(path);
    state.hasContent = true;
    state.content = std::move(content);
    ++state.version;
}

QString TestHttpServer::resolvePath(const QByteArray &rawPath) const
{
    const QString asSent = QString::fromUtf8(rawPath);
    if (m_paths.contains(asSent))
        return asSent;
    return QString::fromUtf8(QByteArray::fromPercentEncoding(rawPath));
}

QByteArray TestHttpServer::fileHeader(const QString &path, const QByteArray &name) const
{
    const QString key = withoutQuery(path);
    const auto it = m_paths.constFind(key);
    if (it == m_paths.cend() || !it->hasContent)
        return {};
    return headerValue(fileHeaders(key, *it), name);
}

QList<std::pair<QByteArray, QByteArray>> TestHttpServer::fileHeaders(const QString &path,
                                                                     const PathState &state)
{
    const QByteArray pathHash =
        QCryptographicHash::hash(path.toUtf8(), QCryptographicHash::Sha1).toHex().left(8);
    const QDateTime firstVersion(QDate(2020, 1, 1), QTime(0, 0), Qt::UTC);
    HeaderList headers;
    if (!state.ignoreRange)
        headers.emplaceBack("Accept-Ranges", "bytes");
    headers.emplaceBack("Content-Type", "application/octet-stream");
    headers.emplaceBack("ETag", '"' + pathHash + '-' + QByteArray::number(state.version) + '"');
    headers.emplaceBack("Last-Modified", httpDate(firstVersion.addDays(state.version - 1)));
    applyPathHeaders(headers, state);
    return headers;
}

void TestHttpServer::applyPathHeaders(QList<std::pair<QByteArray, QByteArray>> &headers,
                                      const PathState &state)
{
    for (const auto &[name, value] : state.headers)
        HttpSyntax::setHeader(headers, name, value);
    for (const QByteArray &name : state.removedHeaders)
        HttpSyntax::removeHeader(headers, name);
}

QString TestHttpServer::withoutQuery(const QString &path)
{
    const qsizetype query = path.indexOf(u'?');
    return query < 0 ? path : path.left(query);
}

} // namespace Ferry::Test
