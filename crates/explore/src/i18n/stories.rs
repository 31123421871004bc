//! The strings of story mode (the story panel, its picker and its buttons), in English,
//! Simplified Chinese and French. A catalog of its own beside [`super::Message`], kept apart so
//! the stories' strings change in one file; same rule: every arm lists `[en, zh, fr]`.

use super::errors::fill;
use health_atlas_model::Lang;

/// A string of story mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoryMessage {
    /// The picker's button and the panel's landmark name.
    Stories,
    /// The picker's hint.
    PickStory,
    /// The title card's button to the first step.
    Start,
    Next,
    Back,
    /// Leaves story mode (also Escape).
    Leave,
    /// Under the panel's buttons: the keys that move through a story.
    KeysHint,
    /// The ad-hoc story of the events shown.
    PlayShown,
    /// The title of that ad-hoc story.
    ShownEvents,
}

impl StoryMessage {
    /// The message in `lang`. Every arm lists `[en, zh, fr]`.
    pub fn text(self, lang: Lang) -> &'static str {
        let [en, zh, fr] = match self {
            StoryMessage::Stories => ["Stories", "故事", "Récits"],
            StoryMessage::PickStory => [
                "Follow a guided story through the events",
                "跟随故事浏览事件",
                "Suivre un récit guidé à travers les événements",
            ],
            StoryMessage::Start => ["Start", "开始", "Commencer"],
            StoryMessage::Next => ["Next", "下一步", "Suivant"],
            StoryMessage::Back => ["Back", "上一步", "Précédent"],
            StoryMessage::Leave => ["Leave story", "退出故事", "Quitter le récit"],
            StoryMessage::KeysHint => [
                "← → move, Home and End go to the start and the end, Escape leaves",
                "← → 前后移动，Home 和 End 跳到开头和结尾，Esc 退出",
                "← → pour avancer ou reculer, Début et Fin pour le début et la fin, Échap pour quitter",
            ],
            StoryMessage::PlayShown => [
                "Play these events as a story",
                "将这些事件作为故事播放",
                "Parcourir ces événements comme un récit",
            ],
            StoryMessage::ShownEvents => ["The events shown", "当前显示的事件", "Les événements affichés"],
        };
        super::pick(lang, en, zh, fr)
    }
}

/// "Step 2 of 5", as the panel shows and announces it.
pub fn step_of(step: usize, steps: usize, lang: Lang) -> String {
    fill(
        lang,
        ["Step {0} of {1}", "第 {0} 步，共 {1} 步", "Étape {0} sur {1}"],
        &[&step, &steps],
    )
}

/// "4 steps", on a story's title card.
pub fn steps_count(steps: usize, lang: Lang) -> String {
    match (steps, lang) {
        (1, Lang::En) => "1 step".to_owned(),
        (1, Lang::Fr) => "1 étape".to_owned(),
        _ => fill(lang, ["{0} steps", "共 {0} 步", "{0} étapes"], &[&steps]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_counts_read_in_each_language() {
        assert_eq!(step_of(2, 5, Lang::En), "Step 2 of 5");
        assert_eq!(step_of(2, 5, Lang::Zh), "第 2 步，共 5 步");
        assert_eq!(step_of(2, 5, Lang::Fr), "Étape 2 sur 5");
        assert_eq!(StoryMessage::Next.text(Lang::Fr), "Suivant");
        assert_eq!(steps_count(4, Lang::Zh), "共 4 步");
        assert_eq!(steps_count(1, Lang::En), "1 step");
    }
}
