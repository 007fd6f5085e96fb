// "Name: value" lines from -H/--header and the GUI's header box: what parses is a header the
// engine may send (a token name, a value without line breaks, not one Ferry sets itself), reads
// back the same, goes out as given, and a login header never goes to another host.
#include "core/requestheaders.h"
#include "tests/fuzz/fuzzcheck.h"

#include <QByteArray>
#include <QNetworkRequest>
#include <QString>
#include <QUrl>

#include <cstddef>
#include <cstdint>

using namespace Ferry;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString line =
        QString::fromUtf8(QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)));
    QString error;
    const std::optional<RequestHeaders::Header> header = RequestHeaders::parseLine(line, &error);
    if (!header) {
        FERRY_FUZZ_CHECK(!error.isEmpty());
        return 0;
    }
    const auto &[name, value] = *header;
    FERRY_FUZZ_CHECK(!RequestHeaders::check(name, value).has_value());
    FERRY_FUZZ_CHECK(!name.isEmpty() && !name.contains(':') && name == name.trimmed());
    FERRY_FUZZ_CHECK(!value.contains('\r') && !value.contains('\n') && !value.contains('\0'));
    FERRY_FUZZ_CHECK(value == value.trimmed());

    // Written as curl -H takes it, it reads back the same.
    const QString written = QString::fromUtf8(name + ": " + value);
    const std::optional<RequestHeaders::Header> again = RequestHeaders::parseLine(written, nullptr);
    FERRY_FUZZ_CHECK(again.has_value() && *again == *header);

    RequestHeaders headers;
    headers.addExtra(*header);
    const QUrl origin(QStringLiteral("https://files.example/a"));
    QNetworkRequest same(origin);
    headers.applyTo(same, origin, QUrl(QStringLiteral("https://files.example/b")));
    FERRY_FUZZ_CHECK(same.rawHeader(name) == value);
    for (const char *elsewhere :
         {"https://other.example/b", "http://files.example/b", "https://files.example:8443/b"}) {
        const QUrl target(QString::fromLatin1(elsewhere));
        QNetworkRequest request(target);
        headers.applyTo(request, origin, target);
        FERRY_FUZZ_CHECK(RequestHeaders::isCredential(name) ? !request.hasRawHeader(name)
                                                            : request.rawHeader(name) == value);
    }
    return 0;
}
