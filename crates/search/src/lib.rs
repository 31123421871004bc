//! Client-side full-text search over event texts, in Chinese, English and French, with pinyin.
//!
//! Plain Rust, no browser APIs. [`SearchIndex::new`] tokenises every event once
//! (`tokens::document_terms_into`); [`SearchIndex::search`] matches every query term (a prefix
//! for words, forgiving typos; an exact Han unigram/bigram; pinyin spelling adjacent
//! characters) and ranks BM25F-like by where and how it matched (see `scores`). Dates in a
//! query are taken out first by [`split_period`] (`dates.rs`), for the catalog to apply.
//!
//! Building is the hot path (every event's every text, once per dataset), so terms are
//! interned without allocating per occurrence: words and pinyin into one arena string through
//! a table of ids (`intern.rs`, [`keys`]), Han unigrams and bigrams as packed integer keys,
//! and each distinct bigram's pinyin worked out once. Postings are `u32`s (event and field
//! packed) appended in event order. Names, which repeat, are tokenised once each and have
//! postings of their own that their terms link to.

mod dates;
mod fold;
mod intern;
pub mod keys;
mod pinyin;
mod tokens;

pub use dates::{split_period, PeriodKind, QueryPeriod};
use keys::{compare_bytes, hash_u64, leading_word, KeyTable};
#[cfg(any(test, feature = "embedded-pinyin"))]
#[doc(hidden)]
pub use pinyin::with_table_hidden as with_pinyin_table_hidden;
pub use pinyin::{install as install_pinyin_table, is_installed as has_pinyin_table, PinyinTableError};
pub use tokens::{fold, has_too_many_terms, query_terms, QueryTerm, MAX_SEARCH_TERMS};

use fixedbitset::FixedBitSet;

use health_atlas_model::{Event, LocalizedText};
use intern::{Interner, StringList};
use tokens::{Spelling, TermSink, Tokenizer};

/// Where a term was found, which weighs its match ([`FIELD_WEIGHT`]). Higher is better.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    /// Summaries: the long prose, where a word says least about the event.
    #[default]
    Summary = 1,
    Tags = 2,
    /// Organisation, person and place names.
    Names = 3,
    Title = 4,
}

/// A match's weight by field (indexed by the [`Field`] in a posting), as BM25F weighs fields:
/// a word in the title says most about what the event is.
const FIELD_WEIGHT: [u8; 8] = [0, 1, 2, 4, 8, 0, 0, 0];

/// A match's weight by how the indexed term matched the query term: exact above prefix above
/// typo-forgiven above pinyin worked out from characters (what the reader typed is more surely
/// meant than a reading the table gives). Multiplied by [`FIELD_WEIGHT`]: at most 64, a `u8`.
mod kind {
    pub const EXACT: u8 = 8;
    pub const PREFIX: u8 = 6;
    pub const FUZZY: u8 = 3;
    pub const PINYIN: u8 = 2;
    pub const FUZZY_PINYIN: u8 = 1;
}

/// The edit distance a query term of `chars` characters is forgiven: none under four, one
/// from four, two from eight (words of numbers are never forgiven: 2021 is not 2022).
fn typos_forgiven(term: &str) -> u8 {
    if term.bytes().any(|byte| byte.is_ascii_digit()) {
        return 0;
    }
    match term.chars().count() {
        0..=3 => 0,
        4..=7 => 1,
        8..=MAX_FUZZY_CHARS => 2,
        _ => 0,
    }
}

/// Longer query terms are not looked up with typos (a pasted sentence glued into one word).
const MAX_FUZZY_CHARS: usize = 40;

/// A posting packs the event index above [`FIELD_BITS`] bits holding the [`Field`]'s score,
/// so an event's best field for a term is the larger of two postings.
const FIELD_BITS: u32 = 3;
const FIELD_MASK: u32 = (1 << FIELD_BITS) - 1;

/// The events (with their best field) that contain one term, in event order.
type Postings = Vec<u32>;

/// Sorted term dictionaries with, per term, the events (and best field) that contain it.
///
/// A bigram's pinyin is not given postings of its own: the spelling links to the bigram
/// instead, and a query for the spelling reads the bigram's postings. The events that
/// contain a spelling are exactly those whose text has one of the bigrams spelt that way,
/// so this answers the same as expanding at build time, with a fraction of the postings.
///
/// Names (organisations, people, places, tags) are linked the same way: each distinct name
/// has the postings of the events that carry it, and each of its terms links to it, so a
/// name shared by 30,000 events adds one posting per event rather than one per term per
/// event. A query reads a term's own postings (titles and summaries) and those of the names
/// linked to it, which is what the term's postings would have been with the names' terms
/// copied in.
#[derive(Debug, PartialEq)]
pub struct SearchIndex {
    event_count: usize,
    /// Built with the pinyin table ([`has_pinyin_table`]); without it, characters and words only.
    with_pinyin: bool,
    /// Folded words and pinyin spellings, sorted, so a prefix is a contiguous range found by
    /// binary search.
    words: StringList,
    /// Per word: events where it occurs as written (a word, a single character's reading or a
    /// long run's spelling).
    word_postings: Vec<Postings>,
    /// Per word: positions in `han_keys` of the bigrams it spells.
    word_bigrams: Vec<Box<[u32]>>,
    /// Per word: the names it occurs in, as positions in `name_postings`.
    word_names: Vec<Vec<u32>>,
    /// Per word: whether it occurs as written in some text (not only as a pinyin spelling),
    /// which decides its match kind ([`kind`]).
    latin: FixedBitSet,
    /// Han unigrams and bigrams by [`tokens::han_key`], sorted.
    han_keys: Vec<u64>,
    han_postings: Vec<Postings>,
    /// Per Han term: the names it occurs in.
    han_names: Vec<Vec<u32>>,
    /// Per distinct name: the events that carry it, with the best field it has there.
    name_postings: Vec<Postings>,
}

/// A [`SearchIndex`] built a slice of events at a time, for a caller that gives the browser's
/// main thread back between slices; the same index as [`SearchIndex::new`] of the same events.
/// Pass the same events at every call.
pub struct SearchIndexBuild {
    with_pinyin: bool,
    builder: IndexBuilder,
    tokenizer: Tokenizer,
    spelling: Spelling,
    /// The events before this one are indexed.
    indexed: usize,
}

impl Default for SearchIndexBuild {
    fn default() -> SearchIndexBuild {
        SearchIndexBuild::new()
    }
}

impl SearchIndexBuild {
    /// A build with the pinyin table if it is installed now.
    pub fn new() -> SearchIndexBuild {
        SearchIndexBuild {
            with_pinyin: has_pinyin_table(),
            builder: IndexBuilder::default(),
            tokenizer: Tokenizer::default(),
            spelling: Spelling::default(),
            indexed: 0,
        }
    }

    /// Indexes up to `count` more of `events`; whether some are left.
    pub fn index_next(&mut self, events: &[Event], count: usize) -> bool {
        let end = events.len().min(self.indexed.saturating_add(count));
        let SearchIndexBuild {
            builder,
            tokenizer,
            spelling,
            ..
        } = self;
        for (index, event) in events.iter().enumerate().take(end).skip(self.indexed) {
            builder.event = index as u32;
            for_each_searchable_text(event, |text, field, kind| {
                builder.field = field;
                match kind {
                    TextKind::Prose => tokens::document_terms_into(tokenizer, spelling, text, builder),
                    TextKind::Name => builder.add_name(text, tokenizer, spelling),
                }
            });
        }
        self.indexed = self.indexed.max(end);
        end < events.len()
    }

    /// The index, after indexing the events still left.
    pub fn finish(mut self, events: &[Event]) -> SearchIndex {
        self.index_next(events, usize::MAX);
        self.builder.finish(events.len(), self.with_pinyin)
    }
}

/// One matching event and its score.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hit {
    pub event: usize,
    pub score: u32,
}

impl SearchIndex {
    /// Indexes `events`. Indices above 2^29 (half a billion events) are not representable in
    /// a posting; a dataset that large could not be loaded in a browser anyway.
    pub fn new(events: &[Event]) -> SearchIndex {
        SearchIndexBuild::new().finish(events)
    }

    /// Whether pinyin finds Chinese text in this index: the table was there when it was built.
    pub fn has_pinyin(&self) -> bool {
        self.with_pinyin
    }

    /// Events matching every term of `query`, best first (ties in dataset order).
    /// An empty query matches nothing; callers treat it as "no text filter".
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let Some(scores) = self.scores(query) else {
            return Vec::new();
        };
        let mut hits: Vec<Hit> = scores
            .into_iter()
            .enumerate()
            .filter(|&(_, score)| score > 0)
            .map(|(event, score)| Hit { event, score })
            .collect();
        // Stable, so ties stay in dataset order.
        hits.sort_by_key(|hit| std::cmp::Reverse(hit.score));
        hits
    }

    /// Every event's score for `query` (0 = no match), `None` when the query has no terms.
    ///
    /// BM25F-like: each query term scores an event by its best match there (field weight ×
    /// match kind), times the term's inverse document frequency, so a rare term weighs more
    /// than a common one; the event's score is the sum over terms, and zero when any term
    /// does not match (AND). Postings keep one entry per event and term, so there is no term
    /// frequency or length normalisation: event texts are short and of similar length.
    fn scores(&self, query: &str) -> Option<Vec<u32>> {
        let terms = query_terms(query);
        let mut scores: Option<Vec<u32>> = None;
        let mut term_scores = vec![0u8; self.event_count];
        let mut pair_scores: Vec<u8> = Vec::new();
        let mut buffers = TermBuffers::default();
        for term in &terms {
            term_scores.fill(0);
            match term {
                QueryTerm::Exact(_) => self.score_exact(term, &mut term_scores, &mut buffers),
                QueryTerm::Prefix(prefix) => {
                    let pairs = tokens::pinyin_pairs(prefix);
                    let how = if pairs.is_some() {
                        WordMatch::TypedPinyin
                    } else {
                        WordMatch::Typed
                    };
                    self.score_word(prefix, how, &mut term_scores, &mut buffers);
                    // Pinyin of three or more characters is also found as its syllables' pairs,
                    // all of which must match (the term scores the better of the two readings).
                    if let Some(pairs) = pairs {
                        let mut all_pairs: Option<Vec<u8>> = None;
                        for (pair, whole) in &pairs {
                            pair_scores.clear();
                            pair_scores.resize(self.event_count, 0);
                            let pair_match = if *whole { WordMatch::Whole } else { WordMatch::Start };
                            self.score_word(pair, pair_match, &mut pair_scores, &mut buffers);
                            match &mut all_pairs {
                                None => all_pairs = Some(pair_scores.clone()),
                                Some(least) => {
                                    for (least, &score) in least.iter_mut().zip(&pair_scores) {
                                        *least = (*least).min(score);
                                    }
                                }
                            }
                        }
                        for (score, pairs) in term_scores.iter_mut().zip(all_pairs.unwrap_or_default()) {
                            *score = (*score).max(pairs);
                        }
                    }
                }
            }
            let found = term_scores.iter().filter(|&&score| score > 0).count();
            let idf = idf_weight(self.event_count, found);
            match &mut scores {
                None => scores = Some(term_scores.iter().map(|&score| u32::from(score) * idf).collect()),
                // AND: an event missing any term drops to zero.
                Some(total) => {
                    for (sum, &score) in total.iter_mut().zip(&term_scores) {
                        *sum = if *sum == 0 || score == 0 {
                            0
                        } else {
                            *sum + u32::from(score) * idf
                        };
                    }
                }
            }
        }
        scores
    }

    /// Scores a Han unigram or bigram into `scores`: each event's best match.
    fn score_exact(&self, term: &QueryTerm, scores: &mut [u8], buffers: &mut TermBuffers) {
        buffers.names.clear();
        if let Some(position) = term.han_key().and_then(|key| self.han_keys.binary_search(&key).ok()) {
            score_postings(scores, &self.han_postings[position], kind::EXACT);
            buffers.names.extend(
                self.han_names[position]
                    .iter()
                    .map(|&name| with_kind(name, kind::EXACT)),
            );
        }
        self.score_names(scores, buffers);
    }

    /// Scores a word into `scores`: each event's best match (see [`WordMatch`]).
    fn score_word(&self, word: &str, how: WordMatch, scores: &mut [u8], buffers: &mut TermBuffers) {
        let TermBuffers { words, bigrams, names } = buffers;
        self.matching_words(word, how, words);
        bigrams.clear();
        names.clear();
        for &(word, word_kind) in words.iter() {
            let word = word as usize;
            score_postings(scores, &self.word_postings[word], word_kind);
            // A spelling's bigrams are pinyin from characters, whatever the word.
            let bigram_kind = if word_kind <= kind::FUZZY {
                kind::FUZZY_PINYIN
            } else {
                kind::PINYIN
            };
            bigrams.extend(
                self.word_bigrams[word]
                    .iter()
                    .map(|&bigram| with_kind(bigram, bigram_kind)),
            );
            names.extend(self.word_names[word].iter().map(|&name| with_kind(name, word_kind)));
        }
        // Several spellings ("shanghai", "sh") link to one bigram: read it once.
        best_of_each(bigrams);
        for &entry in bigrams.iter() {
            let (bigram, bigram_kind) = id_and_kind(entry);
            score_postings(scores, &self.han_postings[bigram as usize], bigram_kind);
            names.extend(
                self.han_names[bigram as usize]
                    .iter()
                    .map(|&name| with_kind(name, bigram_kind)),
            );
        }
        self.score_names(scores, buffers);
    }

    /// Scores the names collected in `buffers` (likewise read once each, at their best kind).
    fn score_names(&self, scores: &mut [u8], buffers: &mut TermBuffers) {
        best_of_each(&mut buffers.names);
        for &entry in &buffers.names {
            let (name, name_kind) = id_and_kind(entry);
            score_postings(scores, &self.name_postings[name as usize], name_kind);
        }
    }

    /// The words `prefix` matches, with their match kind, into `out`: those it starts
    /// (exact or prefix, or pinyin for a spelling), then those within the typos it is forgiven
    /// ([`typos_forgiven`]), as "did you mean": a word is forgiven only when no word starts
    /// with the query term ("healthy" is not "health", "guangdong" not "guangtong"), and a
    /// spelling only when nothing at all does and no word is forgiven either: pinyin syllables
    /// are short and dense, and one edit away from "taihu" lie dozens of real spellings, which
    /// would bring back the false matches that precise pinyin removes.
    fn matching_words(&self, prefix: &str, how: WordMatch, out: &mut Vec<(u32, u8)>) {
        out.clear();
        let range = self.prefix_range(prefix);
        for word in range.clone() {
            if how == WordMatch::Whole && self.words.get(word).len() != prefix.len() {
                continue;
            }
            let word_kind = if !self.latin.contains(word) {
                kind::PINYIN
            } else if self.words.get(word).len() == prefix.len() {
                kind::EXACT
            } else {
                kind::PREFIX
            };
            out.push((word as u32, word_kind));
        }
        let forgiven = match how {
            WordMatch::Typed | WordMatch::TypedPinyin => typos_forgiven(prefix),
            WordMatch::Start | WordMatch::Whole => 0,
        };
        let latin_starts = range.clone().any(|word| self.latin.contains(word));
        // A word that starts some word is forgiven nothing (nor are spellings then): the walk
        // is skipped, which is most keystrokes.
        if forgiven > 0 && !latin_starts {
            let nothing_starts = range.is_empty() && how == WordMatch::Typed;
            let before = out.len();
            let mut spellings = Vec::new();
            self.words_within(prefix, forgiven, |word| {
                if range.contains(&word) {
                    return;
                }
                if self.latin.contains(word) {
                    out.push((word as u32, kind::FUZZY));
                } else if nothing_starts {
                    spellings.push((word as u32, kind::FUZZY_PINYIN));
                }
            });
            if out.len() == before {
                out.extend(spellings);
            }
        }
    }

    /// Calls `visit` with the position of every word within edit distance `max` (Levenshtein,
    /// by characters) of `term`, in order.
    ///
    /// The sorted words are walked as a trie: the edit-distance table's rows for a word's
    /// first characters are kept for the next word, which shares them as far as the two share
    /// a prefix, and once every entry of a row exceeds `max` no word with that prefix can be
    /// within it, so they are skipped by binary search. Most of the dictionary is skipped
    /// after one or two characters. A test checks it against the plain edit distance.
    fn words_within(&self, term: &str, max: u8, visit: impl FnMut(usize)) {
        words_within(&self.words, term, max, visit);
    }

    /// Positions in `words` of the words that start with `prefix`.
    fn prefix_range(&self, prefix: &str) -> std::ops::Range<usize> {
        let start = partition_point(0..self.words.len(), |position| self.words.get(position) < prefix);
        let end = partition_point(start..self.words.len(), |position| {
            self.words.get(position).starts_with(prefix)
        });
        start..end
    }
}

/// See [`SearchIndex::words_within`]: `words` must be sorted.
fn words_within(words: &StringList, term: &str, max: u8, mut visit: impl FnMut(usize)) {
    let target: Vec<char> = term.chars().collect();
    let width = target.len() + 1;
    // The rows of the characters in `path`, one after the other; row 0 is the empty prefix.
    let mut rows: Vec<u8> = (0..width).map(|column| column.min(255) as u8).collect();
    let mut path: Vec<char> = Vec::new();
    let mut position = 0;
    let count = words.len();
    'words: while position < count {
        let word = words.get(position);
        let shared = path.iter().zip(word.chars()).take_while(|(a, b)| **a == *b).count();
        path.truncate(shared);
        rows.truncate((shared + 1) * width);
        for (offset, character) in word.char_indices().skip(shared) {
            let previous = rows.len() - width;
            rows.push(rows[previous].saturating_add(1));
            let mut smallest = rows[previous + width];
            for column in 1..width {
                let substitution = u8::from(target[column - 1] != character);
                let value = (rows[previous + column].saturating_add(1))
                    .min(rows[previous + width + column - 1].saturating_add(1))
                    .min(rows[previous + column - 1].saturating_add(substitution));
                rows.push(value);
                smallest = smallest.min(value);
            }
            path.push(character);
            if smallest > max {
                let dead = &word[..offset + character.len_utf8()];
                position = partition_point(position..count, |at| words.get(at).starts_with(dead));
                continue 'words;
            }
        }
        if rows[rows.len() - 1] <= max {
            visit(position);
        }
        position += 1;
    }
}

/// How a query word matches indexed words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum WordMatch {
    /// As typed: the words it starts, and those within the typos it is forgiven.
    Typed,
    /// As typed, for a word that reads as pinyin of three or more syllables: its pairs stand
    /// in for it, so spellings are not forgiven (words are).
    TypedPinyin,
    /// The words it starts (the last pair of a long pinyin word).
    Start,
    /// That word only (a pair of whole syllables).
    Whole,
}

/// Reusable lists of one term's matches, each with its match kind.
#[derive(Default)]
struct TermBuffers {
    words: Vec<(u32, u8)>,
    /// Bigram positions and name ids with their kind, packed ([`with_kind`]).
    bigrams: Vec<u32>,
    names: Vec<u32>,
}

/// Raises each listed event's score to this match's, when better.
fn score_postings(scores: &mut [u8], list: &Postings, match_kind: u8) {
    for &posting in list {
        let slot = &mut scores[(posting >> FIELD_BITS) as usize];
        *slot = (*slot).max(FIELD_WEIGHT[(posting & FIELD_MASK) as usize] * match_kind);
    }
}

/// An id (a bigram's position or a name's id, below 2^28) and a match kind in one `u32`, the
/// kind inverted in the low four bits so that sorting puts an id's best kind first. Sorting
/// plain `u32`s shares the wasm's one copy of that sort (a sort of pairs was a copy of its own).
fn with_kind(id: u32, match_kind: u8) -> u32 {
    id << 4 | u32::from(15 - match_kind)
}

fn id_and_kind(entry: u32) -> (u32, u8) {
    (entry >> 4, 15 - (entry & 15) as u8)
}

/// Keeps one entry per id (sorting them), with the best kind it came with.
fn best_of_each(entries: &mut Vec<u32>) {
    entries.sort_unstable();
    entries.dedup_by_key(|entry| *entry >> 4);
}

/// A query term's inverse document frequency (BM25's), scaled to an integer weight of at
/// least 1: a term `found` in few of `events` weighs more than one found in most.
fn idf_weight(events: usize, found: usize) -> u32 {
    let (events, found) = (events as f64, found as f64);
    let idf = (1.0 + (events - found + 0.5) / (found + 0.5)).ln();
    1 + (idf * 16.0) as u32
}

/// The first position in `range` where `is_before` turns false (it must be true, then false).
fn partition_point(range: std::ops::Range<usize>, is_before: impl Fn(usize) -> bool) -> usize {
    let (mut low, mut high) = (range.start, range.end);
    while low < high {
        let middle = low + (high - low) / 2;
        if is_before(middle) {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    low
}

/// Interns terms as they stream out of the tokeniser and appends postings.
struct IndexBuilder {
    /// The event and field being indexed.
    event: u32,
    field: Field,
    /// Ids of distinct words and pinyin spellings, indexing `word_postings`, `word_bigrams`
    /// and `word_names`.
    words: Interner,
    word_postings: Vec<Postings>,
    /// Ids of the bigrams each word spells, by builder han id.
    word_bigrams: Vec<Vec<u32>>,
    /// Ids of the names each word occurs in.
    word_names: Vec<Vec<u32>>,
    /// Per word id: whether it occurs as written (see [`SearchIndex::latin`]).
    latin: Vec<bool>,
    /// Ids of distinct Han unigrams and bigrams (keys in `han_terms`), indexing `han_terms`
    /// and `han_postings`.
    han: KeyTable,
    han_terms: Vec<u64>,
    han_postings: Vec<Postings>,
    han_names: Vec<Vec<u32>>,
    /// Per han id: whether a bigram's spellings with second readings are linked (it has stood
    /// where a word would, in a name or at a run's edge: [`tokens::Spelling::for_each_pair`]).
    han_whole: Vec<bool>,
    /// Builder han ids of the unified ideographs U+4E00–U+9FFF by code point (`u32::MAX`
    /// for none yet): a unigram look-up without hashing.
    unigram_ids: Vec<u32>,
    spelling: Spelling,
    /// Ids of distinct names, indexing `name_postings`: a name is tokenised the first time it
    /// occurs, and its terms link to it.
    names: Interner,
    name_postings: Vec<Postings>,
    /// The terms of the name being tokenised: a word id, or a han id with [`HAN_TERM`] set.
    name_terms: Vec<u32>,
    /// Whether a name is being tokenised: its terms are collected into `name_terms` rather
    /// than given postings.
    recording: bool,
}

/// Marks a han id in [`IndexBuilder::name_terms`].
const HAN_TERM: u32 = 1 << 31;

/// How a text repeats across events, which decides whether tokenising it once pays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TextKind {
    /// Titles and summaries: written for one event.
    Prose,
    /// Organisation, person and place names and tags: the same few recur over many events
    /// (they are the facet values), so each distinct one is tokenised once.
    Name,
}

impl Default for IndexBuilder {
    fn default() -> IndexBuilder {
        IndexBuilder {
            event: 0,
            field: Field::Summary,
            words: Interner::default(),
            word_postings: Vec::new(),
            word_bigrams: Vec::new(),
            word_names: Vec::new(),
            latin: Vec::new(),
            han: KeyTable::default(),
            han_terms: Vec::new(),
            han_postings: Vec::new(),
            han_names: Vec::new(),
            han_whole: Vec::new(),
            unigram_ids: vec![u32::MAX; (UNIGRAM_TABLE_LAST - UNIGRAM_TABLE_FIRST + 1) as usize],
            spelling: Spelling::default(),
            names: Interner::default(),
            name_postings: Vec::new(),
            name_terms: Vec::new(),
            recording: false,
        }
    }
}

/// The code points [`IndexBuilder::unigram_ids`] covers: the main block of unified ideographs.
const UNIGRAM_TABLE_FIRST: u32 = 0x4E00;
const UNIGRAM_TABLE_LAST: u32 = 0x9FFF;

impl IndexBuilder {
    /// Indexes a name (see [`TextKind::Name`]): a posting on the name, whose terms were
    /// linked to it the first time it occurred.
    fn add_name(&mut self, name: &str, tokenizer: &mut Tokenizer, spelling: &mut Spelling) {
        let (name_id, new) = self.names.intern(name);
        if new {
            self.name_postings.push(Vec::new());
            self.name_terms.clear();
            self.recording = true;
            tokens::document_terms_into(tokenizer, spelling, name, self);
            // A name of a few Latin words is found typed without spaces too, as pinyin
            // input habits write names ("caizhongtao" for Cai Zhongtao).
            let runs = tokenizer.runs(name);
            if (2..=4).contains(&runs.len()) {
                let mut joined = String::new();
                for run in &runs {
                    match run {
                        tokens::Run::Word(word) => joined.push_str(word),
                        tokens::Run::Han(_) => joined.clear(),
                    }
                }
                if !joined.is_empty() && runs.iter().all(|run| matches!(run, tokens::Run::Word(_))) {
                    tokens::TermSink::word(self, &joined);
                }
            }
            self.recording = false;
            let mut terms = std::mem::take(&mut self.name_terms);
            terms.sort_unstable();
            terms.dedup();
            for &term in &terms {
                let names = if term & HAN_TERM != 0 {
                    &mut self.han_names[(term & !HAN_TERM) as usize]
                } else {
                    &mut self.word_names[term as usize]
                };
                names.push(name_id);
            }
            self.name_terms = terms;
        }
        add_posting(&mut self.name_postings[name_id as usize], self.event, self.field);
    }

    #[inline(always)]
    fn word_id(&mut self, word: &str) -> u32 {
        let (id, new) = self.words.intern(word);
        if new {
            self.word_postings.push(Vec::new());
            self.word_bigrams.push(Vec::new());
            self.word_names.push(Vec::new());
            self.latin.push(false);
        }
        id
    }

    /// The id of a Han term; `pair` is given for a bigram, whose spellings are linked to it
    /// the first time it is seen.
    fn han_id(&mut self, key: u64, pair: Option<[char; 2]>) -> u32 {
        let han_terms = &self.han_terms;
        let next = han_terms.len() as u32;
        let (id, new) = self
            .han
            .get_or_insert(hash_u64(key), |id| han_terms[id as usize] == key, next);
        if new {
            self.add_han_term(key, pair);
        }
        id
    }

    /// Makes room for a new Han term (the next id) and links a bigram's spellings to it. Rare
    /// (once per distinct term), so kept out of line, unlike the look-up above.
    #[inline(never)]
    fn add_han_term(&mut self, key: u64, pair: Option<[char; 2]>) {
        let id = self.han_terms.len() as u32;
        self.han_postings.push(Vec::new());
        self.han_names.push(Vec::new());
        self.han_whole.push(false);
        self.han_terms.push(key);
        if let Some(pair) = pair {
            self.link_spellings(id, pair, false);
        }
    }

    /// Links the spellings of bigram `id` to it: those of the first readings, or of every
    /// combination of readings (`all_readings`).
    #[inline(never)]
    fn link_spellings(&mut self, id: u32, pair: [char; 2], all_readings: bool) {
        {
            let mut spelling = std::mem::take(&mut self.spelling);
            spelling.for_each_pair(pair, all_readings, |term| {
                let word = self.word_id(term) as usize;
                // Two readings may share an initial: link once.
                if self.word_bigrams[word].last() != Some(&id) {
                    self.word_bigrams[word].push(id);
                }
            });
            self.spelling = spelling;
        }
    }

    fn finish(self, event_count: usize, with_pinyin: bool) -> SearchIndex {
        let IndexBuilder {
            words,
            mut word_postings,
            word_bigrams,
            mut word_names,
            latin,
            han_terms,
            mut han_postings,
            mut han_names,
            name_postings,
            ..
        } = self;
        // Han terms in key order, and where each builder id went.
        let mut han_order: Vec<u32> = (0..han_terms.len() as u32).collect();
        han_order.sort_unstable_by_key(|&id| han_terms[id as usize]);
        let mut han_position = vec![0u32; han_terms.len()];
        for (position, &id) in han_order.iter().enumerate() {
            han_position[id as usize] = position as u32;
        }
        let words = words.into_strings();
        // Keyed by each word's first eight bytes, so most comparisons are of integers.
        let mut keyed: Vec<(u64, u32)> = (0..words.len())
            .map(|id| (leading_word(words.get(id).as_bytes()), id as u32))
            .collect();
        keyed.sort_unstable_by(|&(key_a, a), &(key_b, b)| {
            key_a
                .cmp(&key_b)
                .then_with(|| compare_bytes(words.get(a as usize).as_bytes(), words.get(b as usize).as_bytes()))
        });
        let word_order: Vec<u32> = keyed.into_iter().map(|(_, id)| id).collect();
        let mut sorted_words = StringList::default();
        for &id in &word_order {
            sorted_words.push(words.get(id as usize));
        }
        sorted_words.shrink_to_fit();
        SearchIndex {
            with_pinyin,
            event_count,
            word_postings: in_order(&mut word_postings, &word_order),
            word_bigrams: word_order
                .iter()
                .map(|&id| {
                    let mut linked: Vec<u32> = word_bigrams[id as usize]
                        .iter()
                        .map(|&han| han_position[han as usize])
                        .collect();
                    linked.sort_unstable();
                    linked.into_boxed_slice()
                })
                .collect(),
            word_names: in_order(&mut word_names, &word_order),
            latin: word_order
                .iter()
                .map(|&id| latin[id as usize])
                .enumerate()
                .filter(|&(_, latin)| latin)
                .map(|(position, _)| position)
                .fold(FixedBitSet::with_capacity(word_order.len()), |mut set, position| {
                    set.insert(position);
                    set
                }),
            words: sorted_words,
            han_keys: han_order.iter().map(|&id| han_terms[id as usize]).collect(),
            han_postings: in_order(&mut han_postings, &han_order),
            han_names: in_order(&mut han_names, &han_order),
            name_postings: name_postings.into_iter().map(finished).collect(),
        }
    }
}

/// A postings list at its final size.
fn finished(mut list: Postings) -> Postings {
    list.shrink_to_fit();
    list
}

/// The lists at the builder ids in `order`, each at its final size (one function for the
/// postings and the name links alike, so the wasm has one copy).
fn in_order(lists: &mut [Vec<u32>], order: &[u32]) -> Vec<Vec<u32>> {
    order
        .iter()
        .map(|&id| finished(std::mem::take(&mut lists[id as usize])))
        .collect()
}

/// Appends `event` found in `field` to a postings list. Events arrive in order, so a repeat
/// of this event is the last entry: it keeps the best field the event has the term in.
/// Forced inline, as the sink's methods below: they run for every term occurrence.
#[inline(always)]
fn add_posting(list: &mut Postings, event: u32, field: Field) {
    let posting = (event << FIELD_BITS) | field as u32;
    match list.last_mut() {
        Some(last) if *last >> FIELD_BITS == event => *last = (*last).max(posting),
        _ => list.push(posting),
    }
}

impl TermSink for IndexBuilder {
    #[inline(always)]
    fn word(&mut self, word: &str) {
        let id = self.word_id(word);
        self.latin[id as usize] = true;
        self.add_word(id);
    }

    #[inline(always)]
    fn spelling(&mut self, spelling: &str) {
        let id = self.word_id(spelling);
        self.add_word(id);
    }

    #[inline(always)]
    fn unigram(&mut self, character: char) {
        let code = u32::from(character);
        // A unified ideograph's id is in the direct table once seen; others are hashed.
        let slot = code
            .checked_sub(UNIGRAM_TABLE_FIRST)
            .filter(|_| code <= UNIGRAM_TABLE_LAST)
            .map(|slot| slot as usize);
        let id = match slot.map(|slot| self.unigram_ids[slot]) {
            Some(id) if id != u32::MAX => id,
            _ => {
                let id = self.han_id(tokens::han_key(character, None), None);
                if let Some(slot) = slot {
                    self.unigram_ids[slot] = id;
                }
                id
            }
        };
        self.add_han(id);
    }

    #[inline(always)]
    fn bigram(&mut self, pair: [char; 2], edge: bool) {
        let id = self.han_id(tokens::han_key(pair[0], Some(pair[1])), Some(pair));
        if (edge || self.recording) && !self.han_whole[id as usize] {
            self.han_whole[id as usize] = true;
            self.link_spellings(id, pair, true);
        }
        self.add_han(id);
    }
}

impl IndexBuilder {
    #[inline(always)]
    fn add_word(&mut self, id: u32) {
        if self.recording {
            self.name_terms.push(id);
        } else {
            add_posting(&mut self.word_postings[id as usize], self.event, self.field);
        }
    }

    #[inline(always)]
    fn add_han(&mut self, id: u32) {
        if self.recording {
            self.name_terms.push(id | HAN_TERM);
        } else {
            add_posting(&mut self.han_postings[id as usize], self.event, self.field);
        }
    }
}

/// Calls `visit` with every text of an event that search looks at, the field it counts as
/// and how it repeats. Texts are not trimmed: the tokeniser skips spaces anyway.
fn for_each_searchable_text(event: &Event, mut visit: impl FnMut(&str, Field, TextKind)) {
    let mut each = |text: &LocalizedText, field: Field, kind: TextKind| {
        for language in [&text.en, &text.zh, &text.fr] {
            if !language.is_empty() {
                visit(language, field, kind);
            }
        }
    };
    each(&event.title, Field::Title, TextKind::Prose);
    each(&event.summary, Field::Summary, TextKind::Prose);
    for organisation in &event.organisations {
        each(&organisation.name, Field::Names, TextKind::Name);
    }
    for person in &event.people {
        each(&person.name, Field::Names, TextKind::Name);
    }
    for place in &event.places {
        for text in [&place.name, &place.city, &place.region] {
            each(text, Field::Names, TextKind::Name);
        }
    }
    // Hyphens separate words in tags ("stem-cell" is "stem" and "cell"), as everywhere.
    for tag in &event.tags {
        visit(tag, Field::Tags, TextKind::Name);
    }
}

/// Byte ranges of `text` where the words or Han strings of `query` occur, for highlighting.
/// Case- and accent-insensitive; pinyin matches are not highlighted (nothing to point at).
pub fn match_ranges(text: &str, query: &str) -> Vec<std::ops::Range<usize>> {
    // Fold character by character, remembering where each folded character came from.
    let mut folded = String::new();
    let mut origin: Vec<std::ops::Range<usize>> = Vec::new();
    for (start, character) in text.char_indices() {
        let before = folded.len();
        tokens::fold_char(character, &mut folded);
        for _ in folded[before..].chars() {
            origin.push(start..start + character.len_utf8());
        }
    }
    let folded_chars: Vec<char> = folded.chars().collect();
    let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
    for run in tokens::runs(query).into_iter().take(MAX_SEARCH_TERMS) {
        let needle: Vec<char> = match run {
            tokens::Run::Word(word) => word.chars().collect(),
            tokens::Run::Han(characters) => characters,
        };
        if needle.is_empty() || needle.len() > folded_chars.len() {
            continue;
        }
        for start in 0..=folded_chars.len() - needle.len() {
            if folded_chars[start..start + needle.len()] == needle[..] {
                ranges.push(origin[start].start..origin[start + needle.len() - 1].end);
            }
        }
    }
    health_atlas_model::order::sort_by_key(&mut ranges, |range| (range.start, range.end));
    let mut merged: Vec<std::ops::Range<usize>> = Vec::new();
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use health_atlas_model::Dataset;

    /// A dataset read with the model's serde derives alone (these tests need no validation).
    fn dataset(json: &str) -> Dataset {
        serde_json::from_str(json).unwrap() // ok: test data
    }

    fn embedded_events() -> Vec<Event> {
        dataset(include_str!("../../../data/events.json")).events
    }

    fn ids(query: &str) -> Vec<String> {
        let events = embedded_events();
        let index = SearchIndex::new(&events);
        index
            .search(query)
            .iter()
            .map(|hit| events[hit.event].id.clone())
            .collect()
    }

    #[test]
    fn chinese_queries_find_their_events() {
        assert!(ids("无锡").contains(&"tbhc-2023".to_owned()), "{:?}", ids("无锡"));
        assert!(ids("上海健康医学院").contains(&"china-health-equipment-conference-2023".to_owned()));
        assert!(
            ids("干细胞").iter().any(|id| id.starts_with("aiia")),
            "{:?}",
            ids("干细胞")
        );
    }

    #[test]
    fn pinyin_full_and_initials_find_chinese_names() {
        assert!(ids("wuxi").contains(&"tbhc-2023".to_owned()));
        assert!(ids("wx").contains(&"tbhc-2023".to_owned()));
        assert!(ids("changchun").contains(&"changchun-medicine-forum-2021".to_owned()));
    }

    /// Before the table arrives (the app's first moments) characters and words still match;
    /// pinyin does once an index is built with it.
    #[test]
    fn without_the_pinyin_table_characters_and_words_match() {
        let events = embedded_events();
        let bare = with_pinyin_table_hidden(|| SearchIndex::new(&events));
        let full = SearchIndex::new(&events);
        assert!(!bare.has_pinyin() && full.has_pinyin());
        for query in ["无锡", "长春", "Wuxi", "forum"] {
            assert!(!bare.search(query).is_empty(), "{query}");
            assert_eq!(bare.search(query), full.search(query), "{query}");
        }
        let titled_in_chinese = dataset(
            r#"{"schema_version": 1, "events": [{"id": "cc", "title": {"zh": "长春医药论坛"}, "category": "forum",
                "start": "2021-07-20", "precision": "exact", "sources": [{"file": "a.txt", "language": "zh", "quote": "q"}]}]}"#,
        )
        .events;
        let bare = with_pinyin_table_hidden(|| SearchIndex::new(&titled_in_chinese));
        assert!(bare.search("changchun").is_empty() && !bare.search("长春").is_empty());
        assert_eq!(SearchIndex::new(&titled_in_chinese).search("changchun").len(), 1);
    }

    #[test]
    fn pinyin_finds_events_titled_only_in_chinese() {
        let json = r#"{"schema_version": 1, "events": [
            {"id": "cc", "title": {"zh": "长春医药论坛"}, "category": "forum", "start": "2021-07-20", "precision": "exact",
             "sources": [{"file": "a.txt", "language": "zh", "quote": "q"}]},
            {"id": "wx", "title": {"zh": "无锡大会"}, "category": "conference", "start": "2023-05-18", "precision": "exact",
             "sources": [{"file": "a.txt", "language": "zh", "quote": "q"}]}
        ]}"#;
        let dataset = dataset(json);
        let index = SearchIndex::new(&dataset.events);
        let found = |query: &str| {
            index
                .search(query)
                .iter()
                .map(|hit| dataset.events[hit.event].id.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(found("changchun"), ["cc"]);
        assert_eq!(found("chang"), ["cc"]);
        assert_eq!(found("wuxi"), ["wx"]);
        assert_eq!(found("wx"), ["wx"]);
        assert_eq!(found("医药"), ["cc"]);
    }

    #[test]
    fn accents_case_and_prefixes() {
        let conference = ids("Conférence");
        assert!(conference.contains(&"tbhc-2023".to_owned()));
        // Typing a prefix finds at least what the whole word finds.
        let prefix = ids("conf");
        assert!(
            conference.iter().all(|id| prefix.contains(id)),
            "{prefix:?} vs {conference:?}"
        );
        assert!(ids("TAIHU").contains(&"tbhc-2023".to_owned()));
    }

    #[test]
    fn every_term_must_match_and_titles_rank_first() {
        assert_eq!(ids("wuxi zzzz"), Vec::<String>::new());
        let hits = ids("taihu");
        assert_eq!(hits.first().map(String::as_str), Some("tbhc-2023"), "{hits:?}");
        assert_eq!(ids(""), Vec::<String>::new());
    }

    /// A text's terms as strings, for the naive search: words as written, pinyin spellings,
    /// Han unigrams and bigrams, and each bigram's pair with whether it was at a run's edge.
    #[derive(Default)]
    struct NaiveTerms {
        words: Vec<String>,
        spellings: Vec<String>,
        han: Vec<String>,
        pairs: Vec<([char; 2], bool)>,
    }

    impl TermSink for NaiveTerms {
        fn word(&mut self, word: &str) {
            self.words.push(word.to_owned());
        }
        fn spelling(&mut self, spelling: &str) {
            self.spellings.push(spelling.to_owned());
        }
        fn unigram(&mut self, character: char) {
            self.han.push(character.to_string());
        }
        fn bigram(&mut self, pair: [char; 2], edge: bool) {
            self.han.push(pair.iter().collect());
            self.pairs.push((pair, edge));
        }
    }

    /// The edit distance as in a textbook: the whole table.
    fn edit_distance(a: &str, b: &str) -> usize {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        let mut table = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for (i, row) in table.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in table[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let substitution = table[i - 1][j - 1] + usize::from(a[i - 1] != b[j - 1]);
                table[i][j] = substitution.min(table[i - 1][j] + 1).min(table[i][j - 1] + 1);
            }
        }
        table[a.len()][b.len()]
    }

    /// How a term's text matched, as the naive search tells it.
    #[derive(Clone, Copy, PartialEq)]
    enum Source {
        /// A word, or a run's spelling (pinyin when it is never written as a word).
        Word,
        /// A bigram's spelling: always pinyin.
        Bigram,
        Han,
    }

    /// The same search done the slow, obvious way: every text's terms as strings, each query
    /// term scoring an event by its best match (field weight × match kind), times its idf,
    /// summed over terms (AND).
    fn naive_search(events: &[Event], query: &str) -> Vec<Hit> {
        // Every event's texts' terms, and the pairs that stood where a word would.
        let mut texts: Vec<Vec<(NaiveTerms, Field, TextKind)>> = Vec::new();
        let mut word_pairs: std::collections::HashSet<[char; 2]> = Default::default();
        for event in events {
            let mut event_texts = Vec::new();
            for_each_searchable_text(event, |text, field, kind| {
                let mut terms = NaiveTerms::default();
                tokens::document_terms_into(&mut Tokenizer::default(), &mut Spelling::default(), text, &mut terms);
                let runs = tokens::runs(text);
                if kind == TextKind::Name
                    && (2..=4).contains(&runs.len())
                    && runs.iter().all(|run| matches!(run, tokens::Run::Word(_)))
                {
                    terms.words.push(
                        runs.iter()
                            .map(|run| match run {
                                tokens::Run::Word(word) => word.as_str(),
                                tokens::Run::Han(_) => "",
                            })
                            .collect(),
                    );
                }
                for &(pair, edge) in &terms.pairs {
                    if edge || kind == TextKind::Name {
                        word_pairs.insert(pair);
                    }
                }
                event_texts.push((terms, field, kind));
            });
            texts.push(event_texts);
        }
        // Per event, every (term, source, field), with each bigram's spellings.
        let mut latin: std::collections::HashSet<String> = Default::default();
        let mut dictionary: Vec<String> = Vec::new();
        let candidates: Vec<Vec<(String, Source, Field)>> = texts
            .iter()
            .map(|event_texts| {
                let mut list = Vec::new();
                for (terms, field, _) in event_texts {
                    for word in &terms.words {
                        latin.insert(word.clone());
                        list.push((word.clone(), Source::Word, *field));
                    }
                    for spelling in &terms.spellings {
                        list.push((spelling.clone(), Source::Word, *field));
                    }
                    for han in &terms.han {
                        list.push((han.clone(), Source::Han, *field));
                    }
                    for &(pair, _) in &terms.pairs {
                        let all = word_pairs.contains(&pair);
                        Spelling::default().for_each_pair(pair, all, |spelling| {
                            list.push((spelling.to_owned(), Source::Bigram, *field))
                        });
                    }
                }
                dictionary.extend(
                    list.iter()
                        .filter(|(_, source, _)| *source != Source::Han)
                        .map(|(term, _, _)| term.clone()),
                );
                list
            })
            .collect();
        let terms = query_terms(query);
        let mut totals = vec![0u32; events.len()];
        // Each event's best match for one query term, matched `how`.
        let term_scores = |term: &QueryTerm, how: WordMatch| -> Vec<u8> {
            candidates
                .iter()
                .map(|list| {
                    list.iter()
                        .filter_map(|(candidate, source, field)| {
                            let match_kind = match (term, source) {
                                (QueryTerm::Exact(exact), Source::Han) => (candidate == exact).then_some(kind::EXACT),
                                (QueryTerm::Prefix(prefix), Source::Word | Source::Bigram) => {
                                    let forgiven = match how {
                                        WordMatch::Typed | WordMatch::TypedPinyin => typos_forgiven(prefix),
                                        _ => 0,
                                    };
                                    let starts = candidate.starts_with(prefix.as_str())
                                        && (how != WordMatch::Whole || candidate.len() == prefix.len());
                                    let word_kind = if starts {
                                        Some(if !latin.contains(candidate) {
                                            kind::PINYIN
                                        } else if candidate.len() == prefix.len() {
                                            kind::EXACT
                                        } else {
                                            kind::PREFIX
                                        })
                                    } else if forgiven > 0 && edit_distance(candidate, prefix) <= usize::from(forgiven)
                                    {
                                        let latin_within = latin
                                            .iter()
                                            .any(|word| edit_distance(word, prefix) <= usize::from(forgiven));
                                        if latin.contains(candidate) {
                                            (!latin.iter().any(|word| word.starts_with(prefix.as_str())))
                                                .then_some(kind::FUZZY)
                                        } else if how == WordMatch::Typed
                                            && !latin_within
                                            && !dictionary.iter().any(|word| word.starts_with(prefix.as_str()))
                                        {
                                            Some(kind::FUZZY_PINYIN)
                                        } else {
                                            None
                                        }
                                    } else {
                                        None
                                    };
                                    match (word_kind, source) {
                                        (Some(word_kind), Source::Bigram) if word_kind <= kind::FUZZY => {
                                            Some(kind::FUZZY_PINYIN)
                                        }
                                        (Some(_), Source::Bigram) => Some(kind::PINYIN),
                                        (word_kind, _) => word_kind,
                                    }
                                }
                                _ => None,
                            }?;
                            Some(FIELD_WEIGHT[*field as usize] * match_kind)
                        })
                        .max()
                        .unwrap_or(0)
                })
                .collect()
        };
        for (term_number, term) in terms.iter().enumerate() {
            let pairs = match term {
                QueryTerm::Prefix(prefix) => tokens::pinyin_pairs(prefix),
                QueryTerm::Exact(_) => None,
            };
            let how = if pairs.is_some() {
                WordMatch::TypedPinyin
            } else {
                WordMatch::Typed
            };
            let mut best = term_scores(term, how);
            {
                if let Some(pairs) = &pairs {
                    let each: Vec<Vec<u8>> = pairs
                        .iter()
                        .map(|(pair, whole)| {
                            let how = if *whole { WordMatch::Whole } else { WordMatch::Start };
                            term_scores(&QueryTerm::Prefix(pair.clone()), how)
                        })
                        .collect();
                    for (event, score) in best.iter_mut().enumerate() {
                        let all = each.iter().map(|scores| scores[event]).min().unwrap_or(0);
                        *score = (*score).max(all);
                    }
                }
            }
            let idf = idf_weight(events.len(), best.iter().filter(|&&score| score > 0).count());
            for (total, &score) in totals.iter_mut().zip(&best) {
                *total = if score == 0 || (term_number > 0 && *total == 0) {
                    0
                } else {
                    *total + u32::from(score) * idf
                };
            }
        }
        let mut hits: Vec<Hit> = totals
            .into_iter()
            .enumerate()
            .filter(|&(_, score)| score > 0)
            .map(|(event, score)| Hit { event, score })
            .collect();
        hits.sort_by_key(|hit| std::cmp::Reverse(hit.score));
        hits
    }

    #[test]
    fn words_within_agrees_with_the_edit_distance() {
        let mut random = fastrand::Rng::with_seed(3);
        let letters = ['a', 'b', 'c', 'ü', 'd'];
        for _ in 0..300 {
            let mut words: Vec<String> = (0..random.usize(0..60))
                .map(|_| {
                    (0..random.usize(1..8))
                        .map(|_| letters[random.usize(..letters.len())])
                        .collect()
                })
                .collect();
            words.sort();
            words.dedup();
            let mut list = StringList::default();
            for word in &words {
                list.push(word);
            }
            let term: String = (0..random.usize(1..8))
                .map(|_| letters[random.usize(..letters.len())])
                .collect();
            for max in 0..=2u8 {
                let mut found = Vec::new();
                words_within(&list, &term, max, |position| found.push(position));
                let expected: Vec<usize> = (0..words.len())
                    .filter(|&position| edit_distance(&words[position], &term) <= usize::from(max))
                    .collect();
                assert_eq!(found, expected, "{term} within {max} of {words:?}");
            }
        }
    }

    #[test]
    fn an_index_built_in_slices_is_the_index_built_at_once() {
        let mut events = health_atlas_model::generate::generate(300, 11).events;
        events.extend(embedded_events());
        let whole = SearchIndex::new(&events);
        let mut build = SearchIndexBuild::new();
        let mut slices = 1;
        while build.index_next(&events, 37) {
            slices += 1;
        }
        assert_eq!(slices, events.len().div_ceil(37));
        assert!(!build.index_next(&events, 37), "nothing is left to index");
        assert_eq!(build.finish(&events), whole);
        // Finishing indexes what is left.
        let mut started = SearchIndexBuild::new();
        assert!(started.index_next(&events, 100));
        assert_eq!(started.finish(&events), whole);
    }

    #[test]
    fn the_index_answers_as_a_naive_search_over_document_terms() {
        let mut events = health_atlas_model::generate::generate(300, 11).events;
        events.extend(embedded_events());
        let index = SearchIndex::new(&events);
        for query in [
            "w",
            "wuxi",
            "wx",
            "conf",
            "Conférence",
            "无",
            "无锡",
            "上海健康",
            "sh",
            "shanghai",
            "chang",
            "zc",
            "cc",
            "jiankang",
            "shanghaijian",
            "ganxibao",
            "rgzn",
            "jiankangyixue",
            "shangai",
            "changchn",
            "conferance",
            "caizhongtao",
            "taihu",
            "healthy",
            "guangdong",
            "健康 2015",
            "venue 12",
            "stem cell",
            "干细胞",
            "tbhc",
            "zzz",
        ] {
            assert_eq!(index.search(query), naive_search(&events, query), "{query}");
        }
    }

    #[test]
    fn a_name_is_tokenised_once_and_its_terms_link_to_it() {
        let mut events = health_atlas_model::generate::generate(3, 2).events;
        for event in &mut events {
            event.people.clear();
        }
        events[0].organisations[0].name = LocalizedText::new("Wuxi Biologics", "药明生物", "");
        events[1].organisations[0].name = LocalizedText::new("Tigermed", "泰格医药", "");
        events[2].organisations = events[0].organisations.clone();
        let index = SearchIndex::new(&events);
        let word = |word: &str| {
            let position = index.prefix_range(word).start;
            assert_eq!(index.words.get(position), word);
            position
        };
        let han = |text: &str| {
            let key = QueryTerm::Exact(text.into()).han_key().unwrap_or_default();
            index.han_keys.binary_search(&key).unwrap_or(usize::MAX)
        };
        // One posting list per name (the English and the Chinese one), shared by both
        // events, in the names field...
        let names_field = Field::Names as u32;
        let shared = [names_field, 2 << FIELD_BITS | names_field];
        let english = &index.word_names[word("biologics")];
        let chinese = &index.han_names[han("药明")];
        for linked in [english, chinese] {
            assert_eq!(linked.len(), 1);
            assert_eq!(index.name_postings[linked[0] as usize], shared);
        }
        // ...which every term of the name links to, and no term copies.
        assert!(index.word_postings[word("biologics")].is_empty());
        assert!(index.word_names[word("wuxi")].contains(&english[0]));
        for term in ["药", "生物"] {
            assert!(index.han_names[han(term)].contains(&chinese[0]), "{term}");
            assert!(index.han_postings[han(term)].is_empty(), "{term}");
        }
        assert!(!index.han_names[han("医药")].contains(&chinese[0]));
        let events_found = |query: &str| -> Vec<usize> { index.search(query).iter().map(|hit| hit.event).collect() };
        for query in ["biologics", "药明", "yaoming", "ymsw"] {
            let found = events_found(query);
            assert!([0, 2].iter().all(|event| found.contains(event)), "{query}: {found:?}");
        }
        assert_eq!(events_found("tigermed"), [1]);
    }

    #[test]
    fn match_ranges_point_into_the_original_text() {
        let text = "La Conférence de Taihu Bay à Wuxi";
        let ranges = match_ranges(text, "conference wuxi");
        let found: Vec<&str> = ranges.iter().map(|range| &text[range.clone()]).collect();
        assert_eq!(found, ["Conférence", "Wuxi"]);
        let chinese = "2023太湖湾未来医疗健康大会";
        let ranges = match_ranges(chinese, "健康");
        assert_eq!(
            ranges.iter().map(|range| &chinese[range.clone()]).collect::<Vec<_>>(),
            ["健康"]
        );
    }
}
