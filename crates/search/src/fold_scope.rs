//! Which characters the fold table (`fold.rs`) leaves out. Shared by `build.rs`, which
//! compiles this file by path, and the fold module.

/// The blocks whose NFKD foldings the table leaves out: scripts and symbol sets that none of
/// the app's languages (Chinese, English, French) writes, whose foldings were nearly a third
/// of the table (about 2.7 KB brotli). Search lower-cases these characters but does not
/// decompose them, so "𝐀" (mathematical bold) does not find "a".
pub fn left_unfolded(code: u32) -> bool {
    matches!(code,
        // Arabic Presentation Forms-A and -B: contextual shapes of Arabic letters.
        0xFB50..=0xFDFF | 0xFE70..=0xFEFF
        // Mathematical Alphanumeric Symbols: styled Latin and Greek letters and digits.
        | 0x1D400..=0x1D7FF
        // Arabic Mathematical Alphabetic Symbols.
        | 0x1EE00..=0x1EEFF
        // CJK Compatibility Ideographs Supplement: rare variants of unified ideographs.
        | 0x2F800..=0x2FA1F)
}
