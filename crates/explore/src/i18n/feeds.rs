//! The strings of the feeds, the Subscribe menu, "Add to calendar" and the upcoming view, in
//! English, Simplified Chinese and French. A catalog of their own beside [`super::Message`],
//! with the same rule: every arm lists `[en, zh, fr]`, so a missing translation does not compile.

use super::{format_dates, pick};
use health_atlas_model::{DatePrecision, Event, Lang};

/// A string of the feeds and of the views that offer them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FeedMessage {
    /// The calendar's and the Atom feed's title (`X-WR-CALNAME`, `<title>`).
    FeedTitle,
    /// The feeds' description (`X-WR-CALDESC`, `<subtitle>`).
    FeedDescription,
    /// Before the atlas link in an event's description.
    OpenInAtlas,
    /// The Subscribe menu's button.
    Subscribe,
    SubscribeHelp,
    /// The webcal:// link: a calendar app subscribes and keeps it up to date.
    SubscribeCalendarApp,
    /// The https link to the same .ics file, for apps that ask for a URL.
    CalendarAddress,
    /// The Atom feed in the reader's language.
    NewsFeed,
    /// The card's one-event download.
    AddToCalendar,
    /// The upcoming view's heading.
    ComingUp,
    /// The upcoming view when nothing is after today: the most recent events instead.
    NothingUpcoming,
    /// The upcoming view's link to the whole atlas.
    OpenFullAtlas,
}

impl FeedMessage {
    /// The message in `lang`. Every arm lists `[en, zh, fr]`.
    pub fn text(self, lang: Lang) -> &'static str {
        let [en, zh, fr] = match self {
            FeedMessage::FeedTitle => [
                "Health Atlas: events",
                "健康产业地图：事件",
                "Atlas de la santé : événements",
            ],
            FeedMessage::FeedDescription => [
                "Health-industry events: conferences, forums, launches, visits, signings",
                "健康产业大事：会议、论坛、发布、考察、签约",
                "Événements de l'industrie de la santé : conférences, forums, lancements, visites, signatures",
            ],
            FeedMessage::OpenInAtlas => ["In the atlas:", "在地图中查看：", "Dans l'atlas :"],
            FeedMessage::Subscribe => ["Subscribe", "订阅", "S'abonner"],
            FeedMessage::SubscribeHelp => [
                "Follow the events in a calendar app or a feed reader; they update by themselves.",
                "在日历应用或订阅阅读器中关注这些事件，内容会自动更新。",
                "Suivez les événements dans un agenda ou un lecteur de flux ; ils se mettent à jour d'eux-mêmes.",
            ],
            FeedMessage::SubscribeCalendarApp => [
                "Subscribe in a calendar app",
                "在日历应用中订阅",
                "S'abonner dans un agenda",
            ],
            FeedMessage::CalendarAddress => [
                "Calendar address (iCalendar)",
                "日历地址（iCalendar）",
                "Adresse de l'agenda (iCalendar)",
            ],
            FeedMessage::NewsFeed => ["News feed (Atom)", "新闻订阅源（Atom）", "Flux d'actualités (Atom)"],
            FeedMessage::AddToCalendar => ["Add to calendar", "添加到日历", "Ajouter à l'agenda"],
            FeedMessage::ComingUp => ["Coming up", "即将举行", "À venir"],
            FeedMessage::NothingUpcoming => [
                "Nothing is scheduled after today. The most recent events:",
                "今天之后暂无安排。最近的事件：",
                "Rien n'est prévu après aujourd'hui. Les événements les plus récents :",
            ],
            FeedMessage::OpenFullAtlas => ["Open the full atlas", "打开完整地图", "Ouvrir l'atlas complet"],
        };
        pick(lang, en, zh, fr)
    }
}

/// What a calendar entry of `event` must say about its dates when the source does not fix
/// the day: the entry then spans the whole month or year (or the inferred days), and this
/// note says so ("Date precision: month only (July 2021)", from the card's own labels, so no
/// new strings reach the wasm), with the editors' `date_note` after it. `None` for an exact
/// date without a note.
pub fn date_precision_note(event: &Event, lang: Lang) -> Option<String> {
    let mut note = match (event.precision, event.dates()) {
        (DatePrecision::Exact, _) | (_, None) => String::new(),
        (precision, Some(dates)) => format!(
            "{}: {} ({})",
            super::Message::Precision.text(lang),
            super::precision_label(precision, lang),
            format_dates(dates, lang)
        ),
    };
    let date_note = event.date_note.trim();
    if !date_note.is_empty() {
        if !note.is_empty() {
            note.push_str(". ");
        }
        note.push_str(date_note);
    }
    (!note.is_empty()).then_some(note)
}
