//! Issue 11, item 6: with `privacy.names: pseudonym`, a student's full name must not
//! ship inside the files of their evidence (a PDF's author, an MP3's artist, an
//! office document's properties), nor a phone video's location; a file that cannot
//! be cleaned stays out of the public site unless the course says otherwise.

mod common;

use std::io::{Cursor, Write};

use common::{Course, Output};
use lopdf::{Document, Object, Stream, dictionary};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

const NAME: &str = "Ada Lovelace";
const PLACE: &str = "+51.5074-000.1278/";
const DIR: &str = "students/ada-l/evidence/engine";
/// The sound or picture data every file carries, found unchanged in the output.
const PAYLOAD: &[u8] = b"THE-MEDIA-PAYLOAD-0123456789-THE-MEDIA-PAYLOAD";

fn course(privacy_extra: &str) -> Course {
    let course = Course::fixture("minimal");
    let yaml = course.read("course.yaml") + "privacy:\n  names: pseudonym\n" + privacy_extra;
    course.write("course.yaml", &yaml);
    course.write(
        "students/ada-l/profile.md",
        &format!("---\nname: {NAME}\npseudonym: Countess\npublish: true\n---\nHello.\n"),
    );
    course.write(
        &format!("{DIR}/index.md"),
        "---\ntitle: The engine\ndate: 2026-09-20\n---\nMy notes, songs and videos.\n",
    );
    for (name, bytes) in files() {
        course.write_bytes(&format!("{DIR}/{name}"), &bytes);
    }
    course.write_bytes(
        &format!("{DIR}/bundle.zip"),
        &zip_of(&[("who.txt", NAME.as_bytes())]),
    );
    course.write(
        &format!("{DIR}/notes.txt"),
        "Plain notes: nothing hidden.\n",
    );
    course
}

/// One file of each kind pathfolio cleans, each holding the name (or a place).
fn files() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("notes.pdf", pdf()),
        ("song.mp3", mp3()),
        ("take.flac", flac()),
        ("voice.wav", wav()),
        ("clip.mp4", mp4()),
        ("screen.webm", webm()),
        ("report.docx", docx()),
        ("essay.odt", odt()),
    ]
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn build(course: &Course, out: &str, args: &[&str]) -> (Output, String) {
    let run = course.build(out, args);
    run.success();
    (Output::at(course.outside(out)), run.stderr.clone())
}

#[test]
fn the_name_and_place_are_in_no_published_file() {
    let course = course("");
    let (site, stderr) = build(&course, "public", &[]);
    let all = site.snapshot();
    for needle in [NAME, "Lovelace", PLACE] {
        let hits = common::find_in_site(&all, needle);
        assert!(hits.is_empty(), "`{needle}` found in {hits:?}");
    }
    for (name, original) in files() {
        let rel = format!("{DIR}/{name}");
        assert!(site.has(&rel), "{rel} is missing\n{stderr}");
        let published = site.bytes(&rel);
        if !name.ends_with(".docx") && !name.ends_with(".odt") {
            // Office parts are compressed; they are looked into below.
            assert!(
                contains(&original, NAME.as_bytes()),
                "{rel}: a bad test file"
            );
            assert!(contains(&published, PAYLOAD), "{rel}: the content changed");
        }
    }
    assert!(site.has(&format!("{DIR}/notes.txt")));
    // The ZIP archive may hold anything: left out, with a warning that says why.
    assert!(!site.has(&format!("{DIR}/bundle.zip")));
    assert!(
        stderr.contains("bundle.zip") && stderr.contains("could not be cleaned of metadata"),
        "{stderr}"
    );
    assert!(!stderr.contains("notes.pdf"), "{stderr}");
    let page = site.text(&format!("{DIR}/index.html"));
    assert!(!page.contains("bundle.zip"));
    assert!(page.contains("notes.pdf"));

    // The teacher's build carries the same clean copies (and the archive).
    let (teacher, _) = build(&course, "teacher", &["--audience", "teacher"]);
    for (name, _) in files() {
        let rel = format!("{DIR}/{name}");
        assert_eq!(teacher.bytes(&rel), site.bytes(&rel), "{rel}");
    }
    assert!(teacher.has(&format!("{DIR}/bundle.zip")));
}

#[test]
fn office_text_is_kept_and_properties_emptied() {
    let course = course("");
    let (site, _) = build(&course, "public", &[]);
    let docx = unzip(&site.bytes(&format!("{DIR}/report.docx")));
    assert!(
        docx.iter()
            .any(|(n, b)| n == "word/document.xml" && contains(b, PAYLOAD))
    );
    let odt = site.bytes(&format!("{DIR}/essay.odt"));
    assert_eq!(&odt[30..38], b"mimetype", "mimetype is no longer first");
    let odt = unzip(&odt);
    assert!(
        odt.iter()
            .any(|(n, b)| n == "content.xml" && contains(b, PAYLOAD))
    );
    for (name, body) in docx.iter().chain(&odt) {
        assert!(!contains(body, b"Lovelace"), "{name}");
    }
}

#[test]
fn publish_uncleaned_media_publishes_the_archive_without_a_warning() {
    let course = course("  publish_uncleaned_media: true\n");
    course.write_bytes(&format!("{DIR}/photo.heic"), b"\0\0\0\x18ftypheic");
    let (site, stderr) = build(&course, "public", &[]);
    assert!(site.has(&format!("{DIR}/bundle.zip")));
    assert!(!stderr.contains("could not be cleaned"), "{stderr}");
    // An image that cannot be cleaned goes too, and its warning says so.
    assert!(site.has(&format!("{DIR}/photo.heic")));
    assert!(
        stderr.contains("photo.heic") && stderr.contains("published as it is"),
        "{stderr}"
    );
    // Files that can be cleaned still are.
    assert!(!contains(
        &site.bytes(&format!("{DIR}/song.mp3")),
        b"Lovelace"
    ));
}

#[test]
fn a_teachers_file_is_only_warned_about() {
    let course = course("");
    course.write_bytes("resources/data.zip", &zip_of(&[("a.txt", b"a")]));
    course.write_bytes("resources/notes.pdf", &pdf());
    let (site, stderr) = build(&course, "public", &[]);
    assert!(site.has("resources/data.zip"), "{stderr}");
    assert!(
        stderr.contains("data.zip") && stderr.contains("published as it is"),
        "{stderr}"
    );
    assert_eq!(site.bytes("resources/notes.pdf"), pdf());
}

#[test]
fn check_reports_the_uncleanable_file() {
    let course = course("");
    let run = course.check();
    run.stderr_has("bundle.zip")
        .stderr_has("could not be cleaned of metadata");
    assert!(!course.path(".pathfolio-cache").exists());
}

// ---------------------------------------------------------------------------
// Small files made by hand, each naming Ada Lovelace where tags go.

fn pdf() -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages = doc.new_object_id();
    let mut text = b"BT /F1 12 Tf 72 712 Td (".to_vec();
    text.extend_from_slice(PAYLOAD);
    text.extend_from_slice(b") Tj ET");
    let content = doc.add_object(Stream::new(dictionary! {}, text));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages, "Contents" => content,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    });
    doc.objects.insert(
        pages,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
        ),
    );
    let xmp = doc.add_object(Stream::new(
        dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
        format!("<x:xmpmeta><dc:creator>{NAME}</dc:creator></x:xmpmeta>").into_bytes(),
    ));
    let catalog =
        doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages, "Metadata" => xmp });
    let info = doc.add_object(dictionary! { "Author" => Object::string_literal(NAME) });
    doc.trailer.set("Root", catalog);
    doc.trailer.set("Info", info);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

fn mp3() -> Vec<u8> {
    let mut frame = b"TPE1".to_vec();
    frame.extend_from_slice(&(NAME.len() as u32 + 1).to_be_bytes());
    frame.extend_from_slice(&[0, 0, 0]);
    frame.extend_from_slice(NAME.as_bytes());
    let n = frame.len();
    let mut file = b"ID3\x03\0\0".to_vec();
    file.extend([0, 0, (n >> 7) as u8 & 0x7F, n as u8 & 0x7F]);
    file.extend(frame);
    file.extend_from_slice(&[0xFF, 0xFB, 0x90, 0x64]);
    file.extend_from_slice(PAYLOAD);
    let mut v1 = format!("TAG{NAME}").into_bytes();
    v1.resize(128, 0);
    file.extend(v1);
    file
}

fn flac() -> Vec<u8> {
    let mut file = b"fLaC\0\0\0\x22".to_vec();
    file.extend_from_slice(&[1; 34]);
    let mut comment = 4u32.to_le_bytes().to_vec();
    comment.extend_from_slice(b"test");
    comment.extend_from_slice(&1u32.to_le_bytes());
    let field = format!("ARTIST={NAME}");
    comment.extend_from_slice(&(field.len() as u32).to_le_bytes());
    comment.extend_from_slice(field.as_bytes());
    file.extend_from_slice(&[0x84, 0, 0, comment.len() as u8]);
    file.extend(comment);
    file.extend_from_slice(&[0xFF, 0xF8]);
    file.extend_from_slice(PAYLOAD);
    file
}

fn riff_chunk(id: &[u8; 4], body: &[u8]) -> Vec<u8> {
    let mut c = id.to_vec();
    c.extend_from_slice(&(body.len() as u32).to_le_bytes());
    c.extend_from_slice(body);
    if body.len() % 2 == 1 {
        c.push(0);
    }
    c
}

fn wav() -> Vec<u8> {
    let mut info = b"INFO".to_vec();
    info.extend(riff_chunk(b"IART", NAME.as_bytes()));
    let mut body = b"WAVE".to_vec();
    body.extend(riff_chunk(
        b"fmt ",
        &[1, 0, 1, 0, 0x44, 0xAC, 0, 0, 0x88, 0x58, 1, 0, 2, 0, 16, 0],
    ));
    body.extend(riff_chunk(b"LIST", &info));
    body.extend(riff_chunk(b"data", PAYLOAD));
    riff_chunk(b"RIFF", &body)
}

fn mp4_box(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
    let mut b = ((body.len() + 8) as u32).to_be_bytes().to_vec();
    b.extend_from_slice(kind);
    b.extend_from_slice(body);
    b
}

fn mp4() -> Vec<u8> {
    let mut udta = mp4_box(b"\xA9xyz", format!("\0\x12\x15\x47{PLACE}").as_bytes());
    udta.extend(mp4_box(b"\xA9ART", NAME.as_bytes()));
    let mut moov = mp4_box(b"mvhd", &[0; 20]);
    moov.extend(mp4_box(
        b"trak",
        &mp4_box(b"stco", &[0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 28]),
    ));
    moov.extend(mp4_box(b"udta", &udta));
    let mut file = mp4_box(b"ftyp", b"isom\0\0\0\0isom");
    file.extend(mp4_box(b"mdat", PAYLOAD));
    file.extend(mp4_box(b"moov", &moov));
    file
}

/// An EBML element with a one-byte size (data shorter than 127 bytes).
fn ebml(id: &[u8], data: &[u8]) -> Vec<u8> {
    [id, &[0x80 | data.len() as u8], data].concat()
}

fn webm() -> Vec<u8> {
    let header = ebml(&[0x1A, 0x45, 0xDF, 0xA3], &ebml(&[0x42, 0x82], b"webm"));
    let info = ebml(
        &[0x15, 0x49, 0xA9, 0x66],
        &ebml(&[0x7B, 0xA9], NAME.as_bytes()),
    );
    let cluster = ebml(&[0x1F, 0x43, 0xB6, 0x75], &ebml(&[0xA3], PAYLOAD));
    let segment = ebml(&[0x18, 0x53, 0x80, 0x67], &[info, cluster].concat());
    [header, segment].concat()
}

fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    for (i, (name, body)) in parts.iter().enumerate() {
        let method = if i == 0 {
            CompressionMethod::Stored
        } else {
            CompressionMethod::Deflated
        };
        w.start_file(
            *name,
            SimpleFileOptions::default().compression_method(method),
        )
        .unwrap();
        w.write_all(body).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn unzip(b: &[u8]) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(Cursor::new(b)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut body = Vec::new();
            f.read_to_end(&mut body).unwrap();
            (f.name().unwrap().into_owned(), body)
        })
        .collect()
}

fn docx() -> Vec<u8> {
    let document = [b"<w:document>".as_slice(), PAYLOAD, b"</w:document>"].concat();
    let core = format!(
        "<cp:coreProperties><dc:creator>{NAME}</dc:creator><cp:lastModifiedBy>{NAME}</cp:lastModifiedBy></cp:coreProperties>"
    );
    let app =
        format!("<Properties><Company>{NAME}</Company><Manager>{NAME}</Manager></Properties>");
    zip_of(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("word/document.xml", &document),
        ("docProps/core.xml", core.as_bytes()),
        ("docProps/app.xml", app.as_bytes()),
    ])
}

fn odt() -> Vec<u8> {
    let content = [
        b"<office:document-content>".as_slice(),
        PAYLOAD,
        b"</office:document-content>",
    ]
    .concat();
    let meta = format!(
        "<office:document-meta><meta:initial-creator>{NAME}</meta:initial-creator><dc:creator>{NAME}</dc:creator></office:document-meta>"
    );
    zip_of(&[
        ("mimetype", b"application/vnd.oasis.opendocument.text"),
        ("content.xml", &content),
        ("meta.xml", meta.as_bytes()),
    ])
}
