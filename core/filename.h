#pragma once

#include <QByteArray>
#include <QString>

#include <functional>
#include <optional>

class QUrl;

namespace Ferry::FileName {

// The longest file name, in UTF-8 bytes, that sanitize() and unique() produce (NAME_MAX).
inline constexpr int MaxBytes = 255;

// Makes `name` safe to use as one path component on Linux, macOS and Windows.
// - NFC-normalised.
// - '/', '\\', NUL and other control characters (C0, DEL, C1), the characters Windows forbids
//   (<>:"|?*), unpaired UTF-16 surrogates and the bidirectional embedding, override and isolate
//   controls (U+202A..U+202E, U+2066..U+2069, used to disguise extensions) become '_'.
// - Leading and trailing whitespace is trimmed, then trailing dots and spaces are removed.
// - A leading '.' becomes '_', so the result is never a hidden file, "." or "..".
// - Windows device names (CON, PRN, AUX, NUL, COM0-9, LPT0-9, CONIN$, CONOUT$, in any case and
//   also with an extension, as in "con.txt") get a '_' prefix.
// - Cut to at most MaxBytes UTF-8 bytes at a grapheme-cluster boundary (so never inside a
//   surrogate pair or an emoji sequence), keeping an extension of up to 16 characters.
// - Never empty: "download" when nothing usable is left.
QString sanitize(const QString &name);

// The file name in a Content-Disposition header value (RFC 6266), or nullopt when it has none.
// The result is NOT sanitised; pass it through sanitize().
// - filename* (RFC 8187, charset UTF-8 or ISO-8859-1) wins over filename, in any order; a
//   filename* that cannot be decoded is ignored in favour of filename.
// - filename as a token or quoted-string. Inside quotes a backslash escapes only '"' and '\\';
//   other backslashes are kept, as old browsers sent Windows paths unescaped.
// - Tolerated junk: a missing disposition type, any parameter case and order, spaces around '=',
//   unquoted names with spaces, raw UTF-8 (else Latin-1) bytes, an RFC 2047 encoded word
//   ("=?UTF-8?B?...?="). Percent signs in plain filename= are left as they are.
// - Only the last component of a path is returned ("../../etc/passwd" -> "passwd",
//   "C:\\x\\y.exe" -> "y.exe"). Empty names and names that are only "." or ".." give nullopt.
std::optional<QString> fromContentDisposition(const QByteArray &headerValue);

// The last segment of the URL's path, percent-decoded (as UTF-8, else Latin-1), or an empty
// string when the path is empty, ends in '/', or ends in a "." or ".." segment. An encoded slash
// ("%2F") is decoded into the result rather than splitting it. Not sanitised.
QString fromUrl(const QUrl &url);

// `name` when !isTaken(name); otherwise the first of "stem (1).ext", "stem (2).ext", ... that is
// not taken. The extension is the one sanitize() keeps; .tar.gz, .tar.bz2, .tar.xz and .tar.zst
// stay together ("a.tar.gz" -> "a (1).tar.gz"); a name without one becomes "name (1)". An
// existing " (n)" in the name is not incremented ("Film (2019).mkv" -> "Film (2019) (1).mkv").
// The stem is shortened when needed so every candidate stays within MaxBytes UTF-8 bytes.
// `name` should already be sanitised. isTaken must eventually return false.
// Numbering starts at `firstNumber` (callers that hand out many copies of one name remember
// where they were); *usedNumber, when given, receives the number used (0 for `name` itself).
QString unique(const QString &name,
               const std::function<bool(const QString &)> &isTaken,
               qint64 firstNumber = 1,
               qint64 *usedNumber = nullptr);

} // namespace Ferry::FileName
