//! The metadata cleaners of `media::meta` on any bytes: no panic, no hang, and the
//! cleaners that blank in place keep the file's length. The first byte picks the
//! cleaner (or sniffing, as a student's file takes it); the rest is the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pathfolio::media::meta;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, file)) = data.split_first() else {
        return;
    };
    match pick % 10 {
        0 => {
            let _ = meta::strip(file);
        }
        1 => {
            if let Ok(out) = meta::mp4(file) {
                assert_eq!(out.len(), file.len());
            }
        }
        2 => {
            if let Ok(out) = meta::wav(file) {
                assert_eq!(out.len(), file.len());
            }
            if let Ok(out) = meta::aiff(file) {
                assert_eq!(out.len(), file.len());
            }
        }
        3 => {
            if let Ok(out) = meta::mpeg(file) {
                assert!(out.len() <= file.len());
            }
        }
        4 => {
            if let Ok(out) = meta::flac(file) {
                assert!(out.len() <= file.len());
            }
        }
        5 => {
            let _ = meta::pdf(file);
        }
        6 => {
            let _ = meta::ogg(file);
        }
        7 => {
            let _ = meta::ooxml(file);
        }
        8 => {
            if let Ok(out) = meta::mkv(file) {
                assert_eq!(out.len(), file.len());
            }
        }
        _ => {
            let _ = meta::odf(file);
        }
    }
});
