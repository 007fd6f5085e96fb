// Free text pasted or dropped into Ferry: every URL found is an http(s) URL with a host, none
// twice, the same whether the text arrives at once or in two pieces, and a second pass that
// knows the first pass's URLs finds nothing new.
#include "core/urlextractor.h"
#include "tests/fuzz/fuzzcheck.h"

#include <QByteArray>
#include <QSet>
#include <QString>

#include <cstddef>
#include <cstdint>

using namespace Ferry;
using namespace Qt::StringLiterals;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString text = QString::fromUtf8(bytes);

    UrlExtractor whole;
    whole.beginSource(u"input"_s);
    whole.addText(text);
    const QList<QUrl> urls = whole.urls();
    QSet<QByteArray> keys;
    for (const QUrl &url : urls) {
        FERRY_FUZZ_CHECK(url.isValid());
        FERRY_FUZZ_CHECK(url.scheme() == "http"_L1 || url.scheme() == "https"_L1);
        FERRY_FUZZ_CHECK(!url.host().isEmpty());
        const QByteArray key = UrlExtractor::key(url);
        FERRY_FUZZ_CHECK(!keys.contains(key));
        keys.insert(key);
    }
    FERRY_FUZZ_CHECK(whole.rejected().size() <= UrlExtractor::MaxStoredRejections);
    FERRY_FUZZ_CHECK(whole.rejectedCount() >= whole.rejected().size());

    // Split after a line break in the middle: pieces of whole lines give the same URLs.
    const qsizetype split = text.indexOf(u'\n', text.size() / 2);
    if (split >= 0) {
        UrlExtractor pieces;
        pieces.beginSource(u"input"_s);
        pieces.addText(QStringView(text).left(split + 1));
        pieces.addText(QStringView(text).mid(split + 1));
        FERRY_FUZZ_CHECK(pieces.urls() == urls);
    }

    UrlExtractor second;
    second.setKnownKeys(keys);
    second.beginSource(u"input"_s);
    second.addText(text);
    FERRY_FUZZ_CHECK(second.urls().isEmpty());
    FERRY_FUZZ_CHECK(second.knownCount() >= urls.size());
    return 0;
}
