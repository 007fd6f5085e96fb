#pragma once

#include "core/signallinks.h"

#include <QByteArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>

#include <functional>

class QTcpSocket;

namespace Ferry {

class Http1Pool;

// A plain-HTTP/1.1 GET or HEAD without Qt's HTTP machinery: one socket on the calling thread,
// kept alive in an Http1Pool between requests. Qt's own reply hands every request and every
// chunk of body between the engine thread and its HTTP thread; for files of tens of KiB that
// cost more CPU time than everything else Ferry does per file.
//
// It behaves towards its reader as Qt's reply does for the requests Ferry sends: the status,
// reason phrase and headers (repeated ones joined as Qt joins them) before metaDataChanged(),
// the body through readyRead() and read(), errors as Qt names them (an HTTP status of 400 or
// more included, set when the body has arrived), finished() once everything arrived, abort()
// ending it at once with OperationCanceledError. Bodies framed by Content-Length, chunked or by
// the end of the connection; interim 1xx answers are skipped. A request that finds its kept
// connection closed by the server is sent once more on a new one.
//
// A 401 is not its to answer: the request then goes to Qt (`fallback`), whose reply this one
// relays from then on, so that the manager's authenticationRequired() works as usual. Without
// a fallback the 401 is delivered as it is.
class Http1Reply final : public QNetworkReply
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Http1Reply)

public:
    using Fallback = std::function<QNetworkReply *()>;

    static constexpr qint64 MaxHeadBytes = 128 << 10;
    static constexpr int MaxHeaderLines = 256;
    static constexpr qint64 HeadWindowBytes = 4 << 10;

    // Whether this class can carry `request` for `manager`: GET or HEAD of an http URL without a
    // login in it, redirects and cookies left to the caller (ManualRedirectPolicy, Manual
    // cookie control) and no header that could break the request's framing. The caller also
    // makes sure the connection is direct (no proxy).
    static bool canCarry(QNetworkAccessManager::Operation operation,
                         const QNetworkRequest &request);

    // The Last-Modified header of any reply. An Http1Reply keeps it out of the headers
    // QNetworkReply holds, because setRawHeader() turns that one into a local-time QDateTime
    // (sscanf, mktime and a stat of /etc/localtime): a twentieth of the engine thread's time
    // with many small files, for a value nothing reads.
    static QByteArray lastModifiedOf(const QNetworkReply &reply);

    Http1Reply(QNetworkAccessManager::Operation operation,
               const QNetworkRequest &request,
               Http1Pool *pool,
               Fallback fallback,
               QObject *parent = nullptr);
    ~Http1Reply() override;

    void abort() override;
    qint64 bytesAvailable() const override;

    bool isSequential() const override { return true; }

    void setReadBufferSize(qint64 size) override;

protected:
    qint64 readData(char *data, qint64 maxSize) override;

private:
    enum class Stage {
        Connecting,
        Head,
        Body,
        Done,
    };
    enum class Framing {
        None,
        Length,
        Chunked,
        UntilClose,
    };

    void connectSocket(QTcpSocket *socket);
    void openConnection();
    void sendRequest();
    void handleReadyRead();
    void handleSocketError();
    void handleDisconnected();
    bool readHead();
    enum class HeadLine {
        Taken,
        Ended, // the empty line that ends a head
        Failed,
    };
    HeadLine takeHeadLine(QByteArrayView line);
    void applyHead();
    void fallBack();
    void relayMetaData();
    void relayFinished();
    qint64 bodyAvailable() const;
    bool decodeChunks();
    void checkBodyComplete();
    void completeBody();
    void releaseSocket();
    void discardSocket();
    QTcpSocket *detachSocket(); // no longer ours to read or to be told about
    void fail(NetworkError code, const QString &message);
    void finishReply();
    QByteArray buildRequest() const;

    QNetworkAccessManager::Operation m_operation;
    Http1Pool *m_pool;
    Fallback m_fallback;
    QString m_host;
    quint16 m_port = 80;
    QByteArray m_requestBytes;

    QTcpSocket *m_socket = nullptr; // child while in use
    SignalLinks m_socketLinks;      // this reply's connections to it
    QIODevice *m_source = nullptr;  // the socket, or the bytes it held when it closed
    bool m_reused = false;
    bool m_resent = false;
    bool m_answerStarted = false;
    qint64 m_readBufferSize = 0;

    Stage m_stage = Stage::Connecting;
    qint64 m_headBytes = 0;
    int m_headLines = 0;
    int m_status = 0;
    QByteArray m_reason;
    QList<std::pair<QByteArray, QByteArray>> m_headers;
    QByteArray m_lastModified;
    bool m_keepAlive = true;

    Framing m_framing = Framing::None;
    qint64 m_left = 0;        // Length: body bytes not read yet; Chunked: of the current chunk
    bool m_chunkCrlf = false; // Chunked: a chunk's data was read, its CRLF not yet
    bool m_inTrailer = false;
    bool m_chunksEnded = false;
    QByteArray m_decoded; // Chunked: body bytes decoded, not read yet (from m_decodedAt)
    qsizetype m_decodedAt = 0;

    QPointer<QNetworkReply> m_inner; // Qt's reply after a fallback; the manager's child
};

} // namespace Ferry
