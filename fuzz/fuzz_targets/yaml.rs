//! `load::yaml::parse` into every `Raw…` struct: errors are diagnostics, never panics.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use pathfolio::load::raw::*;
use pathfolio::load::yaml::parse;
use serde_saphyr::Spanned;

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let p = Path::new("x.yaml");
    // One struct per input, chosen by the first byte, so each run stays fast.
    let _ = match which % 8 {
        0 => parse::<RawCourse>(p, &text, 1).err(),
        1 => parse::<Vec<Spanned<RawStandard>>>(p, &text, 1).err(),
        2 => parse::<RawUnit>(p, &text, 2).err(),
        3 => parse::<RawPlaylist>(p, &text, 2).err(),
        4 => parse::<RawRubric>(p, &text, 2).err(),
        5 => parse::<RawProfile>(p, &text, 2).err(),
        6 => parse::<RawEvidence>(p, &text, 2).err(),
        _ => parse::<Vec<Spanned<RawAssessment>>>(p, &text, 1).err(),
    };
});
