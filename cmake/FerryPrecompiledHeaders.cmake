# Precompiled Qt headers, to shorten the clean builds CI does (the Qt headers are most of each
# file's compile time). Off by default: the dev build compiles every file on its own includes, so a
# missing #include still shows there (and ccache caches nothing that uses a PCH). The ci, asan and
# fuzz presets turn it on. CMake compiles with -Winvalid-pch, so a PCH the compiler refuses is a
# warning (an error under -Werror), never a silent slow build.
option(FERRY_PCH "Precompile the Qt headers most files include (CI presets)" OFF)

# What nearly every file of the engine includes, directly or through core/*.h.
set(FERRY_PCH_CORE_HEADERS
    <QByteArray> <QCoreApplication> <QDateTime> <QDir> <QElapsedTimer> <QFile> <QFileInfo>
    <QHash> <QList> <QLoggingCategory> <QNetworkReply> <QNetworkRequest> <QObject> <QPointer>
    <QSet> <QString> <QStringList> <QTimer> <QUrl>
    <algorithm> <functional> <memory> <optional> <utility>)
# The widgets ferry_ui and its tests use most.
set(FERRY_PCH_WIDGETS_HEADERS
    <QAction> <QApplication> <QDialog> <QDialogButtonBox> <QLabel> <QLineEdit> <QPushButton>
    <QVBoxLayout> <QWidget>)
# Qt Test and what the tests use most.
set(FERRY_PCH_TEST_HEADERS <QSignalSpy> <QTemporaryDir> <QTest>)

# ferry_precompile_headers(<target> <header list variable>...): <target> gets its own PCH made of
# the named lists.
function(ferry_precompile_headers target)
    if(NOT FERRY_PCH)
        return()
    endif()
    set(headers)
    foreach(list IN LISTS ARGN)
        list(APPEND headers ${${list}})
    endforeach()
    target_precompile_headers(${target} PRIVATE ${headers})
endfunction()

# ferry_share_precompiled_headers(<target> <group> <header list variable>...): the first target of
# <group> gets a PCH made of the named lists; the later ones reuse it. Every target of a group must
# be compiled with the same flags and the same defines (QT_TESTCASE_BUILDDIR is per folder, and
# QT_GUI_LIB/QT_WIDGETS_LIB change what <QTest> declares), else the compiler refuses the PCH. A
# define only some of them need goes on their source file (set_source_files_properties), which
# the PCH never sees.
function(ferry_share_precompiled_headers target group)
    if(NOT FERRY_PCH)
        return()
    endif()
    get_property(donor GLOBAL PROPERTY FERRY_PCH_GROUP_${group})
    if(donor)
        target_precompile_headers(${target} REUSE_FROM ${donor})
    else()
        ferry_precompile_headers(${target} ${ARGN})
        set_property(GLOBAL PROPERTY FERRY_PCH_GROUP_${group} ${target})
    endif()
endfunction()
