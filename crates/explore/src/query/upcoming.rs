//! What a site's "coming up" sidebar shows: the next events from a given day, or, when none
//! is left, the most recent ones (and that it is those). `today` is a parameter: the app
//! reads the clock once and tests pass any day.

use chrono::NaiveDate;

use health_atlas_model::Event;

/// Which events [`upcoming`] picked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UpcomingKind {
    /// Events that have not ended before `today` (running ones included), soonest first.
    Upcoming,
    /// Nothing is left: the events before `today`, latest start first.
    Recent,
}

/// The events of an upcoming list, in the order to show them.
#[derive(Clone, Debug, PartialEq)]
pub struct Upcoming<'a> {
    pub kind: UpcomingKind,
    pub events: Vec<&'a Event>,
}

/// Up to `limit` of `chronological` (events in the catalog's order: start, then end, then
/// id, as `Catalog::selected_events` gives them) that end on or after `today`, in that order;
/// if there are none, up to `limit` of the others, latest start first. No sorting here: the
/// catalog's order is reused, which also keeps a sort's code out of the wasm.
pub fn upcoming<'a>(
    chronological: impl IntoIterator<Item = &'a Event>,
    today: NaiveDate,
    limit: usize,
) -> Upcoming<'a> {
    let mut past = Vec::new();
    let mut coming = Vec::new();
    for event in chronological {
        if event.last_day() >= today {
            if coming.len() < limit {
                coming.push(event);
            }
        } else if coming.is_empty() {
            past.push(event);
        }
    }
    if !coming.is_empty() || limit == 0 {
        return Upcoming {
            kind: UpcomingKind::Upcoming,
            events: coming,
        };
    }
    past.reverse();
    past.truncate(limit);
    Upcoming {
        kind: UpcomingKind::Recent,
        events: past,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{Catalog, Filters};
    use health_atlas_model::parse_day;

    fn catalog() -> Catalog {
        Catalog::new(health_atlas_dataset::embedded_dataset().unwrap())
    }

    fn ids<'a>(list: &Upcoming<'a>) -> Vec<&'a str> {
        list.events.iter().map(|event| event.id.as_str()).collect()
    }

    #[test]
    fn the_next_events_from_today_soonest_first_running_ones_included() {
        let catalog = catalog();
        let selection = catalog.select(&Filters::default());
        let events: Vec<&Event> = catalog.selected_events(&selection).collect();
        let today = parse_day("2023-06-01").unwrap();
        let list = upcoming(events.iter().copied(), today, 3);
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
        let list = upcoming(events.iter().copied(), running.last_day(), events.len());
        assert!(ids(&list).contains(&running.id.as_str()));
    }

    #[test]
    fn after_the_last_event_the_most_recent_ones_latest_first() {
        let catalog = catalog();
        let selection = catalog.select(&Filters::default());
        let events: Vec<&Event> = catalog.selected_events(&selection).collect();
        let latest = events.iter().map(|event| event.last_day()).max().unwrap();
        let list = upcoming(events.iter().copied(), latest.succ_opt().unwrap(), 2);
        assert_eq!(list.kind, UpcomingKind::Recent);
        assert_eq!(list.events.len(), 2);
        let newest_start = events.iter().map(|event| event.start).max().unwrap();
        assert_eq!(list.events[0].start, newest_start);
        assert!(list.events[0].start >= list.events[1].start);
        assert_eq!(upcoming(events.iter().copied(), latest, 5).kind, UpcomingKind::Upcoming);
        assert_eq!(upcoming(events.iter().copied(), latest, 0).events.len(), 0);
        assert_eq!(upcoming([], latest, 5).events.len(), 0);
    }
}
