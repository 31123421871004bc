use yew::prelude::*;

use health_atlas_explore::i18n::{language_name_in, Message};
use health_atlas_model::{Lang, LocalizedText};
use health_atlas_search::match_ranges;

/// A dataset text in the reader's language, or in another one with a visible marker
/// saying so (and the right `lang` attribute for screen readers and fonts). `highlight`: the
/// search query whose matches are marked with `<mark>`; empty for none. A function, not a
/// component: it has no state, and each component type costs the first render its own copy
/// of Yew's lifecycle code (docs/payload-size.md).
pub fn localized(text: &LocalizedText, lang: Lang, highlight: &str) -> Html {
    match text.resolve(lang) {
        None => Html::default(),
        Some((text, shown)) if shown == lang => highlighted(text, highlight),
        Some((text, shown)) => {
            let explanation = format!(
                "{} {}",
                Message::FallbackLanguage.text(lang),
                language_name_in(shown, lang)
            );
            html! {
                <>
                    <span lang={shown.tag()}>{ highlighted(text, highlight) }</span>
                    { " " }
                    <abbr class="ha-fallback" title={explanation.clone()} aria-label={explanation}>
                        { shown.tag().to_ascii_uppercase() }
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
