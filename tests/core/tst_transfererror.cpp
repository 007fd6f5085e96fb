#include "core/transfererror.h"

#include <QTest>

using Ferry::TransferError;
using namespace Qt::StringLiterals;

using Kind = TransferError::Kind;
using Recovery = TransferError::Recovery;

class TestTransferError : public QObject
{
    Q_OBJECT

private slots:
    void message_everyKindWithDetail_mentionsDetail_data();
    void message_everyKindWithDetail_mentionsDetail();
    void message_http_mentionsStatusAndReason();
    void message_detailWithPlaceholders_isKeptVerbatim();
    void message_none_isEmpty();
    void message_authentication_namesHostAndRealm();
    void message_cancelled_isShortAndHasNoDetail();
    void make_setsKindRecoveryAndDetail();
    void isRetryable_needsAnErrorAndRetryRecovery();
};

void TestTransferError::message_everyKindWithDetail_mentionsDetail_data()
{
    QTest::addColumn<int>("kind");

    QTest::newRow("Network") << int(Kind::Network);
    QTest::newRow("Http") << int(Kind::Http);
    QTest::newRow("Timeout") << int(Kind::Timeout);
    QTest::newRow("Tls") << int(Kind::Tls);
    QTest::newRow("FileSystem") << int(Kind::FileSystem);
    QTest::newRow("DiskFull") << int(Kind::DiskFull);
    QTest::newRow("Checksum") << int(Kind::Checksum);
    QTest::newRow("Redirect") << int(Kind::Redirect);
    QTest::newRow("Protocol") << int(Kind::Protocol);
    QTest::newRow("InvalidUrl") << int(Kind::InvalidUrl);
    // Without a protection space (restored from a session) the detail names it.
    QTest::newRow("AuthenticationRequired") << int(Kind::AuthenticationRequired);
    QTest::newRow("AuthenticationFailed") << int(Kind::AuthenticationFailed);
}

void TestTransferError::message_everyKindWithDetail_mentionsDetail()
{
    QFETCH(int, kind);

    const QString detail = u"detail-7f3a: /srv/x.bin"_s;
    const TransferError error =
        TransferError::make(static_cast<Kind>(kind), Recovery::Fatal, detail);
    const QString message = error.message();
    QVERIFY2(message.contains(detail), qPrintable(message));
    // More than the detail: the user is told what kind of trouble it is.
    QVERIFY2(message.size() > detail.size() + 3, qPrintable(message));
    QVERIFY2(!message.contains(u'%'), qPrintable(message));
}

void TestTransferError::message_authentication_namesHostAndRealm()
{
    TransferError error = TransferError::make(Kind::AuthenticationRequired, Recovery::AskUser, {});
    error.credentialKey =
        Ferry::CredentialKey::forUrl(QUrl(u"https://files.example/x"_s), u"Staff Only"_s);
    QVERIFY(error.isAuthentication());
    QVERIFY(!error.isRetryable());
    const QString required = error.message();
    QVERIFY2(required.contains(u"files.example"_s), qPrintable(required));
    QVERIFY2(required.contains(u"Staff Only"_s), qPrintable(required));
    error.kind = Kind::AuthenticationFailed;
    const QString failed = error.message();
    QVERIFY2(failed.contains(u"files.example"_s) && failed.contains(u"Staff Only"_s),
             qPrintable(failed));
    QVERIFY(failed != required);
}

void TestTransferError::message_http_mentionsStatusAndReason()
{
    TransferError error = TransferError::make(Kind::Http, Recovery::Fatal, u"Not Found"_s);
    error.httpStatus = 404;
    const QString message = error.message();
    QVERIFY2(message.contains(u"404 Not Found"_s), qPrintable(message));

    // Without a reason phrase (HTTP/2 has none) no dangling space is left.
    error.detail.clear();
    QVERIFY2(error.message().endsWith(u"404"_s), qPrintable(error.message()));
}

void TestTransferError::message_detailWithPlaceholders_isKeptVerbatim()
{
    // Details come from servers and file names; "%1" in them must not be substituted.
    const QString detail = u"/srv/100%25 %1 %2.bin"_s;
    for (const Kind kind : {Kind::Network, Kind::FileSystem, Kind::Http}) {
        TransferError error = TransferError::make(kind, Recovery::Fatal, detail);
        error.httpStatus = 500;
        QVERIFY2(error.message().contains(detail), qPrintable(error.message()));
    }
}

void TestTransferError::message_none_isEmpty()
{
    QVERIFY(TransferError{}.message().isEmpty());
    QVERIFY(TransferError::make(Kind::None, Recovery::Fatal, u"ignored"_s).message().isEmpty());
}

void TestTransferError::message_cancelled_isShortAndHasNoDetail()
{
    const TransferError error =
        TransferError::make(Kind::Cancelled, Recovery::Fatal, u"stopped by engine"_s);
    QVERIFY(!error.message().isEmpty());
    QVERIFY(!error.message().contains(u"stopped by engine"_s));
}

void TestTransferError::make_setsKindRecoveryAndDetail()
{
    const TransferError error = TransferError::make(Kind::DiskFull, Recovery::AskUser, u"d"_s);
    QCOMPARE(error.kind, Kind::DiskFull);
    QCOMPARE(error.recovery, Recovery::AskUser);
    QCOMPARE(error.detail, u"d"_s);
    QCOMPARE(error.httpStatus, 0);
    QCOMPARE(error.networkError, QNetworkReply::NoError);
    QCOMPARE(error.retryAfterMs, qint64(-1));
    QVERIFY(!error.isNone());
}

void TestTransferError::isRetryable_needsAnErrorAndRetryRecovery()
{
    QVERIFY(TransferError::make(Kind::Network, Recovery::Retry, {}).isRetryable());
    QVERIFY(!TransferError::make(Kind::Network, Recovery::Fatal, {}).isRetryable());
    QVERIFY(!TransferError::make(Kind::Http, Recovery::AskUser, {}).isRetryable());
    QVERIFY(!TransferError::make(Kind::None, Recovery::Retry, {}).isRetryable());
    QVERIFY(TransferError{}.isNone());
    QVERIFY(!TransferError{}.isRetryable());
}

QTEST_GUILESS_MAIN(TestTransferError)
#include "tst_transfererror.moc"
