#!/usr/bin/env python3
"""Writes the binary seed inputs of the fuzz corpus (session files, hand-off messages) in
QDataStream's format (Qt_6_4, big-endian). The text seeds are written by hand. Run from anywhere;
it rewrites corpus/sessionstore/* and corpus/launchrequest/* that it owns."""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))


def qbytes(b):
    return struct.pack('>I', len(b)) + b


def qstring(s):
    if s is None:
        return struct.pack('>I', 0xFFFFFFFF)
    raw = s.encode('utf-16-be')
    return struct.pack('>I', len(raw)) + raw


def qbool(v):
    return b'\x01' if v else b'\x00'


def crc16(data):  # qChecksum(): CRC-16/X-25
    crc = 0xFFFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0x8408 if crc & 1 else crc >> 1
    return crc ^ 0xFFFF


def error(kind=0, recovery=0, status=0, network=0, detail=''):
    return struct.pack('>iiii', kind, recovery, status, network) + qstring(detail)


def record(url, directory, name='', checksum='', overwrite=False, priority=0, state=0,
           file_name='', done=0, total=-1, added=1763700000000, order=0, err=None):
    return (qbytes(url) + qstring(directory) + qstring(name) + qstring(checksum)
            + qbool(overwrite) + struct.pack('>i', priority) + struct.pack('>i', state)
            + qstring(file_name) + struct.pack('>qqqq', done, total, added, order)
            + (err or error()))


def snapshot(generation, records):
    out = b'FERRYSES' + struct.pack('>IQQ', 2, generation, len(records))
    for rid, rec in records:
        out += struct.pack('>Q', rid) + rec
    return out


def journal(generation, entries):
    out = b'FERRYJNL' + struct.pack('>IQ', 2, generation)
    for payload in entries:
        out += struct.pack('>IH', len(payload), crc16(payload)) + payload
    return out


def add(rid, rec):
    return struct.pack('>BQ', 1, rid) + rec


def update(rid, state, file_name, done, total, order, url, err=None):
    return (struct.pack('>BQ', 2, rid) + struct.pack('>i', state) + qstring(file_name)
            + struct.pack('>qqq', done, total, order) + qbytes(url) + (err or error()))


def remove(rid):
    return struct.pack('>BQ', 3, rid)


def write(target, name, data):
    folder = os.path.join(HERE, 'corpus', target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), 'wb') as f:
        f.write(data)


def sessions():
    a = record(b'http://127.0.0.1:8080/a.bin', '/srv/dl', state=2, file_name='a.bin',
               done=4096, total=1 << 20, order=0)
    b = record(b'https://example.org/b%20c.iso', '/srv/dl', name='b.iso',
               checksum='sha-256=' + '0' * 64, overwrite=True, priority=3, state=5,
               file_name='b.iso', done=10, total=10, order=1)
    c = record(b'http://example.org/fail', '/home/u/Downloads', state=6, order=2,
               err=error(4, 2, 404, 203, 'HTTP 404'))
    write('sessionstore', 'empty-snapshot', snapshot(1, []))
    write('sessionstore', 'three-records', snapshot(7, [(1, a), (2, b), (3, c)]))
    write('sessionstore', 'snapshot-and-journal',
          snapshot(7, [(1, a), (2, b)])
          + journal(7, [add(3, c), update(1, 5, 'a.bin', 1 << 20, 1 << 20, 0,
                                          b'http://127.0.0.1:8080/a.bin'), remove(2)]))
    torn = journal(7, [add(4, c)])
    write('sessionstore', 'torn-journal', snapshot(7, [(1, a)]) + torn[:-5])
    write('sessionstore', 'stale-journal', snapshot(8, [(1, a)]) + journal(7, [remove(1)]))


def launch_request(urls, files, minimized):
    out = struct.pack('>I', 0x46455231)
    out += struct.pack('>I', len(urls)) + b''.join(qbytes(u) for u in urls)
    out += struct.pack('>I', len(files)) + b''.join(qstring(f) for f in files)
    return out + qbool(minimized)


def launch_requests():
    write('launchrequest', 'empty', launch_request([], [], False))
    write('launchrequest', 'urls-and-lists',
          launch_request([b'http://example.org/a.iso', b'https://[::1]:8443/x?y=%20#z'],
                         ['/home/u/list.txt', '/tmp/\u00e9\u4e2d.txt'], True))
    write('launchrequest', 'arguments',
          b'http://example.org/a\0-i\0lists/urls.txt\0--input-file=../x.txt\0--minimized\0'
          b'ftp://no\0--bogus')


if __name__ == '__main__':
    sessions()
    launch_requests()
