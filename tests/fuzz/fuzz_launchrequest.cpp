// The single-instance hand-off: any local process can write to the socket, so decode() must
// take any bytes; what it accepts encodes and decodes back to the same request. The arguments
// side (ferry URL -i FILE ...) only ever yields http(s) URLs and absolute, clean list paths.
#include "tests/fuzz/fuzzcheck.h"
#include "ui/launchrequest.h"

#include <QByteArray>
#include <QDir>

#include <cstddef>
#include <cstdint>

using namespace Ferry;
using namespace Qt::StringLiterals;

namespace {

// URLs compare by their encoded form, which is what travels: QUrl's == also compares how a
// component is held ("#" or "%23" inside a fragment).
QList<QByteArray> encoded(const QList<QUrl> &urls)
{
    QList<QByteArray> result;
    for (const QUrl &url : urls)
        result.append(url.toEncoded());
    return result;
}

bool same(const LaunchRequest &a, const LaunchRequest &b)
{
    return encoded(a.urls) == encoded(b.urls) && a.listFiles == b.listFiles
           && a.startMinimized == b.startMinimized;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));

    if (const std::optional<LaunchRequest> request = LaunchRequest::decode(bytes)) {
        const QByteArray encoded = request->encode();
        const std::optional<LaunchRequest> again = LaunchRequest::decode(encoded);
        FERRY_FUZZ_CHECK(again.has_value());
        FERRY_FUZZ_CHECK(same(*again, *request));
        FERRY_FUZZ_CHECK(again->encode() == encoded);
    }

    // The same bytes as a command line, one argument per NUL-separated piece.
    QStringList arguments;
    for (const QByteArray &piece : bytes.split('\0'))
        arguments.append(QString::fromUtf8(piece));
    const QString workingDirectory = u"/home/user/work"_s;
    const LaunchRequest request = LaunchRequest::fromArguments(arguments, workingDirectory);
    for (const QUrl &url : request.urls) {
        FERRY_FUZZ_CHECK(url.isValid());
        FERRY_FUZZ_CHECK(url.scheme() == "http"_L1 || url.scheme() == "https"_L1);
        FERRY_FUZZ_CHECK(!url.host().isEmpty());
    }
    for (const QString &path : request.listFiles) {
        FERRY_FUZZ_CHECK(QDir::isAbsolutePath(path));
        FERRY_FUZZ_CHECK(QDir::cleanPath(path) == path);
    }
    const std::optional<LaunchRequest> handedOver = LaunchRequest::decode(request.encode());
    FERRY_FUZZ_CHECK(handedOver.has_value());
    FERRY_FUZZ_CHECK(same(*handedOver, request));
    return 0;
}
