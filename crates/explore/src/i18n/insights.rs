//! The strings of the Insights view in English, Simplified Chinese and French: a catalog of
//! its own beside [`super::Message`], with the same rule (every arm lists `[en, zh, fr]`, so a
//! missing translation does not compile), and the sentences that summarise each chart.

use super::format_count;
use health_atlas_model::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InsightMessage {
    /// The view's heading and its tab.
    Insights,
    /// The wide layout's button back to the three views.
    BackToViews,
    EventsOverTime,
    TimeHelp,
    WhoAndWhere,
    Network,
    NetworkHelp,
    ShowTable,
    ShowChart,
    Download,
    Period,
    Total,
    Events,
    SharedEvents,
    Linked,
    /// Nothing passes the filters.
    NothingToChart,
    ClearDates,
    ResetZoom,
    /// The page's Content-Security-Policy kept the chart from being drawn on a canvas.
    PngFailed,
    /// The view's own module is on its way (the first time the view opens).
    Loading,
    /// The view's module could not be loaded; the reason follows.
    LoadFailed,
}

impl InsightMessage {
    pub fn text(self, lang: Lang) -> &'static str {
        let [en, zh, fr] = match self {
            InsightMessage::Insights => ["Insights", "数据洞察", "Aperçus"],
            InsightMessage::BackToViews => ["Timeline, map and list", "时间轴、地图和列表", "Frise, carte et liste"],
            InsightMessage::EventsOverTime => ["Events over time", "事件的时间分布", "Événements dans le temps"],
            InsightMessage::TimeHelp => [
                "Drag across the bars to choose dates; click a segment to filter by its category. Arrow keys move between bars, Shift with an arrow widens the choice, Enter applies it.",
                "在柱形上拖动以选择日期；点击色块按其类别筛选。方向键在柱形间移动，Shift 加方向键扩大选择，回车键应用。",
                "Faites glisser sur les barres pour choisir des dates ; cliquez sur un segment pour filtrer par sa catégorie. Les flèches passent d'une barre à l'autre, Maj avec une flèche étend le choix, Entrée l'applique.",
            ],
            InsightMessage::WhoAndWhere => ["Who and where", "人物与地点", "Qui et où"],
            InsightMessage::Network => ["Who works with whom", "合作网络", "Qui travaille avec qui"],
            InsightMessage::NetworkHelp => [
                "Organisations and people are linked when they appear in the same event. Point at or focus a node to see its links; click it or press Enter to filter by it. Drag to pan, use the wheel or the buttons to zoom.",
                "机构和人物出现在同一事件中即相连。指向或聚焦节点可查看其关联；点击或按回车键按其筛选。拖动可平移，滚轮或按钮可缩放。",
                "Organisations et personnes sont reliées quand elles figurent dans le même événement. Pointez ou sélectionnez un nœud pour voir ses liens ; cliquez ou appuyez sur Entrée pour filtrer. Faites glisser pour déplacer, la molette ou les boutons pour zoomer.",
            ],
            InsightMessage::ShowTable => ["Show as table", "以表格显示", "Afficher en tableau"],
            InsightMessage::ShowChart => ["Show as chart", "以图表显示", "Afficher en graphique"],
            InsightMessage::Download => ["Download", "下载", "Télécharger"],
            InsightMessage::Period => ["Period", "时期", "Période"],
            InsightMessage::Total => ["Total", "合计", "Total"],
            InsightMessage::Events => ["Events", "事件数", "Événements"],
            InsightMessage::SharedEvents => ["Shared events", "共同事件", "Événements communs"],
            InsightMessage::Linked => ["Appears with", "共同出现", "Apparaît avec"],
            InsightMessage::NothingToChart => [
                "No events pass the filters: nothing to chart.",
                "没有符合条件的事件，无可绘制。",
                "Aucun événement ne passe les filtres : rien à représenter.",
            ],
            InsightMessage::ClearDates => ["Clear dates", "清除日期", "Effacer les dates"],
            InsightMessage::ResetZoom => ["Reset zoom", "重置缩放", "Réinitialiser le zoom"],
            InsightMessage::PngFailed => [
                "This page does not allow drawing the chart as an image (its security policy needs img-src blob:); download the SVG instead.",
                "此页面不允许将图表绘制为图片（其安全策略需要 img-src blob:），请改为下载 SVG。",
                "Cette page ne permet pas de dessiner le graphique en image (sa politique de sécurité doit autoriser img-src blob:) ; téléchargez plutôt le SVG.",
            ],
            InsightMessage::Loading => ["Loading the charts…", "正在加载图表…", "Chargement des graphiques…"],
            InsightMessage::LoadFailed => [
                "The charts could not be loaded:",
                "无法加载图表：",
                "Les graphiques n'ont pas pu être chargés :",
            ],
        };
        super::pick(lang, en, zh, fr)
    }
}

/// The time chart's summary: "412 events from 2015 to 2024; the most in 2023 (96)."
pub fn time_summary(total: usize, first: &str, last: &str, busiest: &str, busiest_count: usize, lang: Lang) -> String {
    let (total, busiest_count) = (format_count(total, lang), format_count(busiest_count, lang));
    match lang {
        Lang::En => format!("{total} events from {first} to {last}; the most in {busiest} ({busiest_count})."),
        Lang::Zh => format!("{first}至{last}共 {total} 个事件；{busiest} 最多（{busiest_count} 个）。"),
        Lang::Fr => format!("{total} événements de {first} à {last} ; le plus en {busiest} ({busiest_count})."),
    }
}

/// "12 events", after a bar's or a node's name.
pub fn event_count(count: usize, lang: Lang) -> String {
    let text = format_count(count, lang);
    match lang {
        Lang::En if count == 1 => format!("{text} event"),
        Lang::En => format!("{text} events"),
        Lang::Zh => format!("{text} 个事件"),
        Lang::Fr if count < 2 => format!("{text} événement"),
        Lang::Fr => format!("{text} événements"),
    }
}

/// A ranked chart's summary: "Organisation: 35 values; first Jilin University (12)."
pub fn ranked_summary(facet: &str, values: usize, first: &str, first_count: usize, lang: Lang) -> String {
    let (values, first_count) = (format_count(values, lang), format_count(first_count, lang));
    match lang {
        Lang::En => format!("{facet}: {values} values; first {first} ({first_count} events)."),
        Lang::Zh => format!("{facet}：共 {values} 项；最多的是{first}（{first_count} 个事件）。"),
        Lang::Fr => format!("{facet} : {values} valeurs ; en tête {first} ({first_count} événements)."),
    }
}

/// "and 12 more (40 events)" under a ranked chart's first bars.
pub fn rest_text(values: usize, count: usize, lang: Lang) -> String {
    let (values, count) = (format_count(values, lang), format_count(count, lang));
    match lang {
        Lang::En => format!("and {values} more ({count} events)"),
        Lang::Zh => format!("另有 {values} 项（{count} 个事件）"),
        Lang::Fr => format!("et {values} autres ({count} événements)"),
    }
}

/// The network's summary, and the note when only the strongest nodes are drawn.
pub fn network_summary(nodes: usize, total: usize, links: usize, strongest: &str, lang: Lang) -> String {
    let shown = (nodes < total).then(|| {
        let (nodes, total) = (format_count(nodes, lang), format_count(total, lang));
        match lang {
            Lang::En => format!("Showing the {nodes} strongest of {total} organisations and people. "),
            Lang::Zh => format!("仅显示 {total} 个机构和人物中关联最多的 {nodes} 个。"),
            Lang::Fr => {
                format!("Seuls les {nodes} plus présents sur {total} organisations et personnes sont montrés. ")
            }
        }
    });
    let (count, links) = (format_count(nodes, lang), format_count(links, lang));
    let body = match lang {
        Lang::En => format!("{count} organisations and people, {links} links; the most present: {strongest}."),
        Lang::Zh => format!("{count} 个机构和人物，{links} 条关联；出现最多的是{strongest}。"),
        Lang::Fr => format!("{count} organisations et personnes, {links} liens ; la plus présente : {strongest}."),
    };
    shown.unwrap_or_default() + &body
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_read_in_each_language() {
        assert_eq!(
            time_summary(1234, "2015", "2024", "2023", 96, Lang::En),
            "1,234 events from 2015 to 2024; the most in 2023 (96)."
        );
        assert!(time_summary(3, "2015", "2024", "2023", 2, Lang::Zh).starts_with("2015至2024共 3 个事件"));
        assert_eq!(rest_text(2, 1000, Lang::Fr), "et 2 autres (1\u{202F}000 événements)");
        assert!(network_summary(150, 400, 9, "X", Lang::En).starts_with("Showing the 150 strongest of 400"));
        assert!(!network_summary(15, 15, 9, "X", Lang::Fr).contains("Seuls"));
        assert_eq!(
            ranked_summary("City", 3, "Wuxi", 4, Lang::En),
            "City: 3 values; first Wuxi (4 events)."
        );
    }
}
