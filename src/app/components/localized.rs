use yew::prelude::*;

use health_atlas_explore::i18n::{language_name_in, Message};
use health_atlas_model::{Lang, LocalizedText};
use health_atlas_search::match_ranges;

#[derive(Properties, PartialEq)]
pub struct LocalizedProps {
    pub text: LocalizedText,
    pub lang: Lang,
    /// The search query whose matches are marked with `<mark>`; empty for none.
    #[prop_or_default]
    pub highlight: AttrValue,
}

/// A dataset text in the reader's language, or in another one with a visible marker
/// saying so (and the right `lang` attribute for screen readers and fonts).
#[component]
pub fn Localized(props: &LocalizedProps) -> Html {
    match props.text.resolve(props.lang) {
        None => Html::default(),
        Some((text, shown)) if shown == props.lang => highlighted(text, &props.highlight),
        Some((text, shown)) => {
            let explanation = format!(
                "{} {}",
                Message::FallbackLanguage.text(props.lang),
                language_name_in(shown, props.lang)
            );
            html! {
                <>
                    <span lang={shown.tag()}>{ highlighted(text, &props.highlight) }</span>
                    { " " }
                    <abbr class="ha-fallback" title={explanation.clone()} aria-label={explanation}>
                        { shown.tag().to_uppercase() }
                    </abbr>
                </>
            }
        }
    }
}

/// `text` with the parts that match `query` wrapped in `<mark>` (as text nodes, never HTML).
fn highlighted(text: &str, query: &str) -> Html {
    if query.trim().is_empty() {
        return html! { <>{ text.to_owned() }</> };
    }
    let mut parts: Vec<Html> = Vec::new();
    let mut position = 0;
    for range in match_ranges(text, query) {
        parts.push(html! { <>{ text[position..range.start].to_owned() }</> });
        parts.push(html! { <mark class="ha-match">{ text[range.clone()].to_owned() }</mark> });
        position = range.end;
    }
    parts.push(html! { <>{ text[position..].to_owned() }</> });
    html! { <>{ for parts }</> }
}
