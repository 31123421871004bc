//! What a site's "coming up" sidebar shows: the next events from a given day, or, when none
//! is left, the most recent ones (and that it is those). `today` is a parameter: the app
//! reads the clock once and tests pass any day.

use chrono::NaiveDate;

use crate::model::Event;

/// Which events [`upcoming`] picked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UpcomingKind {
    /// Events that have not ended before `today` (running ones included), soonest first.
    Upcoming,
    /// Nothing is left: the latest events before `today`, most recent first.
    Recent,
}

/// The events of an upcoming list, in the order to show them.
#[derive(Clone, Debug, PartialEq)]
pub struct Upcoming<'a> {
    pub kind: UpcomingKind,
    pub events: Vec<&'a Event>,
}

/// Up to `limit` events that end on or after `today`, by start (then id); if there are
/// none, up to `limit` of the others, latest first.
pub fn upcoming<'a>(events: impl IntoIterator<Item = &'a Event>, today: NaiveDate, limit: usize) -> Upcoming<'a> {
    let (mut coming, mut past): (Vec<&Event>, Vec<&Event>) =
        events.into_iter().partition(|event| event.last_day() >= today);
    if coming.is_empty() {
        past.sort_by(|a, b| (b.last_day(), b.start, &b.id).cmp(&(a.last_day(), a.start, &a.id)));
        past.truncate(limit);
        return Upcoming {
            kind: UpcomingKind::Recent,
            events: past,
        };
    }
    coming.sort_by(|a, b| (a.start, &a.id).cmp(&(b.start, &b.id)));
    coming.truncate(limit);
    Upcoming {
        kind: UpcomingKind::Upcoming,
        events: coming,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::embedded_dataset;
    use crate::model::parse_day;

    fn ids<'a>(list: &Upcoming<'a>) -> Vec<&'a str> {
        list.events.iter().map(|event| event.id.as_str()).collect()
    }

    #[test]
    fn the_next_events_from_today_soonest_first_running_ones_included() {
        let dataset = embedded_dataset().unwrap();
        let events = &dataset.events;
        let today = parse_day("2023-06-01").unwrap();
        let list = upcoming(events, today, 3);
        assert_eq!(list.kind, UpcomingKind::Upcoming);
        assert_eq!(list.events.len(), 3);
        assert!(list.events.iter().all(|event| event.last_day() >= today));
        assert!(list.events.windows(2).all(|pair| pair[0].start <= pair[1].start));
        // Nothing skipped: no event ending from today on starts before the third one shown
        // without being in the list.
        let third = list.events[2].start;
        let missed = events
            .iter()
            .filter(|event| event.last_day() >= today && event.start < third)
            .filter(|event| !ids(&list).contains(&event.id.as_str()))
            .count();
        assert_eq!(missed, 0);
        // An event running on `today` counts as coming up.
        let running = events.iter().find(|event| event.start < event.last_day()).unwrap();
        let list = upcoming(events, running.last_day(), events.len());
        assert!(ids(&list).contains(&running.id.as_str()));
    }

    #[test]
    fn after_the_last_event_the_most_recent_ones_latest_first() {
        let dataset = embedded_dataset().unwrap();
        let latest = dataset.events.iter().map(Event::last_day).max().unwrap();
        let list = upcoming(&dataset.events, latest.succ_opt().unwrap(), 2);
        assert_eq!(list.kind, UpcomingKind::Recent);
        assert_eq!(list.events.len(), 2);
        assert_eq!(list.events[0].last_day(), latest);
        assert!(list.events[0].last_day() >= list.events[1].last_day());
        assert_eq!(upcoming(&dataset.events, latest, 5).kind, UpcomingKind::Upcoming);
        assert_eq!(upcoming(&dataset.events, latest, 0).events.len(), 0);
        assert_eq!(upcoming([], latest, 5).events.len(), 0);
    }
}
