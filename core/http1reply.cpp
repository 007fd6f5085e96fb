#include "http1reply.h"

#include "core/http1pool.h"

#include <QBuffer>
#include <QLocale>
#include <QNetworkProxy>
#include <QTcpSocket>

#include <algorithm>
#include <cstring>
#include <limits>
#include <utility>

using namespace Qt::StringLiterals;

namespace Ferry {

namespace {

constexpr qint64 MaxChunkLineBytes = 4096;
constexpr qint64 DecodeAheadBytes = 256 << 10; // chunked bodies, when no read buffer size is set

// How Qt names an HTTP error status (QNetworkReply's own mapping); other statuses of 400 or more
// are UnknownContentError, above 500 UnknownServerError.
constexpr std::pair<int, QNetworkReply::NetworkError> StatusErrors[] = {
    {400, QNetworkReply::ProtocolInvalidOperationError},
    {401, QNetworkReply::AuthenticationRequiredError},
    {403, QNetworkReply::ContentAccessDenied},
    {404, QNetworkReply::ContentNotFoundError},
    {405, QNetworkReply::ContentOperationNotPermittedError},
    {407, QNetworkReply::ProxyAuthenticationRequiredError},
    {409, QNetworkReply::ContentConflictError},
    {410, QNetworkReply::ContentGoneError},
    {418, QNetworkReply::ProtocolInvalidOperationError},
    {500, QNetworkReply::InternalServerError},
    {501, QNetworkReply::OperationNotImplementedError},
    {503, QNetworkReply::ServiceUnavailableError},
};

QNetworkReply::NetworkError errorForStatus(int status)
{
    for (const auto &[known, error] : StatusErrors) {
        if (known == status)
            return error;
    }
    return status > 500 ? QNetworkReply::UnknownServerError : QNetworkReply::UnknownContentError;
}

QNetworkReply::NetworkError errorForSocket(QAbstractSocket::SocketError error)
{
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        return QNetworkReply::ConnectionRefusedError;
    case QAbstractSocket::RemoteHostClosedError:
        return QNetworkReply::RemoteHostClosedError;
    case QAbstractSocket::HostNotFoundError:
        return QNetworkReply::HostNotFoundError;
    case QAbstractSocket::SocketTimeoutError:
        return QNetworkReply::TimeoutError;
    default:
        return QNetworkReply::UnknownNetworkError;
    }
}

QByteArray acceptLanguage()
{
    static const QByteArray value = [] {
        const QByteArray name = QLocale::system().name().toLatin1().replace('_', '-');
        if (name == "C")
            return QByteArray("en,*");
        return QByteArray(name + (name.startsWith("en-") ? ",*" : ",en,*"));
    }();
    return value;
}

// At least a whole head fits, or a long header line would wait for room forever.
qint64 socketBufferSize(qint64 readBufferSize)
{
    return readBufferSize > 0 ? std::max(readBufferSize, Http1Reply::MaxHeadBytes + 1) : 0;
}

bool breaksFraming(const QByteArray &text)
{
    return text.contains('\r') || text.contains('\n') || text.contains('\0');
}

// Headers this class leaves to Qt: they change how a request or its answer is framed.
bool isFramingHeader(const QByteArray &name)
{
    for (const char *framing : {"connection",
                                "content-length",
                                "transfer-encoding",
                                "te",
                                "upgrade",
                                "expect",
                                "keep-alive"}) {
        if (name.compare(framing, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QByteArray withoutLineEnd(QByteArray line)
{
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    return line;
}

// "a, b,chunked" -> whether the last coding is chunked.
bool endsChunked(const QByteArray &codings)
{
    const QList<QByteArray> parts = codings.split(',');
    return !parts.isEmpty() && parts.last().trimmed().compare("chunked", Qt::CaseInsensitive) == 0;
}

// A header name, any case, against one written in lower case; the length first, since most
// names differ in it (case-insensitive compares of every pair were 3,000 instructions an
// answer).
bool isName(const QByteArray &name, QByteArrayView lower)
{
    return name.size() == lower.size() && name.compare(lower, Qt::CaseInsensitive) == 0;
}

bool hasToken(const QByteArray &list, const char *token)
{
    const QList<QByteArray> parts = list.split(',');
    return std::any_of(parts.cbegin(), parts.cend(), [token](const QByteArray &part) {
        return part.trimmed().compare(token, Qt::CaseInsensitive) == 0;
    });
}

// Content-Length, possibly repeated ("10, 10"): one non-negative value, or -1.
qint64 parseLength(const QByteArray &value)
{
    qint64 length = -1;
    for (const QByteArray &part : value.split(',')) {
        const QByteArray digits = part.trimmed();
        if (digits.isEmpty() || digits.size() > 18
            || !std::all_of(
                digits.cbegin(), digits.cend(), [](char c) { return c >= '0' && c <= '9'; })) {
            return -1;
        }
        const qint64 one = digits.toLongLong();
        if (length >= 0 && one != length)
            return -1;
        length = one;
    }
    return length;
}

} // namespace

QByteArray Http1Reply::lastModifiedOf(const QNetworkReply &reply)
{
    const auto *own = qobject_cast<const Http1Reply *>(&reply);
    if (own && !own->m_lastModified.isEmpty())
        return own->m_lastModified;
    return reply.rawHeader("Last-Modified");
}

bool Http1Reply::canCarry(QNetworkAccessManager::Operation operation,
                          const QNetworkRequest &request)
{
    if (operation != QNetworkAccessManager::GetOperation
        && operation != QNetworkAccessManager::HeadOperation) {
        return false;
    }
    const QUrl url = request.url();
    if (url.scheme() != "http"_L1 || url.host().isEmpty() || !url.userInfo().isEmpty())
        return false;
    const QVariant redirects = request.attribute(QNetworkRequest::RedirectPolicyAttribute);
    if (!redirects.isValid() || redirects.toInt() != QNetworkRequest::ManualRedirectPolicy)
        return false;
    for (const auto attribute : {QNetworkRequest::CookieLoadControlAttribute,
                                 QNetworkRequest::CookieSaveControlAttribute}) {
        const QVariant control = request.attribute(attribute);
        if (!control.isValid() || control.toInt() != QNetworkRequest::Manual)
            return false;
    }
    if (request.attribute(QNetworkRequest::Http2DirectAttribute).toBool())
        return false;
    const QList<QByteArray> names = request.rawHeaderList();
    return std::none_of(names.cbegin(), names.cend(), [&request](const QByteArray &name) {
        return name.isEmpty() || name.contains(':') || breaksFraming(name) || isFramingHeader(name)
               || breaksFraming(request.rawHeader(name));
    });
}

Http1Reply::Http1Reply(QNetworkAccessManager::Operation operation,
                       const QNetworkRequest &request,
                       Http1Pool *pool,
                       Fallback fallback,
                       QObject *parent)
    : QNetworkReply(parent)
    , m_operation(operation)
    , m_pool(pool)
    , m_fallback(std::move(fallback))
    , m_host(request.url().host())
    , m_port(static_cast<quint16>(request.url().port(80)))
{
    setRequest(request);
    setUrl(request.url());
    setOperation(operation);
    QNetworkReply::open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    m_requestBytes = buildRequest();
    // From the event loop, as Qt's own replies start: the caller connects its slots first, and
    // a refused connection may be reported from within connectToHost().
    QMetaObject::invokeMethod(this, &Http1Reply::openConnection, Qt::QueuedConnection);
}

Http1Reply::~Http1Reply()
{
    // Qt's reply stays the manager's child: ~QNetworkAccessManager deletes every reply it finds
    // among its descendants, so a reply must not own another. Later, because that destructor
    // may be the caller.
    if (m_inner)
        m_inner->deleteLater();
}

QByteArray Http1Reply::buildRequest() const
{
    const QNetworkRequest request = this->request();
    const QUrl url = request.url();
    // The request line and default headers as Qt writes them (QHttpNetworkRequest), so that a
    // server answers both paths alike.
    QUrl::FormattingOptions format =
        QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::RemoveFragment | QUrl::FullyEncoded;
    if (!url.path().isEmpty())
        format |= QUrl::NormalizePathSegments;
    QByteArray target = url.toEncoded(format);
    if (!target.startsWith('/'))
        target.prepend('/');

    QByteArray bytes;
    bytes.reserve(512);
    bytes += m_operation == QNetworkAccessManager::HeadOperation ? "HEAD " : "GET ";
    bytes += target;
    bytes += " HTTP/1.1\r\n";
    const QList<QByteArray> names = request.rawHeaderList();
    const auto named = [&names](const char *wanted) {
        return std::any_of(names.cbegin(), names.cend(), [wanted](const QByteArray &name) {
            return name.compare(wanted, Qt::CaseInsensitive) == 0;
        });
    };
    if (!named("Host")) {
        const QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
        bytes += "Host: ";
        bytes += host.contains(':') ? '[' + host + ']' : host;
        if (url.port() != -1 && url.port() != 80)
            bytes += ':' + QByteArray::number(url.port());
        bytes += "\r\n";
    }
    for (const QByteArray &name : names)
        bytes += name + ": " + request.rawHeader(name) + "\r\n";
    if (!named("Accept-Language"))
        bytes += "Accept-Language: " + acceptLanguage() + "\r\n";
    if (!named("User-Agent"))
        bytes += "User-Agent: Mozilla/5.0\r\n";
    bytes += "\r\n";
    return bytes;
}

void Http1Reply::connectSocket(QTcpSocket *socket)
{
    m_socket = socket;
    m_source = socket;
    socket->setParent(this);
    socket->setReadBufferSize(socketBufferSize(m_readBufferSize));
    m_socketLinks.add(connect(socket, &QIODevice::readyRead, this, &Http1Reply::handleReadyRead));
    m_socketLinks.add(
        connect(socket, &QAbstractSocket::errorOccurred, this, &Http1Reply::handleSocketError));
    m_socketLinks.add(
        connect(socket, &QAbstractSocket::disconnected, this, &Http1Reply::handleDisconnected));
}

void Http1Reply::openConnection()
{
    if (m_stage != Stage::Connecting)
        return; // aborted before the event loop came round
    if (!m_resent) {
        if (QTcpSocket *kept = m_pool ? m_pool->take(m_host, m_port) : nullptr) {
            m_reused = true;
            connectSocket(kept);
            sendRequest();
            return;
        }
    }
    m_reused = false;
    auto *socket = new QTcpSocket(this);
    socket->setProxy(QNetworkProxy::NoProxy);
    connectSocket(socket);
    m_socketLinks.add(connect(socket, &QAbstractSocket::connected, this, [this] {
        m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        sendRequest();
    }));
    socket->connectToHost(m_host, m_port);
}

void Http1Reply::sendRequest()
{
    m_stage = Stage::Head;
    m_socket->write(m_requestBytes);
}

void Http1Reply::handleReadyRead()
{
    if (m_source && m_source->bytesAvailable() > 0)
        m_answerStarted = true;
    if (m_stage == Stage::Head && !readHead())
        return;
    if (m_stage != Stage::Body || m_inner)
        return;
    if (m_framing == Framing::Chunked && !decodeChunks()) {
        fail(QNetworkReply::ProtocolFailure, u"The server's chunked answer is malformed"_s);
        return;
    }
    if (m_framing == Framing::Chunked && m_chunksEnded)
        releaseSocket(); // the rest of the body is decoded already
    if (bodyAvailable() > 0) {
        const QPointer<Http1Reply> self(this);
        emit readyRead();
        if (!self)
            return;
    }
    checkBodyComplete();
}

bool Http1Reply::readHead()
{
    // How much of what the source holds to look at: a head is mostly far shorter than the body
    // that arrives with it, which peek() would copy too.
    qint64 window = HeadWindowBytes;
    while (m_stage == Stage::Head) {
        // Whole lines from a copy of the start of what the source holds, taken out once read:
        // readLine() per line sized a buffer for the longest line allowed each time.
        const qint64 lookable =
            std::min<qint64>(m_source->bytesAvailable(), MaxHeadBytes + 1 - m_headBytes);
        const QByteArray held = m_source->peek(std::min(lookable, window));
        qsizetype start = 0;
        HeadLine read = HeadLine::Taken;
        while (read == HeadLine::Taken) {
            const qsizetype end = held.indexOf('\n', start);
            if (end < 0)
                break;
            m_answerStarted = true;
            m_headBytes += end + 1 - start;
            if (m_headBytes > MaxHeadBytes || ++m_headLines > MaxHeaderLines) {
                fail(QNetworkReply::ProtocolFailure, u"The server's answer header is too long"_s);
                return false;
            }
            read = takeHeadLine(QByteArrayView(held).sliced(start, end + 1 - start));
            start = end + 1;
        }
        if (read == HeadLine::Failed)
            return false; // fail() has run: the source may be gone, and this reply too
        m_source->skip(start);
        if (read == HeadLine::Taken && held.size() < lookable) {
            if (start == 0 && held.size() < std::min(lookable, window))
                return false; // the source gave less than it holds: wait for more
            if (start == 0)
                window *= 2; // a line longer than the window
            continue;        // the rest of the head is held already
        }
        if (read == HeadLine::Taken) { // no whole line left
            if (m_headBytes + m_source->bytesAvailable() > MaxHeadBytes)
                fail(QNetworkReply::ProtocolFailure, u"The server's answer header is too long"_s);
            return false;
        }
        // The header ends.
        if (m_status < 200 && m_status != 101) { // interim: the real answer follows
            m_status = 0;
            m_reason.clear();
            m_headers.clear();
            continue;
        }
        if (m_status == 101) {
            fail(QNetworkReply::ProtocolFailure, u"The server switched protocols unasked"_s);
            return false;
        }
        if (m_status == 401 && m_fallback) {
            fallBack();
            return false;
        }
        const QPointer<Http1Reply> self(this);
        applyHead();
        return self && m_stage == Stage::Body;
    }
    return m_stage == Stage::Body;
}

Http1Reply::HeadLine Http1Reply::takeHeadLine(QByteArrayView raw)
{
    const QByteArray line = withoutLineEnd(raw.toByteArray());
    if (m_status == 0) {
        // "HTTP/1.x NNN reason"
        bool ok = line.size() >= 12 && line.startsWith("HTTP/1.") && line.at(8) == ' ';
        const int status = ok ? line.mid(9, 3).toInt(&ok) : 0;
        if (!ok || status < 100 || (line.size() > 12 && line.at(12) != ' ')) {
            fail(QNetworkReply::ProtocolFailure, u"The server's answer is not HTTP/1.x"_s);
            return HeadLine::Failed;
        }
        m_status = status;
        m_reason = line.mid(13);
        m_keepAlive = line.at(7) != '0';
        return HeadLine::Taken;
    }
    if (line.isEmpty())
        return HeadLine::Ended;
    if ((line.front() == ' ' || line.front() == '\t') && !m_headers.isEmpty()) {
        m_headers.last().second += ' ' + line.trimmed(); // an obsolete folded line
        return HeadLine::Taken;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon > 0)
        m_headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    return HeadLine::Taken;
}

void Http1Reply::applyHead()
{
    // Repeated headers joined as Qt joins them.
    QList<std::pair<QByteArray, QByteArray>> joined;
    for (const auto &header : std::as_const(m_headers)) {
        const QByteArray &name = header.first;
        const QByteArray &value = header.second;
        const auto same = std::find_if(joined.begin(), joined.end(), [&name](const auto &entry) {
            return entry.first.size() == name.size()
                   && entry.first.compare(name, Qt::CaseInsensitive) == 0;
        });
        if (same == joined.end())
            joined.append({name, value});
        else if (isName(name, "location"))
            same->second = value; // Qt keeps the last
        else
            same->second += (isName(name, "set-cookie") ? "\n" : ", ") + value;
    }
    QByteArray connection, transferEncoding, contentLength, location;
    for (const auto &[name, value] : std::as_const(joined)) {
        if (isName(name, "last-modified")) {
            m_lastModified = value; // see lastModifiedOf()
            continue;
        }
        setRawHeader(name, value);
        if (isName(name, "connection"))
            connection = value;
        else if (isName(name, "transfer-encoding"))
            transferEncoding = value;
        else if (isName(name, "content-length"))
            contentLength = value;
        else if (isName(name, "location"))
            location = value;
    }
    setAttribute(QNetworkRequest::HttpStatusCodeAttribute, m_status);
    setAttribute(QNetworkRequest::HttpReasonPhraseAttribute, m_reason);
    setAttribute(QNetworkRequest::Http2WasUsedAttribute, false);
    setAttribute(QNetworkRequest::ConnectionEncryptedAttribute, false);
    const bool redirect =
        m_status == 301 || m_status == 302 || m_status == 303 || m_status == 307 || m_status == 308;
    if (redirect && !location.isEmpty())
        setAttribute(QNetworkRequest::RedirectionTargetAttribute, QUrl::fromEncoded(location));

    if (hasToken(connection, "close"))
        m_keepAlive = false;
    else if (hasToken(connection, "keep-alive"))
        m_keepAlive = true;

    if (m_operation == QNetworkAccessManager::HeadOperation || m_status == 204 || m_status == 304) {
        m_framing = Framing::None;
    } else if (!transferEncoding.isEmpty()) {
        m_framing = endsChunked(transferEncoding) ? Framing::Chunked : Framing::UntilClose;
    } else if (!contentLength.isEmpty()) {
        m_left = parseLength(contentLength);
        if (m_left < 0) {
            fail(QNetworkReply::ProtocolFailure, u"The server's Content-Length is invalid"_s);
            return;
        }
        m_framing = m_left == 0 ? Framing::None : Framing::Length;
    } else {
        m_framing = Framing::UntilClose;
    }
    if (m_framing == Framing::UntilClose)
        m_keepAlive = false;
    m_stage = Stage::Body;
    const QPointer<Http1Reply> self(this);
    emit metaDataChanged();
    if (self && m_framing == Framing::None)
        checkBodyComplete();
}

qint64 Http1Reply::bodyAvailable() const
{
    if (m_inner)
        return m_inner->bytesAvailable();
    if (m_framing == Framing::Chunked)
        return m_decoded.size() - m_decodedAt; // decoded already: the socket may be gone
    if (!m_source || (m_stage != Stage::Body && m_stage != Stage::Done))
        return 0;
    switch (m_framing) {
    case Framing::Length:
        return std::min(m_source->bytesAvailable(), m_left);
    case Framing::Chunked:
        break;
    case Framing::UntilClose:
        return m_source->bytesAvailable();
    case Framing::None:
        break;
    }
    return 0;
}

qint64 Http1Reply::bytesAvailable() const
{
    return QNetworkReply::bytesAvailable() + bodyAvailable();
}

qint64 Http1Reply::readData(char *data, qint64 maxSize)
{
    if (m_inner)
        return m_inner->read(data, maxSize);
    const qint64 wanted = std::min(maxSize, bodyAvailable());
    qint64 got = 0;
    if (wanted > 0 && m_framing == Framing::Chunked) {
        std::memcpy(data, m_decoded.constData() + m_decodedAt, static_cast<size_t>(wanted));
        m_decodedAt += wanted;
        got = wanted;
        if (m_decodedAt == m_decoded.size()) {
            m_decoded.clear();
            m_decodedAt = 0;
            // Decoding stopped at the read buffer's size: go on from the event loop.
            if (m_stage == Stage::Body && m_socket && m_source && m_source->bytesAvailable() > 0)
                QMetaObject::invokeMethod(this, &Http1Reply::handleReadyRead, Qt::QueuedConnection);
        }
    } else if (wanted > 0) {
        got = std::max<qint64>(0, m_source->read(data, wanted));
        if (m_framing == Framing::Length)
            m_left -= got;
    }
    if (m_framing == Framing::Length && m_left == 0)
        releaseSocket(); // the last byte is read: the connection may serve the next request
    if (got == 0 && isFinished())
        return -1;
    return got;
}

bool Http1Reply::decodeChunks()
{
    // Once the socket is gone its bytes are in memory anyway: decode them all.
    const qint64 ahead = m_socket == nullptr    ? std::numeric_limits<qint64>::max()
                         : m_readBufferSize > 0 ? m_readBufferSize
                                                : DecodeAheadBytes;
    while (!m_chunksEnded && m_decoded.size() - m_decodedAt < ahead) {
        if (m_left > 0) {
            const qint64 take = std::min(m_left, m_source->bytesAvailable());
            if (take == 0)
                break;
            if (m_decodedAt > 0) {
                m_decoded.remove(0, m_decodedAt);
                m_decodedAt = 0;
            }
            m_decoded += m_source->read(take);
            m_left -= take;
            m_chunkCrlf = m_left == 0;
            continue;
        }
        if (!m_source->canReadLine())
            return m_source->bytesAvailable() <= MaxChunkLineBytes;
        const QByteArray raw = m_source->readLine(MaxChunkLineBytes + 1);
        if (!raw.endsWith('\n'))
            return false; // longer than any chunk-size line needs to be
        const QByteArray line = withoutLineEnd(raw);
        if (m_chunkCrlf) {
            if (!line.isEmpty())
                return false;
            m_chunkCrlf = false;
        } else if (m_inTrailer) {
            m_chunksEnded = line.isEmpty();
        } else {
            const qsizetype extension = line.indexOf(';');
            const QByteArray digits = (extension < 0 ? line : line.left(extension)).trimmed();
            bool ok = !digits.isEmpty() && digits.size() <= 15;
            const qint64 size = ok ? digits.toLongLong(&ok, 16) : -1;
            if (!ok || size < 0)
                return false;
            m_left = size;
            m_inTrailer = size == 0;
        }
    }
    return true;
}

void Http1Reply::checkBodyComplete()
{
    if (m_stage != Stage::Body || m_inner)
        return;
    bool arrived = false;
    switch (m_framing) {
    case Framing::None:
        arrived = true;
        break;
    case Framing::Length:
        arrived = m_left == 0 || (m_source && m_source->bytesAvailable() >= m_left);
        break;
    case Framing::Chunked:
        arrived = m_chunksEnded; // and the socket has nothing more of this answer
        break;
    case Framing::UntilClose:
        break; // the end of the connection says so
    }
    if (arrived)
        completeBody();
}

void Http1Reply::completeBody()
{
    m_stage = Stage::Done;
    if (m_framing != Framing::Length || m_left == 0)
        releaseSocket();
    finishReply();
}

void Http1Reply::releaseSocket()
{
    if (!m_socket)
        return;
    if (!m_keepAlive || !m_pool || m_socket->state() != QAbstractSocket::ConnectedState
        || m_socket->bytesAvailable() > 0) {
        discardSocket();
        return;
    }
    m_pool->put(m_host, m_port, detachSocket());
}

void Http1Reply::discardSocket()
{
    if (!m_socket)
        return;
    QTcpSocket *socket = detachSocket();
    socket->abort();
    socket->deleteLater();
}

QTcpSocket *Http1Reply::detachSocket()
{
    QTcpSocket *socket = std::exchange(m_socket, nullptr);
    if (m_source == socket)
        m_source = nullptr;
    m_socketLinks.disconnectAll();
    return socket;
}

void Http1Reply::handleSocketError()
{
    if (!m_socket || m_stage == Stage::Done)
        return;
    const QAbstractSocket::SocketError error = m_socket->error();
    if (error == QAbstractSocket::RemoteHostClosedError)
        return; // disconnected() follows
    if (m_reused && !m_answerStarted && !m_resent) {
        // The kept connection had gone stale: once more on a new one.
        discardSocket();
        m_resent = true;
        m_stage = Stage::Connecting;
        openConnection();
        return;
    }
    const QString message = error == QAbstractSocket::HostNotFoundError
                                ? u"Host %1 not found"_s.arg(m_host)
                                : m_socket->errorString();
    fail(errorForSocket(error), message);
}

void Http1Reply::handleDisconnected()
{
    if (!m_socket || m_stage == Stage::Done)
        return;
    if (m_reused && !m_answerStarted && !m_resent && m_socket->bytesAvailable() == 0) {
        discardSocket();
        m_resent = true;
        m_stage = Stage::Connecting;
        openConnection();
        return;
    }
    // What arrived stays readable after the socket is gone.
    auto *rest = new QBuffer(this);
    rest->setData(m_socket->readAll());
    rest->open(QIODevice::ReadOnly);
    discardSocket();
    m_source = rest;
    m_keepAlive = false;

    const QPointer<Http1Reply> self(this);
    handleReadyRead();
    if (!self || m_stage == Stage::Done || m_inner)
        return;
    if (m_stage == Stage::Body && m_framing == Framing::UntilClose)
        completeBody();
    else
        fail(QNetworkReply::RemoteHostClosedError, u"Connection closed"_s);
}

void Http1Reply::fallBack()
{
    discardSocket();
    m_source = nullptr;
    QNetworkReply *inner = m_fallback();
    if (!inner) {
        fail(QNetworkReply::AuthenticationRequiredError, u"The server asks for a login"_s);
        return;
    }
    m_inner = inner;
    if (m_readBufferSize > 0)
        inner->setReadBufferSize(m_readBufferSize);
    m_stage = Stage::Body;
    connect(inner, &QNetworkReply::metaDataChanged, this, [this] {
        relayMetaData();
        emit metaDataChanged();
    });
    connect(inner, &QIODevice::readyRead, this, [this] { emit readyRead(); });
    connect(inner, &QNetworkReply::finished, this, &Http1Reply::relayFinished);
}

void Http1Reply::relayMetaData()
{
    for (const auto attribute : {QNetworkRequest::HttpStatusCodeAttribute,
                                 QNetworkRequest::HttpReasonPhraseAttribute,
                                 QNetworkRequest::RedirectionTargetAttribute,
                                 QNetworkRequest::Http2WasUsedAttribute,
                                 QNetworkRequest::ConnectionEncryptedAttribute}) {
        setAttribute(attribute, m_inner->attribute(attribute));
    }
    m_lastModified.clear(); // the 401's; Qt's reply has its own among these
    for (const auto &[name, value] : m_inner->rawHeaderPairs())
        setRawHeader(name, value);
    // What the manager's authenticationRequired() handlers noted on Qt's reply.
    for (const QByteArray &name : m_inner->dynamicPropertyNames())
        setProperty(name.constData(), m_inner->property(name.constData()));
}

void Http1Reply::relayFinished()
{
    relayMetaData();
    m_stage = Stage::Done;
    setError(m_inner->error(), m_inner->errorString());
    finishReply();
}

void Http1Reply::fail(NetworkError code, const QString &message)
{
    if (m_stage == Stage::Done)
        return;
    m_stage = Stage::Done;
    discardSocket();
    setError(code, message);
    finishReply();
}

void Http1Reply::finishReply()
{
    if (!m_inner && m_status >= 400 && error() == QNetworkReply::NoError) {
        setError(errorForStatus(m_status),
                 u"Error transferring %1 - server replied: %2"_s.arg(
                     url().toString(), QString::fromLatin1(m_reason)));
    }
    setFinished(true);
    const QPointer<Http1Reply> self(this);
    if (error() != QNetworkReply::NoError) {
        emit errorOccurred(error());
        if (!self)
            return;
    }
    emit readChannelFinished();
    if (!self)
        return;
    emit finished();
}

void Http1Reply::abort()
{
    if (m_inner) {
        m_inner->disconnect(this);
        m_inner->abort();
    }
    discardSocket();
    if (isFinished())
        return;
    m_stage = Stage::Done;
    m_source = nullptr;
    m_decoded.clear();
    m_decodedAt = 0;
    QNetworkReply::close();
    setError(QNetworkReply::OperationCanceledError, u"Operation canceled"_s);
    setFinished(true);
    const QPointer<Http1Reply> self(this);
    emit errorOccurred(QNetworkReply::OperationCanceledError);
    if (self)
        emit finished();
}

void Http1Reply::setReadBufferSize(qint64 size)
{
    QNetworkReply::setReadBufferSize(size);
    m_readBufferSize = size;
    if (m_socket)
        m_socket->setReadBufferSize(socketBufferSize(size));
    if (m_inner)
        m_inner->setReadBufferSize(size);
}

} // namespace Ferry
