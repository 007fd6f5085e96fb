#include "checkpointstore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace Ferry {

Q_LOGGING_CATEGORY(lcCheckpoint, "ferry.core.checkpoint", QtWarningMsg)

namespace {

constexpr qint64 MaxCheckpointBytes = 1 << 20;

} // namespace

CheckpointStore::CheckpointStore(const QString &stateDirectory)
    : m_root(QDir(stateDirectory).filePath(u"checkpoints"_s))
{}

QUrl CheckpointStore::storedUrl(const QUrl &url)
{
    return url.adjusted(QUrl::RemovePassword);
}

QString CheckpointStore::pathFor(const QString &directory, const QUrl &url) const
{
    QCryptographicHash hash(QCryptographicHash::Sha1);
    hash.addData(QDir::cleanPath(directory).toUtf8());
    hash.addData(QByteArrayView("\n"));
    hash.addData(storedUrl(url).toEncoded());
    const QString hex = QString::fromLatin1(hash.result().toHex());
    return m_root + u'/' + hex.left(2) + u'/' + hex + u".json"_s;
}

std::optional<Checkpoint> CheckpointStore::load(const QString &directory, const QUrl &url) const
{
    QFile file(pathFor(directory, url));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const Result<Checkpoint> parsed = Checkpoint::fromJson(file.read(MaxCheckpointBytes));
    if (!parsed) {
        qCWarning(lcCheckpoint) << "ignoring" << file.fileName() << parsed.error().detail;
        return std::nullopt;
    }
    if (parsed->url != storedUrl(url) || parsed->directory != QDir::cleanPath(directory)) {
        qCWarning(lcCheckpoint) << "ignoring" << file.fileName() << "it belongs to another URL";
        return std::nullopt;
    }
    return parsed.value();
}

std::optional<TransferError> CheckpointStore::save(const QString &path,
                                                   const Checkpoint &checkpoint)
{
    const auto failure = [&](const QString &what) {
        return TransferError::make(TransferError::Kind::FileSystem,
                                   TransferError::Recovery::Fatal,
                                   u"cannot save checkpoint %1: %2"_s.arg(path, what));
    };
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return failure(u"cannot create its folder"_s);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return failure(file.errorString());
    Checkpoint stored = checkpoint;
    stored.url = storedUrl(checkpoint.url);
    file.write(stored.toJson());
    if (!file.commit())
        return failure(file.errorString());
    return std::nullopt;
}

void CheckpointStore::remove(const QString &path)
{
    QFile::remove(path);
}

} // namespace Ferry
