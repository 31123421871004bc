//! One field of the event form: what it shows ([`value`]), what typing into it does
//! ([`set`], which checks the text first and leaves the event unchanged when it cannot be
//! read: a date that is not `YYYY-MM-DD`, a number that is not one), the element id the page
//! gives it, and which field a validator path such as `events[3].places[0].lat` is about,
//! so a problem in the list opens its field.

use std::fmt;

use chrono::NaiveDate;
use health_atlas_model::{
    Category, DatePrecision, Event, FigureQualifier, KeyFigure, Lang, LocalizedText, OrganisationRole, PersonRole,
    Place, PlacePrecision, Relation, RelationKind, SourceCitation,
};

/// The text fields of a nested record that exist in every language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Localized {
    PlaceName,
    PlaceCity,
    PlaceRegion,
    OrganisationName,
    PersonName,
    PersonTitle,
    PersonAffiliation,
    FigureLabel,
}

/// A field of one event. Nested records carry their index in the event's list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Id,
    Title(Lang),
    Summary(Lang),
    Category,
    Start,
    End,
    Precision,
    DateNote,
    Tags,
    Note,
    Text(Localized, usize, Lang),
    PlaceCountry(usize),
    PlaceLat(usize),
    PlaceLon(usize),
    PlacePrecision(usize),
    OrganisationRole(usize),
    PersonRole(usize),
    FigureValue(usize),
    FigureUnit(usize),
    FigureQualifier(usize),
    RelationKind(usize),
    RelationTarget(usize),
    SourceFile(usize),
    SourceTitle(usize),
    SourcePublisher(usize),
    SourcePublished(usize),
    SourceLanguage(usize),
    SourceUrl(usize),
    SourceQuote(usize),
}

/// The event's lists of records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum List {
    Places,
    Organisations,
    People,
    Figures,
    Relations,
    Sources,
}

/// Why typed text was not taken into the event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldError {
    /// Not a `YYYY-MM-DD` calendar day.
    NotADay,
    /// Not a number.
    NotANumber,
    /// Not one of the closed values (a drop-down was bypassed).
    NotAChoice,
    /// The record the field belongs to is gone (undo, delete).
    NoSuchRecord,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FieldError::NotADay => "expected a day, YYYY-MM-DD",
            FieldError::NotANumber => "expected a number such as 31.49",
            FieldError::NotAChoice => "expected one of the list",
            FieldError::NoSuchRecord => "this record no longer exists",
        })
    }
}

fn day_text(day: Option<NaiveDate>) -> String {
    day.map(|day| day.to_string()).unwrap_or_default()
}

fn parse_day(text: &str) -> Result<NaiveDate, FieldError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| FieldError::NotADay)
}

fn parse_optional_day(text: &str) -> Result<Option<NaiveDate>, FieldError> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        parse_day(text).map(Some)
    }
}

fn parse_number(text: &str) -> Result<f64, FieldError> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|number| number.is_finite())
        .ok_or(FieldError::NotANumber)
}

/// What the field shows for `event`.
pub fn value(event: &Event, field: Field) -> String {
    let or_empty = |text: Option<String>| text.unwrap_or_default();
    match field {
        Field::Id => event.id.clone(),
        Field::Title(lang) => event.title.as_written(lang).to_owned(),
        Field::Summary(lang) => event.summary.as_written(lang).to_owned(),
        Field::Category => event.category.slug().to_owned(),
        Field::Start => event.start.to_string(),
        Field::End => day_text(event.end),
        Field::Precision => event.precision.slug().to_owned(),
        Field::DateNote => event.date_note.clone(),
        Field::Tags => event.tags.join("; "),
        Field::Note => event.note.clone(),
        Field::Text(which, index, lang) => {
            or_empty(localized(event, which, index).map(|text| text.as_written(lang).to_owned()))
        }
        Field::PlaceCountry(index) => or_empty(event.places.get(index).map(|place| place.country.clone())),
        Field::PlaceLat(index) => or_empty(event.places.get(index).map(|place| place.lat.to_string())),
        Field::PlaceLon(index) => or_empty(event.places.get(index).map(|place| place.lon.to_string())),
        Field::PlacePrecision(index) => {
            or_empty(event.places.get(index).map(|place| place.precision.slug().to_owned()))
        }
        Field::OrganisationRole(index) => or_empty(
            event
                .organisations
                .get(index)
                .map(|organisation| organisation.role.clone()),
        ),
        Field::PersonRole(index) => or_empty(event.people.get(index).map(|person| person.role.clone())),
        Field::FigureValue(index) => or_empty(event.figures.get(index).map(|figure| figure.value.to_string())),
        Field::FigureUnit(index) => or_empty(event.figures.get(index).map(|figure| figure.unit.clone())),
        Field::FigureQualifier(index) => or_empty(
            event
                .figures
                .get(index)
                .map(|figure| figure.qualifier.slug().to_owned()),
        ),
        Field::RelationKind(index) => or_empty(
            event
                .relations
                .get(index)
                .map(|relation| relation.kind.slug().to_owned()),
        ),
        Field::RelationTarget(index) => or_empty(event.relations.get(index).map(|relation| relation.target.clone())),
        Field::SourceFile(index) => or_empty(event.sources.get(index).map(|source| source.file.clone())),
        Field::SourceTitle(index) => or_empty(event.sources.get(index).map(|source| source.title.clone())),
        Field::SourcePublisher(index) => or_empty(event.sources.get(index).map(|source| source.publisher.clone())),
        Field::SourcePublished(index) => or_empty(event.sources.get(index).map(|source| day_text(source.published))),
        Field::SourceLanguage(index) => or_empty(event.sources.get(index).map(|source| source.language.clone())),
        Field::SourceUrl(index) => or_empty(event.sources.get(index).map(|source| source.url.clone())),
        Field::SourceQuote(index) => or_empty(event.sources.get(index).map(|source| source.quote.clone())),
    }
}

fn localized(event: &Event, which: Localized, index: usize) -> Option<&LocalizedText> {
    Some(match which {
        Localized::PlaceName => &event.places.get(index)?.name,
        Localized::PlaceCity => &event.places.get(index)?.city,
        Localized::PlaceRegion => &event.places.get(index)?.region,
        Localized::OrganisationName => &event.organisations.get(index)?.name,
        Localized::PersonName => &event.people.get(index)?.name,
        Localized::PersonTitle => &event.people.get(index)?.title,
        Localized::PersonAffiliation => &event.people.get(index)?.affiliation,
        Localized::FigureLabel => &event.figures.get(index)?.label,
    })
}

fn localized_mut(event: &mut Event, which: Localized, index: usize) -> Option<&mut LocalizedText> {
    Some(match which {
        Localized::PlaceName => &mut event.places.get_mut(index)?.name,
        Localized::PlaceCity => &mut event.places.get_mut(index)?.city,
        Localized::PlaceRegion => &mut event.places.get_mut(index)?.region,
        Localized::OrganisationName => &mut event.organisations.get_mut(index)?.name,
        Localized::PersonName => &mut event.people.get_mut(index)?.name,
        Localized::PersonTitle => &mut event.people.get_mut(index)?.title,
        Localized::PersonAffiliation => &mut event.people.get_mut(index)?.affiliation,
        Localized::FigureLabel => &mut event.figures.get_mut(index)?.label,
    })
}

/// Takes `text` typed into `field` into `event`, or says why it cannot (the event is then
/// unchanged).
pub fn set(event: &mut Event, field: Field, text: &str) -> Result<(), FieldError> {
    let missing = FieldError::NoSuchRecord;
    match field {
        Field::Id => event.id = text.trim().to_owned(),
        Field::Title(lang) => *event.title.as_written_mut(lang) = text.to_owned(),
        Field::Summary(lang) => *event.summary.as_written_mut(lang) = text.to_owned(),
        Field::Category => event.category = Category::from_slug(text).ok_or(FieldError::NotAChoice)?,
        Field::Start => event.start = parse_day(text)?,
        Field::End => event.end = parse_optional_day(text)?,
        Field::Precision => event.precision = DatePrecision::from_slug(text).ok_or(FieldError::NotAChoice)?,
        Field::DateNote => event.date_note = text.to_owned(),
        Field::Tags => {
            event.tags = text
                .split(';')
                .map(str::trim)
                .filter(|tag| !tag.is_empty())
                .map(str::to_owned)
                .collect()
        }
        Field::Note => event.note = text.to_owned(),
        Field::Text(which, index, lang) => {
            *localized_mut(event, which, index).ok_or(missing)?.as_written_mut(lang) = text.to_owned()
        }
        Field::PlaceCountry(index) => event.places.get_mut(index).ok_or(missing)?.country = text.trim().to_uppercase(),
        Field::PlaceLat(index) => {
            let number = parse_number(text)?;
            event.places.get_mut(index).ok_or(missing)?.lat = number
        }
        Field::PlaceLon(index) => {
            let number = parse_number(text)?;
            event.places.get_mut(index).ok_or(missing)?.lon = number
        }
        Field::PlacePrecision(index) => {
            let precision = PlacePrecision::from_slug(text).ok_or(FieldError::NotAChoice)?;
            event.places.get_mut(index).ok_or(missing)?.precision = precision
        }
        Field::OrganisationRole(index) => event.organisations.get_mut(index).ok_or(missing)?.role = text.to_owned(),
        Field::PersonRole(index) => event.people.get_mut(index).ok_or(missing)?.role = text.to_owned(),
        Field::FigureValue(index) => {
            let number = parse_number(text)?;
            event.figures.get_mut(index).ok_or(missing)?.value = number
        }
        Field::FigureUnit(index) => event.figures.get_mut(index).ok_or(missing)?.unit = text.to_owned(),
        Field::FigureQualifier(index) => {
            let qualifier = FigureQualifier::from_slug(text).ok_or(FieldError::NotAChoice)?;
            event.figures.get_mut(index).ok_or(missing)?.qualifier = qualifier
        }
        Field::RelationKind(index) => {
            let kind = RelationKind::from_slug(text).ok_or(FieldError::NotAChoice)?;
            event.relations.get_mut(index).ok_or(missing)?.kind = kind
        }
        Field::RelationTarget(index) => event.relations.get_mut(index).ok_or(missing)?.target = text.to_owned(),
        Field::SourceFile(index) => event.sources.get_mut(index).ok_or(missing)?.file = text.to_owned(),
        Field::SourceTitle(index) => event.sources.get_mut(index).ok_or(missing)?.title = text.to_owned(),
        Field::SourcePublisher(index) => event.sources.get_mut(index).ok_or(missing)?.publisher = text.to_owned(),
        Field::SourcePublished(index) => {
            let day = parse_optional_day(text)?;
            event.sources.get_mut(index).ok_or(missing)?.published = day
        }
        Field::SourceLanguage(index) => event.sources.get_mut(index).ok_or(missing)?.language = text.trim().to_owned(),
        Field::SourceUrl(index) => event.sources.get_mut(index).ok_or(missing)?.url = text.trim().to_owned(),
        Field::SourceQuote(index) => event.sources.get_mut(index).ok_or(missing)?.quote = text.to_owned(),
    }
    Ok(())
}

/// Adds an empty record to a list (a place at 0, 0 with city precision: the validator then
/// asks for its name and the form for its coordinates).
pub fn add_record(event: &mut Event, list: List) {
    match list {
        List::Places => event.places.push(Place {
            name: LocalizedText::default(),
            city: LocalizedText::default(),
            region: LocalizedText::default(),
            country: String::new(),
            lat: 0.0,
            lon: 0.0,
            precision: PlacePrecision::City,
        }),
        List::Organisations => event.organisations.push(OrganisationRole {
            name: LocalizedText::default(),
            role: String::new(),
        }),
        List::People => event.people.push(PersonRole {
            name: LocalizedText::default(),
            title: LocalizedText::default(),
            affiliation: LocalizedText::default(),
            role: String::new(),
        }),
        List::Figures => event.figures.push(KeyFigure {
            label: LocalizedText::default(),
            value: 0.0,
            unit: String::new(),
            qualifier: FigureQualifier::Exact,
        }),
        List::Relations => event.relations.push(Relation {
            kind: RelationKind::Related,
            target: String::new(),
        }),
        List::Sources => event.sources.push(SourceCitation {
            file: String::new(),
            title: String::new(),
            publisher: String::new(),
            published: None,
            language: String::new(),
            url: String::new(),
            quote: String::new(),
        }),
    }
}

/// Removes record `index` of a list; `false` when there is none.
pub fn remove_record(event: &mut Event, list: List, index: usize) -> bool {
    fn remove<T>(items: &mut Vec<T>, index: usize) -> bool {
        if index < items.len() {
            items.remove(index);
            true
        } else {
            false
        }
    }
    match list {
        List::Places => remove(&mut event.places, index),
        List::Organisations => remove(&mut event.organisations, index),
        List::People => remove(&mut event.people, index),
        List::Figures => remove(&mut event.figures, index),
        List::Relations => remove(&mut event.relations, index),
        List::Sources => remove(&mut event.sources, index),
    }
}

impl Field {
    /// The id of the field's element on the page (unique in the form).
    pub fn dom_id(self) -> String {
        let lang = |lang: Lang| lang.tag();
        match self {
            Field::Id => "f-id".into(),
            Field::Title(l) => format!("f-title-{}", lang(l)),
            Field::Summary(l) => format!("f-summary-{}", lang(l)),
            Field::Category => "f-category".into(),
            Field::Start => "f-start".into(),
            Field::End => "f-end".into(),
            Field::Precision => "f-precision".into(),
            Field::DateNote => "f-date-note".into(),
            Field::Tags => "f-tags".into(),
            Field::Note => "f-note".into(),
            Field::Text(which, index, l) => format!("f-{which:?}-{index}-{}", lang(l)).to_lowercase(),
            other => {
                let (name, index) = match other {
                    Field::PlaceCountry(index) => ("place-country", index),
                    Field::PlaceLat(index) => ("place-lat", index),
                    Field::PlaceLon(index) => ("place-lon", index),
                    Field::PlacePrecision(index) => ("place-precision", index),
                    Field::OrganisationRole(index) => ("organisation-role", index),
                    Field::PersonRole(index) => ("person-role", index),
                    Field::FigureValue(index) => ("figure-value", index),
                    Field::FigureUnit(index) => ("figure-unit", index),
                    Field::FigureQualifier(index) => ("figure-qualifier", index),
                    Field::RelationKind(index) => ("relation-kind", index),
                    Field::RelationTarget(index) => ("relation-target", index),
                    Field::SourceFile(index) => ("source-file", index),
                    Field::SourceTitle(index) => ("source-title", index),
                    Field::SourcePublisher(index) => ("source-publisher", index),
                    Field::SourcePublished(index) => ("source-published", index),
                    Field::SourceLanguage(index) => ("source-language", index),
                    Field::SourceUrl(index) => ("source-url", index),
                    _ => ("source-quote", other.index().unwrap_or(0)),
                };
                format!("f-{name}-{index}")
            }
        }
    }

    /// The record index a nested field carries.
    fn index(self) -> Option<usize> {
        match self {
            Field::Text(_, index, _)
            | Field::PlaceCountry(index)
            | Field::PlaceLat(index)
            | Field::PlaceLon(index)
            | Field::PlacePrecision(index)
            | Field::OrganisationRole(index)
            | Field::PersonRole(index)
            | Field::FigureValue(index)
            | Field::FigureUnit(index)
            | Field::FigureQualifier(index)
            | Field::RelationKind(index)
            | Field::RelationTarget(index)
            | Field::SourceFile(index)
            | Field::SourceTitle(index)
            | Field::SourcePublisher(index)
            | Field::SourcePublished(index)
            | Field::SourceLanguage(index)
            | Field::SourceUrl(index)
            | Field::SourceQuote(index) => Some(index),
            _ => None,
        }
    }

    /// The field a validator path is about, given relative to its event (`places[0].lat`,
    /// `title`, `sources[1].quote`); a whole text (`title`) is its English field, a list
    /// (`sources`) its first record's first field.
    pub fn from_event_path(path: &str) -> Option<Field> {
        let (head, rest) = path.split_once('.').unwrap_or((path, ""));
        let lang = Lang::from_tag(rest.split('.').next().unwrap_or_default()).unwrap_or(Lang::En);
        let (name, index) = match head.split_once('[') {
            Some((name, index)) => (name, index.trim_end_matches(']').parse::<usize>().ok()?),
            None => (head, 0),
        };
        let nested = rest.split_once('.').map_or(rest, |(field, _)| field);
        let sub_lang = rest
            .split_once('.')
            .and_then(|(_, tag)| Lang::from_tag(tag))
            .unwrap_or(Lang::En);
        Some(match (name, nested) {
            ("id", _) => Field::Id,
            ("title", _) => Field::Title(lang),
            ("summary", _) => Field::Summary(lang),
            ("category", _) => Field::Category,
            ("start", _) => Field::Start,
            ("end", _) => Field::End,
            ("precision", _) => Field::Precision,
            ("date_note", _) => Field::DateNote,
            ("tags", _) => Field::Tags,
            ("note", _) => Field::Note,
            ("places", "city") => Field::Text(Localized::PlaceCity, index, sub_lang),
            ("places", "region") => Field::Text(Localized::PlaceRegion, index, sub_lang),
            ("places", "country") => Field::PlaceCountry(index),
            ("places", "lat") => Field::PlaceLat(index),
            ("places", "lon") => Field::PlaceLon(index),
            ("places", "precision") => Field::PlacePrecision(index),
            ("places", _) => Field::Text(Localized::PlaceName, index, sub_lang),
            ("organisations", "role") => Field::OrganisationRole(index),
            ("organisations", _) => Field::Text(Localized::OrganisationName, index, sub_lang),
            ("people", "role") => Field::PersonRole(index),
            ("people", "title") => Field::Text(Localized::PersonTitle, index, sub_lang),
            ("people", "affiliation") => Field::Text(Localized::PersonAffiliation, index, sub_lang),
            ("people", _) => Field::Text(Localized::PersonName, index, sub_lang),
            ("figures", "value") => Field::FigureValue(index),
            ("figures", "unit") => Field::FigureUnit(index),
            ("figures", "qualifier") => Field::FigureQualifier(index),
            ("figures", _) => Field::Text(Localized::FigureLabel, index, sub_lang),
            ("relations", "kind") => Field::RelationKind(index),
            ("relations", _) => Field::RelationTarget(index),
            ("sources", "title") => Field::SourceTitle(index),
            ("sources", "publisher") => Field::SourcePublisher(index),
            ("sources", "published") => Field::SourcePublished(index),
            ("sources", "language") => Field::SourceLanguage(index),
            ("sources", "url") => Field::SourceUrl(index),
            ("sources", "quote") => Field::SourceQuote(index),
            ("sources", _) => Field::SourceFile(index),
            _ => return None,
        })
    }
}

/// The part of a validator path after `events[i].`, and `i`.
pub fn split_event_path(path: &str) -> Option<(usize, &str)> {
    let rest = path.strip_prefix("events[")?;
    let (index, rest) = rest.split_once(']')?;
    Some((index.parse().ok()?, rest.strip_prefix('.').unwrap_or(rest)))
}

/// An event with `id` and `start` and nothing else: every text empty, every list empty, the
/// first category, exact dates. (Not valid: the validator then asks for what is missing.)
pub fn blank_event(id: String, start: NaiveDate) -> Event {
    Event {
        id,
        title: LocalizedText::default(),
        summary: LocalizedText::default(),
        category: Category::ALL[0],
        start,
        end: None,
        precision: DatePrecision::Exact,
        date_note: String::new(),
        places: Vec::new(),
        organisations: Vec::new(),
        people: Vec::new(),
        tags: Vec::new(),
        figures: Vec::new(),
        relations: Vec::new(),
        sources: Vec::new(),
        note: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event() -> Event {
        // The first shipped event with a place and a source.
        let events = health_atlas_dataset::embedded_dataset().unwrap().events;
        events.into_iter().find(|event| !event.places.is_empty()).unwrap()
    }

    #[test]
    fn typed_text_round_trips_through_each_field() {
        let mut event = event();
        add_record(&mut event, List::Figures);
        add_record(&mut event, List::Relations);
        let figure = event.figures.len() - 1;
        let relation = event.relations.len() - 1;
        let cases = [
            (Field::Id, "wuxi-forum-2024"),
            (Field::Title(Lang::Zh), "无锡论坛"),
            (Field::Summary(Lang::Fr), "Un forum"),
            (Field::Category, "forum"),
            (Field::Start, "2024-03-05"),
            (Field::End, "2024-03-07"),
            (Field::Precision, "approximate"),
            (Field::Tags, "a; b"),
            (Field::Text(Localized::PlaceCity, 0, Lang::Fr), "Wuxi"),
            (Field::PlaceCountry(0), "CN"),
            (Field::PlaceLat(0), "31.4912"),
            (Field::PlacePrecision(0), "venue"),
            (Field::Text(Localized::FigureLabel, figure, Lang::En), "Visitors"),
            (Field::FigureValue(figure), "1200"),
            (Field::FigureQualifier(figure), "about"),
            (Field::RelationKind(relation), "part_of"),
            (Field::RelationTarget(relation), "tbhc-2023"),
            (Field::SourcePublished(0), "2024-03-01"),
            (Field::SourceQuote(0), "“原文”"),
        ];
        for (field, text) in cases {
            assert_eq!(set(&mut event, field, text), Ok(()), "{field:?}");
            assert_eq!(value(&event, field), text, "{field:?}");
        }
    }

    /// Every field of the model's `Event`, filled: the struct literal stops compiling when the
    /// model gains one, and the test then fails until the form's `Field` can write it.
    fn full_event() -> Event {
        let text = |en: &str| LocalizedText {
            en: en.into(),
            zh: format!("{en}（中文）"),
            fr: format!("{en} (fr)"),
        };
        Event {
            id: "full-2024".into(),
            title: text("Title"),
            summary: text("Summary"),
            category: Category::Policy,
            start: NaiveDate::from_ymd_opt(2024, 3, 1).unwrap(),
            end: NaiveDate::from_ymd_opt(2024, 3, 31),
            precision: DatePrecision::Month,
            date_note: "The article gives the month only.".into(),
            places: vec![Place {
                name: text("Hall"),
                city: text("Wuxi"),
                region: text("Jiangsu"),
                country: "CN".into(),
                lat: 31.4912,
                lon: 120.3119,
                precision: PlacePrecision::Venue,
            }],
            organisations: vec![OrganisationRole {
                name: text("Association"),
                role: "co_organiser".into(),
            }],
            people: vec![PersonRole {
                name: text("Li Hua"),
                title: text("President"),
                affiliation: text("University"),
                role: "delegation_leader".into(),
            }],
            tags: vec!["a".into(), "b".into()],
            figures: vec![KeyFigure {
                label: text("Visitors"),
                value: 1200.0,
                unit: "people".into(),
                qualifier: FigureQualifier::MoreThan,
            }],
            relations: vec![Relation {
                kind: RelationKind::FollowUp,
                target: "tbhc-2023".into(),
            }],
            sources: vec![SourceCitation {
                file: "002_c207809bccb23adf.txt".into(),
                title: "An article".into(),
                publisher: "A paper".into(),
                published: NaiveDate::from_ymd_opt(2024, 4, 2),
                language: "zh".into(),
                url: "https://example.org/a".into(),
                quote: "“原文”".into(),
            }],
            note: "Read as March.".into(),
        }
    }

    #[test]
    fn every_field_of_the_model_s_event_is_written_by_a_field_of_the_form() {
        let full = full_event();
        let mut event = blank_event(String::new(), NaiveDate::from_ymd_opt(2000, 1, 1).unwrap());
        for list in [
            List::Places,
            List::Organisations,
            List::People,
            List::Figures,
            List::Relations,
            List::Sources,
        ] {
            add_record(&mut event, list);
        }
        let mut every = vec![
            Field::Id,
            Field::Category,
            Field::Start,
            Field::End,
            Field::Precision,
            Field::DateNote,
            Field::Tags,
            Field::Note,
            Field::PlaceCountry(0),
            Field::PlaceLat(0),
            Field::PlaceLon(0),
            Field::PlacePrecision(0),
            Field::OrganisationRole(0),
            Field::PersonRole(0),
            Field::FigureValue(0),
            Field::FigureUnit(0),
            Field::FigureQualifier(0),
            Field::RelationKind(0),
            Field::RelationTarget(0),
            Field::SourceFile(0),
            Field::SourceTitle(0),
            Field::SourcePublisher(0),
            Field::SourcePublished(0),
            Field::SourceLanguage(0),
            Field::SourceUrl(0),
            Field::SourceQuote(0),
        ];
        for lang in Lang::ALL {
            every.extend([Field::Title(lang), Field::Summary(lang)]);
            for which in [
                Localized::PlaceName,
                Localized::PlaceCity,
                Localized::PlaceRegion,
                Localized::OrganisationName,
                Localized::PersonName,
                Localized::PersonTitle,
                Localized::PersonAffiliation,
                Localized::FigureLabel,
            ] {
                every.push(Field::Text(which, 0, lang));
            }
        }
        for field in every {
            assert_eq!(set(&mut event, field, &value(&full, field)), Ok(()), "{field:?}");
        }
        assert_eq!(event, full);
    }

    #[test]
    fn unreadable_text_leaves_the_event_unchanged() {
        let original = event();
        let mut event = original.clone();
        assert_eq!(set(&mut event, Field::Start, "5 March"), Err(FieldError::NotADay));
        assert_eq!(
            set(&mut event, Field::PlaceLat(0), "north"),
            Err(FieldError::NotANumber)
        );
        assert_eq!(set(&mut event, Field::Category, "picnic"), Err(FieldError::NotAChoice));
        assert_eq!(set(&mut event, Field::PlaceLat(99), "1"), Err(FieldError::NoSuchRecord));
        assert_eq!(event, original);
        assert_eq!(set(&mut event, Field::End, ""), Ok(()));
        assert_eq!(event.end, None);
    }

    #[test]
    fn validator_paths_name_their_field() {
        assert_eq!(Field::from_event_path("places[0].lat"), Some(Field::PlaceLat(0)));
        assert_eq!(Field::from_event_path("title"), Some(Field::Title(Lang::En)));
        assert_eq!(Field::from_event_path("title.zh"), Some(Field::Title(Lang::Zh)));
        assert_eq!(
            Field::from_event_path("places[1].city.fr"),
            Some(Field::Text(Localized::PlaceCity, 1, Lang::Fr))
        );
        assert_eq!(
            Field::from_event_path("relations[2].target"),
            Some(Field::RelationTarget(2))
        );
        assert_eq!(Field::from_event_path("sources"), Some(Field::SourceFile(0)));
        assert_eq!(Field::from_event_path("nonsense"), None);
        assert_eq!(split_event_path("events[3].places[0].lat"), Some((3, "places[0].lat")));
        assert_eq!(split_event_path("stories[0].id"), None);
    }

    #[test]
    fn records_are_added_and_removed() {
        let mut event = event();
        let places = event.places.len();
        add_record(&mut event, List::Places);
        assert_eq!(event.places.len(), places + 1);
        assert!(remove_record(&mut event, List::Places, places));
        assert!(!remove_record(&mut event, List::Places, places));
        assert_eq!(event.places.len(), places);
    }

    #[test]
    fn dom_ids_are_distinct() {
        let fields = [
            Field::Id,
            Field::Title(Lang::En),
            Field::Title(Lang::Zh),
            Field::Text(Localized::PlaceName, 0, Lang::En),
            Field::Text(Localized::PlaceName, 1, Lang::En),
            Field::PlaceLat(0),
            Field::PlaceLon(0),
            Field::SourceQuote(0),
            Field::SourceUrl(0),
        ];
        let ids: std::collections::HashSet<String> = fields.iter().map(|field| field.dom_id()).collect();
        assert_eq!(ids.len(), fields.len());
    }
}
