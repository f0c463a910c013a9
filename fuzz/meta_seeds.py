#!/usr/bin/env python3
"""Writes the seeds of the `meta` fuzz target: one small valid file of each format
the metadata cleaners read, behind the byte that picks the cleaner (see
fuzz_targets/meta.rs). Run from the repository root: python3 fuzz/meta_seeds.py"""
import io
import os
import struct
import zipfile

OUT = "fuzz/seeds/meta"
STRIP, MP4, RIFF, MPEG, FLAC, PDF, OGG, OOXML, MKV, ODF = range(10)


def write(name, pick, body):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(bytes([pick]) + body)


# MP4: ftyp, mdat, moov with mvhd, a trak (stco, meta) and udta (location, artist).
def box(kind, body):
    return struct.pack(">I", len(body) + 8) + kind + body


def mp4():
    udta = box(b"udta", box(b"\xa9xyz", b"\0\x12\x15\xc7+51.5074-000.1278/")
               + box(b"\xa9ART", b"Ada Lovelace"))
    trak = box(b"trak", box(b"stco", bytes([0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 36]))
               + box(b"meta", b"\0\0\0\0Ada"))
    moov = box(b"moov", box(b"mvhd", bytes(20)) + trak + udta
               + box(b"uuid", b"\x01" * 16 + b"xmp"))
    large = struct.pack(">I", 1) + b"free" + struct.pack(">Q", 20) + b"abcd"
    return box(b"ftyp", b"isom\0\0\0\0isom") + box(b"mdat", bytes(range(64))) + moov + large


# WAV and AIFF.
def chunk(cid, body, fmt="<I"):
    c = cid + struct.pack(fmt, len(body)) + body
    return c + (b"\0" if len(body) % 2 else b"")


def wav():
    fmt = bytes([1, 0, 1, 0, 0x44, 0xAC, 0, 0, 0x88, 0x58, 1, 0, 2, 0, 16, 0])
    body = (b"WAVE" + chunk(b"fmt ", fmt) + chunk(b"LIST", b"INFO" + chunk(b"IART", b"Ada"))
            + chunk(b"id3 ", b"ID3 Ada!") + chunk(b"data", bytes(range(32))))
    return chunk(b"RIFF", body)


def wav_open_data():
    # A recorder stopped early: the data chunk's length is 0xFFFFFFFF.
    fmt = bytes([1, 0, 1, 0, 0x44, 0xAC, 0, 0, 0x88, 0x58, 1, 0, 2, 0, 16, 0])
    return b"RIFF\xff\xff\xff\xffWAVE" + chunk(b"fmt ", fmt) + b"data\xff\xff\xff\xff" + bytes(16)


def aiff():
    be = lambda cid, body: chunk(cid, body, ">I")
    comm = bytes([0, 1, 0, 0, 0, 16, 0, 16, 0x40, 0x0E, 0xAC, 0x44, 0, 0, 0, 0, 0, 0])
    body = (b"AIFF" + be(b"COMM", comm) + be(b"NAME", b"Ada") + be(b"AUTH", b"Ada!")
            + be(b"SSND", bytes(8) + bytes(range(32))))
    return be(b"FORM", body)


# MP3: ID3v2 tag, frames, APE tag, ID3v1 tag; and one with Lyrics3 and a v2.4 footer.
def syncsafe(n):
    return bytes([(n >> 21) & 0x7F, (n >> 14) & 0x7F, (n >> 7) & 0x7F, n & 0x7F])


def id3(text, flags=0):
    body = b"TPE1" + struct.pack(">I", len(text) + 1) + b"\0\0\0" + text
    return b"ID3\x03\x00" + bytes([flags]) + syncsafe(len(body)) + body


def frames():
    return b"".join(b"\xff\xfb\x90\x64" + bytes([i]) * 12 for i in range(4))


def mp3():
    ape_items = b"Artist\0Ada"
    ape = ape_items + b"APETAGEX" + struct.pack("<IIII", 2000, len(ape_items) + 32, 1, 0) + bytes(8)
    v1 = (b"TAGAda" + bytes(128))[:128]
    return id3(b"Ada") + b"\0\0" + frames() + ape + v1


def mp3_tail():
    lyrics = b"LYRICSBEGININDAda"
    lyr = lyrics + b"%06d" % len(lyrics) + b"LYRICS200"
    footer_body = b"TPE1\0\0\0\x04\0\0\0Ada"
    v24 = (b"ID3\x04\x00\x10" + syncsafe(len(footer_body)) + footer_body
           + b"3DI\x04\x00\x10" + syncsafe(len(footer_body)))
    plus = (b"TAG+Ada" + bytes(227))[:227]
    v1 = (b"TAGAda" + bytes(128))[:128]
    return frames() + lyr + v24 + plus + v1


# FLAC: STREAMINFO, SEEKTABLE, VORBIS_COMMENT, PICTURE, PADDING, frames, ID3v1.
def block(last, kind, body):
    return bytes([(0x80 if last else 0) | kind]) + len(body).to_bytes(3, "big") + body


def flac():
    comment = (struct.pack("<I", 9) + b"reference" + struct.pack("<I", 1)
               + struct.pack("<I", 10) + b"ARTIST=Ada")
    v1 = (b"TAGAda" + bytes(128))[:128]
    return (id3(b"Ada") + b"fLaC" + block(False, 0, bytes([7]) * 34)
            + block(False, 3, bytes(18)) + block(False, 4, comment)
            + block(False, 6, b"picture") + block(True, 1, bytes(4))
            + bytes(range(40)) + v1)


# PDF: catalog with XMP, a page with a text annotation, an Info dictionary, a JPEG.
def pdf():
    jpeg = (b"\xff\xd8\xff\xe1\x00\x0cExif\0\0Ada!" + b"\xff\xfe\x00\x05Ada"
            + b"\xff\xd9")
    content = b"BT /F1 12 Tf 72 712 Td (Notes) Tj ET"
    xmp = b"<x:xmpmeta><dc:creator>Ada</dc:creator></x:xmpmeta>"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R /Metadata 7 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Annots [5 0 R] "
        b"/MediaBox [0 0 595 842] /Resources << /XObject << /Im1 8 0 R >> >> "
        b"/PieceInfo << /App << /Private (x) >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Annot /Subtype /Text /T (Ada) /Contents (check) /Rect [0 0 9 9] >>",
        b"<< /Author (Ada) /Title (Notes) /Producer (x) >>",
        b"<< /Type /Metadata /Subtype /XML /Length %d >>\nstream\n" % len(xmp) + xmp
        + b"\nendstream",
        b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /BitsPerComponent 8 "
        b"/ColorSpace /DeviceGray /Filter /DCTDecode /Length %d >>\nstream\n" % len(jpeg)
        + jpeg + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objs) + 1, xref))
    return bytes(out)


# Ogg Opus and Vorbis.
def crc(data):
    c = 0
    for b in data:
        c ^= b << 24
        for _ in range(8):
            c = ((c << 1) ^ 0x04C11DB7) if c & 0x80000000 else c << 1
            c &= 0xFFFFFFFF
    return c


def page(kind, granule, seq, packet):
    p = bytearray(b"OggS\0" + bytes([kind]) + struct.pack("<QII", granule, 1, seq) + bytes(4))
    p += bytes([1, len(packet)]) + packet
    p[22:26] = struct.pack("<I", crc(p))
    return bytes(p)


def comments(magic, vendor=b"test", framing=b""):
    field = b"ARTIST=Ada"
    return (magic + struct.pack("<I", len(vendor)) + vendor + struct.pack("<I", 1)
            + struct.pack("<I", len(field)) + field + framing)


def opus():
    head = b"OpusHead\x01\x01" + struct.pack("<HI", 312, 48000) + bytes(3)
    return (page(2, 0, 0, head) + page(0, 0, 1, comments(b"OpusTags"))
            + page(4, 960, 2, b"\xf8\xff\xfe"))


def vorbis():
    ident = (b"\x01vorbis" + struct.pack("<IBIiii", 0, 1, 44100, 0, 128000, 0)
             + bytes([0xB8, 1]))
    setup = b"\x05vorbis" + bytes(8)
    return (page(2, 0, 0, ident) + page(0, 0, 1, comments(b"\x03vorbis", framing=b"\x01"))
            + page(0, 0, 2, setup) + page(4, 128, 3, bytes(4)))


# Office documents.
def zip_of(parts):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for i, (name, body) in enumerate(parts):
            method = zipfile.ZIP_STORED if i == 0 else zipfile.ZIP_DEFLATED
            z.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), body, compress_type=method)
        z.comment = b"Ada"
    return buf.getvalue()


RELS = (b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/package/2006/'
        b'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
        b'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/custom-properties" Target="/docProps/mine.xml"/></Relationships>')


def docx():
    return zip_of([
        ("[Content_Types].xml", b"<Types/>"),
        ("_rels/.rels", RELS),
        ("word/document.xml", b"<w:document>The engine</w:document>"),
        ("docProps/core.xml", b"<cp:coreProperties><dc:creator>Ada</dc:creator></cp:coreProperties>"),
        ("docProps/app.xml", b"<Properties><Company>Ada</Company></Properties>"),
        ("docProps/mine.xml", b"<Properties>Ada</Properties>"),
        ("word/media/sound.wav", wav()),
        ("word/media/clip.mp3", mp3()),
    ])


def odt():
    return zip_of([
        ("mimetype", b"application/vnd.oasis.opendocument.text"),
        ("content.xml", b"<office:document-content>Notes</office:document-content>"),
        ("meta.xml", b"<office:document-meta><meta:initial-creator>Ada</meta:initial-creator>"
                     b"</office:document-meta>"),
        ("Pictures/a.aiff", aiff()),
        ("Pictures/v.mp4", mp4()),
    ])


# WebM: EBML header, a segment of unknown size with Info (CRC-32, Title), Tracks,
# a cluster of unknown size, Tags and Attachments.
def el(eid, data, wide=False):
    b = eid.to_bytes((eid.bit_length() + 7) // 8, "big")
    if wide:
        b += b"\x01" + len(data).to_bytes(7, "big")
    else:
        b += bytes([0x80 | len(data)])
    return b + data


def webm():
    header = el(0x1A45DFA3, el(0x4282, b"webm"))
    info = el(0x1549A966, el(0xBF, bytes(4)) + el(0x7BA9, b"Ada at home")
              + el(0x4461, bytes(8)) + el(0x4D80, b"Chrome"), wide=True)
    track = el(0xAE, el(0xD7, b"\x01") + el(0x536E, b"Ada's mic"))
    tracks = el(0x1654AE6B, el(0xBF, bytes(4)) + track)
    cluster = b"\x1f\x43\xb6\x75\xff" + el(0xE7, b"\0") + el(0xA3, bytes(range(20)))
    tags = el(0x1254C367, el(0x7373, el(0x45A3, b"ARTIST Ada")))
    att = el(0x1941A469, el(0x61A7, el(0x466E, b"cover.jpg")))
    seg = b"\x18\x53\x80\x67\x01" + b"\xff" * 7 + info + tracks + cluster + tags + att
    return header + seg + el(0xEC, bytes(3))


def main():
    os.makedirs(OUT, exist_ok=True)
    files = {
        "mp4": (MP4, mp4()), "wav": (RIFF, wav()), "wav-open": (RIFF, wav_open_data()),
        "aiff": (RIFF, aiff()), "mp3": (MPEG, mp3()), "mp3-tail": (MPEG, mp3_tail()),
        "flac": (FLAC, flac()), "pdf": (PDF, pdf()), "opus": (OGG, opus()),
        "vorbis": (OGG, vorbis()), "docx": (OOXML, docx()), "webm": (MKV, webm()),
        "odt": (ODF, odt()),
    }
    for name, (pick, body) in files.items():
        write(name, pick, body)
    # The sniffing way in, with a few formats.
    for name in ("pdf", "mp3", "webm", "docx", "odt", "opus", "aiff"):
        write("sniff-" + name, STRIP, files[name][1])
    write("sniff-text", STRIP, b"print('hi')\n")


main()
