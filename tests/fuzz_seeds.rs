//! The seeds of the `meta` fuzz target (written by `fuzz/meta_seeds.py`) are files
//! that their cleaner accepts and cleans: seeds that were refused would leave the
//! fuzzer stuck at the magic bytes.

use pathfolio::media::meta;

type Cleaner = fn(&[u8]) -> Result<Vec<u8>, String>;

#[test]
fn meta_seeds_are_cleaned() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/meta");
    // As in fuzz/fuzz_targets/meta.rs: the first byte picks the cleaner.
    let cleaners: [Cleaner; 10] = [
        meta::strip,
        meta::mp4,
        meta::wav,
        meta::mpeg,
        meta::flac,
        meta::pdf,
        meta::ogg,
        meta::ooxml,
        meta::mkv,
        meta::odf,
    ];
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let data = std::fs::read(&path).unwrap();
        let (&pick, file) = data.split_first().unwrap();
        let clean = if name == "aiff" {
            meta::aiff
        } else {
            cleaners[usize::from(pick % 10)]
        };
        let out = clean(file).unwrap_or_else(|e| panic!("{name}: {e}"));
        if name != "sniff-text" {
            assert!(!out.windows(3).any(|w| w == b"Ada"), "{name} keeps a name");
        }
        seen += 1;
    }
    assert!(seen >= 13, "only {seen} seeds");
}
