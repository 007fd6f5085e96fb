#include "requestfeed.h"

#include "interruptibleinput.h"

#include "core/urllistreader.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QThread>

#include <cstring>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Ferry {

namespace {

constexpr qsizetype AddBatch = 10000;

QString absoluteDirectory(const QString &directory)
{
    return QDir::cleanPath(QDir::current().absoluteFilePath(directory));
}

} // namespace

RequestFeed::RequestFeed(const CliOptions &options, PrintError printError, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_printError(printError)
{}

RequestFeed::~RequestFeed()
{
    if (m_thread) {
        interrupt();
        m_thread->wait();
        delete m_thread;
    }
}

bool RequestFeed::addCommandLine()
{
    for (const QString &text : m_options.urls) {
        QString reason;
        const std::optional<QUrl> url = UrlListReader::parseUrl(text, &reason);
        if (!url) {
            m_printError(QCoreApplication::translate("main", "\"%1\" is not a usable URL: %2")
                             .arg(text, reason));
            return false;
        }
        TransferRequest request;
        request.url = *url;
        request.directory = m_options.directory;
        request.fileName = m_options.outName;
        request.checksum = m_options.checksum;
        request.allowOverwrite = m_options.allowOverwrite;
        request.headers = m_options.headers;
        append(std::move(request));
    }
    return true;
}

bool RequestFeed::openList()
{
    if (m_options.inputFile.isEmpty())
        return true;
    if (m_options.inputFile == "-"_L1) {
        m_listName = QCoreApplication::translate("main", "standard input");
        m_stdin = std::make_unique<InterruptibleInput>(STDIN_FILENO);
        m_list = m_stdin.get();
        return m_stdin->open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    }
    m_listName = m_options.inputFile;
    m_file.setFileName(m_options.inputFile);
    const bool isFolder = QFileInfo(m_options.inputFile).isDir();
    if (isFolder || !m_file.open(QIODevice::ReadOnly)) {
        m_printError(QCoreApplication::translate("main", "cannot read the list %1: %2")
                         .arg(m_options.inputFile,
                              isFolder ? QCoreApplication::translate("main", "it is a folder")
                                       : m_file.errorString()));
        return false;
    }
    m_list = &m_file;
    return true;
}

QList<TransferRequest> RequestFeed::takeBatch()
{
    m_added += m_batch.size();
    return std::exchange(m_batch, {});
}

void RequestFeed::start()
{
    m_thread = QThread::create([this] {
        const bool ok = readList();
        if (!m_batch.isEmpty())
            emit batchRead(takeBatch());
        emit finished(ok);
    });
    m_thread->setObjectName(u"ferry-list"_s);
    m_thread->start();
}

void RequestFeed::interrupt()
{
    m_interrupted = true;
    if (m_stdin)
        m_stdin->interrupt();
}

bool RequestFeed::readList()
{
    if (!m_list)
        return true;
    UrlListReader reader(m_list);
    if (m_stdin) {
        // A pipe that pauses has given what it has: hand over the entries read so far instead of
        // waiting for a full batch. The last URL waits for the next URL line (or the end), as
        // in aria2: its option lines (dir, out, checksum) may still be on their way.
        m_stdin->setWhenIdle([this] {
            if (!m_batch.isEmpty())
                emit batchRead(takeBatch());
        });
    }
    while (!m_interrupted) {
        const std::optional<UrlListEntry> entry = reader.next();
        if (!entry)
            break;
        append(request(*entry));
        if (m_batch.size() >= AddBatch)
            emit batchRead(takeBatch());
    }
    if (m_stdin)
        m_stdin->setWhenIdle({});
    const QList<UrlListProblem> problems = reader.problems();
    for (const UrlListProblem &problem : problems) {
        m_printError(QCoreApplication::translate("main", "%1:%2: %3: %4")
                         .arg(m_listName)
                         .arg(problem.line)
                         .arg(problem.reason, problem.text));
    }
    if (reader.problemCount() > problems.size()) {
        m_printError(QCoreApplication::translate("main", "%1: %2 more problems not shown")
                         .arg(m_listName)
                         .arg(reader.problemCount() - problems.size()));
    }
    m_rejectedLines = reader.problemCount();
    if (const auto readError = reader.readError(); readError && !m_interrupted) {
        m_printError(QCoreApplication::translate("main", "cannot read the list %1: %2")
                         .arg(m_listName, *readError));
        return false;
    }
    return true;
}

TransferRequest RequestFeed::request(const UrlListEntry &entry) const
{
    TransferRequest request;
    request.url = entry.url;
    request.directory =
        entry.directory.isEmpty() ? m_options.directory : absoluteDirectory(entry.directory);
    request.fileName = entry.outName;
    request.checksum = entry.checksum;
    request.allowOverwrite = m_options.allowOverwrite;
    // An entry's own options win; its header= lines come after the command line's.
    request.headers = m_options.headers;
    if (!entry.headers.userAgent().isEmpty())
        request.headers.setUserAgent(entry.headers.userAgent());
    if (!entry.headers.referer().isEmpty())
        request.headers.setReferer(entry.headers.referer());
    for (const RequestHeaders::Header &header : entry.headers.extra())
        request.headers.addExtra(header);
    if (!entry.headers.cookieFile().isEmpty())
        request.headers.setCookieFile(QDir::current().absoluteFilePath(entry.headers.cookieFile()));
    return request;
}

void RequestFeed::append(TransferRequest request)
{
    // The same URL into the same place once only. 16 bytes a URL, not the whole text.
    QCryptographicHash key(QCryptographicHash::Md5);
    key.addData(request.url.toEncoded());
    key.addData(QByteArrayView("\n"));
    key.addData(request.directory.toUtf8());
    key.addData(QByteArrayView("\n"));
    key.addData(request.fileName.toUtf8());
    const QByteArray digest = key.result();
    quint64 halves[2];
    std::memcpy(halves, digest.constData(), sizeof halves);
    const std::pair<quint64, quint64> id{halves[0], halves[1]};
    if (m_seen.contains(id))
        return;
    m_seen.insert(id);
    m_batch.append(std::move(request));
}

} // namespace Ferry
