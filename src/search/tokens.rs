//! Turning text into search terms, the same way for documents and queries.
//!
//! - Latin script: Unicode-decomposed, accents dropped, lower-cased ("Conférence" → "conference").
//! - Chinese: character unigrams and bigrams (as Elasticsearch's `cjk_bigram`), so 无锡 or
//!   上海健康医学院 match without a segmentation dictionary.
//! - Pinyin for Chinese runs, full and initials ("wuxi", "wx"), for every bigram and the whole
//!   run, so a visitor without a Chinese keyboard finds 无锡 by typing "wuxi".
//!
//! Indexing calls this for every text of every event, so the hot path allocates nothing: a
//! [`Tokenizer`] keeps its buffers between texts and hands out borrowed runs, and ASCII and
//! CJK ideographs (almost every character) skip Unicode decomposition, which leaves them
//! unchanged apart from ASCII case.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// True for the CJK ideographs we index as characters.
pub fn is_cjk(character: char) -> bool {
    matches!(character as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2A6DF | 0x2A700..=0x2EBEF)
}

/// Folds one character to its search form: lower case without accents; may be empty
/// (a combining mark) or several characters ("ß" → "ss" is not done; "æ" stays).
pub fn fold_char(character: char, out: &mut String) {
    if character.is_ascii() {
        out.push(character.to_ascii_lowercase());
    } else if is_unified_ideograph(character) {
        // Unified ideographs have no decomposition and no case; only the compatibility
        // block (F900–FAFF) decomposes, so it takes the general path.
        out.push(character);
    } else {
        for decomposed in std::iter::once(character).nfkd() {
            if !is_combining_mark(decomposed) {
                out.extend(decomposed.to_lowercase());
            }
        }
    }
}

/// The folded form of a whole text.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for character in text.chars() {
        fold_char(character, &mut folded);
    }
    folded
}

/// A run of text of one kind, folded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Run {
    /// Letters and digits of alphabetic scripts.
    Word(String),
    /// Consecutive CJK ideographs.
    Han(Vec<char>),
}

/// A run borrowed from a [`Tokenizer`]'s buffers, valid until its next text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunRef<'a> {
    Word(&'a str),
    Han(&'a [char]),
}

/// Splits texts into folded runs, reusing its buffers from one text to the next.
#[derive(Debug, Default)]
pub struct Tokenizer {
    word: String,
    han: Vec<char>,
    /// One character's folded form, when it is not ASCII or an ideograph.
    folded: String,
}

impl Tokenizer {
    /// Calls `visit` with each run of `text` in order: words of letters and digits, and
    /// runs of Han ideographs; everything else separates.
    pub fn for_each_run(&mut self, text: &str, mut visit: impl FnMut(RunRef<'_>)) {
        self.word.clear();
        self.han.clear();
        for character in text.chars() {
            if character.is_ascii() {
                self.push(character.to_ascii_lowercase(), &mut visit);
            } else if is_unified_ideograph(character) {
                self.push(character, &mut visit);
            } else {
                let mut folded = std::mem::take(&mut self.folded);
                folded.clear();
                fold_char(character, &mut folded);
                for folded_character in folded.chars() {
                    self.push(folded_character, &mut visit);
                }
                self.folded = folded;
            }
        }
        self.flush_word(&mut visit);
        self.flush_han(&mut visit);
    }

    /// The runs of `text`, owned (for queries and highlighting, where texts are few).
    pub fn runs(&mut self, text: &str) -> Vec<Run> {
        let mut runs = Vec::new();
        self.for_each_run(text, |run| {
            runs.push(match run {
                RunRef::Word(word) => Run::Word(word.to_owned()),
                RunRef::Han(characters) => Run::Han(characters.to_vec()),
            })
        });
        runs
    }

    fn push(&mut self, character: char, visit: &mut impl FnMut(RunRef<'_>)) {
        if is_cjk(character) {
            self.flush_word(visit);
            self.han.push(character);
        } else {
            self.flush_han(visit);
            if character.is_alphanumeric() {
                self.word.push(character);
            } else {
                self.flush_word(visit);
            }
        }
    }

    fn flush_word(&mut self, visit: &mut impl FnMut(RunRef<'_>)) {
        if !self.word.is_empty() {
            visit(RunRef::Word(&self.word));
            self.word.clear();
        }
    }

    fn flush_han(&mut self, visit: &mut impl FnMut(RunRef<'_>)) {
        if !self.han.is_empty() {
            visit(RunRef::Han(&self.han));
            self.han.clear();
        }
    }
}

/// An ideograph that folding leaves unchanged: every CJK ideograph except the compatibility
/// block (F900–FAFF), whose characters decompose to unified ones.
fn is_unified_ideograph(character: char) -> bool {
    is_cjk(character) && !(0xF900..=0xFAFF).contains(&(character as u32))
}

/// Splits folded text into words and Han runs; everything else separates.
pub fn runs(text: &str) -> Vec<Run> {
    Tokenizer::default().runs(text)
}

/// Receives a document's terms from [`document_terms_into`]. The index implements it to
/// intern terms without building strings; `document_terms` collects strings (tests).
pub trait TermSink {
    /// A folded word, or a pinyin spelling (full or initials).
    fn word(&mut self, word: &str);
    /// A Han unigram.
    fn unigram(&mut self, character: char);
    /// A Han bigram. The sink also indexes its pinyin, [`pinyin_spellings`] of the pair:
    /// that depends on the pair alone, so the index works it out once per distinct bigram.
    fn bigram(&mut self, pair: [char; 2]);
}

/// Feeds every term of a document's `text` to `sink`, possibly more than once.
pub fn document_terms_into(tokenizer: &mut Tokenizer, spelling: &mut Spelling, text: &str, sink: &mut impl TermSink) {
    tokenizer.for_each_run(text, |run| match run {
        RunRef::Word(word) => sink.word(word),
        RunRef::Han(characters) => {
            for &character in characters {
                sink.unigram(character);
            }
            for pair in characters.windows(2) {
                sink.bigram([pair[0], pair[1]]);
            }
            // A two-character run already got its pinyin as a bigram above.
            if characters.len() != 2 {
                spelling.for_each(characters, |term| sink.word(term));
            }
        }
    });
}

/// Reusable buffers for [`Spelling::for_each`].
#[derive(Debug, Default)]
pub struct Spelling {
    full: String,
    initials: String,
}

impl Spelling {
    /// Calls `emit` with the full pinyin and initials of a Han run, for every combination of
    /// the characters' readings (at most two each, so a bigram gives at most four), when every
    /// character has one. Initials only for more than one character. Long runs (over two
    /// characters) keep only each character's first reading, so the number of terms stays linear.
    pub fn for_each(&mut self, characters: &[char], mut emit: impl FnMut(&str)) {
        match characters {
            [] => {}
            [single] => super::pinyin::readings(*single).for_each(emit),
            [first, second] => {
                for one in super::pinyin::readings(*first) {
                    for two in super::pinyin::readings(*second) {
                        self.full.clear();
                        self.full.push_str(one);
                        self.full.push_str(two);
                        emit(&self.full);
                        self.initials.clear();
                        self.initials.extend(one.chars().next());
                        self.initials.extend(two.chars().next());
                        emit(&self.initials);
                    }
                }
            }
            long => {
                self.full.clear();
                self.initials.clear();
                for &character in long {
                    let Some(reading) = super::pinyin::readings(character).next() else {
                        return;
                    };
                    self.full.push_str(reading);
                    self.initials.extend(reading.chars().next());
                }
                emit(&self.full);
                emit(&self.initials);
            }
        }
    }
}

/// The pinyin terms of a Han run as strings; see [`Spelling::for_each`].
#[cfg(test)]
pub fn pinyin_spellings(characters: &[char]) -> Vec<String> {
    let mut spellings = Vec::new();
    Spelling::default().for_each(characters, |term| spellings.push(term.to_owned()));
    spellings
}

/// The distinct terms a document's text is indexed under, sorted (the index's vocabulary
/// spelled out, for tests and for reading).
#[cfg(test)]
pub fn document_terms(text: &str) -> Vec<String> {
    struct Strings(Vec<String>);
    impl TermSink for Strings {
        fn word(&mut self, word: &str) {
            self.0.push(word.to_owned());
        }
        fn unigram(&mut self, character: char) {
            self.0.push(character.to_string());
        }
        fn bigram(&mut self, pair: [char; 2]) {
            self.0.push(pair.iter().collect());
            self.0.extend(pinyin_spellings(&pair));
        }
    }
    let mut terms = Strings(Vec::new());
    document_terms_into(&mut Tokenizer::default(), &mut Spelling::default(), text, &mut terms);
    let mut terms = terms.0;
    terms.sort();
    terms.dedup();
    terms
}

/// The key a Han unigram or bigram is indexed under: code points packed into an integer,
/// so CJK terms never become strings. A unigram is a bigram with a zero second half.
pub fn han_key(first: char, second: Option<char>) -> u64 {
    (u64::from(u32::from(first)) << 21) | second.map_or(0, |second| u64::from(u32::from(second)))
}

/// One thing the query asks for. Every query term must match (AND).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QueryTerm {
    /// Matches any indexed term that starts with it (typing "conf" finds "conference").
    Prefix(String),
    /// Matches exactly this indexed term (a Han character or bigram).
    Exact(String),
}

impl QueryTerm {
    /// The Han key of an exact term, `None` for a prefix or for anything that is not one or
    /// two ideographs (which nothing is indexed under).
    pub fn han_key(&self) -> Option<u64> {
        let QueryTerm::Exact(text) = self else {
            return None;
        };
        let mut characters = text.chars();
        let first = characters.next()?;
        let second = characters.next();
        (characters.next().is_none()).then(|| han_key(first, second))
    }
}

/// Parses what the visitor typed.
pub fn query_terms(query: &str) -> Vec<QueryTerm> {
    let mut terms = Vec::new();
    for run in runs(query) {
        match run {
            Run::Word(word) => terms.push(QueryTerm::Prefix(word)),
            Run::Han(characters) if characters.len() == 1 => terms.push(QueryTerm::Exact(characters[0].to_string())),
            Run::Han(characters) => {
                terms.extend(
                    characters
                        .windows(2)
                        .map(|pair| QueryTerm::Exact(pair.iter().collect())),
                );
            }
        }
    }
    terms.dedup();
    terms
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_and_case_are_folded() {
        assert_eq!(fold("Conférence ÉTÉ"), "conference ete");
        assert_eq!(
            runs("TBHC-2023, Wuxi!"),
            [
                Run::Word("tbhc".into()),
                Run::Word("2023".into()),
                Run::Word("wuxi".into())
            ]
        );
    }

    #[test]
    fn chinese_gets_unigrams_bigrams_and_pinyin() {
        let terms = document_terms("无锡");
        for expected in ["无", "锡", "无锡", "wuxi", "wx"] {
            assert!(
                terms.contains(&expected.to_owned()),
                "{expected} missing from {terms:?}"
            );
        }
        let long = document_terms("上海健康医学院");
        for expected in [
            "健康",
            "医学",
            "jiankang",
            "shanghai",
            "shanghaijiankangyixueyuan",
            "shjkyxy",
        ] {
            assert!(long.contains(&expected.to_owned()), "{expected} missing");
        }
    }

    #[test]
    fn heteronyms_give_every_bigram_spelling() {
        let terms = document_terms("长春");
        assert!(terms.contains(&"changchun".to_owned()), "{terms:?}");
        assert!(terms.contains(&"cc".to_owned()), "{terms:?}");
    }

    #[test]
    fn mixed_text_splits_into_runs() {
        assert_eq!(
            runs("2023太湖湾TBHC"),
            [
                Run::Word("2023".into()),
                Run::Han(vec!['太', '湖', '湾']),
                Run::Word("tbhc".into())
            ]
        );
    }

    #[test]
    fn queries_become_prefixes_and_bigrams() {
        assert_eq!(
            query_terms("干细胞 conf"),
            [
                QueryTerm::Exact("干细".into()),
                QueryTerm::Exact("细胞".into()),
                QueryTerm::Prefix("conf".into())
            ]
        );
        assert_eq!(query_terms("锡"), [QueryTerm::Exact("锡".into())]);
        assert_eq!(query_terms("  ,, "), []);
    }
}
