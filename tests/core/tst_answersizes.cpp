#include "core/answersizes.h"

#include <QTest>

using namespace Ferry;
using namespace Qt::StringLiterals;

class TestAnswerSizes : public QObject
{
    Q_OBJECT

private slots:
    void smallInARow_makeAHostSmall();
    void oneBigOrUnknownAnswer_endsIt();
    void manyHosts_memoryStaysBounded();
};

void TestAnswerSizes::smallInARow_makeAHostSmall()
{
    AnswerSizes sizes;
    const QString host = u"files.example.org"_s;
    for (int i = 0; i < AnswerSizes::SmallInARow; ++i) {
        QVERIFY(!sizes.answersSmall(host));
        sizes.note(host, AnswerSizes::SmallBytes); // the limit itself is small
    }
    QVERIFY(sizes.answersSmall(host));
    QVERIFY(!sizes.answersSmall(u"other.example.org"_s));
}

void TestAnswerSizes::oneBigOrUnknownAnswer_endsIt()
{
    AnswerSizes sizes;
    const QString host = u"files.example.org"_s;
    const auto makeSmall = [&] {
        for (int i = 0; i < AnswerSizes::SmallInARow; ++i)
            sizes.note(host, 1);
    };
    makeSmall();
    sizes.note(host, AnswerSizes::SmallBytes + 1);
    QVERIFY(!sizes.answersSmall(host));
    // Three small answers after a big one are not enough.
    for (int i = 1; i < AnswerSizes::SmallInARow; ++i)
        sizes.note(host, 1);
    QVERIFY(!sizes.answersSmall(host));
    sizes.note(host, 1);
    QVERIFY(sizes.answersSmall(host));
    sizes.note(host, -1); // size unknown: could be anything
    QVERIFY(!sizes.answersSmall(host));
}

void TestAnswerSizes::manyHosts_memoryStaysBounded()
{
    AnswerSizes sizes;
    for (int i = 0; i < AnswerSizes::SmallInARow; ++i)
        sizes.note(u"first.example.org"_s, 1);
    for (int host = 0; host < AnswerSizes::MaxHosts; ++host)
        sizes.note(u"h%1.example.org"_s.arg(host), 1);
    // The table started over once full: the first host must earn it again.
    QVERIFY(!sizes.answersSmall(u"first.example.org"_s));
}

QTEST_GUILESS_MAIN(TestAnswerSizes)
#include "tst_answersizes.moc"
