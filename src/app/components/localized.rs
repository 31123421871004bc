use yew::prelude::*;

use crate::i18n::{language_name_in, Message};
use crate::model::{Lang, LocalizedText};

#[derive(Properties, PartialEq)]
pub struct LocalizedProps {
    pub text: LocalizedText,
    pub lang: Lang,
}

/// A dataset text in the reader's language, or in another one with a visible marker
/// saying so (and the right `lang` attribute for screen readers and fonts).
#[component]
pub fn Localized(props: &LocalizedProps) -> Html {
    match props.text.resolve(props.lang) {
        None => Html::default(),
        Some((text, shown)) if shown == props.lang => html! { <>{ text }</> },
        Some((text, shown)) => {
            let explanation = format!(
                "{} {}",
                Message::FallbackLanguage.text(props.lang),
                language_name_in(shown, props.lang)
            );
            html! {
                <>
                    <span lang={shown.tag()}>{ text }</span>
                    { " " }
                    <abbr class="ha-fallback" title={explanation.clone()} aria-label={explanation}>
                        { shown.tag().to_uppercase() }
                    </abbr>
                </>
            }
        }
    }
}
