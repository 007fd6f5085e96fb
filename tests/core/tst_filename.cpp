#include "core/filename.h"

#include <QSet>
#include <QTest>
#include <QUrl>

using namespace Qt::StringLiterals;
namespace FileName = Ferry::FileName;

namespace {

qsizetype utf8Size(const QString &text)
{
    return text.toUtf8().size();
}

// Describes the first way `name` is unsafe as a path component, or returns an empty string.
QString unsafeBecause(const QString &name)
{
    if (name.isEmpty()) {
        return u"empty"_s;
    }
    if (name == "."_L1 || name == ".."_L1) {
        return u"dot name"_s;
    }
    if (name.startsWith(u'.')) {
        return u"hidden"_s;
    }
    if (name.endsWith(u'.') || name.back().isSpace() || name.front().isSpace()) {
        return u"leading or trailing dot or space"_s;
    }
    if (utf8Size(name) > FileName::MaxBytes) {
        return u"%1 UTF-8 bytes"_s.arg(utf8Size(name));
    }
    if (!name.isValidUtf16()) {
        return u"broken surrogate pair"_s;
    }
    if (name != name.normalized(QString::NormalizationForm_C)) {
        return u"not NFC"_s;
    }
    for (const QChar c : name) {
        const char16_t u = c.unicode();
        if (u < 0x20 || (u >= 0x7f && u <= 0x9f) || u"/\\<>:\"|?*"_s.contains(c)) {
            return u"forbidden character U+%1"_s.arg(int(u), 4, 16, QChar(u'0'));
        }
    }
    return {};
}

QString repeated(const QString &text, int count)
{
    return text.repeated(count);
}

} // namespace

class TestFileName : public QObject
{
    Q_OBJECT

private slots:
    void sanitize_hostileName_becomesExpected_data();
    void sanitize_hostileName_becomesExpected();
    void sanitize_anyInput_isSafeAndStable_data();
    void sanitize_anyInput_isSafeAndStable();
    void sanitize_dotDot_isReplaced();
    void sanitize_longNameWithExtension_keepsExtension();
    void sanitize_longCjkName_cutsAtCharacterBoundary();
    void sanitize_longCjkNameWithExtension_keepsExtension();
    void sanitize_emojiAtCutPoint_isDroppedWhole();
    void sanitize_emojiSequenceAtCutPoint_isNotSplit();
    void sanitize_everyCutPosition_keepsSurrogatesPaired();
    void sanitize_longDoubleExtension_isKept();
    void sanitize_longExtension_isNotKept();
    void sanitize_cutBeforeSpaces_trimsThem();
    void sanitize_hugeGraphemeCluster_isStillCut();

    void fromContentDisposition_header_givesName_data();
    void fromContentDisposition_header_givesName();

    void fromUrl_url_givesLastSegment_data();
    void fromUrl_url_givesLastSegment();

    void unique_takenNames_givesNextFree_data();
    void unique_takenNames_givesNextFree();
    void unique_repeatedDownloads_countUp();
    void unique_freeName_asksOnce();
    void unique_longName_staysWithinLimit();
    void unique_firstNumber_skipsAheadAndReportsNumber();
};

void TestFileName::sanitize_hostileName_becomesExpected_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expected");

    QTest::newRow("plain") << u"report.pdf"_s << u"report.pdf"_s;
    QTest::newRow("spaces inside kept") << u"my report.pdf"_s << u"my report.pdf"_s;
    QTest::newRow("unicode kept") << u"日本語 ファイル.txt"_s << u"日本語 ファイル.txt"_s;
    QTest::newRow("emoji kept") << u"😀 party.png"_s << u"😀 party.png"_s;
    QTest::newRow("empty") << QString() << u"download"_s;
    QTest::newRow("blank") << u"   "_s << u"download"_s;
    QTest::newRow("tabs and newlines only") << u"\t\n"_s << u"download"_s;
    QTest::newRow("dot") << u"."_s << u"download"_s;
    QTest::newRow("dot dot") << u".."_s << u"download"_s;
    QTest::newRow("three dots") << u"..."_s << u"download"_s;
    QTest::newRow("dot dot slash x") << u"../x"_s << u"_._x"_s;
    QTest::newRow("traversal") << u"../../etc/passwd"_s << u"_._.._etc_passwd"_s;
    QTest::newRow("slash") << u"a/b"_s << u"a_b"_s;
    QTest::newRow("backslash") << u"a\\b"_s << u"a_b"_s;
    QTest::newRow("absolute") << u"/etc/passwd"_s << u"_etc_passwd"_s;
    QTest::newRow("windows path") << u"C:\\x\\y.exe"_s << u"C__x_y.exe"_s;
    QTest::newRow("NUL") << u"a\0b"_s << u"a_b"_s;
    QTest::newRow("terminal escape") << u"\x1b[31mred\x1b[0m.txt"_s << u"_[31mred_[0m.txt"_s;
    QTest::newRow("tab inside") << u"tab\there"_s << u"tab_here"_s;
    QTest::newRow("newline inside") << u"line\nbreak"_s << u"line_break"_s;
    QTest::newRow("DEL") << u"del\x7f.txt"_s << u"del_.txt"_s;
    QTest::newRow("C1 control") << u"c1\u0085x\u009b.txt"_s << u"c1_x_.txt"_s;
    QTest::newRow("windows forbidden") << u"a<b>c:d\"e|f?g*h"_s << u"a_b_c_d_e_f_g_h"_s;
    QTest::newRow("right-to-left override") << u"invoice\u202Egpj.exe"_s << u"invoice_gpj.exe"_s;
    QTest::newRow("isolate") << u"a\u2066b\u2069.txt"_s << u"a_b_.txt"_s;
    QTest::newRow("lone high surrogate") << u"a"_s + QChar(0xd800) + u"b"_s << u"a_b"_s;
    QTest::newRow("lone low surrogate") << u"a"_s + QChar(0xdc00) << u"a_"_s;
    QTest::newRow("CON") << u"CON"_s << u"_CON"_s;
    QTest::newRow("con.txt") << u"con.txt"_s << u"_con.txt"_s;
    QTest::newRow("nul") << u"nul"_s << u"_nul"_s;
    QTest::newRow("Prn.tar.gz") << u"Prn.tar.gz"_s << u"_Prn.tar.gz"_s;
    QTest::newRow("aux with trailing space") << u"aux "_s << u"_aux"_s;
    QTest::newRow("CON space dot txt") << u"CON .txt"_s << u"_CON .txt"_s;
    QTest::newRow("COM1") << u"COM1"_s << u"_COM1"_s;
    QTest::newRow("lpt9.log") << u"lpt9.log"_s << u"_lpt9.log"_s;
    QTest::newRow("COM superscript") << u"COM\u00b9"_s << u"_COM\u00b9"_s;
    QTest::newRow("CONIN$") << u"conin$"_s << u"_conin$"_s;
    QTest::newRow("COM10 is fine") << u"COM10"_s << u"COM10"_s;
    QTest::newRow("CONSOLE is fine") << u"CONSOLE.txt"_s << u"CONSOLE.txt"_s;
    QTest::newRow("coma is fine") << u"coma.txt"_s << u"coma.txt"_s;
    QTest::newRow("nul inside is fine") << u"null.txt"_s << u"null.txt"_s;
    QTest::newRow("hidden") << u".bashrc"_s << u"_bashrc"_s;
    QTest::newRow("hidden with two dots") << u"..hidden"_s << u"_.hidden"_s;
    QTest::newRow("space then dot") << u" .profile"_s << u"_profile"_s;
    QTest::newRow("surrounding whitespace") << u"  name.txt \t"_s << u"name.txt"_s;
    QTest::newRow("unicode whitespace") << u"\u3000name.txt\u00a0"_s << u"name.txt"_s;
    QTest::newRow("trailing dot") << u"name."_s << u"name"_s;
    QTest::newRow("trailing dots and spaces") << u"name. . ."_s << u"name"_s;
    QTest::newRow("trailing dot after extension") << u"name.txt."_s << u"name.txt"_s;
    QTest::newRow("NFD to NFC") << u"e\u0301te\u0301.txt"_s << u"\u00e9t\u00e9.txt"_s;
    QTest::newRow("Hangul jamo to syllable") << u"\u1100\u1161.txt"_s << u"\uac00.txt"_s;
    QTest::newRow("only forbidden") << u"???"_s << u"___"_s;
}

void TestFileName::sanitize_hostileName_becomesExpected()
{
    QFETCH(QString, name);
    QFETCH(QString, expected);

    QCOMPARE(FileName::sanitize(name), expected);
    QCOMPARE(FileName::sanitize(expected), expected);
}

void TestFileName::sanitize_anyInput_isSafeAndStable_data()
{
    QTest::addColumn<QString>("name");

    const QStringList names{
        QString(),
        u"."_s,
        u".."_s,
        u"../x"_s,
        u"a/b"_s,
        u"a\\b"_s,
        u"a\0b"_s,
        u"\x1b[31m"_s,
        u"CON"_s,
        u"con.txt"_s,
        u"   "_s,
        u".bashrc"_s,
        u". . ."_s,
        u"\u202e"_s,
        u"x"_s.repeated(400) + u".txt"_s,
        u"漢"_s.repeated(300),
        u"😀"_s.repeated(200),
        u"a"_s + u"\u0301"_s.repeated(400),
        u" ."_s.repeated(200) + u"x"_s,
        u"👨\u200d👩\u200d👧"_s.repeated(50) + u".gif"_s,
        u"a."_s.repeated(200),
        u"e\u0301"_s.repeated(300),
    };
    for (const QString &name : names) {
        QTest::newRow(qPrintable(name.left(20))) << name;
    }
}

void TestFileName::sanitize_anyInput_isSafeAndStable()
{
    QFETCH(QString, name);

    const QString safe = FileName::sanitize(name);
    const QString problem = unsafeBecause(safe);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(FileName::sanitize(safe), safe);
}

void TestFileName::sanitize_dotDot_isReplaced()
{
    QCOMPARE(FileName::sanitize(u".."_s), u"download"_s);
    QCOMPARE(FileName::sanitize(u" .. "_s), u"download"_s);
    QCOMPARE(FileName::sanitize(u"../.."_s), u"_._"_s);
    QCOMPARE(FileName::sanitize(u"..\\.."_s), u"_._"_s);
}

void TestFileName::sanitize_longNameWithExtension_keepsExtension()
{
    const QString name = repeated(u"a"_s, 400) + u".txt"_s;

    const QString safe = FileName::sanitize(name);

    QCOMPARE(safe, repeated(u"a"_s, 251) + u".txt"_s);
    QCOMPARE(utf8Size(safe), 255);
}

void TestFileName::sanitize_longCjkName_cutsAtCharacterBoundary()
{
    const QString name = repeated(u"漢"_s, 300); // 900 bytes in UTF-8

    const QString safe = FileName::sanitize(name);

    QCOMPARE(safe, repeated(u"漢"_s, 85));
    QCOMPARE(utf8Size(safe), 255);
}

void TestFileName::sanitize_longCjkNameWithExtension_keepsExtension()
{
    const QString safe = FileName::sanitize(repeated(u"漢"_s, 300) + u".pdf"_s);

    QCOMPARE(safe, repeated(u"漢"_s, 83) + u".pdf"_s);
    QCOMPARE(utf8Size(safe), 253);
}

void TestFileName::sanitize_emojiAtCutPoint_isDroppedWhole()
{
    // 253 bytes of 'a', then a 4-byte emoji that would end at byte 257.
    const QString safe = FileName::sanitize(repeated(u"a"_s, 253) + u"😀b"_s);

    QCOMPARE(safe, repeated(u"a"_s, 253));
    QVERIFY(safe.isValidUtf16());
}

void TestFileName::sanitize_emojiSequenceAtCutPoint_isNotSplit()
{
    const QString family = u"👨\u200d👩\u200d👧"_s; // 18 UTF-8 bytes, one grapheme
    const QString safe = FileName::sanitize(repeated(u"a"_s, 240) + family + u".gif"_s);

    QCOMPARE(safe, repeated(u"a"_s, 240) + u".gif"_s);
}

void TestFileName::sanitize_everyCutPosition_keepsSurrogatesPaired()
{
    for (int prefix = 240; prefix <= 260; ++prefix) {
        const QString safe = FileName::sanitize(repeated(u"b"_s, prefix) + repeated(u"😀"_s, 10));
        QVERIFY2(safe.isValidUtf16(), qPrintable(QString::number(prefix)));
        QVERIFY(utf8Size(safe) <= FileName::MaxBytes);
        QVERIFY(utf8Size(safe) > FileName::MaxBytes - 4);
    }
}

void TestFileName::sanitize_longDoubleExtension_isKept()
{
    const QString safe = FileName::sanitize(repeated(u"a"_s, 300) + u".tar.gz"_s);

    QVERIFY(safe.endsWith(u".tar.gz"_s));
    QCOMPARE(utf8Size(safe), 255);
}

void TestFileName::sanitize_longExtension_isNotKept()
{
    const QString extension = u".thisextensionistoolong"_s; // 22 characters after the dot
    const QString safe = FileName::sanitize(repeated(u"a"_s, 300) + extension);

    QCOMPARE(safe, repeated(u"a"_s, 255));
}

void TestFileName::sanitize_cutBeforeSpaces_trimsThem()
{
    const QString safe =
        FileName::sanitize(repeated(u"a"_s, 250) + u"      "_s + repeated(u"b"_s, 20));

    QCOMPARE(safe, repeated(u"a"_s, 250));
}

void TestFileName::sanitize_hugeGraphemeCluster_isStillCut()
{
    // One base letter with 400 combining marks is a single grapheme cluster longer than the limit.
    const QString safe = FileName::sanitize(u"x"_s + repeated(u"\u0301"_s, 400));

    QVERIFY(!safe.isEmpty());
    QVERIFY(safe.startsWith(u'x'));
    QVERIFY(utf8Size(safe) <= FileName::MaxBytes);
}

void TestFileName::fromContentDisposition_header_givesName_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("expected"); // empty: nullopt

    // The RFC 6266 appendix D cases first.
    QTest::newRow("quoted") << QByteArray("attachment; filename=\"report.pdf\"") << u"report.pdf"_s;
    QTest::newRow("token") << QByteArray("attachment; filename=report.pdf") << u"report.pdf"_s;
    QTest::newRow("inline") << QByteArray("inline; filename=\"inline.png\"") << u"inline.png"_s;
    QTest::newRow("ext UTF-8 euro")
        << QByteArray("attachment; filename*=UTF-8''%E2%82%AC%20rates.txt") << u"€ rates.txt"_s;
    QTest::newRow("ext ISO-8859-1 pound")
        << QByteArray("attachment; filename*=iso-8859-1'en'%A3%20rates") << u"£ rates"_s;
    QTest::newRow("both, ext last")
        << QByteArray("attachment; filename=\"EURO rates\"; filename*=utf-8''%e2%82%ac%20rates")
        << u"€ rates"_s;
    QTest::newRow("both, ext first")
        << QByteArray("attachment; filename*=UTF-8''%E2%82%AC%20rates; filename=\"EURO rates\"")
        << u"€ rates"_s;
    QTest::newRow("escaped quotes") << QByteArray(R"(attachment; filename="a \"quoted\" name.txt")")
                                    << u"a \"quoted\" name.txt"_s;
    QTest::newRow("escaped backslash")
        << QByteArray(R"(attachment; filename="a\\b.txt")") << u"b.txt"_s;
    QTest::newRow("semicolon in quotes")
        << QByteArray("attachment; filename=\"a;b.txt\"; size=3") << u"a;b.txt"_s;
    QTest::newRow("upper-case names")
        << QByteArray("ATTACHMENT; FILENAME=\"upper.txt\"") << u"upper.txt"_s;
    QTest::newRow("ext upper-case name")
        << QByteArray("attachment; FILENAME*=utf-8''Upper%20Ext.txt") << u"Upper Ext.txt"_s;
    QTest::newRow("no spaces") << QByteArray("attachment;filename=tight.txt") << u"tight.txt"_s;
    QTest::newRow("extra whitespace")
        << QByteArray("attachment ;\t filename = \"spaced.txt\" ") << u"spaced.txt"_s;
    QTest::newRow("other parameters first")
        << QByteArray("attachment; size=42; creation-date=\"Wed, 12 Feb 1997 16:29:51 -0500\"; "
                      "filename=\"after.txt\"")
        << u"after.txt"_s;
    QTest::newRow("language tag") << QByteArray("attachment; filename*=UTF-8'de'M%C3%BCller.txt")
                                  << u"Müller.txt"_s;
    QTest::newRow("ext quoted anyway")
        << QByteArray("attachment; filename*=\"UTF-8''quoted%20ext.txt\"") << u"quoted ext.txt"_s;
    QTest::newRow("duplicate: first wins")
        << QByteArray("attachment; filename=\"first.txt\"; filename=\"second.txt\"")
        << u"first.txt"_s;

    // Missing and empty values.
    QTest::newRow("no parameters") << QByteArray("attachment") << QString();
    QTest::newRow("empty header") << QByteArray() << QString();
    QTest::newRow("missing value") << QByteArray("attachment; filename=") << QString();
    QTest::newRow("missing equals") << QByteArray("attachment; filename") << QString();
    QTest::newRow("empty quoted") << QByteArray("attachment; filename=\"\"") << QString();
    QTest::newRow("blank quoted") << QByteArray("attachment; filename=\"   \"") << QString();
    QTest::newRow("lookalike parameter")
        << QByteArray("attachment; xfilename=\"no.txt\"; filename-x=no.txt") << QString();
    QTest::newRow("RFC 2231 continuation unsupported")
        << QByteArray("attachment; filename*0=\"part\"") << QString();

    // filename* that cannot be used falls back to filename.
    QTest::newRow("ext invalid UTF-8")
        << QByteArray("attachment; filename*=UTF-8''%FF%FE.txt; filename=\"fallback.txt\"")
        << u"fallback.txt"_s;
    QTest::newRow("ext unknown charset")
        << QByteArray("attachment; filename*=koi8-r''%F0.txt; filename=\"fallback.txt\"")
        << u"fallback.txt"_s;
    QTest::newRow("ext without charset")
        << QByteArray("attachment; filename*=plain.txt; filename=\"fallback.txt\"")
        << u"fallback.txt"_s;
    QTest::newRow("ext empty") << QByteArray(
        "attachment; filename*=UTF-8''; filename=\"fallback.txt\"")
                               << u"fallback.txt"_s;
    QTest::newRow("ext invalid alone")
        << QByteArray("attachment; filename*=UTF-8''%FF.txt") << QString();

    // Real-world junk.
    QTest::newRow("no disposition type")
        << QByteArray("filename=\"no-type.txt\"") << u"no-type.txt"_s;
    QTest::newRow("unquoted with spaces")
        << QByteArray("attachment; filename=my file.zip") << u"my file.zip"_s;
    QTest::newRow("unquoted with spaces then parameter")
        << QByteArray("attachment; filename=my file.zip ; size=3") << u"my file.zip"_s;
    QTest::newRow("percent-encoded plain name kept")
        << QByteArray("attachment; filename=foo%20bar.txt") << u"foo%20bar.txt"_s;
    QTest::newRow("raw UTF-8") << QByteArray(
        "attachment; filename=\"\xe6\x97\xa5\xe6\x9c\xac.txt\"")
                               << u"日本.txt"_s;
    QTest::newRow("raw Latin-1") << QByteArray("attachment; filename=\"caf\xe9.txt\"")
                                 << u"café.txt"_s;
    QTest::newRow("RFC 2047 base64")
        << QByteArray("attachment; filename=\"=?UTF-8?B?4oKsIHJhdGVzLnR4dA==?=\"")
        << u"€ rates.txt"_s;
    QTest::newRow("RFC 2047 quoted-printable")
        << QByteArray("attachment; filename=\"=?ISO-8859-1?Q?caf=E9_menu.txt?=\"")
        << u"café menu.txt"_s;
    QTest::newRow("RFC 2047 quoted-printable with percent sign")
        << QByteArray("attachment; filename=\"=?UTF-8?Q?100%41_=E2=82=AC.txt?=\"")
        << u"100%41 €.txt"_s;
    QTest::newRow("unterminated quote")
        << QByteArray("attachment; filename=\"unterminated.txt") << u"unterminated.txt"_s;
    QTest::newRow("junk after closing quote")
        << QByteArray("attachment; filename=\"name.txt\"junk; size=1") << u"name.txt"_s;

    // Paths yield their last component only.
    QTest::newRow("traversal") << QByteArray("attachment; filename=\"../../etc/passwd\"")
                               << u"passwd"_s;
    QTest::newRow("windows path, raw backslashes")
        << QByteArray(R"(attachment; filename="C:\x\y.exe")") << u"y.exe"_s;
    QTest::newRow("windows path, escaped backslashes")
        << QByteArray(R"(attachment; filename="C:\\x\\y.exe")") << u"y.exe"_s;
    QTest::newRow("windows path, token")
        << QByteArray(R"(attachment; filename=C:\x\y.exe)") << u"y.exe"_s;
    QTest::newRow("absolute path") << QByteArray("attachment; filename=/abs/name") << u"name"_s;
    QTest::newRow("ext traversal")
        << QByteArray("attachment; filename*=UTF-8''..%2F..%2Fsecret") << u"secret"_s;
    QTest::newRow("directory only") << QByteArray("attachment; filename=\"dir/\"") << QString();
    QTest::newRow("dot dot") << QByteArray("attachment; filename=\"..\"") << QString();
    QTest::newRow("path ending in dot dot")
        << QByteArray("attachment; filename=\"a/..\"") << QString();
}

void TestFileName::fromContentDisposition_header_givesName()
{
    QFETCH(QByteArray, header);
    QFETCH(QString, expected);

    const std::optional<QString> name = FileName::fromContentDisposition(header);
    if (expected.isEmpty()) {
        QVERIFY2(!name, qPrintable(name.value_or(QString())));
    } else {
        QVERIFY(name);
        QCOMPARE(*name, expected);
    }
}

void TestFileName::fromUrl_url_givesLastSegment_data()
{
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<QString>("expected");

    QTest::newRow("file") << QUrl(u"https://example.com/dir/file.zip"_s) << u"file.zip"_s;
    QTest::newRow("query and fragment")
        << QUrl(u"https://example.com/dir/file.zip?x=1&y=/z#frag"_s) << u"file.zip"_s;
    QTest::newRow("directory") << QUrl(u"https://example.com/dir/"_s) << QString();
    QTest::newRow("root") << QUrl(u"https://example.com/"_s) << QString();
    QTest::newRow("no path") << QUrl(u"https://example.com"_s) << QString();
    QTest::newRow("script with query")
        << QUrl(u"https://example.com/dl?file=report.pdf"_s) << u"dl"_s;
    QTest::newRow("encoded space") << QUrl(u"https://example.com/a%20b.txt"_s) << u"a b.txt"_s;
    QTest::newRow("encoded UTF-8") << QUrl(u"https://example.com/%E2%82%AC.txt"_s) << u"€.txt"_s;
    QTest::newRow("raw unicode") << QUrl(u"https://example.com/日本.txt"_s) << u"日本.txt"_s;
    QTest::newRow("encoded Latin-1") << QUrl(u"https://example.com/caf%E9.txt"_s) << u"café.txt"_s;
    QTest::newRow("encoded slash stays in the name")
        << QUrl(u"https://example.com/a%2Fb"_s) << u"a/b"_s;
    QTest::newRow("encoded dot dot") << QUrl(u"https://example.com/x/%2E%2E"_s) << QString();
    QTest::newRow("dot dot") << QUrl(u"https://example.com/x/.."_s) << QString();
    QTest::newRow("percent sign") << QUrl(u"https://example.com/100%25.txt"_s) << u"100%.txt"_s;
}

void TestFileName::fromUrl_url_givesLastSegment()
{
    QFETCH(QUrl, url);
    QFETCH(QString, expected);

    QCOMPARE(FileName::fromUrl(url), expected);
}

void TestFileName::unique_takenNames_givesNextFree_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("taken");
    QTest::addColumn<QString>("expected");

    QTest::newRow("free") << u"a.txt"_s << QStringList{u"b.txt"_s} << u"a.txt"_s;
    QTest::newRow("taken once") << u"a.txt"_s << QStringList{u"a.txt"_s} << u"a (1).txt"_s;
    QTest::newRow("taken thrice") << u"a.txt"_s
                                  << QStringList{u"a.txt"_s, u"a (1).txt"_s, u"a (2).txt"_s}
                                  << u"a (3).txt"_s;
    QTest::newRow("gap is reused")
        << u"a.txt"_s << QStringList{u"a.txt"_s, u"a (2).txt"_s} << u"a (1).txt"_s;
    QTest::newRow("tar.gz") << u"a.tar.gz"_s << QStringList{u"a.tar.gz"_s} << u"a (1).tar.gz"_s;
    QTest::newRow("TAR.GZ") << u"B.TAR.GZ"_s << QStringList{u"B.TAR.GZ"_s} << u"B (1).TAR.GZ"_s;
    QTest::newRow("tar.bz2") << u"src.tar.bz2"_s << QStringList{u"src.tar.bz2"_s}
                             << u"src (1).tar.bz2"_s;
    QTest::newRow("tar.xz") << u"src.tar.xz"_s << QStringList{u"src.tar.xz"_s}
                            << u"src (1).tar.xz"_s;
    QTest::newRow("tar.zst") << u"src.tar.zst"_s << QStringList{u"src.tar.zst"_s}
                             << u"src (1).tar.zst"_s;
    QTest::newRow("other double extension")
        << u"data.csv.gz"_s << QStringList{u"data.csv.gz"_s} << u"data.csv (1).gz"_s;
    QTest::newRow("no extension") << u"notes"_s << QStringList{u"notes"_s} << u"notes (1)"_s;
    QTest::newRow("existing number is not incremented")
        << u"Film (2019).mkv"_s << QStringList{u"Film (2019).mkv"_s} << u"Film (2019) (1).mkv"_s;
    QTest::newRow("dot with spaces after is no extension")
        << u"Mr. Smith"_s << QStringList{u"Mr. Smith"_s} << u"Mr. Smith (1)"_s;
    QTest::newRow("long extension is no extension")
        << u"a.averyveryverylongextension"_s << QStringList{u"a.averyveryverylongextension"_s}
        << u"a.averyveryverylongextension (1)"_s;
    QTest::newRow("sanitised hidden name")
        << u"_bashrc"_s << QStringList{u"_bashrc"_s} << u"_bashrc (1)"_s;
    QTest::newRow("unicode") << u"日本.txt"_s << QStringList{u"日本.txt"_s} << u"日本 (1).txt"_s;
}

void TestFileName::unique_takenNames_givesNextFree()
{
    QFETCH(QString, name);
    QFETCH(QStringList, taken);
    QFETCH(QString, expected);

    const QSet<QString> takenSet(taken.cbegin(), taken.cend());
    QCOMPARE(FileName::unique(name, [&](const QString &n) { return takenSet.contains(n); }),
             expected);
}

void TestFileName::unique_repeatedDownloads_countUp()
{
    QSet<QString> taken;
    const auto isTaken = [&taken](const QString &name) { return taken.contains(name); };

    QStringList produced;
    for (int i = 0; i < 12; ++i) {
        const QString name = FileName::unique(u"photo.jpg"_s, isTaken);
        QVERIFY(!taken.contains(name));
        taken.insert(name);
        produced.append(name);
    }

    QCOMPARE(produced.first(), u"photo.jpg"_s);
    QCOMPARE(produced.at(1), u"photo (1).jpg"_s);
    QCOMPARE(produced.last(), u"photo (11).jpg"_s);
}

void TestFileName::unique_freeName_asksOnce()
{
    int calls = 0;
    const QString name = FileName::unique(u"a.txt"_s, [&calls](const QString &) {
        ++calls;
        return false;
    });

    QCOMPARE(name, u"a.txt"_s);
    QCOMPARE(calls, 1);
}

void TestFileName::unique_longName_staysWithinLimit()
{
    const QString ascii = repeated(u"a"_s, 251) + u".txt"_s; // exactly 255 bytes
    const QString cjk = FileName::sanitize(repeated(u"漢"_s, 300) + u".txt"_s);
    const QString emoji = FileName::sanitize(repeated(u"😀"_s, 100) + u".tar.gz"_s);

    for (const QString &name : {ascii, cjk, emoji}) {
        QSet<QString> taken{name};
        for (int i = 1; i <= 12; ++i) {
            const QString next =
                FileName::unique(name, [&taken](const QString &n) { return taken.contains(n); });
            QVERIFY(!taken.contains(next));
            QVERIFY2(utf8Size(next) <= FileName::MaxBytes, qPrintable(next));
            QVERIFY(next.isValidUtf16());
            QVERIFY(next.endsWith(u" (%1)"_s.arg(i) + name.mid(name.indexOf(u'.'))));
            taken.insert(next);
        }
    }
}

void TestFileName::unique_firstNumber_skipsAheadAndReportsNumber()
{
    const QSet<QString> taken{u"a.txt"_s, u"a (7).txt"_s};
    QStringList asked;
    const auto isTaken = [&](const QString &name) {
        asked.append(name);
        return taken.contains(name);
    };
    qint64 used = -1;
    QCOMPARE(FileName::unique(u"a.txt"_s, isTaken, 7, &used), u"a (8).txt"_s);
    QCOMPARE(used, 8);
    // Numbers below firstNumber are never tried.
    QCOMPARE(asked, (QStringList{u"a.txt"_s, u"a (7).txt"_s, u"a (8).txt"_s}));
    QCOMPARE(FileName::unique(u"free.txt"_s, isTaken, 3, &used), u"free.txt"_s);
    QCOMPARE(used, 0);
}

QTEST_GUILESS_MAIN(TestFileName)
#include "tst_filename.moc"
