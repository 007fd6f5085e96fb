// ferry-iconrender: draws an SVG as the PNG sizes of a freedesktop hicolor theme, at build time.
// Usage: ferry-iconrender SVG OUTPUT-DIR NAME SIZE... writes OUTPUT-DIR/<size>x<size>/apps/NAME.png

#include <QCoreApplication>
#include <QDir>
#include <QImage>
#include <QPainter>
#include <QStringList>
#include <QSvgRenderer>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() < 5) {
        std::fputs("usage: ferry-iconrender SVG OUTPUT-DIR NAME SIZE...\n", stderr);
        return 2;
    }
    QSvgRenderer renderer(arguments.at(1));
    if (!renderer.isValid()) {
        std::fprintf(stderr, "ferry-iconrender: cannot read %s\n", qPrintable(arguments.at(1)));
        return 1;
    }
    const QDir output(arguments.at(2));
    const QString &name = arguments.at(3);
    for (const QString &argument : arguments.mid(4)) {
        bool ok = false;
        const int size = argument.toInt(&ok);
        if (!ok || size <= 0 || size > 1024) {
            std::fprintf(stderr, "ferry-iconrender: bad size %s\n", qPrintable(argument));
            return 2;
        }
        const QString folder = u"%1x%1/apps"_s.arg(size);
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        renderer.render(&painter);
        painter.end();
        if (!output.mkpath(folder)
            || !image.save(output.filePath(folder + u'/' + name + u".png"_s))) {
            std::fprintf(stderr, "ferry-iconrender: cannot write the %dpx icon\n", size);
            return 1;
        }
    }
    return 0;
}
