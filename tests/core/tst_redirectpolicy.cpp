#include "core/redirectpolicy.h"

#include <QTest>

using namespace Ferry;
using namespace Qt::StringLiterals;

class TestRedirectPolicy : public QObject
{
    Q_OBJECT

private slots:
    void check_data();
    void check();
};

void TestRedirectPolicy::check_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<int>("hops");
    QTest::addColumn<QString>("refusal"); // empty: allowed

    const QString http = u"http://a.example/x"_s;
    const QString https = u"https://a.example/x"_s;
    QTest::newRow("http to http") << http << u"http://b.example/y"_s << 0 << QString();
    QTest::newRow("http to https") << http << u"https://b.example/y"_s << 0 << QString();
    QTest::newRow("https to https") << https << u"https://b.example/y"_s << 3 << QString();
    QTest::newRow("scheme case") << https << u"HTTPS://b.example/y"_s << 0 << QString();
    QTest::newRow("ninth hop") << http << u"http://b.example/y"_s << 9 << QString();
    QTest::newRow("https to http") << https << u"http://b.example/y"_s << 0 << u"down to HTTP"_s;
    QTest::newRow("https to HTTP") << https << u"HTTP://b.example/y"_s << 0 << u"down to HTTP"_s;
    QTest::newRow("to file") << http << u"file:///etc/passwd"_s << 0 << u"not an http"_s;
    QTest::newRow("to ftp") << http << u"ftp://b.example/y"_s << 0 << u"not an http"_s;
    QTest::newRow("to javascript") << http << u"javascript:alert(1)"_s << 0 << u"not an http"_s;
    QTest::newRow("no host") << http << u"http:///nohost"_s << 0 << u"not an http"_s;
    QTest::newRow("eleventh hop") << http << u"http://b.example/y"_s << 10 << u"more than 10"_s;
}

void TestRedirectPolicy::check()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(int, hops);
    QFETCH(QString, refusal);
    const std::optional<TransferError> verdict = RedirectPolicy::check(QUrl(from), QUrl(to), hops);
    if (refusal.isEmpty()) {
        QVERIFY2(!verdict, verdict ? qPrintable(verdict->detail) : "");
        return;
    }
    QVERIFY(verdict);
    QCOMPARE(verdict->kind, TransferError::Kind::Redirect);
    QCOMPARE(verdict->recovery, TransferError::Recovery::Fatal);
    QVERIFY2(verdict->detail.contains(refusal), qPrintable(verdict->detail));
}

QTEST_GUILESS_MAIN(TestRedirectPolicy)
#include "tst_redirectpolicy.moc"
