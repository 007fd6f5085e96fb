// TlsPolicy's parsing and formatting; its certificate decisions are tested against a real
// nginx in tests/integration/tst_tls.cpp.

#include "core/tlspolicy.h"

#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QTest>

using namespace Ferry;
using namespace Qt::StringLiterals;

namespace {

const QString Hex = u"00112233445566778899aabbccddeeff00112233445566778899AABBCCDDEEFF"_s;

} // namespace

class TestTlsPolicy : public QObject
{
    Q_OBJECT

private slots:
    void parseTrust_accepted_data();
    void parseTrust_accepted();
    void parseTrust_rejected_data();
    void parseTrust_rejected();
    void formatFingerprint_upperCasePairs_parsesBack();
    void configure_noExtraCa_leavesRequestAlone();
};

void TestTlsPolicy::parseTrust_accepted_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("equals") << u"Files.Example.org="_s + Hex;
    QTest::newRow("colon") << u"files.example.org:"_s + Hex;
    QTest::newRow("as shown in errors")
        << u"files.example.org="_s
               + TlsPolicy::formatFingerprint(QByteArray::fromHex(Hex.toLatin1()));
}

void TestTlsPolicy::parseTrust_accepted()
{
    QFETCH(QString, text);
    QString error;
    const auto trust = TlsPolicy::parseTrust(text, &error);
    QVERIFY2(trust, qPrintable(error));
    QCOMPARE(trust->first, u"files.example.org"_s);
    QCOMPARE(trust->second, QByteArray::fromHex(Hex.toLatin1()));
    QCOMPARE(trust->second.size(), 32);
}

void TestTlsPolicy::parseTrust_rejected_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("no host") << u"="_s + Hex;
    QTest::newRow("no digest") << u"example.org"_s;
    QTest::newRow("short") << u"example.org="_s + Hex.left(62);
    QTest::newRow("not hex") << u"example.org="_s + Hex.left(62) + u"zz"_s;
    QTest::newRow("sha-1 length") << u"example.org="_s + Hex.left(40);
}

void TestTlsPolicy::parseTrust_rejected()
{
    QFETCH(QString, text);
    QString error;
    QVERIFY(!TlsPolicy::parseTrust(text, &error));
    QVERIFY(error.contains(u"HOST=SHA256"_s));
}

void TestTlsPolicy::formatFingerprint_upperCasePairs_parsesBack()
{
    const QByteArray digest = QByteArray::fromHex(Hex.toLatin1());
    const QString shown = TlsPolicy::formatFingerprint(digest);
    QVERIFY(shown.startsWith(u"00:11:22:"_s));
    QVERIFY(shown.endsWith(u":EE:FF"_s));
    QCOMPARE(shown.size(), 32 * 3 - 1);
}

void TestTlsPolicy::configure_noExtraCa_leavesRequestAlone()
{
    const TlsPolicy policy({}, {});
    QNetworkRequest request(QUrl(u"https://example.org/"_s));
    const QSslConfiguration before = request.sslConfiguration();
    policy.configure(request);
    QCOMPARE(request.sslConfiguration(), before);
}

QTEST_GUILESS_MAIN(TestTlsPolicy)
#include "tst_tlspolicy.moc"
