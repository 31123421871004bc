//! The strings of the studio page (studio.html, the maintainers' editor), in English,
//! Simplified Chinese and French. A catalog of its own beside [`super::Message`], so the
//! editor's words change in one file and the atlas's wasm never links them (only the
//! studio calls them); same rule: every arm lists `[en, zh, fr]`.

use super::errors::fill;
use health_atlas_model::csv::{CsvError, CsvProblem, RecordProblem};
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
    ChooseRole,
    PrecisionVenue,
    PrecisionCity,
    PrecisionRegion,
    PrecisionCountry,
    QualifierExact,
    QualifierMoreThan,
    QualifierAbout,
    DatasetHeading,
    DatasetDescription,
    StoriesKept,
    ReplaceDraft,
    SaveXlsxFailed,
    StoriesHeading,
    StepHeading,
    StepNarrative,
    StepEvents,
    StepFilter,
    StepQuotes,
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
            M::ChooseRole => ["(choose a role)", "（选择角色）", "(choisir un rôle)"],
            M::PrecisionVenue => ["the venue itself", "具体场馆", "le lieu même"],
            M::PrecisionCity => ["its city", "所在城市", "sa ville"],
            M::PrecisionRegion => ["its region", "所在地区", "sa région"],
            M::PrecisionCountry => ["its country", "所在国家", "son pays"],
            M::QualifierExact => ["exactly", "确切", "exactement"],
            M::QualifierMoreThan => ["more than", "超过", "plus de"],
            M::QualifierAbout => ["about", "约", "environ"],
            M::DatasetHeading => ["The file", "文件", "Le fichier"],
            M::DatasetDescription => [
                "Description (what these events cover, for maintainers)",
                "说明（这些事件涵盖的内容，供维护者阅读）",
                "Description (ce que couvrent ces événements, pour les mainteneurs)",
            ],
            M::StoriesKept => [
                "{0} stories, saved with the events. Their words are edited here; each step's timeline window and map view are kept as they came (change them in the CSV or the workbook).",
                "{0} 个故事，随事件一起保存。可在此编辑其文字；各步骤的时间轴范围和地图视图保持原样（可在 CSV 或工作簿中修改）。",
                "{0} récits, enregistrés avec les événements. Leurs textes se modifient ici ; la fenêtre de la frise et la vue de la carte de chaque étape restent telles quelles (modifiez-les dans le CSV ou le classeur).",
            ],
            M::StoriesHeading => ["Stories", "故事", "Récits"],
            M::StepHeading => ["Step {0}", "第 {0} 步", "Étape {0}"],
            M::StepNarrative => ["Narrative", "叙述", "Récit de l'étape"],
            M::StepEvents => [
                "Events (ids separated by ;)",
                "事件（标识，用 ; 分隔）",
                "Événements (identifiants séparés par ;)",
            ],
            M::StepFilter => [
                "Filter, as in a link (e.g. cat=forum&from=2023-05-01; empty: none)",
                "筛选条件，与链接中的写法相同（如 cat=forum&from=2023-05-01；留空表示无）",
                "Filtre, comme dans un lien (p. ex. cat=forum&from=2023-05-01 ; vide : aucun)",
            ],
            M::StepQuotes => [
                "Quotes (one per line, verbatim)",
                "引文（每行一条，原文）",
                "Citations (une par ligne, mot pour mot)",
            ],
            M::SaveXlsxFailed => [
                "The workbook could not be written ({0}). Nothing was lost: save as events.json or CSV instead.",
                "无法写入工作簿（{0}）。没有丢失任何内容：请改存为 events.json 或 CSV。",
                "Le classeur n'a pas pu être écrit ({0}). Rien n'est perdu : enregistrez plutôt en events.json ou en CSV.",
            ],
            M::ReplaceDraft => [
                "Unsaved work from an earlier visit is still kept ({0}, {1} events). Opening other events discards it. Discard it and open?",
                "仍保留着上次未保存的工作（{0}，{1} 个事件）。打开其他事件会丢弃它。要丢弃并打开吗？",
                "Un travail non enregistré d'une visite précédente est encore conservé ({0}, {1} événements). Ouvrir d'autres événements l'abandonne. L'abandonner et ouvrir ?",
            ],
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

/// A CSV file's or a sheet's problem (what is wrong, what was expected) in `lang`. Every
/// kind the readers report has its own text in each language; the English one is the
/// reader's own message (`CsvError::message`, what `atlas-data` prints). Values are quoted
/// as the reader quotes them (`"picnic"`), so a blank or an odd character shows.
pub fn csv_problem_text(error: &CsvError, lang: Lang) -> String {
    csv_kind_text(&error.kind, lang)
}

fn quoted(value: &str) -> String {
    format!("{value:?}")
}

fn csv_kind_text(kind: &CsvProblem, lang: Lang) -> String {
    let pick = super::pick;
    match kind {
        CsvProblem::UnreadableHeader { detail } => fill(
            lang,
            [
                "cannot read the header row: {0}",
                "无法读取标题行：{0}",
                "impossible de lire la ligne d'en-tête : {0}",
            ],
            &[detail],
        ),
        CsvProblem::UnknownColumn { expected } => fill(
            lang,
            [
                "unknown column; expected one of: {0}",
                "未知的列；应为以下之一：{0}",
                "colonne inconnue ; l'une de celles-ci était attendue : {0}",
            ],
            &[expected],
        ),
        CsvProblem::DuplicateColumn => pick(
            lang,
            "column appears twice",
            "该列出现了两次",
            "la colonne apparaît deux fois",
        )
        .into(),
        CsvProblem::MissingColumn => pick(
            lang,
            "required column is missing",
            "缺少必需的列",
            "une colonne obligatoire manque",
        )
        .into(),
        CsvProblem::WrongCellCount { expected, found } => fill(
            lang,
            [
                "the row has {0} cells; expected {1}, one per column of the header row",
                "该行有 {0} 个单元格；应为 {1} 个，与标题行的列一一对应",
                "la ligne a {0} cellules ; {1} étaient attendues, une par colonne de la ligne d'en-tête",
            ],
            &[found, expected],
        ),
        CsvProblem::UnreadableRow { detail } => fill(
            lang,
            [
                "cannot read the row: {0}",
                "无法读取该行：{0}",
                "impossible de lire la ligne : {0}",
            ],
            &[detail],
        ),
        CsvProblem::NotACategory { value } => {
            let expected: Vec<&str> = health_atlas_model::Category::ALL
                .iter()
                .map(|category| category.slug())
                .collect();
            fill(
                lang,
                [
                    "{0} is not a category; expected one of: {1}",
                    "{0} 不是有效的类别；应为以下之一：{1}",
                    "{0} n'est pas une catégorie ; l'une de celles-ci était attendue : {1}",
                ],
                &[&quoted(value), &expected.join(", ")],
            )
        }
        CsvProblem::NotADate { value } => fill(
            lang,
            [
                "{0} is not a date; expected YYYY-MM-DD",
                "{0} 不是日期；应为 YYYY-MM-DD",
                "{0} n'est pas une date ; AAAA-MM-JJ était attendu",
            ],
            &[&quoted(value)],
        ),
        CsvProblem::NotAPrecision { value } => fill(
            lang,
            [
                "{0} is not a precision; expected exact, approximate, month or year",
                "{0} 不是有效的精度；应为 exact、approximate、month 或 year",
                "{0} n'est pas une précision ; exact, approximate, month ou year était attendu",
            ],
            &[&quoted(value)],
        ),
        CsvProblem::NotARelation { value } => fill(
            lang,
            [
                "{0} is not a relation; expected kind:event-id with kind part_of, follow_up or related",
                "{0} 不是有效的关联；应为 类型:事件标识，类型为 part_of、follow_up 或 related",
                "{0} n'est pas un lien ; type:identifiant-d-événement était attendu, avec le type part_of, follow_up ou related",
            ],
            &[&quoted(value)],
        ),
        CsvProblem::Record { record, problem } => fill(
            lang,
            ["record {0}: {1}", "第 {0} 条记录：{1}", "enregistrement {0} : {1}"],
            &[record, &record_problem_text(problem, lang)],
        ),
        CsvProblem::EmptyStoryId => pick(
            lang,
            "is empty; expected the story's id",
            "为空；应为故事的标识",
            "est vide ; l'identifiant du récit était attendu",
        )
        .into(),
        CsvProblem::StoryNotConsecutive { id } => fill(
            lang,
            [
                "{0} appeared on earlier rows; keep a story's steps on consecutive rows",
                "{0} 已出现在前面的行中；同一故事的各步骤应放在连续的行上",
                "{0} figure déjà sur des lignes précédentes ; gardez les étapes d'un récit sur des lignes consécutives",
            ],
            &[&quoted(id)],
        ),
        CsvProblem::DiffersFromFirstRow => pick(
            lang,
            "differs from the story's first row; leave it empty or repeat it",
            "与该故事第一行不同；请留空或照抄第一行",
            "diffère de la première ligne du récit ; laissez-la vide ou répétez-la",
        )
        .into(),
        CsvProblem::NotTheNextStep { value, expected } => fill(
            lang,
            [
                "{0} is not the next step; expected {1}",
                "{0} 不是下一步；应为 {1}",
                "{0} n'est pas l'étape suivante ; {1} était attendu",
            ],
            &[&quoted(value), expected],
        ),
        CsvProblem::NotAView { lat, lon, zoom } => fill(
            lang,
            [
                "{0}, {1}, {2} is not a view; expected three numbers (view_lat, view_lon, view_zoom) or none",
                "{0}、{1}、{2} 不是有效的视图；应为三个数字（view_lat、view_lon、view_zoom）或全部留空",
                "{0}, {1}, {2} n'est pas une vue ; trois nombres (view_lat, view_lon, view_zoom) ou aucun étaient attendus",
            ],
            &[&quoted(lat), &quoted(lon), &quoted(zoom)],
        ),
        CsvProblem::ValueWithoutHeader => pick(
            lang,
            "a value in a column without a header; expected every value under a named column",
            "没有标题的列中有值；所有值都应位于有名称的列下",
            "une valeur dans une colonne sans en-tête ; chaque valeur doit être sous une colonne nommée",
        )
        .into(),
    }
}

/// One record of a multi-record cell (`key=value | key=value`): what is wrong with it.
fn record_problem_text(problem: &RecordProblem, lang: Lang) -> String {
    match problem {
        RecordProblem::NotKeyValue { part } => fill(
            lang,
            [
                "{0} is not key=value",
                "{0} 不是 键=值 的形式",
                "{0} n'est pas de la forme clé=valeur",
            ],
            &[&quoted(part)],
        ),
        RecordProblem::DuplicateKey { key } => fill(
            lang,
            [
                "key {0} appears twice",
                "键 {0} 出现了两次",
                "la clé {0} apparaît deux fois",
            ],
            &[&quoted(key)],
        ),
        RecordProblem::UnknownKey { key, expected } => fill(
            lang,
            [
                "unknown key {0}; expected one of: {1}",
                "未知的键 {0}；应为以下之一：{1}",
                "clé inconnue {0} ; l'une de celles-ci était attendue : {1}",
            ],
            &[&quoted(key), expected],
        ),
        RecordProblem::UnknownEscape { escape } => fill(
            lang,
            [
                "unknown escape \\{0}; expected \\|, \\n, \\s or \\\\",
                "未知的转义 \\{0}；应为 \\|、\\n、\\s 或 \\\\",
                "échappement inconnu \\{0} ; \\|, \\n, \\s ou \\\\ était attendu",
            ],
            &[escape],
        ),
        RecordProblem::LoneBackslash => super::pick(
            lang,
            "a value ends with a lone backslash; write \\\\ for a backslash",
            "某个值以单个反斜杠结尾；反斜杠本身请写作 \\\\",
            "une valeur se termine par une barre oblique inverse seule ; écrivez \\\\ pour une barre oblique inverse",
        )
        .into(),
        RecordProblem::NotANumber { key, value } => fill(
            lang,
            [
                "{0}: {1} is not a number",
                "{0}：{1} 不是数字",
                "{0} : {1} n'est pas un nombre",
            ],
            &[key, &quoted(value)],
        ),
        RecordProblem::NotAPlacePrecision { value } => fill(
            lang,
            [
                "precision: {0} is not venue, city, region or country",
                "precision：{0} 不是 venue、city、region 或 country",
                "precision : {0} n'est pas venue, city, region ou country",
            ],
            &[&quoted(value)],
        ),
        RecordProblem::NotAQualifier { value } => fill(
            lang,
            [
                "qualifier: {0} is not exact, more_than or about",
                "qualifier：{0} 不是 exact、more_than 或 about",
                "qualifier : {0} n'est pas exact, more_than ou about",
            ],
            &[&quoted(value)],
        ),
        RecordProblem::NotADate { key, value } => fill(
            lang,
            [
                "{0}: {1} is not a date; expected YYYY-MM-DD",
                "{0}：{1} 不是日期；应为 YYYY-MM-DD",
                "{0} : {1} n'est pas une date ; AAAA-MM-JJ était attendu",
            ],
            &[key, &quoted(value)],
        ),
    }
}

pub fn studio_sheet_cell(sheet: &str, lang: Lang) -> String {
    fill(lang, ["sheet {0}", "工作表 {0}", "feuille {0}"], &[&sheet])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_common_roles_are_translated() {
        for role in health_atlas_model::ORGANISATION_ROLES
            .iter()
            .chain(&health_atlas_model::PERSON_ROLES)
        {
            let zh = super::super::role_label(role, Lang::Zh);
            assert!(zh.chars().all(|c| !c.is_ascii()), "{role}: {zh}");
            assert_ne!(super::super::role_label(role, Lang::Fr), zh);
        }
    }

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
        for lang in Lang::ALL {
            let text = StudioMessage::ReplaceDraft.with(lang, &[&"a.json", &3]);
            assert!(text.contains("a.json") && !text.contains('{'), "{text}");
            let text = StudioMessage::SaveXlsxFailed.with(lang, &[&"cell too long"]);
            assert!(text.contains("cell too long") && !text.contains('{'), "{text}");
        }
    }

    #[test]
    fn csv_problems_are_told_in_each_language_and_in_english_as_the_cli_says_them() {
        let text = "id,title_en,category,start,precision,sources,colour\na,A,picnic,2024-13-01,daily,file=f | language=en | quote=q,red\n";
        let header_errors = health_atlas_model::csv::import_csv(text).unwrap_err();
        let text = text.replace(",colour", "").replace(",red", "");
        let row_errors = health_atlas_model::csv::import_csv(&text).unwrap_err();
        assert_eq!(row_errors.len(), 3, "{row_errors:?}");
        // The rarer ones: nested records, relation syntax, a ragged row, story rows.
        let header = "id,title_en,category,start,precision,relations,places,sources";
        let rare = format!(
            "{header}\n\
             a,A,forum,2024-01-02,exact,next:b,name.en=X | lat=north | lon=1 | precision=city,file=f | language=en | quote=q\n\
             b,B,forum,2024-01-02,exact,,nom=X,file=f | language=en | quote=q | published=soon\n\
             c,C,forum\n"
        );
        let rare_errors = health_atlas_model::csv::import_csv(&rare).unwrap_err();
        assert_eq!(rare_errors.len(), 5, "{rare_errors:?}");
        let stories = "story,step,events,view_lat,view_lon,view_zoom\n,1,a,,,\ns,2,a,1,x,3\nt,1,a,,,\ns,1,a,,,\n";
        let story_errors = health_atlas_model::csv::import_stories_csv(stories).unwrap_err();
        assert_eq!(story_errors.len(), 4, "{story_errors:?}");
        for error in header_errors
            .iter()
            .chain(&row_errors)
            .chain(&rare_errors)
            .chain(&story_errors)
        {
            assert_eq!(csv_problem_text(error, Lang::En), error.message, "{error:?}");
            for lang in [Lang::Zh, Lang::Fr] {
                let text = csv_problem_text(error, lang);
                assert_ne!(text, error.message, "{error:?} in {lang:?}");
                assert!(!text.contains('{'), "{text}");
            }
        }
    }

    /// One of each record problem, and which it is: a new kind fails to compile here until
    /// it has a sample (the match has no catch-all).
    fn record_samples() -> Vec<(usize, RecordProblem)> {
        let samples = vec![
            RecordProblem::NotKeyValue { part: "nom".into() },
            RecordProblem::DuplicateKey { key: "lat".into() },
            RecordProblem::UnknownKey {
                key: "nom".into(),
                expected: "name.en, role".into(),
            },
            RecordProblem::UnknownEscape { escape: 'q' },
            RecordProblem::LoneBackslash,
            RecordProblem::NotANumber {
                key: "lat".into(),
                value: "north".into(),
            },
            RecordProblem::NotAPlacePrecision { value: "street".into() },
            RecordProblem::NotAQualifier { value: "nearly".into() },
            RecordProblem::NotADate {
                key: "published".into(),
                value: "soon".into(),
            },
        ];
        samples
            .into_iter()
            .map(|problem| {
                let which = match problem {
                    RecordProblem::NotKeyValue { .. } => 0,
                    RecordProblem::DuplicateKey { .. } => 1,
                    RecordProblem::UnknownKey { .. } => 2,
                    RecordProblem::UnknownEscape { .. } => 3,
                    RecordProblem::LoneBackslash => 4,
                    RecordProblem::NotANumber { .. } => 5,
                    RecordProblem::NotAPlacePrecision { .. } => 6,
                    RecordProblem::NotAQualifier { .. } => 7,
                    RecordProblem::NotADate { .. } => 8,
                };
                (which, problem)
            })
            .collect()
    }

    /// One of each CSV problem, and which it is (as [`record_samples`]).
    fn csv_samples() -> Vec<(usize, CsvProblem)> {
        let value = || "x y".to_owned();
        let mut samples = vec![
            CsvProblem::UnreadableHeader { detail: "bad".into() },
            CsvProblem::UnknownColumn {
                expected: "id, title_en".into(),
            },
            CsvProblem::DuplicateColumn,
            CsvProblem::MissingColumn,
            CsvProblem::WrongCellCount { expected: 20, found: 3 },
            CsvProblem::UnreadableRow { detail: "bad".into() },
            CsvProblem::NotACategory { value: value() },
            CsvProblem::NotADate { value: value() },
            CsvProblem::NotAPrecision { value: value() },
            CsvProblem::NotARelation { value: value() },
            CsvProblem::EmptyStoryId,
            CsvProblem::StoryNotConsecutive { id: value() },
            CsvProblem::DiffersFromFirstRow,
            CsvProblem::NotTheNextStep {
                value: value(),
                expected: 2,
            },
            CsvProblem::NotAView {
                lat: "1".into(),
                lon: value(),
                zoom: "3".into(),
            },
            CsvProblem::ValueWithoutHeader,
        ];
        samples.extend(
            record_samples()
                .into_iter()
                .map(|(_, problem)| CsvProblem::Record { record: 2, problem }),
        );
        samples
            .into_iter()
            .map(|problem| {
                let which = match problem {
                    CsvProblem::UnreadableHeader { .. } => 0,
                    CsvProblem::UnknownColumn { .. } => 1,
                    CsvProblem::DuplicateColumn => 2,
                    CsvProblem::MissingColumn => 3,
                    CsvProblem::WrongCellCount { .. } => 4,
                    CsvProblem::UnreadableRow { .. } => 5,
                    CsvProblem::NotACategory { .. } => 6,
                    CsvProblem::NotADate { .. } => 7,
                    CsvProblem::NotAPrecision { .. } => 8,
                    CsvProblem::NotARelation { .. } => 9,
                    CsvProblem::Record { .. } => 10,
                    CsvProblem::EmptyStoryId => 11,
                    CsvProblem::StoryNotConsecutive { .. } => 12,
                    CsvProblem::DiffersFromFirstRow => 13,
                    CsvProblem::NotTheNextStep { .. } => 14,
                    CsvProblem::NotAView { .. } => 15,
                    CsvProblem::ValueWithoutHeader => 16,
                };
                (which, problem)
            })
            .collect()
    }

    #[test]
    fn every_csv_and_workbook_message_has_its_own_text_in_each_language() {
        let kinds: std::collections::BTreeSet<usize> = csv_samples().iter().map(|(which, _)| *which).collect();
        assert_eq!(kinds, (0..=16).collect(), "a sample of every CsvProblem");
        let records: std::collections::BTreeSet<usize> = record_samples().iter().map(|(which, _)| *which).collect();
        assert_eq!(records, (0..=8).collect(), "a sample of every RecordProblem");
        for (_, kind) in csv_samples() {
            let error = CsvError::new(Some(2), Some("places".into()), kind);
            let [en, zh, fr] = Lang::ALL.map(|lang| csv_problem_text(&error, lang));
            // English is what the reader itself says (the CLI's message).
            assert_eq!(en, error.message, "{error:?}");
            for (lang, text) in [(Lang::Zh, &zh), (Lang::Fr, &fr)] {
                assert_ne!(text, &en, "{:?} in {lang:?} is the English fallback", error.kind);
                assert!(!text.contains("{0}") && !text.contains("{1}"), "{text}");
            }
            assert_ne!(zh, fr, "{:?}", error.kind);
            // The Chinese text is Chinese: it has a CJK character.
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{:?} in Chinese: {zh}",
                error.kind
            );
        }
    }
}
