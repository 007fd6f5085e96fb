// Action icons come from the desktop theme when it has them and from Ferry's own SVGs when not,
// so with no theme at all every button still shows a picture; the application icon likewise.

#include "core/engineclient.h"
#include "tests/support/enginetestbed.h"
#include "ui/actionicons.h"
#include "ui/appicon.h"
#include "ui/mainwindow.h"
#include "ui/settings.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QIcon>
#include <QImage>
#include <QPixmap>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QToolBar>

#include <memory>

using namespace Ferry;
using namespace Ferry::Test;
using namespace Qt::StringLiterals;

namespace {

// Pixels that are not fully transparent: an empty or unreadable icon has none.
int inkedPixels(const QIcon &icon, int size)
{
    const QImage image = icon.pixmap(QSize(size, size)).toImage();
    int inked = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            if (qAlpha(image.pixel(x, y)) > 0)
                ++inked;
        }
    }
    return inked;
}

const QStringList &bundledNames()
{
    static const QStringList names{
        u"application-exit"_s,
        u"document-edit"_s,
        u"document-open"_s,
        u"edit-copy"_s,
        u"edit-delete"_s,
        u"edit-find"_s,
        u"edit-paste"_s,
        u"edit-select-all"_s,
        u"folder-open"_s,
        u"go-bottom"_s,
        u"go-down"_s,
        u"go-top"_s,
        u"go-up"_s,
        u"list-add"_s,
        u"list-remove"_s,
        u"media-playback-pause"_s,
        u"media-playback-start"_s,
        u"preferences-system"_s,
        u"process-stop"_s,
        u"speedometer"_s,
        u"view-refresh"_s,
    };
    return names;
}

} // namespace

class TestActionIcons : public QObject
{
    Q_OBJECT

private slots:
    void init();

    void fromTheme_noTheme_drawsBundledSvg_data();
    void fromTheme_noTheme_drawsBundledSvg();
    void fromTheme_themeHasIcon_themeWins();
    void mainWindow_noTheme_everyToolbarActionHasIcon();
    void appIcon_isTheSvg_andProgressAddsRing();

private:
    void useThemeIn(const QString &folder, const QString &theme);

    QTemporaryDir m_themes;
};

void TestActionIcons::init()
{
    QVERIFY(m_themes.isValid());
    useThemeIn(m_themes.path(), u"none"_s); // an empty search path: no desktop theme at all
}

void TestActionIcons::useThemeIn(const QString &folder, const QString &theme)
{
    QIcon::setThemeSearchPaths({folder});
    QIcon::setFallbackSearchPaths({});
    QIcon::setFallbackThemeName(u"none"_s);
    QIcon::setThemeName(theme);
}

void TestActionIcons::fromTheme_noTheme_drawsBundledSvg_data()
{
    QTest::addColumn<QString>("name");
    for (const QString &name : bundledNames())
        QTest::newRow(name.toUtf8().constData()) << name;
}

void TestActionIcons::fromTheme_noTheme_drawsBundledSvg()
{
    QFETCH(QString, name);
    QVERIFY(QFile::exists(ActionIcons::fallbackPath(name)));
    const QIcon icon = ActionIcons::fromTheme(name);
    QVERIFY(!icon.isNull());
    QVERIFY2(inkedPixels(icon, 16) >= 8, qPrintable(name)); // legible, not a stray dot
    QVERIFY(inkedPixels(icon, 16) < 16 * 16);               // a glyph, not a filled square
    QVERIFY(inkedPixels(icon, 32) > inkedPixels(icon, 16)); // drawn at the size asked for
}

void TestActionIcons::fromTheme_themeHasIcon_themeWins()
{
    const QDir root(m_themes.path());
    QVERIFY(root.mkpath(u"red/16x16/actions"_s));
    QFile index(root.filePath(u"red/index.theme"_s));
    QVERIFY(index.open(QIODevice::WriteOnly));
    index.write("[Icon Theme]\nName=red\nDirectories=16x16/actions\n\n"
                "[16x16/actions]\nSize=16\nType=Fixed\n");
    index.close();
    QImage red(16, 16, QImage::Format_ARGB32);
    red.fill(Qt::red);
    QVERIFY(red.save(root.filePath(u"red/16x16/actions/list-add.png"_s)));
    useThemeIn(m_themes.path(), u"red"_s);

    const QImage themed = ActionIcons::fromTheme(u"list-add"_s).pixmap(16, 16).toImage();
    QCOMPARE(themed.pixelColor(8, 8), QColor(Qt::red));
    // A name the theme lacks still gets Ferry's own picture.
    const QImage own = ActionIcons::fromTheme(u"list-remove"_s).pixmap(16, 16).toImage();
    QVERIFY(own.pixelColor(8, 8) != QColor(Qt::red));
    QVERIFY(inkedPixels(ActionIcons::fromTheme(u"list-remove"_s), 16) >= 8);
}

void TestActionIcons::mainWindow_noTheme_everyToolbarActionHasIcon()
{
    EngineTestBed bed;
    QVERIFY(bed.setUp());
    const std::unique_ptr<Engine> engine = bed.makeEngine();
    EngineClient client(engine.get());
    QTemporaryDir config;
    Settings settings(config.filePath(u"ferry.ini"_s));
    QThreadPool workers;
    MainWindow window(&client, &settings, &workers);

    const QList<QToolBar *> bars = window.findChildren<QToolBar *>();
    QVERIFY(!bars.isEmpty());
    int checked = 0;
    for (const QToolBar *bar : bars) {
        for (const QAction *action : bar->actions()) {
            if (action->isSeparator())
                continue;
            QVERIFY2(inkedPixels(action->icon(), 16) >= 8, qPrintable(action->objectName()));
            ++checked;
        }
    }
    QVERIFY(checked >= 5);
}

void TestActionIcons::appIcon_isTheSvg_andProgressAddsRing()
{
    QVERIFY(QFile::exists(AppIcon::path()));
    const QIcon plain = AppIcon::make();
    QVERIFY(inkedPixels(plain, 16) > 16 * 16 * 3 / 4); // a rounded square, nearly all inked
    const QImage still = plain.pixmap(64, 64).toImage().convertToFormat(QImage::Format_ARGB32);
    const QImage half =
        AppIcon::make(50).pixmap(64, 64).toImage().convertToFormat(QImage::Format_ARGB32);
    const QImage none =
        AppIcon::make(0).pixmap(64, 64).toImage().convertToFormat(QImage::Format_ARGB32);
    QCOMPARE(half.size(), QSize(64, 64));
    QCOMPARE(none, still); // an empty ring adds nothing
    QVERIFY(half != still);
    // Half done: the ring covers the right side (clockwise from the top), not the left.
    const QColor ring(0x3d, 0xdc, 0x84);
    QCOMPARE(half.pixelColor(58, 32).rgb(), ring.rgb());
    QVERIFY(half.pixelColor(5, 32).rgb() != ring.rgb());
}

QTEST_MAIN(TestActionIcons)
#include "tst_actionicons.moc"
