//! Turning text into search terms, the same way for documents and queries.
//!
//! - Latin script: Unicode-decomposed, accents dropped, lower-cased ("Conférence" → "conference").
//! - Chinese: character unigrams and bigrams (as Elasticsearch's `cjk_bigram`), so 无锡 or
//!   上海健康医学院 match without a segmentation dictionary.
//! - Pinyin for Chinese runs, full and initials ("wuxi", "wx"), for every bigram and the whole
//!   run, so a visitor without a Chinese keyboard finds 无锡 by typing "wuxi".

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
    for decomposed in std::iter::once(character).nfkd() {
        if !is_combining_mark(decomposed) {
            out.extend(decomposed.to_lowercase());
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

/// Splits folded text into words and Han runs; everything else separates.
pub fn runs(text: &str) -> Vec<Run> {
    let folded = fold(text);
    let mut runs = Vec::new();
    let mut word = String::new();
    let mut han: Vec<char> = Vec::new();
    for character in folded.chars() {
        if is_cjk(character) {
            if !word.is_empty() {
                runs.push(Run::Word(std::mem::take(&mut word)));
            }
            han.push(character);
        } else {
            if !han.is_empty() {
                runs.push(Run::Han(std::mem::take(&mut han)));
            }
            if character.is_alphanumeric() {
                word.push(character);
            } else if !word.is_empty() {
                runs.push(Run::Word(std::mem::take(&mut word)));
            }
        }
    }
    if !word.is_empty() {
        runs.push(Run::Word(word));
    }
    if !han.is_empty() {
        runs.push(Run::Han(han));
    }
    runs
}

/// The terms a document's text is indexed under.
pub fn document_terms(text: &str) -> Vec<String> {
    let mut terms = Vec::new();
    for run in runs(text) {
        match run {
            Run::Word(word) => terms.push(word),
            Run::Han(characters) => {
                for character in &characters {
                    terms.push(character.to_string());
                }
                for pair in characters.windows(2) {
                    terms.push(pair.iter().collect());
                    push_pinyin(pair, &mut terms);
                }
                // A two-character run already got its pinyin as a bigram above.
                if characters.len() != 2 {
                    push_pinyin(&characters, &mut terms);
                }
            }
        }
    }
    terms.sort();
    terms.dedup();
    terms
}

/// Full pinyin and initials of a Han run, for every combination of the characters'
/// readings (at most two each, so a bigram gives at most four), when every character has one.
fn push_pinyin(characters: &[char], terms: &mut Vec<String>) {
    let mut spellings: Vec<(String, String)> = vec![(String::new(), String::new())];
    for &character in characters {
        let readings: Vec<&str> = super::pinyin::readings(character).collect();
        if readings.is_empty() {
            return;
        }
        // Long runs keep only the first reading, so the number of terms stays linear.
        let readings = if characters.len() > 2 {
            &readings[..1]
        } else {
            &readings[..]
        };
        spellings = spellings
            .iter()
            .flat_map(|(full, initials)| {
                readings.iter().map(move |reading| {
                    let mut initials = initials.clone();
                    initials.extend(reading.chars().next());
                    (format!("{full}{reading}"), initials)
                })
            })
            .collect();
    }
    for (full, initials) in spellings {
        terms.push(full);
        if characters.len() > 1 {
            terms.push(initials);
        }
    }
}

/// One thing the query asks for. Every query term must match (AND).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QueryTerm {
    /// Matches any indexed term that starts with it (typing "conf" finds "conference").
    Prefix(String),
    /// Matches exactly this indexed term (a Han character or bigram).
    Exact(String),
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
