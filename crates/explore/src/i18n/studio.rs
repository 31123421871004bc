//! The strings of the studio page (studio.html, the maintainers' editor), in English,
//! Simplified Chinese and French. A catalog of its own beside [`super::Message`], so the
//! editor's words change in one file and the atlas's wasm never links them (only the
//! studio calls them); same rule: every arm lists `[en, zh, fr]`.

use super::errors::fill;
use health_atlas_model::csv::{CsvError, CsvProblem};
use health_atlas_model::Lang;

/// A string of the studio page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StudioMessage {
    Title,
    Intro,
    Language,
    OpenHeading,
    DropHint,
    ChooseFile,
    StartBuiltIn,
    StartEmpty,
    ReplaceUnsaved,
    TemplateHeading,
    TemplateXlsx,
    TemplateCsv,
    DraftFound,
    RestoreDraft,
    DiscardDraft,
    OpenFailed,
    Reading,
    ProblemsHeading,
    NoProblems,
    ColumnWhere,
    ColumnField,
    ColumnProblem,
    GoToProblem,
    EventsHeading,
    AddEvent,
    DuplicateEvent,
    DeleteEvent,
    ConfirmDelete,
    Undo,
    Redo,
    SaveHeading,
    SaveJson,
    SaveCsv,
    SaveStoriesCsv,
    SaveXlsx,
    SavedAll,
    Unsaved,
    EditorTab,
    PreviewTab,
    PreviewHelp,
    EventHeading,
    NoEventSelected,
    FieldId,
    FieldTitle,
    FieldSummary,
    FieldCategory,
    FieldStart,
    FieldEnd,
    FieldPrecision,
    FieldDateNote,
    FieldTags,
    FieldNote,
    Places,
    LocationNotStated,
    AddPlace,
    PlaceName,
    PlaceCity,
    PlaceRegion,
    PlaceCountry,
    PlaceLat,
    PlaceLon,
    PlacePrecision,
    Organisations,
    AddOrganisation,
    People,
    AddPerson,
    Name,
    Role,
    PersonTitle,
    Affiliation,
    Figures,
    AddFigure,
    FigureLabel,
    FigureValue,
    FigureUnit,
    FigureQualifier,
    Relations,
    AddRelation,
    RelationKind,
    RelationTarget,
    ChooseEvent,
    Sources,
    AddSource,
    SourceFile,
    SourceTitle,
    SourcePublisher,
    SourcePublished,
    SourceLanguage,
    SourceUrl,
    SourceQuote,
    Remove,
    English,
    Chinese,
    French,
    NotADay,
    NotANumber,
    NotAChoice,
    NoSuchRecord,
    StorageFailed,
    LeaveWarning,
    PickOnMap,
    MapUnavailable,
    ZoomIn,
    ZoomOut,
}

impl StudioMessage {
    /// The message in `lang`. Every arm lists `[en, zh, fr]`.
    pub fn text(self, lang: Lang) -> &'static str {
        use StudioMessage as M;
        let [en, zh, fr] = match self {
            M::Title => ["Health Atlas studio", "健康产业地图编辑室", "Atelier de l'Atlas de la santé"],
            M::Intro => [
                "Open the events, fix what the checker finds, edit them, preview the atlas and save. Everything stays in this browser.",
                "打开事件数据，修正检查发现的问题，编辑、预览地图并保存。所有内容只保存在本浏览器中。",
                "Ouvrez les événements, corrigez ce que la vérification signale, modifiez-les, prévisualisez l'atlas et enregistrez. Tout reste dans ce navigateur.",
            ],
            M::Language => ["Language", "语言", "Langue"],
            M::OpenHeading => ["Open", "打开", "Ouvrir"],
            M::DropHint => [
                "Drop events.json, a CSV file or an Excel/ODS workbook here",
                "将 events.json、CSV 文件或 Excel/ODS 工作簿拖到这里",
                "Déposez ici events.json, un fichier CSV ou un classeur Excel/ODS",
            ],
            M::ChooseFile => ["Choose a file…", "选择文件…", "Choisir un fichier…"],
            M::StartBuiltIn => ["Start from the built-in events", "从内置事件开始", "Partir des événements intégrés"],
            M::StartEmpty => ["New, empty", "新建空白", "Nouveau, vide"],
            M::ReplaceUnsaved => [
                "The events on screen have unsaved changes. Replace them anyway?",
                "当前事件有未保存的修改。仍要替换吗？",
                "Les événements affichés ont des modifications non enregistrées. Les remplacer quand même ?",
            ],
            M::TemplateHeading => ["Blank template", "空白模板", "Modèle vierge"],
            M::TemplateXlsx => ["Template (.xlsx)", "模板（.xlsx）", "Modèle (.xlsx)"],
            M::TemplateCsv => ["Template (CSV)", "模板（CSV）", "Modèle (CSV)"],
            M::DraftFound => [
                "Unsaved work from an earlier visit was kept: {0}, {1} events.",
                "已保留上次未保存的工作：{0}，{1} 个事件。",
                "Un travail non enregistré d'une visite précédente a été conservé : {0}, {1} événements.",
            ],
            M::RestoreDraft => ["Restore it", "恢复", "Le reprendre"],
            M::DiscardDraft => ["Discard it", "丢弃", "L'abandonner"],
            M::OpenFailed => ["{0} could not be opened:", "无法打开 {0}：", "Impossible d'ouvrir {0} :"],
            M::Reading => ["Reading {0}…", "正在读取 {0}…", "Lecture de {0}…"],
            M::ProblemsHeading => ["Problems", "问题", "Problèmes"],
            M::NoProblems => [
                "No problems: the events are valid.",
                "没有问题：事件数据有效。",
                "Aucun problème : les événements sont valides.",
            ],
            M::ColumnWhere => ["Row or event", "行或事件", "Ligne ou événement"],
            M::ColumnField => ["Column or field", "列或字段", "Colonne ou champ"],
            M::ColumnProblem => ["What was expected", "应为", "Ce qui était attendu"],
            M::GoToProblem => ["Open this field", "打开此字段", "Ouvrir ce champ"],
            M::EventsHeading => ["Events", "事件", "Événements"],
            M::AddEvent => ["Add an event", "添加事件", "Ajouter un événement"],
            M::DuplicateEvent => ["Duplicate", "复制", "Dupliquer"],
            M::DeleteEvent => ["Delete", "删除", "Supprimer"],
            M::ConfirmDelete => [
                "Delete the event {0}? (Undo brings it back.)",
                "删除事件 {0}？（可撤销。）",
                "Supprimer l'événement {0} ? (Annuler le rétablit.)",
            ],
            M::Undo => ["Undo", "撤销", "Annuler"],
            M::Redo => ["Redo", "重做", "Rétablir"],
            M::SaveHeading => ["Save", "保存", "Enregistrer"],
            M::SaveJson => ["events.json", "events.json", "events.json"],
            M::SaveCsv => ["CSV", "CSV", "CSV"],
            M::SaveStoriesCsv => ["Stories CSV", "故事 CSV", "Récits CSV"],
            M::SaveXlsx => ["Excel (.xlsx)", "Excel（.xlsx）", "Excel (.xlsx)"],
            M::SavedAll => ["All changes saved.", "所有修改已保存。", "Toutes les modifications sont enregistrées."],
            M::Unsaved => [
                "Unsaved changes (kept in this browser until you save or discard them).",
                "有未保存的修改（保存或丢弃前会保留在本浏览器中）。",
                "Modifications non enregistrées (conservées dans ce navigateur jusqu'à leur enregistrement ou abandon).",
            ],
            M::EditorTab => ["Editor", "编辑", "Éditeur"],
            M::PreviewTab => ["Preview", "预览", "Aperçu"],
            M::PreviewHelp => [
                "The atlas with the events as they are now.",
                "使用当前事件数据的地图。",
                "L'atlas avec les événements tels qu'ils sont maintenant.",
            ],
            M::EventHeading => ["Event", "事件", "Événement"],
            M::NoEventSelected => [
                "Choose an event in the list, or add one.",
                "在列表中选择一个事件，或添加一个。",
                "Choisissez un événement dans la liste, ou ajoutez-en un.",
            ],
            M::FieldId => ["Id (used in links)", "标识（用于链接）", "Identifiant (dans les liens)"],
            M::FieldTitle => ["Title", "标题", "Titre"],
            M::FieldSummary => ["Summary", "摘要", "Résumé"],
            M::FieldCategory => ["Category", "类别", "Catégorie"],
            M::FieldStart => ["First day", "开始日期", "Premier jour"],
            M::FieldEnd => ["Last day (empty: one day)", "结束日期（单日留空）", "Dernier jour (vide : un jour)"],
            M::FieldPrecision => ["Date precision", "日期精度", "Précision de la date"],
            M::FieldDateNote => ["Date note", "日期说明", "Note sur la date"],
            M::FieldTags => ["Tags (separated by ;)", "标签（用 ; 分隔）", "Étiquettes (séparées par ;)"],
            M::FieldNote => ["Editor's note", "编辑说明", "Note éditoriale"],
            M::Places => ["Places", "地点", "Lieux"],
            M::LocationNotStated => ["Location not stated", "未说明地点", "Lieu non précisé"],
            M::AddPlace => ["Add a place", "添加地点", "Ajouter un lieu"],
            M::PlaceName => ["Place name", "地点名称", "Nom du lieu"],
            M::PlaceCity => ["City", "城市", "Ville"],
            M::PlaceRegion => ["Region", "地区", "Région"],
            M::PlaceCountry => ["Country (ISO code, e.g. CN)", "国家（ISO 代码，如 CN）", "Pays (code ISO, p. ex. CN)"],
            M::PlaceLat => ["Latitude", "纬度", "Latitude"],
            M::PlaceLon => ["Longitude", "经度", "Longitude"],
            M::PlacePrecision => ["Place precision", "地点精度", "Précision du lieu"],
            M::Organisations => ["Organisations", "机构", "Organisations"],
            M::AddOrganisation => ["Add an organisation", "添加机构", "Ajouter une organisation"],
            M::People => ["People", "人物", "Personnes"],
            M::AddPerson => ["Add a person", "添加人物", "Ajouter une personne"],
            M::Name => ["Name", "名称", "Nom"],
            M::Role => ["Role", "角色", "Rôle"],
            M::PersonTitle => ["Position", "职务", "Fonction"],
            M::Affiliation => ["Affiliation", "所属单位", "Affiliation"],
            M::Figures => ["Key figures", "关键数据", "Chiffres clés"],
            M::AddFigure => ["Add a figure", "添加数据", "Ajouter un chiffre"],
            M::FigureLabel => ["Label", "说明", "Libellé"],
            M::FigureValue => ["Value", "数值", "Valeur"],
            M::FigureUnit => ["Unit", "单位", "Unité"],
            M::FigureQualifier => ["Qualifier", "限定", "Qualificatif"],
            M::Relations => ["Related events", "相关事件", "Événements liés"],
            M::AddRelation => ["Add a relation", "添加关联", "Ajouter un lien"],
            M::RelationKind => ["Relation", "关系", "Relation"],
            M::RelationTarget => ["Event", "事件", "Événement"],
            M::ChooseEvent => ["(choose an event)", "（选择事件）", "(choisir un événement)"],
            M::Sources => ["Sources", "来源", "Sources"],
            M::AddSource => ["Add a source", "添加来源", "Ajouter une source"],
            M::SourceFile => ["File", "文件", "Fichier"],
            M::SourceTitle => ["Article title", "文章标题", "Titre de l'article"],
            M::SourcePublisher => ["Publisher", "发布者", "Éditeur"],
            M::SourcePublished => ["Published", "发布日期", "Publié le"],
            M::SourceLanguage => ["Language (en, zh, fr…)", "语言（en、zh、fr…）", "Langue (en, zh, fr…)"],
            M::SourceUrl => ["Address (https://…)", "网址（https://…）", "Adresse (https://…)"],
            M::SourceQuote => ["Quote (verbatim)", "引文（原文）", "Citation (mot pour mot)"],
            M::Remove => ["Remove", "移除", "Retirer"],
            M::English => ["English", "英文", "anglais"],
            M::Chinese => ["Chinese", "中文", "chinois"],
            M::French => ["French", "法文", "français"],
            M::NotADay => ["expected a day, YYYY-MM-DD", "应为日期，格式 YYYY-MM-DD", "une date AAAA-MM-JJ était attendue"],
            M::NotANumber => ["expected a number such as 31.49", "应为数字，如 31.49", "un nombre tel que 31.49 était attendu"],
            M::NotAChoice => ["expected one of the list", "应为列表中的一项", "une valeur de la liste était attendue"],
            M::NoSuchRecord => ["this record no longer exists", "该记录已不存在", "cet élément n'existe plus"],
            M::StorageFailed => [
                "This browser did not keep a copy of the work in progress (storage full or off): save before closing.",
                "浏览器未能保留进行中的工作（存储已满或被禁用）：关闭前请保存。",
                "Ce navigateur n'a pas gardé de copie du travail en cours (stockage plein ou désactivé) : enregistrez avant de fermer.",
            ],
            M::PickOnMap => [
                "Click the map to put the place there (or type its latitude and longitude).",
                "点击地图以放置地点（或输入纬度和经度）。",
                "Cliquez sur la carte pour y placer le lieu (ou saisissez sa latitude et sa longitude).",
            ],
            M::MapUnavailable => [
                "The map could not be loaded; type the latitude and longitude.",
                "无法加载地图；请输入纬度和经度。",
                "La carte n'a pas pu être chargée ; saisissez la latitude et la longitude.",
            ],
            M::ZoomIn => ["Zoom in", "放大", "Zoomer"],
            M::ZoomOut => ["Zoom out", "缩小", "Dézoomer"],
            M::LeaveWarning => [
                "There are unsaved changes.",
                "有未保存的修改。",
                "Des modifications ne sont pas enregistrées.",
            ],
        };
        super::pick(lang, en, zh, fr)
    }

    /// The message with `{0}`, `{1}`… filled in.
    pub fn with(self, lang: Lang, values: &[&dyn std::fmt::Display]) -> String {
        let texts = [self.text(Lang::En), self.text(Lang::Zh), self.text(Lang::Fr)];
        fill(lang, texts, values)
    }
}

/// Where a file's problem is, as the studio's table shows it: a spreadsheet row, a line of
/// a JSON file, an event.
pub fn studio_row(row: u64, lang: Lang) -> String {
    fill(lang, ["row {0}", "第 {0} 行", "ligne {0}"], &[&row])
}

pub fn studio_line(line: usize, lang: Lang) -> String {
    fill(
        lang,
        ["line {0}", "第 {0} 行（文件）", "ligne {0} du fichier"],
        &[&line],
    )
}

/// "Read as CSV in GB18030", "Read from the sheet events" and the like.
pub fn studio_opened(name: &str, how: &str, events: usize, lang: Lang) -> String {
    fill(
        lang,
        [
            "Opened {0} ({1}): {2} events.",
            "已打开 {0}（{1}）：{2} 个事件。",
            "{0} ouvert ({1}) : {2} événements.",
        ],
        &[&name, &how, &events],
    )
}

pub fn studio_csv_encoding(encoding: &str, lang: Lang) -> String {
    fill(
        lang,
        ["CSV, read as {0}", "CSV，按 {0} 编码读取", "CSV, lu en {0}"],
        &[&encoding],
    )
}

pub fn studio_sheet(sheet: &str, lang: Lang) -> String {
    fill(
        lang,
        ["workbook, sheet {0}", "工作簿，工作表 {0}", "classeur, feuille {0}"],
        &[&sheet],
    )
}

pub fn studio_too_large(megabytes: u64, lang: Lang) -> String {
    fill(
        lang,
        [
            "the file is larger than {0} MB, the most the studio reads",
            "文件大于 {0} MB，超出编辑室的读取上限",
            "le fichier dépasse {0} Mo, le maximum que l'atelier lit",
        ],
        &[&megabytes],
    )
}

pub fn studio_too_many_events(found: usize, limit: usize, lang: Lang) -> String {
    fill(
        lang,
        [
            "{0} events; the studio reads at most {1}",
            "{0} 个事件；编辑室最多读取 {1} 个",
            "{0} événements ; l'atelier en lit au plus {1}",
        ],
        &[&found, &limit],
    )
}

pub fn studio_not_text(lang: Lang) -> &'static str {
    super::pick(
        lang,
        "this is not a text file (it holds binary data): expected events.json, a CSV file or an .xlsx/.ods workbook",
        "这不是文本文件（含有二进制数据）：应为 events.json、CSV 文件或 .xlsx/.ods 工作簿",
        "ce n'est pas un fichier texte (il contient des données binaires) : events.json, un fichier CSV ou un classeur .xlsx/.ods était attendu",
    )
}

pub fn studio_bad_utf16(lang: Lang) -> &'static str {
    super::pick(
        lang,
        "the file starts as UTF-16 text but does not decode as it",
        "文件以 UTF-16 开头，但无法按 UTF-16 解码",
        "le fichier commence comme un texte UTF-16 mais ne se décode pas ainsi",
    )
}

pub fn studio_mixed_encodings(utf8_line: usize, other_line: usize, lang: Lang) -> String {
    fill(
        lang,
        [
            "the file mixes encodings: line {0} is UTF-8 but line {1} is not; save it again as UTF-8 (nothing was read)",
            "文件混用了多种编码：第 {0} 行是 UTF-8，第 {1} 行不是；请另存为 UTF-8（未读取任何内容）",
            "le fichier mélange des encodages : la ligne {0} est en UTF-8 mais pas la ligne {1} ; enregistrez-le à nouveau en UTF-8 (rien n'a été lu)",
        ],
        &[&utf8_line, &other_line],
    )
}

pub fn studio_unreadable_workbook(detail: &str, lang: Lang) -> String {
    fill(
        lang,
        [
            "not a workbook the studio can read ({0})",
            "编辑室无法读取此工作簿（{0}）",
            "classeur illisible pour l'atelier ({0})",
        ],
        &[&detail],
    )
}

pub fn studio_no_sheet(lang: Lang) -> &'static str {
    super::pick(
        lang,
        "the workbook has no sheet of events; expected a sheet named events",
        "工作簿中没有事件工作表；应有名为 events 的工作表",
        "le classeur n'a pas de feuille d'événements ; une feuille nommée events était attendue",
    )
}

/// A CSV file's or a sheet's problem (what is wrong, what was expected) in `lang`; a problem
/// without a value of its own is told in the reader's English words.
pub fn csv_problem_text(error: &CsvError, lang: Lang) -> String {
    match &error.kind {
        CsvProblem::UnknownColumn { expected } => fill(
            lang,
            [
                "unknown column; expected one of: {0}",
                "未知的列；应为以下之一：{0}",
                "colonne inconnue ; l'une de celles-ci était attendue : {0}",
            ],
            &[expected],
        ),
        CsvProblem::DuplicateColumn => super::pick(
            lang,
            "column appears twice",
            "该列出现了两次",
            "la colonne apparaît deux fois",
        )
        .into(),
        CsvProblem::MissingColumn => super::pick(
            lang,
            "required column is missing",
            "缺少必需的列",
            "une colonne obligatoire manque",
        )
        .into(),
        CsvProblem::NotACategory { value } => {
            let expected: Vec<&str> = health_atlas_model::Category::ALL
                .iter()
                .map(|category| category.slug())
                .collect();
            fill(
                lang,
                [
                    "\"{0}\" is not a category; expected one of: {1}",
                    "“{0}”不是有效的类别；应为以下之一：{1}",
                    "« {0} » n'est pas une catégorie ; l'une de celles-ci était attendue : {1}",
                ],
                &[value, &expected.join(", ")],
            )
        }
        CsvProblem::NotADate { value } => fill(
            lang,
            [
                "\"{0}\" is not a date; expected YYYY-MM-DD",
                "“{0}”不是日期；应为 YYYY-MM-DD",
                "« {0} » n'est pas une date ; AAAA-MM-JJ était attendu",
            ],
            &[value],
        ),
        CsvProblem::NotAPrecision { value } => fill(
            lang,
            [
                "\"{0}\" is not a precision; expected exact, approximate, month or year",
                "“{0}”不是有效的精度；应为 exact、approximate、month 或 year",
                "« {0} » n'est pas une précision ; exact, approximate, month ou year était attendu",
            ],
            &[value],
        ),
        CsvProblem::Other => error.message.clone(),
    }
}

pub fn studio_sheet_cell(sheet: &str, lang: Lang) -> String {
    fill(lang, ["sheet {0}", "工作表 {0}", "feuille {0}"], &[&sheet])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_fill_in_every_language() {
        for lang in Lang::ALL {
            let text = StudioMessage::DraftFound.with(lang, &[&"a.json", &3]);
            assert!(
                text.contains("a.json") && text.contains('3') && !text.contains('{'),
                "{text}"
            );
        }
        assert_eq!(studio_row(5, Lang::Zh), "第 5 行");
    }

    #[test]
    fn csv_problems_are_told_in_each_language_and_in_english_as_the_cli_says_them() {
        let text = "id,title_en,category,start,precision,sources,colour\na,A,picnic,2024-13-01,daily,file=f | language=en | quote=q,red\n";
        let header_errors = health_atlas_model::csv::import_csv(text).unwrap_err();
        let text = text.replace(",colour", "").replace(",red", "");
        let row_errors = health_atlas_model::csv::import_csv(&text).unwrap_err();
        assert_eq!(row_errors.len(), 3, "{row_errors:?}");
        for error in header_errors.iter().chain(&row_errors) {
            assert_ne!(error.kind, CsvProblem::Other, "{error:?}");
            assert_eq!(csv_problem_text(error, Lang::En), error.message, "{error:?}");
            for lang in [Lang::Zh, Lang::Fr] {
                let text = csv_problem_text(error, lang);
                assert_ne!(text, error.message, "{error:?} in {lang:?}");
                assert!(!text.contains('{'), "{text}");
            }
        }
    }
}
