//! Errors and refusals in the reader's language. They stay typed values
//! (`load::LoadError`, `health_atlas_model::DatasetError`, `health_atlas_basemap::BasemapError`) until
//! a view renders them here, so a language switch translates what is already on screen.
//! Paths (`events[3].places[0].lat`), lines, URLs and serde's own details are kept as they
//! are: they point into a file, whatever the language.
//!
//! Templates hold `{0}`, `{1}`… (word order differs between the languages); [`fill`] puts
//! the values in. One small filler instead of a `format!` per language keeps the wasm small.

use std::fmt::Display;

use super::pick;
use crate::load::LoadError;
use health_atlas_basemap::BasemapError;
use health_atlas_model::story::{FilterProblem, MarkupError, FILTER_KEYS};
use health_atlas_model::trust::Refusal;
use health_atlas_model::{DatasetError, Lang, Problem, OLDEST_SCHEMA_VERSION, SCHEMA_VERSION};
use health_atlas_search::MAX_SEARCH_TERMS;

pub(crate) type Texts = [&'static str; 3];

/// The template for `lang` with `{n}` replaced by `values[n]` (one digit; an index with no
/// value stays as written).
pub(crate) fn fill(lang: Lang, [en, zh, fr]: Texts, values: &[&dyn Display]) -> String {
    let template = pick(lang, en, zh, fr);
    let mut text = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        text.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let index = after
            .bytes()
            .next()
            .filter(u8::is_ascii_digit)
            .map(|digit| usize::from(digit - b'0'));
        match (index.and_then(|index| values.get(index)), after.as_bytes().get(1)) {
            (Some(value), Some(b'}')) => {
                text.push_str(&value.to_string());
                rest = &after[2..];
            }
            _ => {
                text.push('{');
                rest = after;
            }
        }
    }
    text.push_str(rest);
    text
}

/// Why a fetched dataset or basemap is not shown.
pub fn load_error_text(error: &LoadError, lang: Lang) -> String {
    const MB: u64 = 1024 * 1024;
    match error {
        LoadError::Refused(refusal) => refusal_text(refusal, lang),
        LoadError::RequestFailed { detail } => fill(
            lang,
            [
                "the request failed ({0})",
                "请求失败（{0}）",
                "la requête a échoué ({0})",
            ],
            &[detail],
        ),
        LoadError::Status { status, text } => fill(
            lang,
            [
                "the server answered {0} {1}",
                "服务器返回 {0} {1}",
                "le serveur a répondu {0} {1}",
            ],
            &[status, text],
        ),
        LoadError::TooLarge { limit } => fill(
            lang,
            [
                "the file is larger than {0} MB, the most this page reads",
                "文件大于 {0} MB，超出本页面的读取上限",
                "le fichier dépasse {0} Mo, le maximum que cette page lit",
            ],
            &[&(limit / MB)],
        ),
        LoadError::TimedOut { seconds } => fill(
            lang,
            [
                "the file did not arrive within {0} seconds",
                "文件未能在 {0} 秒内加载完成",
                "le fichier n'est pas arrivé en {0} secondes",
            ],
            &[seconds],
        ),
        LoadError::Unreadable { detail } => fill(
            lang,
            [
                "the response could not be read ({0})",
                "无法读取响应（{0}）",
                "la réponse n'a pas pu être lue ({0})",
            ],
            &[detail],
        ),
        LoadError::NotUtf8 { valid_up_to } => fill(
            lang,
            [
                "not UTF-8 text (byte {0} is not valid UTF-8); save the file as UTF-8",
                "不是 UTF-8 文本（第 {0} 字节无效）；请将文件另存为 UTF-8",
                "ce n'est pas du texte UTF-8 (l'octet {0} n'est pas valide) ; enregistrez le fichier en UTF-8",
            ],
            &[valid_up_to],
        ),
        LoadError::Basemap(error) => basemap_error_text(error, lang),
        LoadError::More { count } => fill(
            lang,
            ["… and {0} more", "……另有 {0} 个问题", "… et {0} de plus"],
            &[count],
        ),
        LoadError::Described(text) => text.best(lang).to_owned(),
        LoadError::ProblemsNotListed { detail } => fill(
            lang,
            [
                "the file does not pass the checks, and the list of its problems could not be loaded ({0}); reload the page, or check the file with atlas-data validate",
                "文件未通过检查，且无法加载其问题列表（{0}）；请重新加载页面，或用 atlas-data validate 检查文件",
                "le fichier ne passe pas les contrôles, et la liste de ses problèmes n'a pas pu être chargée ({0}) ; rechargez la page, ou vérifiez le fichier avec atlas-data validate",
            ],
            &[detail],
        ),
        LoadError::BuiltinInvalid => fill(
            lang,
            [
                "the built-in events do not pass the checks; run atlas-data validate data/events.json to see where",
                "内置事件未通过检查；运行 atlas-data validate data/events.json 查看问题所在",
                "les événements intégrés ne passent pas les contrôles ; lancez atlas-data validate data/events.json pour voir où",
            ],
            &[],
        ),
    }
}

/// Why a link's `src=` or `basemap=` was not followed.
pub fn refusal_text(refusal: &Refusal, lang: Lang) -> String {
    match refusal {
        Refusal::InlineData => fill(
            lang,
            [
                "a link may not carry its own data (data: and blob: addresses); only this site's files and the sources it lists are loaded",
                "链接不能自带数据（data: 和 blob: 地址）；只加载本网站的文件及其列出的来源",
                "un lien ne peut pas apporter ses propres données (adresses data: et blob:) ; seuls les fichiers du site et les sources qu'il liste sont chargés",
            ],
            &[],
        ),
        Refusal::OtherOrigin { origin } => fill(
            lang,
            [
                "{0} is not one of this site's sources; a link may only load files from this site or from the sources it lists",
                "{0} 不是本网站的数据来源；链接只能加载本网站或其列出来源的文件",
                "{0} ne fait pas partie des sources de ce site ; un lien ne peut charger que des fichiers de ce site ou des sources qu'il liste",
            ],
            &[origin],
        ),
        Refusal::NotHttp => fill(
            lang,
            ["not an http(s) address", "不是 http(s) 地址", "ce n'est pas une adresse http(s)"],
            &[],
        ),
    }
}

/// One dataset problem: its path, what is wrong, and its line.
pub fn dataset_error_text(error: &DatasetError, lang: Lang) -> String {
    let path: &dyn Display = if error.path.is_empty() {
        &"(top level)"
    } else {
        &error.path
    };
    let mut text = match &error.problem {
        Problem::EndBeforeStart { start, end } => fill(
            lang,
            [
                "{0} ({1}) is before start ({2})",
                "{0}（{1}）早于开始日期（{2}）",
                "{0} ({1}) précède le début ({2})",
            ],
            &[path, end, start],
        ),
        problem => format!("{path}: {}", problem_text(problem, lang)),
    };
    match error.line {
        Some(health_atlas_model::validate::Line::Exact(line)) => {
            text.push_str(&fill(lang, [" (line {0})", "（第 {0} 行）", " (ligne {0})"], &[&line]));
        }
        Some(health_atlas_model::validate::Line::EventStartingAt(line)) => text.push_str(&fill(
            lang,
            [
                " (in the event at line {0})",
                "（所在事件始于第 {0} 行）",
                " (dans l'événement de la ligne {0})",
            ],
            &[&line],
        )),
        Some(health_atlas_model::validate::Line::StoryStartingAt(line)) => text.push_str(&fill(
            lang,
            [
                " (in the story at line {0})",
                "（所在故事始于第 {0} 行）",
                " (dans le récit de la ligne {0})",
            ],
            &[&line],
        )),
        None => {}
    }
    text
}

/// Why a story's narrative could not be read (`health_atlas_model::story::MarkupError`).
pub fn markup_error_text(error: &MarkupError, lang: Lang) -> String {
    match error {
        MarkupError::UnclosedEmphasis { at } => fill(
            lang,
            [
                "the * at character {0} is not closed in its paragraph",
                "第 {0} 个字符处的 * 在本段中没有闭合",
                "l'* du caractère {0} n'est pas refermé dans son paragraphe",
            ],
            &[at],
        ),
        MarkupError::BrokenLink { at } => fill(
            lang,
            [
                "the [ at character {0} does not start a link written [words](event-id)",
                "第 {0} 个字符处的 [ 不是 [文字](事件 id) 形式的链接",
                "le [ du caractère {0} ne commence pas un lien écrit [mots](id-d-événement)",
            ],
            &[at],
        ),
        MarkupError::EmptyLinkTarget { at } => fill(
            lang,
            [
                "the link at character {0} names no event",
                "第 {0} 个字符处的链接没有指向事件",
                "le lien du caractère {0} ne nomme aucun événement",
            ],
            &[at],
        ),
    }
}

fn problem_text(problem: &Problem, lang: Lang) -> String {
    // Values the English text quotes with `{:?}` are quoted the same way in every language.
    let quoted = |text: &str| format!("{text:?}");
    match problem {
        Problem::Syntax { line, column, message } => fill(
            lang,
            [
                "not valid JSON at line {0}, column {1}: {2}",
                "不是有效的 JSON（第 {0} 行第 {1} 列）：{2}",
                "JSON non valide à la ligne {0}, colonne {1} : {2}",
            ],
            &[line, column, message],
        ),
        Problem::Shape { message } => fill(lang, ["{0}", "格式不符：{0}", "forme inattendue : {0}"], &[message]),
        Problem::UnsupportedSchemaVersion { found } => fill(
            lang,
            [
                "schema_version {0} is not supported; this build reads versions {1} to {2}",
                "不支持 schema_version {0}；此版本读取第 {1} 至 {2} 版",
                "schema_version {0} n'est pas prise en charge ; cette version lit les versions {1} à {2}",
            ],
            &[found, &OLDEST_SCHEMA_VERSION, &SCHEMA_VERSION],
        ),
        Problem::NoEvents => fill(
            lang,
            [
                "the dataset has no events; expected at least one",
                "数据集中没有事件；至少需要一个",
                "le jeu de données n'a aucun événement ; il en faut au moins un",
            ],
            &[],
        ),
        Problem::EmptyText => fill(
            lang,
            [
                "is empty in every language; expected text in en, zh or fr",
                "各语言均为空；需要 en、zh 或 fr 文本",
                "est vide dans toutes les langues ; texte attendu en en, zh ou fr",
            ],
            &[],
        ),
        Problem::BadId { id } => fill(
            lang,
            [
                "{0} is not a valid id; expected lower-case letters, digits and single hyphens (e.g. \"tbhc-2023\")",
                "{0} 不是有效的 id；只能用小写字母、数字和单个连字符（如 \"tbhc-2023\"）",
                "{0} n'est pas un identifiant valide ; minuscules, chiffres et tirets simples attendus (ex. \"tbhc-2023\")",
            ],
            &[&quoted(id)],
        ),
        Problem::DuplicateId { id, first_index } => fill(
            lang,
            [
                "duplicate id {0}, already used by events[{1}]",
                "id {0} 重复，已被 events[{1}] 使用",
                "identifiant {0} en double, déjà utilisé par events[{1}]",
            ],
            &[&quoted(id), first_index],
        ),
        Problem::EndBeforeStart { start, end } => fill(
            lang,
            ["end {0} is before start {1}", "结束日期 {0} 早于开始日期 {1}", "la fin {0} précède le début {1}"],
            &[end, start],
        ),
        Problem::SpanDoesNotMatchPrecision {
            precision,
            expected_start,
            expected_end,
        } => fill(
            lang,
            [
                "precision \"{0}\" expects the span {1}..{2}",
                "精度 \"{0}\" 要求时间段为 {1}..{2}",
                "la précision \"{0}\" exige la période {1}..{2}",
            ],
            &[&precision.slug(), expected_start, expected_end],
        ),
        Problem::OutOfRange { value, min, max } => fill(
            lang,
            ["{0} is outside {1}..{2}", "{0} 超出 {1}..{2} 的范围", "{0} est hors de {1}..{2}"],
            &[value, min, max],
        ),
        Problem::BadCountryCode { code } => fill(
            lang,
            [
                "{0} is not an ISO 3166-1 alpha-2 code; expected two upper-case letters such as \"CN\"",
                "{0} 不是 ISO 3166-1 二位字母代码；应为两个大写字母，如 \"CN\"",
                "{0} n'est pas un code ISO 3166-1 alpha-2 ; deux majuscules attendues, comme \"CN\"",
            ],
            &[&quoted(code)],
        ),
        Problem::EmptyRole => fill(
            lang,
            [
                "is empty; expected a role such as \"organiser\" or \"speaker\"",
                "为空；需要角色，如 \"organiser\" 或 \"speaker\"",
                "est vide ; rôle attendu, comme \"organiser\" ou \"speaker\"",
            ],
            &[],
        ),
        Problem::NotFinite => fill(
            lang,
            ["is not a finite number", "不是有限数值", "n'est pas un nombre fini"],
            &[],
        ),
        Problem::BadTag { tag } => fill(
            lang,
            [
                "{0} is not a valid tag; expected lower-case words joined by hyphens (e.g. \"stem-cells\")",
                "{0} 不是有效的标签；应为以连字符连接的小写单词（如 \"stem-cells\"）",
                "{0} n'est pas un mot-clé valide ; mots en minuscules reliés par des tirets attendus (ex. \"stem-cells\")",
            ],
            &[&quoted(tag)],
        ),
        Problem::UnknownEvent { id } => fill(
            lang,
            [
                "refers to {0}, which is not an event id in this dataset",
                "引用了 {0}，但本数据集中没有这个事件 id",
                "renvoie à {0}, qui n'est pas un identifiant d'événement de ce jeu de données",
            ],
            &[&quoted(id)],
        ),
        Problem::RelatesToItself => fill(
            lang,
            [
                "an event cannot relate to itself",
                "事件不能与自身关联",
                "un événement ne peut pas être lié à lui-même",
            ],
            &[],
        ),
        Problem::NoSource => fill(
            lang,
            [
                "has no source; every event needs at least one source with a quote",
                "没有来源；每个事件至少需要一个带引文的来源",
                "n'a pas de source ; chaque événement en exige au moins une, avec une citation",
            ],
            &[],
        ),
        Problem::EmptyQuote => fill(
            lang,
            [
                "is empty; expected the passage of the source that supports the event",
                "为空；需要来源中支持该事件的原文段落",
                "est vide ; le passage de la source qui étaye l'événement est attendu",
            ],
            &[],
        ),
        Problem::NotHttpUrl { url } => fill(
            lang,
            ["{0} is not an http(s) URL", "{0} 不是 http(s) 网址", "{0} n'est pas une URL http(s)"],
            &[&quoted(url)],
        ),
        Problem::StoriesNeedVersion2 { found } => fill(
            lang,
            [
                "stories need schema_version 2; this file says {0}",
                "故事需要 schema_version 2；此文件为 {0}",
                "les récits demandent schema_version 2 ; ce fichier indique {0}",
            ],
            &[found],
        ),
        Problem::DuplicateStoryId { id, first_index } => fill(
            lang,
            [
                "duplicate story id {0}, already used by stories[{1}]",
                "故事 id {0} 重复，已由 stories[{1}] 使用",
                "identifiant de récit {0} en double, déjà utilisé par stories[{1}]",
            ],
            &[&quoted(id), first_index],
        ),
        Problem::NoSteps => fill(
            lang,
            [
                "the story has no steps; expected at least one",
                "故事没有步骤；至少需要一个",
                "le récit n'a aucune étape ; il en faut au moins une",
            ],
            &[],
        ),
        Problem::NoStepEvents => fill(
            lang,
            [
                "the step names no event; expected at least one event id or a filter",
                "此步骤未列出事件；至少需要一个事件 id 或一个筛选条件",
                "l'étape ne nomme aucun événement ; au moins un identifiant d'événement ou un filtre attendu",
            ],
            &[],
        ),
        Problem::BadStepFilter {
            story,
            step,
            part,
            problem,
        } => fill(
            lang,
            [
                "story {0}, step {1}: {2} {3}",
                "故事 {0} 第 {1} 步：{2} {3}",
                "récit {0}, étape {1} : {2} {3}",
            ],
            &[
                &format!("{story:?}"),
                step,
                &format!("{part:?}"),
                &filter_problem_text(*problem, lang),
            ],
        ),
        Problem::BadMarkup { error } => fill(
            lang,
            [
                "{0}; expected plain text with *emphasis* and [words](event-id) links",
                "{0}；只能是纯文本，加 *强调* 和 [文字](事件 id) 链接",
                "{0} ; texte simple attendu, avec *emphase* et liens [mots](id-d-événement)",
            ],
            &[&markup_error_text(error, lang)],
        ),
        Problem::TooManyEvents { found, limit } => fill(
            lang,
            [
                "{0} events; at most {1} can be shown",
                "共 {0} 个事件；最多只能显示 {1} 个",
                "{0} événements ; au plus {1} peuvent être affichés",
            ],
            &[found, limit],
        ),
    }
}

/// What is wrong with a part of a story step's filter, and what was expected.
fn filter_problem_text(problem: FilterProblem, lang: Lang) -> String {
    let keys: &dyn Display = &FILTER_KEYS;
    let (texts, values): (Texts, &[&dyn Display]) = match &problem {
        FilterProblem::Empty => (
            [
                "is empty; expected a filter such as cat=forum&from=2023-05-01",
                "为空；应为筛选条件，例如 cat=forum&from=2023-05-01",
                "est vide ; un filtre est attendu, par exemple cat=forum&from=2023-05-01",
            ],
            &[],
        ),
        FilterProblem::NotAFilter => (
            [
                "is about a view, not about events; expected one of {0}",
                "针对的是视图而非事件；应为以下之一：{0}",
                "concerne une vue, pas des événements ; attendu : l'une des clés {0}",
            ],
            &[keys],
        ),
        FilterProblem::UnknownKey => (
            [
                "is not a key of the link format; expected one of {0}",
                "不是链接格式中的键；应为以下之一：{0}",
                "n'est pas une clé du format des liens ; attendu : l'une des clés {0}",
            ],
            &[keys],
        ),
        FilterProblem::NotADate => (
            [
                "is not a date; expected YYYY-MM-DD",
                "不是日期；应为 YYYY-MM-DD",
                "n'est pas une date ; attendu : AAAA-MM-JJ",
            ],
            &[],
        ),
        FilterProblem::ReversedRange => (
            [
                "ends before it starts; expected from before to",
                "结束早于开始；from 应早于 to",
                "finit avant de commencer ; from doit précéder to",
            ],
            &[],
        ),
        FilterProblem::NotUtf8 => (
            [
                "has percent-escapes that are not UTF-8 text",
                "其百分号转义不是 UTF-8 文本",
                "contient des échappements % qui ne sont pas du texte UTF-8",
            ],
            &[],
        ),
        FilterProblem::Repeated => (
            [
                "repeats a key; expected each key once",
                "键重复；每个键只能出现一次",
                "répète une clé ; chaque clé est attendue une seule fois",
            ],
            &[],
        ),
        FilterProblem::TooManyValues { limit } => (
            [
                "has more values than a link may carry; expected at most {0}",
                "值的数量超过链接的上限；最多 {0} 个",
                "a plus de valeurs qu'un lien ne peut en porter ; au plus {0} attendues",
            ],
            &[limit],
        ),
        FilterProblem::UnknownValue => (
            [
                "names a value no event of the dataset has",
                "所列的值不属于数据集中的任何事件",
                "nomme une valeur qu'aucun événement du jeu de données n'a",
            ],
            &[],
        ),
        FilterProblem::MatchesNothing => (
            [
                "finds no event of the dataset; expected a filter that finds the step's events",
                "在数据集中找不到任何事件；筛选条件应能找到此步骤的事件",
                "ne trouve aucun événement du jeu de données ; un filtre qui trouve les événements de l'étape est attendu",
            ],
            &[],
        ),
    };
    fill(lang, texts, values)
}

/// Why a basemap file cannot be drawn. The feature (`features[3]`) stays as written.
pub fn basemap_error_text(error: &BasemapError, lang: Lang) -> String {
    match error {
        BasemapError::Json(message) => fill(
            lang,
            [
                "basemap is not valid: {0}",
                "底图无效：{0}",
                "fond de carte non valide : {0}",
            ],
            &[message],
        ),
        BasemapError::NotA(kind) => fill(
            lang,
            [
                "basemap is not a {0}",
                "底图不是 {0}",
                "le fond de carte n'est pas un {0}",
            ],
            &[kind],
        ),
        BasemapError::ArcOutOfRange { layer, feature, arc } => fill(
            lang,
            [
                "{0}[{1}]: arc {2} does not exist",
                "{0}[{1}]：弧 {2} 不存在",
                "{0}[{1}] : l'arc {2} n'existe pas",
            ],
            &[layer, feature, arc],
        ),
        BasemapError::NotLonLat { layer, feature, value } => fill(
            lang,
            [
                "{0}[{1}]: ({2}, {3}) is not a longitude/latitude in degrees",
                "{0}[{1}]：({2}, {3}) 不是以度为单位的经纬度",
                "{0}[{1}] : ({2}, {3}) n'est pas une longitude/latitude en degrés",
            ],
            &[layer, feature, &value[0], &value[1]],
        ),
        BasemapError::ShortPosition { layer, feature } => fill(
            lang,
            [
                "{0}[{1}]: a position needs two numbers",
                "{0}[{1}]：坐标需要两个数值",
                "{0}[{1}] : une position exige deux nombres",
            ],
            &[layer, feature],
        ),
        BasemapError::NothingToDraw => fill(
            lang,
            [
                "basemap has no polygon or line to draw",
                "底图中没有可绘制的多边形或线",
                "le fond de carte n'a ni polygone ni ligne à dessiner",
            ],
            &[],
        ),
    }
}

/// The notice shown while the events are not the built-in dataset: where they come from.
pub fn provenance_notice(host: &str, lang: Lang) -> String {
    fill(
        lang,
        [
            "These events come from {0}, not from this atlas's own dataset.",
            "这些事件来自 {0}，并非本地图自带的数据集。",
            "Ces événements proviennent de {0}, et non du jeu de données de l'atlas.",
        ],
        &[&host],
    )
}

/// A fetch's progress: megabytes read, of the total when the server said it.
pub fn loading_progress(read: u64, total: Option<u64>, lang: Lang) -> String {
    let megabytes = |bytes: u64| super::format_number((bytes as f64 / (1024.0 * 1024.0) * 10.0).round() / 10.0, lang);
    match total {
        Some(total) => fill(
            lang,
            ["{0} of {1} MB", "已加载 {0} / {1} MB", "{0} sur {1} Mo"],
            &[&megabytes(read), &megabytes(total)],
        ),
        None => fill(lang, ["{0} MB", "已加载 {0} MB", "{0} Mo"], &[&megabytes(read)]),
    }
}

/// Under the search box when the query has more terms than are searched.
pub fn search_terms_capped(lang: Lang) -> String {
    fill(
        lang,
        [
            "Only the first {0} words of the search are used.",
            "只使用搜索内容的前 {0} 个词。",
            "Seuls les {0} premiers mots de la recherche sont utilisés.",
        ],
        &[&MAX_SEARCH_TERMS],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use health_atlas_model::parse_dataset;

    #[test]
    fn templates_take_values_in_any_order() {
        assert_eq!(fill(Lang::En, ["{1} then {0}", "", ""], &[&"a", &2]), "2 then a");
        assert_eq!(fill(Lang::En, ["{9} {x} {", "", ""], &[&"a"]), "{9} {x} {");
    }

    #[test]
    fn dataset_errors_are_translated_and_keep_path_and_line() {
        let errors = parse_dataset("{\"schema_version\": 1,\n \"events\": [{\"id\": \"Bad Id\", \"title\": {\"en\": \"A\"}, \"category\": \"forum\", \"start\": \"2023-05-18\", \"precision\": \"exact\", \"sources\": [{\"file\": \"f\", \"language\": \"en\", \"quote\": \"q\"}]}]}")
            .unwrap_err(); // ok: test data
        let error = &errors[0];
        // English is exactly what the CLI prints.
        assert_eq!(dataset_error_text(error, Lang::En), error.to_string());
        assert_eq!(
            dataset_error_text(error, Lang::Zh),
            "events[0].id: \"Bad Id\" 不是有效的 id；只能用小写字母、数字和单个连字符（如 \"tbhc-2023\"）（所在事件始于第 2 行）"
        );
        assert!(
            dataset_error_text(error, Lang::Fr).starts_with("events[0].id: \"Bad Id\" n'est pas un identifiant valide")
        );
    }

    #[test]
    fn every_step_filter_problem_is_translated_and_its_english_is_the_clis() {
        for problem in [
            FilterProblem::Empty,
            FilterProblem::NotAFilter,
            FilterProblem::UnknownKey,
            FilterProblem::NotADate,
            FilterProblem::ReversedRange,
            FilterProblem::NotUtf8,
            FilterProblem::Repeated,
            FilterProblem::TooManyValues { limit: 200 },
            FilterProblem::UnknownValue,
            FilterProblem::MatchesNothing,
        ] {
            let error = DatasetError {
                path: "stories[0].steps[1].filter".into(),
                problem: Problem::BadStepFilter {
                    story: "three-days".into(),
                    step: 2,
                    part: "from=x".into(),
                    problem,
                },
                line: Some(health_atlas_model::validate::Line::StoryStartingAt(40)),
            };
            let english = dataset_error_text(&error, Lang::En);
            assert_eq!(english, error.to_string());
            for lang in [Lang::Zh, Lang::Fr] {
                let text = dataset_error_text(&error, lang);
                assert_ne!(text, english, "{problem:?} in {lang:?}");
                for kept in ["stories[0].steps[1].filter", "\"three-days\"", "\"from=x\"", "40"] {
                    assert!(text.contains(kept), "{text}");
                }
            }
        }
    }

    #[test]
    fn every_problem_has_the_clis_english_text() {
        use chrono::NaiveDate;
        let day = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap(); // ok: a valid date
        for problem in [
            Problem::Syntax {
                line: 1,
                column: 2,
                message: "x".into(),
            },
            Problem::Shape {
                message: "unknown field `x`".into(),
            },
            Problem::UnsupportedSchemaVersion { found: 7 },
            Problem::NoEvents,
            Problem::EmptyText,
            Problem::BadId { id: "A".into() },
            Problem::DuplicateId {
                id: "a".into(),
                first_index: 1,
            },
            Problem::EndBeforeStart { start: day, end: day },
            Problem::SpanDoesNotMatchPrecision {
                precision: health_atlas_model::DatePrecision::Year,
                expected_start: day,
                expected_end: day,
            },
            Problem::OutOfRange {
                value: 95.5,
                min: -90.0,
                max: 90.0,
            },
            Problem::BadCountryCode { code: "cn".into() },
            Problem::EmptyRole,
            Problem::NotFinite,
            Problem::BadTag { tag: "A B".into() },
            Problem::UnknownEvent { id: "x".into() },
            Problem::RelatesToItself,
            Problem::NoSource,
            Problem::EmptyQuote,
            Problem::NotHttpUrl {
                url: "javascript:alert(1)".into(),
            },
            Problem::TooManyEvents { found: 3, limit: 2 },
            Problem::StoriesNeedVersion2 { found: 1 },
            Problem::DuplicateStoryId {
                id: "a".into(),
                first_index: 0,
            },
            Problem::NoSteps,
            Problem::NoStepEvents,
            Problem::BadStepFilter {
                story: "three-days".into(),
                step: 2,
                part: "from=2023-13".into(),
                problem: FilterProblem::NotADate,
            },
            Problem::BadMarkup {
                error: MarkupError::UnclosedEmphasis { at: 3 },
            },
            Problem::BadMarkup {
                error: MarkupError::BrokenLink { at: 3 },
            },
            Problem::BadMarkup {
                error: MarkupError::EmptyLinkTarget { at: 3 },
            },
        ] {
            let error = DatasetError {
                path: "events[0].x".into(),
                problem,
                line: Some(health_atlas_model::validate::Line::Exact(4)),
            };
            assert_eq!(dataset_error_text(&error, Lang::En), error.to_string());
            for lang in [Lang::Zh, Lang::Fr] {
                let text = dataset_error_text(&error, lang);
                assert!(
                    text.starts_with("events[0].x") && text.contains('4') && text != error.to_string(),
                    "{text}"
                );
            }
        }
    }

    #[test]
    fn basemap_errors_and_link_notes_match_their_english_display() {
        for error in [
            BasemapError::Json("features[3]: x".into()),
            BasemapError::NotA("GeoJSON FeatureCollection"),
            BasemapError::ArcOutOfRange {
                layer: "l".into(),
                feature: 1,
                arc: 9,
            },
            BasemapError::NotLonLat {
                layer: "features".into(),
                feature: 0,
                value: [500000.0, 4000000.0],
            },
            BasemapError::ShortPosition {
                layer: "features".into(),
                feature: 2,
            },
            BasemapError::NothingToDraw,
        ] {
            assert_eq!(basemap_error_text(&error, Lang::En), error.to_string());
            assert_ne!(basemap_error_text(&error, Lang::Zh), error.to_string());
        }
    }

    #[test]
    fn refusals_say_why_in_each_language() {
        let other = LoadError::Refused(Refusal::OtherOrigin {
            origin: "https://other.example".into(),
        });
        assert!(
            load_error_text(&other, Lang::En).starts_with("https://other.example is not one of this site's sources")
        );
        assert!(load_error_text(&other, Lang::Zh).starts_with("https://other.example 不是本网站的数据来源"));
        assert!(load_error_text(&LoadError::Refused(Refusal::InlineData), Lang::Fr).contains("data: et blob:"));
        assert_eq!(
            load_error_text(
                &LoadError::TooLarge {
                    limit: 16 * 1024 * 1024
                },
                Lang::En
            ),
            "the file is larger than 16 MB, the most this page reads"
        );
        assert_eq!(
            loading_progress(3 * 1024 * 1024 / 2, Some(10 * 1024 * 1024), Lang::Fr),
            "1,5 sur 10 Mo"
        );
        assert_eq!(
            provenance_notice("data.example.org", Lang::Zh),
            "这些事件来自 data.example.org，并非本地图自带的数据集。"
        );
    }
}
