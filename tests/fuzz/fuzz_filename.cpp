// Content-Disposition parsing and file-name sanitising: whatever a server sends, the name Ferry
// writes is one plain component inside the download folder.
#include "core/filename.h"
#include "tests/fuzz/fuzzcheck.h"

#include <QByteArray>
#include <QDir>
#include <QSet>
#include <QString>
#include <QUrl>

#include <cstddef>
#include <cstdint>

using namespace Ferry;
using namespace Qt::StringLiterals;

namespace {

// What every name sanitize() returns must be, wherever it came from.
void checkSafe(const QString &name)
{
    FERRY_FUZZ_CHECK(!name.isEmpty());
    FERRY_FUZZ_CHECK(name != "."_L1 && name != ".."_L1);
    FERRY_FUZZ_CHECK(!name.startsWith(u'.'));
    FERRY_FUZZ_CHECK(!name.contains(u'/') && !name.contains(u'\\'));
    FERRY_FUZZ_CHECK(!name.contains(QChar(0)));
    for (const QChar c : name) {
        FERRY_FUZZ_CHECK(c.unicode() >= 0x20 && !(c.unicode() >= 0x7f && c.unicode() <= 0x9f));
    }
    FERRY_FUZZ_CHECK(!name.endsWith(u'.') && !name.endsWith(u' '));
    FERRY_FUZZ_CHECK(name.toUtf8().size() <= FileName::MaxBytes);
    // Valid UTF-16 all through: no lone surrogate survives.
    FERRY_FUZZ_CHECK(QString::fromUtf8(name.toUtf8()) == name);
    // Joined to a folder it stays a direct child of that folder.
    const QString folder = u"/srv/downloads"_s;
    const QString path = QDir::cleanPath(QDir(folder).filePath(name));
    FERRY_FUZZ_CHECK(path.startsWith(folder + u'/'));
    FERRY_FUZZ_CHECK(path.mid(folder.size() + 1) == name);
    // Sanitising is idempotent: a sanitised name is left as it is.
    FERRY_FUZZ_CHECK(FileName::sanitize(name) == name);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));

    if (const std::optional<QString> name = FileName::fromContentDisposition(bytes)) {
        FERRY_FUZZ_CHECK(!name->isEmpty());
        FERRY_FUZZ_CHECK(*name != "."_L1 && *name != ".."_L1);
        FERRY_FUZZ_CHECK(!name->contains(u'/') && !name->contains(u'\\'));
        checkSafe(FileName::sanitize(*name));
    }

    const QString text = QString::fromUtf8(bytes);
    const QString safe = FileName::sanitize(text);
    checkSafe(safe);

    const QString fromUrl = FileName::fromUrl(QUrl::fromEncoded(bytes));
    FERRY_FUZZ_CHECK(fromUrl != "."_L1 && fromUrl != ".."_L1);
    checkSafe(FileName::sanitize(fromUrl));

    // unique(): the first few copies of a name get distinct, safe, free names.
    QSet<QString> taken{safe};
    for (int copy = 0; copy < 3; ++copy) {
        qint64 used = -1;
        const QString next = FileName::unique(
            safe, [&](const QString &candidate) { return taken.contains(candidate); }, 1, &used);
        FERRY_FUZZ_CHECK(!taken.contains(next));
        FERRY_FUZZ_CHECK(used == copy + 1);
        FERRY_FUZZ_CHECK(next.toUtf8().size() <= FileName::MaxBytes);
        FERRY_FUZZ_CHECK(!next.contains(u'/') && !next.contains(QChar(0)));
        FERRY_FUZZ_CHECK(next != "."_L1 && next != ".."_L1 && !next.startsWith(u'.'));
        taken.insert(next);
    }
    return 0;
}
