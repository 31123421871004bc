//! Every string the UI shows, in English, Simplified Chinese and French, and the
//! locale-aware formatting of dates and numbers.
//!
//! The catalog is a Rust enum: each message's `match` arm must give all three languages,
//! so a missing translation is a compile error, not a blank in production.
//! Plain Rust, no browser APIs.

mod dates;
mod errors;
mod feeds;
mod insights;
mod stories;
mod studio;

pub use dates::{format_dates, format_day, format_period, format_tick, format_year_span};
pub(crate) use errors::fill;
pub use errors::{
    basemap_error_text, dataset_error_text, load_error_text, loading_progress, provenance_notice, refusal_text,
    search_terms_capped,
};
pub use feeds::{date_precision_note, FeedMessage};
pub use insights::{event_count, network_summary, ranked_summary, rest_text, time_summary, InsightMessage};
pub use stories::{step_of, steps_count, StoryMessage};
pub use studio::{
    csv_problem_text, studio_bad_utf16, studio_csv_encoding, studio_line, studio_mixed_encodings, studio_no_sheet,
    studio_not_text, studio_opened, studio_row, studio_sheet, studio_sheet_cell, studio_too_large,
    studio_too_many_events, studio_unreadable_workbook, StudioMessage,
};

use health_atlas_model::{Category, DatePrecision, FigureQualifier, Lang, RelationKind};

/// A UI string. Names say where the string is used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Message {
    AppName,
    Tagline,
    SkipToList,
    LanguageLabel,
    FiltersHeading,
    SearchLabel,
    SearchPlaceholder,
    ClearFilters,
    DateRange,
    DateFrom,
    DateTo,
    DateRangeReversed,
    ActiveFilters,
    RemoveFilter,
    TimelineHeading,
    TimelineHelp,
    ZoomIn,
    ZoomOut,
    FitAll,
    FitFiltered,
    ShowFilteredOut,
    Today,
    OverviewLabel,
    ClearDates,
    LinkPartsIgnored,
    Dismiss,
    CopyLink,
    LinkCopied,
    CopyFailed,
    Embed,
    EmbedHelp,
    EmbedElement,
    EmbedFrame,
    CopySnippet,
    SnippetCopied,
    SnippetCopyFailed,
    Download,
    MapHeading,
    MapPending,
    MapHelp,
    MapLabel,
    OnlyInMapView,
    MapAttribution,
    /// A `basemap=` file that could not be used (its errors follow).
    BasemapFailed,
    /// The built-in basemap, a file of the build fetched after the first paint, could not be
    /// used (its errors follow).
    BuiltInBasemapFailed,
    EventsAtPlace,
    ListHeading,
    ColumnDate,
    ColumnTitle,
    ColumnPlace,
    ColumnCategory,
    /// The list's order while searching, and the mark of the top results on the timeline and map.
    BestMatch,
    /// The chip of a period typed into the search box ("Mar 2024").
    SearchedPeriod,
    ViewsLabel,
    ShowFilters,
    CloseFilters,
    ShowResults,
    NoPlace,
    CloseCard,
    DetailHeading,
    Precision,
    DateNote,
    Places,
    Organisations,
    People,
    KeyFigures,
    Tags,
    RelatedEvents,
    Sources,
    Published,
    EditorsNote,
    FallbackLanguage,
    LoadingDataset,
    DatasetErrorsHeading,
    KeptEmbedded,
    NoEvents,
}

impl Message {
    /// The message in `lang`. Every arm lists `[en, zh, fr]`.
    pub fn text(self, lang: Lang) -> &'static str {
        let [en, zh, fr] = match self {
            Message::AppName => ["Health Atlas", "健康产业地图", "Atlas de la santé"],
            Message::Tagline => [
                "Health-industry events on a timeline and a map",
                "健康产业大事记：时间轴与地图",
                "Les événements de l'industrie de la santé, sur une frise et une carte",
            ],
            Message::SkipToList => [
                "Skip to the list of events",
                "跳到事件列表",
                "Aller à la liste des événements",
            ],
            Message::LanguageLabel => ["Language", "语言", "Langue"],
            Message::FiltersHeading => ["Filters", "筛选", "Filtres"],
            Message::SearchLabel => ["Search", "搜索", "Rechercher"],
            Message::SearchPlaceholder => [
                "Title, organisation, place… (中文, pinyin)",
                "标题、机构、地点…（中文或拼音）",
                "Titre, organisation, lieu… (中文, pinyin)",
            ],
            Message::ClearFilters => ["Clear all", "全部清除", "Tout effacer"],
            Message::DateRange => ["Dates", "日期范围", "Dates"],
            Message::DateFrom => ["From", "起", "Du"],
            Message::DateTo => ["To", "止", "Au"],
            Message::DateRangeReversed => [
                "The end date is before the start date.",
                "结束日期早于开始日期。",
                "La date de fin précède la date de début.",
            ],
            Message::ActiveFilters => ["Active filters", "已选条件", "Filtres actifs"],
            Message::RemoveFilter => ["Remove filter", "移除条件", "Retirer le filtre"],
            Message::TimelineHeading => ["Timeline", "时间轴", "Frise chronologique"],
            Message::TimelineHelp => [
                "Arrow keys move between events, Enter opens one, + and − zoom, Page Up and Page Down pan.",
                "方向键在事件间移动，回车键打开，+ 和 − 缩放，Page Up / Page Down 平移。",
                "Les flèches passent d'un événement à l'autre, Entrée l'ouvre, + et − zooment, Page préc. et Page suiv. défilent.",
            ],
            Message::ZoomIn => ["Zoom in", "放大", "Zoom avant"],
            Message::ZoomOut => ["Zoom out", "缩小", "Zoom arrière"],
            Message::FitAll => ["Show all", "显示全部", "Tout afficher"],
            Message::FitFiltered => ["Fit filtered", "适配筛选结果", "Ajuster aux résultats"],
            Message::ShowFilteredOut => [
                "Show filtered-out events, faded",
                "淡色显示被筛除的事件",
                "Afficher en pâle les événements exclus",
            ],
            Message::Today => ["Today", "今天", "Aujourd'hui"],
            Message::OverviewLabel => [
                "Overview of all events: drag to choose a date range",
                "全部事件概览：拖动以选择日期范围",
                "Vue d'ensemble : faites glisser pour choisir des dates",
            ],
            Message::ClearDates => ["Clear dates", "清除日期", "Effacer les dates"],
            Message::LinkPartsIgnored => [
                "Part of this link could not be used:",
                "此链接的部分内容无法使用：",
                "Une partie de ce lien n'a pas pu être utilisée :",
            ],
            Message::Dismiss => ["Dismiss", "知道了", "Fermer"],
            Message::CopyLink => ["Copy link", "复制链接", "Copier le lien"],
            Message::LinkCopied => ["Link copied", "链接已复制", "Lien copié"],
            Message::CopyFailed => [
                "Could not copy; select the link below",
                "无法复制，请手动选择下方链接",
                "Copie impossible ; sélectionnez le lien ci-dessous",
            ],
            Message::Embed => ["Embed", "嵌入", "Intégrer"],
            Message::EmbedHelp => [
                "Paste one of these into your site to show the current view there.",
                "将以下任一代码粘贴到您的网站，即可在其中显示当前视图。",
                "Collez l'un de ces extraits dans votre site pour y afficher la vue actuelle.",
            ],
            Message::EmbedElement => [
                "Custom element (recommended)",
                "自定义元素（推荐）",
                "Élément personnalisé (recommandé)",
            ],
            Message::EmbedFrame => [
                "iframe (for sites that allow only iframes)",
                "iframe（适用于只允许 iframe 的网站）",
                "iframe (pour les sites qui n'acceptent que les iframes)",
            ],
            Message::CopySnippet => ["Copy", "复制", "Copier"],
            Message::SnippetCopied => ["Copied", "已复制", "Copié"],
            Message::SnippetCopyFailed => [
                "Could not copy; select the text above",
                "无法复制，请手动选择上方文本",
                "Copie impossible ; sélectionnez le texte ci-dessus",
            ],
            Message::Download => ["Download", "下载", "Télécharger"],
            Message::MapHeading => ["Map", "地图", "Carte"],
            Message::MapPending => [
                "The offline map comes here.",
                "此处将显示离线地图。",
                "La carte hors ligne viendra ici.",
            ],
            Message::MapHelp => [
                "Drag to pan; wheel, pinch, + and − zoom; arrow keys pan. A circle with a number is a cluster: click it to zoom in. Click a marker to open its event.",
                "拖动平移；滚轮、双指、+ 和 − 缩放；方向键平移。带数字的圆圈是聚合点：点击放大。点击标记打开事件。",
                "Faites glisser pour déplacer ; molette, pincement, + et − pour zoomer ; flèches pour déplacer. Un cercle numéroté regroupe des événements : cliquez pour zoomer. Cliquez un repère pour ouvrir son événement.",
            ],
            Message::MapLabel => [
                "Map of the events",
                "事件地图",
                "Carte des événements",
            ],
            Message::OnlyInMapView => [
                "Only events in the map view",
                "仅显示地图范围内的事件",
                "Seulement les événements visibles sur la carte",
            ],
            Message::MapAttribution => [
                "Basemap: Natural Earth · Apache ECharts",
                "底图：Natural Earth · Apache ECharts",
                "Fond de carte : Natural Earth · Apache ECharts",
            ],
            Message::BasemapFailed => [
                "This basemap could not be used, so the built-in one is shown:",
                "无法使用此底图，已显示内置底图：",
                "Ce fond de carte n’a pas pu être utilisé ; celui d’origine est affiché :",
            ],
            Message::BuiltInBasemapFailed => [
                "The map’s countries and borders could not be loaded; the events are shown without them:",
                "无法加载地图的国家和边界，事件仍显示在地图上：",
                "Les pays et frontières de la carte n’ont pas pu être chargés ; les événements sont affichés sans eux :",
            ],
            Message::EventsAtPlace => ["Events at this place", "此地的事件", "Événements en ce lieu"],
            Message::ListHeading => ["Events", "事件列表", "Événements"],
            Message::ColumnDate => ["Date", "日期", "Date"],
            Message::ColumnTitle => ["Event", "事件", "Événement"],
            Message::ColumnPlace => ["Place", "地点", "Lieu"],
            Message::ColumnCategory => ["Category", "类别", "Catégorie"],
            Message::BestMatch => ["Best match", "最佳匹配", "Meilleure correspondance"],
            Message::SearchedPeriod => ["Searched period", "搜索的时间", "Période recherchée"],
            Message::ViewsLabel => ["Views", "视图", "Vues"],
            Message::ShowFilters => ["Filters", "筛选", "Filtres"],
            Message::CloseFilters => ["Close filters", "关闭筛选", "Fermer les filtres"],
            Message::ShowResults => ["Show results", "查看结果", "Voir les résultats"],
            Message::NoPlace => ["Place not stated", "未注明地点", "Lieu non précisé"],
            Message::CloseCard => ["Close", "关闭", "Fermer"],
            Message::DetailHeading => ["Event details", "事件详情", "Détails de l'événement"],
            Message::Precision => ["Date precision", "日期精度", "Précision de la date"],
            Message::DateNote => ["How the date was read", "日期推断说明", "Lecture de la date"],
            Message::Places => ["Places", "地点", "Lieux"],
            Message::Organisations => ["Organisations", "机构", "Organisations"],
            Message::People => ["People", "人物", "Personnes"],
            Message::KeyFigures => ["Key figures", "关键数据", "Chiffres clés"],
            Message::Tags => ["Tags", "标签", "Mots-clés"],
            Message::RelatedEvents => ["Related events", "相关事件", "Événements liés"],
            Message::Sources => ["Sources", "来源", "Sources"],
            Message::Published => ["Published", "发布日期", "Publié le"],
            Message::EditorsNote => ["Editor's note", "编者注", "Note de la rédaction"],
            Message::FallbackLanguage => [
                "Not available in English; shown in",
                "暂无中文，显示为",
                "Non disponible en français ; affiché en",
            ],
            Message::LoadingDataset => [
                "Loading the dataset…",
                "正在加载数据集…",
                "Chargement du jeu de données…",
            ],
            Message::DatasetErrorsHeading => [
                "The dataset could not be loaded",
                "无法加载该数据集",
                "Le jeu de données n'a pas pu être chargé",
            ],
            Message::KeptEmbedded => [
                "Showing the built-in dataset instead.",
                "现显示内置数据集。",
                "Le jeu de données intégré est affiché à la place.",
            ],
            Message::NoEvents => [
                "No events to show.",
                "没有可显示的事件。",
                "Aucun événement à afficher.",
            ],
        };
        pick(lang, en, zh, fr)
    }
}

/// The name of a language, written in that language (for the language switcher).
pub fn language_name(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "English",
        Lang::Zh => "中文",
        Lang::Fr => "Français",
    }
}

/// The name of `language` in the UI language `lang` (for "shown in English").
pub fn language_name_in(language: Lang, lang: Lang) -> &'static str {
    let [en, zh, fr] = match language {
        Lang::En => ["English", "英文", "anglais"],
        Lang::Zh => ["Chinese", "中文", "chinois"],
        Lang::Fr => ["French", "法文", "français"],
    };
    pick(lang, en, zh, fr)
}

pub fn category_label(category: Category, lang: Lang) -> &'static str {
    let [en, zh, fr] = match category {
        Category::Conference => ["Conference", "会议", "Conférence"],
        Category::Forum => ["Forum", "论坛", "Forum"],
        Category::Summit => ["Summit", "峰会", "Sommet"],
        Category::Launch => ["Launch", "启动", "Lancement"],
        Category::Inauguration => ["Inauguration", "揭牌", "Inauguration"],
        Category::DelegationVisit => ["Delegation visit", "考察访问", "Visite de délégation"],
        Category::Signing => ["Signing", "签约", "Signature"],
        Category::AssociationFounding => ["Association founding", "协会成立", "Fondation d'association"],
        Category::Exhibition => ["Exhibition", "展会", "Salon"],
        Category::Policy => ["Policy", "政策", "Politique"],
    };
    pick(lang, en, zh, fr)
}

pub fn precision_label(precision: DatePrecision, lang: Lang) -> &'static str {
    let [en, zh, fr] = match precision {
        DatePrecision::Exact => ["exact day", "确切日期", "jour exact"],
        DatePrecision::Approximate => ["approximate (inferred)", "推断日期", "approximative (déduite)"],
        DatePrecision::Month => ["month only", "仅知月份", "mois seulement"],
        DatePrecision::Year => ["year only", "仅知年份", "année seulement"],
    };
    pick(lang, en, zh, fr)
}

/// Roles are open vocabulary in the data; the common ones are translated, others shown as
/// written with underscores made spaces.
pub fn role_label(role: &str, lang: Lang) -> String {
    let known = match role {
        "organiser" => Some(["organiser", "主办方", "organisateur"]),
        "co_organiser" => Some(["co-organiser", "协办方", "co-organisateur"]),
        "host" => Some(["host", "东道主", "hôte"]),
        "participant" => Some(["participant", "参与方", "participant"]),
        "founder" => Some(["founder", "发起方", "fondateur"]),
        "signatory" => Some(["signatory", "签约方", "signataire"]),
        "partner" => Some(["partner", "合作方", "partenaire"]),
        "subject" => Some(["subject", "对象", "sujet"]),
        "speaker" => Some(["speaker", "演讲嘉宾", "intervenant"]),
        "delegation_leader" => Some(["delegation leader", "带队", "chef de délégation"]),
        "guest" => Some(["guest", "嘉宾", "invité"]),
        "quoted" => Some(["quoted in the article", "文中引述", "cité dans l'article"]),
        _ => None,
    };
    match known {
        Some([en, zh, fr]) => pick(lang, en, zh, fr).to_owned(),
        None => role.replace('_', " "),
    }
}

/// A country's name by its ISO 3166-1 code, for the country facet; `None` for a code not in
/// the table (the facet then shows the code, as the link always does). The table holds the
/// countries of the shipped dataset (a test keeps it complete). It is not read from the basemap:
/// the filter panel draws before the map decodes its 64 KB of TopoJSON, which a list-only view
/// would otherwise decode for two names, and the basemap's English names are map labels
/// ("Bosnia and Herz.").
pub fn country_name(code: &str, lang: Lang) -> Option<&'static str> {
    let [en, zh, fr] = match code {
        "CN" => ["China", "中国", "Chine"],
        "BA" => ["Bosnia and Herzegovina", "波斯尼亚和黑塞哥维那", "Bosnie-Herzégovine"],
        _ => return None,
    };
    Some(pick(lang, en, zh, fr))
}

/// "+ 5 more: type to find them" under a long facet.
pub fn more_values(count: usize, lang: Lang) -> String {
    let count = format_count(count, lang);
    match lang {
        Lang::En => format!("+ {count} more: type above to find them"),
        Lang::Zh => format!("另有 {count} 项，请在上方输入查找"),
        Lang::Fr => format!("+ {count} autres : tapez ci-dessus pour les trouver"),
    }
}

/// "+37": the label and spoken name of a timeline bin of events that did not fit.
pub fn more_events(count: usize, lang: Lang) -> (String, String) {
    let count = format_count(count, lang);
    let spoken = match lang {
        Lang::En => format!("{count} more events here: zoom in"),
        Lang::Zh => format!("此处另有 {count} 个事件：点击放大"),
        Lang::Fr => format!("{count} autres événements ici : zoomer"),
    };
    (format!("+{count}"), spoken)
}

/// A map cluster's name: its count and what clicking it does (zoom in, or list the events
/// when they all share one place).
pub fn cluster_title(count: usize, same_place: bool, lang: Lang) -> String {
    let count = format_count(count, lang);
    match (lang, same_place) {
        (Lang::En, false) => format!("{count} events: click to zoom in"),
        (Lang::En, true) => format!("{count} events at this place: click to list them"),
        (Lang::Zh, false) => format!("{count} 个事件：点击放大"),
        (Lang::Zh, true) => format!("此地有 {count} 个事件：点击查看列表"),
        (Lang::Fr, false) => format!("{count} événements : cliquer pour zoomer"),
        (Lang::Fr, true) => format!("{count} événements en ce lieu : cliquer pour les lister"),
    }
}

/// A count short enough for a map cluster: 999, 1.2k, 12k, 120k (万 in Chinese from 10,000).
pub fn compact_count(count: usize, lang: Lang) -> String {
    let one_decimal = |value: f64| {
        let text = format!("{value:.1}");
        text.strip_suffix(".0").map(str::to_owned).unwrap_or(text)
    };
    match lang {
        Lang::Zh if count >= 10_000 => format!("{}万", one_decimal(count as f64 / 10_000.0)),
        Lang::Zh => format_count(count, lang),
        _ if count >= 10_000 => format!("{}k", (count as f64 / 1000.0).round()),
        _ if count >= 1000 => format!("{}k", one_decimal(count as f64 / 1000.0)),
        _ => count.to_string(),
    }
}

/// "Show 200 more (1,234 not shown)" under a long list.
pub fn show_more(next: usize, remaining: usize, lang: Lang) -> String {
    let (next, remaining) = (format_count(next, lang), format_count(remaining, lang));
    match lang {
        Lang::En => format!("Show {next} more ({remaining} not shown)"),
        Lang::Zh => format!("再显示 {next} 个（还有 {remaining} 个未显示）"),
        Lang::Fr => format!("Afficher {next} de plus ({remaining} non affichés)"),
    }
}

/// "3 of 16 events" for the live result count.
pub fn result_count(visible: usize, total: usize, lang: Lang) -> String {
    let (visible_text, total_text) = (format_count(visible, lang), format_count(total, lang));
    match lang {
        Lang::En => format!("{visible_text} of {total_text} events"),
        Lang::Zh => format!("共 {total_text} 个事件，显示 {visible_text} 个"),
        Lang::Fr => format!("{visible_text} sur {total_text} événements"),
    }
}

/// How the list is sorted, for its caption: "Sorted by Date, ascending", "按日期升序排列".
pub fn sort_description(column: &str, ascending: bool, lang: Lang) -> String {
    match (lang, ascending) {
        (Lang::En, true) => format!("Sorted by {column}, ascending"),
        (Lang::En, false) => format!("Sorted by {column}, descending"),
        (Lang::Zh, true) => format!("按{column}升序排列"),
        (Lang::Zh, false) => format!("按{column}降序排列"),
        (Lang::Fr, true) => format!("Trié par {}, ordre croissant", column.to_lowercase()),
        (Lang::Fr, false) => format!("Trié par {}, ordre décroissant", column.to_lowercase()),
    }
}

/// How a related event relates, as a label before its title.
pub fn relation_label(kind: RelationKind, lang: Lang) -> &'static str {
    let [en, zh, fr] = match kind {
        RelationKind::PartOf => ["part of", "隶属于", "fait partie de"],
        RelationKind::FollowUp => ["follows up", "后续", "fait suite à"],
        RelationKind::Related => ["related", "相关", "lié"],
    };
    pick(lang, en, zh, fr)
}

/// The label before an event's own parts (the inverse of "part of").
pub fn parts_label(lang: Lang) -> &'static str {
    pick(lang, "includes", "包含", "comprend")
}

/// What goes before a key figure's number: "more than 400", "超过400", "plus de 400".
pub fn qualifier_prefix(qualifier: FigureQualifier, lang: Lang) -> &'static str {
    match qualifier {
        FigureQualifier::Exact => "",
        FigureQualifier::MoreThan => pick(lang, "more than ", "超过", "plus de "),
        FigureQualifier::About => pick(lang, "about ", "约", "environ "),
    }
}

/// The one of three translations that is in `lang`.
pub(crate) fn pick(lang: Lang, en: &'static str, zh: &'static str, fr: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
        Lang::Fr => fr,
    }
}

/// "16 events, 2017–2024" in the UI language.
pub fn dataset_summary(event_count: usize, first_year: i32, last_year: i32, lang: Lang) -> String {
    let years = format_year_span(first_year, last_year, lang);
    match lang {
        Lang::En => format!(
            "{} {}, {years}",
            format_count(event_count, lang),
            if event_count == 1 { "event" } else { "events" }
        ),
        Lang::Zh => format!("{} 个事件，{years}", format_count(event_count, lang)),
        Lang::Fr => format!(
            "{} {}, {years}",
            format_count(event_count, lang),
            if event_count < 2 { "événement" } else { "événements" }
        ),
    }
}

/// Integers with the locale's digit grouping: 1,605 / 1,605 / 1 605 (narrow no-break space).
pub fn format_count(count: usize, lang: Lang) -> String {
    let separator = match lang {
        Lang::En | Lang::Zh => ",",
        Lang::Fr => "\u{202F}",
    };
    let digits = count.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            grouped.push_str(separator);
        }
        grouped.push(digit);
    }
    grouped
}

/// A key figure's value: integers grouped, decimals with the locale's decimal mark.
pub fn format_number(value: f64, lang: Lang) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        let sign = if value < 0.0 { "-" } else { "" };
        return format!("{sign}{}", format_count(value.abs() as usize, lang));
    }
    let text = format!("{value}");
    match lang {
        Lang::Fr => text.replace('.', ","),
        Lang::En | Lang::Zh => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_are_named_in_each_language_and_unknown_codes_are_not() {
        assert_eq!(country_name("CN", Lang::En), Some("China"));
        assert_eq!(country_name("CN", Lang::Zh), Some("中国"));
        assert_eq!(country_name("BA", Lang::Fr), Some("Bosnie-Herzégovine"));
        assert_eq!(country_name("BA", Lang::Zh), Some("波斯尼亚和黑塞哥维那"));
        assert_eq!(
            country_name("FR", Lang::En),
            None,
            "not in the table: the facet shows the code"
        );
        assert_eq!(
            country_name("cn", Lang::En),
            None,
            "codes are upper case, as the validator requires"
        );
    }

    #[test]
    fn every_country_of_the_shipped_dataset_has_a_name() {
        let dataset = health_atlas_dataset::embedded_dataset().unwrap(); // ok: the shipped dataset is valid (build.rs)
        for place in dataset.events.iter().flat_map(|event| &event.places) {
            for lang in Lang::ALL {
                assert!(
                    country_name(&place.country, lang).is_some(),
                    "{} has no {lang:?} name: add it to `country_name`",
                    place.country
                );
            }
        }
    }

    #[test]
    fn the_quoted_role_is_translated() {
        assert_eq!(role_label("quoted", Lang::Zh), "文中引述");
        assert_eq!(role_label("quoted", Lang::Fr), "cité dans l'article");
    }

    #[test]
    fn sort_descriptions_in_each_language() {
        assert_eq!(sort_description("Date", true, Lang::En), "Sorted by Date, ascending");
        assert_eq!(sort_description("日期", false, Lang::Zh), "按日期降序排列");
        assert_eq!(
            sort_description("Lieu", true, Lang::Fr),
            "Trié par lieu, ordre croissant"
        );
    }

    #[test]
    fn dataset_summary_in_each_language() {
        assert_eq!(dataset_summary(16, 2017, 2024, Lang::En), "16 events, 2017–2024");
        assert_eq!(dataset_summary(16, 2017, 2024, Lang::Zh), "16 个事件，2017–2024年");
        assert_eq!(dataset_summary(1, 2017, 2017, Lang::Fr), "1 événement, 2017");
        assert_eq!(
            dataset_summary(1605, 2010, 2026, Lang::Fr),
            "1\u{202F}605 événements, 2010–2026"
        );
    }

    #[test]
    fn numbers_follow_the_locale() {
        assert_eq!(format_count(1_000_000, Lang::En), "1,000,000");
        assert_eq!(format_count(999, Lang::En), "999");
        assert_eq!(format_number(22.502, Lang::Fr), "22,502");
        assert_eq!(format_number(400.0, Lang::Zh), "400");
        assert_eq!(format_number(-1605.0, Lang::En), "-1,605");
    }

    #[test]
    fn result_counts() {
        assert_eq!(result_count(3, 16, Lang::En), "3 of 16 events");
        assert_eq!(result_count(3, 16, Lang::Zh), "共 16 个事件，显示 3 个");
        assert_eq!(
            result_count(1200, 1605, Lang::Fr),
            "1\u{202F}200 sur 1\u{202F}605 événements"
        );
    }

    #[test]
    fn unknown_roles_are_shown_readably() {
        assert_eq!(role_label("co_organiser", Lang::Zh), "协办方");
        assert_eq!(role_label("keynote_speaker", Lang::En), "keynote speaker");
    }
}
