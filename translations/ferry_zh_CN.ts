<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CliOptions</name>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="132"/>
        <source>%1: invalid value &quot;%2&quot; (expected %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="142"/>
        <source>a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="147"/>
        <source>a file name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="155"/>
        <source>a number from 1 to 1000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="161"/>
        <location filename="../app/cli/clioptions.cpp" line="167"/>
        <source>a number from 1 to 16</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="175"/>
        <source>a size from 1M to 1024M</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="181"/>
        <source>a number from 1 to 64</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="187"/>
        <source>a number from 0 (no limit) to 1000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="193"/>
        <source>seconds from 0 to 600</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="199"/>
        <source>seconds from 0.1 to 600</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="205"/>
        <source>bytes per second such as 1048576, 512K or 10M; 0 for no limit</source>
        <extracomment>K and M are aria2&apos;s suffixes for KiB and MiB; keep them untranslated</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="219"/>
        <source>TYPE=HEX, e.g. sha-256=&lt;64 hex digits&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="222"/>
        <source>a readable file of PEM certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="271"/>
        <location filename="../app/cli/clioptions.cpp" line="279"/>
        <source>unknown option %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="284"/>
        <source>option %1 takes no value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="292"/>
        <source>option %1 needs a value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="304"/>
        <source>no URL given (pass URLs, or -i FILE with one URL per line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="309"/>
        <source>-o names a single download; for lists put &quot;out=NAME&quot; under a URL in the input file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="314"/>
        <source>--checksum applies to a single download; for lists put &quot;checksum=TYPE=HEX&quot; under a URL in the input file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="321"/>
        <source>-d %1: not a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="329"/>
        <source>Usage: ferry-cli [OPTIONS] URL...
       ferry-cli [OPTIONS] -i FILE

Downloads files over HTTP and HTTPS. Interrupted downloads continue where they
stopped when the same command runs again; finished ones are skipped.

Options:
  -i, --input-file=FILE       read URLs from FILE (&quot;-&quot; for standard input), one
                              per line, with aria2-style option lines below a
                              URL: &quot;  out=NAME&quot;, &quot;  dir=DIR&quot;,
                              &quot;  checksum=sha-256=HEX&quot;
  -d, --dir=DIR               save files into DIR (default: current folder)
  -o, --out=NAME              file name for a single download
  -j, --max-concurrent-downloads=N
                              downloads at once (default 5)
  -s, --split=N               connections for one file (1 to 16, default 8);
                              each takes a part, and the first to finish
                              takes over half of the largest part left
  -k, --min-split-size=SIZE   never cut a part smaller than SIZE (1M to
                              1024M, default 2M): a file is split only when
                              it holds twice that
  -x, --max-connection-per-server=N
                              the same limit in aria2c&apos;s other spelling; the
                              smaller of -s and -x counts (default 8)
      --max-connections-per-host=N
                              connections to one host at once, over all
                              downloads (1 to 64, default 16)
  -m, --max-tries=N           attempts per file, 0 for no limit (default 5)
      --retry-wait=SEC        first wait before a retry; it doubles on each
                              further retry, with jitter (default 1)
  -t, --timeout=SEC           give up on a connection silent this long
                              (default 60)
      --max-overall-download-limit=SPEED
                              limit the speed of all downloads together, in
                              bytes per second; K and M mean KiB and MiB
                              (e.g. 512K, 10M); 0 for no limit (default)
      --max-download-limit=SPEED
                              limit the speed of each download the same way
      --checksum=TYPE=HEX     verify a single download (md5, sha-1, sha-256, ...)
      --ca-certificate=FILE   also trust the certificates in FILE (PEM)
      --allow-overwrite[=true|false]
                              replace existing files instead of saving
                              &quot;name (1).ext&quot;
  -c, --continue              accepted; resuming is always on
  -q, --quiet                 print nothing but errors in the options
  -v, --version               print the version
  -h, --help                  print this help

Exit status: 0 when every download succeeded, 1 when some failed,
2 for bad options or an unreadable list (nothing is downloaded),
130 when interrupted (run the same command again to continue).
</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Ferry::AddDialog</name>
    <message>
        <location filename="../ui/adddialog.cpp" line="35"/>
        <source>Add Downloads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/adddialog.cpp" line="40"/>
        <source>&amp;Links (one per line, or mixed into any text):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/adddialog.cpp" line="44"/>
        <source>https://example.org/file.zip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/adddialog.cpp" line="54"/>
        <source>Save &amp;to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/adddialog.cpp" line="58"/>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/adddialog.cpp" line="65"/>
        <source>&amp;Download Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/adddialog.cpp" line="68"/>
        <source>Add &amp;Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/adddialog.cpp" line="171"/>
        <source>New links: %n</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/adddialog.cpp" line="173"/>
        <source>duplicates left out: %n</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/adddialog.cpp" line="175"/>
        <source>already in the list: %n</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/adddialog.cpp" line="177"/>
        <source>lines rejected: %n</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/adddialog.cpp" line="179"/>
        <source>; </source>
        <extracomment>Separates the parts of &quot;3 new links found; 1 duplicate left out&quot;</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/adddialog.cpp" line="186"/>
        <source>Line %1: %2 (%3)</source>
        <extracomment>%1 line number, %2 the line, %3 why it was rejected</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/adddialog.cpp" line="194"/>
        <source>Save Downloads To</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Ferry::ConsoleReporter</name>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="64"/>
        <source>[skip] %1 is already complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="67"/>
        <source>[done] %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="79"/>
        <source>[fail] %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="86"/>
        <source>[retry] %1: %2; attempt %3 in %4 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="116"/>
        <source>[%1/%2 files] %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="120"/>
        <source> of %1 (%2%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="122"/>
        <source>, %1/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="124"/>
        <source>, %1 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="125"/>
        <source>, %1 active, %2 queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/cli/consolereporter.cpp" line="127"/>
        <source>, %n failed</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="175"/>
        <source>Download results:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="176"/>
        <source>  succeeded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/cli/consolereporter.cpp" line="178"/>
        <source> (%n already complete)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="180"/>
        <source>  failed:    %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="185"/>
        <source>  rejected list lines: %1 (see the messages above)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="188"/>
        <source>  unfinished: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="189"/>
        <source>  fetched %1 in %2 s (%3/s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="195"/>
        <source>Interrupted. Run the same command again to continue.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Ferry::MainWindow</name>
    <message>
        <location filename="../ui/mainwindow.cpp" line="88"/>
        <location filename="../ui/mainwindow.cpp" line="635"/>
        <source>Ferry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="174"/>
        <source>&amp;Add Downloads…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="178"/>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="180"/>
        <source>Add from &amp;Clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="185"/>
        <source>&amp;Import List…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="190"/>
        <source>&amp;Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="192"/>
        <source>Ctrl+R</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="195"/>
        <source>&amp;Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="197"/>
        <source>Ctrl+P</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="200"/>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="202"/>
        <source>Ctrl+.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="205"/>
        <source>Re&amp;try</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="207"/>
        <source>Ctrl+T</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="210"/>
        <source>&amp;Remove from List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="214"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="216"/>
        <source>Remove and &amp;Delete Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="218"/>
        <source>Shift+Del</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="221"/>
        <source>&amp;Open File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="223"/>
        <source>Return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="227"/>
        <source>Open Containing &amp;Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="229"/>
        <source>Ctrl+Shift+O</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="232"/>
        <source>Copy &amp;URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="234"/>
        <source>Ctrl+Shift+C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="237"/>
        <source>Move to &amp;Top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="239"/>
        <source>Ctrl+Home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="242"/>
        <source>Move &amp;Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="244"/>
        <source>Ctrl+Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="247"/>
        <source>Move &amp;Down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="249"/>
        <source>Ctrl+Down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="252"/>
        <source>Move to &amp;Bottom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="254"/>
        <source>Ctrl+End</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="257"/>
        <source>Sort by &amp;Queue Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="261"/>
        <source>C&amp;hange URL…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="263"/>
        <source>F2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="266"/>
        <source>Pause A&amp;ll</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="268"/>
        <source>Ctrl+Shift+P</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="271"/>
        <source>Resume &amp;All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="273"/>
        <source>Ctrl+Shift+R</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="276"/>
        <source>Select &amp;All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="281"/>
        <source>&amp;Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="286"/>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="291"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="299"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="306"/>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="313"/>
        <source>&amp;Downloads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="319"/>
        <source>&amp;Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="363"/>
        <source>Main Toolbar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="387"/>
        <source>S&amp;how:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="398"/>
        <source>Search names and URLs (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="446"/>
        <source>&lt;p style=&apos;font-size:large&apos;&gt;No downloads yet&lt;/p&gt;&lt;p&gt;Drop links or a list of links here, paste them with %1, or use &lt;b&gt;Add&lt;/b&gt;.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="468"/>
        <source>Reading links %p%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="594"/>
        <source>%1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="596"/>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="598"/>
        <source>Files: %1 of %2 done</source>
        <extracomment>Files completed out of all files in the list</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="600"/>
        <source>%1/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="603"/>
        <source>%1 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="608"/>
        <source>%1 active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="610"/>
        <source>%1 queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="612"/>
        <source>%1 paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="614"/>
        <source>%1 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="616"/>
        <source>%1 cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="618"/>
        <source> · </source>
        <extracomment>Separator between counts in the status bar</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="627"/>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="627"/>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="627"/>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="627"/>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="627"/>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="627"/>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="629"/>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="634"/>
        <source>%1% – Ferry</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow.cpp" line="666"/>
        <source>Added to the list: %n</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="763"/>
        <source>Import a List of Links</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="765"/>
        <source>Link lists (*.txt *.list);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="781"/>
        <source>Reading stopped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="784"/>
        <source>Line %1: %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow.cpp" line="786"/>
        <source>Added from %1: %n</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow.cpp" line="789"/>
        <source>(duplicates left out: %n)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="796"/>
        <source>Import List</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow.cpp" line="798"/>
        <source>Lines that could not be used: %n</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="817"/>
        <source>Remove this download from the list and delete its file?</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow.cpp" line="818"/>
        <source>Remove these %n downloads from the list and delete their files?</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="822"/>
        <source>Remove this download from the list? A downloaded file stays on disk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow.cpp" line="824"/>
        <source>Remove these %n downloads from the list? Downloaded files stay on disk.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="829"/>
        <source>Delete Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="829"/>
        <source>Remove Downloads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="835"/>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="835"/>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="940"/>
        <source>Change URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="941"/>
        <source>A new link for %1. What is already downloaded is kept if the server confirms it is the same file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="950"/>
        <source>Not changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Ferry::SessionStore</name>
    <message>
        <location filename="../core/sessionstore.cpp" line="253"/>
        <source>The saved download list was damaged and has been set aside as %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Ferry::SettingsDialog</name>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="35"/>
        <source>&amp;Keep running in the tray when the window is closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="36"/>
        <source>&amp;Notify when downloads finish or fail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="37"/>
        <source>Start &amp;minimised to the tray</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="38"/>
        <source>Start Ferry when I &amp;log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="39"/>
        <source>Offer links I &amp;copy in other programs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="42"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="49"/>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="53"/>
        <source>Download &amp;folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="60"/>
        <source>Downloads at &amp;once:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="64"/>
        <source>Connections per &amp;server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="68"/>
        <source>How many connections one download may use at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="69"/>
        <source>Se&amp;gments per file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="72"/>
        <source>&amp;Total speed limit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="75"/>
        <source>Speed limit &amp;per download:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="78"/>
        <source>No limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="80"/>
        <source>&amp;Attempts per file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="100"/>
        <source>System default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="105"/>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="106"/>
        <source>A new language applies when Ferry starts again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="143"/>
        <source>Download Folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Ferry::SpeedLimitButton</name>
    <message>
        <location filename="../ui/speedlimitbutton.cpp" line="18"/>
        <source>Speed limit for all downloads together</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/speedlimitbutton.cpp" line="29"/>
        <source>No limit</source>
        <extracomment>Status bar: no speed limit is set</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/speedlimitbutton.cpp" line="33"/>
        <source>Limit: %1</source>
        <extracomment>Status bar: the speed limit for all downloads, such as &quot;1 MiB/s&quot;</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Ferry::SpeedLimitDialog</name>
    <message>
        <location filename="../ui/speedlimitdialog.cpp" line="18"/>
        <source>Speed Limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/speedlimitdialog.cpp" line="22"/>
        <source>&amp;Limit the speed of all downloads together to:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Ferry::SpeedLimitMenu</name>
    <message>
        <location filename="../ui/speedlimitmenu.cpp" line="33"/>
        <source>Speed &amp;Limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/speedlimitmenu.cpp" line="105"/>
        <source>&amp;Custom…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/speedlimitmenu.cpp" line="108"/>
        <source>&amp;Custom (%1)…</source>
        <extracomment>A speed limit that is none of the presets, such as &quot;3 MiB/s&quot;</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/speedlimitmenu.cpp" line="128"/>
        <source>Unlimited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/speedlimitmenu.cpp" line="131"/>
        <source>%1 MiB/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/speedlimitmenu.cpp" line="133"/>
        <source>%1 KiB/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/speedlimitmenu.cpp" line="135"/>
        <source>%1/s</source>
        <extracomment>A speed: a size such as &quot;1.5 MiB&quot;, per second</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Ferry::SpeedLimitSpinBox</name>
    <message>
        <location filename="../ui/speedlimitspinbox.cpp" line="19"/>
        <source> KiB/s</source>
        <extracomment>Unit after a speed limit in a spin box; mind the leading space</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/speedlimitspinbox.cpp" line="21"/>
        <source>Unlimited</source>
        <extracomment>A speed limit of zero</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Ferry::TransferListModel</name>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="79"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="81"/>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="83"/>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="85"/>
        <source>Speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="87"/>
        <source>Time left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="89"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="91"/>
        <source>Added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="94"/>
        <source>Queue</source>
        <extracomment>Column: the place in the download queue</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="158"/>
        <source>%1%</source>
        <extracomment>Download progress in percent</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="164"/>
        <source>%1/s</source>
        <extracomment>A download speed, such as &quot;1.5 MB/s&quot;</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="234"/>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="236"/>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="238"/>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="239"/>
        <source>%1 d %2 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="246"/>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="248"/>
        <source>Connecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="249"/>
        <source>Downloading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="252"/>
        <source>Retrying (attempt %1): %2</source>
        <extracomment>%1 is the number of the next attempt, %2 why the last one failed</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="256"/>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="258"/>
        <source>Already downloaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="258"/>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="260"/>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="261"/>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="263"/>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Ferry::TrayIcon</name>
    <message>
        <location filename="../ui/trayicon.cpp" line="39"/>
        <location filename="../ui/trayicon.cpp" line="61"/>
        <source>&amp;Show Ferry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="41"/>
        <source>Add from &amp;Clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="47"/>
        <source>&amp;Pause All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="49"/>
        <source>&amp;Resume All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="58"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="61"/>
        <source>&amp;Hide Ferry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="107"/>
        <source>Ferry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="108"/>
        <source>Ferry – %1 of %2 files done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="111"/>
        <source>Ferry – %1%, %2/s
%3 of %4 files done</source>
        <extracomment>Tray tooltip: percent, speed, files done, all files</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="161"/>
        <source>Downloads finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="162"/>
        <source>One file downloaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/trayicon.cpp" line="163"/>
        <source>%n files downloaded.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="165"/>
        <source>Downloads failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="167"/>
        <source>One download failed. Open Ferry to see why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/trayicon.cpp" line="168"/>
        <source>%n downloads failed. Open Ferry to see why.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="178"/>
        <source>Ferry is still running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="179"/>
        <source>Downloads continue in the background. Use the tray icon to show the window or to quit.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LaunchRequest</name>
    <message>
        <location filename="../ui/launchrequest.cpp" line="28"/>
        <source>%1 needs a file name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/launchrequest.cpp" line="38"/>
        <source>unknown option %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/launchrequest.cpp" line="45"/>
        <source>&quot;%1&quot; is not a usable URL: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TransferError</name>
    <message>
        <location filename="../core/transfererror.cpp" line="20"/>
        <source>Network error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="23"/>
        <source>The server answered %1 %2</source>
        <extracomment>%1 is an HTTP status code such as 404, %2 the server&apos;s reason text</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="25"/>
        <source>Connection stalled: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="27"/>
        <source>Secure connection failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="29"/>
        <source>Cannot write the file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="31"/>
        <source>The disk is full: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="33"/>
        <source>Checksum mismatch: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="35"/>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="37"/>
        <source>Redirect refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="39"/>
        <source>The server&apos;s answer is inconsistent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="41"/>
        <source>Invalid URL: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UrlExtractor</name>
    <message>
        <location filename="../core/urlextractor.cpp" line="120"/>
        <source>no http or https URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/urlextractor.cpp" line="132"/>
        <source>%1: %2</source>
        <extracomment>%1 is a file name, %2 a line of text from it</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UrlListImportJob</name>
    <message>
        <location filename="../core/urllistimportjob.cpp" line="30"/>
        <source>%1 is a folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UrlListReader</name>
    <message>
        <location filename="../core/urllistreader.cpp" line="66"/>
        <location filename="../core/urllistreader.cpp" line="70"/>
        <source>not a URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/urllistreader.cpp" line="74"/>
        <source>unsupported scheme %1</source>
        <extracomment>%1 is a URL scheme such as ftp or file</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/urllistreader.cpp" line="77"/>
        <source>no host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/urllistreader.cpp" line="124"/>
        <source>the input is not open for reading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/urllistreader.cpp" line="138"/>
        <source>cannot read the input: %1</source>
        <extracomment>%1 is the system&apos;s description of the error</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/urllistreader.cpp" line="163"/>
        <source>line is longer than %1 bytes</source>
        <extracomment>%1 is a number of bytes</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/urllistreader.cpp" line="172"/>
        <source>not valid UTF-8 text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/urllistreader.cpp" line="203"/>
        <source>ignored indented URL: URL lines must not start with a space or TAB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/urllistreader.cpp" line="207"/>
        <source>option line without a URL line above it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/urllistreader.cpp" line="234"/>
        <source>%1; this URI is ignored</source>
        <extracomment>%1 says why a URI on a line with several is not used</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/urllistreader.cpp" line="254"/>
        <source>ignored option line: expected name=value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/urllistreader.cpp" line="266"/>
        <source>bad checksum: expected TYPE=HEX with TYPE one of md5, sha-1, sha-224, sha-256, sha-384 or sha-512 and the matching number of hex digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/urllistreader.cpp" line="273"/>
        <source>ignored option %1: empty value</source>
        <extracomment>%1 is an option name such as out or dir</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/urllistreader.cpp" line="283"/>
        <source>ignored option %1: only out, dir and checksum are supported</source>
        <extracomment>%1 is an option name from the input file; out, dir and checksum are literal names</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/urllistreader.cpp" line="293"/>
        <source>%1; the URL on line %2 is skipped</source>
        <extracomment>%1 says what is wrong with an option line, %2 is the line number of its URL</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/cli/main.cpp" line="90"/>
        <source>&quot;%1&quot; is not a usable URL: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/main.cpp" line="111"/>
        <source>standard input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/main.cpp" line="118"/>
        <location filename="../app/cli/main.cpp" line="161"/>
        <source>cannot read the list %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/main.cpp" line="120"/>
        <source>it is a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/main.cpp" line="149"/>
        <source>%1:%2: %3: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/main.cpp" line="155"/>
        <source>%1: %2 more problems not shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/main.cpp" line="238"/>
        <source>try &quot;ferry-cli --help&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/main.cpp" line="251"/>
        <source>note: -o &quot;%1&quot; is saved as &quot;%2&quot; (names stay inside the folder)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/main.cpp" line="303"/>
        <source>Stopping: saving where each download is (Ctrl+C again quits at once)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
