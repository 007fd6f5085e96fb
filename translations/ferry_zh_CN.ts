<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CliOptions</name>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="128"/>
        <source>%1: invalid value &quot;%2&quot; (expected %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="138"/>
        <source>a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="143"/>
        <source>a file name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="151"/>
        <source>a number from 1 to 1000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="157"/>
        <source>a number from 1 to 16</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="163"/>
        <source>a number from 1 to 6 (more come with segmented downloads)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="169"/>
        <source>a number from 0 (no limit) to 1000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="175"/>
        <source>seconds from 0 to 600</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="181"/>
        <source>seconds from 0.1 to 600</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="187"/>
        <source>bytes per second such as 1048576, 512K or 10M; 0 for no limit</source>
        <extracomment>K and M are aria2&apos;s suffixes for KiB and MiB; keep them untranslated</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="201"/>
        <source>TYPE=HEX, e.g. sha-256=&lt;64 hex digits&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="204"/>
        <source>a readable file of PEM certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="253"/>
        <location filename="../app/cli/clioptions.cpp" line="261"/>
        <source>unknown option %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="266"/>
        <source>option %1 takes no value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="274"/>
        <source>option %1 needs a value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="286"/>
        <source>no URL given (pass URLs, or -i FILE with one URL per line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="291"/>
        <source>-o names a single download; for lists put &quot;out=NAME&quot; under a URL in the input file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="296"/>
        <source>--checksum applies to a single download; for lists put &quot;checksum=TYPE=HEX&quot; under a URL in the input file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="303"/>
        <source>-d %1: not a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="311"/>
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
      --max-connections-per-host=N
                              downloads at once from one host (1 to 6,
                              default 6)
  -x, --max-connection-per-server=N
                              accepted for aria2c compatibility; each file
                              uses one connection for now
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
        <location filename="../app/cli/main.cpp" line="235"/>
        <source>try &quot;ferry-cli --help&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/main.cpp" line="248"/>
        <source>note: -o &quot;%1&quot; is saved as &quot;%2&quot; (names stay inside the folder)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/main.cpp" line="300"/>
        <source>Stopping: saving where each download is (Ctrl+C again quits at once)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
