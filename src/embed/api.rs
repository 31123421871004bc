//! The element's JavaScript API (`el.getFilters()`, `el.setFilters({…})`,
//! `el.selectEvent(id)`, `el.visibleEvents()`, the `health-atlas-change` event), typed for
//! host pages in `www/embed/health-atlas.d.ts`. Values cross the boundary with
//! `serde-wasm-bindgen`; a bad argument is thrown as a `TypeError` that names the method, the
//! key and what was expected, never a panic.
//!
//! [`FilterObject`] (the filters as JavaScript sees them) and its checks are plain Rust,
//! tested natively; the rest reads and drives the app's state through its
//! [`StateBridge`](crate::app::StateBridge).

use chrono::NaiveDate;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

use crate::app::state::Action;
use crate::app::StateBridge;
use health_atlas_explore::query::{DateRange, Facet, Filters};
use health_atlas_model::parse_day;

/// The host event sent when the filters or the open event change (after start);
/// `detail` is `{ filters, selected, visible }`.
pub const CHANGE_EVENT: &str = "health-atlas-change";

/// The filters as an object: the facet values by their plural names, the search text and the
/// date bounds (`YYYY-MM-DD`, either may be `null`). The keys mean what the link's keys mean
/// (`cat`, `org`, …, `q`, `from`, `to`: `health_atlas_explore::share`).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct FilterObject {
    pub categories: Vec<String>,
    pub organisations: Vec<String>,
    pub people: Vec<String>,
    pub countries: Vec<String>,
    pub regions: Vec<String>,
    pub cities: Vec<String>,
    pub tags: Vec<String>,
    pub q: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// The object key of each facet.
fn key_of(facet: Facet) -> &'static str {
    match facet {
        Facet::Category => "categories",
        Facet::Organisation => "organisations",
        Facet::Person => "people",
        Facet::Country => "countries",
        Facet::Region => "regions",
        Facet::City => "cities",
        Facet::Tag => "tags",
    }
}

impl FilterObject {
    /// Every key the object may have, in the order [`FilterObject::check_keys`] lists them.
    pub const KEYS: [&'static str; 10] = [
        "categories",
        "organisations",
        "people",
        "countries",
        "regions",
        "cities",
        "tags",
        "q",
        "from",
        "to",
    ];

    /// Refuses a key the object does not have (a typo would otherwise be a filter silently
    /// not set: `serde-wasm-bindgen` reads only the keys it knows).
    pub fn check_keys<'a>(keys: impl IntoIterator<Item = &'a str>) -> Result<(), String> {
        match keys.into_iter().find(|key| !FilterObject::KEYS.contains(key)) {
            Some(key) => Err(format!(
                "unknown key {key:?}; expected one of {}",
                FilterObject::KEYS.join(", ")
            )),
            None => Ok(()),
        }
    }

    fn values(&self, facet: Facet) -> &Vec<String> {
        match facet {
            Facet::Category => &self.categories,
            Facet::Organisation => &self.organisations,
            Facet::Person => &self.people,
            Facet::Country => &self.countries,
            Facet::Region => &self.regions,
            Facet::City => &self.cities,
            Facet::Tag => &self.tags,
        }
    }

    fn values_mut(&mut self, facet: Facet) -> &mut Vec<String> {
        match facet {
            Facet::Category => &mut self.categories,
            Facet::Organisation => &mut self.organisations,
            Facet::Person => &mut self.people,
            Facet::Country => &mut self.countries,
            Facet::Region => &mut self.regions,
            Facet::City => &mut self.cities,
            Facet::Tag => &mut self.tags,
        }
    }

    /// The app's filters as an object; every key is present (empty arrays, `q: ""`, `null` dates).
    pub fn from_filters(filters: &Filters) -> FilterObject {
        let mut object = FilterObject {
            q: Some(filters.text.clone()),
            // Open bounds are NaiveDate::MIN and MAX (the filter panel's and the link's way).
            from: filters
                .date_range
                .map(|range| range.first())
                .filter(|&day| day != NaiveDate::MIN)
                .map(|day| day.to_string()),
            to: filters
                .date_range
                .map(|range| range.last())
                .filter(|&day| day != NaiveDate::MAX)
                .map(|day| day.to_string()),
            ..FilterObject::default()
        };
        for (facet, keys) in &filters.selected {
            *object.values_mut(*facet) = keys.iter().cloned().collect();
        }
        object
    }

    /// The filters this object asks for, checked: every value must be one of the dataset's
    /// (`has_value`), dates real days, `to` not before `from`. The message names the key.
    pub fn into_filters(self, has_value: impl Fn(Facet, &str) -> bool) -> Result<Filters, String> {
        let mut filters = Filters {
            text: self.q.clone().unwrap_or_default(),
            ..Filters::default()
        };
        for facet in Facet::ALL {
            for value in self.values(facet) {
                if !has_value(facet, value) {
                    return Err(format!("{}: {value:?} is not a value of this dataset", key_of(facet)));
                }
                filters.selected.entry(facet).or_default().insert(value.clone());
            }
        }
        let day = |key: &str, text: &Option<String>| match text.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(text) => parse_day(text)
                .map(Some)
                .ok_or_else(|| format!("{key}: {text:?} is not a date (YYYY-MM-DD)")),
        };
        let (first, last) = (day("from", &self.from)?, day("to", &self.to)?);
        filters.date_range = match (first, last) {
            (None, None) => None,
            (first, last) => Some(
                DateRange::new(first.unwrap_or(NaiveDate::MIN), last.unwrap_or(NaiveDate::MAX))
                    .ok_or_else(|| "to: ends before from".to_owned())?,
            ),
        };
        Ok(filters)
    }
}

/// The name of a JavaScript value's type, for messages ("got a number").
fn type_name(value: &JsValue) -> String {
    if value.is_null() {
        "null".into()
    } else if js_sys::Array::is_array(value) {
        "an array".into()
    } else {
        match value.js_typeof().as_string().as_deref() {
            Some(kind @ ("object" | "undefined")) => kind.to_owned(),
            Some(kind) => format!("a {kind}"),
            None => "something else".into(),
        }
    }
}

fn type_error(message: String) -> JsValue {
    js_sys::TypeError::new(&message).into()
}

fn started(bridge: &StateBridge, method: &str) -> Result<crate::app::AppContext, JsValue> {
    bridge.state().ok_or_else(|| {
        js_sys::Error::new(&format!(
            "{method}: Health Atlas has not started yet (await element.ready)"
        ))
        .into()
    })
}

/// Values to JavaScript: maps as plain objects, `None` as `null`, as `JSON.parse` would give.
fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

/// `el.getFilters()`.
pub fn get_filters(bridge: &StateBridge) -> Result<JsValue, JsValue> {
    let state = started(bridge, "getFilters")?;
    Ok(to_js(&FilterObject::from_filters(&state.filters)))
}

/// `el.setFilters(object)`: replaces every filter (a missing key clears that filter).
pub fn set_filters(bridge: &StateBridge, value: JsValue) -> Result<(), JsValue> {
    const EXAMPLE: &str = r#"{ categories: ["forum"], q: "wuxi", from: "2023-01-01" }"#;
    let state = started(bridge, "setFilters")?;
    if !value.is_object() || js_sys::Array::is_array(&value) {
        return Err(type_error(format!(
            "setFilters: expected an object such as {EXAMPLE}, got {}",
            type_name(&value)
        )));
    }
    let object: &js_sys::Object = value.unchecked_ref();
    let keys: Vec<String> = js_sys::Object::keys(object)
        .iter()
        .filter_map(|key| key.as_string())
        .collect();
    FilterObject::check_keys(keys.iter().map(String::as_str))
        .map_err(|message| type_error(format!("setFilters: {message}")))?;
    let object = read_filter_object(object).map_err(|message| type_error(format!("setFilters: {message}")))?;
    let everything = state.catalog.select(&Filters::default());
    let filters = object
        .into_filters(|facet, key| everything.counts_of(facet).iter().any(|value| value.key == key))
        .map_err(|message| type_error(format!("setFilters: {message}")))?;
    state.dispatch(Action::SetFilters(filters));
    Ok(())
}

/// Reads the object key by key, so a message names the key: `categories: invalid type:
/// floating point `3.0`, expected a string`. (One `serde-wasm-bindgen` call per key costs far
/// less in the element's wasm than a struct deserializer wrapped by `serde_path_to_error`.)
fn read_filter_object(object: &js_sys::Object) -> Result<FilterObject, String> {
    fn field<T: serde::de::DeserializeOwned>(object: &js_sys::Object, key: &str) -> Result<Option<T>, String> {
        let value = js_sys::Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
        if value.is_undefined() {
            return Ok(None);
        }
        serde_wasm_bindgen::from_value(value).map(Some).map_err(|error| {
            // Its errors are JavaScript `Error`s, whose text starts with their class name.
            let message = error.to_string();
            format!("{key}: {}", message.strip_prefix("Error: ").unwrap_or(&message))
        })
    }
    let mut filters = FilterObject::default();
    for facet in Facet::ALL {
        let key = key_of(facet);
        // A string is iterable, so the list deserializer would take it apart: say what is wrong.
        let value = js_sys::Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
        if !value.is_undefined() && !js_sys::Array::is_array(&value) {
            return Err(format!(
                "{key}: expected an array of strings, such as [\"forum\"], got {}",
                type_name(&value)
            ));
        }
        if let Some(values) = field::<Vec<String>>(object, key)? {
            *filters.values_mut(facet) = values;
        }
    }
    filters.q = field::<Option<String>>(object, "q")?.flatten();
    filters.from = field::<Option<String>>(object, "from")?.flatten();
    filters.to = field::<Option<String>>(object, "to")?.flatten();
    Ok(filters)
}

/// `el.selectEvent(id)`: opens the event's card; `null` closes it.
pub fn select_event(bridge: &StateBridge, id: JsValue) -> Result<(), JsValue> {
    let state = started(bridge, "selectEvent")?;
    if id.is_null() || id.is_undefined() {
        state.dispatch(Action::CloseCard);
        return Ok(());
    }
    let Some(id) = id.as_string() else {
        return Err(type_error(format!(
            "selectEvent: expected an event id (a string) or null, got {}",
            type_name(&id)
        )));
    };
    if state.catalog.event(&id).is_none() {
        return Err(type_error(format!(
            "selectEvent: no event with the id {id:?} in this dataset"
        )));
    }
    state.dispatch(Action::SelectEvent(id));
    Ok(())
}

/// `el.visibleEvents()`: the events the filters let through, as in the dataset file.
/// Written by the JSON serializer the app already has for its dataset export and parsed by
/// the browser: a `serde-wasm-bindgen` serializer for every event type would add about
/// 6 KB brotli to the element, over its budget, for the same objects.
pub fn visible_events(bridge: &StateBridge) -> Result<JsValue, JsValue> {
    let state = started(bridge, "visibleEvents")?;
    let events: Vec<_> = state.catalog.selected_events(state.selection()).collect();
    let json = serde_json::to_string_pretty(&events).map_err(|error| js_sys::Error::new(&error.to_string()))?;
    js_sys::JSON::parse(&json)
}

/// The `detail` of [`CHANGE_EVENT`].
pub fn change_detail(filters: &Filters, selected: Option<&str>, visible: usize) -> JsValue {
    #[derive(Serialize)]
    struct Change<'a> {
        filters: FilterObject,
        selected: Option<&'a str>,
        visible: usize,
    }
    to_js(&Change {
        filters: FilterObject::from_filters(filters),
        selected,
        visible,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(facet: Facet, key: &str) -> bool {
        matches!(
            (facet, key),
            (Facet::Category, "forum" | "signing") | (Facet::City, "wuxi")
        )
    }

    #[test]
    fn filters_round_trip_through_the_object() {
        let object = FilterObject {
            categories: vec!["forum".into(), "signing".into()],
            cities: vec!["wuxi".into()],
            q: Some("无锡".into()),
            from: Some("2023-01-01".into()),
            to: None,
            ..FilterObject::default()
        };
        let filters = object.clone().into_filters(known).unwrap();
        assert!(filters.is_selected(Facet::Category, "forum"));
        assert!(filters.is_selected(Facet::City, "wuxi"));
        assert_eq!(filters.text, "无锡");
        assert_eq!(FilterObject::from_filters(&filters), object);
        // Every key is there when read back, even unset ones.
        let empty = FilterObject::from_filters(&Filters::default());
        assert_eq!(empty.q.as_deref(), Some(""));
        assert_eq!((empty.from, empty.to), (None, None));
    }

    #[test]
    fn bad_values_are_named_with_their_key() {
        let unknown = FilterObject {
            categories: vec!["forum".into(), "picnic".into()],
            ..FilterObject::default()
        };
        assert_eq!(
            unknown.into_filters(known).unwrap_err(),
            r#"categories: "picnic" is not a value of this dataset"#
        );
        let not_a_date = FilterObject {
            from: Some("2023-13-01".into()),
            ..FilterObject::default()
        };
        assert_eq!(
            not_a_date.into_filters(known).unwrap_err(),
            r#"from: "2023-13-01" is not a date (YYYY-MM-DD)"#
        );
        let reversed = FilterObject {
            from: Some("2024-01-01".into()),
            to: Some("2023-01-01".into()),
            ..FilterObject::default()
        };
        assert_eq!(reversed.into_filters(known).unwrap_err(), "to: ends before from");
    }

    #[test]
    fn unknown_keys_are_refused_and_missing_ones_clear() {
        assert_eq!(FilterObject::check_keys(["q", "categories", "to"]), Ok(()));
        assert_eq!(
            FilterObject::check_keys(["q", "category"]).unwrap_err(),
            r#"unknown key "category"; expected one of categories, organisations, people, countries, regions, cities, tags, q, from, to"#
        );
        let partial = FilterObject {
            q: Some("wuxi".into()),
            ..FilterObject::default()
        };
        let filters = partial.into_filters(known).unwrap();
        assert!(filters.selected.is_empty() && filters.date_range.is_none());
        assert_eq!(filters.text, "wuxi");
    }
}
