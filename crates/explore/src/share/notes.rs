//! A part of a link that was not used, and why, in the reader's language: the strings of
//! [`IgnoredPart`], beside the link reader that makes it (the i18n catalog sits below this
//! module, so it does not name link types).

use health_atlas_model::Lang;

use super::url_state::{IgnoreReason, IgnoredPart, URL_VERSION};
use crate::i18n::{fill, pick};

/// A part of a link that was not used, and why. The part itself is already cut short by
/// `share::decode`; unknown keys are only counted.
pub fn ignored_part_text(ignored: &IgnoredPart, lang: Lang) -> String {
    let reason = ignore_reason_text(&ignored.reason, lang);
    if ignored.part.is_empty() {
        reason
    } else {
        format!("{}{}{reason}", ignored.part, pick(lang, ": ", "：", " : "))
    }
}

fn ignore_reason_text(reason: &IgnoreReason, lang: Lang) -> String {
    match reason {
        IgnoreReason::UnknownKeys { count: 1 } => fill(
            lang,
            [
                "1 unrecognised link setting was ignored",
                "已忽略 1 项无法识别的链接设置",
                "1 réglage de lien non reconnu a été ignoré",
            ],
            &[],
        ),
        IgnoreReason::UnknownKeys { count } => fill(
            lang,
            [
                "{0} unrecognised link settings were ignored",
                "已忽略 {0} 项无法识别的链接设置",
                "{0} réglages de lien non reconnus ont été ignorés",
            ],
            &[count],
        ),
        IgnoreReason::MoreNotes { count } => {
            fill(lang, ["… and {0} more", "……另有 {0} 项", "… et {0} de plus"], &[count])
        }
        IgnoreReason::TooLong { limit } => fill(
            lang,
            [
                "the link is longer than {0} characters and was not read",
                "链接超过 {0} 个字符，未被读取",
                "le lien dépasse {0} caractères et n'a pas été lu",
            ],
            &[limit],
        ),
        IgnoreReason::TooManyValues { dropped, limit } => fill(
            lang,
            [
                "{0} filter values beyond the first {1} were ignored",
                "只使用了前 {1} 个筛选值，其余 {0} 个已忽略",
                "{0} valeurs de filtre au-delà des {1} premières ont été ignorées",
            ],
            &[dropped, limit],
        ),
        IgnoreReason::NewerVersion { found } => fill(
            lang,
            [
                "the link was made by a newer version ({0}); this version ({1}) read what it could",
                "此链接由较新版本（{0}）生成；当前版本（{1}）已尽量读取",
                "le lien vient d'une version plus récente ({0}) ; cette version ({1}) en a lu ce qu'elle pouvait",
            ],
            &[found, &URL_VERSION],
        ),
        IgnoreReason::NotAVersion => fill(
            lang,
            [
                "not a version number",
                "不是版本号",
                "ce n'est pas un numéro de version",
            ],
            &[],
        ),
        IgnoreReason::Repeated => fill(
            lang,
            [
                "repeated key; the first one was used",
                "键重复；已使用第一个",
                "clé répétée ; la première a été utilisée",
            ],
            &[],
        ),
        IgnoreReason::NotADate => fill(
            lang,
            [
                "not a date (YYYY-MM-DD)",
                "不是日期（YYYY-MM-DD）",
                "ce n'est pas une date (AAAA-MM-JJ)",
            ],
            &[],
        ),
        IgnoreReason::ReversedRange => fill(
            lang,
            ["ends before it starts", "结束早于开始", "finit avant de commencer"],
            &[],
        ),
        IgnoreReason::NotAMapView => fill(
            lang,
            [
                "not a map view (longitude,latitude,zoom)",
                "不是地图视图（经度,纬度,缩放级别）",
                "ce n'est pas une vue de carte (longitude,latitude,zoom)",
            ],
            &[],
        ),
        IgnoreReason::UnknownLanguage => fill(
            lang,
            [
                "unknown language; expected one of en, zh, fr",
                "未知语言；应为 en、zh、fr 之一",
                "langue inconnue ; en, zh ou fr attendu",
            ],
            &[],
        ),
        IgnoreReason::UnknownView => fill(
            lang,
            [
                "unknown view; expected one of combined, timeline, map, list, insights",
                "未知视图；应为 combined、timeline、map、list、insights 之一",
                "vue inconnue ; combined, timeline, map, list ou insights attendu",
            ],
            &[],
        ),
        IgnoreReason::NotAStep => fill(
            lang,
            [
                "not a step of a story (story=…&step=1)",
                "不是故事中的步骤（story=…&step=1）",
                "ce n'est pas une étape d'un récit (story=…&step=1)",
            ],
            &[],
        ),
        IgnoreReason::UnknownStory => fill(
            lang,
            [
                "no story with this id in the dataset",
                "数据集中没有此 id 的故事",
                "aucun récit de cet identifiant dans le jeu de données",
            ],
            &[],
        ),
        IgnoreReason::NotUtf8 => fill(
            lang,
            [
                "its percent-escapes are not UTF-8 text",
                "其百分号转义不是 UTF-8 文本",
                "ses échappements % ne sont pas du texte UTF-8",
            ],
            &[],
        ),
        IgnoreReason::UnknownEvent => fill(
            lang,
            [
                "no event with this id in the dataset",
                "数据集中没有此 id 的事件",
                "aucun événement de cet identifiant dans le jeu de données",
            ],
            &[],
        ),
        IgnoreReason::UnknownFacetValue => fill(
            lang,
            [
                "no such value in the dataset",
                "数据集中没有这个值",
                "cette valeur n'existe pas dans le jeu de données",
            ],
            &[],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::share::decode;

    #[test]
    fn ignored_parts_say_why_in_each_language() {
        let decoded =
            decode("v=9&from=x&lang=de&view=globe&t=2024-01-01~2023-01-01&map=1&event=a&event=b&q=%FF&what=1&who=2");
        assert_eq!(decoded.ignored.len(), 9);
        for ignored in &decoded.ignored {
            assert_eq!(ignored_part_text(ignored, Lang::En), ignored.to_string());
            assert_ne!(ignored_part_text(ignored, Lang::Fr), ignored.to_string());
        }
        assert_eq!(
            ignored_part_text(decoded.ignored.last().unwrap(), Lang::Zh), // ok: nine notes
            "已忽略 2 项无法识别的链接设置"
        );
        let mut story_notes = decode("step=x&step=2").ignored;
        let mut unknown_story = crate::share::ViewState {
            story: Some(crate::share::StoryLink {
                id: "nowhere".into(),
                step: 1,
            }),
            ..Default::default()
        };
        let catalog = crate::query::Catalog::new(health_atlas_dataset::embedded_dataset().unwrap());
        story_notes.extend(crate::share::drop_unknown_in_catalog(&mut unknown_story, &catalog));
        assert_eq!(story_notes.len(), 3, "{story_notes:?}");
        for ignored in &story_notes {
            assert_eq!(ignored_part_text(ignored, Lang::En), ignored.to_string());
            assert_ne!(ignored_part_text(ignored, Lang::Zh), ignored.to_string());
        }
    }
}
