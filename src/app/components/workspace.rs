//! How the filters and the views are arranged for the room the app has: side by side when
//! wide; when compact (phones, narrow columns: [`Layout`]), the views as tabs (one at a time, from `State::active_view`) and the filters in a
//! drawer that a button opens. The arrangement is the only thing decided here: each view is
//! its own component, and choosing a tab is an `Action::ShowView` like a link's `view=`.

use web_sys::{HtmlElement, KeyboardEvent};
use yew::prelude::*;

use super::{EventList, FilterPanel, Insights, Map, Timeline};
use crate::app::context::AppContext;
use crate::app::hooks::{focus, use_drawer};
use crate::app::state::{Action, State};
use health_atlas_explore::i18n::{result_count, InsightMessage, Message};
use health_atlas_explore::query::Filters;
use health_atlas_explore::share::ActiveView;
use health_atlas_model::Lang;

/// How the app is laid out, from the width it is given (its own box, measured by the shell
/// with a `ResizeObserver`), never from the window's: an element in a 650 px column of a wide
/// page is laid out as on a phone. The shell also sets each as a class on `.ha-app`
/// (`ha-compact`, `ha-stacked`), which `atlas.css` keys its narrow rules on.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Layout {
    /// The views as tabs and the filters in a drawer (phones, narrow columns).
    pub compact: bool,
    /// The detail card below the views instead of beside them.
    pub stacked: bool,
}

impl Layout {
    /// At this width and below (CSS pixels) the layout is compact: 44rem at the default font
    /// size; wider, the filter panel and the three views fit side by side.
    pub const COMPACT_WIDTH: f64 = 704.0;
    /// At this width and below the card goes below the views (64rem).
    pub const STACKED_WIDTH: f64 = 1024.0;

    /// The layout for a box `width` CSS pixels wide; 0 (not laid out yet) is wide.
    pub fn for_width(width: f64) -> Layout {
        let laid_out = width > 0.0;
        Layout {
            compact: laid_out && width <= Layout::COMPACT_WIDTH,
            stacked: laid_out && width <= Layout::STACKED_WIDTH,
        }
    }
}

/// The tabs on a phone, in order. The combined view shows the list there: the one view that
/// reads well at phone width and the accessible equal of the other two.
const TABS: [ActiveView; 4] = [
    ActiveView::Timeline,
    ActiveView::Map,
    ActiveView::List,
    ActiveView::Insights,
];

/// The filter panel and the views, arranged for the screen. The shell measures the app and
/// passes its [`Layout`] (an argument rather than a context: one more context type costs the
/// element's wasm more than a field). The shell, which owns the state and re-renders on every
/// change, calls it with the state: a function rather than a wrapper component reading the
/// context, which would cost the first render its own copy of Yew's lifecycle code.
pub fn workspace(state: &AppContext, layout: Layout) -> Html {
    let arrangement = ArrangementProps {
        compact: layout.compact,
        ..ArrangementProps::of(state)
    };
    html! { <WorkspaceView ..arrangement /> }
}

/// The arrangement reads the language, the chosen view, the filters (for the drawer button)
/// and the result's size (the phone's result count).
#[derive(Properties, PartialEq, Clone)]
pub struct ArrangementProps {
    /// From the shell's [`Layout`], not the state; `of` leaves it false.
    compact: bool,
    lang: Lang,
    active_view: ActiveView,
    filters: Filters,
    visible: usize,
    total: usize,
    dispatcher: UseReducerDispatcher<State>,
}

impl ArrangementProps {
    /// The snapshot of `state` this view reads.
    fn of(state: &AppContext) -> ArrangementProps {
        ArrangementProps {
            dispatcher: state.dispatcher(),
            compact: false,
            lang: state.lang,
            active_view: state.active_view,
            filters: state.filters.clone(),
            visible: state.selection().visible_count(),
            total: state.catalog.len(),
        }
    }
}

#[component]
fn WorkspaceView(props: &ArrangementProps) -> Html {
    let state = props;
    let narrow = props.compact;
    let drawer = use_drawer(narrow);
    let tab_refs = [use_node_ref(), use_node_ref(), use_node_ref(), use_node_ref()];
    if !narrow {
        // Wide, the insights replace the three views; a button switches between them.
        let insights = state.active_view == ActiveView::Insights;
        let onclick = {
            let dispatcher = state.dispatcher.clone();
            let next = if insights {
                ActiveView::Combined
            } else {
                ActiveView::Insights
            };
            Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::ShowView(next)))
        };
        let switch_label = if insights {
            InsightMessage::BackToViews
        } else {
            InsightMessage::Insights
        };
        return html! {
            <>
                <FilterPanel />
                <div class="ha-views">
                    <div class="ha-view-switch">
                        <button type="button" class="ha-tool ha-tool-text ha-insights-switch" {onclick}>
                            { switch_label.text(state.lang) }
                        </button>
                    </div>
                    if insights {
                        <Insights />
                    } else {
                        <Timeline />
                        <Map />
                        <EventList />
                    }
                </div>
            </>
        };
    }
    let lang = state.lang;
    let text = |message: Message| message.text(lang);
    let shown = match state.active_view {
        ActiveView::Combined => ActiveView::List,
        view => view,
    };
    let filter_count = active_filter_count(&state.filters);
    let count = result_count(state.visible, state.total, lang);

    // Arrow keys, Home and End move between tabs and show the tab they reach (the ARIA
    // tabs pattern with automatic activation); Tab leaves the tab list.
    let on_tab_key = {
        let dispatcher = state.dispatcher.clone();
        let tab_refs = tab_refs.clone();
        Callback::from(move |event: KeyboardEvent| {
            let current = TABS.iter().position(|&view| view == shown).unwrap_or(0);
            let next = match event.key().as_str() {
                "ArrowRight" => (current + 1) % TABS.len(),
                "ArrowLeft" => (current + TABS.len() - 1) % TABS.len(),
                "Home" => 0,
                "End" => TABS.len() - 1,
                _ => return,
            };
            event.prevent_default();
            dispatcher.dispatch(Action::ShowView(TABS[next]));
            if let Some(tab) = tab_refs[next].cast::<HtmlElement>() {
                let _ = tab.focus();
            }
        })
    };
    let tabs = TABS.iter().zip(tab_refs.iter()).map(|(&view, tab_ref)| {
        let selected = view == shown;
        let onclick = {
            let dispatcher = state.dispatcher.clone();
            Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::ShowView(view)))
        };
        html! {
            <button type="button" role="tab" class="ha-tab" id={format!("ha-tab-{}", view.slug())} ref={tab_ref.clone()}
                aria-selected={selected.to_string()} aria-controls={format!("ha-panel-{}", view.slug())}
                tabindex={if selected { "0" } else { "-1" }} {onclick}>
                { view_label(view, lang) }
            </button>
        }
    });
    // Only the shown view is rendered: a phone draws one view at a time.
    let panels = TABS.iter().map(|&view| {
        let selected = view == shown;
        html! {
            <div role="tabpanel" class="ha-tab-panel" id={format!("ha-panel-{}", view.slug())}
                aria-labelledby={format!("ha-tab-{}", view.slug())} hidden={!selected}>
                if selected {
                    { match view {
                        ActiveView::Timeline => html! { <Timeline /> },
                        ActiveView::Map => html! { <Map /> },
                        ActiveView::Insights => html! { <Insights /> },
                        _ => html! { <EventList /> },
                    } }
                }
            </div>
        }
    });

    let on_open = {
        let open = drawer.open.clone();
        Callback::from(move |_: MouseEvent| open.set(true))
    };
    let on_close = {
        let open = drawer.open.clone();
        Callback::from(move |_: MouseEvent| open.set(false))
    };
    // Escape closes the drawer (and goes no further: the card behind stays open). Tab from
    // its last control wraps to its first and Shift+Tab back: the page behind is covered.
    let on_drawer_key = {
        let open = drawer.open.clone();
        let (first, last) = (drawer.first.clone(), drawer.last.clone());
        Callback::from(move |event: KeyboardEvent| {
            let focused_is = |node: &NodeRef| {
                let focused = web_sys::window()
                    .and_then(|window| window.document())
                    .and_then(|document| document.active_element());
                focused.is_some() && node.get().is_some() && focused.map(web_sys::Node::from) == node.get()
            };
            match event.key().as_str() {
                "Escape" => {
                    event.prevent_default();
                    event.stop_propagation();
                    open.set(false);
                }
                "Tab" if !event.shift_key() && focused_is(&last) => {
                    event.prevent_default();
                    focus(&first);
                }
                "Tab" if event.shift_key() && focused_is(&first) => {
                    event.prevent_default();
                    focus(&last);
                }
                _ => {}
            }
        })
    };
    let is_open = *drawer.open;
    let filters_label = if filter_count > 0 {
        format!("{} ({filter_count})", text(Message::ShowFilters))
    } else {
        text(Message::ShowFilters).to_owned()
    };
    html! {
        <>
            <div class="ha-phone-bar">
                <button type="button" class="ha-tool ha-tool-text ha-filters-button" ref={drawer.opener.clone()}
                    aria-expanded={is_open.to_string()} aria-controls="ha-filter-drawer" onclick={on_open}>
                    { filters_label }
                </button>
                if !is_open {
                    <p class="ha-result-count ha-phone-count" role="status">{ count.clone() }</p>
                }
            </div>
            <div id="ha-filter-drawer" class="ha-drawer" role="dialog" aria-modal="true"
                aria-labelledby="ha-filters-heading" hidden={!is_open} onkeydown={on_drawer_key}>
                <div class="ha-drawer-head">
                    <button type="button" class="ha-close" ref={drawer.first.clone()} onclick={on_close.clone()}
                        aria-label={text(Message::CloseFilters)}>{ "×" }</button>
                </div>
                <FilterPanel />
                <button type="button" class="ha-tool ha-tool-text ha-show-results" ref={drawer.last.clone()}
                    onclick={on_close}>
                    { format!("{} · {count}", text(Message::ShowResults)) }
                </button>
            </div>
            <div class="ha-views ha-views-tabbed">
                <div role="tablist" class="ha-tabs" aria-label={text(Message::ViewsLabel)} onkeydown={on_tab_key}>
                    { for tabs }
                </div>
                { for panels }
            </div>
        </>
    }
}

fn view_label(view: ActiveView, lang: Lang) -> &'static str {
    match view {
        ActiveView::Timeline => Message::TimelineHeading.text(lang),
        ActiveView::Map => Message::MapHeading.text(lang),
        ActiveView::List | ActiveView::Combined => Message::ListHeading.text(lang),
        ActiveView::Insights => InsightMessage::Insights.text(lang),
    }
}

/// How many filters are set: each facet value, the dates and the search text count one.
fn active_filter_count(filters: &Filters) -> usize {
    let values: usize = filters.selected.values().map(|keys| keys.len()).sum();
    values + usize::from(filters.date_range.is_some()) + usize::from(!filters.text.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::Layout;

    #[test]
    fn the_layout_follows_the_width_given() {
        let compact = Layout {
            compact: true,
            stacked: true,
        };
        assert_eq!(Layout::for_width(320.0), compact);
        assert_eq!(Layout::for_width(650.0), compact, "a theme's content column");
        assert_eq!(Layout::for_width(704.0), compact);
        assert_eq!(
            Layout::for_width(705.0),
            Layout {
                compact: false,
                stacked: true
            }
        );
        assert_eq!(Layout::for_width(1100.0), Layout::default());
        assert_eq!(Layout::for_width(0.0), Layout::default(), "not laid out yet: wide");
    }
}
