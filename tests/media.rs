//! Safe, light media: published images carry no metadata (read from the output
//! bytes), large images get `srcset` copies, originals only where allowed, big files
//! are warned about, and nothing is embedded from other sites.
//!
//! The images are made at test time with the `image` crate, then given EXIF (with a
//! GPS block), XMP, IPTC, comments and text chunks holding canary strings.

mod common;

use common::{Course, Output, Run, tags};
use image::{ImageEncoder, RgbImage, RgbaImage};

const CANARIES: [&str; 10] = [
    "CANARY_EXIF_DESC",
    "CANARY_GPS_AREA",
    "CANARY_XMP",
    "CANARY_IPTC",
    "CANARY_JPEG_COMMENT",
    "CANARY_TRAILER",
    "CANARY_PNG_TEXT",
    "CANARY_WEBP",
    "CANARY_GIF",
    "CANARY_SVG",
];
const DIR: &str = "students/sam-k/evidence/photos";

// ---------------------------------------------------------------------------
// Images with metadata

fn be16(n: u16) -> [u8; 2] {
    n.to_be_bytes()
}
fn be32(n: u32) -> [u8; 4] {
    n.to_be_bytes()
}

/// A big-endian TIFF (EXIF) block: ImageDescription, an optional Orientation, and a
/// GPS IFD with latitude and GPSAreaInformation.
fn exif_tiff(desc: &str, area: &str, orientation: Option<u16>) -> Vec<u8> {
    let desc = [desc.as_bytes(), b"\0"].concat();
    let n0: u16 = if orientation.is_some() { 3 } else { 2 };
    let desc_at = 8 + 2 + 12 * u32::from(n0) + 4;
    let gps_at = desc_at + desc.len() as u32;
    let lat_at = gps_at + 2 + 12 * 3 + 4;
    let area_at = lat_at + 24;
    let mut t = b"MM\0\x2a".to_vec();
    t.extend(be32(8));
    let entry = |t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: [u8; 4]| {
        t.extend(be16(tag));
        t.extend(be16(kind));
        t.extend(be32(count));
        t.extend(value);
    };
    t.extend(be16(n0));
    entry(&mut t, 0x010E, 2, desc.len() as u32, be32(desc_at));
    if let Some(o) = orientation {
        let [a, b] = be16(o);
        entry(&mut t, 0x0112, 3, 1, [a, b, 0, 0]);
    }
    entry(&mut t, 0x8825, 4, 1, be32(gps_at));
    t.extend(be32(0));
    t.extend(&desc);
    t.extend(be16(3));
    entry(&mut t, 0x0001, 2, 2, *b"N\0\0\0");
    entry(&mut t, 0x0002, 5, 3, be32(lat_at));
    entry(&mut t, 0x001C, 7, area.len() as u32, be32(area_at));
    t.extend(be32(0));
    for (n, d) in [(51u32, 1u32), (30, 1), (1234, 100)] {
        t.extend(be32(n));
        t.extend(be32(d));
    }
    t.extend(area.as_bytes());
    t
}

fn segment(marker: u8, body: &[u8]) -> Vec<u8> {
    let mut s = vec![0xFF, marker];
    s.extend(be16(body.len() as u16 + 2));
    s.extend(body);
    s
}

/// A JPEG photo as a phone writes it: EXIF with GPS, XMP, IPTC, a comment, and a
/// second picture after the end of the first (with EXIF of its own).
fn phone_jpeg(w: u32, h: u32, orientation: Option<u16>) -> Vec<u8> {
    let img = RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    let mut plain = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut plain, 80)
        .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgb8)
        .unwrap();
    let exif = [
        b"Exif\0\0".as_slice(),
        &exif_tiff("CANARY_EXIF_DESC", "CANARY_GPS_AREA", orientation),
    ]
    .concat();
    let mut out = plain[..2].to_vec();
    out.extend(segment(0xE1, &exif));
    out.extend(segment(
        0xE1,
        b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>CANARY_XMP</x:xmpmeta>",
    ));
    out.extend(segment(
        0xED,
        b"Photoshop 3.0\08BIM\x04\x04\0\0\0\0\0\x0bCANARY_IPTC",
    ));
    out.extend(segment(0xFE, b"CANARY_JPEG_COMMENT"));
    out.extend(&plain[2..]);
    out.extend([0xFF, 0xD8]);
    out.extend(segment(0xE1, b"Exif\0\0CANARY_TRAILER"));
    out.extend([0xFF, 0xD9]);
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut c = be32(data.len() as u32).to_vec();
    c.extend(kind);
    c.extend(data);
    c.extend(be32(crc32(&[kind.as_slice(), data].concat())));
    c
}

/// A PNG with text chunks, an eXIf chunk with GPS, and a timestamp.
fn png_with_text(w: u32, h: u32) -> Vec<u8> {
    let img = RgbaImage::from_fn(w, h, |x, y| {
        image::Rgba([(x % 256) as u8, 40, (y % 256) as u8, 255])
    });
    let mut plain = Vec::new();
    image::codecs::png::PngEncoder::new(&mut plain)
        .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgba8)
        .unwrap();
    let mut out = plain[..33].to_vec();
    out.extend(png_chunk(b"tEXt", b"Comment\0CANARY_PNG_TEXT"));
    out.extend(png_chunk(b"zTXt", b"Author\0\0x\x9c\x03\0\0\0\0\x01"));
    out.extend(png_chunk(b"iTXt", b"XML:com.adobe.xmp\0\0\0\0\0CANARY_XMP"));
    out.extend(png_chunk(
        b"eXIf",
        &exif_tiff("CANARY_EXIF_DESC", "CANARY_GPS_AREA", None),
    ));
    out.extend(png_chunk(b"tIME", &[7, 234, 9, 1, 12, 0, 0]));
    out.extend(&plain[33..]);
    out
}

/// An extended WebP (VP8X) with EXIF and XMP chunks around a lossless picture.
fn webp_with_exif(w: u32, h: u32) -> Vec<u8> {
    let img = RgbaImage::from_pixel(w, h, image::Rgba([20, 120, 200, 255]));
    let mut plain = Vec::new();
    image::codecs::webp::WebPEncoder::new_lossless(&mut plain)
        .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgba8)
        .unwrap();
    let chunk = |kind: &[u8; 4], data: &[u8]| {
        let mut c = kind.to_vec();
        c.extend((data.len() as u32).to_le_bytes());
        c.extend(data);
        if data.len() % 2 == 1 {
            c.push(0);
        }
        c
    };
    let mut vp8x = vec![0x08 | 0x04 | 0x10, 0, 0, 0];
    vp8x.extend(&(w - 1).to_le_bytes()[..3]);
    vp8x.extend(&(h - 1).to_le_bytes()[..3]);
    let mut body = b"WEBP".to_vec();
    body.extend(chunk(b"VP8X", &vp8x));
    body.extend(&plain[12..]);
    body.extend(chunk(
        b"EXIF",
        &exif_tiff("CANARY_WEBP", "CANARY_GPS_AREA", None),
    ));
    body.extend(chunk(b"XMP ", b"<x:xmpmeta>CANARY_XMP</x:xmpmeta>"));
    let mut out = b"RIFF".to_vec();
    out.extend((body.len() as u32).to_le_bytes());
    out.extend(body);
    out
}

/// A GIF with a comment and an XMP application extension.
fn gif_with_comment() -> Vec<u8> {
    let img = RgbaImage::from_pixel(6, 4, image::Rgba([200, 30, 30, 255]));
    let mut plain = Vec::new();
    image::codecs::gif::GifEncoder::new(&mut plain)
        .encode(img.as_raw(), 6, 4, image::ExtendedColorType::Rgba8)
        .unwrap();
    let flags = plain[10];
    let at = 13
        + if flags & 0x80 != 0 {
            3usize << ((flags & 7) + 1)
        } else {
            0
        };
    let mut ext = vec![0x21, 0xFE, 10];
    ext.extend(b"CANARY_GIF");
    ext.push(0);
    ext.extend([0x21, 0xFF, 11]);
    ext.extend(b"XMP DataXMP");
    ext.push(10);
    ext.extend(b"CANARY_XMP");
    ext.push(0);
    [&plain[..at], &ext, &plain[at..]].concat()
}

const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 10" onload="alert(1)">
<metadata>CANARY_SVG</metadata><script>alert(2)</script>
<image href="https://tracker.example/pixel.png" width="1" height="1"/>
<rect width="20" height="10" fill="#3a7"/></svg>
"##;

/// The minimal course with one evidence item holding one image of each kind, a
/// HEIC photo, a big (sparse) video, and external images in the reflection.
fn course(media_yaml: &str) -> Course {
    let course = Course::fixture("minimal");
    let yaml = course.read("course.yaml") + media_yaml;
    course.write("course.yaml", &yaml);
    course.write(
        &format!("{DIR}/index.md"),
        "---\ntitle: Photos from the field trip\ndate: 2026-09-20\n---\n\
         Look: ![a tracker](https://tracker.example/p.png) and \
         <img src=\"https://cdn.example/x.gif\" alt=\"a CDN image\">.\n",
    );
    course.write_bytes(&format!("{DIR}/photo.jpg"), &phone_jpeg(900, 600, None));
    course.write_bytes(&format!("{DIR}/turned.jpg"), &phone_jpeg(400, 300, Some(6)));
    course.write_bytes(&format!("{DIR}/diagram.png"), &png_with_text(700, 350));
    course.write_bytes(&format!("{DIR}/sticker.webp"), &webp_with_exif(30, 20));
    course.write_bytes(&format!("{DIR}/wave.gif"), &gif_with_comment());
    course.write(&format!("{DIR}/drawing.svg"), SVG);
    course.write_bytes(
        &format!("{DIR}/photo.heic"),
        b"\0\0\0\x18ftypheic CANARY_EXIF_DESC",
    );
    // An MP4 header (ftyp, an empty moov, an mdat to the end), then zeros.
    let mut header = b"\0\0\0\x10ftypisom\0\0\0\0\0\0\0\x08moov".to_vec();
    header.extend_from_slice(b"\0\0\0\0mdat");
    course.write_bytes(&format!("{DIR}/clip.mp4"), &header);
    let video = std::fs::OpenOptions::new()
        .write(true)
        .open(course.path(&format!("{DIR}/clip.mp4")))
        .unwrap();
    video.set_len(3 * 1024 * 1024 + 5).unwrap();
    course
}

const SMALL_WIDTHS: &str = "media: { image_widths: [200, 600] }\nlimits: { max_file_mb: 1 }\n";

fn size_of(site: &Output, rel: &str) -> (u32, u32) {
    let img = image::load_from_memory(&site.bytes(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    (img.width(), img.height())
}

/// The APP segments of a JPEG, as (marker, body).
fn jpeg_apps(b: &[u8]) -> Vec<(u8, Vec<u8>)> {
    let mut out = Vec::new();
    let mut i = 2;
    while i + 4 <= b.len() && b[i] == 0xFF && b[i + 1] != 0xDA {
        let len = usize::from(u16::from_be_bytes([b[i + 2], b[i + 3]]));
        if (0xE0..=0xEF).contains(&b[i + 1]) || b[i + 1] == 0xFE {
            out.push((b[i + 1], b[i + 4..i + 2 + len].to_vec()));
        }
        i += 2 + len;
    }
    out
}

fn png_chunk_types(b: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = 8;
    while i + 8 <= b.len() {
        let len = u32::from_be_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]) as usize;
        out.push(String::from_utf8_lossy(&b[i + 4..i + 8]).into_owned());
        i += 12 + len;
    }
    out
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Every image file of the site is free of metadata; returns how many were read.
fn assert_images_clean(site: &Output, turned_ok: &[&str]) -> usize {
    let mut n = 0;
    for rel in site.files() {
        let lower = rel.to_lowercase();
        let ext = lower.rsplit('.').next().unwrap_or("");
        if !["jpg", "png", "webp", "gif", "svg", "heic"].contains(&ext) {
            continue;
        }
        n += 1;
        let b = site.bytes(&rel);
        for c in CANARIES {
            assert!(!contains(&b, c.as_bytes()), "{rel} still holds {c}");
        }
        assert!(
            !contains(&b, b"xmpmeta") && !contains(&b, b"8BIM"),
            "{rel}: XMP or IPTC"
        );
        match ext {
            "jpg" => {
                let apps = jpeg_apps(&b);
                for (marker, body) in &apps {
                    assert!(
                        *marker != 0xFE && *marker != 0xED,
                        "{rel}: segment {marker:X}"
                    );
                    if *marker == 0xE1 {
                        // Only an upright-orientation note may remain: 6 bytes of
                        // "Exif\0\0" and a TIFF with one Orientation entry, no GPS.
                        assert!(turned_ok.contains(&rel.as_str()), "{rel}: EXIF left");
                        assert_eq!(
                            body.len(),
                            6 + 8 + 2 + 12 + 4,
                            "{rel}: EXIF is more than orientation"
                        );
                        assert!(!contains(body, &be16(0x8825)), "{rel}: GPS IFD pointer");
                    }
                }
                if !turned_ok.contains(&rel.as_str()) {
                    assert!(!contains(&b, b"Exif"), "{rel}: Exif");
                }
                assert_eq!(
                    b.iter().rev().take(2).collect::<Vec<_>>(),
                    [&0xD9, &0xFF],
                    "{rel}: ends at EOI"
                );
            }
            "png" => {
                let kinds = png_chunk_types(&b);
                for bad in ["tEXt", "zTXt", "iTXt", "eXIf", "tIME"] {
                    assert!(
                        !kinds.iter().any(|k| k == bad),
                        "{rel} has {bad}: {kinds:?}"
                    );
                }
            }
            "webp" => {
                assert!(
                    !contains(&b, b"EXIF") && !contains(&b, b"XMP "),
                    "{rel}: EXIF/XMP chunk"
                );
                assert_eq!(b[20] & 0x0C, 0, "{rel}: VP8X still flags EXIF/XMP");
            }
            "gif" => assert!(!contains(&b, &[0x21, 0xFE]), "{rel}: comment"),
            "svg" => {
                let t = String::from_utf8_lossy(&b);
                for bad in ["onload", "<script", "metadata", "tracker.example", "<image"] {
                    assert!(!t.contains(bad), "{rel}: {bad}");
                }
            }
            _ => panic!("{rel}: a HEIC photo was published"),
        }
        if ext != "svg" {
            image::load_from_memory(&b).unwrap_or_else(|e| panic!("{rel} no longer decodes: {e}"));
        }
    }
    n
}

fn img_for<'a>(html: &'a [common::Tag], file: &str) -> &'a common::Tag {
    html.iter()
        .find(|t| {
            t.name == "img"
                && t.attr("src")
                    .is_some_and(|s| s.ends_with(&format!("/{file}")))
        })
        .unwrap_or_else(|| panic!("no <img> for {file}"))
}

#[test]
fn public_images_lose_metadata_and_get_srcset_copies() {
    let course = course(SMALL_WIDTHS);
    let run: Run = course.build("public", &[]);
    run.success();
    let site = Output::at(course.outside("public"));
    site.assert_links_ok();
    // photo.jpg (900×600) is shown at 600 wide, with a 200-wide copy; no original.
    assert_eq!(size_of(&site, &format!("{DIR}/photo.jpg")), (600, 400));
    assert_eq!(size_of(&site, &format!("{DIR}/photo.200w.jpg")), (200, 133));
    site.assert_lacks(&[
        &format!("{DIR}/photo.original.jpg"),
        &format!("{DIR}/photo.heic"),
    ]);
    // turned.jpg: 400×300 stored, shown upright (300×400): kept at full size with a
    // tiny orientation note; its 200-wide copy has the rotation in its pixels.
    assert_eq!(
        size_of(&site, &format!("{DIR}/turned.200w.jpg")),
        (200, 267)
    );
    assert_eq!(size_of(&site, &format!("{DIR}/diagram.png")), (600, 300));
    site.assert_has(&[
        &format!("{DIR}/diagram.200w.png"),
        &format!("{DIR}/sticker.webp"),
        &format!("{DIR}/wave.gif"),
    ]);
    let checked = assert_images_clean(&site, &[&format!("{DIR}/turned.jpg")]);
    assert!(checked >= 9, "only {checked} images checked");
    // The original bytes are never published.
    let original = std::fs::read(course.path(&format!("{DIR}/photo.jpg"))).unwrap();
    assert!(site.files().iter().all(|f| site.bytes(f) != original));

    let page = site.text(&format!("{DIR}/index.html"));
    let html = tags(&page);
    let photo = img_for(&html, "photo.jpg");
    assert_eq!(photo.attr("width"), Some("600"));
    assert_eq!(photo.attr("height"), Some("400"));
    assert_eq!(photo.attr("loading"), Some("lazy"));
    assert!(photo.attr("sizes").is_some_and(|s| !s.is_empty()));
    let srcset = photo.attr("srcset").unwrap_or_default();
    assert!(
        srcset.contains("photo.200w.jpg 200w") && srcset.contains("photo.jpg 600w"),
        "{srcset}"
    );
    let turned = img_for(&html, "turned.jpg");
    assert_eq!(
        (turned.attr("width"), turned.attr("height")),
        (Some("300"), Some("400"))
    );
    assert!(
        !page.contains("Download the original"),
        "public links an original"
    );
    // The drawing is shown; the HEIC photo is not, nor the video over the limit.
    img_for(&html, "drawing.svg");
    assert!(!page.contains("photo.heic"));
    assert!(!page.contains("clip.mp4"));
    // Card thumbnails on the portfolio carry the same copies.
    let home = tags(&site.text("students/sam-k/index.html"));
    let thumb = html_thumb(&home);
    assert!(
        thumb.attr("srcset").is_some_and(|s| s.contains("200w")),
        "{thumb:?}"
    );
    assert!(thumb.attr("width").is_some());

    // Warnings: the HEIC photo is left out, the video is over the limit.
    run.stderr_has("photo.heic")
        .stderr_has("left out of the public site");
    run.stderr_has("clip.mp4")
        .stderr_has("limits: max_file_mb")
        .stderr_has("it is not published");
    site.assert_lacks(&[&format!("{DIR}/clip.mp4")]);
}

fn html_thumb(tags: &[common::Tag]) -> &common::Tag {
    tags.iter()
        .find(|t| t.name == "img" && t.attr("class") == Some("evidence-card__thumb"))
        .expect("a thumbnail")
}

#[test]
fn external_images_in_markdown_become_links() {
    let course = course(SMALL_WIDTHS);
    let site = course.build_ok("public", &[]);
    let page = site.text(&format!("{DIR}/index.html"));
    for t in tags(&page) {
        if let Some(src) = t.attr("src").or(t.attr("srcset")) {
            assert!(
                !src.contains("://") && !src.starts_with("//"),
                "embeds {src}"
            );
        }
    }
    let links = tags(&page);
    let href = |h: &str| {
        links
            .iter()
            .any(|t| t.name == "a" && t.attr("href") == Some(h))
    };
    assert!(href("https://tracker.example/p.png"), "{page}");
    assert!(href("https://cdn.example/x.gif"), "{page}");
    assert!(page.contains("Image: a CDN image"));
}

#[test]
fn originals_are_linked_for_the_teacher_and_when_the_course_says_so() {
    let course = course(SMALL_WIDTHS);
    let teacher = course.build_ok("teacher", &["--audience", "teacher"]);
    teacher.assert_links_ok();
    let original = format!("{DIR}/photo.original.jpg");
    assert_eq!(size_of(&teacher, &original), (900, 600));
    assert_images_clean_except_heic(&teacher);
    let html = tags(&teacher.text(&format!("{DIR}/index.html")));
    let link = html
        .iter()
        .find(|t| {
            t.name == "a"
                && t.attr("href")
                    .is_some_and(|h| h.ends_with("photo.original.jpg"))
        })
        .expect("a link to the original in the teacher's build");
    assert_eq!(link.attr("class"), Some("download"));

    let public = course.build_ok("public", &[]);
    public.assert_lacks(&[&original]);

    course.edit("course.yaml", "media: {", "media: { link_originals: true,");
    let public = course.build_ok("public2", &[]);
    public.assert_has(&[&original]);
    assert!(
        public
            .text(&format!("{DIR}/index.html"))
            .contains("Download the original")
    );
    assert_images_clean(&public, &[&format!("{DIR}/turned.jpg")]);
}

/// The teacher's build may hold the HEIC photo (copied for the teacher); every other
/// image must be clean.
fn assert_images_clean_except_heic(site: &Output) {
    let heic = site.root.join(format!("{DIR}/photo.heic"));
    assert!(heic.is_file(), "the teacher's build lacks the HEIC photo");
    let moved = site.root.with_extension("heic-aside");
    std::fs::rename(&heic, &moved).unwrap();
    assert_images_clean(site, &[&format!("{DIR}/turned.jpg")]);
    std::fs::rename(&moved, &heic).unwrap();
}

#[test]
fn copies_are_cached_between_builds() {
    let course = course(SMALL_WIDTHS);
    let first = course.build_ok("one", &[]);
    let cache = course.path(".pathfolio-cache");
    assert!(
        cache.join(".gitignore").is_file(),
        "the cache keeps itself out of git"
    );
    // The media copies; each output folder also gets its own build stamp there.
    let copies = || {
        let mut all = common::snapshot(&cache);
        all.retain(|k, _| !k.starts_with("stamps-v2/"));
        all
    };
    let cached = copies();
    assert!(
        cached.keys().any(|k| k.ends_with(".200x133.jpg")),
        "{:?}",
        cached.keys()
    );
    let second = course.build_ok("two", &[]);
    common::assert_same_files(&first.snapshot(), &second.snapshot(), "two builds");
    common::assert_same_files(&cached, &copies(), "the cache after a rebuild");
}

#[test]
fn check_reports_media_problems_and_writes_nothing() {
    let course = course(SMALL_WIDTHS);
    let before = course.snapshot();
    let run = course.check();
    run.stderr_has("photo.heic").stderr_has("clip.mp4");
    common::assert_same_files(&before, &course.snapshot(), "the course after check");
    assert!(!course.path(".pathfolio-cache").exists());
}

#[test]
fn media_settings_are_checked() {
    let course = Course::fixture("minimal");
    let yaml = course.read("course.yaml");
    course.write(
        "course.yaml",
        &(yaml.clone() + "media: { image_width: [480] }\n"),
    );
    let run = course.build("public", &[]);
    run.failure();
    let d = run.diag("course.yaml", 10, "unknown field `image_width`");
    assert!(d.hint.is_some_and(|h| h.contains("image_widths")));
    course.write(
        "course.yaml",
        &(yaml + "media:\n  max_file_mb: 0\n  image_widths: [480, 5]\n"),
    );
    let run = course.build("public", &[]);
    run.failure();
    run.diag("course.yaml", 11, "max_file_mb must be at least 1");
    run.diag("course.yaml", 12, "image width 5");
}

#[test]
fn a_fake_image_is_left_out_of_the_public_site() {
    let course = Course::fixture("minimal");
    course.write(
        &format!("{DIR}/index.md"),
        "---\ntitle: Fake\ndate: 2026-09-20\n---\nx\n",
    );
    course.write(
        &format!("{DIR}/photo.jpg"),
        "not a JPEG at all, CANARY_EXIF_DESC",
    );
    let run = course.build("public", &[]);
    run.success()
        .stderr_has("photo.jpg")
        .stderr_has("left out of the public site");
    let site = Output::at(course.outside("public"));
    site.assert_lacks(&[&format!("{DIR}/photo.jpg")]);
    assert!(
        !site
            .text(&format!("{DIR}/index.html"))
            .contains("photo.jpg")
    );
    site.assert_links_ok();
}
