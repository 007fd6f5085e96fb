#include "core/checksumspec.h"

#include <QCryptographicHash>
#include <QTest>

using namespace Qt::StringLiterals;
using Ferry::ChecksumSpec;

namespace {

// The digest of "abc" for each algorithm, from FIPS 180 / RFC 1321.
const QByteArray Md5Abc = "900150983cd24fb0d6963f7d28e17f72";
const QByteArray Sha1Abc = "a9993e364706816aba3e25717850c26c9cd0d89d";
const QByteArray Sha224Abc = "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7";
const QByteArray Sha256Abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
const QByteArray Sha384Abc = "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
                             "8086072ba1e7cc2358baeca134c825a7";
const QByteArray Sha512Abc = "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                             "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f";

} // namespace

class TestChecksumSpec : public QObject
{
    Q_OBJECT

private slots:
    void parse_validSpec_givesAlgorithmAndDigest_data();
    void parse_validSpec_givesAlgorithmAndDigest();
    void parse_invalidSpec_isRejected_data();
    void parse_invalidSpec_isRejected();
    void toString_parse_roundTrips_data();
    void toString_parse_roundTrips();
    void toString_usesAria2SpellingAndLowerCaseHex();
    void algorithmName_unsupportedAlgorithm_isEmpty();
};

void TestChecksumSpec::parse_validSpec_givesAlgorithmAndDigest_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("algorithm");
    QTest::addColumn<QByteArray>("hex");

    const auto row =
        [](const char *name, const QString &text, auto algorithm, const QByteArray &hex) {
            QTest::newRow(name) << text << int(algorithm) << hex;
        };
    row("md5", "md5="_L1 + QLatin1StringView(Md5Abc), QCryptographicHash::Md5, Md5Abc);
    row("sha-1", "sha-1="_L1 + QLatin1StringView(Sha1Abc), QCryptographicHash::Sha1, Sha1Abc);
    row("sha-224",
        "sha-224="_L1 + QLatin1StringView(Sha224Abc),
        QCryptographicHash::Sha224,
        Sha224Abc);
    row("sha-256",
        "sha-256="_L1 + QLatin1StringView(Sha256Abc),
        QCryptographicHash::Sha256,
        Sha256Abc);
    row("sha-384",
        "sha-384="_L1 + QLatin1StringView(Sha384Abc),
        QCryptographicHash::Sha384,
        Sha384Abc);
    row("sha-512",
        "sha-512="_L1 + QLatin1StringView(Sha512Abc),
        QCryptographicHash::Sha512,
        Sha512Abc);
    row("sha256 without dash",
        "sha256="_L1 + QLatin1StringView(Sha256Abc),
        QCryptographicHash::Sha256,
        Sha256Abc);
    row("sha1 without dash",
        "sha1="_L1 + QLatin1StringView(Sha1Abc),
        QCryptographicHash::Sha1,
        Sha1Abc);
    row("upper-case name",
        "SHA-256="_L1 + QLatin1StringView(Sha256Abc),
        QCryptographicHash::Sha256,
        Sha256Abc);
    row("mixed-case name", "Md5="_L1 + QLatin1StringView(Md5Abc), QCryptographicHash::Md5, Md5Abc);
    row("upper-case hex",
        "sha-256="_L1 + QString::fromLatin1(Sha256Abc.toUpper()),
        QCryptographicHash::Sha256,
        Sha256Abc);
    row("surrounding whitespace",
        "  sha-256 = "_L1 + QLatin1StringView(Sha256Abc) + "\t"_L1,
        QCryptographicHash::Sha256,
        Sha256Abc);
}

void TestChecksumSpec::parse_validSpec_givesAlgorithmAndDigest()
{
    QFETCH(QString, text);
    QFETCH(int, algorithm);
    QFETCH(QByteArray, hex);

    const std::optional<ChecksumSpec> spec = ChecksumSpec::parse(text);
    QVERIFY(spec);
    QCOMPARE(int(spec->algorithm), algorithm);
    QCOMPARE(spec->digest, QByteArray::fromHex(hex));
    QCOMPARE(spec->digest.size(),
             QCryptographicHash::hashLength(QCryptographicHash::Algorithm(algorithm)));
}

void TestChecksumSpec::parse_invalidSpec_isRejected_data()
{
    QTest::addColumn<QString>("text");

    const QString sha256 = QString::fromLatin1(Sha256Abc);
    QTest::newRow("empty") << QString();
    QTest::newRow("blank") << u"   "_s;
    QTest::newRow("no equals sign") << u"sha-256"_s + sha256;
    QTest::newRow("no algorithm") << u"="_s + sha256;
    QTest::newRow("no digest") << u"sha-256="_s;
    QTest::newRow("unknown algorithm") << u"crc32=cbf43926"_s;
    QTest::newRow("sha3 is not an aria2 name") << u"sha3-256="_s + sha256;
    QTest::newRow("underscore spelling") << u"sha_256="_s + sha256;
    QTest::newRow("digest one digit short") << u"sha-256="_s + sha256.chopped(1);
    QTest::newRow("digest one digit long") << u"sha-256="_s + sha256 + u'0';
    QTest::newRow("digest of another algorithm") << u"sha-256="_s + QString::fromLatin1(Sha1Abc);
    QTest::newRow("sha-512 digest for sha-384") << u"sha-384="_s + QString::fromLatin1(Sha512Abc);
    QTest::newRow("non-hex digit") << u"sha-256="_s + sha256.chopped(1) + u'g';
    QTest::newRow("space inside digest") << u"sha-256="_s + sha256.left(10) + u' ' + sha256.mid(11);
    QTest::newRow("colon separator") << u"sha-256:"_s + sha256;
    QTest::newRow("two equals signs") << u"sha-256=="_s + sha256;
    QTest::newRow("0x prefix") << u"md5=0x"_s + QString::fromLatin1(Md5Abc).mid(2);
    QTest::newRow("non-ASCII digit")
        << u"md5="_s + QString::fromLatin1(Md5Abc).chopped(1) + u'\u0661';
}

void TestChecksumSpec::parse_invalidSpec_isRejected()
{
    QFETCH(QString, text);

    QVERIFY(!ChecksumSpec::parse(text));
}

void TestChecksumSpec::toString_parse_roundTrips_data()
{
    QTest::addColumn<int>("algorithm");

    QTest::newRow("md5") << int(QCryptographicHash::Md5);
    QTest::newRow("sha-1") << int(QCryptographicHash::Sha1);
    QTest::newRow("sha-224") << int(QCryptographicHash::Sha224);
    QTest::newRow("sha-256") << int(QCryptographicHash::Sha256);
    QTest::newRow("sha-384") << int(QCryptographicHash::Sha384);
    QTest::newRow("sha-512") << int(QCryptographicHash::Sha512);
}

void TestChecksumSpec::toString_parse_roundTrips()
{
    QFETCH(int, algorithm);

    const auto hashAlgorithm = QCryptographicHash::Algorithm(algorithm);
    const ChecksumSpec spec{hashAlgorithm, QCryptographicHash::hash("ferry", hashAlgorithm)};
    const std::optional<ChecksumSpec> parsed = ChecksumSpec::parse(spec.toString());
    QVERIFY(parsed);
    QCOMPARE(parsed->algorithm, spec.algorithm);
    QCOMPARE(parsed->digest, spec.digest);
    QVERIFY(*parsed == spec);
    QCOMPARE(parsed->toString(), spec.toString());
}

void TestChecksumSpec::toString_usesAria2SpellingAndLowerCaseHex()
{
    const std::optional<ChecksumSpec> spec =
        ChecksumSpec::parse(QString(u"SHA256="_s + QString::fromLatin1(Sha256Abc.toUpper())));
    QVERIFY(spec);
    QCOMPARE(spec->algorithmName(), u"sha-256"_s);
    QCOMPARE(spec->toString(), u"sha-256="_s + QString::fromLatin1(Sha256Abc));
}

void TestChecksumSpec::algorithmName_unsupportedAlgorithm_isEmpty()
{
    const ChecksumSpec spec{QCryptographicHash::Sha3_256, {}};
    QVERIFY(spec.algorithmName().isEmpty());
}

QTEST_GUILESS_MAIN(TestChecksumSpec)
#include "tst_checksumspec.moc"
